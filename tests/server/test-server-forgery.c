/* test-server-forgery.c
 *
 * A malicious or careless staff member against a real poe-central (issue 17): forged
 * hand-over acknowledgements and decisions (rows 1 and 3), a wrong clock (row 4), another
 * user's mutation_id replayed (row 6), record ids of another POE guessed (row 7), and what a
 * deleted case leaves behind in the server's database file (row 8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "poe-test-server.h"

#define PASSWORD "synthetic-pass-7"
#define OLD_TIME "2001-01-01T00:00:00Z"

/* One server for the whole file: sign-ins cost a password hash each. */
static PoeTestServer *server;
static GHashTable    *tokens;  /* username → token */
static GHashTable    *staff;   /* username → staff id */
static GHashTable    *revs;    /* record id → last rev pushed, so changes are not conflicts */
static char          *jfk_case;

static const char * const team[][3] = {
  { "agent", "agent", "JFK" }, { "agent2", "agent", "JFK" }, { "lead", "lead", "JFK" },
  { "supervisor", "supervisor", "JFK" }, { "admin", "admin", "JFK" }, { "agentx", "agent", "LAX" },
};


/*
 * Helpers
 */

static const char *
token_of (const char *who)
{
  return g_hash_table_lookup (tokens, who);
}

static const char *
staff_of (const char *who)
{
  return g_hash_table_lookup (staff, who);
}

/* One mutation as @who; returns its result. @fields may be NULL (delete). */
static JsonObject *
push_full (const char *who,
           const char *mutation_id,
           const char *entity,
           const char *id,
           const char *op,
           const char *at,
           const char *fields)
{
  const char *rev = g_hash_table_lookup (revs, id);
  g_autofree char *body = NULL;
  g_autoptr(PoeTestResponse) response = NULL;
  JsonObject *result;

  body = g_strdup_printf ("{\"client_id\": \"forgery-%s\", \"mutations\": [{\"mutation_id\": \"%s\","
                          " \"entity\": \"%s\", \"id\": \"%s\", \"op\": \"%s\", \"at\": \"%s\","
                          " \"base_rev\": %s%s%s}]}",
                          who, mutation_id, entity, id, op, at != NULL ? at : "2026-11-24T14:00:00Z",
                          rev != NULL ? rev : "0",
                          fields != NULL ? ", \"fields\": " : "", fields != NULL ? fields : "");
  response = poe_test_server_request (server, "POST", "/v1/sync/push", token_of (who), body);
  g_assert_cmpuint (response->status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (poe_test_response_object (response),
                                                                        "results"), 0);
  g_test_message ("%s %s %s %s → %s (%s)", who, op, entity, fields != NULL ? fields : "",
                  json_object_get_string_member (result, "status"),
                  json_object_get_string_member_with_default (result, "error", ""));
  if (g_str_equal (json_object_get_string_member (result, "status"), "applied"))
    g_hash_table_replace (revs, g_strdup (id),
                          g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (result, "rev")));

  return json_object_ref (result);
}

static char *
push (const char *who,
      const char *entity,
      const char *id,
      const char *fields)
{
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autoptr(JsonObject) result = push_full (who, mutation_id, entity, id, "upsert", NULL, fields);

  return g_strdup (json_object_get_string_member (result, "status"));
}

static void
expect (const char *who,
        const char *entity,
        const char *id,
        const char *fields,
        const char *status)
{
  g_autofree char *got = push (who, entity, id, fields);

  g_assert_cmpstr (got, ==, status);
}

/* The record as @who reads it from the changes feed (NULL when absent or a tombstone). */
static JsonObject *
read_record (const char *who,
             const char *entity,
             const char *id)
{
  g_autoptr(PoeTestResponse) response = NULL;
  JsonArray *changes;

  response = poe_test_server_request (server, "GET", "/v1/sync/changes?since=0&limit=5000", token_of (who), NULL);
  g_assert_cmpuint (response->status, ==, 200);
  changes = json_object_get_array_member (poe_test_response_object (response), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "entity"), entity) &&
          g_str_equal (json_object_get_string_member (change, "id"), id))
        return json_object_has_member (change, "data") ?
               json_object_ref (json_object_get_object_member (change, "data")) : NULL;
    }

  return NULL;
}

static const char *
member (JsonObject *object,
        const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

/* Whether @text is a time within two minutes of now (the server's clock, not the client's). */
static gboolean
is_now (const char *text)
{
  g_autoptr(GDateTime) at = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return at != NULL && ABS (g_date_time_difference (now, at)) < 120 * G_TIME_SPAN_SECOND;
}

/* Rows of the server's database file (not the API): the first column of @sql, one a line. */
static char *
query_db (const char *sql,
          const char *bind)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (poe_test_server_get_db (server), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (bind != NULL)
    sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (rows, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&rows), FALSE);
}

static char *
new_person (const char *surname)
{
  char *id = g_uuid_string_random ();
  g_autofree char *fields = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"%s\", \"cbp_status\": \"pending\"}",
                                             jfk_case, surname);

  expect ("agent", "person", id, fields, "applied");

  return id;
}


/*
 * Tests
 */

/* Row 1: a hand-over's giver and acknowledgement are the signed-in users', along its path. */
static void
test_handoff (void)
{
  g_autofree char *forged = g_uuid_string_random ();
  g_autofree char *internal = g_uuid_string_random ();
  g_autofree char *outside = g_uuid_string_random ();
  g_autofree char *fields = NULL;
  g_autofree char *base = NULL;
  g_autoptr(JsonObject) pending = NULL;
  g_autoptr(JsonObject) accepted = NULL;
  g_autoptr(JsonObject) confirmed = NULL;

  base = g_strdup_printf ("\"case_id\": \"%s\", \"from_party\": \"Reception\", \"at\": \"2026-11-24T14:00:00Z\"",
                          jfk_case);

  /* Pushed already accepted, naming the receiver: refused. */
  fields = g_strdup_printf ("{%s, \"to_party\": \"Agent Two\", \"to_kind\": \"staff\", \"to_staff_id\": \"%s\","
                            " \"state\": \"accepted\", \"acknowledged_by\": \"agent2\"}", base, staff_of ("agent2"));
  expect ("agent", "handoff", forged, fields, "rejected");
  g_clear_pointer (&fields, g_free);

  /* Given in someone else's name: refused. */
  fields = g_strdup_printf ("{%s, \"to_party\": \"Agent Two\", \"to_kind\": \"staff\", \"to_staff_id\": \"%s\","
                            " \"state\": \"pending\", \"given_by\": \"%s\"}", base, staff_of ("agent2"), staff_of ("lead"));
  expect ("agent", "handoff", forged, fields, "rejected");
  g_clear_pointer (&fields, g_free);

  /* An acknowledgement sent with the creation is dropped; the giver is the user. */
  fields = g_strdup_printf ("{%s, \"to_party\": \"Agent Two\", \"to_kind\": \"staff\", \"to_staff_id\": \"%s\","
                            " \"state\": \"pending\", \"acknowledged_by\": \"Someone\", \"acknowledged_at\": \"" OLD_TIME "\"}",
                            base, staff_of ("agent2"));
  expect ("agent", "handoff", internal, fields, "applied");
  pending = read_record ("lead", "handoff", internal);
  g_assert_cmpstr (member (pending, "given_by"), ==, staff_of ("agent"));
  g_assert_null (member (pending, "acknowledged_by"));
  g_assert_null (member (pending, "acknowledged_at"));

  /* The receiver accepts; any name typed in is replaced by theirs, the time by the server's. */
  expect ("agent2", "handoff", internal, "{\"state\": \"accepted\", \"acknowledged_by\": \"Any Name\","
          " \"acknowledged_at\": \"" OLD_TIME "\"}", "applied");
  accepted = read_record ("lead", "handoff", internal);
  g_assert_cmpstr (member (accepted, "acknowledged_by"), ==, "agent2");
  g_assert_true (is_now (member (accepted, "acknowledged_at")));
  expect ("agent2", "handoff", internal, "{\"state\": \"pending\"}", "rejected");
  expect ("agent2", "handoff", internal, "{\"state\": \"declined\", \"decline_reason\": \"x\"}", "rejected");

  /* To an outside party: a lead who writes themselves in as giver cannot confirm it. */
  g_clear_pointer (&fields, g_free);
  fields = g_strdup_printf ("{%s, \"to_party\": \"Escort Person\", \"to_kind\": \"escort\", \"state\": \"pending\"}", base);
  expect ("agent", "handoff", outside, fields, "applied");
  g_clear_pointer (&fields, g_free);
  fields = g_strdup_printf ("{\"given_by\": \"%s\", \"state\": \"confirmed\"}", staff_of ("lead"));
  expect ("lead", "handoff", outside, fields, "rejected");
  expect ("agent2", "handoff", outside, "{\"state\": \"accepted\"}", "rejected");
  expect ("agent", "handoff", outside, "{\"state\": \"confirmed\", \"acknowledged_by\": \"Nobody\"}", "applied");
  confirmed = read_record ("lead", "handoff", outside);
  g_assert_cmpstr (member (confirmed, "given_by"), ==, staff_of ("agent"));
  g_assert_cmpstr (member (confirmed, "acknowledged_by"), ==, "Escort Person");
  g_assert_true (is_now (member (confirmed, "acknowledged_at")));
}

/* Row 3: decided_by and decided_at are the deciding user's and the server's. */
static void
test_decision (void)
{
  g_autofree char *entry = g_uuid_string_random ();
  g_autofree char *fields = NULL;
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(JsonObject) approved = NULL;

  fields = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T11:00:00Z\", \"end\": \"2026-11-24T19:00:00Z\","
                            " \"state\": \"draft\", \"decided_by\": \"%s\"}", staff_of ("agent"), staff_of ("lead"));
  expect ("agent", "time_entry", entry, fields, "rejected");
  g_clear_pointer (&fields, g_free);

  fields = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T11:00:00Z\", \"end\": \"2026-11-24T19:00:00Z\","
                            " \"state\": \"draft\", \"decided_at\": \"" OLD_TIME "\"}", staff_of ("agent"));
  expect ("agent", "time_entry", entry, fields, "applied");
  draft = read_record ("agent", "time_entry", entry);
  g_assert_null (member (draft, "decided_by"));
  g_assert_null (member (draft, "decided_at"));

  expect ("agent", "time_entry", entry, "{\"state\": \"submitted\"}", "applied");
  g_clear_pointer (&fields, g_free);
  fields = g_strdup_printf ("{\"state\": \"approved\", \"decided_by\": \"%s\"}", staff_of ("supervisor"));
  expect ("lead", "time_entry", entry, fields, "rejected");
  expect ("lead", "time_entry", entry, "{\"state\": \"approved\", \"decided_at\": \"" OLD_TIME "\"}", "applied");
  approved = read_record ("agent", "time_entry", entry);
  g_assert_cmpstr (member (approved, "decided_by"), ==, staff_of ("lead"));
  g_assert_true (is_now (member (approved, "decided_at")));
}

/* Row 4: a device's clock says 2001; the server's times do not. */
static void
test_clock (void)
{
  g_autofree char *person = new_person ("Clockperson");
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *audit_at = NULL;
  g_autofree char *client_at = NULL;
  const char *sql_at = "SELECT json_extract (data, '$.at') FROM rec_audit"
                       " WHERE json_extract (data, '$.record_id') = ? ORDER BY rev DESC LIMIT 1";
  const char *sql_client = "SELECT json_extract (data, '$.client_at') FROM rec_audit"
                           " WHERE json_extract (data, '$.record_id') = ? ORDER BY rev DESC LIMIT 1";

  result = push_full ("agent", mutation_id, "person", person, "upsert", OLD_TIME, "{\"cbp_status\": \"cleared\"}");
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");

  stored = read_record ("agent", "person", person);
  g_assert_true (is_now (member (stored, "updated_at")));
  audit_at = query_db (sql_at, person);
  g_strstrip (audit_at);
  g_assert_true (is_now (audit_at));
  client_at = query_db (sql_client, person);
  g_assert_cmpstr (g_strstrip (client_at), ==, OLD_TIME);
}

/* Row 6: replaying another user's mutation_id gives nothing of its result. */
static void
test_mutation_id (void)
{
  g_autofree char *person = g_uuid_string_random ();
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autofree char *fields = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Replayperson\","
                                             " \"cbp_status\": \"pending\"}", jfk_case);
  g_autoptr(JsonObject) first = push_full ("agent", mutation_id, "person", person, "upsert", NULL, fields);
  g_autoptr(JsonObject) again = push_full ("agent", mutation_id, "person", person, "upsert", NULL, fields);
  g_autoptr(JsonObject) stolen = push_full ("agentx", mutation_id, "person", person, "upsert", NULL, "{}");

  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "applied");
  g_assert_cmpstr (json_object_get_string_member (again, "status"), ==, "duplicate");
  g_assert_cmpint (json_object_get_int_member (again, "rev"), ==, json_object_get_int_member (first, "rev"));

  g_assert_cmpstr (json_object_get_string_member (stolen, "status"), ==, "rejected");
  g_assert_cmpint (json_object_get_int_member (stolen, "rev"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stolen, "conflicts")), ==, 0);
}

/* The result of @who's mutation as text, without its mutation_id. */
static char *
answer_of (const char *who,
           const char *entity,
           const char *id,
           const char *op,
           const char *fields)
{
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autoptr(JsonObject) result = push_full (who, mutation_id, entity, id, op, NULL, fields);
  g_autoptr(JsonNode) node = NULL;

  json_object_remove_member (result, "mutation_id");
  node = json_node_init_object (json_node_alloc (), result);

  return json_to_string (node, FALSE);
}

/* Row 7: another POE's records answer exactly as ids that do not exist. */
static void
test_unknown_or_foreign (void)
{
  g_autofree char *person = new_person ("Foreignperson");
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *child = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"X\", \"cbp_status\": \"pending\"}",
                                            jfk_case);
  g_autofree char *orphan = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"X\", \"cbp_status\": \"pending\"}",
                                             random);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  g_autofree char *fresh1 = g_uuid_string_random ();
  g_autofree char *fresh2 = g_uuid_string_random ();

  a = answer_of ("agentx", "person", person, "delete", NULL);
  b = answer_of ("agentx", "person", random, "delete", NULL);
  g_assert_cmpstr (a, ==, b);

  c = answer_of ("agentx", "person", person, "upsert", "{\"surname\": \"Y\"}");
  d = answer_of ("agentx", "person", random, "upsert", "{\"surname\": \"Y\"}");
  g_assert_cmpstr (c, ==, d);

  e = answer_of ("agentx", "person", fresh1, "upsert", child);
  f = answer_of ("agentx", "person", fresh2, "upsert", orphan);
  g_assert_cmpstr (e, ==, f);
  g_assert_nonnull (strstr (a, "\"rev\":0"));
  g_assert_nonnull (strstr (c, "\"rev\":0"));
}

/* "live", "deleted" (a tombstone) or "absent": what @who's changes feed says of a record. */
static const char *
feed_state (const char *who,
            const char *entity,
            const char *id)
{
  g_autoptr(PoeTestResponse) response = NULL;
  JsonArray *changes;

  response = poe_test_server_request (server, "GET", "/v1/sync/changes?since=0&limit=5000", token_of (who), NULL);
  changes = json_object_get_array_member (poe_test_response_object (response), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "entity"), entity) &&
          g_str_equal (json_object_get_string_member (change, "id"), id))
        {
          if (!json_object_get_boolean_member (change, "deleted"))
            return "live";
          g_assert_false (json_object_has_member (change, "data"));
          return "deleted";
        }
    }

  return "absent";
}

static void
expect_delete (const char *who,
               const char *entity,
               const char *id)
{
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autoptr(JsonObject) result = push_full (who, mutation_id, entity, id, "delete", NULL, NULL);

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
}

/* The row of @id in the server's table of @entity, as stored. */
static char *
stored_row (const char *entity,
            const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT data || ' ' || coalesce (created_by, '') FROM rec_%s WHERE id = ?",
                                          entity);

  return query_db (sql, id);
}

/* Row 8: a deleted case takes its children along, and only tombstones stay in the database. */
static void
test_case_delete (void)
{
  g_autofree char *kase = g_uuid_string_random ();
  g_autofree char *person = g_uuid_string_random ();
  g_autofree char *handoff = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autofree char *fields = NULL;
  g_autofree char *row = NULL;
  g_autofree char *person_row = NULL;
  g_autofree char *handoff_row = NULL;
  g_autofree char *other_row = NULL;

  expect ("lead", "case", kase, "{\"case_number\": \"F-DEL-0002\", \"poe\": \"JFK\", \"branch\": \"connect\","
          " \"sensitivity\": \"none\", \"status\": \"expected\", \"ra_contact\": \"Contactperson\"}", "applied");
  fields = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Deleteperson\", \"given_names\": \"Givenname\","
                            " \"date_of_birth\": \"1990-02-03\", \"a_number\": \"A987654321\","
                            " \"cbp_status\": \"pending\"}", kase);
  expect ("agent", "person", person, fields, "applied");
  g_clear_pointer (&fields, g_free);
  fields = g_strdup_printf ("{\"case_id\": \"%s\", \"from_party\": \"Reception\", \"to_party\": \"Handoffparty\","
                            " \"to_kind\": \"relative\", \"to_phone\": \"+15550100\", \"at\": \"2026-11-24T14:00:00Z\","
                            " \"state\": \"pending\"}", kase);
  expect ("agent", "handoff", handoff, fields, "applied");
  g_assert_cmpstr (feed_state ("agent", "person", person), ==, "live");

  expect_delete ("admin", "case", kase);

  /* Gone for every reader, and no longer editable. */
  g_assert_cmpstr (feed_state ("agent", "case", kase), ==, "deleted");
  g_assert_cmpstr (feed_state ("agent", "person", person), ==, "deleted");
  g_assert_cmpstr (feed_state ("lead", "handoff", handoff), ==, "deleted");
  g_assert_cmpstr (feed_state ("agentx", "person", person), ==, "absent");
  expect ("agent", "person", person, "{\"surname\": \"Again\"}", "rejected");
  expect ("agent", "person", other, fields, "rejected");

  /* The database file keeps id, rev, time and POE of each, nothing personal. */
  row = stored_row ("case", kase);
  person_row = stored_row ("person", person);
  handoff_row = stored_row ("handoff", handoff);
  g_test_message ("%s%s%s", row, person_row, handoff_row);
  g_assert_null (strstr (row, "F-DEL-0002"));
  g_assert_null (strstr (row, "Contactperson"));
  for (const char * const *word = (const char * const[]) { "Deleteperson", "Givenname", "1990-02-03", "A987654321", NULL };
       *word != NULL; word++)
    g_assert_null (strstr (person_row, *word));
  g_assert_null (strstr (handoff_row, "Handoffparty"));
  g_assert_null (strstr (handoff_row, "+15550100"));
  g_assert_nonnull (strstr (person_row, person));

  /* A person deleted on their own, too. */
  g_free (other);
  other = new_person ("Otherperson");
  expect_delete ("lead", "person", other);
  other_row = stored_row ("person", other);
  g_assert_null (strstr (other_row, "Otherperson"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = poe_test_server_new (NULL);
  tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  staff = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  revs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (team); i++)
    {
      char *staff_id = NULL;

      poe_test_server_add_user (server, team[i][0], team[i][1], team[i][2], PASSWORD);
      g_hash_table_insert (tokens, (gpointer) team[i][0], poe_test_server_login (server, team[i][0], PASSWORD, &staff_id));
      g_hash_table_insert (staff, (gpointer) team[i][0], staff_id);
    }

  jfk_case = g_uuid_string_random ();
  expect ("lead", "case", jfk_case, "{\"case_number\": \"F-0001\", \"poe\": \"JFK\", \"branch\": \"connect\","
          " \"sensitivity\": \"none\", \"status\": \"expected\"}", "applied");

  g_test_add_func ("/server/forgery/handoff", test_handoff);
  g_test_add_func ("/server/forgery/decision", test_decision);
  g_test_add_func ("/server/forgery/clock", test_clock);
  g_test_add_func ("/server/forgery/mutation-id", test_mutation_id);
  g_test_add_func ("/server/forgery/unknown-or-foreign", test_unknown_or_foreign);
  g_test_add_func ("/server/forgery/case-delete", test_case_delete);

  status = g_test_run ();

  g_free (jfk_case);
  g_hash_table_unref (tokens);
  g_hash_table_unref (staff);
  g_hash_table_unref (revs);
  poe_test_server_free (server);

  return status;
}
