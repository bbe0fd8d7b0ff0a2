/* poe-handoff-dialog.h
 *
 * The hand-off form: a family (or one member) and documents from their current holder to
 * a staff member, who accepts it, or to an outside party, which the giver confirms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_HANDOFF_DIALOG (poe_handoff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PoeHandoffDialog, poe_handoff_dialog, POE, HANDOFF_DIALOG, AdwWindow)

GtkWidget  *poe_handoff_dialog_new          (PoeSession       *session,
                                             const char       *case_id,
                                             const char       *person_id);
gboolean    poe_handoff_dialog_save         (PoeHandoffDialog *self,
                                             GError          **error);
const char *poe_handoff_dialog_get_case_id  (PoeHandoffDialog *self);

G_END_DECLS
