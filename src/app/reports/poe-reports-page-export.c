/* poe-reports-page-export.c
 *
 * The reports page's exports: the Export CSV and Export PDF buttons, the file chooser
 * they open, and writing the statistics shown to the file chosen, off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-reports-page-private.h"


/*
 * Callbacks
 */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->export_label), TRUE);
  if (poe_reports_page_export_finish (self, result, &error))
    gtk_label_set_label (self->export_label, _("The report was saved."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The report could not be saved: %s. Choose another folder and try again."),
                                               error->message);

      gtk_label_set_label (self->export_label, text);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (user_data);
  PoeReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    poe_reports_page_export_async (self, format, file, self->cancellable, export_done_cb, NULL);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (PoeReportsPage  *self,
             PoeReportFormat  format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) from = self->from ? g_date_time_to_timezone (self->from, self->zone) : NULL;
  g_autofree char *day = from ? g_date_time_format (from, "%Y-%m-%d") : g_strdup ("report");
  g_autofree char *name = g_strdup_printf ("poe-report-%s-%s.%s", poe_session_get_poe (self->session), day,
                                           format == POE_REPORT_FORMAT_PDF ? "pdf" : "csv");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (format == POE_REPORT_FORMAT_PDF ? _("Export PDF Report") : _("Export CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_csv_clicked_cb (PoeReportsPage *self)
{
  choose_file (self, POE_REPORT_FORMAT_CSV);
}

static void
export_pdf_clicked_cb (PoeReportsPage *self)
{
  choose_file (self, POE_REPORT_FORMAT_PDF);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (poe_report_write_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}


/*
 * Page internals
 */

void
_poe_reports_page_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, export_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_pdf_clicked_cb);
}


/*
 * Public API
 */

/**
 * poe_reports_page_export_async:
 *
 * Writes the statistics shown to @file as a PDF report or CSV, off the main thread.
 */
void
poe_reports_page_export_async (PoeReportsPage      *self,
                               PoeReportFormat      format,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  PoeReportInfo info;

  g_return_if_fail (POE_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_reports_page_export_async);
  if (self->stats == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There are no statistics to export"));
      return;
    }

  now = g_date_time_new_now (self->zone);
  info = (PoeReportInfo) { self->poe_name, self->period_text, now, _poe_reports_page_report_label };
  poe_report_write_async (self->stats, &info, format, file, cancellable, write_done_cb, g_steal_pointer (&task));
}

gboolean
poe_reports_page_export_finish (PoeReportsPage  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
