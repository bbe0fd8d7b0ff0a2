/* poe-notifier.h
 *
 * Desktop notifications (libnotify): a flight with families expected has landed, a
 * family's connection turned red, a new conflict, syncing failing for more than ten
 * minutes. Never a name: case numbers and initials only. Rate-limited per subject and
 * overall. Without a notification service it says so once and carries on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-store.h"
#include "poe-sync-engine.h"

G_BEGIN_DECLS

#define POE_TYPE_NOTIFIER (poe_notifier_get_type ())

G_DECLARE_FINAL_TYPE (PoeNotifier, poe_notifier, POE, NOTIFIER, GObject)

PoeNotifier *poe_notifier_new                (const char    *app_name);
void         poe_notifier_set_store          (PoeNotifier   *self,
                                              PoeStore      *store);
void         poe_notifier_set_engine         (PoeNotifier   *self,
                                              PoeSyncEngine *engine);
void         poe_notifier_set_enabled        (PoeNotifier   *self,
                                              gboolean       enabled);
gboolean     poe_notifier_get_available      (PoeNotifier   *self);
guint        poe_notifier_get_n_sent         (PoeNotifier   *self);
gboolean     poe_notifier_is_watching        (PoeNotifier   *self);
void         poe_notifier_check_sync_failure (PoeNotifier   *self);

G_END_DECLS
