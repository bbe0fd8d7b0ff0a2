/* poe-store-outbox.c
 *
 * The outbox: the mutations this device made and the server has not confirmed, in the order
 * they were made. The push reads them here and settles each one with the server's answer;
 * views ask which records are still pending ("pending sync" badges).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-store-private.h"

#define OUTBOX_COLUMNS \
  "seq, mutation_id, entity, record_id, op, base_rev, fields, created_at, attempts, last_error, state"

G_DEFINE_BOXED_TYPE (PoeMutation, poe_mutation, poe_mutation_copy, poe_mutation_free)


/*
 * Auxiliary methods
 */

static PoeMutation *
mutation_from_row (sqlite3_stmt *stmt)
{
  PoeMutation *mutation = g_new0 (PoeMutation, 1);

  mutation->seq = sqlite3_column_int64 (stmt, 0);
  mutation->mutation_id = _poe_store_dup_text (stmt, 1);
  mutation->entity = _poe_store_dup_text (stmt, 2);
  mutation->record_id = _poe_store_dup_text (stmt, 3);
  mutation->op = _poe_store_dup_text (stmt, 4);
  mutation->base_rev = sqlite3_column_int64 (stmt, 5);
  mutation->fields = _poe_store_dup_text (stmt, 6);
  mutation->created_at = _poe_store_dup_text (stmt, 7);
  mutation->attempts = sqlite3_column_int64 (stmt, 8);
  mutation->last_error = _poe_store_dup_text (stmt, 9);
  mutation->state = _poe_store_dup_text (stmt, 10);

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

/* Runs @sql, which settles mutation @mutation_id (?1) with @text (?2, when not NULL). The
 * records of the rows it returns (entity, record_id) are noted as outbox progress: their
 * "pending sync" badge changes. */
static gboolean
run_settle (PoeStore    *self,
                 const char  *sql,
                 const char  *mutation_id,
                 const char  *text,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return FALSE;

  /* Static: the bindings are cleared before the strings can go. */
  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_STATIC);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _poe_store_note_change (self, POE_STORE_CHANGE_OUTBOX, (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
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

/* run_settle() in the caller's transaction (the sync worker applies a push's results in
 * one), or in one of its own, so what it notes is announced. */
static gboolean
settle_mutation (PoeStore    *self,
                 const char  *sql,
                 const char  *mutation_id,
                 const char  *text,
                 GError     **error)
{
  if (self->tx_depth > 0)
    return run_settle (self, sql, mutation_id, text, error);

  if (!_poe_store_tx_begin (self, error))
    return FALSE;

  if (!run_settle (self, sql, mutation_id, text, error))
    {
      _poe_store_tx_rollback (self);
      return FALSE;
    }

  return _poe_store_tx_commit (self, error);
}


/*
 * Public API: outbox
 */

guint
poe_store_count_pending (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), 0);

  return _poe_store_count_rows (self, "SELECT count(*) FROM outbox WHERE state = 'pending'");
}

guint
poe_store_count_rejected (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), 0);

  return _poe_store_count_rows (self, "SELECT count(*) FROM outbox WHERE state = 'rejected'");
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
  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutation_id != NULL, FALSE);

  /* One statement finds and removes the row (this runs for every result of a push). */
  return settle_mutation (self, "DELETE FROM outbox WHERE mutation_id = ? RETURNING entity, record_id",
                          mutation_id, NULL, error);
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

  /* Nothing a view shows changes: the record stays pending. */
  return settle_mutation (self,
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

  return settle_mutation (self,
                          "UPDATE outbox SET state = 'rejected', last_error = ?2 WHERE mutation_id = ?1"
                          " RETURNING entity, record_id",
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

  if (!settle_mutation (self,
                        "DELETE FROM outbox WHERE mutation_id = ? AND state = 'rejected'"
                        " RETURNING entity, record_id",
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

/**
 * poe_store_dup_pending_for_case:
 * @case_id: a case id
 *
 * The pending flags of a whole case at once, from one query that joins the outbox with the
 * case's records, instead of one poe_store_is_pending() a record.
 *
 * Returns: (transfer full) (element-type utf8 utf8): a set of the ids of the case, its
 *   members, its segments and its checklist events that have changes the server does not
 *   have yet; %NULL with @error set when the store cannot be read
 */
GHashTable *
poe_store_dup_pending_for_case (PoeStore    *self,
                                const char  *case_id,
                                GError     **error)
{
  g_autoptr(GHashTable) pending = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  /* From the case's few records to the outbox through its (entity, record_id) index: CROSS
   * JOIN keeps that order, which the planner would otherwise turn around without statistics,
   * reading every pending mutation of the entity (thousands after a day offline). */
  stmt = _poe_store_prepare (self,
                             "SELECT o.record_id FROM ("
                             " SELECT 'case' AS entity, id FROM \"case\" WHERE id = ?1"
                             " UNION ALL SELECT 'person', id FROM person WHERE case_id = ?1"
                             " UNION ALL SELECT 'segment', id FROM segment WHERE case_id = ?1"
                             " UNION ALL SELECT 'checklist_event', id FROM checklist_event WHERE case_id = ?1"
                             ") AS r CROSS JOIN outbox AS o ON o.entity = r.entity AND o.record_id = r.id"
                             " WHERE o.state = 'pending'",
                             error);
  if (stmt == NULL)
    return NULL;

  pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (pending, _poe_store_dup_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&pending);
}

PoeMutation *
poe_mutation_copy (const PoeMutation *mutation)
{
  PoeMutation *copy = g_new0 (PoeMutation, 1);

  copy->seq = mutation->seq;
  copy->mutation_id = g_strdup (mutation->mutation_id);
  copy->entity = g_strdup (mutation->entity);
  copy->record_id = g_strdup (mutation->record_id);
  copy->op = g_strdup (mutation->op);
  copy->base_rev = mutation->base_rev;
  copy->fields = g_strdup (mutation->fields);
  copy->created_at = g_strdup (mutation->created_at);
  copy->attempts = mutation->attempts;
  copy->last_error = g_strdup (mutation->last_error);
  copy->state = g_strdup (mutation->state);

  return copy;
}

void
poe_mutation_free (PoeMutation *mutation)
{
  if (mutation == NULL)
    return;

  g_free (mutation->mutation_id);
  g_free (mutation->entity);
  g_free (mutation->record_id);
  g_free (mutation->op);
  g_free (mutation->fields);
  g_free (mutation->created_at);
  g_free (mutation->last_error);
  g_free (mutation->state);
  g_free (mutation);
}
