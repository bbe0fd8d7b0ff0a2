/* test-notifier.c
 *
 * Desktop notifications on a synthetic day, read back from python3-dbusmock's notification
 * daemon on the test's session bus: a landing with families expected, a connection that
 * turns red, the rate limit, never a name, and no crash without a notification service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "common/poe-notifier.h"
#include "poe-test-utils.h"

typedef struct
{
  char        *dir;
  PoeStore    *store;
  char        *log;
  gsize        log_start;  /* what the daemon logged before this test */
  PoeNotifier *notifier;
} Fixture;

/* One daemon for the whole run: libnotify keeps talking to the first one it met. */
static GSubprocess *daemon_process;
static char *daemon_log;


/*
 * Helpers
 */

static gboolean
watching (gpointer user_data)
{
  return poe_notifier_is_watching (user_data);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("poe-test-notifier-XXXXXX", NULL);
  path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_test_demo_store_new (path, "agent");
  fx->log = g_strdup (daemon_log);
  {
    g_autofree char *before = NULL;

    fx->log_start = g_file_get_contents (fx->log, &before, &fx->log_start, NULL) ? fx->log_start : 0;
  }
  fx->notifier = poe_notifier_new ("POE Desk");
  poe_notifier_set_store (fx->notifier, fx->store);
  g_assert_true (poe_test_iterate_until (watching, fx->notifier, 10000));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->dir, "store.db", NULL);

  g_assert_finalize_object (fx->notifier);
  g_clear_object (&fx->store);
  poe_test_remove_store_files (path);
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->log);
}

static char *
read_log (Fixture *fx)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (fx->log, &text, &length, NULL) || length <= fx->log_start)
    return g_strdup ("");

  return g_strndup (text + fx->log_start, length - fx->log_start);
}

typedef struct
{
  Fixture    *fx;
  const char *needle;
} LogWait;

static gboolean
log_has (gpointer user_data)
{
  LogWait *wait = user_data;
  g_autofree char *log = read_log (wait->fx);

  return strstr (log, wait->needle) != NULL;
}

/* What the sync engine does with a pulled record: import, then announce. */
static void
pull (Fixture   *fx,
      PoeRecord *record)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { poe_record_get_id (record), NULL };

  poe_record_set_rev (record, poe_record_get_rev (record) + 1);
  g_assert_true (poe_store_begin (fx->store, &error));
  g_assert_true (poe_store_import (fx->store, record, &error));
  g_assert_true (poe_store_commit (fx->store, &error));
  g_assert_no_error (error);
  poe_store_emit_changed (fx->store, poe_record_get_entity_name (record), ids,
                          POE_STORE_CHANGE_PULLED);
}

static PoeRecord *
find_flight_to_land (Fixture *fx)
{
  g_autoptr(GPtrArray) flights = poe_store_list (fx->store, "flight", NULL, NULL, NULL);

  for (guint i = 0; i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fx->store, poe_record_get_id (flight), NULL);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");

      if (cases->len > 0 && g_strcmp0 (poe_record_get_string (flight, "status"), "en_route") == 0 &&
          g_date_time_difference (scheduled, now) < 12 * G_TIME_SPAN_HOUR)
        return poe_record_copy (flight);
    }

  g_assert_not_reached ();
}

static void
assert_no_names (Fixture    *fx,
                 const char *text)
{
  g_autoptr(GPtrArray) persons = poe_store_list (fx->store, "person", NULL, NULL, NULL);

  for (guint i = 0; i < persons->len; i++)
    {
      const char *surname = poe_record_get_string (g_ptr_array_index (persons, i), "surname");

      if (surname != NULL && strlen (surname) > 3)
        g_assert_null (strstr (text, surname));
    }
}


/*
 * Tests
 */

static void
test_landing (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(PoeRecord) flight = find_flight_to_land (fx);
  g_autofree char *summary = g_strdup_printf ("%s %s has landed", poe_record_get_string (flight, "carrier"),
                                              poe_record_get_string (flight, "number"));
  LogWait wait = { fx, summary };
  g_autofree char *log = NULL;

  g_assert_cmpuint (poe_notifier_get_n_sent (fx->notifier), ==, 0);
  poe_record_set_string (flight, "status", "landed");
  pull (fx, flight);
  g_assert_true (poe_test_iterate_until (log_has, &wait, 5000));
  g_assert_cmpuint (poe_notifier_get_n_sent (fx->notifier), ==, 1);
  log = read_log (fx);
  g_assert_nonnull (strstr (log, "families expected") != NULL ? log : strstr (log, "family expected"));
  assert_no_names (fx, log);

  /* Back en route and landed again within the cooldown: no second notification. */
  poe_record_set_string (flight, "status", "en_route");
  pull (fx, flight);
  poe_record_set_string (flight, "status", "landed");
  pull (fx, flight);
  poe_test_wait_ms (200);
  g_assert_cmpuint (poe_notifier_get_n_sent (fx->notifier), ==, 1);
}

static void
test_connection_red (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = poe_store_list (fx->store, "case", "branch", "connect", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_hours (now, -12);
  g_autoptr(GDateTime) to = g_date_time_add_hours (now, 24);
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeBoardModel) board = poe_board_model_new (fx->store, from, to, &error);

  g_assert_no_error (error);
  g_assert_true (poe_board_model_ensure_loaded (board, 0, g_list_model_get_n_items (G_LIST_MODEL (board)), &error));

  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(PoeRecord) flight = poe_store_get (fx->store, "flight", poe_record_get_string (kase, "inbound_flight_id"), NULL);
      g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fx->store, poe_record_get_id (kase), NULL);
      g_autoptr(GDateTime) arrival = flight != NULL ? poe_record_dup_time (flight, "scheduled_arrival") : NULL;
      g_autofree char *summary = NULL;
      PoeBoardRow *row;
      LogWait wait = { fx, NULL };

      if (arrival == NULL || g_date_time_compare (arrival, now) < 0 ||
          g_strcmp0 (poe_record_get_string (flight, "status"), "cancelled") == 0)
        continue;

      /* A flight none of whose families is red yet, so its worst risk turns red. */
      row = poe_board_model_lookup (board, poe_record_get_id (flight));
      if (row == NULL || poe_board_row_get_risk (row) == POE_RISK_RED)
        continue;

      for (guint s = 0; s < segments->len; s++)
        {
          PoeRecord *segment = g_ptr_array_index (segments, s);
          g_autoptr(PoeRecord) changed = NULL;
          g_autoptr(GDateTime) departs = NULL;

          if (g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") != 0)
            continue;

          /* Rebooked onto a departure 20 minutes after landing: under any minimum connection. */
          changed = poe_record_copy (segment);
          departs = g_date_time_add_minutes (arrival, 20);
          poe_record_set_time (changed, "scheduled_departure", departs);
          poe_record_set_time (changed, "estimated_departure", departs);
          pull (fx, changed);

          summary = g_strdup_printf ("Connection at risk: %s", poe_record_get_string (kase, "case_number"));
          wait.needle = summary;
          g_assert_true (poe_test_iterate_until (log_has, &wait, 5000));
          {
            g_autofree char *log = read_log (fx);

            assert_no_names (fx, log);
          }
          return;
        }
    }

  g_test_skip ("no connecting family on a flight still to come");
}

static void
test_without_service (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(PoeRecord) flight = find_flight_to_land (fx);

  /* The daemon goes away: the next notification fails, the notifier says so and goes on.
   * (The last test: the daemon does not come back.) */
  g_subprocess_force_exit (daemon_process);
  g_subprocess_wait (daemon_process, NULL, NULL);
  poe_test_wait_ms (200);
  poe_record_set_string (flight, "status", "landed");
  g_test_expect_message ("poe-notifier", G_LOG_LEVEL_MESSAGE, "Notifications are unavailable*");
  pull (fx, flight);
  poe_test_wait_ms (200);
  g_test_assert_expected_messages ();
  g_assert_false (poe_notifier_get_available (fx->notifier));
  g_assert_cmpuint (poe_notifier_get_n_sent (fx->notifier), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  poe_test_ui_init (&argc, &argv);
  daemon_process = poe_test_notification_daemon_new (&daemon_log);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/notifier/landing", test_landing);
  ADD ("/ui/notifier/connection-red", test_connection_red);
  ADD ("/ui/notifier/without-service", test_without_service);
#undef ADD

  status = g_test_run ();
  g_subprocess_force_exit (daemon_process);
  g_clear_object (&daemon_process);
  g_unlink (daemon_log);
  g_free (daemon_log);

  return status;
}
