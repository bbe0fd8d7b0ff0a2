/* poe-labels.c
 *
 * Words for the data model's names as users read them: an entity ("case" is a Family), a
 * field name made readable, and a time of the sync protocol in the local time zone. The
 * conflicts inbox and the sync status speak of changes with these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-record.h"

#include "poe-labels.h"

static const struct {
  const char *entity;
  const char *label;
} entity_labels[] = {
  { "poe", N_("Port of entry") },
  { "flight", N_("Flight") },
  { "case", N_("Family") },
  { "person", N_("Family member") },
  { "segment", N_("Onward travel") },
  { "checklist_event", N_("Checklist step") },
  { "handoff", N_("Hand-off") },
  { "voucher", N_("Voucher") },
  { "anomaly", N_("Anomaly report") },
  { "incident", N_("Incident report") },
  { "incident_comment", N_("Incident comment") },
  { "staff", N_("Staff member") },
  { "shift", N_("Shift") },
  { "time_entry", N_("Time entry") },
  { "leave_request", N_("Leave request") },
};

const char *
poe_entity_label (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    {
      if (g_strcmp0 (entity_labels[i].entity, entity) == 0)
        return _(entity_labels[i].label);
    }

  return _("Change");
}

/* "final_destination" → "Final destination" */
char *
poe_field_label (const char *field)
{
  g_autofree char *text = g_strdup (field != NULL ? field : "");

  g_strdelimit (text, "_", ' ');
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);

  return g_steal_pointer (&text);
}

/**
 * poe_format_time:
 * @zone: the POE's, from poe_store_dup_poe_time_zone()
 * @format: a g_date_time_format() format, such as "%H:%M"
 *
 * Returns: (transfer full): @iso8601 in @zone; "" when it is not a time
 */
char *
poe_format_time (const char *iso8601,
                 GTimeZone  *zone,
                 const char *format)
{
  g_autoptr(GDateTime) time = poe_time_parse_iso8601 (iso8601);
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_timezone (time, zone) : NULL;

  return local != NULL ? g_date_time_format (local, format) : g_strdup ("");
}
