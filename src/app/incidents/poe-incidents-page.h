/* poe-incidents-page.h
 *
 * The Incidents page: the incident reports the signed-in user may see, with filters, and the
 * chosen report or a new draft in a PoeIncidentEditor beside them. The window asks it to
 * start a new report or show one; tests read what it lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "incidents/poe-incident-editor.h"
#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_INCIDENTS_PAGE (poe_incidents_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeIncidentsPage, poe_incidents_page, POE, INCIDENTS_PAGE, GtkWidget)

PoeSession        *poe_incidents_page_get_session      (PoeIncidentsPage *self);
void               poe_incidents_page_set_session      (PoeIncidentsPage *self,
                                                        PoeSession       *session);
gboolean           poe_incidents_page_go_back          (PoeIncidentsPage *self);
void               poe_incidents_page_new_incident     (PoeIncidentsPage *self);
void               poe_incidents_page_show_incident    (PoeIncidentsPage *self,
                                                        const char       *incident_id);
void               poe_incidents_page_set_filter       (PoeIncidentsPage *self,
                                                        const char       *filter,
                                                        const char       *value);
char             **poe_incidents_page_dup_shown_ids    (PoeIncidentsPage *self);
PoeIncidentEditor *poe_incidents_page_get_editor       (PoeIncidentsPage *self);
gboolean           poe_incidents_page_get_reveal_names (PoeIncidentsPage *self);
void               poe_incidents_page_set_reveal_names (PoeIncidentsPage *self,
                                                        gboolean          reveal_names);

G_END_DECLS
