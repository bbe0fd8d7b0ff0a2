/* poe-feed-aviationstack.c
 *
 * aviationstack: GET {base}/v1/flights?access_key=KEY&arr_iata=IATA&limit=100&offset=N, the
 * pages followed through pagination.total. Known quirk: arrival.scheduled / estimated /
 * actual / *_runway carry "+00:00" but are the airport's local wall time, so they are read
 * as wall time in arrival.timezone. flight_status is scheduled|active|landed|cancelled|
 * incident|diverted; arrival.gate, terminal, baggage. A codeshare comes as its own entry,
 * its marketing number in flight.iata (flight.codeshared names the operator). Errors may
 * come as {"error": {"code": …}} — a refused key is "invalid_access_key" and the like.
 * The key travels in the query: it is never part of a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-aviationstack.h"
#include "poe-feed-http.h"

#define PAGE_SIZE     100
#define MAX_PAGES     10
#define DELAYED_AFTER (15 * G_TIME_SPAN_MINUTE)

struct _PoeFeedAviationstack
{
  GObject      parent_instance;

  char        *base_url;
  char        *key;
  SoupSession *session;
};

typedef struct
{
  char      *airport;
  guint      offset;
  guint      pages;
  GPtrArray *flights;
  guint      retry_after;
} Fetch;

static void provider_iface_init (PoeFeedProviderInterface *iface);
static void get_page (GTask *task);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeFeedAviationstack, poe_feed_aviationstack, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (POE_TYPE_FEED_PROVIDER, provider_iface_init))


/*
 * Auxiliary methods
 */

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->airport);
  g_ptr_array_unref (fetch->flights);
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

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
         ? json_node_get_int (node) : -1;
}

static const char *
status_of (const char    *status,
           PoeFeedFlight *flight)
{
  gboolean late = flight->estimated_arrival != NULL &&
                  g_date_time_difference (flight->estimated_arrival, flight->scheduled_arrival) > DELAYED_AFTER;

  if (g_strcmp0 (status, "scheduled") == 0)
    return late ? "delayed" : "scheduled";
  if (g_strcmp0 (status, "active") == 0)
    return late ? "delayed" : "en_route";
  if (g_strcmp0 (status, "landed") == 0 || g_strcmp0 (status, "cancelled") == 0 ||
      g_strcmp0 (status, "diverted") == 0)
    return g_intern_string (status);

  return NULL;  /* incident, unknown: say nothing rather than something wrong */
}

static PoeFeedFlight *
parse_flight (JsonObject *object,
              const char *airport)
{
  JsonObject *arrival = member_object (object, "arrival");
  const char *zone = member_string (arrival, "timezone");
  g_autoptr(GDateTime) scheduled = poe_feed_aviationstack_rezone (member_string (arrival, "scheduled"), zone);
  g_autofree char *carrier = NULL;
  g_autofree char *number = NULL;
  PoeFeedFlight *flight;

  if (scheduled == NULL || g_ascii_strcasecmp (member_string (arrival, "iata") ?: "", airport) != 0 ||
      !poe_feed_flight_split_ident (member_string (member_object (object, "flight"), "iata"), &carrier, &number))
    return NULL;

  flight = poe_feed_flight_new (carrier, number, airport, scheduled);
  flight->estimated_arrival = poe_feed_aviationstack_rezone (member_string (arrival, "estimated"), zone);
  flight->actual_arrival = poe_feed_aviationstack_rezone (member_string (arrival, "actual_runway"), zone);
  if (flight->actual_arrival == NULL)
    flight->actual_arrival = poe_feed_aviationstack_rezone (member_string (arrival, "actual"), zone);
  flight->gate = g_strdup (member_string (arrival, "gate"));
  flight->terminal = g_strdup (member_string (arrival, "terminal"));
  flight->belt = g_strdup (member_string (arrival, "baggage"));
  flight->status = status_of (member_string (object, "flight_status"), flight);

  return flight;
}

static GError *
error_of (JsonObject *root)
{
  JsonObject *error = member_object (root, "error");
  const char *code = member_string (error, "code");

  if (error == NULL)
    return NULL;
  if (code != NULL && (strstr (code, "access_key") != NULL || strstr (code, "inactive_user") != NULL))
    return g_error_new (POE_FEED_ERROR, POE_FEED_ERROR_REFUSED, "the key was refused (%s)", code);
  if (code != NULL && (strstr (code, "rate_limit") != NULL || strstr (code, "usage_limit") != NULL))
    return g_error_new (POE_FEED_ERROR, POE_FEED_ERROR_RATE_LIMITED, "too many requests (%s)", code);

  return g_error_new (POE_FEED_ERROR, POE_FEED_ERROR_UNAVAILABLE, "the provider answered an error (%s)",
                      code != NULL ? code : "no code");
}


/*
 * Callbacks
 */

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = poe_feed_http_get_finish (result, &fetch->retry_after, &error);
  JsonObject *object;
  JsonNode *data;
  JsonArray *array;
  gint64 total;

  if (root == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));

  object = json_node_get_object (root);
  if ((error = error_of (object)) != NULL)
    return g_task_return_error (task, g_steal_pointer (&error));

  data = json_object_get_member (object, "data");
  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED, "the answer has no data list");

  array = json_node_get_array (data);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      PoeFeedFlight *flight = JSON_NODE_HOLDS_OBJECT (item) ? parse_flight (json_node_get_object (item), fetch->airport) : NULL;

      if (flight != NULL)
        g_ptr_array_add (fetch->flights, flight);
    }

  total = member_int (member_object (object, "pagination"), "total");
  fetch->offset += json_array_get_length (array);
  if (json_array_get_length (array) > 0 && total > fetch->offset && ++fetch->pages < MAX_PAGES)
    get_page (g_steal_pointer (&task));
  else
    g_task_return_pointer (task, g_ptr_array_ref (fetch->flights), (GDestroyNotify) g_ptr_array_unref);
}

static void
get_page (GTask *task)
{
  PoeFeedAviationstack *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *key = g_uri_escape_string (self->key, NULL, FALSE);
  g_autofree char *airport = g_uri_escape_string (fetch->airport, NULL, FALSE);
  g_autofree char *uri = g_strdup_printf ("%s/v1/flights?access_key=%s&arr_iata=%s&limit=%u&offset=%u",
                                          self->base_url, key, airport, PAGE_SIZE, fetch->offset);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  if (message == NULL)
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED,
                                    "--feed-url does not make a valid address");

  poe_feed_http_get_async (self->session, message, g_task_get_cancellable (task), page_cb, task);
}


/*
 * PoeFeedProvider
 */

static const char *
aviationstack_get_name (PoeFeedProvider *provider)
{
  return "aviationstack";
}

static void
aviationstack_fetch_async (PoeFeedProvider     *provider,
                           const PoeFeedWindow *window,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->airport = g_ascii_strup (window->airport, -1);
  fetch->flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_feed_flight_free);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  get_page (task);
}

static GPtrArray *
aviationstack_fetch_finish (PoeFeedProvider  *provider,
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
  iface->get_name = aviationstack_get_name;
  iface->fetch_async = aviationstack_fetch_async;
  iface->fetch_finish = aviationstack_fetch_finish;
}


/*
 * GObject overrides
 */

static void
poe_feed_aviationstack_finalize (GObject *object)
{
  PoeFeedAviationstack *self = POE_FEED_AVIATIONSTACK (object);

  g_free (self->base_url);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (poe_feed_aviationstack_parent_class)->finalize (object);
}

static void
poe_feed_aviationstack_class_init (PoeFeedAviationstackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = poe_feed_aviationstack_finalize;
}

static void
poe_feed_aviationstack_init (PoeFeedAviationstack *self)
{
  self->session = poe_feed_http_session_new ();
}


/*
 * Public API
 */

/**
 * poe_feed_aviationstack_new:
 * @base_url: (nullable): the API's base, POE_FEED_AVIATIONSTACK_URL when %NULL
 * @key: the access key (never logged)
 */
PoeFeedAviationstack *
poe_feed_aviationstack_new (const char *base_url,
                            const char *key)
{
  PoeFeedAviationstack *self = g_object_new (POE_TYPE_FEED_AVIATIONSTACK, NULL);
  g_autofree char *base = g_strdup (base_url != NULL ? base_url : POE_FEED_AVIATIONSTACK_URL);

  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  self->base_url = g_steal_pointer (&base);
  self->key = g_strdup (key);

  return self;
}

/**
 * poe_feed_aviationstack_rezone:
 * @text: "2026-12-07T09:05:00+00:00", which is wall time of @time_zone despite its offset
 * @time_zone: (nullable): the airport's IANA zone
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL when @text or @time_zone is
 *   not valid
 */
GDateTime *
poe_feed_aviationstack_rezone (const char *text,
                               const char *time_zone)
{
  g_autoptr(GTimeZone) zone = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;
  g_autofree char *wall = NULL;

  if (text == NULL || zone == NULL || strlen (text) < 19)
    return NULL;

  wall = g_strndup (text, 19);  /* "2026-12-07T09:05:00": no offset, read in @zone */

  return poe_feed_parse_time (wall, zone);
}
