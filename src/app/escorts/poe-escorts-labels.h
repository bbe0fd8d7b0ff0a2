/* poe-escorts-labels.h
 *
 * Words for hand-offs and vouchers (receiving parties, states, documents, voucher kinds)
 * and the small reads the escorts widgets share: the POE's time zone, a family's title,
 * who holds it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "poe-custody.h"
#include "poe-store.h"

G_BEGIN_DECLS

const char *poe_handoff_kind_label        (const char             *kind);
const char *poe_handoff_document_label    (const char             *document);
const char *poe_voucher_kind_label        (const char             *kind);
char       *poe_handoff_dup_documents     (PoeRecord              *handoff);
char       *poe_handoff_dup_state_text    (PoeRecord              *handoff,
                                           GTimeZone              *zone);
char       *poe_custody_holder_dup_text   (const PoeCustodyHolder *holder,
                                           gboolean                reveal_names);
char       *poe_handoff_dup_party         (const char             *kind,
                                           const char             *name,
                                           gboolean                reveal_names);
char       *poe_escorts_dup_case_title    (PoeStore               *store,
                                           PoeRecord              *kase,
                                           gboolean                reveal_names,
                                           GError                **error);
char       *poe_escorts_dup_today         (GTimeZone              *zone);
void        poe_escorts_clear_list        (GtkListBox             *list);

G_END_DECLS
