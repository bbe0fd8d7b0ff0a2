/* poe-store-query.c
 *
 * Reads of the local store: records by id, by field, and the queries the views need.
 * Deleted records (tombstones kept for sync) are never returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-store-private.h"

/* Columns of every SELECT: id, rev, updated_at, updated_by, deleted, then the fields. */
#define N_BASE_COLUMNS 5


/*
 * Auxiliary methods
 */

static char *
build_select_sql (const PoeEntityInfo *entity)
{
  GString *sql = g_string_new ("SELECT id, rev, updated_at, updated_by, deleted");

  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", entity->fields[i].name);

  g_string_append_printf (sql, " FROM \"%s\"", entity->name);

  return g_string_free (sql, FALSE);
}

static void
set_value_from_column (PoeRecord    *record,
                       guint         index,
                       sqlite3_stmt *stmt,
                       int           column)
{
  const PoeFieldInfo *field = &poe_record_get_entity (record)->fields[index];
  g_auto(GValue) value = G_VALUE_INIT;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;

  switch (field->kind)
    {
    case POE_FIELD_INT:
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, sqlite3_column_int64 (stmt, column));
      break;

    case POE_FIELD_BOOL:
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, sqlite3_column_int (stmt, column) != 0);
      break;

    case POE_FIELD_LIST:
      {
        g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, column), NULL);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        g_value_init (&value, G_TYPE_STRV);
        if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
          {
            JsonArray *array = json_node_get_array (node);

            for (guint i = 0; i < json_array_get_length (array); i++)
              {
                const char *item = json_array_get_string_element (array, i);

                if (item != NULL)
                  g_strv_builder_add (builder, item);
              }
          }
        g_value_take_boxed (&value, g_strv_builder_end (builder));
      }
      break;

    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_JSON:
    case POE_FIELD_DECIMAL:
    default:
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, (const char *) sqlite3_column_text (stmt, column));
      break;
    }

  poe_record_take_value (record, index, &value);
}

static gboolean
bind_time (sqlite3_stmt *stmt,
           int           column,
           GDateTime    *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return sqlite3_bind_null (stmt, column) == SQLITE_OK;

  text = poe_time_format_iso8601 (time);
  return sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

static GPtrArray *
list_where (PoeStore    *self,
            const char  *entity_name,
            const char  *where_order,
            const char  *value,
            GError     **error)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity (entity_name);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_assert (entity != NULL);

  sql = g_strconcat (_poe_store_select_sql (entity), " WHERE deleted = 0 AND ", where_order, NULL);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  if (value != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);

  return _poe_store_collect (self, entity, stmt, error);
}


/*
 * Private API
 */

/* The SELECT of @entity's columns in the order _poe_store_record_from_row() reads them. */
const char *
_poe_store_select_sql (const PoeEntityInfo *entity)
{
  static char *sql[32];

  g_assert (entity->index < G_N_ELEMENTS (sql));

  if (g_once_init_enter (&sql[entity->index]))
    g_once_init_leave (&sql[entity->index], build_select_sql (entity));

  return sql[entity->index];
}

PoeRecord *
_poe_store_record_from_row (const PoeEntityInfo *entity,
                            sqlite3_stmt        *stmt)
{
  PoeRecord *record = poe_record_new_for_entity (entity);

  g_object_freeze_notify (G_OBJECT (record));
  poe_record_set_id (record, (const char *) sqlite3_column_text (stmt, 0));
  poe_record_set_rev (record, sqlite3_column_int64 (stmt, 1));
  poe_record_set_updated_at (record, (const char *) sqlite3_column_text (stmt, 2));
  poe_record_set_updated_by (record, (const char *) sqlite3_column_text (stmt, 3));
  poe_record_set_deleted (record, sqlite3_column_int (stmt, 4) != 0);

  for (guint i = 0; i < entity->n_fields; i++)
    set_value_from_column (record, i, stmt, N_BASE_COLUMNS + i);
  g_object_thaw_notify (G_OBJECT (record));

  return record;
}

/* Any row with that id, deleted or not; NULL without error when there is none. */
PoeRecord *
_poe_store_get_row (PoeStore             *self,
                    const PoeEntityInfo  *entity,
                    const char           *id,
                    GError              **error)
{
  g_autofree char *sql = g_strconcat (_poe_store_select_sql (entity), " WHERE id = ?", NULL);
  sqlite3_stmt *stmt;
  PoeRecord *record = NULL;
  int rc;

  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = _poe_store_record_from_row (entity, stmt);
  else if (rc != SQLITE_DONE)
    _poe_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return record;
}

/* Steps a bound SELECT of _poe_store_select_sql() columns to its end. */
GPtrArray *
_poe_store_collect (PoeStore             *self,
                    const PoeEntityInfo  *entity,
                    sqlite3_stmt         *stmt,
                    GError              **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, _poe_store_record_from_row (entity, stmt));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}


/*
 * Public API
 */

/**
 * poe_store_get:
 *
 * Returns: (transfer full): the record, or %NULL with %POE_STORE_ERROR_NOT_FOUND
 */
PoeRecord *
poe_store_get (PoeStore    *self,
               const char  *entity_name,
               const char  *id,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const PoeEntityInfo *entity;
  g_autoptr(PoeRecord) record = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return NULL;

  if (id != NULL)
    record = _poe_store_get_row (self, entity, id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (record == NULL || poe_record_get_deleted (record))
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND,
                   _("This %s is no longer on this device"), entity_name);
      return NULL;
    }

  return g_steal_pointer (&record);
}

/**
 * poe_store_list:
 * @field: (nullable): a field to match, or %NULL for every record
 * @value: (nullable): the value @field must have
 *
 * Returns: (transfer full) (element-type PoeRecord): the records, oldest first
 */
GPtrArray *
poe_store_list (PoeStore    *self,
                const char  *entity_name,
                const char  *field,
                const char  *value,
                GError     **error)
{
  const PoeEntityInfo *entity;
  g_autofree char *where = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return NULL;

  if (field == NULL)
    return list_where (self, entity_name, "1 ORDER BY rowid", NULL, error);

  if (poe_entity_lookup_field (entity, field) == NULL)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                   _("Records of kind %s have no field “%s”"), entity_name, field);
      return NULL;
    }

  where = g_strdup_printf ("\"%s\" IS ? ORDER BY rowid", field);
  return list_where (self, entity_name, where, value, error);
}

/**
 * poe_store_find_by_field:
 *
 * Returns: (transfer full) (nullable): the first record whose @field is @value, or %NULL
 *   (without error) when there is none
 */
PoeRecord *
poe_store_find_by_field (PoeStore    *self,
                         const char  *entity,
                         const char  *field,
                         const char  *value,
                         GError     **error)
{
  g_autoptr(GPtrArray) records = poe_store_list (self, entity, field, value, error);

  if (records == NULL || records->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (records, 0));
}

gint64
poe_store_count (PoeStore    *self,
                 const char  *entity_name,
                 GError     **error)
{
  const PoeEntityInfo *entity;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), -1);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return -1;

  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE deleted = 0", entity->name);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _poe_store_set_error (self, rc, error);
  sqlite3_reset (stmt);

  return count;
}

/**
 * poe_store_list_flights_between:
 * @from: (nullable): earliest scheduled arrival, inclusive
 * @to: (nullable): latest scheduled arrival, exclusive
 *
 * Returns: (transfer full) (element-type PoeRecord): flights by scheduled arrival
 */
GPtrArray *
poe_store_list_flights_between (PoeStore   *self,
                                GDateTime  *from,
                                GDateTime  *to,
                                GError    **error)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity ("flight");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  sql = g_strconcat (_poe_store_select_sql (entity),
                     " WHERE deleted = 0"
                     " AND (?1 IS NULL OR scheduled_arrival >= ?1)"
                     " AND (?2 IS NULL OR scheduled_arrival < ?2)"
                     " ORDER BY scheduled_arrival, carrier, number",
                     NULL);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  bind_time (stmt, 1, from);
  bind_time (stmt, 2, to);

  return _poe_store_collect (self, entity, stmt, error);
}

/**
 * poe_store_list_cases_for_flight:
 *
 * Returns: (transfer full) (element-type PoeRecord): the families expected on a flight, by
 *   case number
 */
GPtrArray *
poe_store_list_cases_for_flight (PoeStore    *self,
                                 const char  *flight_id,
                                 GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (flight_id != NULL, NULL);

  return list_where (self, "case", "inbound_flight_id = ? ORDER BY case_number", flight_id, error);
}

/**
 * poe_store_list_persons_for_case:
 *
 * Returns: (transfer full) (element-type PoeRecord): the members of a family, the principal
 *   applicant first, then by date of birth
 */
GPtrArray *
poe_store_list_persons_for_case (PoeStore    *self,
                                 const char  *case_id,
                                 GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return list_where (self, "person",
                     "case_id = ? ORDER BY relationship IS NOT 'head', date_of_birth, rowid",
                     case_id, error);
}

/**
 * poe_store_list_segments_for_case:
 *
 * Returns: (transfer full) (element-type PoeRecord): the itinerary of a family in order
 */
GPtrArray *
poe_store_list_segments_for_case (PoeStore    *self,
                                  const char  *case_id,
                                  GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return list_where (self, "segment",
                     "case_id = ? ORDER BY coalesce(scheduled_departure, scheduled_arrival), rowid",
                     case_id, error);
}

/**
 * poe_store_list_checklist_events:
 *
 * Returns: (transfer full) (element-type PoeRecord): every event of a family, oldest first
 */
GPtrArray *
poe_store_list_checklist_events (PoeStore    *self,
                                 const char  *case_id,
                                 GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return list_where (self, "checklist_event", "case_id = ? ORDER BY at, rowid", case_id, error);
}

/**
 * poe_checklist_state_key:
 * @person_id: (nullable): the person of a per-person step
 *
 * Returns: (transfer full): the key of a step in poe_store_get_checklist_state()
 */
char *
poe_checklist_state_key (const char *step,
                         const char *person_id)
{
  g_return_val_if_fail (step != NULL, NULL);

  if (person_id == NULL)
    return g_strdup (step);

  return g_strconcat (step, "/", person_id, NULL);
}

/**
 * poe_store_get_checklist_state:
 *
 * The current state of a family's checklist: for every step (and person, for per-person
 * steps) its latest event. Events are append-only; the latest by time wins, and of two
 * events at the same second the one stored last.
 *
 * Returns: (transfer full) (element-type utf8 PoeRecord): key from
 *   poe_checklist_state_key() → the latest checklist_event
 */
GHashTable *
poe_store_get_checklist_state (PoeStore    *self,
                               const char  *case_id,
                               GError     **error)
{
  g_autoptr(GHashTable) state = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!(events = poe_store_list_checklist_events (self, case_id, error)))
    return NULL;

  state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* Oldest first: later events replace earlier ones. */
  for (guint i = 0; i < events->len; i++)
    {
      PoeRecord *event = g_ptr_array_index (events, i);
      char *key = poe_checklist_state_key (poe_record_get_string (event, "step"),
                                           poe_record_get_string (event, "person_id"));

      g_hash_table_replace (state, key, g_object_ref (event));
    }

  return g_steal_pointer (&state);
}

/**
 * poe_store_list_open_incidents:
 *
 * Returns: (transfer full) (element-type PoeRecord): incidents not closed, newest first
 */
GPtrArray *
poe_store_list_open_incidents (PoeStore  *self,
                               GError   **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  return list_where (self, "incident", "status IS NOT 'closed' ORDER BY at DESC", NULL, error);
}

/**
 * poe_store_list_time_entries:
 * @from: (nullable): earliest start, inclusive
 * @to: (nullable): latest start, exclusive
 *
 * Returns: (transfer full) (element-type PoeRecord): a staff member's entries by start
 */
GPtrArray *
poe_store_list_time_entries (PoeStore    *self,
                             const char  *staff_id,
                             GDateTime   *from,
                             GDateTime   *to,
                             GError     **error)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity ("time_entry");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  sql = g_strconcat (_poe_store_select_sql (entity),
                     " WHERE deleted = 0 AND staff_id = ?1"
                     " AND (?2 IS NULL OR start >= ?2)"
                     " AND (?3 IS NULL OR start < ?3)"
                     " ORDER BY start",
                     NULL);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 2, from);
  bind_time (stmt, 3, to);

  return _poe_store_collect (self, entity, stmt, error);
}

/**
 * poe_store_list_shifts_between:
 *
 * Returns: (transfer full) (element-type PoeRecord): shifts starting in [@from, @to)
 */
GPtrArray *
poe_store_list_shifts_between (PoeStore   *self,
                               GDateTime  *from,
                               GDateTime  *to,
                               GError    **error)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity ("shift");
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  sql = g_strconcat (_poe_store_select_sql (entity),
                     " WHERE deleted = 0"
                     " AND (?1 IS NULL OR planned_start >= ?1)"
                     " AND (?2 IS NULL OR planned_start < ?2)"
                     " ORDER BY planned_start",
                     NULL);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  bind_time (stmt, 1, from);
  bind_time (stmt, 2, to);

  return _poe_store_collect (self, entity, stmt, error);
}

static int
fail_statement_cb (void *user_data)
{
  return 1;
}

/**
 * poe_store_set_read_fault_for_testing:
 * @fault: whether statements fail
 *
 * For tests of how views meet a store that cannot be read: while @fault is set, every
 * statement of this connection stops at its first step with SQLITE_INTERRUPT, as a read of
 * a damaged or vanished file would fail, and the read returns %POE_STORE_ERROR_IO. Only
 * reads should be tried meanwhile: SQLite rolls back a transaction whose write it stops.
 */
void
poe_store_set_read_fault_for_testing (PoeStore *self,
                                      gboolean  fault)
{
  g_return_if_fail (POE_IS_STORE (self));
  g_return_if_fail (self->tx_depth == 0);

  sqlite3_progress_handler (self->db, fault ? 1 : 0, fault ? fail_statement_cb : NULL, NULL);
}
