/* poe-notifier.c
 *
 * Desktop notifications through libnotify, from the notifier's own board and case models and
 * the sync engine's properties: a flight with families expected lands, a family's connection
 * turns red, new conflicts come in, syncing has failed for SYNC_FAILING_US. A subject is
 * notified at most once in SUBJECT_COOLDOWN_US and no more than MAX_PER_MINUTE a minute; the
 * risks the board shows once it has loaded are the baseline, so starting the app notifies
 * nothing. Without a notification service the notifier says so once and looks again later. A
 * click on a notification asks the window to open its flight or family (::activated).
 * Notifications name flights and case numbers, never a person.
 * A read of the store that fails is handed to the window (::read-failed), which says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "poe-board-model.h"
#include "poe-case-list-model.h"

#include "poe-notifier.h"

/* The same subject (a flight, a family, conflicts, sync) at most once in this time. */
#define SUBJECT_COOLDOWN_US  (10 * G_TIME_SPAN_MINUTE)
/* And no more than this many notifications a minute, whatever the subject. */
#define MAX_PER_MINUTE       4
#define SYNC_FAILING_US      (10 * G_TIME_SPAN_MINUTE)
#define SYNC_CHECK_SECONDS   30
/* Without a notification service, look for one again after this long. */
#define SERVICE_RETRY_US     G_TIME_SPAN_MINUTE

struct _PoeNotifier
{
  GObject           parent_instance;

  char             *app_name;
  gboolean          enabled;
  gboolean          available;
  gboolean          warned;
  gint64            retry_at;
  guint             n_sent;

  PoeStore         *store;
  PoeBoardModel    *board;
  PoeSyncEngine    *engine;

  GHashTable       *flight_status;  /* flight id → last status seen */
  GHashTable       *case_risk;      /* case id → last PoeRiskLevel seen */
  GHashTable       *flight_risk;    /* flight id → worst risk seen, once the board has loaded */
  GHashTable       *last_sent;      /* subject → monotonic time of its last notification */
  GQueue            recent;         /* monotonic times of the last minute's notifications */
  guint             last_conflicts;
  gint64            failing_since;
  guint             sync_check_id;
  GPtrArray        *shown;          /* NotifyNotification, kept until closed */
};

G_DEFINE_FINAL_TYPE (PoeNotifier, poe_notifier, G_TYPE_OBJECT)

enum {
  ACTIVATED,
  READ_FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Auxiliary methods
 */

static gboolean
rate_allows (PoeNotifier *self,
             const char  *subject)
{
  gint64 now = g_get_monotonic_time ();
  gpointer last;

  while (!g_queue_is_empty (&self->recent) &&
         now - GPOINTER_TO_SIZE (g_queue_peek_head (&self->recent)) > G_TIME_SPAN_MINUTE)
    g_queue_pop_head (&self->recent);

  if (g_queue_get_length (&self->recent) >= MAX_PER_MINUTE)
    return FALSE;

  if (g_hash_table_lookup_extended (self->last_sent, subject, NULL, &last) &&
      now - *(gint64 *) last < SUBJECT_COOLDOWN_US)
    return FALSE;

  return TRUE;
}

static void
note_sent (PoeNotifier *self,
           const char  *subject)
{
  gint64 *now = g_new (gint64, 1);

  *now = g_get_monotonic_time ();
  g_hash_table_replace (self->last_sent, g_strdup (subject), now);
  g_queue_push_tail (&self->recent, GSIZE_TO_POINTER ((gsize) *now));
  self->n_sent++;
}

static void
closed_cb (NotifyNotification *notification,
           PoeNotifier        *self)
{
  g_ptr_array_remove (self->shown, notification);
}

static void
default_action_cb (NotifyNotification *notification,
                   char               *action,
                   gpointer            user_data)
{
  PoeNotifier *self = g_object_get_data (G_OBJECT (notification), "poe-notifier");

  if (self != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0,
                   g_object_get_data (G_OBJECT (notification), "poe-page"),
                   g_object_get_data (G_OBJECT (notification), "poe-target"));
}

/* Sends one notification. @page and @target tell the window what to open on a click. */
static void
send (PoeNotifier *self,
      const char  *subject,
      const char  *summary,
      const char  *body,
      const char  *page,
      const char  *target)
{
  g_autoptr(GError) error = NULL;
  NotifyNotification *notification;

  if (!self->enabled || !rate_allows (self, subject) ||
      (!self->available && g_get_monotonic_time () < self->retry_at))
    return;

  notification = notify_notification_new (summary, body, APP_ID);
  notify_notification_set_app_name (notification, self->app_name);
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  notify_notification_add_action (notification, "default", _("Open"), default_action_cb, NULL, NULL);
  g_object_set_data (G_OBJECT (notification), "poe-notifier", self);
  g_object_set_data_full (G_OBJECT (notification), "poe-page", g_strdup (page), g_free);
  g_object_set_data_full (G_OBJECT (notification), "poe-target", g_strdup (target), g_free);
  g_signal_connect_object (notification, "closed", G_CALLBACK (closed_cb), self, 0);

  /* libnotify keeps the service it met first; a service that restarted under a new bus
   * name is not found again (libnotify 0.8 cannot reset that without warnings). */
  if (!notify_notification_show (notification, &error))
    {
      /* No notification service (a bare session, a test): not an error for the user. */
      if (!self->warned)
        g_message ("Notifications are unavailable: %s", error->message);
      self->warned = TRUE;
      self->available = FALSE;
      self->retry_at = g_get_monotonic_time () + SERVICE_RETRY_US;
      g_object_unref (notification);
      return;
    }

  self->available = TRUE;
  g_ptr_array_add (self->shown, notification);
  note_sent (self, subject);
}

static void
report_error (PoeNotifier  *self,
              const GError *error)
{
  g_signal_emit (self, signals[READ_FAILED], 0, error);
}

static char *
describe_families (PoeNotifier *self,
                   const char  *flight_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeCaseListModel) cases = poe_case_list_model_new_for_flight (self->store, flight_id, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = cases != NULL ? g_list_model_get_n_items (G_LIST_MODEL (cases)) : 0;

  /* The landing is still notified, without the families. */
  if (cases == NULL)
    report_error (self, error);

  for (guint i = 0; i < n && i < 4; i++)
    {
      g_autoptr(PoeCaseRow) row = g_list_model_get_item (G_LIST_MODEL (cases), i);

      g_string_append_printf (text, "%s%s (%s)", i > 0 ? ", " : "", poe_case_row_get_case_number (row),
                              poe_case_row_get_initials (row));
    }
  if (n > 4)
    g_string_append (text, ", …");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_flight (PoeNotifier *self,
              PoeBoardRow *row)
{
  const PoeFlightSummary *flight = poe_board_row_get_summary (row);
  const char *id = flight->id;
  const char *status = flight->status;
  const char *before = g_hash_table_lookup (self->flight_status, id);
  gboolean in = g_strcmp0 (status, "landed") == 0 || g_strcmp0 (status, "arrived") == 0;
  gboolean was_in = g_strcmp0 (before, "landed") == 0 || g_strcmp0 (before, "arrived") == 0;

  g_hash_table_replace (self->flight_status, g_strdup (id), g_strdup (status));
  if (before == NULL || !in || was_in || poe_board_row_get_n_families (row) == 0)
    return;

  {
    g_autofree char *subject = g_strconcat ("landed:", id, NULL);
    g_autofree char *families = describe_families (self, id);
    g_autofree char *summary = NULL;
    g_autofree char *body = NULL;
    const char *gate = flight->gate != NULL && *flight->gate != '\0' ? flight->gate : NULL;

    /* Translators: a notification; %s %s is the carrier and the flight number */
    summary = g_strdup_printf (_("%s %s has landed"), flight->carrier, flight->number);
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u family expected, gate %s: %s",
                                         "%u families expected, gate %s: %s",
                                         poe_board_row_get_n_families (row)),
                            poe_board_row_get_n_families (row), gate != NULL ? gate : "—", families);
    send (self, subject, summary, body, "flight", id);
  }
}

static void
notify_red_case (PoeNotifier *self,
                 PoeCaseRow  *row)
{
  g_autofree char *subject = g_strconcat ("red:", poe_case_row_get_id (row), NULL);
  g_autofree char *summary = NULL;

  /* Translators: a notification; case number and initials, never a name */
  summary = g_strdup_printf (_("Connection at risk: %s (%s)"), poe_case_row_get_case_number (row),
                             poe_case_row_get_initials (row));
  send (self, subject, summary, _("The family may miss its domestic connection. Open it to see why."),
        "case", poe_case_row_get_id (row));
}

/* A flight's worst risk turned red: which of its families did. */
static void
check_flight_risk (PoeNotifier *self,
                   PoeBoardRow *row)
{
  const char *flight_id = poe_board_row_get_flight_id (row);
  PoeRiskLevel risk = poe_board_row_get_risk (row);
  gpointer before;
  g_autoptr(PoeCaseListModel) cases = NULL;
  g_autoptr(GError) error = NULL;

  /* While the board loads, risks appear for the first time: that is no change. */
  if (poe_board_model_get_loading (self->board) ||
      !g_hash_table_lookup_extended (self->flight_risk, flight_id, NULL, &before))
    return;

  g_hash_table_replace (self->flight_risk, g_strdup (flight_id), GINT_TO_POINTER (risk));
  if (risk != POE_RISK_RED)
    return;

  if (!(cases = poe_case_list_model_new_for_flight (self->store, flight_id, &error)))
    {
      report_error (self, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (cases)); i++)
    {
      g_autoptr(PoeCaseRow) kase = g_list_model_get_item (G_LIST_MODEL (cases), i);
      const char *id = poe_case_row_get_id (kase);
      gpointer was;
      gboolean known = g_hash_table_lookup_extended (self->case_risk, id, NULL, &was);

      /* A family not looked at before was red only if its flight already was. */
      gboolean was_red = known ? GPOINTER_TO_INT (was) == POE_RISK_RED : GPOINTER_TO_INT (before) == POE_RISK_RED;

      g_hash_table_replace (self->case_risk, g_strdup (id), GINT_TO_POINTER (poe_case_row_get_risk (kase)));
      if (poe_case_row_get_risk (kase) == POE_RISK_RED && !was_red)
        notify_red_case (self, kase);
    }
}

static void
board_failed_cb (PoeNotifier *self)
{
  report_error (self, poe_board_model_get_error (self->board));
}

static void
flight_notified_cb (PoeBoardRow *row,
                    GParamSpec  *pspec,
                    PoeNotifier *self)
{
  check_flight (self, row);
}

static void
risk_notified_cb (PoeBoardRow *row,
                  GParamSpec  *pspec,
                  PoeNotifier *self)
{
  check_flight_risk (self, row);
}

static void
watch_board_row (PoeNotifier *self,
                 PoeBoardRow *row)
{
  /* The row's summary, not its record: reading 10,000 records here held up the main loop
   * for a tenth of a second, and kept them all in memory. */
  const PoeFlightSummary *flight = poe_board_row_get_summary (row);

  if (!g_hash_table_contains (self->flight_status, flight->id))
    g_hash_table_replace (self->flight_status, g_strdup (flight->id), g_strdup (flight->status));
  g_signal_handlers_disconnect_by_func (row, flight_notified_cb, self);
  g_signal_connect_object (row, "notify::flight", G_CALLBACK (flight_notified_cb), self, 0);
  g_signal_handlers_disconnect_by_func (row, risk_notified_cb, self);
  g_signal_connect_object (row, "notify::risk", G_CALLBACK (risk_notified_cb), self, 0);
}

/*
 * Callbacks
 */

static void
board_items_changed_cb (GListModel  *model,
                        guint        position,
                        guint        removed,
                        guint        added,
                        PoeNotifier *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PoeBoardRow) row = g_list_model_get_item (model, i);

      watch_board_row (self, row);
    }
}

/* The board has read every family: the risks it shows now are the baseline. */
static void
board_loading_notified_cb (PoeNotifier *self)
{
  GListModel *model = G_LIST_MODEL (self->board);

  if (poe_board_model_get_loading (self->board))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeBoardRow) row = g_list_model_get_item (model, i);

      if (!g_hash_table_contains (self->flight_risk, poe_board_row_get_flight_id (row)))
        g_hash_table_replace (self->flight_risk, g_strdup (poe_board_row_get_flight_id (row)),
                              GINT_TO_POINTER (poe_board_row_get_risk (row)));
    }
}

static void
conflicts_notified_cb (PoeNotifier *self)
{
  guint conflicts = poe_sync_engine_get_conflict_count (self->engine);

  if (conflicts > self->last_conflicts)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u change of yours clashed with someone else’s. Choose which to keep.",
                                                            "%u changes of yours clashed with someone else’s. Choose which to keep.",
                                                            conflicts),
                                               conflicts);

      send (self, "conflict", _("New conflict"), body, "conflicts", NULL);
    }
  self->last_conflicts = conflicts;
}

static gboolean
sync_check_cb (gpointer user_data)
{
  poe_notifier_check_sync_failure (user_data);

  return G_SOURCE_CONTINUE;
}


/*
 * GObject overrides
 */

static void
poe_notifier_dispose (GObject *object)
{
  PoeNotifier *self = POE_NOTIFIER (object);

  g_clear_handle_id (&self->sync_check_id, g_source_remove);
  poe_notifier_set_store (self, NULL);
  poe_notifier_set_engine (self, NULL);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (poe_notifier_parent_class)->dispose (object);
}

static void
poe_notifier_finalize (GObject *object)
{
  PoeNotifier *self = POE_NOTIFIER (object);

  g_queue_clear (&self->recent);
  g_hash_table_unref (self->flight_status);
  g_hash_table_unref (self->case_risk);
  g_hash_table_unref (self->flight_risk);
  g_hash_table_unref (self->last_sent);
  g_free (self->app_name);

  G_OBJECT_CLASS (poe_notifier_parent_class)->finalize (object);
}

static void
poe_notifier_class_init (PoeNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_notifier_dispose;
  object_class->finalize = poe_notifier_finalize;

  /**
   * PoeNotifier::activated:
   * @page: "flight", "case", "conflicts" or "sync"
   * @target: (nullable): the flight or case id
   *
   * The user clicked a notification.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * PoeNotifier::read-failed:
   * @error: the failure, in %POE_STORE_ERROR
   *
   * A read of the store failed: what it would have notified may be missing.
   */
  signals[READ_FAILED] =
    g_signal_new ("read-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
poe_notifier_init (PoeNotifier *self)
{
  self->enabled = TRUE;
  self->flight_status = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->case_risk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->flight_risk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->recent);
}


/*
 * Public API
 */

PoeNotifier *
poe_notifier_new (const char *app_name)
{
  PoeNotifier *self = g_object_new (POE_TYPE_NOTIFIER, NULL);

  self->app_name = g_strdup (app_name);
  self->available = notify_is_initted () || notify_init (app_name);
  self->sync_check_id = g_timeout_add_seconds (SYNC_CHECK_SECONDS, sync_check_cb, self);

  return self;
}

/**
 * poe_notifier_set_store:
 *
 * Watches the flights and families of a day around now in @store.
 */
void
poe_notifier_set_store (PoeNotifier *self,
                        PoeStore    *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_hours (now, -12);
  g_autoptr(GDateTime) to = g_date_time_add_hours (now, 24);
  g_autoptr(GError) error = NULL;
  GListModel *model;

  g_return_if_fail (POE_IS_NOTIFIER (self));

  if (self->board != NULL)
    g_signal_handlers_disconnect_by_data (self->board, self);
  g_clear_object (&self->board);
  g_hash_table_remove_all (self->flight_status);
  g_hash_table_remove_all (self->case_risk);
  g_hash_table_remove_all (self->flight_risk);
  g_set_object (&self->store, store);
  if (store == NULL)
    return;

  if (!(self->board = poe_board_model_new (store, from, to, &error)))
    {
      report_error (self, error);
      return;
    }

  model = G_LIST_MODEL (self->board);
  g_signal_connect_object (self->board, "notify::error", G_CALLBACK (board_failed_cb), self, G_CONNECT_SWAPPED);
  board_items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (board_items_changed_cb), self, 0);
  g_signal_connect_object (model, "notify::loading", G_CALLBACK (board_loading_notified_cb),
                           self, G_CONNECT_SWAPPED);
  board_loading_notified_cb (self);
}

void
poe_notifier_set_engine (PoeNotifier   *self,
                         PoeSyncEngine *engine)
{
  g_return_if_fail (POE_IS_NOTIFIER (self));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  self->failing_since = 0;
  self->last_conflicts = engine != NULL ? poe_sync_engine_get_conflict_count (engine) : 0;
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "notify::conflict-count", G_CALLBACK (conflicts_notified_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::state", G_CALLBACK (poe_notifier_check_sync_failure),
                               self, G_CONNECT_SWAPPED);
    }
}

void
poe_notifier_set_enabled (PoeNotifier *self,
                          gboolean     enabled)
{
  g_return_if_fail (POE_IS_NOTIFIER (self));

  self->enabled = !!enabled;
}

gboolean
poe_notifier_get_available (PoeNotifier *self)
{
  g_return_val_if_fail (POE_IS_NOTIFIER (self), FALSE);

  return self->available;
}

guint
poe_notifier_get_n_sent (PoeNotifier *self)
{
  g_return_val_if_fail (POE_IS_NOTIFIER (self), 0);

  return self->n_sent;
}

/**
 * poe_notifier_check_sync_failure:
 *
 * Notifies once syncing has failed for more than ten minutes (checked on each state change
 * and every half minute).
 */
void
poe_notifier_check_sync_failure (PoeNotifier *self)
{
  PoeSyncState state;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (POE_IS_NOTIFIER (self));

  if (self->engine == NULL)
    return;

  state = poe_sync_engine_get_state (self->engine);
  if (state != POE_SYNC_STATE_ERROR && state != POE_SYNC_STATE_OFFLINE && state != POE_SYNC_STATE_NEEDS_SIGN_IN)
    {
      self->failing_since = 0;
      return;
    }

  if (self->failing_since == 0)
    self->failing_since = now;
  else if (now - self->failing_since >= SYNC_FAILING_US)
    send (self, "sync", _("Syncing has failed for 10 minutes"),
          _("Your changes are kept on this computer. Open POE Desk to see what went wrong."), "sync", NULL);
}

/**
 * poe_notifier_is_watching:
 *
 * Returns: whether the notifier has read the board and watches it for changes
 */
gboolean
poe_notifier_is_watching (PoeNotifier *self)
{
  g_return_val_if_fail (POE_IS_NOTIFIER (self), FALSE);

  return self->board != NULL && !poe_board_model_get_loading (self->board);
}
