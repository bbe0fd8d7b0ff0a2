/* poe-access.c
 *
 * docs/roles.md as code. Every rule here has a cell in that table; the reasons are shown to
 * the user who pushed the change, so they say what happened in plain words and never name
 * a person.
 *
 * This file holds the roles and the read side: to which port of entry a record belongs
 * (through its case, flight, incident or staff member) and what a user sees of it in the
 * changes feed. Who may push which mutation is in poe-access-write.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-access"

#include "config.h"

#include <string.h>

#include "poe-access.h"
#include "poe-access-private.h"

static const char * const role_names[] = { "agent", "lead", "supervisor", "admin", NULL };


/*
 * Auxiliary methods
 */

/* @memo (nullable): records already read for one page of the feed, "entity/id" → record */
static PoeRecord *
lookup_in (PoeBackend *backend,
           GHashTable *memo,
           const char *entity,
           const char *id)
{
  g_autofree char *key = NULL;
  PoeRecord *record;

  if (id == NULL || *id == '\0')
    return NULL;

  if (memo == NULL)
    return backend->ops->record_get (backend, poe_schema_lookup_entity (entity), id, NULL);

  key = g_strconcat (entity, "/", id, NULL);
  record = g_hash_table_lookup (memo, key);
  if (record == NULL)
    {
      record = backend->ops->record_get (backend, poe_schema_lookup_entity (entity), id, NULL);
      if (record == NULL)
        return NULL;
      g_hash_table_insert (memo, g_steal_pointer (&key), record);
    }

  return g_object_ref (record);
}


static gboolean
is_case_child (PoeRecord *record)
{
  static const char * const children[] = {
    "person", "segment", "checklist_event", "handoff", "voucher", "case_event",
    "overnight_stay", "ground_transport", NULL
  };

  return g_strv_contains (children, poe_record_get_entity_name (record)) ||
         (is_entity (record, "anomaly") && get_str (record, "case_id") != NULL);
}

static gboolean
case_of_visible_in (PoeBackend    *backend,
                    GHashTable    *memo,
                    const PoeUser *user,
                    PoeRecord     *record)
{
  g_autoptr(PoeRecord) kase = NULL;

  if (record == NULL)
    return TRUE;

  if (is_entity (record, "case"))
    return _poe_access_case_visible (user, record);

  if (poe_role_from_string (user->role) >= POE_ROLE_LEAD)
    return TRUE;

  kase = lookup_in (backend, memo, "case", get_str (record, "case_id"));

  return _poe_access_case_visible (user, kase);
}

static gboolean
incident_names_assigned_case (PoeBackend    *backend,
                              GHashTable    *memo,
                              const PoeUser *user,
                              PoeRecord     *incident)
{
  const char * const *case_ids = poe_record_get_strv (incident, "case_ids");

  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) kase = lookup_in (backend, memo, "case", case_ids[i]);

      if (kase != NULL &&
          strv_has (poe_record_get_strv (kase, "assigned_staff_ids"), user->staff_id))
        return TRUE;
    }

  return FALSE;
}

static PoeAccess
read_in_poe (PoeBackend    *backend,
             GHashTable    *memo,
             const PoeUser *user,
             PoeRecord     *record)
{
  PoeRole role = poe_role_from_string (user->role);

  if (is_entity (record, "audit"))
    return role >= POE_ROLE_SUPERVISOR ? POE_ACCESS_FULL : POE_ACCESS_HIDDEN;

  if (is_entity (record, "case") || is_case_child (record))
    return case_of_visible_in (backend, memo, user, record) ? POE_ACCESS_FULL : POE_ACCESS_TOMBSTONE;

  if (is_entity (record, "incident"))
    return _poe_access_read_incident (backend, memo, user, record);

  if (is_entity (record, "incident_comment"))
    {
      g_autoptr(PoeRecord) incident = lookup_in (backend, memo, "incident", get_str (record, "incident_id"));

      return incident != NULL ? _poe_access_read_incident (backend, memo, user, incident)
                              : POE_ACCESS_TOMBSTONE;
    }

  if ((is_entity (record, "time_entry") || is_entity (record, "leave_request")) &&
      role == POE_ROLE_AGENT && g_strcmp0 (get_str (record, "staff_id"), user->staff_id) != 0)
    return POE_ACCESS_TOMBSTONE;

  return POE_ACCESS_FULL;
}


/*
 * Private API: for poe-access-write.c
 */

PoeRecord *
_poe_access_lookup (PoeBackend *backend,
                    const char *entity,
                    const char *id)
{
  return lookup_in (backend, NULL, entity, id);
}

gboolean
_poe_access_case_visible (const PoeUser *user,
                          PoeRecord     *kase)
{
  PoeRole role = poe_role_from_string (user->role);

  if (kase == NULL)
    return FALSE;

  if (role >= POE_ROLE_LEAD || g_strcmp0 (get_str (kase, "sensitivity"), "none") == 0)
    return TRUE;

  return strv_has (poe_record_get_strv (kase, "assigned_staff_ids"), user->staff_id);
}

gboolean
_poe_access_case_of_visible (PoeBackend    *backend,
                             const PoeUser *user,
                             PoeRecord     *record)
{
  return case_of_visible_in (backend, NULL, user, record);
}

PoeAccess
_poe_access_read_incident (PoeBackend    *backend,
                           GHashTable    *memo,
                           const PoeUser *user,
                           PoeRecord     *incident)
{
  if (poe_role_from_string (user->role) >= POE_ROLE_LEAD ||
      g_strcmp0 (get_str (incident, "author_id"), user->staff_id) == 0 ||
      incident_names_assigned_case (backend, memo, user, incident))
    return POE_ACCESS_FULL;

  return POE_ACCESS_TOMBSTONE;
}


/*
 * Public API
 */

gboolean
poe_role_is_valid (const char *role)
{
  return role != NULL && g_strv_contains (role_names, role);
}

PoeRole
poe_role_from_string (const char *role)
{
  for (guint i = 0; role != NULL && role_names[i] != NULL; i++)
    {
      if (g_str_equal (role_names[i], role))
        return (PoeRole) i;
    }

  return POE_ROLE_AGENT;
}

static char *
record_poe (PoeBackend *backend,
            GHashTable *memo,
            PoeRecord  *record)
{
  const char *name = poe_record_get_entity_name (record);
  g_autoptr(PoeRecord) parent = NULL;

  if (g_str_equal (name, "poe"))
    return g_strdup (get_str (record, "code"));
  if (g_str_equal (name, "flight"))
    return g_strdup (get_str (record, "destination"));
  if (g_str_equal (name, "case") || g_str_equal (name, "staff") || g_str_equal (name, "shift"))
    return g_strdup (get_str (record, "poe"));

  if (is_case_child (record))
    parent = lookup_in (backend, memo, "case", get_str (record, "case_id"));
  else if (g_str_equal (name, "anomaly"))
    parent = lookup_in (backend, memo, "flight", get_str (record, "flight_id"));
  else if (g_str_equal (name, "incident_comment"))
    parent = lookup_in (backend, memo, "incident", get_str (record, "incident_id"));
  else if (g_str_equal (name, "incident"))
    parent = lookup_in (backend, memo, "staff", get_str (record, "author_id"));
  else if (g_str_equal (name, "audit"))
    parent = lookup_in (backend, memo, "staff", get_str (record, "who"));
  else
    parent = lookup_in (backend, memo, "staff", get_str (record, "staff_id"));

  return parent != NULL ? record_poe (backend, memo, parent) : NULL;
}

/**
 * poe_access_record_poe:
 *
 * Returns: (transfer full) (nullable): the IATA code of the port of entry @record belongs
 *   to, found through its case, flight, incident or staff member; %NULL when unknown
 */
char *
poe_access_record_poe (PoeBackend *backend,
                       PoeRecord  *record)
{
  return record_poe (backend, NULL, record);
}

PoeAccess
poe_access_read (PoeBackend    *backend,
                 const PoeUser *user,
                 PoeRecord     *record)
{
  return poe_access_read_memo (backend, user, record, NULL);
}

/**
 * poe_access_read_memo:
 * @memo: (nullable): a table made with poe_access_memo_new() that keeps the parents (cases,
 *   staff, incidents) read for one page of the feed, so each is read once a page
 *
 * As poe_access_read().
 */
PoeAccess
poe_access_read_memo (PoeBackend    *backend,
                      const PoeUser *user,
                      PoeRecord     *record,
                      GHashTable    *memo)
{
  g_autofree char *poe = NULL;

  g_return_val_if_fail (user != NULL, POE_ACCESS_HIDDEN);
  g_return_val_if_fail (POE_IS_RECORD (record), POE_ACCESS_HIDDEN);

  if (poe_role_from_string (user->role) == POE_ROLE_ADMIN)
    return POE_ACCESS_FULL;

  poe = record_poe (backend, memo, record);
  if (g_strcmp0 (poe, user->poe) != 0)
    return POE_ACCESS_HIDDEN;

  return read_in_poe (backend, memo, user, record);
}

GHashTable *
poe_access_memo_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* A record of the page itself is the newest there is: its children need not read it again. */
void
poe_access_memo_add (GHashTable *memo,
                     PoeRecord  *record)
{
  g_return_if_fail (memo != NULL);
  g_return_if_fail (POE_IS_RECORD (record));

  g_hash_table_replace (memo, g_strconcat (poe_record_get_entity_name (record), "/",
                                           poe_record_get_id (record), NULL),
                        g_object_ref (record));
}
