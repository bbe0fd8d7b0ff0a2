/* poe-store-write.c
 *
 * User writes. Each is one transaction holding the row change, its outbox mutation (the
 * changed fields only, with the revision they were based on) and an audit row, so a crash
 * at any moment leaves either all three or none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-store-private.h"


/*
 * Auxiliary methods
 */

typedef enum
{
  INSERT_NEW,          /* fails on an id already stored */
  INSERT_OR_REPLACE,
  INSERT_IF_ABSENT,    /* does nothing for an id already stored (sqlite3_changes() says) */
  N_INSERT_KINDS
} InsertKind;

static char *
build_insert_sql (const PoeEntityInfo *entity,
                  InsertKind           kind)
{
  GString *sql = g_string_new (kind == INSERT_OR_REPLACE ? "INSERT OR REPLACE INTO " : "INSERT INTO ");

  g_string_append_printf (sql, "\"%s\" (id, rev, updated_at, updated_by, deleted", entity->name);
  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", entity->fields[i].name);

  g_string_append (sql, ") VALUES (?, ?, ?, ?, ?");
  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  if (kind == INSERT_IF_ABSENT)
    g_string_append (sql, " ON CONFLICT (id) DO NOTHING");

  return g_string_free (sql, FALSE);
}

/* The INSERT of each entity, built once a process (every pulled change writes a row) and
 * shared by all stores and threads; the store keeps its statement prepared. */
#define MAX_ENTITIES G_N_ELEMENTS (((PoeStore *) NULL)->inserts[0])

G_STATIC_ASSERT (N_INSERT_KINDS == G_N_ELEMENTS (((PoeStore *) NULL)->inserts));

static const char *
insert_sql (const PoeEntityInfo *entity,
            InsertKind           kind)
{
  static char *cache[N_INSERT_KINDS][MAX_ENTITIES];
  char **slot;

  g_assert (entity->index < MAX_ENTITIES);

  slot = &cache[kind][entity->index];
  if (g_once_init_enter (slot))
    g_once_init_leave (slot, build_insert_sql (entity, kind));

  return *slot;
}

static void
bind_base_columns (sqlite3_stmt *stmt,
                   PoeRecord    *record)
{
  sqlite3_bind_text (stmt, 1, poe_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, poe_record_get_rev (record));
  sqlite3_bind_text (stmt, 3, poe_record_get_updated_at (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, poe_record_get_updated_by (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, poe_record_get_deleted (record) ? 1 : 0);
}

/* Every pulled change writes a row: no look-up of the long SQL text each time. */
static sqlite3_stmt *
prepare_insert (PoeStore             *self,
                const PoeEntityInfo  *entity,
                InsertKind            kind,
                GError              **error)
{
  sqlite3_stmt **slot = &self->inserts[kind][entity->index];

  if (*slot != NULL)
    {
      sqlite3_clear_bindings (*slot);
      return *slot;
    }

  return *slot = _poe_store_prepare (self, insert_sql (entity, kind), error);
}

static gboolean
insert_row_as (PoeStore    *self,
               PoeRecord   *record,
               InsertKind   kind,
               GError     **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  sqlite3_stmt *stmt = prepare_insert (self, entity, kind, error);

  if (stmt == NULL)
    return FALSE;

  bind_base_columns (stmt, record);
  for (guint i = 0; i < entity->n_fields; i++)
    _poe_store_bind_field (stmt, 6 + i, record, i);

  return _poe_store_step_done (self, stmt, error);
}

static gboolean
insert_row (PoeStore   *self,
            PoeRecord  *record,
            gboolean    replace,
            GError    **error)
{
  return insert_row_as (self, record, replace ? INSERT_OR_REPLACE : INSERT_NEW, error);
}

static gboolean
update_row (PoeStore   *self,
            PoeRecord  *record,
            GArray     *changed,
            GError    **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int column = 1;

  g_string_append_printf (sql, "UPDATE \"%s\" SET updated_at = ?, updated_by = ?, deleted = ?",
                          entity->name);
  for (guint i = 0; i < changed->len; i++)
    g_string_append_printf (sql, ", \"%s\" = ?", entity->fields[g_array_index (changed, guint, i)].name);
  g_string_append (sql, " WHERE id = ?");

  if (!(stmt = _poe_store_prepare (self, sql->str, error)))
    return FALSE;

  sqlite3_bind_text (stmt, column++, poe_record_get_updated_at (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, column++, poe_record_get_updated_by (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, column++, poe_record_get_deleted (record) ? 1 : 0);
  for (guint i = 0; i < changed->len; i++)
    _poe_store_bind_field (stmt, column++, record, g_array_index (changed, guint, i));
  sqlite3_bind_text (stmt, column, poe_record_get_id (record), -1, SQLITE_TRANSIENT);

  return _poe_store_step_done (self, stmt, error);
}

static char *
changed_fields_json (PoeRecord *record,
                     GArray    *changed)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < changed->len; i++)
    {
      guint index = g_array_index (changed, guint, i);

      json_object_set_member (object, entity->fields[index].name,
                              poe_record_field_to_json (record, index));
    }

  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static gboolean
append_outbox (PoeStore    *self,
               PoeRecord   *record,
               const char  *op,
               gint64       base_rev,
               const char  *fields_json,
               const char  *at,
               GError     **error)
{
  g_autofree char *mutation_id = poe_uuid_new ();
  sqlite3_stmt *stmt;

  stmt = _poe_store_prepare (self,
                             "INSERT INTO outbox (mutation_id, entity, record_id, op, base_rev, fields, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, poe_record_get_entity_name (record), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, poe_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, base_rev);
  sqlite3_bind_text (stmt, 6, fields_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, at, -1, SQLITE_TRANSIENT);

  return _poe_store_step_done (self, stmt, error);
}

/* The device's own trail of who did what: names the fields, never their values. */
static gboolean
append_audit (PoeStore    *self,
              PoeRecord   *record,
              const char  *action,
              GArray      *changed,
              const char  *at,
              GError     **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  g_autoptr(JsonArray) names = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *names_json = NULL;
  g_autofree char *id = poe_uuid_new ();
  sqlite3_stmt *stmt;

  for (guint i = 0; changed != NULL && i < changed->len; i++)
    json_array_add_string_element (names, entity->fields[g_array_index (changed, guint, i)].name);
  node = json_node_init_array (json_node_alloc (), names);
  names_json = json_to_string (node, FALSE);

  stmt = _poe_store_prepare (self,
                             "INSERT INTO audit (id, rev, updated_at, updated_by, deleted,"
                             " who, action, entity, record_id, at, fields)"
                             " VALUES (?, 0, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->actor_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->actor_username ? self->actor_username : "unknown", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, poe_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, names_json, -1, SQLITE_TRANSIENT);

  return _poe_store_step_done (self, stmt, error);
}

static gboolean
record_exists (PoeStore    *self,
               const char  *entity_name,
               const char  *id,
               gboolean    *exists,
               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ? AND deleted = 0",
                                          entity_name);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _poe_store_set_error (self, rc, error);

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* A record written on this device must point at records this device has. Staff are the
 * exception: a device need not hold the whole roster to name a colleague. */
static gboolean
check_references (PoeStore   *self,
                  PoeRecord  *record,
                  GError    **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const PoeFieldInfo *field = &entity->fields[i];
      const GValue *value = poe_record_peek_value (record, i);
      const char *single[2] = { NULL, NULL };
      const char * const *ids = NULL;

      if (field->ref_entity == NULL || g_str_equal (field->ref_entity, "staff"))
        continue;

      if (field->kind == POE_FIELD_REF)
        {
          single[0] = g_value_get_string (value);
          ids = single;
        }
      else
        ids = g_value_get_boxed (value);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          gboolean exists = FALSE;

          if (!record_exists (self, field->ref_entity, ids[j], &exists, error))
            return FALSE;

          if (!exists)
            {
              g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                           _("%s.%s: the %s it refers to is not on this device"),
                           entity->name, field->name, field->ref_entity);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
validate_for_store (PoeRecord  *record,
                    GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (poe_record_validate (record, &local_error))
    return TRUE;

  g_set_error_literal (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID, local_error->message);
  return FALSE;
}

static gboolean
save_in_transaction (PoeStore   *self,
                     PoeRecord  *record,
                     GError    **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  gboolean append_only = poe_entity_is_append_only (entity);
  g_autoptr(PoeRecord) existing = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = poe_time_now_iso8601 ();
  g_autofree char *fields_json = NULL;
  const char *op;
  gint64 base_rev = 0;

  existing = _poe_store_get_row (self, entity, poe_record_get_id (record), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (existing == NULL)
    {
      for (guint i = 0; i < entity->n_fields; i++)
        {
          const GValue *value = poe_record_peek_value (record, i);

          /* A new record sends what it has: unset strings and lists are left out. */
          if ((G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) == NULL) ||
              (G_VALUE_HOLDS (value, G_TYPE_STRV) && g_value_get_boxed (value) == NULL))
            continue;
          g_array_append_val (changed, i);
        }
      op = append_only ? "append" : "upsert";
    }
  else
    {
      if (append_only)
        {
          g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_APPEND_ONLY,
                       _("A %s cannot be changed once recorded; add a new one instead"),
                       entity->name);
          return FALSE;
        }

      if (poe_record_get_deleted (existing))
        {
          g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND,
                       _("This %s was deleted and cannot be changed"), entity->name);
          return FALSE;
        }

      for (guint i = 0; i < entity->n_fields; i++)
        {
          if (!poe_record_field_equal (record, existing, i))
            g_array_append_val (changed, i);
        }

      /* Saving what is already stored is not a change: nothing to sync or audit. */
      if (changed->len == 0)
        return TRUE;

      op = "upsert";
      base_rev = poe_record_get_rev (existing);
      poe_record_set_rev (record, base_rev);
    }

  poe_record_set_updated_at (record, now);
  poe_record_set_updated_by (record, self->actor_id);
  poe_record_set_deleted (record, FALSE);

  fields_json = changed_fields_json (record, changed);

  if (!(existing == NULL ? insert_row (self, record, FALSE, error) : update_row (self, record, changed, error)) ||
      !append_outbox (self, record, op, base_rev, fields_json, now, error) ||
      !append_audit (self, record, existing == NULL ? (append_only ? "append" : "create") : "update",
                     changed, now, error))
    return FALSE;

  _poe_store_note_change (self, POE_STORE_CHANGE_LOCAL, entity->name, poe_record_get_id (record));
  return TRUE;
}


/*
 * Private API
 */

void
_poe_store_bind_field (sqlite3_stmt *stmt,
                       int           column,
                       PoeRecord    *record,
                       guint         index)
{
  const GValue *value = poe_record_peek_value (record, index);

  if (G_VALUE_HOLDS_STRING (value))
    {
      sqlite3_bind_text (stmt, column, g_value_get_string (value), -1, SQLITE_TRANSIENT);
    }
  else if (G_VALUE_HOLDS_INT64 (value))
    {
      sqlite3_bind_int64 (stmt, column, g_value_get_int64 (value));
    }
  else if (G_VALUE_HOLDS_BOOLEAN (value))
    {
      sqlite3_bind_int (stmt, column, g_value_get_boolean (value) ? 1 : 0);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      if (g_value_get_boxed (value) == NULL)
        {
          sqlite3_bind_null (stmt, column);
          return;
        }

      node = poe_record_field_to_json (record, index);
      json = json_to_string (node, FALSE);
      sqlite3_bind_text (stmt, column, json, -1, SQLITE_TRANSIENT);
    }
  else
    g_assert_not_reached ();
}

/* Writes @record as it is (server data): replaces the whole row when @exists, else inserts
 * it unless its id is stored already (then nothing changes: sqlite3_changes() is 0). */
gboolean
_poe_store_write_row (PoeStore   *self,
                      PoeRecord  *record,
                      gboolean    exists,
                      GError    **error)
{
  return insert_row_as (self, record, exists ? INSERT_OR_REPLACE : INSERT_IF_ABSENT, error);
}

/* The INSERT of @entity that does nothing for an id already stored, its bindings cleared:
 * columns id, rev, updated_at, updated_by, deleted, then the fields in schema order. */
sqlite3_stmt *
_poe_store_prepare_insert_if_absent (PoeStore             *self,
                                     const PoeEntityInfo  *entity,
                                     GError              **error)
{
  return prepare_insert (self, entity, INSERT_IF_ABSENT, error);
}


/*
 * Public API
 */

/**
 * poe_store_save:
 * @record: a new record, or a changed copy of a stored one
 *
 * Validates @record and stores it in one transaction with its outbox mutation (the fields
 * that changed, based on the revision last seen from the server) and an audit row. Sets
 * @record's updated_at and updated_by. Saving an unchanged record does nothing.
 *
 * Returns: %TRUE on success; on error nothing was stored
 */
gboolean
poe_store_save (PoeStore   *self,
                PoeRecord  *record,
                GError    **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The trail is written by the store itself, next to each change. */
  if (g_str_equal (poe_record_get_entity_name (record), "audit"))
    {
      g_set_error_literal (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                           _("The audit trail is written by POE Desk itself and cannot be edited"));
      return FALSE;
    }

  if (!validate_for_store (record, error))
    return FALSE;

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!check_references (self, record, error) || !save_in_transaction (self, record, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  return _poe_store_tx_commit (self, error);
}

/**
 * poe_store_save_all:
 * @records: (element-type PoeRecord): new records or changed copies, parents first
 *
 * poe_store_save() of each of @records in one transaction: one user action that writes
 * several records (a no-show's events, the case and its anomaly report) is stored whole or
 * not at all, each with its outbox mutation and audit row.
 *
 * Returns: %TRUE on success; on error nothing was stored
 */
gboolean
poe_store_save_all (PoeStore   *self,
                    GPtrArray  *records,
                    GError    **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);

      if (g_str_equal (poe_record_get_entity_name (record), "audit"))
        {
          g_set_error_literal (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                               _("The audit trail is written by POE Desk itself and cannot be edited"));
          return FALSE;
        }
      if (!validate_for_store (record, error))
        return FALSE;
    }

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);

      if (!check_references (self, record, error) || !save_in_transaction (self, record, error))
        {
          _poe_store_tx_rollback (self);
          return FALSE;
        }
    }

  return _poe_store_tx_commit (self, error);
}

/**
 * poe_store_delete:
 *
 * Marks a record deleted (the row stays as a tombstone until the server has the deletion),
 * with its outbox mutation and audit row.
 */
gboolean
poe_store_delete (PoeStore    *self,
                  const char  *entity_name,
                  const char  *id,
                  GError     **error)
{
  const PoeEntityInfo *entity;
  g_autoptr(PoeRecord) record = NULL;
  g_autofree char *now = poe_time_now_iso8601 ();
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return FALSE;

  if (poe_entity_is_append_only (entity))
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_APPEND_ONLY,
                   _("A %s cannot be deleted once recorded"), entity->name);
      return FALSE;
    }

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!(record = poe_store_get (self, entity_name, id, error)))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  poe_record_set_deleted (record, TRUE);
  poe_record_set_updated_at (record, now);
  poe_record_set_updated_by (record, self->actor_id);

  if (!update_row (self, record, none, error) ||
      !append_outbox (self, record, "delete", poe_record_get_rev (record), "{}", now, error) ||
      !append_audit (self, record, "delete", NULL, now, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  _poe_store_note_change (self, POE_STORE_CHANGE_LOCAL, entity->name, id);
  return _poe_store_tx_commit (self, error);
}

/**
 * poe_store_import:
 *
 * Stores a record as the server has it (demo data, first download): validated, written
 * whole with its revision, without outbox mutation or audit row.
 */
gboolean
poe_store_import (PoeStore   *self,
                  PoeRecord  *record,
                  GError    **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (record), FALSE);

  if (!validate_for_store (record, error))
    return FALSE;

  /* Inside poe_store_begin() the batch is the unit: no savepoint per record. */
  if (self->tx_depth > 0)
    {
      if (!insert_row (self, record, TRUE, error))
        return FALSE;

      _poe_store_note_change (self, POE_STORE_CHANGE_PULLED, poe_record_get_entity_name (record),
                              poe_record_get_id (record));
      return TRUE;
    }

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!insert_row (self, record, TRUE, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  _poe_store_note_change (self, POE_STORE_CHANGE_PULLED, poe_record_get_entity_name (record),
                          poe_record_get_id (record));
  return _poe_store_tx_commit (self, error);
}
