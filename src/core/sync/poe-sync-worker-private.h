/* poe-sync-worker-private.h
 *
 * Shared by the files of the sync worker thread: the cycle and its waits
 * (poe-sync-worker.c), the push of the outbox (poe-sync-push.c) and the pull of the change
 * feed (poe-sync-pull.c). Sync is the thread's own state; nothing here is touched by the
 * main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-http.h"
#include "poe-store-private.h"
#include "poe-sync-engine-private.h"

G_BEGIN_DECLS

#define POE_SYNC_PUSH_BATCH      500    /* mutations a push request, at most */
#define POE_SYNC_PULL_LIMIT      1000   /* changes a page of the feed, at most */
#define POE_SYNC_MAX_RETRY_AFTER 3600   /* seconds of Retry-After honoured, at most */

typedef struct
{
  PoeSyncWorker *worker;
  PoeStore      *store;
  PoeHttp       *http;
  PoeSyncStatus  status;         /* as last posted */
  guint          token_serial;   /* of the token the PoeHttp holds */
  guint          failures;       /* in a row */
  gint64         retry_after;    /* seconds the server asked for; -1 when none */
  guint          push_batch;
  gboolean       caught_up;      /* the last page had no "more": poll next */
  gboolean       cursor_reset;   /* the feed refused the cursor once already */
} PoeSync;

/* poe-sync-worker.c */
void          _poe_sync_post_status      (PoeSync           *sync,
                                          PoeSyncState       state);
GCancellable *_poe_sync_begin_request    (PoeSync           *sync,
                                          gboolean           is_poll,
                                          GError           **error);
void          _poe_sync_end_request      (PoeSync           *sync,
                                          PoeHttpResponse   *answer);
gboolean      _poe_sync_send_request     (PoeSync           *sync,
                                          const char        *method,
                                          const char        *path,
                                          JsonNode          *body,
                                          guint              wait,
                                          PoeHttpResponse  **response,
                                          GError           **error);
gboolean      _poe_sync_set_bad_answer   (GError           **error,
                                          const char        *what);
const char   *_poe_sync_member_string    (JsonObject        *object,
                                          const char        *name);

/* poe-sync-push.c */
gboolean      _poe_sync_push_outbox      (PoeSync           *sync,
                                          GError           **error);

/* poe-sync-pull.c */
gboolean      _poe_sync_pull_changes     (PoeSync           *sync,
                                          gboolean           poll,
                                          GError           **error);

G_END_DECLS
