/* poe-shifts-page.h
 *
 * The Shifts page: My Week (clock in and out, submit the week), Approvals, Roster and Leave,
 * and the payroll export of a period. Its public calls are what its buttons and dialogs do,
 * so tests drive it the way a user does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-core.h"
#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_SHIFTS_PAGE (poe_shifts_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeShiftsPage, poe_shifts_page, POE, SHIFTS_PAGE, GtkWidget)

PoeSession       *poe_shifts_page_get_session          (PoeShiftsPage        *self);
void              poe_shifts_page_set_session          (PoeShiftsPage        *self,
                                                        PoeSession           *session);
void              poe_shifts_page_set_view             (PoeShiftsPage        *self,
                                                        const char           *name);
void              poe_shifts_page_set_week             (PoeShiftsPage        *self,
                                                        GDateTime            *day);
void              poe_shifts_page_set_roster_day       (PoeShiftsPage        *self,
                                                        GDateTime            *day);
gboolean          poe_shifts_page_set_shift_times      (PoeShiftsPage        *self,
                                                        const char           *shift_id,
                                                        const char           *start,
                                                        const char           *end,
                                                        GError              **error);
gboolean          poe_shifts_page_add_shift            (PoeShiftsPage        *self,
                                                        const char           *staff_id,
                                                        const char           *day,
                                                        const char           *start,
                                                        const char           *end,
                                                        const char           *role,
                                                        GError              **error);
AdwMessageDialog *poe_shifts_page_reject_entry         (PoeShiftsPage        *self,
                                                        const char           *entry_id);
void              poe_shifts_page_export_payroll_async (PoeShiftsPage        *self,
                                                        PoePayrollPeriod      period,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          poe_shifts_page_export_payroll_finish (PoeShiftsPage       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
