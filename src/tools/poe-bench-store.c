/* poe-bench-store.c
 *
 * The local store's benchmarks of DESIGN §6, on a synthetic day of 50,000 families on
 * 10,000 flights generated once a run into a scratch folder:
 *
 *   baseline.sqlite_insert_100k_s                100,000 raw SQLite inserts, one transaction
 *   store.open_50k_families_ms                   open the store, load the board, first page
 *   store.board_filter_keystroke_10k_flights_ms  one keystroke of the board's filter
 *   store.apply_100k_changes_s                   100,000 pulled changes applied, pages of 1,000
 *   store.enqueue_10k_mutations_s                10,000 user writes (row + outbox + audit)
 *   store.enqueue_write_p99_ms                   the p99 of one of those writes
 *   store.rss_50k_families_mb                    the memory the board of that day takes
 *
 * Opening the store and its memory are measured in a fresh process (poe-bench run again
 * with a hidden probe option), as an app start is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "poe-core.h"
#include "poe-store-private.h"

#include "poe-bench-store.h"
#include "poe-bench-util.h"

typedef struct
{
  gboolean             quick;
  const char * const  *filters;
  char                *dir;          /* this run's scratch files */
  char                *scale_path;   /* the generated scale-mode store, made once a run */
  guint                runs;
  guint                n_inserts;    /* rows of the raw insert baseline and pulled changes applied */
  guint                n_mutations;  /* user writes enqueued */
  guint                n_families;   /* families of the scale-mode day */
  guint                n_flights;    /* flights of the scale-mode day */
  double               insert_baseline_s;
} Bench;

#define SCALE_DAY_NOW "2026-11-24T17:00:00Z"
#define WINDOW_FROM   "2026-11-24T00:00:00Z"
#define WINDOW_TO     "2026-11-26T00:00:00Z"
#define FIRST_PAGE    40


/*
 * Auxiliary methods
 */

static GDateTime *
parse_time (const char *text)
{
  return poe_time_parse_iso8601 (text);
}

static char *
scratch_path (Bench      *bench,
              const char *name)
{
  return g_build_filename (bench->dir, name, NULL);
}

/* Baseline: raw SQLite */

static double
run_sqlite_inserts (gpointer   user_data,
                    GError   **error)
{
  Bench *bench = user_data;
  g_autofree char *path = scratch_path (bench, "baseline.db");

  return poe_bench_run_sqlite_inserts (path, bench->n_inserts, error);
}

/* The scale-mode day */

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
  if (!poe_bench_fill_store (store, &options, error))
    return NULL;

  g_printerr ("poe-bench: generated %u families on %u flights in %.1f s\n",
              bench->n_families, bench->n_flights, poe_bench_seconds_since (start));
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

static double
run_open (gpointer   user_data,
          GError   **error)
{
  g_autofree char *out = run_probe (user_data, "--open-child", error);

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
            ms = poe_bench_seconds_since (start) * 1000;
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

  poe_bench_remove_database (path);
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
  elapsed = poe_bench_seconds_since (start);

out:
  g_clear_object (&store);
  poe_bench_remove_database (path);
  return elapsed;
}

static double
run_apply (gpointer   user_data,
           GError   **error)
{
  return run_apply_on (user_data, TRUE, error);
}

static double
run_apply_ui (gpointer   user_data,
              GError   **error)
{
  return run_apply_on (user_data, FALSE, error);
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

  poe_bench_remove_database (path);
  init_demo_options (&options, now, 0, 0);
  if (!(store = poe_store_open (path, error)) ||
      !poe_bench_fill_store (store, &options, error) ||
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
      ms = poe_bench_seconds_since (one) * 1000;
      g_array_append_val (times, ms);
    }
  *total_s = poe_bench_seconds_since (start);
  ok = TRUE;

out:
  g_clear_object (&store);
  poe_bench_remove_database (path);
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
bench_insert_baseline (gpointer   user_data,
                       GError   **error)
{
  Bench *bench = user_data;
  g_autofree char *extra = NULL;

  if (!poe_bench_measure (bench->runs, run_sqlite_inserts, bench, &bench->insert_baseline_s, error))
    return FALSE;

  extra = g_strdup_printf ("\"rows\": %u, \"runs\": %u", bench->n_inserts, bench->runs);
  poe_bench_print_figure ("baseline.sqlite_insert_100k_s", bench->insert_baseline_s, "s", 0, extra);
  return TRUE;
}

static gboolean
bench_open (gpointer   user_data,
            GError   **error)
{
  Bench *bench = user_data;
  g_autofree char *extra = NULL;
  double ms;

  if (!poe_bench_measure (bench->runs, run_open, bench, &ms, error))
    return FALSE;

  extra = g_strdup_printf ("\"families\": %u, \"flights\": %u, \"first_page\": %u, \"runs\": %u,"
                           " \"target_note\": \"added to baseline.gtk_empty_window_first_frame_ms\"",
                           bench->n_families, bench->n_flights, FIRST_PAGE, bench->runs);
  poe_bench_print_figure ("store.open_50k_families_ms", ms, "ms", 60, extra);
  return TRUE;
}

static gboolean
bench_filter (gpointer   user_data,
              GError   **error)
{
  Bench *bench = user_data;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint n_flights = 0;
  double p50, p99, max;

  if (!measure_keystrokes (bench, times, &n_flights, error))
    return FALSE;

  p50 = poe_bench_median (times);
  p99 = poe_bench_percentile (times, 0.99);
  max = g_array_index (times, double, times->len - 1);
  extra = g_strdup_printf ("\"flights\": %u, \"keystrokes\": %u, \"p99\": %.3f, \"max\": %.3f",
                           n_flights, times->len, p99, max);
  poe_bench_print_figure ("store.board_filter_keystroke_10k_flights_ms", p50, "ms", 8, extra);
  return TRUE;
}

static gboolean
bench_apply (gpointer   user_data,
             GError   **error)
{
  Bench *bench = user_data;
  g_autofree char *extra = NULL;
  double seconds, ui_seconds;

  if (bench->insert_baseline_s <= 0 &&
      !poe_bench_measure (bench->runs, run_sqlite_inserts, bench, &bench->insert_baseline_s, error))
    return FALSE;

  if (!(bench_changes = build_changes (bench, error)))
    return FALSE;

  if (!poe_bench_measure (bench->runs, run_apply, bench, &seconds, error) ||
      !poe_bench_measure (bench->runs, run_apply_ui, bench, &ui_seconds, error))
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
  poe_bench_print_figure ("store.apply_100k_changes_s", seconds, "s", 4, extra);
  g_clear_pointer (&bench_changes, g_ptr_array_unref);
  return TRUE;
}

static gboolean
bench_enqueue (gpointer   user_data,
               GError   **error)
{
  Bench *bench = user_data;
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
      p99 = poe_bench_percentile (times, 0.99);
      g_array_append_val (totals, total);
      g_array_append_val (p99s, p99);
    }

  if (poe_bench_wanted (bench->filters, "store.enqueue_10k_mutations_s"))
    {
      extra = g_strdup_printf ("\"mutations\": %u, \"runs\": %u,"
                               " \"target_note\": \"10,000 x the 2 ms per-write budget\"",
                               bench->n_mutations, runs);
      poe_bench_print_figure ("store.enqueue_10k_mutations_s", poe_bench_median (totals), "s", 20, extra);
      g_clear_pointer (&extra, g_free);
    }
  if (poe_bench_wanted (bench->filters, "store.enqueue_write_p99_ms"))
    {
      extra = g_strdup_printf ("\"mutations\": %u, \"runs\": %u", bench->n_mutations, runs);
      poe_bench_print_figure ("store.enqueue_write_p99_ms", poe_bench_median (p99s), "ms", 2, extra);
    }
  return TRUE;
}

static gboolean
bench_rss (gpointer   user_data,
           GError   **error)
{
  Bench *bench = user_data;
  g_autofree char *extra = NULL;
  double before, after;

  if (!measure_rss (bench, &before, &after, error))
    return FALSE;

  extra = g_strdup_printf ("\"families\": %u, \"flights\": %u, \"rss_before_mb\": %.1f, \"rss_after_mb\": %.1f,"
                           " \"target_note\": \"added to the empty window's RSS\"",
                           bench->n_families, bench->n_flights, before, after);
  poe_bench_print_figure ("store.rss_50k_families_mb", after - before, "MB", 40, extra);
  return TRUE;
}

static const PoeBenchEntry benches[] = {
  { { "baseline.sqlite_insert_100k_s" }, bench_insert_baseline },
  { { "store.open_50k_families_ms" }, bench_open },
  { { "store.board_filter_keystroke_10k_flights_ms" }, bench_filter },
  { { "store.apply_100k_changes_s" }, bench_apply },
  { { "store.enqueue_10k_mutations_s", "store.enqueue_write_p99_ms" }, bench_enqueue },
  { { "store.rss_50k_families_mb" }, bench_rss },
};


/*
 * Public API
 */

/**
 * poe_bench_store_run:
 * @quick: small sizes and few runs, for a smoke test
 * @filters: (nullable) (array zero-terminated=1): parts of the names of the benchmarks to run
 *
 * Runs the store benchmarks and prints their figures. Their scratch folder is removed at
 * the end, also when a benchmark fails.
 *
 * Returns: %FALSE with @error set when a benchmark could not run
 */
gboolean
poe_bench_store_run (gboolean             quick,
                     const char * const  *filters,
                     GError             **error)
{
  Bench bench = {
    .quick = quick,
    .filters = filters,
    .runs = quick ? 2 : 5,
    .n_inserts = quick ? 5000 : 100000,
    .n_mutations = quick ? 200 : 10000,
    .n_families = quick ? 2000 : 50000,
    .n_flights = quick ? 400 : 10000,
  };
  gboolean ok;

  if (!poe_bench_any_wanted (benches, G_N_ELEMENTS (benches), filters))
    return TRUE;

  if (!(bench.dir = g_dir_make_tmp ("poe-bench-XXXXXX", error)))
    return FALSE;

  ok = poe_bench_run_table (benches, G_N_ELEMENTS (benches), filters, &bench, error);

  poe_bench_remove_tree (bench.dir);
  g_free (bench.dir);
  g_free (bench.scale_path);
  return ok;
}

/**
 * poe_bench_store_probe_open:
 * @path: the scale-mode store
 *
 * In the probe process of store.open_50k_families_ms: opens the store, loads the board and
 * takes its first page of rows, and prints the milliseconds that took.
 *
 * Returns: the exit status of the probe
 */
int
poe_bench_store_probe_open (const char *path)
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

  g_print ("%.3f\n", poe_bench_seconds_since (start) * 1000);
  return 0;
}

/**
 * poe_bench_store_probe_rss:
 * @path: the scale-mode store
 *
 * In the probe process of store.rss_50k_families_mb: prints the resident memory before and
 * after opening the store and loading the whole board, in MB.
 *
 * Returns: the exit status of the probe
 */
int
poe_bench_store_probe_rss (const char *path)
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
