/* test-keys.c
 *
 * The keyboard in the main window: Escape and Alt+Left go back from a flight to the board
 * and from a family or an incident to its list (where a back button shows), and do nothing
 * where there is nowhere to go back to; Enter in the board's and the families' search opens
 * the only match; the shortcuts window lists only actions that exist, each with the keys
 * the application binds to it. Saves screenshots.
 *
 * GTK 4.8 cannot make a key event, so press_key() runs the shortcuts a key press meets in
 * the order GTK dispatches it (the application's accelerators and widget bindings are
 * GtkShortcutControllers too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "board/poe-board-page.h"
#include "board/poe-flight-view.h"
#include "family/poe-families-page.h"
#include "family/poe-family-view.h"
#include "incidents/poe-incidents-page.h"
#include "poe-application.h"
#include "poe-test-utils.h"
#include "poe-window.h"

#define WAIT_MS 5000

static GtkApplication *app;
static PoeStore *store;
static PoeSession *session;


/*
 * Helpers
 */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     modifiers)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers;

  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, modifiers);

  return FALSE;
}

/* The shortcut controllers of @widget in @phase that take the key: TRUE when one did. */
static gboolean
run_controllers (GtkWidget           *widget,
                 GtkPropagationPhase  phase,
                 guint                keyval,
                 GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) || gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;

      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, modifiers) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

/* A key pressed with the focus in @window: its shortcuts in capture phase from the window
 * down to the focus, then in bubble phase back up. TRUE when something took it. */
static gboolean
press_key (GtkWindow       *window,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *widget = focus ? focus : GTK_WIDGET (window); widget; widget = gtk_widget_get_parent (widget))
    g_ptr_array_insert (path, 0, widget);

  for (guint i = 0; i < path->len; i++)
    if (run_controllers (g_ptr_array_index (path, i), GTK_PHASE_CAPTURE, keyval, modifiers))
      return TRUE;
  for (guint i = path->len; i > 0; i--)
    if (run_controllers (g_ptr_array_index (path, i - 1), GTK_PHASE_BUBBLE, keyval, modifiers))
      return TRUE;

  return FALSE;
}

static PoeWindow *
open_window (int width)
{
  PoeWindow *window = poe_window_new_for_session (POE_APPLICATION (app), session);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  poe_test_wait_for_frame (GTK_WIDGET (window));

  return window;
}

static gboolean
board_has_rows (gpointer user_data)
{
  PoeBoardModel *model = poe_board_page_get_model (user_data);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static PoeBoardPage *
shown_board (PoeWindow *window)
{
  GtkWidget *board = poe_test_find_descendant (GTK_WIDGET (window), POE_TYPE_BOARD_PAGE);

  g_assert_true (poe_test_iterate_until (board_has_rows, board, WAIT_MS));
  return POE_BOARD_PAGE (board);
}

static const char *
leaflet_child_name (GtkWidget *root)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (poe_test_find_descendant (root, ADW_TYPE_LEAFLET));

  return adw_leaflet_get_visible_child_name (leaflet);
}

static gboolean
flight_shown (gpointer user_data)
{
  return g_strcmp0 (leaflet_child_name (user_data), "flight") == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (poe_board_page_get_flight_view (user_data)));
}

static gboolean
board_shown (gpointer user_data)
{
  return g_strcmp0 (leaflet_child_name (user_data), "board") == 0;
}

static PoeFamiliesPage *
show_families (PoeWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "families"));
  poe_test_wait_for_frame (GTK_WIDGET (window));

  return POE_FAMILIES_PAGE (poe_test_find_descendant (GTK_WIDGET (window), POE_TYPE_FAMILIES_PAGE));
}

static gboolean
has_cases (gpointer user_data)
{
  return g_list_model_get_n_items (poe_families_page_get_cases (user_data)) > 0;
}

/* The family view, not the list, is what the families page shows. */
static gboolean
family_shown (gpointer user_data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (poe_test_find_descendant (user_data, ADW_TYPE_LEAFLET));
  GtkWidget *view = GTK_WIDGET (poe_families_page_get_family_view (user_data));

  return gtk_widget_is_ancestor (view, adw_leaflet_get_visible_child (leaflet)) && gtk_widget_get_mapped (view);
}

static gboolean
list_shown (gpointer user_data)
{
  return !family_shown (user_data);
}

/* A flight's carrier and number that find it alone on the board (a word may also be part
 * of another flight's case numbers). */
static char *
dup_unique_query (PoeBoardPage *board,
                  const char  **flight_id)
{
  PoeBoardModel *model = poe_board_page_get_model (board);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (model), i));

  for (guint i = 0; i < rows->len; i++)
    {
      const PoeFlightSummary *flight = poe_board_row_get_summary (g_ptr_array_index (rows, i));
      g_autofree char *query = g_strdup_printf ("%s %s", flight->carrier, flight->number);
      guint n;

      poe_board_model_set_query (model, query);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      poe_board_model_set_query (model, NULL);
      if (n == 1)
        {
          *flight_id = g_intern_string (poe_board_row_get_flight_id (g_ptr_array_index (rows, i)));
          return g_steal_pointer (&query);
        }
    }

  g_assert_not_reached ();
}


/*
 * Tests
 */

static void
test_back_from_flight (void)
{
  PoeWindow *window = open_window (1280);
  PoeBoardPage *board = shown_board (window);
  g_autoptr(PoeBoardRow) row = g_list_model_get_item (G_LIST_MODEL (poe_board_page_get_model (board)), 0);

  /* On the board itself there is nothing to go back to: Escape is left alone. */
  g_assert_false (press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));

  poe_board_page_show_flight (board, poe_board_row_get_flight_id (row));
  g_assert_true (poe_test_iterate_until (flight_shown, board, WAIT_MS));
  g_free (poe_test_screenshot (GTK_WIDGET (window), "keys-flight"));
  g_assert_true (press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));
  g_assert_true (poe_test_iterate_until (board_shown, board, WAIT_MS));

  poe_board_page_show_flight (board, poe_board_row_get_flight_id (row));
  g_assert_true (poe_test_iterate_until (flight_shown, board, WAIT_MS));
  g_assert_true (press_key (GTK_WINDOW (window), GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (poe_test_iterate_until (board_shown, board, WAIT_MS));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_back_from_family (void)
{
  /* Narrow: the list and the family do not fit side by side, a back button shows. */
  PoeWindow *window = open_window (600);
  PoeFamiliesPage *page = show_families (window);
  g_autoptr(GObject) item = NULL;
  g_autofree char *case_id = NULL;

  g_assert_true (poe_test_iterate_until (has_cases, page, WAIT_MS));
  item = g_list_model_get_item (poe_families_page_get_cases (page), 0);
  g_object_get (item, "case-id", &case_id, NULL);

  g_assert_true (list_shown (page));
  g_assert_false (press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));

  poe_families_page_show_case (page, case_id);
  g_assert_true (poe_test_iterate_until (family_shown, page, WAIT_MS));
  g_free (poe_test_screenshot (GTK_WIDGET (window), "keys-family-narrow"));
  g_assert_true (press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));
  g_assert_true (poe_test_iterate_until (list_shown, page, WAIT_MS));

  poe_families_page_show_case (page, case_id);
  g_assert_true (poe_test_iterate_until (family_shown, page, WAIT_MS));
  g_assert_true (press_key (GTK_WINDOW (window), GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (poe_test_iterate_until (list_shown, page, WAIT_MS));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

/* The incidents page's list, not an incident, is what it shows. */
static gboolean
incident_list_shown (gpointer user_data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (poe_test_find_descendant (user_data, ADW_TYPE_LEAFLET));
  GtkWidget *editor = GTK_WIDGET (poe_incidents_page_get_editor (user_data));

  return !gtk_widget_is_ancestor (editor, adw_leaflet_get_visible_child (leaflet));
}

static gboolean
incident_shown (gpointer user_data)
{
  return !incident_list_shown (user_data) && gtk_widget_get_mapped (GTK_WIDGET (poe_incidents_page_get_editor (user_data)));
}

static void
test_back_from_incident (void)
{
  PoeWindow *window = open_window (600);
  PoeIncidentsPage *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "incidents"));
  poe_test_wait_for_frame (GTK_WIDGET (window));
  page = POE_INCIDENTS_PAGE (poe_test_find_descendant (GTK_WIDGET (window), POE_TYPE_INCIDENTS_PAGE));

  poe_incidents_page_new_incident (page);
  g_assert_true (poe_test_iterate_until (incident_shown, page, WAIT_MS));
  g_free (poe_test_screenshot (GTK_WIDGET (window), "keys-incident-narrow"));
  g_assert_true (press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));
  g_assert_true (poe_test_iterate_until (incident_list_shown, page, WAIT_MS));
  g_assert_false (press_key (GTK_WINDOW (window), GDK_KEY_Escape, 0));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_enter_opens_only_flight (void)
{
  PoeWindow *window = open_window (1280);
  PoeBoardPage *board = shown_board (window);
  const char *flight_id = NULL;
  g_autofree char *query = dup_unique_query (board, &flight_id);
  GtkWidget *entry;

  poe_board_page_start_search (board);
  entry = poe_test_find_descendant (poe_test_find_descendant (GTK_WIDGET (board), GTK_TYPE_SEARCH_BAR),
                                    GTK_TYPE_SEARCH_ENTRY);

  /* Several matches: Enter stays on the board. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "activate");
  poe_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (leaflet_child_name (GTK_WIDGET (board)), ==, "board");

  /* One match, Enter at once (before the entry tells its change): that flight opens. */
  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (poe_test_iterate_until (flight_shown, board, WAIT_MS));
  g_assert_cmpstr (poe_flight_view_get_flight_id (poe_board_page_get_flight_view (board)), ==, flight_id);
  g_free (poe_test_screenshot (GTK_WIDGET (window), "keys-board-search-enter"));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_enter_opens_only_family (void)
{
  PoeWindow *window = open_window (600);
  PoeFamiliesPage *page = show_families (window);
  GtkWidget *entry = poe_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  const char *case_id;

  g_assert_true (poe_test_iterate_until (has_cases, page, WAIT_MS));
  g_assert_true (list_shown (page));
  {
    g_autoptr(GObject) item = g_list_model_get_item (poe_families_page_get_cases (page), 1);
    g_autofree char *id = NULL;

    g_object_get (item, "case-id", &id, NULL);
    kase = poe_store_get (store, "case", id, &error);
    g_assert_no_error (error);
  }
  case_id = poe_record_get_id (kase);

  /* Several matches ("US-" is every case number): the list stays. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "US-");
  g_signal_emit_by_name (entry, "activate");
  poe_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (list_shown (page));

  gtk_editable_set_text (GTK_EDITABLE (entry), poe_record_get_string (kase, "case_number"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (poe_test_iterate_until (family_shown, page, WAIT_MS));
  g_assert_cmpstr (poe_family_view_get_case_id (poe_families_page_get_family_view (page)), ==, case_id);
  g_free (poe_test_screenshot (GTK_WIDGET (window), "keys-families-search-enter"));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

/* @detailed ("win.page::arrivals") is an action of the window or the application. */
static gboolean
action_exists (PoeWindow  *window,
               const char *detailed)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GError) error = NULL;
  const char *dot;
  GType owner;
  const char *action;
  const GVariantType *type;
  const char *property;

  g_assert_true (g_action_parse_detailed_name (detailed, &name, &target, &error));
  g_assert_no_error (error);
  dot = strchr (name, '.');
  g_assert_nonnull (dot);

  if (g_str_has_prefix (name, "app."))
    return g_action_group_has_action (G_ACTION_GROUP (app), dot + 1);

  /* The window's actions and those of its classes (window.close); a target only for an
   * action with a parameter. */
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &action, &type, &property); i++)
    if (g_str_equal (action, name))
      return (target == NULL) == (type == NULL);

  return FALSE;
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

static void
test_shortcuts_window (void)
{
  PoeWindow *window = open_window (1024);
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  GtkWidget *help;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  help = poe_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (help);
  collect_shortcuts (help, shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 12);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;
      g_auto(GStrv) shown = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "title", &title, "action-name", &action,
                    "accelerator", &accelerator, NULL);
      if (action == NULL)
        g_error ("“%s” names no action", title);
      if (!action_exists (window, action))
        g_error ("“%s”: no action %s", title, action);

      /* The keys shown are those the application binds to the action. */
      accels = gtk_application_get_accels_for_action (app, action);
      if (accels[0] == NULL)
        g_error ("“%s”: no keys bound to %s", title, action);
      shown = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint a = 0; accels[a] != NULL; a++)
        if (!g_strv_contains ((const char * const *) shown, accels[a]))
          g_error ("“%s” shows “%s”, not %s", title, accelerator, accels[a]);
    }

  g_free (poe_test_screenshot (help, "keys-shortcuts-window"));
  gtk_widget_set_visible (help, FALSE);
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
    g_autofree char *path = g_build_filename (g_get_home_dir (), "store.db", NULL);

    store = poe_test_demo_store_new (path, "agent");
    session = poe_test_session_new (store);
  }

  g_test_add_func ("/ui/keys/back-from-flight", test_back_from_flight);
  g_test_add_func ("/ui/keys/back-from-family", test_back_from_family);
  g_test_add_func ("/ui/keys/back-from-incident", test_back_from_incident);
  g_test_add_func ("/ui/keys/enter-opens-only-flight", test_enter_opens_only_flight);
  g_test_add_func ("/ui/keys/enter-opens-only-family", test_enter_opens_only_family);
  g_test_add_func ("/ui/keys/shortcuts-window", test_shortcuts_window);

  ret = g_test_run ();

  g_clear_object (&session);
  g_clear_object (&store);
  g_clear_object (&app);

  return ret;
}
