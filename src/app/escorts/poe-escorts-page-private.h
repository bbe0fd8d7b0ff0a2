/* poe-escorts-page-private.h
 *
 * The escorts page is split by concern: poe-escorts-page.c reads the shift and builds the
 * rows; poe-escorts-page-actions.c answers hand-offs, marks families handed over and
 * exports the vouchers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-read-error.h"

#include "poe-escorts-page.h"

G_BEGIN_DECLS

struct _PoeEscortsPage
{
  GtkWidget             parent_instance;

  PoeSession           *session;
  GSignalGroup         *session_signals;
  PoeStore             *store;
  GSignalGroup         *store_signals;
  GTimeZone            *zone;
  gboolean              reveal_names;
  GTimeSpan             margin;
  guint                 n_waiting;
  guint                 n_due;
  guint                 n_vouchers;
  guint                 reload_id;
  gboolean              dirty;      /* to read again once the page is shown */
  guint                 clock_id;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  AdwPreferencesGroup  *waiting_group;
  GtkListBox           *waiting_list;
  AdwPreferencesGroup  *due_group;
  GtkListBox           *due_list;
  AdwPreferencesGroup  *done_group;
  GtkListBox           *done_list;
  AdwPreferencesGroup  *vouchers_group;
  GtkListBox           *totals_list;
  PoeReadErrorPage     *error_page;
};

void _poe_escorts_page_install_actions (GtkWidgetClass *widget_class);
void _poe_escorts_page_toast           (PoeEscortsPage *self,
                                        const char     *message);

G_END_DECLS
