/* poe-feed-aerodatabox.c
 *
 * AeroDataBox: GET {base}/flights/airports/iata/{IATA}/{fromLocal}/{toLocal} with
 * direction=Arrival and withCodeshared=true (a codeshare comes as its own entry, its
 * marketing number in `number`), the key in x-rapidapi-key and x-rapidapi-host. The window
 * is the airport's local wall time, "YYYY-MM-DDTHH:mm", at most 12 hours of it (across a
 * DST change the instant window is cut to fit). Times come as {"utc": "2026-12-07 14:05Z",
 * "local": "2026-12-07 09:05-05:00"}: a space, not T, and no seconds. movement.airport is
 * the other end (the origin); revisedTime is the estimate, runwayTime the touch-down;
 * `status` is an enum (Expected, EnRoute, Approaching, Arrived, Delayed, Canceled,
 * CanceledUncertain, Diverted, …); movement.gate, terminal, baggageBelt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-aerodatabox.h"
#include "poe-feed-http.h"

#define DELAYED_AFTER (15 * G_TIME_SPAN_MINUTE)
#define WINDOW_LIMIT  (12 * G_TIME_SPAN_HOUR)

struct _PoeFeedAerodatabox
{
  GObject      parent_instance;

  char        *base_url;
  char        *key;
  SoupSession *session;
};

typedef struct
{
  char  *airport;
  guint  retry_after;
} Fetch;

static void provider_iface_init (PoeFeedProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeFeedAerodatabox, poe_feed_aerodatabox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (POE_TYPE_FEED_PROVIDER, provider_iface_init))


/*
 * Auxiliary methods
 */

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->airport);
  g_free (fetch);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

/* {"utc": "2026-12-07 14:05Z", "local": "2026-12-07 09:05-05:00"} */
static GDateTime *
time_member (JsonObject *movement,
             const char *name)
{
  JsonObject *time = member_object (movement, name);
  GDateTime *utc = poe_feed_parse_time (member_string (time, "utc"), NULL);

  return utc != NULL ? utc : poe_feed_parse_time (member_string (time, "local"), NULL);
}

static const char *
status_of (const char    *status,
           PoeFeedFlight *flight)
{
  static const struct { const char *provider; const char *ours; } statuses[] = {
    { "Expected", "scheduled" }, { "CheckIn", "scheduled" }, { "Boarding", "scheduled" },
    { "GateClosed", "scheduled" }, { "Departed", "en_route" }, { "EnRoute", "en_route" },
    { "Approaching", "en_route" }, { "Delayed", "delayed" }, { "Arrived", "landed" },
    { "Canceled", "cancelled" }, { "Diverted", "diverted" },
  };
  const char *ours = NULL;

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (status, statuses[i].provider))
      ours = statuses[i].ours;

  /* CanceledUncertain, Unknown: say nothing rather than something wrong */
  if (ours != NULL && (g_str_equal (ours, "scheduled") || g_str_equal (ours, "en_route")) &&
      flight->estimated_arrival != NULL &&
      g_date_time_difference (flight->estimated_arrival, flight->scheduled_arrival) > DELAYED_AFTER)
    return "delayed";

  return ours;
}

static PoeFeedFlight *
parse_flight (JsonObject *object,
              const char *airport)
{
  JsonObject *movement = member_object (object, "movement");
  g_autoptr(GDateTime) scheduled = time_member (movement, "scheduledTime");
  g_autofree char *carrier = NULL;
  g_autofree char *number = NULL;
  PoeFeedFlight *flight;

  if (scheduled == NULL || !poe_feed_flight_split_ident (member_string (object, "number"), &carrier, &number))
    return NULL;

  flight = poe_feed_flight_new (carrier, number, airport, scheduled);
  flight->estimated_arrival = time_member (movement, "revisedTime");
  flight->actual_arrival = time_member (movement, "runwayTime");
  flight->gate = g_strdup (member_string (movement, "gate"));
  flight->terminal = g_strdup (member_string (movement, "terminal"));
  flight->belt = g_strdup (member_string (movement, "baggageBelt"));
  flight->status = status_of (member_string (object, "status"), flight);
  if (flight->status != NULL && g_str_equal (flight->status, "landed") && flight->actual_arrival == NULL)
    flight->actual_arrival = flight->estimated_arrival != NULL ? g_date_time_ref (flight->estimated_arrival) : NULL;

  return flight;
}

/* The wall-clock hours between two local times, as if there were no DST. */
static GTimeSpan
wall_span (GDateTime *from,
           GDateTime *to)
{
  g_autoptr(GDateTime) a = g_date_time_new_utc (g_date_time_get_year (from), g_date_time_get_month (from),
                                                g_date_time_get_day_of_month (from), g_date_time_get_hour (from),
                                                g_date_time_get_minute (from), 0);
  g_autoptr(GDateTime) b = g_date_time_new_utc (g_date_time_get_year (to), g_date_time_get_month (to),
                                                g_date_time_get_day_of_month (to), g_date_time_get_hour (to),
                                                g_date_time_get_minute (to), 0);

  return g_date_time_difference (b, a);
}


/*
 * Callbacks
 */

static void
get_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = poe_feed_http_get_finish (result, &fetch->retry_after, &error);
  g_autoptr(GPtrArray) flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_feed_flight_free);
  JsonNode *list;
  JsonArray *array;

  if (root == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));

  list = json_object_get_member (json_node_get_object (root), "arrivals");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED,
                                    "the answer has no list of arrivals");

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      PoeFeedFlight *flight = JSON_NODE_HOLDS_OBJECT (item) ? parse_flight (json_node_get_object (item), fetch->airport) : NULL;

      if (flight != NULL)
        g_ptr_array_add (flights, flight);
    }

  g_task_return_pointer (task, g_steal_pointer (&flights), (GDestroyNotify) g_ptr_array_unref);
}


/*
 * PoeFeedProvider
 */

static const char *
aerodatabox_get_name (PoeFeedProvider *provider)
{
  return "aerodatabox";
}

static void
aerodatabox_fetch_async (PoeFeedProvider     *provider,
                         const PoeFeedWindow *window,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PoeFeedAerodatabox *self = POE_FEED_AERODATABOX (provider);
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *airport = g_uri_escape_string (window->airport, NULL, FALSE);
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  poe_feed_aerodatabox_local_window (window, &from, &to);
  uri = g_strdup_printf ("%s/flights/airports/iata/%s/%s/%s?direction=Arrival&withCodeshared=true"
                         "&withCancelled=true&withLeg=false&withPrivate=false&withCargo=false",
                         self->base_url, airport, from, to);
  fetch->airport = g_ascii_strup (window->airport, -1);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  message = soup_message_new ("GET", uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED,
                               "--feed-url does not make a valid address");
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "x-rapidapi-key", self->key);
  soup_message_headers_replace (headers, "x-rapidapi-host", POE_FEED_AERODATABOX_HOST);
  poe_feed_http_get_async (self->session, message, cancellable, get_cb, task);
}

static GPtrArray *
aerodatabox_fetch_finish (PoeFeedProvider  *provider,
                          GAsyncResult     *result,
                          guint            *retry_after,
                          GError          **error)
{
  Fetch *fetch = g_task_get_task_data (G_TASK (result));

  *retry_after = fetch->retry_after;

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_iface_init (PoeFeedProviderInterface *iface)
{
  iface->get_name = aerodatabox_get_name;
  iface->fetch_async = aerodatabox_fetch_async;
  iface->fetch_finish = aerodatabox_fetch_finish;
}


/*
 * GObject overrides
 */

static void
poe_feed_aerodatabox_finalize (GObject *object)
{
  PoeFeedAerodatabox *self = POE_FEED_AERODATABOX (object);

  g_free (self->base_url);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (poe_feed_aerodatabox_parent_class)->finalize (object);
}

static void
poe_feed_aerodatabox_class_init (PoeFeedAerodataboxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = poe_feed_aerodatabox_finalize;
}

static void
poe_feed_aerodatabox_init (PoeFeedAerodatabox *self)
{
  self->session = poe_feed_http_session_new ();
}


/*
 * Public API
 */

/**
 * poe_feed_aerodatabox_new:
 * @base_url: (nullable): the API's base, POE_FEED_AERODATABOX_URL when %NULL
 * @key: the RapidAPI key (never logged)
 */
PoeFeedAerodatabox *
poe_feed_aerodatabox_new (const char *base_url,
                          const char *key)
{
  PoeFeedAerodatabox *self = g_object_new (POE_TYPE_FEED_AERODATABOX, NULL);
  g_autofree char *base = g_strdup (base_url != NULL ? base_url : POE_FEED_AERODATABOX_URL);

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  self->base_url = g_steal_pointer (&base);
  self->key = g_strdup (key);

  return self;
}

/**
 * poe_feed_aerodatabox_local_window:
 * @from: (out): the window's start, the airport's wall time "YYYY-MM-DDTHH:mm"
 * @to: (out): its end, at most 12 wall-clock hours later (cut short across a DST change)
 */
void
poe_feed_aerodatabox_local_window (const PoeFeedWindow  *window,
                                   char                **from,
                                   char                **to)
{
  g_autoptr(GDateTime) local_from = g_date_time_to_timezone (window->from, window->zone);
  g_autoptr(GDateTime) local_to = g_date_time_to_timezone (window->to, window->zone);

  while (wall_span (local_from, local_to) > WINDOW_LIMIT)
    {
      GDateTime *earlier = g_date_time_add_minutes (local_to, -30);

      g_date_time_unref (local_to);
      local_to = earlier;
    }

  *from = g_date_time_format (local_from, "%Y-%m-%dT%H:%M");
  *to = g_date_time_format (local_to, "%Y-%m-%dT%H:%M");
}
