/* test-server-import.c
 *
 * POST /v1/import/abn against the real poe-central (tests/common/poe-test-server.c; every
 * answer is checked against data/api/openapi.yaml): a lead imports the example file of
 * docs/import-abn.md and its cases reach the changes feed; an agent is refused; a lead of
 * another POE is refused; a file with a bad row, the same file twice, and a body without the
 * file are refused with their reason, and nothing of them is written.
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
  PoeTestServer *server;
  char          *lead;
  char          *agent;
  char          *lead_lax;
} Fixture;


/*
 * Auxiliary methods
 */

static char *
add_user (PoeTestServer *server,
          const char    *username,
          const char    *role,
          const char    *poe)
{
  poe_test_server_add_user (server, username, role, poe, PASSWORD);
  return poe_test_server_login (server, username, PASSWORD, NULL);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->server = poe_test_server_new (NULL);
  fx->lead = add_user (fx->server, "lead", "lead", "JFK");
  fx->agent = add_user (fx->server, "agent", "agent", "JFK");
  fx->lead_lax = add_user (fx->server, "leadlax", "lead", "LAX");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_free (fx->lead);
  g_free (fx->agent);
  g_free (fx->lead_lax);
  poe_test_server_free (fx->server);
}

static char *
import_body (const char *name,
             const char *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static char *
example_body (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("POE_SOURCE_ROOT"), "data", "demo", "abn-example.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return import_body ("abn-example.csv", text);
}

static PoeTestResponse *
post_import (Fixture    *fx,
             const char *token,
             const char *body)
{
  return poe_test_server_request (fx->server, "POST", "/v1/import/abn", token, body);
}

static void
assert_problem (PoeTestResponse *response,
                guint            status,
                const char      *slug,
                const char      *in_detail)
{
  g_autofree char *type = g_strconcat (PROBLEM, slug, NULL);
  JsonObject *problem;

  g_assert_cmpuint (response->status, ==, status);
  problem = poe_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, type);
  if (in_detail != NULL)
    g_assert_nonnull (strstr (json_object_get_string_member (problem, "detail"), in_detail));
}

/* The cases the lead's changes feed holds. */
static guint
count_cases (Fixture *fx)
{
  g_autoptr(PoeTestResponse) response = NULL;
  JsonArray *changes;
  guint n = 0;

  response = poe_test_server_request (fx->server, "GET", "/v1/sync/changes?since=0&limit=5000", fx->lead, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  changes = json_object_get_array_member (poe_test_response_object (response), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      n += g_str_equal (json_object_get_string_member (change, "entity"), "case");
    }

  return n;
}


/*
 * Tests
 */

static void
test_lead_imports (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *body = example_body ();
  g_autoptr(PoeTestResponse) response = post_import (fx, fx->lead, body);
  g_autoptr(PoeTestResponse) again = NULL;
  JsonObject *imported;

  g_assert_cmpuint (response->status, ==, 200);
  imported = json_object_get_object_member (poe_test_response_object (response), "imported");
  g_assert_cmpint (json_object_get_int_member (imported, "cases"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (imported, "persons"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (imported, "flights"), ==, 2);
  g_assert_cmpuint (count_cases (fx), ==, 3);

  /* An import only adds new cases: the same file again is refused, whole. */
  again = post_import (fx, fx->lead, body);
  assert_problem (again, 422, "invalid-abn", "is already on the server");
  g_assert_cmpuint (count_cases (fx), ==, 3);
}

static void
test_refused (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *body = example_body ();
  g_autofree char *bad = import_body ("day.csv", "case_number,poe,branch,surname,sex\n"
                                                 "SYN-1,JFK,final,Samplewood,f\n"
                                                 "SYN-2,JFK,final,Exampleton,q\n");
  g_autoptr(PoeTestResponse) agent = post_import (fx, fx->agent, body);
  g_autoptr(PoeTestResponse) other_poe = post_import (fx, fx->lead_lax, body);
  g_autoptr(PoeTestResponse) bad_row = post_import (fx, fx->lead, bad);
  g_autoptr(PoeTestResponse) no_file = post_import (fx, fx->lead, "{\"name\": \"day.csv\"}");
  g_autoptr(PoeTestResponse) garbage = NULL;

  garbage = post_import (fx, fx->lead, "{\"name\": \"photo.json\", \"content\": \"\\u0001PNG not an ABN\"}");

  assert_problem (agent, 403, "forbidden", "shift lead");
  assert_problem (other_poe, 403, "forbidden", "LAX");
  assert_problem (bad_row, 422, "invalid-abn", "line 3: sex");
  assert_problem (no_file, 400, "invalid-request", "content");
  assert_problem (garbage, 422, "invalid-abn", NULL);
  g_assert_cmpuint (count_cases (fx), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/import-abn/lead-imports", Fixture, NULL, fixture_set_up, test_lead_imports, fixture_tear_down);
  g_test_add ("/server/import-abn/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
