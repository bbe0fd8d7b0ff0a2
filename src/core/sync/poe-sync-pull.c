/* poe-sync-pull.c
 *
 * The pull half of a sync cycle, on the worker thread: the change feed (GET
 * /v1/sync/changes) page by page from the stored cursor, each page applied with its cursor
 * in one transaction while the next one is already being fetched; once caught up, a long
 * poll. The UI's store announces what a page changed as pulled changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync"

#include "config.h"

#include "poe-sync-worker-private.h"


/*
 * Auxiliary methods
 */

/* Applies a page of changes and its cursor in one transaction. */
static gboolean
apply_page (PoeSync     *sync,
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

  return g_strdup_printf ("/v1/sync/changes?since=%s&limit=%u&wait=%u", escaped, POE_SYNC_PULL_LIMIT, wait);
}

/* Starts fetching the page after @cursor in a thread of its own; NULL when stopping. */
static GThread *
prefetch_start (PoeSync    *sync,
                const char *cursor,
                Prefetch   *prefetch)
{
  *prefetch = (Prefetch) { .http = sync->http, .path = changes_path (cursor, 0) };

  if (!(prefetch->cancellable = _poe_sync_begin_request (sync, FALSE, &prefetch->error)))
    return NULL;

  return g_thread_new ("poe-sync-fetch", prefetch_run, prefetch);
}

/* Waits for the page and takes its answer, as _poe_sync_send_request() does; with @discard (the page
 * before it was not applied) it is cancelled and thrown away. */
static gboolean
prefetch_finish (PoeSync          *sync,
                 GThread          *thread,
                 Prefetch         *prefetch,
                 gboolean          discard,
                 PoeHttpResponse **response,
                 GError          **error)
{
  if (thread != NULL)
    {
      if (discard)
        g_cancellable_cancel (prefetch->cancellable);
      g_thread_join (thread);
      _poe_sync_end_request (sync, prefetch->response);
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
take_page (PoeSync          *sync,
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
      _poe_sync_set_bad_answer (error, "empty feed");
      return NULL;
    }

  answer = json_node_get_object (response->json);
  changes = json_object_get_member (answer, "changes");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) || !(*cursor = dup_cursor (answer)))
    {
      _poe_sync_set_bad_answer (error, "no changes or cursor");
      return NULL;
    }

  *more = json_object_get_boolean_member_with_default (answer, "more", FALSE);
  return json_node_get_array (changes);
}



/*
 * Private API
 */

/* Pulls until the feed has no more, a page at a time in order, each applied with its
 * cursor in one transaction; while a page is applied, the next one is already asked for
 * (it starts at the cursor the page leads to, which is what the store holds once the page
 * is applied). */
gboolean
_poe_sync_pull_changes (PoeSync   *sync,
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
      _poe_sync_post_status (sync, sync->status.state == POE_SYNC_STATE_IDLE && sync->caught_up ?
                         POE_SYNC_STATE_IDLE : POE_SYNC_STATE_SYNCING);
    ok = _poe_sync_send_request (sync, "GET", path, NULL, poll ? sync->worker->poll_wait : 0,
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

      _poe_sync_post_status (sync, POE_SYNC_STATE_SYNCING);
      g_clear_pointer (&response, poe_http_response_free);
      g_clear_error (&local_error);

      if (changes == NULL)
        {
          /* The cursor was reset: the next page comes from the beginning. */
          g_autofree char *path = changes_path (NULL, 0);

          ok = _poe_sync_send_request (sync, "GET", path, NULL, 0, &response, &local_error);
        }
      else
        ok = prefetch_finish (sync, thread, &prefetch, FALSE, &response, &local_error);
    }
}
