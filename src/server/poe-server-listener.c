/* poe-server-listener.c
 *
 * poe-central's own accept loop and its watch over every connection (docs/security.md).
 * libsoup 3.2's listener stops accepting for good after one failed accept (EMFILE), and has
 * no per-address cap and no timeouts, so connections are accepted here and handed to libsoup
 * with soup_server_accept_iostream():
 *
 *  - a failed accept for want of descriptors pauses the loop; it resumes after 100 ms or as
 *    soon as a connection closes, whichever comes first;
 *  - one address holds at most max_per_address connections; the next one gets 429 at once;
 *  - a deadline per connection: the header fields (and the TLS handshake) must come within
 *    header_timeout, a body and an answer within body_timeout, the next request on a
 *    kept-alive connection within idle_timeout; a late request gets 408 and the close;
 *  - a body is counted while it is read: past POE_SERVER_MAX_BODY (by Content-Length or by the
 *    bytes received) the connection is taken from libsoup, answered 413, shut for writing and
 *    drained for a moment so the client reads the answer, then closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <gio/gnetworking.h>
#include <string.h>

#include "poe-server-private.h"

#define ACCEPT_BATCH      64     /* accepts per wake-up, so requests get their turn */
#define ACCEPT_RETRY_MS   100    /* after running out of descriptors */
#define LINGER_MS         2000   /* draining a refused body before the close */

typedef enum
{
  PHASE_HANDSHAKE,
  PHASE_HEADERS,
  PHASE_BODY,
  PHASE_HANDLING,
  PHASE_WRITING,
  PHASE_IDLE,
  PHASE_REFUSED,
} Phase;

typedef struct
{
  PoeServer      *server;
  GSocket        *socket;
  char           *address;
  GSocketAddress *remote;
  GCancellable   *cancellable;
  GSource        *deadline;
  GSource        *drain;
  GSource        *idle_watch; /* the client's close of a kept-alive connection */
  SoupServerMessage *last;    /* weak: the request being read or answered */
  SoupServerMessage *kept;    /* the last answered request of a kept-alive connection: libsoup
                               * holds nothing of it then, and it takes the connection back */
  GIOStream      *stolen;     /* taken back from libsoup */
  Phase           phase;
  guint64         body_bytes;
} Connection;

static GQuark connection_quark;

static void hand_to_soup (Connection *conn,
                          GIOStream  *stream);


/*
 * Auxiliary methods
 */

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);

  return callback (user_data);
}

static GSourceFuncs deadline_funcs = { NULL, NULL, deadline_dispatch, NULL, NULL, NULL };

static void
set_deadline (Connection *conn,
              guint       seconds)
{
  g_source_set_ready_time (conn->deadline,
                           seconds > 0 ? g_get_monotonic_time () + seconds * G_USEC_PER_SEC : -1);
}

static void
resume_accepting (PoeServer *self);

static void
connection_free (Connection *conn)
{
  PoeServer *self = conn->server;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address));

  if (count <= 1)
    g_hash_table_remove (self->per_address, conn->address);
  else
    g_hash_table_insert (self->per_address, g_strdup (conn->address), GUINT_TO_POINTER (count - 1));
  self->n_connections--;

  g_cancellable_cancel (conn->cancellable);
  g_clear_object (&conn->cancellable);
  g_source_destroy (conn->deadline);
  g_clear_pointer (&conn->deadline, g_source_unref);
  if (conn->drain != NULL)
    g_source_destroy (conn->drain);
  g_clear_pointer (&conn->drain, g_source_unref);
  if (conn->idle_watch != NULL)
    g_source_destroy (conn->idle_watch);
  g_clear_pointer (&conn->idle_watch, g_source_unref);
  g_clear_weak_pointer (&conn->last);
  g_clear_object (&conn->kept);
  g_clear_object (&conn->remote);
  g_clear_object (&conn->socket);
  g_free (conn->address);
  g_free (conn);

  /* A descriptor is free again. */
  resume_accepting (self);
}

/* A whole HTTP/1.1 answer with a problem body, for the answers written here, not by libsoup. */
static char *
problem_answer (guint       status,
                const char *reason,
                const char *slug,
                const char *detail,
                const char *extra_header)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf ("{\"type\":\"https://poedesk.github.io/problems/%s\",\"title\":\"%s\","
                          "\"status\":%u,\"detail\":\"%s\"}", slug, reason, status, detail);

  return g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Server: poe-central\r\n"
                          "Content-Type: application/problem+json\r\n"
                          "Content-Length: %zu\r\n"
                          "Connection: close\r\n"
                          "Cache-Control: no-store\r\n"
                          "X-Content-Type-Options: nosniff\r\n"
                          "Strict-Transport-Security: max-age=31536000\r\n"
                          "%s\r\n%s",
                          status, reason, strlen (body), extra_header, body);
}

/* Best effort on a socket libsoup is not writing to: the answer fits its send buffer. */
static void
send_now (GSocket    *socket,
          const char *text)
{
  g_socket_send (socket, text, strlen (text), NULL, NULL);
}

static Connection *
connection_of (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_object_get_qdata (G_OBJECT (remote), connection_quark) : NULL;
}


/* Takes the connection back from libsoup and closes it, after @answer when given. libsoup
 * 3.2 never lets go of a kept-alive connection that its client closed (fixed in 3.3 by
 * "server: do not leak idle connections closed by the client"), so idle and late
 * connections are taken back this way too. */
static void take_back (Connection *conn,
                       char       *answer);


/*
 * Callbacks
 */

static void
stream_finalized_cb (gpointer  user_data,
                     GObject  *stream)
{
  connection_free (user_data);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Connection *conn = user_data;

  switch (conn->phase)
    {
    case PHASE_HANDSHAKE:
      g_cancellable_cancel (conn->cancellable);
      break;

    case PHASE_HEADERS:
    case PHASE_BODY:
      take_back (conn, problem_answer (408, "Request Timeout", "request-timeout",
                                       "The request came too slowly. Send it again, whole.", ""));
      break;

    case PHASE_REFUSED:
      g_clear_object (&conn->stolen);
      break;

    case PHASE_HANDLING:
    case PHASE_WRITING:
    case PHASE_IDLE:
    default:
      take_back (conn, NULL);
      break;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
drain_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  Connection *conn = user_data;
  char buffer[16384];
  gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

  if (n > 0 || (n < 0 && (condition & (G_IO_ERR | G_IO_HUP)) == 0))
    return G_SOURCE_CONTINUE;

  /* The client closed: done. */
  g_clear_pointer (&conn->drain, g_source_unref);
  g_clear_object (&conn->stolen);

  return G_SOURCE_REMOVE;
}


static void
refusal_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Connection *conn = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL) ||
      conn->server->tls)
    {
      g_clear_object (&conn->stolen);
      return;
    }

  /* Half-close and read what is still coming, so the close sends no reset that would
   * destroy the answer before the client reads it. */
  g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
  conn->drain = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (conn->drain, (GSourceFunc) drain_cb, conn, NULL);
  g_source_attach (conn->drain, NULL);
  g_source_set_ready_time (conn->deadline, g_get_monotonic_time () + LINGER_MS * 1000);
}


static void
take_back (Connection *conn,
           char       *answer)
{
  g_autoptr(SoupServerMessage) by = conn->kept != NULL ? g_steal_pointer (&conn->kept)
                                                       : (conn->last != NULL ? g_object_ref (conn->last) : NULL);

  if (conn->phase == PHASE_REFUSED || by == NULL)
    {
      g_free (answer);
      return;
    }

  conn->phase = PHASE_REFUSED;
  if (conn->idle_watch != NULL)
    g_source_destroy (conn->idle_watch);
  g_clear_pointer (&conn->idle_watch, g_source_unref);
  g_clear_weak_pointer (&conn->last);
  conn->stolen = soup_server_message_steal_connection (by);
  if (conn->stolen == NULL)
    {
      g_free (answer);
      return;
    }

  if (answer == NULL)
    {
      g_clear_object (&conn->stolen);
      return;
    }

  /* The answer stays until the deadline or the drain ends, whichever first. */
  g_object_set_data_full (G_OBJECT (conn->stolen), "poe-answer", answer, g_free);
  set_deadline (conn, conn->server->body_timeout);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (conn->stolen), answer,
                                   strlen (answer), G_PRIORITY_DEFAULT, conn->cancellable,
                                   refusal_written_cb, conn);
}

/* Takes the connection from libsoup in the middle of reading a body and answers 413. */
static void
refuse_while_reading (Connection *conn)
{
  take_back (conn, problem_answer (413, "Content Too Large", "too-large",
                                   "The request is larger than 8 MiB. Send fewer changes at once.", ""));
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  Connection *conn = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > POE_SERVER_MAX_BODY)
    {
      refuse_while_reading (conn);
      return;
    }

  conn->phase = PHASE_BODY;
  conn->body_bytes = 0;
  set_deadline (conn, conn->server->body_timeout);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Connection *conn = user_data;

  conn->body_bytes += g_bytes_get_size (chunk);
  if (conn->body_bytes > POE_SERVER_MAX_BODY && conn->phase == PHASE_BODY)
    refuse_while_reading (conn);
}

static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  Connection *conn = user_data;

  /* The handler may wait (a long poll) as long as it likes. */
  conn->phase = PHASE_HANDLING;
  set_deadline (conn, 0);
}

static void
wrote_headers_cb (SoupServerMessage *msg,
                  gpointer           user_data)
{
  Connection *conn = user_data;

  conn->phase = PHASE_WRITING;
  set_deadline (conn, conn->server->body_timeout);
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  Connection *conn = user_data;

  /* libsoup closes every connection after its answer (it keeps one alive only with a listener
   * of its own, and a kept-alive connection its client closes leaks in 3.2): nothing to
   * watch here. */
  if (conn->phase != PHASE_REFUSED)
    conn->phase = PHASE_IDLE;
}

static void
handshake_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GIOStream) tls = G_IO_STREAM (source);
  Connection *conn = user_data;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (tls), result, NULL))
    {
      g_debug ("A TLS handshake failed");
      g_object_weak_ref (G_OBJECT (tls), stream_finalized_cb, conn);
      return;
    }

  hand_to_soup (conn, tls);
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data);

static gboolean
accept_retry_cb (gpointer user_data)
{
  PoeServer *self = user_data;

  self->accept_retry_id = 0;
  resume_accepting (self);

  return G_SOURCE_REMOVE;
}


/*
 * Accepting
 */

static void
resume_accepting (PoeServer *self)
{
  if (self->accept_source != NULL || self->listen_socket == NULL)
    return;

  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  self->accept_source = g_socket_create_source (self->listen_socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, (GSourceFunc) accept_cb, self, NULL);
  g_source_attach (self->accept_source, NULL);
}

static void
pause_accepting (PoeServer *self)
{
  if (self->accept_source == NULL)
    return;

  g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  self->accept_retry_id = g_timeout_add (ACCEPT_RETRY_MS, accept_retry_cb, self);
}

static void
hand_to_soup (Connection *conn,
              GIOStream  *stream)
{
  PoeServer *self = conn->server;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (conn->socket, NULL);
  g_autoptr(GError) error = NULL;

  conn->phase = PHASE_HEADERS;
  g_object_weak_ref (G_OBJECT (stream), stream_finalized_cb, conn);
  g_object_set_qdata (G_OBJECT (conn->remote), connection_quark, conn);
  if (local == NULL || !soup_server_accept_iostream (self->soup, stream, local, conn->remote, &error))
    g_io_stream_close (stream, NULL, NULL);
}

static void
refuse_connection (GSocket *socket)
{
  g_autofree char *answer = problem_answer (429, "Too Many Requests", "too-many-requests",
                                            "Too many connections from this address. Close some,"
                                            " then try again.", "Retry-After: 5\r\n");

  send_now (socket, answer);
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_socket_close (socket, NULL);
}

static void
take_connection (PoeServer *self,
                 GSocket   *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GSocketConnection) base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  Connection *conn;
  guint count;

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    {
      g_socket_close (socket, NULL);
      return;
    }

  address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address));
  if (count >= self->max_per_address)
    {
      refuse_connection (socket);
      return;
    }

  g_hash_table_insert (self->per_address, g_strdup (address), GUINT_TO_POINTER (count + 1));
  self->n_connections++;
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  conn = g_new0 (Connection, 1);
  conn->server = self;
  conn->socket = g_object_ref (socket);
  conn->address = g_steal_pointer (&address);
  conn->remote = g_steal_pointer (&remote);
  conn->cancellable = g_cancellable_new ();
  conn->deadline = g_source_new (&deadline_funcs, sizeof (GSource));
  g_source_set_callback (conn->deadline, deadline_cb, conn, NULL);
  g_source_attach (conn->deadline, NULL);
  set_deadline (conn, self->header_timeout);

  base = g_socket_connection_factory_create_connection (socket);
  if (!self->tls)
    {
      hand_to_soup (conn, G_IO_STREAM (base));
      return;
    }

  conn->phase = PHASE_HANDSHAKE;
  {
    GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (base), self->certificate, &error);

    if (tls == NULL)
      {
        g_warning ("Cannot start TLS: %s", error->message);
        g_object_weak_ref (G_OBJECT (base), stream_finalized_cb, conn);
        return;
      }

    g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
    g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, conn->cancellable,
                                      handshake_done_cb, conn);
  }
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  PoeServer *self = user_data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          take_connection (self, socket);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* EMFILE, ENFILE, ENOBUFS: stop polling (the backlog stays readable and would spin)
       * and try again soon. */
      g_warning ("Cannot accept a connection: %s; trying again in %d ms",
                 error->message, ACCEPT_RETRY_MS);
      pause_accepting (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}


/*
 * Shared with the other files of PoeServer
 */

/* Follows each request of a connection accepted here; SoupServer::request-started. */
void
_poe_server_watch_request (PoeServer         *self,
                           SoupServerMessage *msg)
{
  Connection *conn = connection_of (msg);

  if (conn == NULL)
    return;

  conn->phase = PHASE_HEADERS;
  g_clear_object (&conn->kept);
  g_set_weak_pointer (&conn->last, msg);
  if (conn->idle_watch != NULL)
    g_source_destroy (conn->idle_watch);
  g_clear_pointer (&conn->idle_watch, g_source_unref);
  set_deadline (conn, self->header_timeout);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), conn);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), conn);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), conn);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), conn);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), conn);
}

void
_poe_server_start_accepting (PoeServer *self,
                             GSocket   *socket)
{
  if (connection_quark == 0)
    connection_quark = g_quark_from_static_string ("poe-server-connection");

  g_socket_set_blocking (socket, FALSE);
  self->listen_socket = g_object_ref (socket);
  resume_accepting (self);
}

void
_poe_server_stop_accepting (PoeServer *self)
{
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  if (self->listen_socket != NULL)
    g_socket_close (self->listen_socket, NULL);
  g_clear_object (&self->listen_socket);
}
