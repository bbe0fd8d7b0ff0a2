/* poe-store-apply.c
 *
 * Pulled changes: poe_store_apply_remote() puts one change of the server's feed into the
 * store. A change that brings nothing new (a replay, or the echo of this device's own write
 * whose push the server already confirmed) updates the revision silently: views hear only
 * of records whose content moved.
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
    _poe_store_note_change (self, POE_STORE_CHANGE_PULLED, entity->name, id);

  return TRUE;
}

/* Whether @a and @b show the same: every field, who changed them last and when, deleted or
 * not. Only the revision may differ. */
static gboolean
same_content (PoeRecord *a,
              PoeRecord *b)
{
  const PoeEntityInfo *entity = poe_record_get_entity (a);

  if (poe_record_get_deleted (a) != poe_record_get_deleted (b) ||
      g_strcmp0 (poe_record_get_updated_at (a), poe_record_get_updated_at (b)) != 0 ||
      g_strcmp0 (poe_record_get_updated_by (a), poe_record_get_updated_by (b)) != 0)
    return FALSE;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (!poe_record_field_equal (a, b, i))
        return FALSE;
    }

  return TRUE;
}

/* Writes the merged @record in the caller's transaction; announced only when @announce. */
static gboolean
write_merged (PoeStore   *self,
              PoeRecord  *record,
              gboolean    exists,
              gboolean    announce,
              GError    **error)
{
  if (!_poe_store_write_row (self, record, exists, error))
    return FALSE;

  if (announce)
    _poe_store_note_change (self, POE_STORE_CHANGE_PULLED, poe_record_get_entity_name (record),
                            poe_record_get_id (record));
  return TRUE;
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
 * The record is announced as %POE_STORE_CHANGE_PULLED unless its content stays as it was
 * (only its revision moves): the echo of this device's own write, whose confirmation was
 * announced already as %POE_STORE_CHANGE_OUTBOX.
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
  gboolean announce;
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

  /* The echo of this device's own write, once its push was confirmed, brings only a new
   * revision: stored, and not announced, since no view shows anything new. A field the
   * server set or changed in between makes it a change like any other. */
  announce = existing == NULL || !same_content (record, existing);

  if (self->tx_depth > 0)
    return write_merged (self, record, existing != NULL, announce, error);

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!write_merged (self, record, existing != NULL, announce, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  return _poe_store_tx_commit (self, error);
}
