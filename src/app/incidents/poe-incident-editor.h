/* poe-incident-editor.h
 *
 * One incident report: the form of a draft (its author edits, saves and submits it) or,
 * once submitted, the read-only report with its comments and, for leads and supervisors,
 * the status changes with a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_INCIDENT_EDITOR (poe_incident_editor_get_type ())

G_DECLARE_FINAL_TYPE (PoeIncidentEditor, poe_incident_editor, POE, INCIDENT_EDITOR, GtkWidget)

GtkWidget   *poe_incident_editor_new               (void);
void         poe_incident_editor_set_session       (PoeIncidentEditor *self,
                                                    PoeSession        *session);
void         poe_incident_editor_start_new         (PoeIncidentEditor *self);
void         poe_incident_editor_show_incident     (PoeIncidentEditor *self,
                                                    const char        *incident_id);
void         poe_incident_editor_clear             (PoeIncidentEditor *self);
const char  *poe_incident_editor_get_incident_id   (PoeIncidentEditor *self);
const char  *poe_incident_editor_get_mode          (PoeIncidentEditor *self);
gboolean     poe_incident_editor_add_case          (PoeIncidentEditor *self,
                                                    const char        *case_number);
gboolean     poe_incident_editor_save_draft        (PoeIncidentEditor *self);
gboolean     poe_incident_editor_submit            (PoeIncidentEditor *self);
gboolean     poe_incident_editor_add_comment       (PoeIncidentEditor *self,
                                                    const char        *body);
AdwMessageDialog *poe_incident_editor_request_status (PoeIncidentEditor *self,
                                                    const char        *status);
const char  *poe_incident_editor_get_field_message (PoeIncidentEditor *self,
                                                    const char        *field);
gboolean     poe_incident_editor_get_reveal_names  (PoeIncidentEditor *self);
void         poe_incident_editor_set_reveal_names  (PoeIncidentEditor *self,
                                                    gboolean           reveal_names);

G_END_DECLS
