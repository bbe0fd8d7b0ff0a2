/* fuzz-record-json.c
 *
 * libFuzzer target: the record JSON decoding both sides use (a push's mutation on the server,
 * a pulled change in the app): the JSON guard and json-glib, then poe_record_update_from_json()
 * and poe_record_validate() for the entity the input names. What decodes and validates must
 * come back the same through poe_record_to_json(): a record that does not is a finding.
 *
 * {"entity": "case", "fields": {…}}  (a mutation)  or  {"entity": "case", "data": {…}}  (a change)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "poe-core.h"
#include "poe-fuzz.h"

/* The record's JSON text, after decoding @fields; NULL when they do not decode or validate. */
static char *
decode (const PoeEntityInfo *entity,
        JsonObject          *fields)
{
  g_autoptr(PoeRecord) record = poe_record_new_for_entity (entity);
  g_autoptr(JsonObject) encoded = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!poe_record_update_from_json (record, fields, NULL) || !poe_record_validate (record, NULL))
    return NULL;

  encoded = poe_record_to_json (record);
  node = json_node_init_object (json_node_alloc (), encoded);

  return json_to_string (node, FALSE);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  poe_fuzz_init_logging ();

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = poe_json_parse ((const char *) data, (gssize) size, NULL);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const PoeEntityInfo *entity;
  JsonObject *object;
  JsonNode *fields;
  JsonNode *name;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  object = json_node_get_object (root);
  fields = json_object_get_member (object, json_object_has_member (object, "data") ? "data" : "fields");
  name = json_object_get_member (object, "entity");
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields) || name == NULL || !JSON_NODE_HOLDS_VALUE (name) ||
      json_node_get_value_type (name) != G_TYPE_STRING ||
      (entity = poe_schema_lookup_entity (json_node_get_string (name))) == NULL)
    return 0;

  first = decode (entity, json_node_get_object (fields));
  if (first == NULL)
    return 0;

  /* The encoding decodes again (through the guard too), to the same record. */
  again = poe_json_parse (first, -1, NULL);
  g_assert_nonnull (again);
  second = decode (entity, json_node_get_object (again));
  g_assert_nonnull (second);
  g_assert_cmpstr (first, ==, second);

  return 0;
}
