/* poe-stats.c
 *
 * The statistics of a port of entry for a period (PoeStats), computed from the local store
 * in one pass per kind of record: families and persons by branch and hour, the time from
 * landing to CBP and from CBP to hand-off, connections made and missed, incidents,
 * anomalies, vouchers and their costs, hours worked and staff on duty. The review of one
 * shift is the statistics of its planned hours. The CSV export is in poe-stats-csv.c, the
 * staffing forecast in poe-stats-forecast.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include "poe-checklist.h"
#include "poe-csv.h"
#include "poe-stats.h"

typedef struct
{
  PoeStore   *store;
  PoeStats   *stats;
  GTimeZone  *zone;
  char       *from_iso;
  char       *to_iso;
  gboolean    hourly;
  double      landing_to_cbp_sum;
  double      cbp_to_handoff_sum;
  GHashTable *flights_with_families;
} Builder;

G_DEFINE_BOXED_TYPE (PoeStats, poe_stats, poe_stats_ref, poe_stats_unref)

static const char * const branches[] = { "connect", "overnight", "final", NULL };
static const char * const severities[] = { "low", "medium", "high", "critical", NULL };


/*
 * Auxiliary methods
 */

static void
stats_item_free (PoeStatsItem *item)
{
  g_free (item->key);
  g_free (item);
}

static void
stats_money_free (PoeStatsMoney *money)
{
  g_free (money->currency);
  g_free (money);
}

static GPtrArray *
items_new (const char * const *keys)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_item_free);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      PoeStatsItem *item = g_new0 (PoeStatsItem, 1);

      item->key = g_strdup (keys[i]);
      g_ptr_array_add (items, item);
    }

  return items;
}

static void
items_add (GPtrArray  *items,
           const char *key,
           double      delta)
{
  PoeStatsItem *item;

  if (key == NULL)
    key = "other";

  for (guint i = 0; i < items->len; i++)
    {
      item = g_ptr_array_index (items, i);
      if (g_str_equal (item->key, key))
        {
          item->value += delta;
          return;
        }
    }

  item = g_new0 (PoeStatsItem, 1);
  item->key = g_strdup (key);
  item->value = delta;
  g_ptr_array_add (items, item);
}

static gboolean
in_period (const char *at,
           const char *from_iso,
           const char *to_iso)
{
  return at != NULL && strcmp (at, from_iso) >= 0 && strcmp (at, to_iso) < 0;
}

static double
minutes_between (const char *earlier,
                 const char *later)
{
  g_autoptr(GDateTime) a = poe_time_parse_iso8601 (earlier);
  g_autoptr(GDateTime) b = poe_time_parse_iso8601 (later);

  if (a == NULL || b == NULL)
    return -1;

  return (double) g_date_time_difference (b, a) / G_TIME_SPAN_MINUTE;
}

/* The zone of the POE @poe, as poe_store_dup_poe_time_zone() decides it. */
static GTimeZone *
zone_for_poe (PoeStore    *store,
              const char  *poe,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PoeRecord) record = poe_store_find_by_field (store, "poe", "code", poe, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return poe_store_dup_poe_time_zone (store, record, error);
}

static char *
bucket_label (Builder    *b,
              const char *at)
{
  g_autoptr(GDateTime) utc = poe_time_parse_iso8601 (at);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;

  local = g_date_time_to_timezone (utc, b->zone);
  return g_date_time_format (local, b->hourly ? "%H:00" : "%m-%d");
}

static void
init_buckets (Builder *b)
{
  GTimeSpan span = g_date_time_difference (b->stats->to, b->stats->from);
  g_autoptr(GDateTime) at = g_date_time_to_timezone (b->stats->from, b->zone);

  /* Local hours for a day (25 hours when the clocks go back), else local days. */
  b->hourly = span <= 25 * G_TIME_SPAN_HOUR;
  for (guint i = 0; i < 92 && g_date_time_compare (at, b->stats->to) < 0; i++)
    {
      g_autofree char *label = g_date_time_format (at, b->hourly ? "%H:00" : "%m-%d");
      GDateTime *next = b->hourly ? g_date_time_add_hours (at, 1) : g_date_time_add_days (at, 1);

      items_add (b->stats->persons_by_bucket, label, 0);
      g_date_time_unref (at);
      at = next;
    }
}

/* The latest event of each step (and person), and the latest CBP event of each person. */
static void
index_events (GPtrArray  *events,
              GHashTable *state,
              GHashTable *cbp)
{
  for (guint i = 0; i < events->len; i++)
    {
      PoeRecord *event = g_ptr_array_index (events, i);
      const char *step = poe_record_get_string (event, "step");
      const char *person_id = poe_record_get_string (event, "person_id");

      g_hash_table_replace (state, poe_checklist_state_key (step, person_id), event);
      if (person_id != NULL && g_str_has_prefix (step, "cbp."))
        g_hash_table_replace (cbp, g_strdup (person_id), event);
    }
}

static gboolean
step_done (GHashTable *state,
           const char *step)
{
  PoeRecord *event = g_hash_table_lookup (state, step);

  return event != NULL && g_strcmp0 (poe_record_get_string (event, "value"), "done") == 0;
}

static gboolean
connection_missed (PoeStore   *store,
                   const char *case_id)
{
  g_autoptr(GPtrArray) anomalies = poe_store_list (store, "anomaly", "case_id", case_id, NULL);
  g_autoptr(GPtrArray) segments = poe_store_list_segments_for_case (store, case_id, NULL);

  for (guint i = 0; anomalies != NULL && i < anomalies->len; i++)
    {
      PoeRecord *anomaly = g_ptr_array_index (anomalies, i);
      const char *rebooking = poe_record_get_string (anomaly, "rebooking");

      if (g_strcmp0 (poe_record_get_string (anomaly, "kind"), "misconnect") == 0 ||
          (rebooking != NULL && *rebooking != '\0'))
        return TRUE;
    }

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);

      if (g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") == 0 &&
          g_strcmp0 (poe_record_get_string (segment, "status"), "missed") == 0)
        return TRUE;
    }

  return FALSE;
}

/* When the family was handed over: the acknowledged step, else its first handoff record. */
static const char *
handoff_time (PoeStore    *store,
              const char  *case_id,
              GHashTable  *state,
              GPtrArray  **handoffs)
{
  const char *best = NULL;

  if (step_done (state, POE_STEP_HANDOVER_ACKNOWLEDGED))
    return poe_record_get_string (g_hash_table_lookup (state, POE_STEP_HANDOVER_ACKNOWLEDGED), "at");

  *handoffs = poe_store_list (store, "handoff", "case_id", case_id, NULL);
  for (guint i = 0; *handoffs != NULL && i < (*handoffs)->len; i++)
    {
      PoeRecord *handoff = g_ptr_array_index (*handoffs, i);
      const char *at = poe_record_get_string (handoff, "acknowledged_at");

      if (at == NULL)
        at = poe_record_get_string (handoff, "at");
      if (at != NULL && (best == NULL || strcmp (at, best) < 0))
        best = at;
    }

  return best;
}

static void
add_cbp_times (Builder    *b,
               PoeRecord  *flight,
               GPtrArray  *persons,
               GHashTable *cbp,
               const char **last_cbp)
{
  const char *landed = poe_record_get_string (flight, "actual_arrival");

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      PoeRecord *event = g_hash_table_lookup (cbp, poe_record_get_id (person));
      const char *at;
      double minutes;

      if (event == NULL || g_strcmp0 (poe_record_get_string (event, "value"), "done") != 0)
        continue;

      at = poe_record_get_string (event, "at");
      if (*last_cbp == NULL || strcmp (at, *last_cbp) > 0)
        *last_cbp = at;
      if (landed == NULL || (minutes = minutes_between (landed, at)) < 0)
        continue;

      b->landing_to_cbp_sum += minutes;
      b->stats->n_landing_to_cbp++;
    }
}

static void
add_connection (Builder    *b,
                PoeRecord  *kase,
                GHashTable *state)
{
  if (g_strcmp0 (poe_record_get_string (kase, "branch"), "connect") != 0)
    return;

  if (connection_missed (b->store, poe_record_get_id (kase)))
    b->stats->n_connections_missed++;
  else if (step_done (state, POE_STEP_AT_GATE) || step_done (state, "onward.departure_confirmed"))
    b->stats->n_connections_made++;
}

static void
add_handoff (Builder    *b,
             PoeRecord  *kase,
             GHashTable *state,
             const char *last_cbp)
{
  g_autoptr(GPtrArray) handoffs = NULL;
  const char *handed = handoff_time (b->store, poe_record_get_id (kase), state, &handoffs);
  const char *status = poe_record_get_string (kase, "status");
  double minutes;

  if (handed == NULL)
    {
      if (!g_strv_contains ((const char * const[]) { "handed_over", "closed", "no_show", NULL }, status))
        b->stats->n_handoffs_open++;
      return;
    }

  if (last_cbp != NULL && (minutes = minutes_between (last_cbp, handed)) >= 0)
    {
      b->cbp_to_handoff_sum += minutes;
      b->stats->n_cbp_to_handoff++;
    }
}

static gboolean
add_case (Builder    *b,
          PoeRecord  *flight,
          PoeRecord  *kase,
          GError    **error)
{
  const char *id = poe_record_get_id (kase);
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cbp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *label = NULL;
  const char *last_cbp = NULL;

  if (!(persons = poe_store_list_persons_for_case (b->store, id, error)) ||
      !(events = poe_store_list_checklist_events (b->store, id, error)))
    return FALSE;

  b->stats->n_families++;
  b->stats->n_persons += persons->len;
  items_add (b->stats->families_by_branch, poe_record_get_string (kase, "branch"), 1);
  if ((label = bucket_label (b, poe_record_get_string (flight, "scheduled_arrival"))))
    items_add (b->stats->persons_by_bucket, label, persons->len);
  g_hash_table_add (b->flights_with_families, g_strdup (poe_record_get_id (flight)));

  index_events (events, state, cbp);
  add_cbp_times (b, flight, persons, cbp, &last_cbp);
  add_connection (b, kase, state);
  add_handoff (b, kase, state, last_cbp);

  return TRUE;
}

static gboolean
add_families (Builder  *b,
              GError  **error)
{
  g_autoptr(GPtrArray) flights = poe_store_list_flights_between (b->store, b->stats->from, b->stats->to, error);

  if (flights == NULL)
    return FALSE;

  for (guint i = 0; i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (b->store, poe_record_get_id (flight), error);

      if (cases == NULL)
        return FALSE;

      for (guint j = 0; j < cases->len; j++)
        {
          PoeRecord *kase = g_ptr_array_index (cases, j);

          if (g_strcmp0 (poe_record_get_string (kase, "poe"), b->stats->poe) == 0 &&
              !add_case (b, flight, kase, error))
            return FALSE;
        }
    }

  b->stats->n_arrivals = g_hash_table_size (b->flights_with_families);
  return TRUE;
}

static gboolean
add_incidents_and_anomalies (Builder  *b,
                             GError  **error)
{
  g_autoptr(GPtrArray) incidents = poe_store_list (b->store, "incident", NULL, NULL, error);
  g_autoptr(GPtrArray) anomalies = NULL;

  if (incidents == NULL || !(anomalies = poe_store_list (b->store, "anomaly", NULL, NULL, error)))
    return FALSE;

  for (guint i = 0; i < incidents->len; i++)
    {
      PoeRecord *incident = g_ptr_array_index (incidents, i);

      /* Drafts are not reported yet. */
      if (!in_period (poe_record_get_string (incident, "at"), b->from_iso, b->to_iso) ||
          g_strcmp0 (poe_record_get_string (incident, "status"), "draft") == 0)
        continue;

      b->stats->n_incidents++;
      items_add (b->stats->incidents_by_category, poe_record_get_string (incident, "category"), 1);
      items_add (b->stats->incidents_by_severity, poe_record_get_string (incident, "severity"), 1);
    }

  for (guint i = 0; i < anomalies->len; i++)
    if (in_period (poe_record_get_string (g_ptr_array_index (anomalies, i), "notified_at"),
                   b->from_iso, b->to_iso))
      b->stats->n_anomalies_sent++;

  return TRUE;
}

static void
add_money (GPtrArray  *costs,
           const char *currency,
           gint64      cents)
{
  PoeStatsMoney *money;

  for (guint i = 0; i < costs->len; i++)
    {
      money = g_ptr_array_index (costs, i);
      if (g_strcmp0 (money->currency, currency) == 0)
        {
          money->cents += cents;
          money->count++;
          return;
        }
    }

  money = g_new0 (PoeStatsMoney, 1);
  money->currency = g_strdup (currency);
  money->cents = cents;
  money->count = 1;
  g_ptr_array_add (costs, money);
}

static gboolean
add_vouchers (Builder  *b,
              GError  **error)
{
  g_autoptr(GPtrArray) vouchers = poe_store_list (b->store, "voucher", NULL, NULL, error);

  if (vouchers == NULL)
    return FALSE;

  for (guint i = 0; i < vouchers->len; i++)
    {
      PoeRecord *voucher = g_ptr_array_index (vouchers, i);
      gint64 cents;

      if (!in_period (poe_record_get_string (voucher, "at"), b->from_iso, b->to_iso))
        continue;

      items_add (b->stats->vouchers_by_kind, poe_record_get_string (voucher, "kind"), 1);
      if (poe_amount_parse (poe_record_get_string (voucher, "amount"), &cents, NULL))
        add_money (b->stats->voucher_costs, poe_record_get_string (voucher, "currency"), cents);
    }

  return TRUE;
}

static double
entry_hours (PoeRecord *entry)
{
  const char *end = poe_record_get_string (entry, "end");
  double minutes;

  if (end == NULL || (minutes = minutes_between (poe_record_get_string (entry, "start"), end)) < 0)
    return 0;

  minutes -= (double) poe_record_get_int (entry, "break_minutes");
  return MAX (minutes, 0) / 60.0;
}

static gboolean
add_staff (Builder  *b,
           GError  **error)
{
  g_autoptr(GPtrArray) staff = poe_store_list (b->store, "staff", "poe", b->stats->poe, error);
  g_autoptr(GDateTime) earlier = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GHashTable) on_duty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (staff == NULL)
    return FALSE;

  for (guint i = 0; i < staff->len; i++)
    {
      g_autoptr(GPtrArray) entries = NULL;

      entries = poe_store_list_time_entries (b->store, poe_record_get_id (g_ptr_array_index (staff, i)),
                                             b->stats->from, b->stats->to, error);
      if (entries == NULL)
        return FALSE;
      for (guint j = 0; j < entries->len; j++)
        b->stats->hours_worked += entry_hours (g_ptr_array_index (entries, j));
    }

  /* Shifts are at most a day long: those starting up to a day before can overlap. */
  earlier = g_date_time_add_days (b->stats->from, -1);
  if (!(shifts = poe_store_list_shifts_between (b->store, earlier, b->stats->to, error)))
    return FALSE;
  for (guint i = 0; i < shifts->len; i++)
    {
      PoeRecord *shift = g_ptr_array_index (shifts, i);
      const char *staff_id = poe_record_get_string (shift, "staff_id");

      if (staff_id != NULL && g_strcmp0 (poe_record_get_string (shift, "poe"), b->stats->poe) == 0 &&
          g_strcmp0 (poe_record_get_string (shift, "planned_end"), b->from_iso) > 0)
        g_hash_table_add (on_duty, g_strdup (staff_id));
    }
  b->stats->n_staff_on_duty = g_hash_table_size (on_duty);

  return TRUE;
}

static PoeStats *
stats_new (const char *poe,
           GDateTime  *from,
           GDateTime  *to)
{
  PoeStats *stats = g_new0 (PoeStats, 1);

  g_atomic_ref_count_init (&stats->ref_count);
  stats->poe = g_strdup (poe);
  stats->from = g_date_time_ref (from);
  stats->to = g_date_time_ref (to);
  stats->families_by_branch = items_new (branches);
  stats->incidents_by_category = items_new (NULL);
  stats->incidents_by_severity = items_new (severities);
  stats->vouchers_by_kind = items_new (NULL);
  stats->voucher_costs = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_money_free);
  stats->persons_by_bucket = items_new (NULL);
  stats->connection_rate = -1;
  stats->avg_landing_to_cbp = -1;
  stats->avg_cbp_to_handoff = -1;

  return stats;
}

static void
finish_averages (Builder *b)
{
  PoeStats *stats = b->stats;
  guint decided = stats->n_connections_made + stats->n_connections_missed;

  if (decided > 0)
    stats->connection_rate = (double) stats->n_connections_made / decided;
  if (stats->n_landing_to_cbp > 0)
    stats->avg_landing_to_cbp = b->landing_to_cbp_sum / stats->n_landing_to_cbp;
  if (stats->n_cbp_to_handoff > 0)
    stats->avg_cbp_to_handoff = b->cbp_to_handoff_sum / stats->n_cbp_to_handoff;
}


/*
 * Public API
 */

PoeStats *
poe_stats_ref (PoeStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  g_atomic_ref_count_inc (&stats->ref_count);
  return stats;
}

void
poe_stats_unref (PoeStats *stats)
{
  g_return_if_fail (stats != NULL);

  if (!g_atomic_ref_count_dec (&stats->ref_count))
    return;

  g_free (stats->poe);
  g_date_time_unref (stats->from);
  g_date_time_unref (stats->to);
  g_ptr_array_unref (stats->families_by_branch);
  g_ptr_array_unref (stats->incidents_by_category);
  g_ptr_array_unref (stats->incidents_by_severity);
  g_ptr_array_unref (stats->vouchers_by_kind);
  g_ptr_array_unref (stats->voucher_costs);
  g_ptr_array_unref (stats->persons_by_bucket);
  g_free (stats);
}

/**
 * poe_stats_compute:
 * @poe: the IATA code of the port of entry
 * @from: start of the period, inclusive
 * @to: end of the period, exclusive
 *
 * Returns: (transfer full): the statistics of the period, or %NULL with @error set
 */
PoeStats *
poe_stats_compute (PoeStore    *store,
                   const char  *poe,
                   GDateTime   *from,
                   GDateTime   *to,
                   GError     **error)
{
  g_autoptr(PoeStats) stats = NULL;
  g_autoptr(GHashTable) flights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  Builder b;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (poe != NULL && from != NULL && to != NULL, NULL);

  stats = stats_new (poe, from, to);
  if (!(zone = zone_for_poe (store, poe, error)))
    return NULL;
  from_iso = poe_time_format_iso8601 (from);
  to_iso = poe_time_format_iso8601 (to);
  b = (Builder) { store, stats, zone, from_iso, to_iso, FALSE, 0, 0, flights };

  init_buckets (&b);
  if (!add_families (&b, error) || !add_incidents_and_anomalies (&b, error) ||
      !add_vouchers (&b, error) || !add_staff (&b, error))
    return NULL;
  finish_averages (&b);

  return g_steal_pointer (&stats);
}

/**
 * poe_stats_compute_shift:
 * @shift: a roster shift
 *
 * The review of one shift: the statistics of its planned time window.
 *
 * Returns: (transfer full): the statistics, or %NULL with @error set
 */
PoeStats *
poe_stats_compute_shift (PoeStore   *store,
                         PoeRecord  *shift,
                         GError    **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (POE_IS_RECORD (shift), NULL);

  start = poe_record_dup_time (shift, "planned_start");
  end = poe_record_dup_time (shift, "planned_end");

  return poe_stats_compute (store, poe_record_get_string (shift, "poe"), start, end, error);
}

/**
 * poe_stats_item_get:
 *
 * Returns: the value of @key in @items, 0 when it is not there
 */
double
poe_stats_item_get (GPtrArray  *items,
                    const char *key)
{
  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    {
      PoeStatsItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->key, key) == 0)
        return item->value;
    }

  return 0;
}
