/* poe-sync-engine-private.h
 *
 * Shared by poe-sync-engine.c (the GObject, main thread) and poe-sync-worker.c (the worker
 * thread). The worker never touches the GObject: it reports through _poe_sync_engine_post_*,
 * which hop to the engine's main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-sync-engine.h"

G_BEGIN_DECLS

typedef struct
{
  PoeSyncState  state;
  guint         pending;
  guint         rejected;
  guint         conflicts;
  char         *last_error;  /* nullable */
  GDateTime    *last_sync;   /* nullable */
} PoeSyncStatus;

typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GCond            cond;

  /* Set on the main thread before the thread starts; read-only while it runs. */
  char            *store_path;
  char            *server_url;
  char            *ca_file;
  GMainContext    *main_context;
  GWeakRef         engine;
  guint            generation;
  guint            poll_wait;         /* seconds */
  guint            backoff_base_ms;
  guint            backoff_max_ms;
  guint            connect_timeout;   /* seconds */
  guint            request_timeout;   /* seconds */

  /* Under mutex */
  char            *token;
  guint            token_serial;      /* bumped by each poe_sync_engine_set_token() */
  gboolean         stopping;
  gboolean         wake;              /* local writes: skip or abort the long poll */
  gboolean         retry;             /* sync now: also cut a backoff short */
  GCancellable    *request;           /* the request running now */
  gboolean         request_is_poll;
} PoeSyncWorker;

PoeSyncWorker *_poe_sync_worker_ref           (PoeSyncWorker       *worker);
void           _poe_sync_worker_unref         (PoeSyncWorker       *worker);
gpointer       _poe_sync_worker_run           (gpointer             data);

void           _poe_sync_status_clear         (PoeSyncStatus       *status);
void           _poe_sync_engine_post_status   (PoeSyncWorker       *worker,
                                               guint                generation,
                                               const PoeSyncStatus *status);
void           _poe_sync_engine_post_changes  (PoeSyncWorker       *worker,
                                               const char          *entity,
                                               const char * const  *ids,
                                               PoeStoreChange       origin);

void           _poe_sync_engine_get_connection (PoeSyncEngine     *self,
                                                const char       **server_url,
                                                const char       **ca_file,
                                                const char       **token,
                                                guint             *connect_timeout,
                                                guint             *request_timeout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeSyncWorker, _poe_sync_worker_unref)

G_END_DECLS
