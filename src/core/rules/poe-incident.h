/* poe-incident.h
 *
 * The rules of incident reports and anomaly reports as pure functions, so the app, its
 * tests and the server's matrix (docs/roles.md) say the same thing: who may edit which
 * field in which status, what a submission needs, the review path open → under_review →
 * closed, overdue follow-ups, and an anomaly report pre-filled from a flight and a case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "poe-record.h"

G_BEGIN_DECLS

#define POE_INCIDENT_ERROR (poe_incident_error_quark ())

typedef enum
{
  POE_INCIDENT_ERROR_INCOMPLETE,  /* a field a submission needs is empty or wrong */
  POE_INCIDENT_ERROR_NOT_ALLOWED, /* the user's role or the incident's status forbids it */
  POE_INCIDENT_ERROR_TRANSITION,  /* no such status change */
  POE_INCIDENT_ERROR_NO_REASON,   /* a status change needs a reason */
} PoeIncidentError;

/* Inputs of the anomaly pre-fill; every member is optional. */
typedef struct _PoeAnomalySource
{
  PoeRecord  *flight;    /* the inbound flight */
  PoeRecord  *kase;      /* the family */
  GPtrArray  *persons;   /* (element-type PoeRecord): the family's members */
  GPtrArray  *segments;  /* (element-type PoeRecord): the family's travel */
  GTimeZone  *zone;      /* the POE's time zone for the times in the details; UTC when NULL */
} PoeAnomalySource;

GQuark               poe_incident_error_quark           (void);

PoeRecord           *poe_incident_new_draft             (const char          *author_id,
                                                         GDateTime           *at);
gboolean             poe_incident_role_reviews          (const char          *role);
gboolean             poe_incident_is_author             (PoeRecord           *incident,
                                                         const char          *staff_id);
gboolean             poe_incident_is_submitted          (PoeRecord           *incident);
gboolean             poe_incident_can_edit              (PoeRecord           *incident,
                                                         const char          *role,
                                                         const char          *staff_id);
gboolean             poe_incident_can_edit_field        (PoeRecord           *incident,
                                                         const char          *role,
                                                         const char          *staff_id,
                                                         const char          *field);
gboolean             poe_incident_can_comment           (PoeRecord           *incident);
gboolean             poe_incident_can_read              (PoeRecord           *incident,
                                                         const char          *role,
                                                         const char          *staff_id,
                                                         const char * const  *assigned_case_ids);
char               **poe_incident_missing_fields        (PoeRecord           *incident,
                                                         GDateTime           *now);
gboolean             poe_incident_validate_submission   (PoeRecord           *incident,
                                                         GDateTime           *now,
                                                         GError             **error);
gboolean             poe_incident_submit                (PoeRecord           *incident,
                                                         const char          *role,
                                                         const char          *staff_id,
                                                         GDateTime           *now,
                                                         GError             **error);
const char * const  *poe_incident_next_statuses         (const char          *status);
gboolean             poe_incident_check_status_change   (PoeRecord           *incident,
                                                         const char          *role,
                                                         const char          *status,
                                                         const char          *reason,
                                                         GError             **error);
gboolean             poe_incident_change_status         (PoeRecord           *incident,
                                                         const char          *role,
                                                         const char          *status,
                                                         const char          *reason,
                                                         GError             **error);
gboolean             poe_incident_is_follow_up_overdue  (PoeRecord           *incident,
                                                         GDateTime           *now,
                                                         GTimeZone           *zone);
PoeRecord           *poe_incident_comment_new           (PoeRecord           *incident,
                                                         const char          *body,
                                                         const char          *staff_id,
                                                         GDateTime           *at,
                                                         GError             **error);

const char          *poe_anomaly_kind_for               (PoeRecord           *flight,
                                                         PoeRecord           *kase,
                                                         GPtrArray           *segments);
PoeRecord           *poe_anomaly_prefill                (const PoeAnomalySource *source);

G_END_DECLS
