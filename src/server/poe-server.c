/* poe-server.c
 *
 * poe-central's HTTP side (docs/protocol.md): routing, problem answers, the headers of every
 * answer, request bodies, tokens. Sign-in, the changes feed, push and the connections live in
 * their own files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "poe-access.h"
#include "poe-server-private.h"

#define PROBLEM_BASE        "https://poedesk.github.io/problems/"

/* Workers for password hashing: on two cores one, leaving the other to the event loop. */
#define POOL_THREADS_MAX    4
#define POOL_JOBS_MAX       64

/* How often the database is asked whether another process wrote it. */
#define WATCH_INTERVAL_MS   1000

G_DEFINE_FINAL_TYPE (PoeServer, poe_server, G_TYPE_OBJECT)

typedef void (*RouteFunc) (PoeServer         *self,
                           SoupServerMessage *msg,
                           PoeUser           *user,
                           GHashTable        *query);

typedef struct
{
  const char *path;
  const char *method;
  gboolean    needs_token;
  RouteFunc   func;
} Route;

static void handle_health (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);
static void handle_login  (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);
static void handle_logout (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);
static void handle_me     (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);
static void handle_push   (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);
static void handle_import_abn (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);
static void handle_feed   (PoeServer *, SoupServerMessage *, PoeUser *, GHashTable *);

static const Route routes[] = {
  { "/v1/health", "GET", FALSE, handle_health },
  { "/v1/auth/login", "POST", FALSE, handle_login },
  { "/v1/auth/logout", "POST", TRUE, handle_logout },
  { "/v1/me", "GET", TRUE, handle_me },
  { "/v1/sync/push", "POST", TRUE, handle_push },
  { "/v1/sync/changes", "GET", TRUE, _poe_server_handle_changes },
  { "/v1/import/abn", "POST", TRUE, handle_import_abn },
  { "/v1/feed", "GET", TRUE, handle_feed },
};

static const struct { const char *slug; const char *title; } problem_titles[] = {
  { "malformed-json", "Malformed JSON" },
  { "invalid-request", "Invalid request" },
  { "unauthorized", "Unauthorized" },
  { "forbidden", "Forbidden" },
  { "not-found", "Not found" },
  { "method-not-allowed", "Method not allowed" },
  { "conflict", "Conflict" },
  { "invalid-abn", "The ABN file was refused" },
  { "too-large", "Request too large" },
  { "unsupported-media-type", "Unsupported media type" },
  { "request-timeout", "Request timeout" },
  { "headers-too-large", "Request header fields too large" },
  { "expectation-failed", "Expectation failed" },
  { "not-implemented", "Not implemented" },
  { "http-version-not-supported", "HTTP version not supported" },
  { "too-many-requests", "Too many requests" },
  { "unavailable", "Service unavailable" },
  { "internal", "Internal error" },
};


/*
 * Auxiliary methods
 */

static char *
format_unix (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return poe_time_format_iso8601 (time);
}

/* Answers of every request: no caching of personal data, no content sniffing, HTTPS only
 * once a browser has seen it. */
static void
add_security_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Strict-Transport-Security", "max-age=31536000");
}

/* Bodies are JSON only: a web page cannot post a form or text/plain in a user's name. */
static gboolean
is_json_media_type (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type;

  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), &params);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}


/*
 * Shared: users
 */

JsonObject *
_poe_server_user_to_json (PoeServer     *self,
                          const PoeUser *user)
{
  JsonObject *object = json_object_new ();
  g_autoptr(PoeRecord) staff = NULL;
  const char *display_name = NULL;

  staff = self->backend->ops->record_get (self->backend, poe_schema_lookup_entity ("staff"),
                                          user->staff_id, NULL);
  if (staff != NULL)
    display_name = poe_record_get_string (staff, "display_name");

  json_object_set_string_member (object, "id", user->staff_id);
  json_object_set_string_member (object, "username", user->username);
  json_object_set_string_member (object, "display_name",
                                 display_name != NULL ? display_name : user->username);
  json_object_set_string_member (object, "role", user->role);
  json_object_set_string_member (object, "poe", user->poe);

  return object;
}


/*
 * Route handlers
 */

static void
handle_health (PoeServer         *self,
               SoupServerMessage *msg,
               PoeUser           *user,
               GHashTable        *query)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autofree char *now = poe_time_now_iso8601 ();

  json_object_set_string_member (answer, "status", "ok");
  json_object_set_string_member (answer, "version", PACKAGE_VERSION);
  json_object_set_string_member (answer, "time", now);
  _poe_server_respond_object (msg, 200, answer);
}

static void
handle_login (PoeServer         *self,
              SoupServerMessage *msg,
              PoeUser           *unused,
              GHashTable        *query)
{
  _poe_server_handle_login (self, msg);
}

static void
handle_logout (PoeServer         *self,
               SoupServerMessage *msg,
               PoeUser           *user,
               GHashTable        *query)
{
  _poe_server_handle_logout (self, msg);
}

static void
handle_me (PoeServer         *self,
           SoupServerMessage *msg,
           PoeUser           *unused,
           GHashTable        *query)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(PoeUser) user = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *now = poe_time_now_iso8601 ();
  gint64 expires_at = 0;

  user = _poe_server_authenticate (self, msg, &expires_at);
  g_assert (user != NULL);
  expires = format_unix (expires_at);
  json_object_set_object_member (answer, "user", _poe_server_user_to_json (self, user));
  json_object_set_string_member (answer, "expires_at", expires);
  json_object_set_string_member (answer, "time", now);
  _poe_server_respond_object (msg, 200, answer);
}

static void
handle_feed (PoeServer         *self,
             SoupServerMessage *msg,
             PoeUser           *user,
             GHashTable        *query)
{
  g_autoptr(JsonObject) answer = NULL;

  if (self->feed_status != NULL)
    answer = self->feed_status (self->feed_status_data);
  else
    {
      answer = json_object_new ();
      json_object_set_null_member (answer, "provider");
      json_object_set_boolean_member (answer, "running", FALSE);
      json_object_set_null_member (answer, "last_success");
      json_object_set_null_member (answer, "last_error");
      json_object_set_null_member (answer, "next_poll");
    }
  _poe_server_respond_object (msg, 200, answer);
}

static void
handle_push (PoeServer         *self,
             SoupServerMessage *msg,
             PoeUser           *user,
             GHashTable        *query)
{
  _poe_server_handle_push (self, msg, user);
}

static void
handle_import_abn (PoeServer         *self,
                   SoupServerMessage *msg,
                   PoeUser           *user,
                   GHashTable        *query)
{
  _poe_server_handle_import_abn (self, msg, user);
}


/*
 * Callbacks
 */

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  add_security_headers (msg);
  _poe_server_watch_request (user_data, msg);
}

static void
request_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PoeServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(PoeUser) user = NULL;

  g_assert (POE_IS_SERVER (self));

  if (soup_server_message_get_request_body (msg)->length > POE_SERVER_MAX_BODY)
    {
      _poe_server_respond_problem (msg, 413, "too-large", "The request is larger than 8 MiB.");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!g_str_equal (routes[i].path, path))
        continue;

      if (!g_str_equal (routes[i].method, method))
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Allow", routes[i].method);
          _poe_server_respond_problem (msg, 405, "method-not-allowed",
                                       "This address does not take this method.");
          return;
        }

      if (routes[i].needs_token && (user = _poe_server_authenticate (self, msg, NULL)) == NULL)
        {
          _poe_server_respond_problem (msg, 401, "unauthorized", "Sign in again.");
          return;
        }

      routes[i].func (self, msg, user, query);
      return;
    }

  _poe_server_respond_problem (msg, 404, "not-found", "There is nothing at this address.");
}


/* `poe-central user disable` runs in another process: the database tells when it committed. */
static gboolean
watch_database_cb (gpointer user_data)
{
  PoeServer *self = user_data;
  gint64 version = self->backend->ops->data_version (self->backend);

  if (version != self->data_version)
    {
      self->data_version = version;
      _poe_server_recheck_waiters (self);
    }

  return G_SOURCE_CONTINUE;
}


/*
 * GObject overrides
 */

static void
poe_server_dispose (GObject *object)
{
  PoeServer *self = (PoeServer *) object;

  g_clear_handle_id (&self->watch_id, g_source_remove);
  _poe_server_drop_waiters (self);
  _poe_server_stop_accepting (self);
  g_clear_pointer (&self->pool, poe_server_pool_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (poe_server_parent_class)->dispose (object);
}

static void
poe_server_finalize (GObject *object)
{
  PoeServer *self = (PoeServer *) object;

  g_clear_pointer (&self->backend, poe_backend_free);
  g_clear_pointer (&self->dummy_hash, g_free);
  g_clear_pointer (&self->attempts, g_hash_table_unref);
  g_clear_pointer (&self->per_address, g_hash_table_unref);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (poe_server_parent_class)->finalize (object);
}

static void
poe_server_class_init (PoeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_server_dispose;
  object_class->finalize = poe_server_finalize;
}

static void
poe_server_init (PoeServer *self)
{
  self->token_hours = 12.0;
  self->attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->connections = g_hash_table_new (NULL, NULL);
  self->max_per_address = POE_SERVER_MAX_PER_ADDRESS;
  self->header_timeout = POE_SERVER_HEADER_TIMEOUT;
  self->body_timeout = POE_SERVER_BODY_TIMEOUT;
  self->idle_timeout = POE_SERVER_IDLE_TIMEOUT;
  self->pool = poe_server_pool_new (CLAMP (g_get_num_processors () - 1, 1, POOL_THREADS_MAX),
                                    POOL_JOBS_MAX);
}


/*
 * Shared with the other files of PoeServer
 */

void
_poe_server_respond_json (SoupServerMessage *msg,
                          guint              status,
                          JsonNode          *node)
{
  gsize length = 0;
  char *text = json_to_string (node, FALSE);
  const char *type = status >= 400 ? "application/problem+json" : "application/json";

  length = strlen (text);
  /* libsoup 3.2 has no phrase for 429 */
  soup_server_message_set_status (msg, status, status == 429 ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, text, length);
}

void
_poe_server_respond_object (SoupServerMessage *msg,
                            guint              status,
                            JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  _poe_server_respond_json (msg, status, node);
}

/* The title of a problem type, also the reason phrase of the answers written by hand. */
const char *
_poe_server_problem_title (const char *slug)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_titles); i++)
    {
      if (g_str_equal (problem_titles[i].slug, slug))
        return problem_titles[i].title;
    }

  return slug;
}

void
_poe_server_respond_problem (SoupServerMessage *msg,
                             guint              status,
                             const char        *slug,
                             const char        *detail)
{
  g_autoptr(JsonObject) problem = json_object_new ();
  g_autofree char *type = g_strconcat (PROBLEM_BASE, slug, NULL);
  const char *title = _poe_server_problem_title (slug);

  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", title);
  json_object_set_int_member (problem, "status", status);
  json_object_set_string_member (problem, "detail", detail);
  _poe_server_respond_object (msg, status, problem);
}

/* Returns the body's JSON object, or answers 400 or 415 and returns %NULL. */
JsonObject *
_poe_server_parse_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!is_json_media_type (msg))
    {
      _poe_server_respond_problem (msg, 415, "unsupported-media-type",
                                   "Send the body as application/json.");
      return NULL;
    }

  if (body->data == NULL || body->length == 0 ||
      (root = poe_json_parse (body->data, (gssize) body->length, &error)) == NULL)
    {
      if (g_error_matches (error, POE_JSON_ERROR, POE_JSON_ERROR_NUL))
        _poe_server_respond_problem (msg, 400, "invalid-request", error->message);
      else if (g_error_matches (error, POE_JSON_ERROR, POE_JSON_ERROR_TOO_DEEP))
        _poe_server_respond_problem (msg, 400, "malformed-json",
                                     "The request body nests deeper than 64 levels. Send the objects of docs/protocol.md.");
      else
        _poe_server_respond_problem (msg, 400, "malformed-json", "The request body is not valid JSON.");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request", "The request body must be a JSON object.");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

const char *
_poe_server_member_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The hash of the request's bearer token; NULL without one. */
char *
_poe_server_request_token_hash (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");

  if (header == NULL || !g_str_has_prefix (header, "Bearer ") || header[7] == '\0')
    return NULL;

  return _poe_server_hash_token (header + strlen ("Bearer "));
}

PoeUser *
_poe_server_authenticate (PoeServer         *self,
                          SoupServerMessage *msg,
                          gint64            *expires_at)
{
  g_autofree char *token_hash = _poe_server_request_token_hash (msg);

  if (token_hash == NULL)
    return NULL;

  return self->backend->ops->token_lookup (self->backend, token_hash,
                                           g_get_real_time () / G_USEC_PER_SEC, expires_at);
}


/*
 * Public API
 */

/**
 * poe_server_new:
 * @backend: (transfer full): an opened backend
 * @token_hours: how long a sign-in lasts
 */
PoeServer *
poe_server_new (PoeBackend *backend,
                double      token_hours)
{
  PoeServer *self;

  g_return_val_if_fail (backend != NULL, NULL);

  self = g_object_new (POE_TYPE_SERVER, NULL);
  self->backend = backend;
  self->token_hours = token_hours > 0 ? token_hours : 12.0;
  self->dummy_hash = poe_password_hash ("poe-central: no such user");

  return self;
}

PoeBackend *
poe_server_get_backend (PoeServer *self)
{
  g_return_val_if_fail (POE_IS_SERVER (self), NULL);

  return self->backend;
}

static GTlsCertificate *
load_certificate (const char  *tls_cert,
                  const char  *tls_key,
                  GError     **error)
{
  if (tls_cert == NULL && tls_key == NULL)
    return NULL;

  if (tls_cert == NULL || tls_key == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "--tls-cert and --tls-key go together");
      return NULL;
    }

  return g_tls_certificate_new_from_files (tls_cert, tls_key, error);
}

static GSocketAddress *
parse_listen (const char  *listen,
              GError     **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;
  guint16 port;

  connectable = g_network_address_parse (listen, 0, error);
  if (connectable == NULL)
    return NULL;

  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
  address = g_inet_address_new_from_string (host);
  if (address == NULL && g_str_equal (host, "localhost"))
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen takes an address and a port, like 127.0.0.1:8080");
      return NULL;
    }

  return g_inet_socket_address_new (address, port);
}

/* GSocket listens with a backlog of 10: 200 long polls connecting at once overflowed it and
 * waited for TCP retransmits (seconds). The kernel caps this at net.core.somaxconn. */
#define LISTEN_BACKLOG 1024

static GSocket *
new_listening_socket (GSocketAddress  *address,
                      GError         **error)
{
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return NULL;

  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

gboolean
poe_server_listen (PoeServer   *self,
                   const char  *listen,
                   const char  *tls_cert,
                   const char  *tls_key,
                   GError     **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (POE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  /* TLS 1.2 and 1.3 only: glib-networking reads this once, when its first connection is made
   * (G_TLS_GNUTLS_PRIORITY, GnuTLS priority syntax). */
  if (tls_cert != NULL)
    g_setenv ("G_TLS_GNUTLS_PRIORITY", POE_SERVER_TLS_PRIORITY, TRUE);

  certificate = load_certificate (tls_cert, tls_key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  address = parse_listen (listen, error);
  if (address == NULL)
    return FALSE;

  socket = new_listening_socket (address, error);
  if (socket == NULL)
    return FALSE;

  self->tls = certificate != NULL;
  self->certificate = g_steal_pointer (&certificate);

  if (!_poe_server_setup (self, error))
    return FALSE;

  _poe_server_start_accepting (self, socket);
  self->data_version = self->backend->ops->data_version (self->backend);
  self->watch_id = g_timeout_add (WATCH_INTERVAL_MS, watch_database_cb, self);

  return TRUE;
}

/* The libsoup side, without a socket of its own (_poe_server_serve_stream() alone serves). */
gboolean
_poe_server_setup (PoeServer  *self,
                   GError    **error)
{
  g_return_val_if_fail (self->soup == NULL, FALSE);

  /* The name only: no version for a scanner to match (and no trailing space, which would make
   * libsoup add its own). */
  self->soup = soup_server_new ("server-header", "poe-central", NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  soup_server_add_handler (self->soup, NULL, request_cb, self, NULL);

  return _poe_server_prepare_connections (self, error);
}

/**
 * poe_server_set_limits:
 * @max_per_address: connections one address may hold open
 * @header_timeout: seconds for the TLS handshake and a request's header fields
 * @body_timeout: seconds for a request's body, and for writing an answer
 * @idle_timeout: seconds a kept-alive connection may wait for its next request
 *
 * Zero keeps a limit as it is. Call before poe_server_listen().
 */
void
poe_server_set_limits (PoeServer *self,
                       guint      max_per_address,
                       guint      header_timeout,
                       guint      body_timeout,
                       guint      idle_timeout)
{
  g_return_if_fail (POE_IS_SERVER (self));

  if (max_per_address > 0)
    self->max_per_address = max_per_address;
  if (header_timeout > 0)
    self->header_timeout = header_timeout;
  if (body_timeout > 0)
    self->body_timeout = body_timeout;
  if (idle_timeout > 0)
    self->idle_timeout = idle_timeout;
}

char *
poe_server_dup_uri (PoeServer *self)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *host = NULL;
  GInetAddress *inet;

  g_return_val_if_fail (POE_IS_SERVER (self), NULL);

  if (self->listen_socket == NULL ||
      (address = g_socket_get_local_address (self->listen_socket, NULL)) == NULL)
    return NULL;

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  host = g_inet_address_to_string (inet);

  return g_strdup_printf (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "%s://[%s]:%u" : "%s://%s:%u",
                          self->tls ? "https" : "http", host,
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

/**
 * poe_server_notify_changes:
 *
 * Call right after a commit that logged changes: answers the waiting long polls.
 */
void
poe_server_notify_changes (PoeServer *self)
{
  g_return_if_fail (POE_IS_SERVER (self));

  _poe_server_wake_waiters (self);
}

/**
 * poe_server_set_feed_status:
 * @func: (nullable): answers GET /v1/feed; %NULL: the server has no flight feed
 */
void
poe_server_set_feed_status (PoeServer           *self,
                            PoeServerStatusFunc  func,
                            gpointer             user_data)
{
  g_return_if_fail (POE_IS_SERVER (self));

  self->feed_status = func;
  self->feed_status_data = user_data;
}
