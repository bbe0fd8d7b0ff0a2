/* poe-session-tasks.c
 *
 * What the session does on worker threads, and finishes on the main thread: signing in
 * (the server's answer, the local store for that user), restoring the last session at
 * start (the store, its user and the keyring's token at once), locking and unlocking
 * against the verifier, and signing out (revoking the token, deleting the local data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-session"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "poe-bench-hook.h"
#include "poe-http.h"
#include "poe-password.h"
#include "poe-secret.h"
#include "poe-validate.h"

#include "poe-session-private.h"

typedef struct
{
  /* in */
  char     *server_url;
  char     *username;
  char     *password;
  char     *store_path;
  char     *token;      /* sign-out */
  /* out */
  PoeStore *store;
  UserInfo  user;
  /* restore */
  PoeSessionPrefetchFunc prefetch_func;
  GObject  *prefetched;
} SessionTask;


/*
 * Auxiliary methods
 */

static void
session_task_free (gpointer data)
{
  SessionTask *st = data;

  g_free (st->server_url);
  g_free (st->username);
  if (st->password != NULL)
    memset (st->password, 0, strlen (st->password));
  g_free (st->password);
  g_free (st->store_path);
  if (st->token != NULL)
    memset (st->token, 0, strlen (st->token));
  g_free (st->token);
  g_clear_object (&st->prefetched);
  g_clear_object (&st->store);
  _poe_session_user_info_clear (&st->user);
  g_free (st);
}

/* The store and its WAL and shared-memory files. */
static void
delete_store_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove the local data file %s: %s", file, g_strerror (errno));
    }
}

static gboolean
ensure_parent_dir (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_STORE,
                   _("The folder for local data (%s) cannot be made: %s."), dir, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}


/*
 * Signing in (worker thread)
 */

static void
set_http_error (GError     **error,
                const char  *server_url,
                GError      *http_error,
                gint64       retry_after)
{
  if (http_error->domain != POE_HTTP_ERROR)
    {
      g_set_error_literal (error, POE_SESSION_ERROR, POE_SESSION_ERROR_REFUSED, http_error->message);
      return;
    }

  switch ((PoeHttpError) http_error->code)
    {
    case POE_HTTP_ERROR_UNAUTHORIZED:
    case POE_HTTP_ERROR_FORBIDDEN:
      g_set_error_literal (error, POE_SESSION_ERROR, POE_SESSION_ERROR_WRONG_PASSWORD,
                           _("The user name or the password is not right. Check both and try again."));
      break;

    case POE_HTTP_ERROR_RATE_LIMITED:
      g_set_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many failed attempts. Wait %u minute, then try again.",
                                "Too many failed attempts. Wait %u minutes, then try again.",
                                (guint) MAX (1, (retry_after + 59) / 60)),
                   (guint) MAX (1, (retry_after + 59) / 60));
      break;

    case POE_HTTP_ERROR_NETWORK:
    case POE_HTTP_ERROR_TIMEOUT:
    case POE_HTTP_ERROR_TLS:
      g_set_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_UNREACHABLE,
                   _("The server at %s cannot be reached (%s). Check the address and the network, then try again."),
                   server_url, http_error->message);
      break;

    case POE_HTTP_ERROR_BAD_ANSWER:
    case POE_HTTP_ERROR_SERVER:
    case POE_HTTP_ERROR_CLIENT:
    default:
      g_set_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_REFUSED,
                   _("The server did not sign you in: %s"), http_error->message);
      break;
    }
}

static gboolean
parse_sign_in (SessionTask  *st,
               JsonNode     *answer,
               GError      **error)
{
  JsonObject *object = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonObject *user = object != NULL ? json_object_get_object_member (object, "user") : NULL;
  const char *token = object != NULL ? json_object_get_string_member_with_default (object, "token", NULL) : NULL;

  if (user == NULL || token == NULL || *token == '\0' ||
      json_object_get_string_member_with_default (user, "id", NULL) == NULL)
    {
      g_set_error_literal (error, POE_SESSION_ERROR, POE_SESSION_ERROR_REFUSED,
                           _("The server’s answer was not a sign-in. Check that the address is the one of poe-central."));
      return FALSE;
    }

  st->token = g_strdup (token);
  st->user.user_id = g_strdup (json_object_get_string_member (user, "id"));
  st->user.username = g_strdup (json_object_get_string_member_with_default (user, "username", st->username));
  st->user.display_name = g_strdup (json_object_get_string_member_with_default (user, "display_name", st->user.username));
  st->user.role = g_strdup (json_object_get_string_member_with_default (user, "role", "agent"));
  st->user.poe = g_strdup (json_object_get_string_member_with_default (user, "poe", NULL));

  return TRUE;
}

static gboolean
request_sign_in (SessionTask   *st,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(PoeHttp) http = poe_http_new (st->server_url, NULL);
  g_autoptr(PoeHttpResponse) response = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) local_error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, st->username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, st->password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, g_get_host_name ());
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  poe_http_set_timeouts (http, 10, 20);
  if (!poe_http_request (http, "POST", "/v1/auth/login", body, 0, cancellable, &response, &local_error))
    {
      set_http_error (error, st->server_url, local_error, response != NULL ? response->retry_after : -1);
      return FALSE;
    }

  return parse_sign_in (st, response->json, error);
}

/* Another user's or another server's data may stay only when nothing of it is unsynced. */
static PoeStore *
open_store_for (SessionTask  *st,
                GError      **error)
{
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *server = NULL;
  guint pending;

  if (!ensure_parent_dir (st->store_path, error))
    return NULL;

  store = poe_store_open (st->store_path, error);
  if (store == NULL)
    return NULL;

  owner = poe_store_dup_sync_value (store, KEY_USER_ID);
  server = poe_store_dup_sync_value (store, KEY_SERVER_URL);
  if (owner == NULL || (g_str_equal (owner, st->user.user_id) && g_strcmp0 (server, st->server_url) == 0))
    return g_steal_pointer (&store);

  pending = poe_store_count_pending (store) + poe_store_count_rejected (store);
  if (pending > 0)
    {
      g_set_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_OTHER_USER,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This computer holds %u change by another user that has not reached the server yet. "
                                "That user must sign in and let it sync, or sign out, before you can sign in.",
                                "This computer holds %u changes by another user that have not reached the server yet. "
                                "That user must sign in and let them sync, or sign out, before you can sign in.",
                                pending),
                   pending);
      return NULL;
    }

  /* Nothing unsynced: the earlier user's cached data goes, so no one sees another's cases. */
  g_clear_object (&store);
  delete_store_files (st->store_path);

  return poe_store_open (st->store_path, error);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SessionTask *st = task_data;
  g_autoptr(GError) error = NULL;

  if (!request_sign_in (st, cancellable, &error))
    return g_task_return_error (task, g_steal_pointer (&error));

  st->user.server_url = g_strdup (st->server_url);
  st->user.verifier = poe_password_hash (st->password);
  if (st->user.verifier == NULL)
    return g_task_return_new_error (task, POE_SESSION_ERROR, POE_SESSION_ERROR_STORE,
                                    _("The password could not be kept for offline unlocking (out of memory)."));

  st->store = open_store_for (st, &error);
  if (st->store == NULL || !_poe_session_user_info_write (&st->user, st->store, &error))
    return g_task_return_error (task, g_steal_pointer (&error));

  g_task_return_boolean (task, TRUE);
}


/*
 * Callbacks
 */

static void
token_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Without a keyring the session still works; it just asks to sign in at the next start. */
  if (!poe_secret_store_token_finish (result, &error))
    g_message ("The sign-in could not be kept in the keyring: %s", error->message);
}

/* The store, its user and the keyring's token, all off the main thread and at once: the
 * keyring look-up does not wait for the main loop between the two. */
static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SessionTask *st = task_data;
  GError *error = NULL;

  if (!(st->store = poe_store_open (st->store_path, &error)))
    return g_task_return_error (task, error);

  poe_bench_mark ("store-opened");
  _poe_session_user_info_read (&st->user, st->store);
  if (st->user.user_id == NULL || st->user.server_url == NULL || st->user.username == NULL)
    return g_task_return_boolean (task, TRUE);

  st->token = poe_secret_lookup_token_sync (st->user.server_url, st->user.username, cancellable, &error);
  poe_bench_mark ("token-looked-up");
  if (error != NULL)
    {
      g_message ("The keyring could not be read: %s", error->message);
      g_clear_error (&error);
    }

  /* Last: from here on, the main thread may use the store (the prefetched object may). */
  if (st->token != NULL && st->prefetch_func != NULL)
    st->prefetched = st->prefetch_func (st->store);
  poe_bench_mark ("prefetched");

  g_task_return_boolean (task, TRUE);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PoeSession *self = POE_SESSION (object);
  SessionTask *st = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->restoring = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _poe_session_notify_restoring (self);
      return g_task_return_error (task, g_steal_pointer (&error));
    }

  _poe_session_user_info_move (&self->user, &st->user);
  g_set_object (&self->prefetched, st->prefetched);
  _poe_session_take_store (self, g_steal_pointer (&st->store));
  g_clear_object (&self->prefetched);
  if (st->token != NULL)
    {
      g_free (self->token);
      self->token = g_strdup (st->token);
      _poe_session_become_ready (self);
    }
  _poe_session_notify_restoring (self);

  g_task_return_boolean (task, self->token != NULL);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SessionTask *st = task_data;

  if (st->user.verifier != NULL && poe_password_verify (st->user.verifier, st->password))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, POE_SESSION_ERROR, POE_SESSION_ERROR_WRONG_PASSWORD,
                             _("That is not the password of %s. Try again, or sign out."), st->username);
}

static void
sign_out_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SessionTask *st = task_data;
  g_autoptr(GError) error = NULL;

  /* Before the sign-out is reported done: a token left in the keyring would outlive it. */
  if (st->server_url != NULL && st->username != NULL &&
      !poe_secret_clear_token_sync (st->server_url, st->username, NULL, &error))
    g_message ("The sign-in could not be removed from the keyring: %s", error->message);

  /* Revoking the token is a courtesy: offline, the keyring copy is removed all the same. */
  if (st->token != NULL && st->server_url != NULL)
    {
      g_autoptr(PoeHttp) http = poe_http_new (st->server_url, NULL);
      g_autoptr(PoeHttpResponse) response = NULL;

      poe_http_set_token (http, st->token);
      poe_http_set_timeouts (http, 3, 5);
      poe_http_request (http, "POST", "/v1/auth/logout", NULL, 0, cancellable, &response, NULL);
    }

  delete_store_files (st->store_path);
  g_task_return_boolean (task, TRUE);
}


/*
 * Public API
 */

/**
 * poe_session_restore_async:
 *
 * Opens the local store of the last session and looks its token up in the keyring. The
 * result is %TRUE when the session is signed in again (state ready), %FALSE when the user
 * has to sign in; an error only when the local store exists but cannot be used. Until it
 * is known, #PoeSession:restoring is %TRUE.
 */
void
poe_session_restore_async (PoeSession          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  SessionTask *st;

  g_return_if_fail (POE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_session_restore_async);

  if (!g_file_test (self->store_path, G_FILE_TEST_EXISTS))
    return g_task_return_boolean (task, FALSE);

  st = g_new0 (SessionTask, 1);
  st->store_path = g_strdup (self->store_path);
  st->prefetch_func = self->prefetch_func;
  worker = g_task_new (self, cancellable, restored_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, st, session_task_free);
  self->restoring = TRUE;
  _poe_session_notify_restoring (self);
  g_task_run_in_thread (worker, restore_thread);
}

gboolean
poe_session_restore_finish (PoeSession    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PoeSession *self = POE_SESSION (object);
  g_autoptr(GTask) task = user_data;
  SessionTask *st = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return g_task_return_error (task, g_steal_pointer (&error));

  _poe_session_stop_engine (self);
  _poe_session_user_info_move (&self->user, &st->user);
  g_free (self->token);
  self->token = g_steal_pointer (&st->token);
  _poe_session_take_store (self, g_steal_pointer (&st->store));
  poe_secret_store_token_async (self->user.server_url, self->user.username, self->token,
                                NULL, token_stored_cb, NULL);
  _poe_session_become_ready (self);
  g_task_return_boolean (task, TRUE);
}

void
poe_session_sign_in_async (PoeSession          *self,
                           const char          *server_url,
                           const char          *username,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  SessionTask *st;

  g_return_if_fail (POE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_session_sign_in_async);

  url = poe_validate_server_url (server_url, &error);
  if (url == NULL)
    return g_task_return_new_error (task, POE_SESSION_ERROR, POE_SESSION_ERROR_INVALID, "%s", error->message);
  if (username == NULL || *username == '\0' || password == NULL || *password == '\0')
    return g_task_return_new_error (task, POE_SESSION_ERROR, POE_SESSION_ERROR_INVALID,
                                    _("Enter your user name and your password."));

  st = g_new0 (SessionTask, 1);
  st->server_url = g_steal_pointer (&url);
  st->username = g_strdup (username);
  st->password = g_strdup (password);
  st->store_path = g_strdup (self->store_path);

  /* The thread may replace the store file (another user's data): let go of ours first. */
  _poe_session_stop_engine (self);
  if (self->state == POE_SESSION_SIGNED_OUT)
    _poe_session_take_store (self, NULL);

  worker = g_task_new (self, cancellable, signed_in_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, st, session_task_free);
  g_task_run_in_thread (worker, sign_in_thread);
}

gboolean
poe_session_sign_in_finish (PoeSession    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * poe_session_lock:
 *
 * Hides the session behind the lock screen; syncing goes on.
 */
void
poe_session_lock (PoeSession *self)
{
  g_return_if_fail (POE_IS_SESSION (self));

  if (self->state == POE_SESSION_READY)
    _poe_session_set_state (self, POE_SESSION_LOCKED);
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PoeSession *self = POE_SESSION (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return g_task_return_error (task, g_steal_pointer (&error));

  if (self->state == POE_SESSION_LOCKED)
    _poe_session_set_state (self, POE_SESSION_READY);
  g_task_return_boolean (task, TRUE);
}

/**
 * poe_session_unlock_async:
 *
 * Checks @password against the verifier kept at sign-in, offline, off the main thread.
 */
void
poe_session_unlock_async (PoeSession          *self,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  SessionTask *st;

  g_return_if_fail (POE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_session_unlock_async);

  st = g_new0 (SessionTask, 1);
  st->password = g_strdup (password != NULL ? password : "");
  st->username = g_strdup (self->user.username);
  st->user.verifier = g_strdup (self->user.verifier);

  worker = g_task_new (self, cancellable, unlocked_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, st, session_task_free);
  g_task_run_in_thread (worker, unlock_thread);
}

gboolean
poe_session_unlock_finish (PoeSession    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * poe_session_sign_out_async:
 *
 * Stops syncing, revokes the token (when the server can be reached), removes it from the
 * keyring and deletes the local store with its personal data. Unsynced changes are lost:
 * callers warn with poe_session_count_unsynced() first.
 */
void
poe_session_sign_out_async (PoeSession          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SessionTask *st;

  g_return_if_fail (POE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_session_sign_out_async);

  _poe_session_stop_engine (self);

  st = g_new0 (SessionTask, 1);
  st->server_url = g_strdup (self->user.server_url);
  st->username = g_strdup (self->user.username);
  st->token = g_steal_pointer (&self->token);
  st->store_path = g_strdup (self->store_path);
  g_task_set_task_data (task, st, session_task_free);

  _poe_session_take_store (self, NULL);
  _poe_session_user_info_clear (&self->user);
  _poe_session_notify_user (self);
  _poe_session_set_state (self, POE_SESSION_SIGNED_OUT);

  g_task_run_in_thread (task, sign_out_thread);
}

gboolean
poe_session_sign_out_finish (PoeSession    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
