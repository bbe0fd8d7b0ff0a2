/* test-incidents.c
 *
 * The incidents page and the anomaly dialog on a synthetic day: an agent drafts, submits
 * and comments on a report, a lead reviews and closes it with reasons (a second session on
 * the same store); a half-filled form shows messages on its fields and stores nothing;
 * filters, what an agent sees, overdue follow-ups in words; an anomaly report from a
 * delayed flight pre-filled and queued with an outbox mutation. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "incidents/poe-anomaly-dialog.h"
#include "incidents/poe-incident-editor.h"
#include "incidents/poe-incident-labels.h"
#include "incidents/poe-incidents-page.h"
#include "poe-test-utils.h"

typedef struct
{
  char             *dir;
  char             *path;
  PoeStore         *store;
  PoeSession       *session;
  PoeSession       *lead_session;
  GtkWindow        *window;
  PoeIncidentsPage *page;
  PoeIncidentEditor *editor;
} Fixture;


/*
 * Helpers
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->dir = g_dir_make_tmp ("poe-test-incidents-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_test_demo_store_new (fx->path, "agent");
  fx->session = poe_test_session_new (fx->store);

  fx->page = g_object_new (POE_TYPE_INCIDENTS_PAGE, NULL);
  fx->editor = poe_incidents_page_get_editor (fx->page);
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1024, 600);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->page));
  poe_incidents_page_set_session (fx->page, fx->session);
  gtk_window_present (fx->window);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  poe_test_destroy_and_finalize (g_steal_pointer (&fx->window));
  g_clear_object (&fx->lead_session);
  g_clear_object (&fx->session);
  g_clear_object (&fx->store);
  poe_test_remove_store_files (fx->path);
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static GtkWidget *
named (Fixture    *fx,
       const char *name)
{
  GtkWidget *widget = poe_test_find_named (GTK_WIDGET (fx->page), name);

  g_assert_nonnull (widget);
  return widget;
}

static guint
enum_position (const char *entity,
               const char *field,
               const char *code)
{
  const PoeFieldInfo *info = poe_entity_lookup_field (poe_schema_lookup_entity (entity), field);

  for (guint i = 0; info->enum_values[i] != NULL; i++)
    {
      if (g_str_equal (info->enum_values[i], code))
        return i;
    }

  g_assert_not_reached ();
}

static void
choose (Fixture    *fx,
        const char *row,
        const char *field,
        const char *code)
{
  /* Item 0 is "Choose…". */
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (fx, row)), enum_position ("incident", field, code) + 1);
}

static void
type_into (Fixture    *fx,
           const char *name,
           const char *text)
{
  GtkWidget *widget = named (fx, name);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static PoeRecord *
get_incident (Fixture    *fx,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record = poe_store_get (fx->store, "incident", id, &error);

  g_assert_no_error (error);
  return record;
}

static PoeRecord *
first_case_with_members (Fixture *fx)
{
  g_autoptr(GPtrArray) cases = poe_store_list (fx->store, "case", NULL, NULL, NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fx->store, poe_record_get_id (kase), NULL);

      if (persons->len >= 2)
        return g_object_ref (kase);
    }

  g_assert_not_reached ();
}

static char *
dup_first_surname (Fixture   *fx,
                   PoeRecord *kase)
{
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fx->store, poe_record_get_id (kase), NULL);

  return g_strdup (poe_record_get_string (g_ptr_array_index (persons, 0), "surname"));
}

static const char *
staff_id (Fixture    *fx,
          const char *username)
{
  g_autoptr(PoeRecord) staff = poe_store_find_by_field (fx->store, "staff", "username", username, NULL);

  g_assert_nonnull (staff);
  return g_intern_string (poe_record_get_id (staff));
}

/* The same store file, now signed in as the lead: what happens when the lead uses this
 * device after the agent. */
static void
switch_to_lead (Fixture *fx)
{
  g_autoptr(PoeRecord) lead = poe_store_find_by_field (fx->store, "staff", "username", "lead", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_session_write_user (fx->store, "http://127.0.0.1:9", poe_record_get_id (lead), "lead",
                                         poe_record_get_string (lead, "display_name"), "lead",
                                         poe_record_get_string (lead, "poe"), POE_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  fx->lead_session = poe_test_session_new (fx->store);
  g_assert_cmpstr (poe_session_get_role (fx->lead_session), ==, "lead");
  poe_incidents_page_set_session (fx->page, fx->lead_session);
}

static gboolean
has_mutation (Fixture    *fx,
              const char *entity,
              const char *record_id,
              const char *field)
{
  g_autoptr(GPtrArray) mutations = poe_store_outbox_peek (fx->store, 10000, NULL);

  for (guint i = 0; mutations != NULL && i < mutations->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (mutations, i);

      if (g_str_equal (mutation->entity, entity) && g_str_equal (mutation->record_id, record_id) &&
          (field == NULL || strstr (mutation->fields, field) != NULL))
        return TRUE;
    }

  return FALSE;
}

static void
answer_reason (AdwMessageDialog *dialog,
               const char       *reason)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_EDITABLE (entry));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (entry), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));

  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static PoeRecord *
save_incident (Fixture    *fx,
               const char *author,
               const char *status,
               const char *category,
               const char *severity,
               int         hours_ago,
               const char *follow_up_due,
               const char *case_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = g_date_time_add_hours (now, -hours_ago);
  g_autoptr(PoeRecord) incident = poe_incident_new_draft (author, at);
  g_autoptr(GError) error = NULL;
  const char *case_ids[] = { case_id, NULL };

  poe_record_set_string (incident, "status", status);
  poe_record_set_string (incident, "category", category);
  poe_record_set_string (incident, "severity", severity);
  poe_record_set_string (incident, "narrative", "Synthetic narrative.");
  poe_record_set_string (incident, "place", "Hall C");
  poe_record_set_string (incident, "follow_up_due", follow_up_due);
  if (case_id != NULL)
    poe_record_set_strv (incident, "case_ids", case_ids);

  /* As if pulled from the server: no outbox entry of this device. */
  g_assert_true (poe_store_begin (fx->store, &error));
  g_assert_true (poe_store_import (fx->store, incident, &error));
  g_assert_true (poe_store_commit (fx->store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&incident);
}

static char *
dup_date (Fixture *fx,
          int      days_from_today)
{
  /* In the POE's time zone, which decides what "today" is for the page: in the machine's,
   * the dates were a day off for some hours around midnight. */
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = poe_store_dup_poe_time_zone (fx->store, NULL, &error);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_assert_no_error (error);
  now = g_date_time_new_now (zone);
  day = g_date_time_add_days (now, days_from_today);

  return g_date_time_format (day, "%Y-%m-%d");
}

static GtkWidget *
row_for (Fixture    *fx,
         const char *incident_id)
{
  GtkWidget *list = named (fx, "incident-list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "incident-id"), incident_id) == 0)
        return row;
    }

  return NULL;
}


/*
 * Tests
 */

static void
test_incidents_flow (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = first_case_with_members (fx);
  g_autofree char *surname = dup_first_surname (fx, kase);
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fx->store, poe_record_get_id (kase), NULL);
  g_autoptr(GPtrArray) comments = NULL;
  g_autofree char *shot = NULL;
  g_auto(GStrv) shown = NULL;
  g_autofree char *id = NULL;
  AdwMessageDialog *dialog;
  guint pending = poe_store_count_pending (fx->store);
  GtkWidget *first_member;

  /* Nothing yet: the empty state, with a way to start. */
  g_assert_true (gtk_widget_get_mapped (named (fx, "empty-new-button")));

  poe_incidents_page_new_incident (fx->page);
  g_assert_cmpstr (poe_incident_editor_get_mode (fx->editor), ==, "form");
  id = g_strdup (poe_incident_editor_get_incident_id (fx->editor));
  choose (fx, "category-row", "category", "medical");
  choose (fx, "severity-row", "severity", "high");
  type_into (fx, "place-row", "Belt 4");
  g_assert_false (poe_incident_editor_add_case (fx->editor, "NO-SUCH-CASE"));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "case_ids"));
  g_assert_true (poe_incident_editor_add_case (fx->editor, poe_record_get_string (kase, "case_number")));
  g_assert_null (poe_incident_editor_get_field_message (fx->editor, "case_ids"));

  /* Tick the first member, shown by initials only. */
  first_member = gtk_widget_get_next_sibling (gtk_widget_get_first_child (named (fx, "cases-list")));
  g_assert_true (ADW_IS_ACTION_ROW (first_member));
  gtk_widget_activate (first_member);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_false (poe_test_shows_text (GTK_WIDGET (fx->page), surname));

  /* A draft without a narrative is fine, offline: row + outbox + audit. */
  g_assert_true (poe_incident_editor_save_draft (fx->editor));
  g_assert_cmpuint (poe_store_count_pending (fx->store), ==, pending + 1);
  stored = get_incident (fx, id);
  g_assert_cmpstr (poe_record_get_string (stored, "status"), ==, "draft");
  g_assert_cmpstr (poe_record_get_string (stored, "author_id"), ==, staff_id (fx, "agent"));
  g_assert_cmpstr (poe_record_get_string (stored, "place"), ==, "Belt 4");
  g_assert_cmpstr (poe_record_get_strv (stored, "case_ids")[0], ==, poe_record_get_id (kase));
  g_assert_cmpstr (poe_record_get_strv (stored, "person_ids")[0], ==, poe_record_get_id (g_ptr_array_index (persons, 0)));
  g_assert_null (poe_record_get_strv (stored, "person_ids")[1]);
  g_clear_object (&stored);
  shown = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpstr (shown[0], ==, id);

  /* Submitting needs a narrative: the message sits on the field, nothing is submitted. */
  g_assert_false (poe_incident_editor_submit (fx->editor));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "narrative"));
  g_assert_true (gtk_widget_get_visible (named (fx, "narrative-message")));
  stored = get_incident (fx, id);
  g_assert_cmpstr (poe_record_get_string (stored, "status"), ==, "draft");
  g_clear_object (&stored);

  type_into (fx, "narrative-view", "Adult member felt faint at belt 4 while waiting for bags; seated, given water.");
  type_into (fx, "actions-view", "Airport EMS called, checked and cleared at 14:40.");
  type_into (fx, "notified-row", "Shift lead, RA caseworker");

  g_assert_true (poe_incident_editor_submit (fx->editor));
  g_assert_cmpstr (poe_incident_editor_get_mode (fx->editor), ==, "report");
  g_assert_null (poe_incident_editor_get_field_message (fx->editor, "narrative"));
  stored = get_incident (fx, id);
  g_assert_cmpstr (poe_record_get_string (stored, "status"), ==, "open");
  g_assert_true (has_mutation (fx, "incident", id, "\"status\""));
  g_clear_object (&stored);

  /* The agent comments; reviewing is for leads. */
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_false (gtk_widget_get_visible (named (fx, "review-group")));
  g_assert_false (poe_incident_editor_add_comment (fx->editor, "   "));
  g_assert_true (poe_incident_editor_add_comment (fx->editor, "RA caseworker informed by phone."));
  g_assert_false (poe_test_shows_text (GTK_WIDGET (fx->page), surname));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (fx->page), poe_record_get_string (kase, "case_number")));

  /* The lead reviews, then closes, each time with a reason. */
  switch_to_lead (fx);
  poe_incidents_page_show_incident (fx->page, id);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_cmpstr (poe_incident_editor_get_mode (fx->editor), ==, "report");
  g_assert_true (gtk_widget_get_mapped (named (fx, "review-button")));
  g_assert_false (gtk_widget_get_visible (named (fx, "close-button")));

  dialog = poe_incident_editor_request_status (fx->editor, "under_review");
  answer_reason (dialog, "Checking the EMS report");
  stored = get_incident (fx, id);
  g_assert_cmpstr (poe_record_get_string (stored, "status"), ==, "under_review");
  g_assert_cmpstr (poe_record_get_string (stored, "status_reason"), ==, "Checking the EMS report");
  g_clear_object (&stored);
  g_assert_true (has_mutation (fx, "incident", id, "under_review"));
  g_assert_true (poe_incident_editor_add_comment (fx->editor, "EMS report received."));

  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (gtk_widget_get_mapped (named (fx, "close-button")));
  g_assert_false (gtk_widget_get_visible (named (fx, "review-button")));
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (named (fx, "comments-list"), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    /* The end of the report: review buttons and comments. */
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "incident-submitted");
  g_clear_pointer (&shot, g_free);

  dialog = poe_incident_editor_request_status (fx->editor, "closed");
  answer_reason (dialog, "Resolved on site; no further action");
  stored = get_incident (fx, id);
  g_assert_cmpstr (poe_record_get_string (stored, "status"), ==, "closed");
  g_assert_cmpstr (poe_record_get_string (stored, "status_reason"), ==, "Resolved on site; no further action");
  /* Nothing but the review changed what the agent submitted. */
  g_assert_cmpstr (poe_record_get_string (stored, "place"), ==, "Belt 4");
  g_assert_cmpstr (poe_record_get_string (stored, "author_id"), ==, staff_id (fx, "agent"));

  comments = poe_store_list (fx->store, "incident_comment", "incident_id", id, NULL);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (poe_record_get_string (g_ptr_array_index (comments, 0), "by"), ==, staff_id (fx, "agent"));
  g_assert_cmpstr (poe_record_get_string (g_ptr_array_index (comments, 1), "by"), ==, staff_id (fx, "lead"));
  g_assert_true (has_mutation (fx, "incident_comment", poe_record_get_id (g_ptr_array_index (comments, 1)), NULL));

  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_false (gtk_widget_get_visible (named (fx, "review-group")));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (fx->page), "Resolved on site; no further action"));
}

static void
test_incidents_validation (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *shot = NULL;
  guint pending = poe_store_count_pending (fx->store);

  poe_incidents_page_new_incident (fx->page);
  choose (fx, "category-row", "category", "lost_documents");
  type_into (fx, "at-row", "yesterday afternoon");
  type_into (fx, "follow-up-row", "2026-02-30");

  /* A draft needs what the store needs: the messages say what, on the fields. */
  g_assert_false (poe_incident_editor_save_draft (fx->editor));
  g_assert_null (poe_incident_editor_get_field_message (fx->editor, "category"));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "severity"));
  g_assert_nonnull (strstr (poe_incident_editor_get_field_message (fx->editor, "at"), "YYYY-MM-DD HH:MM"));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "follow_up_due"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (fx, "severity-row"))), ==,
                   poe_incident_editor_get_field_message (fx->editor, "severity"));
  g_assert_true (gtk_widget_has_css_class (named (fx, "severity-row"), "error"));
  g_assert_false (gtk_widget_has_css_class (named (fx, "category-row"), "error"));
  g_assert_true (gtk_widget_has_css_class (named (fx, "at-row"), "error"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (named (fx, "at-message"))), ==,
                   poe_incident_editor_get_field_message (fx->editor, "at"));

  /* Submitting asks for more: the narrative too. */
  g_assert_false (poe_incident_editor_submit (fx->editor));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "severity"));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "narrative"));
  g_assert_true (gtk_widget_has_css_class (named (fx, "narrative-frame"), "error"));
  g_assert_true (gtk_widget_get_visible (named (fx, "narrative-message")));
  g_assert_true (gtk_widget_has_css_class (named (fx, "form-hint"), "error"));
  /* The keyboard goes to the first field to fix. */
  g_assert_true (gtk_widget_has_focus (named (fx, "severity-row")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fx->window)), named (fx, "severity-row")));
  type_into (fx, "place-row", "CBP primary, hall B");
  type_into (fx, "narrative-view", "");
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "incident-editor");

  /* A time in the future is refused at submission. */
  choose (fx, "severity-row", "severity", "medium");
  type_into (fx, "narrative-view", "Boarding letter missing at CBP primary.");
  type_into (fx, "follow-up-row", "");
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) later = g_date_time_add_hours (now, 3);
    g_autofree char *text = g_date_time_format (later, "%Y-%m-%d %H:%M");

    type_into (fx, "at-row", text);
  }
  g_assert_false (poe_incident_editor_submit (fx->editor));
  g_assert_nonnull (poe_incident_editor_get_field_message (fx->editor, "at"));
  g_assert_null (poe_incident_editor_get_field_message (fx->editor, "narrative"));
  g_assert_null (poe_incident_editor_get_field_message (fx->editor, "severity"));
  g_assert_false (gtk_widget_has_css_class (named (fx, "severity-row"), "error"));

  /* Nothing reached the store or the outbox. */
  g_assert_cmpint (poe_store_count (fx->store, "incident", NULL), ==, 0);
  g_assert_cmpuint (poe_store_count_pending (fx->store), ==, pending);
}

static void
test_incidents_filters (Fixture       *fx,
                        gconstpointer  data)
{
  const char *agent = staff_id (fx, "agent");
  const char *agent2 = staff_id (fx, "agent2");
  g_autofree char *yesterday = dup_date (fx, -1);
  g_autofree char *next_week = dup_date (fx, 7);
  g_autoptr(PoeRecord) kase = first_case_with_members (fx);
  g_autoptr(PoeRecord) assigned = poe_record_copy (kase);
  g_autoptr(PoeRecord) overdue = NULL, closed = NULL, old_draft = NULL, hidden = NULL, naming = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  const char *staff[] = { agent, NULL };
  GtkWidget *row;
  g_auto(GStrv) ids = NULL;

  /* The family is assigned to the agent: incidents naming it are theirs to see. */
  poe_record_set_strv (assigned, "assigned_staff_ids", staff);
  g_assert_true (poe_store_begin (fx->store, &error));
  g_assert_true (poe_store_import (fx->store, assigned, &error));
  g_assert_true (poe_store_commit (fx->store, &error));

  closed = save_incident (fx, agent, "closed", "lost_baggage", "low", 24 * 10, yesterday, NULL);
  old_draft = save_incident (fx, agent, "draft", "security", "medium", 24 * 40, NULL, NULL);
  hidden = save_incident (fx, agent2, "open", "medical", "critical", 3, NULL, NULL);
  naming = save_incident (fx, agent2, "under_review", "missed_connection", "high", 5, next_week,
                          poe_record_get_id (kase));
  overdue = save_incident (fx, agent, "open", "medical", "high", 30, yesterday, NULL);
  poe_store_emit_changed (fx->store, "incident", NULL, POE_STORE_CHANGE_PULLED);

  /* The agent sees their own and the one naming their family; overdue first. */
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 4);
  g_assert_cmpstr (ids[0], ==, poe_record_get_id (overdue));
  g_assert_cmpstr (ids[1], ==, poe_record_get_id (naming));
  g_assert_false (g_strv_contains ((const char * const *) ids, poe_record_get_id (hidden)));
  g_clear_pointer (&ids, g_strfreev);

  /* Overdue in words and style, not colour alone; a closed one is never overdue. */
  row = row_for (fx, poe_record_get_id (overdue));
  g_assert_true (gtk_widget_has_css_class (row, "attention"));
  g_assert_nonnull (poe_test_find_named (row, "overdue-mark"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (poe_test_find_named (row, "overdue-mark"))), ==, "Follow-up overdue");
  g_assert_null (poe_test_find_named (row_for (fx, poe_record_get_id (closed)), "overdue-mark"));
  g_assert_null (poe_test_find_named (row_for (fx, poe_record_get_id (naming)), "overdue-mark"));
  g_assert_true (poe_test_shows_text (named (fx, "count-label"), "1 follow-up overdue"));

  poe_incidents_page_show_incident (fx->page, poe_record_get_id (overdue));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (gtk_widget_get_mapped (named (fx, "overdue-box")));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "incidents-list");

  /* Each filter, then all of them off again. */
  poe_incidents_page_set_filter (fx->page, "status", "open");
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, poe_record_get_id (overdue));
  g_clear_pointer (&ids, g_strfreev);
  poe_incidents_page_set_filter (fx->page, "status", NULL);

  poe_incidents_page_set_filter (fx->page, "severity", "high");
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_clear_pointer (&ids, g_strfreev);

  poe_incidents_page_set_filter (fx->page, "category", "medical");
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_clear_pointer (&ids, g_strfreev);
  poe_incidents_page_set_filter (fx->page, "severity", NULL);
  poe_incidents_page_set_filter (fx->page, "category", NULL);

  poe_incidents_page_set_filter (fx->page, "since", "day");
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, poe_record_get_id (naming));
  g_clear_pointer (&ids, g_strfreev);
  poe_incidents_page_set_filter (fx->page, "since", "month");
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_clear_pointer (&ids, g_strfreev);

  poe_incidents_page_set_filter (fx->page, "category", "data_breach");
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_clear_pointer (&ids, g_strfreev);
  poe_incidents_page_set_filter (fx->page, "category", NULL);
  poe_incidents_page_set_filter (fx->page, "since", NULL);

  /* The lead sees all of the POE. */
  switch_to_lead (fx);
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 5);
  g_assert_true (g_strv_contains ((const char * const *) ids, poe_record_get_id (hidden)));

  /* Signed out: the empty state and nothing else. */
  poe_incidents_page_set_session (fx->page, NULL);
  g_clear_pointer (&ids, g_strfreev);
  ids = poe_incidents_page_dup_shown_ids (fx->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_assert_cmpstr (poe_incident_editor_get_mode (fx->editor), ==, "none");
}

static PoeRecord *
find_delayed_flight_with_case (Fixture    *fx,
                               PoeRecord **kase)
{
  g_autoptr(GPtrArray) flights = poe_store_list (fx->store, "flight", "status", "delayed", NULL);

  for (guint i = 0; flights != NULL && i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fx->store, poe_record_get_id (flight), NULL);

      for (guint c = 0; cases != NULL && c < cases->len; c++)
        {
          PoeRecord *candidate = g_ptr_array_index (cases, c);
          g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fx->store, poe_record_get_id (candidate), NULL);

          if (g_str_equal (poe_anomaly_kind_for (flight, candidate, segments), "delay"))
            {
              *kase = g_object_ref (candidate);
              return g_object_ref (flight);
            }
        }
    }

  /* The demo day is built around the current time: when none of its flights is delayed now,
   * delay one that is still to come, as the flight feed would. */
  {
    g_autoptr(GPtrArray) coming = poe_store_list (fx->store, "flight", "status", "en_route", NULL);

    for (guint i = 0; coming != NULL && i < coming->len; i++)
      {
        g_autoptr(PoeRecord) flight = poe_record_copy (g_ptr_array_index (coming, i));
        g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fx->store, poe_record_get_id (flight), NULL);
        g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");
        g_autoptr(GDateTime) late = scheduled != NULL ? g_date_time_add_minutes (scheduled, 95) : NULL;
        g_autoptr(GError) error = NULL;

        if (cases == NULL || cases->len == 0 || late == NULL)
          continue;

        poe_record_set_string (flight, "status", "delayed");
        poe_record_set_time (flight, "estimated_arrival", late);
        g_assert_true (poe_store_begin (fx->store, &error));
        g_assert_true (poe_store_import (fx->store, flight, &error));
        g_assert_true (poe_store_commit (fx->store, &error));
        g_assert_no_error (error);

        for (guint c = 0; c < cases->len; c++)
          {
            PoeRecord *candidate = g_ptr_array_index (cases, c);
            g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fx->store, poe_record_get_id (candidate), NULL);

            if (g_str_equal (poe_anomaly_kind_for (flight, candidate, segments), "delay"))
              {
                *kase = g_object_ref (candidate);
                return g_steal_pointer (&flight);
              }
          }
      }
  }

  g_error ("The demo day has no flight with families to delay");
}

static void
sent_cb (PoeAnomalyDialog *dialog,
         const char       *id,
         char            **sent_id)
{
  g_free (*sent_id);
  *sent_id = g_strdup (id);
}

static void
test_incidents_anomaly (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(PoeRecord) flight = find_delayed_flight_with_case (fx, &kase);
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) notified = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *surname = dup_first_surname (fx, kase);
  g_autofree char *flight_name = g_strdup_printf ("%s %s", poe_record_get_string (flight, "carrier"),
                                                  poe_record_get_string (flight, "number"));
  g_autofree char *shot = NULL;
  g_autofree char *sent_id = NULL;
  PoeAnomalyDialog *dialog;
  PoeRecord *record;
  g_autofree char *details = NULL;
  guint pending = poe_store_count_pending (fx->store);

  dialog = poe_anomaly_dialog_new (fx->session, poe_record_get_id (flight), poe_record_get_id (kase));
  g_signal_connect (dialog, "sent", G_CALLBACK (sent_cb), &sent_id);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), fx->window);
  gtk_window_present (GTK_WINDOW (dialog));
  poe_test_wait_for_frame (GTK_WIDGET (dialog));

  /* Pre-filled from the flight and the family, without names. */
  record = poe_anomaly_dialog_get_record (dialog);
  details = g_strdup (poe_record_get_string (record, "details"));
  g_assert_cmpstr (poe_record_get_string (record, "kind"), ==, "delay");
  g_assert_cmpstr (poe_record_get_string (record, "flight_id"), ==, poe_record_get_id (flight));
  g_assert_cmpstr (poe_record_get_string (record, "case_id"), ==, poe_record_get_id (kase));
  g_assert_nonnull (strstr (details, flight_name));
  g_assert_nonnull (strstr (details, poe_record_get_string (kase, "case_number")));
  g_assert_null (strstr (details, surname));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (poe_test_find_named (GTK_WIDGET (dialog), "kind-row"))), ==,
                    enum_position ("anomaly", "kind", "delay"));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (dialog), poe_record_get_string (kase, "case_number")));
  g_assert_false (poe_test_shows_text (GTK_WIDGET (dialog), surname));
  shot = poe_test_screenshot (GTK_WIDGET (dialog), "anomaly");

  /* The user adds the rebooking the airline gave; Send queues it with the time sent. */
  gtk_editable_set_text (GTK_EDITABLE (poe_test_find_named (GTK_WIDGET (dialog), "rebooking-row")), "Rebooked on the 18:40 departure");
  g_assert_true (poe_anomaly_dialog_send (dialog, &error));
  g_assert_no_error (error);
  record = poe_anomaly_dialog_get_record (dialog);
  g_assert_cmpstr (sent_id, ==, poe_record_get_id (record));

  stored = poe_store_get (fx->store, "anomaly", sent_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (poe_record_get_string (stored, "kind"), ==, "delay");
  g_assert_cmpstr (poe_record_get_string (stored, "rebooking"), ==, "Rebooked on the 18:40 departure");
  g_assert_cmpstr (poe_record_get_string (stored, "details"), ==, details);
  notified = poe_record_dup_time (stored, "notified_at");
  g_assert_nonnull (notified);
  g_assert_cmpint (g_date_time_difference (notified, before), >=, -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (notified, before), <, G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (poe_store_count_pending (fx->store), ==, pending + 1);
  g_assert_true (has_mutation (fx, "anomaly", sent_id, "notified_at"));

  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  poe_test_ui_init (&argc, &argv);

  /* What AdwApplication loads from the resource base path: screenshots show the real look. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/incidents/flow", test_incidents_flow);
  ADD ("/ui/incidents/validation", test_incidents_validation);
  ADD ("/ui/incidents/filters", test_incidents_filters);
  ADD ("/ui/incidents/anomaly", test_incidents_anomaly);
#undef ADD

  return g_test_run ();
}
