/* poe-schema.h
 *
 * The data model of DESIGN §2 as one table of entities and fields. The store's SQL, the
 * record GTypes and their properties, validation and the JSON of the sync protocol are all
 * derived from it, on the client and on the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POE_FIELD_TEXT,     /* free text up to max_length bytes of UTF-8 */
  POE_FIELD_CODE,     /* a short identifier: IATA code, flight number, serial */
  POE_FIELD_INT,      /* 64-bit integer, >= 0 */
  POE_FIELD_BOOL,
  POE_FIELD_TIME,     /* UTC instant, "2026-11-24T14:05:00Z" */
  POE_FIELD_DATE,     /* calendar date, "2026-11-24" */
  POE_FIELD_ENUM,     /* one of enum_values */
  POE_FIELD_REF,      /* the id (UUID) of a record of ref_entity */
  POE_FIELD_LIST,     /* JSON array of strings; of enum_values when set, ids when ref_entity set */
  POE_FIELD_JSON,     /* JSON object */
  POE_FIELD_DECIMAL,  /* money: "125.50", at most 2 decimals */
} PoeFieldKind;

typedef enum
{
  POE_FIELD_FLAG_NONE     = 0,
  POE_FIELD_FLAG_REQUIRED = 1 << 0,  /* must be set (non-empty) on every record */
  POE_FIELD_FLAG_PERSONAL = 1 << 1,  /* personal data: never logged, purged after hand-over */
  POE_FIELD_FLAG_INDEXED  = 1 << 2,  /* the store keeps an index on it */
} PoeFieldFlags;

typedef enum
{
  POE_ENTITY_FLAG_NONE        = 0,
  POE_ENTITY_FLAG_APPEND_ONLY = 1 << 0,  /* rows are only ever added: never conflict */
  POE_ENTITY_FLAG_PERSONAL    = 1 << 1,  /* holds personal data of families */
} PoeEntityFlags;

typedef struct _PoeFieldInfo
{
  const char         *name;
  PoeFieldKind        kind;
  PoeFieldFlags       flags;
  guint               max_length;   /* TEXT/CODE: bytes; LIST: items; INT: largest value;
                                     * 0 = kind default */
  const char * const *enum_values;  /* ENUM, LIST */
  const char         *ref_entity;   /* REF, LIST of ids */
} PoeFieldInfo;

typedef struct _PoeEntityInfo
{
  const char         *name;         /* JSON entity name and SQL table name */
  PoeEntityFlags      flags;
  const PoeFieldInfo *fields;
  guint               n_fields;
  guint               index;        /* position in poe_schema_get_entities() */
} PoeEntityInfo;

/* The columns every record has besides its fields. */
#define POE_RECORD_ID_LENGTH 36
#define POE_TEXT_MAX_DEFAULT 4000
#define POE_CODE_MAX_DEFAULT 64
#define POE_LIST_MAX_DEFAULT 64
#define POE_INT_MAX_DEFAULT  G_MAXINT32

const PoeEntityInfo * const *poe_schema_get_entities       (guint              *n_entities);
const PoeEntityInfo         *poe_schema_lookup_entity      (const char         *name);
const PoeFieldInfo          *poe_entity_lookup_field       (const PoeEntityInfo *entity,
                                                            const char         *name);
int                          poe_entity_field_index        (const PoeEntityInfo *entity,
                                                            const char         *name);
gboolean                     poe_entity_is_append_only     (const PoeEntityInfo *entity);
gboolean                     poe_field_enum_contains       (const PoeFieldInfo *field,
                                                            const char         *value);
guint                        poe_field_max_length          (const PoeFieldInfo *field);
const char                  *poe_field_kind_to_sql_type    (PoeFieldKind        kind);
char                        *poe_schema_quote_identifier   (const char         *name);

G_END_DECLS
