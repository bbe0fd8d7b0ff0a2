/* poe-window.h
 *
 * The main window: the sign-in, lock or the pages (board, families, escorts, incidents,
 * shifts, reports), as the session stands. Others ask it to show a family or a flight,
 * switch pages or add a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-application.h"
#include "common/poe-notifier.h"
#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_WINDOW (poe_window_get_type ())

G_DECLARE_FINAL_TYPE (PoeWindow, poe_window, POE, WINDOW, AdwApplicationWindow)

PoeWindow  *poe_window_new              (PoeApplication *application);
PoeWindow  *poe_window_new_for_session  (PoeApplication *application,
                                         PoeSession     *session);
const char *poe_window_get_visible_page (PoeWindow      *self);
void        poe_window_set_visible_page (PoeWindow      *self,
                                         const char     *page_name);
void        poe_window_show_case        (PoeWindow      *self,
                                         const char     *case_id);
void        poe_window_show_flight      (PoeWindow      *self,
                                         const char     *flight_id);
PoeNotifier *poe_window_get_notifier    (PoeWindow      *self);
void        poe_window_add_toast        (PoeWindow      *self,
                                         AdwToast       *toast);
const char *poe_window_get_read_error   (PoeWindow      *self);

G_END_DECLS
