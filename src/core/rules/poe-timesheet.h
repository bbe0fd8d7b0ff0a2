/* poe-timesheet.h
 *
 * Shifts, time entries and leave as rules: the time entry state machine (who may make which
 * change, as docs/roles.md and poe-central say), clocking in and out at the time of the
 * action, a week of one's own entries with daily and weekly totals, the flags shown before
 * submission, leave requests against the roster, and the payroll CSV of approved hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

#define POE_TIMESHEET_ERROR (poe_timesheet_error_quark ())

typedef enum
{
  POE_TIMESHEET_ERROR_NOT_ALLOWED,     /* the role or the owner may not make this change */
  POE_TIMESHEET_ERROR_LOCKED,          /* approved or locked: only an administrator changes it */
  POE_TIMESHEET_ERROR_NEEDS_REASON,    /* a rejection without a reason */
  POE_TIMESHEET_ERROR_CLOCKED_IN,      /* clocking in while an entry is open */
  POE_TIMESHEET_ERROR_NOT_CLOCKED_IN,  /* clocking out without an open entry */
  POE_TIMESHEET_ERROR_INCOMPLETE,      /* submitting entries without a clock-out or duration */
  POE_TIMESHEET_ERROR_INVALID,         /* dates or times that make no sense */
} PoeTimesheetError;

typedef enum
{
  POE_TIME_FLAG_NONE         = 0,
  POE_TIME_FLAG_TOO_LONG     = 1 << 0,  /* more than POE_TIMESHEET_MAX_SHIFT_MINUTES */
  POE_TIME_FLAG_OVERLAP      = 1 << 1,  /* overlaps another entry of the same person */
  POE_TIME_FLAG_MISSING_END  = 1 << 2,  /* no clock-out after the shift's end or 16 h */
  POE_TIME_FLAG_NOT_POSITIVE = 1 << 3,  /* ends before it starts, or breaks eat it all */
} PoeTimeFlags;

/* Flags that keep an entry from being submitted; the others are warnings. */
#define POE_TIME_FLAGS_BLOCKING (POE_TIME_FLAG_MISSING_END | POE_TIME_FLAG_NOT_POSITIVE)

/* The periods "Export Payroll…" offers, counted in the POE's time zone. */
typedef enum
{
  POE_PAYROLL_PERIOD_THIS_WEEK,
  POE_PAYROLL_PERIOD_LAST_WEEK,
  POE_PAYROLL_PERIOD_THIS_MONTH,
  POE_PAYROLL_PERIOD_LAST_MONTH,
} PoePayrollPeriod;

#define POE_TIMESHEET_MAX_SHIFT_MINUTES (12 * 60)
#define POE_TIMESHEET_OPEN_LIMIT_MINUTES (16 * 60)
/* Payroll: worked minutes of one local day beyond this are overtime. */
#define POE_TIMESHEET_REGULAR_DAY_MINUTES (8 * 60)

typedef struct
{
  char      *first_day;        /* local Monday, "2026-11-23" */
  GDateTime *start;            /* local Monday 00:00 */
  GPtrArray *entries;          /* (element-type PoeRecord): the week's entries by start */
  GArray    *flags;            /* PoeTimeFlags, one per entry */
  gint64     day_minutes[7];   /* worked minutes per day, Monday first, breaks subtracted */
  gint64     total_minutes;
} PoeTimesheetWeek;

GQuark            poe_timesheet_error_quark      (void);

/* Entries */
gint64            poe_time_entry_worked_minutes  (PoeRecord          *entry);
PoeTimeFlags      poe_time_entry_flags           (PoeRecord          *entry,
                                                  GPtrArray          *others,
                                                  PoeRecord          *shift,
                                                  GDateTime          *now);
char             *poe_time_flags_describe        (PoeTimeFlags        flags);
gboolean          poe_time_entry_check_change    (const char         *role,
                                                  const char         *actor_id,
                                                  PoeRecord          *old,
                                                  PoeRecord          *changed,
                                                  GError            **error);
gboolean          poe_time_entry_is_editable     (PoeRecord          *entry,
                                                  const char         *role,
                                                  const char         *actor_id);
gboolean          poe_timesheet_save_entry       (PoeStore           *store,
                                                  const char         *role,
                                                  PoeRecord          *entry,
                                                  GError            **error);

/* Clocking: @at is the moment of the action, stored as it was */
PoeRecord        *poe_timesheet_find_open_entry  (PoeStore           *store,
                                                  const char         *staff_id,
                                                  GError            **error);
PoeRecord        *poe_timesheet_find_shift       (PoeStore           *store,
                                                  const char         *staff_id,
                                                  GDateTime          *at,
                                                  GError            **error);
PoeRecord        *poe_timesheet_clock_in         (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *staff_id,
                                                  GDateTime          *at,
                                                  GError            **error);
PoeRecord        *poe_timesheet_clock_out        (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *staff_id,
                                                  GDateTime          *at,
                                                  gint64              break_minutes,
                                                  const char         *note,
                                                  GError            **error);

/* Weeks */
PoeTimesheetWeek *poe_timesheet_week_new         (PoeStore           *store,
                                                  const char         *staff_id,
                                                  GDateTime          *day,
                                                  GTimeZone          *zone,
                                                  GDateTime          *now,
                                                  GError            **error);
void              poe_timesheet_week_free        (PoeTimesheetWeek   *week);
guint             poe_timesheet_submit_week      (PoeStore           *store,
                                                  const char         *role,
                                                  PoeTimesheetWeek   *week,
                                                  GError            **error);
gboolean          poe_timesheet_decide           (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *entry_id,
                                                  gboolean            approve,
                                                  const char         *reason,
                                                  GError            **error);
GPtrArray        *poe_timesheet_list_submitted   (PoeStore           *store,
                                                  const char         *except_staff_id,
                                                  GError            **error);

/* Locking */
gboolean          poe_timesheet_lock             (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *entry_id,
                                                  GError            **error);
guint             poe_timesheet_lock_week        (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *staff_id,
                                                  GDateTime          *day,
                                                  GTimeZone          *zone,
                                                  GError            **error);
GPtrArray        *poe_timesheet_list_approved    (PoeStore           *store,
                                                  const char         *except_staff_id,
                                                  GError            **error);
gboolean          poe_time_entry_changed_after_decision (PoeStore    *store,
                                                  PoeRecord          *entry);

/* Leave */
gboolean          poe_leave_check_change         (const char         *role,
                                                  const char         *actor_id,
                                                  PoeRecord          *old,
                                                  PoeRecord          *changed,
                                                  GError            **error);
PoeRecord        *poe_leave_request_create       (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *staff_id,
                                                  const char         *kind,
                                                  const char         *first_day,
                                                  const char         *last_day,
                                                  GError            **error);
gboolean          poe_leave_set_state            (PoeStore           *store,
                                                  const char         *role,
                                                  const char         *leave_id,
                                                  const char         *state,
                                                  const char         *reason,
                                                  GError            **error);
gboolean          poe_leave_covers_shift         (PoeRecord          *leave,
                                                  PoeRecord          *shift,
                                                  GTimeZone          *zone);

/* Payroll */
GBytes           *poe_payroll_export_csv         (PoeStore           *store,
                                                  const char         *first_day,
                                                  const char         *last_day,
                                                  GTimeZone          *zone,
                                                  GError            **error);
void              poe_payroll_period_get_bounds  (PoePayrollPeriod    period,
                                                  GDateTime          *now,
                                                  GTimeZone          *zone,
                                                  char              **first_day,
                                                  char              **last_day);

char             *poe_timesheet_dup_local_day    (GDateTime          *time,
                                                  GTimeZone          *zone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeTimesheetWeek, poe_timesheet_week_free)

G_END_DECLS
