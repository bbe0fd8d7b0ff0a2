/* poe-bench-hook.h
 *
 * For poe-bench only (src/tools/poe-bench-app.c): with POE_BENCH_FIRST_FRAME=1 in the
 * environment, the window reports its first frame that shows rows of the arrivals board
 * and the program quits. Without it, nothing happens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void poe_bench_hook_install (GtkWindow *window);
void poe_bench_mark         (const char *what);

G_END_DECLS
