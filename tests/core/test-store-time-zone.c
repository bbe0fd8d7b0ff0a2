/* test-store-time-zone.c
 *
 * poe_store_dup_poe_time_zone(), the one clock: the signed-in user's POE for the board and
 * its kin, the case's POE for a case and everything of it (also when it is another POE than
 * the user's), the flight's destination for a flight; a POE with an unknown zone falls back
 * to the user's, then to the first POE with a valid zone; the computer's zone only while
 * no POE is known; and a store that cannot be read says so instead of guessing.
 *
 * The process runs in Asia/Tokyo, far from every POE of the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "poe-core.h"

#define LOCAL_ZONE "Asia/Tokyo"

typedef struct
{
  char     *dir;
  PoeStore *store;
} Fixture;


/*
 * Helpers
 */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("poe-time-zone-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (poe_store_get_path (fixture->store));

  g_clear_object (&fixture->store);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static PoeRecord *
import (Fixture    *fixture,
        const char *entity,
        const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(PoeRecord) record = poe_record_new (entity);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (poe_record_update_from_json (record, json_node_get_object (node), &error));
  g_assert_no_error (error);
  g_assert_true (poe_store_import (fixture->store, record, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

static void
add_poe (Fixture    *fixture,
         const char *code,
         const char *zone)
{
  g_autofree char *json = g_strdup_printf ("{\"code\": \"%s\", \"name\": \"Synthetic %s\", \"time_zone\": \"%s\"}",
                                           code, code, zone);

  g_object_unref (import (fixture, "poe", json));
}

static void
sign_in_at (Fixture    *fixture,
            const char *code)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_set_sync_value (fixture->store, POE_STORE_KEY_USER_POE, code, &error));
  g_assert_no_error (error);
}

static PoeRecord *
add_case (Fixture    *fixture,
          const char *poe)
{
  g_autofree char *json = g_strdup_printf ("{\"case_number\": \"US-2026-900%s\", \"poe\": \"%s\", "
                                           "\"branch\": \"connect\", \"sensitivity\": \"none\", "
                                           "\"status\": \"expected\"}",
                                           poe, poe);

  return import (fixture, "case", json);
}

/* The zone's name, as the store answers it for @about. */
static char *
dup_zone_name (Fixture   *fixture,
               PoeRecord *about)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = poe_store_dup_poe_time_zone (fixture->store, about, &error);

  g_assert_no_error (error);
  g_assert_nonnull (zone);

  return g_strdup (g_time_zone_get_identifier (zone));
}

#define assert_zone(fixture, about, expected) \
  G_STMT_START { \
    g_autofree char *name_ = dup_zone_name ((fixture), (about)); \
    g_assert_cmpstr (name_, ==, (expected)); \
  } G_STMT_END


/*
 * Tests
 */

static void
test_user_poe (Fixture       *fixture,
               gconstpointer  data)
{
  add_poe (fixture, "JFK", "America/New_York");
  add_poe (fixture, "LAX", "America/Los_Angeles");
  sign_in_at (fixture, "LAX");

  /* Not the first POE of the store: the user's. */
  assert_zone (fixture, NULL, "America/Los_Angeles");
}

static void
test_case_of_another_poe (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(PoeRecord) person = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  g_autoptr(PoeRecord) incident = NULL;
  g_autoptr(PoeRecord) poe = NULL;
  g_autofree char *json = NULL;

  add_poe (fixture, "JFK", "America/New_York");
  add_poe (fixture, "LAX", "America/Los_Angeles");
  sign_in_at (fixture, "LAX");
  kase = add_case (fixture, "JFK");

  /* The case, and what belongs to it through case_id, are told at the case's POE. */
  assert_zone (fixture, kase, "America/New_York");
  json = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Synthetic\", \"cbp_status\": \"pending\"}",
                          poe_record_get_id (kase));
  person = import (fixture, "person", json);
  assert_zone (fixture, person, "America/New_York");

  /* A flight at the POE it arrives at. */
  flight = import (fixture, "flight",
                   "{\"carrier\": \"QR\", \"number\": \"701\", \"origin\": \"DOH\", \"destination\": \"JFK\","
                   " \"scheduled_arrival\": \"2026-11-24T14:05:00Z\", \"status\": \"scheduled\"}");
  assert_zone (fixture, flight, "America/New_York");

  /* An incident is the user's POE's, as is a POE record for itself. */
  incident = import (fixture, "incident",
                     "{\"category\": \"other\", \"severity\": \"low\", \"at\": \"2026-11-24T14:05:00Z\","
                     " \"status\": \"open\"}");
  assert_zone (fixture, incident, "America/Los_Angeles");
  poe = poe_store_find_by_field (fixture->store, "poe", "code", "JFK", NULL);
  assert_zone (fixture, poe, "America/New_York");
}

static void
test_unknown_zone (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PoeRecord) mars = NULL;
  g_autoptr(PoeRecord) elsewhere = NULL;

  add_poe (fixture, "SEA", "America/Los_Angeles");
  add_poe (fixture, "ORD", "America/Chicago");
  add_poe (fixture, "MRS", "Mars/Olympus_Mons");
  mars = add_case (fixture, "MRS");
  elsewhere = add_case (fixture, "XYZ");

  /* The case's POE has no valid zone, or is not in the store: the user's. */
  sign_in_at (fixture, "SEA");
  assert_zone (fixture, mars, "America/Los_Angeles");
  assert_zone (fixture, elsewhere, "America/Los_Angeles");

  /* The user's has none either: the first POE by code with a valid one, never the
   * computer's. */
  sign_in_at (fixture, "MRS");
  assert_zone (fixture, NULL, "America/Chicago");
  assert_zone (fixture, mars, "America/Chicago");
}

static void
test_no_poe_yet (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = NULL;

  /* Signed in, before the first pull brought the POE: only then the computer's zone. */
  sign_in_at (fixture, "JFK");
  kase = add_case (fixture, "JFK");
  assert_zone (fixture, NULL, LOCAL_ZONE);
  assert_zone (fixture, kase, LOCAL_ZONE);

  /* The pull brings it. */
  add_poe (fixture, "JFK", "America/New_York");
  assert_zone (fixture, NULL, "America/New_York");
  assert_zone (fixture, kase, "America/New_York");
}

static void
test_read_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;

  add_poe (fixture, "JFK", "America/New_York");
  sign_in_at (fixture, "JFK");
  kase = add_case (fixture, "JFK");

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  zone = poe_store_dup_poe_time_zone (fixture->store, NULL, &error);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO);
  g_assert_null (zone);
  g_clear_error (&error);
  zone = poe_store_dup_poe_time_zone (fixture->store, kase, &error);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO);
  g_assert_null (zone);
  g_clear_error (&error);

  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  assert_zone (fixture, kase, "America/New_York");
}

int
main (int   argc,
      char *argv[])
{
  /* Far from every POE: a fallback to the computer's zone shows. */
  g_setenv ("TZ", LOCAL_ZONE, TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/time-zone/user-poe", test_user_poe);
  ADD ("/core/store/time-zone/case-of-another-poe", test_case_of_another_poe);
  ADD ("/core/store/time-zone/unknown-zone", test_unknown_zone);
  ADD ("/core/store/time-zone/no-poe-yet", test_no_poe_yet);
  ADD ("/core/store/time-zone/read-fails", test_read_fails);
#undef ADD

  return g_test_run ();
}
