/* poe-abn-dialog.h
 *
 * A lead imports the day's advance booking notification (ABN) from the app: a file chosen,
 * checked here with every bad line listed, then uploaded to the server, which imports it
 * all or nothing (POST /v1/import/abn).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_ABN_DIALOG (poe_abn_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PoeAbnDialog, poe_abn_dialog, POE, ABN_DIALOG, AdwWindow)

GtkWidget *poe_abn_dialog_new         (PoeSession   *session);
void       poe_abn_dialog_choose_file (PoeAbnDialog *self);
void       poe_abn_dialog_load        (PoeAbnDialog *self,
                                       const char   *name,
                                       GBytes       *contents);
gboolean   poe_abn_dialog_get_ready   (PoeAbnDialog *self);

G_END_DECLS
