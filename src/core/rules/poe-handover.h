/* poe-handover.h
 *
 * The end of a family's reception: a hand-off written together with the hand-over steps of
 * the checklist it completes, and a case closed by the rule book (poe_custody_check_status()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

gboolean poe_handoff_completes_handover (PoeRecord   *handoff);
gboolean poe_handoff_save               (PoeStore    *store,
                                         PoeRecord   *handoff,
                                         GError     **error);
gboolean poe_case_check_close           (PoeStore    *store,
                                         const char  *case_id,
                                         GError     **error);
gboolean poe_case_close                 (PoeStore    *store,
                                         const char  *case_id,
                                         GError     **error);

G_END_DECLS
