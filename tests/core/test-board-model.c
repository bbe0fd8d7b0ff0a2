/* test-board-model.c
 *
 *
 * The core's list models over a synthetic day: the board's flights and their family counts,
 * lazy loading, moves, inserts and deletes, checklist events and members, the filter,
 * revealed names, the families lists and their progress, the family summaries they hold,
 * and update cycles that keep memory flat, checked against the records of the store.
 * Pulled changes are announced to them as the sync engine does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "poe-core.h"

typedef struct
{
  char          *dir;
  PoeStore      *store;
  GDateTime     *now;
  GDateTime     *from;
  GDateTime     *to;
  PoeBoardModel *board;
  GPtrArray     *mirror;   /* the model as items-changed describes it */
  GArray        *changes;  /* Change */
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

/* Auxiliary methods */

static gboolean
import_record (PoeRecord  *record,
               gpointer    user_data,
               GError    **error)
{
  return poe_store_import (user_data, record, error);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
  g_assert_cmpuint (position + removed, <=, fixture->mirror->len);
  g_ptr_array_remove_range (fixture->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (fixture->mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
fill_mirror (GPtrArray  *mirror,
             GListModel *model)
{
  g_ptr_array_set_size (mirror, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (mirror, g_list_model_get_item (model, i));
}

/* The mirror built from items-changed alone holds the same objects as the model. */
static void
assert_mirror (Fixture    *fixture,
               GListModel *model)
{
  g_assert_cmpuint (fixture->mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < fixture->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (fixture->mirror, i));
    }
}

static void
assert_changes (Fixture      *fixture,
                const Change *expected,
                guint         n_expected)
{
  g_assert_cmpuint (fixture->changes->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      Change *change = &g_array_index (fixture->changes, Change, i);

      g_assert_cmpuint (change->position, ==, expected[i].position);
      g_assert_cmpuint (change->removed, ==, expected[i].removed);
      g_assert_cmpuint (change->added, ==, expected[i].added);
    }
  g_array_set_size (fixture->changes, 0);
}

static guint
position_of (GListModel *model,
             gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return i;
    }

  return G_MAXUINT;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PoeDemoOptions options;

  fixture->dir = g_dir_make_tmp ("test-board-model-XXXXXX", &error);
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

  fixture->board = poe_board_model_new (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  poe_board_model_set_now (fixture->board, fixture->now);

  fixture->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  fill_mirror (fixture->mirror, G_LIST_MODEL (fixture->board));
  g_signal_connect (fixture->board, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_signal_handlers_disconnect_by_data (fixture->board, fixture);
  g_ptr_array_unref (fixture->mirror);
  g_array_unref (fixture->changes);
  g_assert_finalize_object (fixture->board);
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

static PoeBoardRow *
row_at (PoeBoardModel *model,
        guint          position)
{
  g_autoptr(PoeBoardRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (row);
  return row;  /* the model keeps its reference */
}

/* Brute-force recount, from the records one family at a time. The board's progress comes
 * from poe_checklist_derive_progress() too (its own tests are in test-checklist.c): this
 * checks what the set-based queries of the summaries give it and what the rows sum. */

typedef struct
{
  guint        n_families;
  guint        n_persons;
  guint        n_met;
  guint        n_cbp_cleared;
  guint        n_onward_done;
  guint        n_wheelchair;
  guint        n_medical;
  guint        n_urm;
  GPtrArray   *languages;
  PoeRiskLevel risk;
} Recount;

static gboolean
has_code (PoeRecord  *person,
          const char *prefix)
{
  const char * const *codes = poe_record_get_strv (person, "ssr_codes");

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_str_has_prefix (codes[i], prefix))
      return TRUE;

  return FALSE;
}

static guint
risk_rank (PoeRiskLevel level)
{
  static const guint ranks[] = { [POE_RISK_NONE] = 0, [POE_RISK_GREEN] = 1, [POE_RISK_UNKNOWN] = 2,
                                 [POE_RISK_AMBER] = 3, [POE_RISK_RED] = 4,
                                 [POE_RISK_MISSED] = 5 };

  return ranks[level];
}

static PoeRiskLevel
recount_risk (Fixture              *fixture,
              PoeRecord            *flight,
              PoeRecord            *kase,
              GPtrArray            *persons,
              PoeChecklistProgress *progress)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");
  g_autoptr(GDateTime) estimated = poe_record_dup_time (flight, "estimated_arrival");
  g_autoptr(GDateTime) actual = poe_record_dup_time (flight, "actual_arrival");
  g_autoptr(GDateTime) departure = NULL;
  g_autoptr(GDateTime) estimate = NULL;
  g_auto(PoeRiskResult) result = { 0 };
  PoeRiskBuffers buffers;
  PoeRiskInput input = { 0 };

  segments = poe_store_list_segments_for_case (fixture->store, poe_record_get_id (kase), NULL);
  for (guint i = 0; i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);
      g_autoptr(GDateTime) time = poe_record_dup_time (segment, "scheduled_departure");

      if (g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") != 0 ||
          (departure != NULL && (time == NULL || g_date_time_compare (time, departure) >= 0)))
        continue;
      g_clear_pointer (&departure, g_date_time_unref);
      g_clear_pointer (&estimate, g_date_time_unref);
      departure = g_steal_pointer (&time);
      estimate = poe_record_dup_time (segment, "estimated_departure");
      input.onward_cancelled = g_strcmp0 (poe_record_get_string (segment, "status"), "cancelled") == 0;
    }

  input.now = fixture->now;
  input.inbound_scheduled = scheduled;
  input.inbound_estimated = estimated;
  input.inbound_actual = actual;
  input.inbound_cancelled = g_strcmp0 (poe_record_get_string (flight, "status"), "cancelled") == 0;
  input.has_onward = g_strcmp0 (poe_record_get_string (kase, "branch"), "connect") == 0;
  input.onward_scheduled_departure = departure;
  input.onward_estimated_departure = estimate;
  input.n_persons = persons->len;
  input.n_in_secondary = progress->n_in_secondary;
  input.n_cbp_cleared = progress->n_persons_cleared;
  for (guint i = 0; i < persons->len; i++)
    {
      input.n_wheelchair += has_code (g_ptr_array_index (persons, i), "WCH");
      input.n_medical += has_code (g_ptr_array_index (persons, i), "MEDA");
    }
  input.met = progress->met;
  input.bags_claimed = progress->bags_claimed;
  input.bags_rechecked = progress->bags_rechecked;
  input.tsa_cleared = progress->tsa_cleared;
  input.at_gate = progress->at_gate;
  input.boarded = progress->boarded;

  poe_risk_buffers_init_default (&buffers);
  poe_risk_compute (&input, &buffers, &result);
  return result.level;
}

static void
recount_case (Fixture   *fixture,
              PoeRecord *flight,
              PoeRecord *kase,
              Recount   *recount)
{
  g_autoptr(PoeChecklistTemplate) checklist = poe_checklist_template_new_default ();
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GHashTable) state = NULL;
  PoeChecklistProgress progress;
  PoeRiskLevel risk;

  persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
  state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (kase), NULL);
  poe_checklist_compute_progress (checklist, poe_record_get_string (kase, "branch"), state, persons, &progress);

  recount->n_families += progress.n_no_show < persons->len || persons->len == 0;
  recount->n_persons += persons->len - progress.n_no_show;
  recount->n_met += progress.met;
  recount->n_cbp_cleared += progress.n_persons_cleared;
  recount->n_onward_done += progress.onward_done;
  recount->n_urm += g_strcmp0 (poe_record_get_string (kase, "sensitivity"), "urm") == 0;
  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      const char * const *languages = poe_record_get_strv (person, "languages");

      recount->n_wheelchair += has_code (person, "WCH");
      recount->n_medical += has_code (person, "MEDA");
      if (has_code (person, "LANG") && languages != NULL && languages[0] != NULL &&
          !g_ptr_array_find_with_equal_func (recount->languages, languages[0], g_str_equal, NULL))
        g_ptr_array_add (recount->languages, g_strdup (languages[0]));
    }

  risk = recount_risk (fixture, flight, kase, persons, &progress);
  if (risk_rank (risk) > risk_rank (recount->risk))
    recount->risk = risk;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
assert_row_recounts (Fixture     *fixture,
                     PoeBoardRow *row)
{
  PoeRecord *flight = poe_board_row_get_flight (row);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) languages = g_ptr_array_new_with_free_func (g_free);
  Recount recount = { .languages = languages, .risk = POE_RISK_NONE };

  cases = poe_store_list_cases_for_flight (fixture->store, poe_record_get_id (flight), NULL);
  for (guint i = 0; i < cases->len; i++)
    recount_case (fixture, flight, g_ptr_array_index (cases, i), &recount);
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);

  g_assert_cmpuint (poe_board_row_get_n_families (row), ==, recount.n_families);
  g_assert_cmpuint (poe_board_row_get_n_persons (row), ==, recount.n_persons);
  g_assert_cmpuint (poe_board_row_get_n_met (row), ==, recount.n_met);
  g_assert_cmpuint (poe_board_row_get_n_cbp_cleared (row), ==, recount.n_cbp_cleared);
  g_assert_cmpuint (poe_board_row_get_n_onward_done (row), ==, recount.n_onward_done);
  g_assert_cmpuint (poe_board_row_get_n_wheelchair (row), ==, recount.n_wheelchair);
  g_assert_cmpuint (poe_board_row_get_n_medical (row), ==, recount.n_medical);
  g_assert_cmpuint (poe_board_row_get_n_urm (row), ==, recount.n_urm);
  g_assert_cmpstrv (poe_board_row_get_interpreter_languages (row), (const char * const *) languages->pdata);
  g_assert_cmpint (poe_board_row_get_risk (row), ==, recount.risk);
}

static void
assert_all_recount (Fixture *fixture)
{
  GListModel *model = G_LIST_MODEL (fixture->board);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    assert_row_recounts (fixture, row_at (fixture->board, i));
}

static gint64
arrival_of (PoeBoardRow *row)
{
  PoeRecord *flight = poe_board_row_get_flight (row);
  g_autoptr(GDateTime) time = poe_record_dup_time (flight, "estimated_arrival");

  if (time == NULL)
    time = poe_record_dup_time (flight, "scheduled_arrival");
  return g_date_time_to_unix (time);
}

static PoeRecord *
save_copy_with_time (Fixture    *fixture,
                     PoeRecord  *record,
                     const char *field,
                     GDateTime  *time)
{
  g_autoptr(PoeRecord) copy = poe_record_copy (record);
  g_autoptr(GError) error = NULL;

  poe_record_set_time (copy, field, time);
  g_assert_true (poe_store_save (fixture->store, copy, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&copy);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Tests: the board */

static void
test_board_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->board);
  g_autoptr(GPtrArray) flights = NULL;
  guint n_families = 0;

  flights = poe_store_list_flights_between (fixture->store, fixture->from, fixture->to, NULL);
  g_assert_cmpuint (flights->len, >=, 20);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, flights->len);
  g_assert_cmpuint (poe_board_model_get_n_flights (fixture->board), ==, flights->len);
  g_assert_true (g_list_model_get_item_type (model) == POE_TYPE_BOARD_ROW);
  g_assert_null (g_list_model_get_item (model, flights->len));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      PoeBoardRow *row = row_at (fixture->board, i);

      if (i > 0)
        g_assert_cmpint (arrival_of (row_at (fixture->board, i - 1)), <=, arrival_of (row));
      n_families += poe_board_row_get_n_families (row);
    }
  g_assert_cmpint (n_families, ==, poe_store_count (fixture->store, "case", NULL));

  assert_all_recount (fixture);
}

static void
test_board_lazy (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  PoeBoardRow *last;
  g_autoptr(GPtrArray) cases = NULL;
  guint n;

  board = poe_board_model_new_full (fixture->store, fixture->from, fixture->to, 3, &error);
  g_assert_no_error (error);
  poe_board_model_set_now (board, fixture->now);
  model = G_LIST_MODEL (board);
  n = g_list_model_get_n_items (model);
  g_assert_true (poe_board_model_get_loading (board));
  g_assert_cmpuint (poe_board_row_get_n_families (row_at (board, 2)), >, 0);
  g_assert_cmpuint (poe_board_row_get_n_families (row_at (board, 3)), ==, 0);

  /* A case number of a row not read yet finds it once the idle loop has read it. */
  last = row_at (board, n - 1);
  cases = poe_store_list_cases_for_flight (fixture->store, poe_board_row_get_flight_id (last), NULL);
  poe_board_model_set_query (board, poe_record_get_string (g_ptr_array_index (cases, 0), "case_number"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_signal_handlers_disconnect_by_data (fixture->board, fixture);
  g_ptr_array_set_size (fixture->mirror, 0);
  g_signal_connect (board, "items-changed", G_CALLBACK (on_items_changed), fixture);
  while (poe_board_model_get_loading (board))
    g_main_context_iteration (NULL, TRUE);

  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (row_at (board, 0) == last);
  poe_board_model_set_query (board, NULL);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_signal_handlers_disconnect_by_data (board, fixture);

  g_clear_object (&fixture->board);
  fixture->board = g_steal_pointer (&board);
  fill_mirror (fixture->mirror, G_LIST_MODEL (fixture->board));
  g_signal_connect (fixture->board, "items-changed", G_CALLBACK (on_items_changed), fixture);
  assert_all_recount (fixture);

  /* ensure_loaded() reads rows at once. */
  board = poe_board_model_new_full (fixture->store, fixture->from, fixture->to, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (poe_board_row_get_n_families (row_at (board, 5)), ==, 0);
  g_assert_true (poe_board_model_ensure_loaded (board, 5, 1, &error));
  g_assert_cmpuint (poe_board_row_get_n_families (row_at (board, 5)), >, 0);
  g_assert_cmpuint (poe_board_row_get_n_families (row_at (board, 6)), ==, 0);
  g_assert_true (poe_board_model_ensure_loaded (board, 0, G_MAXUINT, &error));
  g_assert_false (poe_board_model_get_loading (board));
  g_assert_cmpuint (poe_board_row_get_n_families (row_at (board, 6)), >, 0);
}

static void
test_board_move (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->board);
  guint n = g_list_model_get_n_items (model);
  PoeBoardRow *row = row_at (fixture->board, 1);
  g_autoptr(PoeRecord) saved = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) later = NULL;
  guint n_flight_notifies = 0;
  guint n_other_notifies = 0;
  guint expected_position;

  /* Two minutes after the last flight: from position 1 to the end. */
  last = g_date_time_new_from_unix_utc (arrival_of (row_at (fixture->board, n - 1)));
  later = g_date_time_add_minutes (last, 2);
  g_signal_connect (row, "notify::flight", G_CALLBACK (count_notify), &n_flight_notifies);
  g_signal_connect (row_at (fixture->board, 0), "notify", G_CALLBACK (count_notify), &n_other_notifies);
  expected_position = n - 1;

  saved = save_copy_with_time (fixture, poe_board_row_get_flight (row), "estimated_arrival", later);

  {
    const Change expected[] = { { 1, 1, 0 }, { expected_position, 0, 1 } };
    assert_changes (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_mirror (fixture, model);
  g_assert_true (row_at (fixture->board, expected_position) == row);
  g_assert_cmpuint (n_flight_notifies, ==, 1);
  g_assert_cmpuint (n_other_notifies, ==, 0);
  g_assert_cmpstr (poe_record_get_updated_at (poe_board_row_get_flight (row)), ==,
                   poe_record_get_updated_at (saved));
  assert_row_recounts (fixture, row);

  /* A change that keeps the order emits nothing. */
  {
    g_autoptr(PoeRecord) copy = poe_record_copy (saved);
    g_autoptr(GError) error = NULL;

    poe_record_set_string (copy, "gate", "Z9");
    g_assert_true (poe_store_save (fixture->store, copy, &error));
    g_assert_no_error (error);
    assert_changes (fixture, NULL, 0);
    g_assert_cmpstr (poe_record_get_string (poe_board_row_get_flight (row), "gate"), ==, "Z9");
    g_assert_cmpuint (n_flight_notifies, ==, 2);
  }

  g_signal_handlers_disconnect_by_data (row, &n_flight_notifies);
  g_signal_handlers_disconnect_by_data (row_at (fixture->board, 0), &n_other_notifies);
}

static PoeRecord *
new_flight (const char *number,
            GDateTime  *scheduled)
{
  PoeRecord *flight = poe_record_new ("flight");
  g_autofree char *id = poe_uuid_new ();

  poe_record_set_id (flight, id);
  poe_record_set_string (flight, "carrier", "QR");
  poe_record_set_string (flight, "number", number);
  poe_record_set_string (flight, "origin", "DOH");
  poe_record_set_string (flight, "destination", "JFK");
  poe_record_set_time (flight, "scheduled_arrival", scheduled);
  poe_record_set_string (flight, "status", "scheduled");
  return flight;
}

static void
test_board_insert_delete (Fixture       *fixture,
                          gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->board);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GDateTime) scheduled = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  g_autoptr(PoeRecord) outside = NULL;
  g_autoptr(GDateTime) next_week = g_date_time_add_days (fixture->to, 7);
  g_autoptr(GError) error = NULL;
  guint n_items_notifies = 0;
  PoeBoardRow *row;
  guint position;

  g_signal_connect (fixture->board, "notify::n-items", G_CALLBACK (count_notify), &n_items_notifies);

  /* One second before the third row: it lands at position 2. */
  scheduled = g_date_time_new_from_unix_utc (arrival_of (row_at (fixture->board, 2)) - 1);
  flight = new_flight ("9999", scheduled);
  g_assert_true (poe_store_save (fixture->store, flight, &error));
  g_assert_no_error (error);
  {
    const Change expected[] = { { 2, 0, 1 } };
    assert_changes (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_mirror (fixture, model);
  row = row_at (fixture->board, 2);
  g_assert_cmpstr (poe_board_row_get_flight_id (row), ==, poe_record_get_id (flight));
  g_assert_cmpuint (poe_board_row_get_n_families (row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);

  /* A flight outside the window does not show. */
  outside = new_flight ("9998", next_week);
  g_assert_true (poe_store_save (fixture->store, outside, &error));
  assert_changes (fixture, NULL, 0);
  g_assert_null (poe_board_model_lookup (fixture->board, poe_record_get_id (outside)));

  /* Deleting a flight removes exactly its position. */
  position = 5;
  row = row_at (fixture->board, position);
  g_assert_true (poe_store_delete (fixture->store, "flight", poe_board_row_get_flight_id (row), &error));
  g_assert_no_error (error);
  {
    const Change expected[] = { { position, 1, 0 } };
    assert_changes (fixture, expected, G_N_ELEMENTS (expected));
  }
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (n_items_notifies, ==, 2);
  g_signal_handlers_disconnect_by_data (fixture->board, &n_items_notifies);
}

static PoeRecord *
find_case (Fixture   *fixture,
           gboolean (*predicate) (Fixture *, PoeRecord *))
{
  g_autoptr(GPtrArray) cases = poe_store_list (fixture->store, "case", NULL, NULL, NULL);

  for (guint i = 0; i < cases->len; i++)
    if (predicate (fixture, g_ptr_array_index (cases, i)))
      return g_object_ref (g_ptr_array_index (cases, i));

  g_assert_not_reached ();
}

static gboolean
is_not_met (Fixture   *fixture,
            PoeRecord *kase)
{
  g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (kase), NULL);

  return !poe_checklist_state_is_done (state, POE_STEP_ARRIVAL_MET, NULL);
}

static void
test_board_checklist_event (Fixture       *fixture,
                            gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->board);
  g_autoptr(PoeRecord) kase = find_case (fixture, is_not_met);
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GError) error = NULL;
  PoeBoardRow *row = poe_board_model_lookup (fixture->board, poe_record_get_string (kase, "inbound_flight_id"));
  PoeBoardRow *other = row_at (fixture->board, row == row_at (fixture->board, 0) ? 1 : 0);
  guint met_before = poe_board_row_get_n_met (row);
  guint position = position_of (model, row);
  guint n_met_notifies = 0;
  guint n_other_notifies = 0;

  g_signal_connect (row, "notify::n-met", G_CALLBACK (count_notify), &n_met_notifies);
  g_signal_connect (other, "notify", G_CALLBACK (count_notify), &n_other_notifies);

  poe_record_set_id (event, id);
  poe_record_set_string (event, "case_id", poe_record_get_id (kase));
  poe_record_set_string (event, "step", POE_STEP_ARRIVAL_MET);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", fixture->now);
  g_assert_true (poe_store_save (fixture->store, event, &error));
  g_assert_no_error (error);

  assert_changes (fixture, NULL, 0);
  g_assert_true (row_at (fixture->board, position) == row);
  g_assert_cmpuint (poe_board_row_get_n_met (row), ==, met_before + 1);
  g_assert_cmpuint (n_met_notifies, ==, 1);
  g_assert_cmpuint (n_other_notifies, ==, 0);
  assert_row_recounts (fixture, row);

  /* The latest event wins: undone a minute later, then done again in the same second. */
  {
    static const char * const values[] = { "undone", "done" };
    g_autoptr(GDateTime) later = g_date_time_add_minutes (fixture->now, 1);

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autoptr(PoeRecord) next = poe_record_copy (event);
        g_autofree char *next_id = poe_uuid_new ();

        poe_record_set_id (next, next_id);
        poe_record_set_string (next, "value", values[i]);
        poe_record_set_time (next, "at", later);
        g_assert_true (poe_store_save (fixture->store, next, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (poe_board_row_get_n_met (row), ==, met_before + i);
        assert_row_recounts (fixture, row);
      }
    g_assert_cmpuint (n_met_notifies, ==, 3);
  }

  assert_changes (fixture, NULL, 0);
  g_assert_cmpuint (n_other_notifies, ==, 0);
  g_signal_handlers_disconnect_by_data (row, &n_met_notifies);
  g_signal_handlers_disconnect_by_data (other, &n_other_notifies);
}

static gboolean
is_any (Fixture   *fixture,
        PoeRecord *kase)
{
  return TRUE;
}

static void
test_board_members (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = find_case (fixture, is_any);
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
  g_autoptr(PoeRecord) person = poe_record_copy (g_ptr_array_index (persons, 0));
  g_autoptr(PoeRecord) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  PoeBoardRow *row = poe_board_model_lookup (fixture->board, poe_record_get_string (kase, "inbound_flight_id"));
  PoeBoardRow *other;
  const char *ssr[] = { "WCHC", "MEDA", NULL };
  guint persons_before = poe_board_row_get_n_persons (row);

  /* A member's needs change. */
  poe_record_set_strv (person, "ssr_codes", ssr);
  poe_record_set_string (person, "cbp_status", "cleared");
  g_assert_true (poe_store_save (fixture->store, person, &error));
  g_assert_no_error (error);
  assert_row_recounts (fixture, row);

  /* The member moves to a family of another flight: both rows update. */
  other = row_at (fixture->board, row == row_at (fixture->board, 0) ? 1 : 0);
  cases = poe_store_list_cases_for_flight (fixture->store, poe_board_row_get_flight_id (other), NULL);
  moved = poe_record_copy (person);
  poe_record_set_string (moved, "case_id", poe_record_get_id (g_ptr_array_index (cases, 0)));
  g_assert_true (poe_store_save (fixture->store, moved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (poe_board_row_get_n_persons (row), ==, persons_before - 1);
  assert_row_recounts (fixture, row);
  assert_row_recounts (fixture, other);

  /* A family moves to another flight. */
  {
    g_autoptr(PoeRecord) copy = poe_record_copy (kase);

    poe_record_set_string (copy, "inbound_flight_id", poe_board_row_get_flight_id (other));
    g_assert_true (poe_store_save (fixture->store, copy, &error));
    g_assert_no_error (error);
    assert_row_recounts (fixture, row);
    assert_row_recounts (fixture, other);
  }

  assert_changes (fixture, NULL, 0);
}

static guint
count_matching (GListModel *model,
                gboolean  (*matches) (PoeBoardRow *, gconstpointer),
                gconstpointer data)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeBoardRow) row = g_list_model_get_item (model, i);

      n += matches (row, data);
    }

  return n;
}

static gboolean
has_status (PoeBoardRow   *row,
            gconstpointer  data)
{
  return g_strcmp0 (poe_record_get_string (poe_board_row_get_flight (row), "status"), data) == 0;
}

static gboolean
has_number (PoeBoardRow   *row,
            gconstpointer  data)
{
  PoeRecord *flight = poe_board_row_get_flight (row);
  g_autofree char *number = g_strconcat (poe_record_get_string (flight, "carrier"),
                                         poe_record_get_string (flight, "number"), NULL);

  return g_str_equal (number, data);
}

static void
test_board_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->board);
  guint n = g_list_model_get_n_items (model);
  PoeBoardRow *row = row_at (fixture->board, 3);
  PoeRecord *flight = poe_board_row_get_flight (row);
  g_autofree char *number = g_strconcat (poe_record_get_string (flight, "carrier"),
                                         poe_record_get_string (flight, "number"), NULL);
  g_autofree char *spaced = g_strdup_printf ("%s %s", poe_record_get_string (flight, "carrier"),
                                             poe_record_get_string (flight, "number"));
  g_autofree char *lower = g_ascii_strdown (number, -1);
  g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fixture->store, poe_board_row_get_flight_id (row), NULL);
  const char *case_number = poe_record_get_string (g_ptr_array_index (cases, 0), "case_number");
  guint n_number = count_matching (model, has_number, number);
  const char *statuses[] = { "arrived", NULL };
  guint n_arrived = count_matching (model, has_status, "arrived");

  poe_board_model_set_query (fixture->board, lower);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_number);
  g_assert_cmpuint (count_matching (model, has_number, number), ==, n_number);

  poe_board_model_set_query (fixture->board, spaced);
  assert_mirror (fixture, model);
  g_assert_cmpuint (position_of (model, row), !=, G_MAXUINT);

  poe_board_model_set_query (fixture->board, case_number);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (row_at (fixture->board, 0) == row);

  poe_board_model_set_query (fixture->board, NULL);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  g_assert_cmpuint (n_arrived, >, 0);
  g_assert_cmpuint (n_arrived, <, n);
  poe_board_model_set_statuses (fixture->board, statuses);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_arrived);
  g_assert_cmpuint (count_matching (model, has_status, "arrived"), ==, n_arrived);

  /* A filtered-out flight that starts to match appears at its sorted place. */
  {
    g_autoptr(PoeBoardRow) hidden = NULL;
    g_autoptr(PoeRecord) copy = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; hidden == NULL; i++)
      {
        g_autoptr(PoeBoardRow) candidate = NULL;

        poe_board_model_set_statuses (fixture->board, NULL);
        candidate = g_list_model_get_item (model, i);
        poe_board_model_set_statuses (fixture->board, statuses);
        if (!has_status (candidate, "arrived"))
          hidden = g_steal_pointer (&candidate);
      }
    g_array_set_size (fixture->changes, 0);
    copy = poe_record_copy (poe_board_row_get_flight (hidden));
    poe_record_set_string (copy, "status", "arrived");
    g_assert_true (poe_store_save (fixture->store, copy, &error));
    g_assert_no_error (error);
    assert_mirror (fixture, model);
    g_assert_cmpuint (fixture->changes->len, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_arrived + 1);
    g_assert_cmpuint (position_of (model, hidden), !=, G_MAXUINT);
  }

  poe_board_model_set_statuses (fixture->board, NULL);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

static void
test_board_reveal_names (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (fixture->board);
  PoeBoardRow *row = row_at (fixture->board, 0);
  g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fixture->store, poe_board_row_get_flight_id (row), NULL);
  g_autoptr(GPtrArray) persons = NULL;
  const char *surname;

  persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (g_ptr_array_index (cases, 0)), NULL);
  surname = poe_record_get_string (g_ptr_array_index (persons, 0), "surname");

  poe_board_model_set_query (fixture->board, surname);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  poe_board_model_set_reveal_names (fixture->board, TRUE);
  assert_mirror (fixture, model);
  g_assert_cmpuint (position_of (model, row), !=, G_MAXUINT);

  poe_board_model_set_reveal_names (fixture->board, FALSE);
  assert_mirror (fixture, model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* Tests: families */

/* The principal applicant ("PA", or "head"), else the first member. */
static PoeRecord *
principal_of (GPtrArray *persons)
{
  for (guint i = 0; i < persons->len; i++)
    {
      const char *relationship = poe_record_get_string (g_ptr_array_index (persons, i), "relationship");

      if (g_strcmp0 (relationship, "PA") == 0 || g_strcmp0 (relationship, "head") == 0)
        return g_ptr_array_index (persons, i);
    }

  return g_ptr_array_index (persons, 0);
}

static void
test_case_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PoeChecklistTemplate) checklist = poe_checklist_template_new_default ();
  PoeBoardRow *board_row = row_at (fixture->board, 0);
  const char *flight_id = poe_board_row_get_flight_id (board_row);
  g_autoptr(PoeCaseListModel) model = NULL;
  g_autoptr(PoeCaseListModel) day = NULL;
  g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (fixture->store, flight_id, NULL);
  g_autoptr(GError) error = NULL;

  model = poe_case_list_model_new_for_flight (fixture->store, flight_id, &error);
  g_assert_no_error (error);
  poe_case_list_model_set_now (model, fixture->now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, cases->len);

  /* poe_store_list_cases_for_flight() orders by case number too. */
  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(PoeCaseRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
      g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (kase), NULL);
      g_autofree char *initials = poe_record_dup_initials (principal_of (persons));
      PoeChecklistProgress progress;

      g_assert_cmpstr (initials, !=, "");
      poe_checklist_compute_progress (checklist, poe_record_get_string (kase, "branch"), state, persons, &progress);
      g_assert_cmpstr (poe_case_row_get_id (row), ==, poe_record_get_id (kase));
      g_assert_cmpstr (poe_case_row_get_case_number (row), ==, poe_record_get_string (kase, "case_number"));
      g_assert_cmpstr (poe_case_row_get_initials (row), ==, initials);
      g_assert_cmpstr (poe_case_row_get_branch (row), ==, poe_record_get_string (kase, "branch"));
      g_assert_cmpstr (poe_case_row_get_sensitivity (row), ==, poe_record_get_string (kase, "sensitivity"));
      g_assert_cmpuint (poe_case_row_get_n_persons (row), ==, persons->len);
      g_assert_cmpuint (poe_case_row_get_n_done (row), ==, progress.n_done);
      g_assert_cmpuint (poe_case_row_get_n_required (row), ==, progress.n_required);
      g_assert_cmpint (poe_case_row_get_risk (row), ==,
                       recount_risk (fixture, poe_board_row_get_flight (board_row), kase, persons, &progress));
    }

  day = poe_case_list_model_new_between (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (day)), ==, poe_store_count (fixture->store, "case", NULL));
}

static void
test_case_list_filter_and_updates (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(PoeCaseListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) connect = poe_store_list (fixture->store, "case", "branch", "connect", NULL);
  g_autoptr(GPtrArray) urm = poe_store_list (fixture->store, "case", "sensitivity", "urm", NULL);
  GListModel *list;
  g_autoptr(PoeCaseRow) row = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(PoeRecord) person = NULL;
  g_autofree char *person_id = poe_uuid_new ();
  guint n_persons_notifies = 0;
  guint n;

  model = poe_case_list_model_new_between (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  list = G_LIST_MODEL (model);
  n = g_list_model_get_n_items (list);
  fill_mirror (fixture->mirror, list);
  g_signal_handlers_disconnect_by_data (fixture->board, fixture);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), fixture);

  poe_case_list_model_set_branch (model, "connect");
  assert_mirror (fixture, list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, connect->len);
  poe_case_list_model_set_branch (model, NULL);
  poe_case_list_model_set_sensitivity (model, "urm");
  assert_mirror (fixture, list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, urm->len);
  poe_case_list_model_set_sensitivity (model, NULL);
  assert_mirror (fixture, list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);

  /* A surname finds its family only when names are revealed. */
  row = g_list_model_get_item (list, 4);
  kase = poe_store_get (fixture->store, "case", poe_case_row_get_id (row), NULL);
  persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
  poe_case_list_model_set_query (model, poe_record_get_string (g_ptr_array_index (persons, 0), "surname"));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  poe_case_list_model_set_reveal_names (model, TRUE);
  g_assert_cmpuint (position_of (list, row), !=, G_MAXUINT);
  poe_case_list_model_set_reveal_names (model, FALSE);
  poe_case_list_model_set_query (model, poe_case_row_get_case_number (row));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  poe_case_list_model_set_query (model, NULL);
  assert_mirror (fixture, list);
  g_array_set_size (fixture->changes, 0);

  /* A new member: the same row notifies, no item changes. */
  g_signal_connect (row, "notify::n-persons", G_CALLBACK (count_notify), &n_persons_notifies);
  person = poe_record_copy (g_ptr_array_index (persons, 0));
  poe_record_set_id (person, person_id);
  g_assert_true (poe_store_save (fixture->store, person, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_persons_notifies, ==, 1);
  g_assert_cmpuint (poe_case_row_get_n_persons (row), ==, persons->len + 1);
  assert_changes (fixture, NULL, 0);

  /* A new case number moves the row to the end: exactly two changes. */
  {
    g_autoptr(PoeRecord) copy = poe_record_copy (kase);
    guint position = position_of (list, row);

    poe_record_set_string (copy, "case_number", "US-2026-999999");
    g_assert_true (poe_store_save (fixture->store, copy, &error));
    g_assert_no_error (error);
    {
      const Change expected[] = { { position, 1, 0 }, { n - 1, 0, 1 } };
      assert_changes (fixture, expected, G_N_ELEMENTS (expected));
    }
    assert_mirror (fixture, list);
    g_assert_true (poe_case_list_model_lookup (model, poe_record_get_id (kase)) == row);
  }

  /* Deleting the family removes its row. */
  {
    guint position = position_of (list, row);

    g_assert_true (poe_store_delete (fixture->store, "case", poe_record_get_id (kase), &error));
    g_assert_no_error (error);
    {
      const Change expected[] = { { position, 1, 0 } };
      assert_changes (fixture, expected, G_N_ELEMENTS (expected));
    }
    assert_mirror (fixture, list);
  }

  g_signal_handlers_disconnect_by_data (row, &n_persons_notifies);
  g_signal_handlers_disconnect_by_data (model, fixture);
  g_signal_connect (fixture->board, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static PoeRecord *
new_record (const char *entity,
            const char *first_field,
            va_list     args)
{
  PoeRecord *record = poe_record_new (entity);
  g_autofree char *id = poe_uuid_new ();

  poe_record_set_id (record, id);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    poe_record_set_string (record, field, va_arg (args, const char *));

  return record;
}

static void
save_record (Fixture   *fixture,
             PoeRecord *record)
{
  g_autoptr(GError) error = NULL;

  poe_store_save (fixture->store, record, &error);
  g_assert_no_error (error);
}

static PoeRecord *
save_new (Fixture    *fixture,
          const char *entity,
          const char *first_field,
          ...)
{
  PoeRecord *record;
  va_list args;

  va_start (args, first_field);
  record = new_record (entity, first_field, args);
  va_end (args);

  save_record (fixture, record);
  return record;
}

static void
save_event (Fixture    *fixture,
            PoeRecord  *kase,
            const char *step,
            PoeRecord  *person,
            const char *value,
            guint       minute)
{
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GDateTime) at = g_date_time_add_minutes (fixture->now, minute);

  poe_record_set_id (event, id);
  poe_record_set_string (event, "case_id", poe_record_get_id (kase));
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", value);
  if (person != NULL)
    poe_record_set_string (event, "person_id", poe_record_get_id (person));
  poe_record_set_time (event, "at", at);
  save_record (fixture, event);
}

/* A new family's progress, read from the store through the family summaries, is what the
 * default template says, counted by hand: connect, two members, so 3 arrival steps, 2 CBP
 * steps per member, 2 baggage, 4 onward and 3 hand-over steps are required. */
static void
test_case_list_progress (Fixture       *fixture,
                         gconstpointer  data)
{
  PoeBoardRow *board_row = row_at (fixture->board, 0);
  const char *flight_id = poe_board_row_get_flight_id (board_row);
  g_autoptr(PoeCaseListModel) model = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(PoeRecord) first = NULL;
  g_autoptr(PoeRecord) second = NULL;
  g_autoptr(GError) error = NULL;
  guint met_before = poe_board_row_get_n_met (board_row);
  guint onward_before = poe_board_row_get_n_onward_done (board_row);
  guint cleared_before = poe_board_row_get_n_cbp_cleared (board_row);
  PoeCaseRow *row;

  model = poe_case_list_model_new_for_flight (fixture->store, flight_id, &error);
  g_assert_no_error (error);
  kase = save_new (fixture, "case", "case_number", "US-2026-000001", "poe", "JFK", "branch", "connect",
                   "sensitivity", "none", "status", "expected", "inbound_flight_id", flight_id, NULL);
  first = save_new (fixture, "person", "case_id", poe_record_get_id (kase), "surname", "Testa",
                    "given_names", "Una", "relationship", "PA", "cbp_status", "cleared", NULL);
  second = save_new (fixture, "person", "case_id", poe_record_get_id (kase), "surname", "Testa",
                     "given_names", "Dua", "relationship", "child", "cbp_status", "secondary", NULL);
  row = poe_case_list_model_lookup (model, poe_record_get_id (kase));
  g_assert_nonnull (row);
  g_assert_cmpuint (poe_case_row_get_n_persons (row), ==, 2);
  g_assert_cmpuint (poe_case_row_get_n_required (row), ==, 3 + 2 * 2 + 2 + 4 + 3);
  g_assert_cmpuint (poe_case_row_get_n_done (row), ==, 0);

  /* Met; the head count not applicable; the first member's primary done; the second's
   * done and, a minute later, undone; an optional step and another branch's step done. */
  save_event (fixture, kase, POE_STEP_ARRIVAL_MET, NULL, "done", 0);
  save_event (fixture, kase, "arrival.head_count", NULL, "not_applicable", 0);
  save_event (fixture, kase, POE_STEP_CBP_PRIMARY_CLEARED, first, "done", 0);
  save_event (fixture, kase, POE_STEP_CBP_PRIMARY_CLEARED, second, "done", 1);
  save_event (fixture, kase, POE_STEP_CBP_PRIMARY_CLEARED, second, "undone", 2);
  save_event (fixture, kase, POE_STEP_CBP_SECONDARY, second, "done", 2);
  save_event (fixture, kase, "onward.hotel_checkin", NULL, "done", 2);
  g_assert_cmpuint (poe_case_row_get_n_done (row), ==, 3);
  g_assert_cmpfloat_with_epsilon (poe_case_row_get_progress (row), 3.0 / 16, 1e-9);
  g_assert_cmpuint (poe_board_row_get_n_met (board_row), ==, met_before + 1);
  g_assert_cmpuint (poe_board_row_get_n_cbp_cleared (board_row), ==, cleared_before + 1);

  /* An event earlier than the latest one does not win, whenever it is stored. */
  save_event (fixture, kase, POE_STEP_CBP_PRIMARY_CLEARED, second, "done", 1);
  g_assert_cmpuint (poe_case_row_get_n_done (row), ==, 3);

  /* Every onward step of the branch: the family is through onward. */
  save_event (fixture, kase, POE_STEP_BAGS_RECHECKED, NULL, "done", 3);
  save_event (fixture, kase, POE_STEP_TSA_CLEARED, NULL, "done", 3);
  save_event (fixture, kase, POE_STEP_AT_GATE, NULL, "done", 3);
  g_assert_cmpuint (poe_board_row_get_n_onward_done (board_row), ==, onward_before);
  save_event (fixture, kase, "onward.departure_confirmed", NULL, "done", 3);
  g_assert_cmpuint (poe_case_row_get_n_done (row), ==, 7);
  g_assert_cmpuint (poe_board_row_get_n_onward_done (board_row), ==, onward_before + 1);
  g_array_set_size (fixture->changes, 0);
}

/* Tests: summaries in memory */

/* Bytes the heap hands out now; 0 where glibc's counters are missing (or a sanitizer owns
 * the heap, and its leak check stands in). */
static gsize
heap_in_use (void)
{
#ifdef __GLIBC__
  return mallinfo2 ().uordblks;
#else
  return 0;
#endif
}

static gboolean
has_member_hash (const PoeCaseSummary *summary,
                 const char           *id)
{
  for (guint i = 0; i < summary->n_member_hashes; i++)
    if (summary->member_hashes[i] == g_str_hash (id))
      return TRUE;

  return FALSE;
}

static void
assert_summary_matches (Fixture              *fixture,
                        const PoeCaseSummary *summary)
{
  g_autoptr(PoeRecord) kase = poe_store_get (fixture->store, "case", summary->id, NULL);
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, summary->id, NULL);
  g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (fixture->store, summary->id, NULL);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  g_autofree char *initials = poe_record_dup_initials (principal_of (persons));

  g_assert_cmpstr (summary->flight_id, ==, poe_record_get_string (kase, "inbound_flight_id"));
  g_assert_cmpstr (summary->case_number, ==, poe_record_get_string (kase, "case_number"));
  g_assert_cmpstr (summary->branch, ==, poe_record_get_string (kase, "branch"));
  g_assert_cmpstr (summary->sensitivity, ==, poe_record_get_string (kase, "sensitivity"));
  g_assert_cmpstr (summary->initials, ==, initials);
  g_assert_cmpuint (summary->progress.n_persons, ==, persons->len);
  g_assert_cmpuint (summary->n_member_hashes, ==, persons->len + segments->len);
  for (guint i = 0; i < segments->len; i++)
    g_assert_true (has_member_hash (summary, poe_record_get_id (g_ptr_array_index (segments, i))));

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      const char *given = poe_record_get_string (person, "given_names");
      const char *surname = poe_record_get_string (person, "surname");
      g_autofree char *joined = g_strdup_printf ("\n%s %s", given ? given : "", surname ? surname : "");
      g_autofree char *lowered = g_utf8_strdown (joined, -1);
      const char * const *spoken = poe_record_get_strv (person, "languages");

      g_assert_nonnull (strstr (summary->names, lowered));
      g_assert_true (has_member_hash (summary, poe_record_get_id (person)));
      if (has_code (person, "LANG") && spoken != NULL && spoken[0] != NULL &&
          !g_ptr_array_find_with_equal_func (languages, spoken[0], g_str_equal, NULL))
        g_ptr_array_add (languages, (gpointer) spoken[0]);
    }
  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  g_assert_cmpstrv (summary->languages, (const char * const *) languages->pdata);
}

static gboolean
has_families (PoeBoardRow   *row,
              gconstpointer  data)
{
  return poe_board_row_get_n_families (row) >= GPOINTER_TO_UINT (data);
}

/* Each summary is one block (its flight id aside, shared by the flight's families and its
 * board row) and holds what the records say. */
static void
test_board_summaries (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PoeChecklistTemplate) checklist = poe_checklist_template_new_default ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  PoeBoardRow *row = NULL;
  const char *flight_ids[2] = { NULL, NULL };

  for (guint i = 0; row == NULL; i++)
    if (has_families (row_at (fixture->board, i), GUINT_TO_POINTER (3)))
      row = row_at (fixture->board, i);
  flight_ids[0] = poe_board_row_get_flight_id (row);

  summaries = poe_store_list_case_summaries_for_flights (fixture->store, checklist, flight_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, poe_board_row_get_n_families (row));
  for (guint i = 0; i < summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (summaries, i);

      assert_summary_matches (fixture, summary);
      g_assert_true (summary->flight_id == flight_ids[0]);
    }

  /* Freed one by one, out of order: each owns its memory alone. */
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 1; i < summaries->len; i += 2)
    poe_case_summary_unref (g_ptr_array_index (summaries, i));
  for (guint i = 0; i < summaries->len; i += 2)
    {
      if (i + 2 < summaries->len)
        assert_summary_matches (fixture, g_ptr_array_index (summaries, i + 2));
      poe_case_summary_unref (g_ptr_array_index (summaries, i));
    }
}

static void
assert_name_finds (Fixture          *fixture,
                   PoeCaseListModel *day,
                   const char       *name,
                   PoeBoardRow      *row)
{
  g_autofree char *query = g_utf8_strdown (name, -1);

  poe_board_model_set_query (fixture->board, query);
  poe_case_list_model_set_query (day, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->board)), ==, row ? 1 : 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (day)), ==, row ? 1 : 0);
  if (row != NULL)
    g_assert_true (row_at (fixture->board, 0) == row);
  poe_board_model_set_query (fixture->board, NULL);
  poe_case_list_model_set_query (day, NULL);
}

/* A family renamed, given and taken an interpreter, moved to another flight and back:
 * every replaced summary is right, and reloads give back all the memory they took. */
static void
test_board_update_cycles (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const lang[] = { "LANG", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(PoeRecord) kase = find_case (fixture, is_any);
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (kase), NULL);
  g_autoptr(PoeRecord) person = poe_record_copy (g_ptr_array_index (persons, 0));
  g_autoptr(GPtrArray) cases = poe_store_list (fixture->store, "case", NULL, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(PoeCaseListModel) day = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) case_ids = NULL;
  PoeBoardRow *row = poe_board_model_lookup (fixture->board, poe_record_get_string (kase, "inbound_flight_id"));
  PoeBoardRow *other = row_at (fixture->board, row == row_at (fixture->board, 0) ? 1 : 0);
  gsize before = 0;

  day = poe_case_list_model_new_between (fixture->store, fixture->from, fixture->to, &error);
  g_assert_no_error (error);
  poe_case_list_model_set_now (day, fixture->now);
  poe_board_model_set_reveal_names (fixture->board, TRUE);
  poe_case_list_model_set_reveal_names (day, TRUE);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cycle%03u", i);
      g_autofree char *previous = g_strdup_printf ("Cycle%03u", i - 1);
      const char *spoken[] = { i % 2 ? "fa" : "ps", NULL };
      gboolean away = i % 5 == 4;

      poe_record_set_string (person, "given_names", name);
      poe_record_set_strv (person, "ssr_codes", i % 3 ? lang : none);
      poe_record_set_strv (person, "languages", spoken);
      g_assert_true (poe_store_save (fixture->store, person, &error));
      g_assert_no_error (error);
      if (away || i % 5 == 0)
        {
          poe_record_set_string (kase, "inbound_flight_id",
                                 poe_board_row_get_flight_id (away ? other : row));
          g_assert_true (poe_store_save (fixture->store, kase, &error));
          g_assert_no_error (error);
        }

      assert_row_recounts (fixture, row);
      assert_row_recounts (fixture, other);
      assert_name_finds (fixture, day, name, away ? other : row);
      assert_name_finds (fixture, day, previous, NULL);
    }
  assert_mirror (fixture, G_LIST_MODEL (fixture->board));

  /* Every family and flight reloaded again and again: the heap stays where it was. */
  for (guint i = 0; i < cases->len; i++)
    g_strv_builder_add (builder, poe_record_get_id (g_ptr_array_index (cases, i)));
  case_ids = g_strv_builder_end (builder);
  for (guint round = 0; round < 60; round++)
    {
      const char *flight_ids[] = { poe_board_row_get_flight_id (row), poe_board_row_get_flight_id (other), NULL };

      if (round == 10)
        before = heap_in_use ();
      g_signal_emit_by_name (fixture->store, "changed", "case", case_ids,
                             POE_STORE_CHANGE_PULLED);
      g_signal_emit_by_name (fixture->store, "changed", "flight", flight_ids,
                             POE_STORE_CHANGE_PULLED);
    }
  g_assert_cmpint ((gssize) (heap_in_use () - before), <, 64 * 1024);
  assert_row_recounts (fixture, row);
  assert_row_recounts (fixture, other);
  g_array_set_size (fixture->changes, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/board-model/counts", test_board_counts);
  ADD ("/core/board-model/lazy", test_board_lazy);
  ADD ("/core/board-model/move", test_board_move);
  ADD ("/core/board-model/insert-delete", test_board_insert_delete);
  ADD ("/core/board-model/checklist-event", test_board_checklist_event);
  ADD ("/core/board-model/members", test_board_members);
  ADD ("/core/board-model/filter", test_board_filter);
  ADD ("/core/board-model/reveal-names", test_board_reveal_names);
  ADD ("/core/case-list-model/rows", test_case_list);
  ADD ("/core/case-list-model/filter-and-updates", test_case_list_filter_and_updates);
  ADD ("/core/case-list-model/progress", test_case_list_progress);
  ADD ("/core/board-model/summaries", test_board_summaries);
  ADD ("/core/board-model/update-cycles", test_board_update_cycles);
#undef ADD

  return g_test_run ();
}
