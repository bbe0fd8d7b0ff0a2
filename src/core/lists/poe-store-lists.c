/* poe-store-lists.c
 *
 * The store reads of the lists besides family summaries (poe-store-board.c): the flights of
 * a window as summaries, records and case ids by id for a change's ids, and the POE's
 * processing buffers for the connection risk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include "poe-store-board-private.h"

/* The columns of the flight summaries query, in the order of
 * poe_flight_summary_new_from_values(). */
#define FLIGHT_COLUMNS 10


/*
 * Auxiliary methods
 */

static void
bind_time (sqlite3_stmt *stmt,
           int           column,
           GDateTime    *time)
{
  if (time == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, poe_time_format_iso8601 (time), -1, g_free);
}


/*
 * Private API
 */

char *
_poe_store_ids_to_json (const char * const *ids)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);

  node = json_node_init_array (json_node_alloc (), array);
  return json_to_string (node, FALSE);
}


/*
 * Public API
 */

/**
 * poe_store_list_flight_summaries_between:
 * @from: (nullable): earliest scheduled arrival, inclusive
 * @to: (nullable): latest scheduled arrival, exclusive
 *
 * Returns: (transfer full) (element-type PoeFlightSummary): the flights scheduled in
 *   [@from, @to), by scheduled arrival
 */
GPtrArray *
poe_store_list_flight_summaries_between (PoeStore   *self,
                                         GDateTime  *from,
                                         GDateTime  *to,
                                         GError    **error)
{
  g_autoptr(GPtrArray) flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_flight_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  stmt = _poe_store_prepare (self,
                             "SELECT id, carrier, number, origin, status, scheduled_arrival,"
                             " estimated_arrival, actual_arrival, gate, belt FROM flight WHERE deleted = 0"
                             " AND (?1 IS NULL OR scheduled_arrival >= ?1)"
                             " AND (?2 IS NULL OR scheduled_arrival < ?2)"
                             " ORDER BY scheduled_arrival, carrier, number",
                             error);
  if (stmt == NULL)
    return NULL;

  bind_time (stmt, 1, from);
  bind_time (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *values[FLIGHT_COLUMNS];

      for (guint i = 0; i < FLIGHT_COLUMNS; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i);
      g_ptr_array_add (flights, poe_flight_summary_new_from_values (values));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&flights);
}

/**
 * poe_store_list_records_by_ids:
 *
 * Returns: (transfer full) (element-type PoeRecord): the records of @ids that exist and are
 *   not deleted, in no particular order
 */
GPtrArray *
poe_store_list_records_by_ids (PoeStore            *self,
                               const char          *entity_name,
                               const char * const  *ids,
                               GError             **error)
{
  const PoeEntityInfo *entity;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return NULL;

  sql = g_strconcat (_poe_store_select_sql (entity),
                     " WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?1))", NULL);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  json = _poe_store_ids_to_json (ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  return _poe_store_collect (self, entity, stmt, error);
}

/**
 * poe_store_dup_case_ids_of:
 * @entity: an entity with a case_id field, like "person" or "checklist_event"
 *
 * Deleted records count too, so a removal still names the family it left.
 *
 * Returns: (transfer full): the distinct case ids of those records
 */
char **
poe_store_dup_case_ids_of (PoeStore            *self,
                           const char          *entity_name,
                           const char * const  *ids,
                           GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const PoeEntityInfo *entity;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return NULL;

  if (poe_entity_lookup_field (entity, "case_id") == NULL)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                   "Records of kind %s belong to no family", entity->name);
      return NULL;
    }

  sql = g_strdup_printf ("SELECT DISTINCT case_id FROM \"%s\" WHERE case_id IS NOT NULL"
                         " AND id IN (SELECT value FROM json_each(?1))", entity->name);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  json = _poe_store_ids_to_json (ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/**
 * poe_store_load_risk_buffers:
 * @buffers: (out caller-allocates): the buffers
 *
 * The processing buffers of the store's POE: the defaults, overridden by the POE record's
 * `buffers`. On error @buffers hold the defaults.
 */
gboolean
poe_store_load_risk_buffers (PoeStore        *self,
                             PoeRiskBuffers  *buffers,
                             GError         **error)
{
  g_autoptr(GPtrArray) poes = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (buffers != NULL, FALSE);

  poe_risk_buffers_init_default (buffers);
  if (!(poes = poe_store_list (self, "poe", NULL, NULL, error)))
    return FALSE;

  for (guint i = 0; i < poes->len; i++)
    {
      const char *json = poe_record_get_string (g_ptr_array_index (poes, i), "buffers");

      if (json == NULL)
        continue;

      if (!poe_risk_buffers_load_json (buffers, json, error))
        {
          poe_risk_buffers_init_default (buffers);
          return FALSE;
        }
      break;
    }

  return TRUE;
}
