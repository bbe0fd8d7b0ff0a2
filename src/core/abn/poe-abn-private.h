/* poe-abn-private.h
 *
 * The ABN import is split by concern: poe-abn-read.c reads the file (CSV or
 * JSON, UTF-8) into rows of named values and checks their columns; poe-abn.c
 * checks every value and builds and writes the records. This header is what they share:
 * the columns of docs/import-abn.md, a row, and the error that names the row's line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-abn.h"

G_BEGIN_DECLS

typedef enum
{
  PART_CASE,
  PART_INBOUND,     /* the inbound flight and the international_arrival segment */
  PART_CONNECTION,  /* the domestic_connection segment */
  PART_PERSON,
} Part;

typedef struct
{
  const char *name;
  Part        part;
  const char *field;
  gboolean    required;
} Column;

typedef struct
{
  guint       line;    /* where the row starts: a line for CSV, a record number for JSON */
  GHashTable *values;  /* column name → value, stripped; absent or "" when empty */
} Row;

/* poe-abn.c: the columns of docs/import-abn.md, in its order. */
extern const Column  _poe_import_columns[];
extern const guint   _poe_import_n_columns;

gboolean    _poe_import_row_error      (GError     **error,
                                        gboolean     is_json,
                                        guint        line,
                                        int          code,
                                        const char  *format,
                                        ...) G_GNUC_PRINTF (5, 6);

/* poe-abn-read.c */
GPtrArray  *_poe_import_read_rows      (GBytes      *contents,
                                        const char  *name,
                                        gboolean    *is_json,
                                        GError     **error);

G_END_DECLS
