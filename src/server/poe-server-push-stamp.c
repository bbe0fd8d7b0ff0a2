/* poe-server-push-stamp.c
 *
 * What the server writes into a pushed record itself, never taken from the client (issue 17):
 * who did it and when. `updated_at`, the audit row's `at` and the decision and
 * acknowledgement times are the server's clock, the client's own time kept as the audit row's
 * `client_at`; `given_by`, `decided_by` and `acknowledged_by` come from the signed-in user. A
 * client value for these fields is dropped, and one naming another staff member is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <string.h>

#include "poe-server-push-private.h"

/* Fields only the server writes. The staff references among them may be sent as the user's
 * own id (the app does), never as someone else's. */
static const struct
{
  const char *entity;
  const char *field;
  gboolean    names_staff;
} server_owned[] = {
  { "handoff", "given_by", TRUE },
  { "handoff", "acknowledged_by", FALSE },
  { "handoff", "acknowledged_at", FALSE },
  { "time_entry", "decided_by", TRUE },
  { "time_entry", "decided_at", FALSE },
  { "leave_request", "decided_by", TRUE },
  { "leave_request", "decided_at", FALSE },
};


/*
 * Auxiliary methods
 */

static gboolean
changed_has (Push       *p,
             const char *field)
{
  return g_ptr_array_find_with_equal_func (p->changed, field, g_str_equal, NULL);
}

static void
set_field (Push       *p,
           const char *field,
           const char *value)
{
  const PoeFieldInfo *info = poe_entity_lookup_field (p->entity, field);

  if (info == NULL || g_strcmp0 (poe_record_get_string (p->merged, field), value) == 0)
    return;

  poe_record_set_string (p->merged, field, value);
  if (!changed_has (p, field))
    g_ptr_array_add (p->changed, (gpointer) info->name);
}

/* Puts back what was stored (nothing, for a new record) and forgets the change. */
static void
keep_stored (Push       *p,
             const char *field)
{
  int index = poe_entity_field_index (p->entity, field);
  g_autoptr(PoeRecord) blank = poe_record_new_for_entity (p->entity);
  g_autoptr(JsonNode) stored = poe_record_field_to_json (p->old != NULL ? p->old : blank, index);
  guint position;

  poe_record_field_from_json (p->merged, index, stored, NULL);
  if (g_ptr_array_find_with_equal_func (p->changed, field, g_str_equal, &position))
    g_ptr_array_remove_index (p->changed, position);
}

/* How the receiving staff member is named in `acknowledged_by`: their staff record's name. */
static char *
dup_display_name (Push *p)
{
  g_autoptr(PoeRecord) staff = NULL;
  const char *name = NULL;

  staff = p->backend->ops->record_get (p->backend, poe_schema_lookup_entity ("staff"),
                                       p->user->staff_id, NULL);
  if (staff != NULL)
    name = poe_record_get_string (staff, "display_name");

  return g_strdup (name != NULL ? name : p->user->username);
}

/* Accepted or declined by the receiving staff member; confirmed by the giver, who witnessed
 * the outside party named in `to_party` take the family. */
static void
stamp_handoff (Push *p)
{
  const char *state = poe_record_get_string (p->merged, "state");
  g_autofree char *name = NULL;

  if (p->old == NULL)
    {
      set_field (p, "given_by", p->user->staff_id);
      return;
    }

  if (!changed_has (p, "state"))
    return;

  if (g_strcmp0 (state, "accepted") == 0 || g_strcmp0 (state, "declined") == 0)
    name = dup_display_name (p);
  else if (g_strcmp0 (state, "confirmed") == 0)
    name = g_strdup (poe_record_get_string (p->merged, "to_party"));
  else
    return;

  set_field (p, "acknowledged_by", name);
  set_field (p, "acknowledged_at", p->at);
}

static void
stamp_decision (Push *p)
{
  const char *state = poe_record_get_string (p->merged, "state");

  if (!changed_has (p, "state"))
    return;

  if (g_strcmp0 (state, "approved") == 0 || g_strcmp0 (state, "rejected") == 0 ||
      g_strcmp0 (state, "locked") == 0)
    {
      set_field (p, "decided_by", p->user->staff_id);
      set_field (p, "decided_at", p->at);
    }
}


/*
 * Shared with poe-server-push.c
 */

gboolean
_poe_push_reject (GError     **error,
                  const char  *reason)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, reason);
  return FALSE;
}

void
_poe_push_set_field (Push       *p,
                     const char *field,
                     const char *value)
{
  set_field (p, field, value);
}

/**
 * _poe_push_take_server_fields:
 *
 * Drops what the client sent for the fields the server fills, before the role checks see
 * the change; refuses a staff reference naming someone other than the user.
 */
gboolean
_poe_push_take_server_fields (Push    *p,
                              GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (server_owned); i++)
    {
      const char *field = server_owned[i].field;

      if (!g_str_equal (server_owned[i].entity, p->entity->name) || !changed_has (p, field))
        continue;

      if (server_owned[i].names_staff &&
          g_strcmp0 (poe_record_get_string (p->merged, field), p->user->staff_id) != 0)
        return _poe_push_reject (error, "This is recorded under your own name only.");

      keep_stored (p, field);
    }

  return TRUE;
}

void
_poe_push_set_server_fields (Push *p)
{
  const char *name = p->entity->name;
  const char *staff = p->user->staff_id;

  if (g_str_equal (name, "checklist_event") || g_str_equal (name, "incident_comment") ||
      g_str_equal (name, "case_event"))
    set_field (p, "by", staff);
  else if (g_str_equal (name, "handoff"))
    stamp_handoff (p);
  else if (g_str_equal (name, "voucher") && p->old == NULL)
    set_field (p, "issued_by", staff);
  else if (g_str_equal (name, "arrival_notice") && p->old == NULL)
    set_field (p, "sent_by", staff);
  else if (g_str_equal (name, "incident") && p->old == NULL)
    set_field (p, "author_id", staff);
  else if (g_str_equal (name, "time_entry") || g_str_equal (name, "leave_request"))
    stamp_decision (p);

  poe_record_set_updated_by (p->merged, staff);
  poe_record_set_updated_at (p->merged, p->at);
}

/* An administrator's change of an approved or locked time entry keeps its old values. */
void
_poe_push_note_override (Push *p)
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

static PoeRecord *
new_audit (Push       *p,
           const char *action,
           const char *entity,
           const char *id)
{
  PoeRecord *audit = poe_record_new ("audit");

  poe_record_set_string (audit, "who", p->user->staff_id);
  poe_record_set_string (audit, "action", action);
  poe_record_set_string (audit, "entity", entity);
  poe_record_set_string (audit, "record_id", id);
  poe_record_set_string (audit, "at", p->at);
  if (p->client_at != NULL)
    poe_record_set_string (audit, "client_at", p->client_at);
  poe_record_set_updated_by (audit, p->user->staff_id);
  poe_record_set_updated_at (audit, p->at);

  return audit;
}

/* The audit row of a child deleted with its case. */
gboolean
_poe_push_write_cascade_audit (Push        *p,
                               const char  *entity,
                               const char  *id,
                               GError     **error)
{
  g_autoptr(PoeRecord) audit = new_audit (p, "delete", entity, id);

  return p->backend->ops->audit_append (p->backend, audit, error);
}

/* The audit row's `at` is the server's clock; `client_at` what the client said. */
gboolean
_poe_push_write_audit (Push    *p,
                       GError **error)
{
  g_autoptr(PoeRecord) audit = new_audit (p, p->notes != NULL ? "override" : p->op,
                                          p->entity->name, p->id);
  GPtrArray *list = p->notes != NULL ? p->notes : p->changed;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) fields = NULL;

  for (guint i = 0; i < list->len && i < POE_LIST_MAX_DEFAULT; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list, i));
  fields = g_strv_builder_end (builder);

  poe_record_set_strv (audit, "fields", (const char * const *) fields);

  return p->backend->ops->audit_append (p->backend, audit, error);
}
