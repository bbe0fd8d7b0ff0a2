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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>

#include "poe-core.h"
#include "poe-http.h"
#include "poe-sync-engine.h"

#include "poe-bench-net.h"

#define BENCH_USER       "bench-lead"
#define BENCH_POE        "JFK"
#define EVENT_AT         "2026-11-24T14:05:00Z"
#define LISTEN_PREFIX    "poe-central: listening on "
#define SUSTAINED_RATE   1000   /* mutations a second, all clients together */

typedef struct
{
  gboolean             quick;
  const char * const  *filters;
  const char          *central_path;
  char                *dir;
  char                *db;
  char                *password;
  GSubprocess         *central;
  char                *url;
  char                *token;
  char                *staff_id;
  GPtrArray           *case_ids;  /* cases on the server that events are appended to */
} Net;

typedef gboolean (*NetBenchFunc) (Net *net, GError **error);


/*
 * Auxiliary methods
 */

static double
ms_between (gint64 start,
            gint64 end)
{
  return (end - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

/* As poe-bench's own filter: each filter is a part of the names (a prefix such as
 * "server." included). */
static gboolean
wanted (Net        *net,
        const char *name)
{
  if (net->filters == NULL || net->filters[0] == NULL)
    return TRUE;

  for (guint i = 0; net->filters[i] != NULL; i++)
    if (strstr (name, net->filters[i]) != NULL)
      return TRUE;

  return FALSE;
}

static void
print_figure (const char *name,
              double      value,
              const char *unit,
              double      target,
              const char *extra_json)
{
  char value_text[G_ASCII_DTOSTR_BUF_SIZE];
  char target_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("{\"bench\": \"%s\", \"value\": %s, \"unit\": \"%s\", \"target\": %s%s%s}\n",
           name, g_ascii_formatd (value_text, sizeof value_text, "%.6g", value), unit,
           target > 0 ? g_ascii_formatd (target_text, sizeof target_text, "%.6g", target) : "null",
           extra_json ? ", " : "", extra_json ? extra_json : "");
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }

  g_rmdir (dir);
}

static char *
scratch_path (Net        *net,
              const char *name)
{
  return g_build_filename (net->dir, name, NULL);
}

/* The server must not outlive a poe-bench that crashes or is killed. */
static void
die_with_parent_cb (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}


/* poe-central */

static gboolean
run_central (Net         *net,
             const char  *input,
             GError     **error,
             ...) G_GNUC_NULL_TERMINATED;

/* Runs `poe-central ARGS… --db DB` to its end, @input on its standard input. */
static gboolean
run_central (Net         *net,
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

static gboolean
start_central (Net     *net,
               GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) input = NULL;
  g_autofree char *line = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
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

static PoeHttp *
http_new (Net *net)
{
  PoeHttp *http = poe_http_new (net->url, NULL);

  poe_http_set_token (http, net->token);
  poe_http_set_timeouts (http, 5, 60);
  return http;
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

  net->db = scratch_path (net, "central.sqlite");
  net->password = g_uuid_string_random ();
  net->case_ids = g_ptr_array_new_with_free_func (g_free);
  input = g_strconcat (net->password, "\n", NULL);

  return run_central (net, input, error, "user", "add", BENCH_USER, "--role", "lead",
                      "--poe", BENCH_POE, NULL) &&
         start_central (net, error) &&
         sign_in (net, error);
}

static void
finish (Net *net)
{
  stop_central (net);
  if (net->dir != NULL)
    remove_dir (net->dir);
  g_free (net->dir);
  g_free (net->db);
  g_free (net->password);
  g_free (net->url);
  g_free (net->token);
  g_free (net->staff_id);
  g_clear_pointer (&net->case_ids, g_ptr_array_unref);
}

/* The server's latest change sequence, read beside the running server. */
static gint64
read_server_cursor (Net *net)
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
event_mutation_new (const char *case_id)
{
  g_autofree char *id = g_uuid_string_random ();
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "case_id", case_id);
  json_object_set_string_member (fields, "step", POE_STEP_ARRIVAL_MET);
  json_object_set_string_member (fields, "value", "done");
  json_object_set_string_member (fields, "at", EVENT_AT);
  return mutation_new ("checklist_event", "append", id, fields);
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

/* Pushes @mutations (taken); returns how many the server applied, or -1. */
static int
push (PoeHttp     *http,
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
static gboolean
ensure_cases (Net     *net,
              guint    n,
              GError **error)
{
  g_autoptr(PoeHttp) http = NULL;
  g_autofree char *client_id = g_uuid_string_random ();
  JsonArray *mutations;
  guint wanted_n = n - MIN (n, net->case_ids->len);

  if (wanted_n == 0)
    return TRUE;

  http = http_new (net);
  mutations = json_array_new ();
  for (guint i = 0; i < wanted_n; i++)
    {
      char *id = NULL;

      json_array_add_object_element (mutations, case_mutation_new (&id));
      g_ptr_array_add (net->case_ids, id);
    }

  if (push (http, client_id, mutations, error) != (int) wanted_n)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the server refused the bench's cases");
      return FALSE;
    }

  return TRUE;
}


/* The sync engine */

typedef struct
{
  gint64   done_us;    /* 0 until the condition held */
  gboolean seen_work;  /* pending went above 0 */
} EngineWait;

static void
pending_notified_cb (PoeSyncEngine *engine,
                     GParamSpec    *pspec,
                     EngineWait    *wait)
{
  guint pending = poe_sync_engine_get_pending_count (engine);

  wait->seen_work |= pending > 0;
  if (wait->seen_work && pending == 0 && wait->done_us == 0)
    wait->done_us = g_get_monotonic_time ();
}

static void
state_notified_cb (PoeSyncEngine *engine,
                   GParamSpec    *pspec,
                   EngineWait    *wait)
{
  if (poe_sync_engine_get_state (engine) == POE_SYNC_STATE_IDLE && wait->done_us == 0)
    wait->done_us = g_get_monotonic_time ();
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context (where the engine reports) until @wait is done. */
static gboolean
run_engine (PoeSyncEngine  *engine,
            EngineWait     *wait,
            guint           timeout_s,
            GError        **error)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  guint tick_id = g_timeout_add (100, wake_cb, NULL);
  gboolean ok = TRUE;

  while (wait->done_us == 0 && ok)
    {
      PoeSyncState state = poe_sync_engine_get_state (engine);

      if (state == POE_SYNC_STATE_ERROR || state == POE_SYNC_STATE_NEEDS_SIGN_IN ||
          g_get_monotonic_time () > end)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the sync engine did not finish: %s",
                       poe_sync_engine_get_last_error (engine) ? poe_sync_engine_get_last_error (engine)
                                                               : "timed out");
          ok = FALSE;
          break;
        }

      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick_id);
  return ok;
}

static PoeSyncEngine *
engine_new (Net      *net,
            PoeStore *store)
{
  PoeSyncEngine *engine = poe_sync_engine_new (poe_store_get_path (store), net->url, NULL);

  poe_sync_engine_set_token (engine, net->token);
  poe_sync_engine_set_ui_store (engine, store);
  poe_sync_engine_set_backoff (engine, 100, 1000);
  return engine;
}


/* Baseline: raw loopback HTTP */

static size_t
discard_cb (char   *data,
            size_t  size,
            size_t  count,
            void   *user_data)
{
  return size * count;
}

static double
run_health_requests (CURL    *curl,
                     guint    n,
                     GError **error)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    {
      long status = 0;
      CURLcode code = curl_easy_perform (curl);

      curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
      if (code != CURLE_OK || status != 200)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "GET /v1/health: %s, status %ld",
                       curl_easy_strerror (code), status);
          return -1;
        }
    }

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static gboolean
bench_loopback (Net     *net,
                GError **error)
{
  g_autofree char *url = g_strconcat (net->url, "/v1/health", NULL);
  g_autofree char *extra = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = net->quick ? 200 : 1000;
  guint runs = net->quick ? 1 : 3;
  CURL *curl = curl_easy_init ();
  gboolean ok = TRUE;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, discard_cb);

  /* One warm-up run opens the connection; the median of the others. */
  for (guint i = 0; i <= runs && ok; i++)
    {
      double seconds = run_health_requests (curl, n, error);

      ok = seconds >= 0;
      if (ok && i > 0)
        g_array_append_val (times, seconds);
    }
  curl_easy_cleanup (curl);
  if (!ok)
    return FALSE;

  extra = g_strdup_printf ("\"requests\": %u, \"runs\": %u, \"per_request_us\": %.1f", n, runs,
                           percentile (times, 0.5) * G_USEC_PER_SEC / n);
  print_figure ("baseline.loopback_http_1k_requests_s", percentile (times, 0.5), "s", 0, extra);
  return TRUE;
}


/* Pull */

/* A synthetic ABN of @n_changes changes: 4 a case (case, 2 persons, arrival segment) plus
 * one a flight. */
static char *
write_abn (Net     *net,
           guint    n_changes,
           guint   *n_flights,
           GError **error)
{
  g_autoptr(GString) csv = g_string_new ("case_number,poe,branch,inbound_carrier,inbound_number,"
                                         "inbound_origin,inbound_scheduled_arrival,surname,"
                                         "given_names,relationship\n");
  g_autofree char *path = scratch_path (net, "abn.csv");
  guint flights = MAX (n_changes / 1000, 1);
  guint cases = (n_changes - flights) / 4;

  for (guint c = 0; c < cases; c++)
    for (guint p = 0; p < 2; p++)
      g_string_append_printf (csv, "BENCH-%06u,%s,overnight,QR,%u,DOH,2026-11-24T%02u:05:00Z,"
                                   "Sample,Person %u,%s\n",
                              c, BENCH_POE, 700 + c % flights, c % flights % 24, p + 1,
                              p == 0 ? "head" : "child");

  if (!g_file_set_contents (path, csv->str, csv->len, error))
    return NULL;

  *n_flights = flights;
  return g_steal_pointer (&path);
}

static gboolean
seed_changes (Net     *net,
              guint    n_changes,
              GError **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *path = NULL;
  guint n_flights = 0;

  if (!(path = write_abn (net, n_changes, &n_flights, error)) ||
      !run_central (net, "", error, "import-abn", path, NULL))
    return FALSE;

  g_printerr ("poe-bench: seeded poe-central with %u flights and their families in %.1f s\n",
              n_flights, ms_between (start, g_get_monotonic_time ()) / 1000);
  g_unlink (path);
  return TRUE;
}

/* Rows shaped like a pulled record in one transaction, as poe-bench's insert baseline. */
static double
run_sqlite_inserts (Net   *net,
                    guint  n)
{
  g_autofree char *path = scratch_path (net, "baseline.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double seconds = -1;
  gint64 start;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                        "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, rev INTEGER, updated_at TEXT,"
                        " a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT)",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?, 1, '2026-11-24T17:00:00Z', ?, 'DOH', 'JFK',"
                              " '2026-11-24T12:00:00Z', NULL, NULL, 'A12', '3', 'scheduled')",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto out;

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      char number[16];

      g_snprintf (number, sizeof number, "%u", i);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return seconds;
}

static gint64
count_pulled (PoeStore *store)
{
  static const char * const entities[] = { "flight", "case", "person", "segment", "staff" };
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    total += MAX (poe_store_count (store, entities[i], NULL), 0);

  return total;
}

static gboolean
bench_pull (Net     *net,
            GError **error)
{
  g_autofree char *path = scratch_path (net, "pull.db");
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(PoeSyncEngine) engine = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *cursor = NULL;
  EngineWait wait = { 0 };
  guint n_changes = net->quick ? 5000 : 100000;
  gint64 start, records;
  double seconds, baseline;

  if (!seed_changes (net, n_changes, error) || !(store = poe_store_open (path, error)))
    return FALSE;

  engine = engine_new (net, store);
  g_signal_connect (engine, "notify::state", G_CALLBACK (state_notified_cb), &wait);
  start = g_get_monotonic_time ();
  poe_sync_engine_start (engine);
  if (!run_engine (engine, &wait, 600, error))
    return FALSE;
  seconds = ms_between (start, wait.done_us) / 1000;
  poe_sync_engine_stop (engine);

  records = count_pulled (store);
  cursor = poe_store_dup_sync_value (store, "cursor");
  baseline = run_sqlite_inserts (net, records);
  extra = g_strdup_printf ("\"records\": %" G_GINT64_FORMAT ", \"cursor\": %s, \"page\": 1000, \"runs\": 1,"
                           " \"baseline\": \"raw SQLite inserts of as many rows\", \"baseline_value\": %.4f,"
                           " \"ratio\": %.2f, \"ratio_target\": 5",
                           records, cursor ? cursor : "null", baseline, seconds / baseline);
  print_figure ("sync.pull_100k_changes_s", seconds, "s", 4, extra);
  return TRUE;
}


/* Push */

static gboolean
queue_writes (Net       *net,
              PoeStore  *store,
              guint      n_cases,
              guint      n_events,
              GError   **error)
{
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);

  poe_store_set_actor (store, net->staff_id, BENCH_USER);
  if (!poe_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n_cases + n_events; i++)
    {
      g_autoptr(PoeRecord) record = poe_record_new (i < n_cases ? "case" : "checklist_event");
      char *id = g_uuid_string_random ();

      poe_record_set_id (record, id);
      if (i < n_cases)
        {
          g_autofree char *number = g_strdup_printf ("BENCH-%.8s", id);

          poe_record_set_string (record, "case_number", number);
          poe_record_set_string (record, "poe", BENCH_POE);
          poe_record_set_string (record, "branch", "connect");
          poe_record_set_string (record, "sensitivity", "none");
          poe_record_set_string (record, "status", "expected");
          g_ptr_array_add (case_ids, id);
        }
      else
        {
          poe_record_set_string (record, "case_id", g_ptr_array_index (case_ids, i % n_cases));
          poe_record_set_string (record, "step", i % 2 ? POE_STEP_BAGGAGE_CLAIMED : POE_STEP_ARRIVAL_MET);
          poe_record_set_string (record, "value", "done");
          poe_record_set_string (record, "at", EVENT_AT);
          g_free (id);
        }

      if (!poe_store_save (store, record, error))
        {
          poe_store_rollback (store);
          return FALSE;
        }
    }

  return poe_store_commit (store, error);
}

static gboolean
bench_push (Net     *net,
            GError **error)
{
  g_autofree char *path = scratch_path (net, "push.db");
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(PoeSyncEngine) engine = NULL;
  g_autofree char *extra = NULL;
  EngineWait wait = { 0 };
  guint n = net->quick ? 1000 : 10000;
  guint n_cases = 50;
  gint64 start;
  double seconds;

  if (!(store = poe_store_open (path, error)) || !queue_writes (net, store, n_cases, n - n_cases, error))
    return FALSE;

  engine = engine_new (net, store);
  g_signal_connect (engine, "notify::pending-count", G_CALLBACK (pending_notified_cb), &wait);
  start = g_get_monotonic_time ();
  poe_sync_engine_start (engine);
  if (!run_engine (engine, &wait, 600, error))
    return FALSE;
  seconds = ms_between (start, wait.done_us) / 1000;
  poe_sync_engine_stop (engine);

  extra = g_strdup_printf ("\"mutations\": %u, \"batch\": 500, \"runs\": 1, \"rejected\": %u,"
                           " \"left_pending\": %u, \"per_mutation_ms\": %.3f",
                           n, poe_store_count_rejected (store), poe_store_count_pending (store),
                           seconds * 1000 / n);
  print_figure ("sync.push_10k_mutations_s", seconds, "s", 3, extra);
  return TRUE;
}


/* Long-poll fan-out */

typedef struct
{
  CURL   *easy;
  gint64  done_us;
  long    status;
} Poll;

typedef struct
{
  PoeHttp    *http;
  const char *case_id;
  gint64      start_us;
  gint64      end_us;
  int         applied;
} Commit;

static gpointer
commit_thread (gpointer data)
{
  Commit *commit = data;
  g_autofree char *client_id = g_uuid_string_random ();
  JsonArray *mutations = json_array_new ();

  json_array_add_object_element (mutations, event_mutation_new (commit->case_id));
  commit->start_us = g_get_monotonic_time ();
  commit->applied = push (commit->http, client_id, mutations, NULL);
  commit->end_us = g_get_monotonic_time ();
  return NULL;
}

static void
add_polls (Net   *net,
           CURLM *multi,
           Poll  *polls,
           guint  n,
           gint64 cursor,
           struct curl_slist *headers)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/sync/changes?since=%" G_GINT64_FORMAT "&wait=30",
                                          net->url, cursor);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *source = g_strdup_printf ("127.0.0.%u", 1 + i % 8);

      polls[i].easy = curl_easy_init ();
      curl_easy_setopt (polls[i].easy, CURLOPT_URL, url);
      /* Desks have addresses of their own: the clients come from eight (poe-central holds at
       * most 64 connections from one address, docs/security.md). */
      curl_easy_setopt (polls[i].easy, CURLOPT_INTERFACE, source);
      curl_easy_setopt (polls[i].easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt (polls[i].easy, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (polls[i].easy, CURLOPT_WRITEFUNCTION, discard_cb);
      curl_easy_setopt (polls[i].easy, CURLOPT_PRIVATE, &polls[i]);
      curl_easy_setopt (polls[i].easy, CURLOPT_TIMEOUT, 45L);
      curl_multi_add_handle (multi, polls[i].easy);
    }
}

/* Drives the transfers for @ms, or until @n_left reaches 0; records each answer's time. */
static void
drive_polls (CURLM *multi,
             guint  ms,
             guint *n_left,
             guint *n_early)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  int running = 0;

  while (*n_left > 0 && g_get_monotonic_time () < end)
    {
      CURLMsg *msg;
      int queued;

      curl_multi_perform (multi, &running);
      while ((msg = curl_multi_info_read (multi, &queued)) != NULL)
        {
          Poll *poll = NULL;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (msg->easy_handle, CURLINFO_PRIVATE, (char **) &poll);
          poll->done_us = g_get_monotonic_time ();
          curl_easy_getinfo (msg->easy_handle, CURLINFO_RESPONSE_CODE, &poll->status);
          (*n_left)--;
          if (n_early != NULL)
            (*n_early)++;
        }
      curl_multi_poll (multi, NULL, 0, 10, NULL);
    }
}

static gboolean
polls_sent (Poll  *polls,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      long sent = 0;

      curl_easy_getinfo (polls[i].easy, CURLINFO_REQUEST_SIZE, &sent);
      if (sent <= 0)
        return FALSE;
    }

  return TRUE;
}

static void
print_fanout (Poll   *polls,
              guint   n,
              Commit *commit)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint errors = 0;

  for (guint i = 0; i < n; i++)
    {
      double ms = ms_between (commit->start_us, polls[i].done_us);

      if (polls[i].done_us == 0 || polls[i].status != 200)
        errors++;
      else
        g_array_append_val (latencies, ms);
    }

  extra = g_strdup_printf ("\"clients\": %u, \"answered\": %u, \"errors\": %u, \"p50\": %.2f,"
                           " \"max\": %.2f, \"commit_push_ms\": %.2f,"
                           " \"note\": \"from the start of the committing push to each answer\"",
                           n, latencies->len, errors, percentile (latencies, 0.5),
                           percentile (latencies, 1.0), ms_between (commit->start_us, commit->end_us));
  print_figure ("server.longpoll_fanout_200_clients_p99_ms", percentile (latencies, 0.99), "ms", 100, extra);
}

static gboolean
bench_fanout (Net     *net,
              GError **error)
{
  g_autofree char *auth = g_strconcat ("Authorization: Bearer ", net->token, NULL);
  g_autoptr(PoeHttp) http = NULL;
  g_autoptr(PoeHttpResponse) health = NULL;
  g_autofree Poll *polls = NULL;
  struct curl_slist *headers = NULL;
  guint n = net->quick ? 20 : 200;
  guint n_left = n, n_early = 0;
  Commit commit = { 0 };
  GThread *thread;
  CURLM *multi;
  gint64 cursor;
  gboolean ok = FALSE;

  if (!ensure_cases (net, 1, error) || (cursor = read_server_cursor (net)) < 0)
    return FALSE;

  /* The committing connection is open before the clock starts. */
  http = http_new (net);
  if (!poe_http_request (http, "GET", "/v1/health", NULL, 0, NULL, &health, error))
    return FALSE;

  polls = g_new0 (Poll, n);
  headers = curl_slist_append (headers, auth);
  multi = curl_multi_init ();
  add_polls (net, multi, polls, n, cursor, headers);

  /* Every request sent, and a moment for the server to park them all. */
  for (guint i = 0; i < 100 && !polls_sent (polls, n); i++)
    drive_polls (multi, 50, &n_left, &n_early);
  drive_polls (multi, 500, &n_left, &n_early);
  if (n_early > 0 || !polls_sent (polls, n))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%u long polls answered before the commit,"
                   " or not all sent", n_early);
      goto out;
    }

  commit.http = http;
  commit.case_id = g_ptr_array_index (net->case_ids, 0);
  thread = g_thread_new ("poe-bench-commit", commit_thread, &commit);
  drive_polls (multi, 10000, &n_left, NULL);
  g_thread_join (thread);

  if (commit.applied != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the committing push was not applied");
      goto out;
    }

  print_fanout (polls, n, &commit);
  ok = TRUE;

out:
  for (guint i = 0; i < n; i++)
    {
      curl_multi_remove_handle (multi, polls[i].easy);
      curl_easy_cleanup (polls[i].easy);
    }
  curl_multi_cleanup (multi);
  curl_slist_free_all (headers);
  return ok;
}


/* Sustained push */

typedef struct
{
  Net        *net;
  const char *case_id;
  gint64      start_us;     /* the first push of this client is due then */
  gint64      interval_us;
  guint       n_pushes;
  GArray     *latencies;    /* ms from when each push was due to its answer */
  guint       errors;
} Pusher;

static gboolean
push_one (PoeHttp    *http,
          const char *client_id,
          const char *case_id)
{
  g_autoptr(GError) error = NULL;
  JsonArray *mutations = json_array_new ();

  json_array_add_object_element (mutations, event_mutation_new (case_id));
  return push (http, client_id, mutations, &error) == 1;
}

/* Open loop: each push is due at a fixed time, so a slow answer delays the next ones and
 * their latency counts from when they were due. */
static gpointer
pusher_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(PoeHttp) http = http_new (pusher->net);
  g_autofree char *client_id = g_uuid_string_random ();

  /* Opens the connection, as a running app has it open. */
  pusher->errors += !push_one (http, client_id, pusher->case_id);

  for (guint k = 0; k < pusher->n_pushes; k++)
    {
      gint64 due = pusher->start_us + k * pusher->interval_us;
      gint64 wait = due - g_get_monotonic_time ();
      double ms;

      if (wait > 0)
        g_usleep (wait);
      pusher->errors += !push_one (http, client_id, pusher->case_id);
      ms = ms_between (due, g_get_monotonic_time ());
      g_array_append_val (pusher->latencies, ms);
    }

  return NULL;
}

static gboolean
bench_sustained (Net     *net,
                 GError **error)
{
  const guint n_clients = 50;
  g_autofree Pusher *pushers = g_new0 (Pusher, n_clients);
  g_autofree GThread **threads = g_new0 (GThread *, n_clients);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint seconds = net->quick ? 3 : 30;
  gint64 interval_us = G_USEC_PER_SEC * n_clients / SUSTAINED_RATE;
  gint64 start, end;
  guint errors = 0;

  if (!ensure_cases (net, n_clients, error))
    return FALSE;

  /* Clients spread evenly over the interval; a second to connect first. */
  start = g_get_monotonic_time () + G_USEC_PER_SEC;
  for (guint i = 0; i < n_clients; i++)
    {
      pushers[i].net = net;
      pushers[i].case_id = g_ptr_array_index (net->case_ids, i);
      pushers[i].start_us = start + i * interval_us / n_clients;
      pushers[i].interval_us = interval_us;
      pushers[i].n_pushes = seconds * G_USEC_PER_SEC / interval_us;
      pushers[i].latencies = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new ("poe-bench-push", pusher_thread, &pushers[i]);
    }

  for (guint i = 0; i < n_clients; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (latencies, pushers[i].latencies->data, pushers[i].latencies->len);
      errors += pushers[i].errors;
      g_array_unref (pushers[i].latencies);
    }
  end = g_get_monotonic_time ();

  extra = g_strdup_printf ("\"errors\": %u, \"clients\": %u, \"mutations\": %u, \"seconds\": %u,"
                           " \"offered_rate\": %u, \"achieved_rate\": %.0f, \"p50\": %.2f, \"max\": %.2f,"
                           " \"mutations_per_push\": 1",
                           errors, n_clients, latencies->len, seconds, SUSTAINED_RATE,
                           latencies->len / (ms_between (start, end) / 1000), percentile (latencies, 0.5),
                           percentile (latencies, 1.0));
  print_figure ("server.sustained_push_50_clients_p99_ms", percentile (latencies, 0.99), "ms", 200, extra);
  return TRUE;
}

/* In this order: the pull runs before anything else adds to the server's feed. */
static const struct {
  const char   *name;
  NetBenchFunc  func;
} benches[] = {
  { "baseline.loopback_http_1k_requests_s", bench_loopback },
  { "sync.pull_100k_changes_s", bench_pull },
  { "sync.push_10k_mutations_s", bench_push },
  { "server.longpoll_fanout_200_clients_p99_ms", bench_fanout },
  { "server.sustained_push_50_clients_p99_ms", bench_sustained },
};


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
  gboolean any = FALSE, ok;

  g_return_val_if_fail (central_path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (benches); i++)
    any |= wanted (&net, benches[i].name);
  if (!any)
    return TRUE;

  curl_global_init (CURL_GLOBAL_DEFAULT);
  ok = start (&net, error);
  for (guint i = 0; i < G_N_ELEMENTS (benches) && ok; i++)
    {
      if (!wanted (&net, benches[i].name))
        continue;

      if (!(ok = benches[i].func (&net, error)))
        g_prefix_error (error, "%s: ", benches[i].name);
    }

  finish (&net);
  curl_global_cleanup ();
  return ok;
}
