/* poe-bench-feed.h
 *
 * The flight feed's request budget over a simulated day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean poe_bench_feed_run (gboolean             quick,
                             const char * const  *filters,
                             GError             **error);

G_END_DECLS
