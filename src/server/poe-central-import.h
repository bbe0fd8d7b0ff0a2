/* poe-central-import.h
 *
 * poe-central import-abn FILE: the expected cases, persons and itineraries of a day, from the
 * CSV or JSON layout of docs/import-abn.md, checked row by row and written all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-server.h"

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
} PoeImportError;

typedef struct
{
  guint n_cases;
  guint n_persons;
  guint n_segments;
  guint n_flights;
} PoeImportCounts;

GQuark    poe_import_error_quark  (void);
gboolean  poe_central_import_abn  (PoeServer        *server,
                                   const char       *path,
                                   PoeImportCounts  *counts,
                                   GError          **error);

G_END_DECLS
