/* poe-store-conflicts.c
 *
 * The conflicts inbox: fields the server kept against this device's value, recorded from a
 * push's answer, listed for the user and resolved (keep mine, take theirs, edit).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-store-private.h"

G_DEFINE_BOXED_TYPE (PoeConflict, poe_conflict, poe_conflict_copy, poe_conflict_free)


/*
 * Auxiliary methods
 */

static gboolean
write_field (PoeStore    *self,
             PoeRecord   *record,
             const char  *field,
             JsonNode    *value,
             GError     **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  int index = poe_entity_field_index (entity, field);
  g_autoptr(GError) local_error = NULL;

  if (index < 0)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                   _("%s has no field “%s”"), entity->name, field);
      return FALSE;
    }

  if (!poe_record_field_from_json (record, index, value, &local_error) ||
      !poe_record_validate (record, &local_error))
    {
      g_set_error_literal (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }

  return _poe_store_write_row (self, record, TRUE, error);
}

/*
 * Public API: conflicts
 */

/**
 * poe_store_add_conflict:
 * @local_value: what this device had sent
 * @server_value: what the server kept
 *
 * Records a conflict for the user's inbox and puts the server's value into the local row,
 * so the device shows what the server holds until the user decides.
 */
gboolean
poe_store_add_conflict (PoeStore    *self,
                        const char  *entity_name,
                        const char  *record_id,
                        const char  *field,
                        JsonNode    *local_value,
                        JsonNode    *server_value,
                        const char  *server_by,
                        const char  *server_at,
                        GError     **error)
{
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *now = poe_time_now_iso8601 ();
  g_autofree char *local_json = NULL;
  g_autofree char *server_json = NULL;
  g_autoptr(PoeRecord) record = NULL;
  const PoeEntityInfo *entity;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (record_id != NULL && field != NULL, FALSE);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return FALSE;

  local_json = local_value ? json_to_string (local_value, FALSE) : g_strdup ("null");
  server_json = server_value ? json_to_string (server_value, FALSE) : g_strdup ("null");

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  stmt = _poe_store_prepare (self,
                             "INSERT INTO conflict (id, entity, record_id, field, local_value,"
                             " server_value, server_by, server_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, local_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, server_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, server_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, server_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);

  if (!_poe_store_step_done (self, stmt, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  record = _poe_store_get_row (self, entity, record_id, NULL);
  if (record != NULL && server_value != NULL &&
      !write_field (self, record, field, server_value, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  _poe_store_note_change (self, POE_STORE_CHANGE_OUTBOX, "conflict", id);
  if (record != NULL)
    _poe_store_note_change (self, POE_STORE_CHANGE_OUTBOX, entity->name, record_id);

  return _poe_store_tx_commit (self, error);
}

/**
 * poe_store_list_conflicts:
 *
 * Returns: (transfer full) (element-type PoeConflict): unresolved conflicts, oldest first
 */
GPtrArray *
poe_store_list_conflicts (PoeStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  stmt = _poe_store_prepare (self,
                             "SELECT id, entity, record_id, field, local_value, server_value,"
                             " server_by, server_at, at FROM conflict WHERE resolved_at IS NULL"
                             " ORDER BY at, rowid",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PoeConflict *conflict = g_new0 (PoeConflict, 1);

      conflict->id = _poe_store_dup_text (stmt, 0);
      conflict->entity = _poe_store_dup_text (stmt, 1);
      conflict->record_id = _poe_store_dup_text (stmt, 2);
      conflict->field = _poe_store_dup_text (stmt, 3);
      conflict->local_value = _poe_store_dup_text (stmt, 4);
      conflict->server_value = _poe_store_dup_text (stmt, 5);
      conflict->server_by = _poe_store_dup_text (stmt, 6);
      conflict->server_at = _poe_store_dup_text (stmt, 7);
      conflict->at = _poe_store_dup_text (stmt, 8);
      g_ptr_array_add (conflicts, conflict);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&conflicts);
}

guint
poe_store_count_conflicts (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), 0);

  return _poe_store_count_rows (self, "SELECT count(*) FROM conflict WHERE resolved_at IS NULL");
}

/**
 * poe_store_resolve_conflict:
 * @edited_value: (nullable): the value the user typed, for %POE_CONFLICT_EDIT
 *
 * Keep mine and edit become a new user write of the field (a new mutation based on the
 * server's revision); take theirs keeps the server's value that is already in the row.
 */
gboolean
poe_store_resolve_conflict (PoeStore               *self,
                            const char             *conflict_id,
                            PoeConflictResolution   resolution,
                            JsonNode               *edited_value,
                            GError                **error)
{
  static const char * const names[] = { "mine", "theirs", "edited" };
  g_autoptr(PoeConflict) conflict = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *now = poe_time_now_iso8601 ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflict_id != NULL, FALSE);
  g_return_val_if_fail (resolution != POE_CONFLICT_EDIT || edited_value != NULL, FALSE);

  if (!(conflicts = poe_store_list_conflicts (self, error)))
    return FALSE;

  for (guint i = 0; i < conflicts->len && conflict == NULL; i++)
    {
      PoeConflict *c = g_ptr_array_index (conflicts, i);

      if (g_str_equal (c->id, conflict_id))
        conflict = poe_conflict_copy (c);
    }

  if (conflict == NULL)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND,
                   _("This conflict was already resolved"));
      return FALSE;
    }

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (resolution != POE_CONFLICT_TAKE_THEIRS)
    {
      g_autoptr(PoeRecord) record = NULL;
      g_autoptr(JsonNode) mine = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonNode *value;
      int index;

      record = poe_store_get (self, conflict->entity, conflict->record_id, error);
      if (record == NULL)
        goto failed;

      mine = json_from_string (conflict->local_value, NULL);
      value = resolution == POE_CONFLICT_EDIT ? edited_value : mine;
      index = poe_entity_field_index (poe_record_get_entity (record), conflict->field);

      if (index < 0 || value == NULL ||
          !poe_record_field_from_json (record, index, value, &local_error))
        {
          g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID, "%s",
                       local_error ? local_error->message : _("The value cannot be used"));
          goto failed;
        }

      if (!poe_store_save (self, record, error))
        goto failed;
    }

  stmt = _poe_store_prepare (self, "UPDATE conflict SET resolved_at = ?, resolution = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, names[resolution], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, conflict_id, -1, SQLITE_TRANSIENT);
  if (!_poe_store_step_done (self, stmt, error))
    goto failed;

  _poe_store_note_change (self, POE_STORE_CHANGE_LOCAL, "conflict", conflict_id);
  return _poe_store_tx_commit (self, error);

failed:
  _poe_store_tx_rollback (self);
  return FALSE;
}

PoeConflict *
poe_conflict_copy (const PoeConflict *conflict)
{
  PoeConflict *copy = g_new0 (PoeConflict, 1);

  copy->id = g_strdup (conflict->id);
  copy->entity = g_strdup (conflict->entity);
  copy->record_id = g_strdup (conflict->record_id);
  copy->field = g_strdup (conflict->field);
  copy->local_value = g_strdup (conflict->local_value);
  copy->server_value = g_strdup (conflict->server_value);
  copy->server_by = g_strdup (conflict->server_by);
  copy->server_at = g_strdup (conflict->server_at);
  copy->at = g_strdup (conflict->at);

  return copy;
}

void
poe_conflict_free (PoeConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->id);
  g_free (conflict->entity);
  g_free (conflict->record_id);
  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->server_value);
  g_free (conflict->server_by);
  g_free (conflict->server_at);
  g_free (conflict->at);
  g_free (conflict);
}
