/* poe-session.c
 *
 * The session object: its state, the signed-in user and what the store keeps of them,
 * the local store and the sync engine, the GObject code and the getters. Signing in,
 * restoring, unlocking and signing out, which run on worker threads, are in
 * poe-session-tasks.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-session"

#include "config.h"

#include <string.h>

#include "poe-password.h"

#include "poe-bench-hook.h"
#include "poe-session-private.h"

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

void
_poe_session_user_info_clear (UserInfo *user)
{
  g_clear_pointer (&user->server_url, g_free);
  g_clear_pointer (&user->user_id, g_free);
  g_clear_pointer (&user->username, g_free);
  g_clear_pointer (&user->display_name, g_free);
  g_clear_pointer (&user->role, g_free);
  g_clear_pointer (&user->poe, g_free);
  g_clear_pointer (&user->verifier, g_free);
}

void
_poe_session_user_info_read (UserInfo *user,
                             PoeStore *store)
{
  _poe_session_user_info_clear (user);
  user->server_url = poe_store_dup_sync_value (store, KEY_SERVER_URL);
  user->user_id = poe_store_dup_sync_value (store, KEY_USER_ID);
  user->username = poe_store_dup_sync_value (store, KEY_USERNAME);
  user->display_name = poe_store_dup_sync_value (store, KEY_DISPLAY_NAME);
  user->role = poe_store_dup_sync_value (store, KEY_ROLE);
  user->poe = poe_store_dup_sync_value (store, KEY_POE);
  user->verifier = poe_store_dup_sync_value (store, KEY_VERIFIER);
}

gboolean
_poe_session_user_info_write (const UserInfo  *user,
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

void
_poe_session_user_info_move (UserInfo *to,
                             UserInfo *from)
{
  _poe_session_user_info_clear (to);
  *to = *from;
  memset (from, 0, sizeof *from);
}

void
_poe_session_set_state (PoeSession      *self,
                        PoeSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_poe_session_notify_user (PoeSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* The worker opens its own connection to the store and libcurl, and makes its first
 * request: as the window's first frame is being made, that took processor time from it on
 * two cores. It starts once the main loop has nothing more urgent to do. The engine exists
 * (and says "offline") meanwhile, and everything may already call it. */
static gboolean
start_worker_cb (gpointer user_data)
{
  PoeSession *self = user_data;

  self->engine_start_id = 0;
  if (self->engine != NULL)
    poe_sync_engine_start (self->engine);
  poe_bench_mark ("sync-started");

  return G_SOURCE_REMOVE;
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
  self->engine_start_id = g_idle_add_full (G_PRIORITY_LOW, start_worker_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
}

void
_poe_session_stop_engine (PoeSession *self)
{
  g_clear_handle_id (&self->engine_start_id, g_source_remove);
  if (self->engine == NULL)
    return;

  poe_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
}

void
_poe_session_take_store (PoeSession *self,
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
void
_poe_session_become_ready (PoeSession *self)
{
  g_settings_set_string (self->settings, "server-url", self->user.server_url);
  g_settings_set_string (self->settings, "username", self->user.username);
  if (self->user.poe != NULL)
    g_settings_set_string (self->settings, "poe-code", self->user.poe);

  _poe_session_notify_user (self);
  start_engine (self);
  _poe_session_set_state (self, POE_SESSION_READY);
}

void
_poe_session_notify_restoring (PoeSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
}


/*
 * GObject overrides
 */

static void
poe_session_dispose (GObject *object)
{
  PoeSession *self = POE_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  _poe_session_stop_engine (self);
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

  _poe_session_user_info_clear (&self->user);
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

  _poe_session_stop_engine (self);
  _poe_session_user_info_read (&self->user, store);
  if (self->user.user_id == NULL || self->user.server_url == NULL || self->user.username == NULL)
    return FALSE;

  g_free (self->token);
  self->token = g_strdup (token);
  _poe_session_take_store (self, g_object_ref (store));
  _poe_session_become_ready (self);

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

  return _poe_session_user_info_write (&user, store, error);
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
