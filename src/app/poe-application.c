/* poe-application.c
 *
 * PoeApplication, the AdwApplication of poe-desk. It owns the settings and the one
 * PoeSession, restores the session on a worker thread that starts before GTK does (and reads
 * there the board the window opens with), warms the icon theme and the first frame's fonts
 * while the window is built, and holds the app-wide actions (quit, preferences, about) and
 * their accelerators. With --server, --user and --password-stdin it signs in at start when
 * the restored session is not signed in (build-aux/dev run uses them); the password is read
 * from standard input and wiped once used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-application"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>

#include "session/poe-session.h"

#include "common/poe-font-warmup.h"
#include "poe-application.h"
#include "board/poe-board-page.h"
#include "poe-bench-hook.h"
#include "poe-preferences-window.h"
#include "poe-window.h"

struct _PoeApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PoeSession     *session;
  PoeFontWarmup  *font_warmup;  /* nullable: until the first window takes its fonts */

  /* --server, --user, --password-stdin: sign in at start (build-aux/dev run uses it) */
  char           *sign_in_url;
  char           *sign_in_user;
  char           *sign_in_password;
};

G_DEFINE_FINAL_TYPE (PoeApplication, poe_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Sign in to this server at start"), N_("URL") },
  { "user", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Sign in as this user at start"), N_("NAME") },
  { "password-stdin", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Read the password for signing in at start from standard input"), NULL },
  { NULL }
};


/*
 * Auxiliary methods
 */

static GtkWindow *
get_active_main_window (PoeApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (POE_IS_WINDOW (window))
    return window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (POE_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}


/*
 * Callbacks
 */

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PoeApplication *self = user_data;
  PoePreferencesWindow *preferences;

  g_assert (POE_IS_APPLICATION (self));

  preferences = poe_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), get_active_main_window (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PoeApplication *self = user_data;
  static const char *developers[] = { "The POE Desk developers", NULL };
  GtkWidget *about;

  g_assert (POE_IS_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_active_main_window (self),
                        "application-name", _("POE Desk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The POE Desk developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Receive resettled refugee families at the airport port of entry: "
                                      "arrivals, reception checklists, hand-offs, incidents and shifts, "
                                      "online and offline."),
                        "website", "https://github.com/poedesk/poe-desk",
                        "issue-url", "https://github.com/poedesk/poe-desk/issues",
                        "developers", developers,
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The POE Desk developers",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
};


/* The password comes on standard input, never on the command line (ps would show it). */
static gboolean
read_sign_in_options (PoeApplication *self,
                      GVariantDict   *options)
{
  char line[1024];

  g_variant_dict_lookup (options, "server", "s", &self->sign_in_url);
  g_variant_dict_lookup (options, "user", "s", &self->sign_in_user);
  if (!g_variant_dict_contains (options, "password-stdin"))
    return TRUE;

  if (self->sign_in_url == NULL || self->sign_in_user == NULL || fgets (line, sizeof line, stdin) == NULL)
    {
      g_printerr (_("poe-desk: --password-stdin needs --server, --user and a password line on standard input\n"));
      return FALSE;
    }

  line[strcspn (line, "\r\n")] = '\0';
  self->sign_in_password = g_strdup (line);
  memset (line, 0, sizeof line);

  return TRUE;
}

static void
clear_sign_in_options (PoeApplication *self)
{
  g_clear_pointer (&self->sign_in_url, g_free);
  g_clear_pointer (&self->sign_in_user, g_free);
  if (self->sign_in_password != NULL)
    memset (self->sign_in_password, 0, strlen (self->sign_in_password));
  g_clear_pointer (&self->sign_in_password, g_free);
}

static void
auto_signed_in_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!poe_session_sign_in_finish (POE_SESSION (object), result, &error))
    g_printerr ("poe-desk: %s\n", error->message);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PoeApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean signed_in = poe_session_restore_finish (POE_SESSION (object), result, &error);

  if (error != NULL)
    g_printerr ("poe-desk: %s\n", error->message);

  if (!signed_in && self->sign_in_password != NULL)
    poe_session_sign_in_async (self->session, self->sign_in_url, self->sign_in_user,
                               self->sign_in_password, NULL, auto_signed_in_cb, NULL);
  clear_sign_in_options (self);
}


/*
 * GApplication overrides
 */

/* On the restoring thread: the board the window opens with. */
static GObject *
prefetch_board (PoeStore *store)
{
  return G_OBJECT (poe_board_page_prefetch_model (store));
}

static int
poe_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (!read_sign_in_options (POE_APPLICATION (application), options))
    return 2;

  return G_APPLICATION_CLASS (poe_application_parent_class)->handle_local_options (application, options);
}

/* GTK reads the icon theme (index files, caches, the resources' icons) on a thread of its
 * own from its start, and the first look-up waits for it; each icon is then loaded at its
 * first look-up. GtkIconTheme look-ups may run on any thread, so a worker makes those of
 * the first frame's icons, from GTK's start on, while the main thread builds the window. */
static void
warm_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  static const char * const first_frame_icons[] = {
    "airplane-mode-symbolic", "system-users-symbolic", "send-to-symbolic",
    "dialog-warning-symbolic", "x-office-calendar-symbolic", "x-office-spreadsheet-symbolic",
    "open-menu-symbolic", "emblem-ok-symbolic", "emblem-synchronizing-symbolic",
    "network-offline-symbolic", "view-reveal-symbolic", "system-search-symbolic",
    "preferences-desktop-accessibility-symbolic", "face-sick-symbolic",
    "avatar-default-symbolic", "preferences-desktop-locale-symbolic",
  };
  GtkIconTheme *theme = task_data;

  for (guint i = 0; i < G_N_ELEMENTS (first_frame_icons); i++)
    g_object_unref (gtk_icon_theme_lookup_icon (theme, first_frame_icons[i], NULL, 16, 1,
                                                GTK_TEXT_DIR_NONE, GTK_ICON_LOOKUP_PRELOAD));

  g_task_return_boolean (task, TRUE);
}

static void
warm_icon_theme (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_task_set_task_data (task, g_object_ref (theme), g_object_unref);
  g_task_run_in_thread (task, warm_icon_theme_thread);
}

static void
poe_application_startup (GApplication *application)
{
  PoeApplication *self = POE_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.lock", { "<Control>l", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.go-back", { "<Alt>Left", NULL } },
    { "win.page::arrivals", { "<Control>1", NULL } },
    { "win.page::families", { "<Control>2", NULL } },
    { "win.page::escorts", { "<Control>3", NULL } },
    { "win.page::incidents", { "<Control>4", NULL } },
    { "win.page::shifts", { "<Control>5", NULL } },
    { "win.page::reports", { "<Control>6", NULL } },
  };

  poe_bench_mark ("startup");

  /* Here, not in init: --help and --version work without the settings schema installed.
   * Before GTK starts: the store and the keyring are read on a thread meanwhile. */
  self->settings = g_settings_new (APP_ID);
  self->session = poe_session_new (self->settings, NULL);
  poe_session_set_prefetch_func (self->session, prefetch_board);
  poe_session_restore_async (self->session, NULL, restored_cb, g_object_ref (self));

  G_APPLICATION_CLASS (poe_application_parent_class)->startup (application);
  poe_bench_mark ("gtk-started");

  /* While the window is built, the icon theme and the fonts of its first frame are loaded
   * on threads. */
  warm_icon_theme ();
  self->font_warmup = poe_font_warmup_start (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
poe_application_activate (GApplication *application)
{
  PoeApplication *self = POE_APPLICATION (application);
  GtkWindow *window;

  poe_bench_mark ("activate");
  window = get_active_main_window (self);
  if (window == NULL)
    {
      window = GTK_WINDOW (poe_window_new (self));
      if (self->font_warmup != NULL)
        {
          g_autoptr(PangoFontMap) font_map = poe_font_warmup_finish (g_steal_pointer (&self->font_warmup), NULL);

          gtk_widget_set_font_map (GTK_WIDGET (window), font_map);
          poe_bench_mark ("fonts-taken");
        }
    }

  poe_bench_mark ("window-built");
  gtk_window_present (window);
  poe_bench_mark ("presented");
}


/*
 * GObject overrides
 */

static void
poe_application_dispose (GObject *object)
{
  PoeApplication *self = POE_APPLICATION (object);

  clear_sign_in_options (self);
  /* Started, but no window took its fonts: the thread is waited for all the same. */
  if (self->font_warmup != NULL)
    g_object_unref (poe_font_warmup_finish (g_steal_pointer (&self->font_warmup), NULL));
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (poe_application_parent_class)->dispose (object);
}

static void
poe_application_class_init (PoeApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = poe_application_dispose;

  app_class->handle_local_options = poe_application_handle_local_options;
  app_class->startup = poe_application_startup;
  app_class->activate = poe_application_activate;
}

static void
poe_application_init (PoeApplication *self)
{

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The desk of an airport port-of-entry reception team."));
}


/*
 * Public API
 */

PoeApplication *
poe_application_new (void)
{
  return g_object_new (POE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * poe_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
poe_application_get_settings (PoeApplication *self)
{
  g_return_val_if_fail (POE_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * poe_application_get_session:
 *
 * Returns: (transfer none): who is signed in, and their local store
 */
PoeSession *
poe_application_get_session (PoeApplication *self)
{
  g_return_val_if_fail (POE_IS_APPLICATION (self), NULL);

  return self->session;
}
