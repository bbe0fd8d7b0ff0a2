/* test-feed.c
 *
 * poe-central --feed against mock providers (poe-feed-mock.c) serving AeroAPI v4,
 * AeroDataBox and aviationstack fixtures of the documented shapes with synthetic flights:
 * on time, delayed, a codeshare of a booked marketing number, cancelled, diverted, landed
 * without a gate, at the gate with gate, terminal and belt, a flight the POE does not
 * expect, a second page through links.next (AeroAPI) or offset (aviationstack),
 * space-separated and local-only times (AeroDataBox), local wall times marked +00:00
 * (aviationstack).
 * Then malformed JSON, 429 with Retry-After and a refused key. Checks the flight records in
 * the changes feed, the requests the mock saw and when, GET /v1/feed, and that the key is in
 * no log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>

#include "poe-feed-mock.h"

#define KEY "synthetic-key-7Qx93Lm"

typedef struct
{
  const char   *provider;
  PoeFeedMock  *mock;
  GSubprocess  *central;
  SoupSession  *session;
  char         *dir;
  char         *db;
  char         *log;
  char         *url;
  char         *token;
} Fixture;


/*
 * Auxiliary methods
 */

static void
run_cli (Fixture            *fx,
         const char         *input,
         const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_strv_builder_add (builder, g_getenv ("POE_CENTRAL"));
  g_strv_builder_addv (builder, (const char **) args);
  g_strv_builder_add_many (builder, "--db", fx->db, NULL);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

static void
start_central (Fixture *fx)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *key_file = g_build_filename (fx->dir, "provider.key", NULL);
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_file_set_contents (key_file, KEY "\n", -1, &error);
  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, fx->log);
  fx->central = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("POE_CENTRAL"),
                                             "--listen", "127.0.0.1:0", "--db", fx->db,
                                             "--feed", fx->provider, "--feed-url", poe_feed_mock_get_url (fx->mock),
                                             "--feed-key-file", key_file, "--feed-interval", "1", NULL);
  g_assert_no_error (error);

  while (fx->url == NULL && g_get_monotonic_time () < end)
    {
      g_autofree char *text = NULL;
      const char *at;

      g_usleep (50000);
      if (g_file_get_contents (fx->log, &text, NULL, NULL) &&
          (at = strstr (text, "listening on ")) != NULL && strchr (at, '\n') != NULL)
        fx->url = g_strndup (at + strlen ("listening on "), strcspn (at + strlen ("listening on "), "\n"));
    }
  g_assert_nonnull (fx->url);
}

static JsonObject *
request (Fixture    *fx,
         const char *method,
         const char *path,
         const char *body)
{
  g_autofree char *uri = g_strconcat (fx->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (fx->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", fx->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (fx->session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  node = json_from_string (g_bytes_get_data (answer, NULL), &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (node));
}

static void
push_flight (Fixture    *fx,
             const char *number,
             int         minutes)
{
  g_autofree char *scheduled = poe_feed_mock_time (fx->mock, minutes);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *mutation = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"test\", \"mutations\": [{\"mutation_id\": \"%s\","
                                           " \"entity\": \"flight\", \"id\": \"%s\", \"op\": \"upsert\", \"base_rev\": 0,"
                                           " \"at\": \"%s\", \"fields\": {\"carrier\": \"ZZ\", \"number\": \"%s\","
                                           " \"origin\": \"IST\", \"destination\": \"JFK\", \"scheduled_arrival\": \"%s\","
                                           " \"status\": \"scheduled\"}}]}",
                                           mutation, id, scheduled, number, scheduled);
  g_autoptr(JsonObject) answer = request (fx, "POST", "/v1/sync/push", body);
  JsonObject *result = json_array_get_object_element (json_object_get_array_member (answer, "results"), 0);

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "applied");
}

/* number → the flight's data now; *cursor: the feed's position */
static GHashTable *
pull_flights (Fixture *fx,
              gint64  *cursor)
{
  GHashTable *flights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  gint64 since = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT "&limit=1000", since);
      g_autoptr(JsonObject) answer = request (fx, "GET", path, NULL);
      JsonArray *changes = json_object_get_array_member (answer, "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonObject *data = json_object_get_object_member (change, "data");

          if (g_str_equal (json_object_get_string_member (change, "entity"), "flight"))
            g_hash_table_replace (flights, g_strconcat (json_object_get_string_member (data, "carrier"),
                                                        json_object_get_string_member (data, "number"), NULL),
                                  json_object_ref (data));
        }
      since = g_ascii_strtoll (json_object_get_string_member (answer, "cursor"), NULL, 10);
      more = json_object_get_boolean_member (answer, "more");
    }

  if (cursor != NULL)
    *cursor = since;

  return flights;
}

static const char *
field (GHashTable *flights,
       const char *flight,
       const char *name)
{
  JsonObject *data = g_hash_table_lookup (flights, flight);

  g_assert_nonnull (data);

  return json_object_get_string_member_with_default (data, name, NULL);
}

static void
assert_time (Fixture    *fx,
             GHashTable *flights,
             const char *flight,
             const char *name,
             int         minutes)
{
  g_autofree char *expected = poe_feed_mock_time (fx->mock, minutes);

  g_assert_cmpstr (field (flights, flight, name), ==, expected);
}

static void
assert_no_flight_change (Fixture *fx,
                         gint64   cursor)
{
  g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%" G_GINT64_FORMAT, cursor);
  g_autoptr(JsonObject) answer = request (fx, "GET", path, NULL);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "changes")), ==, 0);
}

static Fixture *
fixture_new (const char *provider)
{
  Fixture *fx = g_new0 (Fixture, 1);
  g_autofree char *fixtures = g_build_filename (g_getenv ("POE_SOURCE_ROOT"), "tests", "server", "feed", provider, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) login = NULL;

  fx->provider = provider;
  fx->dir = g_dir_make_tmp ("poe-feed-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = g_build_filename (fx->dir, "central.sqlite", NULL);
  fx->log = g_build_filename (fx->dir, "central.log", NULL);
  fx->mock = poe_feed_mock_new (fixtures);
  fx->session = soup_session_new ();

  run_cli (fx, NULL, (const char * const[]) { "poe", "add", "JFK", "--name", "New York JFK",
                                               "--time-zone", "America/New_York", NULL });
  run_cli (fx, "admin-password-1\n", (const char * const[]) { "user", "add", "admin", "--role", "admin",
                                                               "--poe", "JFK", NULL });
  start_central (fx);
  login = request (fx, "POST", "/v1/auth/login", "{\"username\": \"admin\", \"password\": \"admin-password-1\"}");
  fx->token = g_strdup (json_object_get_string_member (login, "token"));

  return fx;
}

static void
fixture_free (Fixture *fx)
{
  g_autofree char *log = NULL;
  g_autofree char *key_file = g_build_filename (fx->dir, "provider.key", NULL);

  if (fx->central != NULL)
    {
      g_subprocess_send_signal (fx->central, SIGTERM);
      g_subprocess_wait (fx->central, NULL, NULL);
    }
  g_assert_true (g_file_get_contents (fx->log, &log, NULL, NULL));
  g_test_message ("poe-central's log:\n%s", log);
  g_assert_null (strstr (log, KEY));

  g_clear_object (&fx->central);
  g_clear_object (&fx->session);
  poe_feed_mock_free (fx->mock);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strconcat (fx->db, (const char *[]) { "", "-wal", "-shm" }[i], NULL);
      g_remove (path);
    }
  g_free (fx->db);
  g_remove (fx->log);
  g_remove (key_file);
  g_rmdir (fx->dir);
  g_free (fx->log);
  g_free (fx->dir);
  g_free (fx->url);
  g_free (fx->token);
  g_free (fx);
}

/* Polls the changes feed until @flight has @status, for at most 15 s. */
static GHashTable *
wait_status (Fixture    *fx,
             const char *flight,
             const char *status)
{
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(GHashTable) flights = pull_flights (fx, NULL);

      if (g_strcmp0 (field (flights, flight, "status"), status) == 0)
        return g_steal_pointer (&flights);
      g_usleep (100000);
    }
  g_error ("%s never became %s", flight, status);
}


/*
 * Tests
 */

static const struct { const char *number; int minutes; } booked[] = {
  { "101", 30 }, { "102", 40 }, { "103", 50 }, { "104", 60 }, { "105", 70 }, { "106", -20 }, { "107", -40 },
};

/* What every provider reports alike. */
static void
assert_common (Fixture    *fx,
               GHashTable *flights)
{
  /* on time */
  assert_time (fx, flights, "ZZ101", "estimated_arrival", 30);
  g_assert_cmpstr (field (flights, "ZZ101", "source"), ==, fx->provider);
  /* delayed with its estimate */
  g_assert_cmpstr (field (flights, "ZZ102", "status"), ==, "delayed");
  assert_time (fx, flights, "ZZ102", "estimated_arrival", 80);
  /* booked as ZZ103, operated as XX900 */
  g_assert_cmpstr (field (flights, "ZZ103", "status"), ==, "en_route");
  assert_time (fx, flights, "ZZ103", "estimated_arrival", 52);
  g_assert_cmpstr (field (flights, "ZZ104", "status"), ==, "cancelled");
  g_assert_cmpstr (field (flights, "ZZ105", "status"), ==, "diverted");
  /* landed, no gate yet */
  assert_time (fx, flights, "ZZ106", "actual_arrival", -15);
  g_assert_null (field (flights, "ZZ106", "gate"));
  g_assert_null (field (flights, "ZZ106", "gate_arrival"));
  /* at the gate */
  assert_time (fx, flights, "ZZ107", "actual_arrival", -45);
  g_assert_cmpstr (field (flights, "ZZ107", "gate"), ==, "B22");
  g_assert_cmpstr (field (flights, "ZZ107", "terminal"), ==, "4");
  g_assert_cmpstr (field (flights, "ZZ107", "belt"), ==, "5");
  /* the flight nobody expects never reaches the board */
  g_assert_false (g_hash_table_contains (flights, "QQ999"));
  g_assert_false (g_hash_table_contains (flights, "XX900"));
  g_assert_cmpuint (g_hash_table_size (flights), ==, G_N_ELEMENTS (booked));
}

static void
test_feed_aerodatabox_fixtures (void)
{
  Fixture *fx = fixture_new ("aerodatabox");
  g_autoptr(GHashTable) flights = NULL;
  g_autofree char *first = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GRegex) window = g_regex_new ("^/flights/airports/iata/JFK/20[0-9-]{8}T[0-9]{2}:[0-9]{2}/"
                                          "20[0-9-]{8}T[0-9]{2}:[0-9]{2}[?]direction=Arrival&withCodeshared=true", 0, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (booked); i++)
    push_flight (fx, booked[i].number, booked[i].minutes);

  flights = wait_status (fx, "ZZ107", "landed");
  first = poe_feed_mock_dup_request (fx->mock, 0);
  key = poe_feed_mock_dup_key (fx->mock);
  g_assert_true (g_regex_match (window, first, 0, NULL));
  g_assert_cmpstr (key, ==, KEY);
  assert_common (fx, flights);
  /* a scheduled time given only as local time with its offset */
  g_assert_cmpstr (field (flights, "ZZ101", "status"), ==, "scheduled");
  /* AeroDataBox has no in-block time: landed, with its gate and belt */
  g_assert_cmpstr (field (flights, "ZZ106", "status"), ==, "landed");
  g_assert_null (field (flights, "ZZ107", "gate_arrival"));

  fixture_free (fx);
}

static void
test_feed_aviationstack_fixtures (void)
{
  Fixture *fx = fixture_new ("aviationstack");
  g_autoptr(GHashTable) flights = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (booked); i++)
    push_flight (fx, booked[i].number, booked[i].minutes);

  /* landed is the last state aviationstack tells; its times are New York wall time with
   * "+00:00", which the checks of assert_common() catch if read as UTC */
  flights = wait_status (fx, "ZZ107", "landed");
  first = poe_feed_mock_dup_request (fx->mock, 0);
  second = poe_feed_mock_dup_request (fx->mock, 1);
  key = poe_feed_mock_dup_key (fx->mock);
  g_assert_true (g_str_has_prefix (first, "/v1/flights?access_key="));
  g_assert_nonnull (strstr (first, "&arr_iata=JFK&limit=100&offset=0"));
  g_assert_nonnull (strstr (second, "&offset=5"));
  g_assert_cmpstr (key, ==, KEY);
  assert_common (fx, flights);
  g_assert_cmpstr (field (flights, "ZZ101", "status"), ==, "en_route");
  g_assert_cmpstr (field (flights, "ZZ106", "status"), ==, "landed");

  fixture_free (fx);
}

static void
test_feed_aeroapi_fixtures (void)
{
  Fixture *fx = fixture_new ("aeroapi");
  g_autoptr(GHashTable) flights = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *key = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (booked); i++)
    push_flight (fx, booked[i].number, booked[i].minutes);

  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, 3, 15), >=, 3);
  first = poe_feed_mock_dup_request (fx->mock, 0);
  second = poe_feed_mock_dup_request (fx->mock, 1);
  third = poe_feed_mock_dup_request (fx->mock, 2);
  key = poe_feed_mock_dup_key (fx->mock);
  g_assert_true (g_str_has_prefix (first, "/airports/JFK/flights/arrivals?start="));
  g_assert_nonnull (strstr (first, "&end="));
  g_assert_true (g_str_has_prefix (second, "/airports/JFK/flights/scheduled_arrivals?start="));
  g_assert_cmpstr (third, ==, "/airports/JFK/flights/scheduled_arrivals?cursor=p2");
  g_assert_cmpstr (key, ==, KEY);

  flights = wait_status (fx, "ZZ107", "arrived");
  assert_common (fx, flights);
  g_assert_cmpstr (field (flights, "ZZ101", "status"), ==, "en_route");
  g_assert_cmpstr (field (flights, "ZZ106", "status"), ==, "landed");
  assert_time (fx, flights, "ZZ107", "gate_arrival", -38);

  fixture_free (fx);
}

static void
test_feed_aeroapi_failures (void)
{
  Fixture *fx = fixture_new ("aeroapi");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(JsonObject) status = NULL;
  gint64 cursor, limited_at;
  guint count;

  push_flight (fx, "102", 40);
  push_flight (fx, "107", -40);
  wait_status (fx, "ZZ102", "delayed");

  /* Polls with nothing new write nothing. */
  before = pull_flights (fx, &cursor);
  count = poe_feed_mock_count (fx->mock);
  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, count + 6, 15), >=, count + 6);
  assert_no_flight_change (fx, cursor);

  /* Malformed and partial JSON, a 500: nothing lost, said in plain words. */
  poe_feed_mock_set_answer (fx->mock, 200, NULL, "{\"scheduled_arrivals\": [{\"ident_iata\": \"ZZ1");
  count = poe_feed_mock_count (fx->mock);
  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, count + 2, 15), >=, count + 2);
  poe_feed_mock_set_answer (fx->mock, 500, NULL, "{}");
  count = poe_feed_mock_count (fx->mock);
  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, count + 2, 15), >=, count + 2);
  assert_no_flight_change (fx, cursor);
  status = request (fx, "GET", "/v1/feed", NULL);
  g_assert_cmpstr (json_object_get_string_member (status, "provider"), ==, "aeroapi");
  g_assert_true (json_object_get_boolean_member (status, "running"));
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_error"), "could not be read"));
  g_assert_nonnull (json_object_get_string_member (status, "last_success"));
  g_clear_pointer (&status, json_object_unref);

  /* 429: not a request before Retry-After (3 s) has passed. */
  poe_feed_mock_set_answer (fx->mock, 429, "3", "{\"title\": \"Too Many Requests\"}");
  count = poe_feed_mock_count (fx->mock);
  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, count + 1, 15), ==, count + 1);
  limited_at = poe_feed_mock_last_time (fx->mock);
  poe_feed_mock_set_answer (fx->mock, 0, NULL, NULL);
  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, count + 2, 15), >=, count + 2);
  g_assert_cmpint (poe_feed_mock_last_time (fx->mock) - limited_at, >=, 3 * G_USEC_PER_SEC - 100000);

  /* A refused key stops the feed and says so. */
  poe_feed_mock_set_answer (fx->mock, 401, NULL, "{\"title\": \"Unauthorized\"}");
  count = poe_feed_mock_count (fx->mock);
  g_assert_cmpuint (poe_feed_mock_wait_count (fx->mock, count + 1, 15), >=, count + 1);
  g_usleep (3 * G_USEC_PER_SEC);
  count = poe_feed_mock_count (fx->mock);
  g_usleep (3 * G_USEC_PER_SEC);
  g_assert_cmpuint (poe_feed_mock_count (fx->mock), ==, count);
  status = request (fx, "GET", "/v1/feed", NULL);
  g_assert_false (json_object_get_boolean_member (status, "running"));
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_error"), "refused the key"));
  g_assert_true (json_object_get_null_member (status, "next_poll"));

  /* Through all of it, every value the board had stayed. */
  after = pull_flights (fx, NULL);
  for (guint i = 0; i < 2; i++)
    {
      const char *flight = (const char *[]) { "ZZ102", "ZZ107" }[i];

      g_assert_true (json_object_equal (g_hash_table_lookup (before, flight), g_hash_table_lookup (after, flight)));
    }

  fixture_free (fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/feed/aeroapi/fixtures", test_feed_aeroapi_fixtures);
  g_test_add_func ("/server/feed/aeroapi/failures", test_feed_aeroapi_failures);
  g_test_add_func ("/server/feed/aerodatabox/fixtures", test_feed_aerodatabox_fixtures);
  g_test_add_func ("/server/feed/aviationstack/fixtures", test_feed_aviationstack_fixtures);

  return g_test_run ();
}
