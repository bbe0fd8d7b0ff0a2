/* poe-stats-csv.c
 *
 * The statistics of a period as CSV (section, key, value), as the Reports page exports
 * them: the period, the totals, each breakdown and the voucher costs by currency; an
 * unknown average is an empty value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-stats"

#include "config.h"

#include <math.h>

#include "poe-csv.h"
#include "poe-stats.h"


/*
 * Auxiliary methods
 */

static void
csv_row (PoeCsvWriter *writer,
         const char   *section,
         const char   *key,
         const char   *value)
{
  const char *row[] = { section, key, value };

  poe_csv_writer_add_row (writer, row, 3);
}

static void
csv_number (PoeCsvWriter *writer,
            const char   *section,
            const char   *key,
            double        value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    csv_row (writer, section, key, "");
  else if (value == floor (value))
    csv_row (writer, section, key, g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));
  else
    csv_row (writer, section, key, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static void
csv_items (PoeCsvWriter *writer,
           const char   *section,
           GPtrArray    *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      PoeStatsItem *item = g_ptr_array_index (items, i);

      csv_number (writer, section, item->key, item->value);
    }
}


/*
 * Public API
 */

/**
 * poe_stats_to_csv:
 *
 * The statistics as CSV rows of section, key and value; unknown averages are empty.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes *
poe_stats_to_csv (PoeStats *stats)
{
  g_autoptr(PoeCsvWriter) writer = poe_csv_writer_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  from = poe_time_format_iso8601 (stats->from);
  to = poe_time_format_iso8601 (stats->to);
  csv_row (writer, "section", "key", "value");
  csv_row (writer, "period", "poe", stats->poe);
  csv_row (writer, "period", "from", from);
  csv_row (writer, "period", "to", to);
  csv_number (writer, "totals", "arrivals", stats->n_arrivals);
  csv_number (writer, "totals", "families", stats->n_families);
  csv_number (writer, "totals", "persons", stats->n_persons);
  csv_number (writer, "totals", "connections_made", stats->n_connections_made);
  csv_number (writer, "totals", "connections_missed", stats->n_connections_missed);
  csv_number (writer, "totals", "connection_rate", stats->connection_rate);
  csv_number (writer, "totals", "avg_landing_to_cbp_minutes", stats->avg_landing_to_cbp);
  csv_number (writer, "totals", "avg_cbp_to_handoff_minutes", stats->avg_cbp_to_handoff);
  csv_number (writer, "totals", "incidents", stats->n_incidents);
  csv_number (writer, "totals", "hours_worked", stats->hours_worked);
  csv_number (writer, "totals", "handoffs_open", stats->n_handoffs_open);
  csv_number (writer, "totals", "anomalies_sent", stats->n_anomalies_sent);
  csv_number (writer, "totals", "staff_on_duty", stats->n_staff_on_duty);
  csv_items (writer, "families_by_branch", stats->families_by_branch);
  csv_items (writer, "incidents_by_category", stats->incidents_by_category);
  csv_items (writer, "incidents_by_severity", stats->incidents_by_severity);
  csv_items (writer, "vouchers_by_kind", stats->vouchers_by_kind);
  for (guint i = 0; i < stats->voucher_costs->len; i++)
    {
      PoeStatsMoney *money = g_ptr_array_index (stats->voucher_costs, i);
      g_autofree char *amount = poe_amount_format (money->cents);

      csv_row (writer, "voucher_cost", money->currency, amount);
    }
  csv_items (writer, "persons_by_bucket", stats->persons_by_bucket);

  return poe_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}
