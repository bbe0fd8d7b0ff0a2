/* test-store-open.c
 *
 * Opening the local store: a new file is private (0600), in WAL mode, with foreign keys and
 * a busy timeout; every earlier schema version (frozen snapshots in tests/core/data/) migrates
 * to the latest with its data, one transaction a migration. Opening fails safe: a damaged
 * file, one from a newer version, a locked or read-only one and a full disk each give their
 * own error, and the file keeps its bytes and its mtime.
 *
 * Read-only runs as root too: the test drops CAP_DAC_OVERRIDE from its effective set, so the
 * permission bits apply. The full disk is an SQLite VFS that refuses writes, so it needs no
 * mount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/capability.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "poe-core.h"
#include "poe-store-private.h"

#define CASE_ID    "2b6f2c1e-3d4a-4e5f-8a9b-1c2d3e4f5a62"
#define PERSON_ID  "3b6f2c1e-3d4a-4e5f-8a9b-1c2d3e4f5a63"
#define CLIENT_ID  "4b6f2c1e-3d4a-4e5f-8a9b-1c2d3e4f5a64"
#define SHORT_BUSY_MS 100

typedef struct
{
  char *dir;
  char *path;
} Fixture;

typedef struct
{
  GBytes *bytes;
  gint64  mtime_ns;
  guint   mode;
} FileState;

/* Auxiliary methods */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-open-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_chmod (fixture->dir, 0700);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", "-journal", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (fixture->path, *suffix, NULL);

      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_schema (const char *path)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  GString *schema = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                           "ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      g_string_append_printf (schema, "%s%c", sqlite3_column_text (stmt, i), i == 3 ? '\n' : '|');
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (schema, FALSE);
}

/* A store as schema version @version shipped it, made from its frozen SQL snapshot. */
static void
make_store_at_version (const char *path,
                       guint       version)
{
  g_autofree char *name = g_strdup_printf ("store-v%u.sql", version);
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "core", "data", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (file, &sql, NULL, &error));
  g_assert_no_error (error);
  db = raw_open (path);
  raw_exec (db, "PRAGMA journal_mode = WAL");
  raw_exec (db, sql);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, version);
  sqlite3_close (db);
  g_chmod (path, 0600);
}

static void
make_latest_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = poe_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

static FileState
file_state_get (const char *path)
{
  g_autoptr(GError) error = NULL;
  FileState state = { 0 };
  struct stat st;
  char *contents = NULL;
  gsize length = 0;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  state.bytes = g_bytes_new_take (contents, length);
  state.mtime_ns = (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
  state.mode = st.st_mode & 07777;
  return state;
}

/* Checks that @path still has the bytes, mtime and mode of @before, and frees @before. */
static void
assert_unchanged (const char *path,
                  FileState  *before)
{
  FileState after = file_state_get (path);

  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime_ns, ==, after.mtime_ns);
  g_assert_cmpuint (before->mode, ==, after.mode);
  g_bytes_unref (before->bytes);
  g_bytes_unref (after.bytes);
}

static void
assert_open_fails (const char *path,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;

  store = poe_store_open_full (path, POE_STORE_OPEN_NONE, SHORT_BUSY_MS, &error);
  g_assert_null (store);
  g_assert_error (error, POE_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  /* Words a user can act on, with the file's name. */
  g_assert_nonnull (strstr (error->message, "store.db"));
  g_assert_cmpuint (strlen (error->message), >, 60);
}

static void
assert_file_mode (const char *path,
                  guint       mode)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

/* Capabilities: root ignores permission bits unless CAP_DAC_OVERRIDE is dropped. Only the
 * effective set of this thread changes, so the capabilities come back afterwards. */

static gboolean
set_dac_override (gboolean on)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
  const guint32 bits = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER);

  if (syscall (SYS_capget, &header, data) != 0)
    return FALSE;

  if (on)
    data[0].effective |= data[0].permitted & bits;
  else
    data[0].effective &= ~bits;

  return syscall (SYS_capset, &header, data) == 0;
}

static gboolean
file_is_writable (const char *path)
{
  /* access() would answer for the permitted capabilities of root, not the effective ones. */
  int fd = g_open (path, O_WRONLY | O_APPEND, 0);

  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

/* A full disk: a VFS in front of the default one that fails every write, either as SQLite's
 * SQLITE_FULL or as an I/O error whose errno is ENOSPC (as some paths of a real disk do). */

typedef enum
{
  DISK_OK,
  DISK_FULL_SQLITE,
  DISK_FULL_ERRNO,
} DiskState;

static DiskState disk_state;
static sqlite3_vfs *real_vfs;
static sqlite3_vfs full_vfs;
/* The default VFS uses one table of methods for databases and another for journals. */
static struct {
  const sqlite3_io_methods *real;
  sqlite3_io_methods        full;
} methods[4];

static const sqlite3_io_methods *
real_methods_of (sqlite3_file *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (file->pMethods == &methods[i].full)
      return methods[i].real;

  g_assert_not_reached ();
}

static int
full_write (sqlite3_file  *file,
            const void    *buffer,
            int            amount,
            sqlite3_int64  offset)
{
  if (disk_state == DISK_FULL_SQLITE)
    return SQLITE_FULL;
  if (disk_state == DISK_FULL_ERRNO)
    return SQLITE_IOERR_WRITE;

  return real_methods_of (file)->xWrite (file, buffer, amount, offset);
}

static int
full_open (sqlite3_vfs  *vfs,
           const char   *name,
           sqlite3_file *file,
           int           flags,
           int          *out_flags)
{
  int rc = real_vfs->xOpen (real_vfs, name, file, flags, out_flags);

  /* The real file lives in the same memory; only its methods are swapped. */
  if (rc == SQLITE_OK && file->pMethods != NULL)
    {
      guint i;

      for (i = 0; methods[i].real != NULL && methods[i].real != file->pMethods; i++)
        g_assert_cmpuint (i + 1, <, G_N_ELEMENTS (methods));

      if (methods[i].real == NULL)
        {
          methods[i].real = file->pMethods;
          methods[i].full = *file->pMethods;
          methods[i].full.xWrite = full_write;
        }
      file->pMethods = &methods[i].full;
    }

  return rc;
}

static int
full_get_last_error (sqlite3_vfs *vfs,
                     int          size,
                     char        *buffer)
{
  if (disk_state == DISK_FULL_ERRNO)
    return ENOSPC;

  return real_vfs->xGetLastError (real_vfs, size, buffer);
}

static void
full_vfs_install (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  full_vfs = *real_vfs;
  full_vfs.zName = "poe-test-full-disk";
  full_vfs.pNext = NULL;
  full_vfs.xOpen = full_open;
  full_vfs.xGetLastError = full_get_last_error;
  g_assert_cmpint (sqlite3_vfs_register (&full_vfs, 1), ==, SQLITE_OK);
}

static void
full_vfs_remove (void)
{
  disk_state = DISK_OK;
  g_assert_cmpint (sqlite3_vfs_unregister (&full_vfs), ==, SQLITE_OK);
  g_assert_true (sqlite3_vfs_find (NULL) == real_vfs);
}

static void
assert_snapshot_data (PoeStore *store,
                      guint     from_version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) family = poe_store_get (store, "case", CASE_ID, &error);
  g_autoptr(PoeRecord) person = NULL;
  const char * const *languages;

  g_assert_no_error (error);
  g_assert_cmpstr (poe_record_get_string (family, "case_number"), ==, "SYN-0001");
  g_assert_cmpint (poe_record_get_rev (family), ==, 3);
  person = poe_store_get (store, "person", PERSON_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (poe_record_get_string (person, "surname"), ==, "Testperson");
  g_assert_cmpstr (poe_record_get_string (person, "date_of_birth"), ==, "1990-01-01");
  languages = poe_record_get_strv (person, "languages");
  g_assert_nonnull (languages);
  g_assert_cmpstr (languages[1], ==, "en");
  g_assert_cmpint (poe_store_count (store, "flight", &error), ==, 1);

  if (from_version >= 2)
    {
      g_autofree char *cursor = poe_store_dup_sync_value (store, "cursor");

      /* The sync state survives: a new client id would orphan the server's duplicates. */
      g_assert_cmpstr (poe_store_get_client_id (store), ==, CLIENT_ID);
      g_assert_cmpstr (cursor, ==, "4");
      g_assert_cmpuint (poe_store_count_pending (store), ==, 1);
      g_assert_cmpuint (poe_store_count_conflicts (store), ==, 1);
    }
}

/* Tests: a good open */

static void
test_open_pragmas (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = poe_store_open_full (fixture->path, POE_STORE_OPEN_NONE, 1234, &error);
  g_autoptr(PoeStore) again = NULL;
  g_autofree char *client_id = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (poe_store_get_schema_version (store), ==, POE_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (store->db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (raw_int (store->db, "PRAGMA busy_timeout"), ==, 1234);
  g_assert_cmpint (raw_int (store->db, "PRAGMA synchronous"), ==, 2);
  g_assert_true (g_uuid_string_is_valid (poe_store_get_client_id (store)));
  client_id = g_strdup (poe_store_get_client_id (store));
  g_clear_object (&store);

  /* WAL is a property of the file: a plain connection sees it too. */
  {
    sqlite3 *db = raw_open (fixture->path);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  again = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (poe_store_get_client_id (again), ==, client_id);
  g_assert_cmpint (raw_int (again->db, "PRAGMA busy_timeout"), >, 0);
}

static void
test_open_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  mode_t old_umask = umask (0);

  /* Even with a umask that lets everyone read, a new store is the user's alone. */
  store = poe_store_open (fixture->path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  assert_file_mode (fixture->path, 0600);
  assert_file_mode (wal, 0600);
  assert_file_mode (shm, 0600);
  g_clear_object (&store);

  /* A store copied in with loose permissions (a restored backup) is made private. */
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  store = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_file_mode (fixture->path, 0600);
  assert_file_mode (wal, 0600);
  assert_file_mode (shm, 0600);
}

static void
test_open_concurrent_writer (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  sqlite3 *other;

  /* The sync worker writes on its own connection: an up-to-date store opens meanwhile. */
  make_latest_store (fixture->path);
  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE; INSERT INTO sync_state (key, value) VALUES ('x', 'y')");
  store = poe_store_open_full (fixture->path, POE_STORE_OPEN_NONE, SHORT_BUSY_MS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);
}

/* Tests: failing safe */

static void
test_open_newer_version (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = WAL;"
                                          "CREATE TABLE future (id TEXT PRIMARY KEY, value TEXT);"
                                          "INSERT INTO future VALUES ('a', 'kept');"
                                          "PRAGMA user_version = %d;",
                                          POE_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db = raw_open (fixture->path);
  FileState before;

  raw_exec (db, sql);
  sqlite3_close (db);
  g_chmod (fixture->path, 0600);
  before = file_state_get (fixture->path);

  assert_open_fails (fixture->path, POE_STORE_ERROR_NEWER_VERSION);

  assert_unchanged (fixture->path, &before);
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, POE_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM future"), ==, 1);
  sqlite3_close (db);
}

typedef enum
{
  DAMAGE_GARBAGE,       /* random bytes */
  DAMAGE_TEXT,          /* a text file saved over the store */
  DAMAGE_HEADER_ONLY,   /* SQLite's magic string, then garbage */
  DAMAGE_SCHEMA_PAGE,   /* a real store whose first page was overwritten after the header */
  DAMAGE_TRUNCATED,     /* a real store cut short by a failed copy */
} Damage;

static void
write_damaged (const char *path,
               Damage      damage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (damage == DAMAGE_SCHEMA_PAGE || damage == DAMAGE_TRUNCATED)
    {
      make_store_at_version (path, 2);
      make_latest_store (path);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      if (damage == DAMAGE_SCHEMA_PAGE)
        memset (contents + 100, 0xa5, 4096 - 100);
      else
        length = 4096 + 1000;
    }
  else if (damage == DAMAGE_TEXT)
    {
      contents = g_strdup ("Shift notes\nNothing to report.\n");
      length = strlen (contents);
    }
  else
    {
      length = 8192;
      contents = g_malloc (length);
      for (gsize i = 0; i < length; i++)
        contents[i] = (char) g_rand_int_range (rand, 0, 256);
      if (damage == DAMAGE_HEADER_ONLY)
        memcpy (contents, "SQLite format 3", 16);
    }

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  g_chmod (path, 0600);
}

static void
test_open_corrupt (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Damage damages[] = {
    DAMAGE_GARBAGE, DAMAGE_TEXT, DAMAGE_HEADER_ONLY, DAMAGE_SCHEMA_PAGE, DAMAGE_TRUNCATED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      FileState before;

      g_test_message ("damage %u", damages[i]);
      write_damaged (fixture->path, damages[i]);
      before = file_state_get (fixture->path);
      assert_open_fails (fixture->path, POE_STORE_ERROR_CORRUPT);
      assert_unchanged (fixture->path, &before);
      g_unlink (fixture->path);
    }
}

typedef enum
{
  LOCK_EXCLUSIVE_MODE,  /* another program opened the store with locking_mode=EXCLUSIVE */
  LOCK_MIGRATING,       /* another copy holds the write lock while an update is needed */
  LOCK_ROLLBACK_FILE,   /* a rollback-journal file under BEGIN EXCLUSIVE: nobody may read */
} Lock;

static sqlite3 *
lock_store (const char *path,
            Lock        lock)
{
  sqlite3 *other;

  switch (lock)
    {
    case LOCK_EXCLUSIVE_MODE:
      make_latest_store (path);
      other = raw_open (path);
      raw_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                       "INSERT INTO sync_state (key, value) VALUES ('x', 'y')");
      return other;

    case LOCK_MIGRATING:
      make_store_at_version (path, 1);
      other = raw_open (path);
      raw_exec (other, "BEGIN IMMEDIATE; UPDATE \"case\" SET final_destination = 'Elsewhere'");
      return other;

    case LOCK_ROLLBACK_FILE:
      other = raw_open (path);
      raw_exec (other, "CREATE TABLE t (x); PRAGMA user_version = 1");
      g_chmod (path, 0600);
      raw_exec (other, "BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)");
      return other;

    default:
      g_assert_not_reached ();
    }
}

static void
test_open_locked (Fixture       *fixture,
                  gconstpointer  data)
{
  static const Lock locks[] = { LOCK_EXCLUSIVE_MODE, LOCK_MIGRATING, LOCK_ROLLBACK_FILE };

  for (guint i = 0; i < G_N_ELEMENTS (locks); i++)
    {
      g_autoptr(PoeStore) store = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *other = lock_store (fixture->path, locks[i]);
      FileState before = file_state_get (fixture->path);
      gint64 start = g_get_monotonic_time ();

      g_test_message ("lock %u", locks[i]);
      assert_open_fails (fixture->path, POE_STORE_ERROR_LOCKED);
      /* The busy timeout bounds the wait. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
      assert_unchanged (fixture->path, &before);

      /* When the other program lets go, the store opens. */
      raw_exec (other, "ROLLBACK");
      sqlite3_close (other);
      if (locks[i] != LOCK_ROLLBACK_FILE)
        {
          store = poe_store_open (fixture->path, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (poe_store_get_schema_version (store), ==, POE_STORE_SCHEMA_VERSION);
          g_clear_object (&store);
        }
      fixture_teardown (fixture, data);
      fixture_setup (fixture, data);
    }
}

static void
test_open_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "new.db", NULL);
  FileState before;
  gboolean as_root = geteuid () == 0;

  make_store_at_version (fixture->path, 2);
  make_latest_store (fixture->path);
  before = file_state_get (fixture->path);

  if (as_root && !set_dac_override (FALSE))
    {
      g_test_skip ("running as root without the right to drop CAP_DAC_OVERRIDE");
      g_bytes_unref (before.bytes);
      return;
    }

  /* The folder: the store's WAL cannot be created, nor can a new store. */
  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
  assert_open_fails (fixture->path, POE_STORE_ERROR_READ_ONLY);
  store = poe_store_open (missing, &error);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_READ_ONLY);
  g_assert_null (store);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);

  /* The file itself. */
  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  g_assert_false (file_is_writable (fixture->path));
  assert_open_fails (fixture->path, POE_STORE_ERROR_READ_ONLY);

  if (as_root)
    g_assert_true (set_dac_override (TRUE));
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);
  assert_unchanged (fixture->path, &before);
}

static void
test_open_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  static const DiskState states[] = { DISK_FULL_SQLITE, DISK_FULL_ERRNO };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PoeStore) store = NULL;
      FileState before;

      g_test_message ("disk state %u", states[i]);

      /* A new store. */
      full_vfs_install ();
      disk_state = states[i];
      assert_open_fails (fixture->path, POE_STORE_ERROR_DISK_FULL);
      full_vfs_remove ();
      g_unlink (fixture->path);

      /* An update of a store with data. SQLite keeps the errno of a failed statement, not
       * of a failed COMMIT, and a real full disk fails a WAL write as SQLITE_FULL. */
      make_store_at_version (fixture->path, 1);
      before = file_state_get (fixture->path);
      full_vfs_install ();
      disk_state = DISK_FULL_SQLITE;
      assert_open_fails (fixture->path, POE_STORE_ERROR_DISK_FULL);
      full_vfs_remove ();
      assert_unchanged (fixture->path, &before);

      /* Space again: the update runs and nothing was lost. */
      store = poe_store_open (fixture->path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (poe_store_get_schema_version (store), ==, POE_STORE_SCHEMA_VERSION);
      assert_snapshot_data (store, 1);
      g_clear_object (&store);
      fixture_teardown (fixture, data);
      fixture_setup (fixture, data);
    }
}

/* Tests: migrations */

static void
test_migrate_from (Fixture       *fixture,
                   gconstpointer  data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *fresh_schema = NULL;
  g_autofree char *migrated_schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;

  if (version > 0)
    make_store_at_version (fixture->path, version);

  store = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (poe_store_get_schema_version (store), ==, POE_STORE_SCHEMA_VERSION);
  if (version > 0)
    assert_snapshot_data (store, version);
  g_clear_object (&store);

  /* Migrated and new stores have one schema: a shipped migration edited in place, rather
   * than a new migration added, shows here. */
  make_latest_store (fresh_path);
  fresh_schema = raw_schema (fresh_path);
  migrated_schema = raw_schema (fixture->path);
  g_assert_cmpstr (migrated_schema, ==, fresh_schema);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (fresh_path, *suffix, NULL);
      g_unlink (file);
    }
}

static void
test_migrate_matches_schema (Fixture       *fixture,
                             gconstpointer  data)
{
  const PoeEntityInfo * const *entities;
  guint n_entities;
  sqlite3 *db;

  make_latest_store (fixture->path);
  db = raw_open (fixture->path);
  entities = poe_schema_get_entities (&n_entities);
  for (guint i = 0; i < n_entities; i++)
    for (guint f = 0; f < entities[i]->n_fields; f++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') "
                                                "WHERE name = '%s'",
                                                entities[i]->name, entities[i]->fields[f].name);

        g_test_message ("%s.%s", entities[i]->name, entities[i]->fields[f].name);
        g_assert_cmpint (raw_int (db, sql), ==, 1);
      }
  sqlite3_close (db);
}

static void
test_migrate_one_transaction_each (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = NULL;
  sqlite3 *db;

  /* Make the last statement of migration 3 fail: migration 2 must have committed, and
   * nothing of migration 3 must remain. */
  make_store_at_version (fixture->path, 1);
  db = raw_open (fixture->path);
  raw_exec (db, "CREATE INDEX poe_code ON poe (name)");
  sqlite3_close (db);

  store = poe_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_IO);

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema "
                                "WHERE name = 'flight_scheduled_arrival'"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM person"), ==, 1);
  sqlite3_close (db);
}

typedef struct
{
  char   *path;
  GError *error;
  guint   version;
} OpenThread;

static gpointer
open_thread_func (gpointer data)
{
  OpenThread *open = data;
  g_autoptr(PoeStore) store = poe_store_open_full (open->path, POE_STORE_OPEN_NONE, 5000,
                                                   &open->error);

  if (store != NULL)
    open->version = poe_store_get_schema_version (store);
  return NULL;
}

static void
test_migrate_concurrent (Fixture       *fixture,
                         gconstpointer  data)
{
  OpenThread open = { fixture->path, NULL, 0 };
  GThread *thread;
  sqlite3 *other;

  /* Two copies start at once on an old store: the second waits for the first one's update
   * and must then not run it again. */
  make_store_at_version (fixture->path, 1);
  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE");
  thread = g_thread_new ("open", open_thread_func, &open);
  g_usleep (300 * 1000);
  for (guint v = 2; v <= POE_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", v);

      raw_exec (other, _poe_store_migration_sql (v));
      raw_exec (other, set);
    }
  raw_exec (other, "COMMIT");
  g_thread_join (thread);
  sqlite3_close (other);

  g_assert_no_error (open.error);
  g_assert_cmpuint (open.version, ==, POE_STORE_SCHEMA_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/open/pragmas", test_open_pragmas);
  ADD ("/core/store/open/mode-0600", test_open_mode);
  ADD ("/core/store/open/concurrent-writer", test_open_concurrent_writer);
  ADD ("/core/store/open/newer-version", test_open_newer_version);
  ADD ("/core/store/open/corrupt", test_open_corrupt);
  ADD ("/core/store/open/locked", test_open_locked);
  ADD ("/core/store/open/read-only", test_open_read_only);
  ADD ("/core/store/open/disk-full", test_open_disk_full);
  ADD ("/core/store/migrate/matches-schema", test_migrate_matches_schema);
  ADD ("/core/store/migrate/one-transaction-each", test_migrate_one_transaction_each);
  ADD ("/core/store/migrate/concurrent", test_migrate_concurrent);
#undef ADD

  /* Every earlier version, 0 being a new, empty file. */
  for (guint version = 0; version < POE_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = g_strdup_printf ("/core/store/migrate/from-v%u", version);

      g_test_add (path, Fixture, GUINT_TO_POINTER (version), fixture_setup, test_migrate_from,
                  fixture_teardown);
    }

  return g_test_run ();
}
