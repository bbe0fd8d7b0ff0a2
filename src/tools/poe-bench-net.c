/* poe-bench-net.c
 *
 * The network benchmarks of DESIGN §6, all against a real poe-central started on
 * 127.0.0.1:0 with a database in a temporary folder, and stopped at the end (and killed with
 * poe-bench if poe-bench dies):
 *
 *   baseline.loopback_http_1k_requests_s      1,000 sequential GET /v1/health, one curl handle
 *   sync.pull_100k_changes_s                  a fresh client pulls 100k changes (engine)
 *   sync.push_10k_mutations_s                 10,000 queued user writes pushed (engine)
 *   server.longpoll_fanout_200_clients_p99_ms 200 long polls, one commit, time to each answer
 *   server.sustained_push_50_clients_p99_ms   50 clients pushing 1,000 mutations/s together
 *
 * The 100k changes are seeded with `poe-central import-abn` (one transaction, synthetic
 * families), the server's own bulk path. All data is synthetic; the output holds no names.
 *
 * This file holds what the benchmarks share (the server, its user, mutations and pushes),
 * the loopback baseline and the order they run in; the client's benchmarks are in
 * poe-bench-sync.c, the server's under load in poe-bench-server.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <curl/curl.h>
#include <signal.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <string.h>

#include "poe-core.h"
#include "poe-http.h"

#include "poe-bench-net.h"
#include "poe-bench-net-private.h"
#include "poe-bench-util.h"

#define LISTEN_PREFIX    "poe-central: listening on "

typedef struct
{
  CURL  *curl;
  guint  n;
} Loopback;


/*
 * Auxiliary methods
 */

/* poe-central */

static gboolean
start_central (Net     *net,
               GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = poe_bench_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) input = NULL;
  g_autofree char *line = NULL;

  net->central = g_subprocess_launcher_spawn (launcher, error, net->central_path,
                                              "--listen", "127.0.0.1:0", "--db", net->db, NULL);
  if (net->central == NULL)
    return FALSE;

  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (net->central));
  line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, LISTEN_PREFIX))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "poe-central did not start");
      return FALSE;
    }

  net->url = g_strdup (line + strlen (LISTEN_PREFIX));
  return TRUE;
}

static void
stop_central (Net *net)
{
  if (net->central == NULL)
    return;

  g_subprocess_send_signal (net->central, SIGTERM);
  g_subprocess_wait (net->central, NULL, NULL);
  g_clear_object (&net->central);
}

static JsonObject *
request_object (PoeHttp     *http,
                const char  *method,
                const char  *path,
                JsonObject  *body,
                GError     **error)
{
  g_autoptr(PoeHttpResponse) response = NULL;
  g_autoptr(JsonNode) node = body ? json_node_init_object (json_node_alloc (), body) : NULL;

  if (!poe_http_request (http, method, path, node, 0, NULL, &response, error))
    return NULL;

  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s: no JSON object", method, path);
      return NULL;
    }

  return json_object_ref (json_node_get_object (response->json));
}

static gboolean
sign_in (Net     *net,
         GError **error)
{
  g_autoptr(PoeHttp) http = poe_http_new (net->url, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *user;

  json_object_set_string_member (body, "username", BENCH_USER);
  json_object_set_string_member (body, "password", net->password);
  json_object_set_string_member (body, "device", "poe-bench");
  if (!(answer = request_object (http, "POST", "/v1/auth/login", body, error)))
    return FALSE;

  user = json_object_get_object_member (answer, "user");
  net->token = g_strdup (json_object_get_string_member (answer, "token"));
  net->staff_id = g_strdup (json_object_get_string_member (user, "id"));
  return TRUE;
}

static gboolean
start (Net     *net,
       GError **error)
{
  g_autofree char *input = NULL;

  if (!(net->dir = g_dir_make_tmp ("poe-bench-net-XXXXXX", error)))
    return FALSE;

  net->db = g_build_filename (net->dir, "central.sqlite", NULL);
  net->password = g_uuid_string_random ();
  net->case_ids = g_ptr_array_new_with_free_func (g_free);
  input = g_strconcat (net->password, "\n", NULL);

  return _poe_bench_net_run_central (net, input, error, "user", "add", BENCH_USER, "--role", "lead",
                                     "--poe", BENCH_POE, NULL) &&
         start_central (net, error) &&
         sign_in (net, error);
}

static void
finish (Net *net)
{
  stop_central (net);
  if (net->dir != NULL)
    poe_bench_remove_tree (net->dir);
  g_free (net->dir);
  g_free (net->db);
  g_free (net->password);
  g_free (net->url);
  g_free (net->token);
  g_free (net->staff_id);
  g_clear_pointer (&net->case_ids, g_ptr_array_unref);
}

/* Mutations */

static JsonObject *
mutation_new (const char *entity,
              const char *op,
              const char *id,
              JsonObject *fields)
{
  JsonObject *mutation = json_object_new ();
  g_autofree char *mutation_id = g_uuid_string_random ();

  json_object_set_string_member (mutation, "mutation_id", mutation_id);
  json_object_set_string_member (mutation, "entity", entity);
  json_object_set_string_member (mutation, "id", id);
  json_object_set_string_member (mutation, "op", op);
  json_object_set_int_member (mutation, "base_rev", 0);
  json_object_set_string_member (mutation, "at", EVENT_AT);
  json_object_set_object_member (mutation, "fields", fields);
  return mutation;
}

static JsonObject *
case_mutation_new (char **id)
{
  g_autofree char *number = NULL;
  JsonObject *fields = json_object_new ();

  *id = g_uuid_string_random ();
  number = g_strdup_printf ("BENCH-%.8s", *id);
  json_object_set_string_member (fields, "case_number", number);
  json_object_set_string_member (fields, "poe", BENCH_POE);
  json_object_set_string_member (fields, "branch", "connect");
  json_object_set_string_member (fields, "sensitivity", "none");
  json_object_set_string_member (fields, "status", "expected");
  return mutation_new ("case", "upsert", *id, fields);
}

/* Baseline: raw loopback HTTP */

static double
run_health_requests (gpointer   user_data,
                     GError   **error)
{
  Loopback *loopback = user_data;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < loopback->n; i++)
    {
      long status = 0;
      CURLcode code = curl_easy_perform (loopback->curl);

      curl_easy_getinfo (loopback->curl, CURLINFO_RESPONSE_CODE, &status);
      if (code != CURLE_OK || status != 200)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "GET /v1/health: %s, status %ld",
                       curl_easy_strerror (code), status);
          return -1;
        }
    }

  return poe_bench_seconds_since (start);
}

static gboolean
bench_loopback (gpointer   user_data,
                GError   **error)
{
  Net *net = user_data;
  g_autofree char *url = g_strconcat (net->url, "/v1/health", NULL);
  g_autofree char *extra = NULL;
  Loopback loopback = { curl_easy_init (), net->quick ? 200 : 1000 };
  guint runs = net->quick ? 1 : 3;
  double seconds;
  gboolean ok;

  curl_easy_setopt (loopback.curl, CURLOPT_URL, url);
  curl_easy_setopt (loopback.curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (loopback.curl, CURLOPT_WRITEFUNCTION, _poe_bench_net_discard_cb);

  /* The warm-up run opens the connection. */
  ok = poe_bench_measure (runs, run_health_requests, &loopback, &seconds, error);
  curl_easy_cleanup (loopback.curl);
  if (!ok)
    return FALSE;

  extra = g_strdup_printf ("\"requests\": %u, \"runs\": %u, \"per_request_us\": %.1f", loopback.n, runs,
                           seconds * G_USEC_PER_SEC / loopback.n);
  poe_bench_print_figure ("baseline.loopback_http_1k_requests_s", seconds, "s", 0, extra);
  return TRUE;
}

/* In this order: the pull runs before anything else adds to the server's feed. */
static const PoeBenchEntry benches[] = {
  { { "baseline.loopback_http_1k_requests_s" }, bench_loopback },
  { { "sync.pull_100k_changes_s" }, _poe_bench_sync_pull },
  { { "sync.push_10k_mutations_s" }, _poe_bench_sync_push },
  { { "server.longpoll_fanout_200_clients_p99_ms" }, _poe_bench_server_fanout },
  { { "server.sustained_push_50_clients_p99_ms" }, _poe_bench_server_sustained },
};


/*
 * Private API: for poe-bench-sync.c and poe-bench-server.c
 */

/* Runs `poe-central ARGS… --db DB` to its end, @input on its standard input. */
gboolean
_poe_bench_net_run_central (Net         *net,
                            const char  *input,
                            GError     **error,
                            ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_auto(GStrv) argv = NULL;
  const char *arg;
  va_list args;

  g_strv_builder_add (builder, net->central_path);
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);
  g_strv_builder_add_many (builder, "--db", net->db, NULL);
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error);

  return process != NULL &&
         g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, error) &&
         g_subprocess_wait_check (process, NULL, error);
}

PoeHttp *
_poe_bench_net_http_new (Net *net)
{
  PoeHttp *http = poe_http_new (net->url, NULL);

  poe_http_set_token (http, net->token);
  poe_http_set_timeouts (http, 5, 60);
  return http;
}

/* The server's latest change sequence, read beside the running server. */
gint64
_poe_bench_net_read_server_cursor (Net *net)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 cursor = -1;

  if (sqlite3_open_v2 (net->db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_busy_timeout (db, 5000) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT coalesce(max(seq), 0) FROM change_log", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    cursor = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return cursor;
}

JsonObject *
_poe_bench_net_event_mutation_new (const char *case_id)
{
  g_autofree char *id = g_uuid_string_random ();
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "case_id", case_id);
  json_object_set_string_member (fields, "step", POE_STEP_ARRIVAL_MET);
  json_object_set_string_member (fields, "value", "done");
  json_object_set_string_member (fields, "at", EVENT_AT);
  return mutation_new ("checklist_event", "append", id, fields);
}

/* Pushes @mutations (taken); returns how many the server applied, or -1. */
int
_poe_bench_net_push (PoeHttp     *http,
                     const char  *client_id,
                     JsonArray   *mutations,
                     GError     **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *results;
  int applied = 0;

  json_object_set_string_member (body, "client_id", client_id);
  json_object_set_array_member (body, "mutations", mutations);
  if (!(answer = request_object (http, "POST", "/v1/sync/push", body, error)))
    return -1;

  if (!json_object_has_member (answer, "results"))
    return 0;

  results = json_object_get_array_member (answer, "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      applied += g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL),
                            "applied") == 0;
    }

  return applied;
}

/* At least @n cases on the server, made by the bench user, to append events to. */
gboolean
_poe_bench_net_ensure_cases (Net     *net,
                             guint    n,
                             GError **error)
{
  g_autoptr(PoeHttp) http = NULL;
  g_autofree char *client_id = g_uuid_string_random ();
  JsonArray *mutations;
  guint wanted_n = n - MIN (n, net->case_ids->len);

  if (wanted_n == 0)
    return TRUE;

  http = _poe_bench_net_http_new (net);
  mutations = json_array_new ();
  for (guint i = 0; i < wanted_n; i++)
    {
      char *id = NULL;

      json_array_add_object_element (mutations, case_mutation_new (&id));
      g_ptr_array_add (net->case_ids, id);
    }

  if (_poe_bench_net_push (http, client_id, mutations, error) != (int) wanted_n)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the server refused the bench's cases");
      return FALSE;
    }

  return TRUE;
}

size_t
_poe_bench_net_discard_cb (char   *data,
                           size_t  size,
                           size_t  count,
                           void   *user_data)
{
  return size * count;
}


/*
 * Public API
 */

/**
 * poe_bench_net_run:
 * @central_path: the poe-central program
 * @quick: small sizes and short runs, for a smoke test
 * @filters: (nullable) (array zero-terminated=1): parts of the names of the benchmarks to run
 *
 * Runs the network benchmarks against a poe-central of its own and prints their figures.
 * The server is stopped at the end, also when a benchmark fails.
 *
 * Returns: %FALSE with @error set when a benchmark could not run
 */
gboolean
poe_bench_net_run (const char          *central_path,
                   gboolean             quick,
                   const char * const  *filters,
                   GError             **error)
{
  Net net = { .quick = quick, .filters = filters, .central_path = central_path };
  gboolean ok;

  g_return_val_if_fail (central_path != NULL, FALSE);

  if (!poe_bench_any_wanted (benches, G_N_ELEMENTS (benches), filters))
    return TRUE;

  curl_global_init (CURL_GLOBAL_DEFAULT);
  ok = start (&net, error) &&
       poe_bench_run_table (benches, G_N_ELEMENTS (benches), filters, &net, error);
  finish (&net);
  curl_global_cleanup ();
  return ok;
}
