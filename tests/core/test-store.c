/* test-store.c
 *
 * The local store's API: create, read, update and delete for every entity, each user write
 * with exactly one outbox mutation and one audit row; append-only entities; the current
 * checklist state; the queries the views use; change announcements; bad input; the outbox
 * and the conflicts inbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

typedef struct
{
  char       *dir;
  char       *path;
  PoeStore   *store;
  GHashTable *parents;   /* entity name → id of a saved record of it */
  GPtrArray  *changes;   /* "entity:id" of each announced change */
} Fixture;

/* Values that differ from the generic ones where a field has a rule of its own. */
static const struct {
  const char *entity;
  const char *field;
  const char *value;
} special_values[] = {
  { "poe", "code", "JFK" },
  { "poe", "time_zone", "America/New_York" },
  { "flight", "carrier", "QR" },
  { "flight", "origin", "DOH" },
  { "flight", "destination", "JFK" },
  { "case", "poe", "JFK" },
  { "person", "nationality", "AFG" },
  { "voucher", "currency", "USD" },
  { "staff", "poe", "JFK" },
  { "shift", "poe", "JFK" },
};

/* Auxiliary methods */

static JsonNode *
valid_value (const PoeEntityInfo *entity,
             const PoeFieldInfo  *field,
             Fixture             *fixture);

static const char *
ensure_parent (Fixture    *fixture,
               const char *entity_name);

static PoeRecord *
new_valid_record (Fixture             *fixture,
                  const PoeEntityInfo *entity)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  PoeRecord *record = poe_record_new_for_entity (entity);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const PoeFieldInfo *field = &entity->fields[i];

      if (field->flags & POE_FIELD_FLAG_REQUIRED)
        json_object_set_member (fields, field->name, valid_value (entity, field, fixture));
    }

  g_assert_true (poe_record_update_from_json (record, fields, &error));
  g_assert_no_error (error);
  return record;
}

static JsonNode *
valid_value (const PoeEntityInfo *entity,
             const PoeFieldInfo  *field,
             Fixture             *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (special_values); i++)
    if (g_str_equal (special_values[i].entity, entity->name) &&
        g_str_equal (special_values[i].field, field->name))
      return json_node_init_string (json_node_alloc (), special_values[i].value);

  switch (field->kind)
    {
    case POE_FIELD_TEXT:
      return json_node_init_string (json_node_alloc (), "Synthetic text");
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
      return json_node_init_string (json_node_alloc (), ensure_parent (fixture, field->ref_entity));
    case POE_FIELD_DECIMAL:
      return json_node_init_string (json_node_alloc (), "125.50");
    case POE_FIELD_JSON:
      return json_node_init_object (json_node_alloc (), json_object_new ());
    case POE_FIELD_LIST:
      {
        JsonArray *array = json_array_new ();

        if (field->enum_values != NULL)
          json_array_add_string_element (array, field->enum_values[0]);
        else if (field->ref_entity != NULL)
          json_array_add_string_element (array, ensure_parent (fixture, field->ref_entity));
        else
          json_array_add_string_element (array, "en");
        return json_node_init_array (json_node_alloc (), array);
      }
    default:
      g_assert_not_reached ();
    }
}

/* Parents are imported (as if pulled from the server), so they add no outbox rows. */
static const char *
ensure_parent (Fixture    *fixture,
               const char *entity_name)
{
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  if ((id = g_hash_table_lookup (fixture->parents, entity_name)))
    return id;

  record = new_valid_record (fixture, poe_schema_lookup_entity (entity_name));
  g_assert_true (poe_store_import (fixture->store, record, &error));
  g_assert_no_error (error);
  g_hash_table_insert (fixture->parents, g_strdup (entity_name), g_strdup (poe_record_get_id (record)));
  return g_hash_table_lookup (fixture->parents, entity_name);
}

static void
on_changed (PoeStore           *store,
            const char         *entity,
            const char * const *ids,
            PoeStoreChange      origin,
            Fixture            *fixture)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (fixture->changes, g_strdup_printf ("%s:%s", entity, ids[i]));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (fixture->store, NULL, "agent");
  fixture->parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  g_hash_table_unref (fixture->parents);
  g_ptr_array_unref (fixture->changes);
}

static gint64
count_rows (Fixture    *fixture,
            const char *entity)
{
  g_autoptr(GError) error = NULL;
  gint64 n = poe_store_count (fixture->store, entity, &error);

  g_assert_no_error (error);
  return n;
}

static PoeMutation *
last_mutation (Fixture *fixture)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;

  pending = poe_store_outbox_peek (fixture->store, 10000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, >, 0);
  return poe_mutation_copy (g_ptr_array_index (pending, pending->len - 1));
}

/* A text or code field a user would edit, or -1. */
static int
editable_field (const PoeEntityInfo *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if ((entity->fields[i].kind == POE_FIELD_TEXT) &&
        !g_str_equal (entity->fields[i].name, "time_zone"))
      return (int) i;
  return -1;
}

static gboolean
fields_json_has (PoeMutation *mutation,
                 const char  *field)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, mutation->fields, -1, NULL));
  return json_object_has_member (json_node_get_object (json_parser_get_root (parser)), field);
}

static PoeRecord *
save_new (Fixture    *fixture,
          const char *entity_name)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record = new_valid_record (fixture, poe_schema_lookup_entity (entity_name));

  g_assert_true (poe_store_save (fixture->store, record, &error));
  g_assert_no_error (error);
  return record;
}

/* Tests: every entity */

static void
test_crud_every_entity (Fixture       *fixture,
                        gconstpointer  data)
{
  const PoeEntityInfo * const *entities;
  guint n_entities;

  entities = poe_schema_get_entities (&n_entities);
  for (guint e = 0; e < n_entities; e++)
    {
      const PoeEntityInfo *entity = entities[e];
      g_autoptr(PoeRecord) record = NULL;
      g_autoptr(PoeRecord) stored = NULL;
      g_autoptr(PoeMutation) mutation = NULL;
      g_autoptr(GError) error = NULL;
      guint pending;
      gint64 audits, rows;
      int edit;

      if (g_str_equal (entity->name, "audit"))
        continue;

      g_test_message ("entity %s", entity->name);
      record = new_valid_record (fixture, entity);
      pending = poe_store_count_pending (fixture->store);
      audits = count_rows (fixture, "audit");
      rows = count_rows (fixture, entity->name);

      /* Create */
      g_assert_true (poe_store_save (fixture->store, record, &error));
      g_assert_no_error (error);
      g_assert_cmpint (count_rows (fixture, entity->name), ==, rows + 1);
      g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 1);
      g_assert_cmpint (count_rows (fixture, "audit"), ==, audits + 1);
      mutation = last_mutation (fixture);
      g_assert_cmpstr (mutation->entity, ==, entity->name);
      g_assert_cmpstr (mutation->record_id, ==, poe_record_get_id (record));
      g_assert_cmpstr (mutation->op, ==, poe_entity_is_append_only (entity) ? "append" : "upsert");
      g_assert_cmpint (mutation->base_rev, ==, 0);
      g_assert_true (poe_store_is_pending (fixture->store, entity->name, poe_record_get_id (record)));

      /* Read: every field as saved */
      stored = poe_store_get (fixture->store, entity->name, poe_record_get_id (record), &error);
      g_assert_no_error (error);
      for (guint i = 0; i < entity->n_fields; i++)
        g_assert_true (poe_record_field_equal (stored, record, i));
      g_assert_cmpstr (poe_record_get_updated_at (stored), !=, NULL);

      if (poe_entity_is_append_only (entity))
        {
          /* Append-only: neither an update nor a delete, and nothing written. */
          if ((edit = editable_field (entity)) >= 0)
            poe_record_set_string (stored, entity->fields[edit].name, "Changed text");
          g_assert_false (poe_store_save (fixture->store, stored, &error));
          g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_APPEND_ONLY);
          g_clear_error (&error);
          g_assert_false (poe_store_delete (fixture->store, entity->name, poe_record_get_id (record), &error));
          g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_APPEND_ONLY);
          g_clear_error (&error);
          g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 1);
          g_assert_cmpint (count_rows (fixture, "audit"), ==, audits + 1);
          continue;
        }

      /* Update: one field, sent alone, based on the stored revision */
      if ((edit = editable_field (entity)) >= 0)
        {
          const char *name = entity->fields[edit].name;
          g_autoptr(PoeRecord) again = NULL;
          g_autoptr(PoeMutation) update = NULL;

          poe_record_set_string (stored, name, "Changed text");
          g_assert_true (poe_store_save (fixture->store, stored, &error));
          g_assert_no_error (error);
          again = poe_store_get (fixture->store, entity->name, poe_record_get_id (record), &error);
          g_assert_cmpstr (poe_record_get_string (again, name), ==, "Changed text");
          update = last_mutation (fixture);
          g_assert_cmpstr (update->op, ==, "upsert");
          g_assert_true (fields_json_has (update, name));
          g_assert_cmpint (count_rows (fixture, "audit"), ==, audits + 2);
          g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 2);

          /* Saving it unchanged is no change: nothing queued, nothing audited. */
          g_assert_true (poe_store_save (fixture->store, again, &error));
          g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 2);
          audits++;
          pending++;
        }

      /* Delete: a tombstone, gone from reads, queued */
      g_assert_true (poe_store_delete (fixture->store, entity->name, poe_record_get_id (record), &error));
      g_assert_no_error (error);
      g_assert_cmpint (count_rows (fixture, entity->name), ==, rows);
      g_assert_null (poe_store_get (fixture->store, entity->name, poe_record_get_id (record), &error));
      g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 2);
      g_assert_cmpint (count_rows (fixture, "audit"), ==, audits + 2);
      g_clear_pointer (&mutation, poe_mutation_free);
      mutation = last_mutation (fixture);
      g_assert_cmpstr (mutation->op, ==, "delete");
    }
}

/* The audit trail is the store's own: nobody saves an audit row by hand. */
static void
test_audit_not_writable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PoeRecord) record = new_valid_record (fixture, poe_schema_lookup_entity ("audit"));
  g_autoptr(GError) error = NULL;

  g_assert_false (poe_store_save (fixture->store, record, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 0);
  g_assert_cmpint (count_rows (fixture, "audit"), ==, 0);
}

static void
add_event (Fixture    *fixture,
           const char *case_id,
           const char *person_id,
           const char *step,
           const char *value,
           const char *at)
{
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autoptr(GDateTime) time = poe_time_parse_iso8601 (at);
  g_autoptr(GError) error = NULL;

  poe_record_set_string (event, "case_id", case_id);
  poe_record_set_string (event, "person_id", person_id);
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", value);
  poe_record_set_time (event, "at", time);
  g_assert_true (poe_store_save (fixture->store, event, &error));
  g_assert_no_error (error);
}

static const char *
state_value (GHashTable *state,
             const char *step,
             const char *person_id)
{
  g_autofree char *key = poe_checklist_state_key (step, person_id);
  PoeRecord *event = g_hash_table_lookup (state, key);

  return event ? poe_record_get_string (event, "value") : NULL;
}

static void
test_checklist_state (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *case_id = ensure_parent (fixture, "case");
  g_autoptr(PoeRecord) person_a = save_new (fixture, "person");
  g_autoptr(PoeRecord) person_b = save_new (fixture, "person");
  g_autoptr(GHashTable) state = NULL;
  g_autoptr(GError) error = NULL;
  const char *a = poe_record_get_id (person_a);
  const char *b = poe_record_get_id (person_b);

  /* Out of order on purpose: the latest "at" wins, not the latest insert. */
  add_event (fixture, case_id, NULL, POE_STEP_ARRIVAL_MET, "done", "2026-11-24T14:00:00Z");
  add_event (fixture, case_id, NULL, POE_STEP_ARRIVAL_MET, "done", "2026-11-24T14:20:00Z");
  add_event (fixture, case_id, NULL, POE_STEP_ARRIVAL_MET, "undone", "2026-11-24T14:10:00Z");
  add_event (fixture, case_id, a, POE_STEP_CBP_PRIMARY_CLEARED, "done", "2026-11-24T14:30:00Z");
  add_event (fixture, case_id, b, POE_STEP_CBP_PRIMARY_CLEARED, "done", "2026-11-24T14:30:00Z");
  add_event (fixture, case_id, b, POE_STEP_CBP_PRIMARY_CLEARED, "undone", "2026-11-24T14:31:00Z");
  add_event (fixture, case_id, NULL, POE_STEP_BAGGAGE_CLAIMED, "not_applicable", "2026-11-24T14:40:00Z");

  state = poe_store_get_checklist_state (fixture->store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (state_value (state, POE_STEP_ARRIVAL_MET, NULL), ==, "done");
  g_assert_cmpstr (state_value (state, POE_STEP_CBP_PRIMARY_CLEARED, a), ==, "done");
  g_assert_cmpstr (state_value (state, POE_STEP_CBP_PRIMARY_CLEARED, b), ==, "undone");
  g_assert_cmpstr (state_value (state, POE_STEP_BAGGAGE_CLAIMED, NULL), ==, "not_applicable");
  g_assert_null (state_value (state, POE_STEP_TSA_CLEARED, NULL));
  g_assert_cmpuint (g_hash_table_size (state), ==, 4);
}

/* Tests: queries */

static PoeRecord *
import_flight (Fixture    *fixture,
               const char *number,
               const char *scheduled)
{
  g_autoptr(GDateTime) time = poe_time_parse_iso8601 (scheduled);
  g_autoptr(GError) error = NULL;
  PoeRecord *flight = new_valid_record (fixture, poe_schema_lookup_entity ("flight"));

  poe_record_set_string (flight, "number", number);
  poe_record_set_time (flight, "scheduled_arrival", time);
  g_assert_true (poe_store_import (fixture->store, flight, &error));
  g_assert_no_error (error);
  return flight;
}

static char *
join_field (GPtrArray  *records,
            const char *field)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "",
                            poe_record_get_string (g_ptr_array_index (records, i), field));
  return g_string_free (out, FALSE);
}

static void
test_queries (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PoeRecord) f1 = import_flight (fixture, "701", "2026-11-24T10:00:00Z");
  g_autoptr(PoeRecord) f2 = import_flight (fixture, "703", "2026-11-24T12:00:00Z");
  g_autoptr(PoeRecord) f3 = import_flight (fixture, "705", "2026-11-24T14:00:00Z");
  g_autoptr(PoeRecord) case_a = new_valid_record (fixture, poe_schema_lookup_entity ("case"));
  g_autoptr(PoeRecord) case_b = new_valid_record (fixture, poe_schema_lookup_entity ("case"));
  g_autoptr(PoeRecord) other = new_valid_record (fixture, poe_schema_lookup_entity ("case"));
  g_autoptr(GDateTime) from = poe_time_parse_iso8601 ("2026-11-24T10:00:00Z");
  g_autoptr(GDateTime) to = poe_time_parse_iso8601 ("2026-11-24T14:00:00Z");
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *case_numbers = NULL;

  /* Window: from inclusive, to exclusive, by scheduled arrival */
  flights = poe_store_list_flights_between (fixture->store, from, to, &error);
  g_assert_no_error (error);
  numbers = join_field (flights, "number");
  g_assert_cmpstr (numbers, ==, "701,703");

  poe_record_set_string (case_a, "case_number", "US-2026-900002");
  poe_record_set_string (case_a, "inbound_flight_id", poe_record_get_id (f2));
  poe_record_set_string (case_b, "case_number", "US-2026-900001");
  poe_record_set_string (case_b, "inbound_flight_id", poe_record_get_id (f2));
  poe_record_set_string (other, "case_number", "US-2026-900003");
  poe_record_set_string (other, "inbound_flight_id", poe_record_get_id (f1));
  g_assert_true (poe_store_save (fixture->store, case_a, &error));
  g_assert_true (poe_store_save (fixture->store, case_b, &error));
  g_assert_true (poe_store_save (fixture->store, other, &error));
  g_assert_no_error (error);

  cases = poe_store_list_cases_for_flight (fixture->store, poe_record_get_id (f2), &error);
  case_numbers = join_field (cases, "case_number");
  g_assert_cmpstr (case_numbers, ==, "US-2026-900001,US-2026-900002");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PoeRecord) person = new_valid_record (fixture, poe_schema_lookup_entity ("person"));

      poe_record_set_string (person, "case_id", poe_record_get_id (i < 2 ? case_a : case_b));
      g_assert_true (poe_store_save (fixture->store, person, &error));
    }
  persons = poe_store_list_persons_for_case (fixture->store, poe_record_get_id (case_a), &error);
  g_assert_cmpuint (persons->len, ==, 2);

  {
    g_autoptr(PoeRecord) found = poe_store_find_by_field (fixture->store, "case", "case_number",
                                                          "US-2026-900003", &error);
    g_assert_nonnull (found);
    g_assert_cmpstr (poe_record_get_id (found), ==, poe_record_get_id (other));
  }
}

static void
test_open_incidents_and_time_entries (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(PoeRecord) open = new_valid_record (fixture, poe_schema_lookup_entity ("incident"));
  g_autoptr(PoeRecord) closed = new_valid_record (fixture, poe_schema_lookup_entity ("incident"));
  g_autoptr(PoeRecord) mine = new_valid_record (fixture, poe_schema_lookup_entity ("time_entry"));
  g_autoptr(PoeRecord) other_staff = new_valid_record (fixture, poe_schema_lookup_entity ("staff"));
  g_autoptr(PoeRecord) theirs = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  poe_record_set_string (open, "status", "under_review");
  poe_record_set_string (closed, "status", "closed");
  g_assert_true (poe_store_save (fixture->store, open, &error));
  g_assert_true (poe_store_save (fixture->store, closed, &error));
  incidents = poe_store_list_open_incidents (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incidents->len, ==, 1);
  g_assert_cmpstr (poe_record_get_id (g_ptr_array_index (incidents, 0)), ==, poe_record_get_id (open));

  g_assert_true (poe_store_import (fixture->store, other_staff, &error));
  theirs = new_valid_record (fixture, poe_schema_lookup_entity ("time_entry"));
  poe_record_set_string (theirs, "staff_id", poe_record_get_id (other_staff));
  g_assert_true (poe_store_save (fixture->store, mine, &error));
  g_assert_true (poe_store_save (fixture->store, theirs, &error));
  g_assert_no_error (error);
  entries = poe_store_list_time_entries (fixture->store, poe_record_get_string (mine, "staff_id"),
                                         NULL, NULL, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (poe_record_get_id (g_ptr_array_index (entries, 0)), ==, poe_record_get_id (mine));
}

/* Announced after the commit, with the entity and the id; nothing for a failed write. */
static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PoeRecord) flight = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  flight = save_new (fixture, "flight");
  expected = g_strdup_printf ("flight:%s", poe_record_get_id (flight));
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->changes, 0), ==, expected);

  poe_record_set_string (flight, "status", "not-a-status");
  g_assert_false (poe_store_save (fixture->store, flight, &error));
  g_assert_cmpuint (fixture->changes->len, ==, 1);

  /* Inside a batch, nothing is announced before the commit. */
  g_ptr_array_set_size (fixture->changes, 0);
  g_assert_true (poe_store_begin (fixture->store, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PoeRecord) more = new_valid_record (fixture, poe_schema_lookup_entity ("flight"));
      g_assert_true (poe_store_import (fixture->store, more, &error));
    }
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_true (poe_store_commit (fixture->store, &error));
  g_assert_cmpuint (fixture->changes->len, ==, 3);
}

/* Tests: bad input */

static const struct {
  const char *entity;
  const char *field;
  const char *value;   /* NULL: unset a required field */
} bad_values[] = {
  { "flight", "carrier", NULL },
  { "flight", "status", "boarding-soon" },
  { "flight", "scheduled_arrival", "2026-11-24 14:05" },
  { "flight", "scheduled_arrival", "2026-02-30T10:00:00Z" },
  { "flight", "scheduled_arrival", "2026-11-24T25:00:00Z" },
  { "person", "date_of_birth", "2026-02-30" },
  { "person", "date_of_birth", "2026-13-01" },
  { "person", "surname", "Inv\xc3\x28lid" },
  { "person", "surname", "Tab\x01here" },
  { "person", "case_id", "not-a-uuid" },
  { "voucher", "amount", "12.505" },
  { "voucher", "amount", "-3" },
  { "case", "case_number", "US 2026; DROP TABLE case" },
};

static void
test_bad_values (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      const PoeEntityInfo *entity = poe_schema_lookup_entity (bad_values[i].entity);
      g_autoptr(PoeRecord) record = new_valid_record (fixture, entity);
      g_autoptr(GError) error = NULL;
      gint64 rows = count_rows (fixture, entity->name);

      g_test_message ("%s.%s", bad_values[i].entity, bad_values[i].field);
      poe_record_set_string (record, bad_values[i].field, bad_values[i].value);
      g_assert_false (poe_store_save (fixture->store, record, &error));
      g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (count_rows (fixture, entity->name), ==, rows);
      g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 0);
      g_assert_cmpint (count_rows (fixture, "audit"), ==, 0);
    }
}

static void
test_bad_sizes (Fixture       *fixture,
                gconstpointer  data)
{
  const PoeEntityInfo *incident = poe_schema_lookup_entity ("incident");
  const PoeFieldInfo *narrative = poe_entity_lookup_field (incident, "narrative");
  const PoeFieldInfo *case_ids = poe_entity_lookup_field (incident, "case_ids");
  g_autoptr(PoeRecord) record = new_valid_record (fixture, incident);
  g_autofree char *longest = g_strnfill (poe_field_max_length (narrative), 'a');
  g_autofree char *too_long = g_strnfill (poe_field_max_length (narrative) + 1, 'a');
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) too_many = NULL;
  g_autoptr(GError) error = NULL;

  poe_record_set_string (record, "narrative", too_long);
  g_assert_false (poe_store_save (fixture->store, record, &error));
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  poe_record_set_string (record, "narrative", longest);
  for (guint i = 0; i <= poe_field_max_length (case_ids); i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_strv_builder_add (builder, id);
    }
  too_many = g_strv_builder_end (builder);
  poe_record_set_strv (record, "case_ids", (const char * const *) too_many);
  g_assert_false (poe_store_save (fixture->store, record, &error));
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "incident"), ==, 0);

  /* At the limit it is fine. */
  poe_record_set_strv (record, "case_ids", NULL);
  g_assert_true (poe_store_save (fixture->store, record, &error));
  g_assert_no_error (error);
}

static void
test_bad_references (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PoeRecord) person = new_valid_record (fixture, poe_schema_lookup_entity ("person"));
  g_autofree char *missing = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  poe_record_set_string (person, "case_id", missing);
  g_assert_false (poe_store_save (fixture->store, person, &error));
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (poe_store_get (fixture->store, "no_such_entity", missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (poe_store_delete (fixture->store, "case", missing, &error));
  g_assert_error (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 0);
}

/* Tests: outbox and conflicts */

static void
test_outbox_lifecycle (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PoeRecord) a = save_new (fixture, "anomaly");
  g_autoptr(PoeRecord) b = save_new (fixture, "voucher");
  g_autoptr(PoeRecord) c = save_new (fixture, "incident");
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GError) error = NULL;
  PoeMutation *first, *second, *third;

  pending = poe_store_outbox_peek (fixture->store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  first = g_ptr_array_index (pending, 0);
  second = g_ptr_array_index (pending, 1);
  third = g_ptr_array_index (pending, 2);
  g_assert_cmpstr (first->record_id, ==, poe_record_get_id (a));
  g_assert_cmpstr (second->record_id, ==, poe_record_get_id (b));
  g_assert_cmpstr (third->record_id, ==, poe_record_get_id (c));

  g_assert_true (poe_store_outbox_complete (fixture->store, first->mutation_id, 7, &error));
  g_assert_true (poe_store_outbox_fail (fixture->store, second->mutation_id, "server unreachable", &error));
  g_assert_true (poe_store_outbox_reject (fixture->store, third->mutation_id, "not allowed", &error));
  g_assert_no_error (error);

  g_assert_false (poe_store_is_pending (fixture->store, "anomaly", poe_record_get_id (a)));
  again = poe_store_outbox_peek (fixture->store, 10, &error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (((PoeMutation *) g_ptr_array_index (again, 0))->mutation_id, ==, second->mutation_id);
  g_assert_cmpint (((PoeMutation *) g_ptr_array_index (again, 0))->attempts, ==, 1);
  g_assert_cmpuint (poe_store_count_rejected (fixture->store), ==, 1);
  rejected = poe_store_outbox_list_rejected (fixture->store, &error);
  g_assert_cmpuint (rejected->len, ==, 1);
  g_assert_cmpstr (((PoeMutation *) g_ptr_array_index (rejected, 0))->last_error, ==, "not allowed");

  g_assert_true (poe_store_outbox_discard (fixture->store, third->mutation_id, &error));
  g_assert_cmpuint (poe_store_count_rejected (fixture->store), ==, 0);
}

static void
test_conflicts (Fixture       *fixture,
                gconstpointer  data)
{
  static const PoeConflictResolution resolutions[] = {
    POE_CONFLICT_KEEP_MINE, POE_CONFLICT_TAKE_THEIRS, POE_CONFLICT_EDIT,
  };
  static const char * const expected[] = { "B14", "B12", "C3" };

  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    {
      g_autoptr(PoeRecord) flight = save_new (fixture, "flight");
      g_autoptr(PoeRecord) after = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(GPtrArray) pending = NULL;
      g_autoptr(JsonNode) mine = json_node_init_string (json_node_alloc (), "B14");
      g_autoptr(JsonNode) theirs = json_node_init_string (json_node_alloc (), "B12");
      g_autoptr(JsonNode) edited = json_node_init_string (json_node_alloc (), "C3");
      g_autoptr(GError) error = NULL;
      PoeConflict *conflict;
      guint queued;

      g_assert_true (poe_store_add_conflict (fixture->store, "flight", poe_record_get_id (flight), "gate",
                                             mine, theirs, "staff-id", "2026-11-24T14:00:00Z", &error));
      g_assert_no_error (error);
      g_assert_cmpuint (poe_store_count_conflicts (fixture->store), ==, 1);
      conflicts = poe_store_list_conflicts (fixture->store, &error);
      conflict = g_ptr_array_index (conflicts, 0);
      g_assert_cmpstr (conflict->field, ==, "gate");
      g_assert_cmpstr (conflict->local_value, ==, "\"B14\"");
      g_assert_cmpstr (conflict->server_value, ==, "\"B12\"");

      /* Until the user decides, the device shows the server's value. */
      after = poe_store_get (fixture->store, "flight", poe_record_get_id (flight), &error);
      g_assert_cmpstr (poe_record_get_string (after, "gate"), ==, "B12");
      g_clear_object (&after);

      queued = poe_store_count_pending (fixture->store);
      g_assert_true (poe_store_resolve_conflict (fixture->store, conflict->id, resolutions[i],
                                                 resolutions[i] == POE_CONFLICT_EDIT ? edited : NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (poe_store_count_conflicts (fixture->store), ==, 0);
      after = poe_store_get (fixture->store, "flight", poe_record_get_id (flight), &error);
      g_assert_cmpstr (poe_record_get_string (after, "gate"), ==, expected[i]);

      /* Keeping mine or editing is a new change for the server; taking theirs is not. */
      g_assert_cmpuint (poe_store_count_pending (fixture->store), ==,
                        queued + (resolutions[i] == POE_CONFLICT_TAKE_THEIRS ? 0 : 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/store/crud/every-entity", test_crud_every_entity);
  ADD ("/core/store/crud/audit-not-writable", test_audit_not_writable);
  ADD ("/core/store/checklist/current-state", test_checklist_state);
  ADD ("/core/store/query/flights-cases-persons", test_queries);
  ADD ("/core/store/query/incidents-time-entries", test_open_incidents_and_time_entries);
  ADD ("/core/store/changed-signal", test_changed_signal);
  ADD ("/core/store/bad-input/values", test_bad_values);
  ADD ("/core/store/bad-input/sizes", test_bad_sizes);
  ADD ("/core/store/bad-input/references", test_bad_references);
  ADD ("/core/store/outbox/lifecycle", test_outbox_lifecycle);
  ADD ("/core/store/conflicts/resolve", test_conflicts);
#undef ADD

  return g_test_run ();
}
