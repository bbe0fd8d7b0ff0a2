/* poe-escorts-page.h
 *
 * The hand-offs of the shift: those waiting for the signed-in user (accept or decline with
 * a reason; confirm a hand-over to an outside party), the families not yet handed over near
 * the end of the shift, the shift's hand-offs, and the day's voucher totals with a CSV
 * export for invoice reconciliation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_ESCORTS_PAGE (poe_escorts_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeEscortsPage, poe_escorts_page, POE, ESCORTS_PAGE, GtkWidget)

PoeSession *poe_escorts_page_get_session           (PoeEscortsPage      *self);
void        poe_escorts_page_set_session           (PoeEscortsPage      *self,
                                                    PoeSession          *session);
void        poe_escorts_page_set_reveal_names      (PoeEscortsPage      *self,
                                                    gboolean             reveal_names);
void        poe_escorts_page_set_shift_margin      (PoeEscortsPage      *self,
                                                    GTimeSpan            margin);
void        poe_escorts_page_reload                (PoeEscortsPage      *self);

gboolean    poe_escorts_page_accept                (PoeEscortsPage      *self,
                                                    const char          *handoff_id,
                                                    GError             **error);
gboolean    poe_escorts_page_decline               (PoeEscortsPage      *self,
                                                    const char          *handoff_id,
                                                    const char          *reason,
                                                    GError             **error);
gboolean    poe_escorts_page_confirm               (PoeEscortsPage      *self,
                                                    const char          *handoff_id,
                                                    GError             **error);
gboolean    poe_escorts_page_mark_handed_over      (PoeEscortsPage      *self,
                                                    const char          *case_id,
                                                    GError             **error);
GtkWidget  *poe_escorts_page_open_handoff          (PoeEscortsPage      *self,
                                                    const char          *case_id,
                                                    const char          *person_id);

guint       poe_escorts_page_get_n_waiting         (PoeEscortsPage      *self);
guint       poe_escorts_page_get_n_due             (PoeEscortsPage      *self);

void        poe_escorts_page_export_vouchers_async (PoeEscortsPage      *self,
                                                    GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean    poe_escorts_page_export_vouchers_finish (PoeEscortsPage     *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
