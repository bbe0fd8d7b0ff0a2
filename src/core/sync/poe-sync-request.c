/* poe-sync-request.c
 *
 * One request to the engine's server as the signed-in user, apart from the sync cycle, for
 * actions that need the server's answer at once (a lead's ABN import). It runs on a worker
 * thread with an HTTP client of its own (PoeHttp is not shared between threads) set up as
 * the engine's: the server, the CA file, the token and the timeouts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync-engine"

#include "config.h"

#include "poe-http.h"
#include "poe-sync-engine-private.h"

typedef struct
{
  char     *server_url;
  char     *ca_file;
  char     *token;
  char     *method;
  char     *path;
  JsonNode *body;
  guint     connect_timeout;
  guint     request_timeout;
} Request;

static void
request_free (Request *request)
{
  g_free (request->server_url);
  g_free (request->ca_file);
  g_free (request->token);
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->body, json_node_unref);
  g_free (request);
}


/*
 * Auxiliary methods
 */

/* On a worker thread: a client of its own, with the engine's server, CA and token. */
static void
request_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(PoeHttp) http = poe_http_new (request->server_url, request->ca_file);
  g_autoptr(PoeHttpResponse) response = NULL;
  GError *error = NULL;

  poe_http_set_token (http, request->token);
  poe_http_set_timeouts (http, request->connect_timeout, request->request_timeout);
  if (!poe_http_request (http, request->method, request->path, request->body, 0, cancellable,
                         &response, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, response->json ? json_node_ref (response->json) : NULL,
                         (GDestroyNotify) json_node_unref);
}


/*
 * Public API
 */

/**
 * poe_sync_engine_request_async:
 * @method: "GET" or "POST"
 * @path: the API path, "/v1/import/abn"
 * @body: (nullable): the JSON body
 *
 * Sends one request to the engine's server as the signed-in user, on a worker thread, apart
 * from the sync cycle: for actions that need the server's answer at once (an ABN import),
 * not for records, which go through the outbox.
 */
void
poe_sync_engine_request_async (PoeSyncEngine       *self,
                               const char          *method,
                               const char          *path,
                               JsonNode            *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *server_url, *ca_file, *token;
  Request *request;

  g_return_if_fail (POE_IS_SYNC_ENGINE (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_sync_engine_request_async);
  request = g_new0 (Request, 1);
  _poe_sync_engine_get_connection (self, &server_url, &ca_file, &token,
                                   &request->connect_timeout, &request->request_timeout);
  request->server_url = g_strdup (server_url);
  request->ca_file = g_strdup (ca_file);
  request->token = g_strdup (token);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->body = body ? json_node_copy (body) : NULL;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, request_thread);
}

/**
 * poe_sync_engine_request_finish:
 *
 * Returns: (transfer full) (nullable): the answer's JSON; %NULL with @error set (a
 *   POE_HTTP_ERROR whose message is the server's reason), or for an empty answer
 */
JsonNode *
poe_sync_engine_request_finish (PoeSyncEngine  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
