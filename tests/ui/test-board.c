/* test-board.c
 *
 * The Arrivals page on a synthetic day: the board lists the flights, filters and searches
 * them (names only when revealed), keeps its rows across live updates, opens a flight's
 * manifest, and shows no names by default. Saves screenshots of the board and a flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "board/poe-board-page.h"
#include "board/poe-flight-view.h"
#include "incidents/poe-anomaly-dialog.h"
#include "common/poe-tooltip.h"
#include "poe-application.h"
#include "poe-test-utils.h"
#include "poe-window.h"

typedef struct
{
  char         *dir;
  PoeStore     *store;
  PoeSession   *session;
  PoeWindow    *window;
  PoeBoardPage *board;
} Fixture;

static GtkApplication *app;


/*
 * Helpers
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("poe-test-board-XXXXXX", NULL);
  path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_test_demo_store_new (path, "agent");
  fx->session = poe_test_session_new (fx->store);
  fx->window = poe_window_new_for_session (POE_APPLICATION (app), fx->session);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (fx->window));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  fx->board = POE_BOARD_PAGE (poe_test_find_descendant (GTK_WIDGET (fx->window), POE_TYPE_BOARD_PAGE));
  g_assert_nonnull (fx->board);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "store.db", NULL);

  poe_test_destroy_and_finalize (GTK_WINDOW (fx->window));
  g_clear_object (&fx->session);
  g_clear_object (&fx->store);
  poe_test_remove_store_files (path);
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static GListModel *
board_model (Fixture *fx)
{
  PoeBoardModel *model = poe_board_page_get_model (fx->board);

  g_assert_nonnull (model);

  return G_LIST_MODEL (model);
}

/* The first flight of the board that has families, and one of its cases' first member. */
static PoeBoardRow *
find_row_with_families (Fixture *fx)
{
  GListModel *model = board_model (fx);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeBoardRow) row = g_list_model_get_item (model, i);

      if (poe_board_row_get_n_families (row) > 0)
        return g_steal_pointer (&row);
    }

  g_assert_not_reached ();
}

static char *
dup_surname_on_flight (Fixture    *fx,
                       const char *flight_id)
{
  g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fx->store, flight_id, NULL);
  g_autoptr(GPtrArray) persons = NULL;

  g_assert_nonnull (cases);
  g_assert_cmpuint (cases->len, >, 0);
  persons = poe_store_list_persons_for_case (fx->store, poe_record_get_id (g_ptr_array_index (cases, 0)), NULL);
  g_assert_cmpuint (persons->len, >, 0);

  return g_strdup (poe_record_get_string (g_ptr_array_index (persons, 0), "surname"));
}


/*
 * Tests
 */

static void
test_board_lists_flights (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *shot = NULL;
  guint n;

  g_assert_cmpstr (poe_window_get_visible_page (fx->window), ==, "arrivals");
  n = g_list_model_get_n_items (board_model (fx));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, ==, poe_board_model_get_n_flights (POE_BOARD_MODEL (board_model (fx))));

  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (gtk_widget_get_mapped (poe_test_find_descendant (GTK_WIDGET (fx->board), GTK_TYPE_COLUMN_VIEW)));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "board");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
test_board_search (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(PoeBoardRow) row = find_row_with_families (fx);
  PoeRecord *flight = poe_board_row_get_flight (row);
  g_autofree char *number = g_strdup_printf ("%s %s", poe_record_get_string (flight, "carrier"),
                                             poe_record_get_string (flight, "number"));
  g_autofree char *surname = dup_surname_on_flight (fx, poe_board_row_get_flight_id (row));
  g_autofree char *shot = NULL;
  guint all = g_list_model_get_n_items (board_model (fx));

  poe_board_page_set_query (fx->board, poe_record_get_string (flight, "number"));
  g_assert_cmpuint (g_list_model_get_n_items (board_model (fx)), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (board_model (fx)), <, all);
  g_assert_nonnull (poe_board_model_lookup (POE_BOARD_MODEL (board_model (fx)), poe_board_row_get_flight_id (row)));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (fx->window), number));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "board-search");

  /* A surname finds nothing until names are revealed, and nothing again after a lock. */
  poe_board_page_set_query (fx->board, surname);
  g_assert_cmpuint (g_list_model_get_n_items (board_model (fx)), ==, 0);
  poe_board_page_set_reveal_names (fx->board, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (board_model (fx)), >=, 1);
  poe_session_lock (fx->session);
  g_assert_false (poe_board_page_get_reveal_names (fx->board));
  g_assert_cmpuint (g_list_model_get_n_items (board_model (fx)), ==, 0);

  poe_board_page_set_query (fx->board, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (board_model (fx)), ==, all);
}

static void
test_board_live_update (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(PoeBoardRow) row = find_row_with_families (fx);
  g_autoptr(PoeRecord) flight = poe_record_copy (poe_board_row_get_flight (row));
  g_autoptr(GError) error = NULL;
  GListModel *model = board_model (fx);
  GtkColumnView *view = GTK_COLUMN_VIEW (poe_test_find_descendant (GTK_WIDGET (fx->board), GTK_TYPE_COLUMN_VIEW));
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  const char *ids[] = { poe_record_get_id (flight), NULL };
  guint position = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeBoardRow) item = g_list_model_get_item (model, i);

      if (item == row)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_selection_model_select_item (selection, position, TRUE);

  /* What the sync engine does with a pulled change: import, then announce. */
  poe_record_set_string (flight, "gate", "Z99");
  poe_record_set_rev (flight, poe_record_get_rev (flight) + 1);
  g_assert_true (poe_store_begin (fx->store, &error));
  g_assert_true (poe_store_import (fx->store, flight, &error));
  g_assert_true (poe_store_commit (fx->store, &error));
  g_assert_no_error (error);
  poe_store_emit_changed (fx->store, "flight", ids, POE_STORE_CHANGE_PULLED);

  {
    g_autoptr(PoeBoardRow) again = g_list_model_get_item (model, position);

    g_assert_true (again == row);
    g_assert_cmpstr (poe_record_get_string (poe_board_row_get_flight (again), "gate"), ==, "Z99");
    g_assert_true (gtk_selection_model_is_selected (selection, position));
  }

  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (fx->window), "Z99"));
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *text)
{
  if (g_strcmp0 (poe_tooltip_get_text (root), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_board_flight_page (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(PoeBoardRow) row = find_row_with_families (fx);
  g_autofree char *surname = dup_surname_on_flight (fx, poe_board_row_get_flight_id (row));
  g_autofree char *shot = NULL;
  PoeFlightView *view;
  GtkWidget *report;
  GtkWidget *dialog;

  /* The flight page is made when a flight is first opened, not with the board. */
  g_assert_null (poe_test_find_descendant (GTK_WIDGET (fx->window), POE_TYPE_FLIGHT_VIEW));

  poe_board_page_show_flight (fx->board, poe_board_row_get_flight_id (row));
  view = POE_FLIGHT_VIEW (poe_test_find_descendant (GTK_WIDGET (fx->window), POE_TYPE_FLIGHT_VIEW));
  g_assert_nonnull (view);
  g_assert_true (view == poe_board_page_get_flight_view (fx->board));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpuint (poe_flight_view_get_n_families (view), ==, poe_board_row_get_n_families (row));
  g_assert_false (poe_test_shows_text (GTK_WIDGET (fx->window), surname));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "flight");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* Its "Report Anomaly" reaches the window, through the board page. */
  report = find_by_tooltip (GTK_WIDGET (view), "Report a delay, misconnect or other anomaly of this flight to the operations centre");
  g_assert_true (GTK_IS_BUTTON (report));
  g_signal_emit_by_name (report, "clicked");
  dialog = poe_test_find_toplevel (POE_TYPE_ANOMALY_DIALOG);
  g_assert_nonnull (dialog);
  poe_test_destroy_and_finalize (GTK_WINDOW (dialog));
}

static void
test_board_no_names (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(PoeBoardRow) row = find_row_with_families (fx);
  g_autofree char *surname = dup_surname_on_flight (fx, poe_board_row_get_flight_id (row));

  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_false (poe_test_shows_text (GTK_WIDGET (fx->window), surname));
}

/* The model read ahead at start-up serves when it fits the store and the window; a model of
 * another store or of an hour ago is read again. */
static void
test_board_prefetched (Fixture       *fx,
                       gconstpointer  data)
{
  PoeBoardPage *page = g_object_ref_sink (g_object_new (POE_TYPE_BOARD_PAGE, NULL));
  g_autoptr(PoeBoardModel) prefetched = poe_board_page_prefetch_model (fx->store);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) an_hour_ago = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(PoeBoardModel) stale = NULL;

  g_assert_nonnull (prefetched);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (prefetched)), >, 0);
  poe_board_page_set_store_prefetched (page, fx->store, prefetched);
  g_assert_true (poe_board_page_get_model (page) == prefetched);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (poe_board_page_get_model (page))), ==,
                    poe_board_model_get_n_flights (prefetched));

  /* An hour old: not the window the page shows now. */
  poe_board_page_get_default_window (an_hour_ago, &from, &to);
  stale = poe_board_model_new (fx->store, from, to, NULL);
  poe_board_page_set_store (page, NULL);
  poe_board_page_set_store_prefetched (page, fx->store, stale);
  g_assert_nonnull (poe_board_page_get_model (page));
  g_assert_true (poe_board_page_get_model (page) != stale);

  g_object_unref (page);
}

/* A border whose every drawn side is transparent. */
static gboolean
is_invisible_border (GskRenderNode *node,
                     gpointer       user_data)
{
  const float *widths;
  const GdkRGBA *colors;

  if (gsk_render_node_get_node_type (node) != GSK_BORDER_NODE)
    return FALSE;

  widths = gsk_border_node_get_widths (node);
  colors = gsk_border_node_get_colors (node);
  for (guint i = 0; i < 4; i++)
    if (widths[i] > 0 && colors[i].alpha > 0)
      return FALSE;

  return TRUE;
}

/* What the board draws for each cell is what shows: no transparent borders (Adwaita's room
 * for column separators) and no opacity groups (past flights fade by their colours), each a
 * fill or an offscreen surface per cell with the cairo renderer. */
static void
test_board_draws_what_shows (Fixture       *fx,
                             gconstpointer  data)
{
  GtkWidget *view = poe_test_find_descendant (GTK_WIDGET (fx->board), GTK_TYPE_COLUMN_VIEW);
  g_autoptr(GskRenderNode) node = NULL;

  poe_test_wait_for_frame (view);
  node = poe_test_snapshot_node (view);
  g_assert_nonnull (node);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))), >, 0);
  g_assert_cmpuint (poe_test_count_nodes (node, is_invisible_border, NULL), ==, 0);
  g_assert_cmpuint (poe_test_count_nodes (node, poe_test_node_has_type, GINT_TO_POINTER (GSK_OPACITY_NODE)), ==, 0);
}

/* The search entry's own clear icon is GTK's, and its tooltip is set while it is hidden. */
static guint
count_gtk_tooltips (GtkWidget *root)
{
  guint n = gtk_widget_get_tooltip_text (root) != NULL ? 1 : 0;

  if (GTK_IS_SEARCH_ENTRY (root))
    return 0;

  if (n > 0)
    g_test_message ("GTK tooltip on %s: %s", G_OBJECT_TYPE_NAME (root), gtk_widget_get_tooltip_text (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_gtk_tooltips (child);

  return n;
}

/* No widget of the board sets its tooltip with gtk_widget_set_tooltip_text(), which asks
 * the X server where the pointer is each time (see poe-tooltip.c); they have them all
 * the same. */
static void
test_board_tooltips (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWidget *toggle = find_by_tooltip (GTK_WIDGET (fx->board), "Show names");

  g_assert_cmpuint (count_gtk_tooltips (GTK_WIDGET (fx->board)), ==, 0);
  g_assert_true (GTK_IS_DROP_DOWN (find_by_tooltip (GTK_WIDGET (fx->board), "Time window")));
  g_assert_true (GTK_IS_DROP_DOWN (find_by_tooltip (GTK_WIDGET (fx->board), "Flight status")));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (find_by_tooltip (GTK_WIDGET (fx->board), "Search (Ctrl+F)")));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  g_assert_true (gtk_widget_get_has_tooltip (toggle));
  poe_board_page_set_reveal_names (fx->board, TRUE);
  g_assert_cmpstr (poe_tooltip_get_text (toggle), ==, "Hide names");
  poe_board_page_set_reveal_names (fx->board, FALSE);
  g_assert_cmpuint (count_gtk_tooltips (GTK_WIDGET (fx->board)), ==, 0);
}

/* The empty states are made when first shown: a search that finds nothing shows its own,
 * and a page with nothing to list (here: no store) the other. */
static void
test_board_empty_states (Fixture       *fx,
                         gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (POE_TYPE_BOARD_PAGE, NULL);
  g_autofree char *shot = NULL;

  g_assert_null (poe_test_find_descendant (GTK_WIDGET (fx->board), ADW_TYPE_STATUS_PAGE));
  poe_board_page_set_query (fx->board, "no flight is called this");
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (fx->window), "No Matching Flights"));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (fx->window), "Try another search, status or time window."));
  g_assert_false (poe_test_shows_text (GTK_WIDGET (fx->window), "No Arrivals Yet"));
  shot = poe_test_screenshot (GTK_WIDGET (fx->window), "board-no-match");
  poe_board_page_set_query (fx->board, NULL);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 500);
  gtk_window_present (GTK_WINDOW (window));
  poe_test_wait_for_frame (window);
  g_assert_true (poe_test_shows_text (window, "No Arrivals Yet"));
  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

/* The first frame of a page whose height is not known yet when its store is set. */
typedef struct
{
  GtkColumnView *view;
  guint          n_rows;
  double         rows_height;
  double         view_height;
  gboolean       painted;
} FirstFrame;

/* The rows are the list view's children (the adjustment's upper is at least its page size,
 * so it cannot tell a gap). */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        FirstFrame    *ff)
{
  GtkWidget *list = poe_test_find_descendant (GTK_WIDGET (ff->view), GTK_TYPE_LIST_VIEW);

  if (ff->painted || list == NULL || gtk_widget_get_height (list) <= 0)
    return;

  ff->painted = TRUE;
  ff->n_rows = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (ff->view)));
  ff->view_height = gtk_widget_get_height (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_visible (row) && gtk_widget_compute_bounds (row, list, &bounds))
        ff->rows_height = MAX (ff->rows_height, bounds.origin.y + bounds.size.height);
    }
}

static void
first_frame_realized_cb (GtkWidget  *window,
                         FirstFrame *ff)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted_cb), ff);
}

static gboolean
first_frame_painted (gpointer user_data)
{
  return ((FirstFrame *) user_data)->painted;
}

/* The rows of the first frame are made when the page learns its height, in that layout:
 * they fill the view (no gap under them for a frame), and there are not many more of them
 * than it shows (each costs the first frame). The day is large, and the page shows all of
 * it ("Today"), so that there are more flights than fit whatever the time. */
static void
test_board_first_rows (void)
{
  g_autofree char *dir = g_dir_make_tmp ("poe-test-board-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(PoeStore) store = poe_test_demo_store_new_sized (path, "agent", 400, 400);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (POE_TYPE_BOARD_PAGE, NULL);
  GtkWidget *dropdown = poe_test_find_descendant (page, GTK_TYPE_DROP_DOWN);
  FirstFrame ff = { NULL, };
  double row_height;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 520);
  g_assert_cmpstr (poe_tooltip_get_text (dropdown), ==, "Time window");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  poe_board_page_set_store (POE_BOARD_PAGE (page), store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (poe_board_page_get_model (POE_BOARD_PAGE (page)))), >, 100);

  ff.view = GTK_COLUMN_VIEW (poe_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  g_signal_connect (window, "realize", G_CALLBACK (first_frame_realized_cb), &ff);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (poe_test_iterate_until (first_frame_painted, &ff, 5000));

  g_assert_cmpuint (ff.n_rows, >, 0);
  row_height = ff.rows_height / ff.n_rows;
  g_test_message ("first frame: %u rows of %.1f px for a view of %.0f px", ff.n_rows, row_height, ff.view_height);
  g_assert_cmpfloat (ff.rows_height, >=, ff.view_height);
  g_assert_cmpfloat (ff.rows_height - ff.view_height, <, 4 * row_height);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (window), first_frame_painted_cb, &ff);
  poe_test_destroy_and_finalize (GTK_WINDOW (window));
  g_clear_object (&store);
  poe_test_remove_store_files (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/board/lists-flights", test_board_lists_flights);
  ADD ("/ui/board/search", test_board_search);
  ADD ("/ui/board/live-update", test_board_live_update);
  ADD ("/ui/board/flight-page", test_board_flight_page);
  ADD ("/ui/board/no-names", test_board_no_names);
  ADD ("/ui/board/prefetched", test_board_prefetched);
  ADD ("/ui/board/draws-what-shows", test_board_draws_what_shows);
  ADD ("/ui/board/tooltips", test_board_tooltips);
  ADD ("/ui/board/empty-states", test_board_empty_states);
#undef ADD
  g_test_add_func ("/ui/board/first-rows", test_board_first_rows);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
