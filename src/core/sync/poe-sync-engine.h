/* poe-sync-engine.h
 *
 * Keeps a local store in sync with poe-central (docs/protocol.md): pushes the outbox, pulls
 * the change feed, on a worker thread with its own store connection. State and results
 * reach the main context the engine was created in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include <json-glib/json-glib.h>

#include "poe-store.h"

G_BEGIN_DECLS

typedef enum
{
  POE_SYNC_STATE_OFFLINE,        /* not running, or the server cannot be reached */
  POE_SYNC_STATE_CONNECTING,     /* first contact, or retrying after a failure */
  POE_SYNC_STATE_SYNCING,        /* sending changes or catching up */
  POE_SYNC_STATE_IDLE,           /* up to date, waiting for changes */
  POE_SYNC_STATE_ERROR,          /* the server or its answers failed; retrying later */
  POE_SYNC_STATE_NEEDS_SIGN_IN,  /* no token, or the server refused it: sign in again */
} PoeSyncState;

#define POE_TYPE_SYNC_STATE (poe_sync_state_get_type ())
#define POE_TYPE_SYNC_ENGINE (poe_sync_engine_get_type ())

GType poe_sync_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (PoeSyncEngine, poe_sync_engine, POE, SYNC_ENGINE, GObject)

PoeSyncEngine *poe_sync_engine_new                (const char    *store_path,
                                                   const char    *server_url,
                                                   const char    *ca_file);
void           poe_sync_engine_set_token          (PoeSyncEngine *self,
                                                   const char    *token);
void           poe_sync_engine_set_ui_store       (PoeSyncEngine *self,
                                                   PoeStore      *store);
void           poe_sync_engine_start              (PoeSyncEngine *self);
void           poe_sync_engine_stop               (PoeSyncEngine *self);
void           poe_sync_engine_sync_now           (PoeSyncEngine *self);
void           poe_sync_engine_request_async      (PoeSyncEngine       *self,
                                                   const char          *method,
                                                   const char          *path,
                                                   JsonNode            *body,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonNode      *poe_sync_engine_request_finish     (PoeSyncEngine       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gboolean       poe_sync_engine_is_running         (PoeSyncEngine *self);

PoeSyncState   poe_sync_engine_get_state          (PoeSyncEngine *self);
guint          poe_sync_engine_get_pending_count  (PoeSyncEngine *self);
guint          poe_sync_engine_get_rejected_count (PoeSyncEngine *self);
guint          poe_sync_engine_get_conflict_count (PoeSyncEngine *self);
const char    *poe_sync_engine_get_last_error     (PoeSyncEngine *self);
GDateTime     *poe_sync_engine_get_last_sync      (PoeSyncEngine *self);

/* Tuning, mostly for tests; read at the next start. The environment variables
 * POE_SYNC_POLL_WAIT, POE_SYNC_BACKOFF_BASE_MS and POE_SYNC_BACKOFF_MAX_MS set the defaults. */
void           poe_sync_engine_set_poll_wait      (PoeSyncEngine *self,
                                                   guint          seconds);
void           poe_sync_engine_set_backoff        (PoeSyncEngine *self,
                                                   guint          base_ms,
                                                   guint          max_ms);
void           poe_sync_engine_set_timeouts       (PoeSyncEngine *self,
                                                   guint          connect_seconds,
                                                   guint          request_seconds);

G_END_DECLS
