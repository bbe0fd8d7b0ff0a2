/* poe-central-feed.c
 *
 * The command line of the flight feed and of the ports of entry:
 *
 *   poe-central … --feed aeroapi|aerodatabox|aviationstack|demo [--feed-url BASE] [--feed-key-file FILE]
 *                 [--feed-airports IATA,…] [--feed-interval SECONDS]
 *   poe-central poe add IATA --name NAME --time-zone IANA --db PATH
 *   poe-central poe list --db PATH
 *
 * The key is read from its file and handed to the provider; it is never printed or logged.
 * Without --feed-airports the feed watches every POE of the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-central-feed.h"
#include "poe-feed-aeroapi.h"
#include "poe-feed-aerodatabox.h"
#include "poe-feed-aviationstack.h"

typedef struct
{
  char    *provider;
  char    *url;
  char    *key_file;
  char    *airports;
  int      interval;
  char    *name;
  char    *time_zone;
  PoeFeed *feed;
} FeedOptions;

static FeedOptions options;


/*
 * Auxiliary methods
 */

/* Every live POE record of the database, found through the changes log. */
static GPtrArray *
list_poes (PoeBackend *backend)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity ("poe");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *poes = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean more = TRUE;
  gint64 since = 0;

  while (more)
    {
      g_autoptr(GPtrArray) changes = backend->ops->changes_since (backend, since, 1000, &more);

      for (guint i = 0; i < changes->len; i++)
        {
          PoeChange *change = g_ptr_array_index (changes, i);
          PoeRecord *poe;

          since = change->seq;
          if (!g_str_equal (change->entity, "poe") || !g_hash_table_add (seen, g_strdup (change->id)))
            continue;
          poe = backend->ops->record_get (backend, entity, change->id, NULL);
          if (poe != NULL && !poe_record_get_deleted (poe))
            g_ptr_array_add (poes, poe);
          else
            g_clear_object (&poe);
        }
    }

  return poes;
}

static gboolean
is_iata (const char *code)
{
  return code != NULL && strlen (code) == 3 && g_ascii_isalpha (code[0]) &&
         g_ascii_isalpha (code[1]) && g_ascii_isalpha (code[2]);
}

static GStrv
watched_airports (PoeServer  *server,
                  GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) poes = NULL;
  g_auto(GStrv) given = NULL;

  if (options.airports == NULL)
    {
      poes = list_poes (poe_server_get_backend (server));
      for (guint i = 0; i < poes->len; i++)
        g_strv_builder_add (builder, poe_record_get_string (g_ptr_array_index (poes, i), "code"));
      return g_strv_builder_end (builder);
    }

  given = g_strsplit (options.airports, ",", -1);
  for (guint i = 0; given[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (g_strstrip (given[i]), -1);

      if (!is_iata (code))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--feed-airports: “%s” is not a three-letter IATA code", given[i]);
          return NULL;
        }
      g_strv_builder_add (builder, code);
    }

  return g_strv_builder_end (builder);
}

static char *
read_key (GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (options.key_file == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--feed %s needs --feed-key-file FILE with the provider's key", options.provider);
      return NULL;
    }
  if (!g_file_get_contents (options.key_file, &text, NULL, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "cannot read the key file: %s", local_error->message);
      return NULL;
    }

  g_strstrip (text);
  if (text[0] == '\0' || strchr (text, '\n') != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "the key file %s must hold the key alone, on one line", options.key_file);
      return NULL;
    }

  return g_steal_pointer (&text);
}

static PoeFeedProvider *
new_provider (GError **error)
{
  g_autofree char *key = NULL;

  if (g_str_equal (options.provider, "aeroapi"))
    {
      key = read_key (error);
      return key != NULL ? POE_FEED_PROVIDER (poe_feed_aeroapi_new (options.url, key)) : NULL;
    }
  if (g_str_equal (options.provider, "aerodatabox"))
    {
      key = read_key (error);
      return key != NULL ? POE_FEED_PROVIDER (poe_feed_aerodatabox_new (options.url, key)) : NULL;
    }
  if (g_str_equal (options.provider, "aviationstack"))
    {
      key = read_key (error);
      return key != NULL ? POE_FEED_PROVIDER (poe_feed_aviationstack_new (options.url, key)) : NULL;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--feed: unknown provider “%s” (aeroapi, aerodatabox, aviationstack or demo)", options.provider);

  return NULL;
}

static int
poe_add (PoeServer  *server,
         const char *code)
{
  g_autoptr(PoeRecord) poe = poe_record_new ("poe");
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upper = g_ascii_strup (code, -1);
  PoeBackend *backend = poe_server_get_backend (server);

  if (!is_iata (upper) || options.name == NULL || options.time_zone == NULL)
    return (g_printerr ("poe-central: poe add IATA needs a three-letter code, --name NAME, --time-zone IANA and --db PATH\n"), 2);

  zone = g_time_zone_new_identifier (options.time_zone);
  if (zone == NULL)
    return (g_printerr ("poe-central: “%s” is not an IANA time zone (say America/New_York)\n", options.time_zone), 2);

  found = backend->ops->record_find (backend, poe_record_get_entity (poe), "code", upper);
  for (guint i = 0; i < found->len; i++)
    if (!poe_record_get_deleted (g_ptr_array_index (found, i)))
      return (g_printerr ("poe-central: the POE %s exists already\n", upper), 1);

  poe_record_set_string (poe, "code", upper);
  poe_record_set_string (poe, "name", options.name);
  poe_record_set_string (poe, "time_zone", options.time_zone);
  g_ptr_array_add (records, g_object_ref (poe));
  if (!poe_record_validate (poe, &error) || !poe_server_put_system (server, records, &error))
    return (g_printerr ("poe-central: %s\n", error->message), 1);

  g_print ("poe-central: POE %s added\n", upper);

  return 0;
}

static int
poe_list (PoeServer *server)
{
  g_autoptr(GPtrArray) poes = list_poes (poe_server_get_backend (server));

  for (guint i = 0; i < poes->len; i++)
    {
      PoeRecord *poe = g_ptr_array_index (poes, i);

      g_print ("%s\t%s\t%s\n", poe_record_get_string (poe, "code"),
               poe_record_get_string (poe, "time_zone") ?: "-", poe_record_get_string (poe, "name") ?: "-");
    }

  return 0;
}


/*
 * Public API
 */

GOptionGroup *
poe_central_feed_option_group (void)
{
  static const GOptionEntry entries[] = {
    { "feed", 0, 0, G_OPTION_ARG_STRING, &options.provider, N_("Flight data provider: aeroapi, aerodatabox, aviationstack or demo"), N_("PROVIDER") },
    { "feed-url", 0, 0, G_OPTION_ARG_STRING, &options.url, N_("Base URL of the provider's API (default: its public one)"), N_("URL") },
    { "feed-key-file", 0, 0, G_OPTION_ARG_FILENAME, &options.key_file, N_("File holding the provider's key"), N_("FILE") },
    { "feed-airports", 0, 0, G_OPTION_ARG_STRING, &options.airports, N_("Airports to watch (default: every POE)"), N_("IATA,…") },
    { "feed-interval", 0, 0, G_OPTION_ARG_INT, &options.interval, N_("Seconds between polls while a flight is near (default 120)"), N_("SECONDS") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &options.name, N_("poe add: the POE's name"), N_("NAME") },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &options.time_zone, N_("poe add: the POE's IANA time zone"), N_("IANA") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("feed", _("Flight feed and POE options:"),
                                            _("Show the flight feed and POE options"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);

  return group;
}

/* Returns: whether --demo should run its simulated feed (no other --feed was given) */
gboolean
poe_central_feed_is_demo (void)
{
  return options.provider == NULL || g_str_equal (options.provider, "demo");
}

gboolean
poe_central_feed_start (PoeServer  *server,
                        GError    **error)
{
  g_autoptr(PoeFeedProvider) provider = NULL;
  g_auto(GStrv) airports = NULL;

  if (poe_central_feed_is_demo ())
    return TRUE;  /* none, or the demo's: started by --demo */

  if (options.interval < 0 || options.interval > 3600)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--feed-interval: give 1 to 3600 seconds");
      return FALSE;
    }

  provider = new_provider (error);
  airports = provider != NULL ? watched_airports (server, error) : NULL;
  if (airports == NULL)
    return FALSE;
  if (airports[0] == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "the feed has no airport to watch: add a POE (poe add) or give --feed-airports");
      return FALSE;
    }

  options.feed = poe_feed_new (server, provider, (const char * const *) airports);
  if (options.interval > 0)
    poe_feed_set_intervals (options.feed, options.interval * 1000, 3600 * 1000);
  poe_feed_start (options.feed);

  return TRUE;
}

void
poe_central_feed_stop (void)
{
  if (options.feed != NULL)
    poe_feed_stop (options.feed);
  g_clear_object (&options.feed);
  g_clear_pointer (&options.provider, g_free);
  g_clear_pointer (&options.url, g_free);
  g_clear_pointer (&options.key_file, g_free);
  g_clear_pointer (&options.airports, g_free);
  g_clear_pointer (&options.name, g_free);
  g_clear_pointer (&options.time_zone, g_free);
}

/* Returns: (transfer none) (nullable): the running feed */
PoeFeed *
poe_central_feed_get (void)
{
  return options.feed;
}

/**
 * poe_central_poe_command:
 * @argv: "poe", "add", IATA or "poe", "list"
 *
 * Returns: the exit status
 */
int
poe_central_poe_command (int         argc,
                         char      **argv,
                         const char *db)
{
  g_autoptr(PoeBackend) backend = poe_backend_sqlite_new ();
  g_autoptr(PoeServer) server = NULL;
  g_autoptr(GError) error = NULL;

  if (!(argc == 4 && g_str_equal (argv[2], "add")) && !(argc == 3 && g_str_equal (argv[2], "list")))
    return (g_printerr ("poe-central: say poe add IATA … or poe list (see --help)\n"), 2);
  if (db == NULL)
    return (g_printerr ("poe-central: poe %s needs --db PATH\n", argv[2]), 2);
  if (!backend->ops->open (backend, db, &error))
    return (g_printerr ("poe-central: %s\n", error->message), 1);

  server = poe_server_new (g_steal_pointer (&backend), 0);

  return argc == 4 ? poe_add (server, argv[3]) : poe_list (server);
}
