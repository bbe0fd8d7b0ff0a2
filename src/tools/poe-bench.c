/* poe-bench.c
 *
 * Benchmarks of POE Desk. Prints one JSON object a line:
 *   {"bench": NAME, "value": X, "unit": U, "target": T}
 * Each figure stands next to a baseline measured in the same run, because the machines we
 * measure on are shared and noisy: compare ratios, not absolute times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_option_context_new ("[BENCH…]");
  g_option_context_set_summary (context, "Runs the POE Desk benchmarks and prints JSON lines.");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("poe-bench: %s\n", error->message);
      return 2;
    }

  return 0;
}
