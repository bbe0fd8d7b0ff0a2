/* test-session-pages.c
 *
 * The sign-in form, the lock page and the idle monitor, each on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "poe-test-utils.h"
#include "session/poe-idle-monitor.h"
#include "session/poe-lock-page.h"
#include "session/poe-sign-in-page.h"

typedef struct
{
  guint  count;
  char  *args[3];
} Emissions;

static void
emissions_clear (Emissions *e)
{
  for (guint i = 0; i < G_N_ELEMENTS (e->args); i++)
    g_clear_pointer (&e->args[i], g_free);
  e->count = 0;
}

static void
sign_in_cb (PoeSignInPage *page,
            const char    *url,
            const char    *username,
            const char    *password,
            Emissions     *e)
{
  emissions_clear (e);
  e->count = 1;
  e->args[0] = g_strdup (url);
  e->args[1] = g_strdup (username);
  e->args[2] = g_strdup (password);
}

static void
unlock_cb (PoeLockPage *page,
           const char  *password,
           Emissions   *e)
{
  e->count++;
  g_free (e->args[0]);
  e->args[0] = g_strdup (password);
}

static GtkWindow *
window_with (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1024, 600);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  poe_test_wait_for_frame (GTK_WIDGET (window));

  return window;
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *mnemonic_label)
{
  if (GTK_IS_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (root));

      if (g_strcmp0 (label, mnemonic_label) == 0)
        return root;

      /* A button with a spinner and a label inside. */
      if (child != NULL && GTK_IS_BOX (child))
        {
          for (GtkWidget *c = gtk_widget_get_first_child (child); c; c = gtk_widget_get_next_sibling (c))
            {
              if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), mnemonic_label) == 0)
                return root;
            }
        }
    }

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_with_label (c, mnemonic_label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_entry_rows (GtkWidget *root,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (root))
    g_ptr_array_add (rows, root);

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_entry_rows (c, rows);
}

static void
test_sign_in_page (void)
{
  PoeSignInPage *page = g_object_new (POE_TYPE_SIGN_IN_PAGE, NULL);
  GtkWindow *window = window_with (GTK_WIDGET (page));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *shot = NULL;
  Emissions e = { 0 };
  GtkWidget *button;

  g_signal_connect (page, "sign-in", G_CALLBACK (sign_in_cb), &e);
  collect_entry_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, ==, 3);
  button = find_button_with_label (GTK_WIDGET (page), "_Sign In");
  g_assert_nonnull (button);

  /* A half-filled form cannot be sent. */
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "http://poe-central.example.org");
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[1]), " agent ");
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), "secret");
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Plain http to another machine is refused before anything is sent. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (e.count, ==, 0);
  g_assert_true (gtk_widget_has_css_class (rows->pdata[0], "error"));
  shot = poe_test_screenshot (GTK_WIDGET (window), "sign-in-error");
  g_clear_pointer (&shot, g_free);

  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "https://poe-central.example.org/");
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[2]), "secret");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (e.count, ==, 1);
  g_assert_cmpstr (e.args[0], ==, "https://poe-central.example.org");
  g_assert_cmpstr (e.args[1], ==, "agent");
  g_assert_cmpstr (e.args[2], ==, "secret");

  /* Busy: nothing can be sent twice; an error clears the password. */
  poe_sign_in_page_set_busy (page, TRUE);
  g_assert_false (gtk_widget_get_sensitive (button));
  poe_sign_in_page_show_error (page, "The user name or the password is wrong.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->pdata[2])), ==, "");
  g_assert_false (gtk_widget_get_sensitive (button));

  poe_sign_in_page_set_defaults (page, "https://poe-central.example.org", "agent");
  shot = poe_test_screenshot (GTK_WIDGET (window), "sign-in");

  emissions_clear (&e);
  poe_test_destroy_and_finalize (window);
}

static void
test_lock_page (void)
{
  PoeLockPage *page = g_object_new (POE_TYPE_LOCK_PAGE, NULL);
  GtkWindow *window = window_with (GTK_WIDGET (page));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *shot = NULL;
  Emissions e = { 0 };
  GtkWidget *unlock;

  g_signal_connect (page, "unlock", G_CALLBACK (unlock_cb), &e);
  poe_lock_page_set_username (page, "agent");
  collect_entry_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, ==, 1);
  unlock = find_button_with_label (GTK_WIDGET (page), "_Unlock");
  g_assert_nonnull (unlock);

  g_assert_false (gtk_widget_get_sensitive (unlock));
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "secret");
  g_assert_true (gtk_widget_get_sensitive (unlock));
  g_signal_emit_by_name (unlock, "clicked");
  g_assert_cmpuint (e.count, ==, 1);
  g_assert_cmpstr (e.args[0], ==, "secret");

  poe_lock_page_show_error (page, "That password is not right.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->pdata[0])), ==, "");
  shot = poe_test_screenshot (GTK_WIDGET (window), "lock-page");

  emissions_clear (&e);
  poe_test_destroy_and_finalize (window);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static gboolean
count_is_positive (gpointer user_data)
{
  return *(guint *) user_data > 0;
}

static void
test_idle_monitor (void)
{
  GtkWindow *window = window_with (gtk_label_new ("x"));
  g_autoptr(PoeIdleMonitor) monitor = poe_idle_monitor_new (window);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  guint idle = 0, locked = 0;

  g_signal_connect (monitor, "idle", G_CALLBACK (count_cb), &idle);
  g_signal_connect (monitor, "session-locked", G_CALLBACK (count_cb), &locked);

  poe_idle_monitor_set_timeout_seconds (monitor, 1);
  g_assert_true (poe_test_iterate_until (count_is_positive, &idle, 5000));

  /* Once per idle period. */
  poe_test_wait_ms (1500);
  g_assert_cmpuint (idle, ==, 1);

  /* Input (here: reset) starts the period again. */
  poe_idle_monitor_reset (monitor);
  poe_idle_monitor_set_timeout_seconds (monitor, 30);
  poe_test_wait_ms (1500);
  g_assert_cmpuint (idle, ==, 1);

  /* The desktop's screen saver locking locks us too. */
  g_assert_nonnull (bus);
  poe_test_wait_ms (200);
  g_dbus_connection_emit_signal (bus, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", TRUE), NULL);
  g_assert_true (poe_test_iterate_until (count_is_positive, &locked, 5000));
  g_dbus_connection_emit_signal (bus, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", FALSE), NULL);
  poe_test_wait_ms (200);
  g_assert_cmpuint (locked, ==, 1);

  g_clear_object (&monitor);
  poe_test_destroy_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/session/sign-in-page", test_sign_in_page);
  g_test_add_func ("/ui/session/lock-page", test_lock_page);
  g_test_add_func ("/ui/session/idle-monitor", test_idle_monitor);

  return g_test_run ();
}
