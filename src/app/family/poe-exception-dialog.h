/* poe-exception-dialog.h
 *
 * The dialogs of a case's exception path, opened from the family page: record a missed
 * connection, rebook the onward flight, switch the branch, record the overnight stay or a
 * ground transport. Each reads the case from the store, writes with one core call (one
 * transaction) and stays open, its input kept, with a message when the input is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-store.h"

G_BEGIN_DECLS

typedef enum
{
  POE_EXCEPTION_DIALOG_MISSED,
  POE_EXCEPTION_DIALOG_REBOOK,
  POE_EXCEPTION_DIALOG_BRANCH,
  POE_EXCEPTION_DIALOG_OVERNIGHT,
  POE_EXCEPTION_DIALOG_GROUND,
} PoeExceptionDialogKind;

#define POE_TYPE_EXCEPTION_DIALOG (poe_exception_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PoeExceptionDialog, poe_exception_dialog, POE, EXCEPTION_DIALOG, AdwWindow)

GtkWidget *poe_exception_dialog_new  (PoeStore               *store,
                                      const char             *case_id,
                                      PoeExceptionDialogKind  kind,
                                      gboolean                reveal_names);
gboolean   poe_exception_dialog_save (PoeExceptionDialog     *self);

G_END_DECLS
