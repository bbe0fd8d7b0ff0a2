/* poe-bench.c
 *
 * Benchmarks of POE Desk. Prints one JSON object a line:
 *   {"bench": NAME, "value": X, "unit": U, "target": T}
 * Each figure stands next to a baseline measured in the same run, because the machines we
 * measure on are shared and noisy: compare ratios, not absolute times. Values are medians of
 * several runs after a warm-up run; docs/performance.md has the figures of a full run.
 *
 * This file reads the command line and runs the three groups in turn, each stopping
 * poe-bench at its first failure: the store's (poe-bench-store.c), the network's against a
 * poe-central of their own (poe-bench-net.c) and the app's under the caller's display
 * (poe-bench-app.c). What they share is in poe-bench-util.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <glib.h>

#include "poe-bench-feed.h"
#include "poe-bench-net.h"
#include "poe-bench-store.h"
#ifdef POE_BENCH_HAVE_APP
#include "poe-bench-app.h"
#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rss_path = NULL;
  g_autofree char *open_path = NULL;
  gboolean quick = FALSE;
  const char * const *filters;
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

  /* The store benchmarks' probes: this program run again by itself. */
  if (rss_path != NULL)
    return poe_bench_store_probe_rss (rss_path);
  if (open_path != NULL)
    return poe_bench_store_probe_open (open_path);

  filters = (const char * const *) argv + 1;
  if (!poe_bench_feed_run (quick, filters, &error) ||
      !poe_bench_store_run (quick, filters, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 1;
    }

  /* Against a real poe-central process (loopback only), then the real app under the
   * caller's display. */
#ifdef POE_BENCH_CENTRAL_PATH
  if (!poe_bench_net_run (POE_BENCH_CENTRAL_PATH, quick, filters, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 1;
    }
#endif
#ifdef POE_BENCH_HAVE_APP
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_printerr ("poe-bench: no display: the app benchmarks are left out (run under xvfb-run)\n");
  else if (!poe_bench_app_run (POE_BENCH_DESK_PATH, POE_BENCH_EMPTY_WINDOW_PATH, quick, filters, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 1;
    }
#endif

  return 0;
}
