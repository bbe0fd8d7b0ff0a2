/* poe-timesheet-leave.c
 *
 * Leave requests as rules, mirroring poe-central's check_leave_request (docs/roles.md):
 * who may request, cancel, approve or reject leave, making a request, deciding it, and
 * whether a request covers a rostered shift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-timesheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-timesheet.h"
#include "poe-timesheet-private.h"


/*
 * Public API: leave
 */

/**
 * poe_leave_check_change:
 *
 * The leave rows of docs/roles.md: one's own requests are made and cancelled while
 * requested; leads and supervisors approve or reject others' (a rejection with a reason).
 */
gboolean
poe_leave_check_change (const char *role,
                        const char *actor_id,
                        PoeRecord  *old,
                        PoeRecord  *changed,
                        GError    **error)
{
  g_return_val_if_fail (POE_IS_RECORD (changed), FALSE);

  if (role_rank (role) == 3)
    return TRUE;

  if (!_poe_timesheet_is_own (actor_id, old, changed))
    return _poe_timesheet_check_decision (role, old, changed, "requested", error);

  if (old != NULL && !has_state (old, "requested"))
    return refuse (error, POE_TIMESHEET_ERROR_NOT_ALLOWED, _("This leave request was already decided."));

  if (!has_state (changed, "requested") && !has_state (changed, "cancelled"))
    return refuse (error, POE_TIMESHEET_ERROR_NOT_ALLOWED, _("You cannot approve your own leave request."));

  return TRUE;
}

/**
 * poe_leave_request_create:
 * @kind: a leave kind ("annual", "sick", …)
 * @first_day: "2026-11-24"
 * @last_day: the last day off, not before @first_day
 *
 * Returns: (transfer full) (nullable): the saved request
 */
PoeRecord *
poe_leave_request_create (PoeStore    *store,
                          const char  *role,
                          const char  *staff_id,
                          const char  *kind,
                          const char  *first_day,
                          const char  *last_day,
                          GError     **error)
{
  g_autoptr(PoeRecord) leave = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  if (!poe_date_is_valid (first_day) || !poe_date_is_valid (last_day) || strcmp (first_day, last_day) > 0)
    {
      refuse (error, POE_TIMESHEET_ERROR_INVALID, _("Choose a first day and a last day on or after it."));
      return NULL;
    }

  leave = poe_record_new ("leave_request");
  poe_record_set_string (leave, "staff_id", staff_id);
  poe_record_set_string (leave, "kind", kind);
  poe_record_set_string (leave, "first_day", first_day);
  poe_record_set_string (leave, "last_day", last_day);
  poe_record_set_string (leave, "state", "requested");

  if (!poe_leave_check_change (role, poe_store_get_actor_id (store), NULL, leave, error) ||
      !poe_store_save (store, leave, error))
    return NULL;

  return g_steal_pointer (&leave);
}

/**
 * poe_leave_set_state:
 * @state: "approved", "rejected" or, for one's own, "cancelled"
 * @reason: (nullable): required to reject
 */
gboolean
poe_leave_set_state (PoeStore    *store,
                     const char  *role,
                     const char  *leave_id,
                     const char  *state,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(PoeRecord) old = NULL;
  g_autoptr(PoeRecord) leave = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (leave_id != NULL && state != NULL, FALSE);

  if (!(old = poe_store_get (store, "leave_request", leave_id, error)))
    return FALSE;

  leave = poe_record_copy (old);
  poe_record_set_string (leave, "state", state);
  if (*trimmed != '\0')
    poe_record_set_string (leave, "reason", trimmed);
  if (!g_str_equal (state, "cancelled"))
    poe_record_set_string (leave, "decided_by", poe_store_get_actor_id (store));

  return poe_leave_check_change (role, poe_store_get_actor_id (store), old, leave, error) &&
         poe_store_save (store, leave, error);
}

/**
 * poe_leave_covers_shift:
 * @zone: the POE's time zone, where leave days are counted
 *
 * Returns: whether @shift starts or ends on a day of @leave
 */
gboolean
poe_leave_covers_shift (PoeRecord *leave,
                        PoeRecord *shift,
                        GTimeZone *zone)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) last_moment = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  const char *from;
  const char *to;

  g_return_val_if_fail (POE_IS_RECORD (leave) && POE_IS_RECORD (shift), FALSE);

  from = get_str (leave, "first_day");
  to = get_str (leave, "last_day");
  start = poe_record_dup_time (shift, "planned_start");
  end = poe_record_dup_time (shift, "planned_end");
  if (from == NULL || to == NULL || start == NULL || end == NULL ||
      g_strcmp0 (get_str (leave, "staff_id"), get_str (shift, "staff_id")) != 0)
    return FALSE;

  last_moment = g_date_time_add_seconds (end, -1);
  first_day = poe_timesheet_dup_local_day (start, zone);
  last_day = poe_timesheet_dup_local_day (last_moment, zone);

  return strcmp (first_day, to) <= 0 && strcmp (last_day, from) >= 0;
}
