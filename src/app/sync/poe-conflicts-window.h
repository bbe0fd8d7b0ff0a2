/* poe-conflicts-window.h
 *
 * The conflicts inbox: for each field that someone else changed on the server while this
 * computer changed it too, both values, who and when; keep mine, take theirs, or edit.
 * Each answer is a new mutation in the outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-store.h"

G_BEGIN_DECLS

#define POE_TYPE_CONFLICTS_WINDOW (poe_conflicts_window_get_type ())

G_DECLARE_FINAL_TYPE (PoeConflictsWindow, poe_conflicts_window, POE, CONFLICTS_WINDOW, AdwWindow)

PoeConflictsWindow *poe_conflicts_window_new        (PoeStore           *store);
guint               poe_conflicts_window_get_count  (PoeConflictsWindow *self);

G_END_DECLS
