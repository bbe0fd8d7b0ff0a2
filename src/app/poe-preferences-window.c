/* poe-preferences-window.c
 *
 * The preferences: the server's address and the port of entry, checked before they are
 * stored (an entry says what is wrong and keeps the old value), and, bound straight to the
 * GSettings, notifications, names shown by default, the idle lock, locking with the desktop
 * session and the days after hand-over before personal data is purged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-core.h"

#include "poe-preferences-window.h"

struct _PoePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwEntryRow          *server_url_row;
  AdwEntryRow          *poe_code_row;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *reveal_names_switch;
  GtkSpinButton        *idle_lock_spin;
  GtkSwitch            *session_lock_switch;
  GtkSpinButton        *purge_days_spin;
};

G_DEFINE_FINAL_TYPE (PoePreferencesWindow, poe_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


/*
 * Auxiliary methods
 */

static void
show_entry_error (AdwEntryRow *row,
                  gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}


/*
 * Callbacks
 */

static void
server_url_applied_cb (PoePreferencesWindow *self,
                       AdwEntryRow          *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert (POE_IS_PREFERENCES_WINDOW (self));

  url = poe_validate_server_url (gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  show_entry_error (row, url == NULL);

  if (url == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), url);
  g_settings_set_string (self->settings, "server-url", url);
}

static void
poe_code_applied_cb (PoePreferencesWindow *self,
                     AdwEntryRow          *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_assert (POE_IS_PREFERENCES_WINDOW (self));

  /* Empty means: the port of entry of the signed-in user. */
  if (g_strstrip (text)[0] == '\0')
    {
      show_entry_error (row, FALSE);
      g_settings_set_string (self->settings, "poe-code", "");
      return;
    }

  code = poe_validate_poe_code (gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  show_entry_error (row, code == NULL);

  if (code == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row), code);
  g_settings_set_string (self->settings, "poe-code", code);
}


/*
 * GObject overrides
 */

static void
poe_preferences_window_constructed (GObject *object)
{
  PoePreferencesWindow *self = POE_PREFERENCES_WINDOW (object);
  g_autofree char *server_url = NULL;
  g_autofree char *poe_code = NULL;

  G_OBJECT_CLASS (poe_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  server_url = g_settings_get_string (self->settings, "server-url");
  poe_code = g_settings_get_string (self->settings, "poe-code");
  gtk_editable_set_text (GTK_EDITABLE (self->server_url_row), server_url);
  gtk_editable_set_text (GTK_EDITABLE (self->poe_code_row), poe_code);

  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reveal-names-by-default", self->reveal_names_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_lock_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-on-session-lock", self->session_lock_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "purge-days", self->purge_days_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
poe_preferences_window_dispose (GObject *object)
{
  PoePreferencesWindow *self = POE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (poe_preferences_window_parent_class)->dispose (object);
}

static void
poe_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PoePreferencesWindow *self = POE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_preferences_window_class_init (PoePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = poe_preferences_window_constructed;
  object_class->dispose = poe_preferences_window_dispose;
  object_class->set_property = poe_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/poe-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, server_url_row);
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, poe_code_row);
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, reveal_names_switch);
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, idle_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, session_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, PoePreferencesWindow, purge_days_spin);
  gtk_widget_class_bind_template_callback (widget_class, server_url_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, poe_code_applied_cb);
}

static void
poe_preferences_window_init (PoePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

PoePreferencesWindow *
poe_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (POE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
