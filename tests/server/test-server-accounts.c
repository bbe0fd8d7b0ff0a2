/* test-server-accounts.c
 *
 * Accounts switched off and changed from the command line while poe-central runs (issue 17,
 * row 5): `poe-central user disable` ends the user's sign-in, token and long poll at once,
 * `set-role` holds from the next request, `reset-password` takes the password from standard
 * input and revokes the old sign-ins, `list` shows them. And the database itself (row 10):
 * created 0600 with its -wal and -shm, and refused when other users can read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "poe-test-server.h"

#define PASSWORD     "synthetic-pass-5"
#define NEW_PASSWORD "synthetic-pass-6"

typedef struct
{
  PoeTestServer *server;
  char          *agent;       /* tokens */
  char          *lead;
  char          *agent_id;    /* staff ids */
  char          *lead_id;
} Fixture;


/*
 * Fixture and helpers
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->server = poe_test_server_new (NULL);
  poe_test_server_add_user (fx->server, "agent", "agent", "JFK", PASSWORD);
  poe_test_server_add_user (fx->server, "lead", "lead", "JFK", PASSWORD);
  fx->agent = poe_test_server_login (fx->server, "agent", PASSWORD, &fx->agent_id);
  fx->lead = poe_test_server_login (fx->server, "lead", PASSWORD, &fx->lead_id);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_free (fx->agent);
  g_free (fx->lead);
  g_free (fx->agent_id);
  g_free (fx->lead_id);
  poe_test_server_free (fx->server);
}

/* Runs `poe-central user ARGS… --db DB` with @input on standard input; returns its status. */
static int
run_user_cli (Fixture    *fx,
              const char *input,
              char      **out,
              char      **err,
              ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  va_list args;
  const char *arg;

  g_strv_builder_add_many (builder, g_getenv ("POE_CENTRAL"), "user", NULL);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);
  g_strv_builder_add_many (builder, "--db", poe_test_server_get_db (fx->server), NULL);
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static guint
login_status (Fixture     *fx,
              const char  *username,
              const char  *password,
              char       **detail)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\"}",
                                           username, password);
  g_autoptr(PoeTestResponse) response = poe_test_server_request (fx->server, "POST", "/v1/auth/login",
                                                                 NULL, body);

  if (detail != NULL)
    *detail = g_strdup (json_object_get_string_member_with_default (poe_test_response_object (response),
                                                                    "detail", ""));
  return response->status;
}

static guint
me_status (Fixture    *fx,
           const char *token)
{
  g_autoptr(PoeTestResponse) response = poe_test_server_request (fx->server, "GET", "/v1/me", token, NULL);

  return response->status;
}

static char *
current_cursor (Fixture    *fx,
                const char *token)
{
  g_autoptr(PoeTestResponse) response = NULL;

  response = poe_test_server_request (fx->server, "GET", "/v1/sync/changes?since=0&limit=5000", token, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (poe_test_response_object (response), "more"));

  return g_strdup (json_object_get_string_member (poe_test_response_object (response), "cursor"));
}

/* One mutation as @token; returns its result's status. */
static char *
push (Fixture    *fx,
      const char *token,
      const char *entity,
      const char *id,
      const char *fields)
{
  g_autofree char *mutation_id = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr(PoeTestResponse) response = NULL;
  JsonObject *result;

  body = g_strdup_printf ("{\"client_id\": \"accounts-test\", \"mutations\": [{\"mutation_id\": \"%s\","
                          " \"entity\": \"%s\", \"id\": \"%s\", \"op\": \"upsert\", \"fields\": %s}]}",
                          mutation_id, entity, id, fields);
  response = poe_test_server_request (fx->server, "POST", "/v1/sync/push", token, body);
  g_assert_cmpuint (response->status, ==, 200);
  result = json_array_get_object_element (json_object_get_array_member (poe_test_response_object (response),
                                                                        "results"), 0);
  g_test_message ("%s %s → %s (%s)", entity, fields, json_object_get_string_member (result, "status"),
                  json_object_get_string_member_with_default (result, "error", ""));

  return g_strdup (json_object_get_string_member (result, "status"));
}

typedef struct
{
  Fixture *fx;
  char    *path;
  guint    status;
  gint64   answered_at;
} Poll;

static gpointer
long_poll_thread (gpointer data)
{
  Poll *poll = data;
  g_autoptr(PoeTestResponse) response = NULL;

  response = poe_test_server_request (poll->fx->server, "GET", poll->path, poll->fx->agent, NULL);
  poll->status = response->status;
  poll->answered_at = g_get_monotonic_time ();

  return NULL;
}


/*
 * Tests
 */

static void
test_disable_ends_everything (Fixture       *fx,
                              gconstpointer  data)
{
  g_autofree char *cursor = current_cursor (fx, fx->agent);
  g_autofree char *detail = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GThread) thread = NULL;
  Poll poll = { fx };
  gint64 disabled_at;

  /* A long poll of the agent is waiting when the administrator disables the account. */
  poll.path = g_strdup_printf ("/v1/sync/changes?since=%s&wait=30", cursor);
  thread = g_thread_new ("long-poll", long_poll_thread, &poll);
  g_usleep (300 * 1000);
  disabled_at = g_get_monotonic_time ();
  g_assert_cmpint (run_user_cli (fx, NULL, &out, NULL, "disable", "agent", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "disabled"));
  g_thread_join (g_steal_pointer (&thread));
  g_assert_cmpuint (poll.status, ==, 401);
  g_assert_cmpint (poll.answered_at - disabled_at, <, 5 * G_USEC_PER_SEC);

  /* The old token, and a sign-in with the right password, no longer work. */
  g_assert_cmpuint (me_status (fx, fx->agent), ==, 401);
  g_assert_cmpuint (login_status (fx, "agent", PASSWORD, &detail), ==, 401);
  g_assert_nonnull (strstr (detail, "disabled"));
  g_assert_cmpuint (me_status (fx, fx->lead), ==, 200);
  g_free (poll.path);

  /* Enabled again, the user signs in anew; the revoked token stays revoked. */
  g_assert_cmpint (run_user_cli (fx, NULL, NULL, NULL, "enable", "agent", NULL), ==, 0);
  g_assert_cmpuint (login_status (fx, "agent", PASSWORD, NULL), ==, 200);
  g_assert_cmpuint (me_status (fx, fx->agent), ==, 401);
}

static void
test_set_role_next_request (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *entry = g_uuid_string_random ();
  g_autofree char *create = NULL;
  g_autofree char *status = NULL;
  g_autofree char *again = NULL;
  g_autoptr(PoeTestResponse) me = NULL;

  create = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T11:00:00Z\","
                            " \"end\": \"2026-11-24T19:00:00Z\", \"state\": \"submitted\"}", fx->agent_id);
  g_free (push (fx, fx->agent, "time_entry", entry, create));

  /* Demoted while signed in: the lead's next approval is refused. */
  g_assert_cmpint (run_user_cli (fx, NULL, NULL, NULL, "set-role", "lead", "agent", NULL), ==, 0);
  me = poe_test_server_request (fx->server, "GET", "/v1/me", fx->lead, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (poe_test_response_object (me), "user"),
                                                  "role"), ==, "agent");
  status = push (fx, fx->lead, "time_entry", entry, "{\"state\": \"approved\"}");
  g_assert_cmpstr (status, ==, "rejected");

  g_assert_cmpint (run_user_cli (fx, NULL, NULL, NULL, "set-role", "lead", "lead", NULL), ==, 0);
  again = push (fx, fx->lead, "time_entry", entry, "{\"state\": \"approved\"}");
  g_assert_cmpstr (again, ==, "applied");

  /* A role that does not exist changes nothing. */
  g_assert_cmpint (run_user_cli (fx, NULL, NULL, NULL, "set-role", "lead", "boss", NULL), ==, 2);
  g_assert_cmpuint (me_status (fx, fx->lead), ==, 200);
}

static void
test_reset_password (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *err = NULL;

  /* Never from the command line: without input nothing changes. */
  g_assert_cmpint (run_user_cli (fx, "", NULL, &err, "reset-password", "agent", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "standard input"));
  g_assert_cmpuint (me_status (fx, fx->agent), ==, 200);

  g_assert_cmpint (run_user_cli (fx, NEW_PASSWORD "\n", NULL, NULL, "reset-password", "agent", NULL), ==, 0);
  g_assert_cmpuint (me_status (fx, fx->agent), ==, 401);
  g_assert_cmpuint (login_status (fx, "agent", PASSWORD, NULL), ==, 401);
  g_assert_cmpuint (login_status (fx, "agent", NEW_PASSWORD, NULL), ==, 200);

  g_assert_cmpint (run_user_cli (fx, NEW_PASSWORD "\n", NULL, NULL, "reset-password", "nobody", NULL), ==, 1);
}

static void
test_list (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (run_user_cli (fx, NULL, &out, NULL, "list", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^agent +agent +JFK +enabled$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^lead +lead +JFK +enabled$", out, G_REGEX_MULTILINE, 0));

  g_assert_cmpint (run_user_cli (fx, NULL, NULL, NULL, "disable", "lead", NULL), ==, 0);
  g_assert_cmpint (run_user_cli (fx, NULL, &after, NULL, "list", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^lead +lead +JFK +disabled$", after, G_REGEX_MULTILINE, 0));
  g_assert_cmpint (run_user_cli (fx, NULL, NULL, NULL, "disable", "nobody", NULL), ==, 1);
}

/* The revision of @id in @token's changes feed. */
static gint64
rev_of (Fixture    *fx,
        const char *token,
        const char *id)
{
  g_autoptr(PoeTestResponse) response = NULL;
  JsonArray *changes;

  response = poe_test_server_request (fx->server, "GET", "/v1/sync/changes?since=0&limit=5000", token, NULL);
  changes = json_object_get_array_member (poe_test_response_object (response), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "id"), id))
        return json_object_get_int_member (change, "rev");
    }

  g_assert_not_reached ();
}

/* As the app does it: an administrator demotes a lead and deletes an agent's staff record. */
static void
test_staff_record_follows (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *admin = NULL;
  g_autofree char *body = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *entry = g_uuid_string_random ();
  g_autofree char *create = NULL;
  g_autofree char *status = NULL;
  g_autoptr(PoeTestResponse) response = NULL;
  g_autoptr(PoeTestResponse) removed = NULL;
  const char *result;

  poe_test_server_add_user (fx->server, "admin", "admin", "JFK", PASSWORD);
  admin = poe_test_server_login (fx->server, "admin", PASSWORD, NULL);
  create = g_strdup_printf ("{\"staff_id\": \"%s\", \"start\": \"2026-11-24T11:00:00Z\","
                            " \"end\": \"2026-11-24T19:00:00Z\", \"state\": \"submitted\"}", fx->agent_id);
  g_free (push (fx, fx->agent, "time_entry", entry, create));

  body = g_strdup_printf ("{\"client_id\": \"admin-desk\", \"mutations\": [{\"mutation_id\": \"m-demote\","
                          " \"entity\": \"staff\", \"id\": \"%s\", \"op\": \"upsert\", \"base_rev\": %" G_GINT64_FORMAT ","
                          " \"fields\": {\"role\": \"agent\"}}, {\"mutation_id\": \"m-remove\", \"entity\": \"staff\","
                          " \"id\": \"%s\", \"op\": \"delete\", \"base_rev\": %" G_GINT64_FORMAT "}]}",
                          fx->lead_id, rev_of (fx, admin, fx->lead_id), fx->agent_id, rev_of (fx, admin, fx->agent_id));
  response = poe_test_server_request (fx->server, "POST", "/v1/sync/push", admin, body);
  g_assert_cmpuint (response->status, ==, 200);
  for (guint i = 0; i < 2; i++)
    {
      result = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (poe_test_response_object (response), "results"), i),
                                              "status");
      g_assert_cmpstr (result, ==, "applied");
    }

  /* The demoted lead's next approval is refused. */
  status = push (fx, fx->lead, "time_entry", entry, "{\"state\": \"approved\"}");
  g_assert_cmpstr (status, ==, "rejected");

  /* The removed agent's token, sign-in and pushes stop. */
  g_assert_cmpuint (me_status (fx, fx->agent), ==, 401);
  g_assert_cmpuint (login_status (fx, "agent", PASSWORD, &detail), ==, 401);
  g_assert_nonnull (strstr (detail, "disabled"));
  removed = poe_test_server_request (fx->server, "POST", "/v1/sync/push", fx->agent,
                                    "{\"client_id\": \"x\", \"mutations\": []}");
  g_assert_cmpuint (removed->status, ==, 401);
}

static guint
file_mode (const char *db,
           const char *suffix)
{
  g_autofree char *path = g_strconcat (db, suffix, NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 0777;
}

static void
test_database_private (Fixture       *fx,
                       gconstpointer  data)
{
  const char *db = poe_test_server_get_db (fx->server);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  /* Running, with its WAL: every file of the database is the owner's alone. */
  g_assert_cmpuint (me_status (fx, fx->agent), ==, 200);
  g_assert_cmpuint (file_mode (db, ""), ==, 0600);
  g_assert_cmpuint (file_mode (db, "-wal"), ==, 0600);
  g_assert_cmpuint (file_mode (db, "-shm"), ==, 0600);

  /* A database others can read is refused, with what to do about it. */
  poe_test_server_stop (fx->server);
  g_assert_cmpint (g_chmod (db, 0640), ==, 0);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("POE_CENTRAL"), "--listen", "127.0.0.1:0", "--db", db, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "other users"));
  g_assert_nonnull (strstr (err, "chmod 600"));
  g_assert_cmpuint (file_mode (db, ""), ==, 0640);

  g_assert_cmpint (g_chmod (db, 0600), ==, 0);
  poe_test_server_restart (fx->server);
  g_assert_cmpuint (me_status (fx, fx->lead), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/accounts/disable", test_disable_ends_everything);
  ADD ("/server/accounts/set-role", test_set_role_next_request);
  ADD ("/server/accounts/reset-password", test_reset_password);
  ADD ("/server/accounts/list", test_list);
  ADD ("/server/accounts/staff-record", test_staff_record_follows);
  ADD ("/server/accounts/database-private", test_database_private);
#undef ADD

  return g_test_run ();
}
