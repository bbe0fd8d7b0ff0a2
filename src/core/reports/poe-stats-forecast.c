/* poe-stats-forecast.c
 *
 * The staffing forecast of the next hours: the persons expected on the flights landing at
 * the POE, weighted by what they need (wheelchair, medical, unaccompanied minors), the
 * staff that load needs, the staff rostered, and the interpreter languages needed that no
 * one rostered speaks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "poe-stats.h"

/* What one hour of the forecast adds up. */
typedef struct
{
  double      load;
  guint       n_persons;
  GHashTable *needed;
  GHashTable *staff;
  GHashTable *spoken;
} HourAcc;


/*
 * Auxiliary methods
 */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char **
strv_from_set (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  char **strv = g_strdupv ((char **) keys);

  qsort (strv, g_strv_length (strv), sizeof (char *), compare_strings);
  return strv;
}

static double
person_weight (PoeRecord *kase,
               PoeRecord *person)
{
  const char * const *ssr = poe_record_get_strv (person, "ssr_codes");
  double weight = 1.0;
  gboolean urm = g_strcmp0 (poe_record_get_string (kase, "sensitivity"), "urm") == 0;

  for (guint i = 0; ssr != NULL && ssr[i] != NULL; i++)
    {
      if (g_str_equal (ssr[i], "WCHR") || g_str_equal (ssr[i], "WCHS") || g_str_equal (ssr[i], "WCHC"))
        weight += POE_FORECAST_WEIGHT_WHEELCHAIR;
      else if (g_str_equal (ssr[i], "MEDA"))
        weight += POE_FORECAST_WEIGHT_MEDICAL;
      else if (g_str_equal (ssr[i], "UMNR"))
        urm = TRUE;
    }

  return urm ? weight + POE_FORECAST_WEIGHT_URM : weight;
}

static void
forecast_add_person (HourAcc   *acc,
                     PoeRecord *kase,
                     PoeRecord *person)
{
  const char * const *ssr = poe_record_get_strv (person, "ssr_codes");
  const char * const *languages = poe_record_get_strv (person, "languages");

  acc->load += person_weight (kase, person);
  acc->n_persons++;
  if (ssr == NULL || !g_strv_contains (ssr, "LANG"))
    return;
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (!g_str_equal (languages[i], "en"))
      g_hash_table_add (acc->needed, g_strdup (languages[i]));
}

static gboolean
forecast_add_flight (PoeStore   *store,
                     const char *poe,
                     PoeRecord  *flight,
                     GDateTime  *from,
                     HourAcc    *hours,
                     guint       n_hours,
                     GError    **error)
{
  const char *status = poe_record_get_string (flight, "status");
  g_autoptr(GDateTime) arrival = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  gint64 first;

  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "diverted") == 0)
    return TRUE;

  arrival = poe_record_dup_time (flight, poe_record_is_set (flight, "estimated_arrival") ? "estimated_arrival"
                                                                                         : "scheduled_arrival");
  first = (gint64) floor ((double) g_date_time_difference (arrival, from) / G_TIME_SPAN_HOUR);
  if (!(cases = poe_store_list_cases_for_flight (store, poe_record_get_id (flight), error)))
    return FALSE;

  for (guint c = 0; c < cases->len; c++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, c);
      g_autoptr(GPtrArray) persons = NULL;

      if (g_strcmp0 (poe_record_get_string (kase, "poe"), poe) != 0)
        continue;
      if (!(persons = poe_store_list_persons_for_case (store, poe_record_get_id (kase), error)))
        return FALSE;

      for (gint64 h = MAX (first, 0); h < first + POE_FORECAST_SPAN_HOURS && h < (gint64) n_hours; h++)
        for (guint p = 0; p < persons->len; p++)
          forecast_add_person (&hours[h], kase, g_ptr_array_index (persons, p));
    }

  return TRUE;
}

static void
forecast_add_shift (PoeStore   *store,
                    PoeRecord  *shift,
                    GDateTime  *from,
                    HourAcc    *hours,
                    guint       n_hours)
{
  g_autoptr(GDateTime) start = poe_record_dup_time (shift, "planned_start");
  g_autoptr(GDateTime) end = poe_record_dup_time (shift, "planned_end");
  g_autoptr(PoeRecord) staff = NULL;
  const char *staff_id = poe_record_get_string (shift, "staff_id");
  const char * const *languages = poe_record_get_strv (shift, "languages");

  if (staff_id == NULL || start == NULL || end == NULL)
    return;
  if ((languages == NULL || languages[0] == NULL) &&
      (staff = poe_store_get (store, "staff", staff_id, NULL)))
    languages = poe_record_get_strv (staff, "languages");

  for (guint h = 0; h < n_hours; h++)
    {
      g_autoptr(GDateTime) hour = g_date_time_add_hours (from, (int) h);
      g_autoptr(GDateTime) hour_end = g_date_time_add_hours (from, (int) h + 1);

      if (g_date_time_compare (start, hour_end) >= 0 || g_date_time_compare (end, hour) <= 0)
        continue;

      g_hash_table_add (hours[h].staff, g_strdup (staff_id));
      for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
        g_hash_table_add (hours[h].spoken, g_strdup (languages[i]));
    }
}

static PoeForecastHour *
forecast_hour_new (HourAcc   *acc,
                   GDateTime *start)
{
  PoeForecastHour *hour = g_new0 (PoeForecastHour, 1);
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer language;

  hour->start = g_date_time_ref (start);
  hour->load = acc->load;
  hour->n_persons = acc->n_persons;
  hour->required_staff = (guint) ceil (acc->load / POE_FORECAST_PERSONS_PER_STAFF);
  hour->rostered_staff = g_hash_table_size (acc->staff);
  hour->understaffed = hour->rostered_staff < hour->required_staff;
  hour->languages = strv_from_set (acc->needed);

  g_hash_table_iter_init (&iter, acc->needed);
  while (g_hash_table_iter_next (&iter, &language, NULL))
    if (!g_hash_table_contains (acc->spoken, language))
      g_hash_table_add (missing, g_strdup (language));
  hour->missing_languages = strv_from_set (missing);

  return hour;
}


/*
 * Public API
 */

void
poe_forecast_hour_free (PoeForecastHour *hour)
{
  if (hour == NULL)
    return;

  g_date_time_unref (hour->start);
  g_strfreev (hour->languages);
  g_strfreev (hour->missing_languages);
  g_free (hour);
}

/**
 * poe_stats_forecast:
 * @from: the first hour (the minutes are dropped)
 * @n_hours: how many hours
 *
 * The staffing forecast: for each hour, the weighted persons expected (POE_FORECAST_*
 * weights), the staff that needs, the staff rostered and the interpreter languages needed
 * that nobody rostered speaks.
 *
 * Returns: (transfer full) (element-type PoeForecastHour): one entry per hour
 */
GPtrArray *
poe_stats_forecast (PoeStore    *store,
                    const char  *poe,
                    GDateTime   *from,
                    guint        n_hours,
                    GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_forecast_hour_free);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) early = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autofree HourAcc *hours = g_new0 (HourAcc, MAX (n_hours, 1));

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (poe != NULL && from != NULL, NULL);

  start = g_date_time_add_full (from, 0, 0, 0, 0, -g_date_time_get_minute (from),
                                -g_date_time_get_seconds (from));
  early = g_date_time_add_hours (start, -POE_FORECAST_SPAN_HOURS);
  end = g_date_time_add_hours (start, (int) n_hours);
  for (guint h = 0; h < n_hours; h++)
    {
      hours[h].needed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      hours[h].staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      hours[h].spoken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  flights = poe_store_list_flights_between (store, early, end, error);
  for (guint i = 0; flights != NULL && i < flights->len; i++)
    if (!forecast_add_flight (store, poe, g_ptr_array_index (flights, i), start, hours, n_hours, error))
      g_clear_pointer (&flights, g_ptr_array_unref);

  g_clear_pointer (&early, g_date_time_unref);
  early = g_date_time_add_days (start, -1);
  if (flights != NULL && (shifts = poe_store_list_shifts_between (store, early, end, error)))
    for (guint i = 0; i < shifts->len; i++)
      if (g_strcmp0 (poe_record_get_string (g_ptr_array_index (shifts, i), "poe"), poe) == 0)
        forecast_add_shift (store, g_ptr_array_index (shifts, i), start, hours, n_hours);

  for (guint h = 0; h < n_hours; h++)
    {
      g_autoptr(GDateTime) at = g_date_time_add_hours (start, (int) h);

      if (shifts != NULL)
        g_ptr_array_add (result, forecast_hour_new (&hours[h], at));
      g_hash_table_unref (hours[h].needed);
      g_hash_table_unref (hours[h].staff);
      g_hash_table_unref (hours[h].spoken);
    }

  return shifts != NULL ? g_steal_pointer (&result) : NULL;
}
