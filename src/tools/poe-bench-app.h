/* poe-bench-app.h
 *
 * The app benchmarks of poe-bench (DESIGN §6): first frame and memory of an empty
 * AdwApplicationWindow (src/tools/poe-empty-window.c) and of poe-desk with 50,000 families in
 * its store, signed in. Needs a display (run poe-bench under tests/session-wrapper --display
 * or xvfb-run). Prints one JSON object a line, as poe-bench does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean poe_bench_app_run (const char         *desk_path,
                            const char         *empty_window_path,
                            gboolean            quick,
                            const char * const *filters,
                            GError            **error);

G_END_DECLS
