/* poe-family-view-private.h
 *
 * The family view is split by concern: poe-family-view.c is the widget and reads the case;
 * poe-family-view-details.c shows its header, risk banner, details, travel and members;
 * poe-family-view-checklist.c builds the checklist rows and writes the checklist events;
 * poe-family-view-handover.c holds the hand-over and voucher groups; the exception path
 * (missed connection, rebooking, branch, overnight stay, ground transport) is its own widget,
 * PoeFamilyExceptions (poe-family-exceptions.c), updated with the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-read-error.h"
#include "escorts/poe-custody-view.h"
#include "escorts/poe-vouchers-view.h"
#include "session/poe-session.h"

#include "poe-family-exceptions.h"
#include "poe-family-snapshot.h"
#include "poe-family-view.h"

G_BEGIN_DECLS

struct _PoeFamilyView
{
  GtkWidget          parent_instance;

  PoeStore          *store;
  PoeSession        *session;        /* nullable: hand-offs, vouchers and anomalies need it */
  GSignalGroup      *store_signals;
  char              *case_id;
  gboolean           reveal_names;

  PoeFamilySnapshot *snapshot;
  char              *structure;
  GHashTable        *step_rows;      /* state key → PoeFamilyStepRow, owned by checklist_box */
  GHashTable        *member_rows;    /* person id → PoeFamilyMemberRow, owned by members_list */
  GHashTable        *person_labels;  /* "group/person id" → GtkLabel heading per-person steps */
  GHashTable        *groups;         /* group id → AdwPreferencesGroup */
  GHashTable        *staff_names;    /* staff id → display name, for one reload */
  char              *risk_class;
  char              *undo_event_id;  /* the change the undo bar takes back */
  guint              undo_toast_id;  /* hides the undo bar */
  GtkRevealer       *undo_revealer;
  GtkLabel          *undo_label;
  double             scroll_to;
  guint              scroll_tick_id;
  guint              reload_id;
  guint              clock_id;

  /* Template widgets */
  AdwPreferencesGroup *custody_group;
  AdwPreferencesGroup *vouchers_group;
  PoeCustodyView    *custody_view;
  PoeVouchersView   *vouchers_view;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  PoeReadErrorPage  *error_page;
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *title_label;
  GtkLabel          *family_label;
  GtkToggleButton   *reveal_button;
  AdwButtonContent  *reveal_content;
  GtkLabel          *branch_label;
  GtkLabel          *sensitivity_label;
  GtkLabel          *progress_label;
  GtkRevealer       *risk_revealer;
  GtkBox            *risk_box;
  GtkImage          *risk_icon;
  GtkLabel          *risk_title;
  GtkLabel          *risk_detail;
  GtkLabel          *risk_drivers;
  AdwActionRow      *agency_row;
  AdwActionRow      *destination_row;
  AdwActionRow      *staff_row;
  AdwPreferencesGroup *travel_group;
  GtkListBox        *travel_list;
  PoeFamilyExceptions *exceptions_view;
  GtkListBox        *members_list;
  GtkBox            *checklist_box;
};

void        _poe_family_view_update_details    (PoeFamilyView *self);
void        _poe_family_view_clear_details     (PoeFamilyView *self);
void        _poe_family_view_rebuild_checklist (PoeFamilyView *self);
void        _poe_family_view_update_checklist  (PoeFamilyView *self);
void        _poe_family_view_undo              (PoeFamilyView *self,
                                                const char    *event_id);
const char *_poe_family_view_staff_name        (PoeFamilyView *self,
                                                const char    *staff_id);
void        _poe_family_view_show_error        (PoeFamilyView *self,
                                                const GError  *error);

void _poe_family_view_hide_undo        (PoeFamilyView  *self);
void _poe_family_view_update_handover  (PoeFamilyView  *self);
void _poe_family_view_class_init_handover (GtkWidgetClass *widget_class);

G_END_DECLS
