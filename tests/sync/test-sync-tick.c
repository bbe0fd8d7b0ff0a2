/* test-sync-tick.c
 *
 * One checklist tick against a real poe-central, counted on the UI's store: what it
 * announces, with which origin (PoeStoreChange) and how often. A tick is announced once as
 * the local write and once as the server's confirmation (outbox progress), never a third
 * time for the pulled echo of itself; a change of another device, or a field the server set,
 * is announced as pulled; a rejection is outbox progress; the engine pushes on local writes
 * only. The family view reloads once per announcement that touches it, so these counts are
 * its reloads. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

typedef struct
{
  PoeStore   *store;
  const char *entity;
  const char *id;
} RevWait;


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


/*
 * Auxiliary methods
 */

static gboolean
has_server_rev (gpointer data)
{
  RevWait *wait = data;
  g_autoptr(PoeRecord) record = poe_store_get (wait->store, wait->entity, wait->id, NULL);

  return record != NULL && poe_record_get_rev (record) > 0;
}

/* Waits until @client has pulled the server's version of the record (the echo of its own
 * write, or another device's) and is idle again, then lets every report of the worker
 * reach the main context. */
static void
wait_pulled (SyncClient *client,
             const char *entity,
             const char *id)
{
  RevWait wait = { client->store, entity, id };

  g_assert_true (sync_test_wait (has_server_rev, &wait, 10000));
  sync_client_wait_synced (client, 10000);
  sync_test_spin (300);
}

/* What the family view's step row does on a click: one checklist event, "done" now, by the
 * signed-in staff member, through poe_store_save(). @by_actor FALSE leaves "by" to the
 * server, which sets it. */
static char *
tick (SyncClient *client,
      const char *case_id,
      const char *step,
      gboolean    by_actor)
{
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  poe_record_set_string (event, "case_id", case_id);
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", now);
  if (by_actor)
    poe_record_set_string (event, "by", client->staff_id);
  g_assert_true (poe_store_save (client->store, event, &error));
  g_assert_no_error (error);

  return g_strdup (poe_record_get_id (event));
}

static void
forget_changes (SyncClient *client)
{
  g_ptr_array_set_size (client->changed, 0);
  g_array_set_size (client->origins, 0);
}

/* A case the lead opened, pulled by @client, whose store is quiet afterwards. */
static char *
synced_case (Fixture    *fx,
             SyncClient *client)
{
  g_autoptr(SyncClient) lead = client_for (fx, "lead");
  char *case_id = sync_test_save_case (lead->store, "expected");

  poe_sync_engine_start (lead->engine);
  sync_client_wait_synced (lead, 10000);

  poe_sync_engine_start (client->engine);
  wait_pulled (client, "case", case_id);
  forget_changes (client);

  return case_id;
}

static void
assert_announced (SyncClient *client,
                  const char *entity,
                  const char *id,
                  guint       local,
                  guint       pulled,
                  guint       outbox)
{
  g_assert_cmpuint (sync_client_count_changes (client, entity, id, POE_STORE_CHANGE_LOCAL), ==, local);
  g_assert_cmpuint (sync_client_count_changes (client, entity, id, POE_STORE_CHANGE_PULLED), ==, pulled);
  g_assert_cmpuint (sync_client_count_changes (client, entity, id, POE_STORE_CHANGE_OUTBOX), ==, outbox);
  g_assert_cmpuint (sync_client_count_changes (client, entity, id, -1), ==, local + pulled + outbox);
}


/*
 * Tests
 */

/* The tick of docs/ARCHITECTURE.md, "The path of one tick": two announcements, not three. */
static void
test_own_tick (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(SyncClient) agent = client_for (fx, "agent");
  g_autofree char *case_id = synced_case (fx, agent);
  g_autofree char *event_id = tick (agent, case_id, "arrival.met", TRUE);

  /* The local write is announced at once, before any network. */
  assert_announced (agent, "checklist_event", event_id, 1, 0, 0);
  g_assert_true (poe_store_is_pending (agent->store, "checklist_event", event_id));

  /* Then the confirmation; the echo the pull brings moves the revision, silently. */
  wait_pulled (agent, "checklist_event", event_id);
  assert_announced (agent, "checklist_event", event_id, 1, 0, 1);
  g_assert_false (poe_store_is_pending (agent->store, "checklist_event", event_id));
  g_assert_cmpuint (agent->changed->len, ==, 2);
}

/* Another device's tick is news: announced once, as pulled, and nothing else. */
static void
test_other_device_tick (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(SyncClient) a = client_for (fx, "agent");
  g_autoptr(SyncClient) b = client_for (fx, "agent2");
  g_autofree char *case_id = synced_case (fx, a);
  g_autofree char *event_id = NULL;

  poe_sync_engine_start (b->engine);
  wait_pulled (b, "case", case_id);
  forget_changes (b);
  forget_changes (a);

  event_id = tick (b, case_id, "arrival.headcount", TRUE);
  wait_pulled (b, "checklist_event", event_id);
  wait_pulled (a, "checklist_event", event_id);

  assert_announced (b, "checklist_event", event_id, 1, 0, 1);
  assert_announced (a, "checklist_event", event_id, 0, 1, 0);
  g_assert_cmpuint (a->changed->len, ==, 1);
}

/* The echo of a tick whose "by" the server set is not an echo: the record shows something
 * new, and it is announced as pulled. */
static void
test_server_set_field (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(SyncClient) agent = client_for (fx, "agent");
  g_autofree char *case_id = synced_case (fx, agent);
  g_autofree char *event_id = tick (agent, case_id, "arrival.met", FALSE);
  g_autofree char *by = NULL;

  wait_pulled (agent, "checklist_event", event_id);
  by = sync_test_get_field (agent->store, "checklist_event", event_id, "by");
  g_assert_cmpstr (by, ==, agent->staff_id);
  assert_announced (agent, "checklist_event", event_id, 1, 1, 1);
}

/* A mutation the server refuses by a rule leaves the pending outbox: outbox progress. */
static void
test_rejected (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(SyncClient) agent = client_for (fx, "agent");
  g_autofree char *case_id = synced_case (fx, agent);

  /* Agents may not change a case's sensitivity. */
  sync_test_set_field (agent->store, "case", case_id, "sensitivity", "urm");
  g_assert_true (poe_store_is_pending (agent->store, "case", case_id));
  sync_client_wait_synced (agent, 10000);
  sync_test_spin (300);

  g_assert_cmpuint (poe_store_count_rejected (agent->store), ==, 1);
  g_assert_false (poe_store_is_pending (agent->store, "case", case_id));
  assert_announced (agent, "case", case_id, 1, 0, 1);
}

/* The engine counts and pushes local writes only: a pulled change or outbox progress
 * announced on the UI's store leaves its pending count as it was. */
static void
test_engine_local_only (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(SyncClient) agent = client_for (fx, "agent");
  g_autofree char *case_id = synced_case (fx, agent);
  g_autoptr(PoeStore) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[2] = { case_id, NULL };

  /* A write through another connection to the same file: nobody announces it. */
  other = poe_store_open (agent->path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (other, agent->staff_id, "agent");
  sync_test_set_field (other, "case", case_id, "status", "in_progress");
  g_assert_true (poe_store_is_pending (agent->store, "case", case_id));
  g_assert_cmpuint (poe_sync_engine_get_pending_count (agent->engine), ==, 0);

  /* Without running the main context: only the handler itself can change the count. */
  poe_store_emit_changed (agent->store, "case", ids, POE_STORE_CHANGE_PULLED);
  poe_store_emit_changed (agent->store, "case", ids, POE_STORE_CHANGE_OUTBOX);
  g_assert_cmpuint (poe_sync_engine_get_pending_count (agent->engine), ==, 0);
  poe_store_emit_changed (agent->store, "case", ids, POE_STORE_CHANGE_LOCAL);
  g_assert_cmpuint (poe_sync_engine_get_pending_count (agent->engine), ==, 1);

  /* And the local announcement woke the worker, which pushes the write. */
  sync_client_wait_synced (agent, 10000);
  g_assert_false (poe_store_is_pending (agent->store, "case", case_id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sync/tick/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("own-tick/local-then-confirmed", test_own_tick);
  ADD ("other-device", test_other_device_tick);
  ADD ("server-set-field", test_server_set_field);
  ADD ("rejected", test_rejected);
  ADD ("engine/local-only", test_engine_local_only);
#undef ADD

  return g_test_run ();
}
