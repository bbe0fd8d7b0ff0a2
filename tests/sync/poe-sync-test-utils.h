/* poe-sync-test-utils.h
 *
 * Shared by the sync tests: a client (local store + sync engine) against a real poe-central,
 * waiting on the main context, synthetic records, and reading the server's state back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-core.h"
#include "poe-test-server.h"

G_BEGIN_DECLS

#define SYNC_TEST_PASSWORD "synthetic-pass-1"

typedef struct
{
  char          *path;
  PoeStore      *store;     /* the "UI" store */
  PoeSyncEngine *engine;
  char          *staff_id;
  char          *token;
  GPtrArray     *changed;   /* "entity:id" announced on the UI store */
  GArray        *origins;   /* the PoeStoreChange of each of them */
  GPtrArray     *states;    /* PoeSyncState values in the order they were notified */
} SyncClient;

typedef gboolean (*SyncTestCondition) (gpointer data);

char       *sync_test_make_dir        (void);
void        sync_test_remove_dir      (const char        *dir);

SyncClient *sync_client_new           (const char        *dir,
                                       const char        *name,
                                       const char        *server_url,
                                       const char        *staff_id,
                                       const char        *username,
                                       const char        *token);
void        sync_client_free          (SyncClient        *client);
gboolean    sync_client_is_synced     (gpointer           client);
void        sync_client_wait_synced   (SyncClient        *client,
                                       guint              timeout_ms);
gboolean    sync_client_saw_change    (SyncClient        *client,
                                       const char        *entity,
                                       const char        *id);
guint       sync_client_count_changes (SyncClient        *client,
                                       const char        *entity,
                                       const char        *id,
                                       int                origin);

gboolean    sync_test_wait            (SyncTestCondition  condition,
                                       gpointer           data,
                                       guint              timeout_ms);
void        sync_test_spin            (guint              ms);

char       *sync_test_save_case       (PoeStore          *store,
                                       const char        *status);
char       *sync_test_add_event       (PoeStore          *store,
                                       const char        *case_id,
                                       const char        *step);
void        sync_test_set_field       (PoeStore          *store,
                                       const char        *entity,
                                       const char        *id,
                                       const char        *field,
                                       const char        *value);
char       *sync_test_get_field       (PoeStore          *store,
                                       const char        *entity,
                                       const char        *id,
                                       const char        *field);

GHashTable *sync_test_server_records  (PoeTestServer     *server,
                                       const char        *token);
guint       sync_test_count_entity    (GHashTable        *records,
                                       const char        *entity);
gint64      sync_test_server_count    (PoeTestServer     *server,
                                       const char        *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncClient, sync_client_free)

G_END_DECLS
