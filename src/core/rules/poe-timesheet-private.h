/* poe-timesheet-private.h
 *
 * The timesheet rules are split by concern: poe-timesheet.c judges and saves time entries
 * and clocks in and out; poe-timesheet-week.c builds a week and carries the reviewer's
 * decisions and locks; poe-timesheet-leave.c holds the leave rules; poe-timesheet-payroll.c
 * exports approved hours. This header is what they share: small reads of a record, the
 * refusal every rule returns, the rank of a role, and the decision rule common to time
 * entries and leave. Not for users of poe-timesheet.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-timesheet.h"

G_BEGIN_DECLS

static inline const char *
get_str (PoeRecord  *record,
         const char *field)
{
  return record != NULL ? poe_record_get_string (record, field) : NULL;
}

static inline gboolean
has_state (PoeRecord  *record,
           const char *state)
{
  return g_strcmp0 (get_str (record, "state"), state) == 0;
}

static inline gboolean
refuse (GError     **error,
        int          code,
        const char  *message)
{
  g_set_error_literal (error, POE_TIMESHEET_ERROR, code, message);
  return FALSE;
}

static inline int
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

/* poe-timesheet.c */
gboolean    _poe_timesheet_is_own          (const char  *actor_id,
                                            PoeRecord   *old,
                                            PoeRecord   *changed);
gboolean    _poe_timesheet_check_decision  (const char  *role,
                                            PoeRecord   *old,
                                            PoeRecord   *changed,
                                            const char  *pending,
                                            GError     **error);
GDateTime  *_poe_timesheet_local_midnight  (GDateTime   *time,
                                            GTimeZone   *zone);
PoeRecord  *_poe_timesheet_get_existing    (PoeStore    *store,
                                            const char  *entity,
                                            const char  *id,
                                            GError     **error);

G_END_DECLS
