/* poe-shifts-page-private.h
 *
 * The shifts page is split by concern: poe-shifts-page.c keeps the page's state, refreshes
 * it and answers the clock, week and day buttons and the leave request;
 * poe-shifts-page-roster.c writes the roster and the payroll export;
 * poe-shifts-page-rows.c builds the rows of My Week and Approvals and fills their lists;
 * poe-shifts-page-roster-rows.c those of Roster and Leave; poe-shifts-page-dialogs.c asks
 * in dialogs (a reason, an entry's or shift's changes, a new shift, the payroll period and
 * file). Times are the signed-in user's POE's; a read that fails shows PoeReadErrorPage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-read-error.h"

#include "poe-shifts-page.h"

G_BEGIN_DECLS

struct _PoeShiftsPage
{
  GtkWidget           parent_instance;

  PoeSession         *session;
  GSignalGroup       *store_signals;
  GCancellable       *cancellable;
  GTimeZone          *zone;      /* the signed-in user's POE's, read with each refresh */
  GDateTime          *week_day;
  GDateTime          *roster_day;
  GHashTable         *staff_names;
  GtkFileChooserNative *chooser;
  PoePayrollPeriod    export_period;
  guint               refresh_id;
  gboolean            dirty;       /* to read again once the page is shown */

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *status_page;
  PoeReadErrorPage   *error_page;
  GtkWidget          *export_button;
  AdwViewStack       *view_stack;
  AdwViewStackPage   *approvals_page;
  AdwActionRow       *clock_row;
  GtkWidget          *clock_in_button;
  GtkWidget          *clock_out_button;
  GtkSpinButton      *break_spin;
  AdwEntryRow        *note_row;
  GtkLabel           *week_label;
  GtkLabel           *total_label;
  GtkBox             *day_box;
  GtkListBox         *week_list;
  GtkLabel           *week_message;
  GtkWidget          *submit_button;
  GtkListBox         *approvals_list;
  GtkLabel           *lock_label;
  GtkListBox         *lock_list;
  GtkWidget          *add_shift_button;
  GtkLabel           *day_label;
  GtkListBox         *roster_list;
  AdwComboRow        *kind_row;
  AdwEntryRow        *first_day_row;
  AdwEntryRow        *last_day_row;
  GtkLabel           *leave_message;
  GtkListBox         *leave_list;
};

/* poe-shifts-page.c */
PoeStore         *_poe_shifts_page_get_store               (PoeShiftsPage   *self);
const char       *_poe_shifts_page_get_role                (PoeShiftsPage   *self);
const char       *_poe_shifts_page_get_staff_id            (PoeShiftsPage   *self);
gboolean          _poe_shifts_page_is_lead                 (PoeShiftsPage   *self);
const char       *_poe_shifts_page_staff_name              (PoeShiftsPage   *self,
                                                            const char      *staff_id);
const char       *_poe_shifts_page_get_poe_code            (PoeShiftsPage   *self);
gboolean          _poe_shifts_page_refuse_unless_lead      (PoeShiftsPage   *self,
                                                            GError         **error);
void              _poe_shifts_page_show_error              (PoeShiftsPage   *self,
                                                            const GError    *error);

/* poe-shifts-page-rows.c */
void              _poe_shifts_page_clear_list              (GtkListBox      *list);
GtkWidget        *_poe_shifts_page_row_button              (const char      *name,
                                                            const char      *label,
                                                            const char      *icon_name,
                                                            const char      *accessible);
GtkWidget        *_poe_shifts_page_chip                    (const char      *text,
                                                            const char      *style);
gboolean          _poe_shifts_page_load                    (PoeShiftsPage   *self,
                                                            GError         **error);
gboolean          _poe_shifts_page_refresh_clock           (PoeShiftsPage   *self,
                                                            GError         **error);
gboolean          _poe_shifts_page_refresh_week            (PoeShiftsPage   *self,
                                                            GError         **error);
gboolean          _poe_shifts_page_refresh_approvals       (PoeShiftsPage   *self,
                                                            GError         **error);
gboolean          _poe_shifts_page_refresh_locks           (PoeShiftsPage   *self,
                                                            GError         **error);

/* poe-shifts-page-roster-rows.c */
gboolean          _poe_shifts_page_refresh_roster          (PoeShiftsPage   *self,
                                                            GError         **error);
gboolean          _poe_shifts_page_refresh_leave           (PoeShiftsPage   *self,
                                                            GError         **error);

/* poe-shifts-page-dialogs.c */
void              _poe_shifts_page_class_init_dialogs      (GtkWidgetClass  *widget_class);
AdwMessageDialog *_poe_shifts_page_present_reason_dialog   (PoeShiftsPage   *self,
                                                            const char      *key,
                                                            const char      *id);
void              _poe_shifts_page_reject_clicked_cb       (PoeShiftsPage   *self,
                                                            GtkButton       *button);
void              _poe_shifts_page_edit_clicked_cb         (PoeShiftsPage   *self,
                                                            GtkButton       *button);
void              _poe_shifts_page_edit_shift_clicked_cb   (PoeShiftsPage   *self,
                                                            GtkButton       *button);
void              _poe_shifts_page_remove_shift_clicked_cb (PoeShiftsPage   *self,
                                                            GtkButton       *button);

G_END_DECLS
