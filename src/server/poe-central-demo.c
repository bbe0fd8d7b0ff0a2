/* poe-central-demo.c
 *
 * --demo: the five demo users, a synthetic day from poe_demo_generate() around now, and a
 * simulated flight feed: the "demo" provider (feed/poe-feed-demo.c) behind the same
 * scheduler, matching and writing as a real provider (feed/poe-feed.c), polled every five
 * seconds divided by --clock-speed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include <sodium.h>

#include "poe-central-demo.h"
#include "poe-demo.h"
#include "poe-feed.h"
#include "poe-feed-demo.h"

#define TICK_MS_NORMAL  5000
#define TICK_MS_MIN     100

typedef struct
{
  PoeServer *server;
  GPtrArray *seeded;       /* the demo day, when this run seeded it */
  PoeFeed   *feed;
} Demo;

static Demo *demo;


/*
 * Auxiliary methods
 */

static gboolean
find_demo_staff (PoeBackend *backend,
                 const char *username,
                 PoeRecord **staff)
{
  g_autoptr(GPtrArray) found = NULL;

  found = backend->ops->record_find (backend, poe_schema_lookup_entity ("staff"), "username", username);
  *staff = found->len > 0 ? g_object_ref (g_ptr_array_index (found, 0)) : NULL;

  return *staff != NULL;
}

static gboolean
add_demo_users (PoeServer   *server,
                const char  *password,
                GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  const char * const *usernames = poe_demo_staff_usernames ();

  for (guint i = 0; usernames[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) staff = NULL;
      const char *role = "agent";
      const char *poe = "JFK";

      if (find_demo_staff (backend, usernames[i], &staff))
        {
          role = poe_record_get_string (staff, "role");
          poe = poe_record_get_string (staff, "poe");
        }
      else if (g_str_has_prefix (usernames[i], "agent"))
        role = "agent";
      else
        role = usernames[i];

      if (!poe_central_add_user (server, usernames[i], role, poe, password, error))
        return FALSE;
    }

  return TRUE;
}


/*
 * Public API
 */

char *
poe_central_demo_password_new (void)
{
  guchar bytes[9];
  char text[sodium_base64_ENCODED_LEN (9, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  poe_password_init ();
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);

  return g_strdup (text);
}

/**
 * poe_central_demo_seed:
 *
 * Writes the synthetic day (once per database) and the five demo users with @password.
 */
gboolean
poe_central_demo_seed (PoeServer   *server,
                       const char  *password,
                       GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autoptr(PoeRecord) admin = NULL;
  g_autoptr(GPtrArray) records = NULL;
  PoeDemoOptions options;

  g_return_val_if_fail (demo == NULL, FALSE);

  demo = g_new0 (Demo, 1);
  demo->server = g_object_ref (server);

  poe_demo_options_init (&options);
  options.with_staff = TRUE;
  if (!find_demo_staff (backend, "admin", &admin))
    {
      records = poe_demo_generate_all (&options, error);
      if (records == NULL || !poe_server_put_system (server, records, error))
        return FALSE;
      demo->seeded = g_ptr_array_ref (records);
    }

  return add_demo_users (server, password, error);
}

void
poe_central_demo_feed_start (PoeServer *server,
                             double     clock_speed)
{
  guint interval = MAX ((guint) (TICK_MS_NORMAL / clock_speed), TICK_MS_MIN);
  g_autoptr(PoeFeedDemo) provider = NULL;
  g_auto(GStrv) airports = NULL;

  g_return_if_fail (demo != NULL);

  if (demo->seeded == NULL)
    return;  /* a database seeded by an earlier run: its day is not simulated */

  provider = poe_feed_demo_new (demo->seeded, clock_speed);
  airports = poe_feed_demo_dup_airports (provider);
  demo->feed = poe_feed_new (server, POE_FEED_PROVIDER (provider), (const char * const *) airports);
  poe_feed_set_intervals (demo->feed, interval, interval);
  poe_feed_start (demo->feed);
}

void
poe_central_demo_feed_stop (void)
{
  if (demo == NULL)
    return;

  if (demo->feed != NULL)
    poe_feed_stop (demo->feed);
  g_clear_object (&demo->feed);
  g_clear_pointer (&demo->seeded, g_ptr_array_unref);
  g_clear_object (&demo->server);
  g_clear_pointer (&demo, g_free);
}
