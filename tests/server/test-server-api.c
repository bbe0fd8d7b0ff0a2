/* test-server-api.c
 *
 * poe-central over HTTP, against the real binary (tests/common/poe-test-server.c):
 * docs/protocol.md route by route, and docs/roles.md cell by cell. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-test-server.h"

#define PASSWORD "synthetic-pass-1"
#define PROBLEM  "https://poedesk.github.io/problems/"

typedef struct
{
  const char *username;
  const char *role;
  const char *poe;
} TestUser;

typedef struct
{
  PoeTestServer *server;
  GHashTable    *tokens;  /* username → token */
  GHashTable    *staff;   /* username → staff id */
  GHashTable    *revs;    /* record id → last rev seen, as a string */
  GPtrArray     *ids;
} Fixture;

static const TestUser jfk_team[] = {
  { "agent", "agent", "JFK" },
  { "agent2", "agent", "JFK" },
  { "lead", "lead", "JFK" },
  { "supervisor", "supervisor", "JFK" },
  { "admin", "admin", "JFK" },
  { "agentx", "agent", "LAX" },
  { NULL }
};


/*
 * Fixture
 */

static Fixture *
fixture_new (const char * const *extra_args,
             const TestUser     *users)
{
  Fixture *fx = g_new0 (Fixture, 1);

  fx->server = poe_test_server_new (extra_args);
  fx->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  fx->staff = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  fx->revs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fx->ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; users != NULL && users[i].username != NULL; i++)
    {
      char *staff_id = NULL;
      char *token;

      poe_test_server_add_user (fx->server, users[i].username, users[i].role, users[i].poe, PASSWORD);
      token = poe_test_server_login (fx->server, users[i].username, PASSWORD, &staff_id);
      g_hash_table_insert (fx->tokens, (gpointer) users[i].username, token);
      g_hash_table_insert (fx->staff, (gpointer) users[i].username, staff_id);
    }

  return fx;
}

static void
fixture_free (Fixture *fx)
{
  g_hash_table_unref (fx->tokens);
  g_hash_table_unref (fx->staff);
  g_hash_table_unref (fx->revs);
  g_ptr_array_unref (fx->ids);
  poe_test_server_free (fx->server);
  g_free (fx);
}

static const char *
token_of (Fixture    *fx,
          const char *who)
{
  return g_hash_table_lookup (fx->tokens, who);
}

static const char *
staff_of (Fixture    *fx,
          const char *who)
{
  return g_hash_table_lookup (fx->staff, who);
}

static gint64
rev_of (Fixture    *fx,
        const char *id)
{
  const char *rev = g_hash_table_lookup (fx->revs, id);

  return rev != NULL ? g_ascii_strtoll (rev, NULL, 10) : 0;
}

/* Pushes one mutation as @who (client id = @who) on the last rev seen; returns the result. */
static JsonObject *
push_as (Fixture    *fx,
         const char *who,
         const char *entity,
         const char *id,
         const char *op,
         const char *fields)
{
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr(PoeTestResponse) response = NULL;
  JsonArray *results;
  JsonObject *result;

  body = g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": [{\"mutation_id\": \"%s\","
                          " \"entity\": \"%s\", \"id\": \"%s\", \"op\": \"%s\","
                          " \"base_rev\": %" G_GINT64_FORMAT ", \"at\": \"2026-11-24T14:05:00Z\","
                          " \"fields\": %s}]}",
                          who, mutation_id, entity, id, op, rev_of (fx, id), fields ? fields : "{}");
  response = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token_of (fx, who), body);
  g_assert_cmpuint (response->status, ==, 200);
  results = json_object_get_array_member (poe_test_response_object (response), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  result = json_object_ref (json_array_get_object_element (results, 0));
  g_assert_cmpstr (json_object_get_string_member (result, "mutation_id"), ==, mutation_id);

  if (!g_str_equal (json_object_get_string_member (result, "status"), "rejected"))
    g_hash_table_replace (fx->revs, g_strdup (id),
                          g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (result, "rev")));

  return result;
}

static void
expect_push (Fixture    *fx,
             const char *who,
             const char *entity,
             const char *id,
             const char *op,
             const char *fields,
             const char *status)
{
  g_autoptr(JsonObject) result = push_as (fx, who, entity, id, op, fields);
  const char *got = json_object_get_string_member (result, "status");

  g_test_message ("%s %s %s %s → %s (%s)", who, op, entity, fields ? fields : "", got,
                  json_object_get_string_member_with_default (result, "error", ""));
  g_assert_cmpstr (got, ==, status);
  if (g_str_equal (status, "rejected"))
    g_assert_cmpstr (json_object_get_string_member (result, "error"), !=, "");
}

/* All changes @who may see since @since, one entry per record id (the last one wins). */
static GHashTable *
pull_all (Fixture    *fx,
          const char *who,
          gint64      since,
          gint64     *cursor_out)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_object_unref);
  gint64 cursor = since;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT "&limit=50", cursor);
      g_autoptr(PoeTestResponse) response = poe_test_server_request (fx->server, "GET", path,
                                                                     token_of (fx, who), NULL);
      JsonObject *answer;
      JsonArray *changes;

      g_assert_cmpuint (response->status, ==, 200);
      answer = poe_test_response_object (response);
      changes = json_object_get_array_member (answer, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          g_hash_table_replace (seen, g_strdup (json_object_get_string_member (change, "id")),
                                json_object_ref (change));
        }

      cursor = g_ascii_strtoll (json_object_get_string_member (answer, "cursor"), NULL, 10);
      more = json_object_get_boolean_member (answer, "more");
    }

  if (cursor_out != NULL)
    *cursor_out = cursor;

  return seen;
}

/* Records the rev @who sees of a record made outside the test's pushes (users, demo data),
 * so the next push of it is based on what the server holds. */
static void
learn_rev (Fixture    *fx,
           const char *who,
           const char *id)
{
  g_autoptr(GHashTable) seen = pull_all (fx, who, 0, NULL);
  JsonObject *change = g_hash_table_lookup (seen, id);

  g_assert_nonnull (change);
  g_hash_table_replace (fx->revs, g_strdup (id),
                        g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (change, "rev")));
}

static void
assert_problem (PoeTestResponse *response,
                guint            status,
                const char      *slug)
{
  g_autofree char *type = g_strconcat (PROBLEM, slug, NULL);
  JsonObject *problem;

  g_assert_cmpuint (response->status, ==, status);
  g_assert_true (g_str_has_prefix (poe_test_response_header (response, "Content-Type"),
                                   "application/problem+json"));
  problem = poe_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, type);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_nonnull (json_object_get_string_member (problem, "title"));
  g_assert_nonnull (json_object_get_string_member (problem, "detail"));
}

static char *
new_case (Fixture    *fx,
          const char *sensitivity,
          const char *assigned)
{
  char *id = g_uuid_string_random ();
  g_autofree char *fields = NULL;

  fields = g_strdup_printf ("{\"case_number\": \"T-%.8s\", \"poe\": \"JFK\", \"branch\": \"connect\","
                            " \"sensitivity\": \"%s\", \"status\": \"expected\","
                            " \"assigned_staff_ids\": [%s]}", id, sensitivity, assigned ? assigned : "");
  expect_push (fx, "lead", "case", id, "upsert", fields, "applied");

  return id;
}

static JsonObject *
data_of (JsonObject *change)
{
  return json_object_has_member (change, "data") ? json_object_get_object_member (change, "data") : NULL;
}

/* A new record id, freed with the fixture. */
static const char *
fresh_id (Fixture *fx)
{
  char *id = g_uuid_string_random ();

  g_ptr_array_add (fx->ids, id);

  return id;
}

static char *
quoted (const char *text)
{
  return g_strdup_printf ("\"%s\"", text);
}


/*
 * Health, sign-in, tokens
 */

static void
test_health (void)
{
  g_autoptr(PoeTestServer) server = poe_test_server_new (NULL);
  g_autoptr(PoeTestResponse) response = poe_test_server_request (server, "GET", "/v1/health", NULL, NULL);
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (poe_test_response_header (response, "Content-Type"), ==, "application/json");
  object = poe_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "time"), "Z"));
}

static void
test_login (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autoptr(PoeTestResponse) wrong = NULL;
  g_autoptr(PoeTestResponse) unknown = NULL;
  g_autoptr(PoeTestResponse) missing = NULL;
  g_autoptr(PoeTestResponse) me = NULL;
  JsonObject *user;

  me = poe_test_server_request (fx->server, "GET", "/v1/me", token_of (fx, "lead"), NULL);
  g_assert_cmpuint (me->status, ==, 200);
  user = json_object_get_object_member (poe_test_response_object (me), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "lead");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "lead");
  g_assert_cmpstr (json_object_get_string_member (user, "poe"), ==, "JFK");
  g_assert_cmpstr (json_object_get_string_member (user, "id"), ==, staff_of (fx, "lead"));
  g_assert_nonnull (json_object_get_string_member (poe_test_response_object (me), "expires_at"));
  /* 32 bytes in unpadded base64url */
  g_assert_cmpuint (strlen (token_of (fx, "lead")), ==, 43);

  wrong = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL,
                                   "{\"username\": \"lead\", \"password\": \"not-it\"}");
  unknown = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL,
                                     "{\"username\": \"nobody\", \"password\": \"not-it\"}");
  assert_problem (wrong, 401, "unauthorized");
  g_assert_cmpstr (wrong->body, ==, unknown->body);
  g_assert_cmpuint (unknown->status, ==, 401);

  missing = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL, "{\"username\": \"lead\"}");
  assert_problem (missing, 400, "invalid-request");

  fixture_free (fx);
}

static void
test_login_throttle (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autoptr(PoeTestResponse) blocked = NULL;
  g_autoptr(PoeTestResponse) other = NULL;
  const char *retry_after;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;

      response = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL,
                                          "{\"username\": \"agent\", \"password\": \"guess\"}");
      g_assert_cmpuint (response->status, ==, 401);
    }

  /* Even the right password waits now. */
  blocked = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL,
                                     "{\"username\": \"agent\", \"password\": \"" PASSWORD "\"}");
  assert_problem (blocked, 429, "too-many-requests");
  retry_after = poe_test_response_header (blocked, "Retry-After");
  g_assert_nonnull (retry_after);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >, 0);

  /* Another user at the same address is not locked out by someone else's guesses. */
  other = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL,
                                   "{\"username\": \"lead\", \"password\": \"" PASSWORD "\"}");
  g_assert_cmpuint (other->status, ==, 200);

  fixture_free (fx);
}

static void
test_token_expiry (void)
{
  const char *args[] = { "--token-hours", "0.0005", NULL };  /* 1.8 seconds */
  Fixture *fx = fixture_new (args, jfk_team);
  g_autoptr(PoeTestResponse) before = NULL;
  g_autoptr(PoeTestResponse) after = NULL;
  g_autofree char *token = poe_test_server_login (fx->server, "agent", PASSWORD, NULL);

  before = poe_test_server_request (fx->server, "GET", "/v1/me", token, NULL);
  g_assert_cmpuint (before->status, ==, 200);
  g_usleep (2600 * 1000);
  after = poe_test_server_request (fx->server, "GET", "/v1/me", token, NULL);
  assert_problem (after, 401, "unauthorized");

  fixture_free (fx);
}

static void
test_logout (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *second = poe_test_server_login (fx->server, "agent", PASSWORD, NULL);
  const char *token = token_of (fx, "agent");
  const char *paths[][2] = {
    { "GET", "/v1/me" }, { "GET", "/v1/sync/changes" }, { "POST", "/v1/sync/push" },
    { "POST", "/v1/auth/logout" },
  };
  g_autoptr(PoeTestResponse) out = NULL;
  g_autoptr(PoeTestResponse) still = NULL;
  g_autoptr(PoeTestResponse) none = NULL;

  out = poe_test_server_request (fx->server, "POST", "/v1/auth/logout", token, NULL);
  g_assert_cmpuint (out->status, ==, 204);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;

      response = poe_test_server_request (fx->server, paths[i][0], paths[i][1], token, "{}");
      assert_problem (response, 401, "unauthorized");
    }

  still = poe_test_server_request (fx->server, "GET", "/v1/me", second, NULL);
  g_assert_cmpuint (still->status, ==, 200);
  none = poe_test_server_request (fx->server, "GET", "/v1/me", NULL, NULL);
  assert_problem (none, 401, "unauthorized");

  fixture_free (fx);
}


/*
 * Push
 */

static void
test_push_results (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) conflict = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonObject *data;
  JsonObject *first = NULL;
  gint64 stale;

  body = g_strdup_printf ("{\"client_id\": \"lead\", \"mutations\": [{\"mutation_id\": \"m-1\","
                          " \"entity\": \"case\", \"id\": \"%s\", \"op\": \"upsert\", \"base_rev\": 0,"
                          " \"at\": \"2026-11-24T14:05:00Z\", \"fields\": {\"case_number\": \"T-1\","
                          " \"poe\": \"JFK\", \"branch\": \"connect\", \"sensitivity\": \"none\","
                          " \"status\": \"expected\"}}]}", id);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;
      JsonObject *result;

      response = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token_of (fx, "lead"), body);
      g_assert_cmpuint (response->status, ==, 200);
      result = json_array_get_object_element (json_object_get_array_member (poe_test_response_object (response),
                                                                            "results"), 0);
      g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, i == 0 ? "applied" : "duplicate");
      if (i == 0)
        {
          first = json_object_ref (result);
          g_hash_table_replace (fx->revs, g_strdup (id),
                                g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (result, "rev")));
        }
      else
        {
          g_assert_cmpint (json_object_get_int_member (result, "rev"), ==, json_object_get_int_member (first, "rev"));
          json_object_unref (first);
        }
    }

  /* The agent changes the status; the lead, still on the old revision, changes it too. */
  stale = rev_of (fx, id);
  expect_push (fx, "agent", "case", id, "upsert", "{\"status\": \"in_progress\"}", "applied");
  g_hash_table_replace (fx->revs, g_strdup (id), g_strdup_printf ("%" G_GINT64_FORMAT, stale));
  conflict = push_as (fx, "lead", "case", id, "upsert", "{\"status\": \"closed\", \"branch\": \"final\"}");
  g_assert_cmpstr (json_object_get_string_member (conflict, "status"), ==, "conflict");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (conflict, "conflicts")), ==, 1);
  {
    JsonObject *c = json_array_get_object_element (json_object_get_array_member (conflict, "conflicts"), 0);

    g_assert_cmpstr (json_object_get_string_member (c, "field"), ==, "status");
    g_assert_cmpstr (json_object_get_string_member (c, "server_value"), ==, "in_progress");
    g_assert_cmpstr (json_object_get_string_member (c, "client_value"), ==, "closed");
    g_assert_cmpstr (json_object_get_string_member (c, "server_by"), ==, staff_of (fx, "agent"));
  }

  /* A stale push of the value the server already holds is no conflict. */
  g_hash_table_replace (fx->revs, g_strdup (id), g_strdup_printf ("%" G_GINT64_FORMAT, stale));
  expect_push (fx, "lead", "case", id, "upsert", "{\"status\": \"in_progress\"}", "applied");

  seen = pull_all (fx, "lead", 0, NULL);
  data = json_object_get_object_member (g_hash_table_lookup (seen, id), "data");
  g_assert_cmpstr (json_object_get_string_member (data, "status"), ==, "in_progress");
  g_assert_cmpstr (json_object_get_string_member (data, "branch"), ==, "final");

  /* Rejections: a bad value, an unknown kind, the audit log, a bad id, a vanished record. */
  expect_push (fx, "lead", "case", id, "upsert", "{\"status\": \"teleported\"}", "rejected");
  expect_push (fx, "lead", "spaceship", id, "upsert", "{}", "rejected");
  expect_push (fx, "admin", "audit", id, "append", "{}", "rejected");
  expect_push (fx, "lead", "case", "not-a-uuid", "upsert", "{\"status\": \"closed\"}", "rejected");
  expect_push (fx, "admin", "case", id, "delete", NULL, "applied");
  expect_push (fx, "lead", "case", id, "upsert", "{\"status\": \"closed\"}", "rejected");

  fixture_free (fx);
}

static void
test_push_limits (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autoptr(GString) body = g_string_new ("{\"client_id\": \"lead\", \"mutations\": [");
  g_autoptr(PoeTestResponse) many = NULL;
  g_autoptr(PoeTestResponse) no_client = NULL;

  for (guint i = 0; i < 501; i++)
    g_string_append_printf (body, "%s{\"mutation_id\": \"m-%u\", \"entity\": \"case\","
                            " \"id\": \"00000000-0000-4000-8000-%012u\", \"op\": \"upsert\","
                            " \"fields\": {}}", i ? ", " : "", i, i);
  g_string_append (body, "]}");

  many = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token_of (fx, "lead"), body->str);
  assert_problem (many, 400, "invalid-request");
  no_client = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token_of (fx, "lead"),
                                       "{\"mutations\": []}");
  assert_problem (no_client, 400, "invalid-request");

  fixture_free (fx);
}

static void
test_append_only (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *kase = new_case (fx, "none", NULL);
  g_autofree char *first = g_uuid_string_random ();
  g_autofree char *second = g_uuid_string_random ();
  g_autofree char *fields = g_strdup_printf ("{\"case_id\": \"%s\", \"step\": \"arrival.met\","
                                             " \"value\": \"done\", \"at\": \"2026-11-24T14:05:00Z\"}", kase);
  g_autoptr(GHashTable) seen = NULL;

  /* Two devices append to the same case from revision 0: both apply. */
  expect_push (fx, "agent", "checklist_event", first, "append", fields, "applied");
  expect_push (fx, "agent2", "checklist_event", second, "append", fields, "applied");
  expect_push (fx, "agent", "checklist_event", first, "upsert", "{\"value\": \"undone\"}", "rejected");
  expect_push (fx, "agent", "checklist_event", first, "append", fields, "rejected");
  expect_push (fx, "agent", "case", kase, "append", "{}", "rejected");

  seen = pull_all (fx, "lead", 0, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (g_hash_table_lookup (seen, first), "data"), "by"),
                   ==, staff_of (fx, "agent"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (g_hash_table_lookup (seen, second), "data"), "by"),
                   ==, staff_of (fx, "agent2"));

  fixture_free (fx);
}


/* The exception path's records are children of a case: scope, roles, "by", validation. */
static void
test_exception_path (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *kase = new_case (fx, "none", NULL);
  g_autofree char *hidden = new_case (fx, "protection", NULL);
  g_autofree char *event = g_uuid_string_random ();
  g_autofree char *stay = g_uuid_string_random ();
  g_autofree char *ride = g_uuid_string_random ();
  g_autofree char *old = g_uuid_string_random ();
  g_autofree char *rebooked = g_uuid_string_random ();
  g_autofree char *missed = g_strdup_printf ("{\"case_id\": \"%s\", \"kind\": \"missed_connection\","
                                             " \"reason\": \"Secondary ran late\", \"at\": \"2026-11-25T02:00:00Z\"}", kase);
  g_autofree char *hidden_event = g_strdup_printf ("{\"case_id\": \"%s\", \"kind\": \"rebooked\","
                                                   " \"at\": \"2026-11-25T02:00:00Z\"}", hidden);
  g_autofree char *bad_kind = g_strdup_printf ("{\"case_id\": \"%s\", \"kind\": \"teleported\","
                                               " \"at\": \"2026-11-25T02:00:00Z\"}", kase);
  g_autofree char *night = g_strdup_printf ("{\"case_id\": \"%s\", \"hotel\": \"Synthetic Inn\","
                                            " \"check_in\": \"2026-11-25T02:30:00Z\", \"rooms\": {\"412\": []},"
                                            " \"pickup_at\": \"2026-11-25T10:00:00Z\", \"transport\": \"Shuttle\"}", kase);
  g_autofree char *no_hotel = g_strdup_printf ("{\"case_id\": \"%s\", \"check_in\": \"2026-11-25T02:30:00Z\"}", kase);
  g_autofree char *car = g_strdup_printf ("{\"case_id\": \"%s\", \"provider\": \"Synthetic Cars\","
                                          " \"driver_phone\": \"+1 718 555 0100\", \"pickup_at\": \"2026-11-25T11:00:00Z\"}", kase);
  g_autofree char *segment = g_strdup_printf ("{\"case_id\": \"%s\", \"leg\": \"domestic_connection\","
                                              " \"carrier\": \"UA\", \"number\": \"512\", \"seats\": \"23A-23C\"}", kase);
  g_autofree char *replaced = g_strdup_printf ("{\"replaced_by\": \"%s\"}", rebooked);
  g_autoptr(GHashTable) seen = NULL;
  JsonObject *data;

  expect_push (fx, "agent", "case_event", event, "append", missed, "applied");
  expect_push (fx, "agent", "case_event", event, "upsert", "{\"reason\": \"changed\"}", "rejected");
  expect_push (fx, "agent", "case_event", fresh_id (fx), "append", bad_kind, "rejected");
  expect_push (fx, "agent", "case_event", fresh_id (fx), "append", hidden_event, "rejected");
  expect_push (fx, "agent", "overnight_stay", stay, "upsert", night, "applied");
  expect_push (fx, "agent", "overnight_stay", fresh_id (fx), "upsert", no_hotel, "rejected");
  expect_push (fx, "agent", "overnight_stay", stay, "delete", NULL, "rejected");
  expect_push (fx, "agent", "ground_transport", ride, "upsert", car, "applied");
  expect_push (fx, "agent", "segment", old, "upsert", segment, "applied");
  expect_push (fx, "agent", "segment", rebooked, "upsert", segment, "applied");
  expect_push (fx, "agent", "segment", old, "upsert", replaced, "applied");

  seen = pull_all (fx, "agent", 0, NULL);
  data = data_of (g_hash_table_lookup (seen, event));
  g_assert_nonnull (data);
  g_assert_cmpstr (json_object_get_string_member (data, "by"), ==, staff_of (fx, "agent"));
  g_assert_nonnull (g_hash_table_lookup (seen, stay));
  g_assert_nonnull (g_hash_table_lookup (seen, ride));
  g_assert_cmpstr (json_object_get_string_member (data_of (g_hash_table_lookup (seen, old)), "replaced_by"), ==, rebooked);

  expect_push (fx, "lead", "overnight_stay", stay, "delete", NULL, "applied");
  fixture_free (fx);
}


/*
 * Changes feed
 */

static void
test_changes_paging (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 cursor = 0;
  gboolean more = TRUE;
  guint pages = 0;

  for (guint i = 0; i < 7; i++)
    g_ptr_array_add (ids, new_case (fx, "none", NULL));
  expect_push (fx, "lead", "case", ids->pdata[0], "upsert", "{\"status\": \"in_progress\"}", "applied");

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT "&limit=3", cursor);
      g_autoptr(PoeTestResponse) response = poe_test_server_request (fx->server, "GET", path,
                                                                     token_of (fx, "lead"), NULL);
      JsonObject *answer = poe_test_response_object (response);
      JsonArray *changes = json_object_get_array_member (answer, "changes");
      gint64 next = g_ascii_strtoll (json_object_get_string_member (answer, "cursor"), NULL, 10);

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (changes), <=, 3);
      g_assert_cmpint (next, >, cursor);
      more = json_object_get_boolean_member (answer, "more");
      cursor = next;
      pages++;

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          const char *id = json_object_get_string_member (change, "id");

          g_hash_table_insert (counts, (gpointer) g_intern_string (id),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1));
          if (g_str_equal (id, ids->pdata[0]))
            {
              g_assert_cmpint (json_object_get_int_member (change, "rev"), ==, rev_of (fx, id));
              g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "data"), "status"),
                               ==, "in_progress");
            }
        }
    }

  g_assert_cmpuint (pages, >=, 3);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, ids->pdata[i])), ==, 1);

  /* At the end: nothing more, the cursor stays. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT, cursor);
    g_autoptr(PoeTestResponse) response = poe_test_server_request (fx->server, "GET", path,
                                                                   token_of (fx, "lead"), NULL);
    JsonObject *answer = poe_test_response_object (response);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "changes")), ==, 0);
    g_assert_cmpint (g_ascii_strtoll (json_object_get_string_member (answer, "cursor"), NULL, 10), ==, cursor);
    g_assert_false (json_object_get_boolean_member (answer, "more"));
  }

  fixture_free (fx);
}

static void
test_changes_bad_since (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  const char *paths[] = {
    "/v1/sync/changes?since=abc", "/v1/sync/changes?since=-1", "/v1/sync/changes?since=999999",
    "/v1/sync/changes?limit=0", "/v1/sync/changes?limit=5001", "/v1/sync/changes?wait=61",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;

      g_test_message ("%s", paths[i]);
      response = poe_test_server_request (fx->server, "GET", paths[i], token_of (fx, "lead"), NULL);
      assert_problem (response, 400, "invalid-request");
    }

  fixture_free (fx);
}

typedef struct
{
  Fixture *fx;
  gint64   since;
  gint64   answered_at;
  char    *body;
} Poll;

static gpointer
poll_thread (gpointer data)
{
  Poll *poll = data;
  g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT "&wait=20", poll->since);
  g_autoptr(PoeTestResponse) response = poe_test_server_request (poll->fx->server, "GET", path,
                                                                 token_of (poll->fx, "agent"), NULL);

  poll->answered_at = g_get_monotonic_time ();
  g_assert_cmpuint (response->status, ==, 200);
  poll->body = g_strdup (response->body);

  return NULL;
}

static void
test_changes_long_poll (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(PoeTestResponse) empty = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kase = NULL;
  Poll poll = { fx };
  GThread *thread;
  gint64 pushed_at;
  gint64 start;

  seen = pull_all (fx, "agent", 0, &poll.since);

  /* Nothing new: the server holds the request for `wait` seconds, then answers empty. */
  path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT "&wait=1", poll.since);
  start = g_get_monotonic_time ();
  empty = poe_test_server_request (fx->server, "GET", path, token_of (fx, "agent"), NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (poe_test_response_object (empty), "changes")), ==, 0);

  thread = g_thread_new ("poll", poll_thread, &poll);
  g_usleep (300 * 1000);
  g_assert_cmpint (poll.answered_at, ==, 0);
  kase = new_case (fx, "none", NULL);
  pushed_at = g_get_monotonic_time ();
  g_thread_join (thread);

  g_test_message ("long poll answered %" G_GINT64_FORMAT " µs after the push", poll.answered_at - pushed_at);
  g_assert_cmpint (poll.answered_at - pushed_at, <, 500 * 1000);
  g_assert_nonnull (strstr (poll.body, kase));
  g_free (poll.body);

  fixture_free (fx);
}


/*
 * Hostile input
 */

static void
test_too_large (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  gsize size = 8 * 1024 * 1024 + 16;
  g_autofree char *body = g_malloc (size + 1);
  g_autoptr(PoeTestResponse) response = NULL;

  memset (body, ' ', size);
  body[0] = '{';
  body[size - 1] = '}';
  body[size] = '\0';
  response = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token_of (fx, "lead"), body);
  assert_problem (response, 413, "too-large");

  fixture_free (fx);
}

static void
test_malformed_json (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autoptr(PoeTestResponse) push = NULL;
  g_autoptr(PoeTestResponse) login = NULL;
  g_autoptr(PoeTestResponse) array = NULL;

  push = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token_of (fx, "lead"), "{\"client_id\": ");
  assert_problem (push, 400, "malformed-json");
  login = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL, "username=lead");
  assert_problem (login, 400, "malformed-json");
  array = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL, "[1, 2]");
  assert_problem (array, 400, "invalid-request");

  fixture_free (fx);
}

static void
test_sql_injection (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *kase = new_case (fx, "none", NULL);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(PoeTestResponse) login = NULL;
  g_autofree char *again = NULL;
  JsonObject *data;

  expect_push (fx, "lead", "case", kase, "upsert",
               "{\"final_destination\": \"Boise'); DROP TABLE users;--\","
               " \"ra_agency\": \"\\\" OR 1=1 --\", \"ra_affiliate\": \"x' || (SELECT hash FROM users) || '\"}",
               "applied");
  seen = pull_all (fx, "lead", 0, NULL);
  data = json_object_get_object_member (g_hash_table_lookup (seen, kase), "data");
  g_assert_cmpstr (json_object_get_string_member (data, "final_destination"), ==, "Boise'); DROP TABLE users;--");
  g_assert_cmpstr (json_object_get_string_member (data, "ra_agency"), ==, "\" OR 1=1 --");
  g_assert_cmpstr (json_object_get_string_member (data, "ra_affiliate"), ==, "x' || (SELECT hash FROM users) || '");

  login = poe_test_server_request (fx->server, "POST", "/v1/auth/login", NULL,
                                   "{\"username\": \"lead' OR '1'='1\", \"password\": \"x' OR '1'='1\"}");
  g_assert_cmpuint (login->status, ==, 401);
  again = poe_test_server_login (fx->server, "agent", PASSWORD, NULL);
  g_assert_nonnull (again);

  fixture_free (fx);
}

static void
test_restart_keeps_data (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *kase = new_case (fx, "none", NULL);
  g_autoptr(GHashTable) seen = NULL;

  poe_test_server_kill (fx->server);
  poe_test_server_restart (fx->server);
  seen = pull_all (fx, "lead", 0, NULL);
  g_assert_true (g_hash_table_contains (seen, kase));

  fixture_free (fx);
}


/*
 * Roles (docs/roles.md)
 */

static void
walk_case_cells (Fixture    *fx,
                 const char *open,
                 const char *urm)
{
  g_autofree char *person = g_uuid_string_random ();
  g_autofree char *stranger = g_uuid_string_random ();
  g_autofree char *event = g_uuid_string_random ();
  g_autofree char *fields = NULL;

  expect_push (fx, "agent", "case", fresh_id (fx), "upsert",
               "{\"case_number\": \"T-A\", \"poe\": \"JFK\", \"branch\": \"connect\","
               " \"sensitivity\": \"none\", \"status\": \"expected\"}", "rejected");
  expect_push (fx, "agent", "case", open, "upsert", "{\"status\": \"in_progress\"}", "applied");
  expect_push (fx, "agent", "case", open, "upsert", "{\"final_destination\": \"Boise\"}", "applied");
  expect_push (fx, "agent", "case", open, "upsert", "{\"sensitivity\": \"urm\"}", "rejected");
  expect_push (fx, "agent", "case", open, "upsert", "{\"ra_agency\": \"Agency\"}", "rejected");
  expect_push (fx, "agent2", "case", urm, "upsert", "{\"status\": \"in_progress\"}", "rejected");
  expect_push (fx, "agent", "case", urm, "upsert", "{\"status\": \"in_progress\"}", "applied");
  expect_push (fx, "agentx", "case", open, "upsert", "{\"status\": \"closed\"}", "rejected");
  expect_push (fx, "lead", "case", open, "delete", NULL, "rejected");

  fields = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Testperson\", \"cbp_status\": \"pending\"}", open);
  expect_push (fx, "agent", "person", person, "upsert", fields, "applied");
  expect_push (fx, "agent", "person", person, "delete", NULL, "rejected");
  expect_push (fx, "lead", "person", person, "delete", NULL, "applied");
  g_free (fields);
  fields = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Testperson\", \"cbp_status\": \"pending\"}", urm);
  expect_push (fx, "agent2", "person", stranger, "upsert", fields, "rejected");
  expect_push (fx, "agent", "person", stranger, "upsert", fields, "applied");
  g_free (fields);
  fields = g_strdup_printf ("{\"case_id\": \"%s\", \"step\": \"arrival.met\", \"value\": \"done\","
                            " \"at\": \"2026-11-24T14:05:00Z\"}", urm);
  expect_push (fx, "agent2", "checklist_event", event, "append", fields, "rejected");
  expect_push (fx, "agent", "checklist_event", event, "append", fields, "applied");
}

static void
walk_flight_cells (Fixture *fx)
{
  g_autofree char *flight = g_uuid_string_random ();
  const char *fields = "{\"carrier\": \"ZZ\", \"number\": \"101\", \"origin\": \"IST\", \"destination\": \"JFK\","
                       " \"scheduled_arrival\": \"2026-11-24T15:00:00Z\", \"status\": \"scheduled\", \"gate\": \"B1\"}";

  expect_push (fx, "lead", "flight", flight, "upsert", fields, "rejected");
  expect_push (fx, "admin", "flight", flight, "upsert", fields, "applied");
  expect_push (fx, "agent", "flight", flight, "upsert", "{\"gate\": \"B2\"}", "rejected");
  expect_push (fx, "lead", "flight", flight, "upsert", "{\"gate\": \"B3\", \"status\": \"delayed\"}", "applied");
  expect_push (fx, "supervisor", "flight", flight, "upsert", "{\"belt\": \"4\"}", "applied");
  expect_push (fx, "lead", "flight", flight, "upsert", "{\"carrier\": \"YY\"}", "rejected");
  expect_push (fx, "supervisor", "flight", flight, "delete", NULL, "rejected");
  expect_push (fx, "agent", "poe", fresh_id (fx), "upsert",
               "{\"code\": \"JFK\", \"name\": \"Test\", \"time_zone\": \"America/New_York\"}", "rejected");
  expect_push (fx, "supervisor", "staff", staff_of (fx, "agent"), "upsert", "{\"display_name\": \"X\"}", "rejected");
  learn_rev (fx, "admin", staff_of (fx, "agent"));
  expect_push (fx, "admin", "staff", staff_of (fx, "agent"), "upsert", "{\"display_name\": \"Agent One\"}", "applied");
  expect_push (fx, "admin", "audit", fresh_id (fx), "append", "{}", "rejected");
}

static char *
time_entry_fields (Fixture    *fx,
                   const char *who,
                   const char *state)
{
  return g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T06:00:00Z\","
                          " \"end\": \"2026-11-24T14:00:00Z\", \"state\": \"%s\"}", staff_of (fx, who), state);
}

static void
walk_time_cells (Fixture *fx)
{
  g_autofree char *mine = g_uuid_string_random ();
  g_autofree char *leads = g_uuid_string_random ();
  g_autofree char *fields = time_entry_fields (fx, "agent", "draft");
  g_autofree char *approved = time_entry_fields (fx, "agent", "approved");
  g_autofree char *lead_fields = time_entry_fields (fx, "lead", "submitted");

  expect_push (fx, "agent", "time_entry", fresh_id (fx), "upsert", approved, "rejected");
  expect_push (fx, "agent", "time_entry", mine, "upsert", fields, "applied");
  expect_push (fx, "agent", "time_entry", mine, "upsert", "{\"state\": \"submitted\"}", "applied");
  expect_push (fx, "agent", "time_entry", mine, "upsert", "{\"note\": \"late\"}", "rejected");
  expect_push (fx, "agent2", "time_entry", mine, "upsert", "{\"state\": \"approved\"}", "rejected");
  expect_push (fx, "lead", "time_entry", mine, "upsert", "{\"state\": \"rejected\"}", "rejected");
  expect_push (fx, "lead", "time_entry", mine, "upsert", "{\"state\": \"approved\"}", "applied");
  expect_push (fx, "agent", "time_entry", mine, "upsert", "{\"note\": \"late\"}", "rejected");
  expect_push (fx, "lead", "time_entry", mine, "upsert", "{\"note\": \"late\"}", "rejected");
  expect_push (fx, "supervisor", "time_entry", mine, "upsert", "{\"note\": \"late\"}", "rejected");
  expect_push (fx, "supervisor", "time_entry", mine, "upsert", "{\"state\": \"locked\"}", "applied");
  expect_push (fx, "supervisor", "time_entry", mine, "upsert", "{\"state\": \"approved\"}", "rejected");
  expect_push (fx, "admin", "time_entry", mine, "upsert", "{\"break_minutes\": 30}", "applied");

  expect_push (fx, "lead", "time_entry", leads, "upsert", lead_fields, "applied");
  expect_push (fx, "lead", "time_entry", leads, "upsert", "{\"state\": \"approved\"}", "rejected");
  expect_push (fx, "supervisor", "time_entry", leads, "upsert",
               "{\"state\": \"rejected\", \"reason\": \"Break missing\"}", "applied");
}

static void
walk_leave_and_incident_cells (Fixture *fx,
                               const char *urm)
{
  g_autofree char *leave = g_uuid_string_random ();
  g_autofree char *incident = g_uuid_string_random ();
  g_autofree char *fields = NULL;
  g_autofree char *comment = NULL;

  fields = g_strdup_printf ("{\"staff_id\": \"%s\", \"first_day\": \"2026-12-01\", \"last_day\": \"2026-12-03\","
                            " \"kind\": \"annual\", \"state\": \"requested\"}", staff_of (fx, "agent"));
  expect_push (fx, "agent", "leave_request", leave, "upsert", fields, "applied");
  expect_push (fx, "agent", "leave_request", leave, "upsert", "{\"state\": \"approved\"}", "rejected");
  expect_push (fx, "lead", "leave_request", leave, "upsert", "{\"state\": \"approved\"}", "applied");
  g_free (fields);

  fields = g_strdup_printf ("{\"category\": \"medical\", \"severity\": \"low\", \"at\": \"2026-11-24T14:00:00Z\","
                            " \"status\": \"draft\", \"narrative\": \"First draft\", \"case_ids\": [\"%s\"]}", urm);
  expect_push (fx, "agent2", "incident", incident, "upsert", fields, "applied");
  expect_push (fx, "agent", "incident", incident, "upsert", "{\"narrative\": \"Not mine\"}", "rejected");
  expect_push (fx, "agent2", "incident", incident, "upsert", "{\"narrative\": \"Second draft\"}", "applied");
  expect_push (fx, "agent2", "incident", incident, "upsert", "{\"status\": \"open\"}", "applied");
  expect_push (fx, "agent2", "incident", incident, "upsert", "{\"narrative\": \"Rewritten\"}", "rejected");
  expect_push (fx, "agent2", "incident", incident, "upsert",
               "{\"status\": \"under_review\", \"status_reason\": \"x\"}", "rejected");
  expect_push (fx, "lead", "incident", incident, "upsert",
               "{\"status\": \"under_review\", \"status_reason\": \"Checking\"}", "applied");
  expect_push (fx, "lead", "incident", incident, "upsert", "{\"narrative\": \"Edited\"}", "rejected");

  comment = g_strdup_printf ("{\"incident_id\": \"%s\", \"body\": \"Noted\", \"at\": \"2026-11-24T15:00:00Z\"}",
                             incident);
  expect_push (fx, "agentx", "incident_comment", fresh_id (fx), "append", comment, "rejected");
  expect_push (fx, "agent", "incident_comment", fresh_id (fx), "append", comment, "applied");
  expect_push (fx, "lead", "incident_comment", fresh_id (fx), "append", comment, "applied");
}

static void
walk_handoff_cells (Fixture    *fx,
                    const char *open)
{
  g_autofree char *handoff = g_uuid_string_random ();
  g_autofree char *fields = NULL;

  fields = g_strdup_printf ("{\"case_id\": \"%s\", \"from_party\": \"Reception\", \"to_party\": \"Escort\","
                            " \"to_kind\": \"staff\", \"to_staff_id\": \"%s\", \"at\": \"2026-11-24T14:00:00Z\","
                            " \"state\": \"pending\"}", open, staff_of (fx, "agent2"));
  expect_push (fx, "agent", "handoff", handoff, "upsert", fields, "applied");
  expect_push (fx, "lead", "handoff", handoff, "upsert", "{\"state\": \"accepted\"}", "rejected");
  expect_push (fx, "admin", "handoff", handoff, "upsert", "{\"state\": \"accepted\"}", "rejected");
  expect_push (fx, "agent2", "handoff", handoff, "upsert",
               "{\"state\": \"accepted\", \"acknowledged_by\": \"Escort\"}", "applied");
  expect_push (fx, "agent2", "handoff", handoff, "upsert", "{\"state\": \"confirmed\"}", "rejected");
  expect_push (fx, "agent", "handoff", handoff, "upsert", "{\"state\": \"confirmed\"}", "applied");
}

static void
check_reads (Fixture    *fx,
             const char *urm)
{
  g_autoptr(GHashTable) agent = pull_all (fx, "agent", 0, NULL);
  g_autoptr(GHashTable) agent2 = pull_all (fx, "agent2", 0, NULL);
  g_autoptr(GHashTable) supervisor = pull_all (fx, "supervisor", 0, NULL);
  g_autoptr(GHashTable) agentx = pull_all (fx, "agentx", 0, NULL);
  GHashTableIter iter;
  JsonObject *change;
  guint audits = 0;

  g_assert_true (json_object_has_member (g_hash_table_lookup (agent, urm), "data"));
  g_assert_true (json_object_get_boolean_member (g_hash_table_lookup (agent2, urm), "deleted"));
  g_assert_false (json_object_has_member (g_hash_table_lookup (agent2, urm), "data"));
  g_assert_true (json_object_has_member (g_hash_table_lookup (supervisor, urm), "data"));
  g_assert_false (g_hash_table_contains (agentx, urm));

  g_hash_table_iter_init (&iter, agent2);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &change))
    {
      const char *entity = json_object_get_string_member (change, "entity");
      JsonObject *data = data_of (change);

      g_assert_cmpstr (entity, !=, "audit");
      /* agent2's view of others' time entries and leave requests is id-only */
      if (data != NULL && (g_str_equal (entity, "time_entry") || g_str_equal (entity, "leave_request")))
        g_assert_cmpstr (json_object_get_string_member (data, "staff_id"), ==, staff_of (fx, "agent2"));
    }

  g_hash_table_iter_init (&iter, supervisor);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &change))
    audits += g_str_equal (json_object_get_string_member (change, "entity"), "audit");
  g_assert_cmpuint (audits, >, 0);
}

static void
check_reassignment (Fixture    *fx,
                    const char *urm)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) agent = NULL;
  g_autofree char *assigned = quoted (staff_of (fx, "agent2"));
  g_autofree char *fields = g_strdup_printf ("{\"assigned_staff_ids\": [%s]}", assigned);
  GHashTableIter iter;
  JsonObject *change;
  guint children = 0;
  gint64 cursor, agent_cursor;

  before = pull_all (fx, "agent2", 0, &cursor);
  agent = pull_all (fx, "agent", 0, &agent_cursor);
  g_hash_table_unref (g_steal_pointer (&agent));
  expect_push (fx, "lead", "case", urm, "upsert", fields, "applied");

  /* agent2 now receives the case and its children; agent forgets them. */
  after = pull_all (fx, "agent2", cursor, NULL);
  g_assert_true (json_object_has_member (g_hash_table_lookup (after, urm), "data"));
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &change))
    {
      JsonObject *data = data_of (change);

      if (data != NULL && g_strcmp0 (json_object_get_string_member_with_default (data, "case_id", NULL), urm) == 0)
        children++;
    }
  g_assert_cmpuint (children, >=, 2);

  agent = pull_all (fx, "agent", agent_cursor, NULL);
  g_assert_true (json_object_get_boolean_member (g_hash_table_lookup (agent, urm), "deleted"));
}

static void
test_roles (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *assigned = quoted (staff_of (fx, "agent"));
  g_autofree char *open = new_case (fx, "none", NULL);
  g_autofree char *urm = new_case (fx, "urm", assigned);

  walk_case_cells (fx, open, urm);
  walk_flight_cells (fx);
  walk_time_cells (fx);
  walk_leave_and_incident_cells (fx, urm);
  walk_handoff_cells (fx, open);
  check_reads (fx, urm);
  check_reassignment (fx, urm);
  expect_push (fx, "admin", "case", open, "delete", NULL, "applied");

  fixture_free (fx);
}


/* An incident as pushed by a client; @narrative may be NULL. */
static char *
incident_fields (const char *status,
                 const char *narrative,
                 const char *author_id)
{
  g_autofree char *text = narrative != NULL ? g_strdup_printf (", \"narrative\": \"%s\"", narrative) : NULL;
  g_autofree char *author = author_id != NULL ? g_strdup_printf (", \"author_id\": \"%s\"", author_id) : NULL;

  return g_strdup_printf ("{\"category\": \"lost_documents\", \"severity\": \"medium\","
                          " \"at\": \"2026-11-24T14:00:00Z\", \"status\": \"%s\"%s%s}",
                          status, text ? text : "", author ? author : "");
}

static char *
dup_pulled_string (Fixture    *fx,
                   const char *who,
                   const char *id,
                   const char *field)
{
  g_autoptr(GHashTable) seen = pull_all (fx, who, 0, NULL);
  JsonObject *data = data_of (g_hash_table_lookup (seen, id));

  g_assert_nonnull (data);

  return g_strdup (json_object_get_string_member_with_default (data, field, ""));
}

static void
assert_author (Fixture    *fx,
               const char *id,
               const char *who)
{
  g_autofree char *author = dup_pulled_string (fx, "lead", id, "author_id");

  g_assert_cmpstr (author, ==, staff_of (fx, who));
}

/* Creation: the author is the pusher, whatever the client sent. */
static void
walk_incident_create_cells (Fixture    *fx,
                            const char *draft)
{
  g_autofree char *spoofed = incident_fields ("draft", NULL, staff_of (fx, "agent2"));
  g_autofree char *bare_open = incident_fields ("open", NULL, NULL);
  g_autofree char *blank_open = incident_fields ("open", "  ", NULL);
  g_autofree char *full_open = incident_fields ("open", "Passport left on board", NULL);
  g_autofree char *reviewed = incident_fields ("under_review", "Passport left on board", NULL);

  expect_push (fx, "agent", "incident", draft, "upsert", spoofed, "applied");
  assert_author (fx, draft, "agent");
  expect_push (fx, "agent2", "incident", draft, "upsert", "{\"narrative\": \"Not mine\"}", "rejected");

  expect_push (fx, "agent", "incident", fresh_id (fx), "upsert", bare_open, "rejected");
  expect_push (fx, "agent", "incident", fresh_id (fx), "upsert", blank_open, "rejected");
  expect_push (fx, "agent", "incident", fresh_id (fx), "upsert", reviewed, "rejected");
  expect_push (fx, "agent", "incident", fresh_id (fx), "upsert", full_open, "applied");
}

/* Draft edits by the author: no author change, no status past open, a complete submission. */
static void
walk_incident_draft_cells (Fixture    *fx,
                           const char *draft)
{
  g_autofree char *other = g_strdup_printf ("{\"author_id\": \"%s\"}", staff_of (fx, "agent2"));
  g_autofree char *comment = g_strdup_printf ("{\"incident_id\": \"%s\", \"body\": \"Early\","
                                              " \"at\": \"2026-11-24T15:00:00Z\"}", draft);

  expect_push (fx, "agent", "incident", draft, "upsert", other, "rejected");
  expect_push (fx, "agent", "incident", draft, "upsert",
               "{\"status\": \"under_review\", \"status_reason\": \"Self review\"}", "rejected");
  expect_push (fx, "agent", "incident", draft, "upsert", "{\"status\": \"closed\"}", "rejected");
  expect_push (fx, "agent", "incident", draft, "upsert", "{\"status\": \"open\"}", "rejected");
  expect_push (fx, "agent", "incident_comment", fresh_id (fx), "append", comment, "rejected");
  expect_push (fx, "lead", "incident_comment", fresh_id (fx), "append", comment, "rejected");
  expect_push (fx, "agent", "incident", draft, "upsert", "{\"narrative\": \"Passport left on board\"}", "applied");
  expect_push (fx, "agent", "incident", draft, "upsert", "{\"status\": \"open\"}", "applied");
  expect_push (fx, "agent", "incident_comment", fresh_id (fx), "append", comment, "applied");
  assert_author (fx, draft, "agent");
}

/* Review: open → under_review → closed only, each step with a new, non-blank reason. */
static void
walk_incident_review_cells (Fixture    *fx,
                            const char *incident)
{
  expect_push (fx, "lead", "incident", incident, "upsert",
               "{\"status\": \"closed\", \"status_reason\": \"Skipping review\"}", "rejected");
  expect_push (fx, "lead", "incident", incident, "upsert", "{\"status\": \"under_review\"}", "rejected");
  expect_push (fx, "lead", "incident", incident, "upsert",
               "{\"status\": \"under_review\", \"status_reason\": \"   \"}", "rejected");
  expect_push (fx, "lead", "incident", incident, "upsert",
               "{\"status\": \"under_review\", \"status_reason\": \"Checking\"}", "applied");
  expect_push (fx, "supervisor", "incident", incident, "upsert", "{\"status_reason\": \"Reworded\"}", "rejected");
  expect_push (fx, "supervisor", "incident", incident, "upsert",
               "{\"status\": \"open\", \"status_reason\": \"Back\"}", "rejected");
  expect_push (fx, "supervisor", "incident", incident, "upsert",
               "{\"status\": \"closed\", \"status_reason\": \"Checking\"}", "rejected");
  expect_push (fx, "supervisor", "incident", incident, "upsert", "{\"status\": \"closed\"}", "rejected");
  expect_push (fx, "supervisor", "incident", incident, "upsert",
               "{\"status\": \"closed\", \"status_reason\": \"Documents returned\"}", "applied");
  expect_push (fx, "admin", "incident", incident, "upsert",
               "{\"status\": \"under_review\", \"status_reason\": \"Reopened\"}", "rejected");
}

static void
test_incident_rules (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *draft = g_uuid_string_random ();

  walk_incident_create_cells (fx, draft);
  walk_incident_draft_cells (fx, draft);
  walk_incident_review_cells (fx, draft);

  fixture_free (fx);
}


/*
 * data/api/openapi.yaml
 */

static void
test_openapi_routes (void)
{
  Fixture *fx = fixture_new (NULL, jfk_team);
  g_autofree char *path = g_build_filename (g_getenv ("POE_SOURCE_ROOT"), "data", "api", "openapi.yaml", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeTestResponse) unknown = NULL;
  g_autoptr(PoeTestResponse) wrong_method = NULL;
  const char *route = NULL;
  guint checked = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;
      g_autofree char *method = NULL;

      if (g_str_has_prefix (lines[i], "  /") && g_str_has_suffix (lines[i], ":"))
        route = lines[i] + 2, lines[i][strlen (lines[i]) - 1] = '\0';
      else if (route != NULL && (g_str_equal (lines[i], "    get:") || g_str_equal (lines[i], "    post:")))
        {
          /* "    get:" → "GET" (strip first: argument evaluation order is unspecified) */
          g_strstrip (lines[i]);
          method = g_ascii_strup (lines[i], strlen (lines[i]) - 1);
          response = poe_test_server_request (fx->server, method, route,
                                              g_str_equal (route, "/v1/auth/logout") ? "not-a-token" : token_of (fx, "lead"),
                                              "{}");
          g_test_message ("%s %s → %u", method, route, response->status);
          g_assert_cmpuint (response->status, !=, 404);
          g_assert_cmpuint (response->status, !=, 405);
          checked++;
        }
      else if (!g_str_has_prefix (lines[i], "  ") && !g_str_equal (lines[i], "paths:"))
        route = NULL;
    }

  g_assert_cmpuint (checked, ==, 6);
  unknown = poe_test_server_request (fx->server, "GET", "/v1/no-such-route", token_of (fx, "lead"), NULL);
  assert_problem (unknown, 404, "not-found");
  wrong_method = poe_test_server_request (fx->server, "DELETE", "/v1/health", NULL, NULL);
  assert_problem (wrong_method, 405, "method-not-allowed");

  fixture_free (fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/api/health", test_health);
  g_test_add_func ("/server/api/login/answers", test_login);
  g_test_add_func ("/server/api/login/throttle", test_login_throttle);
  g_test_add_func ("/server/api/token/expiry", test_token_expiry);
  g_test_add_func ("/server/api/token/logout", test_logout);
  g_test_add_func ("/server/api/push/results", test_push_results);
  g_test_add_func ("/server/api/push/limits", test_push_limits);
  g_test_add_func ("/server/api/push/append-only", test_append_only);
  g_test_add_func ("/server/api/push/exception-path", test_exception_path);
  g_test_add_func ("/server/api/changes/paging", test_changes_paging);
  g_test_add_func ("/server/api/changes/bad-since", test_changes_bad_since);
  g_test_add_func ("/server/api/changes/long-poll", test_changes_long_poll);
  g_test_add_func ("/server/api/input/too-large", test_too_large);
  g_test_add_func ("/server/api/input/malformed-json", test_malformed_json);
  g_test_add_func ("/server/api/input/sql-injection", test_sql_injection);
  g_test_add_func ("/server/api/durability/restart", test_restart_keeps_data);
  g_test_add_func ("/server/api/roles/matrix", test_roles);
  g_test_add_func ("/server/api/roles/incidents", test_incident_rules);
  g_test_add_func ("/server/api/openapi/routes", test_openapi_routes);

  return g_test_run ();
}
