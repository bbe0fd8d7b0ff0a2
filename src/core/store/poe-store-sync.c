/* poe-store-sync.c
 *
 * The store's side of sync: the outbox the push reads, the changes the pull applies, and
 * the conflicts inbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-store-private.h"

#define OUTBOX_COLUMNS \
  "seq, mutation_id, entity, record_id, op, base_rev, fields, created_at, attempts, last_error, state"


/*
 * Auxiliary methods
 */

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static PoeMutation *
mutation_from_row (sqlite3_stmt *stmt)
{
  PoeMutation *mutation = g_new0 (PoeMutation, 1);

  mutation->seq = sqlite3_column_int64 (stmt, 0);
  mutation->mutation_id = dup_column (stmt, 1);
  mutation->entity = dup_column (stmt, 2);
  mutation->record_id = dup_column (stmt, 3);
  mutation->op = dup_column (stmt, 4);
  mutation->base_rev = sqlite3_column_int64 (stmt, 5);
  mutation->fields = dup_column (stmt, 6);
  mutation->created_at = dup_column (stmt, 7);
  mutation->attempts = sqlite3_column_int64 (stmt, 8);
  mutation->last_error = dup_column (stmt, 9);
  mutation->state = dup_column (stmt, 10);

  return mutation;
}

static GPtrArray *
list_mutations (PoeStore    *self,
                const char  *sql,
                guint        limit,
                GError     **error)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_mutation_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (mutations, mutation_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&mutations);
}

static guint
count_query (PoeStore   *self,
             const char *sql)
{
  sqlite3_stmt *stmt = _poe_store_prepare (self, sql, NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static gboolean
outbox_update (PoeStore    *self,
               const char  *sql,
               const char  *mutation_id,
               const char  *text,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);

  if (!_poe_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND,
                   _("That change is no longer waiting to be sent"));
      return FALSE;
    }

  return TRUE;
}

/* The fields this device changed and the server has not confirmed yet. A pulled change
 * must not overwrite them: the push will settle each one, as applied or as a conflict. */
static GHashTable *
dup_unconfirmed_fields (PoeStore    *self,
                        const char  *entity,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _poe_store_prepare (self, "SELECT fields FROM outbox WHERE entity = ? AND record_id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
      JsonObjectIter iter;
      const char *name;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, NULL))
        g_hash_table_add (fields, g_strdup (name));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&fields);
}

static gboolean
set_change_error (GError     **error,
                  const char  *what)
{
  g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
               _("The server sent a change that cannot be used: %s"), what);
  return FALSE;
}

static gboolean
merge_text_member (PoeRecord   *record,
                   const char  *name,
                   JsonNode    *node,
                   GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
                   _("%s.%s: expected a text"), poe_record_get_entity_name (record), name);
      return FALSE;
    }

  if (g_str_equal (name, "updated_at"))
    poe_record_set_updated_at (record, json_node_get_string (node));
  else
    poe_record_set_updated_by (record, json_node_get_string (node));

  return TRUE;
}

/* Copies @data onto @record, leaving out the fields in @skip. Field by field, without a
 * filtered copy of @data: this runs for every pulled change. */
static gboolean
merge_change_data (PoeRecord   *record,
                   JsonObject  *data,
                   GHashTable  *skip,
                   GError     **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint next = 0;

  /* In the order of the change, so the guess below mostly holds. */
  json_object_iter_init_ordered (&iter, data);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      int index;

      if (skip != NULL && g_hash_table_contains (skip, name))
        continue;

      /* Members mostly come in the schema's order, after the record's own columns: try
       * the field after the last one, then those columns, and only then search. */
      if (next < entity->n_fields && strcmp (entity->fields[next].name, name) == 0)
        index = (int) next;
      else if (g_str_equal (name, "updated_at") || g_str_equal (name, "updated_by"))
        {
          if (!merge_text_member (record, name, node, error))
            return FALSE;
          continue;
        }
      /* The change's envelope carries these; data must not move a record. */
      else if (g_str_equal (name, "id") || g_str_equal (name, "rev") || g_str_equal (name, "deleted"))
        continue;
      else if ((index = poe_entity_field_index (entity, name)) < 0)
        {
          g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_UNKNOWN_FIELD,
                       _("%s has no field “%s”"), entity->name, name);
          return FALSE;
        }

      next = (guint) index + 1;
      if (!poe_record_field_from_json (record, index, node, error))
        return FALSE;
    }

  return TRUE;
}

/* The change's entity, id and revision, checked. */
static gboolean
read_change_envelope (JsonObject           *change,
                      const PoeEntityInfo **entity,
                      const char          **id,
                      gint64               *rev,
                      GError              **error)
{
  JsonNode *node;

  node = json_object_get_member (change, "entity");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      !(*entity = poe_schema_lookup_entity (json_node_get_string (node))))
    return set_change_error (error, _("unknown kind of record"));

  node = json_object_get_member (change, "id");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      !g_uuid_string_is_valid ((*id = json_node_get_string (node))))
    return set_change_error (error, _("missing or invalid record id"));

  node = json_object_get_member (change, "rev");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (*rev = json_node_get_int (node)) < 1)
    return set_change_error (error, _("missing or invalid revision"));

  return TRUE;
}

/* Puts the change's data (but the fields in @unconfirmed), @rev and its deleted flag onto
 * @record, which must then be a record the store accepts unless it is a tombstone. */
static gboolean
merge_change (PoeRecord   *record,
              JsonObject  *change,
              GHashTable  *unconfirmed,
              gint64       rev,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = json_object_get_member (change, "data");

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      !merge_change_data (record, json_node_get_object (node), unconfirmed, &local_error))
    return set_change_error (error, local_error->message);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_NULL (node))
    return set_change_error (error, _("the data is not an object"));

  poe_record_set_rev (record, rev);
  node = json_object_get_member (change, "deleted");
  poe_record_set_deleted (record, node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                                  json_node_get_boolean (node));

  /* A tombstone needs no valid fields; anything else must be a record the store accepts. */
  if (!poe_record_get_deleted (record) && !poe_record_validate (record, &local_error))
    return set_change_error (error, local_error->message);

  return TRUE;
}

/* The data of a change that may take the short path of insert_if_new(): not a tombstone,
 * with an object of data. */
static JsonObject *
new_record_data (JsonObject *change)
{
  JsonNode *node = json_object_get_member (change, "deleted");

  if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node))
    return NULL;

  node = json_object_get_member (change, "data");
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A member for the record's own columns: updated_at and updated_by are bound as they are,
 * id, rev and deleted come with the change's envelope (data must not move a record). FALSE
 * for one merge_change() refuses: a column that is not a text, or no column at all. */
static gboolean
bind_column_member (sqlite3_stmt *stmt,
                    const char   *name,
                    JsonNode     *node)
{
  int column;

  if (g_str_equal (name, "updated_at"))
    column = 3;
  else if (g_str_equal (name, "updated_by"))
    column = 4;
  else
    return g_str_equal (name, "id") || g_str_equal (name, "rev") || g_str_equal (name, "deleted");

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  sqlite3_bind_text (stmt, column, json_node_get_string (node), -1, SQLITE_STATIC);
  return TRUE;
}

/* Binds field @index from its member (NULL when absent) as _poe_store_bind_field() binds
 * the value poe_record_field_from_json() makes of it; @text is a list's or a JSON field's
 * text, taken over. */
static void
bind_member (sqlite3_stmt       *stmt,
             int                 column,
             const PoeFieldInfo *field,
             JsonNode           *node,
             char               *text)
{
  gboolean unset = node == NULL || JSON_NODE_HOLDS_NULL (node);

  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, g_free);
  else if (field->kind == POE_FIELD_INT)
    sqlite3_bind_int64 (stmt, column, unset ? 0 : json_node_get_int (node));
  else if (field->kind == POE_FIELD_BOOL)
    sqlite3_bind_int (stmt, column, !unset && json_node_get_boolean (node));
  /* Unset, an empty list or an empty text: NULL, as a record stores them. */
  else if (unset || field->kind == POE_FIELD_LIST || field->kind == POE_FIELD_JSON ||
           json_node_get_string (node)[0] == '\0')
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, json_node_get_string (node), -1, SQLITE_STATIC);
}

/* Binds a new record's columns straight from @data, checked field by field as
 * merge_change() checks a record, without making one. FALSE when the record path has to
 * decide: a member it refuses, or one that is not a field. */
static gboolean
bind_new_record (sqlite3_stmt        *stmt,
                 const PoeEntityInfo *entity,
                 const char          *id,
                 gint64               rev,
                 JsonObject          *data)
{
  JsonNode *nodes[64] = { NULL, };
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_assert (entity->n_fields <= G_N_ELEMENTS (nodes));

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rev);
  sqlite3_bind_int (stmt, 5, 0);

  /* One pass over the members in the object's own order, instead of a look-up by name of
   * every field: this runs for every pulled change. */
  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &name, &node))
    {
      int index = poe_entity_field_index (entity, name);

      if (index >= 0)
        nodes[index] = node;
      else if (!bind_column_member (stmt, name, node))
        return FALSE;
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      char *text = NULL;

      if (!_poe_record_check_json_field (entity, i, nodes[i], &text, NULL))
        return FALSE;
      bind_member (stmt, 6 + i, &entity->fields[i], nodes[i], text);
    }

  return TRUE;
}

/* Most changes of a first pull are of records the store does not have yet: inside a batch,
 * such a change is bound straight from its JSON into an INSERT that does nothing for an id
 * already stored, so it costs one look-up of its id and no PoeRecord. *@inserted stays
 * FALSE when the id was stored or the change needs the full path (a tombstone, data the
 * store refuses: its errors are reported there). */
static gboolean
insert_if_new (PoeStore             *self,
               const PoeEntityInfo  *entity,
               const char           *id,
               gint64                rev,
               JsonObject           *change,
               gboolean             *inserted,
               GError              **error)
{
  JsonObject *data = new_record_data (change);
  sqlite3_stmt *stmt;
  gboolean ok;

  *inserted = FALSE;
  if (data == NULL)
    return TRUE;

  if (!(stmt = _poe_store_prepare_insert_if_absent (self, entity, error)))
    return FALSE;

  if (!bind_new_record (stmt, entity, id, rev, data))
    {
      sqlite3_clear_bindings (stmt);
      return TRUE;
    }

  /* The texts bound are the change's own: let go of them before it is freed. */
  ok = _poe_store_step_done (self, stmt, error);
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;

  *inserted = sqlite3_changes (self->db) > 0;
  if (*inserted)
    _poe_store_note_change (self, entity->name, id);

  return TRUE;
}


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
 * Public API: outbox
 */

guint
poe_store_count_pending (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), 0);

  return count_query (self, "SELECT count(*) FROM outbox WHERE state = 'pending'");
}

guint
poe_store_count_rejected (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), 0);

  return count_query (self, "SELECT count(*) FROM outbox WHERE state = 'rejected'");
}

/**
 * poe_store_outbox_peek:
 * @limit: the most mutations to return
 *
 * Returns: (transfer full) (element-type PoeMutation): the oldest pending mutations, in
 *   the order they were made
 */
GPtrArray *
poe_store_outbox_peek (PoeStore  *self,
                       guint      limit,
                       GError   **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  return list_mutations (self,
                         "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending'"
                         " ORDER BY seq LIMIT ?",
                         limit, error);
}

/**
 * poe_store_outbox_list_rejected:
 *
 * Returns: (transfer full) (element-type PoeMutation): mutations the server refused, with
 *   its reason in last_error
 */
GPtrArray *
poe_store_outbox_list_rejected (PoeStore  *self,
                                GError   **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  return list_mutations (self,
                         "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'rejected'"
                         " ORDER BY seq LIMIT ?",
                         G_MAXINT, error);
}

/**
 * poe_store_outbox_complete:
 * @rev: the record's revision on the server after the mutation
 *
 * The server has the mutation (applied, or a duplicate of one it applied): it leaves the
 * outbox. The record's own revision moves only when the pull brings the server's version,
 * which may hold other people's changes too.
 */
gboolean
poe_store_outbox_complete (PoeStore    *self,
                           const char  *mutation_id,
                           gint64       rev,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutation_id != NULL, FALSE);

  /* One statement finds and removes the row (this runs for every result of a push). The
   * record is no longer pending: views showing a "pending sync" badge hear of it when the
   * transaction commits. */
  stmt = _poe_store_prepare (self, "DELETE FROM outbox WHERE mutation_id = ? RETURNING entity, record_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      _poe_store_note_change (self, (const char *) sqlite3_column_text (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return _poe_store_set_error (self, rc, error);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND,
                   _("That change is no longer waiting to be sent"));
      return FALSE;
    }

  return TRUE;
}

/**
 * poe_store_outbox_fail:
 *
 * Sending failed (network, server error): the mutation stays pending, counted and with the
 * reason kept for the user.
 */
gboolean
poe_store_outbox_fail (PoeStore    *self,
                       const char  *mutation_id,
                       const char  *reason,
                       GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutation_id != NULL, FALSE);

  return outbox_update (self,
                        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE mutation_id = ?1",
                        mutation_id, reason ? reason : "", error);
}

/**
 * poe_store_outbox_reject:
 *
 * The server refused the mutation by a rule (role, lock, visibility). It stays, marked
 * rejected with the server's reason, until the user discards it.
 */
gboolean
poe_store_outbox_reject (PoeStore    *self,
                         const char  *mutation_id,
                         const char  *reason,
                         GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutation_id != NULL, FALSE);

  return outbox_update (self,
                        "UPDATE outbox SET state = 'rejected', last_error = ?2 WHERE mutation_id = ?1",
                        mutation_id, reason ? reason : "", error);
}

/**
 * poe_store_outbox_discard:
 *
 * The user gives up a rejected mutation. The server's version of the record comes back
 * with the next full download, which this requests by resetting the sync cursor.
 */
gboolean
poe_store_outbox_discard (PoeStore    *self,
                          const char  *mutation_id,
                          GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutation_id != NULL, FALSE);

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!outbox_update (self, "DELETE FROM outbox WHERE mutation_id = ? AND state = 'rejected'",
                      mutation_id, NULL, error) ||
      !poe_store_set_sync_value (self, "cursor", NULL, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  return _poe_store_tx_commit (self, error);
}

/**
 * poe_store_is_pending:
 *
 * Returns: whether the record has changes the server does not have yet
 */
gboolean
poe_store_is_pending (PoeStore   *self,
                      const char *entity,
                      const char *id)
{
  sqlite3_stmt *stmt;
  gboolean pending;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);

  stmt = _poe_store_prepare (self,
                             "SELECT 1 FROM outbox WHERE entity = ? AND record_id = ? AND state = 'pending'",
                             NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  pending = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return pending;
}


/*
 * Public API: pulled changes
 */

/**
 * poe_store_apply_remote:
 * @change: one change of the feed: `{entity, id, rev, deleted, data{}}`
 *
 * Applies a change from the server's feed. A change older than what the store has is
 * ignored; fields this device changed and the server has not confirmed keep their local
 * value. Call inside poe_store_begin() with the new cursor, so both commit together.
 *
 * Returns: %FALSE with %POE_STORE_ERROR_INVALID for a change that cannot be used (the
 *   caller skips it) or another code for a failure of the store
 */
gboolean
poe_store_apply_remote (PoeStore    *self,
                        JsonObject  *change,
                        GError     **error)
{
  g_autoptr(GHashTable) unconfirmed = NULL;
  g_autoptr(PoeRecord) existing = NULL;
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  const PoeEntityInfo *entity;
  const char *id;
  gboolean inserted = FALSE;
  gint64 rev;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (!read_change_envelope (change, &entity, &id, &rev, error))
    return FALSE;

  /* Inside poe_store_begin() the batch is the unit: no savepoint per change. */
  if (self->tx_depth > 0 && !insert_if_new (self, entity, id, rev, change, &inserted, error))
    return FALSE;
  if (inserted)
    return TRUE;

  existing = _poe_store_get_row (self, entity, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Already have this revision or a newer one: a replay of the feed. */
  if (existing != NULL && poe_record_get_rev (existing) >= rev)
    return TRUE;

  if (existing != NULL)
    {
      record = poe_record_copy (existing);
      if (!(unconfirmed = dup_unconfirmed_fields (self, entity->name, id, error)))
        return FALSE;
    }
  else
    record = _poe_record_new_with_id (entity, id);

  if (!merge_change (record, change, unconfirmed, rev, error))
    return FALSE;

  if (self->tx_depth > 0)
    {
      if (!_poe_store_write_row (self, record, existing != NULL, error))
        return FALSE;

      _poe_store_note_change (self, entity->name, id);
      return TRUE;
    }

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!_poe_store_write_row (self, record, existing != NULL, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  _poe_store_note_change (self, entity->name, id);
  return _poe_store_tx_commit (self, error);
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

  _poe_store_note_change (self, "conflict", id);
  if (record != NULL)
    _poe_store_note_change (self, entity->name, record_id);

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

      conflict->id = dup_column (stmt, 0);
      conflict->entity = dup_column (stmt, 1);
      conflict->record_id = dup_column (stmt, 2);
      conflict->field = dup_column (stmt, 3);
      conflict->local_value = dup_column (stmt, 4);
      conflict->server_value = dup_column (stmt, 5);
      conflict->server_by = dup_column (stmt, 6);
      conflict->server_at = dup_column (stmt, 7);
      conflict->at = dup_column (stmt, 8);
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

  return count_query (self, "SELECT count(*) FROM conflict WHERE resolved_at IS NULL");
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

  _poe_store_note_change (self, "conflict", conflict_id);
  return _poe_store_tx_commit (self, error);

failed:
  _poe_store_tx_rollback (self);
  return FALSE;
}
