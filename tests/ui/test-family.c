/* test-family.c
 *
 * The family view and the families page on a store filled by the demo generator: what
 * they show of a connect and an overnight case, ticking, undoing and noting checklist
 * steps, per-person CBP steps, initials until names are revealed, and the risk banner
 * following a changed onward departure. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "family/poe-families-page.h"
#include "family/poe-family-member-row.h"
#include "family/poe-family-step-row.h"
#include "family/poe-family-view.h"
#include "poe-checklist.h"
#include "poe-demo.h"
#include "poe-test-utils.h"

#define WAIT_MS 3000

typedef struct
{
  char      *dir;
  char      *path;
  PoeStore  *store;
  char      *actor_id;
  GtkWindow *window;
} Fixture;


/*
 * Auxiliary methods
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PoeRecord) agent = NULL;
  PoeDemoOptions options;

  poe_demo_options_init (&options);
  options.seed = 20261124;
  options.n_flights = 12;
  records = poe_demo_generate_all (&options, &error);
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("test-family-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (poe_store_begin (fixture->store, &error));
  for (guint i = 0; i < records->len; i++)
    {
      g_assert_true (poe_store_import (fixture->store, g_ptr_array_index (records, i), &error));
      g_assert_no_error (error);
    }
  g_assert_true (poe_store_commit (fixture->store, &error));

  agent = poe_store_find_by_field (fixture->store, "staff", "username", "agent", &error);
  g_assert_no_error (error);
  fixture->actor_id = g_strdup (poe_record_get_id (agent));
  poe_store_set_actor (fixture->store, fixture->actor_id, "agent");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));

  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  poe_test_remove_store_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->actor_id);
}

static gboolean
departs_later (Fixture   *fixture,
               PoeRecord *kase)
{
  g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fixture->store, poe_record_get_id (kase), NULL);
  g_autoptr(GDateTime) soon = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (soon, 1);

  for (guint i = 0; i < segments->len; i++)
    {
      g_autoptr(GDateTime) departure = poe_record_dup_time (g_ptr_array_index (segments, i), "scheduled_departure");

      if (departure != NULL && g_date_time_compare (departure, later) > 0)
        return TRUE;
    }

  return FALSE;
}

/* The first case of @branch with at least @min_persons members (and, for connect, an
 * onward flight), so each test gets a case that shows what it is about. */
/* No step of the case's checklist ticked yet (the demo day ticks some of an expected
 * family's steps too, depending on the hour it is generated at). */
static gboolean
checklist_untouched (Fixture   *fixture,
                     PoeRecord *kase)
{
  g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (kase), NULL);

  return state != NULL && g_hash_table_size (state) == 0;
}

static PoeRecord *
find_case (Fixture    *fixture,
           const char *branch,
           guint       min_persons)
{
  g_autoptr(GPtrArray) cases = poe_store_list (fixture->store, "case", "branch", branch, NULL);

  g_assert_nonnull (cases);
  /* Families still expected first, their checklists untouched (the demo day moves the
   * others through it); for connect, connections still ahead: they show a live risk. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < cases->len; i++)
      {
        PoeRecord *kase = g_ptr_array_index (cases, i);
        g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);

        if (pass == 0 && (g_strcmp0 (poe_record_get_string (kase, "status"), "expected") != 0 ||
                          !checklist_untouched (fixture, kase)))
          continue;
        if (persons->len >= min_persons && (!g_str_equal (branch, "connect") || departs_later (fixture, kase)))
          return g_object_ref (kase);
      }

  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
      g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fixture->store, poe_record_get_id (kase), NULL);

      if (persons->len >= min_persons && (!g_str_equal (branch, "connect") || segments->len >= 2))
        return g_object_ref (kase);
    }

  g_error ("The demo day has no %s case with %u members", branch, min_persons);
}

static const char *
first_person_id (Fixture   *fixture,
                 PoeRecord *kase)
{
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);

  /* The store keeps the record alive; the id outlives this array. */
  return g_intern_string (poe_record_get_id (g_ptr_array_index (persons, 0)));
}

static PoeFamilyView *
open_view (Fixture    *fixture,
           const char *case_id)
{
  GtkWidget *view = poe_family_view_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 600);
  gtk_window_set_child (fixture->window, view);
  poe_family_view_set_store (POE_FAMILY_VIEW (view), fixture->store);
  poe_family_view_set_case_id (POE_FAMILY_VIEW (view), case_id);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  return POE_FAMILY_VIEW (view);
}

/* The first @type below @root, not looking into the family view (its custody and vouchers
 * have lists and entries of their own). */
static GtkWidget *
find_outside_view (GtkWidget *root,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  if (POE_IS_FAMILY_VIEW (root))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_outside_view (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The page's list of cases: the list view with a single selection, not those inside the
 * family view (custody, vouchers). */
static GtkListView *
find_case_list (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root) && GTK_IS_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (root))))
    return GTK_LIST_VIEW (root);
  if (POE_IS_FAMILY_VIEW (root))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_case_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static PoeRecord *
latest_event (Fixture    *fixture,
              const char *case_id,
              const char *step,
              const char *person_id)
{
  g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store, case_id, NULL);
  g_autofree char *key = poe_checklist_state_key (step, person_id);
  PoeRecord *event = g_hash_table_lookup (state, key);

  return event ? g_object_ref (event) : NULL;
}

static gboolean
outbox_has (Fixture    *fixture,
            const char *record_id)
{
  g_autoptr(GPtrArray) mutations = poe_store_outbox_peek (fixture->store, 1000, NULL);

  for (guint i = 0; i < mutations->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (mutations, i);

      if (g_str_equal (mutation->entity, "checklist_event") && g_str_equal (mutation->record_id, record_id) &&
          g_str_equal (mutation->op, "append"))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkWidget  *label;
  const char *old_text;
} LabelChange;

static gboolean
label_changed (gpointer user_data)
{
  LabelChange *change = user_data;

  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (change->label)), change->old_text) != 0;
}

static gboolean
row_not_done (gpointer user_data)
{
  return !poe_family_step_row_get_done (user_data);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TextWait;

static gboolean
shows_tooltip_text (gpointer user_data)
{
  TextWait *wait = user_data;
  g_autofree char *texts = poe_test_dup_text (wait->root, POE_TEST_TEXT_TOOLTIPS);

  return strstr (texts, wait->text) != NULL;
}

static gboolean
row_shows_pending (gpointer user_data)
{
  return gtk_widget_get_visible (poe_test_find_named (user_data, "pending-label"));
}

/* The slack in the banner's title: "…: 25 minutes of slack" or "…: 40 minutes short". */
static int
slack_in (const char *title)
{
  const char *p = title;

  while (*p && !g_ascii_isdigit (*p))
    p++;

  return strstr (title, "short") != NULL ? -atoi (p) : atoi (p);
}



/*
 * Tests
 */

static void
test_view_connect (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 3);
  PoeFamilyView *view = open_view (fixture, poe_record_get_id (kase));
  GtkWidget *title = poe_test_find_named (GTK_WIDGET (view), "title-label");
  GtkWidget *revealer = poe_test_find_named (GTK_WIDGET (view), "risk-revealer");
  GtkWidget *risk_title = poe_test_find_named (GTK_WIDGET (view), "risk-title");
  g_autofree char *texts = NULL;
  g_autofree char *shot = NULL;

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, poe_record_get_string (kase, "case_number"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (risk_title)), "minute"));

  /* Header, members and the connect branch's onward steps, not the other branches'. */
  texts = poe_test_dup_text (GTK_WIDGET (view), POE_TEST_TEXT_TOOLTIPS);
  g_assert_nonnull (strstr (texts, "Connecting flight"));
  g_assert_nonnull (strstr (texts, poe_record_get_string (kase, "ra_agency")));
  g_assert_nonnull (strstr (texts, "Through TSA security"));
  g_assert_null (strstr (texts, "Checked in at the hotel"));
  g_assert_nonnull (poe_test_find_step_row (GTK_WIDGET (view), POE_STEP_TSA_CLEARED, NULL));

  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-connect");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* The checklist further down, and the same in the dark style. */
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (poe_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
    g_autofree char *checklist_shot = NULL;
    g_autofree char *dark_shot = NULL;

    /* Focus scrolls the viewport to the step, as keyboard navigation does. */
    gtk_widget_grab_focus (poe_family_step_row_get_check (poe_test_find_step_row (GTK_WIDGET (view), "cbp.i94_checked",
                                                                          first_person_id (fixture, kase))));
    checklist_shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-checklist");
    {
      GtkWidget *member = poe_test_find_descendant (GTK_WIDGET (view), POE_TYPE_FAMILY_MEMBER_ROW);
      g_autofree char *members_shot = NULL;

      g_assert_nonnull (member);
      gtk_widget_grab_focus (gtk_widget_get_parent (member) ? gtk_widget_get_last_child (gtk_widget_get_parent (member)) : member);
      members_shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-members");
    }
    gtk_widget_grab_focus (poe_test_find_named (GTK_WIDGET (view), "reveal-button"));
    gtk_adjustment_set_value (adjustment, 0);
    poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
    gtk_adjustment_set_value (adjustment, 0);

    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
    dark_shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-connect-dark");
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  }
}

static void
test_view_overnight (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "overnight", 2);
  PoeFamilyView *view = open_view (fixture, poe_record_get_id (kase));
  GtkWidget *revealer = poe_test_find_named (GTK_WIDGET (view), "risk-revealer");
  g_autofree char *texts = poe_test_dup_text (GTK_WIDGET (view), POE_TEST_TEXT_TOOLTIPS);
  g_autofree char *shot = NULL;

  /* No same-day connection, so no risk banner; the overnight steps instead. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (texts, "Overnight stay"));
  g_assert_nonnull (strstr (texts, "Checked in at the hotel"));
  g_assert_nonnull (strstr (texts, "Meals arranged"));
  g_assert_null (strstr (texts, "Through TSA security"));

  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-overnight");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
test_view_tick_and_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 1);
  const char *case_id = poe_record_get_id (kase);
  PoeFamilyView *view = open_view (fixture, case_id);
  PoeFamilyStepRow *row = poe_test_find_step_row (GTK_WIDGET (view), "arrival.head_count", NULL);
  g_autoptr(PoeRecord) done = NULL;
  g_autoptr(PoeRecord) undone = NULL;
  GtkWidget *undo;

  g_assert_nonnull (row);
  g_assert_null (latest_event (fixture, case_id, "arrival.head_count", NULL));
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 0);

  /* One click ticks the step: an event in the store, its mutation in the outbox. */
  g_assert_true (gtk_widget_activate (poe_family_step_row_get_check (row)));
  done = latest_event (fixture, case_id, "arrival.head_count", NULL);
  g_assert_nonnull (done);
  g_assert_cmpstr (poe_record_get_string (done, "value"), ==, "done");
  g_assert_cmpstr (poe_record_get_string (done, "by"), ==, fixture->actor_id);
  g_assert_true (poe_record_is_set (done, "at"));
  g_assert_true (outbox_has (fixture, poe_record_get_id (done)));
  g_assert_true (poe_store_is_pending (fixture->store, "checklist_event", poe_record_get_id (done)));

  /* The row follows the store: ticked, with time, staff and the pending badge. */
  g_assert_true (poe_test_iterate_until (row_shows_pending, row, WAIT_MS));
  g_assert_true (poe_family_step_row_get_done (row));
  {
    GtkWidget *meta = poe_test_find_named (GTK_WIDGET (row), "meta-label");

    g_assert_true (gtk_widget_get_visible (meta));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (meta)), "Done"));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (meta)), "Demo Agent Avery"));
  }

  /* Undo in the toast appends an "undone" event; nothing is deleted. */
  undo = find_button_with_label (GTK_WIDGET (view), "_Undo");
  g_assert_nonnull (undo);
  /* "clicked" as a pointer click gives it; gtk_widget_activate() on a button clicks only
   * after a 250 ms pressed-look timeout. */
  g_signal_emit_by_name (undo, "clicked");
  undone = latest_event (fixture, case_id, "arrival.head_count", NULL);
  g_assert_cmpstr (poe_record_get_string (undone, "value"), ==, "undone");
  g_assert_cmpstr (poe_record_get_id (undone), !=, poe_record_get_id (done));
  g_assert_true (outbox_has (fixture, poe_record_get_id (undone)));
  g_assert_true (outbox_has (fixture, poe_record_get_id (done)));

  /* The row follows the store's change notification, on the main loop. */
  g_assert_true (poe_test_iterate_until (row_not_done, row, WAIT_MS));
}

static void
test_view_note (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 1);
  const char *case_id = poe_record_get_id (kase);
  PoeFamilyView *view = open_view (fixture, case_id);
  PoeFamilyStepRow *row = poe_test_find_step_row (GTK_WIDGET (view), "arrival.iom_bag", NULL);
  GtkWidget *entry = poe_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_ENTRY);
  GtkWidget *save = find_button_with_label (GTK_WIDGET (row), "Save Note");
  g_autoptr(PoeRecord) event = NULL;

  g_assert_nonnull (entry);
  g_assert_nonnull (save);
  gtk_editable_set_text (GTK_EDITABLE (entry), "IOM bag handed to the lead");
  g_signal_emit_by_name (save, "clicked");

  /* The note keeps the step's state. */
  event = latest_event (fixture, case_id, "arrival.iom_bag", NULL);
  g_assert_cmpstr (poe_record_get_string (event, "note"), ==, "IOM bag handed to the lead");
  g_assert_cmpstr (poe_record_get_string (event, "value"), ==, "undone");
  {
    TextWait wait = { GTK_WIDGET (row), "IOM bag handed to the lead" };

    g_assert_true (poe_test_iterate_until (shows_tooltip_text, &wait, WAIT_MS));
  }

  /* The step's history line reads as a note, not as an untick. */
  {
    GtkWidget *meta = poe_test_find_named (GTK_WIDGET (row), "meta-label");
    const char *text = gtk_label_get_label (GTK_LABEL (meta));

    g_assert_true (gtk_widget_get_visible (meta));
    g_assert_true (g_str_has_prefix (text, "Note "));
    g_assert_null (strstr (text, "Undone"));
    g_assert_false (poe_family_step_row_get_done (row));
  }
}

static void
test_view_per_person (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 2);
  const char *case_id = poe_record_get_id (kase);
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, case_id, NULL);
  PoeFamilyView *view = open_view (fixture, case_id);
  const char *first = poe_record_get_id (g_ptr_array_index (persons, 0));
  const char *second = poe_record_get_id (g_ptr_array_index (persons, 1));
  PoeFamilyStepRow *row = poe_test_find_step_row (GTK_WIDGET (view), "cbp.i94_checked", second);
  g_autoptr(PoeRecord) event = NULL;
  g_autoptr(PoeRecord) other_before = NULL;
  g_autoptr(PoeRecord) other = NULL;
  GtkWidget *check;
  gboolean was_done;

  /* Each member has the CBP steps; the family as a whole does not. */
  g_assert_nonnull (row);
  g_assert_nonnull (poe_test_find_step_row (GTK_WIDGET (view), "cbp.i94_checked", first));
  g_assert_null (poe_test_find_step_row (GTK_WIDGET (view), "cbp.i94_checked", NULL));

  /* At some hours the demo day has no untouched family left: the tick flips the step. */
  check = poe_family_step_row_get_check (row);
  was_done = gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
  other_before = latest_event (fixture, case_id, "cbp.i94_checked", first);
  g_assert_true (gtk_widget_activate (check));
  event = latest_event (fixture, case_id, "cbp.i94_checked", second);
  g_assert_nonnull (event);
  g_assert_cmpstr (poe_record_get_string (event, "person_id"), ==, second);
  g_assert_cmpstr (poe_record_get_string (event, "value"), ==, was_done ? "undone" : "done");
  /* The other member's step is untouched. */
  other = latest_event (fixture, case_id, "cbp.i94_checked", first);
  g_assert_cmpstr (other != NULL ? poe_record_get_id (other) : NULL, ==,
                   other_before != NULL ? poe_record_get_id (other_before) : NULL);
}

static void
assert_no_names (GtkWidget *root,
                 GPtrArray *persons,
                 gboolean   expect_names)
{
  g_autofree char *texts = poe_test_dup_text (root, POE_TEST_TEXT_TOOLTIPS);
  gboolean any = FALSE;

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      const char *surname = poe_record_get_string (person, "surname");
      const char *given = poe_record_get_string (person, "given_names");

      if (!expect_names)
        {
          g_assert_null (strstr (texts, surname));
          g_assert_null (strstr (texts, given));
        }
      any = any || strstr (texts, surname) != NULL;
    }

  g_assert_cmpint (any, ==, expect_names);
}

static void
test_view_privacy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 2);
  const char *case_id = poe_record_get_id (kase);
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, case_id, NULL);
  PoeFamilyView *view = open_view (fixture, case_id);
  GtkWidget *family = poe_test_find_named (GTK_WIDGET (view), "family-label");
  GtkWidget *reveal = poe_test_find_named (GTK_WIDGET (view), "reveal-button");
  g_autofree char *initials = NULL;

  for (guint i = 0; i < persons->len && initials == NULL; i++)
    if (g_str_equal (poe_record_get_string (g_ptr_array_index (persons, i), "relationship"), "PA"))
      initials = poe_record_dup_initials (g_ptr_array_index (persons, i));
  g_assert_nonnull (initials);

  /* Initials by default, and no name anywhere in the tree. */
  g_assert_false (poe_family_view_get_reveal_names (view));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (family)), initials));
  assert_no_names (GTK_WIDGET (fixture->window), persons, FALSE);

  /* The toggle reveals them, and hides them again. */
  g_signal_emit_by_name (reveal, "clicked");
  g_assert_true (poe_family_view_get_reveal_names (view));
  assert_no_names (GTK_WIDGET (fixture->window), persons, TRUE);
  g_signal_emit_by_name (reveal, "clicked");
  g_assert_false (poe_family_view_get_reveal_names (view));
  assert_no_names (GTK_WIDGET (fixture->window), persons, FALSE);
}

static void
test_view_risk_follows_segment (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 1);
  const char *case_id = poe_record_get_id (kase);
  g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fixture->store, case_id, NULL);
  PoeFamilyView *view = open_view (fixture, case_id);
  GtkWidget *risk_title = poe_test_find_named (GTK_WIDGET (view), "risk-title");
  GtkWidget *risk_drivers = poe_test_find_named (GTK_WIDGET (view), "risk-drivers");
  g_autofree char *before = g_strdup (gtk_label_get_label (GTK_LABEL (risk_title)));
  g_autoptr(PoeRecord) onward = NULL;
  g_autoptr(GDateTime) scheduled = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GError) error = NULL;
  LabelChange change = { risk_title, before };
  int slack_before, slack_after;

  for (guint i = 0; i < segments->len && onward == NULL; i++)
    if (g_str_equal (poe_record_get_string (g_ptr_array_index (segments, i), "leg"), "domestic_connection"))
      onward = poe_record_copy (g_ptr_array_index (segments, i));
  g_assert_nonnull (onward);
  slack_before = slack_in (before);

  /* The onward flight leaves 90 minutes late: 90 minutes more slack, and it says why. */
  scheduled = poe_record_dup_time (onward, "scheduled_departure");
  later = g_date_time_add_minutes (scheduled, 90);
  poe_record_set_time (onward, "estimated_departure", later);
  poe_record_set_string (onward, "status", "delayed");
  g_assert_true (poe_store_save (fixture->store, onward, &error));
  g_assert_no_error (error);

  g_assert_true (poe_test_iterate_until (label_changed, &change, WAIT_MS));
  slack_after = slack_in (gtk_label_get_label (GTK_LABEL (risk_title)));
  g_assert_cmpint (slack_after - slack_before, >=, 89);
  g_assert_cmpint (slack_after - slack_before, <=, 91);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (risk_drivers)), "onward delayed"));
  g_assert_true (gtk_widget_get_visible (risk_drivers));
}

static gboolean
list_has_items (gpointer user_data)
{
  return g_list_model_get_n_items (user_data) > 0;
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 3);
  PoeFamiliesPage *page = g_object_new (POE_TYPE_FAMILIES_PAGE, NULL);
  GtkWidget *status = poe_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE);
  GtkWidget *search = find_outside_view (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  GtkListView *list_view = find_case_list (GTK_WIDGET (page));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  GListModel *cases = poe_families_page_get_cases (page);
  PoeFamilyView *view = poe_families_page_get_family_view (page);
  g_autofree char *shot = NULL;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  /* Without a store: the empty state. */
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 0);

  /* The day's cases, all of them from the demo day. */
  poe_families_page_set_store (page, fixture->store);
  g_assert_true (poe_test_iterate_until (list_has_items, cases, WAIT_MS));
  g_assert_cmpint (g_list_model_get_n_items (cases), ==, poe_store_count (fixture->store, "case", NULL));
  g_assert_false (gtk_widget_get_mapped (status));

  /* The board's way in. */
  poe_families_page_show_case (page, poe_record_get_id (kase));
  g_assert_cmpstr (poe_family_view_get_case_id (view), ==, poe_record_get_id (kase));
  {
    g_autoptr(GObject) selected = g_list_model_get_item (shown, gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (shown)));
    g_assert_nonnull (selected);
  }
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "families-page");

  /* Search by case number; initials only while names are hidden. */
  gtk_editable_set_text (GTK_EDITABLE (search), poe_record_get_string (kase, "case_number"));
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "no such family");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");

  /* reveal-names reaches the view. */
  poe_families_page_set_reveal_names (page, TRUE);
  g_assert_true (poe_family_view_get_reveal_names (view));
  poe_families_page_set_reveal_names (page, FALSE);
  g_assert_false (poe_family_view_get_reveal_names (view));
}

/* A label below @root whose text holds @text, or %NULL. */
static GtkLabel *
find_label_with (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A URM family's flag stays whole in the list of a 1024-pixel window; the case number or the
 * subtitle give way instead. */
static void
test_page_urm_flag (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 3);
  g_autoptr(PoeRecord) urm = poe_record_copy (kase);
  PoeFamiliesPage *page = g_object_new (POE_TYPE_FAMILIES_PAGE, NULL);
  GtkWidget *search = find_outside_view (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  GtkListView *list_view = find_case_list (GTK_WIDGET (page));
  GtkLabel *flag;

  poe_record_set_string (urm, "sensitivity", "urm");
  g_assert_true (poe_store_save (fixture->store, urm, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (page));
  poe_families_page_set_store (page, fixture->store);
  gtk_window_present (fixture->window);
  g_assert_true (poe_test_iterate_until (list_has_items, poe_families_page_get_cases (page), WAIT_MS));

  /* The family alone in the list, so its row is the one made. */
  gtk_editable_set_text (GTK_EDITABLE (search), poe_record_get_string (kase, "case_number"));
  g_signal_emit_by_name (search, "search-changed");
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  flag = find_label_with (GTK_WIDGET (list_view), "URM");
  g_assert_nonnull (flag);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (flag)));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (flag)));
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (flag), GTK_WIDGET (list_view), &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (list_view)));
  }
  g_free (poe_test_screenshot (GTK_WIDGET (fixture->window), "families-page-urm"));
}

static void
collect_member_rows (GtkWidget *root,
                     GPtrArray *rows)
{
  if (POE_IS_FAMILY_MEMBER_ROW (root))
    {
      g_ptr_array_add (rows, root);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_member_rows (child, rows);
}

/* Three members whose initials are all "B. M." read differently: relationship, sex and
 * age; their languages read as names, not codes. */
static void
test_view_members_told_apart (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const given[] = { "Bashir", "Bibi", "Baran", "Bilal", "Banu", "Behrouz" };
  static const char * const languages[] = { "prs", "rhg", NULL };
  g_autoptr(PoeRecord) kase = find_case (fixture, "connect", 3);
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  PoeFamilyView *view;

  for (guint i = 0; i < persons->len; i++)
    {
      g_autoptr(PoeRecord) person = poe_record_copy (g_ptr_array_index (persons, i));

      poe_record_set_string (person, "given_names", given[i % G_N_ELEMENTS (given)]);
      poe_record_set_string (person, "surname", "Mansoor");
      poe_record_set_strv (person, "languages", languages);
      g_assert_true (poe_store_save (fixture->store, person, &error));
      g_assert_no_error (error);
    }

  view = open_view (fixture, poe_record_get_id (kase));
  collect_member_rows (GTK_WIDGET (view), rows);
  g_assert_cmpuint (rows->len, ==, persons->len);

  /* The rows are in the store's order, as the members are. */
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *text = poe_test_dup_text (g_ptr_array_index (rows, i), POE_TEST_TEXT_TOOLTIPS);
      g_autoptr(GTimeZone) zone = poe_store_dup_poe_time_zone (fixture->store, kase, NULL);
      g_autoptr(GDateTime) today = g_date_time_new_now (zone);
      char *facts = poe_family_dup_member_facts (g_ptr_array_index (persons, i), today);

      g_assert_nonnull (strstr (text, "B. M."));
      g_assert_nonnull (strstr (text, "Languages: Dari, Rohingya"));
      g_assert_null (strstr (text, "prs"));
      /* Relationship, sex and age: "Spouse · F, 34". */
      g_assert_nonnull (strstr (facts, ", "));
      g_assert_nonnull (strstr (text, facts));
      /* The demo day may hold two sons of one age: the facts then match, as they should
       * (the core's /core/family/member-label tests tell apart what differs). */
      if (!g_hash_table_add (seen, facts))
        g_test_message ("two members alike in the demo day: %s", facts);
    }

  /* Focus scrolls the members into view, as keyboard navigation does. */
  {
    GtkWidget *last = g_ptr_array_index (rows, rows->len - 1);

    gtk_widget_grab_focus (gtk_widget_get_parent (last) ? gtk_widget_get_parent (last) : last);
    poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  }
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-members-told-apart");

  /* The case lists who on shift speaks Dari or Rohingya, or that nobody does. */
  {
    GtkWidget *interpreters = poe_test_find_named (GTK_WIDGET (view), "interpreter-row");
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (interpreters));

    g_assert_true (gtk_widget_get_visible (interpreters));
    g_assert_true (g_str_has_prefix (subtitle, "Dari, Rohingya · "));
    g_assert_true (strstr (subtitle, "(Dari)") != NULL || strstr (subtitle, "nobody on shift") != NULL);
  }
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* What AdwApplication loads from its resource base path. */
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);
  load_style ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/family/view/connect", test_view_connect);
  ADD ("/ui/family/view/overnight", test_view_overnight);
  ADD ("/ui/family/view/tick-and-undo", test_view_tick_and_undo);
  ADD ("/ui/family/view/note", test_view_note);
  ADD ("/ui/family/view/per-person-cbp", test_view_per_person);
  ADD ("/ui/family/view/members-told-apart", test_view_members_told_apart);
  ADD ("/ui/family/view/initials-until-revealed", test_view_privacy);
  ADD ("/ui/family/view/risk-follows-segment", test_view_risk_follows_segment);
  ADD ("/ui/family/page", test_page);
  ADD ("/ui/family/page/urm-flag-visible", test_page_urm_flag);
#undef ADD

  return g_test_run ();
}
