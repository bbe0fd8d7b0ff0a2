/* main.c
 *
 * poe-desk's entry point: the gettext domain and the application's name, then
 * PoeApplication.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "poe-application.h"
#include "poe-bench-hook.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PoeApplication) app = NULL;

  poe_bench_mark ("main");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("POE Desk"));

  app = poe_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
