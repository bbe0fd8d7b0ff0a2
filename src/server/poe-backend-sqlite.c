/* poe-backend-sqlite.c
 *
 * PoeBackend on SQLite: WAL, synchronous=FULL, one table per entity of poe-schema holding the
 * record's JSON, plus the server's own tables (users, tokens, field versions, mutations,
 * change log, login failures, devices that signed in). Every statement binds its values;
 * nothing is pasted into SQL but identifiers taken from the schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-backend"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "poe-backend-sqlite-private.h"

static const char server_tables[] =
  "CREATE TABLE IF NOT EXISTS users (username TEXT PRIMARY KEY, staff_id TEXT NOT NULL,"
  " hash TEXT NOT NULL, role TEXT NOT NULL, poe TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, user TEXT NOT NULL,"
  " expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS login_failures (key TEXT NOT NULL, at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS devices (user TEXT NOT NULL, device TEXT NOT NULL,"
  " last_at INTEGER NOT NULL, PRIMARY KEY (user, device));"
  "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (key, at);"
  "CREATE TABLE IF NOT EXISTS field_version (entity TEXT NOT NULL, id TEXT NOT NULL,"
  " field TEXT NOT NULL, seq INTEGER NOT NULL, client_id TEXT, by TEXT, at TEXT,"
  " PRIMARY KEY (entity, id, field));"
  "CREATE TABLE IF NOT EXISTS mutation (mutation_id TEXT PRIMARY KEY, result TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  " entity TEXT NOT NULL, id TEXT NOT NULL);"
  "CREATE UNIQUE INDEX IF NOT EXISTS change_log_record ON change_log (entity, id);";


/*
 * Auxiliary methods
 */

gboolean
_poe_sqlite_set_error (PoeBackend  *self,
                       GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "database: %s", sqlite3_errmsg (SQL (self)));
  return FALSE;
}

gboolean
_poe_sqlite_exec (PoeBackend  *self,
                  const char  *sql,
                  GError     **error)
{
  if (sqlite3_exec (SQL (self), sql, NULL, NULL, NULL) != SQLITE_OK)
    return _poe_sqlite_set_error (self, error);

  return TRUE;
}

/* Preparing is a good part of a small statement's cost: each SQL text is prepared once
 * per connection and kept. */
CachedStmt *
_poe_sqlite_prepare (PoeBackend *self,
                     const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (PRIV (self)->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (SQL (self), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      g_critical ("Cannot prepare statement: %s", sqlite3_errmsg (SQL (self)));
      return NULL;
    }

  g_hash_table_insert (PRIV (self)->statements, g_strdup (sql), stmt);
  return stmt;
}

void
_poe_sqlite_bind_text (sqlite3_stmt *stmt,
                       int           column,
                       const char   *value)
{
  sqlite3_bind_text (stmt, column, value, -1, SQLITE_TRANSIENT);
}

char *
_poe_sqlite_column_dup (sqlite3_stmt *stmt,
                        int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
table_name (const PoeEntityInfo *entity)
{
  g_autofree char *name = g_strconcat ("rec_", entity->name, NULL);

  return poe_schema_quote_identifier (name);
}

/* The fields record_find() searches. Without an index each search reads the whole table:
 * a push that changes a case's staff or sensitivity searches every child table by case_id,
 * 6 full scans of a table as large as the server's records. */
static const struct
{
  const char *entity;  /* NULL: every entity with the field */
  const char *field;
} found_fields[] = {
  { NULL, "case_id" },
  { "case", "case_number" },
  { "flight", "number" },
  { "staff", "username" },
};

static gboolean
create_find_indexes (PoeBackend           *self,
                     const PoeEntityInfo  *entity,
                     GError              **error)
{
  g_autofree char *table = table_name (entity);

  for (guint i = 0; i < G_N_ELEMENTS (found_fields); i++)
    {
      const char *field = found_fields[i].field;
      g_autofree char *name = NULL;
      g_autofree char *index = NULL;
      g_autofree char *sql = NULL;

      if (g_strcmp0 (found_fields[i].entity, entity->name) != 0 &&
          (found_fields[i].entity != NULL || poe_entity_lookup_field (entity, field) == NULL))
        continue;

      name = g_strconcat ("rec_", entity->name, "_", field, NULL);
      index = poe_schema_quote_identifier (name);
      /* The expression must be record_find()'s, or SQLite does not use the index. */
      sql = g_strdup_printf ("CREATE INDEX IF NOT EXISTS %s ON %s (json_extract (data, '$.%s'))",
                             index, table, field);
      if (!_poe_sqlite_exec (self, sql, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
create_entity_tables (PoeBackend  *self,
                      GError     **error)
{
  const PoeEntityInfo * const *entities;
  guint n_entities;

  entities = poe_schema_get_entities (&n_entities);
  for (guint i = 0; i < n_entities; i++)
    {
      g_autofree char *table = table_name (entities[i]);
      g_autofree char *sql = g_strdup_printf ("CREATE TABLE IF NOT EXISTS %s (id TEXT PRIMARY KEY,"
                                              " rev INTEGER NOT NULL, deleted INTEGER NOT NULL,"
                                              " created_by TEXT, data TEXT NOT NULL)", table);

      if (!_poe_sqlite_exec (self, sql, error) || !create_find_indexes (self, entities[i], error))
        return FALSE;
    }

  return TRUE;
}

static PoeRecord *
record_from_text (const PoeEntityInfo *entity,
                  const char          *text)
{
  g_autoptr(PoeRecord) record = poe_record_new_for_entity (entity);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;

  /* A tombstone names its POE (sqlite_record_bury) whether or not the entity has the field. */
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && poe_entity_lookup_field (entity, "poe") == NULL &&
      json_object_has_member (json_node_get_object (node), "poe"))
    json_object_remove_member (json_node_get_object (node), "poe");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !poe_record_update_from_json (record, json_node_get_object (node), &error))
    {
      g_warning ("Unreadable %s row skipped", entity->name);
      return NULL;
    }

  return g_steal_pointer (&record);
}

/* Creates the file with mode 0600 before SQLite does: the records are personal data, never
 * readable by other users, not even for a moment. SQLite gives -wal and -shm the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "cannot create the database %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fd >= 0)
    close (fd);

  return TRUE;
}

/* A database other users can read (a restored backup, a copy made with a loose umask) is
 * refused with the command that fixes it, rather than served. */
static gboolean
check_private (const char  *path,
               GError     **error)
{
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 0077) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       "the database file %s can be read or written by other users (mode %04o);"
                       " it holds personal data: make it private with `chmod 600 %s` and start again",
                       file, (guint) (st.st_mode & 07777), file);
          return FALSE;
        }
    }

  return TRUE;
}

/* Adds @column to @table of a database made before the column existed. */
gboolean
_poe_sqlite_ensure_column (PoeBackend  *self,
                           const char  *table,
                           const char  *column,
                           const char  *declaration,
                           GError     **error)
{
  g_autofree char *probe = g_strdup_printf ("SELECT %s FROM %s LIMIT 0", column, table);
  g_autofree char *alter = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (SQL (self), probe, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return TRUE;
    }

  alter = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s %s", table, column, declaration);

  return _poe_sqlite_exec (self, alter, error);
}


/*
 * Operations
 */

static gboolean
sqlite_open (PoeBackend  *self,
             const char  *path,
             GError     **error)
{
  /* ":memory:" (the fuzz targets) has no file. */
  if (!g_str_equal (path, ":memory:") && (!create_private_file (path, error) || !check_private (path, error)))
    return FALSE;

  if (sqlite3_open_v2 (path, &SQL (self), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    return _poe_sqlite_set_error (self, error);

  sqlite3_busy_timeout (SQL (self), 5000);

  return _poe_sqlite_exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                           error) &&
         _poe_sqlite_exec (self, server_tables, error) &&
         _poe_sqlite_ensure_column (self, "mutation", "user", "TEXT", error) &&
         _poe_sqlite_users_open (self, error) &&
         create_entity_tables (self, error);
}

static void
sqlite_close (PoeBackend *self)
{
  g_hash_table_remove_all (PRIV (self)->statements);
  g_clear_pointer (&SQL (self), sqlite3_close);
}

static gboolean
sqlite_begin (PoeBackend  *self,
              GError     **error)
{
  if (!_poe_sqlite_exec (self, PRIV (self)->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested", error))
    return FALSE;

  PRIV (self)->depth++;
  return TRUE;
}

static gboolean
sqlite_begin_read (PoeBackend  *self,
                   GError     **error)
{
  if (!_poe_sqlite_exec (self, PRIV (self)->depth == 0 ? "BEGIN DEFERRED" : "SAVEPOINT nested", error))
    return FALSE;

  PRIV (self)->depth++;
  return TRUE;
}

/* On failure the level stays open: the caller rolls it back. */
static gboolean
sqlite_commit (PoeBackend  *self,
               GError     **error)
{
  g_return_val_if_fail (PRIV (self)->depth > 0, FALSE);

  if (!_poe_sqlite_exec (self, PRIV (self)->depth == 1 ? "COMMIT" : "RELEASE nested", error))
    return FALSE;

  PRIV (self)->depth--;
  return TRUE;
}

static void
sqlite_rollback (PoeBackend *self)
{
  if (PRIV (self)->depth == 0)
    return;

  sqlite3_exec (SQL (self), PRIV (self)->depth == 1 ? "ROLLBACK" : "ROLLBACK TO nested; RELEASE nested",
                NULL, NULL, NULL);
  PRIV (self)->depth--;
}

static PoeRecord *
sqlite_record_get (PoeBackend          *self,
                   const PoeEntityInfo *entity,
                   const char          *id,
                   char               **created_by)
{
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT data, created_by FROM %s WHERE id = ?", table);
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, sql);

  _poe_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  if (created_by != NULL)
    *created_by = _poe_sqlite_column_dup (stmt, 1);

  return record_from_text (entity, (const char *) sqlite3_column_text (stmt, 0));
}

static PoeRecord *
sqlite_record_get_text (PoeBackend          *self,
                        const PoeEntityInfo *entity,
                        const char          *id,
                        char               **data)
{
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT data FROM %s WHERE id = ?", table);
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, sql);
  g_autoptr(PoeRecord) record = NULL;
  const char *text;

  _poe_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  text = (const char *) sqlite3_column_text (stmt, 0);
  record = record_from_text (entity, text);
  if (record != NULL)
    *data = g_strdup (text);

  return g_steal_pointer (&record);
}

static gboolean
sqlite_record_put (PoeBackend  *self,
                   PoeRecord   *record,
                   const char  *created_by,
                   GError     **error)
{
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = NULL;
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), poe_record_to_json (record));
  g_autofree char *data = json_to_string (node, FALSE);
  g_autoptr(CachedStmt) stmt = NULL;

  json_object_unref (json_node_get_object (node));
  sql = g_strdup_printf ("INSERT INTO %s (id, rev, deleted, created_by, data) VALUES (?, ?, ?, ?, ?)"
                         " ON CONFLICT (id) DO UPDATE SET rev = excluded.rev,"
                         " deleted = excluded.deleted, data = excluded.data", table);
  stmt = _poe_sqlite_prepare (self, sql);
  _poe_sqlite_bind_text (stmt, 1, poe_record_get_id (record));
  sqlite3_bind_int64 (stmt, 2, poe_record_get_rev (record));
  sqlite3_bind_int (stmt, 3, poe_record_get_deleted (record));
  _poe_sqlite_bind_text (stmt, 4, created_by);
  _poe_sqlite_bind_text (stmt, 5, data);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

static gboolean
sqlite_record_bury (PoeBackend           *self,
                    const PoeEntityInfo  *entity,
                    const char           *id,
                    gint64                rev,
                    const char           *at,
                    const char           *poe,
                    GError              **error)
{
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = NULL;
  g_autoptr(JsonObject) tombstone = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CachedStmt) stmt = NULL;

  json_object_set_string_member (tombstone, "id", id);
  json_object_set_int_member (tombstone, "rev", rev);
  json_object_set_string_member (tombstone, "updated_at", at);
  json_object_set_boolean_member (tombstone, "deleted", TRUE);
  if (poe != NULL)
    json_object_set_string_member (tombstone, "poe", poe);
  node = json_node_init_object (json_node_alloc (), tombstone);
  data = json_to_string (node, FALSE);

  sql = g_strdup_printf ("INSERT INTO %s (id, rev, deleted, created_by, data) VALUES (?, ?, 1, NULL, ?)"
                         " ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, deleted = 1,"
                         " created_by = NULL, data = excluded.data", table);
  stmt = _poe_sqlite_prepare (self, sql);
  _poe_sqlite_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, rev);
  _poe_sqlite_bind_text (stmt, 3, data);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

static GPtrArray *
sqlite_record_find (PoeBackend          *self,
                    const PoeEntityInfo *entity,
                    const char          *field,
                    const char          *value)
{
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = NULL;
  g_autoptr(CachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (poe_entity_lookup_field (entity, field) != NULL, NULL);

  sql = g_strdup_printf ("SELECT data FROM %s WHERE json_extract (data, '$.%s') = ?", table, field);
  stmt = _poe_sqlite_prepare (self, sql);
  _poe_sqlite_bind_text (stmt, 1, value);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PoeRecord *record = record_from_text (entity, (const char *) sqlite3_column_text (stmt, 0));

      if (record != NULL)
        g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

static gboolean
sqlite_field_version_get (PoeBackend      *self,
                          const char      *entity,
                          const char      *id,
                          const char      *field,
                          PoeFieldVersion *version)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT seq, client_id, by, at FROM field_version"
                                                          " WHERE entity = ? AND id = ? AND field = ?");

  _poe_sqlite_bind_text (stmt, 1, entity);
  _poe_sqlite_bind_text (stmt, 2, id);
  _poe_sqlite_bind_text (stmt, 3, field);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  version->seq = sqlite3_column_int64 (stmt, 0);
  version->client_id = _poe_sqlite_column_dup (stmt, 1);
  version->by = _poe_sqlite_column_dup (stmt, 2);
  version->at = _poe_sqlite_column_dup (stmt, 3);

  return TRUE;
}

static gboolean
sqlite_field_version_set (PoeBackend             *self,
                          const char             *entity,
                          const char             *id,
                          const char             *field,
                          const PoeFieldVersion  *version,
                          GError                **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT OR REPLACE INTO field_version"
                                                          " (entity, id, field, seq, client_id, by, at)"
                                                          " VALUES (?, ?, ?, ?, ?, ?, ?)");

  _poe_sqlite_bind_text (stmt, 1, entity);
  _poe_sqlite_bind_text (stmt, 2, id);
  _poe_sqlite_bind_text (stmt, 3, field);
  sqlite3_bind_int64 (stmt, 4, version->seq);
  _poe_sqlite_bind_text (stmt, 5, version->client_id);
  _poe_sqlite_bind_text (stmt, 6, version->by);
  _poe_sqlite_bind_text (stmt, 7, version->at);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

static char *
sqlite_mutation_lookup (PoeBackend  *self,
                        const char  *mutation_id,
                        char       **user)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT result, user FROM mutation"
                                                          " WHERE mutation_id = ?");

  _poe_sqlite_bind_text (stmt, 1, mutation_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  *user = _poe_sqlite_column_dup (stmt, 1);

  return _poe_sqlite_column_dup (stmt, 0);
}

static gboolean
sqlite_mutation_record (PoeBackend  *self,
                        const char  *mutation_id,
                        const char  *user,
                        const char  *result_json,
                        GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT INTO mutation (mutation_id, user, result)"
                                                          " VALUES (?, ?, ?)");

  _poe_sqlite_bind_text (stmt, 1, mutation_id);
  _poe_sqlite_bind_text (stmt, 2, user);
  _poe_sqlite_bind_text (stmt, 3, result_json);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

/* The log keeps one row per record, at its latest sequence: a page of changes then holds
 * each record once, with its current state. */
static gint64
sqlite_change_append (PoeBackend  *self,
                      const char  *entity,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT OR REPLACE INTO change_log (entity, id)"
                                                          " VALUES (?, ?)");

  _poe_sqlite_bind_text (stmt, 1, entity);
  _poe_sqlite_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _poe_sqlite_set_error (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (SQL (self));
}

static GPtrArray *
sqlite_changes_since (PoeBackend *self,
                      gint64      since,
                      guint       limit,
                      gboolean   *more)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT seq, entity, id FROM change_log"
                                                          " WHERE seq > ? ORDER BY seq LIMIT ?");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_change_free);

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
  *more = FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PoeChange *change;

      if (changes->len == limit)
        {
          *more = TRUE;
          break;
        }

      change = g_new0 (PoeChange, 1);
      change->seq = sqlite3_column_int64 (stmt, 0);
      change->entity = _poe_sqlite_column_dup (stmt, 1);
      change->id = _poe_sqlite_column_dup (stmt, 2);
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

static gint64
sqlite_current_seq (PoeBackend *self)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT seq FROM sqlite_sequence"
                                                          " WHERE name = 'change_log'");

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
sqlite_audit_append (PoeBackend  *self,
                     PoeRecord   *audit,
                     GError     **error)
{
  gint64 seq = sqlite_change_append (self, "audit", poe_record_get_id (audit), error);

  if (seq == 0)
    return FALSE;

  poe_record_set_rev (audit, seq);

  return sqlite_record_put (self, audit, poe_record_get_string (audit, "who"), error);
}

static const PoeBackendOps sqlite_ops = {
  .open = sqlite_open,
  .close = sqlite_close,
  .begin = sqlite_begin,
  .begin_read = sqlite_begin_read,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .user_lookup = _poe_sqlite_user_lookup,
  .user_add = _poe_sqlite_user_add,
  .user_list = _poe_sqlite_user_list,
  .user_set_role = _poe_sqlite_user_set_role,
  .user_set_hash = _poe_sqlite_user_set_hash,
  .user_set_disabled = _poe_sqlite_user_set_disabled,
  .users_follow_staff = _poe_sqlite_users_follow_staff,
  .token_add = _poe_sqlite_token_add,
  .token_lookup = _poe_sqlite_token_lookup,
  .token_revoke = _poe_sqlite_token_revoke,
  .data_version = _poe_sqlite_data_version,
  .failure_add = _poe_sqlite_failure_add,
  .failures_since = _poe_sqlite_failures_since,
  .device_seen = _poe_sqlite_device_seen,
  .device_known = _poe_sqlite_device_known,
  .record_get = sqlite_record_get,
  .record_get_text = sqlite_record_get_text,
  .record_put = sqlite_record_put,
  .record_bury = sqlite_record_bury,
  .record_find = sqlite_record_find,
  .field_version_get = sqlite_field_version_get,
  .field_version_set = sqlite_field_version_set,
  .mutation_lookup = sqlite_mutation_lookup,
  .mutation_record = sqlite_mutation_record,
  .change_append = sqlite_change_append,
  .changes_since = sqlite_changes_since,
  .current_seq = sqlite_current_seq,
  .audit_append = sqlite_audit_append,
};


/*
 * Public API
 */

PoeBackend *
poe_backend_sqlite_new (void)
{
  PoeBackend *self = g_new0 (PoeBackend, 1);

  self->ops = &sqlite_ops;
  self->priv = g_new0 (Sqlite, 1);
  PRIV (self)->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) sqlite3_finalize);

  return self;
}

void
poe_backend_free (PoeBackend *self)
{
  if (self == NULL)
    return;

  self->ops->close (self);
  g_hash_table_unref (PRIV (self)->statements);
  g_free (self->priv);
  g_free (self);
}

void
poe_user_free (PoeUser *user)
{
  if (user == NULL)
    return;

  g_free (user->username);
  g_free (user->staff_id);
  g_free (user->hash);
  g_free (user->role);
  g_free (user->poe);
  g_free (user);
}

void
poe_change_free (PoeChange *change)
{
  if (change == NULL)
    return;

  g_free (change->entity);
  g_free (change->id);
  g_free (change);
}

void
poe_field_version_clear (PoeFieldVersion *version)
{
  g_clear_pointer (&version->client_id, g_free);
  g_clear_pointer (&version->by, g_free);
  g_clear_pointer (&version->at, g_free);
}
