/* poe-shifts-labels.c
 *
 * The words of the shifts page: time entry and leave states, leave kinds, durations as hours
 * and minutes, times at the POE, and the POE's time zone the page counts days and weeks in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-shifts-labels.h"

typedef struct
{
  const char *code;
  const char *label;
} Label;


/*
 * Auxiliary methods
 */

static const char *
lookup (const Label *labels,
        gsize        n_labels,
        const char  *code)
{
  for (gsize i = 0; code != NULL && i < n_labels; i++)
    {
      if (g_str_equal (labels[i].code, code))
        return _(labels[i].label);
    }

  return code != NULL ? code : "";
}


/*
 * Public API
 */

const char *
poe_shifts_entry_state_label (const char *state)
{
  /* Translators: states of a time entry */
  static const Label states[] = {
    { "draft", N_("Draft") },
    { "submitted", N_("Submitted") },
    { "approved", N_("Approved") },
    { "rejected", N_("Returned") },
    { "locked", N_("Locked") },
  };

  return lookup (states, G_N_ELEMENTS (states), state);
}

const char *
poe_shifts_leave_state_label (const char *state)
{
  /* Translators: states of a leave request */
  static const Label states[] = {
    { "requested", N_("Requested") },
    { "approved", N_("Approved") },
    { "rejected", N_("Declined") },
    { "cancelled", N_("Cancelled") },
  };

  return lookup (states, G_N_ELEMENTS (states), state);
}

const char *
poe_shifts_leave_kind_label (const char *kind)
{
  /* Translators: kinds of leave */
  static const Label kinds[] = {
    { "annual", N_("Annual leave") },
    { "sick", N_("Sick leave") },
    { "training", N_("Training") },
    { "unpaid", N_("Unpaid leave") },
    { "other", N_("Other leave") },
  };

  return lookup (kinds, G_N_ELEMENTS (kinds), kind);
}

/**
 * poe_shifts_format_duration:
 *
 * Returns: (transfer full): @minutes as "8 h 05"
 */
char *
poe_shifts_format_duration (gint64 minutes)
{
  gint64 whole = ABS (minutes);

  /* Translators: a duration in hours and minutes, like "8 h 05" */
  return g_strdup_printf (_("%s%" G_GINT64_FORMAT " h %02d"), minutes < 0 ? "−" : "", whole / 60,
                          (int) (whole % 60));
}

/**
 * poe_shifts_format_time:
 * @format: a g_date_time_format() format
 *
 * Returns: (transfer full): @time at the POE; "" for %NULL
 */
char *
poe_shifts_format_time (GDateTime  *time,
                        GTimeZone  *zone,
                        const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (time, zone);

  return g_date_time_format (local, format);
}

