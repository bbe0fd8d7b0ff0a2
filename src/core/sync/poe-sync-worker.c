/* poe-sync-worker.c
 *
 * The sync worker thread (docs/protocol.md, "Client behaviour"): its loop of cycles, the
 * waits between them, its requests and what it reports. Each cycle pushes the outbox in
 * order (poe-sync-push.c), then pulls the change feed (poe-sync-pull.c); once caught up the
 * pull becomes a long poll that a local write cuts short. Every answer is applied in one
 * store transaction (a page of changes together with its cursor, a push's results
 * together), so a crash at any point leaves the store as before the answer, and the next
 * push is simply a replay the server answers as "duplicate".
 *
 * The thread owns its store connection and its PoeHttp; it shares only PoeSyncWorker (under
 * its mutex) with the main thread and reports through _poe_sync_engine_post_*(): its state,
 * and each change its connection commits, with the change's origin (pulled, or outbox
 * progress), for the UI's store to announce.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-sync-worker-private.h"

#define STORE_BUSY_TIMEOUT   5000
#define JITTER               0.2

static void on_store_changed_cb (PoeStore           *store,
                                 const char         *entity,
                                 const char * const *ids,
                                 PoeStoreChange      origin,
                                 PoeSyncWorker      *worker);


/*
 * Auxiliary methods
 */

static gboolean
is_stopping (PoeSyncWorker *worker)
{
  gboolean stopping;

  g_mutex_lock (&worker->mutex);
  stopping = worker->stopping;
  g_mutex_unlock (&worker->mutex);

  return stopping;
}

static void
set_status_error (PoeSync    *sync,
                  const char *text)
{
  g_free (sync->status.last_error);
  sync->status.last_error = g_strdup (text);
}

/* Waits until @end (monotonic time; -1 for no limit); a new token, stop() and (when
 * @interruptible) sync_now() end it. A local write meanwhile only refreshes the counts, so
 * the UI shows it as pending while the wait goes on. */
static void
wait_until (PoeSync  *sync,
            gint64    end,
            gboolean  interruptible)
{
  PoeSyncWorker *worker = sync->worker;
  gboolean woken = FALSE;

  g_mutex_lock (&worker->mutex);
  while (!worker->stopping && !(interruptible && worker->retry) &&
         worker->token_serial == sync->token_serial)
    {
      if (worker->wake)
        {
          worker->wake = FALSE;
          woken = TRUE;
          g_mutex_unlock (&worker->mutex);
          _poe_sync_post_status (sync, sync->status.state);
          g_mutex_lock (&worker->mutex);
          continue;
        }

      if (end < 0)
        g_cond_wait (&worker->cond, &worker->mutex);
      else if (!g_cond_wait_until (&worker->cond, &worker->mutex, end))
        break;
    }

  /* The next cycle must still see the write: it skips the long poll. */
  worker->wake |= woken;
  g_mutex_unlock (&worker->mutex);
}

static void
wait_for (PoeSync  *sync,
          gint64    delay_ms,
          gboolean  interruptible)
{
  wait_until (sync, g_get_monotonic_time () + delay_ms * G_TIME_SPAN_MILLISECOND, interruptible);
}

static void
wait_for_token (PoeSync *sync)
{
  wait_until (sync, -1, FALSE);
}

/* Hands a new token to the PoeHttp. Returns whether there is a token at all. */
static gboolean
take_token (PoeSync *sync)
{
  PoeSyncWorker *worker = sync->worker;
  gboolean has_token;

  g_mutex_lock (&worker->mutex);
  if (worker->token_serial != sync->token_serial)
    {
      poe_http_set_token (sync->http, worker->token);
      sync->token_serial = worker->token_serial;
    }
  has_token = worker->token != NULL;
  g_mutex_unlock (&worker->mutex);

  return has_token;
}

/* Starts a cycle. Returns whether it may long-poll: caught up, and no local write since. */
static gboolean
begin_cycle (PoeSync *sync)
{
  PoeSyncWorker *worker = sync->worker;
  gboolean woken;

  g_mutex_lock (&worker->mutex);
  woken = worker->wake;
  worker->wake = FALSE;
  worker->retry = FALSE;
  g_mutex_unlock (&worker->mutex);

  return sync->caught_up && !woken;
}

static gint64
backoff_ms (PoeSync *sync)
{
  PoeSyncWorker *worker = sync->worker;
  gdouble delay = worker->backoff_base_ms;

  for (guint i = 1; i < sync->failures && delay < worker->backoff_max_ms; i++)
    delay *= 2;

  delay = MIN (delay, (gdouble) worker->backoff_max_ms);
  return (gint64) (delay * g_random_double_range (1.0 - JITTER, 1.0 + JITTER));
}

static void
handle_failure (PoeSync *sync,
                GError  *error)
{
  gboolean offline;
  gint64 delay;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_status_error (sync, error->message);

  if (g_error_matches (error, POE_HTTP_ERROR, POE_HTTP_ERROR_UNAUTHORIZED))
    {
      _poe_sync_post_status (sync, POE_SYNC_STATE_NEEDS_SIGN_IN);
      wait_for_token (sync);
      return;
    }

  sync->failures++;
  offline = g_error_matches (error, POE_HTTP_ERROR, POE_HTTP_ERROR_NETWORK) ||
            g_error_matches (error, POE_HTTP_ERROR, POE_HTTP_ERROR_TIMEOUT);
  _poe_sync_post_status (sync, offline ? POE_SYNC_STATE_OFFLINE : POE_SYNC_STATE_ERROR);

  if (sync->retry_after > 0)
    delay = sync->retry_after * 1000;
  else
    delay = backoff_ms (sync);

  g_debug ("PoeSync failed (%u in a row), next try in %" G_GINT64_FORMAT " ms", sync->failures, delay);

  /* Retry-After is the server's wish: sync_now() does not cut it short. */
  wait_for (sync, delay, sync->retry_after <= 0);
}

static void
handle_success (PoeSync *sync)
{
  sync->failures = 0;
  sync->cursor_reset = FALSE;
  g_clear_pointer (&sync->status.last_error, g_free);

  if (sync->caught_up)
    {
      g_clear_pointer (&sync->status.last_sync, g_date_time_unref);
      sync->status.last_sync = g_date_time_new_now_utc ();
      _poe_sync_post_status (sync, POE_SYNC_STATE_IDLE);

      /* Caught up: the WAL the pull wrote goes into the database now, not in the commit of
       * a later page or user write. */
      _poe_store_checkpoint (sync->store);
    }
  else
    _poe_sync_post_status (sync, POE_SYNC_STATE_SYNCING);
}

static gboolean
open_store (PoeSync  *sync,
            GError  **error)
{
  sync->store = poe_store_open_full (sync->worker->store_path, POE_STORE_OPEN_NO_CREATE,
                                     STORE_BUSY_TIMEOUT, error);
  if (sync->store == NULL)
    return FALSE;

  if (!_poe_store_use_for_sync (sync->store, error))
    {
      g_clear_object (&sync->store);
      return FALSE;
    }

  g_signal_connect (sync->store, "changed", G_CALLBACK (on_store_changed_cb), sync->worker);
  _poe_sync_post_status (sync, POE_SYNC_STATE_CONNECTING);
  return TRUE;
}

static void
run_cycle (PoeSync *sync)
{
  g_autoptr(GError) error = NULL;
  gboolean poll;

  if (sync->store == NULL && !open_store (sync, &error))
    {
      handle_failure (sync, error);
      return;
    }

  if (!take_token (sync))
    {
      set_status_error (sync, _("Sign in to send your changes to the server; they are kept on this computer."));
      _poe_sync_post_status (sync, POE_SYNC_STATE_NEEDS_SIGN_IN);
      wait_for_token (sync);
      return;
    }

  if (sync->failures > 0 || sync->status.state == POE_SYNC_STATE_NEEDS_SIGN_IN)
    _poe_sync_post_status (sync, POE_SYNC_STATE_CONNECTING);

  poll = begin_cycle (sync);
  if (!_poe_sync_push_outbox (sync, &error) || !_poe_sync_pull_changes (sync, poll, &error))
    {
      handle_failure (sync, error);
      return;
    }

  handle_success (sync);
}


/*
 * Callbacks
 */

/* What this thread's connection committed: a pulled page or a push's results. The UI's
 * store announces it with the same origin. */
static void
on_store_changed_cb (PoeStore           *store,
                     const char         *entity,
                     const char * const *ids,
                     PoeStoreChange      origin,
                     PoeSyncWorker      *worker)
{
  _poe_sync_engine_post_changes (worker, entity, ids, origin);
}


/*
 * Private API (the worker thread's files)
 */

void
_poe_sync_post_status (PoeSync      *sync,
                       PoeSyncState  state)
{
  PoeSyncStatus *status = &sync->status;

  status->state = state;
  if (sync->store != NULL)
    {
      status->pending = poe_store_count_pending (sync->store);
      status->rejected = poe_store_count_rejected (sync->store);
      status->conflicts = poe_store_count_conflicts (sync->store);
    }

  _poe_sync_engine_post_status (sync->worker, sync->worker->generation, status);
}

/* The request's cancellable, or NULL with G_IO_ERROR_CANCELLED when stopping, or when a
 * local write came in just before a long poll. */
GCancellable *
_poe_sync_begin_request (PoeSync   *sync,
                         gboolean   is_poll,
                         GError   **error)
{
  PoeSyncWorker *worker = sync->worker;
  GCancellable *cancellable = NULL;

  g_mutex_lock (&worker->mutex);
  if (!worker->stopping && !(is_poll && worker->wake))
    {
      cancellable = g_cancellable_new ();
      worker->request = g_object_ref (cancellable);
      worker->request_is_poll = is_poll;
    }
  g_mutex_unlock (&worker->mutex);

  if (cancellable == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Interrupted");

  return cancellable;
}

/* Ends the request begun last, whose @answer (nullable) may ask to wait (Retry-After). */
void
_poe_sync_end_request (PoeSync         *sync,
                       PoeHttpResponse *answer)
{
  PoeSyncWorker *worker = sync->worker;

  g_mutex_lock (&worker->mutex);
  g_clear_object (&worker->request);
  worker->request_is_poll = FALSE;
  g_mutex_unlock (&worker->mutex);

  sync->retry_after = -1;
  if (answer != NULL && (answer->status == 429 || answer->status == 503) && answer->retry_after > 0)
    sync->retry_after = MIN (answer->retry_after, POE_SYNC_MAX_RETRY_AFTER);
}

gboolean
_poe_sync_send_request (PoeSync          *sync,
                        const char       *method,
                        const char       *path,
                        JsonNode         *body,
                        guint             wait,
                        PoeHttpResponse **response,
                        GError          **error)
{
  g_autoptr(PoeHttpResponse) answer = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  gboolean ok;

  if (!(cancellable = _poe_sync_begin_request (sync, wait > 0, error)))
    return FALSE;

  ok = poe_http_request (sync->http, method, path, body, wait, cancellable, &answer, error);
  _poe_sync_end_request (sync, answer);

  if (response != NULL)
    *response = g_steal_pointer (&answer);

  return ok;
}

gboolean
_poe_sync_set_bad_answer (GError     **error,
                          const char  *what)
{
  g_debug ("Unusable answer: %s", what);
  g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                       _("The server’s answer could not be used. POE Desk will try again; "
                         "your changes are kept."));
  return FALSE;
}

const char *
_poe_sync_member_string (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}


/*
 * Private API (the engine)
 */

PoeSyncWorker *
_poe_sync_worker_ref (PoeSyncWorker *worker)
{
  g_atomic_ref_count_inc (&worker->ref_count);
  return worker;
}

void
_poe_sync_worker_unref (PoeSyncWorker *worker)
{
  if (worker == NULL || !g_atomic_ref_count_dec (&worker->ref_count))
    return;

  g_assert (worker->request == NULL);

  g_mutex_clear (&worker->mutex);
  g_cond_clear (&worker->cond);
  g_free (worker->store_path);
  g_free (worker->server_url);
  g_free (worker->ca_file);
  g_free (worker->token);
  g_main_context_unref (worker->main_context);
  g_weak_ref_clear (&worker->engine);
  g_free (worker);
}

gpointer
_poe_sync_worker_run (gpointer data)
{
  g_autoptr(PoeSyncWorker) worker = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  PoeSync sync = { .worker = worker, .retry_after = -1, .push_batch = POE_SYNC_PUSH_BATCH };

  /* Reports go to the engine's context as idle sources; with a context of our own they
   * can never run on this thread. */
  g_main_context_push_thread_default (context);

  sync.http = poe_http_new (worker->server_url, worker->ca_file);
  poe_http_set_timeouts (sync.http, worker->connect_timeout, worker->request_timeout);
  sync.status.state = POE_SYNC_STATE_CONNECTING;

  while (!is_stopping (worker))
    run_cycle (&sync);

  g_clear_object (&sync.store);
  g_clear_pointer (&sync.http, poe_http_free);
  _poe_sync_status_clear (&sync.status);
  g_main_context_pop_thread_default (context);

  return NULL;
}
