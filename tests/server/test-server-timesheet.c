/* test-server-timesheet.c
 *
 * The time entry and leave state machines of poe-timesheet (the app's rules) walked
 * against a real poe-central: each step the app allows must apply, each step it refuses
 * must be rejected, including a blank rejection reason and a decider other than the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-test-server.h"

#define PASSWORD "synthetic-pass-2"

typedef struct
{
  PoeTestServer *server;
  GHashTable    *tokens;  /* username → token */
  GHashTable    *staff;   /* username → staff id */
  GHashTable    *revs;    /* record id → last rev, as a string */
} Fixture;

static const char * const team[][2] = {
  { "agent", "agent" }, { "agent2", "agent" }, { "lead", "lead" }, { "supervisor", "supervisor" },
};


/*
 * Fixture
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->server = poe_test_server_new (NULL);
  fx->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  fx->staff = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  fx->revs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (team); i++)
    {
      char *staff_id = NULL;

      poe_test_server_add_user (fx->server, team[i][0], team[i][1], "JFK", PASSWORD);
      g_hash_table_insert (fx->tokens, (gpointer) team[i][0],
                           poe_test_server_login (fx->server, team[i][0], PASSWORD, &staff_id));
      g_hash_table_insert (fx->staff, (gpointer) team[i][0], staff_id);
    }
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_hash_table_unref (fx->tokens);
  g_hash_table_unref (fx->staff);
  g_hash_table_unref (fx->revs);
  poe_test_server_free (fx->server);
}

/* Pushes one mutation as @who on the last rev seen; returns "applied", "rejected", … */
static char *
push_as (Fixture    *fx,
         const char *who,
         const char *entity,
         const char *id,
         const char *fields)
{
  const char *rev = g_hash_table_lookup (fx->revs, id);
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr(PoeTestResponse) response = NULL;
  JsonObject *result;
  const char *status;

  body = g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [{\"mutation_id\": \"%s\","
                          " \"entity\": \"%s\", \"id\": \"%s\", \"op\": \"upsert\", \"base_rev\": %s,"
                          " \"fields\": %s}]}",
                          who, mutation_id, entity, id, rev ? rev : "0", fields);
  response = poe_test_server_request (fx->server, "POST", "/v1/sync/push",
                                      g_hash_table_lookup (fx->tokens, who), body);
  g_assert_cmpuint (response->status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (poe_test_response_object (response),
                                                                        "results"), 0);
  status = json_object_get_string_member (result, "status");
  g_test_message ("%s %s %s → %s (%s)", who, entity, fields, status,
                  json_object_get_string_member_with_default (result, "error", ""));
  if (!g_str_equal (status, "rejected"))
    g_hash_table_replace (fx->revs, g_strdup (id),
                          g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (result, "rev")));

  return g_strdup (status);
}

static void
expect (Fixture    *fx,
        const char *who,
        const char *entity,
        const char *id,
        const char *fields,
        const char *status)
{
  g_autofree char *got = push_as (fx, who, entity, id, fields);

  g_assert_cmpstr (got, ==, status);
}

/*
 * Tests
 */

static void
test_time_entry_walk (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *create = NULL;

  create = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T11:00:00Z\","
                            " \"end\": \"2026-11-24T19:30:00Z\", \"break_minutes\": 30, \"state\": \"draft\"}",
                            (char *) g_hash_table_lookup (fx->staff, "agent"));

  /* draft → submitted by the owner; no edits while submitted */
  expect (fx, "agent", "time_entry", id, create, "applied");
  expect (fx, "agent", "time_entry", id, "{\"note\": \"Flight late\"}", "applied");
  expect (fx, "agent", "time_entry", id, "{\"state\": \"submitted\"}", "applied");
  expect (fx, "agent", "time_entry", id, "{\"break_minutes\": 0}", "rejected");
  expect (fx, "agent", "time_entry", id, "{\"state\": \"approved\"}", "rejected");

  /* submitted → rejected needs a reason; a lead changes nothing else */
  expect (fx, "lead", "time_entry", id, "{\"state\": \"rejected\"}", "rejected");
  expect (fx, "lead", "time_entry", id, "{\"state\": \"rejected\", \"reason\": \"x\", \"break_minutes\": 0}", "rejected");
  /* Last: when the server takes it, the entry is rejected and the walk ends here. */
  expect (fx, "lead", "time_entry", id, "{\"state\": \"rejected\", \"reason\": \"   \"}", "rejected");
  expect (fx, "lead", "time_entry", id, "{\"state\": \"rejected\", \"reason\": \"Break not recorded\"}", "applied");
}

static void
test_time_entry_resubmit (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *create = NULL;
  g_autofree char *spoofed = NULL;

  create = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-25T11:00:00Z\","
                            " \"end\": \"2026-11-25T19:30:00Z\", \"state\": \"submitted\"}",
                            (char *) g_hash_table_lookup (fx->staff, "agent"));
  expect (fx, "agent", "time_entry", id, create, "applied");
  expect (fx, "lead", "time_entry", id, "{\"state\": \"rejected\", \"reason\": \"Break not recorded\"}", "applied");

  /* rejected → draft (edit) → submitted again by the owner, then approved, then locked */
  expect (fx, "agent", "time_entry", id, "{\"state\": \"draft\", \"break_minutes\": 30}", "applied");
  expect (fx, "agent", "time_entry", id, "{\"state\": \"submitted\"}", "applied");
  expect (fx, "agent2", "time_entry", id, "{\"state\": \"approved\"}", "rejected");

  /* decided_by names the one who decided (as checklist_event "by" is set to the user) */
  spoofed = g_strdup_printf ("{\"state\": \"approved\", \"decided_by\": \"%s\"}",
                             (char *) g_hash_table_lookup (fx->staff, "supervisor"));
  expect (fx, "lead", "time_entry", id, spoofed, "rejected");
  expect (fx, "lead", "time_entry", id, "{\"state\": \"approved\"}", "applied");

  expect (fx, "agent", "time_entry", id, "{\"note\": \"late\"}", "rejected");
  expect (fx, "lead", "time_entry", id, "{\"state\": \"locked\"}", "rejected");
  expect (fx, "supervisor", "time_entry", id, "{\"state\": \"locked\"}", "applied");
  expect (fx, "supervisor", "time_entry", id, "{\"state\": \"approved\"}", "rejected");
}

static void
test_leave_walk (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autofree char *create = NULL;

  create = g_strdup_printf ("{\"staff_id\": \"%s\", \"first_day\": \"2026-12-01\", \"last_day\": \"2026-12-03\","
                            " \"kind\": \"annual\", \"state\": \"requested\"}",
                            (char *) g_hash_table_lookup (fx->staff, "agent"));

  expect (fx, "agent", "leave_request", id, create, "applied");
  expect (fx, "agent", "leave_request", id, "{\"state\": \"approved\"}", "rejected");
  expect (fx, "agent2", "leave_request", id, "{\"state\": \"approved\"}", "rejected");
  expect (fx, "lead", "leave_request", id, "{\"state\": \"rejected\"}", "rejected");
  expect (fx, "lead", "leave_request", id, "{\"state\": \"approved\"}", "applied");
  expect (fx, "agent", "leave_request", id, "{\"state\": \"cancelled\"}", "rejected");

  expect (fx, "agent", "leave_request", other, create, "applied");
  expect (fx, "agent", "leave_request", other, "{\"state\": \"cancelled\"}", "applied");
  expect (fx, "lead", "leave_request", other, "{\"state\": \"approved\"}", "rejected");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/timesheet/time-entry/walk", test_time_entry_walk);
  ADD ("/server/timesheet/time-entry/resubmit", test_time_entry_resubmit);
  ADD ("/server/timesheet/leave/walk", test_leave_walk);
#undef ADD

  return g_test_run ();
}
