/* poe-family-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-labels.h"
#include "poe-member-label.h"

typedef struct
{
  const char *code;
  const char *label;
  const char *extra;  /* icon name or style class */
} CodeLabel;

static const CodeLabel branches[] = {
  /* Translators: the onward branch of a family: a domestic flight the same day */
  { "connect", N_("Connecting flight") },
  /* Translators: the onward branch of a family: a hotel night before the onward flight */
  { "overnight", N_("Overnight stay") },
  /* Translators: the onward branch of a family: this airport is their final destination */
  { "final", N_("Final destination") },
};

static const CodeLabel sensitivities[] = {
  { "none", NULL },
  /* Translators: sensitivity badge of a family case */
  { "at_risk", N_("At risk") },
  /* Translators: sensitivity badge: unaccompanied refugee minor */
  { "urm", N_("Unaccompanied minor (URM)") },
  /* Translators: sensitivity badge: a protection case with safety concerns */
  { "protection", N_("Protection case") },
};

static const CodeLabel cbp_statuses[] = {
  /* Translators: CBP (immigration) status of a person */
  { "pending", N_("CBP pending"), NULL },
  /* Translators: CBP status: primary inspection passed */
  { "primary_cleared", N_("Primary cleared"), "accent" },
  /* Translators: CBP status: referred to secondary inspection */
  { "secondary", N_("In secondary"), "warning" },
  /* Translators: CBP status: admitted */
  { "cleared", N_("CBP cleared"), "success" },
  /* Translators: CBP status: refused admission */
  { "refused", N_("Refused"), "error" },
  /* Translators: a member recorded as not on the flight (no-show) */
  { "no_show", N_("Not on the flight"), "error" },
};

static const CodeLabel ssr_codes[] = {
  /* Translators: airline special service request (SSR) codes */
  { "WCHR", N_("Wheelchair to the aircraft door"), "preferences-desktop-accessibility-symbolic" },
  { "WCHS", N_("Wheelchair, cannot climb steps"), "preferences-desktop-accessibility-symbolic" },
  { "WCHC", N_("Wheelchair to the seat"), "preferences-desktop-accessibility-symbolic" },
  { "MEDA", N_("Medical case"), "emblem-important-symbolic" },
  { "UMNR", N_("Unaccompanied minor"), "avatar-default-symbolic" },
  { "INFT", N_("Infant"), "avatar-default-symbolic" },
  { "LANG", N_("Needs an interpreter"), "preferences-desktop-locale-symbolic" },
  { "BLND", N_("Blind or low vision"), "view-conceal-symbolic" },
  { "DEAF", N_("Deaf or hard of hearing"), "audio-volume-muted-symbolic" },
  { "DPNA", N_("Disabled, needs assistance"), "dialog-information-symbolic" },
  { "STCR", N_("Stretcher"), "emblem-important-symbolic" },
  { "PETC", N_("Pet in the cabin"), "face-smile-symbolic" },
  { "MAAS", N_("Meet and assist"), "dialog-information-symbolic" },
};

static const CodeLabel documents[] = {
  /* Translators: documents a refugee family carries */
  { "iom_bag", N_("IOM bag") },
  { "boarding_letter", N_("Boarding letter") },
  { "i94", N_("I-94") },
  { "tsa_letter", N_("TSA letter") },
  { "passport", N_("Passport") },
  { "medical_envelope", N_("Medical envelope") },
};

static const CodeLabel travel_statuses[] = {
  /* Translators: status of a flight or onward segment */
  { "scheduled", N_("Scheduled") },
  { "en_route", N_("En route") },
  { "delayed", N_("Delayed") },
  { "landed", N_("Landed") },
  { "arrived", N_("Arrived") },
  { "cancelled", N_("Cancelled") },
  { "diverted", N_("Diverted") },
  { "boarding", N_("Boarding") },
  { "departed", N_("Departed") },
  { "missed", N_("Missed") },
};


/*
 * Auxiliary methods
 */

static const CodeLabel *
lookup (const CodeLabel *table,
        gsize            n,
        const char      *code)
{
  for (gsize i = 0; code != NULL && i < n; i++)
    {
      if (g_str_equal (table[i].code, code))
        return &table[i];
    }

  return NULL;
}

static const char *
label_or_code (const CodeLabel *entry,
               const char      *code)
{
  if (entry == NULL)
    return code ? code : "";

  return entry->label ? _(entry->label) : NULL;
}


/*
 * Public API
 */

const char *
poe_family_branch_label (const char *branch)
{
  return label_or_code (lookup (branches, G_N_ELEMENTS (branches), branch), branch);
}

/**
 * poe_family_sensitivity_label:
 *
 * Returns: (nullable): the badge text, or %NULL for a case without a sensitivity
 */
const char *
poe_family_sensitivity_label (const char *sensitivity)
{
  if (sensitivity == NULL)
    return NULL;

  return label_or_code (lookup (sensitivities, G_N_ELEMENTS (sensitivities), sensitivity), sensitivity);
}

const char *
poe_family_cbp_status_label (const char *status)
{
  return label_or_code (lookup (cbp_statuses, G_N_ELEMENTS (cbp_statuses), status), status);
}

/**
 * poe_family_cbp_status_style:
 *
 * Returns: (nullable): the libadwaita style class that goes with the status
 */
const char *
poe_family_cbp_status_style (const char *status)
{
  const CodeLabel *entry = lookup (cbp_statuses, G_N_ELEMENTS (cbp_statuses), status);

  return entry ? entry->extra : NULL;
}

const char *
poe_family_relationship_label (const char *relationship)
{
  /* One table of relationships, the core's, which also labels members (poe-member-label.c). */
  return poe_family_relationship_name (relationship);
}

const char *
poe_family_ssr_label (const char *code)
{
  return label_or_code (lookup (ssr_codes, G_N_ELEMENTS (ssr_codes), code), code);
}

const char *
poe_family_ssr_icon_name (const char *code)
{
  const CodeLabel *entry = lookup (ssr_codes, G_N_ELEMENTS (ssr_codes), code);

  return entry ? entry->extra : "dialog-information-symbolic";
}

const char *
poe_family_document_label (const char *document)
{
  return label_or_code (lookup (documents, G_N_ELEMENTS (documents), document), document);
}

const char *
poe_family_travel_status_label (const char *status)
{
  return label_or_code (lookup (travel_statuses, G_N_ELEMENTS (travel_statuses), status), status);
}

/**
 * poe_family_format_time:
 * @time: (nullable): an instant
 * @zone: (nullable): the POE's time zone; %NULL for the local one
 *
 * Returns: (transfer full): the wall-clock time at the POE, "14:05", with the day when it
 *   is not today there; an empty string for %NULL
 */
char *
poe_family_format_time (GDateTime *time,
                        GTimeZone *zone)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (time == NULL)
    return g_strdup ("");

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();

  at = g_date_time_to_timezone (time, zone);
  now = g_date_time_new_now (zone);

  if (g_date_time_get_year (at) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (now))
    return g_date_time_format (at, "%H:%M");

  /* Translators: a time on another day than today, as strftime: "Tue 24 06:40" */
  return g_date_time_format (at, _("%a %d %H:%M"));
}
