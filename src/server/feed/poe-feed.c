/* poe-feed.c
 *
 * The scheduler of the flight feed, shared by every provider (the demo's too). Each watched
 * airport has its next poll time from poe-feed-policy.c; one GLib timeout wakes at the
 * earliest. A poll reads the airport's POE (its zone) and the flights it expects, asks the
 * provider for the window around the active ones (asynchronously, on the main context), and
 * writes the flights whose values really changed in one poe_server_put_system(): new revs,
 * the changes feed, long polls woken. A failure never blanks a value: the flights are left
 * as they were, and the poll is retried (after Retry-After when the provider asked); a
 * refused key stops the feed and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed.h"
#include "poe-feed-match.h"
#include "poe-feed-policy.h"

#define WINDOW_BEFORE  (2 * G_TIME_SPAN_HOUR)
#define WINDOW_MAX     (12 * G_TIME_SPAN_HOUR)

struct _PoeFeed
{
  GObject          parent_instance;

  PoeServer       *server;
  PoeFeedProvider *provider;
  GStrv            airports;
  gint64          *due;          /* per airport: µs since the epoch, 0: nothing to follow */
  gboolean        *busy;         /* per airport: a fetch is under way */
  gint64           hot_us;
  gint64           cold_us;
  GHashTable      *reported;     /* "id/field" → last value the provider reported */
  GCancellable    *cancellable;
  guint            timeout_id;
  gboolean         refused;

  gint64           last_success;
  gint64           last_attempt;
  char            *last_error;
};

G_DEFINE_FINAL_TYPE (PoeFeed, poe_feed, G_TYPE_OBJECT)

typedef struct
{
  PoeFeed *feed;
  guint    airport;
} Poll;

static void schedule (PoeFeed *self);


/*
 * Auxiliary methods
 */

static GTimeZone *
zone_of_airport (PoeFeed    *self,
                 const char *airport)
{
  PoeBackend *backend = poe_server_get_backend (self->server);
  g_autoptr(GPtrArray) poes = backend->ops->record_find (backend, poe_schema_lookup_entity ("poe"),
                                                         "code", airport);

  for (guint i = 0; poes != NULL && i < poes->len; i++)
    {
      const char *zone = poe_record_get_string (g_ptr_array_index (poes, i), "time_zone");
      GTimeZone *tz = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;

      if (tz != NULL)
        return tz;
    }

  return NULL;
}

static GPtrArray *
expected_flights (PoeFeed    *self,
                  const char *airport)
{
  PoeBackend *backend = poe_server_get_backend (self->server);
  g_autoptr(GPtrArray) found = backend->ops->record_find (backend, poe_schema_lookup_entity ("flight"),
                                                          "destination", airport);
  GPtrArray *flights = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; found != NULL && i < found->len; i++)
    if (!poe_record_get_deleted (g_ptr_array_index (found, i)))
      g_ptr_array_add (flights, g_object_ref (g_ptr_array_index (found, i)));

  return flights;
}

/* The window around the active flights: from two hours before the earliest scheduled one,
 * at most twelve hours (AeroDataBox's limit). */
static void
window_of (GPtrArray  *flights,
           gint64      now,
           gint64     *from,
           gint64     *to)
{
  gint64 earliest = G_MAXINT64, latest = 0;

  for (guint i = 0; i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");
      g_autoptr(GDateTime) estimated = poe_record_dup_time (flight, "estimated_arrival");
      gint64 s, e;

      if (scheduled == NULL || !poe_feed_policy_is_active (flight, now))
        continue;
      s = g_date_time_to_unix (scheduled) * G_USEC_PER_SEC;
      e = estimated != NULL ? g_date_time_to_unix (estimated) * G_USEC_PER_SEC : s;
      earliest = MIN (earliest, s);
      latest = MAX (latest, MAX (s, e));
    }

  *from = MIN (earliest, now) - WINDOW_BEFORE;
  *to = MIN (MAX (latest, now) + G_TIME_SPAN_HOUR, *from + WINDOW_MAX);
}

static void
set_error (PoeFeed    *self,
           const char *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_message ("Flight feed (%s): %s", poe_feed_provider_get_name (self->provider), message);
}

static void
set_time_member (JsonObject *object,
                 const char *name,
                 gint64      usec)
{
  g_autoptr(GDateTime) time = usec != 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC) : NULL;
  g_autofree char *text = time != NULL ? poe_time_format_iso8601 (time) : NULL;

  json_object_set_string_member (object, name, text);
}

static char *
plain_words (const GError *error)
{
  if (g_error_matches (error, POE_FEED_ERROR, POE_FEED_ERROR_REFUSED))
    return g_strdup_printf ("The provider refused the key; the feed has stopped. Check the key file and restart poe-central. (%s)",
                            error->message);
  if (g_error_matches (error, POE_FEED_ERROR, POE_FEED_ERROR_RATE_LIMITED))
    return g_strdup_printf ("The provider asked to slow down; the feed waits before it asks again. (%s)", error->message);

  return g_strdup_printf ("The provider could not be read; the flights keep their last values. (%s)", error->message);
}

static void
write_flights (PoeFeed    *self,
               guint       airport,
               GTimeZone  *zone,
               GPtrArray  *reported)
{
  g_autoptr(GPtrArray) flights = expected_flights (self, self->airports[airport]);
  g_autoptr(GPtrArray) changed = poe_feed_match_apply (flights, reported, zone,
                                                       poe_feed_provider_get_name (self->provider),
                                                       self->reported);
  g_autoptr(GError) error = NULL;

  if (changed->len > 0 && !poe_server_put_system (self->server, changed, &error))
    set_error (self, error->message);
  else if (changed->len > 0)
    g_debug ("Flight feed: %u flights changed at %s", changed->len, self->airports[airport]);

  self->due[airport] = poe_feed_policy_next_poll (flights, g_get_real_time (), self->hot_us, self->cold_us);
}


/*
 * Callbacks
 */

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Poll *poll = user_data;
  g_autoptr(PoeFeed) self = poll->feed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reported = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  guint retry_after = 0;

  reported = poe_feed_provider_fetch_finish (POE_FEED_PROVIDER (source), result, &retry_after, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy[poll->airport] = FALSE;
  zone = zone_of_airport (self, self->airports[poll->airport]);
  if (reported != NULL && zone != NULL)
    {
      self->last_success = g_get_real_time ();
      write_flights (self, poll->airport, zone, reported);
    }
  else if (reported != NULL)
    set_error (self, "The POE of this airport has no valid time zone.");
  else
    {
      g_autofree char *message = plain_words (error);

      set_error (self, message);
      self->refused = g_error_matches (error, POE_FEED_ERROR, POE_FEED_ERROR_REFUSED);
      self->due[poll->airport] = g_get_real_time () + MAX ((gint64) retry_after * G_USEC_PER_SEC, self->hot_us);
    }

  schedule (self);
}

static void
poll_airport (PoeFeed *self,
              guint    airport,
              gint64   now)
{
  const char *code = self->airports[airport];
  g_autoptr(GPtrArray) flights = expected_flights (self, code);
  g_autoptr(GTimeZone) zone = zone_of_airport (self, code);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  PoeFeedWindow window = { code, NULL, NULL, NULL };
  gint64 from_us, to_us;
  Poll *poll;

  self->due[airport] = poe_feed_policy_next_poll (flights, now, self->hot_us, self->cold_us);
  if (self->due[airport] == 0)
    {
      self->due[airport] = now + self->hot_us;  /* look again (no request) for flights added since */
      return;
    }
  if (zone == NULL)
    {
      set_error (self, "The POE of this airport is missing or has no valid time zone.");
      return;
    }

  window_of (flights, now, &from_us, &to_us);
  from = g_date_time_new_from_unix_utc (from_us / G_USEC_PER_SEC);
  to = g_date_time_new_from_unix_utc (to_us / G_USEC_PER_SEC);
  window.zone = zone, window.from = from, window.to = to;

  poll = g_new0 (Poll, 1);
  poll->feed = g_object_ref (self);
  poll->airport = airport;
  self->busy[airport] = TRUE;
  self->last_attempt = now;
  poe_feed_provider_fetch_async (self->provider, &window, self->cancellable, fetch_cb, poll);
}

static gboolean
tick_cb (gpointer user_data)
{
  PoeFeed *self = user_data;
  gint64 now = g_get_real_time ();

  self->timeout_id = 0;
  for (guint i = 0; self->airports[i] != NULL && !self->refused; i++)
    if (!self->busy[i] && self->due[i] <= now)
      poll_airport (self, i, now);

  schedule (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (PoeFeed *self)
{
  gint64 next = G_MAXINT64;
  gint64 wait_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->refused || self->cancellable == NULL)
    return;

  for (guint i = 0; self->airports[i] != NULL; i++)
    if (!self->busy[i])
      next = MIN (next, self->due[i]);
  if (next == G_MAXINT64)
    return;

  wait_ms = CLAMP ((next - g_get_real_time ()) / 1000, 0, G_MAXUINT);
  self->timeout_id = g_timeout_add ((guint) wait_ms, tick_cb, self);
}


/*
 * GObject overrides
 */

static void
poe_feed_finalize (GObject *object)
{
  PoeFeed *self = POE_FEED (object);

  poe_feed_stop (self);
  g_clear_object (&self->server);
  g_clear_object (&self->provider);
  g_strfreev (self->airports);
  g_free (self->due);
  g_free (self->busy);
  g_hash_table_unref (self->reported);
  g_free (self->last_error);

  G_OBJECT_CLASS (poe_feed_parent_class)->finalize (object);
}

static void
poe_feed_class_init (PoeFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = poe_feed_finalize;
}

static void
poe_feed_init (PoeFeed *self)
{
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->hot_us = POE_FEED_HOT_INTERVAL;
  self->cold_us = POE_FEED_COLD_INTERVAL;
}


/*
 * Public API
 */

/**
 * poe_feed_new:
 * @airports: IATA codes of the watched airports (each with a POE in the database)
 */
PoeFeed *
poe_feed_new (PoeServer          *server,
              PoeFeedProvider    *provider,
              const char * const *airports)
{
  PoeFeed *self;

  g_return_val_if_fail (POE_IS_SERVER (server), NULL);
  g_return_val_if_fail (POE_IS_FEED_PROVIDER (provider), NULL);
  g_return_val_if_fail (airports != NULL, NULL);

  self = g_object_new (POE_TYPE_FEED, NULL);
  self->server = g_object_ref (server);
  self->provider = g_object_ref (provider);
  self->airports = g_strdupv ((char **) airports);
  self->due = g_new0 (gint64, g_strv_length (self->airports) + 1);
  self->busy = g_new0 (gboolean, g_strv_length (self->airports) + 1);

  return self;
}

/**
 * poe_feed_set_intervals:
 * @hot_ms: between polls while a flight matters (default 2 minutes)
 * @cold_ms: between polls otherwise (default an hour)
 */
void
poe_feed_set_intervals (PoeFeed *self,
                        guint    hot_ms,
                        guint    cold_ms)
{
  g_return_if_fail (POE_IS_FEED (self));

  self->hot_us = (gint64) MAX (hot_ms, 1) * 1000;
  self->cold_us = (gint64) MAX (cold_ms, hot_ms) * 1000;
}

void
poe_feed_start (PoeFeed *self)
{
  g_return_if_fail (POE_IS_FEED (self));

  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  poe_server_set_feed_status (self->server, (PoeServerStatusFunc) poe_feed_dup_status, self);
  schedule (self);
}

void
poe_feed_stop (PoeFeed *self)
{
  g_return_if_fail (POE_IS_FEED (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      poe_server_set_feed_status (self->server, NULL, NULL);
      g_cancellable_cancel (self->cancellable);
    }
  g_clear_object (&self->cancellable);
}

/**
 * poe_feed_dup_status:
 *
 * Returns: (transfer full): what GET /v1/feed answers: provider, last success, last error
 *   in plain words, next poll (times ISO 8601 UTC, null when none)
 */
JsonObject *
poe_feed_dup_status (PoeFeed *self)
{
  JsonObject *status = json_object_new ();
  gint64 next = G_MAXINT64;

  g_return_val_if_fail (POE_IS_FEED (self), status);

  for (guint i = 0; self->airports[i] != NULL && !self->refused; i++)
    if (self->due[i] != 0)
      next = MIN (next, self->due[i]);

  json_object_set_string_member (status, "provider", poe_feed_provider_get_name (self->provider));
  json_object_set_boolean_member (status, "running", self->cancellable != NULL && !self->refused);
  set_time_member (status, "last_success", self->last_success);
  json_object_set_string_member (status, "last_error", self->last_error);
  set_time_member (status, "next_poll", next != G_MAXINT64 && self->cancellable != NULL ? next : 0);

  return status;
}
