/* poe-schema.c
 *
 * The table of DESIGN §2: every entity with its fields, each field's kind, length,
 * enumeration and flags (required, personal, indexed), in one static array the rest of the
 * core derives from; and the lookups over it (entities and fields by name, enumerations,
 * lengths, a field kind's SQL type, a quoted SQL identifier). A change to the data model
 * starts here and goes on with a store migration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-schema"

#include "config.h"

#include <string.h>

#include "poe-schema.h"

#define REQ  POE_FIELD_FLAG_REQUIRED
#define PERS POE_FIELD_FLAG_PERSONAL
#define IDX  POE_FIELD_FLAG_INDEXED
#define N(a) G_N_ELEMENTS (a)

/*
 * Enumerations
 */

static const char * const flight_status[] = {
  "scheduled", "en_route", "delayed", "landed", "arrived", "cancelled", "diverted", NULL
};
static const char * const case_branch[] = { "connect", "overnight", "final", NULL };
static const char * const case_sensitivity[] = { "none", "at_risk", "urm", "protection", NULL };
static const char * const case_status[] = {
  "expected", "in_progress", "handed_over", "closed", "no_show", NULL
};
static const char * const person_sex[] = { "f", "m", "x", NULL };
static const char * const ssr_codes[] = {
  "WCHR", "WCHS", "WCHC", "MEDA", "UMNR", "INFT", "LANG", "BLND", "DEAF", "DPNA", "STCR",
  "PETC", "MAAS", NULL
};
static const char * const document_kinds[] = {
  "iom_bag", "boarding_letter", "i94", "tsa_letter", "passport", "medical_envelope", NULL
};
static const char * const cbp_status[] = {
  "pending", "primary_cleared", "secondary", "cleared", "refused", NULL
};
static const char * const segment_leg[] = {
  "international_arrival", "domestic_connection", "ground", NULL
};
static const char * const segment_status[] = {
  "scheduled", "delayed", "boarding", "departed", "arrived", "cancelled", "missed", NULL
};
static const char * const checklist_value[] = { "done", "not_applicable", "undone", NULL };
static const char * const handoff_to_kind[] = {
  "staff", "escort", "ra", "urm_provider", "airline_prm", "relative", NULL
};
static const char * const handoff_state[] = {
  "pending", "accepted", "declined", "confirmed", NULL
};
static const char * const case_event_kind[] = {
  "missed_connection", "rebooked", "branch_changed", NULL
};
static const char * const voucher_kind[] = { "hotel", "meal", "ground_transport", "mco", NULL };
static const char * const anomaly_kind[] = {
  "delay", "misconnect", "cancellation", "diversion", "denied_boarding", "no_show", "other", NULL
};
static const char * const incident_category[] = {
  "medical", "lost_documents", "lost_baggage", "cbp_secondary_delay", "missed_connection",
  "safeguarding", "security", "staff_safety", "data_breach", "other", NULL
};
static const char * const incident_severity[] = { "low", "medium", "high", "critical", NULL };
static const char * const incident_status[] = { "draft", "open", "under_review", "closed", NULL };
static const char * const staff_role[] = { "agent", "lead", "supervisor", "admin", NULL };
static const char * const time_entry_state[] = {
  "draft", "submitted", "approved", "rejected", "locked", NULL
};
static const char * const leave_kind[] = { "annual", "sick", "training", "unpaid", "other", NULL };
static const char * const leave_state[] = {
  "requested", "approved", "rejected", "cancelled", NULL
};

/*
 * Entities (DESIGN §2)
 */

static const PoeFieldInfo poe_fields[] = {
  { "code", POE_FIELD_CODE, REQ | IDX, 3 },
  { "name", POE_FIELD_TEXT, REQ, 200 },
  { "time_zone", POE_FIELD_CODE, REQ, 64 },
  { "checklist_template", POE_FIELD_JSON, 0, 65536 },
  { "buffers", POE_FIELD_JSON, 0, 4096 },
};

static const PoeFieldInfo flight_fields[] = {
  { "carrier", POE_FIELD_CODE, REQ, 3 },
  { "number", POE_FIELD_CODE, REQ, 8 },
  { "origin", POE_FIELD_CODE, REQ, 3 },
  { "destination", POE_FIELD_CODE, REQ, 3 },
  { "scheduled_arrival", POE_FIELD_TIME, REQ | IDX },
  { "estimated_arrival", POE_FIELD_TIME, 0 },
  { "actual_arrival", POE_FIELD_TIME, 0 },
  { "gate", POE_FIELD_CODE, 0, 8 },
  { "belt", POE_FIELD_CODE, 0, 8 },
  { "status", POE_FIELD_ENUM, REQ, 0, flight_status },
  { "source", POE_FIELD_CODE, 0, 32 },
};

static const PoeFieldInfo case_fields[] = {
  { "case_number", POE_FIELD_CODE, REQ | IDX, 32 },
  { "abn_number", POE_FIELD_CODE, 0, 32 },
  { "poe", POE_FIELD_CODE, REQ, 3 },
  { "ra_agency", POE_FIELD_TEXT, 0, 200 },
  { "ra_affiliate", POE_FIELD_TEXT, 0, 200 },
  { "ra_contact", POE_FIELD_TEXT, PERS, 400 },
  { "final_destination", POE_FIELD_TEXT, 0, 200 },
  { "branch", POE_FIELD_ENUM, REQ, 0, case_branch },
  { "sensitivity", POE_FIELD_ENUM, REQ, 0, case_sensitivity },
  { "status", POE_FIELD_ENUM, REQ, 0, case_status },
  { "assigned_staff_ids", POE_FIELD_LIST, 0, 32, NULL, "staff" },
  { "inbound_flight_id", POE_FIELD_REF, IDX, 0, NULL, "flight" },
};

static const PoeFieldInfo person_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "surname", POE_FIELD_TEXT, REQ | PERS, 200 },
  { "given_names", POE_FIELD_TEXT, PERS, 200 },
  { "sex", POE_FIELD_ENUM, 0, 0, person_sex },
  { "date_of_birth", POE_FIELD_DATE, PERS },
  { "relationship", POE_FIELD_CODE, 0, 32 },
  { "nationality", POE_FIELD_CODE, 0, 3 },
  { "languages", POE_FIELD_LIST, 0, 16 },
  { "a_number", POE_FIELD_CODE, PERS, 12 },
  { "ssr_codes", POE_FIELD_LIST, 0, 16, ssr_codes },
  { "meal_code", POE_FIELD_CODE, 0, 4 },
  { "documents", POE_FIELD_LIST, 0, 16, document_kinds },
  { "cbp_status", POE_FIELD_ENUM, REQ, 0, cbp_status },
};

static const PoeFieldInfo segment_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "leg", POE_FIELD_ENUM, REQ, 0, segment_leg },
  { "carrier", POE_FIELD_CODE, 0, 3 },
  { "number", POE_FIELD_CODE, 0, 8 },
  { "origin", POE_FIELD_CODE, 0, 3 },
  { "destination", POE_FIELD_CODE, 0, 3 },
  { "scheduled_departure", POE_FIELD_TIME, 0 },
  { "estimated_departure", POE_FIELD_TIME, 0 },
  { "scheduled_arrival", POE_FIELD_TIME, 0 },
  { "gate", POE_FIELD_CODE, 0, 8 },
  { "booking_ref", POE_FIELD_CODE, 0, 12 },
  { "status", POE_FIELD_ENUM, 0, 0, segment_status },
  { "seats", POE_FIELD_TEXT, 0, 64 },
  { "replaced_by", POE_FIELD_REF, 0, 0, NULL, "segment" },
};

static const PoeFieldInfo checklist_event_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "person_id", POE_FIELD_REF, 0, 0, NULL, "person" },
  { "step", POE_FIELD_CODE, REQ, 64 },
  { "value", POE_FIELD_ENUM, REQ, 0, checklist_value },
  { "note", POE_FIELD_TEXT, 0, 1000 },
  { "at", POE_FIELD_TIME, REQ },
  { "by", POE_FIELD_REF, 0, 0, NULL, "staff" },
};

static const PoeFieldInfo handoff_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "person_id", POE_FIELD_REF, 0, 0, NULL, "person" },
  { "from_party", POE_FIELD_TEXT, REQ, 200 },
  { "to_party", POE_FIELD_TEXT, REQ | PERS, 200 },
  { "to_kind", POE_FIELD_ENUM, REQ, 0, handoff_to_kind },
  { "to_staff_id", POE_FIELD_REF, 0, 0, NULL, "staff" },
  { "to_organisation", POE_FIELD_TEXT, 0, 200 },
  { "to_phone", POE_FIELD_TEXT, PERS, 32 },
  { "place", POE_FIELD_TEXT, 0, 200 },
  { "documents", POE_FIELD_LIST, 0, 16, document_kinds },
  { "notes", POE_FIELD_TEXT, 0, 2000 },
  { "at", POE_FIELD_TIME, REQ },
  { "given_by", POE_FIELD_REF, 0, 0, NULL, "staff" },
  { "state", POE_FIELD_ENUM, REQ, 0, handoff_state },
  { "acknowledged_by", POE_FIELD_TEXT, 0, 200 },
  { "acknowledged_at", POE_FIELD_TIME, 0 },
  { "decline_reason", POE_FIELD_TEXT, 0, 1000 },
};

static const PoeFieldInfo voucher_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "kind", POE_FIELD_ENUM, REQ, 0, voucher_kind },
  { "serial", POE_FIELD_CODE, REQ, 32 },
  { "amount", POE_FIELD_DECIMAL, REQ },
  { "currency", POE_FIELD_CODE, REQ, 3 },
  { "issued_to", POE_FIELD_TEXT, 0, 200 },
  { "issued_by", POE_FIELD_REF, 0, 0, NULL, "staff" },
  { "at", POE_FIELD_TIME, REQ },
};

static const PoeFieldInfo anomaly_fields[] = {
  { "case_id", POE_FIELD_REF, IDX, 0, NULL, "case" },
  { "flight_id", POE_FIELD_REF, IDX, 0, NULL, "flight" },
  { "kind", POE_FIELD_ENUM, REQ, 0, anomaly_kind },
  { "details", POE_FIELD_TEXT, 0, 4000 },
  { "rebooking", POE_FIELD_TEXT, 0, 1000 },
  { "notified_at", POE_FIELD_TIME, 0 },
};

static const PoeFieldInfo incident_fields[] = {
  { "category", POE_FIELD_ENUM, REQ, 0, incident_category },
  { "severity", POE_FIELD_ENUM, REQ, 0, incident_severity },
  { "at", POE_FIELD_TIME, REQ },
  { "place", POE_FIELD_TEXT, 0, 200 },
  { "case_ids", POE_FIELD_LIST, 0, 32, NULL, "case" },
  { "person_ids", POE_FIELD_LIST, 0, 64, NULL, "person" },
  { "narrative", POE_FIELD_TEXT, 0, 8000 },
  { "actions", POE_FIELD_TEXT, 0, 4000 },
  { "notified", POE_FIELD_TEXT, 0, 1000 },
  { "follow_up_due", POE_FIELD_DATE, 0 },
  { "status", POE_FIELD_ENUM, REQ, 0, incident_status },
  { "status_reason", POE_FIELD_TEXT, 0, 1000 },
  { "author_id", POE_FIELD_REF, 0, 0, NULL, "staff" },
};

static const PoeFieldInfo incident_comment_fields[] = {
  { "incident_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "incident" },
  { "body", POE_FIELD_TEXT, REQ, 4000 },
  { "at", POE_FIELD_TIME, REQ },
  { "by", POE_FIELD_REF, 0, 0, NULL, "staff" },
};

static const PoeFieldInfo staff_fields[] = {
  { "username", POE_FIELD_CODE, REQ | IDX, 64 },
  { "display_name", POE_FIELD_TEXT, REQ, 200 },
  { "role", POE_FIELD_ENUM, REQ, 0, staff_role },
  { "poe", POE_FIELD_CODE, REQ, 3 },
  { "languages", POE_FIELD_LIST, 0, 16 },
};

static const PoeFieldInfo shift_fields[] = {
  { "poe", POE_FIELD_CODE, REQ, 3 },
  { "staff_id", POE_FIELD_REF, IDX, 0, NULL, "staff" },
  { "planned_start", POE_FIELD_TIME, REQ | IDX },
  { "planned_end", POE_FIELD_TIME, REQ },
  { "role", POE_FIELD_CODE, 0, 32 },
  { "languages", POE_FIELD_LIST, 0, 16 },
};

static const PoeFieldInfo time_entry_fields[] = {
  { "staff_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "staff" },
  { "shift_id", POE_FIELD_REF, 0, 0, NULL, "shift" },
  { "start", POE_FIELD_TIME, REQ | IDX },
  { "end", POE_FIELD_TIME, 0 },
  { "break_minutes", POE_FIELD_INT, 0, 24 * 60 },
  { "note", POE_FIELD_TEXT, 0, 1000 },
  { "state", POE_FIELD_ENUM, REQ, 0, time_entry_state },
  { "decided_by", POE_FIELD_REF, 0, 0, NULL, "staff" },
  { "reason", POE_FIELD_TEXT, 0, 1000 },
};

static const PoeFieldInfo leave_request_fields[] = {
  { "staff_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "staff" },
  { "first_day", POE_FIELD_DATE, REQ },
  { "last_day", POE_FIELD_DATE, REQ },
  { "kind", POE_FIELD_ENUM, REQ, 0, leave_kind },
  { "state", POE_FIELD_ENUM, REQ, 0, leave_state },
  { "decided_by", POE_FIELD_REF, 0, 0, NULL, "staff" },
  { "reason", POE_FIELD_TEXT, 0, 1000 },
};

static const PoeFieldInfo audit_fields[] = {
  { "who", POE_FIELD_CODE, REQ, 64 },
  { "action", POE_FIELD_CODE, REQ, 32 },
  { "entity", POE_FIELD_CODE, REQ, 32 },
  { "record_id", POE_FIELD_CODE, REQ | IDX, 64 },
  { "at", POE_FIELD_TIME, REQ },
  { "fields", POE_FIELD_LIST, 0, 64 },
};

/* The exceptions of a case, in order: a missed connection, a rebooking (the new segment and
 * the one it replaces), a change of branch with its reason. */
static const PoeFieldInfo case_event_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "kind", POE_FIELD_ENUM, REQ, 0, case_event_kind },
  { "segment_id", POE_FIELD_REF, 0, 0, NULL, "segment" },
  { "previous_segment_id", POE_FIELD_REF, 0, 0, NULL, "segment" },
  { "from_branch", POE_FIELD_ENUM, 0, 0, case_branch },
  { "to_branch", POE_FIELD_ENUM, 0, 0, case_branch },
  { "reason", POE_FIELD_TEXT, 0, 1000 },
  { "at", POE_FIELD_TIME, REQ },
  { "by", POE_FIELD_REF, 0, 0, NULL, "staff" },
};

/* A family's night at a hotel: rooms and meal orders are JSON, checked by
 * poe_overnight_check() (rules/poe-exceptions.c). */
static const PoeFieldInfo overnight_stay_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "hotel", POE_FIELD_TEXT, REQ, 200 },
  { "hotel_address", POE_FIELD_TEXT, 0, 400 },
  { "check_in", POE_FIELD_TIME, REQ },
  { "rooms", POE_FIELD_JSON, 0, 8192 },
  { "meals", POE_FIELD_JSON, 0, 8192 },
  { "pickup_at", POE_FIELD_TIME, 0 },
  { "pickup_place", POE_FIELD_TEXT, 0, 200 },
  { "transport", POE_FIELD_TEXT, 0, 400 },
  { "hotel_voucher_id", POE_FIELD_REF, 0, 0, NULL, "voucher" },
  { "meal_voucher_id", POE_FIELD_REF, 0, 0, NULL, "voucher" },
  { "transport_voucher_id", POE_FIELD_REF, 0, 0, NULL, "voucher" },
};

static const PoeFieldInfo ground_transport_fields[] = {
  { "case_id", POE_FIELD_REF, REQ | IDX, 0, NULL, "case" },
  { "provider", POE_FIELD_TEXT, REQ, 200 },
  { "vehicle", POE_FIELD_TEXT, 0, 200 },
  { "driver_name", POE_FIELD_TEXT, 0, 200 },
  { "driver_phone", POE_FIELD_TEXT, 0, 32 },
  { "pickup_at", POE_FIELD_TIME, REQ },
  { "pickup_place", POE_FIELD_TEXT, 0, 200 },
  { "destination", POE_FIELD_TEXT, 0, 200 },
  { "voucher_id", POE_FIELD_REF, 0, 0, NULL, "voucher" },
};

#define ENTITY(n, flags, idx) { #n, flags, n##_fields, N (n##_fields), idx }

static const PoeEntityInfo entities[] = {
  ENTITY (poe, POE_ENTITY_FLAG_NONE, 0),
  ENTITY (flight, POE_ENTITY_FLAG_NONE, 1),
  ENTITY (case, POE_ENTITY_FLAG_PERSONAL, 2),
  ENTITY (person, POE_ENTITY_FLAG_PERSONAL, 3),
  ENTITY (segment, POE_ENTITY_FLAG_NONE, 4),
  ENTITY (checklist_event, POE_ENTITY_FLAG_APPEND_ONLY, 5),
  ENTITY (handoff, POE_ENTITY_FLAG_PERSONAL, 6),
  ENTITY (voucher, POE_ENTITY_FLAG_NONE, 7),
  ENTITY (anomaly, POE_ENTITY_FLAG_NONE, 8),
  ENTITY (incident, POE_ENTITY_FLAG_NONE, 9),
  ENTITY (incident_comment, POE_ENTITY_FLAG_APPEND_ONLY, 10),
  ENTITY (staff, POE_ENTITY_FLAG_NONE, 11),
  ENTITY (shift, POE_ENTITY_FLAG_NONE, 12),
  ENTITY (time_entry, POE_ENTITY_FLAG_NONE, 13),
  ENTITY (leave_request, POE_ENTITY_FLAG_NONE, 14),
  ENTITY (audit, POE_ENTITY_FLAG_APPEND_ONLY, 15),
  ENTITY (case_event, POE_ENTITY_FLAG_APPEND_ONLY, 16),
  ENTITY (overnight_stay, POE_ENTITY_FLAG_NONE, 17),
  ENTITY (ground_transport, POE_ENTITY_FLAG_NONE, 18),
};

static const PoeEntityInfo * const entity_list[] = {
  &entities[0], &entities[1], &entities[2], &entities[3], &entities[4], &entities[5],
  &entities[6], &entities[7], &entities[8], &entities[9], &entities[10], &entities[11],
  &entities[12], &entities[13], &entities[14], &entities[15], &entities[16], &entities[17],
  &entities[18],
};

G_STATIC_ASSERT (G_N_ELEMENTS (entities) == G_N_ELEMENTS (entity_list));


/*
 * Public API
 */

/**
 * poe_schema_get_entities:
 * @n_entities: (out): the number of entities
 *
 * Returns: (transfer none): every entity of the data model, in a stable order
 */
const PoeEntityInfo * const *
poe_schema_get_entities (guint *n_entities)
{
  if (n_entities != NULL)
    *n_entities = G_N_ELEMENTS (entity_list);

  return entity_list;
}

/**
 * poe_schema_lookup_entity:
 *
 * Returns: (nullable): the entity called @name, or %NULL for an unknown name
 */
const PoeEntityInfo *
poe_schema_lookup_entity (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      if (strcmp (entities[i].name, name) == 0)
        return &entities[i];
    }

  return NULL;
}

int
poe_entity_field_index (const PoeEntityInfo *entity,
                        const char          *name)
{
  g_return_val_if_fail (entity != NULL, -1);

  if (name == NULL)
    return -1;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (strcmp (entity->fields[i].name, name) == 0)
        return (int) i;
    }

  return -1;
}

/**
 * poe_entity_lookup_field:
 *
 * Returns: (nullable): the field called @name of @entity
 */
const PoeFieldInfo *
poe_entity_lookup_field (const PoeEntityInfo *entity,
                         const char          *name)
{
  int i = poe_entity_field_index (entity, name);

  return i < 0 ? NULL : &entity->fields[i];
}

gboolean
poe_entity_is_append_only (const PoeEntityInfo *entity)
{
  g_return_val_if_fail (entity != NULL, FALSE);

  return (entity->flags & POE_ENTITY_FLAG_APPEND_ONLY) != 0;
}

gboolean
poe_field_enum_contains (const PoeFieldInfo *field,
                         const char         *value)
{
  g_return_val_if_fail (field != NULL, FALSE);

  if (field->enum_values == NULL || value == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *) field->enum_values, value);
}

guint
poe_field_max_length (const PoeFieldInfo *field)
{
  g_return_val_if_fail (field != NULL, 0);

  if (field->max_length > 0)
    return field->max_length;

  switch (field->kind)
    {
    case POE_FIELD_TEXT:
    case POE_FIELD_JSON:
      return POE_TEXT_MAX_DEFAULT;
    case POE_FIELD_CODE:
      return POE_CODE_MAX_DEFAULT;
    case POE_FIELD_LIST:
      return POE_LIST_MAX_DEFAULT;
    case POE_FIELD_INT:
      return POE_INT_MAX_DEFAULT;
    case POE_FIELD_REF:
      return POE_RECORD_ID_LENGTH;
    case POE_FIELD_TIME:
      return 20;
    case POE_FIELD_DATE:
      return 10;
    case POE_FIELD_DECIMAL:
      return 16;
    case POE_FIELD_BOOL:
    case POE_FIELD_ENUM:
    default:
      return 64;
    }
}

const char *
poe_field_kind_to_sql_type (PoeFieldKind kind)
{
  switch (kind)
    {
    case POE_FIELD_INT:
    case POE_FIELD_BOOL:
      return "INTEGER";
    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_LIST:
    case POE_FIELD_JSON:
    case POE_FIELD_DECIMAL:
    default:
      return "TEXT";
    }
}

/**
 * poe_schema_quote_identifier:
 *
 * Quotes @name for SQL: `case` and `end` are keywords.
 *
 * Returns: (transfer full): `"name"`
 */
char *
poe_schema_quote_identifier (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (strchr (name, '"') == NULL, NULL);

  return g_strdup_printf ("\"%s\"", name);
}
