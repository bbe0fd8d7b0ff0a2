/* test-changes.c
 *
 * Pending changes and conflicts say what they are about: the sync popover's list and the
 * conflicts inbox name the family (case number and initials, never a name) and, for a
 * checklist step, the step's label and the member of a per-person step. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "poe-checklist.h"
#include "poe-test-utils.h"
#include "sync/poe-conflicts-window.h"
#include "sync/poe-sync-status.h"

#define WAIT_MS 3000

typedef struct
{
  char      *dir;
  char      *path;
  PoeStore  *store;
  PoeRecord *kase;
  PoeRecord *member;     /* a member other than the first */
  GtkWindow *window;
} Fixture;


/*
 * Helpers
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  fixture->dir = g_dir_make_tmp ("test-changes-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_test_demo_store_new (fixture->path, "agent");

  cases = poe_store_list (fixture->store, "case", NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len && fixture->kase == NULL; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), &error);

      g_assert_no_error (error);
      if (persons->len >= 2)
        {
          fixture->kase = g_object_ref (kase);
          fixture->member = g_object_ref (g_ptr_array_index (persons, 1));
        }
    }
  g_assert_nonnull (fixture->kase);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->member);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  poe_test_remove_store_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
tick (Fixture    *fixture,
      const char *step,
      const char *person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  poe_record_set_string (event, "case_id", poe_record_get_id (fixture->kase));
  if (person_id != NULL)
    poe_record_set_string (event, "person_id", person_id);
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", now);
  g_assert_true (poe_store_save (fixture->store, event, &error));
  g_assert_no_error (error);
}

static const char *
step_title (const char *step_id)
{
  g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_default ();

  return g_intern_string (poe_checklist_template_lookup_step (template, step_id)->title);
}

/* The family as the changes name it: its case number and the principal applicant's
 * initials. */
static char *
dup_family (Fixture *fixture)
{
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (fixture->kase), NULL);
  g_autofree char *initials = NULL;

  for (guint i = 0; i < persons->len && initials == NULL; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);

      if (g_strcmp0 (poe_record_get_string (person, "relationship"), "PA") == 0)
        initials = poe_record_dup_initials (person);
    }
  if (initials == NULL)
    initials = poe_record_dup_initials (g_ptr_array_index (persons, 0));

  return g_strdup_printf ("Family %s (%s)", poe_record_get_string (fixture->kase, "case_number"), initials);
}

/* No given name or surname of any member appears in @text. */
static void
assert_no_names (Fixture    *fixture,
                 const char *text)
{
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (fixture->kase), NULL);

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);

      g_assert_null (strstr (text, poe_record_get_string (person, "surname")));
      if (poe_record_get_string (person, "given_names") != NULL)
        g_assert_null (strstr (text, poe_record_get_string (person, "given_names")));
    }
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not in: %s", needle, text);
}


/*
 * Tests
 */

static void
test_pending (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *family = dup_family (fixture);
  g_autofree char *member = poe_record_dup_initials (fixture->member);
  g_autofree char *family_step = NULL;
  g_autofree char *member_step = NULL;
  g_autofree char *text = NULL;
  GtkWidget *status = g_object_new (POE_TYPE_SYNC_STATUS, NULL);
  GtkWidget *popover;

  tick (fixture, POE_STEP_BAGGAGE_CLAIMED, NULL);
  tick (fixture, "cbp.i94_checked", poe_record_get_id (fixture->member));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 560);
  gtk_widget_set_halign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (status, GTK_ALIGN_START);
  gtk_window_set_child (fixture->window, status);
  poe_sync_status_set_store (POE_SYNC_STATUS (status), fixture->store);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  poe_sync_status_popup (POE_SYNC_STATUS (status));
  popover = poe_test_find_descendant (status, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  poe_test_wait_for_frame (popover);
  poe_test_wait_ms (300);
  poe_test_wait_for_frame (popover);
  text = poe_test_dup_text (popover, POE_TEST_TEXT_MAPPED_ONLY);

  family_step = g_strdup_printf ("Checklist step: %s", step_title (POE_STEP_BAGGAGE_CLAIMED));
  member_step = g_strdup_printf ("Checklist step: %s, %s", step_title ("cbp.i94_checked"), member);
  assert_contains (text, family_step);
  assert_contains (text, member_step);
  {
    g_autofree char *subtitle = g_strdup_printf ("%s · ", family);

    assert_contains (text, subtitle);
  }
  assert_no_names (fixture, text);
  g_free (poe_test_screenshot (popover, "changes-pending"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
test_conflicts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) mine = json_from_string ("\"Fresno, CA\"", NULL);
  g_autoptr(JsonNode) theirs = json_from_string ("\"Modesto, CA\"", NULL);
  g_autoptr(JsonNode) meal_mine = json_from_string ("\"MOML\"", NULL);
  g_autoptr(JsonNode) meal_theirs = json_from_string ("\"VGML\"", NULL);
  g_autofree char *family = dup_family (fixture);
  g_autofree char *member = poe_record_dup_initials (fixture->member);
  g_autofree char *case_heading = NULL;
  g_autofree char *member_heading = NULL;
  g_autofree char *text = NULL;
  PoeConflictsWindow *inbox;

  g_assert_true (poe_store_add_conflict (fixture->store, "case", poe_record_get_id (fixture->kase), "final_destination",
                                         mine, theirs, NULL, "2026-11-24T14:00:00Z", &error));
  g_assert_no_error (error);
  g_assert_true (poe_store_add_conflict (fixture->store, "person", poe_record_get_id (fixture->member), "meal_code",
                                         meal_mine, meal_theirs, NULL, "2026-11-24T14:05:00Z", &error));
  g_assert_no_error (error);

  inbox = poe_conflicts_window_new (fixture->store);
  fixture->window = GTK_WINDOW (inbox);
  gtk_window_set_default_size (fixture->window, 640, 560);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (inbox));
  g_assert_cmpuint (poe_conflicts_window_get_count (inbox), ==, 2);

  text = poe_test_dup_text (GTK_WIDGET (inbox), POE_TEST_TEXT_MAPPED_ONLY);
  case_heading = g_strdup_printf ("\n%s · Final destination", family);
  member_heading = g_strdup_printf ("Family member: %s · %s · Meal code", member, family);
  assert_contains (text, case_heading);
  assert_contains (text, member_heading);
  assert_no_names (fixture, text);
  g_free (poe_test_screenshot (GTK_WIDGET (inbox), "changes-conflicts"));
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/changes/pending-name-family-and-step", test_pending);
  ADD ("/ui/changes/conflicts-name-family", test_conflicts);
#undef ADD

  return g_test_run ();
}
