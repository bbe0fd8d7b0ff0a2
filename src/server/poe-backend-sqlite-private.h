/* poe-backend-sqlite-private.h
 *
 * What the files of the SQLite backend share: the connection, the statement cache and the
 * small helpers around it (poe-backend-sqlite.c: records, the feed, the server's tables;
 * poe-backend-sqlite-users.c: accounts and tokens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "poe-backend.h"

G_BEGIN_DECLS

typedef struct
{
  sqlite3    *db;
  GHashTable *statements;  /* SQL text → sqlite3_stmt, prepared once */
  guint       depth;       /* transaction nesting: inner levels are savepoints */
} Sqlite;

/* A statement of the cache, borrowed for one call: reset (which ends its read) on release. */
typedef sqlite3_stmt CachedStmt;

static inline void
_poe_sqlite_release_statement (CachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStmt, _poe_sqlite_release_statement)

#define PRIV(self) ((Sqlite *) (self)->priv)
#define SQL(self) (PRIV (self)->db)

gboolean    _poe_sqlite_set_error          (PoeBackend *self,
                                            GError    **error);
gboolean    _poe_sqlite_exec               (PoeBackend *self,
                                            const char *sql,
                                            GError    **error);
CachedStmt *_poe_sqlite_prepare            (PoeBackend *self,
                                            const char *sql);
void        _poe_sqlite_bind_text          (sqlite3_stmt *stmt,
                                            int           column,
                                            const char   *value);
char       *_poe_sqlite_column_dup         (sqlite3_stmt *stmt,
                                            int           column);
gboolean    _poe_sqlite_ensure_column      (PoeBackend *self,
                                            const char *table,
                                            const char *column,
                                            const char *declaration,
                                            GError    **error);

/* poe-backend-sqlite-users.c: accounts, tokens, failed sign-ins, devices */
gboolean    _poe_sqlite_users_open         (PoeBackend *self,
                                            GError    **error);
PoeUser    *_poe_sqlite_user_lookup        (PoeBackend *self,
                                            const char *username);
gboolean    _poe_sqlite_user_add           (PoeBackend    *self,
                                            const PoeUser *user,
                                            GError       **error);
GPtrArray  *_poe_sqlite_user_list          (PoeBackend *self);
gboolean    _poe_sqlite_user_set_role      (PoeBackend *self,
                                            const char *username,
                                            const char *role,
                                            GError    **error);
gboolean    _poe_sqlite_user_set_hash      (PoeBackend *self,
                                            const char *username,
                                            const char *hash,
                                            GError    **error);
gboolean    _poe_sqlite_user_set_disabled  (PoeBackend *self,
                                            const char *username,
                                            gboolean    disabled,
                                            GError    **error);
gboolean    _poe_sqlite_users_follow_staff (PoeBackend *self,
                                            const char *staff_id,
                                            const char *role,
                                            gboolean    deleted,
                                            GError    **error);
gboolean    _poe_sqlite_token_add          (PoeBackend *self,
                                            const char *token_hash,
                                            const char *username,
                                            gint64      expires_at,
                                            GError    **error);
PoeUser    *_poe_sqlite_token_lookup       (PoeBackend *self,
                                            const char *token_hash,
                                            gint64      now,
                                            gint64     *expires_at);
gboolean    _poe_sqlite_token_revoke       (PoeBackend *self,
                                            const char *token_hash,
                                            GError    **error);
gboolean    _poe_sqlite_failure_add        (PoeBackend *self,
                                            const char *key,
                                            gint64      at,
                                            GError    **error);
guint       _poe_sqlite_failures_since     (PoeBackend *self,
                                            const char *key,
                                            gint64      since,
                                            gint64     *last_at);
gboolean    _poe_sqlite_device_seen        (PoeBackend *self,
                                            const char *username,
                                            const char *device,
                                            gint64      at,
                                            GError    **error);
gboolean    _poe_sqlite_device_known       (PoeBackend *self,
                                            const char *username,
                                            const char *device);
gint64      _poe_sqlite_data_version       (PoeBackend *self);

G_END_DECLS
