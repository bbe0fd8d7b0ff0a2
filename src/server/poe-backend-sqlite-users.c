/* poe-backend-sqlite-users.c
 *
 * The accounts, sign-in tokens, failed sign-ins and known devices of the SQLite backend. A token is only good while its user's
 * account is enabled: token_lookup() reads the account with the token on every request, so
 * `poe-central user disable` and `set-role`, written by another process, hold from the running
 * server's next request on. Disabling an account and resetting its password also revoke its
 * tokens, so enabling it again does not bring an old sign-in back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-backend"

#include "config.h"

#include "poe-backend-sqlite-private.h"

#define USER_COLUMNS "u.username, u.staff_id, u.hash, u.role, u.poe, u.disabled"


/*
 * Auxiliary methods
 */

static PoeUser *
user_from_row (sqlite3_stmt *stmt)
{
  PoeUser *user = g_new0 (PoeUser, 1);

  user->username = _poe_sqlite_column_dup (stmt, 0);
  user->staff_id = _poe_sqlite_column_dup (stmt, 1);
  user->hash = _poe_sqlite_column_dup (stmt, 2);
  user->role = _poe_sqlite_column_dup (stmt, 3);
  user->poe = _poe_sqlite_column_dup (stmt, 4);
  user->disabled = sqlite3_column_int (stmt, 5) != 0;

  return user;
}

/* After an UPDATE of one user: an unknown name is an error the administrator reads. */
static gboolean
check_changed (PoeBackend  *self,
               const char  *username,
               GError     **error)
{
  if (sqlite3_changes (SQL (self)) > 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no user %s", username);
  return FALSE;
}

static gboolean
revoke_user_tokens (PoeBackend  *self,
                    const char  *username,
                    GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "UPDATE tokens SET revoked = 1"
                                                            " WHERE user = ? AND revoked = 0");

  _poe_sqlite_bind_text (stmt, 1, username);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}


/*
 * Operations
 */

/* Databases made before accounts could be disabled get the column. */
gboolean
_poe_sqlite_users_open (PoeBackend  *self,
                        GError     **error)
{
  return _poe_sqlite_ensure_column (self, "users", "disabled", "INTEGER NOT NULL DEFAULT 0", error);
}

PoeUser *
_poe_sqlite_user_lookup (PoeBackend *self,
                         const char *username)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT " USER_COLUMNS
                                                            " FROM users u WHERE u.username = ?");

  _poe_sqlite_bind_text (stmt, 1, username);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return user_from_row (stmt);
}

gboolean
_poe_sqlite_user_add (PoeBackend     *self,
                      const PoeUser  *user,
                      GError        **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT OR REPLACE INTO users"
                                                            " (username, staff_id, hash, role, poe, disabled)"
                                                            " VALUES (?, ?, ?, ?, ?, ?)");

  _poe_sqlite_bind_text (stmt, 1, user->username);
  _poe_sqlite_bind_text (stmt, 2, user->staff_id);
  _poe_sqlite_bind_text (stmt, 3, user->hash);
  _poe_sqlite_bind_text (stmt, 4, user->role);
  _poe_sqlite_bind_text (stmt, 5, user->poe);
  sqlite3_bind_int (stmt, 6, user->disabled);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

GPtrArray *
_poe_sqlite_user_list (PoeBackend *self)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT " USER_COLUMNS
                                                            " FROM users u ORDER BY u.username");
  GPtrArray *users = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_user_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));

  return users;
}

gboolean
_poe_sqlite_user_set_role (PoeBackend  *self,
                           const char  *username,
                           const char  *role,
                           GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "UPDATE users SET role = ? WHERE username = ?");

  _poe_sqlite_bind_text (stmt, 1, role);
  _poe_sqlite_bind_text (stmt, 2, username);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _poe_sqlite_set_error (self, error);

  return check_changed (self, username, error);
}

gboolean
_poe_sqlite_user_set_hash (PoeBackend  *self,
                           const char  *username,
                           const char  *hash,
                           GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "UPDATE users SET hash = ? WHERE username = ?");

  _poe_sqlite_bind_text (stmt, 1, hash);
  _poe_sqlite_bind_text (stmt, 2, username);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _poe_sqlite_set_error (self, error);

  return check_changed (self, username, error) && revoke_user_tokens (self, username, error);
}

gboolean
_poe_sqlite_user_set_disabled (PoeBackend  *self,
                               const char  *username,
                               gboolean     disabled,
                               GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "UPDATE users SET disabled = ? WHERE username = ?");

  sqlite3_bind_int (stmt, 1, disabled ? 1 : 0);
  _poe_sqlite_bind_text (stmt, 2, username);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _poe_sqlite_set_error (self, error);

  return check_changed (self, username, error) &&
         (!disabled || revoke_user_tokens (self, username, error));
}

gboolean
_poe_sqlite_users_follow_staff (PoeBackend  *self,
                                const char  *staff_id,
                                const char  *role,
                                gboolean     deleted,
                                GError     **error)
{
  g_autoptr(CachedStmt) update = NULL;
  g_autoptr(CachedStmt) revoke = NULL;

  update = _poe_sqlite_prepare (self, "UPDATE users SET role = coalesce (?, role),"
                                      " disabled = max (disabled, ?) WHERE staff_id = ?");
  _poe_sqlite_bind_text (update, 1, role);
  sqlite3_bind_int (update, 2, deleted ? 1 : 0);
  _poe_sqlite_bind_text (update, 3, staff_id);
  if (sqlite3_step (update) != SQLITE_DONE)
    return _poe_sqlite_set_error (self, error);

  if (!deleted)
    return TRUE;

  revoke = _poe_sqlite_prepare (self, "UPDATE tokens SET revoked = 1 WHERE revoked = 0"
                                      " AND user IN (SELECT username FROM users WHERE staff_id = ?)");
  _poe_sqlite_bind_text (revoke, 1, staff_id);

  return sqlite3_step (revoke) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

gboolean
_poe_sqlite_token_add (PoeBackend  *self,
                       const char  *token_hash,
                       const char  *username,
                       gint64       expires_at,
                       GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT INTO tokens (hash, user, expires_at)"
                                                            " VALUES (?, ?, ?)");

  _poe_sqlite_bind_text (stmt, 1, token_hash);
  _poe_sqlite_bind_text (stmt, 2, username);
  sqlite3_bind_int64 (stmt, 3, expires_at);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

/* The account is read with the token on every request: a disabled one has no valid token. */
PoeUser *
_poe_sqlite_token_lookup (PoeBackend *self,
                          const char *token_hash,
                          gint64      now,
                          gint64     *expires_at)
{
  g_autoptr(CachedStmt) stmt = NULL;

  stmt = _poe_sqlite_prepare (self, "SELECT " USER_COLUMNS ", t.expires_at"
                                    " FROM tokens t JOIN users u ON u.username = t.user"
                                    " WHERE t.hash = ? AND t.revoked = 0 AND t.expires_at > ?"
                                    " AND u.disabled = 0");
  _poe_sqlite_bind_text (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  if (expires_at != NULL)
    *expires_at = sqlite3_column_int64 (stmt, 6);

  return user_from_row (stmt);
}

gboolean
_poe_sqlite_token_revoke (PoeBackend  *self,
                          const char  *token_hash,
                          GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "UPDATE tokens SET revoked = 1 WHERE hash = ?");

  _poe_sqlite_bind_text (stmt, 1, token_hash);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

gboolean
_poe_sqlite_failure_add (PoeBackend  *self,
                         const char  *key,
                         gint64       at,
                         GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT INTO login_failures (key, at) VALUES (?, ?)");

  _poe_sqlite_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, at);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

guint
_poe_sqlite_failures_since (PoeBackend *self,
                            const char *key,
                            gint64      since,
                            gint64     *last_at)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT count(*), max(at) FROM login_failures"
                                                          " WHERE key = ? AND at >= ?");

  _poe_sqlite_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, since);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  if (last_at != NULL)
    *last_at = sqlite3_column_int64 (stmt, 1);

  return sqlite3_column_int (stmt, 0);
}

gboolean
_poe_sqlite_device_seen (PoeBackend  *self,
                         const char  *username,
                         const char  *device,
                         gint64       at,
                         GError     **error)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "INSERT OR REPLACE INTO devices (user, device, last_at)"
                                                          " VALUES (?, ?, ?)");

  _poe_sqlite_bind_text (stmt, 1, username);
  _poe_sqlite_bind_text (stmt, 2, device);
  sqlite3_bind_int64 (stmt, 3, at);

  return sqlite3_step (stmt) == SQLITE_DONE || _poe_sqlite_set_error (self, error);
}

gboolean
_poe_sqlite_device_known (PoeBackend *self,
                          const char *username,
                          const char *device)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "SELECT 1 FROM devices WHERE user = ? AND device = ?");

  _poe_sqlite_bind_text (stmt, 1, username);
  _poe_sqlite_bind_text (stmt, 2, device);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Changes when another connection (another process: the command line) commits. */
gint64
_poe_sqlite_data_version (PoeBackend *self)
{
  g_autoptr(CachedStmt) stmt = _poe_sqlite_prepare (self, "PRAGMA data_version");

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}
