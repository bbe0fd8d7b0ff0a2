/* poe-bench.c
 *
 * Benchmarks of POE Desk. Prints one JSON object a line:
 *   {"bench": NAME, "value": X, "unit": U, "target": T}
 * Each figure stands next to a baseline measured in the same run, because the machines we
 * measure on are shared and noisy: compare ratios, not absolute times. Values are medians of
 * several runs after a warm-up run; docs/performance.md has the figures of a full run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poe-core.h"
#include "poe-store-private.h"
#include "poe-bench-net.h"
#ifdef POE_BENCH_HAVE_APP
#include "poe-bench-app.h"
#endif

typedef struct
{
  gboolean    quick;
  char      **filters;
  char       *dir;          /* this run's scratch files */
  char       *scale_path;   /* the generated scale-mode store, made once a run */
  guint       runs;
  guint       n_inserts;    /* rows of the raw insert baseline and pulled changes applied */
  guint       n_mutations;  /* user writes enqueued */
  guint       n_families;   /* families of the scale-mode day */
  guint       n_flights;    /* flights of the scale-mode day */
  double      insert_baseline_s;
} Bench;

typedef double (*RunFunc) (Bench *bench, GError **error);

#define SCALE_DAY_NOW "2026-11-24T17:00:00Z"
#define WINDOW_FROM   "2026-11-24T00:00:00Z"
#define WINDOW_TO     "2026-11-26T00:00:00Z"
#define FIRST_PAGE    40


/*
 * Auxiliary methods
 */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

static gboolean
wanted (Bench      *bench,
        const char *name)
{
  if (bench->filters == NULL || bench->filters[0] == NULL)
    return TRUE;

  for (guint i = 0; bench->filters[i] != NULL; i++)
    if (strstr (name, bench->filters[i]) != NULL)
      return TRUE;

  return FALSE;
}

static const char *
format_number (char   *buffer,
               gsize   size,
               double  value)
{
  return g_ascii_formatd (buffer, size, "%.6g", value);
}

/* Prints one figure; @extra_json adds members ("key": value, …) or is NULL. The program never
 * calls setlocale(), so printf formats numbers the JSON way. */
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
           name, format_number (value_text, sizeof value_text, value), unit,
           target > 0 ? format_number (target_text, sizeof target_text, target) : "null",
           extra_json ? ", " : "", extra_json ? extra_json : "");
}

static char *
scratch_path (Bench      *bench,
              const char *name)
{
  return g_build_filename (bench->dir, name, NULL);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static GDateTime *
parse_time (const char *text)
{
  return poe_time_parse_iso8601 (text);
}

/* Runs @run once to warm up, then bench->runs times; the median of the values. */
static gboolean
measure (Bench    *bench,
         RunFunc   run,
         double   *result,
         GError  **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i <= bench->runs; i++)
    {
      double value = run (bench, error);

      if (value < 0)
        return FALSE;
      if (i > 0)
        g_array_append_val (values, value);
    }

  *result = median (values);
  return TRUE;
}

/* Baseline: raw SQLite */

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
  return FALSE;
}

/* Rows shaped like a pulled record: an id, a revision, a dozen short text columns. The same
 * pragmas as the store, so the ratio measures the store's own overhead. */
static double
run_sqlite_inserts (Bench   *bench,
                    GError **error)
{
  g_autofree char *path = scratch_path (bench, "baseline.db");
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  double elapsed = -1;

  remove_database (path);
  if (sqlite3_open (path, &db) != SQLITE_OK ||
      !exec_sql (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                     "CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, rev INTEGER, updated_at TEXT,"
                     " a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT)", error) ||
      sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?, 1, '2026-11-24T17:00:00Z',"
                              " ?, 'DOH', 'JFK', '2026-11-24T12:00:00Z', NULL, NULL, 'A12', '3', 'scheduled')",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
      goto out;
    }

  start = g_get_monotonic_time ();
  if (!exec_sql (db, "BEGIN", error))
    goto out;
  for (guint i = 0; i < bench->n_inserts; i++)
    {
      g_autofree char *id = poe_uuid_new ();
      g_autofree char *number = g_strdup_printf ("%u", i);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (!exec_sql (db, "COMMIT", error))
    goto out;
  elapsed = seconds_since (start);

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  remove_database (path);
  return elapsed;
}

/* The scale-mode day */

static gboolean
import_record (PoeRecord  *record,
               gpointer    user_data,
               GError    **error)
{
  return poe_store_import (user_data, record, error);
}

static void
init_demo_options (PoeDemoOptions *options,
                   GDateTime      *now,
                   guint           n_flights,
                   guint           n_families)
{
  poe_demo_options_init (options);
  options->seed = 2026;
  options->now = now;
  options->n_flights = n_flights;
  options->n_families = n_families;
}

/* Generated once a run and kept in the scratch folder for the benches that read it. */
static const char *
ensure_scale_store (Bench   *bench,
                    GError **error)
{
  g_autoptr(GDateTime) now = parse_time (SCALE_DAY_NOW);
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *path = NULL;
  PoeDemoOptions options;
  gint64 start = g_get_monotonic_time ();

  if (bench->scale_path != NULL)
    return bench->scale_path;

  path = scratch_path (bench, "scale.db");
  if (!(store = poe_store_open (path, error)))
    return NULL;

  init_demo_options (&options, now, bench->n_flights, bench->n_families);
  if (!poe_store_begin (store, error))
    return NULL;
  if (!poe_demo_generate (&options, import_record, store, error))
    {
      poe_store_rollback (store);
      return NULL;
    }
  if (!poe_store_commit (store, error))
    return NULL;

  g_printerr ("poe-bench: generated %u families on %u flights in %.1f s\n",
              bench->n_families, bench->n_flights, seconds_since (start));
  bench->scale_path = g_steal_pointer (&path);
  return bench->scale_path;
}

static PoeBoardModel *
open_board (PoeStore  *store,
            GError   **error)
{
  g_autoptr(GDateTime) from = parse_time (WINDOW_FROM);
  g_autoptr(GDateTime) to = parse_time (WINDOW_TO);

  return poe_board_model_new (store, from, to, error);
}

/* Runs this program again with a probe option: a fresh process, as an app start is, and a
 * heap that holds only what the probe made. */
static char *
run_probe (Bench       *bench,
           const char  *option,
           GError     **error)
{
  const char *path = ensure_scale_store (bench, error);
  g_autofree char *self = NULL;
  g_autofree char *out = NULL;
  int status;

  if (path == NULL || !(self = g_file_read_link ("/proc/self/exe", error)))
    return NULL;

  {
    const char *argv[] = { self, option, path, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, error) ||
        !g_spawn_check_wait_status (status, error))
      return NULL;
  }

  return g_steal_pointer (&out);
}

/* In the probe: open the store, load the board and take its first page of rows. */
static int
open_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(PoeBoardModel) board = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_items;

  if (!(store = poe_store_open (path, &error)) || !(board = open_board (store, &error)))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 1;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (board));
  for (guint i = 0; i < MIN (n_items, FIRST_PAGE); i++)
    {
      g_autoptr(PoeBoardRow) row = g_list_model_get_item (G_LIST_MODEL (board), i);

      (void) poe_board_row_get_n_families (row);
    }

  g_print ("%.3f\n", seconds_since (start) * 1000);
  return 0;
}

static double
run_open (Bench   *bench,
          GError **error)
{
  g_autofree char *out = run_probe (bench, "--open-child", error);

  if (out == NULL)
    return -1;

  return g_ascii_strtod (out, NULL);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* Types a flight number and a case-number fragment, then deletes them, one key at a time. */
static gboolean
measure_keystrokes (Bench   *bench,
                    GArray  *times,
                    guint   *n_flights,
                    GError **error)
{
  static const char * const typed[] = { "qr 70", "us-2026-91", "doh" };
  const char *path = ensure_scale_store (bench, error);
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(PoeBoardModel) board = NULL;
  guint n_changes = 0;

  if (path == NULL || !(store = poe_store_open (path, error)) || !(board = open_board (store, error)))
    return FALSE;

  if (!poe_board_model_ensure_loaded (board, 0, G_MAXUINT, error))
    return FALSE;

  *n_flights = poe_board_model_get_n_flights (board);
  g_signal_connect (board, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);

  for (guint run = 0; run <= bench->runs; run++)
    for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
      {
        guint len = strlen (typed[t]);

        for (guint i = 1; i <= 2 * len; i++)
          {
            g_autofree char *query = g_strndup (typed[t], i <= len ? i : 2 * len - i);
            gint64 start = g_get_monotonic_time ();
            double ms;

            poe_board_model_set_query (board, query);
            ms = seconds_since (start) * 1000;
            if (run > 0)
              g_array_append_val (times, ms);
          }
      }

  return TRUE;
}

/* Pulled changes */

static GPtrArray *
build_changes (Bench   *bench,
               GError **error)
{
  g_autoptr(GDateTime) now = parse_time (SCALE_DAY_NOW);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  PoeDemoOptions options;

  /* About nine records a family: enough families for the changes wanted. */
  init_demo_options (&options, now, MAX (bench->n_inserts / 50, 10), bench->n_inserts / 8);
  if (!(records = poe_demo_generate_all (&options, error)))
    return NULL;

  for (guint i = 0; i < records->len && changes->len < bench->n_inserts; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);
      JsonObject *change = json_object_new ();

      json_object_set_string_member (change, "entity", poe_record_get_entity_name (record));
      json_object_set_string_member (change, "id", poe_record_get_id (record));
      json_object_set_int_member (change, "rev", 1 + i);
      json_object_set_boolean_member (change, "deleted", FALSE);
      json_object_set_object_member (change, "data", poe_record_to_json (record));
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

static GPtrArray *bench_changes;

/* As the sync engine applies a pulled page: begin, apply each change, store the cursor,
 * commit. Pages of 1,000 changes. With @as_worker, on a connection set up as the sync
 * worker's (src/core/sync/poe-sync-worker.c: synchronous = NORMAL, 16 MB page cache), which is
 * the one that applies pulled pages; without, on one set up as the UI's. */
static double
run_apply_on (Bench     *bench,
              gboolean   as_worker,
              GError   **error)
{
  g_autofree char *path = scratch_path (bench, "apply.db");
  g_autoptr(PoeStore) store = NULL;
  gint64 start;
  double elapsed = -1;

  remove_database (path);
  if (!(store = poe_store_open (path, error)) || (as_worker && !_poe_store_use_for_sync (store, error)))
    return -1;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < bench_changes->len; i += 1000)
    {
      g_autofree char *cursor = g_strdup_printf ("%u", i);

      if (!poe_store_begin (store, error))
        goto out;
      for (guint j = i; j < MIN (i + 1000, bench_changes->len); j++)
        {
          g_autoptr(GError) local_error = NULL;

          if (!poe_store_apply_remote (store, g_ptr_array_index (bench_changes, j), &local_error) &&
              !g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID))
            {
              poe_store_rollback (store);
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto out;
            }
        }
      if (!poe_store_set_sync_value (store, "cursor", cursor, error) || !poe_store_commit (store, error))
        goto out;
    }
  elapsed = seconds_since (start);

out:
  g_clear_object (&store);
  remove_database (path);
  return elapsed;
}

static double
run_apply (Bench   *bench,
           GError **error)
{
  return run_apply_on (bench, TRUE, error);
}

static double
run_apply_ui (Bench   *bench,
              GError **error)
{
  return run_apply_on (bench, FALSE, error);
}

/* User writes */

static gboolean
enqueue_once (Bench   *bench,
              GArray  *times,
              double  *total_s,
              GError **error)
{
  g_autofree char *path = scratch_path (bench, "enqueue.db");
  g_autoptr(GDateTime) now = parse_time (SCALE_DAY_NOW);
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  PoeDemoOptions options;
  gboolean ok = FALSE;
  gint64 start;

  remove_database (path);
  init_demo_options (&options, now, 0, 0);
  if (!(store = poe_store_open (path, error)) ||
      !poe_store_begin (store, error) ||
      !poe_demo_generate (&options, import_record, store, error) ||
      !poe_store_commit (store, error) ||
      !(cases = poe_store_list (store, "case", NULL, NULL, error)))
    goto out;
  poe_store_set_actor (store, NULL, "agent");

  /* A checklist tick: the commonest write at the door, row + outbox + audit. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < bench->n_mutations; i++)
    {
      g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
      g_autofree char *id = poe_uuid_new ();
      gint64 one = g_get_monotonic_time ();
      double ms;

      poe_record_set_id (event, id);
      poe_record_set_string (event, "case_id", poe_record_get_id (g_ptr_array_index (cases, i % cases->len)));
      poe_record_set_string (event, "step", i % 2 ? POE_STEP_BAGGAGE_CLAIMED : POE_STEP_ARRIVAL_MET);
      poe_record_set_string (event, "value", "done");
      poe_record_set_time (event, "at", now);
      if (!poe_store_save (store, event, error))
        goto out;
      ms = seconds_since (one) * 1000;
      g_array_append_val (times, ms);
    }
  *total_s = seconds_since (start);
  ok = TRUE;

out:
  g_clear_object (&store);
  remove_database (path);
  return ok;
}

/* Memory */

static double
read_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return -1;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

/* In a child process, so the heap is the store's and the board's alone. */
static int
rss_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(PoeBoardModel) board = NULL;
  double before = read_rss_mb ();

  if (!(store = poe_store_open (path, &error)) || !(board = open_board (store, &error)) ||
      !poe_board_model_ensure_loaded (board, 0, G_MAXUINT, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 1;
    }

  g_print ("%.1f %.1f\n", before, read_rss_mb ());
  return 0;
}

static gboolean
measure_rss (Bench   *bench,
             double  *before,
             double  *after,
             GError **error)
{
  g_autofree char *out = run_probe (bench, "--rss-child", error);

  if (out == NULL)
    return FALSE;

  if (sscanf (out, "%lf %lf", before, after) != 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The memory probe printed nothing");
      return FALSE;
    }

  return TRUE;
}

/* The benches */

static gboolean
bench_insert_baseline (Bench   *bench,
                       GError **error)
{
  g_autofree char *extra = NULL;

  if (!measure (bench, run_sqlite_inserts, &bench->insert_baseline_s, error))
    return FALSE;

  extra = g_strdup_printf ("\"rows\": %u, \"runs\": %u", bench->n_inserts, bench->runs);
  print_figure ("baseline.sqlite_insert_100k_s", bench->insert_baseline_s, "s", 0, extra);
  return TRUE;
}

static gboolean
bench_open (Bench   *bench,
            GError **error)
{
  g_autofree char *extra = NULL;
  double ms;

  if (!measure (bench, run_open, &ms, error))
    return FALSE;

  extra = g_strdup_printf ("\"families\": %u, \"flights\": %u, \"first_page\": %u, \"runs\": %u,"
                           " \"target_note\": \"added to baseline.gtk_empty_window_first_frame_ms\"",
                           bench->n_families, bench->n_flights, FIRST_PAGE, bench->runs);
  print_figure ("store.open_50k_families_ms", ms, "ms", 60, extra);
  return TRUE;
}

static gboolean
bench_filter (Bench   *bench,
              GError **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint n_flights = 0;
  double p50, p99, max;

  if (!measure_keystrokes (bench, times, &n_flights, error))
    return FALSE;

  p50 = median (times);
  p99 = percentile (times, 0.99);
  max = g_array_index (times, double, times->len - 1);
  extra = g_strdup_printf ("\"flights\": %u, \"keystrokes\": %u, \"p99\": %.3f, \"max\": %.3f",
                           n_flights, times->len, p99, max);
  print_figure ("store.board_filter_keystroke_10k_flights_ms", p50, "ms", 8, extra);
  return TRUE;
}

static gboolean
bench_apply (Bench   *bench,
             GError **error)
{
  g_autofree char *extra = NULL;
  double seconds, ui_seconds;

  if (bench->insert_baseline_s <= 0 && !measure (bench, run_sqlite_inserts, &bench->insert_baseline_s, error))
    return FALSE;

  if (!(bench_changes = build_changes (bench, error)))
    return FALSE;

  if (!measure (bench, run_apply, &seconds, error) || !measure (bench, run_apply_ui, &ui_seconds, error))
    {
      g_clear_pointer (&bench_changes, g_ptr_array_unref);
      return FALSE;
    }

  /* The figure is the worker's connection; the UI's is printed beside it for comparison. */
  extra = g_strdup_printf ("\"changes\": %u, \"page\": 1000, \"runs\": %u, \"connection\": \"sync worker\","
                           " \"baseline\": \"baseline.sqlite_insert_100k_s\", \"baseline_value\": %.4f,"
                           " \"ratio\": %.2f, \"ratio_target\": 5,"
                           " \"ui_connection_value\": %.4f, \"ui_connection_ratio\": %.2f",
                           bench_changes->len, bench->runs, bench->insert_baseline_s,
                           seconds / bench->insert_baseline_s,
                           ui_seconds, ui_seconds / bench->insert_baseline_s);
  print_figure ("store.apply_100k_changes_s", seconds, "s", 4, extra);
  g_clear_pointer (&bench_changes, g_ptr_array_unref);
  return TRUE;
}

static gboolean
bench_enqueue (Bench   *bench,
               GError **error)
{
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) p99s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint runs = bench->quick ? bench->runs : MAX (bench->runs / 2, 1);

  /* Each run writes n_mutations rows, one fsync each: fewer runs than the others. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      double total = 0, p99;

      if (!enqueue_once (bench, times, &total, error))
        return FALSE;
      if (i == 0)
        continue;
      p99 = percentile (times, 0.99);
      g_array_append_val (totals, total);
      g_array_append_val (p99s, p99);
    }

  if (wanted (bench, "store.enqueue_10k_mutations_s"))
    {
      extra = g_strdup_printf ("\"mutations\": %u, \"runs\": %u,"
                               " \"target_note\": \"10,000 x the 2 ms per-write budget\"",
                               bench->n_mutations, runs);
      print_figure ("store.enqueue_10k_mutations_s", median (totals), "s", 20, extra);
      g_clear_pointer (&extra, g_free);
    }
  if (wanted (bench, "store.enqueue_write_p99_ms"))
    {
      extra = g_strdup_printf ("\"mutations\": %u, \"runs\": %u", bench->n_mutations, runs);
      print_figure ("store.enqueue_write_p99_ms", median (p99s), "ms", 2, extra);
    }
  return TRUE;
}

static gboolean
bench_rss (Bench   *bench,
           GError **error)
{
  g_autofree char *extra = NULL;
  double before, after;

  if (!measure_rss (bench, &before, &after, error))
    return FALSE;

  extra = g_strdup_printf ("\"families\": %u, \"flights\": %u, \"rss_before_mb\": %.1f, \"rss_after_mb\": %.1f,"
                           " \"target_note\": \"added to the empty window's RSS\"",
                           bench->n_families, bench->n_flights, before, after);
  print_figure ("store.rss_50k_families_mb", after - before, "MB", 40, extra);
  return TRUE;
}

static const struct {
  const char  *names[2];
  gboolean   (*func) (Bench *bench, GError **error);
} benches[] = {
  { { "baseline.sqlite_insert_100k_s" }, bench_insert_baseline },
  { { "store.open_50k_families_ms" }, bench_open },
  { { "store.board_filter_keystroke_10k_flights_ms" }, bench_filter },
  { { "store.apply_100k_changes_s" }, bench_apply },
  { { "store.enqueue_10k_mutations_s", "store.enqueue_write_p99_ms" }, bench_enqueue },
  { { "store.rss_50k_families_mb" }, bench_rss },
};

static void
remove_scratch (Bench *bench)
{
  if (bench->scale_path != NULL)
    remove_database (bench->scale_path);
  g_rmdir (bench->dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rss_path = NULL;
  g_autofree char *open_path = NULL;
  gboolean quick = FALSE;
  int status = 0;
  Bench bench = { 0 };
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Small sizes and few runs, for a smoke test", NULL },
    { "rss-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &rss_path, NULL, NULL },
    { "open-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &open_path, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("[BENCH…]");
  g_option_context_set_summary (context, "Runs the POE Desk benchmarks and prints JSON lines.\n"
                                         "Each BENCH is a part of the names of the benchmarks to run.");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 2;
    }

  if (rss_path != NULL)
    return rss_child (rss_path);
  if (open_path != NULL)
    return open_child (open_path);

  bench.quick = quick;
  bench.filters = argv + 1;
  bench.runs = quick ? 2 : 5;
  bench.n_inserts = quick ? 5000 : 100000;
  bench.n_mutations = quick ? 200 : 10000;
  bench.n_families = quick ? 2000 : 50000;
  bench.n_flights = quick ? 400 : 10000;
  if (!(bench.dir = g_dir_make_tmp ("poe-bench-XXXXXX", &error)))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (benches) && status == 0; i++)
    {
      if (!wanted (&bench, benches[i].names[0]) &&
          !(benches[i].names[1] != NULL && wanted (&bench, benches[i].names[1])))
        continue;

      if (!benches[i].func (&bench, &error))
        {
          g_printerr ("poe-bench: %s: %s\n", benches[i].names[0], error->message);
          status = 1;
        }
    }

  remove_scratch (&bench);

  /* Against a real poe-central process (loopback only), then the real app under the
   * caller's display. */
#ifdef POE_BENCH_CENTRAL_PATH
  if (status == 0 && !poe_bench_net_run (POE_BENCH_CENTRAL_PATH, quick, (const char * const *) bench.filters, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      g_clear_error (&error);
      status = 1;
    }
#endif
#ifdef POE_BENCH_HAVE_APP
  if (status == 0 && g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_printerr ("poe-bench: no display: the app benchmarks are left out (run under xvfb-run)\n");
  else if (status == 0 && !poe_bench_app_run (POE_BENCH_DESK_PATH, POE_BENCH_EMPTY_WINDOW_PATH, quick,
                                               (const char * const *) bench.filters, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      status = 1;
    }
#endif

  g_free (bench.dir);
  g_free (bench.scale_path);
  return status;
}
