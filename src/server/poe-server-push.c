/* poe-server-push.c
 *
 * POST /v1/sync/push (docs/protocol.md): each mutation in its own savepoint with its audit
 * row and change-log entry, the whole request in one transaction (one commit, one fsync),
 * idempotent by mutation_id, per-field conflicts against base_rev, the role matrix, and the
 * schema's validation of the merged record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <string.h>

#include "poe-access.h"
#include "poe-server-private.h"

typedef struct
{
  PoeServer           *server;
  PoeBackend          *backend;
  const PoeUser       *user;
  const char          *client_id;
  const char          *mutation_id;
  const PoeEntityInfo *entity;
  const char          *id;
  const char          *op;
  gint64               base_rev;
  char                *at;
  JsonObject          *fields;
  PoeRecord           *old;
  char                *created_by;
  PoeRecord           *merged;
  GPtrArray           *changed;     /* field names from the schema */
  GPtrArray           *notes;       /* old → new values for the audit of an override */
  JsonArray           *conflicts;
  gint64               rev;
  gboolean             logged;
} Push;

static const char * const reserved_members[] = {
  "id", "rev", "updated_at", "updated_by", "deleted", NULL
};
static const char * const case_children[] = {
  "person", "segment", "checklist_event", "handoff", "voucher", "anomaly", "case_event",
  "overnight_stay", "ground_transport", NULL
};


/*
 * Auxiliary methods
 */

static void
push_clear (Push *p)
{
  g_clear_pointer (&p->at, g_free);
  g_clear_object (&p->old);
  g_clear_pointer (&p->created_by, g_free);
  g_clear_object (&p->merged);
  g_clear_pointer (&p->changed, g_ptr_array_unref);
  g_clear_pointer (&p->notes, g_ptr_array_unref);
  g_clear_pointer (&p->conflicts, json_array_unref);
}

static gboolean
reject (GError     **error,
        const char  *reason)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, reason);
  return FALSE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
clamp_time (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = text != NULL ? poe_time_parse_iso8601 (text) : NULL;

  if (at == NULL || g_date_time_compare (at, now) > 0)
    return poe_time_format_iso8601 (now);

  return poe_time_format_iso8601 (at);
}

static gboolean
read_mutation (Push        *p,
               JsonObject  *m,
               GError     **error)
{
  JsonNode *base_rev = json_object_get_member (m, "base_rev");
  JsonNode *fields = json_object_get_member (m, "fields");
  static const char * const ops[] = { "upsert", "delete", "append", NULL };

  p->entity = poe_schema_lookup_entity (member_string (m, "entity"));
  p->id = member_string (m, "id");
  p->op = member_string (m, "op");
  p->at = clamp_time (member_string (m, "at"));

  if (p->entity == NULL)
    return reject (error, "This kind of record is unknown to the server.");
  if (p->id == NULL || !g_uuid_string_is_valid (p->id))
    return reject (error, "The record id is not valid.");
  if (p->op == NULL || !g_strv_contains (ops, p->op))
    return reject (error, "The change is neither an update, a deletion nor an addition.");
  if (base_rev != NULL && (!JSON_NODE_HOLDS_VALUE (base_rev) ||
                           json_node_get_value_type (base_rev) != G_TYPE_INT64 ||
                           json_node_get_int (base_rev) < 0))
    return reject (error, "The change's base revision is not valid.");
  if (fields != NULL && !JSON_NODE_HOLDS_OBJECT (fields) && !JSON_NODE_HOLDS_NULL (fields))
    return reject (error, "The change's fields are not valid.");

  p->base_rev = base_rev != NULL ? json_node_get_int (base_rev) : 0;
  p->fields = fields != NULL && JSON_NODE_HOLDS_OBJECT (fields) ? json_node_get_object (fields) : NULL;

  return TRUE;
}

static gboolean
check_op (Push    *p,
          GError **error)
{
  gboolean append_only = poe_entity_is_append_only (p->entity);

  if (g_str_equal (p->entity->name, "audit"))
    return reject (error, "The audit log is written by the server only.");
  if (append_only && !g_str_equal (p->op, "append"))
    return reject (error, "Entries of this kind can only be added, never changed.");
  if (!append_only && g_str_equal (p->op, "append"))
    return reject (error, "Records of this kind are created with an update, not appended.");
  if (g_str_equal (p->op, "append") && p->old != NULL)
    return reject (error, "This entry was already recorded.");
  if (g_str_equal (p->op, "delete") && (p->old == NULL || poe_record_get_deleted (p->old)))
    return reject (error, "This record no longer exists.");
  if (g_str_equal (p->op, "upsert") && p->old != NULL && poe_record_get_deleted (p->old))
    return reject (error, "This record no longer exists.");

  return TRUE;
}

static void
add_conflict (Push            *p,
              guint            index,
              JsonNode        *client_value,
              PoeFieldVersion *version)
{
  JsonObject *conflict = json_object_new ();

  json_object_set_string_member (conflict, "field", p->entity->fields[index].name);
  json_object_set_member (conflict, "server_value", poe_record_field_to_json (p->old, index));
  json_object_set_member (conflict, "client_value", json_node_copy (client_value));
  json_object_set_string_member (conflict, "server_by", version->by);
  json_object_set_string_member (conflict, "server_at", version->at);
  json_array_add_object_element (p->conflicts, conflict);
}

/* Whether another client changed field @index since the base revision. */
static gboolean
changed_elsewhere (Push            *p,
                   guint            index,
                   PoeFieldVersion *version)
{
  if (p->old == NULL || poe_entity_is_append_only (p->entity))
    return FALSE;

  if (!p->backend->ops->field_version_get (p->backend, p->entity->name, p->id,
                                           p->entity->fields[index].name, version))
    return FALSE;

  return version->seq > p->base_rev && g_strcmp0 (version->client_id, p->client_id) != 0;
}

static gboolean
merge_field (Push        *p,
             const char  *name,
             JsonNode    *node,
             GError     **error)
{
  int index = poe_entity_field_index (p->entity, name);
  g_autoptr(PoeRecord) scratch = NULL;
  PoeFieldVersion version = { 0 };

  if (index < 0)
    return g_strv_contains (reserved_members, name) ||
           reject (error, "The change names a field this kind of record does not have.");

  scratch = poe_record_copy (p->merged);
  if (!poe_record_field_from_json (scratch, index, node, error))
    return FALSE;

  if (p->old != NULL && poe_record_field_equal (p->old, scratch, index))
    return TRUE;

  if (changed_elsewhere (p, index, &version))
    add_conflict (p, index, node, &version);
  else
    {
      poe_record_field_from_json (p->merged, index, node, NULL);
      g_ptr_array_add (p->changed, (gpointer) p->entity->fields[index].name);
    }

  poe_field_version_clear (&version);

  return TRUE;
}

static gboolean
merge (Push    *p,
       GError **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (p->old != NULL)
    p->merged = poe_record_copy (p->old);
  else
    {
      p->merged = poe_record_new_for_entity (p->entity);
      poe_record_set_id (p->merged, p->id);
    }

  if (g_str_equal (p->op, "delete"))
    {
      poe_record_set_deleted (p->merged, TRUE);
      return TRUE;
    }

  if (p->fields == NULL)
    return TRUE;

  json_object_iter_init (&iter, p->fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!merge_field (p, name, node, error))
        return FALSE;
    }

  return TRUE;
}

static void
set_server_field (Push       *p,
                  const char *field,
                  const char *value)
{
  if (g_strcmp0 (poe_record_get_string (p->merged, field), value) == 0)
    return;

  poe_record_set_string (p->merged, field, value);
  if (!g_ptr_array_find_with_equal_func (p->changed, field, g_str_equal, NULL))
    g_ptr_array_add (p->changed, (gpointer) poe_entity_lookup_field (p->entity, field)->name);
}

static void
set_server_fields (Push *p)
{
  const char *name = p->entity->name;
  const char *staff = p->user->staff_id;
  const char *state;

  if (g_str_equal (name, "checklist_event") || g_str_equal (name, "incident_comment") ||
      g_str_equal (name, "case_event"))
    set_server_field (p, "by", staff);
  else if (g_str_equal (name, "handoff") && p->old == NULL)
    set_server_field (p, "given_by", staff);
  else if (g_str_equal (name, "voucher") && p->old == NULL)
    set_server_field (p, "issued_by", staff);
  else if (g_str_equal (name, "incident") && p->old == NULL)
    set_server_field (p, "author_id", staff);
  else if ((g_str_equal (name, "time_entry") || g_str_equal (name, "leave_request")) &&
           g_ptr_array_find_with_equal_func (p->changed, "state", g_str_equal, NULL))
    {
      state = poe_record_get_string (p->merged, "state");
      if (g_strcmp0 (state, "approved") == 0 || g_strcmp0 (state, "rejected") == 0 ||
          g_strcmp0 (state, "locked") == 0)
        set_server_field (p, "decided_by", staff);
    }

  poe_record_set_updated_by (p->merged, staff);
  poe_record_set_updated_at (p->merged, p->at);
}

/* An administrator's change of an approved or locked time entry keeps its old values. */
static void
note_override (Push *p)
{
  const char *state;

  if (!g_str_equal (p->entity->name, "time_entry") || p->old == NULL)
    return;

  state = poe_record_get_string (p->old, "state");
  if ((g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "locked") != 0))
    return;

  p->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < p->changed->len; i++)
    {
      int index = poe_entity_field_index (p->entity, g_ptr_array_index (p->changed, i));
      g_autoptr(JsonNode) before = poe_record_field_to_json (p->old, index);
      g_autoptr(JsonNode) after = poe_record_field_to_json (p->merged, index);
      g_autofree char *a = json_to_string (before, FALSE);
      g_autofree char *b = json_to_string (after, FALSE);

      g_ptr_array_add (p->notes, g_strdup_printf ("%s: %s -> %s", p->entity->fields[index].name, a, b));
    }
}

static gboolean
write_audit (Push    *p,
             GError **error)
{
  g_autoptr(PoeRecord) audit = poe_record_new ("audit");
  GPtrArray *list = p->notes != NULL ? p->notes : p->changed;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) fields = NULL;

  for (guint i = 0; i < list->len && i < POE_LIST_MAX_DEFAULT; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list, i));
  fields = g_strv_builder_end (builder);

  poe_record_set_string (audit, "who", p->user->staff_id);
  poe_record_set_string (audit, "action", p->notes != NULL ? "override" : p->op);
  poe_record_set_string (audit, "entity", p->entity->name);
  poe_record_set_string (audit, "record_id", p->id);
  poe_record_set_string (audit, "at", p->at);
  poe_record_set_strv (audit, "fields", (const char * const *) fields);
  poe_record_set_updated_by (audit, p->user->staff_id);
  poe_record_set_updated_at (audit, p->at);

  return p->backend->ops->audit_append (p->backend, audit, error);
}

static gboolean
relog_children (Push    *p,
                GError **error)
{
  if (!g_str_equal (p->entity->name, "case") ||
      (!g_ptr_array_find_with_equal_func (p->changed, "assigned_staff_ids", g_str_equal, NULL) &&
       !g_ptr_array_find_with_equal_func (p->changed, "sensitivity", g_str_equal, NULL)))
    return TRUE;

  for (guint i = 0; case_children[i] != NULL; i++)
    {
      const PoeEntityInfo *child = poe_schema_lookup_entity (case_children[i]);
      g_autoptr(GPtrArray) records = p->backend->ops->record_find (p->backend, child, "case_id", p->id);

      for (guint j = 0; j < records->len; j++)
        {
          if (p->backend->ops->change_append (p->backend, child->name,
                                              poe_record_get_id (g_ptr_array_index (records, j)),
                                              error) == 0)
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
store (Push    *p,
       GError **error)
{
  PoeBackendOps const *ops = p->backend->ops;
  PoeFieldVersion version = { 0 };

  p->rev = ops->change_append (p->backend, p->entity->name, p->id, error);
  if (p->rev == 0)
    return FALSE;

  poe_record_set_rev (p->merged, p->rev);
  if (!ops->record_put (p->backend, p->merged,
                        p->old != NULL ? p->created_by : p->user->staff_id, error))
    return FALSE;

  version.seq = p->rev;
  version.client_id = (char *) p->client_id;
  version.by = p->user->staff_id;
  version.at = p->at;
  for (guint i = 0; i < p->changed->len; i++)
    {
      if (!ops->field_version_set (p->backend, p->entity->name, p->id,
                                   g_ptr_array_index (p->changed, i), &version, error))
        return FALSE;
    }

  p->logged = TRUE;

  return write_audit (p, error) && relog_children (p, error);
}

static gboolean
apply (Push    *p,
       GError **error)
{
  g_autoptr(GError) local_error = NULL;

  p->old = p->backend->ops->record_get (p->backend, p->entity, p->id, &p->created_by);
  if (!check_op (p, error) || !merge (p, error))
    return FALSE;

  /* A new incident belongs to its author's port of entry: the scope check needs it. */
  if (p->old == NULL && g_str_equal (p->entity->name, "incident"))
    set_server_field (p, "author_id", p->user->staff_id);

  if (!poe_access_check_write (p->backend, p->user, p->op, p->old, p->merged, p->changed, error))
    return FALSE;

  if (p->changed->len == 0 && !g_str_equal (p->op, "delete") && p->old != NULL)
    {
      p->rev = poe_record_get_rev (p->old);
      return TRUE;
    }

  set_server_fields (p);
  if (!poe_record_get_deleted (p->merged) && !poe_record_validate (p->merged, &local_error))
    return reject (error, local_error->message);

  note_override (p);

  return store (p, error);
}

static JsonObject *
new_result (const char *mutation_id,
            const char *status,
            gint64      rev)
{
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "mutation_id", mutation_id);
  json_object_set_string_member (result, "status", status);
  json_object_set_int_member (result, "rev", rev);

  return result;
}

static JsonObject *
duplicate_result (const char *stored)
{
  g_autoptr(JsonNode) node = json_from_string (stored, NULL);
  JsonObject *result;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  result = json_object_ref (json_node_get_object (node));
  json_object_set_string_member (result, "status", "duplicate");

  return result;
}

static JsonObject *
finish_applied (Push    *p,
                GError **error)
{
  JsonObject *result;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  result = new_result (p->mutation_id,
                       json_array_get_length (p->conflicts) > 0 ? "conflict" : "applied", p->rev);
  json_object_set_array_member (result, "conflicts", json_array_ref (p->conflicts));
  node = json_node_init_object (json_node_alloc (), result);
  text = json_to_string (node, FALSE);

  if (!p->backend->ops->mutation_record (p->backend, p->mutation_id, text, error) ||
      !p->backend->ops->commit (p->backend, error))
    {
      json_object_unref (result);
      return NULL;
    }

  return result;
}

/* Applies @m in a savepoint of the request's transaction; *logged says whether it wrote. */
static JsonObject *
push_one (PoeServer     *self,
          const PoeUser *user,
          const char    *client_id,
          JsonObject    *m,
          gboolean      *logged)
{
  Push p = { self, self->backend, user, client_id, member_string (m, "mutation_id") };
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result = NULL;

  stored = self->backend->ops->mutation_lookup (self->backend, p.mutation_id);
  if (stored != NULL && (result = duplicate_result (stored)) != NULL)
    return result;

  p.changed = g_ptr_array_new ();
  p.conflicts = json_array_new ();
  if (read_mutation (&p, m, &error) && self->backend->ops->begin (self->backend, &error))
    {
      if (apply (&p, &error))
        result = finish_applied (&p, &error);
      if (result == NULL)
        self->backend->ops->rollback (self->backend);
    }

  if (result == NULL)
    {
      result = new_result (p.mutation_id, "rejected", p.old != NULL ? poe_record_get_rev (p.old) : 0);
      json_object_set_array_member (result, "conflicts", json_array_new ());
      json_object_set_string_member (result, "error", error->message);
      g_debug ("Mutation %s on %s rejected", p.mutation_id, p.id != NULL ? p.id : "?");
    }
  *logged |= p.logged;
  push_clear (&p);

  return result;
}

/* One transaction for the request: a crash or a failed commit applies none of it, and the
 * client sends it again (replays of what was applied answer "duplicate"). */
static JsonArray *
push_all (PoeServer     *self,
          const PoeUser *user,
          const char    *client_id,
          JsonArray     *mutations)
{
  PoeBackendOps const *ops = self->backend->ops;
  g_autoptr(JsonArray) results = json_array_new ();
  g_autoptr(GError) error = NULL;
  gboolean logged = FALSE;

  if (!ops->begin (self->backend, &error))
    {
      g_warning ("Could not start a push: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (mutations); i++)
    json_array_add_object_element (results, push_one (self, user, client_id,
                                                      json_array_get_object_element (mutations, i),
                                                      &logged));

  if (!ops->commit (self->backend, &error))
    {
      g_warning ("Could not commit a push: %s", error->message);
      ops->rollback (self->backend);
      return NULL;
    }

  if (logged)
    poe_server_notify_changes (self);

  return g_steal_pointer (&results);
}

/* client_id and mutation_id: what the app makes (UUIDs) with room to spare, printable ASCII. */
static gboolean
sync_id_is_valid (const char *id)
{
  gsize length = 0;

  for (const char *p = id; *p != '\0'; p++, length++)
    {
      if (length >= POE_SERVER_MAX_ID || !g_ascii_isgraph (*p))
        return FALSE;
    }

  return length > 0;
}

static gboolean
mutations_valid (JsonArray *mutations)
{
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      JsonNode *node = json_array_get_element (mutations, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          member_string (json_node_get_object (node), "mutation_id") == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
mutation_ids_valid (JsonArray *mutations)
{
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      if (!sync_id_is_valid (member_string (json_array_get_object_element (mutations, i), "mutation_id")))
        return FALSE;
    }

  return TRUE;
}


/*
 * Shared with the other files of PoeServer
 */

void
_poe_server_handle_push (PoeServer         *self,
                         SoupServerMessage *msg,
                         PoeUser           *user)
{
  g_autoptr(JsonObject) body = _poe_server_parse_body (msg);
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *results;
  JsonArray *mutations;
  JsonNode *node;
  const char *client_id;

  if (body == NULL)
    return;

  client_id = member_string (body, "client_id");
  node = json_object_get_member (body, "mutations");
  if (client_id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      !mutations_valid (json_node_get_array (node)))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "A push needs a client_id and a list of mutations, each with a mutation_id.");
      return;
    }

  mutations = json_node_get_array (node);
  if (!sync_id_is_valid (client_id))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "client_id: 1 to 128 printable ASCII characters, like a UUID.");
      return;
    }

  if (!mutation_ids_valid (mutations))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "mutation_id: 1 to 128 printable ASCII characters, like a UUID.");
      return;
    }

  if (json_array_get_length (mutations) > POE_SERVER_MAX_PUSH)
    {
      _poe_server_respond_problem (msg, 400, "invalid-request", "At most 500 mutations a request.");
      return;
    }

  results = push_all (self, user, client_id, mutations);
  if (results == NULL)
    {
      _poe_server_respond_problem (msg, 500, "internal",
                                   "The changes could not be saved; nothing was applied. Send them again.");
      return;
    }

  answer = json_object_new ();
  json_object_set_array_member (answer, "results", results);
  _poe_server_respond_object (msg, 200, answer);
}


/*
 * Public API
 */

static gboolean
put_system_record (PoeServer  *self,
                   PoeRecord  *record,
                   GError    **error)
{
  PoeBackendOps const *ops = self->backend->ops;
  const PoeEntityInfo *entity = poe_record_get_entity (record);
  g_autoptr(PoeRecord) old = ops->record_get (self->backend, entity, poe_record_get_id (record), NULL);
  g_autofree char *now = poe_time_now_iso8601 ();
  PoeFieldVersion version = { 0, (char *) POE_SERVER_CLIENT_ID, NULL, now };
  gint64 seq = ops->change_append (self->backend, entity->name, poe_record_get_id (record), error);

  if (seq == 0)
    return FALSE;

  poe_record_set_rev (record, seq);
  if (poe_record_get_updated_at (record) == NULL)
    poe_record_set_updated_at (record, now);
  if (!ops->record_put (self->backend, record, NULL, error))
    return FALSE;

  version.seq = seq;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (old != NULL ? poe_record_field_equal (old, record, i) : !poe_record_is_set (record, entity->fields[i].name))
        continue;
      if (!ops->field_version_set (self->backend, entity->name, poe_record_get_id (record),
                                   entity->fields[i].name, &version, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * poe_server_put_system:
 * @records: (element-type PoeRecord): records the server itself writes (demo data, the
 *   flight feed), stored as they are in one transaction
 *
 * Logs each record as a change and wakes the long polls.
 */
gboolean
poe_server_put_system (PoeServer  *self,
                       GPtrArray  *records,
                       GError    **error)
{
  PoeBackendOps const *ops;

  g_return_val_if_fail (POE_IS_SERVER (self), FALSE);

  ops = self->backend->ops;
  if (!ops->begin (self->backend, error))
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      if (!put_system_record (self, g_ptr_array_index (records, i), error))
        {
          ops->rollback (self->backend);
          return FALSE;
        }
    }

  if (!ops->commit (self->backend, error))
    {
      ops->rollback (self->backend);
      return FALSE;
    }

  poe_server_notify_changes (self);

  return TRUE;
}
