/* poe-family-snapshot.c
 *
 * Reads one case for its views in one go (see poe-family-snapshot.h): a handful of queries,
 * one of them for the pending flags of all the case's records; then the derived facts
 * (checklist progress, connection risk) from the rules of the core. Also the names the
 * family views show (a person's, a staff member's) and the POE's time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-snapshot"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-family-snapshot.h"


/*
 * Auxiliary methods
 */

static gboolean
strv_has_any (const char * const *strv,
              const char * const *codes)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (g_strv_contains (codes, strv[i]))
        return TRUE;
    }

  return FALSE;
}

static void
load_template (PoeFamilySnapshot *self)
{
  g_autoptr(GError) error = NULL;
  const char *json = self->poe ? poe_record_get_string (self->poe, "checklist_template") : NULL;

  if (json != NULL && *json != '\0')
    {
      self->template = poe_checklist_template_new_from_json (json, &error);
      if (self->template == NULL)
        g_warning ("Using the default checklist: %s", error->message);
    }

  if (self->template == NULL)
    self->template = poe_checklist_template_new_default ();
}

static void
load_buffers (PoeFamilySnapshot *self,
              PoeRiskBuffers    *buffers)
{
  g_autoptr(GError) error = NULL;
  const char *json = self->poe ? poe_record_get_string (self->poe, "buffers") : NULL;

  poe_risk_buffers_init_default (buffers);
  if (json != NULL && *json != '\0' && !poe_risk_buffers_load_json (buffers, json, &error))
    g_warning ("Using the default connection buffers: %s", error->message);
}

static void
collect_notes (PoeFamilySnapshot *self,
               GPtrArray         *events)
{
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Oldest first, so the latest note of a step wins. */
  for (guint i = 0; i < events->len; i++)
    {
      PoeRecord *event = g_ptr_array_index (events, i);
      const char *note = poe_record_get_string (event, "note");

      if (note == NULL || *note == '\0')
        continue;

      g_hash_table_replace (self->notes,
                            poe_checklist_state_key (poe_record_get_string (event, "step"),
                                                     poe_record_get_string (event, "person_id")),
                            g_strdup (note));
    }
}

static void
find_onward (PoeFamilySnapshot *self)
{
  for (guint i = 0; i < self->segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (self->segments, i);

      /* A rebooked segment stays for the history; the one that replaced it is onward. */
      if (g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") == 0 &&
          poe_record_get_string (segment, "replaced_by") == NULL)
        {
          self->onward = g_object_ref (segment);
          return;
        }
    }
}

static void
count_members (PoeFamilySnapshot *self,
               PoeRiskInput      *input)
{
  static const char * const wheelchair[] = { "WCHR", "WCHS", "WCHC", NULL };
  static const char * const medical[] = { "MEDA", NULL };

  input->n_persons = self->persons->len;

  for (guint i = 0; i < self->persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (self->persons, i);
      const char * const *ssr = poe_record_get_strv (person, "ssr_codes");
      const char *status = poe_record_get_string (person, "cbp_status");

      input->n_in_secondary += g_strcmp0 (status, "secondary") == 0;
      input->n_cbp_cleared += g_strcmp0 (status, "cleared") == 0;
      input->n_wheelchair += strv_has_any (ssr, wheelchair);
      input->n_medical += strv_has_any (ssr, medical);
    }
}

static void
compute_risk (PoeFamilySnapshot *self,
              GDateTime         *now)
{
  g_autoptr(GDateTime) inbound_scheduled = NULL;
  g_autoptr(GDateTime) inbound_estimated = NULL;
  g_autoptr(GDateTime) inbound_actual = NULL;
  g_autoptr(GDateTime) onward_scheduled = NULL;
  g_autoptr(GDateTime) onward_estimated = NULL;
  PoeRiskBuffers buffers;
  PoeRiskInput input = { 0 };

  if (self->flight != NULL)
    {
      inbound_scheduled = poe_record_dup_time (self->flight, "scheduled_arrival");
      inbound_estimated = poe_record_dup_time (self->flight, "estimated_arrival");
      inbound_actual = poe_record_dup_time (self->flight, "actual_arrival");
      input.inbound_cancelled = g_strcmp0 (poe_record_get_string (self->flight, "status"), "cancelled") == 0;
    }

  if (self->onward != NULL)
    {
      onward_scheduled = poe_record_dup_time (self->onward, "scheduled_departure");
      onward_estimated = poe_record_dup_time (self->onward, "estimated_departure");
      input.onward_cancelled = g_strcmp0 (poe_record_get_string (self->onward, "status"), "cancelled") == 0;
    }

  input.now = now;
  input.inbound_scheduled = inbound_scheduled;
  input.inbound_estimated = inbound_estimated;
  input.inbound_actual = inbound_actual;
  input.has_onward = self->onward != NULL &&
                     g_strcmp0 (poe_record_get_string (self->kase, "branch"), "connect") == 0;
  input.onward_scheduled_departure = onward_scheduled;
  input.onward_estimated_departure = onward_estimated;
  count_members (self, &input);
  input.met = self->progress.met;
  input.bags_claimed = self->progress.bags_claimed;
  input.bags_rechecked = self->progress.bags_rechecked;
  input.tsa_cleared = self->progress.tsa_cleared;
  input.at_gate = self->progress.at_gate;

  load_buffers (self, &buffers);
  poe_risk_compute (&input, &buffers, &self->risk);
}

static PoeRecord *
get_optional (PoeStore   *store,
              const char *entity,
              const char *field,
              const char *value)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record;

  if (value == NULL || *value == '\0')
    return NULL;

  if (field == NULL)
    record = poe_store_get (store, entity, value, &error);
  else
    record = poe_store_find_by_field (store, entity, field, value, &error);

  /* None is no error: poe_store_find_by_field() answers NULL without one. */
  if (error != NULL && !g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    g_warning ("Cannot read a %s: %s", entity, error->message);

  return record;
}


/*
 * Public API
 */

/**
 * poe_family_snapshot_load:
 * @now: (nullable): the time the connection risk is computed for; %NULL for now
 *
 * Returns: (transfer full) (nullable): the case as stored, or %NULL with @error set
 *   (%POE_STORE_ERROR_NOT_FOUND when there is no such case)
 */
PoeFamilySnapshot *
poe_family_snapshot_load (PoeStore    *store,
                          const char  *case_id,
                          GDateTime   *now,
                          GError     **error)
{
  g_autoptr(PoeFamilySnapshot) self = g_new0 (PoeFamilySnapshot, 1);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!(self->kase = poe_store_get (store, "case", case_id, error)) ||
      !(self->persons = poe_store_list_persons_for_case (store, case_id, error)) ||
      !(self->segments = poe_store_list_segments_for_case (store, case_id, error)) ||
      !(events = poe_store_list_checklist_events (store, case_id, error)) ||
      !(self->state = poe_store_get_checklist_state (store, case_id, error)) ||
      !(self->pending = poe_store_dup_pending_for_case (store, case_id, error)))
    return NULL;

  self->flight = get_optional (store, "flight", NULL, poe_record_get_string (self->kase, "inbound_flight_id"));
  self->poe = get_optional (store, "poe", "code", poe_record_get_string (self->kase, "poe"));
  if (!(self->time_zone = poe_store_dup_poe_time_zone (store, self->kase, error)))
    return NULL;
  collect_notes (self, events);
  find_onward (self);
  load_template (self);
  poe_checklist_compute_progress (self->template, poe_record_get_string (self->kase, "branch"),
                                  self->state, self->persons, &self->progress);

  if (now == NULL)
    now = current = g_date_time_new_now_utc ();
  compute_risk (self, now);

  return g_steal_pointer (&self);
}

void
poe_family_snapshot_free (PoeFamilySnapshot *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->kase);
  g_clear_object (&self->flight);
  g_clear_object (&self->poe);
  g_clear_object (&self->onward);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->state, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->template, poe_checklist_template_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  poe_risk_result_clear (&self->risk);
  g_free (self);
}

/**
 * poe_family_snapshot_get_principal:
 *
 * Returns: (transfer none) (nullable): the principal applicant, else the first member
 */
PoeRecord *
poe_family_snapshot_get_principal (PoeFamilySnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (self->persons, i);

      if (g_strcmp0 (poe_record_get_string (person, "relationship"), "PA") == 0)
        return person;
    }

  return self->persons->len > 0 ? g_ptr_array_index (self->persons, 0) : NULL;
}

/**
 * poe_family_snapshot_is_pending:
 * @record: (nullable): the case, one of its members, segments or checklist events
 *
 * Returns: whether @record has changes the server does not have yet (as loaded)
 */
gboolean
poe_family_snapshot_is_pending (PoeFamilySnapshot *self,
                                PoeRecord         *record)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record == NULL || POE_IS_RECORD (record), FALSE);

  return record != NULL && g_hash_table_contains (self->pending, poe_record_get_id (record));
}

/**
 * poe_family_snapshot_dup_family_name:
 *
 * Returns: (transfer full): how the family is named: the principal applicant's initials,
 *   or the name when @reveal_names
 */
char *
poe_family_snapshot_dup_family_name (PoeFamilySnapshot *self,
                                     gboolean           reveal_names)
{
  PoeRecord *principal;

  g_return_val_if_fail (self != NULL, NULL);

  principal = poe_family_snapshot_get_principal (self);
  if (principal == NULL)
    return g_strdup ("");

  return poe_family_dup_person_name (principal, reveal_names);
}

/**
 * poe_family_snapshot_dup_structure:
 *
 * Returns: (transfer full): a key that changes when the rows the view shows change (other
 *   members, another branch or template), and not when only their state does
 */
char *
poe_family_snapshot_dup_structure (PoeFamilySnapshot *self)
{
  GString *key = g_string_new (poe_record_get_string (self->kase, "branch"));

  g_string_append_printf (key, "|%u|%u", poe_checklist_template_get_n_steps (self->template),
                          self->segments->len);
  for (guint i = 0; i < self->persons->len; i++)
    {
      g_string_append_c (key, '|');
      g_string_append (key, poe_record_get_id (g_ptr_array_index (self->persons, i)));
    }

  return g_string_free (key, FALSE);
}

/**
 * poe_family_dup_person_name:
 *
 * Returns: (transfer full): the initials of @person ("A. K."), or the given names and
 *   surname when @reveal_names
 */
char *
poe_family_dup_person_name (PoeRecord *person,
                            gboolean   reveal_names)
{
  const char *given, *surname;

  g_return_val_if_fail (POE_IS_RECORD (person), NULL);

  if (!reveal_names)
    return poe_record_dup_initials (person);

  given = poe_record_get_string (person, "given_names");
  surname = poe_record_get_string (person, "surname");
  if (given == NULL || *given == '\0')
    return g_strdup (surname ? surname : "");

  /* Translators: a person's full name: %1$s is the given names, %2$s the surname */
  return g_strdup_printf (_("%1$s %2$s"), given, surname ? surname : "");
}

/**
 * poe_family_dup_staff_name:
 * @staff_id: (nullable): a staff id
 *
 * Returns: (transfer full) (nullable): the staff member's display name, or %NULL
 */
char *
poe_family_dup_staff_name (PoeStore   *store,
                           const char *staff_id)
{
  g_autoptr(PoeRecord) staff = get_optional (store, "staff", NULL, staff_id);

  if (staff == NULL)
    return NULL;

  return g_strdup (poe_record_get_string (staff, "display_name"));
}
