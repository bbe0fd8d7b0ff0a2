/* poe-sync-status.h
 *
 * The sync indicator of the header bar: online / offline / syncing and the number of
 * pending changes; its popover lists them, says the last error in plain words, offers
 * "Sync Now" and opens the conflicts inbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-store.h"
#include "poe-sync-engine.h"

G_BEGIN_DECLS

#define POE_TYPE_SYNC_STATUS (poe_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (PoeSyncStatus, poe_sync_status, POE, SYNC_STATUS, GtkWidget)

void           poe_sync_status_set_engine  (PoeSyncStatus *self,
                                            PoeSyncEngine *engine);
PoeSyncEngine *poe_sync_status_get_engine  (PoeSyncStatus *self);
void           poe_sync_status_set_store   (PoeSyncStatus *self,
                                            PoeStore      *store);
const char    *poe_sync_status_get_summary (PoeSyncStatus *self);
void           poe_sync_status_popup       (PoeSyncStatus *self);
gboolean       poe_sync_state_is_offline   (PoeSyncState   state);

G_END_DECLS
