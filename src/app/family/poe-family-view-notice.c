/* poe-family-view-notice.c
 *
 * The family view's arrival notification: Notify… shows what the operations centre and the
 * resettlement agency will be told (poe_arrival_notice_build()) and, once the user sends
 * it, writes it as one synced record; the row says when the last one was sent and to whom.
 * A shift lead saves the last one as a PDF or CSV to send on by mail. Times are the case's
 * POE's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-export.h"
#include "poe-arrival-notice.h"

#include "poe-family-view-private.h"


/*
 * Auxiliary methods
 */

static gboolean
is_lead (PoeFamilyView *self)
{
  const char *role = self->session ? poe_session_get_role (self->session) : NULL;

  return role != NULL && g_strv_contains ((const char * const[]) { "lead", "supervisor", "admin", NULL }, role);
}

static GtkWidget *
rows_list_new (GPtrArray *rows)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_set_name (list, "notice-rows");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < rows->len; i += 2)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rows->pdata[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rows->pdata[i + 1]);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  return list;
}


/*
 * Callbacks
 */

static void
send_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PoeFamilyView    *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "send"))
    return;

  if (!poe_family_view_send_notice (self, &error))
    _poe_family_view_show_error (self, error);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Arrival notification sent")));
}

static void
send_notice_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) notice = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->store == NULL || self->case_id == NULL || self->snapshot == NULL)
    return;

  if (!(notice = poe_arrival_notice_build (self->store, self->case_id, now, &error)) ||
      !(rows = poe_arrival_notice_dup_rows (self->store, notice, self->snapshot->time_zone, &error)))
    {
      _poe_family_view_show_error (self, error);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Send Arrival Notification?"),
                                   _("The operations centre and the resettlement agency get what the "
                                     "family's record says now, through the sync."));
  gtk_widget_set_name (dialog, "notice-dialog");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), rows_list_new (rows));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (send_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Arrival notification saved")));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _poe_family_view_show_error (self, error);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PoeFamilyView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  const char *format = g_object_get_data (G_OBJECT (chooser), "format");

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (!(bytes = poe_family_view_dup_notice_document (self, format, &error)))
        _poe_family_view_show_error (self, error);
      else
        {
          task = g_task_new (self, self->notice_cancellable, export_written_cb, NULL);
          /* Names of the receiving party: readable by the user only. */
          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                               G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                               self->notice_cancellable, poe_export_file_replaced_cb,
                                               g_steal_pointer (&task));
        }
    }

  g_clear_object (&self->notice_chooser);
}

static void
export_notice_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;

  if (self->snapshot == NULL)
    return;

  name = g_strdup_printf ("arrival-%s.%s", poe_record_get_string (self->snapshot->kase, "case_number"),
                          g_str_equal (format, "pdf") ? "pdf" : "csv");
  g_clear_object (&self->notice_chooser);
  self->notice_chooser = gtk_file_chooser_native_new (_("Save Arrival Notification"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (self->notice_chooser), "format", g_strdup (format), g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->notice_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->notice_chooser), name);
  g_signal_connect_object (self->notice_chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->notice_chooser));
}


/*
 * Family view internals
 */

void
_poe_family_view_class_init_notice (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, notice_row);
  gtk_widget_class_install_action (widget_class, "family.send-notice", NULL, send_notice_action_cb);
  gtk_widget_class_install_action (widget_class, "family.export-notice", "s", export_notice_action_cb);
}

void
_poe_family_view_dispose_notice (PoeFamilyView *self)
{
  g_cancellable_cancel (self->notice_cancellable);
  g_clear_object (&self->notice_cancellable);
  g_clear_object (&self->notice_chooser);
}

/* The row: when the last notification was sent, and to whom. */
void
_poe_family_view_update_notice (PoeFamilyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) last = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *subtitle = NULL;
  gboolean ready = self->session != NULL && self->snapshot != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.send-notice", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.export-notice", FALSE);
  if (!ready)
    return;

  if (!(last = poe_family_view_dup_last_notice (self, &error)))
    subtitle = g_strdup (error ? error->message : _("Not sent yet"));
  else if ((rows = poe_arrival_notice_dup_rows (self->store, last, self->snapshot->time_zone, &error)))
    /* Translators: when the last arrival notification was sent and to whom */
    subtitle = g_strdup_printf (_("Sent %1$s to %2$s"), (char *) rows->pdata[rows->len - 1], (char *) rows->pdata[3]);
  else
    subtitle = g_strdup (error->message);

  adw_action_row_set_subtitle (self->notice_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.export-notice", last != NULL && is_lead (self));
}


/*
 * Public API
 */

/**
 * poe_family_view_dup_last_notice:
 *
 * Returns: (transfer full) (nullable): the family's last arrival notification; %NULL when
 *   none was sent, or with @error set when they could not be read
 */
PoeRecord *
poe_family_view_dup_last_notice (PoeFamilyView  *self,
                                 GError        **error)
{
  g_autoptr(GPtrArray) notices = NULL;
  PoeRecord *last = NULL;

  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), NULL);

  if (self->store == NULL || self->case_id == NULL ||
      !(notices = poe_store_list (self->store, "arrival_notice", "case_id", self->case_id, error)))
    return NULL;

  for (guint i = 0; i < notices->len; i++)
    {
      PoeRecord *notice = g_ptr_array_index (notices, i);

      if (last == NULL || g_strcmp0 (poe_record_get_string (notice, "sent_at"),
                                     poe_record_get_string (last, "sent_at")) > 0)
        last = notice;
    }

  return last ? g_object_ref (last) : NULL;
}

/**
 * poe_family_view_send_notice:
 *
 * Builds the family's arrival notification now and writes it (one store transaction);
 * Notify… asks first, this does not.
 */
gboolean
poe_family_view_send_notice (PoeFamilyView  *self,
                             GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) notice = NULL;

  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), FALSE);

  if (self->store == NULL || self->case_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Choose a family first."));
      return FALSE;
    }

  return (notice = poe_arrival_notice_build (self->store, self->case_id, now, error)) != NULL &&
         poe_store_save (self->store, notice, error);
}

/**
 * poe_family_view_dup_notice_document:
 * @format: "pdf" or "csv"
 *
 * Returns: (transfer full): the last arrival notification as a document, or %NULL with
 *   @error set
 */
GBytes *
poe_family_view_dup_notice_document (PoeFamilyView  *self,
                                     const char     *format,
                                     GError        **error)
{
  g_autoptr(PoeRecord) last = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), NULL);

  if (self->snapshot == NULL || !(last = poe_family_view_dup_last_notice (self, &local_error)))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Send the arrival notification first."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(rows = poe_arrival_notice_dup_rows (self->store, last, self->snapshot->time_zone, error)))
    return NULL;

  return g_strcmp0 (format, "pdf") == 0 ? poe_arrival_notice_to_pdf (rows, error) : poe_arrival_notice_to_csv (rows);
}
