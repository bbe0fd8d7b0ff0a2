/* test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

typedef struct
{
  guint n_flights;
  guint n_cases;
  guint n_persons;
  guint n_staff;
} Counts;

/* Auxiliary methods */

static GPtrArray *
generate (guint64  seed,
          guint    n_flights,
          guint    n_families)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 17, 0, 0);
  g_autoptr(GError) error = NULL;
  PoeDemoOptions options;
  GPtrArray *records;

  poe_demo_options_init (&options);
  options.seed = seed;
  options.now = now;
  options.n_flights = n_flights;
  options.n_families = n_families;
  records = poe_demo_generate_all (&options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static char *
records_to_text (GPtrArray *records)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_node_take_object (node, poe_record_to_json (record));
      text = json_to_string (node, FALSE);
      g_string_append_printf (out, "%s %s %s\n", poe_record_get_entity_name (record),
                              poe_record_get_id (record), text);
    }

  return g_string_free (out, FALSE);
}

static GHashTable *
index_by_id (GPtrArray *records)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);

      g_assert_true (g_hash_table_insert (ids, (gpointer) poe_record_get_id (record), record));
    }

  return ids;
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

static guint
age_on (PoeRecord  *person,
        GDateTime  *now)
{
  const char *dob = poe_record_get_string (person, "date_of_birth");
  int year, month, day;
  int age;

  g_assert_cmpint (sscanf (dob, "%d-%d-%d", &year, &month, &day), ==, 3);
  age = g_date_time_get_year (now) - year;
  if (g_date_time_get_month (now) < month ||
      (g_date_time_get_month (now) == month && g_date_time_get_day_of_month (now) < day))
    age--;
  return (guint) MAX (age, 0);
}

/* Tests */

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) a = generate (7, 0, 0);
  g_autoptr(GPtrArray) b = generate (7, 0, 0);
  g_autoptr(GPtrArray) c = generate (8, 0, 0);
  g_autofree char *text_a = records_to_text (a);
  g_autofree char *text_b = records_to_text (b);
  g_autofree char *text_c = records_to_text (c);

  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (text_a, !=, text_c);
}

static void
test_realistic_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 17, 0, 0);

  for (guint64 seed = 1; seed <= 6; seed++)
    {
      g_autoptr(GPtrArray) records = generate (seed, 0, 0);
      g_autoptr(GHashTable) ids = index_by_id (records);
      g_autoptr(GHashTable) families_of_flight = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) persons_of_case = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) case_numbers = g_hash_table_new (g_str_hash, g_str_equal);
      Counts counts = { 0 };

      for (guint i = 0; i < records->len; i++)
        {
          PoeRecord *record = g_ptr_array_index (records, i);
          const char *entity = poe_record_get_entity_name (record);
          g_autoptr(GError) error = NULL;

          g_assert_true (poe_record_validate (record, &error));
          g_assert_no_error (error);
          g_assert_true (g_uuid_string_is_valid (poe_record_get_id (record)));

          if (g_str_equal (entity, "flight"))
            counts.n_flights++;
          else if (g_str_equal (entity, "staff"))
            counts.n_staff++;
          else if (g_str_equal (entity, "case"))
            {
              const char *flight_id = poe_record_get_string (record, "inbound_flight_id");

              counts.n_cases++;
              g_assert_nonnull (g_hash_table_lookup (ids, flight_id));
              g_hash_table_insert (families_of_flight, (gpointer) flight_id,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (families_of_flight, flight_id)) + 1));
              g_assert_true (g_hash_table_add (case_numbers, (gpointer) poe_record_get_string (record, "case_number")));
            }
          else if (g_str_equal (entity, "person"))
            {
              const char *case_id = poe_record_get_string (record, "case_id");
              PoeRecord *kase = g_hash_table_lookup (ids, case_id);
              const char * const *ssr = poe_record_get_strv (record, "ssr_codes");
              gboolean urm = g_str_equal (poe_record_get_string (kase, "sensitivity"), "urm");

              counts.n_persons++;
              g_hash_table_insert (persons_of_case, (gpointer) case_id,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (persons_of_case, case_id)) + 1));
              g_assert_true (strv_has (ssr, "UMNR") == urm);
              g_assert_true (strv_has (ssr, "INFT") == (age_on (record, now) < 2));
              g_assert_true (g_str_has_prefix (poe_record_get_string (record, "a_number"), "A000"));
            }
          else if (g_str_equal (entity, "segment") &&
                   g_str_equal (poe_record_get_string (record, "leg"), "domestic_connection"))
            {
              PoeRecord *kase = g_hash_table_lookup (ids, poe_record_get_string (record, "case_id"));
              PoeRecord *flight = g_hash_table_lookup (ids, poe_record_get_string (kase, "inbound_flight_id"));
              g_autoptr(GDateTime) departure = poe_record_dup_time (record, "scheduled_departure");
              g_autoptr(GDateTime) arrival = poe_record_dup_time (flight, "scheduled_arrival");

              g_assert_cmpstr (poe_record_get_string (kase, "branch"), !=, "final");
              g_assert_cmpint (g_date_time_compare (departure, arrival), >, 0);
            }
        }

      g_assert_cmpuint (counts.n_flights, >=, 20);
      g_assert_cmpuint (counts.n_flights, <=, 40);
      /* The demo users and the rest of the rostered team. */
      g_assert_cmpuint (counts.n_staff, >, g_strv_length ((char **) poe_demo_staff_usernames ()));
      g_assert_cmpuint (g_hash_table_size (persons_of_case), ==, counts.n_cases);

      {
        GHashTableIter iter;
        gpointer value;

        g_hash_table_iter_init (&iter, families_of_flight);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          g_assert_cmpuint (GPOINTER_TO_UINT (value), <=, 8);
        g_hash_table_iter_init (&iter, persons_of_case);
        while (g_hash_table_iter_next (&iter, NULL, &value))
          g_assert_cmpuint (GPOINTER_TO_UINT (value), <=, 9);
      }
    }
}

/* Agents are assigned to a part of the cases, never all, sensitive ones included. */
static void
test_assignments (void)
{
  g_autoptr(GPtrArray) records = generate (3, 60, 400);
  const char *agent_id = NULL;
  guint n_cases = 0, n_agent = 0, n_agent_sensitive = 0;

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (poe_record_get_entity_name (record), "staff") &&
          g_str_equal (poe_record_get_string (record, "username"), "agent"))
        agent_id = poe_record_get_id (record);
      if (!g_str_equal (poe_record_get_entity_name (record), "case"))
        continue;

      n_cases++;
      if (strv_has (poe_record_get_strv (record, "assigned_staff_ids"), agent_id))
        {
          n_agent++;
          if (!g_str_equal (poe_record_get_string (record, "sensitivity"), "none"))
            n_agent_sensitive++;
        }
    }

  g_assert_nonnull (agent_id);
  g_assert_cmpuint (n_cases, ==, 400);
  g_assert_cmpuint (n_agent, >, n_cases / 4);
  g_assert_cmpuint (n_agent, <, n_cases);
  g_assert_cmpuint (n_agent_sensitive, >, 0);
}

static void
test_scale_mode (void)
{
  g_autoptr(GPtrArray) records = generate (1, 500, 2500);
  guint n_flights = 0, n_cases = 0;

  for (guint i = 0; i < records->len; i++)
    {
      const char *entity = poe_record_get_entity_name (g_ptr_array_index (records, i));

      n_flights += g_str_equal (entity, "flight");
      n_cases += g_str_equal (entity, "case");
    }

  g_assert_cmpuint (n_flights, ==, 500);
  g_assert_cmpuint (n_cases, ==, 2500);
}

/* The day loads into a store as the server's seed would: every reference resolves. */
static void
test_imports_into_store (void)
{
  g_autoptr(GPtrArray) records = generate (11, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  guint n_cases = 0;

  store = poe_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (poe_store_begin (store, &error));
  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);

      g_assert_true (poe_store_import (store, record, &error));
      g_assert_no_error (error);
      n_cases += g_str_equal (poe_record_get_entity_name (record), "case");
    }
  g_assert_true (poe_store_commit (store, &error));
  g_assert_cmpint (poe_store_count (store, "case", &error), ==, n_cases);
  g_assert_cmpuint (poe_store_count_pending (store), ==, 0);

  g_clear_object (&store);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static PoeStore *
import_day (GPtrArray  *records,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = poe_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (poe_store_begin (store, &error));
  for (guint i = 0; i < records->len; i++)
    {
      g_assert_true (poe_store_import (store, g_ptr_array_index (records, i), &error));
      g_assert_no_error (error);
    }
  g_assert_true (poe_store_commit (store, &error));
  return g_steal_pointer (&store);
}

/* A normal demo day is mostly green: the board of the default seed, at several hours of the
 * day, shows most flights with connections on track, and few at risk or missed. Pins the
 * calibration of the families' progress and bookings against the risk rule. */
static void
test_calibration (void)
{
  static const int hours[] = { 8, 12, 15, 17, 20, 23 };
  g_autofree char *dir = g_dir_make_tmp ("test-demo-XXXXXX", NULL);
  guint n_rated = 0, n_green = 0, n_bad = 0;

  for (guint h = 0; h < G_N_ELEMENTS (hours); h++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, hours[h], 0, 0);
      g_autoptr(GDateTime) from = g_date_time_add_days (now, -1);
      g_autoptr(GDateTime) to = g_date_time_add_days (now, 1);
      g_autofree char *path = g_strdup_printf ("%s/store-%d.db", dir, hours[h]);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(PoeStore) store = NULL;
      g_autoptr(PoeBoardModel) board = NULL;
      g_autoptr(GError) error = NULL;
      PoeDemoOptions options;
      guint green = 0, bad = 0, rated = 0;

      poe_demo_options_init (&options);
      options.now = now;
      options.with_staff = TRUE;
      records = poe_demo_generate_all (&options, &error);
      g_assert_no_error (error);
      store = import_day (records, path);
      board = poe_board_model_new (store, from, to, &error);
      g_assert_no_error (error);
      poe_board_model_set_now (board, now);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (board)); i++)
        {
          g_autoptr(PoeBoardRow) row = g_list_model_get_item (G_LIST_MODEL (board), i);
          PoeRiskLevel level = poe_board_row_get_risk (row);

          if (level == POE_RISK_NONE)
            continue;
          rated++;
          green += level == POE_RISK_GREEN;
          bad += level == POE_RISK_RED || level == POE_RISK_MISSED;
        }

      g_test_message ("%02d:00: %u of %u flights on track, %u at risk or missed", hours[h], green, rated, bad);
      n_rated += rated;
      n_green += green;
      n_bad += bad;
      g_clear_object (&board);
      g_clear_object (&store);
      for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
        {
          g_autofree char *file = g_strconcat (path, *suffix, NULL);
          g_unlink (file);
        }
    }
  g_rmdir (dir);

  g_test_message ("all day: %u of %u flights on track, %u at risk or missed", n_green, n_rated, n_bad);
  g_assert_cmpuint (n_rated, >, 50);
  /* Mostly green (about 84 %); red is the exception a lead looks at (about 13 %: the
   * cancelled flight, long delays, a rare tight booking), and it is still there to work. */
  g_assert_cmpuint (n_green * 100, >=, n_rated * 75);
  g_assert_cmpuint (n_bad * 100, <=, n_rated * 16);
  g_assert_cmpuint (n_bad, >, 0);
}

/* The staffing forecast of the demo day reads "understaffed" in its peaks only: the day's
 * roster covers most hours of the default seed's arrivals (06:00–22:00 at the POE). */
static void
test_forecast_calibration (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 11, 24, 5, 0, 0);
  g_autofree char *dir = g_dir_make_tmp ("test-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GError) error = NULL;
  PoeDemoOptions options;
  guint n_understaffed = 0, n_busy = 0;

  poe_demo_options_init (&options);
  options.now = now;
  options.with_staff = TRUE;
  records = poe_demo_generate_all (&options, &error);
  g_assert_no_error (error);
  store = import_day (records, path);

  hours = poe_stats_forecast (store, "JFK", g_date_time_add_hours (now, 1), 16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 16);
  for (guint i = 0; i < hours->len; i++)
    {
      PoeForecastHour *hour = g_ptr_array_index (hours, i);

      g_test_message ("%02d:00 load %.1f: %u needed, %u rostered", g_date_time_get_hour (hour->start),
                      hour->load, hour->required_staff, hour->rostered_staff);
      n_understaffed += hour->understaffed;
      n_busy += hour->n_persons > 0;
    }

  g_assert_cmpuint (n_busy, >=, 12);
  g_assert_cmpuint (n_understaffed, >, 0);
  g_assert_cmpuint (n_understaffed * 4, <=, hours->len);

  g_clear_object (&store);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/realistic-day", test_realistic_day);
  g_test_add_func ("/core/demo/assignments", test_assignments);
  g_test_add_func ("/core/demo/scale-mode", test_scale_mode);
  g_test_add_func ("/core/demo/imports-into-store", test_imports_into_store);
  g_test_add_func ("/core/demo/calibration", test_calibration);
  g_test_add_func ("/core/demo/forecast-calibration", test_forecast_calibration);

  return g_test_run ();
}
