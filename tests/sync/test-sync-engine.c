/* test-sync-engine.c
 *
 * The client sync engine against a real poe-central (docs/protocol.md, "Client behaviour"):
 * push and pull, its states, sign-in, live updates, and two devices that edit offline and
 * converge. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-sync-test-utils.h"

typedef struct
{
  PoeTestServer *server;
  char          *dir;
  GHashTable    *tokens;  /* username → token */
  GHashTable    *staff;   /* username → staff id */
} Fixture;

static const char * const users[][2] = {
  { "lead", "lead" },
  { "agent", "agent" },
  { "agent2", "agent" },
};


/*
 * Fixture
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->server = poe_test_server_new (NULL);
  fx->dir = sync_test_make_dir ();
  fx->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  fx->staff = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      char *staff_id = NULL;

      poe_test_server_add_user (fx->server, users[i][0], users[i][1], "JFK", SYNC_TEST_PASSWORD);
      g_hash_table_insert (fx->tokens, (gpointer) users[i][0],
                           poe_test_server_login (fx->server, users[i][0], SYNC_TEST_PASSWORD, &staff_id));
      g_hash_table_insert (fx->staff, (gpointer) users[i][0], staff_id);
    }
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_hash_table_unref (fx->tokens);
  g_hash_table_unref (fx->staff);
  poe_test_server_free (fx->server);
  sync_test_remove_dir (fx->dir);
  g_free (fx->dir);
}

static SyncClient *
client_for (Fixture    *fx,
            const char *username)
{
  return sync_client_new (fx->dir, username, poe_test_server_get_url (fx->server),
                          g_hash_table_lookup (fx->staff, username), username,
                          g_hash_table_lookup (fx->tokens, username));
}

static gboolean
has_record (PoeStore   *store,
            const char *entity,
            const char *id)
{
  g_autoptr(PoeRecord) record = poe_store_get (store, entity, id, NULL);

  return record != NULL && !poe_record_get_deleted (record);
}

typedef struct
{
  SyncClient *client;
  const char *entity;
  const char *id;
} RecordWait;

static gboolean
client_has_record (gpointer data)
{
  RecordWait *wait = data;

  return has_record (wait->client->store, wait->entity, wait->id);
}

static void
wait_for_record (SyncClient *client,
                 const char *entity,
                 const char *id,
                 guint       timeout_ms)
{
  RecordWait wait = { client, entity, id };

  g_assert_true (sync_test_wait (client_has_record, &wait, timeout_ms));
}

/* A case the lead made and both @a and @b have pulled. */
static char *
shared_case (Fixture    *fx,
             SyncClient *a,
             SyncClient *b)
{
  g_autoptr(SyncClient) lead = client_for (fx, "lead");
  char *id = sync_test_save_case (lead->store, "expected");

  poe_sync_engine_start (lead->engine);
  sync_client_wait_synced (lead, 10000);

  poe_sync_engine_start (a->engine);
  poe_sync_engine_start (b->engine);
  wait_for_record (a, "case", id, 10000);
  wait_for_record (b, "case", id, 10000);
  sync_client_wait_synced (a, 10000);
  sync_client_wait_synced (b, 10000);

  return id;
}


static gboolean
has_error (gpointer data)
{
  return poe_sync_engine_get_last_error (data) != NULL;
}

static gboolean
has_rejected (gpointer data)
{
  return poe_sync_engine_get_rejected_count (data) > 0;
}


/*
 * Tests
 */

static void
test_push_pull (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(SyncClient) lead = client_for (fx, "lead");
  g_autoptr(SyncClient) agent = client_for (fx, "agent");
  g_autoptr(GHashTable) server = NULL;
  g_autoptr(PoeRecord) local = NULL;
  g_autofree char *case_id = sync_test_save_case (lead->store, "expected");
  g_autofree char *event_id = sync_test_add_event (lead->store, case_id, "arrival.met");
  g_autofree char *cursor = NULL;
  JsonObject *data_of_case;

  g_assert_cmpuint (poe_store_count_pending (lead->store), ==, 2);
  poe_sync_engine_start (lead->engine);
  g_assert_true (poe_sync_engine_is_running (lead->engine));
  sync_client_wait_synced (lead, 10000);

  /* The server has both, as the lead sent them. */
  server = sync_test_server_records (fx->server, g_hash_table_lookup (fx->tokens, "lead"));
  g_assert_true (g_hash_table_contains (server, case_id));
  g_assert_true (g_hash_table_contains (server, event_id));
  data_of_case = json_object_get_object_member (g_hash_table_lookup (server, case_id), "data");
  g_assert_cmpstr (json_object_get_string_member (data_of_case, "status"), ==, "expected");
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation"), ==, 2);

  /* The lead's own change came back with the server's revision. */
  local = poe_store_get (lead->store, "case", case_id, NULL);
  g_assert_cmpint (poe_record_get_rev (local), >, 0);
  g_assert_cmpuint (poe_sync_engine_get_pending_count (lead->engine), ==, 0);
  g_assert_nonnull (poe_sync_engine_get_last_sync (lead->engine));
  g_assert_null (poe_sync_engine_get_last_error (lead->engine));

  /* Another device pulls them, and its UI store announces them. */
  poe_sync_engine_start (agent->engine);
  wait_for_record (agent, "checklist_event", event_id, 10000);
  g_assert_true (has_record (agent->store, "case", case_id));
  g_assert_true (sync_client_saw_change (agent, "case", case_id));
  g_assert_true (sync_client_saw_change (agent, "checklist_event", event_id));
  cursor = poe_store_dup_sync_value (agent->store, "cursor");
  g_assert_nonnull (cursor);
}

static void
test_batches (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(SyncClient) lead = client_for (fx, "lead");
  g_autofree char *case_id = sync_test_save_case (lead->store, "expected");
  g_autoptr(GHashTable) server = NULL;
  const guint n_events = 1100;

  /* The server refuses more than 500 a request: 1101 mutations go in three. */
  g_assert_true (poe_store_begin (lead->store, NULL));
  for (guint i = 0; i < n_events; i++)
    g_free (sync_test_add_event (lead->store, case_id, "arrival.met"));
  g_assert_true (poe_store_commit (lead->store, NULL));

  poe_sync_engine_start (lead->engine);
  sync_client_wait_synced (lead, 60000);

  server = sync_test_server_records (fx->server, g_hash_table_lookup (fx->tokens, "lead"));
  g_assert_cmpuint (sync_test_count_entity (server, "checklist_event"), ==, n_events);
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation"), ==, n_events + 1);
  g_assert_cmpint (poe_store_count (lead->store, "checklist_event", NULL), ==, n_events);
  g_assert_cmpuint (poe_sync_engine_get_rejected_count (lead->engine), ==, 0);
}

static void
test_states (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(SyncClient) lead = client_for (fx, "lead");
  g_autofree char *case_id = sync_test_save_case (lead->store, "expected");
  PoeSyncState last;
  gboolean saw_syncing = FALSE;

  g_assert_cmpint (poe_sync_engine_get_state (lead->engine), ==, POE_SYNC_STATE_OFFLINE);
  g_assert_false (poe_sync_engine_is_running (lead->engine));

  poe_sync_engine_start (lead->engine);
  g_assert_cmpint (poe_sync_engine_get_state (lead->engine), ==, POE_SYNC_STATE_CONNECTING);
  sync_client_wait_synced (lead, 10000);

  /* offline → connecting → syncing → idle, each notified once per change. */
  g_assert_cmpuint (lead->states->len, >=, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (lead->states->pdata[0]), ==, POE_SYNC_STATE_CONNECTING);
  for (guint i = 1; i < lead->states->len; i++)
    {
      g_assert_cmpuint (GPOINTER_TO_UINT (lead->states->pdata[i]), !=,
                        GPOINTER_TO_UINT (lead->states->pdata[i - 1]));
      saw_syncing |= GPOINTER_TO_UINT (lead->states->pdata[i]) == POE_SYNC_STATE_SYNCING;
    }
  g_assert_true (saw_syncing);
  last = GPOINTER_TO_UINT (lead->states->pdata[lead->states->len - 1]);
  g_assert_cmpuint (last, ==, POE_SYNC_STATE_IDLE);

  poe_sync_engine_stop (lead->engine);
  g_assert_false (poe_sync_engine_is_running (lead->engine));
  g_assert_cmpint (poe_sync_engine_get_state (lead->engine), ==, POE_SYNC_STATE_OFFLINE);

  /* Nothing listens there: offline with words a user can act on, and nothing lost. */
  {
    g_autoptr(SyncClient) lost = sync_client_new (fx->dir, "lost", "http://127.0.0.1:9", NULL,
                                                  "lead", "token");
    g_autofree char *more = sync_test_save_case (lost->store, "expected");

    poe_sync_engine_start (lost->engine);
    g_assert_true (sync_test_wait (has_error, lost->engine, 5000));
    g_assert_cmpint (poe_sync_engine_get_state (lost->engine), ==, POE_SYNC_STATE_OFFLINE);
    g_assert_nonnull (strstr (poe_sync_engine_get_last_error (lost->engine), "cannot reach the server"));
    g_assert_cmpuint (poe_store_count_pending (lost->store), ==, 1);
    g_assert_cmpuint (poe_sync_engine_get_pending_count (lost->engine), ==, 1);
  }
}

static gboolean
needs_sign_in (gpointer data)
{
  return poe_sync_engine_get_state (data) == POE_SYNC_STATE_NEEDS_SIGN_IN;
}

static void
test_sign_in (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(SyncClient) lead = client_for (fx, "lead");
  g_autoptr(PoeTestResponse) out = NULL;
  g_autofree char *case_id = sync_test_save_case (lead->store, "expected");
  g_autofree char *fresh = NULL;

  /* The token was revoked: sign in again, and the change waits. */
  out = poe_test_server_request (fx->server, "POST", "/v1/auth/logout", lead->token, NULL);
  g_assert_cmpuint (out->status, ==, 204);

  poe_sync_engine_start (lead->engine);
  g_assert_true (sync_test_wait (needs_sign_in, lead->engine, 10000));
  g_assert_nonnull (strstr (poe_sync_engine_get_last_error (lead->engine), "Sign in again"));
  sync_test_spin (300);
  g_assert_cmpint (poe_sync_engine_get_state (lead->engine), ==, POE_SYNC_STATE_NEEDS_SIGN_IN);
  g_assert_cmpuint (poe_store_count_pending (lead->store), ==, 1);
  g_assert_cmpuint (poe_sync_engine_get_pending_count (lead->engine), ==, 1);
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation"), ==, 0);

  /* No token at all is the same state. */
  poe_sync_engine_set_token (lead->engine, NULL);
  sync_test_spin (100);
  g_assert_cmpint (poe_sync_engine_get_state (lead->engine), ==, POE_SYNC_STATE_NEEDS_SIGN_IN);

  fresh = poe_test_server_login (fx->server, "lead", SYNC_TEST_PASSWORD, NULL);
  poe_sync_engine_set_token (lead->engine, fresh);
  sync_client_wait_synced (lead, 10000);
  g_assert_null (poe_sync_engine_get_last_error (lead->engine));
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation"), ==, 1);
}

typedef struct
{
  SyncClient *client;
  const char *id;
  const char *field;
  const char *value;
} FieldWait;

static gboolean
field_is (gpointer data)
{
  FieldWait *wait = data;
  g_autofree char *value = sync_test_get_field (wait->client->store, "case", wait->id, wait->field);

  return g_strcmp0 (value, wait->value) == 0;
}

static void
test_live (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(SyncClient) a = client_for (fx, "agent");
  g_autoptr(SyncClient) b = client_for (fx, "agent2");
  g_autofree char *case_id = shared_case (fx, a, b);
  FieldWait wait = { b, case_id, "status", "in_progress" };
  g_autoptr(GTimer) timer = NULL;
  gint64 mutations = sync_test_server_count (fx->server, "SELECT count(*) FROM mutation");

  /* Both are in a long poll (20 s). A local write goes out at once, and reaches the other
   * device's long poll at once. */
  sync_test_spin (200);
  timer = g_timer_new ();
  sync_test_set_field (a->store, "case", case_id, "status", "in_progress");
  g_assert_true (sync_test_wait (field_is, &wait, 3000));
  g_test_message ("write to the other device's store: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 2.0);
  g_assert_true (sync_client_saw_change (b, "case", case_id));
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation"), ==, mutations + 1);

  /* stop() during a long poll returns at once. */
  g_timer_start (timer);
  poe_sync_engine_stop (b->engine);
  g_test_message ("stop during a long poll: %.1f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 0.5);
}

static void
test_rejected (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(SyncClient) a = client_for (fx, "agent");
  g_autoptr(SyncClient) b = client_for (fx, "agent2");
  g_autofree char *case_id = shared_case (fx, a, b);
  g_autoptr(GPtrArray) rejected = NULL;
  PoeMutation *mutation;

  /* Agents may not change a case's sensitivity: kept, marked, with the server's reason. */
  sync_test_set_field (a->store, "case", case_id, "sensitivity", "urm");
  g_assert_true (sync_test_wait (has_rejected, a->engine, 10000));
  sync_client_wait_synced (a, 10000);

  g_assert_cmpuint (poe_sync_engine_get_rejected_count (a->engine), ==, 1);
  rejected = poe_store_outbox_list_rejected (a->store, NULL);
  g_assert_cmpuint (rejected->len, ==, 1);
  mutation = g_ptr_array_index (rejected, 0);
  g_assert_cmpstr (mutation->record_id, ==, case_id);
  g_assert_cmpstr (mutation->state, ==, "rejected");
  g_assert_nonnull (mutation->last_error);
  g_assert_cmpstr (mutation->last_error, !=, "");
}

/* Both devices edit the shared case offline, then come online one after the other. */
static void
edit_offline (Fixture     *fx,
              SyncClient  *a,
              SyncClient  *b,
              const char  *case_id,
              const char  *field_a,
              const char  *value_a,
              const char  *field_b,
              const char  *value_b)
{
  poe_sync_engine_stop (a->engine);
  poe_sync_engine_stop (b->engine);
  sync_test_set_field (a->store, "case", case_id, field_a, value_a);
  sync_test_set_field (b->store, "case", case_id, field_b, value_b);

  poe_sync_engine_start (a->engine);
  sync_client_wait_synced (a, 10000);
  poe_sync_engine_start (b->engine);
  sync_client_wait_synced (b, 10000);
}

static void
test_offline_different_fields (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(SyncClient) a = client_for (fx, "agent");
  g_autoptr(SyncClient) b = client_for (fx, "agent2");
  g_autofree char *case_id = shared_case (fx, a, b);
  FieldWait wait = { a, case_id, "status", "in_progress" };
  g_autofree char *destination = NULL;

  edit_offline (fx, a, b, case_id, "final_destination", "Synthetic City", "status", "in_progress");

  /* Both applied, no conflict, and both devices hold both values. */
  g_assert_true (sync_test_wait (field_is, &wait, 10000));
  wait.client = b;
  wait.field = "final_destination";
  wait.value = "Synthetic City";
  g_assert_true (sync_test_wait (field_is, &wait, 10000));
  destination = sync_test_get_field (a->store, "case", case_id, "final_destination");
  g_assert_cmpstr (destination, ==, "Synthetic City");
  g_assert_cmpuint (poe_store_count_conflicts (a->store), ==, 0);
  g_assert_cmpuint (poe_store_count_conflicts (b->store), ==, 0);
  g_assert_cmpuint (poe_sync_engine_get_conflict_count (b->engine), ==, 0);
}

static void
test_offline_same_field (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(SyncClient) a = client_for (fx, "agent");
  g_autoptr(SyncClient) b = client_for (fx, "agent2");
  g_autofree char *case_id = shared_case (fx, a, b);
  FieldWait wait = { a, case_id, "status", "in_progress" };
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *status_b = NULL;
  PoeConflict *conflict;

  edit_offline (fx, a, b, case_id, "status", "in_progress", "status", "closed");

  /* The second device gets the conflict with both values; its row shows the server's. */
  g_assert_cmpuint (poe_sync_engine_get_conflict_count (b->engine), ==, 1);
  conflicts = poe_store_list_conflicts (b->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->record_id, ==, case_id);
  g_assert_cmpstr (conflict->field, ==, "status");
  g_assert_cmpstr (conflict->local_value, ==, "\"closed\"");
  g_assert_cmpstr (conflict->server_value, ==, "\"in_progress\"");
  g_assert_cmpstr (conflict->server_by, ==, a->staff_id);
  g_assert_nonnull (conflict->server_at);
  g_assert_true (sync_client_saw_change (b, "conflict", conflict->id));

  /* Both converge on the server's value. */
  status_b = sync_test_get_field (b->store, "case", case_id, "status");
  g_assert_cmpstr (status_b, ==, "in_progress");
  g_assert_true (sync_test_wait (field_is, &wait, 10000));
  g_assert_cmpuint (poe_store_count_conflicts (a->store), ==, 0);
}

static void
test_offline_events (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(SyncClient) a = client_for (fx, "agent");
  g_autoptr(SyncClient) b = client_for (fx, "agent2");
  g_autofree char *case_id = shared_case (fx, a, b);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  poe_sync_engine_stop (a->engine);
  poe_sync_engine_stop (b->engine);
  first = sync_test_add_event (a->store, case_id, "arrival.met");
  second = sync_test_add_event (b->store, case_id, "arrival.met");

  poe_sync_engine_start (a->engine);
  poe_sync_engine_start (b->engine);
  wait_for_record (a, "checklist_event", second, 10000);
  wait_for_record (b, "checklist_event", first, 10000);
  sync_client_wait_synced (a, 10000);
  sync_client_wait_synced (b, 10000);

  /* Append-only: both kept on both devices, no conflict. */
  for (guint i = 0; i < 2; i++)
    {
      PoeStore *store = i == 0 ? a->store : b->store;
      g_autoptr(GPtrArray) events = poe_store_list_checklist_events (store, case_id, NULL);

      g_assert_cmpuint (events->len, ==, 2);
      g_assert_cmpuint (poe_store_count_conflicts (store), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sync/engine/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("push-pull", test_push_pull);
  ADD ("batches", test_batches);
  ADD ("states", test_states);
  ADD ("sign-in", test_sign_in);
  ADD ("live", test_live);
  ADD ("rejected", test_rejected);
  ADD ("offline/different-fields", test_offline_different_fields);
  ADD ("offline/same-field", test_offline_same_field);
  ADD ("offline/checklist-events", test_offline_events);
#undef ADD

  return g_test_run ();
}
