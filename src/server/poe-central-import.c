/* poe-central-import.c
 *
 * The ABN import of poe-central (see poe-central-import.h): the core checks every row
 * (poe_abn_check(), looking cases and flights up in this server's backend); the first bad
 * row stops the import with its line and reason, and nothing is written. A good file is
 * written in one transaction through poe_server_put_system(), so each record gets a rev and
 * a change the sync feed serves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-backend.h"
#include "poe-central-import.h"
#include "poe-schema.h"


/*
 * Auxiliary methods
 */

static GPtrArray *
find_in_backend (const char *entity,
                 const char *field,
                 const char *value,
                 gpointer    user_data)
{
  PoeBackend *backend = user_data;

  return backend->ops->record_find (backend, poe_schema_lookup_entity (entity), field, value);
}

static gboolean
check_poe (PoeAbnCheck  *check,
           const char   *only_poe,
           GError      **error)
{
  for (guint i = 0; i < check->records->len; i++)
    {
      PoeRecord *record = check->records->pdata[i];
      const char *poe;

      if (!g_str_equal (poe_record_get_entity_name (record), "case"))
        continue;

      poe = poe_record_get_string (record, "poe");
      if (g_strcmp0 (poe, only_poe) != 0)
        {
          g_set_error (error, POE_IMPORT_ERROR, POE_IMPORT_ERROR_FORBIDDEN,
                       "case %s is for %s; you may import cases for %s only",
                       poe_record_get_string (record, "case_number"), poe, only_poe);
          return FALSE;
        }
    }

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_central_import_abn_bytes:
 * @server: the server whose backend receives the records
 * @contents: a CSV or JSON file in the layout of docs/import-abn.md
 * @name: (nullable): the file's name, whose extension says which
 * @only_poe: (nullable): the one POE whose cases the file may hold (a lead's), or %NULL
 * @counts: (out) (optional): what was written
 *
 * Checks every row, then writes all cases, persons, segments and new inbound flights in one
 * transaction, as changes of the sync feed. On error nothing is written; a case of another
 * POE than @only_poe is %POE_IMPORT_ERROR_FORBIDDEN.
 */
gboolean
poe_central_import_abn_bytes (PoeServer        *server,
                              GBytes           *contents,
                              const char       *name,
                              const char       *only_poe,
                              PoeImportCounts  *counts,
                              GError          **error)
{
  g_autoptr(PoeAbnCheck) check = NULL;

  g_return_val_if_fail (POE_IS_SERVER (server), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (!(check = poe_abn_check (contents, name, find_in_backend, poe_server_get_backend (server), error)))
    return FALSE;

  if (check->first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&check->first_error));
      return FALSE;
    }

  if (only_poe != NULL && !check_poe (check, only_poe, error))
    return FALSE;

  if (!poe_server_put_system (server, check->records, error))
    return FALSE;

  if (counts != NULL)
    *counts = check->counts;
  return TRUE;
}

/**
 * poe_central_import_abn:
 * @path: a CSV or JSON file
 *
 * poe_central_import_abn_bytes() on the contents of @path.
 */
gboolean
poe_central_import_abn (PoeServer        *server,
                        const char       *path,
                        PoeImportCounts  *counts,
                        GError          **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  g_return_val_if_fail (POE_IS_SERVER (server), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return poe_central_import_abn_bytes (server, bytes, path, NULL, counts, error);
}
