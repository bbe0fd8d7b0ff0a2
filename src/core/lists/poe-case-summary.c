/* poe-case-summary.c
 *
 * The summaries of families and flights the lists hold: flight summaries made from a record
 * or from a query's columns, the reference count that lets the board and the family lists
 * share a family's summary, the member look-up by hash, and the connection risk of a family.
 * The queries that fill family summaries are in poe-store-board.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-summary"

#include "config.h"

#include <string.h>

#include "poe-case-summary.h"

/* The summary strings of a flight: their places, in the order of
 * poe_flight_summary_new_from_values(), and their record fields (the id has none). */
static const struct {
  gsize       offset;
  const char *name;
} flight_fields[] = {
  { G_STRUCT_OFFSET (PoeFlightSummary, id), NULL },
  { G_STRUCT_OFFSET (PoeFlightSummary, carrier), "carrier" },
  { G_STRUCT_OFFSET (PoeFlightSummary, number), "number" },
  { G_STRUCT_OFFSET (PoeFlightSummary, origin), "origin" },
  { G_STRUCT_OFFSET (PoeFlightSummary, status), "status" },
  { G_STRUCT_OFFSET (PoeFlightSummary, scheduled_arrival), "scheduled_arrival" },
  { G_STRUCT_OFFSET (PoeFlightSummary, estimated_arrival), "estimated_arrival" },
  { G_STRUCT_OFFSET (PoeFlightSummary, actual_arrival), "actual_arrival" },
  { G_STRUCT_OFFSET (PoeFlightSummary, gate), "gate" },
  { G_STRUCT_OFFSET (PoeFlightSummary, belt), "belt" },
};

#define FLIGHT_FIELD(summary, i) (*(char **) (gpointer) ((char *) (summary) + flight_fields[i].offset))


/*
 * Auxiliary methods
 */

static gsize
string_size (const char *string)
{
  return string ? strlen (string) + 1 : 0;
}


/*
 * Public API
 */

/**
 * poe_flight_summary_new_from_values:
 * @values: (array fixed-size=10): the fields in the order of #PoeFlightSummary: id, carrier,
 *   number, origin, status, scheduled, estimated and actual arrival, gate, belt; any may be
 *   %NULL but the id
 *
 * Returns: (transfer full): one block holding the struct and copies of @values
 */
PoeFlightSummary *
poe_flight_summary_new_from_values (const char * const *values)
{
  PoeFlightSummary *summary;
  gsize size = sizeof (PoeFlightSummary);
  char *cursor;

  g_return_val_if_fail (values != NULL && values[0] != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (flight_fields); i++)
    size += string_size (values[i]);

  summary = g_malloc (size);
  cursor = (char *) (summary + 1);
  for (guint i = 0; i < G_N_ELEMENTS (flight_fields); i++)
    {
      gsize n = string_size (values[i]);

      FLIGHT_FIELD (summary, i) = values[i] ? memcpy (cursor, values[i], n) : NULL;
      cursor += n;
    }

  return summary;
}

PoeFlightSummary *
poe_flight_summary_new_from_record (PoeRecord *flight)
{
  const char *values[G_N_ELEMENTS (flight_fields)];

  g_return_val_if_fail (POE_IS_RECORD (flight), NULL);

  values[0] = poe_record_get_id (flight);
  for (guint i = 1; i < G_N_ELEMENTS (flight_fields); i++)
    values[i] = poe_record_get_string (flight, flight_fields[i].name);

  return poe_flight_summary_new_from_values (values);
}

void
poe_flight_summary_free (PoeFlightSummary *summary)
{
  g_free (summary);
}

PoeCaseSummary *
poe_case_summary_ref (PoeCaseSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  g_ref_count_inc (&summary->ref_count);
  return summary;
}

void
poe_case_summary_unref (PoeCaseSummary *summary)
{
  if (summary == NULL || !g_ref_count_dec (&summary->ref_count))
    return;

  if (summary->flight_id != NULL)
    g_ref_string_release ((char *) summary->flight_id);
  g_free (summary);
}

/**
 * poe_case_summary_has_member:
 * @hashes: a set of g_str_hash() values of person or segment ids, as GUINT_TO_POINTER()
 *
 * Returns: whether a member or segment of the family may have one of those ids
 */
gboolean
poe_case_summary_has_member (const PoeCaseSummary *summary,
                             GHashTable           *hashes)
{
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (hashes != NULL, FALSE);

  for (guint i = 0; i < summary->n_member_hashes; i++)
    if (g_hash_table_contains (hashes, GUINT_TO_POINTER (summary->member_hashes[i])))
      return TRUE;

  return FALSE;
}

/**
 * poe_risk_input_init_for_flight:
 * @input: (out caller-allocates): the input to fill
 * @flight: (nullable): the inbound flight
 * @now: the current time
 *
 * Fills the inbound half of a #PoeRiskInput once per flight, for
 * poe_case_summary_compute_risk() on each of its families. Release with
 * poe_risk_input_clear_flight().
 */
void
poe_risk_input_init_for_flight (PoeRiskInput           *input,
                                const PoeFlightSummary *flight,
                                GDateTime              *now)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (now != NULL);

  *input = (PoeRiskInput) { .now = g_date_time_ref (now) };
  if (flight == NULL)
    return;

  input->inbound_scheduled = poe_time_parse_iso8601 (flight->scheduled_arrival);
  input->inbound_estimated = poe_time_parse_iso8601 (flight->estimated_arrival);
  input->inbound_actual = poe_time_parse_iso8601 (flight->actual_arrival);
  input->inbound_cancelled = g_strcmp0 (flight->status, "cancelled") == 0;
}

void
poe_risk_input_clear_flight (PoeRiskInput *input)
{
  g_return_if_fail (input != NULL);

  g_clear_pointer (&input->now, g_date_time_unref);
  g_clear_pointer (&input->inbound_scheduled, g_date_time_unref);
  g_clear_pointer (&input->inbound_estimated, g_date_time_unref);
  g_clear_pointer (&input->inbound_actual, g_date_time_unref);
}

/**
 * poe_case_summary_compute_risk:
 * @flight_input: from poe_risk_input_init_for_flight() for the family's inbound flight
 *
 * The family's connection risk with poe_risk_compute(). Only families on the connect
 * branch have a connection to miss. Each list keeps the level it computed (at its own
 * "now"), so the summary it shares stays as it was read.
 *
 * Returns: the risk level
 */
PoeRiskLevel
poe_case_summary_compute_risk (const PoeCaseSummary *summary,
                               const PoeRiskInput   *flight_input,
                               const PoeRiskBuffers *buffers)
{
  g_autoptr(GDateTime) departure = NULL;
  g_autoptr(GDateTime) estimate = NULL;
  g_auto(PoeRiskResult) result = { 0 };
  PoeRiskInput input;

  g_return_val_if_fail (summary != NULL, POE_RISK_NONE);
  g_return_val_if_fail (flight_input != NULL && buffers != NULL, POE_RISK_NONE);

  input = *flight_input;
  input.has_onward = g_strcmp0 (summary->branch, "connect") == 0;
  if (summary->has_onward_departure)
    input.onward_scheduled_departure = departure = g_date_time_new_from_unix_utc (summary->onward_departure);
  if (summary->has_onward_estimate)
    input.onward_estimated_departure = estimate = g_date_time_new_from_unix_utc (summary->onward_estimate);
  input.onward_cancelled = summary->onward_cancelled;
  poe_checklist_progress_fill_risk_input (&summary->progress, &input);
  input.n_wheelchair = summary->n_wheelchair;
  input.n_medical = summary->n_medical;

  poe_risk_compute (&input, buffers, &result);
  return result.level;
}
