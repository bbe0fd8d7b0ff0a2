/* poe-shifts-page-roster.c
 *
 * What the shifts page writes for a shift lead through its public API, which its dialogs
 * call: a rostered shift's planned times changed, a shift added to the roster (both from
 * the hours and minutes a lead types, on a local day at the POE), and the payroll CSV of a
 * period written to a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "common/poe-export.h"
#include "poe-shifts-page-private.h"


/*
 * Auxiliary methods
 */

static gboolean
parse_clock (const char *text,
             guint      *hour,
             guint      *minute)
{
  char end;

  return text != NULL && sscanf (text, "%u:%u%c", hour, minute, &end) == 2 && *hour <= 23 && *minute <= 59;
}

/* Sets the planned times of @shift from the hours a lead typed, on a local day at the POE;
 * an end not after the start is on the next day. */
static gboolean
set_planned_times (PoeShiftsPage  *self,
                   PoeRecord      *shift,
                   GDateTime      *day,
                   const char     *start,
                   const char     *end,
                   GError        **error)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (day, self->zone);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  guint start_h, start_m, end_h, end_m;

  if (!parse_clock (start, &start_h, &start_m) || !parse_clock (end, &end_h, &end_m))
    {
      g_set_error_literal (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INVALID,
                           _("Enter the times as hours and minutes, like 06:00."));
      return FALSE;
    }

  from = g_date_time_new (self->zone, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), start_h, start_m, 0);
  to = g_date_time_new (self->zone, g_date_time_get_year (local), g_date_time_get_month (local),
                        g_date_time_get_day_of_month (local), end_h, end_m, 0);
  if (g_date_time_compare (to, from) <= 0)
    {
      GDateTime *next = g_date_time_add_days (to, 1);

      g_date_time_unref (to);
      to = next;
    }

  poe_record_set_time (shift, "planned_start", from);
  poe_record_set_time (shift, "planned_end", to);
  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_shifts_page_set_shift_times:
 * @start: the planned start at the POE, "06:00", on the shift's day
 * @end: the planned end; earlier than @start means the next day
 *
 * Changes a rostered shift's planned times, as a lead's edit does.
 */
gboolean
poe_shifts_page_set_shift_times (PoeShiftsPage  *self,
                                 const char     *shift_id,
                                 const char     *start,
                                 const char     *end,
                                 GError        **error)
{
  g_autoptr(PoeRecord) shift = NULL;
  g_autoptr(GDateTime) old_start = NULL;

  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), FALSE);
  g_return_val_if_fail (shift_id != NULL && start != NULL && end != NULL, FALSE);

  if (!_poe_shifts_page_refuse_unless_lead (self, error) ||
      !(shift = poe_store_get (_poe_shifts_page_get_store (self), "shift", shift_id, error)))
    return FALSE;

  old_start = poe_record_dup_time (shift, "planned_start");
  if (!set_planned_times (self, shift, old_start, start, end, error))
    return FALSE;

  return poe_store_save (_poe_shifts_page_get_store (self), shift, error);
}

/**
 * poe_shifts_page_add_shift:
 * @staff_id: who works the shift, one of the POE's staff
 * @day: the local day at the POE, "2026-11-24"
 * @start: the planned start, "06:00"
 * @end: the planned end; not after @start means the next day
 * @role: (nullable): the duty, like "arrivals"
 *
 * Adds a shift to the roster, as a lead's "Add Shift…" does.
 */
gboolean
poe_shifts_page_add_shift (PoeShiftsPage  *self,
                           const char     *staff_id,
                           const char     *day,
                           const char     *start,
                           const char     *end,
                           const char     *role,
                           GError        **error)
{
  g_autoptr(PoeRecord) shift = NULL;
  g_autoptr(GDateTime) noon = NULL;
  g_autofree char *duty = g_strstrip (g_strdup (role ? role : ""));
  int year, month, mday;

  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), FALSE);
  g_return_val_if_fail (staff_id != NULL && day != NULL && start != NULL && end != NULL, FALSE);

  if (!_poe_shifts_page_refuse_unless_lead (self, error))
    return FALSE;
  if (!poe_date_is_valid (day) || sscanf (day, "%d-%d-%d", &year, &month, &mday) != 3)
    {
      g_set_error_literal (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INVALID,
                           _("Enter the day as year, month and day, like 2026-11-24."));
      return FALSE;
    }

  noon = g_date_time_new (self->zone, year, month, mday, 12, 0, 0);
  shift = poe_record_new ("shift");
  if (!set_planned_times (self, shift, noon, start, end, error))
    return FALSE;
  poe_record_set_string (shift, "poe", _poe_shifts_page_get_poe_code (self));
  poe_record_set_string (shift, "staff_id", staff_id);
  poe_record_set_string (shift, "role", *duty != '\0' ? duty : NULL);

  return poe_store_save (_poe_shifts_page_get_store (self), shift, error);
}

/**
 * poe_shifts_page_export_payroll_async:
 * @period: which week or month, counted from now at the POE
 * @file: where to write the CSV
 *
 * Writes the approved and locked hours of @period, of everyone at the POE in the store, as
 * poe_payroll_export_csv() lays them out.
 */
void
poe_shifts_page_export_payroll_async (PoeShiftsPage       *self,
                                      PoePayrollPeriod     period,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(GBytes) csv = NULL;
  GError *error = NULL;

  g_return_if_fail (POE_IS_SHIFTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_shifts_page_export_payroll_async);

  if (_poe_shifts_page_get_store (self) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Sign in to export payroll."));
      return;
    }

  poe_payroll_period_get_bounds (period, now, self->zone, &first_day, &last_day);
  csv = poe_payroll_export_csv (_poe_shifts_page_get_store (self), first_day, last_day, self->zone, &error);
  if (csv == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable,
                                       poe_export_file_replaced_cb, g_steal_pointer (&task));
}

gboolean
poe_shifts_page_export_payroll_finish (PoeShiftsPage  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
