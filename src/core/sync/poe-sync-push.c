/* poe-sync-push.c
 *
 * The push half of a sync cycle, on the worker thread: the outbox goes out in the order it
 * was made, a batch a request (POST /v1/sync/push), and each batch's results are applied in
 * one transaction: confirmed mutations leave the outbox (with the conflicts the server
 * reports), rejected ones are marked with the server's reason, and a failed request leaves
 * them pending with the reason kept. The UI's store announces these as outbox progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-sync-worker-private.h"


/*
 * Auxiliary methods
 */

static JsonNode *
mutation_to_json (PoeMutation *mutation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) fields = json_from_string (mutation->fields, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mutation_id");
  json_builder_add_string_value (builder, mutation->mutation_id);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, mutation->entity);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, mutation->record_id);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, mutation->op);
  json_builder_set_member_name (builder, "base_rev");
  json_builder_add_int_value (builder, mutation->base_rev);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, mutation->created_at);
  json_builder_set_member_name (builder, "fields");
  if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
    json_builder_add_value (builder, g_steal_pointer (&fields));
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
build_push_body (PoeSync   *sync,
                 GPtrArray *batch)
{
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *mutations = json_array_sized_new (batch->len);

  for (guint i = 0; i < batch->len; i++)
    json_array_add_element (mutations, mutation_to_json (g_ptr_array_index (batch, i)));

  json_object_set_string_member (body, "client_id", poe_store_get_client_id (sync->store));
  json_object_set_array_member (body, "mutations", mutations);

  return json_node_init_object (json_node_alloc (), body);
}

/* Keeps why sending failed with each mutation; the mutations stay pending. */
static void
note_push_failure (PoeSync   *sync,
                   GPtrArray *batch,
                   GError    *failure)
{
  g_autoptr(GError) error = NULL;

  if (!poe_store_begin (sync->store, &error))
    return;

  for (guint i = 0; i < batch->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (batch, i);

      g_clear_error (&error);
      poe_store_outbox_fail (sync->store, mutation->mutation_id, failure->message, &error);
    }

  g_clear_error (&error);
  if (!poe_store_commit (sync->store, &error))
    g_debug ("Could not note the failed push: %s", error->message);
}

static JsonNode *
dup_client_value (JsonObject  *conflict,
                  PoeMutation *mutation,
                  const char  *field)
{
  g_autoptr(JsonNode) fields = NULL;
  JsonNode *node = json_object_get_member (conflict, "client_value");

  if (node != NULL)
    return json_node_copy (node);

  fields = json_from_string (mutation->fields, NULL);
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields) ||
      !(node = json_object_get_member (json_node_get_object (fields), field)))
    return NULL;

  return json_node_copy (node);
}

/* One row in the conflicts inbox per field the server kept; the local row takes the
 * server's value. A value the store cannot use is left out, not fatal. */
static gboolean
add_conflicts (PoeSync      *sync,
               PoeMutation  *mutation,
               JsonArray    *conflicts,
               GError      **error)
{
  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonNode *element = json_array_get_element (conflicts, i);
      g_autoptr(JsonNode) local_value = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *conflict;
      const char *field;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !(field = _poe_sync_member_string ((conflict = json_node_get_object (element)), "field")))
        continue;

      local_value = dup_client_value (conflict, mutation, field);
      if (poe_store_add_conflict (sync->store, mutation->entity, mutation->record_id, field,
                                  local_value, json_object_get_member (conflict, "server_value"),
                                  _poe_sync_member_string (conflict, "server_by"),
                                  _poe_sync_member_string (conflict, "server_at"), &local_error))
        continue;

      if (!g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_debug ("Left out a conflict the store refused: %s", local_error->message);
    }

  return TRUE;
}

/* Applies one result. Returns FALSE only for a failure of the store; *handled says
 * whether the mutation left the pending outbox. */
static gboolean
apply_result (PoeSync      *sync,
              PoeMutation  *mutation,
              JsonObject   *result,
              gboolean     *handled,
              GError      **error)
{
  const char *status = _poe_sync_member_string (result, "status");
  JsonNode *node;
  JsonArray *conflicts = NULL;

  *handled = FALSE;
  if (status == NULL)
    return TRUE;

  if (g_str_equal (status, "rejected"))
    {
      const char *reason = _poe_sync_member_string (result, "error");

      *handled = TRUE;
      return poe_store_outbox_reject (sync->store, mutation->mutation_id,
                                      reason && *reason ? reason : _("The server refused this change."),
                                      error);
    }

  if (!g_str_equal (status, "applied") && !g_str_equal (status, "duplicate") &&
      !g_str_equal (status, "conflict"))
    return TRUE;

  /* A duplicate repeats the first answer's conflicts: they are recorded here unless the
   * first answer was (it completed the mutation in the same transaction). */
  node = json_object_get_member (result, "conflicts");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    conflicts = json_node_get_array (node);

  if (!add_conflicts (sync, mutation, conflicts, error))
    return FALSE;

  *handled = TRUE;
  return poe_store_outbox_complete (sync->store, mutation->mutation_id,
                                    json_object_get_int_member_with_default (result, "rev", 0),
                                    error);
}

static gboolean
apply_results (PoeSync    *sync,
               GPtrArray  *batch,
               JsonNode   *answer,
               GError    **error)
{
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = NULL;
  JsonArray *results;
  guint handled = 0;

  /* A 204 has no body at all. */
  if (answer != NULL)
    node = json_object_get_member (json_node_get_object (answer), "results");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return _poe_sync_set_bad_answer (error, "no results");

  for (guint i = 0; i < batch->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (batch, i);

      g_hash_table_insert (sent, mutation->mutation_id, mutation);
    }

  if (!poe_store_begin (sync->store, error))
    return FALSE;

  results = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      PoeMutation *mutation;
      const char *mutation_id;
      gboolean done;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !(mutation_id = _poe_sync_member_string (json_node_get_object (element), "mutation_id")) ||
          !(mutation = g_hash_table_lookup (sent, mutation_id)))
        continue;

      /* Each mutation once, even if the answer repeats a result. */
      g_hash_table_remove (sent, mutation_id);

      if (!apply_result (sync, mutation, json_node_get_object (element), &done, error))
        {
          poe_store_rollback (sync->store);
          return FALSE;
        }
      handled += done;
    }

  if (!poe_store_commit (sync->store, error))
    return FALSE;

  /* Without progress the same batch would go out again at once. */
  if (handled == 0)
    return _poe_sync_set_bad_answer (error, "no usable result");

  return TRUE;
}

static gboolean
push_batch (PoeSync    *sync,
            GPtrArray  *batch,
            GError    **error)
{
  g_autoptr(PoeHttpResponse) response = NULL;
  g_autoptr(JsonNode) body = build_push_body (sync, batch);
  g_autoptr(GError) local_error = NULL;

  if (_poe_sync_send_request (sync, "POST", "/v1/sync/push", body, 0, &response, &local_error))
    return apply_results (sync, batch, response->json, error);

  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    note_push_failure (sync, batch, local_error);

  /* Too large for the server: send fewer at a time. */
  if (response != NULL && response->status == 413)
    sync->push_batch = MAX (1, sync->push_batch / 2);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}



/*
 * Private API
 */

gboolean
_poe_sync_push_outbox (PoeSync  *sync,
                       GError  **error)
{
  for (;;)
    {
      g_autoptr(GPtrArray) batch = poe_store_outbox_peek (sync->store, sync->push_batch, error);

      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        return TRUE;

      _poe_sync_post_status (sync, POE_SYNC_STATE_SYNCING);
      if (!push_batch (sync, batch, error))
        return FALSE;
    }
}
