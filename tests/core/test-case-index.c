/* test-case-index.c
 *
 * The store's one index of family summaries: shared by every list of the store, holding a
 * flight's families while a list holds the flight, and telling the board and the family
 * lists about a change once, with the summaries before and after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

typedef struct
{
  char          *dir;
  PoeStore      *store;
  GDateTime     *now;
  GDateTime     *from;
  GDateTime     *to;
  PoeCaseIndex  *index;
  GPtrArray     *befores;   /* PoeCaseSummary of each change, a reference each (or NULL) */
  GPtrArray     *afters;
  guint          n_families_changed;
  guint          n_flights_changed;
  guint          n_buffers_changed;
  GStrv          flight_ids;  /* of the last flights-changed */
  GHashTable    *records;     /* of the last flights-changed: id → PoeRecord */
} Fixture;

/* Auxiliary methods */

static gboolean
import_record (PoeRecord  *record,
               gpointer    user_data,
               GError    **error)
{
  return poe_store_import (user_data, record, error);
}

static void
families_changed_cb (PoeCaseIndex        *index,
                     const PoeCaseChange *changes,
                     guint                n_changes,
                     Fixture             *fixture)
{
  fixture->n_families_changed++;
  for (guint i = 0; i < n_changes; i++)
    {
      g_assert_nonnull (changes[i].id);
      g_assert_true (changes[i].before != NULL || changes[i].after != NULL);
      g_ptr_array_add (fixture->befores, changes[i].before ? poe_case_summary_ref (changes[i].before) : NULL);
      g_ptr_array_add (fixture->afters, changes[i].after ? poe_case_summary_ref (changes[i].after) : NULL);
    }
}

static void
flights_changed_cb (PoeCaseIndex       *index,
                    const char * const *ids,
                    GHashTable         *records,
                    Fixture            *fixture)
{
  fixture->n_flights_changed++;
  g_strfreev (fixture->flight_ids);
  fixture->flight_ids = g_strdupv ((char **) ids);
  g_clear_pointer (&fixture->records, g_hash_table_unref);
  fixture->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, records);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (fixture->records, g_strdup (key), g_object_ref (value));
  }
}

static void
buffers_changed_cb (PoeCaseIndex *index,
                    Fixture      *fixture)
{
  fixture->n_buffers_changed++;
}

static void
forget_changes (Fixture *fixture)
{
  g_ptr_array_set_size (fixture->befores, 0);
  g_ptr_array_set_size (fixture->afters, 0);
  fixture->n_families_changed = 0;
  fixture->n_flights_changed = 0;
  fixture->n_buffers_changed = 0;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PoeDemoOptions options;

  fixture->dir = g_dir_make_tmp ("test-case-index-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (path, &error);
  g_assert_no_error (error);

  fixture->now = g_date_time_new_utc (2026, 11, 24, 17, 0, 0);
  fixture->from = g_date_time_new_utc (2026, 11, 24, 0, 0, 0);
  fixture->to = g_date_time_new_utc (2026, 11, 26, 0, 0, 0);

  poe_demo_options_init (&options);
  options.seed = 7;
  options.now = fixture->now;
  g_assert_true (poe_store_begin (fixture->store, &error));
  g_assert_true (poe_demo_generate (&options, import_record, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (poe_store_commit (fixture->store, &error));
  poe_store_set_actor (fixture->store, NULL, "agent");

  fixture->befores = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_case_summary_unref);
  fixture->afters = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_case_summary_unref);
  fixture->index = poe_case_index_get_for_store (fixture->store);
  g_signal_connect (fixture->index, "families-changed", G_CALLBACK (families_changed_cb), fixture);
  g_signal_connect (fixture->index, "flights-changed", G_CALLBACK (flights_changed_cb), fixture);
  g_signal_connect (fixture->index, "buffers-changed", G_CALLBACK (buffers_changed_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_signal_handlers_disconnect_by_data (fixture->index, fixture);
  g_ptr_array_unref (fixture->befores);
  g_ptr_array_unref (fixture->afters);
  g_strfreev (fixture->flight_ids);
  g_clear_pointer (&fixture->records, g_hash_table_unref);
  g_assert_finalize_object (fixture->index);
  g_assert_finalize_object (fixture->store);
  g_date_time_unref (fixture->now);
  g_date_time_unref (fixture->from);
  g_date_time_unref (fixture->to);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* A flight of the window with at least @n families, and its families. */
static PoeRecord *
find_flight (Fixture    *fixture,
             guint       n,
             GPtrArray **cases)
{
  g_autoptr(GPtrArray) flights = poe_store_list_flights_between (fixture->store, fixture->from, fixture->to, NULL);

  for (guint i = 0; i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      g_autoptr(GPtrArray) found = poe_store_list_cases_for_flight (fixture->store, poe_record_get_id (flight), NULL);

      if (found->len >= n)
        {
          *cases = g_steal_pointer (&found);
          return g_object_ref (flight);
        }
    }

  g_assert_not_reached ();
}

static void
save (Fixture   *fixture,
      PoeRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_save (fixture->store, record, &error));
  g_assert_no_error (error);
}

static void
save_met (Fixture    *fixture,
          const char *case_id,
          const char *value)
{
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GDateTime) at = g_date_time_add_minutes (fixture->now, 1);

  poe_record_set_id (event, id);
  poe_record_set_string (event, "case_id", case_id);
  poe_record_set_string (event, "step", POE_STEP_ARRIVAL_MET);
  poe_record_set_string (event, "value", value);
  poe_record_set_time (event, "at", at);
  save (fixture, event);
}

static gboolean
contains_case (GPtrArray  *families,
               const char *case_id)
{
  for (guint i = 0; families != NULL && i < families->len; i++)
    if (g_str_equal (((PoeCaseSummary *) g_ptr_array_index (families, i))->id, case_id))
      return TRUE;

  return FALSE;
}

/* Tests */

/* Every list of a store reads the one index, which lives while one of them does. */
static void
test_shared (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(PoeRecord) flight = find_flight (fixture, 1, &cases);
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(PoeCaseListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  PoeCaseIndex *again = poe_case_index_get_for_store (fixture->store);
  PoeCaseIndex *weak = fixture->index;

  g_assert_true (again == fixture->index);
  g_object_unref (again);

  board = poe_board_model_new (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  list = poe_case_list_model_new_for_flight (fixture->store, poe_record_get_id (flight), &error);
  g_assert_no_error (error);

  /* The lists hold the index: it lives without the test's reference, and is the same. */
  g_signal_handlers_disconnect_by_data (fixture->index, fixture);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_clear_object (&fixture->index);
  g_assert_nonnull (weak);
  fixture->index = poe_case_index_get_for_store (fixture->store);
  g_assert_true (fixture->index == weak);
  g_clear_object (&fixture->index);

  g_clear_object (&board);
  g_assert_nonnull (weak);
  g_clear_object (&list);
  g_assert_null (weak);

  fixture->index = poe_case_index_get_for_store (fixture->store);
  g_signal_connect (fixture->index, "families-changed", G_CALLBACK (families_changed_cb), fixture);
  g_signal_connect (fixture->index, "flights-changed", G_CALLBACK (flights_changed_cb), fixture);
  g_signal_connect (fixture->index, "buffers-changed", G_CALLBACK (buffers_changed_cb), fixture);
  g_assert_null (poe_case_index_get_families (fixture->index, poe_record_get_id (flight)));
}

/* A flight's families are read when it is first held, kept in one array while it is, and
 * forgotten when the last hold is released. */
static void
test_hold_release (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(PoeRecord) flight = find_flight (fixture, 2, &cases);
  const char *ids[] = { poe_record_get_id (flight), NULL };
  const char *case_id = poe_record_get_id (g_ptr_array_index (cases, 0));
  g_autoptr(GError) error = NULL;
  GPtrArray *families;

  g_assert_null (poe_case_index_get_families (fixture->index, ids[0]));
  g_assert_null (poe_case_index_lookup (fixture->index, case_id));

  g_assert_true (poe_case_index_hold_flights (fixture->index, ids, &error));
  g_assert_no_error (error);
  families = poe_case_index_get_families (fixture->index, ids[0]);
  g_assert_nonnull (families);
  g_assert_cmpuint (families->len, ==, cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *id = poe_record_get_id (g_ptr_array_index (cases, i));
      PoeCaseSummary *summary = poe_case_index_lookup (fixture->index, id);

      g_assert_nonnull (summary);
      g_assert_cmpstr (summary->flight_id, ==, ids[0]);
      g_assert_true (g_ptr_array_find (families, summary, NULL));
    }

  g_assert_true (poe_case_index_hold_flights (fixture->index, ids, &error));
  g_assert_true (poe_case_index_get_families (fixture->index, ids[0]) == families);
  poe_case_index_release_flight (fixture->index, ids[0]);
  g_assert_true (poe_case_index_get_families (fixture->index, ids[0]) == families);
  poe_case_index_release_flight (fixture->index, ids[0]);
  g_assert_null (poe_case_index_get_families (fixture->index, ids[0]));
  g_assert_null (poe_case_index_lookup (fixture->index, case_id));

  /* No signal: holding reads, it changes nothing. */
  g_assert_cmpuint (fixture->n_families_changed, ==, 0);
}

/* One store change, one read, one signal: the board's row and the family list's row both
 * show the new summary the signal carried. */
static void
test_one_change (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = poe_store_list (fixture->store, "case", NULL, NULL, NULL);
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(PoeCaseListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  PoeRecord *kase = NULL;
  const char *case_id, *flight_id;
  PoeBoardRow *board_row;
  PoeCaseRow *case_row;
  PoeCaseSummary *before, *after;
  guint met;

  for (guint i = 0; kase == NULL && i < cases->len; i++)
    {
      g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store,
                                                                   poe_record_get_id (g_ptr_array_index (cases, i)), NULL);

      if (!poe_checklist_state_is_done (state, POE_STEP_ARRIVAL_MET, NULL))
        kase = g_ptr_array_index (cases, i);
    }
  g_assert_nonnull (kase);
  case_id = poe_record_get_id (kase);
  flight_id = poe_record_get_string (kase, "inbound_flight_id");

  board = poe_board_model_new (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  g_assert_true (poe_board_model_ensure_loaded (board, 0, G_MAXUINT, &error));
  list = poe_case_list_model_new_for_flight (fixture->store, flight_id, &error);
  g_assert_no_error (error);
  board_row = poe_board_model_lookup (board, flight_id);
  case_row = poe_case_list_model_lookup (list, case_id);
  g_assert_nonnull (board_row);
  g_assert_nonnull (case_row);
  met = poe_board_row_get_n_met (board_row);

  save_met (fixture, case_id, "done");
  g_assert_cmpuint (fixture->n_families_changed, ==, 1);
  g_assert_cmpuint (fixture->afters->len, ==, 1);
  before = g_ptr_array_index (fixture->befores, 0);
  after = g_ptr_array_index (fixture->afters, 0);
  g_assert_cmpstr (before->id, ==, case_id);
  g_assert_cmpstr (after->id, ==, case_id);
  g_assert_false (before->progress.met);
  g_assert_true (after->progress.met);
  g_assert_true (poe_case_index_lookup (fixture->index, case_id) == after);

  g_assert_cmpuint (poe_board_row_get_n_met (board_row), ==, met + 1);
  g_assert_true (poe_case_list_model_lookup (list, case_id) == case_row);
  g_assert_cmpuint (poe_case_row_get_n_done (case_row), ==, after->progress.n_done);
  g_assert_cmpuint (poe_case_row_get_n_done (case_row), ==, before->progress.n_done + 1);
}

/* A family that moves to a flight no list holds leaves the index; moved back, it returns. */
static void
test_move_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(PoeRecord) flight = find_flight (fixture, 2, &cases);
  g_autoptr(PoeRecord) kase = poe_record_copy (g_ptr_array_index (cases, 0));
  g_autoptr(PoeRecord) elsewhere = poe_record_new ("flight");
  g_autofree char *elsewhere_id = poe_uuid_new ();
  g_autoptr(PoeCaseListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  const char *case_id = poe_record_get_id (kase);
  const char *flight_id = poe_record_get_id (flight);
  guint n = cases->len;

  list = poe_case_list_model_new_for_flight (fixture->store, flight_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  poe_record_set_id (elsewhere, elsewhere_id);
  poe_record_set_string (elsewhere, "carrier", "QR");
  poe_record_set_string (elsewhere, "number", "9997");
  poe_record_set_string (elsewhere, "origin", "DOH");
  poe_record_set_string (elsewhere, "destination", "JFK");
  poe_record_set_string (elsewhere, "status", "scheduled");
  poe_record_set_time (elsewhere, "scheduled_arrival", fixture->now);
  save (fixture, elsewhere);
  g_assert_cmpuint (fixture->n_flights_changed, ==, 1);
  g_assert_cmpstr (fixture->flight_ids[0], ==, elsewhere_id);
  g_assert_true (g_hash_table_contains (fixture->records, elsewhere_id));
  forget_changes (fixture);

  poe_record_set_string (kase, "inbound_flight_id", elsewhere_id);
  save (fixture, kase);
  g_assert_cmpuint (fixture->n_families_changed, ==, 1);
  g_assert_cmpstr (((PoeCaseSummary *) g_ptr_array_index (fixture->befores, 0))->flight_id, ==, flight_id);
  g_assert_null (g_ptr_array_index (fixture->afters, 0));
  g_assert_null (poe_case_index_lookup (fixture->index, case_id));
  g_assert_false (contains_case (poe_case_index_get_families (fixture->index, flight_id), case_id));
  g_assert_null (poe_case_list_model_lookup (list, case_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
  forget_changes (fixture);

  poe_record_set_string (kase, "inbound_flight_id", flight_id);
  save (fixture, kase);
  g_assert_null (g_ptr_array_index (fixture->befores, 0));
  g_assert_cmpstr (((PoeCaseSummary *) g_ptr_array_index (fixture->afters, 0))->flight_id, ==, flight_id);
  g_assert_true (contains_case (poe_case_index_get_families (fixture->index, flight_id), case_id));
  g_assert_nonnull (poe_case_list_model_lookup (list, case_id));
  forget_changes (fixture);

  g_assert_true (poe_store_delete (fixture->store, "case", case_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_families_changed, ==, 1);
  g_assert_nonnull (g_ptr_array_index (fixture->befores, 0));
  g_assert_null (g_ptr_array_index (fixture->afters, 0));
  g_assert_null (poe_case_index_lookup (fixture->index, case_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
  forget_changes (fixture);

  /* A deleted flight is named, without a record. */
  g_assert_true (poe_store_delete (fixture->store, "flight", elsewhere_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_flights_changed, ==, 1);
  g_assert_cmpstr (fixture->flight_ids[0], ==, elsewhere_id);
  g_assert_false (g_hash_table_contains (fixture->records, elsewhere_id));
}

/* The POE's buffers change every risk: read once, the board and the family lists follow. */
static void
test_buffers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) poes = poe_store_list (fixture->store, "poe", NULL, NULL, NULL);
  g_autoptr(PoeRecord) poe = NULL;
  g_autoptr(PoeCaseListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  guint n_red = 0;

  g_assert_cmpuint (poes->len, >, 0);
  list = poe_case_list_model_new_between (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  poe_case_list_model_set_now (list, fixture->now);

  /* A day's minimum connection time: no family that connects is on track any more (tight
   * where it can still make the gate, at risk or missed otherwise). */
  poe = poe_record_copy (g_ptr_array_index (poes, 0));
  poe_record_set_string (poe, "buffers", "{\"min_connection\": 1440}");
  save (fixture, poe);
  g_assert_cmpuint (fixture->n_buffers_changed, ==, 1);
  g_assert_cmpint (poe_case_index_get_buffers (fixture->index)->min_connection, ==, 1440);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PoeCaseRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(PoeRecord) kase = poe_store_get (fixture->store, "case", poe_case_row_get_id (row), NULL);
      g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fixture->store, poe_case_row_get_id (row), NULL);
      g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store, poe_case_row_get_id (row), NULL);
      gboolean connects = FALSE;

      for (guint j = 0; j < segments->len; j++)
        connects |= g_strcmp0 (poe_record_get_string (g_ptr_array_index (segments, j), "leg"), "domestic_connection") == 0 &&
                    poe_record_get_string (g_ptr_array_index (segments, j), "scheduled_departure") != NULL;

      /* At the gate or on board the connection is made, however it was booked. */
      if (g_strcmp0 (poe_record_get_string (kase, "branch"), "connect") == 0 && connects &&
          !poe_checklist_state_is_done (state, POE_STEP_AT_GATE, NULL) &&
          !poe_checklist_state_is_done (state, POE_STEP_DEPARTURE_CONFIRMED, NULL))
        {
          g_assert_cmpint (poe_case_row_get_risk (row), >=, POE_RISK_AMBER);
          n_red++;
        }
    }
  g_assert_cmpuint (n_red, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/case-index/shared", test_shared);
  ADD ("/core/case-index/hold-release", test_hold_release);
  ADD ("/core/case-index/one-change", test_one_change);
  ADD ("/core/case-index/move-and-delete", test_move_and_delete);
  ADD ("/core/case-index/buffers", test_buffers);
#undef ADD

  return g_test_run ();
}
