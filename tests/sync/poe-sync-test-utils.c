/* poe-sync-test-utils.c
 *
 * The sync tests' clients (a UI store and its engine against a real poe-central), their
 * waits, synthetic records, and the server's state read back. See poe-sync-test-utils.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "poe-sync-test-utils.h"


/*
 * Callbacks
 */

static void
on_store_changed_cb (PoeStore           *store,
                     const char         *entity,
                     const char * const *ids,
                     PoeStoreChange      origin,
                     SyncClient         *client)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_ptr_array_add (client->changed, g_strdup_printf ("%s:%s", entity, ids[i]));
      g_array_append_val (client->origins, origin);
    }
}

static void
on_state_notified_cb (PoeSyncEngine *engine,
                      GParamSpec    *pspec,
                      SyncClient    *client)
{
  g_ptr_array_add (client->states, GUINT_TO_POINTER (poe_sync_engine_get_state (engine)));
}


/*
 * Directories and waiting
 */

char *
sync_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("poe-test-sync-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
sync_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }

  g_rmdir (dir);
}

/* Runs the default main context until @condition holds; FALSE after @timeout_ms. */
gboolean
sync_test_wait (SyncTestCondition condition,
                gpointer          data,
                guint             timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;

      if (condition (data))
        return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;

      g_usleep (2000);
    }
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main context for @ms. */
void
sync_test_spin (guint ms)
{
  sync_test_wait (never, NULL, ms);
}


/*
 * Clients
 */

SyncClient *
sync_client_new (const char *dir,
                 const char *name,
                 const char *server_url,
                 const char *staff_id,
                 const char *username,
                 const char *token)
{
  SyncClient *client = g_new0 (SyncClient, 1);
  g_autoptr(GError) error = NULL;

  client->path = g_strdup_printf ("%s/%s.db", dir, name);
  client->store = poe_store_open (client->path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (client->store, staff_id, username);
  client->staff_id = g_strdup (staff_id);
  client->token = g_strdup (token);
  client->changed = g_ptr_array_new_with_free_func (g_free);
  client->origins = g_array_new (FALSE, FALSE, sizeof (PoeStoreChange));
  client->states = g_ptr_array_new ();
  g_signal_connect (client->store, "changed", G_CALLBACK (on_store_changed_cb), client);

  client->engine = poe_sync_engine_new (client->path, server_url, NULL);
  poe_sync_engine_set_token (client->engine, token);
  poe_sync_engine_set_ui_store (client->engine, client->store);
  poe_sync_engine_set_poll_wait (client->engine, 20);
  poe_sync_engine_set_backoff (client->engine, 20, 200);
  poe_sync_engine_set_timeouts (client->engine, 2, 5);
  g_signal_connect (client->engine, "notify::state", G_CALLBACK (on_state_notified_cb), client);

  return client;
}

void
sync_client_free (SyncClient *client)
{
  if (client == NULL)
    return;

  poe_sync_engine_stop (client->engine);
  g_assert_finalize_object (client->engine);
  g_clear_object (&client->store);
  g_ptr_array_unref (client->changed);
  g_array_unref (client->origins);
  g_ptr_array_unref (client->states);
  g_free (client->path);
  g_free (client->staff_id);
  g_free (client->token);
  g_free (client);
}

/* Everything sent and the engine waiting for news. */
gboolean
sync_client_is_synced (gpointer data)
{
  SyncClient *client = data;

  return poe_sync_engine_get_state (client->engine) == POE_SYNC_STATE_IDLE &&
         poe_sync_engine_get_pending_count (client->engine) == 0 &&
         poe_store_count_pending (client->store) == 0;
}

void
sync_client_wait_synced (SyncClient *client,
                         guint       timeout_ms)
{
  if (!sync_test_wait (sync_client_is_synced, client, timeout_ms))
    g_error ("Not synced after %u ms: state %d, %u pending, last error “%s”", timeout_ms,
             poe_sync_engine_get_state (client->engine), poe_store_count_pending (client->store),
             poe_sync_engine_get_last_error (client->engine));
}

gboolean
sync_client_saw_change (SyncClient *client,
                        const char *entity,
                        const char *id)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", entity, id);

  for (guint i = 0; i < client->changed->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (client->changed, i), key))
        return TRUE;
    }

  return FALSE;
}


/* How often the UI store announced record @id of @entity with @origin (-1: any). */
guint
sync_client_count_changes (SyncClient *client,
                           const char *entity,
                           const char *id,
                           int         origin)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", entity, id);
  guint count = 0;

  for (guint i = 0; i < client->changed->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (client->changed, i), key) &&
          (origin < 0 || g_array_index (client->origins, PoeStoreChange, i) == (PoeStoreChange) origin))
        count++;
    }

  return count;
}


/*
 * Records (all synthetic)
 */

char *
sync_test_save_case (PoeStore   *store,
                     const char *status)
{
  g_autoptr(PoeRecord) record = poe_record_new ("case");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *number = g_strdup_printf ("T-%.8s", id);

  poe_record_set_id (record, id);
  poe_record_set_string (record, "case_number", number);
  poe_record_set_string (record, "poe", "JFK");
  poe_record_set_string (record, "branch", "connect");
  poe_record_set_string (record, "sensitivity", "none");
  poe_record_set_string (record, "status", status);
  poe_store_save (store, record, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

char *
sync_test_add_event (PoeStore   *store,
                     const char *case_id,
                     const char *step)
{
  g_autoptr(PoeRecord) record = poe_record_new ("checklist_event");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = poe_uuid_new ();

  poe_record_set_id (record, id);
  poe_record_set_string (record, "case_id", case_id);
  poe_record_set_string (record, "step", step);
  poe_record_set_string (record, "value", "done");
  poe_record_set_string (record, "at", "2026-11-24T14:05:00Z");
  poe_store_save (store, record, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

void
sync_test_set_field (PoeStore   *store,
                     const char *entity,
                     const char *id,
                     const char *field,
                     const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) record = poe_store_get (store, entity, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  poe_record_set_string (record, field, value);
  poe_store_save (store, record, &error);
  g_assert_no_error (error);
}

char *
sync_test_get_field (PoeStore   *store,
                     const char *entity,
                     const char *id,
                     const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) record = poe_store_get (store, entity, id, &error);

  g_assert_no_error (error);
  if (record == NULL)
    return NULL;

  return g_strdup (poe_record_get_string (record, field));
}


/*
 * The server's side
 */

/* Every record @token may see, by id (the change objects of the feed). */
GHashTable *
sync_test_server_records (PoeTestServer *server,
                          const char    *token)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_object_unref);
  g_autofree char *cursor = g_strdup ("0");
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%s&limit=5000", cursor);
      g_autoptr(PoeTestResponse) response = poe_test_server_request (server, "GET", path, token, NULL);
      JsonObject *answer;
      JsonArray *changes;

      g_assert_cmpuint (response->status, ==, 200);
      answer = poe_test_response_object (response);
      changes = json_object_get_array_member (answer, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          g_hash_table_replace (seen, g_strdup (json_object_get_string_member (change, "id")),
                                json_object_ref (change));
        }

      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (answer, "cursor"));
      more = json_object_get_boolean_member (answer, "more");
    }

  return seen;
}

guint
sync_test_count_entity (GHashTable *records,
                        const char *entity)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    count += g_str_equal (json_object_get_string_member (value, "entity"), entity);

  return count;
}

/* One number from the server's database, read beside the running server. */
gint64
sync_test_server_count (PoeTestServer *server,
                        const char    *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (poe_test_server_get_db (server), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}
