/* poe-central-users.c
 *
 * Accounts of poe-central. Each user is linked to a staff record of the same user name,
 * created when it does not exist yet, so that `user.id` in the protocol is a staff id. The
 * account's role is the one the server enforces; a new role is written to the staff record
 * too, so the app shows what the server applies (docs/roles.md, "Accounts").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-central-demo.h"


/*
 * Auxiliary methods
 */

static char *
ensure_staff (PoeServer   *server,
              const char  *username,
              const char  *role,
              const char  *poe,
              GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  const PoeEntityInfo *staff = poe_schema_lookup_entity ("staff");
  g_autoptr(GPtrArray) found = backend->ops->record_find (backend, staff, "username", username);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PoeRecord) record = NULL;

  if (found->len > 0)
    return g_strdup (poe_record_get_id (g_ptr_array_index (found, 0)));

  record = poe_record_new_for_entity (staff);
  poe_record_set_string (record, "username", username);
  poe_record_set_string (record, "display_name", username);
  poe_record_set_string (record, "role", role);
  poe_record_set_string (record, "poe", poe);
  if (!poe_record_validate (record, error))
    return NULL;

  g_ptr_array_add (records, g_object_ref (record));
  if (!poe_server_put_system (server, records, error))
    return NULL;

  return g_strdup (poe_record_get_id (record));
}


/* The staff record follows the account's role; it is a change of the feed like any other. */
static gboolean
sync_staff_role (PoeServer   *server,
                 const char  *staff_id,
                 const char  *role,
                 GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  const PoeEntityInfo *staff = poe_schema_lookup_entity ("staff");
  g_autoptr(PoeRecord) record = backend->ops->record_get (backend, staff, staff_id, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *now = poe_time_now_iso8601 ();

  if (record == NULL || poe_record_get_deleted (record) ||
      g_strcmp0 (poe_record_get_string (record, "role"), role) == 0)
    return TRUE;

  poe_record_set_string (record, "role", role);
  poe_record_set_updated_at (record, now);
  g_ptr_array_add (records, g_steal_pointer (&record));

  return poe_server_put_system (server, records, error);
}


/*
 * Public API
 */

gboolean
poe_central_add_user (PoeServer   *server,
                      const char  *username,
                      const char  *role,
                      const char  *poe,
                      const char  *password,
                      GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autofree char *staff_id = NULL;
  g_autofree char *hash = NULL;
  PoeUser user = { 0 };

  staff_id = ensure_staff (server, username, role, poe, error);
  if (staff_id == NULL)
    return FALSE;

  hash = poe_password_hash (password);
  if (hash == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "cannot hash the password");
      return FALSE;
    }

  user.username = (char *) username;
  user.staff_id = staff_id;
  user.hash = hash;
  user.role = (char *) role;
  user.poe = (char *) poe;

  return backend->ops->user_add (backend, &user, error);
}

/**
 * poe_central_set_user_role:
 *
 * Gives @username @role from its next request on, and writes it to the staff record.
 */
gboolean
poe_central_set_user_role (PoeServer   *server,
                           const char  *username,
                           const char  *role,
                           GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autoptr(PoeUser) user = NULL;

  if (!backend->ops->user_set_role (backend, username, role, error))
    return FALSE;

  user = backend->ops->user_lookup (backend, username);

  return user == NULL || sync_staff_role (server, user->staff_id, role, error);
}

/**
 * poe_central_set_user_password:
 *
 * Gives @username a new password and revokes their tokens: every device signs in again.
 */
gboolean
poe_central_set_user_password (PoeServer   *server,
                               const char  *username,
                               const char  *password,
                               GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autofree char *hash = poe_password_hash (password);

  if (hash == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "cannot hash the password");
      return FALSE;
    }

  return backend->ops->user_set_hash (backend, username, hash, error);
}

/**
 * poe_central_set_user_disabled:
 *
 * Disabling revokes the user's tokens; a running server ends their long polls within a second
 * and refuses their sign-ins. Enabling lets them sign in again.
 */
gboolean
poe_central_set_user_disabled (PoeServer   *server,
                               const char  *username,
                               gboolean     disabled,
                               GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);

  return backend->ops->user_set_disabled (backend, username, disabled, error);
}
