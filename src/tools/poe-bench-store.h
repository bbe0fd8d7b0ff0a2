/* poe-bench-store.h
 *
 * The local store's benchmarks of poe-bench (DESIGN §6): the raw SQLite baseline, opening a
 * store of 50,000 families, the board's filter, applying pulled changes, user writes and the
 * board's memory; and the two probes poe-bench runs in a fresh process of its own. Prints one
 * JSON object a line, as poe-bench does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean poe_bench_store_run        (gboolean            quick,
                                     const char * const *filters,
                                     GError            **error);
int      poe_bench_store_probe_open (const char         *path);
int      poe_bench_store_probe_rss  (const char         *path);

G_END_DECLS
