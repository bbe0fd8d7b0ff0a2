/* test-clock.c
 *
 * One clock for one flight. The machine runs in Asia/Tokyo, far from the demo POE
 * (America/New_York); the agent signs in for the first time against `poe-central --demo`,
 * and from the first frame with flights the same flight's time reads the same POE-local
 * text on the board, the flight page's header, the anomaly dialog and the family page, and
 * the sync popover tells its times at the POE too, all before any restart. Then the POE's
 * zone changes (a pulled change of the "poe" record) and the board and the flight page
 * follow it. Saves a screenshot of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "board/poe-board-page.h"
#include "board/poe-flight-view.h"
#include "family/poe-families-page.h"
#include "family/poe-family-step-row.h"
#include "family/poe-family-view.h"
#include "incidents/poe-anomaly-dialog.h"
#include "poe-application.h"
#include "poe-test-server.h"
#include "poe-test-utils.h"
#include "poe-window.h"
#include "sync/poe-sync-status.h"

#define PASSWORD     "clock-demo-password"
#define WAIT_MS      20000
#define MACHINE_ZONE "Asia/Tokyo"

static GtkApplication *app;

typedef struct
{
  PoeTestServer *server;
  PoeSession    *session;
  PoeWindow     *window;
  GtkWidget     *board;
  GTimeZone     *poe_zone;
  char          *flight_id;
  char          *flight_label;   /* "EY 113" */
  GDateTime     *scheduled;
} Clock;


/*
 * Helpers
 */

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static gboolean
session_ready (gpointer user_data)
{
  return poe_session_get_state (user_data) == POE_SESSION_READY;
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_session_sign_in_finish (POE_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
board_has_rows (gpointer user_data)
{
  PoeBoardModel *model = poe_board_page_get_model (user_data);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static PoeStore *
store_of (Clock *clock)
{
  return poe_session_get_store (clock->session);
}

static char *
format_at (GDateTime  *time,
           GTimeZone  *zone,
           const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_format (local, format);
}

/* The POE's local time of the flight's scheduled arrival, "%H:%M". */
static char *
dup_expected (Clock      *clock,
              const char *format)
{
  return format_at (clock->scheduled, clock->poe_zone, format);
}

static char *
dup_shown_text (GtkWidget *widget)
{
  poe_test_wait_for_frame (widget);

  return poe_test_dup_text (widget, POE_TEST_TEXT_MAPPED_ONLY);
}

/* The board's text for the flight's scheduled arrival: the cell before its flight number
 * in the row (the columns are Sched., Flight, From, …). */
static char *
dup_board_time (Clock *clock)
{
  g_autofree char *text = dup_shown_text (clock->board);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_equal (lines[i], clock->flight_label))
      return g_strdup (lines[i - 1]);

  g_error ("%s is not on the board:\n%s", clock->flight_label, text);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static GTimeZone *
dup_poe_zone (Clock *clock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) poe = poe_store_find_by_field (store_of (clock), "poe", "code",
                                                      poe_session_get_poe (clock->session), &error);

  g_assert_no_error (error);
  g_assert_nonnull (poe);

  return g_time_zone_new_identifier (poe_record_get_string (poe, "time_zone"));
}

/* The first flight of the board with families. */
static void
pick_flight (Clock *clock)
{
  PoeBoardModel *model = poe_board_page_get_model (POE_BOARD_PAGE (clock->board));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(PoeBoardRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      const PoeFlightSummary *flight = poe_board_row_get_summary (row);

      if (poe_board_row_get_n_families (row) == 0)
        continue;

      clock->flight_id = g_strdup (flight->id);
      clock->flight_label = g_strdup_printf ("%s %s", flight->carrier, flight->number);
      clock->scheduled = poe_time_parse_iso8601 (flight->scheduled_arrival);
      return;
    }

  g_assert_not_reached ();
}


/*
 * Steps
 */

static void
sign_in_fresh (Clock *clock)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_home_dir (), "clock", "poe-desk.db", NULL);
  gboolean done = FALSE;

  poe_test_remove_store_files (path);
  clock->session = poe_session_new (settings, path);
  clock->window = poe_window_new_for_session (POE_APPLICATION (app), clock->session);
  gtk_window_set_default_size (GTK_WINDOW (clock->window), 1280, 760);
  gtk_window_present (GTK_WINDOW (clock->window));
  poe_test_wait_for_frame (GTK_WIDGET (clock->window));

  poe_session_sign_in_async (clock->session, poe_test_server_get_url (clock->server), "agent", PASSWORD,
                             NULL, signed_in_cb, &done);
  g_assert_true (poe_test_iterate_until (flag_set, &done, WAIT_MS));
  g_assert_true (poe_test_iterate_until (session_ready, clock->session, WAIT_MS));

  /* The first frame with flights: no restart, no reload by hand. */
  clock->board = poe_test_find_descendant (GTK_WIDGET (clock->window), POE_TYPE_BOARD_PAGE);
  g_assert_true (poe_test_iterate_until (board_has_rows, clock->board, WAIT_MS));
  poe_test_wait_for_frame (GTK_WIDGET (clock->window));
}

static void
check_board (Clock *clock)
{
  g_autofree char *expected = dup_expected (clock, "%H:%M");
  g_autofree char *machine = NULL;
  g_autofree char *shown = dup_board_time (clock);
  g_autofree char *text = dup_shown_text (clock->board);
  g_autoptr(GDateTime) now = g_date_time_new_now (clock->poe_zone);
  g_autofree char *abbreviation = g_date_time_format (now, "%Z");
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  /* The test means something only when the two clocks differ. */
  machine = format_at (clock->scheduled, local, "%H:%M");
  g_assert_cmpstr (machine, !=, expected);

  g_assert_cmpstr (shown, ==, expected);
  /* "Now 14:05 EST": the POE's, not the machine's JST. */
  assert_contains (text, abbreviation);
  g_assert_null (strstr (text, "JST"));
  g_free (poe_test_screenshot (GTK_WIDGET (clock->window), "clock-board"));
}

static void
check_flight_page (Clock *clock)
{
  g_autofree char *expected = dup_expected (clock, "scheduled %H:%M");
  PoeFlightView *view;
  g_autofree char *text = NULL;

  poe_board_page_show_flight (POE_BOARD_PAGE (clock->board), clock->flight_id);
  view = poe_board_page_get_flight_view (POE_BOARD_PAGE (clock->board));
  text = dup_shown_text (GTK_WIDGET (view));
  assert_contains (text, expected);
  g_free (poe_test_screenshot (GTK_WIDGET (clock->window), "clock-flight"));
}

static void
check_anomaly_dialog (Clock *clock)
{
  g_autofree char *expected = dup_expected (clock, "Scheduled %Y-%m-%d %H:%M");
  g_autofree char *text = NULL;
  GtkWidget *dialog;

  /* As the flight page's "Report Anomaly…" asks the window. */
  g_signal_emit_by_name (clock->board, "report-anomaly", clock->flight_id);
  dialog = poe_test_find_toplevel (POE_TYPE_ANOMALY_DIALOG);
  g_assert_nonnull (dialog);
  text = dup_shown_text (dialog);
  assert_contains (text, expected);
  g_free (poe_test_screenshot (dialog, "clock-anomaly"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static PoeFamilyView *
show_family (Clock *clock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (store_of (clock), clock->flight_id, &error);
  GtkWidget *families;

  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >, 0);
  poe_window_show_case (clock->window, poe_record_get_id (g_ptr_array_index (cases, 0)));
  families = poe_test_find_descendant (GTK_WIDGET (clock->window), POE_TYPE_FAMILIES_PAGE);

  return poe_families_page_get_family_view (POE_FAMILIES_PAGE (families));
}

static void
check_family_page (Clock *clock)
{
  g_autofree char *expected = dup_expected (clock, "%H:%M");
  PoeFamilyView *view = show_family (clock);
  g_autofree char *text = dup_shown_text (GTK_WIDGET (view));
  const char *arrives = strstr (text, "Arrives ");
  g_autofree char *part = NULL;

  /* "Arrives 17:50 (expected 17:55) · gate …": today's times without the day. */
  g_assert_nonnull (arrives);
  part = g_strndup (arrives, strcspn (arrives, "(\n"));
  assert_contains (part, expected);
  g_free (poe_test_screenshot (GTK_WIDGET (clock->window), "clock-family"));
}

static gboolean
has_pending (gpointer user_data)
{
  return poe_store_count_pending (user_data) > 0;
}

/* A change made while the engine waits: the popover lists it with the time it was made, and
 * the last sync, both at the POE. */
static void
check_sync_popover (Clock *clock)
{
  PoeSyncEngine *engine = poe_session_get_sync_engine (clock->session);
  PoeFamilyView *view = show_family (clock);
  GtkWidget *status = poe_test_find_descendant (GTK_WIDGET (clock->window), POE_TYPE_SYNC_STATUS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *last = NULL;
  g_autofree char *made = NULL;
  g_autofree char *text = NULL;
  PoeFamilyStepRow *row;
  GtkWidget *popover;

  g_assert_nonnull (poe_sync_engine_get_last_sync (engine));
  poe_sync_engine_stop (engine);
  poe_test_wait_for_frame (GTK_WIDGET (view));
  row = poe_test_find_step_row (GTK_WIDGET (view), POE_STEP_BAGGAGE_CLAIMED, NULL);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (poe_family_step_row_get_check (row)));
  g_assert_true (poe_test_iterate_until (has_pending, store_of (clock), WAIT_MS));

  pending = poe_store_outbox_peek (store_of (clock), 1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) created = poe_time_parse_iso8601 (((PoeMutation *) g_ptr_array_index (pending, 0))->created_at);
    g_autofree char *at = format_at (created, clock->poe_zone, "%H:%M");

    made = g_strdup_printf ("%s · waiting", at);
  }
  last = format_at (poe_sync_engine_get_last_sync (engine), clock->poe_zone, "Last synced at %H:%M:%S");

  poe_sync_status_popup (POE_SYNC_STATUS (status));
  popover = poe_test_find_descendant (status, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  text = dup_shown_text (popover);
  assert_contains (text, last);
  assert_contains (text, made);
  g_free (poe_test_screenshot (popover, "clock-sync-popover"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  poe_sync_engine_start (engine);
}

/* The POE's zone changes with a pulled change: the board and the flight page follow. */
static void
check_zone_change (Clock *clock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) poe = poe_store_find_by_field (store_of (clock), "poe", "code",
                                                      poe_session_get_poe (clock->session), &error);
  g_autoptr(PoeRecord) moved = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *header = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  moved = poe_record_copy (poe);
  poe_record_set_string (moved, "time_zone", "America/Los_Angeles");
  g_assert_true (poe_store_begin (store_of (clock), &error));
  g_assert_true (poe_store_import (store_of (clock), moved, &error));
  g_assert_true (poe_store_commit (store_of (clock), &error));
  g_assert_no_error (error);

  g_clear_pointer (&clock->poe_zone, g_time_zone_unref);
  clock->poe_zone = g_time_zone_new_identifier ("America/Los_Angeles");
  expected = dup_expected (clock, "%H:%M");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (clock->window), "win.page", "s", "arrivals"));
  poe_board_page_show_flight (POE_BOARD_PAGE (clock->board), clock->flight_id);
  text = dup_shown_text (GTK_WIDGET (poe_board_page_get_flight_view (POE_BOARD_PAGE (clock->board))));
  header = g_strdup_printf ("scheduled %s", expected);
  assert_contains (text, header);

  g_signal_emit_by_name (poe_board_page_get_flight_view (POE_BOARD_PAGE (clock->board)), "back");
  shown = dup_board_time (clock);
  g_assert_cmpstr (shown, ==, expected);
  g_free (poe_test_screenshot (GTK_WIDGET (clock->window), "clock-board-moved"));
}

static void
test_one_clock (void)
{
  Clock clock = { 0 };
  const char *demo[] = { "--demo", "--demo-password", PASSWORD, NULL };
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  /* The machine really is far from the POE. */
  g_assert_cmpstr (g_time_zone_get_identifier (local), ==, MACHINE_ZONE);

  g_setenv ("POE_SYNC_POLL_WAIT", "2", TRUE);
  clock.server = poe_test_server_new (demo);
  sign_in_fresh (&clock);
  clock.poe_zone = dup_poe_zone (&clock);
  g_assert_cmpstr (g_time_zone_get_identifier (clock.poe_zone), !=, MACHINE_ZONE);
  pick_flight (&clock);

  check_board (&clock);
  check_flight_page (&clock);
  check_anomaly_dialog (&clock);
  check_family_page (&clock);
  check_sync_popover (&clock);
  check_zone_change (&clock);

  poe_test_destroy_and_finalize (GTK_WINDOW (clock.window));
  g_clear_object (&clock.session);
  poe_test_server_free (clock.server);
  g_clear_pointer (&clock.poe_zone, g_time_zone_unref);
  g_clear_pointer (&clock.scheduled, g_date_time_unref);
  g_free (clock.flight_id);
  g_free (clock.flight_label);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GLib or GTK read the local zone. */
  g_setenv ("TZ", MACHINE_ZONE, TRUE);
  tzset ();

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

  g_test_add_func ("/ui/clock/one-clock", test_one_clock);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
