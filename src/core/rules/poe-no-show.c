/* poe-no-show.c
 *
 * Members not on the flight, as records: the no-show events, the case's status when the
 * whole family is missing, and the anomaly report (kind "no_show", pre-filled by
 * poe_anomaly_prefill()); and the head count of a flight against its manifest, from the
 * one derivation of checklist progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-no-show"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-incident.h"
#include "poe-no-show.h"


/*
 * Auxiliary methods
 */

static PoeRecord *
new_event (PoeRecord  *kase,
           PoeRecord  *person,
           const char *by,
           GDateTime  *now)
{
  PoeRecord *event = poe_record_new ("checklist_event");

  poe_record_set_string (event, "case_id", poe_record_get_id (kase));
  poe_record_set_string (event, "person_id", poe_record_get_id (person));
  poe_record_set_string (event, "step", POE_STEP_NO_SHOW);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", now);
  if (by != NULL)
    poe_record_set_string (event, "by", by);

  return event;
}

static PoeRecord *
new_anomaly (PoeRecord *flight,
             PoeRecord *kase,
             GPtrArray *persons,
             guint      n_absent,
             GTimeZone *zone)
{
  PoeAnomalySource source = { flight, kase, persons, NULL, zone };
  PoeRecord *anomaly = poe_anomaly_prefill (&source);
  const char *details = poe_record_get_string (anomaly, "details");
  g_autofree char *text = NULL;

  /* Translators: the head count in a no-show anomaly report; no names */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\nNot on the flight: %u of %u person.",
                                       "%s\nNot on the flight: %u of %u persons.", persons->len),
                          details != NULL ? details : "", n_absent, persons->len);
  g_strstrip (text);
  poe_record_set_string (anomaly, "kind", "no_show");
  poe_record_set_string (anomaly, "details", text);

  return anomaly;
}


/*
 * Public API
 */

/**
 * poe_no_show_build:
 * @flight: (nullable): the inbound flight
 * @kase: the family
 * @persons: (element-type PoeRecord): all its members
 * @absent_ids: the ids of the members not on the flight; at least one
 * @state: (nullable): the family's checklist state (poe_store_get_checklist_state()):
 *   members already recorded as not on the flight get no second event, and count for the
 *   whole family's absence
 * @zone: (nullable): the POE's zone, for the times of the anomaly report
 * @by: (nullable): the staff id of who counted
 * @now: when
 *
 * Returns: (transfer container) (element-type PoeRecord) (nullable): the records to save
 *   in one transaction: a no-show event per absent member, a copy of the case with the
 *   status "no_show" when nobody of the family came, and the anomaly report; %NULL when
 *   @absent_ids names no member of @persons
 */
GPtrArray *
poe_no_show_build (PoeRecord          *flight,
                   PoeRecord          *kase,
                   GPtrArray          *persons,
                   const char * const *absent_ids,
                   GHashTable         *state,
                   GTimeZone          *zone,
                   const char         *by,
                   GDateTime          *now)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_absent = 0, n_new = 0;

  g_return_val_if_fail (POE_IS_RECORD (kase), NULL);
  g_return_val_if_fail (persons != NULL, NULL);
  g_return_val_if_fail (absent_ids != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);

      if (state != NULL && poe_checklist_person_is_no_show (state, person))
        n_absent++;
      else if (g_strv_contains (absent_ids, poe_record_get_id (person)))
        {
          g_ptr_array_add (records, new_event (kase, person, by, now));
          n_absent++;
          n_new++;
        }
    }

  if (n_new == 0)
    return NULL;

  if (n_absent == persons->len)
    {
      PoeRecord *changed = poe_record_copy (kase);

      poe_record_set_string (changed, "status", "no_show");
      g_ptr_array_add (records, changed);
    }

  g_ptr_array_add (records, new_anomaly (flight, kase, persons, n_new, zone));
  return g_steal_pointer (&records);
}

/**
 * poe_head_count_add:
 * @count: the flight's count so far
 * @on_manifest: the family is on the manifest (it has an ABN number)
 * @progress: the family's progress from poe_checklist_derive_progress()
 *
 * Adds one family to the head count of its flight.
 */
void
poe_head_count_add (PoeHeadCount               *count,
                    gboolean                    on_manifest,
                    const PoeChecklistProgress *progress)
{
  g_return_if_fail (count != NULL);
  g_return_if_fail (progress != NULL);

  if (on_manifest)
    count->n_manifest += progress->n_persons;
  else
    count->n_unexpected += progress->n_persons;
  count->n_no_show += progress->n_no_show;
  if (progress->met)
    count->n_met += progress->n_persons - MIN (progress->n_no_show, progress->n_persons);
}
