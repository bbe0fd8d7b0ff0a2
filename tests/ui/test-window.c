/* test-window.c
 *
 * The application shell: pages, page shortcuts, window size, narrow layout, preferences,
 * about and shortcuts windows. Saves a screenshot of each page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "board/poe-board-page.h"
#include "escorts/poe-escorts-page.h"
#include "family/poe-families-page.h"
#include "incidents/poe-incidents-page.h"
#include "poe-application.h"
#include "poe-preferences-window.h"
#include "poe-test-utils.h"
#include "poe-window.h"
#include "reports/poe-reports-page.h"
#include "session/poe-lock-page.h"
#include "session/poe-sign-in-page.h"
#include "shifts/poe-shifts-page.h"

static GtkApplication *app;
static PoeStore *store;
static PoeSession *session;

static const struct {
  const char *name;
  const char *accel;
  const char *title;
  gboolean    filled;  /* shows the synthetic day rather than an empty state */
} pages[] = {
  { "arrivals", "<Control>1", "Arrivals", TRUE },
  { "families", "<Control>2", "Families", TRUE },
  { "escorts", "<Control>3", "Escorts", TRUE },
  { "incidents", "<Control>4", "Incidents", FALSE },
  { "shifts", "<Control>5", "Shifts", TRUE },
  { "reports", "<Control>6", "Reports", FALSE },
};

static PoeWindow *
open_window (int width,
             int height)
{
  PoeWindow *window = poe_window_new_for_session (POE_APPLICATION (app), session);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  poe_test_wait_for_frame (GTK_WIDGET (window));

  return window;
}

static GType
page_type (guint i)
{
  switch (i)
    {
    case 0: return POE_TYPE_BOARD_PAGE;
    case 1: return POE_TYPE_FAMILIES_PAGE;
    case 2: return POE_TYPE_ESCORTS_PAGE;
    case 3: return POE_TYPE_INCIDENTS_PAGE;
    case 4: return POE_TYPE_SHIFTS_PAGE;
    case 5: return POE_TYPE_REPORTS_PAGE;
    default: g_assert_not_reached ();
    }
}

static gboolean
widget_is_drawn (gpointer user_data)
{
  GtkWidget *widget = user_data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
test_window_pages (void)
{
  PoeWindow *window = open_window (1024, 600);
  AdwViewStack *stack = ADW_VIEW_STACK (poe_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  g_assert_nonnull (stack);
  g_assert_cmpstr (poe_window_get_visible_page (window), ==, "arrivals");
  /* Pages not shown yet are not built: the start stays fast and small. */
  for (guint i = 1; i < G_N_ELEMENTS (pages); i++)
    g_assert_null (poe_test_find_descendant (GTK_WIDGET (window), page_type (i)));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *shot = g_strdup_printf ("page-%s", pages[i].name);
      g_autofree char *path = NULL;
      GtkWidget *child;
      AdwViewStackPage *page;
      GtkWidget *status;

      /* Through the action the Ctrl+N shortcuts and the view switcher use. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", pages[i].name));
      g_assert_cmpstr (poe_window_get_visible_page (window), ==, pages[i].name);

      /* The board is built with the window, the other pages when first shown. */
      child = adw_view_stack_get_visible_child (stack);
      page = adw_view_stack_get_page (stack, child);
      if (ADW_IS_BIN (child))
        child = adw_bin_get_child (ADW_BIN (child));
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (child, page_type (i)));
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, pages[i].title);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      g_assert_true (poe_test_iterate_until (widget_is_drawn, child, 2000));
      path = poe_test_screenshot (GTK_WIDGET (window), shot);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      if (pages[i].filled)
        continue;

      /* Each page has a proper empty state until its feature fills it. */
      status = poe_test_find_descendant (child, ADW_TYPE_STATUS_PAGE);
      g_assert_nonnull (status);
      g_assert_true (poe_test_iterate_until (widget_is_drawn, status, 2000));
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), !=, "");
      g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (status)));
    }

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_window_accels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.page::%s", pages[i].name);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, detailed);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, pages[i].accel);
    }

  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (app, "app.quit");
    g_auto(GStrv) prefs = gtk_application_get_accels_for_action (app, "app.preferences");

    g_auto(GStrv) lock = gtk_application_get_accels_for_action (app, "win.lock");
    g_auto(GStrv) find = gtk_application_get_accels_for_action (app, "win.find");

    g_assert_cmpstr (lock[0], ==, "<Control>l");
    g_assert_cmpstr (find[0], ==, "<Control>f");
    g_assert_cmpstr (quit[0], ==, "<Control>q");
    g_assert_cmpstr (prefs[0], ==, "<Control>comma");
  }
}

static void
test_window_size_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PoeWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = poe_window_new_for_session (POE_APPLICATION (app), session);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 640);

  /* Closing saves the size the user left it at. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1050, 620);
  gtk_window_present (GTK_WINDOW (window));
  poe_test_wait_for_frame (GTK_WIDGET (window));
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1050);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 620);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_object_unref (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static gboolean
switcher_bar_revealed (gpointer user_data)
{
  return adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (user_data));
}

#define OFFLINE_MESSAGE "Offline. Everything you do"

static void
test_window_narrow (void)
{
  PoeWindow *window = open_window (400, 700);
  GtkWidget *bar = poe_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  g_autofree char *path = NULL;

  g_assert_nonnull (bar);
  g_assert_true (poe_test_iterate_until (switcher_bar_revealed, bar, 3000));
  path = poe_test_screenshot (GTK_WIDGET (window), "window-narrow");

  /* The offline message wraps in the narrow layout, and is one line in the wide one. */
  g_assert_nonnull (poe_test_find_label (GTK_WIDGET (window), OFFLINE_MESSAGE));
  g_assert_true (gtk_label_get_wrap (poe_test_find_label (GTK_WIDGET (window), OFFLINE_MESSAGE)));
  g_assert_cmpint (gtk_label_get_ellipsize (poe_test_find_label (GTK_WIDGET (window), OFFLINE_MESSAGE)), ==, PANGO_ELLIPSIZE_NONE);

  poe_test_destroy_and_finalize (GTK_WINDOW (window));

  /* Wide enough for the tabs in the header bar: no bottom bar. */
  window = open_window (1024, 600);
  bar = poe_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  poe_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_false (gtk_label_get_wrap (poe_test_find_label (GTK_WIDGET (window), OFFLINE_MESSAGE)));
  g_assert_cmpint (gtk_label_get_ellipsize (poe_test_find_label (GTK_WIDGET (window), OFFLINE_MESSAGE)), ==, PANGO_ELLIPSIZE_END);
  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PoeWindow *window = open_window (1024, 600);
  g_autofree char *path = NULL;
  GtkWidget *prefs;
  GtkWidget *entry_row;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = poe_test_find_toplevel (POE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));
  path = poe_test_screenshot (prefs, "preferences");

  /* A bad server address is refused with the row marked, and the setting keeps its value. */
  g_settings_set_string (settings, "server-url", "https://poe-central.example.org");
  entry_row = poe_test_find_descendant (prefs, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "http://poe-central.example.org");
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_true (gtk_widget_has_css_class (entry_row, "error"));
  {
    g_autofree char *url = g_settings_get_string (settings, "server-url");
    g_assert_cmpstr (url, ==, "https://poe-central.example.org");
  }

  gtk_editable_set_text (GTK_EDITABLE (entry_row), " http://127.0.0.1:8080/ ");
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_false (gtk_widget_has_css_class (entry_row, "error"));
  {
    g_autofree char *url = g_settings_get_string (settings, "server-url");
    g_assert_cmpstr (url, ==, "http://127.0.0.1:8080");
  }

  /* Switches are bound to their keys. */
  {
    GtkWidget *first_switch = poe_test_find_descendant (prefs, GTK_TYPE_SWITCH);
    gboolean before = g_settings_get_boolean (settings, "notifications");

    gtk_switch_set_active (GTK_SWITCH (first_switch), !before);
    g_assert_cmpint (g_settings_get_boolean (settings, "notifications"), ==, !before);
    g_settings_reset (settings, "notifications");
  }

  g_settings_reset (settings, "server-url");
  poe_test_destroy_and_finalize (GTK_WINDOW (prefs));
  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_about_and_shortcuts (void)
{
  PoeWindow *window = open_window (1024, 600);
  g_autofree char *about_path = NULL;
  g_autofree char *help_path = NULL;
  GtkWidget *about;
  GtkWidget *help;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = poe_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  about_path = poe_test_screenshot (about, "about");
  poe_test_destroy_and_finalize (GTK_WINDOW (about));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  help = poe_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (help);
  help_path = poe_test_screenshot (help, "shortcuts");
  gtk_widget_set_visible (help, FALSE);

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static gboolean
popover_drawn (gpointer user_data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (user_data);

  return popover != NULL && widget_is_drawn (popover);
}

static GtkWidget *
find_primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The main menu (F10) is built when first opened, with every item; the window starts
 * without it. */
static void
test_primary_menu (void)
{
  PoeWindow *window = open_window (1024, 600);
  GtkWidget *button = find_primary_menu_button (GTK_WIDGET (window));
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (poe_test_iterate_until (popover_drawn, button, 3000));
  text = poe_test_dup_text (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                            POE_TEST_TEXT_MAPPED_ONLY);
  g_assert_nonnull (strstr (text, "Lock"));
  g_assert_nonnull (strstr (text, "Sign Out…"));
  g_assert_nonnull (strstr (text, "Preferences"));
  g_assert_nonnull (strstr (text, "Keyboard Shortcuts"));
  g_assert_nonnull (strstr (text, "About POE Desk"));
  path = poe_test_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), "primary-menu");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_assert_true (poe_session_unlock_finish (POE_SESSION (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* A window that opens offline (here: unlocks, its pages never drawn) shows the offline bar
 * whole in its first frame; it slides only as the connection comes and goes after that. */
static void
test_window_offline_bar_first_frame (void)
{
  PoeWindow *window;
  GtkRevealer *revealer;
  gboolean unlocked = FALSE;

  poe_session_lock (session);
  window = open_window (1024, 600);
  revealer = GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (poe_test_find_label (GTK_WIDGET (window), OFFLINE_MESSAGE)),
                                                    GTK_TYPE_REVEALER));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (revealer)));

  poe_session_unlock_async (session, POE_TEST_PASSWORD, NULL, unlocked_cb, &unlocked);
  g_assert_true (poe_test_iterate_until (flag_set, &unlocked, 10000));
  poe_test_wait_for_frame (GTK_WIDGET (revealer));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_revealer_get_child_revealed (revealer));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

/* While the last session is restored, the window shows neither the sign-in page nor the
 * pages; without a token in the keyring it then asks to sign in. */
static void
test_window_restoring (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_home_dir (), "restoring.db", NULL);
  g_autoptr(PoeSession) restoring = NULL;
  PoeWindow *window;
  GtkStack *stack;
  gboolean done = FALSE;

  g_object_unref (poe_test_demo_store_new (path, "lead"));
  restoring = poe_session_new (settings, path);
  poe_session_restore_async (restoring, NULL, restored_cb, &done);

  window = poe_window_new_for_session (POE_APPLICATION (app), restoring);
  stack = GTK_STACK (poe_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "restoring");
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (poe_test_iterate_until (flag_set, &done, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "sign-in");
  g_assert_nonnull (poe_test_find_descendant (GTK_WIDGET (window), POE_TYPE_SIGN_IN_PAGE));
  g_assert_null (poe_test_find_descendant (GTK_WIDGET (window), POE_TYPE_LOCK_PAGE));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();
  {
    /* In the private home poe_test_ui_init() made, removed at exit. */
    g_autofree char *path = g_build_filename (g_get_home_dir (), "store.db", NULL);

    store = poe_test_demo_store_new (path, "agent");
    session = poe_test_session_new (store);
  }

  g_test_add_func ("/ui/window/pages", test_window_pages);
  g_test_add_func ("/ui/window/accels", test_window_accels);
  g_test_add_func ("/ui/window/size-restored", test_window_size_restored);
  g_test_add_func ("/ui/window/narrow", test_window_narrow);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/ui/window/primary-menu", test_primary_menu);
  g_test_add_func ("/ui/window/restoring", test_window_restoring);
  g_test_add_func ("/ui/window/offline-bar-first-frame", test_window_offline_bar_first_frame);

  ret = g_test_run ();

  g_clear_object (&session);
  g_clear_object (&store);
  g_clear_object (&app);

  return ret;
}
