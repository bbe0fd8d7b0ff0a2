/* test-server-hostile.c
 *
 * poe-central against hostile and careless clients (issue 16), on loopback only, against the
 * real binary: each test sends what an attacker sent and checks what must happen instead.
 * Clients that must look like other machines send from other loopback addresses (127.0.0.x).
 * All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "poe-test-server.h"

#define PASSWORD "synthetic-pass-1"
#define PROBLEM  "https://poedesk.github.io/problems/"


/*
 * Auxiliary methods
 */

static PoeTestServer *
server_with_users (const char * const *extra_args)
{
  PoeTestServer *server = poe_test_server_new (extra_args);

  poe_test_server_add_user (server, "agent", "agent", "JFK", PASSWORD);
  poe_test_server_add_user (server, "lead", "lead", "JFK", PASSWORD);

  return server;
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
  g_assert_nonnull (json_object_get_string_member (problem, "detail"));
}

static const char *
detail_of (PoeTestResponse *response)
{
  return json_object_get_string_member (poe_test_response_object (response), "detail");
}

static PoeTestResponse *
login_from (PoeTestServer *server,
            const char    *source,
            const char    *username,
            const char    *password,
            const char    *device)
{
  PoeTestRequestOptions options = { source, NULL, 0 };
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\", \"device\": \"%s\"}",
                          username, password, device);

  return poe_test_server_request_with (server, &options, "POST", "/v1/auth/login", NULL, body);
}

static void
assert_alive (PoeTestServer *server)
{
  g_autoptr(PoeTestResponse) health = poe_test_server_request (server, "GET", "/v1/health", NULL, NULL);

  g_assert_cmpuint (health->status, ==, 200);
}

/* One push of @mutations (JSON array text) as @token; the whole answer. */
static PoeTestResponse *
push (PoeTestServer *server,
      const char    *token,
      const char    *client_id,
      const char    *mutations)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"%s\", \"mutations\": %s}",
                                           client_id, mutations);

  return poe_test_server_request (server, "POST", "/v1/sync/push", token, body);
}

static JsonObject *
first_result (PoeTestResponse *response)
{
  JsonArray *results;

  g_assert_cmpuint (response->status, ==, 200);
  results = json_object_get_array_member (poe_test_response_object (response), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);

  return json_array_get_object_element (results, 0);
}

static char *
mutation (const char *entity,
          const char *fields)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *mutation_id = g_uuid_string_random ();

  return g_strdup_printf ("[{\"mutation_id\": \"%s\", \"entity\": \"%s\", \"id\": \"%s\","
                          " \"op\": \"upsert\", \"fields\": %s}]", mutation_id, entity, id, fields);
}


/*
 * Row 1: nesting
 */

static void
test_deep_nesting (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autofree char *token = poe_test_server_login (server, "lead", PASSWORD, NULL);
  const char *paths[] = { "/v1/auth/login", "/v1/sync/push" };
  g_autofree char *deep = g_malloc (75000 + 1);

  memset (deep, '[', 75000);
  deep[75000] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;

      response = poe_test_server_request (server, "POST", paths[i], token, deep);
      assert_problem (response, 400, "malformed-json");
      g_assert_nonnull (strstr (detail_of (response), "64 levels"));
    }

  assert_alive (server);
}


/*
 * Row 4: throttling without a lock-out button; JSON bodies only
 */

static void
test_login_no_lockout (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autoptr(PoeTestResponse) before = NULL;
  g_autoptr(PoeTestResponse) same = NULL;
  g_autoptr(PoeTestResponse) elsewhere = NULL;
  g_autoptr(PoeTestResponse) device = NULL;

  /* The agent's desk signed in from 127.0.0.2 before. */
  before = login_from (server, "127.0.0.2", "agent", PASSWORD, "desk-1");
  g_assert_cmpuint (before->status, ==, 200);

  /* Someone at the same address guesses the agent's password. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PoeTestResponse) guess = login_from (server, "127.0.0.2", "agent", "guess", "laptop");

      g_assert_cmpuint (guess->status, ==, 401);
    }

  /* That address and that user wait now, even with the right password ... */
  same = login_from (server, "127.0.0.2", "agent", PASSWORD, "laptop");
  assert_problem (same, 429, "too-many-requests");
  g_assert_cmpint (g_ascii_strtoll (poe_test_response_header (same, "Retry-After"), NULL, 10), >, 0);

  /* ... but the user is not locked out elsewhere, nor on the desk that signed in before. */
  elsewhere = login_from (server, "127.0.0.3", "agent", PASSWORD, "other-desk");
  g_assert_cmpuint (elsewhere->status, ==, 200);
  device = login_from (server, "127.0.0.2", "agent", PASSWORD, "desk-1");
  g_assert_cmpuint (device->status, ==, 200);
}

static void
test_login_address_backoff (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autoptr(PoeTestResponse) blocked = NULL;
  g_autoptr(PoeTestResponse) other = NULL;

  /* Guessing many user names from one address slows that address down. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);
      g_autoptr(PoeTestResponse) guess = login_from (server, "127.0.0.4", name, "guess", "x");

      g_assert_cmpuint (guess->status, ==, 401);
    }

  blocked = login_from (server, "127.0.0.4", "lead", PASSWORD, "x");
  assert_problem (blocked, 429, "too-many-requests");
  other = login_from (server, "127.0.0.5", "lead", PASSWORD, "x");
  g_assert_cmpuint (other->status, ==, 200);
}

static void
test_login_json_only (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  const char *types[] = { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      PoeTestRequestOptions options = { NULL, types[i], 0 };
      g_autoptr(PoeTestResponse) response = NULL;

      response = poe_test_server_request_with (server, &options, "POST", "/v1/auth/login", NULL,
                                               "{\"username\": \"agent\", \"password\": \"" PASSWORD "\"}");
      assert_problem (response, 415, "unsupported-media-type");
    }
}


/*
 * Row 5: hashing off the event loop, successful sign-ins budgeted
 */

typedef struct
{
  PoeTestServer *server;
  char          *source;
  guint          status;
} Login;

static gpointer
login_thread (gpointer data)
{
  Login *login = data;
  g_autoptr(PoeTestResponse) response = login_from (login->server, login->source, "agent", PASSWORD, "desk");

  login->status = response->status;

  return NULL;
}

static void
test_login_off_loop (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  Login logins[20];
  GThread *threads[20];
  gint64 worst = 0;
  guint n_health = 0;

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      logins[i] = (Login) { server, g_strdup_printf ("127.0.0.%u", 20 + i), 0 };
      threads[i] = g_thread_new ("login", login_thread, &logins[i]);
    }

  /* While 20 Argon2id verifications run, health answers at once. */
  for (guint i = 0; i < 10; i++, n_health++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PoeTestResponse) health = poe_test_server_request (server, "GET", "/v1/health", NULL, NULL);

      g_assert_cmpuint (health->status, ==, 200);
      worst = MAX (worst, g_get_monotonic_time () - start);
      g_usleep (20 * 1000);
    }

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (logins[i].status, ==, 200);
      g_free (logins[i].source);
    }

  g_test_message ("slowest of %u health answers during 20 sign-ins: %" G_GINT64_FORMAT " ms",
                  n_health, worst / 1000);
  g_assert_cmpint (worst, <, 500 * 1000);
}

static void
test_login_budget (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  Login logins[25];
  GThread *threads[25];
  guint ok = 0;
  guint limited = 0;

  /* Right passwords too: 25 sign-ins at once from one address overrun its budget of 20. */
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      logins[i] = (Login) { server, g_strdup ("127.0.0.6"), 0 };
      threads[i] = g_thread_new ("login", login_thread, &logins[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_thread_join (threads[i]);
      ok += logins[i].status == 200;
      limited += logins[i].status == 429;
      g_free (logins[i].source);
    }

  g_assert_cmpuint (ok, ==, 20);
  g_assert_cmpuint (limited, ==, 5);
}


/*
 * Row 7: signing out ends the long polls of the token
 */

typedef struct
{
  PoeTestServer   *server;
  const char      *token;
  PoeTestResponse *response;
} Poll;

static gpointer
poll_thread (gpointer data)
{
  Poll *poll = data;
  g_autoptr(PoeTestResponse) now = poe_test_server_request (poll->server, "GET", "/v1/sync/changes?limit=5000",
                                                            poll->token, NULL);
  g_autofree char *path = NULL;

  /* Wait from the present cursor on. */
  path = g_strdup_printf ("/v1/sync/changes?since=%s&wait=20",
                          json_object_get_string_member (poe_test_response_object (now), "cursor"));
  poll->response = poe_test_server_request (poll->server, "GET", path, poll->token, NULL);

  return NULL;
}

static void
test_logout_ends_long_poll (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autofree char *token = poe_test_server_login (server, "lead", PASSWORD, NULL);
  g_autofree char *other = poe_test_server_login (server, "lead", PASSWORD, NULL);
  g_autofree char *change = mutation ("case", "{\"case_number\": \"T-1\", \"poe\": \"JFK\", \"branch\": \"connect\","
                                      " \"sensitivity\": \"none\", \"status\": \"expected\"}");
  g_autoptr(PoeTestResponse) out = NULL;
  g_autoptr(PoeTestResponse) pushed = NULL;
  Poll poll = { server, token, NULL };
  GThread *thread = g_thread_new ("poll", poll_thread, &poll);
  gint64 start;

  g_usleep (500 * 1000);
  start = g_get_monotonic_time ();
  out = poe_test_server_request (server, "POST", "/v1/auth/logout", token, NULL);
  g_assert_cmpuint (out->status, ==, 204);
  /* A change after the sign-out must not reach the revoked token's poll. */
  pushed = push (server, other, "other-client", change);
  g_assert_cmpstr (json_object_get_string_member (first_result (pushed), "status"), ==, "applied");
  g_thread_join (thread);

  assert_problem (poll.response, 401, "unauthorized");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  poe_test_response_free (poll.response);
}


/*
 * Row 8: field-level bounds
 */

static void
test_field_bounds (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autofree char *staff_id = NULL;
  g_autofree char *token = poe_test_server_login (server, "lead", PASSWORD, &staff_id);
  g_autofree char *nul = mutation ("case", "{\"case_number\": \"T-2\", \"poe\": \"JFK\", \"branch\": \"connect\","
                                   " \"sensitivity\": \"none\", \"status\": \"expected\","
                                   " \"final_destination\": \"Smith\\u0000<script>\"}");
  g_autofree char *breaks = NULL;
  g_autofree char *backwards = NULL;
  g_autofree char *breaks_fields = NULL;
  g_autofree char *backwards_fields = NULL;
  g_autoptr(PoeTestResponse) nul_answer = NULL;
  g_autoptr(PoeTestResponse) breaks_answer = NULL;
  g_autoptr(PoeTestResponse) backwards_answer = NULL;
  JsonObject *result;

  nul_answer = push (server, token, "client-1", nul);
  assert_problem (nul_answer, 400, "invalid-request");
  g_assert_true (g_str_has_prefix (detail_of (nul_answer), "final_destination:"));

  breaks_fields = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T08:00:00Z\","
                                   " \"end\": \"2026-11-24T16:00:00Z\", \"state\": \"draft\","
                                   " \"break_minutes\": 4611686018427387904}", staff_id);
  breaks = mutation ("time_entry", breaks_fields);
  breaks_answer = push (server, token, "client-1", breaks);
  result = first_result (breaks_answer);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "error"), "break_minutes"));

  backwards_fields = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T16:00:00Z\","
                                      " \"end\": \"2026-11-24T08:00:00Z\", \"state\": \"draft\"}", staff_id);
  backwards = mutation ("time_entry", backwards_fields);
  backwards_answer = push (server, token, "client-1", backwards);
  result = first_result (backwards_answer);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "error"), "time_entry.end"));
}

static void
test_id_bounds (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autofree char *token = poe_test_server_login (server, "lead", PASSWORD, NULL);
  g_autofree char *client_id = g_malloc (5 * 1024 * 1024 + 1);
  g_autofree char *mutation_id = g_malloc (3 * 1024 * 1024 + 1);
  g_autofree char *mutations = NULL;
  g_autoptr(PoeTestResponse) long_client = NULL;
  g_autoptr(PoeTestResponse) long_mutation = NULL;

  memset (client_id, 'c', 5 * 1024 * 1024);
  client_id[5 * 1024 * 1024] = '\0';
  memset (mutation_id, 'm', 3 * 1024 * 1024);
  mutation_id[3 * 1024 * 1024] = '\0';

  long_client = push (server, token, client_id, "[]");
  assert_problem (long_client, 400, "invalid-request");
  g_assert_true (g_str_has_prefix (detail_of (long_client), "client_id:"));

  mutations = g_strdup_printf ("[{\"mutation_id\": \"%s\", \"entity\": \"case\", \"id\": \"%s\","
                               " \"op\": \"upsert\", \"fields\": {}}]", mutation_id, "7d7b0f6e-0a43-4c55-9a8c-1f7c2a8b9e10");
  long_mutation = push (server, token, "client-1", mutations);
  assert_problem (long_mutation, 400, "invalid-request");
  g_assert_true (g_str_has_prefix (detail_of (long_mutation), "mutation_id:"));
}


/*
 * Row 9: headers of every answer
 */

static void
test_answer_headers (void)
{
  g_autoptr(PoeTestServer) server = server_with_users (NULL);
  g_autofree char *token = poe_test_server_login (server, "lead", PASSWORD, NULL);
  const char *requests[][3] = {
    { "GET", "/v1/health", NULL }, { "GET", "/v1/me", "token" }, { "GET", "/v1/me", NULL },
    { "GET", "/v1/nothing-here", NULL }, { "DELETE", "/v1/health", NULL },
    { "GET", "/v1/sync/changes", "token" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(PoeTestResponse) response = NULL;
      const char *server_header;

      response = poe_test_server_request (server, requests[i][0], requests[i][1],
                                          requests[i][2] != NULL ? token : NULL, NULL);
      g_test_message ("%s %s → %u", requests[i][0], requests[i][1], response->status);
      g_assert_cmpstr (poe_test_response_header (response, "Cache-Control"), ==, "no-store");
      g_assert_cmpstr (poe_test_response_header (response, "X-Content-Type-Options"), ==, "nosniff");
      g_assert_true (g_str_has_prefix (poe_test_response_header (response, "Strict-Transport-Security"),
                                       "max-age="));
      server_header = poe_test_response_header (response, "Server");
      g_assert_true (server_header == NULL || g_str_equal (server_header, "poe-central"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/hostile/json/deep-nesting", test_deep_nesting);
  g_test_add_func ("/server/hostile/login/no-lockout", test_login_no_lockout);
  g_test_add_func ("/server/hostile/login/address-backoff", test_login_address_backoff);
  g_test_add_func ("/server/hostile/login/json-only", test_login_json_only);
  g_test_add_func ("/server/hostile/login/off-loop", test_login_off_loop);
  g_test_add_func ("/server/hostile/login/budget", test_login_budget);
  g_test_add_func ("/server/hostile/logout/ends-long-poll", test_logout_ends_long_poll);
  g_test_add_func ("/server/hostile/input/field-bounds", test_field_bounds);
  g_test_add_func ("/server/hostile/input/id-bounds", test_id_bounds);
  g_test_add_func ("/server/hostile/answers/headers", test_answer_headers);

  return g_test_run ();
}
