/* poe-sync-worker.c
 *
 * The sync worker thread (docs/protocol.md, "Client behaviour"). Each cycle pushes the
 * outbox in order, 500 mutations at most a request, then pulls the change feed; once caught
 * up the pull becomes a long poll that a local write cuts short. Every answer is applied in
 * one store transaction (a page of changes together with its cursor, a push's results
 * together), so a crash at any point leaves the store as before the answer, and the next
 * push is simply a replay the server answers as "duplicate".
 *
 * The thread owns its store connection and its PoeHttp; it shares only PoeSyncWorker (under
 * its mutex) with the main thread and reports through _poe_sync_engine_post_*().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-http.h"
#include "poe-store-private.h"
#include "poe-sync-engine-private.h"

#define PUSH_BATCH           500
#define PULL_LIMIT           1000
#define STORE_BUSY_TIMEOUT   5000
#define MAX_RETRY_AFTER      3600
#define JITTER               0.2

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
} Sync;

static void on_store_changed_cb (PoeStore           *store,
                                 const char         *entity,
                                 const char * const *ids,
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
post_status (Sync         *sync,
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

static void
set_status_error (Sync       *sync,
                  const char *text)
{
  g_free (sync->status.last_error);
  sync->status.last_error = g_strdup (text);
}

/* Waits until @end (monotonic time; -1 for no limit); a new token, stop() and (when
 * @interruptible) sync_now() end it. A local write meanwhile only refreshes the counts, so
 * the UI shows it as pending while the wait goes on. */
static void
wait_until (Sync     *sync,
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
          post_status (sync, sync->status.state);
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
wait_for (Sync     *sync,
          gint64    delay_ms,
          gboolean  interruptible)
{
  wait_until (sync, g_get_monotonic_time () + delay_ms * G_TIME_SPAN_MILLISECOND, interruptible);
}

static void
wait_for_token (Sync *sync)
{
  wait_until (sync, -1, FALSE);
}

/* Hands a new token to the PoeHttp. Returns whether there is a token at all. */
static gboolean
take_token (Sync *sync)
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
begin_cycle (Sync *sync)
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

/* The request's cancellable, or NULL with G_IO_ERROR_CANCELLED when stopping, or when a
 * local write came in just before a long poll. */
static GCancellable *
begin_request (Sync      *sync,
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

static void
end_request (Sync *sync)
{
  PoeSyncWorker *worker = sync->worker;

  g_mutex_lock (&worker->mutex);
  g_clear_object (&worker->request);
  worker->request_is_poll = FALSE;
  g_mutex_unlock (&worker->mutex);
}

static gboolean
send_request (Sync             *sync,
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

  if (!(cancellable = begin_request (sync, wait > 0, error)))
    return FALSE;

  ok = poe_http_request (sync->http, method, path, body, wait, cancellable, &answer, error);
  end_request (sync);

  sync->retry_after = -1;
  if (answer != NULL && (answer->status == 429 || answer->status == 503) && answer->retry_after > 0)
    sync->retry_after = MIN (answer->retry_after, MAX_RETRY_AFTER);

  if (response != NULL)
    *response = g_steal_pointer (&answer);

  return ok;
}

static gboolean
set_bad_answer (GError     **error,
                const char  *what)
{
  g_debug ("Unusable answer: %s", what);
  g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                       _("The server’s answer could not be used. POE Desk will try again; "
                         "your changes are kept."));
  return FALSE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonNode *
mutation_to_json (PoeMutation *mutation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) fields = json_from_string (mutation->fields, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mutation_id");
  json_builder_add_string_value (builder, mutation->mutation_id);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, mutation->entity);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, mutation->record_id);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, mutation->op);
  json_builder_set_member_name (builder, "base_rev");
  json_builder_add_int_value (builder, mutation->base_rev);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, mutation->created_at);
  json_builder_set_member_name (builder, "fields");
  if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
    json_builder_add_value (builder, g_steal_pointer (&fields));
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
build_push_body (Sync      *sync,
                 GPtrArray *batch)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *mutations = json_array_sized_new (batch->len);

  for (guint i = 0; i < batch->len; i++)
    json_array_add_element (mutations, mutation_to_json (g_ptr_array_index (batch, i)));

  json_object_set_string_member (body, "client_id", poe_store_get_client_id (sync->store));
  json_object_set_array_member (body, "mutations", mutations);

  return json_node_init_object (json_node_alloc (), body);
}

/* Keeps why sending failed with each mutation; the mutations stay pending. */
static void
note_push_failure (Sync      *sync,
                   GPtrArray *batch,
                   GError    *failure)
{
  g_autoptr(GError) error = NULL;

  if (!poe_store_begin (sync->store, &error))
    return;

  for (guint i = 0; i < batch->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (batch, i);

      g_clear_error (&error);
      poe_store_outbox_fail (sync->store, mutation->mutation_id, failure->message, &error);
    }

  g_clear_error (&error);
  if (!poe_store_commit (sync->store, &error))
    g_debug ("Could not note the failed push: %s", error->message);
}

static JsonNode *
dup_client_value (JsonObject  *conflict,
                  PoeMutation *mutation,
                  const char  *field)
{
  g_autoptr(JsonNode) fields = NULL;
  JsonNode *node = json_object_get_member (conflict, "client_value");

  if (node != NULL)
    return json_node_copy (node);

  fields = json_from_string (mutation->fields, NULL);
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields) ||
      !(node = json_object_get_member (json_node_get_object (fields), field)))
    return NULL;

  return json_node_copy (node);
}

/* One row in the conflicts inbox per field the server kept; the local row takes the
 * server's value. A value the store cannot use is left out, not fatal. */
static gboolean
add_conflicts (Sync         *sync,
               PoeMutation  *mutation,
               JsonArray    *conflicts,
               GError      **error)
{
  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonNode *element = json_array_get_element (conflicts, i);
      g_autoptr(JsonNode) local_value = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *conflict;
      const char *field;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !(field = member_string ((conflict = json_node_get_object (element)), "field")))
        continue;

      local_value = dup_client_value (conflict, mutation, field);
      if (poe_store_add_conflict (sync->store, mutation->entity, mutation->record_id, field,
                                  local_value, json_object_get_member (conflict, "server_value"),
                                  member_string (conflict, "server_by"),
                                  member_string (conflict, "server_at"), &local_error))
        continue;

      if (!g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("Left out a conflict the store refused: %s", local_error->message);
    }

  return TRUE;
}

/* Applies one result. Returns FALSE only for a failure of the store; *handled says
 * whether the mutation left the pending outbox. */
static gboolean
apply_result (Sync         *sync,
              PoeMutation  *mutation,
              JsonObject   *result,
              gboolean     *handled,
              GError      **error)
{
  const char *status = member_string (result, "status");
  JsonNode *node;
  JsonArray *conflicts = NULL;

  *handled = FALSE;
  if (status == NULL)
    return TRUE;

  if (g_str_equal (status, "rejected"))
    {
      const char *reason = member_string (result, "error");

      *handled = TRUE;
      return poe_store_outbox_reject (sync->store, mutation->mutation_id,
                                      reason && *reason ? reason : _("The server refused this change."),
                                      error);
    }

  if (!g_str_equal (status, "applied") && !g_str_equal (status, "duplicate") &&
      !g_str_equal (status, "conflict"))
    return TRUE;

  /* A duplicate repeats the first answer's conflicts: they are recorded here unless the
   * first answer was (it completed the mutation in the same transaction). */
  node = json_object_get_member (result, "conflicts");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    conflicts = json_node_get_array (node);

  if (!add_conflicts (sync, mutation, conflicts, error))
    return FALSE;

  *handled = TRUE;
  return poe_store_outbox_complete (sync->store, mutation->mutation_id,
                                    json_object_get_int_member_with_default (result, "rev", 0),
                                    error);
}

static gboolean
apply_results (Sync       *sync,
               GPtrArray  *batch,
               JsonNode   *answer,
               GError    **error)
{
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = NULL;
  JsonArray *results;
  guint handled = 0;

  /* A 204 has no body at all. */
  if (answer != NULL)
    node = json_object_get_member (json_node_get_object (answer), "results");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return set_bad_answer (error, "no results");

  for (guint i = 0; i < batch->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (batch, i);

      g_hash_table_insert (sent, mutation->mutation_id, mutation);
    }

  if (!poe_store_begin (sync->store, error))
    return FALSE;

  results = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      PoeMutation *mutation;
      const char *mutation_id;
      gboolean done;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !(mutation_id = member_string (json_node_get_object (element), "mutation_id")) ||
          !(mutation = g_hash_table_lookup (sent, mutation_id)))
        continue;

      /* Each mutation once, even if the answer repeats a result. */
      g_hash_table_remove (sent, mutation_id);

      if (!apply_result (sync, mutation, json_node_get_object (element), &done, error))
        {
          poe_store_rollback (sync->store);
          return FALSE;
        }
      handled += done;
    }

  if (!poe_store_commit (sync->store, error))
    return FALSE;

  /* Without progress the same batch would go out again at once. */
  if (handled == 0)
    return set_bad_answer (error, "no usable result");

  return TRUE;
}

static gboolean
push_batch (Sync       *sync,
            GPtrArray  *batch,
            GError    **error)
{
  g_autoptr(PoeHttpResponse) response = NULL;
  g_autoptr(JsonNode) body = build_push_body (sync, batch);
  g_autoptr(GError) local_error = NULL;

  if (send_request (sync, "POST", "/v1/sync/push", body, 0, &response, &local_error))
    return apply_results (sync, batch, response->json, error);

  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_push_failure (sync, batch, local_error);

  /* Too large for the server: send fewer at a time. */
  if (response != NULL && response->status == 413)
    sync->push_batch = MAX (1, sync->push_batch / 2);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
push_outbox (Sync    *sync,
             GError **error)
{
  for (;;)
    {
      g_autoptr(GPtrArray) batch = poe_store_outbox_peek (sync->store, sync->push_batch, error);

      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        return TRUE;

      post_status (sync, POE_SYNC_STATE_SYNCING);
      if (!push_batch (sync, batch, error))
        return FALSE;
    }
}

/* Applies a page of changes and its cursor in one transaction. */
static gboolean
apply_page (Sync        *sync,
            JsonArray   *changes,
            const char  *cursor,
            GError     **error)
{
  if (!poe_store_begin (sync->store, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *element = json_array_get_element (changes, i);
      g_autoptr(GError) local_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      if (poe_store_apply_remote (sync->store, json_node_get_object (element), &local_error))
        continue;

      /* A change this version cannot use is skipped; a failing store is not. */
      if (g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID))
        {
          g_debug ("Skipped a change: %s", local_error->message);
          continue;
        }

      poe_store_rollback (sync->store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!poe_store_set_sync_value (sync->store, "cursor", cursor, error))
    {
      poe_store_rollback (sync->store);
      return FALSE;
    }

  return poe_store_commit (sync->store, error);
}

static char *
dup_cursor (JsonObject *answer)
{
  JsonNode *node = json_object_get_member (answer, "cursor");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return NULL;
}

/* A page asked for while the one before it is applied: the server prepares page N + 1
 * while the store writes page N. Its request is the worker's current one, so stop()
 * cancels it like any other. */
typedef struct
{
  PoeHttp         *http;
  char            *path;
  GCancellable    *cancellable;
  PoeHttpResponse *response;
  GError          *error;
  gboolean         ok;
} Prefetch;

static gpointer
prefetch_run (gpointer data)
{
  Prefetch *prefetch = data;

  prefetch->ok = poe_http_request (prefetch->http, "GET", prefetch->path, NULL, 0,
                                   prefetch->cancellable, &prefetch->response, &prefetch->error);
  return NULL;
}

static char *
changes_path (const char *since,
              guint       wait)
{
  g_autofree char *escaped = g_uri_escape_string (since ? since : "0", NULL, FALSE);

  return g_strdup_printf ("/v1/sync/changes?since=%s&limit=%u&wait=%u", escaped, PULL_LIMIT, wait);
}

/* Starts fetching the page after @cursor in a thread of its own; NULL when stopping. */
static GThread *
prefetch_start (Sync       *sync,
                const char *cursor,
                Prefetch   *prefetch)
{
  *prefetch = (Prefetch) { .http = sync->http, .path = changes_path (cursor, 0) };

  if (!(prefetch->cancellable = begin_request (sync, FALSE, &prefetch->error)))
    return NULL;

  return g_thread_new ("poe-sync-fetch", prefetch_run, prefetch);
}

/* Waits for the page and takes its answer, as send_request() does; with @discard (the page
 * before it was not applied) it is cancelled and thrown away. */
static gboolean
prefetch_finish (Sync              *sync,
                 GThread           *thread,
                 Prefetch          *prefetch,
                 gboolean           discard,
                 PoeHttpResponse  **response,
                 GError           **error)
{
  if (thread != NULL)
    {
      if (discard)
        g_cancellable_cancel (prefetch->cancellable);
      g_thread_join (thread);
      end_request (sync);

      sync->retry_after = -1;
      if (prefetch->response != NULL && (prefetch->response->status == 429 || prefetch->response->status == 503) &&
          prefetch->response->retry_after > 0)
        sync->retry_after = MIN (prefetch->response->retry_after, MAX_RETRY_AFTER);
    }

  g_clear_object (&prefetch->cancellable);
  g_clear_pointer (&prefetch->path, g_free);

  if (discard)
    {
      g_clear_pointer (&prefetch->response, poe_http_response_free);
      g_clear_error (&prefetch->error);
      return FALSE;
    }

  *response = g_steal_pointer (&prefetch->response);
  if (!prefetch->ok)
    g_propagate_error (error, g_steal_pointer (&prefetch->error));

  return prefetch->ok;
}

/* Takes the feed's answer to a request that @ok says succeeded or not. Returns the changes
 * and sets @cursor and @more; NULL with @error unset after the feed refused the cursor (it
 * was reset: *@more is TRUE, the next page starts again from the beginning). */
static JsonArray *
take_page (Sync             *sync,
           gboolean          ok,
           PoeHttpResponse  *response,
           GError          **local_error,
           char            **cursor,
           gboolean         *more,
           GError          **error)
{
  JsonObject *answer;
  JsonNode *changes;

  if (!ok)
    {
      /* The feed refused our cursor (docs/protocol.md): start again from the beginning,
       * once; a second refusal in a row is a failure like any other. */
      if (response != NULL && response->status == 400 && !sync->cursor_reset &&
          poe_store_set_sync_value (sync->store, "cursor", NULL, NULL))
        {
          g_debug ("The server refused the sync cursor; downloading everything again");
          sync->cursor_reset = TRUE;
          *more = TRUE;
          return NULL;
        }

      g_propagate_error (error, g_steal_pointer (local_error));
      return NULL;
    }

  if (response->json == NULL)
    {
      set_bad_answer (error, "empty feed");
      return NULL;
    }

  answer = json_node_get_object (response->json);
  changes = json_object_get_member (answer, "changes");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) || !(*cursor = dup_cursor (answer)))
    {
      set_bad_answer (error, "no changes or cursor");
      return NULL;
    }

  *more = json_object_get_boolean_member_with_default (answer, "more", FALSE);
  return json_node_get_array (changes);
}

/* Pulls until the feed has no more, a page at a time in order, each applied with its
 * cursor in one transaction; while a page is applied, the next one is already asked for
 * (it starts at the cursor the page leads to, which is what the store holds once the page
 * is applied). */
static gboolean
pull_changes (Sync      *sync,
              gboolean   poll,
              GError   **error)
{
  g_autoptr(PoeHttpResponse) response = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  {
    g_autofree char *since = poe_store_dup_sync_value (sync->store, "cursor");
    g_autofree char *path = changes_path (since, poll ? sync->worker->poll_wait : 0);

    if (!poll)
      post_status (sync, sync->status.state == POE_SYNC_STATE_IDLE && sync->caught_up ?
                         POE_SYNC_STATE_IDLE : POE_SYNC_STATE_SYNCING);
    ok = send_request (sync, "GET", path, NULL, poll ? sync->worker->poll_wait : 0,
                       &response, &local_error);
  }

  for (;;)
    {
      g_autofree char *cursor = NULL;
      gboolean more = FALSE;
      GThread *thread = NULL;
      Prefetch prefetch = { NULL, };
      JsonArray *changes;

      changes = take_page (sync, ok, response, &local_error, &cursor, &more, error);
      if (changes == NULL && !more)
        return FALSE;

      sync->caught_up = !more;
      if (changes != NULL && more)
        thread = prefetch_start (sync, cursor, &prefetch);

      if (changes != NULL && !apply_page (sync, changes, cursor, error))
        {
          prefetch_finish (sync, thread, &prefetch, TRUE, NULL, NULL);
          return FALSE;
        }

      if (!more)
        return TRUE;

      post_status (sync, POE_SYNC_STATE_SYNCING);
      g_clear_pointer (&response, poe_http_response_free);
      g_clear_error (&local_error);

      if (changes == NULL)
        {
          /* The cursor was reset: the next page comes from the beginning. */
          g_autofree char *path = changes_path (NULL, 0);

          ok = send_request (sync, "GET", path, NULL, 0, &response, &local_error);
        }
      else
        ok = prefetch_finish (sync, thread, &prefetch, FALSE, &response, &local_error);
    }
}

static gint64
backoff_ms (Sync *sync)
{
  PoeSyncWorker *worker = sync->worker;
  gdouble delay = worker->backoff_base_ms;

  for (guint i = 1; i < sync->failures && delay < worker->backoff_max_ms; i++)
    delay *= 2;

  delay = MIN (delay, (gdouble) worker->backoff_max_ms);
  return (gint64) (delay * g_random_double_range (1.0 - JITTER, 1.0 + JITTER));
}

static void
handle_failure (Sync   *sync,
                GError *error)
{
  gboolean offline;
  gint64 delay;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_status_error (sync, error->message);

  if (g_error_matches (error, POE_HTTP_ERROR, POE_HTTP_ERROR_UNAUTHORIZED))
    {
      post_status (sync, POE_SYNC_STATE_NEEDS_SIGN_IN);
      wait_for_token (sync);
      return;
    }

  sync->failures++;
  offline = g_error_matches (error, POE_HTTP_ERROR, POE_HTTP_ERROR_NETWORK) ||
            g_error_matches (error, POE_HTTP_ERROR, POE_HTTP_ERROR_TIMEOUT);
  post_status (sync, offline ? POE_SYNC_STATE_OFFLINE : POE_SYNC_STATE_ERROR);

  if (sync->retry_after > 0)
    delay = sync->retry_after * 1000;
  else
    delay = backoff_ms (sync);

  g_debug ("Sync failed (%u in a row), next try in %" G_GINT64_FORMAT " ms", sync->failures, delay);

  /* Retry-After is the server's wish: sync_now() does not cut it short. */
  wait_for (sync, delay, sync->retry_after <= 0);
}

static void
handle_success (Sync *sync)
{
  sync->failures = 0;
  sync->cursor_reset = FALSE;
  g_clear_pointer (&sync->status.last_error, g_free);

  if (sync->caught_up)
    {
      g_clear_pointer (&sync->status.last_sync, g_date_time_unref);
      sync->status.last_sync = g_date_time_new_now_utc ();
      post_status (sync, POE_SYNC_STATE_IDLE);

      /* Caught up: the WAL the pull wrote goes into the database now, not in the commit of
       * a later page or user write. */
      _poe_store_checkpoint (sync->store);
    }
  else
    post_status (sync, POE_SYNC_STATE_SYNCING);
}

static gboolean
open_store (Sync    *sync,
            GError **error)
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
  post_status (sync, POE_SYNC_STATE_CONNECTING);
  return TRUE;
}

static void
run_cycle (Sync *sync)
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
      post_status (sync, POE_SYNC_STATE_NEEDS_SIGN_IN);
      wait_for_token (sync);
      return;
    }

  if (sync->failures > 0 || sync->status.state == POE_SYNC_STATE_NEEDS_SIGN_IN)
    post_status (sync, POE_SYNC_STATE_CONNECTING);

  poll = begin_cycle (sync);
  if (!push_outbox (sync, &error) || !pull_changes (sync, poll, &error))
    {
      handle_failure (sync, error);
      return;
    }

  handle_success (sync);
}


/*
 * Callbacks
 */

static void
on_store_changed_cb (PoeStore           *store,
                     const char         *entity,
                     const char * const *ids,
                     PoeSyncWorker      *worker)
{
  _poe_sync_engine_post_changes (worker, entity, ids);
}


/*
 * Private API
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
  Sync sync = { .worker = worker, .retry_after = -1, .push_batch = PUSH_BATCH };

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
