/* poe-incident-labels.h
 *
 * Words for the codes of incidents and anomaly reports (category, severity, status,
 * anomaly kind), and the local time format the incident forms read and write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "poe-store.h"

G_BEGIN_DECLS

const char * const *poe_incident_enum_values      (const char *entity,
                                                   const char *field);
const char         *poe_incident_category_label   (const char *category);
const char         *poe_incident_severity_label   (const char *severity);
const char         *poe_incident_severity_style   (const char *severity);
const char         *poe_incident_status_label     (const char *status);
const char         *poe_anomaly_kind_label        (const char *kind);
const char         *poe_incident_code_at          (const char * const *values,
                                                   guint               position);
guint               poe_incident_code_position    (const char * const *values,
                                                   const char         *code);
char               *poe_incident_format_time      (GDateTime  *time,
                                                   GTimeZone  *zone);
GDateTime          *poe_incident_parse_time       (const char *text,
                                                   GTimeZone  *zone);

G_END_DECLS
