/* poe-record.h
 *
 * PoeRecord, one record of any entity of the data model, with the columns every record has
 * (id, rev, updated_at, updated_by, deleted), typed access to its fields, its JSON for the
 * sync protocol and its validation; one GType per entity (PoeFlight, PoeCase, …) with a
 * property per field; and the formats of the data model (UTC times, dates, ids, UUIDs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "poe-schema.h"

G_BEGIN_DECLS

#define POE_RECORD_ERROR (poe_record_error_quark ())

typedef enum
{
  POE_RECORD_ERROR_INVALID,       /* a value breaks its field's rule */
  POE_RECORD_ERROR_MISSING,       /* a required field is empty */
  POE_RECORD_ERROR_UNKNOWN_FIELD, /* JSON names a field the entity does not have */
} PoeRecordError;

#define POE_TYPE_RECORD (poe_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (PoeRecord, poe_record, POE, RECORD, GObject)

struct _PoeRecordClass
{
  GObjectClass         parent_class;

  const PoeEntityInfo *entity;

  /*< private >*/
  gpointer             padding[4];
};

/* One GType per entity, each with a property per field: PoeFlight has "gate", "status", … */
GType poe_poe_get_type              (void) G_GNUC_CONST;
GType poe_flight_get_type           (void) G_GNUC_CONST;
GType poe_case_get_type             (void) G_GNUC_CONST;
GType poe_person_get_type           (void) G_GNUC_CONST;
GType poe_segment_get_type          (void) G_GNUC_CONST;
GType poe_checklist_event_get_type  (void) G_GNUC_CONST;
GType poe_handoff_get_type          (void) G_GNUC_CONST;
GType poe_voucher_get_type          (void) G_GNUC_CONST;
GType poe_anomaly_get_type          (void) G_GNUC_CONST;
GType poe_incident_get_type         (void) G_GNUC_CONST;
GType poe_incident_comment_get_type (void) G_GNUC_CONST;
GType poe_staff_get_type            (void) G_GNUC_CONST;
GType poe_shift_get_type            (void) G_GNUC_CONST;
GType poe_time_entry_get_type       (void) G_GNUC_CONST;
GType poe_leave_request_get_type    (void) G_GNUC_CONST;
GType poe_audit_get_type            (void) G_GNUC_CONST;
GType poe_arrival_notice_get_type   (void) G_GNUC_CONST;

#define POE_TYPE_POE              (poe_poe_get_type ())
#define POE_TYPE_FLIGHT           (poe_flight_get_type ())
#define POE_TYPE_CASE             (poe_case_get_type ())
#define POE_TYPE_PERSON           (poe_person_get_type ())
#define POE_TYPE_SEGMENT          (poe_segment_get_type ())
#define POE_TYPE_CHECKLIST_EVENT  (poe_checklist_event_get_type ())
#define POE_TYPE_HANDOFF          (poe_handoff_get_type ())
#define POE_TYPE_VOUCHER          (poe_voucher_get_type ())
#define POE_TYPE_ANOMALY          (poe_anomaly_get_type ())
#define POE_TYPE_INCIDENT         (poe_incident_get_type ())
#define POE_TYPE_INCIDENT_COMMENT (poe_incident_comment_get_type ())
#define POE_TYPE_STAFF            (poe_staff_get_type ())
#define POE_TYPE_SHIFT            (poe_shift_get_type ())
#define POE_TYPE_TIME_ENTRY       (poe_time_entry_get_type ())
#define POE_TYPE_LEAVE_REQUEST    (poe_leave_request_get_type ())
#define POE_TYPE_AUDIT            (poe_audit_get_type ())
#define POE_TYPE_ARRIVAL_NOTICE   (poe_arrival_notice_get_type ())

GQuark               poe_record_error_quark      (void);
GType                poe_record_type_for_entity  (const PoeEntityInfo *entity);

PoeRecord           *poe_record_new              (const char          *entity_name);
PoeRecord           *poe_record_new_for_entity   (const PoeEntityInfo *entity);
PoeRecord           *poe_record_copy             (PoeRecord           *self);
const PoeEntityInfo *poe_record_get_entity       (PoeRecord           *self);
const char          *poe_record_get_entity_name  (PoeRecord           *self);

const char          *poe_record_get_id           (PoeRecord           *self);
void                 poe_record_set_id           (PoeRecord           *self,
                                                  const char          *id);
gint64               poe_record_get_rev          (PoeRecord           *self);
void                 poe_record_set_rev          (PoeRecord           *self,
                                                  gint64               rev);
const char          *poe_record_get_updated_at   (PoeRecord           *self);
void                 poe_record_set_updated_at   (PoeRecord           *self,
                                                  const char          *updated_at);
const char          *poe_record_get_updated_by   (PoeRecord           *self);
void                 poe_record_set_updated_by   (PoeRecord           *self,
                                                  const char          *updated_by);
gboolean             poe_record_get_deleted      (PoeRecord           *self);
void                 poe_record_set_deleted      (PoeRecord           *self,
                                                  gboolean             deleted);

/* Field access by name; programmer errors (unknown field, wrong kind) are criticals. */
const char          *poe_record_get_string       (PoeRecord           *self,
                                                  const char          *field);
void                 poe_record_set_string       (PoeRecord           *self,
                                                  const char          *field,
                                                  const char          *value);
gint64               poe_record_get_int          (PoeRecord           *self,
                                                  const char          *field);
void                 poe_record_set_int          (PoeRecord           *self,
                                                  const char          *field,
                                                  gint64               value);
gboolean             poe_record_get_bool         (PoeRecord           *self,
                                                  const char          *field);
void                 poe_record_set_bool         (PoeRecord           *self,
                                                  const char          *field,
                                                  gboolean             value);
const char * const  *poe_record_get_strv         (PoeRecord           *self,
                                                  const char          *field);
void                 poe_record_set_strv         (PoeRecord           *self,
                                                  const char          *field,
                                                  const char * const  *value);
GDateTime           *poe_record_dup_time         (PoeRecord           *self,
                                                  const char          *field);
void                 poe_record_set_time         (PoeRecord           *self,
                                                  const char          *field,
                                                  GDateTime           *value);
gboolean             poe_record_is_set           (PoeRecord           *self,
                                                  const char          *field);

/* Field access by index into entity->fields, for code that walks the schema. */
const GValue        *poe_record_peek_value       (PoeRecord           *self,
                                                  guint                index);
void                 poe_record_take_value       (PoeRecord           *self,
                                                  guint                index,
                                                  GValue              *value);
gboolean             poe_record_field_equal      (PoeRecord           *self,
                                                  PoeRecord           *other,
                                                  guint                index);

gboolean             poe_record_validate         (PoeRecord           *self,
                                                  GError             **error);
JsonNode            *poe_record_field_to_json    (PoeRecord           *self,
                                                  guint                index);
gboolean             poe_record_field_from_json  (PoeRecord           *self,
                                                  guint                index,
                                                  JsonNode            *node,
                                                  GError             **error);
JsonObject          *poe_record_to_json          (PoeRecord           *self);
gboolean             poe_record_update_from_json (PoeRecord           *self,
                                                  JsonObject          *fields,
                                                  GError             **error);
char                *poe_record_dup_initials     (PoeRecord           *self);

char                *poe_time_now_iso8601        (void);
char                *poe_time_format_iso8601     (GDateTime           *time);
GDateTime           *poe_time_parse_iso8601      (const char          *text);
gboolean             poe_date_is_valid           (const char          *text);
char                *poe_uuid_new                (void);

G_END_DECLS
