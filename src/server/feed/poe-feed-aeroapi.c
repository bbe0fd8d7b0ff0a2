/* poe-feed-aeroapi.c
 *
 * FlightAware AeroAPI v4: GET {base}/airports/{IATA}/flights/scheduled_arrivals (flights on
 * their way) and …/flights/arrivals (flights that arrived), each with start/end (ISO 8601
 * UTC) and the key in the x-apikey header, following links.next (a path under the base
 * URL) for the next page. Times are ISO 8601 UTC: scheduled_in, estimated_in, actual_on
 * (touch-down), actual_in (in-block). `status` is free text, so the state comes from the
 * cancelled / diverted booleans and the times; gate_destination, terminal_destination,
 * baggage_claim; codeshares_iata lists the marketing numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-aeroapi.h"
#include "poe-feed-http.h"

#define MAX_PAGES     10
#define DELAYED_AFTER (15 * G_TIME_SPAN_MINUTE)

struct _PoeFeedAeroapi
{
  GObject      parent_instance;

  char        *base_url;
  char        *key;
  SoupSession *session;
};

typedef struct
{
  char      *airport;
  char      *query;       /* "?start=…&end=…" */
  guint      endpoint;    /* index into endpoints[] */
  guint      pages;
  GPtrArray *flights;
  guint      retry_after;
} Fetch;

static const char * const endpoints[] = { "arrivals", "scheduled_arrivals" };

static void provider_iface_init (PoeFeedProviderInterface *iface);
static void get_page (GTask *task, const char *path);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeFeedAeroapi, poe_feed_aeroapi, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (POE_TYPE_FEED_PROVIDER, provider_iface_init))


/*
 * Auxiliary methods
 */

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->airport);
  g_free (fetch->query);
  g_ptr_array_unref (fetch->flights);
  g_free (fetch);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gboolean
member_true (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static GStrv
member_strv (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

static const char *
status_of (JsonObject    *object,
           PoeFeedFlight *flight)
{
  if (member_true (object, "cancelled"))
    return "cancelled";
  if (member_true (object, "diverted"))
    return "diverted";
  if (flight->gate_arrival != NULL)
    return "arrived";
  if (flight->actual_arrival != NULL)
    return "landed";
  if (flight->estimated_arrival != NULL &&
      g_date_time_difference (flight->estimated_arrival, flight->scheduled_arrival) > DELAYED_AFTER)
    return "delayed";
  if (member_string (object, "actual_off") != NULL)
    return "en_route";

  return "scheduled";
}

static PoeFeedFlight *
parse_flight (JsonObject *object)
{
  JsonNode *destination_node = json_object_get_member (object, "destination");
  JsonObject *destination = destination_node != NULL && JSON_NODE_HOLDS_OBJECT (destination_node)
                            ? json_node_get_object (destination_node) : NULL;
  g_autoptr(GDateTime) scheduled = poe_feed_parse_time (member_string (object, "scheduled_in"), NULL);
  g_autofree char *carrier = NULL;
  g_autofree char *number = NULL;
  PoeFeedFlight *flight;

  if (scheduled == NULL || member_string (destination, "code_iata") == NULL ||
      !poe_feed_flight_split_ident (member_string (object, "ident_iata"), &carrier, &number))
    return NULL;

  flight = poe_feed_flight_new (carrier, number, member_string (destination, "code_iata"), scheduled);
  flight->codeshares = member_strv (object, "codeshares_iata");
  flight->estimated_arrival = poe_feed_parse_time (member_string (object, "estimated_in"), NULL);
  flight->actual_arrival = poe_feed_parse_time (member_string (object, "actual_on"), NULL);
  flight->gate_arrival = poe_feed_parse_time (member_string (object, "actual_in"), NULL);
  flight->gate = g_strdup (member_string (object, "gate_destination"));
  flight->terminal = g_strdup (member_string (object, "terminal_destination"));
  flight->belt = g_strdup (member_string (object, "baggage_claim"));
  flight->status = status_of (object, flight);

  return flight;
}

/* Returns the path of the next page, or NULL; FALSE on an answer of the wrong shape. */
static gboolean
read_page (Fetch       *fetch,
           JsonObject  *root,
           char       **next)
{
  JsonNode *list = json_object_get_member (root, endpoints[fetch->endpoint]);
  JsonNode *links = json_object_get_member (root, "links");
  JsonArray *array;

  *next = NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      PoeFeedFlight *flight = JSON_NODE_HOLDS_OBJECT (item) ? parse_flight (json_node_get_object (item)) : NULL;

      if (flight != NULL)
        g_ptr_array_add (fetch->flights, flight);
    }

  if (links != NULL && JSON_NODE_HOLDS_OBJECT (links))
    *next = g_strdup (member_string (json_node_get_object (links), "next"));

  return TRUE;
}

static void
next_endpoint (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (++fetch->endpoint >= G_N_ELEMENTS (endpoints))
    return g_task_return_pointer (task, g_ptr_array_ref (fetch->flights), (GDestroyNotify) g_ptr_array_unref);

  path = g_strdup_printf ("/airports/%s/flights/%s%s", fetch->airport, endpoints[fetch->endpoint], fetch->query);
  fetch->pages = 0;
  get_page (task, path);
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
  g_autofree char *next = NULL;

  if (root == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));

  if (!read_page (fetch, json_node_get_object (root), &next))
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED,
                                    "the answer has no list of %s", endpoints[fetch->endpoint]);

  if (next != NULL && next[0] == '/' && ++fetch->pages < MAX_PAGES)
    get_page (g_steal_pointer (&task), next);
  else
    next_endpoint (g_steal_pointer (&task));
}

static void
get_page (GTask      *task,
          const char *path)
{
  PoeFeedAeroapi *self = g_task_get_source_object (task);
  g_autofree char *uri = g_strconcat (self->base_url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  if (message == NULL)
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED,
                                    "the next page's address is not valid");

  soup_message_headers_replace (soup_message_get_request_headers (message), "x-apikey", self->key);
  poe_feed_http_get_async (self->session, message, g_task_get_cancellable (task), page_cb, task);
}


/*
 * PoeFeedProvider
 */

static const char *
aeroapi_get_name (PoeFeedProvider *provider)
{
  return "aeroapi";
}

static void
aeroapi_fetch_async (PoeFeedProvider     *provider,
                     const PoeFeedWindow *window,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (provider, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);
  g_autofree char *from = g_date_time_format (window->from, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *to = g_date_time_format (window->to, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *airport = g_uri_escape_string (window->airport, NULL, FALSE);

  fetch->airport = g_steal_pointer (&airport);
  fetch->query = g_strdup_printf ("?start=%s&end=%s", from, to);
  fetch->flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_feed_flight_free);
  fetch->endpoint = G_MAXUINT;  /* next_endpoint() starts at 0 */
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  next_endpoint (task);
}

static GPtrArray *
aeroapi_fetch_finish (PoeFeedProvider  *provider,
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
  iface->get_name = aeroapi_get_name;
  iface->fetch_async = aeroapi_fetch_async;
  iface->fetch_finish = aeroapi_fetch_finish;
}


/*
 * GObject overrides
 */

static void
poe_feed_aeroapi_finalize (GObject *object)
{
  PoeFeedAeroapi *self = POE_FEED_AEROAPI (object);

  g_free (self->base_url);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (poe_feed_aeroapi_parent_class)->finalize (object);
}

static void
poe_feed_aeroapi_class_init (PoeFeedAeroapiClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = poe_feed_aeroapi_finalize;
}

static void
poe_feed_aeroapi_init (PoeFeedAeroapi *self)
{
  self->session = poe_feed_http_session_new ();
}


/*
 * Public API
 */

/**
 * poe_feed_aeroapi_new:
 * @base_url: (nullable): the API's base, POE_FEED_AEROAPI_URL when %NULL
 * @key: the AeroAPI key (never logged)
 */
PoeFeedAeroapi *
poe_feed_aeroapi_new (const char *base_url,
                      const char *key)
{
  PoeFeedAeroapi *self = g_object_new (POE_TYPE_FEED_AEROAPI, NULL);
  g_autofree char *base = g_strdup (base_url != NULL ? base_url : POE_FEED_AEROAPI_URL);

  /* no trailing slash: paths start with one */
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  self->base_url = g_steal_pointer (&base);
  self->key = g_strdup (key);

  return self;
}
