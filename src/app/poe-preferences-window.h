/* poe-preferences-window.h
 *
 * The Preferences window over the app's GSettings: server and port of entry, notifications,
 * names shown by default, locking, and the purge of personal data after hand-over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_PREFERENCES_WINDOW (poe_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PoePreferencesWindow, poe_preferences_window, POE, PREFERENCES_WINDOW, AdwPreferencesWindow)

PoePreferencesWindow *poe_preferences_window_new (GSettings *settings);

G_END_DECLS
