/* poe-arrival-notice.c
 *
 * The arrival notification of a family: per case, whether it arrived (the flight's gate-in),
 * how many members CBP cleared, where it goes on (the connection, the overnight stay or the
 * final destination), to whom and when it was handed over, and the exceptions (the case's
 * anomaly reports, members in secondary). Built from the store as an `arrival_notice` record
 * addressed to the operations centre and the case's resettlement agency, which the sync
 * sends on like any record; then told as label/value rows (times at the case's POE), which
 * the dialog shows and the CSV and PDF writers write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-arrival-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-arrival-notice.h"
#include "poe-csv.h"
#include "poe-custody.h"
#include "poe-report-pdf.h"

static const struct
{
  const char *kind;
  const char *label;
} anomaly_kinds[] = {
  { "delay", N_("Delay") },
  { "misconnect", N_("Missed connection") },
  { "cancellation", N_("Cancellation") },
  { "diversion", N_("Diversion") },
  { "denied_boarding", N_("Denied boarding") },
  { "no_show", N_("No-show") },
  { "other", N_("Other anomaly") },
};


/*
 * Auxiliary methods
 */

static const char *
anomaly_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (anomaly_kinds); i++)
    {
      if (g_strcmp0 (anomaly_kinds[i].kind, kind) == 0)
        return _(anomaly_kinds[i].label);
    }

  return _(anomaly_kinds[G_N_ELEMENTS (anomaly_kinds) - 1].label);
}

static char *
format_time (PoeRecord  *record,
             const char *field,
             GTimeZone  *zone)
{
  g_autoptr(GDateTime) utc = record ? poe_record_dup_time (record, field) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;

  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

static void
set_arrival (PoeRecord *notice,
             PoeRecord *flight)
{
  static const char * const fields[] = { "actual_arrival", "estimated_arrival", NULL };

  for (guint i = 0; flight != NULL && fields[i] != NULL; i++)
    {
      g_autoptr(GDateTime) at = poe_record_dup_time (flight, fields[i]);

      if (at != NULL)
        {
          poe_record_set_time (notice, "arrived_at", at);
          return;
        }
    }
}

static char *
dup_onward (PoeRecord *kase,
            GPtrArray *segments)
{
  const char *branch = poe_record_get_string (kase, "branch");
  const char *destination = poe_record_get_string (kase, "final_destination");

  for (guint i = 0; g_strcmp0 (branch, "connect") == 0 && i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);

      if (g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") == 0)
        /* Translators: the onward flight of a family, "Connecting flight AA 1234 to ORD" */
        return g_strdup_printf (_("Connecting flight %1$s %2$s to %3$s"),
                                poe_record_get_string (segment, "carrier") ?: "",
                                poe_record_get_string (segment, "number") ?: "",
                                poe_record_get_string (segment, "destination") ?: "");
    }

  if (g_strcmp0 (branch, "overnight") == 0)
    return g_strdup (_("Overnight stay before the onward flight"));

  /* Translators: the family's final destination, "Final destination: Columbus, OH" */
  return g_strdup_printf (_("Final destination: %s"), destination ? destination : _("not recorded"));
}

static char *
dup_exceptions (GPtrArray *anomalies,
                guint      n_secondary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < anomalies->len; i++)
    {
      PoeRecord *anomaly = g_ptr_array_index (anomalies, i);
      const char *details = poe_record_get_string (anomaly, "details");

      if (poe_record_get_deleted (anomaly))
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, anomaly_kind_label (poe_record_get_string (anomaly, "kind")));
      if (details != NULL)
        g_string_append_printf (text, ": %s", details);
    }

  if (n_secondary > 0)
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u member in CBP secondary",
                                                 "%u members in CBP secondary", n_secondary), n_secondary);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
set_persons (PoeRecord *notice,
             GPtrArray *persons,
             guint     *n_secondary)
{
  guint cleared = 0;

  *n_secondary = 0;
  for (guint i = 0; i < persons->len; i++)
    {
      const char *status = poe_record_get_string (g_ptr_array_index (persons, i), "cbp_status");

      cleared += g_strcmp0 (status, "cleared") == 0;
      *n_secondary += g_strcmp0 (status, "secondary") == 0;
    }

  poe_record_set_int (notice, "persons", persons->len);
  poe_record_set_int (notice, "persons_cleared", cleared);
}

static void
set_handover (PoeRecord  *notice,
              PoeCustody *custody)
{
  const PoeCustodyHolder *holder = poe_custody_get_holder (custody, NULL);
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *to = NULL;

  if (holder->handoff == NULL || holder->staff_id != NULL)
    return;

  at = poe_record_dup_time (holder->handoff, "acknowledged_at");
  to = holder->organisation ? g_strdup_printf ("%s, %s", holder->name, holder->organisation)
                            : g_strdup (holder->name);
  poe_record_set_string (notice, "handed_over_to", to);
  poe_record_set_time (notice, "handed_over_at", at);
}

static void
add_row (GPtrArray  *rows,
         const char *label,
         char       *value)
{
  g_ptr_array_add (rows, g_strdup (label));
  g_ptr_array_add (rows, value ? value : g_strdup (_("—")));
}

static char *
dup_recipients (PoeRecord *notice)
{
  const char * const *recipients = poe_record_get_strv (notice, "recipients");
  const char *agency = poe_record_get_string (notice, "ra_agency");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      if (g_str_equal (recipients[i], "operations_centre"))
        g_string_append (text, _("Operations centre"));
      else if (agency != NULL)
        /* Translators: a recipient of the notification, "Resettlement agency (HIAS)" */
        g_string_append_printf (text, _("Resettlement agency (%s)"), agency);
      else
        g_string_append (text, _("Resettlement agency"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}


/*
 * Public API
 */

/**
 * poe_arrival_notice_build:
 * @now: the time it is sent
 *
 * Returns: (transfer full): a new, unsaved arrival notice of the case @case_id, addressed to
 *   the operations centre and, when the case names one, its resettlement agency; write it
 *   with poe_store_save()
 */
PoeRecord *
poe_arrival_notice_build (PoeStore    *store,
                          const char  *case_id,
                          GDateTime   *now,
                          GError     **error)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) anomalies = NULL;
  g_autoptr(PoeCustody) custody = NULL;
  g_autoptr(PoeRecord) notice = poe_record_new ("arrival_notice");
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *onward = NULL;
  g_autofree char *exceptions = NULL;
  const char *agency;
  const char *flight_id;
  guint n_secondary;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL && now != NULL, NULL);

  if (!(kase = poe_store_get (store, "case", case_id, error)) ||
      !(persons = poe_store_list_persons_for_case (store, case_id, error)) ||
      !(segments = poe_store_list_segments_for_case (store, case_id, error)) ||
      !(anomalies = poe_store_list (store, "anomaly", "case_id", case_id, error)) ||
      !(custody = poe_custody_load (store, case_id, error)))
    return NULL;

  flight_id = poe_record_get_string (kase, "inbound_flight_id");
  if (flight_id != NULL && !(flight = poe_store_get (store, "flight", flight_id, NULL)))
    g_debug ("The inbound flight of a case is not on this device");

  agency = poe_record_get_string (kase, "ra_agency");
  poe_record_set_id (notice, id);
  poe_record_set_string (notice, "case_id", case_id);
  poe_record_set_strv (notice, "recipients", (const char * const[]) {
    "operations_centre", agency ? "resettlement_agency" : NULL, NULL });
  poe_record_set_string (notice, "ra_agency", agency);
  set_arrival (notice, flight);
  set_persons (notice, persons, &n_secondary);
  onward = dup_onward (kase, segments);
  poe_record_set_string (notice, "onward", onward);
  set_handover (notice, custody);
  exceptions = dup_exceptions (anomalies, n_secondary);
  poe_record_set_string (notice, "exceptions", exceptions);
  poe_record_set_time (notice, "sent_at", now);
  poe_record_set_string (notice, "sent_by", poe_store_get_actor_id (store));

  return g_steal_pointer (&notice);
}

/**
 * poe_arrival_notice_dup_rows:
 * @zone: the case's POE's zone
 *
 * Returns: (transfer full) (element-type utf8): label, value, label, value… of @notice
 */
GPtrArray *
poe_arrival_notice_dup_rows (PoeStore    *store,
                             PoeRecord   *notice,
                             GTimeZone   *zone,
                             GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PoeRecord) kase = NULL;

  g_return_val_if_fail (POE_IS_RECORD (notice), NULL);

  if (!(kase = poe_store_get (store, "case", poe_record_get_string (notice, "case_id"), error)))
    return NULL;

  add_row (rows, _("Case"), g_strdup (poe_record_get_string (kase, "case_number")));
  add_row (rows, _("To"), dup_recipients (notice));
  add_row (rows, _("Arrived"), format_time (notice, "arrived_at", zone));
  /* Translators: how many members CBP cleared, "3 of 4" */
  add_row (rows, _("Cleared by CBP"), g_strdup_printf (_("%1$u of %2$u"),
                                                       (guint) poe_record_get_int (notice, "persons_cleared"),
                                                       (guint) poe_record_get_int (notice, "persons")));
  add_row (rows, _("Onward"), g_strdup (poe_record_get_string (notice, "onward")));
  add_row (rows, _("Handed over to"), g_strdup (poe_record_get_string (notice, "handed_over_to")));
  add_row (rows, _("Handed over at"), format_time (notice, "handed_over_at", zone));
  add_row (rows, _("Exceptions"), g_strdup (poe_record_get_string (notice, "exceptions") ?: _("None")));
  add_row (rows, _("Sent"), format_time (notice, "sent_at", zone));

  return g_steal_pointer (&rows);
}

/**
 * poe_arrival_notice_to_csv:
 * @rows: from poe_arrival_notice_dup_rows()
 *
 * Returns: (transfer full): a two-column CSV, field and value
 */
GBytes *
poe_arrival_notice_to_csv (GPtrArray *rows)
{
  PoeCsvWriter *writer = poe_csv_writer_new ();

  g_return_val_if_fail (rows != NULL && rows->len % 2 == 0, NULL);

  poe_csv_writer_add_row (writer, (const char * const[]) { _("Field"), _("Value") }, 2);
  for (guint i = 0; i < rows->len; i += 2)
    poe_csv_writer_add_row (writer, (const char * const[]) { rows->pdata[i], rows->pdata[i + 1] }, 2);

  return poe_csv_writer_free_to_bytes (writer);
}

/**
 * poe_arrival_notice_to_pdf:
 * @rows: from poe_arrival_notice_dup_rows()
 *
 * Returns: (transfer full): an A4 PDF of the notification, or %NULL with @error set
 */
GBytes *
poe_arrival_notice_to_pdf (GPtrArray  *rows,
                           GError    **error)
{
  g_return_val_if_fail (rows != NULL && rows->len % 2 == 0, NULL);

  return poe_report_pdf_render_rows (_("Arrival notification"), (const char * const *) rows->pdata,
                                     rows->len / 2, error);
}
