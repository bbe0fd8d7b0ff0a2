/* poe-escorts-page-actions.c
 *
 * What the escorts page writes: answers to hand-offs, a family marked handed over (with
 * the URM rule), and the voucher export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-escorts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-export.h"
#include "poe-csv.h"
#include "poe-custody.h"
#include "poe-escorts-labels.h"
#include "poe-escorts-page-private.h"
#include "poe-handoff-dialog.h"
#include "poe-handover.h"

typedef enum
{
  ANSWER_ACCEPT,
  ANSWER_DECLINE,
  ANSWER_CONFIRM,
} Answer;


/*
 * Auxiliary methods
 */

static gboolean
check_ready (PoeEscortsPage  *self,
             GError         **error)
{
  if (self->store != NULL && self->session != NULL)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Sign in first."));
  return FALSE;
}

static gboolean
answer (PoeEscortsPage  *self,
        const char      *handoff_id,
        Answer           kind,
        const char      *reason,
        GError         **error)
{
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(PoeRecord) handoff = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *me;
  const char *name;
  gboolean ok = FALSE;

  if (!check_ready (self, error) || !(stored = poe_store_get (self->store, "handoff", handoff_id, error)))
    return FALSE;

  me = poe_session_get_staff_id (self->session);
  name = poe_session_get_display_name (self->session);
  handoff = poe_record_copy (stored);

  switch (kind)
    {
    case ANSWER_ACCEPT:
      ok = poe_handoff_accept (handoff, me, name, now, error);
      break;
    case ANSWER_DECLINE:
      ok = poe_handoff_decline (handoff, me, name, reason, now, error);
      break;
    case ANSWER_CONFIRM:
      ok = poe_handoff_confirm (handoff, me, now, error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok && poe_handoff_save (self->store, handoff, error);
}

static void
toast_result (PoeEscortsPage *self,
              gboolean        ok,
              const GError   *error,
              const char     *done)
{
  _poe_escorts_page_toast (self, ok ? done : error->message);
}

static GBytes *
build_export (PoeEscortsPage  *self,
              GError         **error)
{
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) vouchers = NULL;

  if (!check_ready (self, error))
    return NULL;

  today = poe_escorts_dup_today (self->zone);
  if (!(vouchers = poe_voucher_list_for_day (self->store, today, self->zone, error)))
    return NULL;

  return poe_voucher_export_csv (self->store, vouchers, self->zone, self->reveal_names, error);
}


/*
 * Callbacks
 */

static void
accept_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = poe_escorts_page_accept (self, g_variant_get_string (parameter, NULL), &error);

  toast_result (self, ok, error, _("Hand-off accepted: the family is with you now"));
}

static void
confirm_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = poe_escorts_page_confirm (self, g_variant_get_string (parameter, NULL), &error);

  toast_result (self, ok, error, _("Hand-over confirmed"));
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "decline", *reason != '\0');
}

static void
decline_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PoeEscortsPage   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *id = g_object_get_data (G_OBJECT (dialog), "handoff-id");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "decline"))
    return;

  ok = poe_escorts_page_decline (self, id, gtk_editable_get_text (entry), &error);
  toast_result (self, ok, error, _("Hand-off declined: the family stays with the giver"));
}

static void
decline_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Decline Hand-Off?"),
                                                       _("The family stays with the giver. Say why, so they "
                                                         "know what to do next.")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "decline", _("_Decline"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "decline", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "decline", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "handoff-id", g_variant_dup_string (parameter, NULL), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (decline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hand_off_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  poe_escorts_page_open_handoff (POE_ESCORTS_PAGE (widget), g_variant_get_string (parameter, NULL), NULL);
}

static void
mark_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok = poe_escorts_page_mark_handed_over (self, g_variant_get_string (parameter, NULL), &error);

  toast_result (self, ok, error, _("Family marked handed over"));
}

static void
export_finished_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (poe_escorts_page_export_vouchers_finish (self, result, &error))
    _poe_escorts_page_toast (self, _("Vouchers exported"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _poe_escorts_page_toast (self, error->message);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PoeEscortsPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    poe_escorts_page_export_vouchers_async (self, file, self->cancellable, export_finished_cb, NULL);

  g_clear_object (&self->chooser);
}

static void
export_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *today = poe_escorts_dup_today (self->zone);
  g_autofree char *name = g_strdup_printf ("vouchers-%s.csv", today);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Vouchers"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}


/*
 * Private API
 */

void
_poe_escorts_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "escorts.accept", "s", accept_activated_cb);
  gtk_widget_class_install_action (widget_class, "escorts.decline", "s", decline_activated_cb);
  gtk_widget_class_install_action (widget_class, "escorts.confirm", "s", confirm_activated_cb);
  gtk_widget_class_install_action (widget_class, "escorts.hand-off", "s", hand_off_activated_cb);
  gtk_widget_class_install_action (widget_class, "escorts.mark-handed-over", "s", mark_activated_cb);
  gtk_widget_class_install_action (widget_class, "escorts.export", NULL, export_activated_cb);
}


/*
 * Public API
 */

/**
 * poe_escorts_page_accept:
 *
 * Accepts a hand-off to the signed-in user: the family is theirs from now.
 */
gboolean
poe_escorts_page_accept (PoeEscortsPage  *self,
                         const char      *handoff_id,
                         GError         **error)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), FALSE);
  g_return_val_if_fail (handoff_id != NULL, FALSE);

  return answer (self, handoff_id, ANSWER_ACCEPT, NULL, error);
}

/**
 * poe_escorts_page_decline:
 * @reason: why, required
 *
 * Declines a hand-off to the signed-in user: the family stays with the giver.
 */
gboolean
poe_escorts_page_decline (PoeEscortsPage  *self,
                          const char      *handoff_id,
                          const char      *reason,
                          GError         **error)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), FALSE);
  g_return_val_if_fail (handoff_id != NULL, FALSE);

  return answer (self, handoff_id, ANSWER_DECLINE, reason, error);
}

/**
 * poe_escorts_page_confirm:
 *
 * Confirms, as its giver, that the outside party of a hand-off has the family.
 */
gboolean
poe_escorts_page_confirm (PoeEscortsPage  *self,
                          const char      *handoff_id,
                          GError         **error)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), FALSE);
  g_return_val_if_fail (handoff_id != NULL, FALSE);

  return answer (self, handoff_id, ANSWER_CONFIRM, NULL, error);
}

/**
 * poe_escorts_page_mark_handed_over:
 *
 * Sets the case's status to handed over, unless the URM rule forbids it.
 */
gboolean
poe_escorts_page_mark_handed_over (PoeEscortsPage  *self,
                                   const char      *case_id,
                                   GError         **error)
{
  g_autoptr(PoeCustody) custody = NULL;
  g_autoptr(PoeRecord) kase = NULL;

  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!check_ready (self, error) ||
      !(custody = poe_custody_load (self->store, case_id, error)) ||
      !poe_custody_check_status (custody, "handed_over", error))
    return FALSE;

  kase = poe_record_copy (poe_custody_get_case (custody));
  poe_record_set_string (kase, "status", "handed_over");

  return poe_store_save (self->store, kase, error);
}

/**
 * poe_escorts_page_open_handoff:
 * @person_id: (nullable): one member, or %NULL for the family
 *
 * Returns: (transfer none) (nullable): the hand-off form, presented over the page's window
 */
GtkWidget *
poe_escorts_page_open_handoff (PoeEscortsPage *self,
                               const char     *case_id,
                               const char     *person_id)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (self->session == NULL || self->store == NULL)
    return NULL;

  dialog = poe_handoff_dialog_new (self->session, case_id, person_id);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * poe_escorts_page_export_vouchers_async:
 * @file: where to write the CSV
 *
 * Writes today's vouchers as CSV (see poe_voucher_export_csv()), with initials unless the
 * page reveals names.
 */
void
poe_escorts_page_export_vouchers_async (PoeEscortsPage      *self,
                                        GFile               *file,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (POE_IS_ESCORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_escorts_page_export_vouchers_async);

  if (!(bytes = build_export (self, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Initials or names of families: readable by the user only. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, poe_export_file_replaced_cb,
                                       g_steal_pointer (&task));
}

gboolean
poe_escorts_page_export_vouchers_finish (PoeEscortsPage  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
