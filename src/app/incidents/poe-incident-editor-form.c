/* poe-incident-editor-form.c
 *
 * The form of a draft incident: filling it from the record and reading it back, the
 * families involved (added by case number, their members ticked), the messages on the
 * fields, and saving the draft or submitting it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incident-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-tooltip.h"
#include "family/poe-family-labels.h"
#include "poe-incident.h"
#include "poe-incident-editor-private.h"
#include "poe-incident-labels.h"


/*
 * Auxiliary methods
 */

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return _poe_incident_editor_dup_trimmed (text);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

/* The first item is "Choose …": no value. */
static const char *
combo_code (AdwComboRow        *row,
            const char * const *values)
{
  return poe_incident_code_at (values, adw_combo_row_get_selected (row));
}

static void
combo_select (AdwComboRow        *row,
              const char * const *values,
              const char         *code)
{
  adw_combo_row_set_selected (row, poe_incident_code_position (values, code));
}

static void
set_error_class (GtkWidget  *widget,
                 const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
show_label_message (GtkLabel   *label,
                    const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
show_messages (PoeIncidentEditor *self)
{
  const char *category = g_hash_table_lookup (self->messages, "category");
  const char *severity = g_hash_table_lookup (self->messages, "severity");
  const char *at = g_hash_table_lookup (self->messages, "at");
  const char *narrative = g_hash_table_lookup (self->messages, "narrative");
  const char *follow_up = g_hash_table_lookup (self->messages, "follow_up_due");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), category);
  set_error_class (GTK_WIDGET (self->category_row), category);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->severity_row), severity);
  set_error_class (GTK_WIDGET (self->severity_row), severity);
  set_error_class (GTK_WIDGET (self->at_row), at);
  show_label_message (self->at_message, at);
  set_error_class (GTK_WIDGET (self->narrative_frame), narrative);
  show_label_message (self->narrative_message, narrative);
  set_error_class (GTK_WIDGET (self->follow_up_row), follow_up);
  show_label_message (self->follow_up_message, follow_up);
  show_label_message (self->case_message, g_hash_table_lookup (self->messages, "case_ids"));
}

/* The line beside Save Draft and Submit: the usual hint, or why the last attempt failed. */
static void
set_form_hint (PoeIncidentEditor *self,
               const char        *problem)
{
  /* Translators: under the incident form, next to Save Draft and Submit */
  gtk_label_set_label (self->form_hint, problem ? problem : _("Drafts stay on this device until you submit. "
                                                              "Submitted reports cannot be edited."));
  if (problem != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->form_hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->form_hint), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->form_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->form_hint), "dim-label");
    }
}

/* Moves the keyboard (and the scrolled form) to the first field with a message. */
static void
focus_first_message (PoeIncidentEditor *self)
{
  struct { const char *field; GtkWidget *widget; } fields[] = {
    { "category", GTK_WIDGET (self->category_row) },
    { "severity", GTK_WIDGET (self->severity_row) },
    { "at", GTK_WIDGET (self->at_row) },
    { "case_ids", GTK_WIDGET (self->add_case_row) },
    { "narrative", GTK_WIDGET (self->narrative_view) },
    { "follow_up_due", GTK_WIDGET (self->follow_up_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_hash_table_contains (self->messages, fields[i].field))
        {
          gtk_widget_grab_focus (fields[i].widget);
          return;
        }
    }
}

static void
set_message (PoeIncidentEditor *self,
             const char        *field,
             const char        *message)
{
  if (!g_hash_table_contains (self->messages, field))
    g_hash_table_insert (self->messages, g_strdup (field), g_strdup (message));
}

static const char *
missing_message (const char *field)
{
  if (g_str_equal (field, "category"))
    return _("Choose a category");
  if (g_str_equal (field, "severity"))
    return _("Choose how severe it was");
  if (g_str_equal (field, "at"))
    return _("Enter when it happened, not in the future, as YYYY-MM-DD HH:MM");
  if (g_str_equal (field, "narrative"))
    return _("Describe what happened");

  return _("Fill this in");
}

static void
case_removed_cb (PoeIncidentEditor *self,
                 GtkButton         *button);
static void
person_toggled_cb (PoeIncidentEditor *self,
                   GtkCheckButton    *check);

static GtkWidget *
create_case_row (PoeIncidentEditor *self,
                 PoeRecord         *kase,
                 guint              n_persons)
{
  const char *number = poe_record_get_string (kase, "case_number");
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), number);
  /* Translators: a family in an incident report, with its size */
  subtitle = g_strdup_printf (ngettext ("%u member", "%u members", n_persons), n_persons);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "system-users-symbolic");

  /* Translators: accessible name of the button that takes a family off an incident report */
  remove_label = g_strdup_printf (_("Remove family %s from the report"), number);
  poe_tooltip_set_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "case-id", g_strdup (poe_record_get_id (kase)), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (case_removed_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static GtkWidget *
create_person_row (PoeIncidentEditor *self,
                   PoeRecord         *person)
{
  g_autofree char *name = _poe_incident_editor_dup_person_name (self, person);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_margin_start (row, 24);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->person_ids, poe_record_get_id (person)));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "person-id", g_strdup (poe_record_get_id (person)), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (person_toggled_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

void
_poe_incident_editor_add_case_rows (PoeIncidentEditor *self)
{
  PoeStore *store = _poe_incident_editor_get_store (self);

  _poe_incident_editor_clear_rows (self->cases_list, self->case_rows);

  for (guint i = 0; store != NULL && i < self->case_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PoeRecord) kase = poe_store_get (store, "case", g_ptr_array_index (self->case_ids, i), &error);
      g_autoptr(GPtrArray) persons = NULL;
      GtkWidget *row;

      /* A family not on this device is left out; one that cannot be read is said so. */
      if (kase != NULL && !(persons = poe_store_list_persons_for_case (store, poe_record_get_id (kase), &error)))
        g_clear_object (&kase);
      if (kase == NULL)
        {
          if (!g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
            _poe_incident_editor_report_error (self, error);
          continue;
        }

      row = create_case_row (self, kase, persons->len);
      gtk_list_box_insert (self->cases_list, row, self->case_rows->len);
      g_ptr_array_add (self->case_rows, row);

      for (guint p = 0; p < persons->len; p++)
        {
          row = create_person_row (self, g_ptr_array_index (persons, p));
          gtk_list_box_insert (self->cases_list, row, self->case_rows->len);
          g_ptr_array_add (self->case_rows, row);
        }
    }
}

void
_poe_incident_editor_fill_form (PoeIncidentEditor *self)
{
  PoeRecord *record = self->record;
  const char * const *case_ids = poe_record_get_strv (record, "case_ids");
  const char * const *person_ids = poe_record_get_strv (record, "person_ids");
  g_autoptr(GDateTime) at = poe_record_dup_time (record, "at");
  g_autofree char *at_text = poe_incident_format_time (at, self->zone);
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* Whether it was saved before only names the form; a failed read is still said. */
  if (_poe_incident_editor_get_store (self) != NULL &&
      !(stored = poe_store_get (_poe_incident_editor_get_store (self), "incident", poe_record_get_id (record), &error)) &&
      !g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    _poe_incident_editor_report_error (self, error);

  /* Translators: title of the incident form, for a report not saved yet and for a draft */
  gtk_label_set_label (self->form_title, stored != NULL ? _("Draft Incident Report") : _("New Incident Report"));
  combo_select (self->category_row, _poe_incident_editor_categories (), poe_record_get_string (record, "category"));
  combo_select (self->severity_row, _poe_incident_editor_severities (), poe_record_get_string (record, "severity"));
  _poe_incident_editor_set_entry (self->at_row, at_text);
  _poe_incident_editor_set_entry (self->place_row, poe_record_get_string (record, "place"));
  _poe_incident_editor_set_entry (self->add_case_row, NULL);
  set_text_view (self->narrative_view, poe_record_get_string (record, "narrative"));
  set_text_view (self->actions_view, poe_record_get_string (record, "actions"));
  _poe_incident_editor_set_entry (self->notified_row, poe_record_get_string (record, "notified"));
  _poe_incident_editor_set_entry (self->follow_up_row, poe_record_get_string (record, "follow_up_due"));

  g_ptr_array_set_size (self->case_ids, 0);
  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    g_ptr_array_add (self->case_ids, g_strdup (case_ids[i]));
  g_hash_table_remove_all (self->person_ids);
  for (guint i = 0; person_ids != NULL && person_ids[i] != NULL; i++)
    g_hash_table_add (self->person_ids, g_strdup (person_ids[i]));

  _poe_incident_editor_add_case_rows (self);
  g_hash_table_remove_all (self->messages);
  show_messages (self);
  set_form_hint (self, NULL);
}

/* Ticked members of the families still on the report, in family order; %NULL with @error
 * set when the members could not be read. */
static GStrv
dup_person_ids (PoeIncidentEditor  *self,
                GError            **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->case_ids->len && _poe_incident_editor_get_store (self) != NULL; i++)
    {
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (_poe_incident_editor_get_store (self),
                                                                       g_ptr_array_index (self->case_ids, i), error);

      if (persons == NULL)
        return NULL;

      for (guint p = 0; p < persons->len; p++)
        {
          const char *id = poe_record_get_id (g_ptr_array_index (persons, p));

          if (g_hash_table_contains (self->person_ids, id))
            g_strv_builder_add (builder, id);
        }
    }

  return g_strv_builder_end (builder);
}

static void
read_times (PoeIncidentEditor *self)
{
  g_autofree char *at_text = _poe_incident_editor_dup_entry (self->at_row);
  g_autofree char *follow_up = _poe_incident_editor_dup_entry (self->follow_up_row);
  g_autoptr(GDateTime) at = poe_incident_parse_time (at_text, self->zone);

  if (at_text == NULL)
    poe_record_set_string (self->record, "at", NULL);
  else if (at != NULL)
    poe_record_set_time (self->record, "at", at);
  else
    set_message (self, "at", _("Write the time as YYYY-MM-DD HH:MM, for example 2026-11-24 14:05"));

  if (follow_up == NULL || poe_date_is_valid (follow_up))
    poe_record_set_string (self->record, "follow_up_due", follow_up);
  else
    set_message (self, "follow_up_due", _("Write the date as YYYY-MM-DD, for example 2026-11-30"));
}

/* Copies the form into self->record; wrongly written times become messages. */
static void
read_form (PoeIncidentEditor *self)
{
  g_autofree char *place = _poe_incident_editor_dup_entry (self->place_row);
  g_autofree char *notified = _poe_incident_editor_dup_entry (self->notified_row);
  g_autofree char *narrative = dup_text_view (self->narrative_view);
  g_autofree char *actions = dup_text_view (self->actions_view);
  g_auto(GStrv) person_ids = NULL;
  g_autoptr(GError) error = NULL;

  /* Without the members ticked, the draft is not saved: the families' field says why. */
  g_hash_table_remove_all (self->messages);
  if (!(person_ids = dup_person_ids (self, &error)))
    {
      g_autofree char *text = poe_read_error_dup_text (error);

      set_message (self, "case_ids", text);
    }
  poe_record_set_string (self->record, "category", combo_code (self->category_row, _poe_incident_editor_categories ()));
  poe_record_set_string (self->record, "severity", combo_code (self->severity_row, _poe_incident_editor_severities ()));
  read_times (self);
  poe_record_set_string (self->record, "place", place);
  poe_record_set_string (self->record, "narrative", narrative);
  poe_record_set_string (self->record, "actions", actions);
  poe_record_set_string (self->record, "notified", notified);

  g_ptr_array_add (self->case_ids, NULL);
  poe_record_set_strv (self->record, "case_ids",
                       self->case_ids->len > 1 ? (const char * const *) self->case_ids->pdata : NULL);
  g_ptr_array_remove_index (self->case_ids, self->case_ids->len - 1);
  if (person_ids != NULL)
    poe_record_set_strv (self->record, "person_ids", person_ids[0] ? (const char * const *) person_ids : NULL);
}


/*
 * Callbacks
 */

static void
case_removed_cb (PoeIncidentEditor *self,
                 GtkButton         *button)
{
  const char *case_id = g_object_get_data (G_OBJECT (button), "case-id");

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  for (guint i = 0; i < self->case_ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->case_ids, i), case_id))
        {
          g_ptr_array_remove_index (self->case_ids, i);
          break;
        }
    }

  _poe_incident_editor_add_case_rows (self);
}

static void
person_toggled_cb (PoeIncidentEditor *self,
                   GtkCheckButton    *check)
{
  const char *person_id = g_object_get_data (G_OBJECT (check), "person-id");

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->person_ids, g_strdup (person_id));
  else
    g_hash_table_remove (self->person_ids, person_id);
}


/*
 * Public API
 */

/**
 * poe_incident_editor_add_case:
 *
 * Adds the family with @case_number to the draft's families, as the "Add family" row does.
 *
 * Returns: whether the family was found on this device
 */
gboolean
poe_incident_editor_add_case (PoeIncidentEditor *self,
                              const char        *case_number)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = _poe_incident_editor_dup_trimmed (case_number);

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  g_hash_table_remove (self->messages, "case_ids");
  if (number != NULL && _poe_incident_editor_get_store (self) != NULL)
    kase = poe_store_find_by_field (_poe_incident_editor_get_store (self), "case", "case_number", number, &error);

  if (error != NULL)
    {
      g_autofree char *text = poe_read_error_dup_text (error);

      set_message (self, "case_ids", text);
      show_messages (self);
      return FALSE;
    }

  if (kase == NULL)
    {
      /* Translators: the case number typed to add a family to an incident matched nothing */
      set_message (self, "case_ids", _("No family with this case number is on this device"));
      show_messages (self);
      return FALSE;
    }

  for (guint i = 0; i < self->case_ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->case_ids, i), poe_record_get_id (kase)))
        {
          show_messages (self);
          return TRUE;
        }
    }

  g_ptr_array_add (self->case_ids, g_strdup (poe_record_get_id (kase)));
  _poe_incident_editor_add_case_rows (self);
  show_messages (self);

  return TRUE;
}

/**
 * poe_incident_editor_save_draft:
 *
 * Stores the form as a draft (locally, queued for the server). A draft needs a category,
 * a severity and a valid time, because the store keeps none without them.
 *
 * Returns: whether the draft was stored; else the fields say what is missing
 */
gboolean
poe_incident_editor_save_draft (PoeIncidentEditor *self)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  if (self->mode != g_intern_static_string ("form"))
    return FALSE;

  read_form (self);
  if (poe_record_get_string (self->record, "category") == NULL)
    set_message (self, "category", _("Choose a category to save the draft"));
  if (poe_record_get_string (self->record, "severity") == NULL)
    set_message (self, "severity", _("Choose a severity to save the draft"));
  if (poe_record_get_string (self->record, "at") == NULL)
    set_message (self, "at", missing_message ("at"));
  show_messages (self);

  if (g_hash_table_size (self->messages) > 0)
    {
      set_form_hint (self, _("Not saved: fix the marked fields first."));
      focus_first_message (self);
      return FALSE;
    }

  if (!_poe_incident_editor_save_record (self, self->record))
    return FALSE;

  _poe_incident_editor_reload (self);
  _poe_incident_editor_toast (self, _("Draft saved on this device"));
  _poe_incident_editor_emit_saved (self);

  return TRUE;
}

/**
 * poe_incident_editor_submit:
 *
 * Submits the draft (status open) when it is complete; it then shows as a read-only report.
 *
 * Returns: whether it was submitted; else the fields say what is missing
 */
gboolean
poe_incident_editor_submit (PoeIncidentEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  if (self->mode != g_intern_static_string ("form"))
    return FALSE;

  read_form (self);
  missing = poe_incident_missing_fields (self->record, now);
  for (guint i = 0; missing[i] != NULL; i++)
    set_message (self, missing[i], missing_message (missing[i]));
  show_messages (self);

  if (g_hash_table_size (self->messages) > 0)
    {
      set_form_hint (self, _("Not submitted: the report is not complete. Fix the marked fields."));
      focus_first_message (self);
      return FALSE;
    }

  copy = poe_record_copy (self->record);
  if (!poe_incident_submit (copy, _poe_incident_editor_get_role (self),
                            _poe_incident_editor_get_staff_id (self), now, &error))
    {
      _poe_incident_editor_toast (self, error->message);
      return FALSE;
    }

  if (!_poe_incident_editor_save_record (self, copy))
    return FALSE;

  g_set_object (&self->record, copy);
  _poe_incident_editor_reload (self);
  _poe_incident_editor_toast (self, _("Report submitted"));
  _poe_incident_editor_emit_saved (self);

  return TRUE;
}

/**
 * poe_incident_editor_get_field_message:
 * @field: an incident field name, or "case_ids" for the family lookup
 *
 * Returns: (nullable): the message the form shows on @field
 */
const char *
poe_incident_editor_get_field_message (PoeIncidentEditor *self,
                                       const char        *field)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), NULL);

  return g_hash_table_lookup (self->messages, field);
}
