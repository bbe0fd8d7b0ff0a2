/* poe-abn.h
 *
 * The advance booking notification (ABN) of a day, in the CSV or JSON layout of
 * docs/import-abn.md: checked row by row into the cases, persons, segments and inbound
 * flights it adds. One check for the server, which writes the records all or nothing
 * (poe-central import-abn and POST /v1/import/abn), and for the app, which previews a file
 * with every bad line before a lead uploads it. Messages never quote personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-record.h"

G_BEGIN_DECLS

#define POE_IMPORT_ERROR (poe_import_error_quark ())

typedef enum
{
  POE_IMPORT_ERROR_EMPTY,      /* no header or no rows */
  POE_IMPORT_ERROR_ENCODING,   /* not UTF-8 */
  POE_IMPORT_ERROR_SYNTAX,     /* not well-formed CSV or JSON */
  POE_IMPORT_ERROR_COLUMNS,    /* an unknown column, or a required one missing */
  POE_IMPORT_ERROR_INVALID,    /* a value breaks its field's rule */
  POE_IMPORT_ERROR_DUPLICATE,  /* a case already on the server, or rows that disagree */
  POE_IMPORT_ERROR_FORBIDDEN,  /* a case of a POE the importing user may not import for */
} PoeImportError;

typedef struct
{
  guint n_cases;
  guint n_persons;
  guint n_segments;
  guint n_flights;
} PoeImportCounts;

/**
 * PoeAbnFindFunc:
 * @entity: "case" or "flight"
 * @field: the field to match
 * @value: its value
 *
 * Looks up the records already known (the server's database, or the app's store).
 *
 * Returns: (transfer container) (nullable): the records whose @field is @value
 */
typedef GPtrArray *(*PoeAbnFindFunc) (const char *entity,
                                      const char *field,
                                      const char *value,
                                      gpointer    user_data);

typedef struct
{
  gboolean         is_json;    /* lines are record numbers */
  guint            n_rows;
  GPtrArray       *records;    /* PoeRecord: new flights, cases, segments, persons; parents first */
  PoeImportCounts  counts;
  GPtrArray       *problems;   /* char *, one a bad row, "line 7: …", in the file's order */
  GError          *first_error; /* the first problem, with its code; NULL when none */
} PoeAbnCheck;

GQuark       poe_import_error_quark (void);
PoeAbnCheck *poe_abn_check          (GBytes         *contents,
                                     const char     *name,
                                     PoeAbnFindFunc  find,
                                     gpointer        user_data,
                                     GError        **error);
void         poe_abn_check_free     (PoeAbnCheck    *check);
gboolean     poe_abn_role_may_import (const char    *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeAbnCheck, poe_abn_check_free)

G_END_DECLS
