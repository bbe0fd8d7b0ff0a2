/* test-shifts.c
 *
 * The shifts page on a synthetic day, offline: an agent clocks in and out (the time of the
 * click is stored), sees a past week's totals and the flag of an over-long entry, submits
 * the week and requests leave; a lead approves one entry and returns one with a reason,
 * cannot touch a locked entry, approves and declines leave, sees leave on the roster, adds
 * and removes shifts (an agent only reads the roster) and exports the payroll CSV of a
 * period, parsed back; a supervisor locks others' approved entries, never their own, and
 * sees an administrator's later change. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "shifts/poe-shifts-page.h"
#include "poe-test-utils.h"

/* Noon of a Monday in the past, in the Americas. */
#define WEEK "2026-11-09T17:00:00Z"

typedef struct
{
  char          *dir;
  char          *path;
  PoeStore      *store;
  PoeSession    *session;
  GtkWindow     *window;
  PoeShiftsPage *page;
} Fixture;


/*
 * Helpers
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->dir = g_dir_make_tmp ("poe-test-shifts-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_test_demo_store_new (fx->path, data);
  fx->session = poe_test_session_new (fx->store);

  fx->page = g_object_new (POE_TYPE_SHIFTS_PAGE, NULL);
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1024, 600);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->page));
  poe_shifts_page_set_session (fx->page, fx->session);
  gtk_window_present (fx->window);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  poe_test_destroy_and_finalize (g_steal_pointer (&fx->window));
  g_clear_object (&fx->session);
  g_clear_object (&fx->store);
  poe_test_remove_store_files (fx->path);
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = poe_test_find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

/* The widget @name inside the row of record @id (row names are "PREFIX-ID"). */
static GtkWidget *
in_row (Fixture    *fx,
        const char *prefix,
        const char *id,
        const char *name)
{
  g_autofree char *row_name = g_strconcat (prefix, "-", id, NULL);
  GtkWidget *row = named (GTK_WIDGET (fx->page), row_name);

  return name != NULL ? named (row, name) : row;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Lets the page follow the store's "changed" and lay itself out. */
static void
settle (Fixture *fx)
{
  poe_test_wait_ms (50);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
}

static const char *
staff_id_of (Fixture    *fx,
             const char *username)
{
  static char id[64];
  g_autoptr(PoeRecord) staff = poe_store_find_by_field (fx->store, "staff", "username", username, NULL);

  g_assert_nonnull (staff);
  g_strlcpy (id, poe_record_get_id (staff), sizeof id);

  return id;
}

/* A record as if pulled from the server: no outbox, no rules. */
static char *
import_entry (Fixture    *fx,
              const char *username,
              const char *state,
              const char *start,
              const char *end,
              gint64      break_minutes)
{
  g_autoptr(PoeRecord) entry = poe_record_new ("time_entry");
  g_autoptr(GDateTime) from = poe_time_parse_iso8601 (start);
  g_autoptr(GDateTime) to = poe_time_parse_iso8601 (end);
  g_autoptr(GError) error = NULL;
  const char *ids[2] = { NULL, NULL };

  poe_record_set_string (entry, "staff_id", staff_id_of (fx, username));
  poe_record_set_string (entry, "state", state);
  poe_record_set_time (entry, "start", from);
  poe_record_set_time (entry, "end", to);
  poe_record_set_int (entry, "break_minutes", break_minutes);
  g_assert_true (poe_store_begin (fx->store, &error));
  g_assert_true (poe_store_import (fx->store, entry, &error));
  g_assert_true (poe_store_commit (fx->store, &error));
  ids[0] = poe_record_get_id (entry);
  poe_store_emit_changed (fx->store, "time_entry", ids, POE_STORE_CHANGE_PULLED);

  return g_strdup (poe_record_get_id (entry));
}

static char *
import_leave (Fixture    *fx,
              const char *username,
              const char *state,
              const char *first_day,
              const char *last_day)
{
  g_autoptr(PoeRecord) leave = poe_record_new ("leave_request");
  g_autoptr(GError) error = NULL;
  const char *ids[2] = { NULL, NULL };

  poe_record_set_string (leave, "staff_id", staff_id_of (fx, username));
  poe_record_set_string (leave, "state", state);
  poe_record_set_string (leave, "kind", "annual");
  poe_record_set_string (leave, "first_day", first_day);
  poe_record_set_string (leave, "last_day", last_day);
  g_assert_true (poe_store_begin (fx->store, &error));
  g_assert_true (poe_store_import (fx->store, leave, &error));
  g_assert_true (poe_store_commit (fx->store, &error));
  ids[0] = poe_record_get_id (leave);
  poe_store_emit_changed (fx->store, "leave_request", ids, POE_STORE_CHANGE_PULLED);

  return g_strdup (poe_record_get_id (leave));
}

static PoeRecord *
stored (Fixture    *fx,
        const char *entity,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record = poe_store_get (fx->store, entity, id, &error);

  g_assert_no_error (error);
  return record;
}

static void
assert_state (Fixture    *fx,
              const char *entity,
              const char *id,
              const char *state)
{
  g_autoptr(PoeRecord) record = stored (fx, entity, id);

  g_assert_cmpstr (poe_record_get_string (record, "state"), ==, state);
}

static GTimeZone *
poe_zone (Fixture *fx)
{
  g_autoptr(GPtrArray) poes = poe_store_list (fx->store, "poe", NULL, NULL, NULL);

  g_assert_cmpuint (poes->len, >, 0);
  return g_time_zone_new_identifier (poe_record_get_string (poes->pdata[0], "time_zone"));
}

static char *
local_time (Fixture    *fx,
            const char *utc,
            const char *format)
{
  g_autoptr(GTimeZone) zone = poe_zone (fx);
  g_autoptr(GDateTime) time = poe_time_parse_iso8601 (utc);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_format (local, format);
}

static AdwMessageDialog *
find_dialog (void)
{
  GtkWidget *dialog = poe_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
answer_with_reason (AdwMessageDialog *dialog,
                    const char       *reason)
{
  GtkWidget *entry = named (GTK_WIDGET (dialog), "reason-entry");

  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  adw_message_dialog_response (dialog, "confirm");
  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!poe_shifts_page_export_payroll_finish (POE_SHIFTS_PAGE (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (object, "export-done", GINT_TO_POINTER (TRUE));
}

static gboolean
export_finished (gpointer user_data)
{
  return g_object_get_data (user_data, "export-done") != NULL;
}


/*
 * Tests
 */

static void
test_clock (Fixture       *fx,
            gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fx->page);
  const char *me = staff_id_of (fx, "agent");
  g_autoptr(PoeRecord) open = poe_timesheet_find_open_entry (fx->store, me, NULL);
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(PoeRecord) closed = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  guint pending;

  g_assert_false (gtk_widget_get_visible (named (page, "export-button")));

  /* The demo may have clocked the agent in already: start from a clean slate. */
  if (open != NULL)
    click (named (page, "clock-out-button"));
  g_assert_false (gtk_widget_is_sensitive (named (page, "clock-out-button")));

  pending = poe_store_count_pending (fx->store);
  before = g_date_time_new_now_utc ();
  click (named (page, "clock-in-button"));
  after = g_date_time_new_now_utc ();
  settle (fx);

  entry = poe_timesheet_find_open_entry (fx->store, me, NULL);
  g_assert_nonnull (entry);
  start = poe_record_dup_time (entry, "start");
  g_assert_cmpint (g_date_time_difference (start, before), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (after, start), >=, 0);
  g_assert_cmpuint (poe_store_count_pending (fx->store), ==, pending + 1);
  g_assert_true (poe_store_is_pending (fx->store, "time_entry", poe_record_get_id (entry)));
  g_assert_true (poe_test_shows_text (page, "Clocked in since"));
  g_assert_false (gtk_widget_is_sensitive (named (page, "clock-in-button")));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (named (page, "break-spin")), 15);
  gtk_editable_set_text (GTK_EDITABLE (named (page, "note-row")), "Flight late");
  g_clear_pointer (&before, g_date_time_unref);
  before = g_date_time_new_now_utc ();
  click (named (page, "clock-out-button"));
  settle (fx);

  closed = stored (fx, "time_entry", poe_record_get_id (entry));
  end = poe_record_dup_time (closed, "end");
  g_assert_nonnull (end);
  g_assert_cmpint (g_date_time_difference (end, before), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (poe_record_get_int (closed, "break_minutes"), ==, 15);
  g_assert_cmpstr (poe_record_get_string (closed, "note"), ==, "Flight late");
  g_assert_true (poe_test_shows_text (page, "Not clocked in"));
  g_assert_nonnull (in_row (fx, "entry", poe_record_get_id (entry), NULL));
}

static void
test_week (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fx->page);
  g_autoptr(GDateTime) week = poe_time_parse_iso8601 (WEEK);
  g_autofree char *regular = NULL;
  g_autofree char *long_id = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *leave_shot = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  GtkWidget *flag;

  /* Mon 06:00–14:30 with 30 min break (8 h), Tue 06:00–19:15 with 60 (12 h 15, 13 h 15 long). */
  regular = import_entry (fx, "agent", "draft", "2026-11-09T11:00:00Z", "2026-11-09T19:30:00Z", 30);
  long_id = import_entry (fx, "agent", "draft", "2026-11-10T11:00:00Z", "2026-11-11T00:15:00Z", 60);
  poe_shifts_page_set_week (fx->page, week);
  settle (fx);

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (named (page, "total-label"))), ==, "Total 20 h 15");
  g_assert_true (poe_test_shows_text (named (page, "day-0"), "8 h 00"));
  g_assert_true (poe_test_shows_text (named (page, "day-1"), "12 h 15"));
  g_assert_true (poe_test_shows_text (named (page, "day-2"), "0 h 00"));
  flag = in_row (fx, "entry", long_id, "flag-label");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (flag)), ==, "Longer than 12 hours.");
  g_assert_null (poe_test_find_named (in_row (fx, "entry", regular, NULL), "flag-label"));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "shifts-week");

  click (named (page, "submit-button"));
  settle (fx);
  assert_state (fx, "time_entry", regular, "submitted");
  assert_state (fx, "time_entry", long_id, "submitted");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (named (page, "week-message"))), ==, "2 entries sent to the lead.");
  g_assert_false (gtk_widget_is_sensitive (named (page, "submit-button")));
  g_assert_false (gtk_widget_is_sensitive (in_row (fx, "entry", regular, "edit-button")));

  /* Leave: a request the agent makes, queued for the lead; a wrong range is refused. */
  poe_shifts_page_set_view (fx->page, "leave");
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (page, "kind-row")), 2);
  gtk_editable_set_text (GTK_EDITABLE (named (page, "first-day-row")), "2026-12-20");
  gtk_editable_set_text (GTK_EDITABLE (named (page, "last-day-row")), "2026-12-18");
  click (named (page, "request-button"));
  g_assert_true (poe_test_shows_text (page, "Choose a first day and a last day on or after it."));
  gtk_editable_set_text (GTK_EDITABLE (named (page, "last-day-row")), "2026-12-22");
  click (named (page, "request-button"));
  settle (fx);

  leaves = poe_store_list (fx->store, "leave_request", NULL, NULL, NULL);
  g_assert_cmpuint (leaves->len, ==, 1);
  g_assert_cmpstr (poe_record_get_string (leaves->pdata[0], "kind"), ==, "training");
  g_assert_cmpstr (poe_record_get_string (leaves->pdata[0], "state"), ==, "requested");
  g_assert_true (poe_store_is_pending (fx->store, "leave_request", poe_record_get_id (leaves->pdata[0])));
  g_assert_nonnull (in_row (fx, "leave", poe_record_get_id (leaves->pdata[0]), "cancel-leave-button"));
}

static void
test_lead (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fx->page);
  g_autoptr(GDateTime) week = poe_time_parse_iso8601 (WEEK);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *today = NULL;
  g_autofree char *first = import_entry (fx, "agent", "submitted", "2026-11-09T11:00:00Z", "2026-11-09T21:30:00Z", 30);
  g_autofree char *second = import_entry (fx, "agent", "submitted", "2026-11-10T11:00:00Z", "2026-11-10T19:00:00Z", 0);
  g_autofree char *mine = import_entry (fx, "lead", "locked", "2026-11-11T11:00:00Z", "2026-11-11T19:00:00Z", 30);
  g_autofree char *away = NULL;
  g_autofree char *wish = NULL;
  g_autofree char *other_wish = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(PoeRecord) decided = NULL;
  g_autoptr(PoeRecord) locked = NULL;
  g_autoptr(GError) error = NULL;

  poe_shifts_page_set_week (fx->page, week);
  poe_shifts_page_set_view (fx->page, "approvals");
  settle (fx);
  g_assert_true (poe_test_shows_text (page, "Demo Agent Avery"));
  g_assert_nonnull (in_row (fx, "approval", second, NULL));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "shifts-approvals");
  g_clear_pointer (&shot, g_free);

  /* Approve one; return the other with a reason. */
  click (in_row (fx, "approval", first, "approve-button"));
  settle (fx);
  decided = stored (fx, "time_entry", first);
  g_assert_cmpstr (poe_record_get_string (decided, "state"), ==, "approved");
  g_assert_cmpstr (poe_record_get_string (decided, "decided_by"), ==, poe_session_get_staff_id (fx->session));
  g_assert_true (poe_store_is_pending (fx->store, "time_entry", first));

  click (in_row (fx, "approval", second, "reject-button"));
  answer_with_reason (find_dialog (), "Break not recorded");
  settle (fx);
  g_clear_object (&decided);
  decided = stored (fx, "time_entry", second);
  g_assert_cmpstr (poe_record_get_string (decided, "state"), ==, "rejected");
  g_assert_cmpstr (poe_record_get_string (decided, "reason"), ==, "Break not recorded");
  g_assert_true (poe_test_shows_text (page, "Nothing waits for approval."));

  /* The lead's own locked entry: no edit, and the core rule refuses a change. */
  poe_shifts_page_set_view (fx->page, "week");
  settle (fx);
  g_assert_false (gtk_widget_is_sensitive (in_row (fx, "entry", mine, "edit-button")));
  locked = stored (fx, "time_entry", mine);
  poe_record_set_int (locked, "break_minutes", 0);
  g_assert_false (poe_timesheet_save_entry (fx->store, "lead", locked, &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);

  /* Leave against the roster: agent2's approved leave today shows on the roster. */
  zone = poe_zone (fx);
  today = poe_timesheet_dup_local_day (now, zone);
  away = import_leave (fx, "agent2", "approved", today, today);
  wish = import_leave (fx, "agent", "requested", "2026-12-28", "2026-12-30");
  other_wish = import_leave (fx, "agent2", "requested", "2027-01-04", "2027-01-05");
  poe_shifts_page_set_roster_day (fx->page, now);
  poe_shifts_page_set_view (fx->page, "roster");
  settle (fx);
  g_assert_true (poe_test_shows_text (page, "On leave"));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "shifts-roster");
  g_clear_pointer (&shot, g_free);

  poe_shifts_page_set_view (fx->page, "leave");
  settle (fx);
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "shifts-leave");
  click (in_row (fx, "leave", wish, "approve-leave-button"));
  settle (fx);
  assert_state (fx, "leave_request", wish, "approved");
  click (in_row (fx, "leave", other_wish, "reject-leave-button"));
  answer_with_reason (find_dialog (), "Roster too thin that week");
  settle (fx);
  assert_state (fx, "leave_request", other_wish, "rejected");
  g_assert_null (poe_test_find_named (in_row (fx, "leave", away, NULL), "approve-leave-button"));
}

static void
test_lock (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fx->page);
  g_autoptr(GDateTime) week = poe_time_parse_iso8601 (WEEK);
  g_autofree char *monday = import_entry (fx, "agent", "approved", "2026-11-09T11:00:00Z", "2026-11-09T19:00:00Z", 30);
  g_autofree char *tuesday = import_entry (fx, "agent", "approved", "2026-11-10T11:00:00Z", "2026-11-10T19:00:00Z", 0);
  g_autofree char *theirs = import_entry (fx, "agent2", "approved", "2026-11-11T11:00:00Z", "2026-11-11T19:00:00Z", 0);
  g_autofree char *waiting = import_entry (fx, "agent2", "submitted", "2026-11-12T11:00:00Z", "2026-11-12T19:00:00Z", 0);
  g_autofree char *friday = import_entry (fx, "agent2", "approved", "2026-11-13T11:00:00Z", "2026-11-13T19:00:00Z", 0);
  g_autofree char *mine = import_entry (fx, "supervisor", "approved", "2026-11-12T11:00:00Z", "2026-11-12T19:00:00Z", 0);
  g_autofree char *shot = NULL;
  g_autofree char *agent_group = g_strconcat ("lock-week-", staff_id_of (fx, "agent"), NULL);
  g_autofree char *own_group = g_strconcat ("lock-week-", staff_id_of (fx, "supervisor"), NULL);
  g_autofree char *own_row = g_strconcat ("lock-", mine, NULL);
  g_autoptr(PoeRecord) admin = poe_store_find_by_field (fx->store, "staff", "username", "admin", NULL);
  g_autoptr(PoeRecord) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  poe_shifts_page_set_week (fx->page, week);
  poe_shifts_page_set_view (fx->page, "approvals");
  settle (fx);
  g_assert_true (poe_test_shows_text (page, "Approved and locked in the week of 9 Nov – 15 Nov 2026"));
  g_assert_nonnull (in_row (fx, "approval", waiting, NULL));
  g_assert_nonnull (in_row (fx, "lock", monday, "lock-button"));

  /* Their own approved entry is not offered, and the rule refuses it. */
  g_assert_null (poe_test_find_named (page, own_group));
  g_assert_null (poe_test_find_named (page, own_row));
  g_assert_false (poe_timesheet_lock (fx->store, "supervisor", mine, &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);
  assert_state (fx, "time_entry", mine, "approved");

  /* Lock one entry, then the agent's whole week. */
  click (in_row (fx, "lock", theirs, "lock-button"));
  settle (fx);
  assert_state (fx, "time_entry", theirs, "locked");
  g_assert_true (poe_store_is_pending (fx->store, "time_entry", theirs));
  g_assert_null (poe_test_find_named (in_row (fx, "lock", theirs, NULL), "lock-button"));

  click (named (named (page, agent_group), "lock-week-button"));
  settle (fx);
  assert_state (fx, "time_entry", monday, "locked");
  assert_state (fx, "time_entry", tuesday, "locked");
  assert_state (fx, "time_entry", waiting, "submitted");
  assert_state (fx, "time_entry", friday, "approved");
  g_assert_false (gtk_widget_get_visible (named (named (page, agent_group), "lock-week-button")));
  g_assert_nonnull (in_row (fx, "lock", friday, "lock-button"));

  /* An administrator's change after the lock shows on the row. */
  changed = stored (fx, "time_entry", monday);
  poe_record_set_int (changed, "break_minutes", 45);
  poe_store_set_actor (fx->store, poe_record_get_id (admin), "admin");
  g_assert_true (poe_timesheet_save_entry (fx->store, "admin", changed, &error));
  g_assert_no_error (error);
  poe_store_set_actor (fx->store, poe_session_get_staff_id (fx->session), "supervisor");
  settle (fx);
  expected = g_strdup_printf ("Changed after lock by %s at ", poe_record_get_string (admin, "display_name"));
  g_assert_true (poe_test_shows_text (in_row (fx, "lock", monday, NULL), expected));
  g_assert_false (poe_test_shows_text (in_row (fx, "lock", tuesday, NULL), "Changed after lock"));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "shifts-lock");
}

static void
test_roster_edit (Fixture       *fx,
                  gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fx->page);
  gboolean lead = g_str_equal (data, "lead");
  g_autoptr(GDateTime) day = poe_time_parse_iso8601 (WEEK);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(PoeRecord) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *local_start = NULL;
  g_autofree char *row_name = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *picker;
  const char * const *ids;
  guint agent2 = G_MAXUINT;

  poe_shifts_page_set_roster_day (fx->page, day);
  poe_shifts_page_set_view (fx->page, "roster");
  settle (fx);
  before = poe_store_list (fx->store, "shift", NULL, NULL, NULL);

  if (!lead)
    {
      g_assert_false (gtk_widget_get_visible (named (page, "add-shift-button")));
      g_assert_null (poe_test_find_named (page, "remove-shift-button"));
      g_assert_null (poe_test_find_named (page, "edit-shift-button"));
      g_assert_false (poe_shifts_page_add_shift (fx->page, staff_id_of (fx, "agent"), "2026-11-09", "06:00",
                                                 "14:00", NULL, &error));
      g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_NOT_ALLOWED);
      return;
    }

  /* Add: the staff picker offers the POE's staff; a night shift ends the next day. */
  g_assert_true (poe_test_shows_text (page, "No shifts are rostered on this day."));
  click (named (page, "add-shift-button"));
  dialog = find_dialog ();
  picker = GTK_DROP_DOWN (named (GTK_WIDGET (dialog), "staff-dropdown"));
  ids = g_object_get_data (G_OBJECT (dialog), "staff-ids");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (picker)), ==, g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    agent2 = g_str_equal (ids[i], staff_id_of (fx, "agent2")) ? i : agent2;
  g_assert_cmpuint (agent2, !=, G_MAXUINT);
  gtk_drop_down_set_selected (picker, agent2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "day-entry"))), ==, "2026-11-09");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "start-entry")), "22:00");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "end-entry")), "06:30");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "role-entry")), "arrivals");
  poe_test_wait_for_frame (GTK_WIDGET (dialog));
  g_clear_pointer (&shot, g_free);
  shot = poe_test_screenshot (GTK_WIDGET (dialog), "shifts-roster-add");
  adw_message_dialog_response (dialog, "save");
  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));
  settle (fx);

  after = poe_store_list (fx->store, "shift", NULL, NULL, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  added = g_object_ref (g_ptr_array_index (after, after->len - 1));
  g_assert_cmpstr (poe_record_get_string (added, "staff_id"), ==, staff_id_of (fx, "agent2"));
  g_assert_cmpstr (poe_record_get_string (added, "role"), ==, "arrivals");
  g_assert_nonnull (poe_record_get_string (added, "poe"));
  local_start = local_time (fx, poe_record_get_string (added, "planned_start"), "%Y-%m-%d %H:%M");
  g_assert_cmpstr (local_start, ==, "2026-11-09 22:00");
  g_assert_true (poe_store_is_pending (fx->store, "shift", poe_record_get_id (added)));
  g_assert_true (poe_test_shows_text (in_row (fx, "shift", poe_record_get_id (added), NULL), "22:00–06:30 · arrivals"));
  g_clear_pointer (&shot, g_free);
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "shifts-roster-edit");

  /* Remove: cancelling keeps it; confirming deletes it. */
  click (in_row (fx, "shift", poe_record_get_id (added), "remove-shift-button"));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));
  settle (fx);
  g_assert_nonnull (in_row (fx, "shift", poe_record_get_id (added), NULL));

  click (in_row (fx, "shift", poe_record_get_id (added), "remove-shift-button"));
  dialog = find_dialog ();
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "remove");
  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));
  settle (fx);
  row_name = g_strconcat ("shift-", poe_record_get_id (added), NULL);
  g_assert_null (poe_test_find_named (page, row_name));
  g_assert_true (poe_test_shows_text (page, "No shifts are rostered on this day."));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = poe_store_list (fx->store, "shift", NULL, NULL, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

/* "YYYY-MM-DDTHH:MM:SSZ" of a local time at the POE, @days after the local day of @day. */
static char *
at_poe (Fixture   *fx,
        GDateTime *day,
        int        days,
        int        hour,
        int        minute)
{
  g_autoptr(GTimeZone) zone = poe_zone (fx);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (day, zone);
  g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (midnight, days);
  g_autoptr(GDateTime) time = g_date_time_new (zone, g_date_time_get_year (moved), g_date_time_get_month (moved),
                                               g_date_time_get_day_of_month (moved), hour, minute, 0);

  return poe_time_format_iso8601 (time);
}

static GPtrArray *
export_rows (Fixture          *fx,
             PoePayrollPeriod  period)
{
  g_autofree char *path = g_build_filename (fx->dir, "payroll.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *rows;
  gsize size;

  g_object_set_data (G_OBJECT (fx->page), "export-done", NULL);
  poe_shifts_page_export_payroll_async (fx->page, period, file, NULL, export_done_cb, &error);
  g_assert_true (poe_test_iterate_until (export_finished, fx->page, 5000));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &text, &size, &error));
  rows = poe_csv_parse (text, size, &error);
  g_assert_no_error (error);
  g_unlink (path);

  return rows;
}

static void
test_payroll (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GTimeZone) zone = poe_zone (fx);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, zone);
  g_autoptr(GDateTime) monday = g_date_time_add_days (local, 1 - g_date_time_get_day_of_week (local));
  g_autofree char *start = at_poe (fx, monday, 0, 9, 0);
  g_autofree char *end = at_poe (fx, monday, 0, 19, 30);
  g_autofree char *thursday = at_poe (fx, monday, 3, 6, 0);
  g_autofree char *thursday_end = at_poe (fx, monday, 3, 14, 0);
  g_autofree char *tuesday = at_poe (fx, monday, 1, 6, 0);
  g_autofree char *tuesday_end = at_poe (fx, monday, 1, 14, 0);
  g_autofree char *approved = import_entry (fx, "agent", "approved", start, end, 30);
  g_autofree char *locked = import_entry (fx, "agent2", "locked", thursday, thursday_end, 0);
  g_autofree char *waiting = import_entry (fx, "agent", "submitted", tuesday, tuesday_end, 0);
  g_autofree char *monday_day = g_date_time_format (monday, "%Y-%m-%d");
  g_autoptr(PoeRecord) agent = poe_store_find_by_field (fx->store, "staff", "username", "agent", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  guint seen = 0;
  char **row;

  g_assert_true (gtk_widget_get_visible (named (GTK_WIDGET (fx->page), "export-button")));
  rows = export_rows (fx, POE_PAYROLL_PERIOD_THIS_WEEK);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "staff");
  g_assert_cmpstr (row[7], ==, "overtime_hours");

  for (guint i = 1; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (g_strcmp0 (row[1], "agent") != 0)
        continue;
      seen++;
      g_assert_cmpstr (row[0], ==, poe_record_get_string (agent, "display_name"));
      g_assert_cmpstr (row[2], ==, monday_day);
      g_assert_cmpstr (row[3], ==, "09:00");
      g_assert_cmpstr (row[4], ==, "19:30");
      g_assert_cmpstr (row[5], ==, "30");
      g_assert_cmpstr (row[6], ==, "10.00");
      g_assert_cmpstr (row[7], ==, "2.00");
    }
  g_assert_cmpuint (seen, ==, 1);
}

static void
test_payroll_period (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GTimeZone) zone = poe_zone (fx);
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  /* In: the 10th (approved) and the last day (locked). Out: submitted, and the next month's first day. */
  const struct { const char *user; const char *state; gboolean from_last; int days; int hour; } entries[] = {
    { "agent", "approved", FALSE, 9, 8 },
    { "agent2", "locked", TRUE, 0, 20 },
    { "agent", "submitted", FALSE, 1, 8 },
    { "agent", "approved", TRUE, 1, 8 },
  };
  AdwMessageDialog *dialog;
  GtkDropDown *periods;
  int y, m, day;

  /* The dialog asks for the period first. */
  click (named (GTK_WIDGET (fx->page), "export-button"));
  dialog = find_dialog ();
  periods = GTK_DROP_DOWN (named (GTK_WIDGET (dialog), "period-dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (periods)), ==, 4);
  gtk_drop_down_set_selected (periods, POE_PAYROLL_PERIOD_LAST_MONTH);
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  adw_message_dialog_response (dialog, "cancel");
  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));

  poe_payroll_period_get_bounds (POE_PAYROLL_PERIOD_LAST_MONTH, now, zone, &first_day, &last_day);
  g_assert_cmpint (sscanf (first_day, "%d-%d-%d", &y, &m, &day), ==, 3);
  first = g_date_time_new (zone, y, m, day, 12, 0, 0);
  g_assert_cmpint (sscanf (last_day, "%d-%d-%d", &y, &m, &day), ==, 3);
  last = g_date_time_new (zone, y, m, day, 12, 0, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (first), ==, 1);
  after = g_date_time_add_days (last, 1);
  g_assert_cmpint (g_date_time_get_month (after), !=, g_date_time_get_month (last));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GDateTime *base = entries[i].from_last ? last : first;
      char *start = at_poe (fx, base, entries[i].days, entries[i].hour, 0);
      char *end = at_poe (fx, base, entries[i].days, entries[i].hour + (entries[i].hour == 20 ? 3 : 8), 0);

      g_ptr_array_add (texts, start);
      g_ptr_array_add (texts, end);
      g_ptr_array_add (texts, import_entry (fx, entries[i].user, entries[i].state, start, end, 0));
    }

  rows = export_rows (fx, POE_PAYROLL_PERIOD_LAST_MONTH);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      gboolean agent = g_str_equal (row[1], "agent");

      g_assert_true (agent || g_str_equal (row[1], "agent2"));
      g_assert_cmpstr (row[2], >=, first_day);
      g_assert_cmpstr (row[2], <=, last_day);
      g_assert_cmpstr (row[3], ==, agent ? "08:00" : "20:00");
      g_assert_cmpstr (row[6], ==, agent ? "8.00" : "3.00");
      if (!agent)
        g_assert_cmpstr (row[2], ==, last_day);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  poe_test_ui_init (&argc, &argv);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, user, func) g_test_add (path, Fixture, user, fixture_setup, func, fixture_teardown)
  ADD ("/ui/shifts/clock", "agent", test_clock);
  ADD ("/ui/shifts/week", "agent", test_week);
  ADD ("/ui/shifts/lead", "lead", test_lead);
  ADD ("/ui/shifts/payroll", "lead", test_payroll);
  ADD ("/ui/shifts/payroll-period", "supervisor", test_payroll_period);
  ADD ("/ui/shifts/lock", "supervisor", test_lock);
  ADD ("/ui/shifts/roster-edit", "lead", test_roster_edit);
  ADD ("/ui/shifts/roster-edit/agent", "agent", test_roster_edit);
#undef ADD

  return g_test_run ();
}
