/* test-a11y.c
 *
 * What a screen reader is told, read back through AT-SPI (tests/ui/atspi-dump) as TESTING.md
 * shows: the board's cells and rows say their flight and what they show, not
 * "GtkColumnViewCell"; buttons with a mnemonic ("_Try Again", "_Retry") are named by their
 * words once, without the underscore. Saves a screenshot of the board.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "board/poe-board-page.h"
#include "common/poe-read-error.h"
#include "poe-application.h"
#include "poe-test-utils.h"
#include "poe-window.h"

#define WAIT_MS 5000

static GtkApplication *app;


/*
 * Helpers
 */

static void
dumped_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (G_SUBPROCESS (object)));
}

/* The names, descriptions and texts of this process's accessible tree, a line each. The
 * main loop runs meanwhile: this process answers the requests. */
static char *
dump_accessible_tree (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "ui", "atspi-dump", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) dump = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  dump = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", script, pid, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (dump, NULL, NULL, dumped_cb, &out);
  while (out == NULL)
    g_main_context_iteration (NULL, TRUE);

  return out;
}

static gboolean
has_line (const char *dump,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

/* No name shows a mnemonic's underscore ("_Try Again") or says its words twice. */
static void
assert_no_raw_mnemonic (const char *dump)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '_' || (g_str_has_prefix (lines[i], "Try Again ")))
      g_error ("“%s” in:\n%s", lines[i], dump);
}

/* Each row whose cells were dumped is named too: "EY 113 from AUH, Landed, Connection: …". */
static void
assert_rows_named (const char *dump)
{
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *cell = strstr (lines[i], ", Flight: ");
      g_autofree char *row = NULL;

      if (cell == NULL)
        continue;
      row = g_strdup_printf ("\n%.*s from ", (int) (cell - lines[i]), lines[i]);
      if (strstr (dump, row) == NULL)
        g_error ("No row named “%s…” in:\n%s", row + 1, dump);
    }
}

static gboolean
board_has_rows (gpointer user_data)
{
  PoeBoardModel *model = poe_board_page_get_model (user_data);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 &&
         poe_test_find_descendant (user_data, GTK_TYPE_COLUMN_VIEW) != NULL;
}


/*
 * Tests
 */

static void
test_board (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), "board.db", NULL);
  g_autoptr(PoeStore) store = poe_test_demo_store_new (path, "agent");
  g_autoptr(PoeSession) session = poe_test_session_new (store);
  g_autoptr(PoeBoardRow) first = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *status = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *row_prefix = NULL;
  const PoeFlightSummary *flight;
  PoeWindow *window = poe_window_new_for_session (POE_APPLICATION (app), session);
  GtkWidget *board;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  board = poe_test_find_descendant (GTK_WIDGET (window), POE_TYPE_BOARD_PAGE);
  g_assert_true (poe_test_iterate_until (board_has_rows, board, WAIT_MS));
  poe_test_wait_for_frame (GTK_WIDGET (window));
  g_free (poe_test_screenshot (GTK_WIDGET (window), "a11y-board"));

  first = g_list_model_get_item (G_LIST_MODEL (poe_board_page_get_model (POE_BOARD_PAGE (board))), 0);
  flight = poe_board_row_get_summary (first);
  dump = dump_accessible_tree ();

  if (strstr (dump, "GtkColumnViewCell") != NULL)
    g_error ("Unnamed cells in:\n%s", dump);

  /* The first flight's flight cell and its row, in the words of the board. */
  cell = g_strdup_printf ("%s %s, Flight: %s %s", flight->carrier, flight->number, flight->carrier, flight->number);
  if (!has_line (dump, cell))
    g_error ("No cell “%s” in:\n%s", cell, dump);
  row_prefix = g_strdup_printf ("\n%s %s from %s, ", flight->carrier, flight->number, flight->origin);
  if (strstr (dump, row_prefix) == NULL)
    g_error ("No row “%s…” in:\n%s", row_prefix + 1, dump);
  assert_rows_named (dump);
  g_assert_nonnull (strstr (dump, ", Connection: "));
  /* Headings in words, not abbreviations. */
  g_assert_nonnull (strstr (dump, ", Scheduled: "));
  g_assert_null (strstr (dump, ", Sched.: "));
  /* The window's bars: "Retry", "Dismiss". */
  assert_no_raw_mnemonic (dump);

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
  poe_test_remove_store_files (path);
}

static void
test_mnemonic_buttons (void)
{
  g_autoptr(GError) error = g_error_new_literal (POE_STORE_ERROR, POE_STORE_ERROR_IO, "disk I/O error");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (POE_TYPE_READ_ERROR_PAGE, NULL);
  g_autofree char *dump = NULL;

  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_set_child (GTK_WINDOW (window), page);
  poe_read_error_page_set_error (POE_READ_ERROR_PAGE (page), error);
  gtk_window_present (GTK_WINDOW (window));
  poe_test_wait_for_frame (window);

  dump = dump_accessible_tree ();
  if (!has_line (dump, "Try Again"))
    g_error ("No button “Try Again” in:\n%s", dump);
  assert_no_raw_mnemonic (dump);

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

  g_test_add_func ("/ui/a11y/board-cells-and-rows", test_board);
  g_test_add_func ("/ui/a11y/mnemonic-buttons", test_mnemonic_buttons);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
