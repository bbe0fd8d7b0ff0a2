/* poe-incident-labels.c
 *
 * The words of incidents and anomaly reports: category, severity (with a style class that
 * goes with the word, never instead of it), status and anomaly kind, each from the schema's
 * codes; the positions of those codes in the forms' combo rows; and the local time the
 * incident forms show and read back ("2026-11-24 14:05"), in the POE's time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incident-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <stdio.h>

#include "poe-incident-labels.h"

typedef struct
{
  const char *code;
  const char *label;
} Label;

static const Label categories[] = {
  /* Translators: incident categories */
  { "medical", N_("Medical") },
  { "lost_documents", N_("Lost documents") },
  { "lost_baggage", N_("Lost baggage") },
  { "cbp_secondary_delay", N_("CBP secondary delay") },
  { "missed_connection", N_("Missed connection") },
  { "safeguarding", N_("Safeguarding") },
  { "security", N_("Security") },
  { "staff_safety", N_("Staff safety") },
  { "data_breach", N_("Data breach") },
  { "other", N_("Other") },
};

static const Label severities[] = {
  /* Translators: incident severities */
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { "critical", N_("Critical") },
};

static const Label statuses[] = {
  /* Translators: incident statuses */
  { "draft", N_("Draft") },
  { "open", N_("Open") },
  { "under_review", N_("Under review") },
  { "closed", N_("Closed") },
};

static const Label kinds[] = {
  /* Translators: kinds of anomaly report about a flight or a family's travel */
  { "delay", N_("Delay") },
  { "misconnect", N_("Missed connection") },
  { "cancellation", N_("Cancellation") },
  { "diversion", N_("Diversion") },
  { "denied_boarding", N_("Denied boarding") },
  { "no_show", N_("No-show") },
  { "other", N_("Other") },
};


/*
 * Auxiliary methods
 */

static const char *
lookup (const Label *labels,
        guint        n_labels,
        const char  *code)
{
  for (guint i = 0; code != NULL && i < n_labels; i++)
    {
      if (g_str_equal (labels[i].code, code))
        return _(labels[i].label);
    }

  return code;
}


/*
 * Public API
 */

/**
 * poe_incident_enum_values:
 *
 * Returns: (transfer none): the schema's values of an enum field, in schema order
 */
const char * const *
poe_incident_enum_values (const char *entity,
                          const char *field)
{
  const PoeFieldInfo *info = poe_entity_lookup_field (poe_schema_lookup_entity (entity), field);

  g_return_val_if_fail (info != NULL && info->enum_values != NULL, NULL);

  return info->enum_values;
}

const char *
poe_incident_category_label (const char *category)
{
  return lookup (categories, G_N_ELEMENTS (categories), category);
}

const char *
poe_incident_severity_label (const char *severity)
{
  return lookup (severities, G_N_ELEMENTS (severities), severity);
}

/* A style class that goes with the severity's word, never instead of it. */
const char *
poe_incident_severity_style (const char *severity)
{
  if (g_strcmp0 (severity, "critical") == 0 || g_strcmp0 (severity, "high") == 0)
    return "error";
  if (g_strcmp0 (severity, "medium") == 0)
    return "warning";

  return "dim-label";
}

const char *
poe_incident_status_label (const char *status)
{
  return lookup (statuses, G_N_ELEMENTS (statuses), status);
}

const char *
poe_anomaly_kind_label (const char *kind)
{
  return lookup (kinds, G_N_ELEMENTS (kinds), kind);
}

/**
 * poe_incident_format_time:
 *
 * Returns: (transfer full): @time in @zone as the forms write it, "2026-11-24 14:05"; ""
 *   for %NULL
 */
char *
poe_incident_format_time (GDateTime *time,
                          GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (time, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * poe_incident_parse_time:
 *
 * Reads "2026-11-24 14:05" (or with a "T") as a time in @zone.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text is not one
 */
GDateTime *
poe_incident_parse_time (const char *text,
                         GTimeZone  *zone)
{
  g_autofree char *copy = NULL;
  int year, month, day, hour, minute;
  char sep, end;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (sscanf (copy, "%4d-%2d-%2d%c%2d:%2d%c", &year, &month, &day, &sep, &hour, &minute, &end) != 6 ||
      (sep != ' ' && sep != 'T'))
    return NULL;

  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return NULL;

  /* g_date_time_new() validates the calendar date. */
  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

/**
 * poe_incident_code_at:
 * @values: the codes of a list whose first item means "none" ("All", "Choose …")
 * @position: the list's selected position
 *
 * Returns: (nullable): the code at @position, %NULL for the first item or none selected
 */
const char *
poe_incident_code_at (const char * const *values,
                      guint               position)
{
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > g_strv_length ((char **) values))
    return NULL;

  return values[position - 1];
}

/**
 * poe_incident_code_position:
 *
 * Returns: the position of @code in such a list; 0, the "none" item, when it is not there
 */
guint
poe_incident_code_position (const char * const *values,
                            const char         *code)
{
  for (guint i = 0; code != NULL && values[i] != NULL; i++)
    {
      if (g_str_equal (values[i], code))
        return i + 1;
    }

  return 0;
}
