/* poe-central-import.h
 *
 * The ABN import of poe-central: the expected cases, persons and itineraries of a day, from
 * the CSV or JSON layout of docs/import-abn.md, checked by the core (poe-abn.h) against this
 * server's database and written all or nothing. Used by `poe-central import-abn FILE` and by
 * POST /v1/import/abn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-abn.h"
#include "poe-server.h"

G_BEGIN_DECLS

gboolean  poe_central_import_abn        (PoeServer        *server,
                                         const char       *path,
                                         PoeImportCounts  *counts,
                                         GError          **error);
gboolean  poe_central_import_abn_bytes  (PoeServer        *server,
                                         GBytes           *contents,
                                         const char       *name,
                                         const char       *only_poe,
                                         PoeImportCounts  *counts,
                                         GError          **error);

G_END_DECLS
