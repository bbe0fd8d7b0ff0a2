/* test-store-changes.c
 *
 * What PoeStore::changed announces and with which origin: user writes are local, pulled
 * changes and imports are pulled, the settling of a mutation (confirmed, rejected,
 * discarded, a conflict recorded) is outbox progress, a failed send is nothing a view shows;
 * one transaction of mixed origins announces each with its own; the pulled echo of this
 * device's own write is not announced, while a real change of the same record is. Also the
 * pending flags of a case read in one query, as the family snapshot carries them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

typedef struct
{
  char      *dir;
  char      *path;
  PoeStore  *store;
  GPtrArray *changes;  /* "origin entity:id" of each announced record, in order */
  char      *case_id;  /* an imported case, as if pulled */
} Fixture;


/*
 * Auxiliary methods
 */

static void
on_changed (PoeStore           *store,
            const char         *entity,
            const char * const *ids,
            PoeStoreChange      origin,
            Fixture            *fixture)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (POE_TYPE_STORE_CHANGE);
  const GEnumValue *value = g_enum_get_value (klass, origin);

  g_assert_nonnull (value);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (fixture->changes, g_strdup_printf ("%s %s:%s", value->value_nick, entity, ids[i]));
}

static PoeRecord *
new_case (void)
{
  g_autoptr(PoeRecord) kase = poe_record_new ("case");
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *number = g_strdup_printf ("T-%.8s", id);

  poe_record_set_id (kase, id);
  poe_record_set_string (kase, "case_number", number);
  poe_record_set_string (kase, "poe", "JFK");
  poe_record_set_string (kase, "branch", "connect");
  poe_record_set_string (kase, "sensitivity", "none");
  poe_record_set_string (kase, "status", "expected");

  return g_steal_pointer (&kase);
}

static PoeRecord *
new_child (const char *entity,
           const char *case_id)
{
  g_autoptr(PoeRecord) record = poe_record_new (entity);

  poe_record_set_string (record, "case_id", case_id);
  if (g_str_equal (entity, "person"))
    {
      poe_record_set_string (record, "surname", "Synthetic");
      poe_record_set_string (record, "cbp_status", "pending");
    }
  else if (g_str_equal (entity, "segment"))
    poe_record_set_string (record, "leg", "domestic_connection");
  else
    {
      poe_record_set_string (record, "step", "arrival.met");
      poe_record_set_string (record, "value", "done");
      poe_record_set_string (record, "at", "2026-11-24T14:05:00Z");
    }

  return g_steal_pointer (&record);
}

static PoeRecord *
save (Fixture   *fixture,
      PoeRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_save (fixture->store, record, &error));
  g_assert_no_error (error);
  return g_object_ref (record);
}

/* The mutation poe_store_save() queued last. */
static char *
dup_last_mutation_id (Fixture *fixture)
{
  g_autoptr(GPtrArray) pending = poe_store_outbox_peek (fixture->store, 1000, NULL);

  g_assert_nonnull (pending);
  g_assert_cmpuint (pending->len, >, 0);
  return g_strdup (((PoeMutation *) g_ptr_array_index (pending, pending->len - 1))->mutation_id);
}

/* The change the feed sends for @record at revision @rev. */
static JsonObject *
change_of (PoeRecord *record,
           gint64     rev)
{
  JsonObject *change = json_object_new ();
  JsonObject *data = poe_record_to_json (record);

  json_object_set_int_member (data, "rev", rev);
  json_object_set_string_member (change, "entity", poe_record_get_entity_name (record));
  json_object_set_string_member (change, "id", poe_record_get_id (record));
  json_object_set_int_member (change, "rev", rev);
  json_object_set_boolean_member (change, "deleted", FALSE);
  json_object_set_object_member (change, "data", data);

  return change;
}

static void
apply (Fixture    *fixture,
       JsonObject *change)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_begin (fixture->store, &error));
  poe_store_apply_remote (fixture->store, change, &error);
  g_assert_no_error (error);
  g_assert_true (poe_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
assert_changes (Fixture           *fixture,
                const char * const expected[])
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (n, fixture->changes->len); i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->changes, i), ==, expected[i]);
  g_assert_cmpuint (fixture->changes->len, ==, n);
  g_ptr_array_set_size (fixture->changes, 0);
}

static char *
key (const char *origin,
     PoeRecord  *record)
{
  return g_strdup_printf ("%s %s:%s", origin, poe_record_get_entity_name (record), poe_record_get_id (record));
}


/*
 * Fixture
 */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = new_case ();
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-changes-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (fixture->store, "6fa459ea-ee8a-4ca4-894e-db77e160355e", "agent");

  poe_record_set_rev (kase, 1);
  g_assert_true (poe_store_import (fixture->store, kase, &error));
  g_assert_no_error (error);
  fixture->case_id = g_strdup (poe_record_get_id (kase));

  fixture->changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (fixture->path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->case_id);
  g_ptr_array_unref (fixture->changes);
}


/*
 * Tests
 */

/* A user's writes: save, delete, and a conflict resolved as "keep mine". */
static void
test_local (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PoeRecord) person = save (fixture, new_child ("person", fixture->case_id));
  g_autofree char *saved = key ("local", person);
  g_autoptr(JsonNode) mine = json_node_init_string (json_node_alloc (), "Mine");
  g_autoptr(JsonNode) theirs = json_node_init_string (json_node_alloc (), "Theirs");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *kase = g_strdup_printf ("local case:%s", fixture->case_id);

  assert_changes (fixture, (const char *[]) { saved, NULL });

  g_assert_true (poe_store_delete (fixture->store, "person", poe_record_get_id (person), &error));
  assert_changes (fixture, (const char *[]) { saved, NULL });

  g_assert_true (poe_store_add_conflict (fixture->store, "case", fixture->case_id, "ra_agency", mine, theirs,
                                         NULL, NULL, &error));
  g_ptr_array_set_size (fixture->changes, 0);
  conflicts = poe_store_list_conflicts (fixture->store, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (poe_store_resolve_conflict (fixture->store, ((PoeConflict *) conflicts->pdata[0])->id,
                                             POE_CONFLICT_KEEP_MINE, NULL, &error));
  g_assert_no_error (error);
  conflict = g_strdup_printf ("local conflict:%s", ((PoeConflict *) conflicts->pdata[0])->id);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, conflict, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, kase, g_str_equal, NULL));
}

/* Records as the server has them: imports and the change feed. */
static void
test_pulled (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = new_case ();
  g_autoptr(JsonObject) change = NULL;
  g_autofree char *expected = key ("pulled", kase);
  g_autoptr(GError) error = NULL;

  poe_record_set_rev (kase, 3);
  g_assert_true (poe_store_import (fixture->store, kase, &error));
  g_assert_no_error (error);
  assert_changes (fixture, (const char *[]) { expected, NULL });

  /* A newer revision with a new value: news, outside a batch and inside one. */
  poe_record_set_string (kase, "status", "in_progress");
  change = change_of (kase, 4);
  g_assert_true (poe_store_apply_remote (fixture->store, change, &error));
  g_assert_no_error (error);
  assert_changes (fixture, (const char *[]) { expected, NULL });

  poe_record_set_string (kase, "status", "handed_over");
  g_clear_pointer (&change, json_object_unref);
  change = change_of (kase, 5);
  apply (fixture, change);
  assert_changes (fixture, (const char *[]) { expected, NULL });
}

/* The settling of mutations: confirmed, rejected, discarded; a failed send changes nothing a
 * view shows; a conflict recorded from a push's answer. */
static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PoeRecord) first = save (fixture, new_child ("checklist_event", fixture->case_id));
  g_autofree char *first_id = dup_last_mutation_id (fixture);
  g_autoptr(PoeRecord) second = save (fixture, new_child ("person", fixture->case_id));
  g_autofree char *second_id = dup_last_mutation_id (fixture);
  g_autofree char *first_key = key ("outbox", first);
  g_autofree char *second_key = key ("outbox", second);
  g_autofree char *case_key = g_strdup_printf ("outbox case:%s", fixture->case_id);
  g_autoptr(JsonNode) mine = json_node_init_string (json_node_alloc (), "Mine");
  g_autoptr(JsonNode) theirs = json_node_init_string (json_node_alloc (), "Theirs");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *conflict_key = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (fixture->changes, 0);

  g_assert_true (poe_store_outbox_fail (fixture->store, second_id, "server unreachable", &error));
  assert_changes (fixture, (const char *[]) { NULL });

  /* One push's results, in one transaction, as the sync worker applies them. */
  g_assert_true (poe_store_begin (fixture->store, &error));
  g_assert_true (poe_store_outbox_complete (fixture->store, first_id, 1, &error));
  g_assert_true (poe_store_outbox_reject (fixture->store, second_id, "not allowed", &error));
  g_assert_true (poe_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, first_key, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, second_key, g_str_equal, NULL));
  g_ptr_array_set_size (fixture->changes, 0);

  g_assert_true (poe_store_outbox_discard (fixture->store, second_id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, (const char *[]) { second_key, NULL });

  g_assert_true (poe_store_add_conflict (fixture->store, "case", fixture->case_id, "ra_agency", mine, theirs,
                                         NULL, NULL, &error));
  g_assert_no_error (error);
  conflicts = poe_store_list_conflicts (fixture->store, &error);
  conflict_key = g_strdup_printf ("outbox conflict:%s", ((PoeConflict *) conflicts->pdata[0])->id);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, conflict_key, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (fixture->changes, case_key, g_str_equal, NULL));
}

/* One transaction, two origins: each record is announced with its own, after the commit. */
static void
test_mixed_transaction (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PoeRecord) pulled = new_case ();
  g_autoptr(PoeRecord) local = new_child ("segment", fixture->case_id);
  g_autoptr(JsonObject) change = change_of (pulled, 2);
  g_autofree char *pulled_key = key ("pulled", pulled);
  g_autofree char *local_key = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_begin (fixture->store, &error));
  g_assert_true (poe_store_apply_remote (fixture->store, change, &error));
  g_assert_true (poe_store_save (fixture->store, local, &error));
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_true (poe_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  local_key = key ("local", local);
  assert_changes (fixture, (const char *[]) { local_key, pulled_key, NULL });
}

/* This device's tick comes back from the feed once the server has confirmed it: the store
 * takes the server's revision and announces nothing, whether the echo comes before or after
 * the confirmation. A real change of the same record is announced. */
static void
test_echo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PoeRecord) event = save (fixture, new_child ("checklist_event", fixture->case_id));
  g_autoptr(PoeRecord) person = save (fixture, new_child ("person", fixture->case_id));
  g_autofree char *event_mutation = NULL;
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(JsonObject) echo = NULL;
  g_autoptr(JsonObject) early_echo = change_of (person, 1);
  g_autoptr(JsonObject) news = NULL;
  g_autofree char *news_key = key ("pulled", person);
  g_autoptr(GPtrArray) pending = poe_store_outbox_peek (fixture->store, 10, NULL);
  g_autoptr(GError) error = NULL;

  event_mutation = g_strdup (((PoeMutation *) pending->pdata[0])->mutation_id);
  g_assert_true (poe_store_outbox_complete (fixture->store, event_mutation, 1, &error));
  g_ptr_array_set_size (fixture->changes, 0);

  /* After the confirmation. */
  echo = change_of (event, 1);
  apply (fixture, echo);
  assert_changes (fixture, (const char *[]) { NULL });
  stored = poe_store_get (fixture->store, "checklist_event", poe_record_get_id (event), &error);
  g_assert_cmpint (poe_record_get_rev (stored), ==, 1);

  /* Before it: the unconfirmed fields keep their value, and nothing else moved. */
  apply (fixture, early_echo);
  assert_changes (fixture, (const char *[]) { NULL });
  g_assert_true (poe_store_is_pending (fixture->store, "person", poe_record_get_id (person)));

  /* Someone else's change of the member is news. */
  poe_record_set_string (person, "given_names", "Other");
  news = change_of (person, 2);
  json_object_set_string_member (json_object_get_object_member (news, "data"), "updated_by",
                                 "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b");
  apply (fixture, news);
  assert_changes (fixture, (const char *[]) { news_key, NULL });
}

/* The pending flags of a case: its own records with unconfirmed changes, not another
 * case's, not a rejected one's, not a confirmed one's. */
static void
test_pending_for_case (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PoeRecord) other_case = new_case ();
  g_autoptr(PoeRecord) person = save (fixture, new_child ("person", fixture->case_id));
  g_autoptr(PoeRecord) segment = save (fixture, new_child ("segment", fixture->case_id));
  g_autoptr(PoeRecord) done = save (fixture, new_child ("checklist_event", fixture->case_id));
  g_autofree char *done_mutation = dup_last_mutation_id (fixture);
  g_autoptr(PoeRecord) refused = save (fixture, new_child ("checklist_event", fixture->case_id));
  g_autofree char *refused_mutation = dup_last_mutation_id (fixture);
  g_autoptr(PoeRecord) ticked = save (fixture, new_child ("checklist_event", fixture->case_id));
  g_autoptr(PoeRecord) elsewhere = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_import (fixture->store, other_case, &error));
  elsewhere = save (fixture, new_child ("checklist_event", poe_record_get_id (other_case)));
  g_assert_true (poe_store_outbox_complete (fixture->store, done_mutation, 1, &error));
  g_assert_true (poe_store_outbox_reject (fixture->store, refused_mutation, "not allowed", &error));
  kase = poe_store_get (fixture->store, "case", fixture->case_id, &error);
  poe_record_set_string (kase, "final_destination", "Synthetic City");
  g_object_unref (save (fixture, kase));

  pending = poe_store_dup_pending_for_case (fixture->store, fixture->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (pending), ==, 4);
  g_assert_true (g_hash_table_contains (pending, fixture->case_id));
  g_assert_true (g_hash_table_contains (pending, poe_record_get_id (person)));
  g_assert_true (g_hash_table_contains (pending, poe_record_get_id (segment)));
  g_assert_true (g_hash_table_contains (pending, poe_record_get_id (ticked)));

  /* The same answer as asking record by record. */
  for (const char * const *entity = (const char * const[]) { "person", "segment", "checklist_event", NULL };
       *entity != NULL; entity++)
    {
      g_autoptr(GPtrArray) records = poe_store_list (fixture->store, *entity, "case_id", fixture->case_id, &error);

      for (guint i = 0; i < records->len; i++)
        {
          const char *id = poe_record_get_id (records->pdata[i]);

          g_assert_cmpint (g_hash_table_contains (pending, id), ==, poe_store_is_pending (fixture->store, *entity, id));
        }
    }

  /* The family snapshot carries the same flags for the views. */
  snapshot = poe_family_snapshot_load (fixture->store, fixture->case_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (poe_family_snapshot_is_pending (snapshot, snapshot->kase));
  g_assert_true (poe_family_snapshot_is_pending (snapshot, person));
  g_assert_true (poe_family_snapshot_is_pending (snapshot, ticked));
  g_assert_false (poe_family_snapshot_is_pending (snapshot, done));
  g_assert_false (poe_family_snapshot_is_pending (snapshot, refused));
  g_assert_false (poe_family_snapshot_is_pending (snapshot, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/changed/origin/local", test_local);
  ADD ("/core/store/changed/origin/pulled", test_pulled);
  ADD ("/core/store/changed/origin/outbox", test_outbox);
  ADD ("/core/store/changed/origin/mixed-transaction", test_mixed_transaction);
  ADD ("/core/store/changed/pulled-echo", test_echo);
  ADD ("/core/store/pending-for-case", test_pending_for_case);
#undef ADD

  return g_test_run ();
}
