/* poe-timesheet-payroll.c
 *
 * The payroll export: the approved and locked hours of a period as CSV for HR systems, one
 * row an entry with its overtime, and the periods "Export Payroll…" offers, counted in the
 * POE's time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-timesheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-csv.h"
#include "poe-timesheet.h"
#include "poe-timesheet-private.h"

/* The payroll columns, in order. Machine-readable names for HR systems: not translated.
 * hours and overtime_hours are decimal hours with two decimals; a day's worked minutes
 * beyond POE_TIMESHEET_REGULAR_DAY_MINUTES are overtime, counted on the entries that
 * pass that mark. */
static const char * const payroll_columns[] = {
  "staff", "username", "date", "start", "end", "break_minutes", "hours", "overtime_hours", NULL
};


/*
 * Auxiliary methods
 */

static char *
format_hours (gint64 minutes)
{
  gint64 hundredths = (minutes * 100 + 30) / 60;

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", hundredths / 100, (int) (hundredths % 100));
}

static char *
format_local (GDateTime  *time,
              GTimeZone  *zone,
              const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_format (local, format);
}

static gboolean
is_payable (PoeRecord *entry)
{
  return (has_state (entry, "approved") || has_state (entry, "locked")) &&
         poe_record_is_set (entry, "end") && !poe_record_get_deleted (entry);
}

static int
compare_payroll (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *names = user_data;
  PoeRecord *x = *(PoeRecord **) a;
  PoeRecord *y = *(PoeRecord **) b;
  int by_name = g_strcmp0 (g_hash_table_lookup (names, get_str (x, "staff_id")),
                           g_hash_table_lookup (names, get_str (y, "staff_id")));

  if (by_name != 0)
    return by_name;
  if (g_strcmp0 (get_str (x, "staff_id"), get_str (y, "staff_id")) != 0)
    return g_strcmp0 (get_str (x, "staff_id"), get_str (y, "staff_id"));

  return g_strcmp0 (get_str (x, "start"), get_str (y, "start"));
}

static void
add_payroll_row (PoeCsvWriter *writer,
                 PoeRecord    *entry,
                 PoeRecord    *staff,
                 GTimeZone    *zone,
                 gint64        day_before,
                 gint64        worked)
{
  g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
  g_autoptr(GDateTime) end = poe_record_dup_time (entry, "end");
  gint64 regular = POE_TIMESHEET_REGULAR_DAY_MINUTES;
  gint64 overtime = MAX (0, day_before + worked - regular) - MAX (0, day_before - regular);
  g_autofree char *date = format_local (start, zone, "%Y-%m-%d");
  g_autofree char *from = format_local (start, zone, "%H:%M");
  g_autofree char *to = format_local (end, zone, "%H:%M");
  g_autofree char *breaks = g_strdup_printf ("%" G_GINT64_FORMAT, poe_record_get_int (entry, "break_minutes"));
  g_autofree char *hours = format_hours (worked);
  g_autofree char *extra = format_hours (overtime);
  const char *row[] = {
    get_str (staff, "display_name"), get_str (staff, "username"), date, from, to, breaks, hours, extra
  };

  poe_csv_writer_add_row (writer, row, G_N_ELEMENTS (row));
}


/*
 * Public API: payroll
 */

/**
 * poe_payroll_export_csv:
 * @first_day: the first local day of the period, "2026-11-01"
 * @last_day: its last day, inclusive
 * @zone: the POE's time zone
 *
 * The approved and locked entries that start in the period, one CSV row each, by staff name
 * and start, under a header row of payroll_columns.
 *
 * Returns: (transfer full) (nullable): the CSV text
 */
GBytes *
poe_payroll_export_csv (PoeStore    *store,
                        const char  *first_day,
                        const char  *last_day,
                        GTimeZone   *zone,
                        GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GHashTable) staff_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PoeCsvWriter) writer = poe_csv_writer_new ();
  g_autofree char *day = NULL;
  const char *staff_id = NULL;
  gint64 day_minutes = 0;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  if (!poe_date_is_valid (first_day) || !poe_date_is_valid (last_day) || strcmp (first_day, last_day) > 0)
    {
      refuse (error, POE_TIMESHEET_ERROR_INVALID, _("Choose a first day and a last day on or after it."));
      return NULL;
    }

  if (!(staff = poe_store_list (store, "staff", NULL, NULL, error)) ||
      !(entries = poe_store_list (store, "time_entry", NULL, NULL, error)))
    return NULL;

  for (guint i = 0; i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      g_hash_table_insert (staff_by_id, (gpointer) poe_record_get_id (member), member);
      g_hash_table_insert (names, (gpointer) poe_record_get_id (member), (gpointer) get_str (member, "display_name"));
    }

  for (guint i = entries->len; i > 0; i--)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i - 1);
      g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
      g_autofree char *start_day = start ? poe_timesheet_dup_local_day (start, zone) : NULL;

      if (!is_payable (entry) || start_day == NULL || strcmp (start_day, first_day) < 0 ||
          strcmp (start_day, last_day) > 0)
        g_ptr_array_remove_index (entries, i - 1);
    }
  g_ptr_array_sort_with_data (entries, compare_payroll, names);

  poe_csv_writer_add_row (writer, payroll_columns, -1);
  for (guint i = 0; i < entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
      g_autofree char *entry_day = poe_timesheet_dup_local_day (start, zone);
      gint64 worked = MAX (0, poe_time_entry_worked_minutes (entry));

      if (g_strcmp0 (staff_id, get_str (entry, "staff_id")) != 0 || g_strcmp0 (day, entry_day) != 0)
        day_minutes = 0;
      staff_id = get_str (entry, "staff_id");
      g_free (day);
      day = g_steal_pointer (&entry_day);

      add_payroll_row (writer, entry, g_hash_table_lookup (staff_by_id, staff_id), zone, day_minutes, worked);
      day_minutes += worked;
    }

  return poe_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

/**
 * poe_payroll_period_get_bounds:
 * @now: the moment "this" week or month is counted from
 * @zone: the POE's time zone
 * @first_day: (out) (transfer full): the period's first local day, "2026-11-01"
 * @last_day: (out) (transfer full): its last day, inclusive
 *
 * Weeks run Monday to Sunday; months from the first to the last day.
 */
void
poe_payroll_period_get_bounds (PoePayrollPeriod   period,
                               GDateTime         *now,
                               GTimeZone         *zone,
                               char             **first_day,
                               char             **last_day)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) last = NULL;

  g_return_if_fail (now != NULL && zone != NULL && first_day != NULL && last_day != NULL);

  today = _poe_timesheet_local_midnight (now, zone);
  switch (period)
    {
    case POE_PAYROLL_PERIOD_THIS_WEEK:
    case POE_PAYROLL_PERIOD_LAST_WEEK:
      first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today) -
                                    (period == POE_PAYROLL_PERIOD_LAST_WEEK ? 7 : 0));
      after = g_date_time_add_weeks (first, 1);
      break;
    case POE_PAYROLL_PERIOD_THIS_MONTH:
    case POE_PAYROLL_PERIOD_LAST_MONTH:
    default:
      first = g_date_time_new (zone, g_date_time_get_year (today), g_date_time_get_month (today), 1, 0, 0, 0);
      if (period == POE_PAYROLL_PERIOD_LAST_MONTH)
        {
          GDateTime *previous = g_date_time_add_months (first, -1);

          g_date_time_unref (first);
          first = previous;
        }
      after = g_date_time_add_months (first, 1);
      break;
    }

  /* Noon of the day before: a day is never shorter than 12 hours, whatever DST does. */
  last = g_date_time_add_hours (after, -12);
  *first_day = g_date_time_format (first, "%Y-%m-%d");
  *last_day = g_date_time_format (last, "%Y-%m-%d");
}

/**
 * poe_timesheet_dup_local_day:
 *
 * Returns: (transfer full): the calendar day of @time in @zone, "2026-11-24"
 */
char *
poe_timesheet_dup_local_day (GDateTime *time,
                             GTimeZone *zone)
{
  g_return_val_if_fail (time != NULL && zone != NULL, NULL);

  return format_local (time, zone, "%Y-%m-%d");
}
