/* poe-family-view-handover.c
 *
 * The family view's hand-over part: who holds the family and its documents now (custody,
 * with its own Hand Off… button), its vouchers, the Report Anomaly… action and closing the
 * case. These need the session (the giver, the author), so they show only when the view
 * has one. Closing follows the rule book (poe_case_check_close()): the case row says
 * whether the case may close and, when it may not, why; Close Case… asks first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include <glib/gi18n.h>

#include "escorts/poe-handoff-dialog.h"
#include "incidents/poe-anomaly-dialog.h"
#include "poe-handover.h"

#include "poe-family-view-private.h"


/*
 * Auxiliary methods
 */

static void
present_transient (PoeFamilyView *self,
                   GtkWindow     *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
      gtk_window_set_modal (dialog, TRUE);
    }
  gtk_window_present (dialog);
}

static const char *
case_status_label (const char *status)
{
  /* Translators: the status of a family's case */
  if (g_strcmp0 (status, "expected") == 0)
    return _("Expected");
  if (g_strcmp0 (status, "in_progress") == 0)
    return _("In progress");
  if (g_strcmp0 (status, "handed_over") == 0)
    return _("Handed over");
  if (g_strcmp0 (status, "closed") == 0)
    return _("Closed");
  if (g_strcmp0 (status, "no_show") == 0)
    return _("No-show");

  return _("Unknown status");
}

static const char *
case_status (PoeFamilyView *self)
{
  return self->snapshot ? poe_record_get_string (self->snapshot->kase, "status") : NULL;
}

static GtkWidget *
message_dialog_new (PoeFamilyView *self,
                    const char    *heading,
                    const char    *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
}


/*
 * Callbacks
 */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PoeFamilyView    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "close") && !poe_family_view_close_case (self, &error))
    _poe_family_view_show_error (self, error);
}

static void
close_case_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  if (self->store == NULL || self->case_id == NULL)
    return;

  /* Refused: the rule book's reason, and nothing to confirm. */
  if (!poe_case_check_close (self->store, self->case_id, &error))
    {
      dialog = ADW_MESSAGE_DIALOG (message_dialog_new (self, _("This Case Cannot Be Closed Yet"), error->message));
      adw_message_dialog_add_response (dialog, "ok", _("_OK"));
      gtk_widget_set_name (GTK_WIDGET (dialog), "close-refused-dialog");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (message_dialog_new (self, _("Close This Case?"),
                                                   _("The family has been handed over. A closed case "
                                                     "leaves the lists of open families on every device.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "close", _("_Close Case"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_set_name (GTK_WIDGET (dialog), "close-confirm-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_anomaly_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);

  if (self->session == NULL || self->case_id == NULL)
    return;

  present_transient (self, GTK_WINDOW (poe_anomaly_dialog_new (self->session, NULL, self->case_id)));
}


/*
 * Family view internals
 */

void
_poe_family_view_class_init_handover (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, closing_group);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, close_row);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, custody_view);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, vouchers_view);
  gtk_widget_class_install_action (widget_class, "family.report-anomaly", NULL, report_anomaly_action_cb);
  gtk_widget_class_install_action (widget_class, "family.close-case", NULL, close_case_action_cb);

  g_type_ensure (POE_TYPE_CUSTODY_VIEW);
  g_type_ensure (POE_TYPE_VOUCHERS_VIEW);
}

void
_poe_family_view_update_handover (PoeFamilyView *self)
{
  gboolean shown = self->session != NULL && self->case_id != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->custody_view), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->vouchers_view), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->closing_group), shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.report-anomaly", shown);
  _poe_family_view_update_closing (self);
  if (!shown)
    return;

  poe_custody_view_set_case (self->custody_view, self->session, self->case_id);
  poe_vouchers_view_set_case (self->vouchers_view, self->session, self->case_id);
}

/* The case row: its status, and whether it may close now or why not. */
void
_poe_family_view_update_closing (PoeFamilyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  const char *status = case_status (self);
  gboolean closed = g_strcmp0 (status, "closed") == 0;
  gboolean may_close;

  if (self->session == NULL || self->snapshot == NULL || self->case_id == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.close-case", FALSE);
      return;
    }

  may_close = !closed && poe_case_check_close (self->store, self->case_id, &error);
  if (closed)
    subtitle = g_strdup (case_status_label (status));
  else if (may_close)
    /* Translators: the status of a case, then that it may be closed, "Handed over · ready to close" */
    subtitle = g_strdup_printf (_("%s · ready to close"), case_status_label (status));
  else
    /* Translators: the status of a case, then why it cannot be closed yet */
    subtitle = g_strdup_printf (_("%1$s · %2$s"), case_status_label (status), error->message);

  adw_action_row_set_subtitle (self->close_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.close-case", !closed);
}


/*
 * Public API
 */

/**
 * poe_family_view_close_case:
 *
 * Closes the family's case when the rule book allows it (poe_case_close()); else @error
 * says why, in words for the user. The view asks first (Close Case…); this does not.
 */
gboolean
poe_family_view_close_case (PoeFamilyView  *self,
                            GError        **error)
{
  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), FALSE);

  if (self->store == NULL || self->case_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Choose a family first."));
      return FALSE;
    }

  return poe_case_close (self->store, self->case_id, error);
}
