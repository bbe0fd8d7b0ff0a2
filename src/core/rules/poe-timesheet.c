/* poe-timesheet.c
 *
 * The rules mirror poe-central's check_time_entry and check_leave_request (docs/roles.md), so
 * the app refuses locally what the server would reject later, and says why in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-timesheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-csv.h"
#include "poe-timesheet.h"

G_DEFINE_QUARK (poe-timesheet-error-quark, poe_timesheet_error)

/* Fields a decision (approve, reject, lock) may change. */
static const char * const decision_fields[] = { "state", "reason", "decided_by", NULL };

/* The payroll columns, in order. Machine-readable names for HR systems: not translated.
 * hours and overtime_hours are decimal hours with two decimals; a day's worked minutes
 * beyond POE_TIMESHEET_REGULAR_DAY_MINUTES are overtime, counted on the entries that
 * pass that mark. */
static const char * const payroll_columns[] = {
  "staff", "username", "date", "start", "end", "break_minutes", "hours", "overtime_hours", NULL
};


/*
 * Auxiliary methods
 */

static int
role_rank (const char *role)
{
  static const char * const roles[] = { "agent", "lead", "supervisor", "admin", NULL };

  for (int i = 0; role != NULL && roles[i] != NULL; i++)
    {
      if (g_str_equal (roles[i], role))
        return i;
    }

  return 0;
}

static const char *
get_str (PoeRecord  *record,
         const char *field)
{
  return record != NULL ? poe_record_get_string (record, field) : NULL;
}

static gboolean
has_state (PoeRecord  *record,
           const char *state)
{
  return g_strcmp0 (get_str (record, "state"), state) == 0;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *message)
{
  g_set_error_literal (error, POE_TIMESHEET_ERROR, code, message);
  return FALSE;
}

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
is_own (const char *actor_id,
        PoeRecord  *old,
        PoeRecord  *changed)
{
  return actor_id != NULL && g_strcmp0 (get_str (changed, "staff_id"), actor_id) == 0 &&
         (old == NULL || g_strcmp0 (get_str (old, "staff_id"), actor_id) == 0);
}

static gboolean
has_text (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  return *trimmed != '\0';
}

/* Approve or reject what waits for a decision (@pending), never one's own. */
static gboolean
check_decision (const char *role,
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
      changed_within (old, changed, decision_fields) && !is_own (actor_id, old, changed))
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

static GDateTime *
local_midnight (GDateTime *time,
                GTimeZone *zone)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

static PoeRecord *
get_existing (PoeStore    *store,
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

static char *
format_hours (gint64 minutes)
{
  gint64 hundredths = (minutes * 100 + 30) / 60;

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", hundredths / 100, (int) (hundredths % 100));
}

static char *
format_local (GDateTime  *time,
              GTimeZone  *zone,
              const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_format (local, format);
}

static gboolean
is_payable (PoeRecord *entry)
{
  return (has_state (entry, "approved") || has_state (entry, "locked")) &&
         poe_record_is_set (entry, "end") && !poe_record_get_deleted (entry);
}

static int
compare_payroll (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *names = user_data;
  PoeRecord *x = *(PoeRecord **) a;
  PoeRecord *y = *(PoeRecord **) b;
  int by_name = g_strcmp0 (g_hash_table_lookup (names, get_str (x, "staff_id")),
                           g_hash_table_lookup (names, get_str (y, "staff_id")));

  if (by_name != 0)
    return by_name;
  if (g_strcmp0 (get_str (x, "staff_id"), get_str (y, "staff_id")) != 0)
    return g_strcmp0 (get_str (x, "staff_id"), get_str (y, "staff_id"));

  return g_strcmp0 (get_str (x, "start"), get_str (y, "start"));
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (get_str (*(PoeRecord **) a, "start"), get_str (*(PoeRecord **) b, "start"));
}

static void
add_payroll_row (PoeCsvWriter *writer,
                 PoeRecord    *entry,
                 PoeRecord    *staff,
                 GTimeZone    *zone,
                 gint64        day_before,
                 gint64        worked)
{
  g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
  g_autoptr(GDateTime) end = poe_record_dup_time (entry, "end");
  gint64 regular = POE_TIMESHEET_REGULAR_DAY_MINUTES;
  gint64 overtime = MAX (0, day_before + worked - regular) - MAX (0, day_before - regular);
  g_autofree char *date = format_local (start, zone, "%Y-%m-%d");
  g_autofree char *from = format_local (start, zone, "%H:%M");
  g_autofree char *to = format_local (end, zone, "%H:%M");
  g_autofree char *breaks = g_strdup_printf ("%" G_GINT64_FORMAT, poe_record_get_int (entry, "break_minutes"));
  g_autofree char *hours = format_hours (worked);
  g_autofree char *extra = format_hours (overtime);
  const char *row[] = {
    get_str (staff, "display_name"), get_str (staff, "username"), date, from, to, breaks, hours, extra
  };

  poe_csv_writer_add_row (writer, row, G_N_ELEMENTS (row));
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

  if (!is_own (actor_id, old, changed))
    return check_decision (role, old, changed, "submitted", error);

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

  return is_own (actor_id, entry, entry) && (has_state (entry, "draft") || has_state (entry, "rejected"));
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

  old = get_existing (store, "time_entry", poe_record_get_id (entry), &local_error);
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

  midnight = local_midnight (day, zone);
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
        shift = get_existing (store, "shift", get_str (entry, "shift_id"), NULL);
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
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  entries = poe_store_list (store, "time_entry", "state", "submitted", error);
  for (guint i = entries ? entries->len : 0; i > 0; i--)
    {
      if (g_strcmp0 (get_str (g_ptr_array_index (entries, i - 1), "staff_id"), except_staff_id) == 0)
        g_ptr_array_remove_index (entries, i - 1);
    }

  return g_steal_pointer (&entries);
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

  midnight = local_midnight (day, zone);
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
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  entries = poe_store_list (store, "time_entry", "state", "approved", error);
  for (guint i = entries ? entries->len : 0; i > 0; i--)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i - 1);

      if (g_strcmp0 (get_str (entry, "staff_id"), except_staff_id) == 0 || poe_record_get_deleted (entry))
        g_ptr_array_remove_index (entries, i - 1);
    }
  if (entries != NULL)
    g_ptr_array_sort (entries, compare_start);

  return g_steal_pointer (&entries);
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

  if (!is_own (actor_id, old, changed))
    return check_decision (role, old, changed, "requested", error);

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


/*
 * Public API: payroll
 */

/**
 * poe_payroll_export_csv:
 * @first_day: the first local day of the period, "2026-11-01"
 * @last_day: its last day, inclusive
 * @zone: the POE's time zone
 *
 * The approved and locked entries that start in the period, one CSV row each, by staff name
 * and start, under a header row of payroll_columns.
 *
 * Returns: (transfer full) (nullable): the CSV text
 */
GBytes *
poe_payroll_export_csv (PoeStore    *store,
                        const char  *first_day,
                        const char  *last_day,
                        GTimeZone   *zone,
                        GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GHashTable) staff_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PoeCsvWriter) writer = poe_csv_writer_new ();
  g_autofree char *day = NULL;
  const char *staff_id = NULL;
  gint64 day_minutes = 0;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  if (!poe_date_is_valid (first_day) || !poe_date_is_valid (last_day) || strcmp (first_day, last_day) > 0)
    {
      refuse (error, POE_TIMESHEET_ERROR_INVALID, _("Choose a first day and a last day on or after it."));
      return NULL;
    }

  if (!(staff = poe_store_list (store, "staff", NULL, NULL, error)) ||
      !(entries = poe_store_list (store, "time_entry", NULL, NULL, error)))
    return NULL;

  for (guint i = 0; i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      g_hash_table_insert (staff_by_id, (gpointer) poe_record_get_id (member), member);
      g_hash_table_insert (names, (gpointer) poe_record_get_id (member), (gpointer) get_str (member, "display_name"));
    }

  for (guint i = entries->len; i > 0; i--)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i - 1);
      g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
      g_autofree char *start_day = start ? poe_timesheet_dup_local_day (start, zone) : NULL;

      if (!is_payable (entry) || start_day == NULL || strcmp (start_day, first_day) < 0 ||
          strcmp (start_day, last_day) > 0)
        g_ptr_array_remove_index (entries, i - 1);
    }
  g_ptr_array_sort_with_data (entries, compare_payroll, names);

  poe_csv_writer_add_row (writer, payroll_columns, -1);
  for (guint i = 0; i < entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
      g_autofree char *entry_day = poe_timesheet_dup_local_day (start, zone);
      gint64 worked = MAX (0, poe_time_entry_worked_minutes (entry));

      if (g_strcmp0 (staff_id, get_str (entry, "staff_id")) != 0 || g_strcmp0 (day, entry_day) != 0)
        day_minutes = 0;
      staff_id = get_str (entry, "staff_id");
      g_free (day);
      day = g_steal_pointer (&entry_day);

      add_payroll_row (writer, entry, g_hash_table_lookup (staff_by_id, staff_id), zone, day_minutes, worked);
      day_minutes += worked;
    }

  return poe_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}

/**
 * poe_payroll_period_get_bounds:
 * @now: the moment "this" week or month is counted from
 * @zone: the POE's time zone
 * @first_day: (out) (transfer full): the period's first local day, "2026-11-01"
 * @last_day: (out) (transfer full): its last day, inclusive
 *
 * Weeks run Monday to Sunday; months from the first to the last day.
 */
void
poe_payroll_period_get_bounds (PoePayrollPeriod   period,
                               GDateTime         *now,
                               GTimeZone         *zone,
                               char             **first_day,
                               char             **last_day)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) last = NULL;

  g_return_if_fail (now != NULL && zone != NULL && first_day != NULL && last_day != NULL);

  today = local_midnight (now, zone);
  switch (period)
    {
    case POE_PAYROLL_PERIOD_THIS_WEEK:
    case POE_PAYROLL_PERIOD_LAST_WEEK:
      first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today) -
                                    (period == POE_PAYROLL_PERIOD_LAST_WEEK ? 7 : 0));
      after = g_date_time_add_weeks (first, 1);
      break;
    case POE_PAYROLL_PERIOD_THIS_MONTH:
    case POE_PAYROLL_PERIOD_LAST_MONTH:
    default:
      first = g_date_time_new (zone, g_date_time_get_year (today), g_date_time_get_month (today), 1, 0, 0, 0);
      if (period == POE_PAYROLL_PERIOD_LAST_MONTH)
        {
          GDateTime *previous = g_date_time_add_months (first, -1);

          g_date_time_unref (first);
          first = previous;
        }
      after = g_date_time_add_months (first, 1);
      break;
    }

  /* Noon of the day before: a day is never shorter than 12 hours, whatever DST does. */
  last = g_date_time_add_hours (after, -12);
  *first_day = g_date_time_format (first, "%Y-%m-%d");
  *last_day = g_date_time_format (last, "%Y-%m-%d");
}

/**
 * poe_timesheet_dup_local_day:
 *
 * Returns: (transfer full): the calendar day of @time in @zone, "2026-11-24"
 */
char *
poe_timesheet_dup_local_day (GDateTime *time,
                             GTimeZone *zone)
{
  g_return_val_if_fail (time != NULL && zone != NULL, NULL);

  return format_local (time, zone, "%Y-%m-%d");
}
