/* test-reception.c
 *
 * One reception state, derived once: a family of three on a connection is ticked step by
 * step through the store's write path, and after each tick every reader agrees — the
 * family snapshot (members, progress, risk), the flight's family list and the board —
 * without anything writing person.cbp_status. Then a member and the whole family are
 * recorded as not on the flight: events, case status and anomaly in one transaction, and
 * the board's counts and the head count leave them out.
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
  PoeRecord *flight;
  PoeRecord *kase;
  GPtrArray *persons;
} Fixture;


/*
 * Helpers
 */

static PoeRecord *
import (Fixture    *fixture,
        const char *entity,
        const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(PoeRecord) record = poe_record_new (entity);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (poe_record_update_from_json (record, json_node_get_object (node), &error));
  g_assert_no_error (error);
  g_assert_true (poe_store_import (fixture->store, record, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

static char *
iso (GDateTime *time,
     int        minutes)
{
  g_autoptr(GDateTime) moved = g_date_time_add_minutes (time, minutes);

  return g_date_time_format_iso8601 (moved);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *arrival = NULL;
  g_autofree char *departure = NULL;
  g_autofree char *json = NULL;

  fixture->dir = g_dir_make_tmp ("poe-reception-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (path, &error);
  g_assert_no_error (error);
  fixture->now = g_date_time_new_utc (2026, 11, 24, 15, 0, 0);

  g_object_unref (import (fixture, "poe", "{\"code\": \"TST\", \"name\": \"Synthetic\", \"time_zone\": \"UTC\"}"));
  arrival = iso (fixture->now, -20);
  json = g_strdup_printf ("{\"carrier\": \"ZZ\", \"number\": \"100\", \"origin\": \"DOH\", \"destination\": \"TST\","
                          " \"scheduled_arrival\": \"%s\", \"actual_arrival\": \"%s\", \"status\": \"arrived\"}",
                          arrival, arrival);
  fixture->flight = import (fixture, "flight", json);
  g_free (json);
  json = g_strdup_printf ("{\"case_number\": \"US-2026-900001\", \"poe\": \"TST\", \"branch\": \"connect\","
                          " \"sensitivity\": \"none\", \"status\": \"in_progress\", \"abn_number\": \"ABN-1\","
                          " \"inbound_flight_id\": \"%s\"}", poe_record_get_id (fixture->flight));
  fixture->kase = import (fixture, "case", json);
  g_free (json);
  departure = iso (fixture->now, 170);
  json = g_strdup_printf ("{\"case_id\": \"%s\", \"leg\": \"domestic_connection\", \"carrier\": \"AA\","
                          " \"number\": \"1\", \"origin\": \"TST\", \"destination\": \"BOI\","
                          " \"scheduled_departure\": \"%s\", \"status\": \"scheduled\"}",
                          poe_record_get_id (fixture->kase), departure);
  g_object_unref (import (fixture, "segment", json));

  fixture->persons = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < 3; i++)
    {
      g_free (json);
      json = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Synthetic\", \"given_names\": \"P%u\","
                              " \"relationship\": \"%s\", \"cbp_status\": \"pending\"}",
                              poe_record_get_id (fixture->kase), i, i == 0 ? "PA" : "CH");
      g_ptr_array_add (fixture->persons, import (fixture, "person", json));
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (poe_store_get_path (fixture->store));

  g_clear_pointer (&fixture->persons, g_ptr_array_unref);
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->flight);
  g_clear_pointer (&fixture->now, g_date_time_unref);
  g_clear_object (&fixture->store);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
tick (Fixture    *fixture,
      const char *step,
      guint       person)
{
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autoptr(GError) error = NULL;

  poe_record_set_string (event, "case_id", poe_record_get_id (fixture->kase));
  if (person != G_MAXUINT)
    poe_record_set_string (event, "person_id", poe_record_get_id (g_ptr_array_index (fixture->persons, person)));
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", fixture->now);
  g_assert_true (poe_store_save (fixture->store, event, &error));
  g_assert_no_error (error);
}

/* What every reader says right now. */
typedef struct
{
  const char   *reception[3];
  guint         n_cleared;
  guint         n_secondary;
  PoeRiskLevel  risk;
} Views;

static void
read_views (Fixture *fixture,
            Views   *views)
{
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  g_autoptr(PoeCaseListModel) cases = NULL;
  g_autoptr(PoeCaseRow) row = NULL;
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(PoeBoardRow) flight_row = NULL;
  g_autoptr(GDateTime) from = g_date_time_add_hours (fixture->now, -12);
  g_autoptr(GDateTime) to = g_date_time_add_hours (fixture->now, 12);
  g_autoptr(GError) error = NULL;

  snapshot = poe_family_snapshot_load (fixture->store, poe_record_get_id (fixture->kase), fixture->now, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    views->reception[i] = poe_family_snapshot_get_reception (snapshot, g_ptr_array_index (snapshot->persons, i));
  views->n_cleared = snapshot->progress.n_persons_cleared;
  views->n_secondary = snapshot->progress.n_in_secondary;
  views->risk = snapshot->risk.level;

  /* The flight's family list and the board read the case index: they must agree. */
  cases = poe_case_list_model_new_for_flight (fixture->store, poe_record_get_id (fixture->flight), &error);
  g_assert_no_error (error);
  poe_case_list_model_set_now (cases, fixture->now);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (cases), 0);
  g_assert_cmpint (poe_case_row_get_risk (row), ==, views->risk);
  g_assert_cmpuint (poe_case_row_get_n_done (row), ==, snapshot->progress.n_done);
  g_assert_cmpuint (poe_case_row_get_n_required (row), ==, snapshot->progress.n_required);

  board = poe_board_model_new (fixture->store, from, to, &error);
  g_assert_no_error (error);
  poe_board_model_set_now (board, fixture->now);
  flight_row = g_list_model_get_item (G_LIST_MODEL (board), 0);
  g_assert_cmpuint (poe_board_row_get_n_cbp_cleared (flight_row), ==, views->n_cleared);
  g_assert_cmpint (poe_board_row_get_risk (flight_row), ==, views->risk);

  /* Nothing wrote the stored field: the state is derived. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (poe_record_get_string (g_ptr_array_index (snapshot->persons, i), "cbp_status"), ==, "pending");
}


/*
 * Tests
 */

static void
test_ticks (Fixture       *fixture,
            gconstpointer  data)
{
  Views views;

  read_views (fixture, &views);
  g_assert_cmpstr (views.reception[0], ==, "pending");
  g_assert_cmpint (views.risk, ==, POE_RISK_GREEN);

  tick (fixture, POE_STEP_ARRIVAL_MET, G_MAXUINT);
  tick (fixture, POE_STEP_CBP_PRIMARY_CLEARED, 0);
  read_views (fixture, &views);
  g_assert_cmpstr (views.reception[0], ==, "primary_cleared");
  g_assert_cmpstr (views.reception[1], ==, "pending");
  g_assert_cmpuint (views.n_cleared, ==, 1);

  tick (fixture, POE_STEP_CBP_I94_CHECKED, 0);
  tick (fixture, POE_STEP_CBP_SECONDARY, 1);
  read_views (fixture, &views);
  g_assert_cmpstr (views.reception[0], ==, "cleared");
  g_assert_cmpstr (views.reception[1], ==, "secondary");
  g_assert_cmpuint (views.n_secondary, ==, 1);
  /* Secondary takes an hour more: 170 minutes are no longer comfortable. */
  g_assert_cmpint (views.risk, !=, POE_RISK_GREEN);

  tick (fixture, POE_STEP_CBP_SECONDARY_DONE, 1);
  tick (fixture, POE_STEP_CBP_PRIMARY_CLEARED, 2);
  tick (fixture, POE_STEP_CBP_I94_CHECKED, 2);
  read_views (fixture, &views);
  g_assert_cmpstr (views.reception[1], ==, "cleared");
  g_assert_cmpstr (views.reception[2], ==, "cleared");
  g_assert_cmpuint (views.n_cleared, ==, 3);
  g_assert_cmpuint (views.n_secondary, ==, 0);
  g_assert_cmpint (views.risk, ==, POE_RISK_GREEN);
}

static void
test_no_show (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) anomalies = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeBoardModel) board = NULL;
  g_autoptr(PoeBoardRow) row = NULL;
  g_autoptr(GDateTime) from = g_date_time_add_hours (fixture->now, -12);
  g_autoptr(GDateTime) to = g_date_time_add_hours (fixture->now, 12);
  const char *one[] = { poe_record_get_id (g_ptr_array_index (fixture->persons, 2)), NULL };
  const char *nobody[] = { "no-such-person", NULL };
  PoeHeadCount count = { 0 };
  Views views;

  g_assert_null (poe_no_show_build (fixture->flight, fixture->kase, fixture->persons, nobody, NULL, NULL, NULL, fixture->now));

  /* One child was not on the flight: an event and the anomaly, the case stays. */
  records = poe_no_show_build (fixture->flight, fixture->kase, fixture->persons, one, NULL, NULL, NULL, fixture->now);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_true (poe_store_save_all (fixture->store, records, &error));
  g_assert_no_error (error);

  read_views (fixture, &views);
  g_assert_cmpstr (views.reception[2], ==, "no_show");
  g_assert_cmpstr (views.reception[0], ==, "pending");
  anomalies = poe_store_list (fixture->store, "anomaly", "case_id", poe_record_get_id (fixture->kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anomalies->len, ==, 1);
  g_assert_cmpstr (poe_record_get_string (anomalies->pdata[0], "kind"), ==, "no_show");
  g_assert_nonnull (strstr (poe_record_get_string (anomalies->pdata[0], "details"), "1 of 3"));
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 2);

  board = poe_board_model_new (fixture->store, from, to, &error);
  g_assert_no_error (error);
  row = g_list_model_get_item (G_LIST_MODEL (board), 0);
  g_assert_cmpuint (poe_board_row_get_n_persons (row), ==, 2);
  g_assert_cmpuint (poe_board_row_get_n_families (row), ==, 1);

  {
    g_autoptr(PoeFamilySnapshot) snapshot = poe_family_snapshot_load (fixture->store, poe_record_get_id (fixture->kase),
                                                                       fixture->now, &error);

    g_assert_no_error (error);
    poe_head_count_add (&count, TRUE, &snapshot->progress);
    g_assert_cmpuint (count.n_manifest, ==, 3);
    g_assert_cmpuint (count.n_no_show, ==, 1);
    g_assert_cmpuint (count.n_met, ==, 0);
  }

  /* The other two did not come either: with the one already recorded nobody came, so the
   * case is a no-show too; the third gets no second event. */
  g_clear_pointer (&records, g_ptr_array_unref);
  {
    g_autoptr(GHashTable) state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (fixture->kase), &error);
    const char *all[] = { poe_record_get_id (g_ptr_array_index (fixture->persons, 0)),
                          poe_record_get_id (g_ptr_array_index (fixture->persons, 1)),
                          poe_record_get_id (g_ptr_array_index (fixture->persons, 2)), NULL };

    g_assert_no_error (error);
    records = poe_no_show_build (fixture->flight, fixture->kase, fixture->persons, all, state, NULL, NULL, fixture->now);
  }
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_true (poe_store_save_all (fixture->store, records, &error));
  g_assert_no_error (error);
  kase = poe_store_get (fixture->store, "case", poe_record_get_id (fixture->kase), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (poe_record_get_string (kase, "status"), ==, "no_show");
  g_clear_object (&row);
  g_clear_object (&board);
  board = poe_board_model_new (fixture->store, from, to, &error);
  g_assert_no_error (error);
  row = g_list_model_get_item (G_LIST_MODEL (board), 0);
  g_assert_cmpuint (poe_board_row_get_n_persons (row), ==, 0);
  g_assert_cmpuint (poe_board_row_get_n_families (row), ==, 0);
}

static void
test_whole_family (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *all[4] = { NULL };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    all[i] = poe_record_get_id (g_ptr_array_index (fixture->persons, i));
  records = poe_no_show_build (fixture->flight, fixture->kase, fixture->persons, all, NULL, NULL, NULL, fixture->now);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_true (poe_store_save_all (fixture->store, records, &error));
  g_assert_no_error (error);
  kase = poe_store_get (fixture->store, "case", poe_record_get_id (fixture->kase), &error);
  g_assert_cmpstr (poe_record_get_string (kase, "status"), ==, "no_show");
}

/* A record that cannot be stored leaves nothing of the action behind. */
static void
test_save_all_atomic (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PoeRecord) bad = poe_record_new ("checklist_event");
  g_autoptr(GError) error = NULL;
  const char *one[] = { poe_record_get_id (g_ptr_array_index (fixture->persons, 0)), NULL };
  g_autoptr(GPtrArray) built = poe_no_show_build (fixture->flight, fixture->kase, fixture->persons, one, NULL, NULL, NULL,
                                                 fixture->now);

  g_ptr_array_add (records, g_object_ref (built->pdata[0]));
  poe_record_set_string (bad, "case_id", "no-such-case");
  poe_record_set_string (bad, "step", POE_STEP_NO_SHOW);
  poe_record_set_string (bad, "value", "done");
  poe_record_set_time (bad, "at", fixture->now);
  g_ptr_array_add (records, g_object_ref (bad));
  g_assert_false (poe_store_save_all (fixture->store, records, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 0);
}

static PoeRecord *
add_case (Fixture    *fixture,
          const char *number,
          const char *branch,
          const char *status,
          const char *staff_id)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"case_number\": \"%s\", \"poe\": \"TST\", \"branch\": \"%s\","
                          " \"sensitivity\": \"none\", \"status\": \"%s\", \"inbound_flight_id\": \"%s\"%s%s%s}",
                          number, branch, status, poe_record_get_id (fixture->flight),
                          staff_id ? ", \"assigned_staff_ids\": [\"" : "", staff_id ? staff_id : "",
                          staff_id ? "\"]" : "");
  return import (fixture, "case", json);
}

/* The agent's open families, soonest due first: the hand-over of a family at its final
 * destination (100 minutes from now) before the connection (170 minutes). */
static void
test_my_families (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PoeRecord) staff = import (fixture, "staff", "{\"username\": \"agent\", \"display_name\": \"Demo\","
                                       " \"role\": \"agent\", \"poe\": \"TST\"}");
  const char *me = poe_record_get_id (staff);
  g_autoptr(PoeRecord) connect = poe_record_copy (fixture->kase);
  g_autoptr(PoeRecord) final = add_case (fixture, "US-2026-900002", "final", "in_progress", me);
  g_autoptr(PoeRecord) done = add_case (fixture, "US-2026-900003", "final", "handed_over", me);
  g_autoptr(PoeRecord) other = add_case (fixture, "US-2026-900004", "final", "in_progress", NULL);
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  const char *assigned[] = { me, NULL };
  PoeDueFamily *first, *second;

  poe_record_set_strv (connect, "assigned_staff_ids", assigned);
  g_assert_true (poe_store_save (fixture->store, connect, &error));
  g_assert_no_error (error);

  mine = poe_store_list_my_families (fixture->store, me, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  first = g_ptr_array_index (mine, 0);
  second = g_ptr_array_index (mine, 1);
  g_assert_cmpstr (first->case_number, ==, "US-2026-900002");
  g_assert_cmpint (first->due_kind, ==, POE_DUE_HANDOVER);
  g_assert_cmpint (poe_due_family_minutes_left (first, fixture->now), ==, POE_DUE_HANDOVER_MINUTES - 20);
  g_assert_cmpstr (first->flight, ==, "ZZ 100");
  g_assert_cmpstr (second->case_number, ==, "US-2026-900001");
  g_assert_cmpint (second->due_kind, ==, POE_DUE_CONNECTION);
  g_assert_cmpint (poe_due_family_minutes_left (second, fixture->now), ==, 170);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/reception/ticks", test_ticks);
  ADD ("/core/reception/no-show", test_no_show);
  ADD ("/core/reception/no-show-family", test_whole_family);
  ADD ("/core/reception/save-all-atomic", test_save_all_atomic);
  ADD ("/core/reception/my-families", test_my_families);
#undef ADD

  return g_test_run ();
}
