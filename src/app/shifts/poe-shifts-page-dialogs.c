/* poe-shifts-page-dialogs.c
 *
 * The dialogs of the shifts page: the reason for returning a time entry or declining
 * leave, a time entry's break and note, a shift's planned times, adding and removing a
 * shift (with the staff picker), and the payroll export's period and file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-shifts-labels.h"
#include "poe-shifts-page-private.h"

static void choose_payroll_file (PoeShiftsPage *self);


/*
 * Auxiliary methods
 */

/* The record a row's button names; %NULL when it is gone, or could not be read (which the
 * window's bar then says). */
static PoeRecord *
get_record (PoeShiftsPage *self,
            const char    *entity,
            const char    *id)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record = poe_store_get (_poe_shifts_page_get_store (self), entity, id, &error);

  if (record == NULL && !g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    poe_read_error_report (GTK_WIDGET (self), error);

  return record;
}

static AdwMessageDialog *
reason_dialog_new (PoeShiftsPage *self,
                   const char    *heading,
                   const char    *confirm)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("Say why. The owner reads the reason with the entry.")));
  gtk_widget_set_name (entry, "reason-entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  /* Translators: placeholder of the reason for returning a time entry or declining leave */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "confirm", confirm);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "confirm", FALSE);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);

  return dialog;
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "confirm", *reason != '\0');
}

static void
reject_response_cb (PoeShiftsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  const char *entry_id = g_object_get_data (G_OBJECT (dialog), "entry-id");
  const char *leave_id = g_object_get_data (G_OBJECT (dialog), "leave-id");
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!g_str_equal (response, "confirm") || _poe_shifts_page_get_store (self) == NULL)
    return;

  if (entry_id != NULL)
    saved = poe_timesheet_decide (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self), entry_id, FALSE,
                                  gtk_editable_get_text (entry), &error);
  else
    saved = poe_leave_set_state (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self), leave_id,
                                 "rejected", gtk_editable_get_text (entry), &error);
  if (!saved)
    _poe_shifts_page_show_error (self, error);
}

AdwMessageDialog *
_poe_shifts_page_present_reason_dialog (PoeShiftsPage *self,
                                        const char    *key,
                                        const char    *id)
{
  gboolean leave = g_str_equal (key, "leave-id");
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* Translators: heading and confirm button of the dialog asking why */
  dialog = reason_dialog_new (self, leave ? _("Decline This Leave Request?") : _("Return This Time Entry?"),
                              leave ? _("_Decline") : _("_Return"));
  entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  g_object_set_data_full (G_OBJECT (dialog), key, g_strdup (id), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reject_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *name,
                const char *label,
                const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), entry);

  return entry;
}

/* A labelled_entry that keeps its label beside it once filled in. */
static GtkWidget *
captioned_entry (GtkWidget    *box,
                 GtkSizeGroup *captions,
                 const char   *name,
                 const char   *label,
                 const char   *text)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *entry = labelled_entry (line, name, label, text);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_size_group_add_widget (captions, caption);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_prepend (GTK_BOX (line), caption);
  gtk_box_append (GTK_BOX (box), line);

  return entry;
}

static void
edit_response_cb (PoeShiftsPage    *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  GtkEditable *breaks = g_object_get_data (G_OBJECT (dialog), "break-entry");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note-entry");
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minutes;

  if (!g_str_equal (response, "save") || _poe_shifts_page_get_store (self) == NULL)
    return;

  entry = poe_store_get (_poe_shifts_page_get_store (self), "time_entry",
                         g_object_get_data (G_OBJECT (dialog), "entry-id"), &error);
  if (entry != NULL)
    {
      minutes = g_ascii_strtoll (gtk_editable_get_text (breaks), NULL, 10);
      poe_record_set_int (entry, "break_minutes", CLAMP (minutes, 0, 24 * 60));
      poe_record_set_string (entry, "note", *gtk_editable_get_text (note) ? gtk_editable_get_text (note) : NULL);
    }
  if (entry == NULL || !poe_timesheet_save_entry (_poe_shifts_page_get_store (self),
                                                  _poe_shifts_page_get_role (self), entry, &error))
    _poe_shifts_page_show_error (self, error);
}

static void
shift_response_cb (PoeShiftsPage    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GtkEditable *start = g_object_get_data (G_OBJECT (dialog), "start-entry");
  GtkEditable *end = g_object_get_data (G_OBJECT (dialog), "end-entry");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save") || _poe_shifts_page_get_store (self) == NULL)
    return;

  if (!poe_shifts_page_set_shift_times (self, g_object_get_data (G_OBJECT (dialog), "shift-id"),
                                        gtk_editable_get_text (start), gtk_editable_get_text (end), &error))
    _poe_shifts_page_show_error (self, error);
}

static AdwMessageDialog *
form_dialog_new (PoeShiftsPage *self,
                 const char    *heading,
                 GtkWidget    **box)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL));
  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_message_dialog_set_extra_child (dialog, *box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

static void
add_shift_response_cb (PoeShiftsPage    *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  GtkDropDown *picker = g_object_get_data (G_OBJECT (dialog), "staff-dropdown");
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "staff-ids");
  guint selected = gtk_drop_down_get_selected (picker);
  g_autoptr(GError) error = NULL;
  const char *entries[4] = { "day-entry", "start-entry", "end-entry", "role-entry" };
  const char *texts[4];

  if (!g_str_equal (response, "save") || _poe_shifts_page_get_store (self) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    texts[i] = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), entries[i]));

  if (selected == GTK_INVALID_LIST_POSITION || ids[selected] == NULL ||
      !poe_shifts_page_add_shift (self, ids[selected], texts[0], texts[1], texts[2], texts[3], &error))
    _poe_shifts_page_show_error (self, error);
}

static void
remove_shift_response_cb (PoeShiftsPage    *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || _poe_shifts_page_get_store (self) == NULL)
    return;

  if (!_poe_shifts_page_refuse_unless_lead (self, &error) ||
      !poe_store_delete (_poe_shifts_page_get_store (self), "shift",
                         g_object_get_data (G_OBJECT (dialog), "shift-id"), &error))
    _poe_shifts_page_show_error (self, error);
}

/* The staff of the POE to pick from: names shown, ids kept on @dialog in the same order. */
static GtkWidget *
staff_picker_new (PoeShiftsPage    *self,
                  AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = poe_store_list (_poe_shifts_page_get_store (self), "staff", "poe",
                                               _poe_shifts_page_get_poe_code (self), &error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *picker;

  /* No one to pick: the window's bar says why. */
  if (staff == NULL)
    poe_read_error_report (GTK_WIDGET (self), error);

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      g_strv_builder_add (ids, poe_record_get_id (member));
      gtk_string_list_append (names, poe_record_get_string (member, "display_name"));
    }
  g_object_set_data_full (G_OBJECT (dialog), "staff-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);

  picker = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_name (picker, "staff-dropdown");
  /* Translators: accessible name of the staff member picker of a new shift */
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff member"), -1);

  return picker;
}

static void
period_response_cb (PoeShiftsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkDropDown *periods = g_object_get_data (G_OBJECT (dialog), "period-dropdown");

  if (!g_str_equal (response, "choose"))
    return;

  self->export_period = gtk_drop_down_get_selected (periods);
  choose_payroll_file (self);
}


/*
 * Callbacks
 */

void
_poe_shifts_page_reject_clicked_cb (PoeShiftsPage *self,
                                    GtkButton     *button)
{
  g_assert (POE_IS_SHIFTS_PAGE (self));

  _poe_shifts_page_present_reason_dialog (self, "entry-id", g_object_get_data (G_OBJECT (button), "entry-id"));
}

void
_poe_shifts_page_edit_clicked_cb (PoeShiftsPage *self,
                                  GtkButton     *button)
{
  const char *entry_id = g_object_get_data (G_OBJECT (button), "entry-id");
  g_autoptr(PoeRecord) entry = get_record (self, "time_entry", entry_id);
  g_autofree char *minutes = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (entry == NULL)
    return;

  minutes = g_strdup_printf ("%" G_GINT64_FORMAT, poe_record_get_int (entry, "break_minutes"));
  /* Translators: heading of the dialog editing a time entry's break and note */
  dialog = form_dialog_new (self, _("Edit Time Entry"), &box);
  g_object_set_data (G_OBJECT (dialog), "break-entry", labelled_entry (box, "break-entry", _("Break minutes"), minutes));
  g_object_set_data (G_OBJECT (dialog), "note-entry",
                     labelled_entry (box, "note-entry", _("Note for the lead"), poe_record_get_string (entry, "note")));
  g_object_set_data_full (G_OBJECT (dialog), "entry-id", g_strdup (entry_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_poe_shifts_page_edit_shift_clicked_cb (PoeShiftsPage *self,
                                        GtkButton     *button)
{
  const char *shift_id = g_object_get_data (G_OBJECT (button), "shift-id");
  g_autoptr(PoeRecord) shift = get_record (self, "shift", shift_id);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (shift == NULL)
    return;

  start = poe_record_dup_time (shift, "planned_start");
  end = poe_record_dup_time (shift, "planned_end");
  from = poe_shifts_format_time (start, self->zone, "%H:%M");
  to = poe_shifts_format_time (end, self->zone, "%H:%M");
  /* Translators: heading of the dialog changing a shift's planned times */
  dialog = form_dialog_new (self, _("Edit Shift Times"), &box);
  g_object_set_data (G_OBJECT (dialog), "start-entry", labelled_entry (box, "start-entry", _("Start (HH:MM)"), from));
  g_object_set_data (G_OBJECT (dialog), "end-entry", labelled_entry (box, "end-entry", _("End (HH:MM)"), to));
  g_object_set_data_full (G_OBJECT (dialog), "shift-id", g_strdup (shift_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (shift_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_shift_clicked_cb (PoeShiftsPage *self)
{
  g_autofree char *day = poe_shifts_format_time (self->roster_day, self->zone, "%Y-%m-%d");
  g_autoptr(GtkSizeGroup) captions = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *picker;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  /* Translators: heading of the dialog adding a shift to the roster */
  dialog = form_dialog_new (self, _("Add Shift"), &box);
  gtk_widget_set_size_request (box, 320, -1);
  picker = staff_picker_new (self, dialog);
  gtk_box_append (GTK_BOX (box), picker);
  g_object_set_data (G_OBJECT (dialog), "staff-dropdown", picker);
  g_object_set_data (G_OBJECT (dialog), "day-entry", captioned_entry (box, captions, "day-entry", _("Day (YYYY-MM-DD)"), day));
  g_object_set_data (G_OBJECT (dialog), "start-entry", captioned_entry (box, captions, "start-entry", _("Start (HH:MM)"), "06:00"));
  g_object_set_data (G_OBJECT (dialog), "end-entry", captioned_entry (box, captions, "end-entry", _("End (HH:MM)"), "14:00"));
  /* Translators: the duty of a shift, like "arrivals" */
  g_object_set_data (G_OBJECT (dialog), "role-entry", captioned_entry (box, captions, "role-entry", _("Duty (optional)"), NULL));
  /* Translators: confirm button of the dialog adding a shift */
  adw_message_dialog_set_response_label (dialog, "save", _("_Add"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_shift_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_poe_shifts_page_remove_shift_clicked_cb (PoeShiftsPage *self,
                                          GtkButton     *button)
{
  const char *shift_id = g_object_get_data (G_OBJECT (button), "shift-id");
  g_autoptr(PoeRecord) shift = get_record (self, "shift", shift_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (shift == NULL)
    return;

  start = poe_record_dup_time (shift, "planned_start");
  when = poe_shifts_format_time (start, self->zone, "%a %-d %b %H:%M");
  /* Translators: body of the dialog removing a shift; a name and "Tue 24 Nov 06:00" */
  body = g_strdup_printf (_("The shift of %s on %s leaves the roster."),
                          _poe_shifts_page_staff_name (self, poe_record_get_string (shift, "staff_id")), when);
  /* Translators: heading of the dialog removing a shift */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove This Shift?"), body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shift-id", g_strdup (shift_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_shift_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PoeShiftsPage *self = POE_SHIFTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!poe_shifts_page_export_payroll_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _poe_shifts_page_show_error (self, error);
}

static void
chooser_response_cb (PoeShiftsPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    poe_shifts_page_export_payroll_async (self, self->export_period, file, self->cancellable, export_done_cb, NULL);
  g_clear_object (&self->chooser);
}

static void
choose_payroll_file (PoeShiftsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *name = NULL;

  poe_payroll_period_get_bounds (self->export_period, now, self->zone, &first_day, &last_day);
  name = g_strdup_printf ("payroll-%s-to-%s.csv", first_day, last_day);
  g_clear_object (&self->chooser);
  /* Translators: title of the file chooser saving the payroll CSV */
  self->chooser = gtk_file_chooser_native_new (_("Export Payroll"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_clicked_cb (PoeShiftsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: the periods the payroll export offers */
  const char *periods[] = { _("This week"), _("Last week"), _("This month"), _("Last month"), NULL };
  AdwMessageDialog *dialog;
  GtkWidget *picker = gtk_drop_down_new_from_strings (periods);

  g_assert (POE_IS_SHIFTS_PAGE (self));

  /* Translators: heading and body of the dialog asking which period to export */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Export Payroll"),
                                                       _("The approved and locked hours of everyone at the port of entry, for")));
  gtk_widget_set_name (picker, "period-dropdown");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (picker), self->export_period);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  adw_message_dialog_set_extra_child (dialog, picker);
  g_object_set_data (G_OBJECT (dialog), "period-dropdown", picker);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "choose", _("_Choose File…"));
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (period_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}


/*
 * Page internals
 */

void
_poe_shifts_page_class_init_dialogs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_shift_clicked_cb);
}
