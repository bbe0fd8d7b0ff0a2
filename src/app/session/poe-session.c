/* poe-session.c
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

#include "poe-session.h"

/* What the store keeps about the signed-in user (sync_state keys). */
#define KEY_SERVER_URL   "session.server_url"
#define KEY_USER_ID      "session.user_id"
#define KEY_USERNAME     "session.username"
#define KEY_DISPLAY_NAME "session.display_name"
#define KEY_ROLE         "session.role"
#define KEY_POE          "session.poe"
#define KEY_VERIFIER     "session.verifier"

typedef struct
{
  char *server_url;
  char *user_id;
  char *username;
  char *display_name;
  char *role;
  char *poe;
  char *verifier;
} UserInfo;

struct _PoeSession
{
  GObject          parent_instance;

  GSettings       *settings;
  char            *store_path;
  PoeSessionState  state;
  PoeStore        *store;
  PoeSyncEngine   *engine;
  UserInfo         user;
  char            *token;
  GCancellable    *cancellable;
  gboolean         restoring;

  PoeSessionPrefetchFunc prefetch_func;
  GObject         *prefetched;
};

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

G_DEFINE_FINAL_TYPE (PoeSession, poe_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (poe-session-error-quark, poe_session_error)
G_DEFINE_ENUM_TYPE (PoeSessionState, poe_session_state,
                    G_DEFINE_ENUM_VALUE (POE_SESSION_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (POE_SESSION_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (POE_SESSION_LOCKED, "locked"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_STORE,
  PROP_SYNC_ENGINE,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_ROLE,
  PROP_RESTORING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


/*
 * Auxiliary methods
 */

static void
user_info_clear (UserInfo *user)
{
  g_clear_pointer (&user->server_url, g_free);
  g_clear_pointer (&user->user_id, g_free);
  g_clear_pointer (&user->username, g_free);
  g_clear_pointer (&user->display_name, g_free);
  g_clear_pointer (&user->role, g_free);
  g_clear_pointer (&user->poe, g_free);
  g_clear_pointer (&user->verifier, g_free);
}

static void
user_info_read (UserInfo *user,
                PoeStore *store)
{
  user_info_clear (user);
  user->server_url = poe_store_dup_sync_value (store, KEY_SERVER_URL);
  user->user_id = poe_store_dup_sync_value (store, KEY_USER_ID);
  user->username = poe_store_dup_sync_value (store, KEY_USERNAME);
  user->display_name = poe_store_dup_sync_value (store, KEY_DISPLAY_NAME);
  user->role = poe_store_dup_sync_value (store, KEY_ROLE);
  user->poe = poe_store_dup_sync_value (store, KEY_POE);
  user->verifier = poe_store_dup_sync_value (store, KEY_VERIFIER);
}

static gboolean
user_info_write (const UserInfo  *user,
                 PoeStore        *store,
                 GError         **error)
{
  const struct { const char *key; const char *value; } values[] = {
    { KEY_SERVER_URL, user->server_url },
    { KEY_USER_ID, user->user_id },
    { KEY_USERNAME, user->username },
    { KEY_DISPLAY_NAME, user->display_name },
    { KEY_ROLE, user->role },
    { KEY_POE, user->poe },
    { KEY_VERIFIER, user->verifier },
  };

  if (!poe_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (!poe_store_set_sync_value (store, values[i].key, values[i].value, error))
        {
          poe_store_rollback (store);
          return FALSE;
        }
    }

  return poe_store_commit (store, error);
}

static void
user_info_move (UserInfo *to,
                UserInfo *from)
{
  user_info_clear (to);
  *to = *from;
  memset (from, 0, sizeof *from);
}

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
  user_info_clear (&st->user);
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

static void
set_state (PoeSession      *self,
           PoeSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
notify_user (PoeSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

static void
start_engine (PoeSession *self)
{
  g_assert (self->store != NULL);
  g_assert (self->engine == NULL);

  if (self->token == NULL)
    return;

  self->engine = poe_sync_engine_new (self->store_path, self->user.server_url, NULL);
  poe_sync_engine_set_token (self->engine, self->token);
  poe_sync_engine_set_ui_store (self->engine, self->store);
  poe_sync_engine_start (self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
}

static void
stop_engine (PoeSession *self)
{
  if (self->engine == NULL)
    return;

  poe_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
}

static void
take_store (PoeSession *self,
            PoeStore   *store)
{
  if (self->store == store)
    {
      g_clear_object (&store);
      return;
    }

  g_clear_object (&self->store);
  self->store = store;
  if (store != NULL)
    poe_store_set_actor (store, self->user.user_id, self->user.username);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Signed in: everything is known, the engine may run. */
static void
become_ready (PoeSession *self)
{
  g_settings_set_string (self->settings, "server-url", self->user.server_url);
  g_settings_set_string (self->settings, "username", self->user.username);
  if (self->user.poe != NULL)
    g_settings_set_string (self->settings, "poe-code", self->user.poe);

  notify_user (self);
  start_engine (self);
  set_state (self, POE_SESSION_READY);
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
  if (st->store == NULL || !user_info_write (&st->user, st->store, &error))
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

static void
token_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!poe_secret_clear_token_finish (result, &error))
    g_message ("The sign-in could not be removed from the keyring: %s", error->message);
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
  user_info_read (&st->user, st->store);
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
      return g_task_return_error (task, g_steal_pointer (&error));
    }

  user_info_move (&self->user, &st->user);
  g_set_object (&self->prefetched, st->prefetched);
  take_store (self, g_steal_pointer (&st->store));
  g_clear_object (&self->prefetched);
  if (st->token != NULL)
    {
      g_free (self->token);
      self->token = g_strdup (st->token);
      become_ready (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);

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
 * GObject overrides
 */

static void
poe_session_dispose (GObject *object)
{
  PoeSession *self = POE_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  stop_engine (self);
  g_clear_object (&self->prefetched);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (poe_session_parent_class)->dispose (object);
}

static void
poe_session_finalize (GObject *object)
{
  PoeSession *self = POE_SESSION (object);

  user_info_clear (&self->user);
  g_free (self->store_path);
  g_free (self->token);

  G_OBJECT_CLASS (poe_session_parent_class)->finalize (object);
}

static void
poe_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PoeSession *self = POE_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->user.username);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->user.display_name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->user.role);
      break;

    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_session_class_init (PoeSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_session_dispose;
  object_class->finalize = poe_session_finalize;
  object_class->get_property = poe_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       POE_TYPE_SESSION_STATE, POE_SESSION_SIGNED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         POE_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL,
                         POE_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESTORING] =
    g_param_spec_boolean ("restoring", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_session_init (PoeSession *self)
{
  self->cancellable = g_cancellable_new ();
}


/*
 * Public API
 */

/**
 * poe_session_new:
 * @store_path: (nullable): the local store; %NULL for poe_store_default_path()
 */
PoeSession *
poe_session_new (GSettings  *settings,
                 const char *store_path)
{
  PoeSession *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (POE_TYPE_SESSION, NULL);
  self->settings = g_object_ref (settings);
  self->store_path = store_path != NULL ? g_strdup (store_path) : poe_store_default_path ();

  return self;
}

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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
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

  stop_engine (self);
  user_info_move (&self->user, &st->user);
  g_free (self->token);
  self->token = g_steal_pointer (&st->token);
  take_store (self, g_steal_pointer (&st->store));
  poe_secret_store_token_async (self->user.server_url, self->user.username, self->token,
                                NULL, token_stored_cb, NULL);
  become_ready (self);
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
  stop_engine (self);
  if (self->state == POE_SESSION_SIGNED_OUT)
    take_store (self, NULL);

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
    set_state (self, POE_SESSION_LOCKED);
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
    set_state (self, POE_SESSION_READY);
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

  stop_engine (self);
  if (self->user.server_url != NULL && self->user.username != NULL)
    poe_secret_clear_token_async (self->user.server_url, self->user.username, NULL, token_cleared_cb, NULL);

  st = g_new0 (SessionTask, 1);
  st->server_url = g_strdup (self->user.server_url);
  st->token = g_steal_pointer (&self->token);
  st->store_path = g_strdup (self->store_path);
  g_task_set_task_data (task, st, session_task_free);

  take_store (self, NULL);
  user_info_clear (&self->user);
  notify_user (self);
  set_state (self, POE_SESSION_SIGNED_OUT);

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

/**
 * poe_session_adopt_store:
 * @store: a store a user signed in to earlier (it holds the session's user)
 * @token: (nullable): the token for syncing; %NULL works from the store alone
 *
 * Continues the session kept in @store, as poe_session_restore_async() does once it has
 * found the token: for tools and tests that keep the token themselves.
 *
 * Returns: whether @store holds a signed-in user
 */
gboolean
poe_session_adopt_store (PoeSession *self,
                         PoeStore   *store,
                         const char *token)
{
  g_return_val_if_fail (POE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (POE_IS_STORE (store), FALSE);

  stop_engine (self);
  user_info_read (&self->user, store);
  if (self->user.user_id == NULL || self->user.server_url == NULL || self->user.username == NULL)
    return FALSE;

  g_free (self->token);
  self->token = g_strdup (token);
  take_store (self, g_object_ref (store));
  become_ready (self);

  return TRUE;
}

/**
 * poe_session_write_user:
 *
 * Records in @store who signed in to it, as a sign-in does (the password only as an
 * Argon2id verifier). For tools and tests that make stores.
 */
gboolean
poe_session_write_user (PoeStore    *store,
                        const char  *server_url,
                        const char  *staff_id,
                        const char  *username,
                        const char  *display_name,
                        const char  *role,
                        const char  *poe,
                        const char  *password,
                        GError     **error)
{
  UserInfo user = {
    (char *) server_url, (char *) staff_id, (char *) username, (char *) display_name,
    (char *) role, (char *) poe, NULL,
  };
  g_autofree char *verifier = poe_password_hash (password);

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);

  user.verifier = verifier;

  return user_info_write (&user, store, error);
}

PoeSessionState
poe_session_get_state (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), POE_SESSION_SIGNED_OUT);

  return self->state;
}

/**
 * poe_session_get_store:
 *
 * Returns: (transfer none) (nullable): the local store, once known
 */
PoeStore *
poe_session_get_store (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->store;
}

/**
 * poe_session_get_sync_engine:
 *
 * Returns: (transfer none) (nullable): the sync engine while signed in
 */
PoeSyncEngine *
poe_session_get_sync_engine (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->engine;
}

const char *
poe_session_get_server_url (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->user.server_url;
}

const char *
poe_session_get_username (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->user.username;
}

const char *
poe_session_get_display_name (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->user.display_name;
}

const char *
poe_session_get_role (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->user.role;
}

const char *
poe_session_get_staff_id (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->user.user_id;
}

const char *
poe_session_get_poe (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return self->user.poe;
}

/**
 * poe_session_set_prefetch_func:
 * @func: (nullable): called on the restoring thread with the store once the session is
 *   known to go on; what it returns is offered while #PoeSession:store is notified
 *
 * Lets the first view read its data on the thread that opens the store at start-up,
 * meanwhile the main thread starts GTK. Set it before poe_session_restore_async().
 */
void
poe_session_set_prefetch_func (PoeSession             *self,
                               PoeSessionPrefetchFunc  func)
{
  g_return_if_fail (POE_IS_SESSION (self));

  self->prefetch_func = func;
}

/**
 * poe_session_steal_prefetched:
 *
 * Only from a #PoeSession:store notification after a restore; the object is offered once.
 *
 * Returns: (transfer full) (nullable): what the prefetch function read ahead from the store
 */
GObject *
poe_session_steal_prefetched (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), NULL);

  return g_steal_pointer (&self->prefetched);
}

/**
 * poe_session_get_restoring:
 *
 * Returns: %TRUE while poe_session_restore_async() has not decided yet whether the last
 *   session goes on or the user has to sign in
 */
gboolean
poe_session_get_restoring (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), FALSE);

  return self->restoring;
}

/**
 * poe_session_count_unsynced:
 *
 * Returns: the changes made here that the server does not have yet (pending and rejected)
 */
guint
poe_session_count_unsynced (PoeSession *self)
{
  g_return_val_if_fail (POE_IS_SESSION (self), 0);

  if (self->store == NULL)
    return 0;

  return poe_store_count_pending (self->store) + poe_store_count_rejected (self->store);
}
