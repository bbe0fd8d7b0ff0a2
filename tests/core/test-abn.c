/* test-abn.c
 *
 * The ABN check the app previews and the server imports (poe_abn_check()): the example file
 * counts its cases, persons, segments and new flights; a file with several bad rows lists
 * each with its line, in order; a case already known is a problem of its line; files that
 * are not an ABN at all (binary, empty, JSON that is not an array, unknown columns) are
 * refused as a whole with words a user can act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-core.h"

#define HEADER "case_number,poe,branch,surname,sex,date_of_birth\n"


/*
 * Auxiliary methods
 */

static GPtrArray *
find_nothing (const char *entity,
              const char *field,
              const char *value,
              gpointer    user_data)
{
  return NULL;
}

/* Knows one case: SYN-9001. */
static GPtrArray *
find_known_case (const char *entity,
                 const char *field,
                 const char *value,
                 gpointer    user_data)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_str_equal (entity, "case") && g_str_equal (value, "SYN-9001"))
    {
      PoeRecord *kase = poe_record_new ("case");

      poe_record_set_string (kase, "case_number", value);
      g_ptr_array_add (found, kase);
    }

  return found;
}

static PoeAbnCheck *
check_text (const char      *text,
            const char      *name,
            PoeAbnFindFunc   find,
            GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return poe_abn_check (bytes, name, find, NULL, error);
}


/*
 * Tests
 */

static void
test_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "abn-example.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PoeAbnCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new (contents, length);
  check = poe_abn_check (bytes, "abn-example.csv", find_nothing, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (check->problems->len, ==, 0);
  g_assert_null (check->first_error);
  g_assert_false (check->is_json);
  g_assert_cmpuint (check->n_rows, ==, 5);
  g_assert_cmpuint (check->counts.n_cases, ==, 3);
  g_assert_cmpuint (check->counts.n_persons, ==, 5);
  g_assert_cmpuint (check->counts.n_flights, ==, 2);
  g_assert_cmpuint (check->records->len, ==, 3 + 5 + 2 + check->counts.n_segments);
}

static void
test_every_bad_line (void)
{
  g_autoptr(PoeAbnCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = check_text (HEADER
                      "SYN-1,JFK,final,Samplewood,f,1990-01-01\n"
                      "SYN-1,JFK,final,Samplewood,q,1990-01-01\n"
                      "SYN-2,JFK,final,Exampleton,m,1990-02-30\n"
                      "SYN-3,JFK,final,Testwright,m,2001-05-05\n",
                      "day.csv", find_nothing, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (check->n_rows, ==, 4);
  g_assert_cmpuint (check->problems->len, ==, 2);
  g_assert_true (g_str_has_prefix (check->problems->pdata[0], "line 3: sex"));
  g_assert_true (g_str_has_prefix (check->problems->pdata[1], "line 4: date_of_birth"));
  /* Personal values are never quoted. */
  g_assert_null (strstr (check->problems->pdata[1], "1990-02-30"));
  g_assert_error (check->first_error, POE_IMPORT_ERROR, POE_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (check->records->len, ==, 0);
}

static void
test_known_case (void)
{
  g_autoptr(PoeAbnCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = check_text ("[{\"case_number\": \"SYN-9001\", \"poe\": \"JFK\", \"branch\": \"final\","
                      " \"surname\": \"Samplewood\"},"
                      " {\"case_number\": \"SYN-9002\", \"poe\": \"JFK\", \"branch\": \"final\","
                      " \"surname\": \"Samplewood\"}]",
                      NULL, find_known_case, &error);

  g_assert_no_error (error);
  g_assert_true (check->is_json);
  g_assert_cmpuint (check->problems->len, ==, 1);
  g_assert_cmpstr (check->problems->pdata[0], ==,
                   "record 1: case SYN-9001 is already on the server; leave its rows out");
  g_assert_error (check->first_error, POE_IMPORT_ERROR, POE_IMPORT_ERROR_DUPLICATE);
}

static void
test_not_an_abn (void)
{
  static const struct
  {
    const char *text;
    gsize       length;
    const char *name;
    int         code;
  } files[] = {
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "photo.csv", POE_IMPORT_ERROR_ENCODING },
    { "", 0, "empty.csv", POE_IMPORT_ERROR_EMPTY },
    /* 0: up to the NUL */
    { HEADER, 0, "header-only.csv", POE_IMPORT_ERROR_EMPTY },
    { "{\"case_number\": \"SYN-1\"}", 0, "object.json", POE_IMPORT_ERROR_SYNTAX },
    { "[{\"case_number\": ", 0, "cut.json", POE_IMPORT_ERROR_SYNTAX },
    { "name,phone\nA,1\n", 0, "contacts.csv", POE_IMPORT_ERROR_COLUMNS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      gsize length = files[i].length ? files[i].length : strlen (files[i].text);
      g_autoptr(GBytes) bytes = g_bytes_new (files[i].text, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(PoeAbnCheck) check = poe_abn_check (bytes, files[i].name, find_nothing, NULL, &error);

      g_test_message ("%s: %s", files[i].name, error ? error->message : "(accepted)");
      g_assert_null (check);
      g_assert_error (error, POE_IMPORT_ERROR, files[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/abn/example", test_example);
  g_test_add_func ("/core/abn/every-bad-line", test_every_bad_line);
  g_test_add_func ("/core/abn/known-case", test_known_case);
  g_test_add_func ("/core/abn/not-an-abn", test_not_an_abn);

  return g_test_run ();
}
