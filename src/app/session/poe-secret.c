/* poe-secret.c
 *
 * The session token in the desktop keyring (libsecret; schema APP_ID.Token, attributes
 * server and username): stored asynchronously after a sign-in, looked up when the session is
 * restored, cleared on sign-out. A keyring that cannot be reached gives a message that says
 * what it means for the user, not libsecret's or D-Bus's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "poe-secret.h"


/*
 * Auxiliary methods
 */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Keyring failures come in libsecret's and D-Bus's words; say what it means here. */
static GError *
keyring_error (GError *error)
{
  GError *translated = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                    _("The keyring is not available (%s). "
                                      "Unlock or start the desktop keyring, then sign in again."),
                                    error->message);

  g_error_free (error);
  return translated;
}


/*
 * Callbacks
 */

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/*
 * Public API
 */

void
poe_secret_store_token_async (const char          *server_url,
                              const char          *username,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (server_url != NULL && username != NULL && token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_secret_store_token_async);

  /* Translators: the label of the sign-in token in the keyring; %s is a user name */
  label = g_strdup_printf (_("POE Desk sign-in for %s"), username);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, stored_cb, g_steal_pointer (&task),
                         "server", server_url,
                         "username", username,
                         NULL);
}

gboolean
poe_secret_store_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * poe_secret_lookup_token_sync:
 *
 * Looks the token of @username on @server_url up in the keyring, blocking: for worker
 * threads (and tests), never the main thread of the app, since the keyring may take its time,
 * e.g. to ask for its password.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL when none is stored (no error)
 *   or the keyring failed (@error set). Free with secret_password_free().
 */
char *
poe_secret_lookup_token_sync (const char    *server_url,
                              const char    *username,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local_error = NULL;
  char *token;

  g_return_val_if_fail (server_url != NULL && username != NULL, NULL);

  token = secret_password_lookup_sync (token_schema (), cancellable, &local_error,
                                       "server", server_url,
                                       "username", username,
                                       NULL);
  if (local_error != NULL)
    g_propagate_error (error, keyring_error (local_error));

  return token;
}

/**
 * poe_secret_clear_token_sync:
 *
 * Removes the token of @username on @server_url from the keyring, blocking: for worker
 * threads, never the main thread of the app.
 *
 * Returns: %FALSE with @error set when the keyring failed; %TRUE also when there was none
 */
gboolean
poe_secret_clear_token_sync (const char    *server_url,
                             const char    *username,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (server_url != NULL && username != NULL, FALSE);

  secret_password_clear_sync (token_schema (), cancellable, &local_error,
                              "server", server_url,
                              "username", username,
                              NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, keyring_error (local_error));
      return FALSE;
    }

  return TRUE;
}
