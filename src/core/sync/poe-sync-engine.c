/* poe-sync-engine.c
 *
 * The main-thread half of sync: a GObject whose properties mirror what the worker thread
 * (poe-sync-worker.c) reports. The worker never touches this object; its reports arrive as
 * idle callbacks in the main context the engine was created in, tagged with the generation
 * of the worker that sent them, so a report of a stopped worker is dropped. What the worker's
 * connection commits is announced on the UI's store with its origin (pulled, or outbox
 * progress); the engine itself reacts only to the UI store's local writes, which it pushes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync"

#include "config.h"

#include "poe-sync-engine-private.h"

#define DEFAULT_POLL_WAIT        25
#define DEFAULT_BACKOFF_BASE_MS  1000
#define DEFAULT_BACKOFF_MAX_MS   (5 * 60 * 1000)
#define DEFAULT_CONNECT_TIMEOUT  15
#define DEFAULT_REQUEST_TIMEOUT  60

struct _PoeSyncEngine
{
  GObject        parent_instance;

  char          *store_path;
  char          *server_url;
  char          *ca_file;
  char          *token;
  GMainContext  *main_context;

  guint          poll_wait;
  guint          backoff_base_ms;
  guint          backoff_max_ms;
  guint          connect_timeout;
  guint          request_timeout;

  PoeSyncWorker *worker;       /* NULL when not running */
  GThread       *thread;
  guint          generation;

  PoeStore      *ui_store;

  PoeSyncStatus  status;
};

typedef struct
{
  PoeSyncWorker  *worker;
  guint           generation;
  PoeSyncStatus   status;
  char           *entity;      /* for changes */
  GStrv           ids;
  PoeStoreChange  origin;
} Report;

G_DEFINE_FINAL_TYPE (PoeSyncEngine, poe_sync_engine, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PoeSyncState, poe_sync_state,
  G_DEFINE_ENUM_VALUE (POE_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (POE_SYNC_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (POE_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (POE_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (POE_SYNC_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (POE_SYNC_STATE_NEEDS_SIGN_IN, "needs-sign-in"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_PENDING_COUNT,
  PROP_REJECTED_COUNT,
  PROP_CONFLICT_COUNT,
  PROP_LAST_ERROR,
  PROP_LAST_SYNC,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


/*
 * Auxiliary methods
 */

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return fallback;

  return (guint) value;
}

static void
report_free (Report *report)
{
  _poe_sync_status_clear (&report->status);
  g_clear_pointer (&report->worker, _poe_sync_worker_unref);
  g_free (report->entity);
  g_strfreev (report->ids);
  g_free (report);
}

/* The engine a report is for, or NULL when it is gone or the report is stale. */
static PoeSyncEngine *
dup_engine_for_report (Report *report)
{
  g_autoptr(PoeSyncEngine) self = g_weak_ref_get (&report->worker->engine);

  if (self == NULL || self->worker != report->worker || self->generation != report->generation)
    return NULL;

  return g_steal_pointer (&self);
}

static void
set_state (PoeSyncEngine *self,
           PoeSyncState   state)
{
  if (self->status.state == state)
    return;

  self->status.state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_count (PoeSyncEngine *self,
           guint         *field,
           guint          value,
           guint          prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_last_error (PoeSyncEngine *self,
                const char    *text)
{
  if (g_strcmp0 (self->status.last_error, text) == 0)
    return;

  g_free (self->status.last_error);
  self->status.last_error = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_last_sync (PoeSyncEngine *self,
               GDateTime     *when)
{
  if (when == self->status.last_sync ||
      (when != NULL && self->status.last_sync != NULL && g_date_time_equal (when, self->status.last_sync)))
    return;

  g_clear_pointer (&self->status.last_sync, g_date_time_unref);
  self->status.last_sync = when ? g_date_time_ref (when) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

static void
apply_status (PoeSyncEngine       *self,
              const PoeSyncStatus *status)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_state (self, status->state);
  set_count (self, &self->status.pending, status->pending, PROP_PENDING_COUNT);
  set_count (self, &self->status.rejected, status->rejected, PROP_REJECTED_COUNT);
  set_count (self, &self->status.conflicts, status->conflicts, PROP_CONFLICT_COUNT);
  set_last_error (self, status->last_error);
  set_last_sync (self, status->last_sync);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Wakes the worker: @retry also ends a backoff wait, else only a long poll is cut short. */
static void
wake_worker (PoeSyncEngine *self,
             gboolean       retry)
{
  PoeSyncWorker *worker = self->worker;

  if (worker == NULL)
    return;

  g_mutex_lock (&worker->mutex);
  worker->wake = TRUE;
  worker->retry |= retry;
  if (worker->request != NULL && worker->request_is_poll)
    g_cancellable_cancel (worker->request);
  g_cond_broadcast (&worker->cond);
  g_mutex_unlock (&worker->mutex);
}

static PoeSyncWorker *
worker_new (PoeSyncEngine *self)
{
  PoeSyncWorker *worker = g_new0 (PoeSyncWorker, 1);

  g_atomic_ref_count_init (&worker->ref_count);
  g_mutex_init (&worker->mutex);
  g_cond_init (&worker->cond);
  worker->store_path = g_strdup (self->store_path);
  worker->server_url = g_strdup (self->server_url);
  worker->ca_file = g_strdup (self->ca_file);
  worker->main_context = g_main_context_ref (self->main_context);
  g_weak_ref_init (&worker->engine, self);
  worker->generation = self->generation;
  worker->poll_wait = self->poll_wait;
  worker->backoff_base_ms = self->backoff_base_ms;
  worker->backoff_max_ms = MAX (self->backoff_max_ms, self->backoff_base_ms);
  worker->connect_timeout = self->connect_timeout;
  worker->request_timeout = self->request_timeout;
  worker->token = g_strdup (self->token);
  worker->token_serial = 1;

  return worker;
}


/*
 * Callbacks
 */

static gboolean
status_reported_cb (gpointer user_data)
{
  Report *report = user_data;
  g_autoptr(PoeSyncEngine) self = dup_engine_for_report (report);

  if (self != NULL)
    apply_status (self, &report->status);

  return G_SOURCE_REMOVE;
}

static gboolean
changes_reported_cb (gpointer user_data)
{
  Report *report = user_data;
  g_autoptr(PoeSyncEngine) self = dup_engine_for_report (report);

  if (self == NULL || self->ui_store == NULL)
    return G_SOURCE_REMOVE;

  /* Views of the UI store re-read these records. */
  poe_store_emit_changed (self->ui_store, report->entity, (const char * const *) report->ids,
                          report->origin);

  return G_SOURCE_REMOVE;
}

static void
on_ui_store_changed_cb (PoeStore           *store,
                        const char         *entity,
                        const char * const *ids,
                        PoeStoreChange      origin,
                        PoeSyncEngine      *self)
{
  g_assert (POE_IS_SYNC_ENGINE (self));

  /* Pulled changes and outbox progress come from the worker: nothing new to push. */
  if (origin != POE_STORE_CHANGE_LOCAL || self->worker == NULL)
    return;

  /* A local write: show it as pending at once, and push it out without waiting. */
  g_object_freeze_notify (G_OBJECT (self));
  set_count (self, &self->status.pending, poe_store_count_pending (store), PROP_PENDING_COUNT);
  set_count (self, &self->status.conflicts, poe_store_count_conflicts (store), PROP_CONFLICT_COUNT);
  g_object_thaw_notify (G_OBJECT (self));

  wake_worker (self, FALSE);
}


/*
 * GObject overrides
 */

static void
poe_sync_engine_dispose (GObject *object)
{
  PoeSyncEngine *self = (PoeSyncEngine *) object;

  poe_sync_engine_stop (self);
  g_clear_object (&self->ui_store);

  G_OBJECT_CLASS (poe_sync_engine_parent_class)->dispose (object);
}

static void
poe_sync_engine_finalize (GObject *object)
{
  PoeSyncEngine *self = (PoeSyncEngine *) object;

  g_free (self->store_path);
  g_free (self->server_url);
  g_free (self->ca_file);
  g_free (self->token);
  g_main_context_unref (self->main_context);
  _poe_sync_status_clear (&self->status);

  G_OBJECT_CLASS (poe_sync_engine_parent_class)->finalize (object);
}

static void
poe_sync_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PoeSyncEngine *self = POE_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->status.state);
      break;

    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->status.pending);
      break;

    case PROP_REJECTED_COUNT:
      g_value_set_uint (value, self->status.rejected);
      break;

    case PROP_CONFLICT_COUNT:
      g_value_set_uint (value, self->status.conflicts);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->status.last_error);
      break;

    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->status.last_sync);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_sync_engine_class_init (PoeSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_sync_engine_dispose;
  object_class->finalize = poe_sync_engine_finalize;
  object_class->get_property = poe_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, POE_TYPE_SYNC_STATE, POE_SYNC_STATE_OFFLINE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTED_COUNT] =
    g_param_spec_uint ("rejected-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICT_COUNT] =
    g_param_spec_uint ("conflict-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_sync_engine_init (PoeSyncEngine *self)
{
  self->main_context = g_main_context_ref_thread_default ();
  self->poll_wait = env_uint ("POE_SYNC_POLL_WAIT", DEFAULT_POLL_WAIT);
  self->backoff_base_ms = MAX (1, env_uint ("POE_SYNC_BACKOFF_BASE_MS", DEFAULT_BACKOFF_BASE_MS));
  self->backoff_max_ms = MAX (1, env_uint ("POE_SYNC_BACKOFF_MAX_MS", DEFAULT_BACKOFF_MAX_MS));
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->request_timeout = DEFAULT_REQUEST_TIMEOUT;
  self->status.state = POE_SYNC_STATE_OFFLINE;
}


/*
 * Private API (called on the worker thread)
 */

void
_poe_sync_status_clear (PoeSyncStatus *status)
{
  g_clear_pointer (&status->last_error, g_free);
  g_clear_pointer (&status->last_sync, g_date_time_unref);
}

void
_poe_sync_engine_post_status (PoeSyncWorker       *worker,
                              guint                generation,
                              const PoeSyncStatus *status)
{
  Report *report = g_new0 (Report, 1);

  report->worker = _poe_sync_worker_ref (worker);
  report->generation = generation;
  report->status = *status;
  report->status.last_error = g_strdup (status->last_error);
  report->status.last_sync = status->last_sync ? g_date_time_ref (status->last_sync) : NULL;

  g_main_context_invoke_full (worker->main_context, G_PRIORITY_DEFAULT, status_reported_cb,
                              report, (GDestroyNotify) report_free);
}

void
_poe_sync_engine_post_changes (PoeSyncWorker      *worker,
                               const char         *entity,
                               const char * const *ids,
                               PoeStoreChange      origin)
{
  Report *report = g_new0 (Report, 1);

  report->worker = _poe_sync_worker_ref (worker);
  report->generation = worker->generation;
  report->entity = g_strdup (entity);
  report->ids = g_strdupv ((char **) ids);
  report->origin = origin;

  g_main_context_invoke_full (worker->main_context, G_PRIORITY_DEFAULT, changes_reported_cb,
                              report, (GDestroyNotify) report_free);
}


/*
 * Public API
 */

/**
 * poe_sync_engine_new:
 * @store_path: the local store's file; it must exist (the app opens it first)
 * @server_url: the server, as poe_validate_server_url() returns it
 * @ca_file: (nullable): certificate authorities to trust instead of the system's
 *
 * Returns: (transfer full): a stopped engine reporting to the thread-default main context
 */
PoeSyncEngine *
poe_sync_engine_new (const char *store_path,
                     const char *server_url,
                     const char *ca_file)
{
  PoeSyncEngine *self;

  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (server_url != NULL, NULL);

  self = g_object_new (POE_TYPE_SYNC_ENGINE, NULL);
  self->store_path = g_strdup (store_path);
  self->server_url = g_strdup (server_url);
  self->ca_file = g_strdup (ca_file);

  return self;
}

/**
 * poe_sync_engine_set_token:
 * @token: (nullable): the bearer token of the signed-in user
 *
 * A new token ends the "sign in again" state and retries at once.
 */
void
poe_sync_engine_set_token (PoeSyncEngine *self,
                           const char    *token)
{
  PoeSyncWorker *worker;

  g_return_if_fail (POE_IS_SYNC_ENGINE (self));

  g_free (self->token);
  self->token = g_strdup (token);

  if ((worker = self->worker) == NULL)
    return;

  g_mutex_lock (&worker->mutex);
  g_free (worker->token);
  worker->token = g_strdup (token);
  worker->token_serial++;
  worker->retry = TRUE;
  g_cond_broadcast (&worker->cond);
  g_mutex_unlock (&worker->mutex);
}

/**
 * poe_sync_engine_set_ui_store:
 * @store: (nullable): the app's store on the same file
 *
 * What the worker's connection commits (pulled records, outbox progress) is announced as
 * @store's "changed" with its origin; @store's own local writes wake the worker so they are
 * pushed within moments.
 */
void
poe_sync_engine_set_ui_store (PoeSyncEngine *self,
                              PoeStore      *store)
{
  g_return_if_fail (POE_IS_SYNC_ENGINE (self));
  g_return_if_fail (store == NULL || POE_IS_STORE (store));

  if (self->ui_store == store)
    return;

  if (self->ui_store != NULL)
    g_signal_handlers_disconnect_by_func (self->ui_store, on_ui_store_changed_cb, self);

  g_set_object (&self->ui_store, store);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_ui_store_changed_cb), self, 0);
}

/**
 * poe_sync_engine_start:
 *
 * Starts the worker thread. Does nothing when running.
 */
void
poe_sync_engine_start (PoeSyncEngine *self)
{
  g_return_if_fail (POE_IS_SYNC_ENGINE (self));

  if (self->worker != NULL)
    return;

  self->generation++;
  self->worker = worker_new (self);
  self->thread = g_thread_new ("poe-sync", _poe_sync_worker_run, _poe_sync_worker_ref (self->worker));

  set_state (self, POE_SYNC_STATE_CONNECTING);
}

/**
 * poe_sync_engine_stop:
 *
 * Stops the worker: the request running now is aborted (a push cut off is sent again at
 * the next start) and the thread ends within moments. Nothing is lost.
 */
void
poe_sync_engine_stop (PoeSyncEngine *self)
{
  g_autoptr(PoeSyncWorker) worker = NULL;

  g_return_if_fail (POE_IS_SYNC_ENGINE (self));

  if (self->worker == NULL)
    return;

  worker = g_steal_pointer (&self->worker);
  g_mutex_lock (&worker->mutex);
  worker->stopping = TRUE;
  if (worker->request != NULL)
    g_cancellable_cancel (worker->request);
  g_cond_broadcast (&worker->cond);
  g_mutex_unlock (&worker->mutex);

  /* The worker only waits on the network (cancelled above) or on the condition (signalled
   * above); a store write in progress is short. */
  g_thread_join (g_steal_pointer (&self->thread));

  set_state (self, POE_SYNC_STATE_OFFLINE);
}

/**
 * poe_sync_engine_sync_now:
 *
 * Syncs at once: ends a long poll or a wait after a failure (but not the wait the server
 * asked for with Retry-After).
 */
void
poe_sync_engine_sync_now (PoeSyncEngine *self)
{
  g_return_if_fail (POE_IS_SYNC_ENGINE (self));

  wake_worker (self, TRUE);
}

gboolean
poe_sync_engine_is_running (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), FALSE);

  return self->worker != NULL;
}

PoeSyncState
poe_sync_engine_get_state (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), POE_SYNC_STATE_OFFLINE);

  return self->status.state;
}

guint
poe_sync_engine_get_pending_count (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), 0);

  return self->status.pending;
}

guint
poe_sync_engine_get_rejected_count (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), 0);

  return self->status.rejected;
}

guint
poe_sync_engine_get_conflict_count (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), 0);

  return self->status.conflicts;
}

/**
 * poe_sync_engine_get_last_error:
 *
 * Returns: (nullable): what went wrong last, in words for the user; %NULL once synced
 */
const char *
poe_sync_engine_get_last_error (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), NULL);

  return self->status.last_error;
}

/**
 * poe_sync_engine_get_last_sync:
 *
 * Returns: (nullable) (transfer none): when the store was last up to date with the server
 */
GDateTime *
poe_sync_engine_get_last_sync (PoeSyncEngine *self)
{
  g_return_val_if_fail (POE_IS_SYNC_ENGINE (self), NULL);

  return self->status.last_sync;
}

void
poe_sync_engine_set_poll_wait (PoeSyncEngine *self,
                               guint          seconds)
{
  g_return_if_fail (POE_IS_SYNC_ENGINE (self));

  self->poll_wait = MIN (seconds, 60);
}

void
poe_sync_engine_set_backoff (PoeSyncEngine *self,
                             guint          base_ms,
                             guint          max_ms)
{
  g_return_if_fail (POE_IS_SYNC_ENGINE (self));
  g_return_if_fail (base_ms > 0);

  self->backoff_base_ms = base_ms;
  self->backoff_max_ms = MAX (base_ms, max_ms);
}

void
poe_sync_engine_set_timeouts (PoeSyncEngine *self,
                              guint          connect_seconds,
                              guint          request_seconds)
{
  g_return_if_fail (POE_IS_SYNC_ENGINE (self));
  g_return_if_fail (connect_seconds > 0 && request_seconds > 0);

  self->connect_timeout = connect_seconds;
  self->request_timeout = request_seconds;
}

/* For poe-sync-request.c: what a request of its own needs to reach the server as the user. */
void
_poe_sync_engine_get_connection (PoeSyncEngine  *self,
                                 const char    **server_url,
                                 const char    **ca_file,
                                 const char    **token,
                                 guint          *connect_timeout,
                                 guint          *request_timeout)
{
  *server_url = self->server_url;
  *ca_file = self->ca_file;
  *token = self->token;
  *connect_timeout = self->connect_timeout;
  *request_timeout = self->request_timeout;
}
