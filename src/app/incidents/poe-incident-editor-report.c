/* poe-incident-editor-report.c
 *
 * The read-only report of a submitted incident: its header (category, severity, status,
 * an overdue follow-up), its rows, the comments, and for leads and supervisors the status
 * changes, each asked for with a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incident-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-incident.h"
#include "poe-incident-editor-private.h"
#include "poe-incident-labels.h"


/*
 * Auxiliary methods
 */

/* A record the report names; %NULL when it is not on this device, or could not be read
 * (which the window's bar then says). */
static PoeRecord *
get_named (PoeIncidentEditor *self,
           const char        *entity,
           const char        *id)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record = poe_store_get (_poe_incident_editor_get_store (self), entity, id, &error);

  if (record == NULL && !g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    _poe_incident_editor_report_error (self, error);

  return record;
}

static char *
dup_staff_name (PoeIncidentEditor *self,
                const char        *staff_id)
{
  g_autoptr(PoeRecord) staff = NULL;

  if (staff_id == NULL || _poe_incident_editor_get_store (self) == NULL)
    return NULL;

  staff = get_named (self, "staff", staff_id);

  return staff ? g_strdup (poe_record_get_string (staff, "display_name")) : NULL;
}

static GtkWidget *
create_text_row (const char *heading,
                 const char *text,
                 const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (text);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  if (name != NULL)
    gtk_widget_set_name (body, name);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);

  return row;
}

static void
add_report_row (PoeIncidentEditor *self,
                const char        *heading,
                const char        *text,
                const char        *name)
{
  if (text == NULL || *text == '\0')
    return;

  gtk_list_box_append (self->report_list, create_text_row (heading, text, name));
}

static char *
dup_families_text (PoeIncidentEditor *self)
{
  const char * const *case_ids = poe_record_get_strv (self->record, "case_ids");
  const char * const *person_ids = poe_record_get_strv (self->record, "person_ids");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) kase = get_named (self, "case", case_ids[i]);
      g_autoptr(GPtrArray) persons = NULL;
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      if (kase != NULL &&
          !(persons = poe_store_list_persons_for_case (_poe_incident_editor_get_store (self), case_ids[i], &error)))
        _poe_incident_editor_report_error (self, error);

      for (guint p = 0; persons != NULL && p < persons->len; p++)
        {
          PoeRecord *person = g_ptr_array_index (persons, p);
          g_autofree char *name = NULL;

          if (person_ids == NULL || !g_strv_contains (person_ids, poe_record_get_id (person)))
            continue;
          name = _poe_incident_editor_dup_person_name (self, person);
          if (names->len > 0)
            g_string_append (names, C_("list separator", ", "));
          g_string_append (names, name);
        }

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a family the report is not allowed to show (not on this device) */
      g_string_append (text, kase ? poe_record_get_string (kase, "case_number") : _("A family not on this device"));
      if (names->len > 0)
        g_string_append_printf (text, C_("family members", " (%s)"), names->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
_poe_incident_editor_fill_report_rows (PoeIncidentEditor *self)
{
  PoeRecord *record = self->record;
  g_autoptr(GDateTime) at = poe_record_dup_time (record, "at");
  g_autofree char *when = poe_incident_format_time (at, self->zone);
  g_autofree char *families = dup_families_text (self);
  const char *place = poe_record_get_string (record, "place");
  g_autofree char *author = dup_staff_name (self, poe_record_get_string (record, "author_id"));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  if (place != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&when);

      /* Translators: when and where an incident happened, "2026-11-24 14:05 · Belt 4" */
      when = g_strdup_printf (_("%1$s · %2$s"), plain, place);
    }
  add_report_row (self, _("When and where"), when, "report-when");
  add_report_row (self, _("Families involved"), families, "report-families");
  add_report_row (self, _("Narrative"), poe_record_get_string (record, "narrative"), "report-narrative");
  add_report_row (self, _("Actions taken"), poe_record_get_string (record, "actions"), "report-actions");
  add_report_row (self, _("Who was notified"), poe_record_get_string (record, "notified"), "report-notified");
  add_report_row (self, _("Follow-up due"), poe_record_get_string (record, "follow_up_due"), "report-follow-up");
  add_report_row (self, _("Reported by"), author, "report-author");
  /* Translators: the reason given with the incident's latest change of status */
  add_report_row (self, _("Reason for the status"), poe_record_get_string (record, "status_reason"), "report-reason");
}

static void
fill_comments (PoeIncidentEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = poe_store_list (_poe_incident_editor_get_store (self), "incident_comment",
                                                  "incident_id", poe_record_get_id (self->record), &error);

  _poe_incident_editor_clear_rows (self->comments_list, self->comment_rows);
  if (comments == NULL)
    _poe_incident_editor_report_error (self, error);

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      PoeRecord *comment = g_ptr_array_index (comments, i);
      g_autoptr(GDateTime) at = poe_record_dup_time (comment, "at");
      g_autofree char *when = poe_incident_format_time (at, self->zone);
      g_autofree char *heading = NULL;
      g_autofree char *by = dup_staff_name (self, poe_record_get_string (comment, "by"));
      GtkWidget *row;

      /* Translators: above a comment: when and who, "2026-11-24 15:10 · Sam Lead" */
      heading = g_strdup_printf (_("%1$s · %2$s"), when, by ? by : _("Unknown staff member"));
      row = create_text_row (heading, poe_record_get_string (comment, "body"), "comment-body");
      gtk_list_box_insert (self->comments_list, row, self->comment_rows->len);
      g_ptr_array_add (self->comment_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->comment_row), poe_incident_can_comment (self->record));
}

static void
set_chip_style (GtkLabel   *chip,
                const char *style)
{
  static const char * const styles[] = { "chip-error", "chip-warning", "chip-neutral", "chip-success", NULL };

  for (guint i = 0; styles[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (chip), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (chip), style);
}

static void
fill_report_header (PoeIncidentEditor *self)
{
  PoeRecord *record = self->record;
  const char *severity = poe_record_get_string (record, "severity");
  const char *style = poe_incident_severity_style (severity);
  const char *status = poe_record_get_string (record, "status");
  const char * const *next = poe_incident_next_statuses (status);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean overdue = poe_incident_is_follow_up_overdue (record, now, self->zone);
  g_autofree char *severity_text = NULL;
  gboolean reviews = poe_incident_role_reviews (_poe_incident_editor_get_role (self)) && next[0] != NULL;

  gtk_label_set_label (self->report_title, poe_incident_category_label (poe_record_get_string (record, "category")));
  /* Translators: the severity chip of an incident, "Severity: High" */
  severity_text = g_strdup_printf (_("Severity: %s"), poe_incident_severity_label (severity));
  gtk_label_set_label (self->severity_chip, severity_text);
  set_chip_style (self->severity_chip, g_str_equal (style, "error") ? "chip-error"
                                       : g_str_equal (style, "warning") ? "chip-warning" : "chip-neutral");
  gtk_label_set_label (self->status_chip, poe_incident_status_label (status));
  set_chip_style (self->status_chip, g_strcmp0 (status, "closed") == 0 ? "chip-success" : "chip-neutral");

  gtk_widget_set_visible (self->overdue_box, overdue);
  if (overdue)
    {
      g_autofree char *text = NULL;

      /* Translators: banner of an incident whose follow-up date has passed; %s is the date */
      text = g_strdup_printf (_("Follow-up overdue: it was due on %s"), poe_record_get_string (record, "follow_up_due"));
      gtk_label_set_label (self->overdue_label, text);
    }

  gtk_widget_set_visible (self->review_group, reviews);
  gtk_widget_set_visible (self->review_button, reviews && g_strv_contains (next, "under_review"));
  gtk_widget_set_visible (self->close_button, reviews && g_strv_contains (next, "closed"));
}

void
_poe_incident_editor_fill_report (PoeIncidentEditor *self)
{
  fill_report_header (self);
  _poe_incident_editor_fill_report_rows (self);
  fill_comments (self);
}

static void
apply_status (PoeIncidentEditor *self,
              const char        *status,
              const char        *reason)
{
  g_autoptr(PoeRecord) copy = poe_record_copy (self->record);
  g_autoptr(GError) error = NULL;

  if (!poe_incident_change_status (copy, _poe_incident_editor_get_role (self), status, reason, &error))
    {
      _poe_incident_editor_toast (self, error->message);
      return;
    }

  if (!_poe_incident_editor_save_record (self, copy))
    return;

  _poe_incident_editor_reload (self);
  _poe_incident_editor_toast (self, g_str_equal (status, "closed") ? _("Incident closed") : _("Incident under review"));
}


/*
 * Callbacks
 */

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = _poe_incident_editor_dup_trimmed (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "confirm", reason != NULL);
}

static void
reason_response_cb (PoeIncidentEditor *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  const char *status = g_object_get_data (G_OBJECT (dialog), "status");

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (g_str_equal (response, "confirm") && self->record != NULL)
    apply_status (self, status, gtk_editable_get_text (entry));
}


/*
 * Public API
 */

/**
 * poe_incident_editor_add_comment:
 *
 * Appends a comment by the signed-in user to the submitted incident shown.
 *
 * Returns: whether it was stored
 */
gboolean
poe_incident_editor_add_comment (PoeIncidentEditor *self,
                                 const char        *body)
{
  g_autoptr(PoeRecord) comment = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  if (self->record == NULL)
    return FALSE;

  comment = poe_incident_comment_new (self->record, body, _poe_incident_editor_get_staff_id (self), NULL, &error);
  if (comment == NULL)
    {
      _poe_incident_editor_toast (self, error->message);
      return FALSE;
    }

  if (!_poe_incident_editor_save_record (self, comment))
    return FALSE;

  fill_comments (self);
  _poe_incident_editor_toast (self, _("Comment added"));

  return TRUE;
}

/**
 * poe_incident_editor_request_status:
 * @status: "under_review" or "closed"
 *
 * Asks for the reason of a status change in a dialog, and applies it when confirmed.
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
poe_incident_editor_request_status (PoeIncidentEditor *self,
                                    const char        *status)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean closing = g_strcmp0 (status, "closed") == 0;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       closing ? _("Close This Incident?") : _("Start the Review?"),
                                                       _("Say why. The reason is kept with the report and its author can read it.")));
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "reason-entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  /* Translators: placeholder of the reason asked for when an incident changes status */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  /* Translators: confirm buttons of the status-change dialog of an incident */
  adw_message_dialog_add_response (dialog, "confirm", closing ? _("C_lose Incident") : _("_Start Review"));
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "confirm", FALSE);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "status", (gpointer) g_intern_string (status));
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
