/* poe-vouchers-view.h
 *
 * The vouchers of one family (hotel, meal, ground transport, MCO): the list, and a form
 * to record a new one issued by the signed-in user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_VOUCHERS_VIEW (poe_vouchers_view_get_type ())

G_DECLARE_FINAL_TYPE (PoeVouchersView, poe_vouchers_view, POE, VOUCHERS_VIEW, GtkWidget)

GtkWidget  *poe_vouchers_view_new              (void);
void        poe_vouchers_view_set_case         (PoeVouchersView *self,
                                                PoeSession      *session,
                                                const char      *case_id);
const char *poe_vouchers_view_get_case_id      (PoeVouchersView *self);
void        poe_vouchers_view_set_reveal_names (PoeVouchersView *self,
                                                gboolean         reveal_names);
gboolean    poe_vouchers_view_save             (PoeVouchersView *self,
                                                GError         **error);
guint       poe_vouchers_view_get_n_vouchers   (PoeVouchersView *self);
void        poe_vouchers_view_reload           (PoeVouchersView *self);

G_END_DECLS
