/* test-lists-errors.c
 *
 * A read of the store that fails reaches the list models' users: a model that cannot be made
 * says why (POE_STORE_ERROR), and one whose update fails sets its "error" property and
 * notifies it, instead of writing a warning to the log and showing what it had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

typedef struct
{
  char      *dir;
  PoeStore  *store;
  GDateTime *now;
  GPtrArray *flight_ids;
  guint      notified;
} Fixture;


/*
 * Helpers
 */

static gboolean
import_record (PoeRecord  *record,
               gpointer    user_data,
               GError    **error)
{
  Fixture *fixture = user_data;

  if (g_str_equal (poe_record_get_entity_name (record), "flight"))
    g_ptr_array_add (fixture->flight_ids, g_strdup (poe_record_get_id (record)));

  return poe_store_import (fixture->store, record, error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PoeDemoOptions options;

  fixture->dir = g_dir_make_tmp ("poe-lists-errors-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (path, &error);
  g_assert_no_error (error);
  fixture->now = g_date_time_new_utc (2026, 11, 24, 14, 0, 0);
  fixture->flight_ids = g_ptr_array_new_with_free_func (g_free);

  poe_demo_options_init (&options);
  options.seed = 22;
  options.now = fixture->now;
  options.n_flights = 6;
  g_assert_true (poe_store_begin (fixture->store, &error));
  g_assert_true (poe_demo_generate (&options, import_record, fixture, &error));
  g_assert_no_error (error);
  g_assert_true (poe_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (poe_store_get_path (fixture->store));

  g_clear_object (&fixture->store);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_date_time_unref (fixture->now);
  g_ptr_array_unref (fixture->flight_ids);
}

static void
error_notified_cb (GObject    *object,
                   GParamSpec *pspec,
                   Fixture    *fixture)
{
  fixture->notified++;
}

/* A change the models react to, announced while the store cannot be read. */
static void
announce_flights_failing (Fixture *fixture)
{
  g_ptr_array_add (fixture->flight_ids, NULL);
  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  poe_store_emit_changed (fixture->store, "flight", (const char * const *) fixture->flight_ids->pdata,
                          POE_STORE_CHANGE_PULLED);
  poe_store_set_read_fault_for_testing (fixture->store, FALSE);
  g_ptr_array_remove_index (fixture->flight_ids, fixture->flight_ids->len - 1);
}


/*
 * Tests
 */

static void
test_board_update_fails (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) from = g_date_time_add_days (fixture->now, -1);
  g_autoptr(GDateTime) to = g_date_time_add_days (fixture->now, 1);
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(GError) error = NULL;
  const GError *failure = NULL;

  board = poe_board_model_new (fixture->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_null (poe_board_model_get_error (board));
  g_signal_connect (board, "notify::error", G_CALLBACK (error_notified_cb), fixture);

  announce_flights_failing (fixture);

  failure = poe_board_model_get_error (board);
  g_assert_nonnull (failure);
  g_assert_true (failure->domain == POE_STORE_ERROR);
  g_assert_cmpuint (fixture->notified, ==, 1);
  {
    g_autoptr(GError) property = NULL;

    g_object_get (board, "error", &property, NULL);
    g_assert_error (property, POE_STORE_ERROR, failure->code);
  }
}

static void
test_board_new_fails (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(GError) error = NULL;

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  board = poe_board_model_new (fixture->store, NULL, NULL, &error);
  poe_store_set_read_fault_for_testing (fixture->store, FALSE);

  g_assert_null (board);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO);
}

static void
test_case_list_update_fails (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) from = g_date_time_add_days (fixture->now, -1);
  g_autoptr(GDateTime) to = g_date_time_add_days (fixture->now, 1);
  g_autoptr(PoeCaseListModel) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = poe_case_list_model_new_between (fixture->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_null (poe_case_list_model_get_error (cases));
  g_signal_connect (cases, "notify::error", G_CALLBACK (error_notified_cb), fixture);

  announce_flights_failing (fixture);

  g_assert_nonnull (poe_case_list_model_get_error (cases));
  g_assert_true (poe_case_list_model_get_error (cases)->domain == POE_STORE_ERROR);
  g_assert_cmpuint (fixture->notified, ==, 1);
}

static void
test_case_list_new_fails (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(PoeCaseListModel) cases = NULL;
  g_autoptr(GError) error = NULL;

  poe_store_set_read_fault_for_testing (fixture->store, TRUE);
  cases = poe_case_list_model_new_for_flight (fixture->store, g_ptr_array_index (fixture->flight_ids, 0), &error);
  poe_store_set_read_fault_for_testing (fixture->store, FALSE);

  g_assert_null (cases);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/lists/errors/board-update-fails", test_board_update_fails);
  ADD ("/core/lists/errors/board-new-fails", test_board_new_fails);
  ADD ("/core/lists/errors/case-list-update-fails", test_case_list_update_fails);
  ADD ("/core/lists/errors/case-list-new-fails", test_case_list_new_fails);
#undef ADD

  return g_test_run ();
}
