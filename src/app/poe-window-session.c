/* poe-window-session.c
 *
 * The window's side of the session: which of sign-in, lock screen and the pages it shows,
 * the idle lock, signing out, the sync indicator, the offline bar and the conflicts inbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-window"

#include "config.h"

#include <glib/gi18n.h>

#include "board/poe-abn-dialog.h"
#include "sync/poe-conflicts-window.h"

#include "common/poe-read-error.h"
#include "poe-abn.h"
#include "poe-window-private.h"

#define NOTIFIER_DELAY_SECONDS 2
#define RESTORING_SPINNER_DELAY_MS 800


/*
 * Auxiliary methods
 */

static void     ensure_sign_in_page       (PoeWindow *self);
static void     ensure_lock_page          (PoeWindow *self);
static gboolean show_restoring_spinner_cb (gpointer   user_data);

static void
show_toast (PoeWindow  *self,
            const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_offline_bar (PoeWindow *self)
{
  PoeSyncEngine *engine = poe_session_get_sync_engine (self->session);
  PoeSyncState state = engine != NULL ? poe_sync_engine_get_state (engine) : POE_SYNC_STATE_OFFLINE;

  /* A window that opens (or unlocks) offline shows the bar in its first frame; it slides in
   * and out only once the pages have been laid out with it, as the connection comes and goes.
   * Sliding in at start-up, it pushed the board down for a quarter of a second. */
  gtk_revealer_set_transition_type (self->offline_revealer,
                                    gtk_widget_get_width (GTK_WIDGET (self->offline_revealer)) > 0
                                      ? GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN
                                      : GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_reveal_child (self->offline_revealer,
                                 poe_session_get_state (self->session) == POE_SESSION_READY &&
                                 (engine == NULL || poe_sync_state_is_offline (state)));
}

static void
update_actions (PoeWindow *self)
{
  PoeSessionState state = poe_session_get_state (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", state == POE_SESSION_READY);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", state != POE_SESSION_SIGNED_OUT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now",
                                 state == POE_SESSION_READY && poe_session_get_sync_engine (self->session) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-conflicts", state == POE_SESSION_READY);
  /* The server refuses agents too; the menu only hides what the role cannot do. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-abn",
                                 state == POE_SESSION_READY && poe_session_get_sync_engine (self->session) != NULL &&
                                 poe_abn_role_may_import (poe_session_get_role (self->session)));
}

static void
close_other_windows (PoeWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The conflicts inbox shows values of records: it must not outlive a lock. */
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        gtk_window_destroy (window);
    }
}

static void
show_session_state (PoeWindow *self)
{
  PoeSessionState state = poe_session_get_state (self->session);

  if (!poe_session_get_restoring (self->session))
    {
      g_clear_handle_id (&self->restoring_id, g_source_remove);
      gtk_spinner_stop (self->restoring_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->restoring_spinner), FALSE);
    }

  switch (state)
    {
    case POE_SESSION_READY:
      gtk_stack_set_visible_child_name (self->session_stack, "main");
      break;

    case POE_SESSION_LOCKED:
      close_other_windows (self);
      _poe_window_hide_names (self);
      ensure_lock_page (self);
      poe_lock_page_reset (self->lock_page);
      poe_lock_page_set_username (self->lock_page, poe_session_get_display_name (self->session));
      gtk_stack_set_visible_child_name (self->session_stack, "locked");
      gtk_widget_grab_focus (GTK_WIDGET (self->lock_page));
      break;

    case POE_SESSION_SIGNED_OUT:
    default:
      close_other_windows (self);
      if (poe_session_get_restoring (self->session))
        {
          gtk_stack_set_visible_child_name (self->session_stack, "restoring");
          if (self->restoring_id == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->restoring_spinner)))
            self->restoring_id = g_timeout_add (RESTORING_SPINNER_DELAY_MS, show_restoring_spinner_cb, self);
          break;
        }
      ensure_sign_in_page (self);
      poe_sign_in_page_set_busy (self->sign_in_page, FALSE);
      poe_sign_in_page_set_defaults (self->sign_in_page,
                                     g_settings_get_string (self->settings, "server-url"),
                                     g_settings_get_string (self->settings, "username"));
      gtk_stack_set_visible_child_name (self->session_stack, "sign-in");
      gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_page));
      break;
    }

  update_actions (self);
  update_offline_bar (self);
}

static void
update_idle_timeout (PoeWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");

  poe_idle_monitor_set_timeout_seconds (self->idle_monitor, minutes * 60);
}


/*
 * Callbacks
 */

static void
session_state_notified_cb (PoeWindow *self)
{
  g_assert (POE_IS_WINDOW (self));

  show_session_state (self);
}

static void
engine_state_notified_cb (PoeWindow *self)
{
  g_assert (POE_IS_WINDOW (self));

  update_offline_bar (self);
}

static void
session_engine_notified_cb (PoeWindow *self)
{
  PoeSyncEngine *engine = poe_session_get_sync_engine (self->session);

  g_assert (POE_IS_WINDOW (self));

  poe_sync_status_set_engine (self->sync_status, engine);
  poe_notifier_set_engine (self->notifier, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "notify::state", G_CALLBACK (engine_state_notified_cb),
                             self, G_CONNECT_SWAPPED);
  update_actions (self);
  update_offline_bar (self);
}

static gboolean
show_restoring_spinner_cb (gpointer user_data)
{
  PoeWindow *self = user_data;

  self->restoring_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->restoring_spinner), TRUE);
  gtk_spinner_start (self->restoring_spinner);

  return G_SOURCE_REMOVE;
}

static gboolean
start_notifier_cb (gpointer user_data)
{
  PoeWindow *self = user_data;

  self->notifier_id = 0;
  poe_notifier_set_store (self->notifier, poe_session_get_store (self->session));

  return G_SOURCE_REMOVE;
}

static void
session_store_notified_cb (PoeWindow *self)
{
  g_assert (POE_IS_WINDOW (self));

  poe_sync_status_set_store (self->sync_status, poe_session_get_store (self->session));
  /* The notifier reads a day and a half of flights: not before the first frame. */
  poe_notifier_set_store (self->notifier, NULL);
  g_clear_handle_id (&self->notifier_id, g_source_remove);
  if (poe_session_get_store (self->session) != NULL)
    self->notifier_id = g_timeout_add_seconds (NOTIFIER_DELAY_SECONDS, start_notifier_cb, self);
  _poe_window_store_changed (self);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PoeWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean signed_in = poe_session_sign_in_finish (POE_SESSION (object), result, &error);

  if (self->sign_in_page == NULL)
    return;

  if (!signed_in)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          poe_sign_in_page_set_busy (self->sign_in_page, FALSE);
          poe_sign_in_page_show_error (self->sign_in_page, error->message);
        }
      return;
    }

  poe_sign_in_page_set_busy (self->sign_in_page, FALSE);
}

static void
sign_in_requested_cb (PoeWindow  *self,
                      const char *server_url,
                      const char *username,
                      const char *password)
{
  g_assert (POE_IS_WINDOW (self));

  poe_sign_in_page_set_busy (self->sign_in_page, TRUE);
  poe_session_sign_in_async (self->session, server_url, username, password,
                             self->cancellable, signed_in_cb, g_object_ref (self));
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PoeWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!poe_session_unlock_finish (POE_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->lock_page != NULL)
    poe_lock_page_show_error (self->lock_page, error->message);
}

static void
unlock_requested_cb (PoeWindow  *self,
                     const char *password)
{
  g_assert (POE_IS_WINDOW (self));

  poe_session_unlock_async (self->session, password, self->cancellable, unlocked_cb, g_object_ref (self));
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PoeWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!poe_session_sign_out_finish (POE_SESSION (object), result, &error))
    show_toast (self, error->message);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PoeWindow        *self)
{
  if (g_strcmp0 (response, "sign-out") == 0)
    poe_session_sign_out_async (self->session, NULL, signed_out_cb, g_object_ref (self));
}

static void
sign_out_requested_cb (PoeWindow *self)
{
  guint unsynced = poe_session_count_unsynced (self->session);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_assert (POE_IS_WINDOW (self));

  if (unsynced > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u change made on this computer has not reached the server yet. "
                                         "Signing out deletes it, with the families’ data kept here.",
                                         "%u changes made on this computer have not reached the server yet. "
                                         "Signing out deletes them, with the families’ data kept here.",
                                         unsynced),
                            unsynced);
  else
    body = g_strdup (_("Every change has reached the server. Signing out deletes the families’ data kept on this computer."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", unsynced > 0 ? _("_Delete Changes and Sign Out") : _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lock_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  poe_session_lock (POE_WINDOW (widget)->session);
}

static void
sign_out_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  sign_out_requested_cb (POE_WINDOW (widget));
}

static void
import_abn_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PoeWindow *self = POE_WINDOW (widget);
  GtkWidget *dialog = poe_abn_dialog_new (self->session);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
  poe_abn_dialog_choose_file (POE_ABN_DIALOG (dialog));
}

static void
sync_now_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PoeSyncEngine *engine = poe_session_get_sync_engine (POE_WINDOW (widget)->session);

  if (engine != NULL)
    poe_sync_engine_sync_now (engine);
}

static void
show_conflicts_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PoeWindow *self = POE_WINDOW (widget);
  PoeStore *store = poe_session_get_store (self->session);
  PoeConflictsWindow *conflicts;

  if (store == NULL)
    return;

  conflicts = poe_conflicts_window_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (conflicts), GTK_WINDOW (self));
  gtk_window_set_application (GTK_WINDOW (conflicts), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (conflicts));
}

/* A read of the local store around a view failed (poe_read_error_report()): the bar says so
 * until dismissed. */
static void
show_read_error_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PoeWindow *self = POE_WINDOW (widget);

  gtk_label_set_label (self->read_error_label, g_variant_get_string (parameter, NULL));
  gtk_revealer_set_reveal_child (self->read_error_revealer, TRUE);
}

static void
dismiss_read_error_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (POE_WINDOW (widget)->read_error_revealer, FALSE);
}

/* The notifier could not read what it would notify: the bar says so. */
static void
notifier_read_failed_cb (PoeWindow    *self,
                         const GError *error)
{
  poe_read_error_report (GTK_WIDGET (self), error);
}

static void
notification_activated_cb (PoeWindow  *self,
                           const char *page,
                           const char *target)
{
  g_assert (POE_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  if (poe_session_get_state (self->session) != POE_SESSION_READY)
    return;

  if (g_strcmp0 (page, "flight") == 0 && target != NULL)
    poe_window_show_flight (self, target);
  else if (g_strcmp0 (page, "case") == 0 && target != NULL)
    poe_window_show_case (self, target);
  else if (g_strcmp0 (page, "conflicts") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-conflicts", NULL);
  else
    poe_sync_status_popup (self->sync_status);
}

static void
update_notifications (PoeWindow *self)
{
  poe_notifier_set_enabled (self->notifier, g_settings_get_boolean (self->settings, "notifications"));
}

static void
idle_cb (PoeWindow *self)
{
  g_assert (POE_IS_WINDOW (self));

  poe_session_lock (self->session);
}

static void
session_locked_cb (PoeWindow *self)
{
  g_assert (POE_IS_WINDOW (self));

  if (g_settings_get_boolean (self->settings, "lock-on-session-lock"))
    poe_session_lock (self->session);
}


/* The sign-in and lock pages: built the first time they are shown. */
static void
ensure_sign_in_page (PoeWindow *self)
{
  if (self->sign_in_page != NULL)
    return;

  self->sign_in_page = g_object_new (POE_TYPE_SIGN_IN_PAGE, NULL);
  g_signal_connect_object (self->sign_in_page, "sign-in", G_CALLBACK (sign_in_requested_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->sign_in_bin, GTK_WIDGET (self->sign_in_page));
}

static void
ensure_lock_page (PoeWindow *self)
{
  if (self->lock_page != NULL)
    return;

  self->lock_page = g_object_new (POE_TYPE_LOCK_PAGE, NULL);
  g_signal_connect_object (self->lock_page, "unlock", G_CALLBACK (unlock_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lock_page, "sign-out", G_CALLBACK (sign_out_requested_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->lock_bin, GTK_WIDGET (self->lock_page));
}


/*
 * Window internals
 */

void
_poe_window_class_init_session (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, session_stack);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, restoring_spinner);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, sign_in_bin);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, lock_bin);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, read_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, read_error_label);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-abn", NULL, import_abn_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL, show_conflicts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-read-error", "s", show_read_error_action_cb);
  gtk_widget_class_install_action (widget_class, "win.dismiss-read-error", NULL, dismiss_read_error_action_cb);
}

void
_poe_window_init_session (PoeWindow *self)
{
  self->notifier = poe_notifier_new (g_get_application_name ());
  update_notifications (self);
  g_signal_connect_object (self->settings, "changed::notifications",
                           G_CALLBACK (update_notifications), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "activated", G_CALLBACK (notification_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notifier, "read-failed", G_CALLBACK (notifier_read_failed_cb),
                           self, G_CONNECT_SWAPPED);

  self->idle_monitor = poe_idle_monitor_new (GTK_WINDOW (self));
  update_idle_timeout (self);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (update_idle_timeout), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->idle_monitor, "idle", G_CALLBACK (idle_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->idle_monitor, "session-locked", G_CALLBACK (session_locked_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (session_state_notified_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::restoring", G_CALLBACK (session_state_notified_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::sync-engine", G_CALLBACK (session_engine_notified_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::store", G_CALLBACK (session_store_notified_cb),
                           self, G_CONNECT_SWAPPED);

  session_store_notified_cb (self);
  session_engine_notified_cb (self);
  show_session_state (self);
}


/*
 * Public API
 */

/**
 * poe_window_get_read_error:
 *
 * Returns: (nullable): what the bar says of a failed read of the local store, while shown
 */
const char *
poe_window_get_read_error (PoeWindow *self)
{
  g_return_val_if_fail (POE_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->read_error_revealer))
    return NULL;

  return gtk_label_get_label (self->read_error_label);
}
