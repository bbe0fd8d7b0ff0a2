/* test-read-errors.c
 *
 * A store that cannot be read (poe_store_set_read_fault_for_testing(): every statement of
 * the UI's connection fails) is said in words, not shown as an empty list: the board, the
 * families page and a family page each show "The local data could not be read" with the
 * store's own words in place of their content, and each comes back with "Try Again" once
 * the fault is gone; a read around a view (the sync popover's list) shows in the window's
 * bar. Saves a screenshot of each message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "board/poe-board-page.h"
#include "common/poe-read-error.h"
#include "family/poe-families-page.h"
#include "family/poe-family-view.h"
#include "poe-application.h"
#include "poe-test-utils.h"
#include "poe-window.h"
#include "sync/poe-sync-status.h"

#define WAIT_MS 5000

static GtkApplication *app;

typedef struct
{
  char       *dir;
  char       *path;
  PoeStore   *store;
  PoeSession *session;
  PoeWindow  *window;
} Fixture;


/*
 * Helpers
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-read-errors-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "poe-desk.db", NULL);
  fixture->store = poe_test_demo_store_new (fixture->path, "agent");
  fixture->session = poe_test_session_new (fixture->store);
  fixture->window = poe_window_new_for_session (POE_APPLICATION (app), fixture->session);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 640);
  gtk_window_present (GTK_WINDOW (fixture->window));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  poe_test_destroy_and_finalize (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  poe_test_remove_store_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The mapped error page under @root, or %NULL. */
static PoeReadErrorPage *
find_shown_error_page (GtkWidget *root)
{
  if (POE_IS_READ_ERROR_PAGE (root) && gtk_widget_get_mapped (root))
    return POE_READ_ERROR_PAGE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      PoeReadErrorPage *found = find_shown_error_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
error_shown (gpointer user_data)
{
  return find_shown_error_page (user_data) != NULL;
}

static gboolean
error_gone (gpointer user_data)
{
  return find_shown_error_page (user_data) == NULL;
}

/* The message is on screen, in the store's own words and with what to do. */
static void
assert_message_shown (Fixture    *fixture,
                      GtkWidget  *root,
                      const char *screenshot)
{
  PoeReadErrorPage *page;
  g_autofree char *shown = NULL;

  g_assert_true (poe_test_iterate_until (error_shown, root, WAIT_MS));
  page = find_shown_error_page (root);
  g_assert_nonnull (strstr (poe_read_error_page_get_text (page), "The local data could not be read"));
  shown = poe_test_dup_text (GTK_WIDGET (page), POE_TEST_TEXT_MAPPED_ONLY);
  g_assert_nonnull (strstr (shown, "The Local Data Could Not Be Read"));
  g_assert_nonnull (strstr (shown, "could not be read or written"));
  g_assert_nonnull (strstr (shown, "Restart POE Desk"));
  g_assert_nonnull (strstr (shown, "Try Again"));
  poe_test_wait_for_frame (GTK_WIDGET (page));
  g_free (poe_test_screenshot (GTK_WIDGET (fixture->window), screenshot));
}

/* "Try Again" in the shown message, once the store reads again. */
static void
try_again (GtkWidget *root)
{
  PoeReadErrorPage *page = find_shown_error_page (root);
  GtkWidget *button = poe_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (poe_test_iterate_until (error_gone, root, WAIT_MS));
}

static char **
dup_ids (PoeStore   *store,
         const char *entity)
{
  g_autoptr(GPtrArray) records = poe_store_list (store, entity, NULL, NULL, NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    g_strv_builder_add (ids, poe_record_get_id (g_ptr_array_index (records, i)));

  return g_strv_builder_end (ids);
}

static gboolean
board_has_rows (gpointer user_data)
{
  PoeBoardModel *model = poe_board_page_get_model (user_data);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gboolean
families_listed (gpointer user_data)
{
  return g_list_model_get_n_items (poe_families_page_get_cases (user_data)) > 0;
}


/*
 * Tests
 */

/* A pulled change the board cannot read: the board says so, and not an empty board. */
static void
test_board (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *board = poe_test_find_descendant (GTK_WIDGET (fixture->window), POE_TYPE_BOARD_PAGE);
  g_auto(GStrv) flights = dup_ids (fixture->store, "flight");

  g_assert_true (poe_test_iterate_until (board_has_rows, board, WAIT_MS));
  g_assert_null (find_shown_error_page (board));

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  poe_store_emit_changed (fixture->store, "flight", (const char * const *) flights, POE_STORE_CHANGE_PULLED);
  assert_message_shown (fixture, board, "read-error-board");

  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  try_again (board);
  g_assert_true (board_has_rows (board));
  poe_test_wait_for_frame (board);
  g_free (poe_test_screenshot (GTK_WIDGET (fixture->window), "read-error-board-back"));
}

static void
test_families (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) cases = dup_ids (fixture->store, "case");
  GtkWidget *families;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.page", "s", "families"));
  families = poe_test_find_descendant (GTK_WIDGET (fixture->window), POE_TYPE_FAMILIES_PAGE);
  g_assert_true (poe_test_iterate_until (families_listed, families, WAIT_MS));

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  poe_store_emit_changed (fixture->store, "case", (const char * const *) cases, POE_STORE_CHANGE_PULLED);
  assert_message_shown (fixture, families, "read-error-families");

  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  try_again (families);
  g_assert_true (families_listed (families));
}

/* One family's page, read again while the store fails: it says why instead of "Family Not
 * Available", which would tell staff the family is gone. */
static void
test_family (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(GStrv) cases = dup_ids (fixture->store, "case");
  PoeFamilyView *view;
  g_autofree char *text = NULL;

  poe_window_show_case (fixture->window, cases[0]);
  view = poe_families_page_get_family_view (POE_FAMILIES_PAGE (poe_test_find_descendant (GTK_WIDGET (fixture->window),
                                                                                        POE_TYPE_FAMILIES_PAGE)));
  poe_test_wait_for_frame (GTK_WIDGET (view));
  g_assert_null (find_shown_error_page (GTK_WIDGET (view)));

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  poe_family_view_reload (view);
  assert_message_shown (fixture, GTK_WIDGET (view), "read-error-family");
  text = poe_test_dup_text (GTK_WIDGET (view), POE_TEST_TEXT_MAPPED_ONLY);
  g_assert_null (strstr (text, "Family Not Available"));

  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  try_again (GTK_WIDGET (view));
  g_assert_cmpstr (poe_family_view_get_case_id (view), ==, cases[0]);
  g_free (text);
  text = poe_test_dup_text (GTK_WIDGET (view), POE_TEST_TEXT_MAPPED_ONLY);
  g_assert_null (strstr (text, "Family Not Available"));
  g_assert_null (strstr (text, "The Local Data Could Not Be Read"));
}

/* A read around the pages (the sync popover's changes) shows in the window's bar. */
static void
test_window_bar (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *status = poe_test_find_descendant (GTK_WIDGET (fixture->window), POE_TYPE_SYNC_STATUS);

  g_assert_null (poe_window_get_read_error (fixture->window));

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  poe_sync_status_popup (POE_SYNC_STATUS (status));
  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  g_assert_nonnull (poe_window_get_read_error (fixture->window));
  g_assert_nonnull (strstr (poe_window_get_read_error (fixture->window), "The local data could not be read"));
  gtk_popover_popdown (GTK_POPOVER (poe_test_find_descendant (status, GTK_TYPE_POPOVER)));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  poe_test_wait_ms (300);
  g_free (poe_test_screenshot (GTK_WIDGET (fixture->window), "read-error-bar"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.dismiss-read-error", NULL));
  g_assert_null (poe_window_get_read_error (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/read-errors/board", test_board);
  ADD ("/ui/read-errors/families", test_families);
  ADD ("/ui/read-errors/family", test_family);
  ADD ("/ui/read-errors/window-bar", test_window_bar);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
