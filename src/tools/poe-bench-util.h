/* poe-bench-util.h
 *
 * What every part of poe-bench shares: the clock, medians and percentiles, warm-up and
 * repeated runs, the name filter and the table of benchmarks it picks from, the JSON line
 * of one figure, scratch folders and databases, child processes that die with poe-bench,
 * the raw SQLite insert baseline and a synthetic day written into a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-core.h"

G_BEGIN_DECLS

/* One measured run: a value (seconds, milliseconds…) or -1 with @error set. */
typedef double   (*PoeBenchRunFunc)   (gpointer   user_data,
                                       GError   **error);

/* One benchmark of a table: it prints the figures it names; FALSE with @error set when it
 * could not run. */
typedef gboolean (*PoeBenchFunc)      (gpointer   user_data,
                                       GError   **error);

typedef struct
{
  const char   *names[3];  /* the figures it prints, %NULL-terminated */
  PoeBenchFunc  func;
} PoeBenchEntry;

double    poe_bench_seconds_since       (gint64                start_us);
double    poe_bench_ms_between          (gint64                start_us,
                                         gint64                end_us);
double    poe_bench_median              (GArray               *values);
double    poe_bench_percentile          (GArray               *values,
                                         double                p);
gboolean  poe_bench_measure             (guint                 runs,
                                         PoeBenchRunFunc       run,
                                         gpointer              user_data,
                                         double               *median,
                                         GError              **error);

gboolean  poe_bench_wanted              (const char * const   *filters,
                                         const char           *name);
gboolean  poe_bench_entry_wanted        (const PoeBenchEntry  *entry,
                                         const char * const   *filters);
gboolean  poe_bench_any_wanted          (const PoeBenchEntry  *entries,
                                         guint                 n_entries,
                                         const char * const   *filters);
gboolean  poe_bench_run_table           (const PoeBenchEntry  *entries,
                                         guint                 n_entries,
                                         const char * const   *filters,
                                         gpointer              user_data,
                                         GError              **error);
void      poe_bench_print_figure        (const char           *name,
                                         double                value,
                                         const char           *unit,
                                         double                target,
                                         const char           *extra_json);

void      poe_bench_remove_database     (const char           *path);
void      poe_bench_remove_tree         (const char           *path);
GSubprocessLauncher *
          poe_bench_launcher_new        (GSubprocessFlags      flags);

double    poe_bench_run_sqlite_inserts  (const char           *path,
                                         guint                 n_rows,
                                         GError              **error);
gboolean  poe_bench_fill_store          (PoeStore             *store,
                                         const PoeDemoOptions *options,
                                         GError              **error);

G_END_DECLS
