/* poe-handover.c
 *
 * The end of a family's reception. A completed hand-off of the whole family to an outside
 * party (the resettlement agency, the URM provider, a relative, an escort, the airline) is
 * the hand-over: poe_handoff_save() writes it and, in the same transaction, ticks the
 * checklist's hand-over steps it answers (receiving party, documents when it lists some,
 * acknowledged), so the checklist never says "not handed over" beside a completed hand-off.
 * poe_case_close() closes a case when poe_custody_check_status() allows it, the rule the
 * server applies to the same push.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-handover"

#include "config.h"

#include "poe-checklist.h"
#include "poe-custody.h"
#include "poe-handover.h"


/*
 * Auxiliary methods
 */

static gboolean
step_is_done (GHashTable *state,
              const char *step)
{
  g_autofree char *key = poe_checklist_state_key (step, NULL);
  PoeRecord *event = g_hash_table_lookup (state, key);

  return event != NULL && g_strcmp0 (poe_record_get_string (event, "value"), "done") == 0;
}

static gboolean
tick_step (PoeStore    *store,
           PoeRecord   *handoff,
           GHashTable  *state,
           const char  *step,
           GError     **error)
{
  g_autoptr(PoeRecord) event = NULL;
  g_autoptr(GDateTime) at = poe_record_dup_time (handoff, "acknowledged_at");
  const char *actor = poe_store_get_actor_id (store);

  if (step_is_done (state, step))
    return TRUE;

  if (at == NULL)
    at = g_date_time_new_now_utc ();

  event = poe_record_new ("checklist_event");
  poe_record_set_string (event, "case_id", poe_record_get_string (handoff, "case_id"));
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", at);
  if (actor != NULL)
    poe_record_set_string (event, "by", actor);

  return poe_store_save (store, event, error);
}

static gboolean
tick_handover_steps (PoeStore    *store,
                     PoeRecord   *handoff,
                     GError     **error)
{
  g_autoptr(GHashTable) state = NULL;
  const char * const *documents = poe_record_get_strv (handoff, "documents");

  if (!(state = poe_store_get_checklist_state (store, poe_record_get_string (handoff, "case_id"), error)))
    return FALSE;

  return tick_step (store, handoff, state, POE_STEP_HANDOVER_RECEIVER, error) &&
         (documents == NULL || documents[0] == NULL ||
          tick_step (store, handoff, state, POE_STEP_HANDOVER_DOCUMENTS, error)) &&
         tick_step (store, handoff, state, POE_STEP_HANDOVER_ACKNOWLEDGED, error);
}


/*
 * Public API
 */

/**
 * poe_handoff_completes_handover:
 *
 * Returns: whether @handoff is the family's hand-over: the whole family, to an outside
 *   party, accepted or confirmed. A hand-off between colleagues is not.
 */
gboolean
poe_handoff_completes_handover (PoeRecord *handoff)
{
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);

  return poe_handoff_is_completed (handoff) && !poe_handoff_is_internal (handoff) &&
         poe_record_get_string (handoff, "person_id") == NULL;
}

/**
 * poe_handoff_save:
 * @handoff: a new or answered hand-off
 *
 * Writes @handoff and, when it completes the family's hand-over, ticks the hand-over
 * steps still open, in one transaction: all or nothing.
 */
gboolean
poe_handoff_save (PoeStore   *store,
                  PoeRecord  *handoff,
                  GError    **error)
{
  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);

  if (!poe_handoff_completes_handover (handoff))
    return poe_store_save (store, handoff, error);

  if (!poe_store_begin (store, error))
    return FALSE;

  if (!poe_store_save (store, handoff, error) || !tick_handover_steps (store, handoff, error))
    {
      poe_store_rollback (store);
      return FALSE;
    }

  return poe_store_commit (store, error);
}

/**
 * poe_case_check_close:
 *
 * Returns: whether the case @case_id may be closed now; else @error says why, in words
 *   for the user
 */
gboolean
poe_case_check_close (PoeStore    *store,
                      const char  *case_id,
                      GError     **error)
{
  g_autoptr(PoeCustody) custody = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  return (custody = poe_custody_load (store, case_id, error)) != NULL &&
         poe_custody_check_status (custody, "closed", error);
}

/**
 * poe_case_close:
 *
 * Closes the case @case_id when the rule book allows it (poe_custody_check_status()).
 */
gboolean
poe_case_close (PoeStore    *store,
                const char  *case_id,
                GError     **error)
{
  g_autoptr(PoeCustody) custody = NULL;
  g_autoptr(PoeRecord) kase = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!(custody = poe_custody_load (store, case_id, error)) ||
      !poe_custody_check_status (custody, "closed", error))
    return FALSE;

  kase = poe_record_copy (poe_custody_get_case (custody));
  poe_record_set_string (kase, "status", "closed");

  return poe_store_save (store, kase, error);
}
