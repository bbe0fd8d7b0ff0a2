/* poe-timesheet.c
 *
 * The rules of time entries, which mirror poe-central's check_time_entry (docs/roles.md), so
 * the app refuses locally what the server would reject later, and says why in words: who
 * may make which change, the flags a reviewer sees, saving an entry, clocking in and out;
 * and the checks the leave rules share (poe-timesheet-private.h). Weeks and decisions are
 * in poe-timesheet-week.c, leave in poe-timesheet-leave.c, the payroll export in
 * poe-timesheet-payroll.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-timesheet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-timesheet.h"
#include "poe-timesheet-private.h"

G_DEFINE_QUARK (poe-timesheet-error-quark, poe_timesheet_error)

/* Fields a decision (approve, reject, lock) may change. */
static const char * const decision_fields[] = { "state", "reason", "decided_by", NULL };


/*
 * Auxiliary methods
 */

/* Whether @changed differs from @old only in @allowed fields. */
static gboolean
changed_within (PoeRecord          *old,
                PoeRecord          *changed,
                const char * const *allowed)
{
  const PoeEntityInfo *entity = poe_record_get_entity (changed);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (!g_strv_contains (allowed, entity->fields[i].name) &&
          !poe_record_field_equal (old, changed, i))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_text (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  return *trimmed != '\0';
}

static gboolean
check_approved_entry (const char *role,
                      const char *actor_id,
                      PoeRecord  *old,
                      PoeRecord  *changed,
                      GError    **error)
{
  if (role_rank (role) == 3)
    return TRUE;

  /* Supervisors lock what was approved, and nothing else. */
  if (role_rank (role) == 2 && has_state (old, "approved") && has_state (changed, "locked") &&
      changed_within (old, changed, decision_fields) &&
      !_poe_timesheet_is_own (actor_id, old, changed))
    return TRUE;

  return refuse (error, POE_TIMESHEET_ERROR_LOCKED,
                 _("This time entry is approved and locked; only an administrator can change it."));
}

static GDateTime *
entry_end_or (PoeRecord *entry,
              GDateTime *fallback)
{
  GDateTime *end = poe_record_dup_time (entry, "end");

  return end != NULL ? end : (fallback ? g_date_time_ref (fallback) : NULL);
}

static gboolean
entries_overlap (PoeRecord *a,
                 PoeRecord *b,
                 GDateTime *now)
{
  g_autoptr(GDateTime) a_start = poe_record_dup_time (a, "start");
  g_autoptr(GDateTime) b_start = poe_record_dup_time (b, "start");
  g_autoptr(GDateTime) a_end = entry_end_or (a, now);
  g_autoptr(GDateTime) b_end = entry_end_or (b, now);

  if (a_start == NULL || b_start == NULL || a_end == NULL || b_end == NULL)
    return FALSE;

  return g_date_time_compare (a_start, b_end) < 0 && g_date_time_compare (b_start, a_end) < 0;
}


/*
 * Private API: for the poe-timesheet*.c files
 */

gboolean
_poe_timesheet_is_own (const char *actor_id,
                       PoeRecord  *old,
                       PoeRecord  *changed)
{
  return actor_id != NULL && g_strcmp0 (get_str (changed, "staff_id"), actor_id) == 0 &&
         (old == NULL || g_strcmp0 (get_str (old, "staff_id"), actor_id) == 0);
}

/* Approve or reject what waits for a decision (@pending), never one's own. */
gboolean
_poe_timesheet_check_decision (const char *role,
                               PoeRecord  *old,
                               PoeRecord  *changed,
                               const char *pending,
                               GError    **error)
{
  if (role_rank (role) < 1)
    return refuse (error, POE_TIMESHEET_ERROR_NOT_ALLOWED, _("Only shift leads can approve or reject this."));

  if (old == NULL || !has_state (old, pending) || !changed_within (old, changed, decision_fields) ||
      !(has_state (changed, "approved") || has_state (changed, "rejected")))
    return refuse (error, POE_TIMESHEET_ERROR_NOT_ALLOWED,
                   _("You can only approve or reject what was submitted to you."));

  if (has_state (changed, "rejected") && !has_text (get_str (changed, "reason")))
    return refuse (error, POE_TIMESHEET_ERROR_NEEDS_REASON, _("Say why it is rejected."));

  return TRUE;
}

GDateTime *
_poe_timesheet_local_midnight (GDateTime *time,
                               GTimeZone *zone)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

PoeRecord *
_poe_timesheet_get_existing (PoeStore    *store,
                             const char  *entity,
                             const char  *id,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PoeRecord *record = poe_store_get (store, entity, id, &local_error);

  if (record == NULL && !g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return record;
}



/*
 * Public API: entries
 */

/**
 * poe_time_entry_worked_minutes:
 *
 * Returns: end − start − breaks in minutes (may be zero or negative); 0 without an end
 */
gint64
poe_time_entry_worked_minutes (PoeRecord *entry)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (POE_IS_RECORD (entry), 0);

  start = poe_record_dup_time (entry, "start");
  end = poe_record_dup_time (entry, "end");
  if (start == NULL || end == NULL)
    return 0;

  return g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE - poe_record_get_int (entry, "break_minutes");
}

/**
 * poe_time_entry_flags:
 * @others: (nullable) (element-type PoeRecord): the same person's other entries
 * @shift: (nullable): the shift of @entry
 * @now: the time to judge an open entry at
 *
 * Returns: what a reviewer should look at before @entry is submitted or approved
 */
PoeTimeFlags
poe_time_entry_flags (PoeRecord *entry,
                      GPtrArray *others,
                      PoeRecord *shift,
                      GDateTime *now)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  PoeTimeFlags flags = POE_TIME_FLAG_NONE;

  g_return_val_if_fail (POE_IS_RECORD (entry), POE_TIME_FLAG_NONE);
  g_return_val_if_fail (now != NULL, POE_TIME_FLAG_NONE);

  start = poe_record_dup_time (entry, "start");
  end = poe_record_dup_time (entry, "end");

  if (end != NULL && poe_time_entry_worked_minutes (entry) <= 0)
    flags |= POE_TIME_FLAG_NOT_POSITIVE;
  if (end != NULL && g_date_time_difference (end, start) > POE_TIMESHEET_MAX_SHIFT_MINUTES * G_TIME_SPAN_MINUTE)
    flags |= POE_TIME_FLAG_TOO_LONG;

  if (end == NULL)
    {
      g_autoptr(GDateTime) shift_end = shift ? poe_record_dup_time (shift, "planned_end") : NULL;

      if (g_date_time_difference (now, start) > POE_TIMESHEET_OPEN_LIMIT_MINUTES * G_TIME_SPAN_MINUTE ||
          (shift_end != NULL && g_date_time_compare (now, shift_end) > 0))
        flags |= POE_TIME_FLAG_MISSING_END;
    }

  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      PoeRecord *other = g_ptr_array_index (others, i);

      if (!g_str_equal (poe_record_get_id (other), poe_record_get_id (entry)) &&
          entries_overlap (entry, other, now))
        flags |= POE_TIME_FLAG_OVERLAP;
    }

  return flags;
}

/**
 * poe_time_flags_describe:
 *
 * Returns: (transfer full): the flags in words, one sentence each; "" for none
 */
char *
poe_time_flags_describe (PoeTimeFlags flags)
{
  g_autoptr(GString) text = g_string_new (NULL);
  struct { PoeTimeFlags flag; const char *words; } sentences[] = {
    { POE_TIME_FLAG_TOO_LONG, N_("Longer than 12 hours.") },
    { POE_TIME_FLAG_OVERLAP, N_("Overlaps another entry.") },
    { POE_TIME_FLAG_MISSING_END, N_("No clock-out.") },
    { POE_TIME_FLAG_NOT_POSITIVE, N_("No time worked.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      if ((flags & sentences[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _(sentences[i].words));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * poe_time_entry_check_change:
 * @role: the acting user's role
 * @actor_id: the acting user's staff id
 * @old: (nullable): the entry as stored, %NULL for a new one
 * @changed: the entry as it would be saved
 *
 * The time entry rows of docs/roles.md: one's own entries are created, edited and submitted
 * while draft or rejected; leads and supervisors approve or reject others' submitted
 * entries (a rejection with a reason); supervisors lock approved ones; after approval only
 * an administrator changes anything.
 *
 * Returns: whether the change is allowed, else @error says why
 */
gboolean
poe_time_entry_check_change (const char *role,
                             const char *actor_id,
                             PoeRecord  *old,
                             PoeRecord  *changed,
                             GError    **error)
{
  g_return_val_if_fail (old == NULL || POE_IS_RECORD (old), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (changed), FALSE);

  if (has_state (old, "approved") || has_state (old, "locked"))
    return check_approved_entry (role, actor_id, old, changed, error);

  if (role_rank (role) == 3)
    return TRUE;

  if (!_poe_timesheet_is_own (actor_id, old, changed))
    return _poe_timesheet_check_decision (role, old, changed, "submitted", error);

  if (old != NULL && !has_state (old, "draft") && !has_state (old, "rejected"))
    return refuse (error, POE_TIMESHEET_ERROR_NOT_ALLOWED,
                   _("This time entry was submitted; it can be changed once a lead returns it."));

  if (!has_state (changed, "draft") && !has_state (changed, "submitted"))
    return refuse (error, POE_TIMESHEET_ERROR_NOT_ALLOWED, _("You cannot approve your own time entry."));

  return TRUE;
}

/**
 * poe_time_entry_is_editable:
 *
 * Returns: whether the user may still change the times of @entry
 */
gboolean
poe_time_entry_is_editable (PoeRecord  *entry,
                            const char *role,
                            const char *actor_id)
{
  g_return_val_if_fail (POE_IS_RECORD (entry), FALSE);

  if (role_rank (role) == 3)
    return TRUE;

  return _poe_timesheet_is_own (actor_id, entry, entry) &&
         (has_state (entry, "draft") || has_state (entry, "rejected"));
}

/**
 * poe_timesheet_save_entry:
 *
 * Saves @entry (row + outbox + audit) when poe_time_entry_check_change() allows the change
 * from what the store holds, as the store's actor.
 */
gboolean
poe_timesheet_save_entry (PoeStore    *store,
                          const char  *role,
                          PoeRecord   *entry,
                          GError     **error)
{
  g_autoptr(PoeRecord) old = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (entry), FALSE);

  old = _poe_timesheet_get_existing (store, "time_entry", poe_record_get_id (entry), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return poe_time_entry_check_change (role, poe_store_get_actor_id (store), old, entry, error) &&
         poe_store_save (store, entry, error);
}


/*
 * Public API: clocking in and out
 */

/**
 * poe_timesheet_find_open_entry:
 *
 * Returns: (transfer full) (nullable): @staff_id's latest entry without a clock-out
 */
PoeRecord *
poe_timesheet_find_open_entry (PoeStore    *store,
                               const char  *staff_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  entries = poe_store_list_time_entries (store, staff_id, NULL, NULL, error);
  for (guint i = entries ? entries->len : 0; i > 0; i--)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i - 1);

      if (!poe_record_is_set (entry, "end"))
        return g_object_ref (entry);
    }

  return NULL;
}

/**
 * poe_timesheet_find_shift:
 *
 * Returns: (transfer full) (nullable): @staff_id's rostered shift running at @at, or
 *   starting within two hours of it
 */
PoeRecord *
poe_timesheet_find_shift (PoeStore    *store,
                          const char  *staff_id,
                          GDateTime   *at,
                          GError     **error)
{
  g_autoptr(GDateTime) from = g_date_time_add_hours (at, -16);
  g_autoptr(GDateTime) to = g_date_time_add_hours (at, 2);
  g_autoptr(GPtrArray) shifts = poe_store_list_shifts_between (store, from, to, error);

  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    {
      PoeRecord *shift = g_ptr_array_index (shifts, i);
      g_autoptr(GDateTime) end = poe_record_dup_time (shift, "planned_end");

      if (g_strcmp0 (get_str (shift, "staff_id"), staff_id) == 0 && g_date_time_compare (at, end) < 0)
        return g_object_ref (shift);
    }

  return NULL;
}

/**
 * poe_timesheet_clock_in:
 * @at: the moment the user clocked in
 *
 * Starts a draft entry at @at, on the shift running then.
 *
 * Returns: (transfer full) (nullable): the saved entry
 */
PoeRecord *
poe_timesheet_clock_in (PoeStore    *store,
                        const char  *role,
                        const char  *staff_id,
                        GDateTime   *at,
                        GError     **error)
{
  g_autoptr(PoeRecord) open = NULL;
  g_autoptr(PoeRecord) shift = NULL;
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL && at != NULL, NULL);

  open = poe_timesheet_find_open_entry (store, staff_id, error);
  if (open != NULL)
    {
      refuse (error, POE_TIMESHEET_ERROR_CLOCKED_IN, _("You are clocked in already. Clock out first."));
      return NULL;
    }

  shift = poe_timesheet_find_shift (store, staff_id, at, &local_error);
  entry = poe_record_new ("time_entry");
  poe_record_set_string (entry, "staff_id", staff_id);
  if (shift != NULL)
    poe_record_set_string (entry, "shift_id", poe_record_get_id (shift));
  poe_record_set_time (entry, "start", at);
  poe_record_set_int (entry, "break_minutes", 0);
  poe_record_set_string (entry, "state", "draft");

  if (!poe_timesheet_save_entry (store, role, entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/**
 * poe_timesheet_clock_out:
 * @at: the moment the user clocked out
 * @note: (nullable): a note for the lead
 *
 * Ends the open entry at @at with @break_minutes of breaks.
 *
 * Returns: (transfer full) (nullable): the saved entry
 */
PoeRecord *
poe_timesheet_clock_out (PoeStore    *store,
                         const char  *role,
                         const char  *staff_id,
                         GDateTime   *at,
                         gint64       break_minutes,
                         const char  *note,
                         GError     **error)
{
  g_autoptr(PoeRecord) open = NULL;
  g_autoptr(PoeRecord) entry = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id != NULL && at != NULL, NULL);

  open = poe_timesheet_find_open_entry (store, staff_id, error);
  if (open == NULL)
    {
      if (error == NULL || *error == NULL)
        refuse (error, POE_TIMESHEET_ERROR_NOT_CLOCKED_IN, _("You are not clocked in."));
      return NULL;
    }

  entry = poe_record_copy (open);
  poe_record_set_time (entry, "end", at);
  poe_record_set_int (entry, "break_minutes", MAX (break_minutes, 0));
  if (note != NULL && has_text (note))
    poe_record_set_string (entry, "note", note);

  if (!poe_timesheet_save_entry (store, role, entry, error))
    return NULL;

  return g_steal_pointer (&entry);
}
