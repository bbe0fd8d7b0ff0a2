/* test-import-abn.c
 *
 * poe-central import-abn FILE --db PATH, run as the real binary ($POE_CENTRAL) on temporary
 * files: the example file of data/demo imports; CSV quoting, line breaks, CRLF, a byte order
 * mark and UTF-8 survive; JSON works too; every kind of bad file fails with its line and the
 * reason and leaves nothing of itself in the database; imported records reach the sync feed
 * of a running server. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "poe-test-server.h"

#define PASSWORD "synthetic-pass-1"

#define HEADER \
  "case_number,poe,branch,sensitivity,inbound_carrier,inbound_number,inbound_origin," \
  "inbound_scheduled_arrival,surname,given_names,sex,date_of_birth,languages,ssr_codes\n"
#define GOOD_ROW \
  "SYN-2001,JFK,final,none,QR,701,DOH,2026-11-24T14:05:00Z,Testperson,Ann,f,1990-01-01,ps;en,\n"

typedef struct
{
  char *dir;
  char *db;
  char *file;
} Fixture;

typedef struct
{
  gint64 cases;
  gint64 persons;
  gint64 segments;
  gint64 flights;
  gint64 changes;
} Counts;

/* Auxiliary methods */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("test-import-abn-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = g_build_filename (fx->dir, "central.db", NULL);
  fx->file = g_build_filename (fx->dir, "abn.csv", NULL);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
  g_free (fx->file);
}

static char *
example_path (void)
{
  const char *root = g_getenv ("POE_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "demo", "abn-example.csv", NULL);
}

/* Runs the import; returns the exit status, with standard output and error. */
static int
run_import (const char  *db,
            const char  *file,
            char       **out,
            char       **err)
{
  g_autoptr(GError) error = NULL;
  const char *central = g_getenv ("POE_CENTRAL");
  const char *argv[] = { central, "import-abn", file, "--db", db, NULL };
  g_autofree char *local_out = NULL;
  int status = 0;

  /* Always captured: the child's output must not mix with the TAP stream. */
  g_assert_nonnull (central);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out != NULL ? out : &local_out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static gint64
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static Counts
count_all (const char *db)
{
  return (Counts) {
    query_int (db, "SELECT count(*) FROM rec_case"),
    query_int (db, "SELECT count(*) FROM rec_person"),
    query_int (db, "SELECT count(*) FROM rec_segment"),
    query_int (db, "SELECT count(*) FROM rec_flight"),
    query_int (db, "SELECT count(*) FROM change_log"),
  };
}

static void
import_example (Fixture *fx)
{
  g_autofree char *example = example_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_import (fx->db, example, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "poe-central: imported cases: 3, persons: 5, segments: 5, new flights: 2\n");
}

/* Tests */

static void
test_example (Fixture       *fx,
              gconstpointer  data)
{
  Counts counts;

  import_example (fx);
  counts = count_all (fx->db);
  g_assert_cmpint (counts.cases, ==, 3);
  g_assert_cmpint (counts.persons, ==, 5);
  g_assert_cmpint (counts.segments, ==, 5);
  g_assert_cmpint (counts.flights, ==, 2);
  /* Each record is a change of the feed, with that change as its rev. */
  g_assert_cmpint (counts.changes, ==, 15);
  g_assert_cmpint (query_int (fx->db, "SELECT count(*) FROM rec_person p JOIN change_log c "
                                      "ON c.entity = 'person' AND c.id = p.id AND c.seq = p.rev"),
                   ==, 5);
  /* Persons point at their case, cases at their flight, the shared flight once. */
  g_assert_cmpint (query_int (fx->db, "SELECT count(*) FROM rec_person p JOIN rec_case c ON "
                                      "json_extract (p.data, '$.case_id') = c.id "
                                      "WHERE json_extract (c.data, '$.case_number') = 'SYN-1001'"),
                   ==, 3);
  g_assert_cmpint (query_int (fx->db, "SELECT count(DISTINCT json_extract (data, '$.inbound_flight_id'))"
                                      " FROM rec_case"), ==, 2);
  g_assert_cmpint (query_int (fx->db, "SELECT count(*) FROM rec_segment WHERE "
                                      "json_extract (data, '$.leg') = 'domestic_connection'"), ==, 2);

  /* The same file again: its cases are already there, so nothing is written. */
  {
    g_autofree char *example = example_path ();
    g_autofree char *err = NULL;

    g_assert_cmpint (run_import (fx->db, example, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "line 2: case SYN-1001 is already on the server"));
    g_assert_cmpint (count_all (fx->db).changes, ==, 15);
  }
}

static void
test_csv_syntax (Fixture       *fx,
                 gconstpointer  data)
{
  static const char file[] =
    "\xef\xbb\xbf" "case_number,poe,branch,ra_contact,final_destination,surname,given_names\r\n"
    "SYN-3001,JFK,final,\"Desk A, then desk B\",\"Line one\r\nLine two\",Testperson,\"Ann \"\"Annie\"\"\"\r\n"
    "\r\n"
    "SYN-3001 , JFK ,final,\"Desk A, then desk B\",\"Line one\nLine two\",Exampleton,Zoë Ürsula\r\n";
  g_autofree char *contact = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *accented = NULL;
  g_autofree char *err = NULL;

  write_file (fx->file, file, -1);
  g_assert_cmpint (run_import (fx->db, fx->file, NULL, &err), ==, 0);
  g_assert_cmpint (count_all (fx->db).cases, ==, 1);
  g_assert_cmpint (count_all (fx->db).persons, ==, 2);
  contact = query_text (fx->db, "SELECT json_extract (data, '$.ra_contact') FROM rec_case");
  g_assert_cmpstr (contact, ==, "Desk A, then desk B");
  destination = query_text (fx->db, "SELECT json_extract (data, '$.final_destination') FROM rec_case");
  g_assert_cmpstr (destination, ==, "Line one\nLine two");
  quoted = query_text (fx->db, "SELECT json_extract (data, '$.given_names') FROM rec_person "
                               "WHERE json_extract (data, '$.surname') = 'Testperson'");
  g_assert_cmpstr (quoted, ==, "Ann \"Annie\"");
  accented = query_text (fx->db, "SELECT json_extract (data, '$.given_names') FROM rec_person "
                                 "WHERE json_extract (data, '$.surname') = 'Exampleton'");
  g_assert_cmpstr (accented, ==, "Zoë Ürsula");
}

static void
test_json (Fixture       *fx,
           gconstpointer  data)
{
  static const char file[] =
    "[\n"
    "  {\"case_number\": \"SYN-4001\", \"poe\": \"JFK\", \"branch\": \"overnight\",\n"
    "   \"inbound_carrier\": \"QR\", \"inbound_number\": \"701\", \"inbound_origin\": \"DOH\",\n"
    "   \"inbound_scheduled_arrival\": \"2026-11-24T14:05:00Z\",\n"
    "   \"surname\": \"Samplewood\", \"given_names\": \"Ada\", \"languages\": [\"ps\", \"en\"],\n"
    "   \"ssr_codes\": [\"WCHR\"], \"a_number\": null},\n"
    "  {\"case_number\": \"SYN-4001\", \"poe\": \"JFK\", \"branch\": \"overnight\",\n"
    "   \"inbound_carrier\": \"QR\", \"inbound_number\": \"701\", \"inbound_origin\": \"DOH\",\n"
    "   \"inbound_scheduled_arrival\": \"2026-11-24T14:05:00Z\",\n"
    "   \"surname\": \"Samplewood\", \"given_names\": \"Ben\", \"sex\": \"m\"}\n"
    "]\n";
  g_autofree char *path = g_build_filename (fx->dir, "abn.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *languages = NULL;

  /* The example's flight is on the server already: the JSON file's case uses it. */
  import_example (fx);
  write_file (path, file, -1);
  g_assert_cmpint (run_import (fx->db, path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "poe-central: imported cases: 1, persons: 2, segments: 1, new flights: 0\n");
  g_assert_cmpint (count_all (fx->db).flights, ==, 2);
  languages = query_text (fx->db, "SELECT json_extract (data, '$.languages') FROM rec_person "
                                  "WHERE json_extract (data, '$.given_names') = 'Ada'");
  g_assert_cmpstr (languages, ==, "[\"ps\",\"en\"]");
}

typedef struct
{
  const char *name;
  const char *contents;
  gssize      length;
  const char *message;   /* in standard error */
  const char *hidden;    /* personal data that must not be in it; NULL: none */
} BadFile;

static const BadFile bad_files[] = {
  { "empty.csv", "", 0, "line 1: the file is empty" },
  { "header-only.csv", HEADER, -1, "line 1: the file names its columns but holds no rows" },
  { "garbage.csv", "\x01\x02 GIF89a; not a table at all\n\x03\x04\n", -1,
    "line 1: there is no column called" },
  { "unclosed-quote.csv", HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,\"Testperson,Ann\n", -1,
    "line 3: a quoted field is not closed" },
  { "stray-quote.csv", HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,Test\"person,Ann,f,,,\n", -1,
    "line 3: a field holds a quote" },
  { "short-row.csv", HEADER GOOD_ROW "SYN-2002,JFK,final\n", -1,
    "line 3: the row has 3 fields, but the first line names 14 columns" },
  { "bad-date.csv",
    HEADER GOOD_ROW "SYN-2001,JFK,final,none,QR,701,DOH,2026-11-24T14:05:00Z,Testperson,Ben,m,2023-02-30,ps,\n",
    -1, "line 3: date_of_birth is not a date", "2023-02-30" },
  { "bad-time.csv",
    HEADER GOOD_ROW "SYN-2002,JFK,final,none,QR,701,DOH,2026-11-24 14:05,Testperson,Ben,m,,,\n",
    -1, "line 3: inbound_scheduled_arrival “2026-11-24 14:05” is not a UTC time" },
  { "unknown-enum.csv",
    HEADER GOOD_ROW "SYN-2002,JFK,conect,none,,,,,Testperson,Ben,m,,,\n",
    -1, "line 3: branch “conect” is not one of connect, overnight, final" },
  { "unknown-list-item.csv",
    HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,Testperson,Ben,m,,,WCHR;XXXX\n",
    -1, "line 3: ssr_codes: “XXXX” is not one of WCHR" },
  { "missing-surname.csv",
    HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,,Ben,m,,,\n",
    -1, "line 3: surname is empty; every row needs it" },
  { "connect-without-connection.csv",
    HEADER GOOD_ROW "SYN-2002,JFK,connect,none,,,,,Testperson,Ben,m,,,\n",
    -1, "line 3: branch is connect, but the connection_ columns are empty" },
  { "half-a-flight.csv",
    HEADER GOOD_ROW "SYN-2002,JFK,final,none,QR,701,,2026-11-24T14:05:00Z,Testperson,Ben,m,,,\n",
    -1, "line 3: inbound_origin is empty, but other columns of its flight are given" },
  { "rows-disagree.csv",
    HEADER GOOD_ROW "SYN-2001,LAX,final,none,QR,701,DOH,2026-11-24T14:05:00Z,Testperson,Ben,m,,,\n",
    -1, "line 3: poe differs from line 2, the first row of case SYN-2001" },
  { "unknown-column.csv", "case_number,poe,branch,surname,shoe_size\nSYN-2002,JFK,final,Testperson,42\n",
    -1, "line 1: there is no column called “shoe_size”" },
  { "missing-column.csv", "case_number,poe,surname\nSYN-2002,JFK,Testperson\n", -1,
    "line 1: the column “branch” is missing" },
  { "invalid-utf8.csv", HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,Test\xffperson,Ben,m,,,\n", -1,
    "line 3: the text is not valid UTF-8" },
  { "overlong-utf8.csv", HEADER GOOD_ROW GOOD_ROW "SYN-2002,JFK,final,none,,,,,Test\xc0\xafperson,Ben,m,,,\n",
    -1, "line 4: the text is not valid UTF-8" },
  { "nul-byte.csv", HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,Test\0person,Ben,m,,,\n",
    sizeof (HEADER GOOD_ROW "SYN-2002,JFK,final,none,,,,,Test\0person,Ben,m,,,\n") - 1,
    "line 3: the text is not valid UTF-8" },
  { "bad-record.json",
    "[{\"case_number\": \"SYN-2003\", \"poe\": \"JFK\", \"branch\": \"final\", \"surname\": \"Testperson\"},"
    " {\"case_number\": \"SYN-2004\", \"poe\": \"JFK\", \"branch\": \"final\", \"surname\": \"Testperson\","
    " \"sex\": \"q\"}]", -1, "record 2: sex “q” is not one of f, m, x" },
  { "number.json",
    "[{\"case_number\": \"SYN-2003\", \"poe\": \"JFK\", \"branch\": \"final\", \"surname\": 7}]", -1,
    "record 1: “surname” must be a text, a list of texts or null" },
  { "broken.json", "[{\"case_number\": \"SYN-2003\",", -1, "the file is not valid JSON" },
  { "empty.json", "[]", -1, "record 1: the file holds no records" },
};

static void
test_bad_files (Fixture       *fx,
                gconstpointer  data)
{
  Counts before;

  /* A database with data already, so "nothing from that file" means something. */
  import_example (fx);
  before = count_all (fx->db);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_build_filename (fx->dir, bad_files[i].name, NULL);
      g_autofree char *err = NULL;
      Counts after;

      g_test_message ("%s", bad_files[i].name);
      write_file (path, bad_files[i].contents, bad_files[i].length);
      g_assert_cmpint (run_import (fx->db, path, NULL, &err), ==, 1);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, bad_files[i].message));
      g_assert_nonnull (strstr (err, "nothing was imported"));
      if (bad_files[i].hidden != NULL)
        g_assert_null (strstr (err, bad_files[i].hidden));

      after = count_all (fx->db);
      g_assert_cmpint (after.cases, ==, before.cases);
      g_assert_cmpint (after.persons, ==, before.persons);
      g_assert_cmpint (after.segments, ==, before.segments);
      g_assert_cmpint (after.flights, ==, before.flights);
      g_assert_cmpint (after.changes, ==, before.changes);
    }
}

/* JSON nested 75,000 deep, and an escaped NUL, are refused with a reason (issue 16, row 1):
 * json-glib alone overflowed its stack on the first and cut the text at the second. */
static void
test_json_guard (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *deep = g_malloc (75000);
  g_autofree char *deep_path = g_build_filename (fx->dir, "deep.json", NULL);
  g_autofree char *nul_path = g_build_filename (fx->dir, "nul.json", NULL);
  g_autofree char *err = NULL;

  memset (deep, '[', 75000);
  write_file (deep_path, deep, 75000);
  g_assert_cmpint (run_import (fx->db, deep_path, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "the file is not valid JSON: the JSON nests deeper than 64 levels"));

  g_clear_pointer (&err, g_free);
  write_file (nul_path, "[{\"case_number\": \"SYN-2003\", \"poe\": \"JFK\", \"branch\": \"final\","
              " \"surname\": \"Test\\u0000person\"}]", -1);
  g_assert_cmpint (run_import (fx->db, nul_path, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "surname: the text holds a NUL character"));
}

static void
test_usage (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("POE_CENTRAL"), "import-abn", "abn.csv", NULL };
  g_autofree char *err = NULL;
  g_autofree char *missing = g_build_filename (fx->dir, "missing.csv", NULL);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "--db PATH"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_import (fx->db, missing, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "missing.csv"));
}

/* The records reach the sync feed of a server running on the same database. */
static void
test_feed (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(PoeTestServer) server = poe_test_server_new (NULL);
  g_autoptr(PoeTestResponse) response = NULL;
  g_autofree char *example = example_path ();
  g_autofree char *token = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) entities = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *changes;
  guint n_cases = 0, n_persons = 0;

  poe_test_server_add_user (server, "supervisor", "supervisor", "JFK", PASSWORD);
  token = poe_test_server_login (server, "supervisor", PASSWORD, NULL);
  g_assert_cmpint (run_import (poe_test_server_get_db (server), example, NULL, &err), ==, 0);

  response = poe_test_server_request (server, "GET", "/v1/sync/changes?since=0&limit=500",
                                      token, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  changes = json_object_get_array_member (poe_test_response_object (response), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *entity = json_object_get_string_member (change, "entity");

      g_assert_cmpint (json_object_get_int_member (change, "rev"), >, 0);
      n_cases += g_str_equal (entity, "case");
      n_persons += g_str_equal (entity, "person");
    }
  g_assert_cmpuint (n_cases, ==, 3);
  g_assert_cmpuint (n_persons, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/server/import-abn/example", test_example);
  ADD ("/server/import-abn/csv-syntax", test_csv_syntax);
  ADD ("/server/import-abn/json", test_json);
  ADD ("/server/import-abn/bad-files", test_bad_files);
  ADD ("/server/import-abn/json-guard", test_json_guard);
  ADD ("/server/import-abn/usage", test_usage);
  ADD ("/server/import-abn/feed", test_feed);
#undef ADD

  return g_test_run ();
}
