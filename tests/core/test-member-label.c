/* test-member-label.c
 *
 * Telling a family's members apart: the label of a member (initials or name, relationship,
 * sex, age at the POE's today, months under two), three members with the same initials
 * reading differently; and languages by name from the iso-codes table, translated codes of
 * both lengths, and the code itself when the table does not know it or is missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"


/*
 * Auxiliary methods
 */

static PoeRecord *
new_person (const char *given,
            const char *sex,
            const char *date_of_birth,
            const char *relationship)
{
  PoeRecord *person = poe_record_new ("person");

  poe_record_set_string (person, "surname", "Samplewood");
  poe_record_set_string (person, "given_names", given);
  poe_record_set_string (person, "sex", sex);
  poe_record_set_string (person, "date_of_birth", date_of_birth);
  poe_record_set_string (person, "relationship", relationship);

  return person;
}


/*
 * Tests
 */

static void
test_label (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) today = g_date_time_new (zone, 2026, 11, 24, 9, 0, 0);
  g_autoptr(PoeRecord) head = new_person ("Bashir", "m", "1990-11-25", "PA");
  g_autoptr(PoeRecord) spouse = new_person ("Bibi", "f", "1992-11-24", "SP");
  g_autoptr(PoeRecord) baby = new_person ("Bilal", "m", "2025-03-30", "CH");
  g_autofree char *head_label = poe_family_dup_member_label (head, FALSE, today);
  g_autofree char *spouse_label = poe_family_dup_member_label (spouse, FALSE, today);
  g_autofree char *baby_label = poe_family_dup_member_label (baby, FALSE, today);
  g_autofree char *named = poe_family_dup_member_label (spouse, TRUE, today);
  g_autofree char *no_age = poe_family_dup_member_label (spouse, FALSE, NULL);

  /* The birthday is tomorrow at the POE: still 35. */
  g_assert_cmpstr (head_label, ==, "B. S. · Principal applicant · M, 35");
  /* The birthday is today: 34. */
  g_assert_cmpstr (spouse_label, ==, "B. S. · Spouse · F, 34");
  g_assert_cmpstr (baby_label, ==, "B. S. · Child · M, 19 mo");
  g_assert_cmpstr (named, ==, "Bibi Samplewood · Spouse · F, 34");
  g_assert_cmpstr (no_age, ==, "B. S. · Spouse · F");
}

static void
test_age (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) today = g_date_time_new (zone, 2026, 3, 1, 0, 30, 0);

  g_assert_cmpint (poe_family_age_in_months ("2026-03-01", today), ==, 0);
  g_assert_cmpint (poe_family_age_in_months ("2026-02-28", today), ==, 0);
  g_assert_cmpint (poe_family_age_in_months ("2026-01-31", today), ==, 1);
  g_assert_cmpint (poe_family_age_in_months ("2000-03-01", today), ==, 26 * 12);
  g_assert_cmpint (poe_family_age_in_months ("2026-03-02", today), ==, -1);
  g_assert_cmpint (poe_family_age_in_months ("2026-02-30", today), ==, -1);
  g_assert_cmpint (poe_family_age_in_months ("2026-03-01T00:00", today), ==, -1);
  g_assert_cmpint (poe_family_age_in_months (NULL, today), ==, -1);
}

static void
test_missing_facts (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  g_autoptr(PoeRecord) bare = poe_record_new ("person");
  g_autoptr(PoeRecord) unknown = new_person ("Ada", "x", "not a date", "godparent");
  g_autofree char *bare_label = NULL;
  g_autofree char *unknown_label = NULL;

  poe_record_set_string (bare, "surname", "Samplewood");
  bare_label = poe_family_dup_member_label (bare, FALSE, today);
  unknown_label = poe_family_dup_member_label (unknown, FALSE, today);

  g_assert_cmpstr (bare_label, ==, "S.");
  g_assert_cmpstr (unknown_label, ==, "A. S. · godparent · X");
}

static void
test_alike (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  PoeRecord *members[] = {
    new_person ("Bashir", "m", "1980-01-01", "PA"),
    new_person ("Bibi", "f", "1984-06-01", "SP"),
    new_person ("Baran", "f", "2012-06-01", "CH"),
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      char *label = poe_family_dup_member_label (members[i], FALSE, today);

      g_assert_true (g_str_has_prefix (label, "B. S. · "));
      g_assert_true (g_hash_table_add (seen, label));
      g_object_unref (members[i]);
    }
}

static void
test_language_names (void)
{
  const char * const codes[] = { "prs", "rhg", "ps", "AR", "zz9", NULL };
  g_autofree char *names = NULL;
  g_autofree char *none = poe_language_dup_names (NULL);

  poe_language_set_table_for_testing (NULL);
  names = poe_language_dup_names (codes);

  g_assert_cmpstr (poe_language_get_name ("prs"), ==, "Dari");
  g_assert_cmpstr (poe_language_get_name ("rhg"), ==, "Rohingya");
  g_assert_cmpstr (poe_language_get_name ("sw"), ==, "Swahili");
  g_assert_cmpstr (names, ==, "Dari, Rohingya, Pushto, Arabic, zz9");
  g_assert_cmpstr (none, ==, "");
  g_assert_null (poe_language_get_name (NULL));
}

static void
test_language_missing_table (void)
{
  g_autofree char *dir = g_dir_make_tmp ("poe-language-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);

  g_assert_true (g_file_set_contents (bad, "{\"639-2\": []}", -1, NULL));

  poe_language_set_table_for_testing ("/nonexistent/iso_639-3.json");
  g_assert_cmpstr (poe_language_get_name ("prs"), ==, "prs");

  poe_language_set_table_for_testing (bad);
  g_assert_cmpstr (poe_language_get_name ("rhg"), ==, "rhg");

  poe_language_set_table_for_testing (NULL);
  g_assert_cmpstr (poe_language_get_name ("rhg"), ==, "Rohingya");

  g_unlink (bad);
  g_rmdir (dir);
}


static PoeRecord *
new_staff (PoeStore           *store,
           const char         *name,
           const char * const *languages)
{
  PoeRecord *staff = poe_record_new ("staff");
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GError) error = NULL;

  poe_record_set_id (staff, id);
  poe_record_set_string (staff, "username", id);
  poe_record_set_string (staff, "display_name", name);
  poe_record_set_string (staff, "role", "agent");
  poe_record_set_string (staff, "poe", "JFK");
  poe_record_set_strv (staff, "languages", languages);
  g_assert_true (poe_store_import (store, staff, &error));
  g_assert_no_error (error);
  return staff;
}

static void
add_shift (PoeStore   *store,
           PoeRecord  *staff,
           const char *poe,
           int         start_hour,
           int         end_hour)
{
  g_autoptr(PoeRecord) shift = poe_record_new ("shift");
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 24, start_hour, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 11, 24, end_hour, 0, 0);
  g_autoptr(GError) error = NULL;

  poe_record_set_id (shift, id);
  poe_record_set_string (shift, "poe", poe);
  poe_record_set_string (shift, "staff_id", poe_record_get_id (staff));
  poe_record_set_time (shift, "planned_start", start);
  poe_record_set_time (shift, "planned_end", end);
  g_assert_true (poe_store_import (store, shift, &error));
  g_assert_no_error (error);
}

/* A Rohingya family: nobody on shift at JFK speaks it (the Rohingya speaker's shift is
 * over, another works at LAX); a Dari family is covered by the Dari speaker on shift. */
static void
test_interpreters (void)
{
  static const char * const dari_en[] = { "en", "prs", NULL };
  static const char * const rohingya[] = { "rhg", NULL };
  static const char * const dari[] = { "prs", "ps", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-interpreters-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(PoeStore) store = poe_store_open (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 15, 0, 0);
  g_autoptr(PoeRecord) casey = new_staff (store, "Casey", dari_en);
  g_autoptr(PoeRecord) early = new_staff (store, "Early", rohingya);
  g_autoptr(PoeRecord) west = new_staff (store, "West", rohingya);
  g_autoptr(PoeRecord) person = new_person ("Noor", "f", "1990-01-01", "PA");
  g_autoptr(GPtrArray) family = g_ptr_array_new ();
  PoeInterpreterCover cover;

  g_assert_no_error (error);
  add_shift (store, casey, "JFK", 12, 20);
  add_shift (store, early, "JFK", 6, 14);
  add_shift (store, west, "LAX", 12, 20);
  g_ptr_array_add (family, person);

  poe_record_set_strv (person, "languages", rohingya);
  g_assert_true (poe_interpreter_cover_compute (store, family, "JFK", now, &cover, &error));
  g_assert_no_error (error);
  g_assert_true (cover.needed);
  g_assert_cmpstr (cover.languages[0], ==, "rhg");
  g_assert_null (cover.speakers[0]);
  poe_interpreter_cover_clear (&cover);

  poe_record_set_strv (person, "languages", dari);
  g_assert_true (poe_interpreter_cover_compute (store, family, "JFK", now, &cover, &error));
  g_assert_false (cover.needed);
  g_assert_cmpstr (cover.speakers[0], ==, "Casey (Dari)");
  g_assert_null (cover.speakers[1]);
  poe_interpreter_cover_clear (&cover);

  g_clear_object (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/family/member-label/label", test_label);
  g_test_add_func ("/core/family/member-label/age", test_age);
  g_test_add_func ("/core/family/member-label/missing-facts", test_missing_facts);
  g_test_add_func ("/core/family/member-label/alike", test_alike);
  g_test_add_func ("/core/family/language/names", test_language_names);
  g_test_add_func ("/core/family/language/missing-table", test_language_missing_table);
  g_test_add_func ("/core/family/interpreters/on-shift", test_interpreters);

  return g_test_run ();
}
