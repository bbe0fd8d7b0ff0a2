/* poe-labels.c
 *
 * Words for the data model's names as users read them: an entity ("case" is a Family), a
 * field name made readable, a change named by its family and step (initials, never names),
 * and a time of the sync protocol in the local time zone. The conflicts inbox and the sync
 * status speak of changes with these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-snapshot.h"
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


/*
 * Auxiliary methods
 */

static const char *
get_case_id (PoeRecord *record)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);

  if (g_str_equal (poe_record_get_entity_name (record), "case"))
    return poe_record_get_id (record);

  return poe_entity_field_index (entity, "case_id") >= 0 ? poe_record_get_string (record, "case_id") : NULL;
}

/* "Primary inspection cleared, B. M.": the step's label, and the member's initials for a
 * step of one member. */
static char *
dup_step_text (PoeFamilySnapshot *snapshot,
               PoeRecord         *event)
{
  const char *step_id = poe_record_get_string (event, "step");
  const char *person_id = poe_record_get_string (event, "person_id");
  const PoeChecklistStep *step = poe_checklist_template_lookup_step (snapshot->template, step_id);
  const char *title = step != NULL ? step->title : step_id;

  for (guint i = 0; person_id != NULL && i < snapshot->persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (snapshot->persons, i);

      if (g_str_equal (poe_record_get_id (person), person_id))
        {
          g_autofree char *initials = poe_record_dup_initials (person);

          /* Translators: a member's checklist step: "Primary inspection cleared, B. M." */
          return g_strdup_printf (_("%1$s, %2$s"), title, initials);
        }
    }

  return g_strdup (title);
}


/* "Family 2026-0142 (A. K.)" */
static char *
dup_family (PoeFamilySnapshot *snapshot)
{
  g_autofree char *initials = poe_family_snapshot_dup_family_name (snapshot, FALSE);
  const char *number = poe_record_get_string (snapshot->kase, "case_number");

  if (*initials == '\0')
    /* Translators: a family without members as a change names it: "Family 2026-0142" */
    return g_strdup_printf (_("Family %s"), number);

  /* Translators: a family as a change names it: "Family 2026-0142 (A. K.)" */
  return g_strdup_printf (_("Family %1$s (%2$s)"), number, initials);
}

/* "Checklist step: Head count matches the manifest", "Family member: B. M.", "Onward travel" */
static char *
dup_what (PoeFamilySnapshot *snapshot,
          PoeRecord         *record)
{
  const char *entity = poe_record_get_entity_name (record);
  g_autofree char *detail = NULL;

  if (g_str_equal (entity, "checklist_event"))
    detail = dup_step_text (snapshot, record);
  else if (g_str_equal (entity, "person"))
    detail = poe_record_dup_initials (record);
  else
    return g_strdup (poe_entity_label (entity));

  /* Translators: what a change is about: "Checklist step: Head count matches the manifest" */
  return g_strdup_printf (_("%1$s: %2$s"), poe_entity_label (entity), detail);
}

/*
 * Public API
 */

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

/**
 * poe_change_describe:
 * @entity: the changed record's entity
 * @record_id: (nullable): its id
 * @what: (out): what changed: the entity, with the step of a checklist event and the
 *   member's initials ("Checklist step: Primary inspection cleared, B. M.")
 * @family: (out) (nullable): the family of the record, by case number and the principal
 *   applicant's initials, never names ("Family 2026-0142 (A. K.)"); %NULL for a record of
 *   no family or one no longer in the store
 *
 * What a pending change or a conflict is about, in words.
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
poe_change_describe (PoeStore    *store,
                     const char  *entity,
                     const char  *record_id,
                     char       **what,
                     char       **family,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  const char *case_id;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (what != NULL && family != NULL, FALSE);

  *what = NULL;
  *family = NULL;
  if (record_id != NULL && poe_schema_lookup_entity (entity) != NULL &&
      (!(record = poe_store_get (store, entity, record_id, &local_error)) ||
       !(case_id = get_case_id (record)) ||
       !(snapshot = poe_family_snapshot_load (store, case_id, NULL, &local_error))) &&
      local_error != NULL && !g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *what = snapshot != NULL ? dup_what (snapshot, record) : g_strdup (poe_entity_label (entity));
  *family = snapshot != NULL ? dup_family (snapshot) : NULL;

  return TRUE;
}
