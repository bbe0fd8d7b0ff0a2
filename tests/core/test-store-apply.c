/* test-store-apply.c
 *
 * Pulled changes through poe_store_apply_remote(): inside a batch a new record is bound
 * straight from its JSON, and the row must be the one the record path writes; changes the
 * store cannot use are refused with a clear error and leave nothing behind, while the rest
 * of their page applies; fields with a pending local mutation keep their local value; the
 * views hear of exactly the records of each page, once a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "poe-core.h"

typedef struct
{
  char      *dir;
  char      *paths[2];
  PoeStore  *stores[2];  /* [0] applies in batches, [1] one change at a time */
  GPtrArray *changes;    /* "entity:id" of each change announced by stores[0] */
  guint      n_emissions;
} Fixture;

/* Auxiliary methods */

static JsonNode *
valid_value (const PoeFieldInfo *field)
{
  JsonArray *array;

  switch (field->kind)
    {
    case POE_FIELD_TEXT:
      return json_node_init_string (json_node_alloc (), "Synthetic \"text\"\nline two");
    case POE_FIELD_CODE:
      return json_node_init_string (json_node_alloc (), "AB1");
    case POE_FIELD_INT:
      return json_node_init_int (json_node_alloc (), 3);
    case POE_FIELD_BOOL:
      return json_node_init_boolean (json_node_alloc (), TRUE);
    case POE_FIELD_TIME:
      return json_node_init_string (json_node_alloc (), "2026-11-24T14:05:00Z");
    case POE_FIELD_DATE:
      return json_node_init_string (json_node_alloc (), "2026-11-24");
    case POE_FIELD_ENUM:
      return json_node_init_string (json_node_alloc (), field->enum_values[0]);
    case POE_FIELD_REF:
      return json_node_init_string (json_node_alloc (), "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b");
    case POE_FIELD_DECIMAL:
      return json_node_init_string (json_node_alloc (), "125.50");
    case POE_FIELD_JSON:
      {
        JsonObject *object = json_object_new ();

        json_object_set_string_member (object, "step", "arrival");
        json_object_set_int_member (object, "minutes", 45);
        return json_node_init_object (json_node_alloc (), object);
      }
    case POE_FIELD_LIST:
      array = json_array_new ();
      if (field->enum_values != NULL)
        {
          json_array_add_string_element (array, field->enum_values[0]);
          if (field->enum_values[1] != NULL)
            json_array_add_string_element (array, field->enum_values[1]);
        }
      else if (field->ref_entity != NULL)
        json_array_add_string_element (array, "6fa459ea-ee8a-4ca4-894e-db77e160355e");
      else
        {
          json_array_add_string_element (array, "en");
          json_array_add_string_element (array, "\"fa\" \\ é");
        }
      return json_node_init_array (json_node_alloc (), array);
    default:
      g_assert_not_reached ();
    }
}

/* What a sparse record of the feed holds in an optional field: an empty text, an empty
 * list, null, or nothing at all. */
static JsonNode *
empty_value (const PoeFieldInfo *field)
{
  switch (field->kind)
    {
    case POE_FIELD_LIST:
      return json_node_init_array (json_node_alloc (), json_array_new ());
    case POE_FIELD_JSON:
      return json_node_new (JSON_NODE_NULL);
    case POE_FIELD_INT:
    case POE_FIELD_BOOL:
      return NULL;
    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_DECIMAL:
    default:
      return json_node_init_string (json_node_alloc (), "");
    }
}

/* A change of the feed, `{entity, id, rev, deleted, data}`, of a new record with every field
 * set (@full) or only the required ones. */
static JsonObject *
new_change (const PoeEntityInfo *entity,
            gboolean             full,
            gint64               rev)
{
  g_autofree char *id = poe_uuid_new ();
  JsonObject *change = json_object_new ();
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "id", id);
  json_object_set_int_member (data, "rev", rev);
  json_object_set_string_member (data, "updated_at", "2026-11-24T14:06:00Z");
  json_object_set_string_member (data, "updated_by", "6fa459ea-ee8a-4ca4-894e-db77e160355e");
  json_object_set_boolean_member (data, "deleted", FALSE);
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const PoeFieldInfo *field = &entity->fields[i];
      JsonNode *value;

      if (full || (field->flags & POE_FIELD_FLAG_REQUIRED))
        value = valid_value (field);
      else
        value = empty_value (field);
      if (value != NULL)
        json_object_set_member (data, field->name, value);
    }

  json_object_set_string_member (change, "entity", entity->name);
  json_object_set_string_member (change, "id", id);
  json_object_set_int_member (change, "rev", rev);
  json_object_set_boolean_member (change, "deleted", FALSE);
  json_object_set_object_member (change, "data", data);
  return change;
}

static JsonObject *
change_data (JsonObject *change)
{
  return json_object_get_object_member (change, "data");
}

/* Every column of the row as SQLite holds it, type included: read through a connection of
 * its own, so nothing of the store's reading hides a difference. */
static char *
dump_row (const char *path,
          const char *entity,
          const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE id = ?", entity);
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_string_append_printf (dump, "%s=%d:%s\n", sqlite3_column_name (stmt, i),
                              sqlite3_column_type (stmt, i),
                              (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static gboolean
apply_in_batch (PoeStore    *store,
                JsonObject  *change,
                GError     **error)
{
  g_autoptr(GError) commit_error = NULL;
  gboolean ok;

  g_assert_true (poe_store_begin (store, NULL));
  ok = poe_store_apply_remote (store, change, error);
  g_assert_true (poe_store_commit (store, &commit_error));
  g_assert_no_error (commit_error);
  return ok;
}

static void
assert_not_stored (PoeStore   *store,
                   const char *entity,
                   const char *id)
{
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (poe_schema_lookup_entity (entity) == NULL || !g_uuid_string_is_valid (id))
    return;

  record = poe_store_get (store, entity, id, &error);
  g_assert_null (record);
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND);
}

static void
on_changed (PoeStore           *store,
            const char         *entity,
            const char * const *ids,
            PoeStoreChange      origin,
            Fixture            *fixture)
{
  fixture->n_emissions++;
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (fixture->changes, g_strdup_printf ("%s:%s", entity, ids[i]));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-apply-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->stores); i++)
    {
      g_autofree char *name = g_strdup_printf ("store-%u.db", i);

      fixture->paths[i] = g_build_filename (fixture->dir, name, NULL);
      fixture->stores[i] = poe_store_open (fixture->paths[i], &error);
      g_assert_no_error (error);
      poe_store_set_actor (fixture->stores[i], NULL, "agent");
    }
  fixture->changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (fixture->stores[0], "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->stores); i++)
    {
      g_clear_object (&fixture->stores[i]);
      for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
        {
          g_autofree char *file = g_strconcat (fixture->paths[i], *suffix, NULL);
          g_unlink (file);
        }
      g_free (fixture->paths[i]);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->changes);
}

/* Tests: new records */

/* The same change applied in a batch (bound from the JSON) and alone (through a PoeRecord)
 * must give the same row, column for column and type for type. */
static void
test_new_record_same_row (Fixture       *fixture,
                          gconstpointer  data)
{
  const PoeEntityInfo * const *entities;
  guint n_entities;

  entities = poe_schema_get_entities (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    for (guint full = 0; full <= 1; full++)
      {
        g_autoptr(JsonObject) change = new_change (entities[e], full, 7);
        const char *id = json_object_get_string_member (change, "id");
        g_autofree char *batched = NULL;
        g_autofree char *alone = NULL;
        g_autoptr(PoeRecord) record = NULL;
        g_autoptr(GError) error = NULL;

        g_test_message ("%s, %s", entities[e]->name, full ? "every field" : "required fields");
        g_assert_true (apply_in_batch (fixture->stores[0], change, &error));
        g_assert_no_error (error);
        g_assert_true (poe_store_apply_remote (fixture->stores[1], change, &error));
        g_assert_no_error (error);

        batched = dump_row (fixture->paths[0], entities[e]->name, id);
        alone = dump_row (fixture->paths[1], entities[e]->name, id);
        g_assert_cmpstr (batched, !=, "");
        g_assert_cmpstr (batched, ==, alone);

        record = poe_store_get (fixture->stores[0], entities[e]->name, id, &error);
        g_assert_no_error (error);
        g_assert_cmpint (poe_record_get_rev (record), ==, 7);
        g_assert_cmpstr (poe_record_get_updated_at (record), ==, "2026-11-24T14:06:00Z");
      }
}

/* A replay of the feed (same or older revision) changes nothing, also inside a batch. */
static void
test_new_record_replay (Fixture       *fixture,
                        gconstpointer  data)
{
  const PoeEntityInfo *flight = poe_schema_lookup_entity ("flight");
  g_autoptr(JsonObject) change = new_change (flight, TRUE, 5);
  g_autoptr(JsonObject) older = json_object_ref (change);
  const char *id = json_object_get_string_member (change, "id");
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (apply_in_batch (fixture->stores[0], change, &error));
  json_object_set_string_member (change_data (change), "gate", "C9");
  json_object_set_int_member (change, "rev", 4);
  g_assert_true (apply_in_batch (fixture->stores[0], older, &error));
  g_assert_no_error (error);

  record = poe_store_get (fixture->stores[0], "flight", id, &error);
  g_assert_cmpint (poe_record_get_rev (record), ==, 5);
  g_assert_cmpstr (poe_record_get_string (record, "gate"), ==, "AB1");
  g_assert_cmpuint (poe_store_count_pending (fixture->stores[0]), ==, 0);
}

/* Tests: changes the store cannot use */

static const struct {
  const char *what;
  const char *member;  /* of the change, or of its data after "data." */
  const char *value;   /* JSON text, NULL to remove the member */
} bad_changes[] = {
  { "unknown entity", "entity", "\"spaceship\"" },
  { "invalid id", "id", "\"not-an-id\"" },
  { "no revision", "rev", NULL },
  { "revision 0", "rev", "0" },
  { "data not an object", "data", "[1, 2]" },
  { "unknown field", "data.wingspan", "\"36 m\"" },
  { "number for a text", "data.gate", "12" },
  { "value not allowed", "data.status", "\"teleported\"" },
  { "required field missing", "data.number", NULL },
  { "required field empty", "data.carrier", "\"\"" },
  { "time that does not exist", "data.scheduled_arrival", "\"2026-02-30T10:00:00Z\"" },
  { "text too long", "data.gate", "\"ABCDEFGHIJ\"" },
  { "updated_at not a text", "data.updated_at", "17" },
};

static JsonObject *
bad_change (guint i)
{
  JsonObject *change = new_change (poe_schema_lookup_entity ("flight"), TRUE, 3);
  const char *member = bad_changes[i].member;
  JsonObject *target = change;

  if (g_str_has_prefix (member, "data."))
    {
      target = change_data (change);
      member += strlen ("data.");
    }

  if (bad_changes[i].value == NULL)
    json_object_remove_member (target, member);
  else
    json_object_set_member (target, member, json_from_string (bad_changes[i].value, NULL));

  return change;
}

/* In a page, a change that cannot be used is refused with POE_STORE_ERROR_INVALID and
 * leaves no row; the changes around it apply and only they are announced. */
static void
test_bad_change_in_page (Fixture       *fixture,
                         gconstpointer  data)
{
  const PoeEntityInfo *flight = poe_schema_lookup_entity ("flight");

  for (guint i = 0; i < G_N_ELEMENTS (bad_changes); i++)
    {
      g_autoptr(JsonObject) before = new_change (flight, TRUE, 2);
      g_autoptr(JsonObject) bad = bad_change (i);
      g_autoptr(JsonObject) after = new_change (flight, FALSE, 4);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      const char *bad_id = json_object_get_string_member (bad, "id");

      g_test_message ("%s", bad_changes[i].what);
      g_ptr_array_set_size (fixture->changes, 0);
      fixture->n_emissions = 0;

      g_assert_true (poe_store_begin (fixture->stores[0], &error));
      g_assert_true (poe_store_apply_remote (fixture->stores[0], before, &error));
      g_assert_false (poe_store_apply_remote (fixture->stores[0], bad, &error));
      g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "The server sent a change that cannot be used: "));
      g_clear_error (&error);
      g_assert_true (poe_store_apply_remote (fixture->stores[0], after, &error));
      g_assert_true (poe_store_set_sync_value (fixture->stores[0], "cursor", "42", &error));
      g_assert_true (poe_store_commit (fixture->stores[0], &error));
      g_assert_no_error (error);

      assert_not_stored (fixture->stores[0], "flight", bad_id);
      g_assert_cmpuint (fixture->n_emissions, ==, 1);
      g_assert_cmpuint (fixture->changes->len, ==, 2);
      expected = g_strdup_printf ("flight:%s", json_object_get_string_member (before, "id"));
      g_assert_cmpstr (g_ptr_array_index (fixture->changes, 0), ==, expected);
      g_free (expected);
      expected = g_strdup_printf ("flight:%s", json_object_get_string_member (after, "id"));
      g_assert_cmpstr (g_ptr_array_index (fixture->changes, 1), ==, expected);

      /* Alone, outside a batch, the same refusal. */
      g_assert_false (poe_store_apply_remote (fixture->stores[1], bad, &error));
      g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID);
      assert_not_stored (fixture->stores[1], "flight", bad_id);
    }
}

/* Tests: records with local changes */

/* A field with a pending local mutation keeps the device's value when a newer revision
 * changes it on the server; the mutation stays as it was, so the push still meets the
 * server's rule (a conflict for that field); the other fields take the server's values. */
static void
test_pending_local_field (Fixture       *fixture,
                          gconstpointer  data)
{
  const PoeEntityInfo *flight = poe_schema_lookup_entity ("flight");
  g_autoptr(JsonObject) change = new_change (flight, TRUE, 3);
  g_autoptr(JsonObject) newer = NULL;
  const char *id = json_object_get_string_member (change, "id");
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(PoeRecord) after = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  PoeMutation *mutation;

  g_assert_true (apply_in_batch (fixture->stores[0], change, &error));
  record = poe_store_get (fixture->stores[0], "flight", id, &error);
  poe_record_set_string (record, "gate", "B14");
  g_assert_true (poe_store_save (fixture->stores[0], record, &error));
  g_assert_no_error (error);

  newer = json_object_ref (change);
  json_object_set_int_member (newer, "rev", 4);
  json_object_set_string_member (change_data (newer), "gate", "B12");
  json_object_set_string_member (change_data (newer), "belt", "7");
  g_assert_true (apply_in_batch (fixture->stores[0], newer, &error));
  g_assert_no_error (error);

  after = poe_store_get (fixture->stores[0], "flight", id, &error);
  g_assert_cmpint (poe_record_get_rev (after), ==, 4);
  g_assert_cmpstr (poe_record_get_string (after, "gate"), ==, "B14");
  g_assert_cmpstr (poe_record_get_string (after, "belt"), ==, "7");

  pending = poe_store_outbox_peek (fixture->stores[0], 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  mutation = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (mutation->record_id, ==, id);
  g_assert_cmpint (mutation->base_rev, ==, 3);
  g_assert_cmpstr (mutation->fields, ==, "{\"gate\":\"B14\"}");
  g_assert_true (poe_store_is_pending (fixture->stores[0], "flight", id));
}

/* A tombstone of a record the store never had is kept as one, inside a batch too. */
static void
test_tombstone_of_unknown_record (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(JsonObject) change = new_change (poe_schema_lookup_entity ("flight"), FALSE, 9);
  const char *id = json_object_get_string_member (change, "id");
  g_autofree char *row = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_boolean_member (change, "deleted", TRUE);
  json_object_set_object_member (change, "data", json_object_new ());
  g_assert_true (apply_in_batch (fixture->stores[0], change, &error));
  g_assert_no_error (error);

  assert_not_stored (fixture->stores[0], "flight", id);
  row = dump_row (fixture->paths[0], "flight", id);
  g_assert_nonnull (strstr (row, "\ndeleted=1:1\n"));
  g_assert_nonnull (strstr (row, "\nrev=1:9\n"));
  g_assert_cmpuint (fixture->changes->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/apply/new-record/same-row", test_new_record_same_row);
  ADD ("/core/store/apply/new-record/replay", test_new_record_replay);
  ADD ("/core/store/apply/bad-change/in-page", test_bad_change_in_page);
  ADD ("/core/store/apply/pending-local-field", test_pending_local_field);
  ADD ("/core/store/apply/tombstone/unknown-record", test_tombstone_of_unknown_record);
#undef ADD

  return g_test_run ();
}
