/* poe-my-families.c
 *
 * The signed-in agent's open families by what is due next: a connection's departure
 * (estimated, else scheduled), the onward departure after an overnight stay, or the planned
 * hand-over POE_DUE_HANDOVER_MINUTES after gate-in for a family at its final destination.
 * Handed-over, closed and no-show cases are done and left out. Times are instants; the
 * views tell them at the POE (poe_store_dup_poe_time_zone()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-my-families"

#include "config.h"

#include "poe-my-families.h"


/*
 * Auxiliary methods
 */

static GDateTime *
dup_first_time (PoeRecord          *record,
                const char * const *fields)
{
  for (guint i = 0; record != NULL && fields[i] != NULL; i++)
    {
      GDateTime *time = poe_record_dup_time (record, fields[i]);

      if (time != NULL)
        return time;
    }

  return NULL;
}

static gboolean
is_open (PoeRecord *kase)
{
  static const char * const done[] = { "handed_over", "closed", "no_show", NULL };

  return !g_strv_contains (done, poe_record_get_string (kase, "status") ?: "");
}

static gboolean
is_assigned (PoeRecord  *kase,
             const char *staff_id)
{
  const char * const *assigned = poe_record_get_strv (kase, "assigned_staff_ids");

  return assigned != NULL && g_strv_contains (assigned, staff_id);
}

/* The earliest onward departure of the family's domestic connections. */
static GDateTime *
dup_onward_departure (GPtrArray *segments)
{
  static const char * const fields[] = { "estimated_departure", "scheduled_departure", NULL };
  GDateTime *earliest = NULL;

  for (guint i = 0; i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);
      GDateTime *departure;

      if (g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") != 0 ||
          g_strcmp0 (poe_record_get_string (segment, "status"), "cancelled") == 0 ||
          !(departure = dup_first_time (segment, fields)))
        continue;
      if (earliest == NULL || g_date_time_compare (departure, earliest) < 0)
        {
          g_clear_pointer (&earliest, g_date_time_unref);
          earliest = departure;
        }
      else
        g_date_time_unref (departure);
    }

  return earliest;
}

static PoeDueFamily *
due_family_new (PoeStore   *store,
                PoeRecord  *kase,
                GError    **error)
{
  static const char * const arrival_fields[] = { "actual_arrival", "estimated_arrival", "scheduled_arrival", NULL };
  g_autoptr(PoeDueFamily) family = g_new0 (PoeDueFamily, 1);
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  const char *branch = poe_record_get_string (kase, "branch");
  const char *flight_id = poe_record_get_string (kase, "inbound_flight_id");

  if (!(segments = poe_store_list_segments_for_case (store, poe_record_get_id (kase), error)))
    return NULL;
  if (flight_id != NULL && !(flight = poe_store_get (store, "flight", flight_id, error)))
    return NULL;

  family->case_id = g_strdup (poe_record_get_id (kase));
  family->case_number = g_strdup (poe_record_get_string (kase, "case_number"));
  if (flight != NULL)
    {
      family->flight = g_strdup_printf ("%s %s", poe_record_get_string (flight, "carrier"),
                                        poe_record_get_string (flight, "number"));
      family->arrival = dup_first_time (flight, arrival_fields);
    }

  if (g_strcmp0 (branch, "final") != 0 && (family->due_at = dup_onward_departure (segments)) != NULL)
    family->due_kind = g_strcmp0 (branch, "connect") == 0 ? POE_DUE_CONNECTION : POE_DUE_ONWARD;
  else
    {
      family->due_kind = POE_DUE_HANDOVER;
      family->due_at = family->arrival ? g_date_time_add_minutes (family->arrival, POE_DUE_HANDOVER_MINUTES) : NULL;
    }

  return g_steal_pointer (&family);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const PoeDueFamily *x = *(PoeDueFamily * const *) a;
  const PoeDueFamily *y = *(PoeDueFamily * const *) b;
  int cmp;

  if (x->due_at == NULL || y->due_at == NULL)
    cmp = (x->due_at == NULL) - (y->due_at == NULL);
  else
    cmp = g_date_time_compare (x->due_at, y->due_at);

  return cmp != 0 ? cmp : g_strcmp0 (x->case_number, y->case_number);
}


/*
 * Public API
 */

void
poe_due_family_free (PoeDueFamily *family)
{
  if (family == NULL)
    return;

  g_free (family->case_id);
  g_free (family->case_number);
  g_free (family->flight);
  g_clear_pointer (&family->arrival, g_date_time_unref);
  g_clear_pointer (&family->due_at, g_date_time_unref);
  g_free (family);
}

/**
 * poe_store_list_my_families:
 * @staff_id: the signed-in staff member
 *
 * Returns: (transfer container) (element-type PoeDueFamily) (nullable): the open cases
 *   assigned to @staff_id, soonest due first (unknown times last, then by case number);
 *   %NULL with @error set when the store cannot be read
 */
GPtrArray *
poe_store_list_my_families (PoeStore    *store,
                            const char  *staff_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_due_family_free);
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  if (!(cases = poe_store_list (store, "case", NULL, NULL, error)))
    return NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      PoeDueFamily *family;

      if (!is_open (kase) || !is_assigned (kase, staff_id))
        continue;
      if (!(family = due_family_new (store, kase, error)))
        return NULL;
      g_ptr_array_add (result, family);
    }

  g_ptr_array_sort (result, compare_due);
  return g_steal_pointer (&result);
}

/**
 * poe_due_family_minutes_left:
 *
 * Returns: whole minutes from @now to what is due (negative once past), rounded down;
 *   G_MAXINT when the time is unknown
 */
int
poe_due_family_minutes_left (const PoeDueFamily *family,
                             GDateTime          *now)
{
  GTimeSpan span;

  g_return_val_if_fail (family != NULL && now != NULL, G_MAXINT);

  if (family->due_at == NULL)
    return G_MAXINT;

  span = g_date_time_difference (family->due_at, now);
  return (int) (span / G_TIME_SPAN_MINUTE - (span % G_TIME_SPAN_MINUTE < 0 ? 1 : 0));
}
