/* poe-bench-net.h
 *
 * The network benchmarks of poe-bench (DESIGN §6): a real poe-central on 127.0.0.1:0 with a
 * temporary database, the client sync engine against it, long-poll fan-out and sustained
 * pushes. Prints one JSON object a line, as poe-bench does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean poe_bench_net_run (const char         *central_path,
                            gboolean            quick,
                            const char * const *filters,
                            GError            **error);

G_END_DECLS
