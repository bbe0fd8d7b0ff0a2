/* poe-store-tx.c
 *
 * The SQLite plumbing every part of the store uses: cached statements, nested transactions
 * and batches, and the changes a transaction notes, announced as "changed" with their
 * origin once it commits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-store-private.h"

#define BATCH_CACHE_SIZE_KIB    16384      /* any connection's, inside poe_store_begin() */


/*
 * Auxiliary methods
 */

/* A batch (a pulled page of 1,000 changes, an import) dirties more pages than the UI's
 * connection caches: they would spill to the WAL inside the transaction, be read back and
 * be written again at the commit. Its cache grows for the batch and shrinks back when the
 * batch ends, so the memory is held only while one runs. Crash safety is unchanged. */
static void
set_batch_cache (PoeStore *self,
                 gboolean  batch)
{
  g_autofree char *sql = NULL;

  if (self->tx_depth > 0 || self->cache_kib >= BATCH_CACHE_SIZE_KIB)
    return;

  sql = g_strdup_printf ("PRAGMA cache_size = -%u", batch ? BATCH_CACHE_SIZE_KIB : self->cache_kib);
  if (!_poe_store_exec (self, sql, NULL))
    g_debug ("The page cache keeps its size: %s", sqlite3_errmsg (self->db));
}


/*
 * Private API
 */

/* Returns a reset statement from the cache; callers reset it again when done. */
sqlite3_stmt *
_poe_store_prepare (PoeStore    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_poe_store_exec (PoeStore    *self,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _poe_store_set_error (self, rc, error);

  return TRUE;
}

/* Steps a statement that returns no rows and resets it. */
gboolean
_poe_store_step_done (PoeStore      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _poe_store_set_error (self, rc, error);

  return TRUE;
}

/* Writes nest: the outermost level is a real transaction, inner ones are savepoints, so a
 * failed write inside poe_store_begin() undoes only itself. */
gboolean
_poe_store_tx_begin (PoeStore  *self,
                     GError   **error)
{
  if (!_poe_store_exec (self, self->tx_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT w", error))
    return FALSE;

  self->tx_depth++;
  return TRUE;
}

gboolean
_poe_store_tx_commit (PoeStore  *self,
                      GError   **error)
{
  GHashTable *changed[POE_STORE_N_CHANGES];

  g_assert (self->tx_depth > 0);

  if (!_poe_store_exec (self, self->tx_depth == 1 ? "COMMIT" : "RELEASE w", error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  if (--self->tx_depth > 0)
    return TRUE;

  /* Announce after the commit, so handlers read what was written: by origin, then by
   * entity. The notes are taken first: a handler that writes again notes into fresh tables
   * and announces only its own. */
  for (guint origin = 0; origin < POE_STORE_N_CHANGES; origin++)
    {
      changed[origin] = NULL;
      if (g_hash_table_size (self->changed[origin]) == 0)
        continue;

      changed[origin] = g_steal_pointer (&self->changed[origin]);
      self->changed[origin] = _poe_store_changed_new ();
    }

  for (guint origin = 0; origin < POE_STORE_N_CHANGES; origin++)
    {
      GHashTableIter iter;
      gpointer key, value;

      if (changed[origin] == NULL)
        continue;

      g_hash_table_iter_init (&iter, changed[origin]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *ids = value;

          g_ptr_array_add (ids, NULL);
          _poe_store_announce (self, key, (const char * const *) ids->pdata, origin);
        }
      g_hash_table_unref (changed[origin]);
    }

  return TRUE;
}

void
_poe_store_tx_rollback (PoeStore *self)
{
  if (self->tx_depth == 0)
    return;

  if (self->tx_depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      for (guint i = 0; i < POE_STORE_N_CHANGES; i++)
        g_hash_table_remove_all (self->changed[i]);
    }
  else
    sqlite3_exec (self->db, "ROLLBACK TO w; RELEASE w", NULL, NULL, NULL);

  self->tx_depth--;
}

/* Notes that record @id of @entity changed in this transaction, for the announcement at
 * its commit; @origin says where the change came from. */
void
_poe_store_note_change (PoeStore       *self,
                        PoeStoreChange  origin,
                        const char     *entity,
                        const char     *id)
{
  GPtrArray *ids = g_hash_table_lookup (self->changed[origin], entity);

  if (ids == NULL)
    {
      ids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->changed[origin], g_strdup (entity), ids);
    }

  g_ptr_array_add (ids, g_strdup (id));
}

/* The number the one-row, one-column @sql answers; 0 when it cannot be read. */
guint
_poe_store_count_rows (PoeStore   *self,
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

char *
_poe_store_dup_text (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* An empty table of noted changes: entity name → GPtrArray of ids. */
GHashTable *
_poe_store_changed_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

const PoeEntityInfo *
_poe_store_entity_or_error (const char  *name,
                            GError     **error)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity (name);

  if (entity == NULL)
    g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                 _("There is no kind of record called “%s”"), name ? name : "");

  return entity;
}


/*
 * Public API
 */

/**
 * poe_store_begin:
 *
 * Starts a transaction for a batch of poe_store_import() or poe_store_apply_remote()
 * calls (and user writes, which nest as savepoints). "changed" is emitted at the commit.
 */
gboolean
poe_store_begin (PoeStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);

  set_batch_cache (self, TRUE);
  if (_poe_store_tx_begin (self, error))
    return TRUE;

  set_batch_cache (self, FALSE);
  return FALSE;
}

gboolean
poe_store_commit (PoeStore  *self,
                  GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  ok = _poe_store_tx_commit (self, error);
  set_batch_cache (self, FALSE);
  return ok;
}

void
poe_store_rollback (PoeStore *self)
{
  g_return_if_fail (POE_IS_STORE (self));

  _poe_store_tx_rollback (self);
  set_batch_cache (self, FALSE);
}
