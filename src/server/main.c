/* main.c
 *
 * poe-central: the central API of POE Desk (docs/protocol.md).
 *
 *   poe-central --listen HOST:PORT --db PATH [--tls-cert F --tls-key F]
 *               [--demo [--demo-password PW] [--clock-speed N]] [--token-hours N]
 *               [--max-connections-per-address N] [--header-timeout S] [--body-timeout S]
 *               [--idle-timeout S]
 *   poe-central user add NAME --role agent|lead|supervisor|admin --poe IATA --db PATH
 *   poe-central user list|disable NAME|enable NAME|set-role NAME ROLE|reset-password NAME --db PATH
 *   poe-central import-abn FILE --db PATH   (docs/import-abn.md)
 *   poe-central poe add IATA --name NAME --time-zone IANA --db PATH | poe list --db PATH
 *   flight feed: [--feed aeroapi|aerodatabox|aviationstack|demo [--feed-url U] [--feed-key-file F] [--feed-airports A,…]
 *                [--feed-interval S]]   (poe-central-feed.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "poe-access.h"
#include "poe-central-demo.h"
#include "poe-central-feed.h"
#include "poe-central-import.h"
#include "poe-central-user-cli.h"
#include "poe-server.h"

typedef struct
{
  gboolean  version;
  char     *listen;
  char     *db;
  char     *tls_cert;
  char     *tls_key;
  gboolean  demo;
  char     *demo_password;
  double    clock_speed;
  double    token_hours;
  char     *role;
  char     *poe;
  int       max_per_address;
  int       header_timeout;
  int       body_timeout;
  int       idle_timeout;
} Options;


/*
 * Auxiliary methods
 */

static void
options_clear (Options *options)
{
  g_free (options->listen);
  g_free (options->db);
  g_free (options->tls_cert);
  g_free (options->tls_key);
  g_free (options->demo_password);
  g_free (options->role);
  g_free (options->poe);
}

static PoeBackend *
open_backend (const char  *path,
              GError     **error)
{
  g_autoptr(PoeBackend) backend = poe_backend_sqlite_new ();

  if (!backend->ops->open (backend, path, error))
    return NULL;

  return g_steal_pointer (&backend);
}

static int
import_abn (Options    *options,
            const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeServer) server = NULL;
  PoeImportCounts counts = { 0 };
  PoeBackend *backend;

  if (options->db == NULL)
    {
      g_printerr ("poe-central: import-abn FILE needs --db PATH\n");
      return 2;
    }

  backend = open_backend (options->db, &error);
  if (backend == NULL)
    {
      g_printerr ("poe-central: %s\n", error->message);
      return 1;
    }

  server = poe_server_new (backend, 0);
  if (!poe_central_import_abn (server, file, &counts, &error))
    {
      g_printerr ("poe-central: %s: %s; nothing was imported\n", file, error->message);
      return 1;
    }

  g_print ("poe-central: imported cases: %u, persons: %u, segments: %u, new flights: %u\n",
           counts.n_cases, counts.n_persons, counts.n_segments, counts.n_flights);

  return 0;
}

static gboolean
start_demo (PoeServer  *server,
            Options    *options,
            GError    **error)
{
  g_autofree char *password = NULL;

  password = options->demo_password != NULL ? g_strdup (options->demo_password)
                                            : poe_central_demo_password_new ();
  if (!poe_central_demo_seed (server, password, error))
    return FALSE;

  if (options->demo_password == NULL)
    g_printerr ("poe-central: demo users agent, agent2, lead, supervisor, admin; password %s\n",
                password);

  if (poe_central_feed_is_demo ())
    poe_central_demo_feed_start (server, options->clock_speed > 0 ? options->clock_speed : 1.0);

  return TRUE;
}


/*
 * Callbacks
 */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}


/*
 * Serving
 */

static int
serve (Options *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *uri = NULL;
  PoeBackend *backend;
  guint term_id, int_id;

  if (options->listen == NULL || options->db == NULL)
    {
      g_printerr ("poe-central: give --listen HOST:PORT and --db PATH (see --help)\n");
      return 2;
    }

  backend = open_backend (options->db, &error);
  if (backend == NULL)
    {
      g_printerr ("poe-central: %s\n", error->message);
      return 1;
    }

  server = poe_server_new (backend, options->token_hours);
  poe_server_set_limits (server, MAX (options->max_per_address, 0), MAX (options->header_timeout, 0),
                         MAX (options->body_timeout, 0), MAX (options->idle_timeout, 0));
  if ((options->demo && !start_demo (server, options, &error)) ||
      !poe_central_feed_start (server, &error) ||
      !poe_server_listen (server, options->listen, options->tls_cert, options->tls_key, &error))
    {
      g_printerr ("poe-central: %s\n", error->message);
      return 1;
    }

  uri = poe_server_dup_uri (server);
  g_print ("poe-central: listening on %s\n", uri);
  fflush (stdout);

  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);
  poe_central_demo_feed_stop ();
  poe_central_feed_stop ();
  g_object_run_dispose (G_OBJECT (server));

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Options options = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &options.version, N_("Show the version and quit"), NULL },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options.listen, N_("Address and port to serve on (port 0: any free port)"), N_("HOST:PORT") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db, N_("The server's SQLite database"), N_("PATH") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_cert, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key, N_("TLS private key (PEM)"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options.demo, N_("Seed a synthetic day and simulate the flight feed"), NULL },
    { "demo-password", 0, 0, G_OPTION_ARG_STRING, &options.demo_password, N_("Password of the demo users"), N_("PASSWORD") },
    { "clock-speed", 0, 0, G_OPTION_ARG_DOUBLE, &options.clock_speed, N_("Speed of the simulated flight feed"), N_("N") },
    { "token-hours", 0, 0, G_OPTION_ARG_DOUBLE, &options.token_hours, N_("How long a sign-in lasts (default 12)"), N_("HOURS") },
    { "max-connections-per-address", 0, 0, G_OPTION_ARG_INT, &options.max_per_address, N_("Connections one address may hold open (default 64)"), N_("N") },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &options.header_timeout, N_("Seconds for a request's header fields (default 10)"), N_("SECONDS") },
    { "body-timeout", 0, 0, G_OPTION_ARG_INT, &options.body_timeout, N_("Seconds for a request's body and for an answer (default 60)"), N_("SECONDS") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &options.idle_timeout, N_("Seconds a kept-alive connection may stay idle (default 30)"), N_("SECONDS") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &options.role, N_("user add: agent, lead, supervisor or admin"), N_("ROLE") },
    { "poe", 0, 0, G_OPTION_ARG_STRING, &options.poe, N_("user add: IATA code of the user's port of entry"), N_("IATA") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("[user add|list|disable|enable|set-role|reset-password … | import-abn FILE]"));
  g_option_context_set_summary (context, _("The central server of POE Desk."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, poe_central_feed_option_group ());

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("poe-central: %s\n", error->message);
      return 2;
    }

  if (options.version)
    status = (g_print ("poe-central %s\n", PACKAGE_VERSION), 0);
  else if (argc >= 2 && g_str_equal (argv[1], "user"))
    status = poe_central_user_cli (options.db, options.role, options.poe,
                                   (const char * const *) argv + 2, argc - 2);
  else if (argc == 3 && g_str_equal (argv[1], "import-abn"))
    status = import_abn (&options, argv[2]);
  else if (argc >= 2 && g_str_equal (argv[1], "poe"))
    status = poe_central_poe_command (argc, argv, options.db);
  else if (argc > 1)
    status = (g_printerr ("poe-central: unknown command %s (see --help)\n", argv[1]), 2);
  else
    status = serve (&options);

  options_clear (&options);
  poe_central_feed_stop ();

  return status;
}
