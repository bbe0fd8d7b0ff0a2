/* poe-bench-util.c
 *
 * The helpers of poe-bench's store, network and app benchmarks, in one place so that every
 * figure is timed, summarised, filtered and printed the same way: a median is the upper
 * middle of the sorted runs, a run that warms up is never counted, and each figure is one
 * JSON line `{"bench": NAME, "value": X, "unit": U, "target": T, …}`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>

#include "poe-bench-util.h"


/*
 * Auxiliary methods
 */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static const char *
format_number (char   *buffer,
               gsize   size,
               double  value)
{
  return g_ascii_formatd (buffer, size, "%.6g", value);
}

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

static gboolean
import_record (PoeRecord  *record,
               gpointer    user_data,
               GError    **error)
{
  return poe_store_import (user_data, record, error);
}


/*
 * Callbacks
 */

/* A child (server, keyring, measured program) must not outlive a poe-bench that crashes or
 * is killed. */
static void
die_with_parent_cb (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}


/*
 * Public API: figures
 */

double
poe_bench_seconds_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / (double) G_USEC_PER_SEC;
}

double
poe_bench_ms_between (gint64 start_us,
                      gint64 end_us)
{
  return (end_us - start_us) / 1000.0;
}

/**
 * poe_bench_percentile:
 * @values: (element-type double): sorted in place
 * @p: from 0 to 1
 *
 * Returns: the value nearest rank @p, 0 when there are none
 */
double
poe_bench_percentile (GArray *values,
                      double  p)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, MIN (index, values->len - 1));
}

/**
 * poe_bench_median:
 * @values: (element-type double): sorted in place
 *
 * Returns: the upper middle value, 0 when there are none
 */
double
poe_bench_median (GArray *values)
{
  /* (len - 1) / 2 rounded half up is len / 2. */
  return poe_bench_percentile (values, 0.5);
}

/**
 * poe_bench_measure:
 * @runs: the runs counted, after one that warms up
 * @run: one run; a negative value is a failure
 *
 * Returns: whether every run succeeded; then @median holds their median
 */
gboolean
poe_bench_measure (guint             runs,
                   PoeBenchRunFunc   run,
                   gpointer          user_data,
                   double           *median,
                   GError          **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i <= runs; i++)
    {
      double value = run (user_data, error);

      if (value < 0)
        return FALSE;
      if (i > 0)
        g_array_append_val (values, value);
    }

  *median = poe_bench_median (values);
  return TRUE;
}

/**
 * poe_bench_print_figure:
 * @target: the budget, or 0 for a figure without one (a baseline)
 * @extra_json: (nullable): more members, `"key": value, …`
 *
 * Prints one figure as a JSON line. poe-bench never calls setlocale(), and the numbers are
 * formatted with g_ascii_formatd(), so they are JSON numbers in any locale.
 */
void
poe_bench_print_figure (const char *name,
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


/*
 * Public API: the name filter and tables of benchmarks
 */

/**
 * poe_bench_wanted:
 * @filters: (nullable) (array zero-terminated=1): parts of names, from the command line
 *
 * Returns: whether @name contains one of @filters, or there are none
 */
gboolean
poe_bench_wanted (const char * const *filters,
                  const char         *name)
{
  if (filters == NULL || filters[0] == NULL)
    return TRUE;

  for (guint i = 0; filters[i] != NULL; i++)
    if (strstr (name, filters[i]) != NULL)
      return TRUE;

  return FALSE;
}

gboolean
poe_bench_entry_wanted (const PoeBenchEntry *entry,
                        const char * const  *filters)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry->names) && entry->names[i] != NULL; i++)
    if (poe_bench_wanted (filters, entry->names[i]))
      return TRUE;

  return FALSE;
}

gboolean
poe_bench_any_wanted (const PoeBenchEntry *entries,
                      guint                n_entries,
                      const char * const  *filters)
{
  for (guint i = 0; i < n_entries; i++)
    if (poe_bench_entry_wanted (&entries[i], filters))
      return TRUE;

  return FALSE;
}

/**
 * poe_bench_run_table:
 * @user_data: handed to each benchmark
 *
 * Runs, in order, the benchmarks of @entries that @filters want, and stops at the first
 * that fails.
 *
 * Returns: %FALSE with @error set, prefixed with the benchmark's first name, on a failure
 */
gboolean
poe_bench_run_table (const PoeBenchEntry *entries,
                     guint                n_entries,
                     const char * const  *filters,
                     gpointer             user_data,
                     GError             **error)
{
  for (guint i = 0; i < n_entries; i++)
    {
      if (!poe_bench_entry_wanted (&entries[i], filters))
        continue;

      if (!entries[i].func (user_data, error))
        {
          g_prefix_error (error, "%s: ", entries[i].names[0]);
          return FALSE;
        }
    }

  return TRUE;
}


/*
 * Public API: scratch files and children
 */

/* An SQLite database with its WAL and shared-memory files. */
void
poe_bench_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* A file, or a folder and all it holds; links are removed, not followed. */
void
poe_bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      poe_bench_remove_tree (child);
    }
  g_rmdir (path);
}

/**
 * poe_bench_launcher_new:
 *
 * Returns: (transfer full): a launcher whose children are killed when poe-bench dies
 */
GSubprocessLauncher *
poe_bench_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
  return launcher;
}


/*
 * Public API: baselines and data
 */

/**
 * poe_bench_run_sqlite_inserts:
 * @path: a scratch database, made and removed here
 *
 * The raw SQLite baseline: @n_rows rows shaped like a pulled record (an id, a revision, a
 * dozen short text columns) inserted in one transaction, with the store's pragmas, so a
 * ratio to it measures the store's own overhead.
 *
 * Returns: the seconds the transaction took, or -1 with @error set
 */
double
poe_bench_run_sqlite_inserts (const char  *path,
                              guint        n_rows,
                              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;
  double elapsed = -1;

  poe_bench_remove_database (path);
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
  for (guint i = 0; i < n_rows; i++)
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
  elapsed = poe_bench_seconds_since (start);

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  poe_bench_remove_database (path);
  return elapsed;
}

/**
 * poe_bench_fill_store:
 *
 * Writes the synthetic day of @options into @store in one transaction.
 *
 * Returns: %FALSE with @error set, and nothing written, on a failure
 */
gboolean
poe_bench_fill_store (PoeStore             *store,
                      const PoeDemoOptions *options,
                      GError              **error)
{
  if (!poe_store_begin (store, error))
    return FALSE;

  if (!poe_demo_generate (options, import_record, store, error))
    {
      poe_store_rollback (store);
      return FALSE;
    }

  return poe_store_commit (store, error);
}
