/* poe-feed-match.c
 *
 * Which provider flight is which expected POE flight, and what it changes. A provider flight
 * matches a POE flight by carrier + number (its own or one of its codeshares: the ABN often
 * books the marketing number), destination and scheduled arrival on the same local service
 * day of the POE. Only values the provider reports are written, never a blank over a value;
 * a value the provider reports again unchanged is not written again, so a manual correction
 * stands until the provider reports a newer, different value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-match.h"

static const char * const time_fields[] = { "estimated_arrival", "actual_arrival", "gate_arrival" };
static const char * const code_fields[] = { "gate", "terminal", "belt", "status" };


/*
 * Auxiliary methods
 */

static gboolean
same_ident (const char *carrier,
            const char *number,
            const char *other_carrier,
            const char *other_number)
{
  while (number[0] == '0' && number[1] != '\0')
    number++;
  while (other_number[0] == '0' && other_number[1] != '\0')
    other_number++;

  return g_ascii_strcasecmp (carrier, other_carrier) == 0 && g_ascii_strcasecmp (number, other_number) == 0;
}

static gboolean
ident_matches (PoeRecord     *record,
               PoeFeedFlight *flight)
{
  const char *carrier = poe_record_get_string (record, "carrier");
  const char *number = poe_record_get_string (record, "number");

  if (carrier == NULL || number == NULL)
    return FALSE;

  if (same_ident (carrier, number, flight->carrier, flight->number))
    return TRUE;

  for (guint i = 0; flight->codeshares != NULL && flight->codeshares[i] != NULL; i++)
    {
      g_autofree char *share_carrier = NULL;
      g_autofree char *share_number = NULL;

      if (poe_feed_flight_split_ident (flight->codeshares[i], &share_carrier, &share_number) &&
          same_ident (carrier, number, share_carrier, share_number))
        return TRUE;
    }

  return FALSE;
}

static gboolean
same_service_day (GDateTime *a,
                  GDateTime *b,
                  GTimeZone *zone)
{
  g_autoptr(GDateTime) local_a = g_date_time_to_timezone (a, zone);
  g_autoptr(GDateTime) local_b = g_date_time_to_timezone (b, zone);

  return g_date_time_get_year (local_a) == g_date_time_get_year (local_b) &&
         g_date_time_get_day_of_year (local_a) == g_date_time_get_day_of_year (local_b);
}

static char *
flight_value (PoeFeedFlight *flight,
              const char    *field)
{
  GDateTime *time = NULL;

  if (g_str_equal (field, "estimated_arrival"))
    time = flight->estimated_arrival;
  else if (g_str_equal (field, "actual_arrival"))
    time = flight->actual_arrival;
  else if (g_str_equal (field, "gate_arrival"))
    time = flight->gate_arrival;
  else if (g_str_equal (field, "gate"))
    return g_strdup (flight->gate);
  else if (g_str_equal (field, "terminal"))
    return g_strdup (flight->terminal);
  else if (g_str_equal (field, "belt"))
    return g_strdup (flight->belt);
  else if (g_str_equal (field, "status"))
    return g_strdup (flight->status);

  return time != NULL ? poe_time_format_iso8601 (time) : NULL;
}

/* Returns whether @field of @record changed. */
static gboolean
apply_field (PoeRecord     *record,
             PoeFeedFlight *flight,
             const char    *field,
             GHashTable    *reported)
{
  const PoeFieldInfo *info = poe_entity_lookup_field (poe_record_get_entity (record), field);
  g_autofree char *value = flight_value (flight, field);
  g_autofree char *key = NULL;
  const char *last;

  if (value == NULL || info == NULL || strlen (value) > poe_field_max_length (info) ||
      (info->kind == POE_FIELD_ENUM && !poe_field_enum_contains (info, value)))
    return FALSE;

  key = g_strconcat (poe_record_get_id (record), "/", field, NULL);
  last = g_hash_table_lookup (reported, key);
  if (last != NULL && g_str_equal (last, value))
    return FALSE;

  g_hash_table_replace (reported, g_steal_pointer (&key), g_strdup (value));
  if (g_strcmp0 (poe_record_get_string (record, field), value) == 0)
    return FALSE;

  poe_record_set_string (record, field, value);

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_feed_match_find:
 * @record: a flight the POE expects
 * @flights: the #PoeFeedFlight of a provider's window
 * @zone: the POE's time zone (its service day)
 *
 * Returns: (transfer none) (nullable): the provider's flight that is @record; of several,
 *   the one scheduled closest to it
 */
PoeFeedFlight *
poe_feed_match_find (PoeRecord *record,
                     GPtrArray *flights,
                     GTimeZone *zone)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (record, "scheduled_arrival");
  const char *destination = poe_record_get_string (record, "destination");
  PoeFeedFlight *best = NULL;
  GTimeSpan best_gap = G_MAXINT64;

  if (scheduled == NULL || destination == NULL)
    return NULL;

  for (guint i = 0; i < flights->len; i++)
    {
      PoeFeedFlight *flight = g_ptr_array_index (flights, i);
      GTimeSpan gap;

      if (g_ascii_strcasecmp (flight->destination, destination) != 0 ||
          !same_service_day (scheduled, flight->scheduled_arrival, zone) ||
          !ident_matches (record, flight))
        continue;

      gap = ABS (g_date_time_difference (flight->scheduled_arrival, scheduled));
      if (gap < best_gap)
        best = flight, best_gap = gap;
    }

  return best;
}

/**
 * poe_feed_match_apply:
 * @records: the flights the POE expects (#PoeRecord), changed in place
 * @flights: the #PoeFeedFlight a provider answered
 * @source: the provider's name, written to `source` of each flight that changes
 * @reported: "id/field" → the value the provider last reported, kept between polls
 *
 * Returns: (transfer container): the records of @records that changed
 */
GPtrArray *
poe_feed_match_apply (GPtrArray  *records,
                      GPtrArray  *flights,
                      GTimeZone  *zone,
                      const char *source,
                      GHashTable *reported)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);
      PoeFeedFlight *flight = poe_feed_match_find (record, flights, zone);
      gboolean any = FALSE;

      if (flight == NULL)
        continue;

      for (guint f = 0; f < G_N_ELEMENTS (time_fields); f++)
        any = apply_field (record, flight, time_fields[f], reported) || any;
      for (guint f = 0; f < G_N_ELEMENTS (code_fields); f++)
        any = apply_field (record, flight, code_fields[f], reported) || any;

      if (any)
        {
          g_autofree char *now = poe_time_now_iso8601 ();

          poe_record_set_string (record, "source", source);
          poe_record_set_updated_at (record, now);
          g_ptr_array_add (changed, g_object_ref (record));
        }
    }

  return g_steal_pointer (&changed);
}
