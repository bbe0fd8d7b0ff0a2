/* test-stats.c
 *
 * Statistics, shift review and staffing forecast on a small hand-made day whose every
 * answer is known; totals of a generated demo day that must agree; the CSV export parsed
 * back; the PDF report rendered with pdftoppm (not blank) and its text read with pdftotext.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "poe-core.h"

typedef struct
{
  char     *dir;
  PoeStore *store;
} Fixture;

/* entity, name, fields "key=value|key=value"; "@NAME" is the id of NAME; lists "a,b" */
static const char * const known_day[][3] = {
  { "poe", "TST", "code=TST|name=Test Port|time_zone=UTC" },
  { "poe", "ORD", "code=ORD|name=Other Port|time_zone=UTC" },
  { "staff", "S1", "username=s1|display_name=Staff One|role=agent|poe=TST|languages=en,ar" },
  { "staff", "S2", "username=s2|display_name=Staff Two|role=lead|poe=TST|languages=en,es" },
  { "flight", "F1", "carrier=XX|number=100|origin=AMM|destination=TST|status=arrived"
                    "|scheduled_arrival=2026-11-24T10:00:00Z|actual_arrival=2026-11-24T10:10:00Z" },
  { "flight", "F2", "carrier=XX|number=200|origin=NBO|destination=TST|status=delayed"
                    "|scheduled_arrival=2026-11-24T15:00:00Z|estimated_arrival=2026-11-24T15:30:00Z" },
  { "flight", "F3", "carrier=XX|number=300|origin=IST|destination=TST|status=scheduled"
                    "|scheduled_arrival=2026-11-25T02:00:00Z" },
  { "flight", "F4", "carrier=XX|number=400|origin=DOH|destination=TST|status=arrived"
                    "|scheduled_arrival=2026-11-24T08:00:00Z" },
  { "case", "C1", "case_number=C1|poe=TST|branch=connect|sensitivity=none|status=in_progress|inbound_flight_id=@F1" },
  { "case", "C2", "case_number=C2|poe=TST|branch=connect|sensitivity=none|status=in_progress|inbound_flight_id=@F1" },
  { "case", "C3", "case_number=C3|poe=TST|branch=overnight|sensitivity=none|status=in_progress|inbound_flight_id=@F1" },
  { "case", "C4", "case_number=C4|poe=TST|branch=final|sensitivity=urm|status=expected|inbound_flight_id=@F2" },
  { "case", "C5", "case_number=C5|poe=TST|branch=connect|sensitivity=none|status=expected|inbound_flight_id=@F2" },
  { "case", "C6", "case_number=C6|poe=TST|branch=connect|sensitivity=none|status=expected|inbound_flight_id=@F2" },
  { "case", "C7", "case_number=C7|poe=TST|branch=final|sensitivity=none|status=expected|inbound_flight_id=@F3" },
  { "case", "C8", "case_number=C8|poe=ORD|branch=final|sensitivity=none|status=expected|inbound_flight_id=@F1" },
  { "person", "P1", "case_id=@C1|surname=Testone|cbp_status=cleared" },
  { "person", "P2", "case_id=@C1|surname=Testone|cbp_status=cleared|ssr_codes=LANG|languages=prs,en" },
  { "person", "P3", "case_id=@C2|surname=Testtwo|cbp_status=cleared|ssr_codes=WCHR" },
  { "person", "P4", "case_id=@C3|surname=Testthree|cbp_status=cleared|ssr_codes=MEDA" },
  { "person", "P5", "case_id=@C4|surname=Testfour|cbp_status=pending" },
  { "person", "P6", "case_id=@C4|surname=Testfour|cbp_status=pending" },
  { "person", "P7", "case_id=@C5|surname=Testfive|cbp_status=pending|ssr_codes=UMNR,LANG|languages=ar" },
  { "person", "P8", "case_id=@C6|surname=Testsix|cbp_status=pending" },
  { "person", "P9", "case_id=@C7|surname=Testseven|cbp_status=pending" },
  { "person", "P10", "case_id=@C8|surname=Testeight|cbp_status=pending" },
  { "segment", "G1", "case_id=@C5|leg=domestic_connection|status=missed" },
  /* C1: 30 and 50 minutes landing → CBP (P2's latest CBP event counts), 30 to hand-off. */
  { "checklist_event", "E1", "case_id=@C1|person_id=@P1|step=cbp.primary_cleared|value=done|at=2026-11-24T10:40:00Z" },
  { "checklist_event", "E2", "case_id=@C1|person_id=@P2|step=cbp.primary_cleared|value=done|at=2026-11-24T10:50:00Z" },
  { "checklist_event", "E3", "case_id=@C1|person_id=@P2|step=cbp.i94_checked|value=done|at=2026-11-24T11:00:00Z" },
  { "checklist_event", "E4", "case_id=@C1|step=handover.acknowledged|value=done|at=2026-11-24T11:30:00Z" },
  { "checklist_event", "E5", "case_id=@C1|step=onward.at_gate|value=done|at=2026-11-24T12:00:00Z" },
  /* C2: its CBP tick was undone; at the gate but a misconnect: missed. */
  { "checklist_event", "E6", "case_id=@C2|person_id=@P3|step=cbp.primary_cleared|value=done|at=2026-11-24T10:30:00Z" },
  { "checklist_event", "E7", "case_id=@C2|person_id=@P3|step=cbp.primary_cleared|value=undone|at=2026-11-24T10:35:00Z" },
  { "checklist_event", "E8", "case_id=@C2|step=onward.at_gate|value=done|at=2026-11-24T12:00:00Z" },
  { "checklist_event", "E9", "case_id=@C3|person_id=@P4|step=cbp.primary_cleared|value=done|at=2026-11-24T11:10:00Z" },
  /* C5: at the gate, but its connection segment was missed. C6: at the gate, then undone. */
  { "checklist_event", "E10", "case_id=@C5|step=onward.at_gate|value=done|at=2026-11-24T17:00:00Z" },
  { "checklist_event", "E11", "case_id=@C6|step=onward.at_gate|value=done|at=2026-11-24T17:00:00Z" },
  { "checklist_event", "E12", "case_id=@C6|step=onward.at_gate|value=undone|at=2026-11-24T17:05:00Z" },
  { "handoff", "H1", "case_id=@C2|from_party=POE|to_party=Airline|to_kind=airline_prm|state=confirmed"
                     "|at=2026-11-24T12:00:00Z|acknowledged_at=2026-11-24T12:10:00Z" },
  { "anomaly", "A1", "case_id=@C2|kind=misconnect|notified_at=2026-11-24T12:30:00Z" },
  { "anomaly", "A2", "flight_id=@F2|kind=delay|notified_at=2026-11-25T05:00:00Z" },
  { "incident", "I1", "category=medical|severity=high|status=open|at=2026-11-24T11:00:00Z" },
  { "incident", "I2", "category=medical|severity=low|status=closed|at=2026-11-24T13:00:00Z" },
  { "incident", "I3", "category=security|severity=critical|status=open|at=2026-11-23T13:00:00Z" },
  { "incident", "I4", "category=lost_baggage|severity=low|status=draft|at=2026-11-24T13:00:00Z" },
  { "voucher", "V1", "case_id=@C3|kind=hotel|serial=H-1|amount=125.50|currency=USD|at=2026-11-24T20:00:00Z" },
  { "voucher", "V2", "case_id=@C3|kind=meal|serial=M-1|amount=12.25|currency=USD|at=2026-11-24T20:05:00Z" },
  { "voucher", "V3", "case_id=@C3|kind=meal|serial=M-2|amount=10.00|currency=EUR|at=2026-11-24T21:00:00Z" },
  { "voucher", "V4", "case_id=@C3|kind=hotel|serial=H-2|amount=99.00|currency=USD|at=2026-11-25T01:00:00Z" },
  { "shift", "SH1", "poe=TST|staff_id=@S1|planned_start=2026-11-24T06:00:00Z|planned_end=2026-11-24T14:30:00Z" },
  { "shift", "SH2", "poe=TST|staff_id=@S2|planned_start=2026-11-24T14:00:00Z|planned_end=2026-11-24T22:30:00Z" },
  { "shift", "SH3", "poe=TST|staff_id=@S1|planned_start=2026-11-23T18:00:00Z|planned_end=2026-11-24T02:00:00Z" },
  { "time_entry", "T1", "staff_id=@S1|shift_id=@SH1|state=submitted|start=2026-11-24T06:00:00Z"
                        "|end=2026-11-24T14:30:00Z|break_minutes=30" },
  { "time_entry", "T2", "staff_id=@S2|shift_id=@SH2|state=draft|start=2026-11-24T14:00:00Z"
                        "|end=2026-11-24T22:45:00Z|break_minutes=45" },
  { "time_entry", "T3", "staff_id=@S2|state=draft|start=2026-11-24T23:00:00Z" },
  { "time_entry", "T4", "staff_id=@S1|state=draft|start=2026-11-23T10:00:00Z|end=2026-11-23T12:00:00Z" },
};


/*
 * Helpers
 */

static char *
id_for (const char *name)
{
  return g_strdup_printf ("%08x-0000-4000-8000-%012u", g_str_hash (name), (guint) strlen (name));
}

static void
set_field (PoeRecord  *record,
           const char *key,
           const char *value)
{
  const PoeFieldInfo *field = poe_entity_lookup_field (poe_record_get_entity (record), key);
  g_autofree char *ref = value[0] == '@' ? id_for (value + 1) : NULL;

  g_assert_nonnull (field);
  if (field->kind == POE_FIELD_LIST)
    {
      g_auto(GStrv) items = g_strsplit (value, ",", -1);

      poe_record_set_strv (record, key, (const char * const *) items);
    }
  else if (field->kind == POE_FIELD_INT)
    poe_record_set_int (record, key, g_ascii_strtoll (value, NULL, 10));
  else
    poe_record_set_string (record, key, ref ? ref : value);
}

static void
import_known_day (PoeStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_begin (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (known_day); i++)
    {
      g_autoptr(PoeRecord) record = poe_record_new (known_day[i][0]);
      g_autofree char *id = id_for (known_day[i][1]);
      g_auto(GStrv) fields = g_strsplit (known_day[i][2], "|", -1);

      poe_record_set_id (record, id);
      poe_record_set_rev (record, 1);
      for (guint j = 0; fields[j] != NULL; j++)
        {
          g_auto(GStrv) pair = g_strsplit (fields[j], "=", 2);

          set_field (record, pair[0], pair[1]);
        }
      g_assert_true (poe_store_import (store, record, &error));
      g_assert_no_error (error);
    }
  g_assert_true (poe_store_commit (store, &error));
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("poe-test-stats-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_store_open (path, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->store);
  remove_dir (fx->dir);
  g_free (fx->dir);
}

static GDateTime *
utc (const char *text)
{
  GDateTime *time = poe_time_parse_iso8601 (text);

  g_assert_nonnull (time);
  return time;
}

static PoeStats *
known_day_stats (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = utc ("2026-11-24T00:00:00Z");
  g_autoptr(GDateTime) to = utc ("2026-11-25T00:00:00Z");
  PoeStats *stats;

  import_known_day (fx->store);
  stats = poe_stats_compute (fx->store, "TST", from, to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static gint64
money_cents (PoeStats   *stats,
             const char *currency)
{
  for (guint i = 0; i < stats->voucher_costs->len; i++)
    {
      PoeStatsMoney *money = g_ptr_array_index (stats->voucher_costs, i);

      if (g_str_equal (money->currency, currency))
        return money->cents;
    }

  return -1;
}


/*
 * Tests
 */

static void
test_period (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(PoeStats) stats = known_day_stats (fx);

  g_assert_cmpuint (stats->n_arrivals, ==, 2);
  g_assert_cmpuint (stats->n_families, ==, 6);
  g_assert_cmpuint (stats->n_persons, ==, 8);
  g_assert_cmpfloat (poe_stats_item_get (stats->families_by_branch, "connect"), ==, 4);
  g_assert_cmpfloat (poe_stats_item_get (stats->families_by_branch, "overnight"), ==, 1);
  g_assert_cmpfloat (poe_stats_item_get (stats->families_by_branch, "final"), ==, 1);
  g_assert_cmpuint (stats->n_connections_made, ==, 1);
  g_assert_cmpuint (stats->n_connections_missed, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats->connection_rate, 1.0 / 3.0, 1e-9);
  g_assert_cmpuint (stats->n_landing_to_cbp, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats->avg_landing_to_cbp, (30.0 + 50.0 + 60.0) / 3.0, 1e-9);
  g_assert_cmpuint (stats->n_cbp_to_handoff, ==, 1);
  g_assert_cmpfloat_with_epsilon (stats->avg_cbp_to_handoff, 30.0, 1e-9);
  g_assert_cmpuint (stats->n_handoffs_open, ==, 4);
  g_assert_cmpuint (stats->n_anomalies_sent, ==, 1);
  g_assert_cmpuint (stats->n_staff_on_duty, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats->hours_worked, 16.0, 1e-9);
}

static void
test_incidents_vouchers (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(PoeStats) stats = known_day_stats (fx);

  g_assert_cmpuint (stats->n_incidents, ==, 2);
  g_assert_cmpuint (stats->incidents_by_category->len, ==, 1);
  g_assert_cmpfloat (poe_stats_item_get (stats->incidents_by_category, "medical"), ==, 2);
  g_assert_cmpfloat (poe_stats_item_get (stats->incidents_by_severity, "high"), ==, 1);
  g_assert_cmpfloat (poe_stats_item_get (stats->incidents_by_severity, "low"), ==, 1);
  g_assert_cmpfloat (poe_stats_item_get (stats->incidents_by_severity, "critical"), ==, 0);
  g_assert_cmpfloat (poe_stats_item_get (stats->vouchers_by_kind, "hotel"), ==, 1);
  g_assert_cmpfloat (poe_stats_item_get (stats->vouchers_by_kind, "meal"), ==, 2);
  g_assert_cmpuint (stats->voucher_costs->len, ==, 2);
  g_assert_cmpint (money_cents (stats, "USD"), ==, 13775);
  g_assert_cmpint (money_cents (stats, "EUR"), ==, 1000);
}

static void
test_buckets (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(PoeStats) stats = known_day_stats (fx);
  double total = 0;

  g_assert_cmpuint (stats->persons_by_bucket->len, ==, 24);
  g_assert_cmpstr (((PoeStatsItem *) g_ptr_array_index (stats->persons_by_bucket, 0))->key, ==, "00:00");
  g_assert_cmpfloat (poe_stats_item_get (stats->persons_by_bucket, "10:00"), ==, 4);
  g_assert_cmpfloat (poe_stats_item_get (stats->persons_by_bucket, "15:00"), ==, 4);
  for (guint i = 0; i < stats->persons_by_bucket->len; i++)
    total += ((PoeStatsItem *) g_ptr_array_index (stats->persons_by_bucket, i))->value;
  g_assert_cmpfloat (total, ==, 8);
}

static void
test_shift_review (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) shift = NULL;
  g_autoptr(PoeStats) stats = NULL;
  g_autofree char *shift_id = id_for ("SH1");

  import_known_day (fx->store);
  shift = poe_store_get (fx->store, "shift", shift_id, &error);
  g_assert_no_error (error);
  stats = poe_stats_compute_shift (fx->store, shift, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (stats->n_arrivals, ==, 1);
  g_assert_cmpuint (stats->n_families, ==, 3);
  g_assert_cmpuint (stats->n_persons, ==, 4);
  g_assert_cmpuint (stats->n_connections_made, ==, 1);
  g_assert_cmpuint (stats->n_connections_missed, ==, 1);
  g_assert_cmpuint (stats->n_handoffs_open, ==, 1);
  g_assert_cmpuint (stats->n_incidents, ==, 2);
  g_assert_cmpuint (stats->n_anomalies_sent, ==, 1);
  g_assert_cmpuint (stats->n_staff_on_duty, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats->hours_worked, 16.0, 1e-9);
}

static void
test_forecast (Fixture       *fx,
               gconstpointer  data)
{
  static const struct {
    guint       hour;
    double      load;
    guint       required;
    guint       rostered;
    gboolean    understaffed;
    const char *languages;
    const char *missing;
  } expected[] = {
    { 9, 0, 0, 1, FALSE, "", "" },
    { 10, 5.5, 1, 1, FALSE, "prs", "prs" },
    { 11, 5.5, 1, 1, FALSE, "prs", "prs" },
    { 12, 0, 0, 1, FALSE, "", "" },
    { 14, 0, 0, 2, FALSE, "", "" },
    { 15, 7, 2, 1, TRUE, "ar", "ar" },
    { 16, 7, 2, 1, TRUE, "ar", "ar" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = utc ("2026-11-24T09:20:00Z");
  g_autoptr(GPtrArray) hours = NULL;

  import_known_day (fx->store);
  hours = poe_stats_forecast (fx->store, "TST", from, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 8);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PoeForecastHour *hour = g_ptr_array_index (hours, expected[i].hour - 9);
      g_autofree char *languages = g_strjoinv (",", hour->languages);
      g_autofree char *missing = g_strjoinv (",", hour->missing_languages);

      g_test_message ("hour %u", expected[i].hour);
      g_assert_cmpint (g_date_time_get_hour (hour->start), ==, expected[i].hour);
      g_assert_cmpint (g_date_time_get_minute (hour->start), ==, 0);
      g_assert_cmpfloat_with_epsilon (hour->load, expected[i].load, 1e-9);
      g_assert_cmpuint (hour->required_staff, ==, expected[i].required);
      g_assert_cmpuint (hour->rostered_staff, ==, expected[i].rostered);
      g_assert_cmpint (hour->understaffed, ==, expected[i].understaffed);
      g_assert_cmpstr (languages, ==, expected[i].languages);
      g_assert_cmpstr (missing, ==, expected[i].missing);
    }
}

static const char *
csv_value (GPtrArray  *rows,
           const char *section,
           const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_strv_length (row) == 3 && g_str_equal (row[0], section) && g_str_equal (row[1], key))
        return row[2];
    }

  return NULL;
}

static void
test_csv (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(PoeStats) stats = known_day_stats (fx);
  g_autoptr(GBytes) bytes = poe_stats_to_csv (stats);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  rows = poe_csv_parse (text, (gssize) size, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv_value (rows, "section", "key"), ==, "value");
  g_assert_cmpstr (csv_value (rows, "period", "poe"), ==, "TST");
  g_assert_cmpstr (csv_value (rows, "period", "from"), ==, "2026-11-24T00:00:00Z");
  g_assert_cmpstr (csv_value (rows, "totals", "families"), ==, "6");
  g_assert_cmpstr (csv_value (rows, "totals", "persons"), ==, "8");
  g_assert_cmpstr (csv_value (rows, "totals", "connection_rate"), ==, "0.33");
  g_assert_cmpstr (csv_value (rows, "totals", "avg_landing_to_cbp_minutes"), ==, "46.67");
  g_assert_cmpstr (csv_value (rows, "totals", "hours_worked"), ==, "16");
  g_assert_cmpstr (csv_value (rows, "families_by_branch", "connect"), ==, "4");
  g_assert_cmpstr (csv_value (rows, "incidents_by_category", "medical"), ==, "2");
  g_assert_cmpstr (csv_value (rows, "voucher_cost", "USD"), ==, "137.75");
  g_assert_cmpstr (csv_value (rows, "persons_by_bucket", "10:00"), ==, "4");
}

static gboolean
png_has_two_colours (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  const unsigned char *data;
  gboolean differs = FALSE;
  int stride, width, height;
  guint32 first;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_assert_cmpint (width, >, 100);
  memcpy (&first, data, 4);

  for (int y = 0; y < height && !differs; y++)
    for (int x = 0; x < width && !differs; x++)
      {
        guint32 pixel;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        differs = (pixel & 0xffffff) != (first & 0xffffff);
      }

  cairo_surface_destroy (surface);
  return differs;
}

static gboolean
program_exists (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
test_pdf (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(PoeStats) stats = known_day_stats (fx);
  g_autoptr(GDateTime) generated = utc ("2026-11-25T08:00:00Z");
  PoeReportInfo info = { "TST — Test Port", "24 November 2026", generated, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = poe_report_pdf_render (stats, &info, &error);
  g_autofree char *pdf_path = g_build_filename (fx->dir, "report.pdf", NULL);
  g_autofree char *prefix = g_build_filename (fx->dir, "page", NULL);
  g_autofree char *png_path = g_build_filename (fx->dir, "page-1.png", NULL);
  g_autofree char *text = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));

  if (!program_exists ("pdftoppm"))
    {
      g_test_skip ("pdftoppm (poppler-utils) is not installed");
      return;
    }

  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf_path, prefix, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  if (!g_file_test (png_path, G_FILE_TEST_EXISTS))
    {
      g_free (png_path);
      png_path = g_build_filename (fx->dir, "page-01.png", NULL);
    }
  g_assert_true (png_has_two_colours (png_path));

  {
    const char *argv[] = { "pdftotext", "-layout", pdf_path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                                 NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_assert_nonnull (strstr (text, "TST — Test Port"));
  g_assert_nonnull (strstr (text, "24 November 2026"));
  g_assert_nonnull (strstr (text, "2026-11-25 08:00"));
  g_assert_nonnull (strstr (text, "Families by branch"));
  g_assert_nonnull (strstr (text, "137.75"));
}

static void
test_demo_day (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = utc ("2026-11-24T20:00:00Z");
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -2);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, 2);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(PoeStats) stats = NULL;
  PoeDemoOptions options;
  double branches = 0;
  double buckets = 0;

  poe_demo_options_init (&options);
  options.now = now;
  records = poe_demo_generate_all (&options, &error);
  g_assert_no_error (error);
  g_assert_true (poe_store_begin (fx->store, &error));
  for (guint i = 0; i < records->len; i++)
    g_assert_true (poe_store_import (fx->store, g_ptr_array_index (records, i), &error));
  g_assert_true (poe_store_commit (fx->store, &error));

  stats = poe_stats_compute (fx->store, "JFK", from, to, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->families_by_branch->len; i++)
    branches += ((PoeStatsItem *) g_ptr_array_index (stats->families_by_branch, i))->value;
  for (guint i = 0; i < stats->persons_by_bucket->len; i++)
    buckets += ((PoeStatsItem *) g_ptr_array_index (stats->persons_by_bucket, i))->value;

  g_assert_cmpuint (stats->n_families, >, 0);
  g_assert_cmpint (stats->n_families, ==, poe_store_count (fx->store, "case", NULL));
  g_assert_cmpint (stats->n_persons, ==, poe_store_count (fx->store, "person", NULL));
  g_assert_cmpfloat (branches, ==, stats->n_families);
  g_assert_cmpfloat (buckets, ==, stats->n_persons);
  g_assert_cmpuint (stats->n_arrivals, <=, poe_store_count (fx->store, "flight", NULL));
  g_assert_cmpuint (stats->n_connections_made + stats->n_connections_missed, <=,
                    poe_stats_item_get (stats->families_by_branch, "connect"));
  g_assert_cmpuint (stats->n_landing_to_cbp, <=, stats->n_persons);
  g_assert_cmpfloat (stats->hours_worked, >, 0);
  /* The five demo users and the thirteen agents of the demo's roster. */
  g_assert_cmpuint (stats->n_staff_on_duty, ==, 18);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/stats/period", test_period);
  ADD ("/core/stats/incidents-vouchers", test_incidents_vouchers);
  ADD ("/core/stats/buckets", test_buckets);
  ADD ("/core/stats/shift-review", test_shift_review);
  ADD ("/core/stats/forecast", test_forecast);
  ADD ("/core/stats/csv", test_csv);
  ADD ("/core/stats/pdf", test_pdf);
  ADD ("/core/stats/demo-day", test_demo_day);
#undef ADD

  return g_test_run ();
}
