/* poe-incident-editor-private.h
 *
 * The incident editor is split by concern: poe-incident-editor.c keeps the editor's state,
 * shows an incident as a form or a report, writes it and follows the store;
 * poe-incident-editor-form.c builds and reads the form of a draft and saves or submits it;
 * poe-incident-editor-report.c shows the submitted report, its comments and the status
 * changes with a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-read-error.h"

#include "poe-incident-editor.h"

G_BEGIN_DECLS

struct _PoeIncidentEditor
{
  GtkWidget         parent_instance;

  PoeSession       *session;
  GSignalGroup     *store_signals;
  PoeRecord        *record;      /* the stored incident, or a new draft not saved yet */
  GPtrArray        *case_ids;    /* form: families involved, in the order added */
  GHashTable       *person_ids;  /* form: members ticked, a set */
  GHashTable       *messages;    /* field → the message shown on it */
  GPtrArray        *case_rows;   /* rows of cases_list besides add_case_row */
  GPtrArray        *comment_rows;
  GTimeZone        *zone;        /* the signed-in user's POE's, read with each incident shown */
  const char       *mode;        /* "none", "form", "report" */
  char             *failed_id;   /* the incident a failed read left out, for "Try Again" */
  gboolean          reveal_names;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  PoeReadErrorPage *error_page;
  GtkLabel         *form_title;
  AdwComboRow      *category_row;
  AdwComboRow      *severity_row;
  AdwEntryRow      *at_row;
  AdwEntryRow      *place_row;
  GtkLabel         *at_message;
  GtkListBox       *cases_list;
  AdwEntryRow      *add_case_row;
  GtkLabel         *case_message;
  GtkFrame         *narrative_frame;
  GtkTextView      *narrative_view;
  GtkLabel         *narrative_message;
  GtkTextView      *actions_view;
  AdwEntryRow      *notified_row;
  AdwEntryRow      *follow_up_row;
  GtkLabel         *follow_up_message;
  GtkLabel         *form_hint;
  GtkLabel         *report_title;
  GtkLabel         *severity_chip;
  GtkLabel         *status_chip;
  GtkWidget        *overdue_box;
  GtkLabel         *overdue_label;
  GtkListBox       *report_list;
  GtkWidget        *review_group;
  GtkWidget        *review_button;
  GtkWidget        *close_button;
  GtkListBox       *comments_list;
  AdwEntryRow      *comment_row;
};

/* poe-incident-editor.c */
PoeStore           *_poe_incident_editor_get_store        (PoeIncidentEditor *self);
const char         *_poe_incident_editor_get_role         (PoeIncidentEditor *self);
const char         *_poe_incident_editor_get_staff_id     (PoeIncidentEditor *self);
void                _poe_incident_editor_toast            (PoeIncidentEditor *self,
                                                           const char        *text);
char               *_poe_incident_editor_dup_trimmed      (const char        *text);
void                _poe_incident_editor_set_entry        (AdwEntryRow       *row,
                                                           const char        *text);
char               *_poe_incident_editor_dup_entry        (AdwEntryRow       *row);
const char * const *_poe_incident_editor_categories       (void);
const char * const *_poe_incident_editor_severities       (void);
char               *_poe_incident_editor_dup_person_name  (PoeIncidentEditor *self,
                                                           PoeRecord         *person);
void                _poe_incident_editor_clear_rows       (GtkListBox        *list,
                                                           GPtrArray         *rows);
gboolean            _poe_incident_editor_reload           (PoeIncidentEditor *self);
gboolean            _poe_incident_editor_save_record      (PoeIncidentEditor *self,
                                                           PoeRecord         *record);
void                _poe_incident_editor_emit_saved       (PoeIncidentEditor *self);
void                _poe_incident_editor_report_error     (PoeIncidentEditor *self,
                                                           const GError      *error);

/* poe-incident-editor-form.c */
void                _poe_incident_editor_add_case_rows    (PoeIncidentEditor *self);
void                _poe_incident_editor_fill_form        (PoeIncidentEditor *self);

/* poe-incident-editor-report.c */
void                _poe_incident_editor_fill_report_rows (PoeIncidentEditor *self);
void                _poe_incident_editor_fill_report      (PoeIncidentEditor *self);

G_END_DECLS
