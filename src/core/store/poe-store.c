/* poe-store.c
 *
 * The local store itself: opening and migrating its file, how each connection is set up
 * (the UI's, the sync worker's), its "changed" signal, and who writes (actor, client id,
 * sync_state values). The SQLite plumbing and transactions are in poe-store-tx.c, reads in
 * poe-store-query.c, user writes in poe-store-write.c; the sync side is the outbox
 * (poe-store-outbox.c), pulled changes (poe-store-apply.c) and conflicts
 * (poe-store-conflicts.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "poe-store-private.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000
#define WAL_AUTOCHECKPOINT      10000      /* pages (40 MB of 4 KiB pages) */
#define WAL_SIZE_LIMIT          16777216   /* bytes the WAL keeps after a checkpoint */
#define SYNC_CACHE_SIZE_KIB     16384      /* the sync worker's page cache */
#define UI_CACHE_SIZE_KIB       2000       /* SQLite's default, for the UI's connection */

G_DEFINE_QUARK (poe-store-error-quark, poe_store_error)
G_DEFINE_FINAL_TYPE (PoeStore, poe_store, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (PoeStoreChange, poe_store_change,
  G_DEFINE_ENUM_VALUE (POE_STORE_CHANGE_LOCAL, "local"),
  G_DEFINE_ENUM_VALUE (POE_STORE_CHANGE_PULLED, "pulled"),
  G_DEFINE_ENUM_VALUE (POE_STORE_CHANGE_OUTBOX, "outbox"))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Auxiliary methods
 */

static gboolean
set_error_for_code (GError     **error,
                    const char  *path,
                    int          rc,
                    const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path ? path : "");

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_CORRUPT,
                   _("The local database “%s” is damaged or is not a POE Desk database. "
                     "Nothing was changed. Move the file aside (it may still hold unsynced work "
                     "that support can recover) and sign in again to download a fresh copy."),
                   display);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_LOCKED,
                   _("The local database “%s” is in use by another program. "
                     "Close other copies of POE Desk and try again."),
                   display);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_READ_ONLY,
                   _("POE Desk may not write its local database “%s”. "
                     "Check that the file and its folder are writable by you, then try again."),
                   display);
      break;

    case SQLITE_FULL:
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_DISK_FULL,
                   _("The disk holding the local database “%s” is full. "
                     "Free some space, then try again; nothing was lost."),
                   display);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO,
                   _("The local database “%s” cannot be opened. "
                     "Check that its folder exists and is writable by you."),
                   display);
      break;

    default:
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO,
                   _("The local database “%s” could not be read or written (%s). "
                     "Try again; if it keeps failing, contact support."),
                   display, detail ? detail : sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

static int
code_for_errno (int saved_errno,
                int fallback)
{
  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      return SQLITE_FULL;

    case EACCES:
    case EPERM:
    case EROFS:
      return SQLITE_READONLY;

    default:
      return fallback;
    }
}

/* Creates the file with mode 0600 before SQLite does, so personal data is never readable
 * by other users, not even for a moment. SQLite gives -wal and -shm the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      return set_error_for_code (error, path, code_for_errno (saved_errno, SQLITE_CANTOPEN),
                                 g_strerror (saved_errno));
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        return TRUE;

      return set_error_for_code (error, path, code_for_errno (saved_errno, SQLITE_CANTOPEN),
                                 g_strerror (saved_errno));
    }

  close (fd);
  return TRUE;
}

static gboolean
query_int (PoeStore    *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _poe_store_set_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
    }

  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Runs migration @version in its own transaction, unless another connection (a second copy
 * started at the same time) ran it while this one waited for the write lock. */
static gboolean
migrate_step (PoeStore  *self,
              guint      version,
              GError   **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
  gint64 current = 0;

  if (!_poe_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!query_int (self, "PRAGMA user_version", &current, error))
    goto failed;

  if (current >= version)
    return _poe_store_exec (self, "COMMIT", error);

  if (!_poe_store_exec (self, _poe_store_migration_sql (version), error) ||
      !_poe_store_exec (self, set_version, error) ||
      !_poe_store_exec (self, "COMMIT", error))
    goto failed;

  g_debug ("Migrated the local store to version %u", version);
  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
migrate (PoeStore  *self,
         gint64     from,
         GError   **error)
{
  for (guint version = from + 1; version <= POE_STORE_SCHEMA_VERSION; version++)
    {
      if (!migrate_step (self, version, error))
        return FALSE;
    }

  return TRUE;
}

/* A store copied in with loose permissions (a restored backup) is made private, with its
 * WAL files, once it opened: personal data is never readable by other users. */
static void
make_private (const char *path)
{
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && (st.st_mode & 0077) != 0 && g_chmod (file, 0600) != 0)
        g_debug ("Could not make a file of the local store private: %s", g_strerror (errno));
    }
}

static gboolean
load_client_id (PoeStore  *self,
                GError   **error)
{
  self->client_id = poe_store_dup_sync_value (self, "client_id");
  if (self->client_id != NULL)
    return TRUE;

  self->client_id = poe_uuid_new ();
  return poe_store_set_sync_value (self, "client_id", self->client_id, error);
}

static gboolean
open_database (PoeStore           *self,
               PoeStoreOpenFlags   flags,
               guint               busy_timeout_ms,
               GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0;
  int rc;

  if (!(flags & POE_STORE_OPEN_NO_CREATE) && !create_private_file (self->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      /* sqlite3_open_v2 allocates a handle even on failure. */
      g_clear_pointer (&self->db, sqlite3_close);
      return set_error_for_code (error, self->path, rc, NULL);
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, busy_timeout_ms);

  /* The first read finds a file that is not a database at all. */
  if (!query_int (self, "PRAGMA user_version", &version, error))
    return FALSE;

  if (version > POE_STORE_SCHEMA_VERSION)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NEWER_VERSION,
                   _("The local database “%s” was written by a newer version of POE Desk "
                     "(format %d; this version knows up to %d). Nothing was changed: "
                     "update POE Desk to use it."),
                   display, (int) version, POE_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    return set_error_for_code (error, self->path, SQLITE_READONLY, NULL);

  /* Crash safety: WAL keeps every committed transaction through a crash of the app;
   * synchronous=FULL keeps it through a power cut too, at the price of one fsync a write.
   * The WAL is checkpointed every WAL_AUTOCHECKPOINT pages instead of SQLite's 1,000 (4 MB),
   * by every connection alike: with a lower figure here than on the sync worker's, a user
   * write after a pulled page would copy the whole WAL back into the database inside its own
   * commit. The worker checkpoints when it is idle (_poe_store_checkpoint()). */
  if (!_poe_store_exec (self,
                        "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = -" G_STRINGIFY (UI_CACHE_SIZE_KIB) ";"
                        "PRAGMA wal_autocheckpoint = " G_STRINGIFY (WAL_AUTOCHECKPOINT) ";"
                        "PRAGMA journal_size_limit = " G_STRINGIFY (WAL_SIZE_LIMIT) ";",
                        error))
    return FALSE;

  if (!migrate (self, version, error))
    return FALSE;

  if (!load_client_id (self, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  make_private (self->path);

  return TRUE;
}



/*
 * GObject overrides
 */

static void
poe_store_finalize (GObject *object)
{
  PoeStore *self = POE_STORE (object);

  /* Statements go before the handle they belong to. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (self->tx_depth > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (self->db);
      self->db = NULL;
    }

  for (guint i = 0; i < POE_STORE_N_CHANGES; i++)
    g_clear_pointer (&self->changed[i], g_hash_table_unref);
  g_free (self->path);
  g_free (self->actor_id);
  g_free (self->actor_username);
  g_free (self->client_id);

  G_OBJECT_CLASS (poe_store_parent_class)->finalize (object);
}

static void
poe_store_class_init (PoeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_store_finalize;

  /**
   * PoeStore::changed:
   * @entity: the entity name
   * @ids: the ids of the records that changed, were added or deleted
   * @origin: a #PoeStoreChange: a local write, a pulled change or outbox progress
   *
   * Emitted after a transaction that changed records commits, once per entity and origin.
   * A record whose content did not move (a pulled echo of this device's own write) is not
   * announced.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE,
                  POE_TYPE_STORE_CHANGE);
}

static void
poe_store_init (PoeStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  for (guint i = 0; i < POE_STORE_N_CHANGES; i++)
    self->changed[i] = _poe_store_changed_new ();
  self->cache_kib = UI_CACHE_SIZE_KIB;
}


/*
 * Private API
 */

void
_poe_store_announce (PoeStore           *self,
                     const char         *entity,
                     const char * const *ids,
                     PoeStoreChange      origin)
{
  g_signal_emit (self, signals[CHANGED], 0, entity, ids, origin);
}

gboolean
_poe_store_set_error (PoeStore  *self,
                      int        rc,
                      GError   **error)
{
  /* SQLite reports some failures of a full disk or of permissions (growing the WAL index,
   * creating a journal) as plain I/O errors; the errno behind them says what happened. */
  if (self->db != NULL && ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN))
    rc = code_for_errno (sqlite3_system_errno (self->db), rc);

  return set_error_for_code (error, self->path, rc,
                             self->db ? sqlite3_errmsg (self->db) : NULL);
}


/* For the sync worker's own connection, which writes only what the server already has:
 * pulled pages (each with the cursor it leads to) and the results of a push.
 *
 * synchronous=NORMAL: a commit of this connection does not wait for an fsync; the WAL is
 * synced before each checkpoint and the database after it. A power cut may lose the last
 * transactions of this connection, never a user's: WAL recovery keeps a prefix of the
 * commits, and every user write (synchronous=FULL on its own connection) syncs the WAL up to
 * and including itself, so also every page applied before it. What a power cut can take is
 * a tail of pulled pages together with their cursor, which the next pull fetches again, or
 * a push's results, whose mutations then go out again and come back as "duplicate" with
 * the first answer (conflicts included).
 *
 * A larger page cache keeps the pages a 1,000-change page dirties from spilling to the WAL
 * mid-transaction. */
gboolean
_poe_store_use_for_sync (PoeStore  *self,
                         GError   **error)
{
  if (!_poe_store_exec (self,
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA cache_size = -" G_STRINGIFY (SYNC_CACHE_SIZE_KIB) ";",
                        error))
    return FALSE;

  self->cache_kib = SYNC_CACHE_SIZE_KIB;
  return TRUE;
}

/* Copies what it can of the WAL into the database without waiting for readers or writers
 * (PASSIVE), outside any transaction; for when the sync worker has nothing else to do. */
void
_poe_store_checkpoint (PoeStore *self)
{
  int log_frames = 0, copied = 0;
  int rc;

  if (self->tx_depth > 0)
    return;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint left for later: %s", sqlite3_errstr (rc));
  else
    g_debug ("Checkpointed %d of %d WAL frames", copied, log_frames);
}


/*
 * Public API
 */

/**
 * poe_store_open:
 * @path: the database file; created with mode 0600 when missing
 * @error: return location for a #GError in %POE_STORE_ERROR
 *
 * Opens the local store, creating or migrating its schema. A damaged file, one written by
 * a newer version, a locked or read-only file and a full disk each give their own error
 * code, and the file is left as it was.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PoeStore *
poe_store_open (const char  *path,
                GError     **error)
{
  return poe_store_open_full (path, POE_STORE_OPEN_NONE, DEFAULT_BUSY_TIMEOUT_MS, error);
}

/**
 * poe_store_open_full:
 * @busy_timeout_ms: how long to wait for another connection's lock
 *
 * Like poe_store_open() with options.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PoeStore *
poe_store_open_full (const char         *path,
                     PoeStoreOpenFlags   flags,
                     guint               busy_timeout_ms,
                     GError            **error)
{
  g_autoptr(PoeStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (POE_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, flags, busy_timeout_ms, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
poe_store_get_path (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  return self->path;
}

guint
poe_store_get_schema_version (PoeStore *self)
{
  gint64 version = 0;

  g_return_val_if_fail (POE_IS_STORE (self), 0);

  if (!query_int (self, "PRAGMA user_version", &version, NULL))
    return 0;

  return (guint) version;
}

/**
 * poe_store_default_path:
 *
 * Returns: (transfer full): where the app keeps its store: `$XDG_DATA_HOME/poe-desk/poe-desk.db`
 */
char *
poe_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "poe-desk.db", NULL);
}

void
poe_store_set_actor (PoeStore   *self,
                     const char *staff_id,
                     const char *username)
{
  g_return_if_fail (POE_IS_STORE (self));

  g_free (self->actor_id);
  g_free (self->actor_username);
  self->actor_id = g_strdup (staff_id);
  self->actor_username = g_strdup (username);
}

const char *
poe_store_get_actor_id (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  return self->actor_id;
}


/**
 * poe_store_dup_sync_value:
 *
 * Returns: (transfer full) (nullable): the sync_state value of @key
 */
char *
poe_store_dup_sync_value (PoeStore   *self,
                          const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = _poe_store_prepare (self, "SELECT value FROM sync_state WHERE key = ?", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
poe_store_set_sync_value (PoeStore    *self,
                          const char  *key,
                          const char  *value,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _poe_store_prepare (self,
                             "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return _poe_store_step_done (self, stmt, error);
}

const char *
poe_store_get_client_id (PoeStore *self)
{
  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  return self->client_id;
}

/**
 * poe_store_emit_changed:
 * @origin: where the change came from
 *
 * Announces records changed through another connection to the same file (the sync
 * worker's), so views of this store update.
 */
void
poe_store_emit_changed (PoeStore           *self,
                        const char         *entity,
                        const char * const *ids,
                        PoeStoreChange      origin)
{
  g_return_if_fail (POE_IS_STORE (self));
  g_return_if_fail (entity != NULL);
  g_return_if_fail (origin < POE_STORE_N_CHANGES);

  _poe_store_announce (self, entity, ids, origin);
}
