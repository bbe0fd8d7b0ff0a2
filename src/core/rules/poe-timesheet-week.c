/* poe-timesheet-week.c
 *
 * A week of one's own time entries with daily and weekly totals and the flags of each,
 * submitting it, and the reviewer's side: the entries waiting for a decision, approving or
 * rejecting one, locking what was approved (one entry or a person's week), and telling
 * whether an entry was changed after its decision.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-timesheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-timesheet.h"
#include "poe-timesheet-private.h"


/*
 * Auxiliary methods
 */

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (get_str (*(PoeRecord **) a, "start"), get_str (*(PoeRecord **) b, "start"));
}

/* The time entries in @state, but for those of @except_staff_id. */
static GPtrArray *
list_others_in_state (PoeStore    *store,
                      const char  *state,
                      const char  *except_staff_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = poe_store_list (store, "time_entry", "state", state, error);

  for (guint i = entries ? entries->len : 0; i > 0; i--)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i - 1);

      if (g_strcmp0 (get_str (entry, "staff_id"), except_staff_id) == 0 || poe_record_get_deleted (entry))
        g_ptr_array_remove_index (entries, i - 1);
    }

  return g_steal_pointer (&entries);
}


/*
 * Public API: weeks and decisions
 */

/**
 * poe_timesheet_week_new:
 * @day: any moment of the week wanted
 * @zone: the POE's time zone: weeks run Monday to Sunday there
 * @now: the time open entries are judged at
 *
 * Returns: (transfer full) (nullable): @staff_id's entries of that week with their flags and
 *   totals
 */
PoeTimesheetWeek *
poe_timesheet_week_new (PoeStore    *store,
                        const char  *staff_id,
                        GDateTime   *day,
                        GTimeZone   *zone,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(PoeTimesheetWeek) week = g_new0 (PoeTimesheetWeek, 1);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL && day != NULL && zone != NULL && now != NULL, NULL);

  midnight = _poe_timesheet_local_midnight (day, zone);
  week->start = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
  week->first_day = g_date_time_format (week->start, "%Y-%m-%d");
  end = g_date_time_add_weeks (week->start, 1);
  week->flags = g_array_new (FALSE, TRUE, sizeof (PoeTimeFlags));
  week->entries = poe_store_list_time_entries (store, staff_id, week->start, end, error);
  if (week->entries == NULL)
    return NULL;

  for (guint i = 0; i < week->entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (week->entries, i);
      g_autoptr(PoeRecord) shift = NULL;
      g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
      gint64 worked = MAX (0, poe_time_entry_worked_minutes (entry));
      PoeTimeFlags flags;
      int index = 0;

      if (poe_record_is_set (entry, "shift_id"))
        shift = _poe_timesheet_get_existing (store, "shift", get_str (entry, "shift_id"), NULL);
      flags = poe_time_entry_flags (entry, week->entries, shift, now);
      g_array_append_val (week->flags, flags);

      for (int d = 1; d < 7; d++)
        {
          g_autoptr(GDateTime) day_start = g_date_time_add_days (week->start, d);

          if (g_date_time_compare (start, day_start) >= 0)
            index = d;
        }
      week->day_minutes[index] += worked;
      week->total_minutes += worked;
    }

  return g_steal_pointer (&week);
}

void
poe_timesheet_week_free (PoeTimesheetWeek *week)
{
  if (week == NULL)
    return;

  g_clear_pointer (&week->entries, g_ptr_array_unref);
  g_clear_pointer (&week->flags, g_array_unref);
  g_clear_pointer (&week->start, g_date_time_unref);
  g_free (week->first_day);
  g_free (week);
}

/**
 * poe_timesheet_submit_week:
 *
 * Submits the week's draft and rejected entries, all or none: an entry without a clock-out
 * or without time worked keeps the week from being submitted.
 *
 * Returns: how many entries were submitted; 0 with @error set on failure
 */
guint
poe_timesheet_submit_week (PoeStore          *store,
                           const char        *role,
                           PoeTimesheetWeek  *week,
                           GError           **error)
{
  guint submitted = 0;

  g_return_val_if_fail (POE_IS_STORE (store), 0);
  g_return_val_if_fail (week != NULL, 0);

  for (guint i = 0; i < week->entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (week->entries, i);

      if ((has_state (entry, "draft") || has_state (entry, "rejected")) &&
          (g_array_index (week->flags, PoeTimeFlags, i) & POE_TIME_FLAGS_BLOCKING) != 0)
        {
          refuse (error, POE_TIMESHEET_ERROR_INCOMPLETE,
                  _("Some entries have no clock-out or no time worked. Correct them before submitting."));
          return 0;
        }
    }

  for (guint i = 0; i < week->entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (week->entries, i);
      g_autoptr(PoeRecord) copy = NULL;

      if (!has_state (entry, "draft") && !has_state (entry, "rejected"))
        continue;

      copy = poe_record_copy (entry);
      poe_record_set_string (copy, "state", "submitted");
      if (!poe_timesheet_save_entry (store, role, copy, error))
        return 0;
      submitted++;
    }

  return submitted;
}

/**
 * poe_timesheet_decide:
 * @approve: %TRUE to approve, %FALSE to reject
 * @reason: (nullable): required to reject
 *
 * Approves or rejects another person's submitted entry as the store's actor.
 */
gboolean
poe_timesheet_decide (PoeStore    *store,
                      const char  *role,
                      const char  *entry_id,
                      gboolean     approve,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(PoeRecord) entry = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry_id != NULL, FALSE);

  entry = poe_store_get (store, "time_entry", entry_id, error);
  if (entry == NULL)
    return FALSE;

  poe_record_set_string (entry, "state", approve ? "approved" : "rejected");
  poe_record_set_string (entry, "reason", *trimmed ? trimmed : NULL);
  poe_record_set_string (entry, "decided_by", poe_store_get_actor_id (store));

  return poe_timesheet_save_entry (store, role, entry, error);
}

/**
 * poe_timesheet_list_submitted:
 * @except_staff_id: (nullable): whose entries to leave out (one's own)
 *
 * Returns: (transfer full) (element-type PoeRecord): the entries waiting for a decision
 */
GPtrArray *
poe_timesheet_list_submitted (PoeStore    *store,
                              const char  *except_staff_id,
                              GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  return list_others_in_state (store, "submitted", except_staff_id, error);
}


/*
 * Public API: locking
 */

/**
 * poe_timesheet_lock:
 *
 * Locks another person's approved entry (approved → locked) as the store's actor: a
 * supervisor's step, never on one's own entries.
 */
gboolean
poe_timesheet_lock (PoeStore    *store,
                    const char  *role,
                    const char  *entry_id,
                    GError     **error)
{
  g_autoptr(PoeRecord) entry = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (entry_id != NULL, FALSE);

  if (!(entry = poe_store_get (store, "time_entry", entry_id, error)))
    return FALSE;

  poe_record_set_string (entry, "state", "locked");

  return poe_timesheet_save_entry (store, role, entry, error);
}

/**
 * poe_timesheet_lock_week:
 * @day: any moment of the week wanted
 * @zone: the POE's time zone: weeks run Monday to Sunday there
 *
 * Locks all approved entries of @staff_id's week, all or none.
 *
 * Returns: how many entries were locked; 0 with @error set on failure, 0 without when
 *   nothing was approved
 */
guint
poe_timesheet_lock_week (PoeStore    *store,
                         const char  *role,
                         const char  *staff_id,
                         GDateTime   *day,
                         GTimeZone   *zone,
                         GError     **error)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) locked = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (POE_IS_STORE (store), 0);
  g_return_val_if_fail (staff_id != NULL && day != NULL && zone != NULL, 0);

  midnight = _poe_timesheet_local_midnight (day, zone);
  monday = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
  next = g_date_time_add_weeks (monday, 1);
  if (!(entries = poe_store_list_time_entries (store, staff_id, monday, next, error)))
    return 0;

  /* Check every entry first, so a refusal locks nothing. */
  for (guint i = 0; i < entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i);
      PoeRecord *copy;

      if (!has_state (entry, "approved"))
        continue;
      copy = poe_record_copy (entry);
      g_ptr_array_add (locked, copy);
      poe_record_set_string (copy, "state", "locked");
      if (!poe_time_entry_check_change (role, poe_store_get_actor_id (store), entry, copy, error))
        return 0;
    }

  for (guint i = 0; i < locked->len; i++)
    {
      if (!poe_timesheet_save_entry (store, role, g_ptr_array_index (locked, i), error))
        return 0;
    }

  return locked->len;
}

/**
 * poe_timesheet_list_approved:
 * @except_staff_id: (nullable): whose entries to leave out (one's own)
 *
 * Returns: (transfer full) (element-type PoeRecord): the approved entries, waiting to be
 *   locked, by start
 */
GPtrArray *
poe_timesheet_list_approved (PoeStore    *store,
                             const char  *except_staff_id,
                             GError     **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  entries = list_others_in_state (store, "approved", except_staff_id, error);
  if (entries != NULL)
    g_ptr_array_sort (entries, compare_start);

  return entries;
}

/**
 * poe_time_entry_changed_after_decision:
 *
 * What this device knows: the audit trail names the fields of each local save, in order,
 * so the last save that changed "state" is the decision (approval or lock). A save after
 * it, while the entry is still approved or locked, is an administrator's change. Entries
 * decided elsewhere have no local trail and answer %FALSE.
 *
 * Returns: whether @entry, approved or locked, was changed after its decision
 */
gboolean
poe_time_entry_changed_after_decision (PoeStore  *store,
                                       PoeRecord *entry)
{
  g_autoptr(GPtrArray) trail = NULL;
  gboolean decided = FALSE;
  gboolean changed = FALSE;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (entry), FALSE);

  if (!has_state (entry, "approved") && !has_state (entry, "locked"))
    return FALSE;

  /* Listed in the order they were written. */
  trail = poe_store_list (store, "audit", "record_id", poe_record_get_id (entry), NULL);
  for (guint i = 0; trail != NULL && i < trail->len; i++)
    {
      const char * const *fields = poe_record_get_strv (g_ptr_array_index (trail, i), "fields");
      gboolean of_state = fields != NULL && g_strv_contains (fields, "state");

      if (of_state)
        decided = TRUE;
      changed = decided && !of_state;
    }

  return changed;
}
