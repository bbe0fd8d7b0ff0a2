/* test-exceptions.c
 *
 * The 2 a.m. exception path on the family page, walked as an agent would on a demo day: a
 * family in CBP secondary whose onward departure passes → the missed connection is
 * proposed and recorded → rebooked to the next morning (a half-filled form first) →
 * switched to the overnight branch with a reason → hotel, rooms, meals, pickup and vouchers
 * (a pickup before the check-in first) → ground transport. Each step checks the store (rows,
 * outbox, history) and what the page shows; screenshots of every dialog and of the page
 * after every step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "family/poe-exception-dialog.h"
#include "family/poe-family-exceptions.h"
#include "family/poe-family-view.h"
#include "poe-demo.h"
#include "poe-exceptions.h"
#include "poe-test-utils.h"

#define WAIT_MS 5000

typedef struct
{
  char      *dir;
  char      *path;
  PoeStore  *store;
  GtkWindow *window;
  GtkWidget *view;
  GtkWidget *exceptions;
  PoeRecord *kase;
  PoeRecord *onward;
  GTimeZone *zone;
} Fixture;


/*
 * Auxiliary methods
 */

static PoeRecord *
find_onward (PoeStore   *store,
             const char *case_id)
{
  g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (store, case_id, NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);

      if (g_str_equal (poe_record_get_string (segment, "leg"), "domestic_connection") &&
          poe_record_get_string (segment, "replaced_by") == NULL)
        return g_object_ref (segment);
    }

  return NULL;
}

/* A connecting family of three or more with an onward flight, still expected: the demo
 * day moves landed families through their checklists, up to boarding. */
static PoeRecord *
find_case (PoeStore *store)
{
  g_autoptr(GPtrArray) cases = poe_store_list (store, "case", "branch", "connect", NULL);

  /* Untouched checklists first: at some hours the demo day has ticked an expected family's
   * steps, its departure confirmed among them, and then no missed connection is due. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < cases->len; i++)
      {
        PoeRecord *kase = g_ptr_array_index (cases, i);
        g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (store, poe_record_get_id (kase), NULL);
        g_autoptr(PoeRecord) onward = find_onward (store, poe_record_get_id (kase));
        g_autoptr(GHashTable) state = poe_store_get_checklist_state (store, poe_record_get_id (kase), NULL);

        if (persons->len >= 3 && onward != NULL &&
            g_strcmp0 (poe_record_get_string (kase, "status"), "expected") == 0 &&
            (pass == 1 || (state != NULL && g_hash_table_size (state) == 0)))
          return g_object_ref (kase);
      }

  g_error ("The demo day has no connecting family of three");
}

static void
save (Fixture   *fixture,
      PoeRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_save (fixture->store, record, &error));
  g_assert_no_error (error);
}

/* Every member in CBP secondary, the onward flight leaving @minutes from now. */
static void
prepare_family (Fixture *fixture,
                int      minutes)
{
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (fixture->kase), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) departure = g_date_time_add_minutes (now, minutes);
  g_autoptr(PoeRecord) onward = poe_record_copy (fixture->onward);

  for (guint i = 0; i < persons->len; i++)
    {
      g_autoptr(PoeRecord) person = poe_record_copy (g_ptr_array_index (persons, i));

      poe_record_set_string (person, "cbp_status", "secondary");
      save (fixture, person);
    }

  poe_record_set_time (onward, "scheduled_departure", departure);
  poe_record_set_string (onward, "estimated_departure", NULL);
  poe_record_set_string (onward, "status", "scheduled");
  save (fixture, onward);
  g_set_object (&fixture->onward, onward);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-exceptions-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_test_demo_store_new (fixture->path, "agent");
  fixture->kase = find_case (fixture->store);
  fixture->onward = find_onward (fixture->store, poe_record_get_id (fixture->kase));
  fixture->zone = poe_store_dup_poe_time_zone (fixture->store, fixture->kase, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));

  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->onward);
  g_clear_pointer (&fixture->zone, g_time_zone_unref);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  poe_test_remove_store_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
open_view (Fixture *fixture)
{
  fixture->view = poe_family_view_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 760);
  gtk_window_set_child (fixture->window, fixture->view);
  poe_family_view_set_store (POE_FAMILY_VIEW (fixture->view), fixture->store);
  poe_family_view_set_case_id (POE_FAMILY_VIEW (fixture->view), poe_record_get_id (fixture->kase));
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  fixture->exceptions = poe_test_find_named (fixture->view, "exceptions-view");
  g_assert_true (POE_IS_FAMILY_EXCEPTIONS (fixture->exceptions));
}

/* Scrolls the page so the exception part is at the top, then shoots the window. */
static void
shoot_page (Fixture    *fixture,
            const char *name)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (fixture->exceptions, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment;
  double x = 0, y = 0;

  /* After a change of branch the view puts its scroll position back on a later frame, and
   * a closed dialog gives the focus back, which scrolls to the focused button: both first. */
  poe_test_wait_ms (300);
  gtk_window_set_focus (fixture->window, NULL);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_translate_coordinates (fixture->exceptions, child, 0, 0, &x, &y));
  /* The viewport's coordinates start at what is scrolled to. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_free (poe_test_screenshot (GTK_WIDGET (fixture->window), name));
}

static gboolean
dialog_shown (gpointer user_data)
{
  return poe_test_find_toplevel (POE_TYPE_EXCEPTION_DIALOG) != NULL;
}

static gboolean
dialog_gone (gpointer user_data)
{
  return poe_test_find_toplevel (POE_TYPE_EXCEPTION_DIALOG) == NULL;
}

static GtkWidget *
open_dialog (Fixture    *fixture,
             const char *action)
{
  g_assert_true (gtk_widget_activate_action (fixture->exceptions, action, NULL));
  g_assert_true (poe_test_iterate_until (dialog_shown, NULL, WAIT_MS));
  return poe_test_find_toplevel (POE_TYPE_EXCEPTION_DIALOG);
}

static void
set_text (GtkWidget  *dialog,
          const char *name,
          const char *text)
{
  GtkWidget *row = poe_test_find_named (dialog, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_selected (GtkWidget  *dialog,
              const char *name,
              guint       position)
{
  GtkWidget *row = poe_test_find_named (dialog, name);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
}

static void
click_save (GtkWidget *dialog)
{
  g_signal_emit_by_name (poe_test_find_named (dialog, "save-button"), "clicked");
}

/* Saving a bad form: the dialog stays, says what is wrong and keeps what was typed. */
static void
assert_refused (Fixture    *fixture,
                GtkWidget  *dialog,
                const char *words,
                const char *kept_row,
                const char *kept_text,
                const char *screenshot)
{
  GtkWidget *error_label = poe_test_find_named (dialog, "error-label");
  guint pending = poe_store_count_pending (fixture->store);

  click_save (dialog);
  poe_test_wait_for_frame (dialog);
  g_assert_nonnull (poe_test_find_toplevel (POE_TYPE_EXCEPTION_DIALOG));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), words));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (poe_test_find_named (dialog, kept_row))), ==, kept_text);
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending);
  g_free (poe_test_screenshot (dialog, screenshot));
}

static void
save_and_close (GtkWidget *dialog)
{
  click_save (dialog);
  g_assert_true (poe_test_iterate_until (dialog_gone, NULL, WAIT_MS));
}

/* The end of a long form: meals, pickup and their vouchers. */
static void
shoot_dialog_end (GtkWidget  *dialog,
                  const char *name)
{
  GtkWidget *scrolled = poe_test_find_descendant (dialog, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_free (poe_test_screenshot (dialog, name));
}

static gboolean
page_shows (gpointer user_data)
{
  gpointer *args = user_data;

  return poe_test_shows_text (args[0], args[1]);
}

static void
wait_for_text (Fixture    *fixture,
               const char *text)
{
  gpointer args[] = { fixture->exceptions, (gpointer) text };

  if (!poe_test_iterate_until (page_shows, args, WAIT_MS))
    {
      g_autofree char *shown = poe_test_dup_text (fixture->exceptions, POE_TEST_TEXT_LABELS);

      g_error ("The family page does not show “%s”; it shows:\n%s", text, shown);
    }
}

static gboolean
step_done (gpointer user_data)
{
  return poe_family_step_row_get_done (user_data);
}

static gboolean
missed_proposed (gpointer user_data)
{
  return poe_family_exceptions_get_missed_proposed (user_data);
}

static char *
input_time (Fixture *fixture,
            int      minutes_from_now)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (fixture->zone);
  g_autoptr(GDateTime) time = g_date_time_add_minutes (now, minutes_from_now);

  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

static char *
next_morning (Fixture *fixture,
              int      hour)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (fixture->zone);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  return g_strdup_printf ("%04d-%02d-%02d %02d:00", g_date_time_get_year (tomorrow),
                          g_date_time_get_month (tomorrow), g_date_time_get_day_of_month (tomorrow), hour);
}

static PoeRecord *
new_voucher (Fixture    *fixture,
             const char *kind,
             const char *serial)
{
  PoeRecord *voucher = poe_record_new ("voucher");

  poe_record_set_string (voucher, "case_id", poe_record_get_id (fixture->kase));
  poe_record_set_string (voucher, "kind", kind);
  poe_record_set_string (voucher, "serial", serial);
  poe_record_set_string (voucher, "amount", "129.00");
  poe_record_set_string (voucher, "currency", "USD");
  poe_record_set_string (voucher, "at", poe_record_get_string (fixture->onward, "scheduled_departure"));
  save (fixture, voucher);
  return voucher;
}

static GPtrArray *
list_of_case (Fixture    *fixture,
              const char *entity)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = poe_store_list (fixture->store, entity, "case_id", poe_record_get_id (fixture->kase), &error);

  g_assert_no_error (error);
  return records;
}

static guint
meal_position (const char *code)
{
  const char * const *codes = poe_meal_codes ();

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return i + 1;

  g_assert_not_reached ();
}


/*
 * Steps of the walk
 */

static void
step_missed (Fixture *fixture)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(PoeRecord) segment = NULL;
  GtkWidget *dialog;

  /* The flight leaves without the family: the next reload proposes the missed connection. */
  prepare_family (fixture, -10);
  g_assert_true (poe_test_iterate_until (missed_proposed, fixture->exceptions, WAIT_MS));
  g_assert_true (gtk_widget_get_visible (poe_test_find_named (fixture->exceptions, "missed-banner")));
  shoot_page (fixture, "exceptions-02-missed-proposed");

  dialog = open_dialog (fixture, "exceptions.record-missed");
  set_text (dialog, "note-row", "Secondary inspection ran past the departure");
  g_free (poe_test_screenshot (dialog, "exceptions-03-missed-dialog"));
  save_and_close (dialog);

  segment = poe_store_get (fixture->store, "segment", poe_record_get_id (fixture->onward), NULL);
  g_assert_cmpstr (poe_record_get_string (segment, "status"), ==, "missed");
  events = list_of_case (fixture, "case_event");
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_true (poe_store_is_pending (fixture->store, "case_event", poe_record_get_id (g_ptr_array_index (events, 0))));
  wait_for_text (fixture, "Secondary inspection ran past the departure");
  g_assert_false (poe_family_exceptions_get_missed_proposed (POE_FAMILY_EXCEPTIONS (fixture->exceptions)));
  shoot_page (fixture, "exceptions-04-missed-recorded");
}

static void
step_rebook (Fixture *fixture)
{
  g_autofree char *departure = next_morning (fixture, 7);
  g_autoptr(PoeRecord) old = NULL;
  g_autoptr(PoeRecord) onward = NULL;
  GtkWidget *dialog = open_dialog (fixture, "exceptions.rebook");

  /* Half-filled: no flight number. */
  set_text (dialog, "carrier-row", "UA");
  set_text (dialog, "departure-row", departure);
  assert_refused (fixture, dialog, "flight number", "carrier-row", "UA", "exceptions-05-rebook-refused");

  set_text (dialog, "number-row", "512");
  set_text (dialog, "booking-row", "K7QX2M");
  set_text (dialog, "seats-row", "23A-23C");
  g_free (poe_test_screenshot (dialog, "exceptions-06-rebook-dialog"));
  save_and_close (dialog);

  old = poe_store_get (fixture->store, "segment", poe_record_get_id (fixture->onward), NULL);
  onward = find_onward (fixture->store, poe_record_get_id (fixture->kase));
  g_assert_cmpstr (poe_record_get_string (old, "replaced_by"), ==, poe_record_get_id (onward));
  g_assert_cmpstr (poe_record_get_string (onward, "number"), ==, "512");
  g_assert_cmpstr (poe_record_get_string (onward, "seats"), ==, "23A-23C");
  wait_for_text (fixture, "Rebooked on UA 512");
  shoot_page (fixture, "exceptions-07-rebooked");
}

static void
step_branch (Fixture *fixture)
{
  g_autoptr(PoeRecord) kase = NULL;
  GtkWidget *dialog = open_dialog (fixture, "exceptions.switch-branch");

  /* The reason is mandatory. */
  set_selected (dialog, "branch-row", 1);
  assert_refused (fixture, dialog, "Say why", "reason-row", "", "exceptions-08-branch-refused");

  set_text (dialog, "reason-row", "Missed the last flight to the destination tonight");
  g_free (poe_test_screenshot (dialog, "exceptions-09-branch-dialog"));
  save_and_close (dialog);

  kase = poe_store_get (fixture->store, "case", poe_record_get_id (fixture->kase), NULL);
  g_assert_cmpstr (poe_record_get_string (kase, "branch"), ==, "overnight");
  wait_for_text (fixture, "Reason: Missed the last flight to the destination tonight");
  /* The checklist follows the new branch. */
  g_assert_nonnull (poe_test_find_step_row (fixture->view, "onward.hotel_checkin", NULL));
  g_assert_null (poe_test_find_step_row (fixture->view, "onward.tsa_cleared", NULL));
  /* Meal codes are told in words wherever members show. */
  g_assert_false (poe_test_shows_text (fixture->view, "Meal: MOML"));
  shoot_page (fixture, "exceptions-10-overnight-branch");
}

static void
step_overnight (Fixture *fixture)
{
  g_autoptr(PoeRecord) hotel = new_voucher (fixture, "hotel", "H-1042");
  g_autoptr(PoeRecord) meal = new_voucher (fixture, "meal", "M-2210");
  g_autoptr(PoeRecord) ride = new_voucher (fixture, "ground_transport", "T-0307");
  g_autofree char *check_in = input_time (fixture, 30);
  g_autofree char *too_early = input_time (fixture, 10);
  g_autofree char *pickup = next_morning (fixture, 5);
  g_autoptr(GPtrArray) stays = NULL;
  GtkWidget *dialog = open_dialog (fixture, "exceptions.overnight");
  PoeRecord *stay;

  set_text (dialog, "hotel-row", "Synthetic Airport Inn");
  set_text (dialog, "address-row", "1 Example Way, Jamaica NY");
  set_text (dialog, "check-in-row", check_in);
  set_selected (dialog, "hotel-voucher-row", 1);
  set_text (dialog, "room-row-0", "412");
  set_text (dialog, "room-row-1", "412");
  set_text (dialog, "room-row-2", "414");
  for (guint i = 3; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("room-row-%u", i);

      if (poe_test_find_named (dialog, name) == NULL)
        break;
      set_text (dialog, name, "414");
    }
  set_selected (dialog, "meal-row-0", meal_position ("MOML"));
  set_selected (dialog, "meal-row-2", meal_position ("BBML"));
  set_selected (dialog, "meal-voucher-row", 1);
  set_text (dialog, "transport-row", "Hotel shuttle");
  set_selected (dialog, "transport-voucher-row", 1);

  /* A pickup before the check-in is refused; the rooms stay as typed. */
  set_text (dialog, "pickup-row", too_early);
  assert_refused (fixture, dialog, "before the check-in", "room-row-2", "414", "exceptions-11-overnight-refused");

  set_text (dialog, "pickup-row", pickup);
  set_text (dialog, "pickup-place-row", "Hotel lobby");
  g_assert_false (gtk_widget_get_visible (poe_test_find_named (dialog, "error-label")));
  g_free (poe_test_screenshot (dialog, "exceptions-12-overnight-dialog"));
  shoot_dialog_end (dialog, "exceptions-12-overnight-dialog-end");
  save_and_close (dialog);

  stays = list_of_case (fixture, "overnight_stay");
  g_assert_cmpuint (stays->len, ==, 1);
  stay = g_ptr_array_index (stays, 0);
  g_assert_cmpstr (poe_record_get_string (stay, "hotel_voucher_id"), ==, poe_record_get_id (hotel));
  g_assert_cmpstr (poe_record_get_string (stay, "meal_voucher_id"), ==, poe_record_get_id (meal));
  g_assert_cmpstr (poe_record_get_string (stay, "transport_voucher_id"), ==, poe_record_get_id (ride));
  g_assert_true (poe_store_is_pending (fixture->store, "overnight_stay", poe_record_get_id (stay)));
  wait_for_text (fixture, "Synthetic Airport Inn");
  wait_for_text (fixture, "Room 412");
  g_assert_true (poe_test_shows_text (fixture->exceptions, "Muslim meal"));
  g_assert_true (poe_test_shows_text (fixture->exceptions, "Baby meal"));
  g_assert_false (poe_test_shows_text (fixture->exceptions, "MOML"));
  g_assert_true (poe_test_shows_text (fixture->exceptions, "voucher H-1042"));
  /* The checklist's rooms, meals and pickup are ticked with the stay; the check-in is not. */
  g_assert_true (poe_test_iterate_until (step_done, poe_test_find_step_row (fixture->view, "onward.rooms", NULL), WAIT_MS));
  g_assert_true (poe_family_step_row_get_done (poe_test_find_step_row (fixture->view, "onward.next_pickup", NULL)));
  g_assert_false (poe_family_step_row_get_done (poe_test_find_step_row (fixture->view, "onward.hotel_checkin", NULL)));
  shoot_page (fixture, "exceptions-13-overnight-recorded");
}

static void
step_ground (Fixture *fixture)
{
  g_autofree char *pickup = next_morning (fixture, 5);
  g_autoptr(GPtrArray) rides = NULL;
  GtkWidget *dialog = open_dialog (fixture, "exceptions.ground");

  set_text (dialog, "provider-row", "Synthetic Car Service");
  set_text (dialog, "vehicle-row", "Van, plate SYN 123");
  set_text (dialog, "driver-row", "D. Driver");
  set_text (dialog, "phone-row", "call the desk");
  set_text (dialog, "pickup-row", pickup);
  set_selected (dialog, "voucher-row", 1);
  assert_refused (fixture, dialog, "phone", "provider-row", "Synthetic Car Service", "exceptions-14-ground-refused");

  set_text (dialog, "phone-row", "+1 718 555 0100");
  set_text (dialog, "pickup-place-row", "Hotel lobby");
  g_free (poe_test_screenshot (dialog, "exceptions-15-ground-dialog"));
  save_and_close (dialog);

  rides = list_of_case (fixture, "ground_transport");
  g_assert_cmpuint (rides->len, ==, 1);
  wait_for_text (fixture, "Synthetic Car Service");
  shoot_page (fixture, "exceptions-16-ground-recorded");
}


/*
 * Tests
 */

static void
test_exception_walk (Fixture       *fixture,
                     gconstpointer  data)
{
  /* A family in secondary, its onward flight still ahead: nothing to propose. */
  prepare_family (fixture, 90);
  open_view (fixture);
  g_assert_false (poe_family_exceptions_get_missed_proposed (POE_FAMILY_EXCEPTIONS (fixture->exceptions)));
  g_free (poe_test_screenshot (GTK_WIDGET (fixture->window), "exceptions-01-secondary"));

  step_missed (fixture);
  step_rebook (fixture);
  step_branch (fixture);
  step_overnight (fixture);
  step_ground (fixture);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

  g_test_add ("/ui/exceptions/walk", Fixture, NULL, fixture_set_up, test_exception_walk, fixture_tear_down);

  return g_test_run ();
}
