/* poe-server-connection.c
 *
 * poe-central's watch over each connection it accepted (poe-server-listener.c) or was given:
 * the TLS handshake, a PoeHttpGate (poe-http-gate.c: heads and bodies checked and counted
 * before libsoup reads them) between the connection and libsoup, and:
 *
 *  - a deadline: the TLS handshake and the first request's header fields within
 *    header_timeout of the accept, a later request's header fields within header_timeout of
 *    its first byte, a body and an answer within body_timeout, the next request on a
 *    kept-alive connection within idle_timeout; a late head or body gets 408;
 *  - what the gate refuses (431, 413, 400, …) or finds closed by its client, and what comes
 *    too late, is taken back from libsoup (soup_server_message_steal_connection() on the
 *    connection's last message), answered with problem+json when there is an answer to give,
 *    shut for writing and drained for a moment so the client reads the answer, then closed.
 *    libsoup 3.2 never lets go of a kept-alive connection its client closes (fixed in 3.3.0):
 *    through the gate it never sees that close, and the connection is taken back instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <gio/gnetworking.h>
#include <string.h>

#include "poe-http-gate.h"
#include "poe-server-private.h"

#define LINGER_MS         2000   /* draining a refused request before the close */

typedef enum
{
  PHASE_HANDSHAKE,
  PHASE_WAITING,    /* accepted, nothing read yet */
  PHASE_HEAD,
  PHASE_BODY,
  PHASE_HANDLING,
  PHASE_WRITING,
  PHASE_IDLE,       /* kept alive between requests */
  PHASE_REFUSING,   /* taken back from libsoup: answering, draining */
  PHASE_CLOSED,
} Phase;

typedef struct
{
  PoeServer         *server;
  GSocket           *socket;      /* NULL for a stream of another kind */
  char              *address;
  GSocketAddress    *remote;
  GCancellable      *cancellable;
  GSource           *deadline;
  GSource           *takeover;    /* soon: take the connection back from libsoup */
  GSource           *pump;        /* writing the refusal, then draining */
  PoeHttpGate       *gate;
  SoupServerMessage *msg;         /* the last request libsoup began here: the handle to take
                                   * the connection back with */
  char              *answer;
  gsize              written;
  Phase              phase;
} Connection;

static GQuark connection_quark;

static void take_back        (Connection *conn);


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
              guint       milliseconds)
{
  g_source_set_ready_time (conn->deadline,
                           milliseconds > 0 ? g_get_monotonic_time () + milliseconds * (gint64) 1000 : -1);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
connection_clear (Connection *conn)
{
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->gate);
  g_clear_object (&conn->remote);
  g_clear_object (&conn->socket);
  g_free (conn->address);
  g_free (conn->answer);
}

static Connection *
connection_ref (Connection *conn)
{
  return g_rc_box_acquire (conn);
}

static void
connection_unref (Connection *conn)
{
  g_rc_box_release_full (conn, (GDestroyNotify) connection_clear);
}

/* A whole HTTP/1.1 answer with a problem body, for the answers written by hand, not by
 * libsoup (here and in poe-server-listener.c). */
char *
_poe_server_problem_answer (guint       status,
                            const char *slug,
                            const char *detail,
                            const char *extra_header)
{
  g_autofree char *body = NULL;
  const char *reason = _poe_server_problem_title (slug);

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

static Connection *
connection_of (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_object_get_qdata (G_OBJECT (remote), connection_quark) : NULL;
}

static gboolean
unref_later_cb (gpointer data)
{
  g_object_unref (data);

  return G_SOURCE_REMOVE;
}

/* The stream is closed (by libsoup, or here): the descriptor is free. */
static void
connection_closed (Connection *conn)
{
  PoeServer *self = conn->server;
  guint count;

  if (conn->phase == PHASE_CLOSED)
    return;
  conn->phase = PHASE_CLOSED;

  /* Often called from inside libsoup's own disconnect: the message goes later. */
  if (conn->msg != NULL)
    g_idle_add (unref_later_cb, g_steal_pointer (&conn->msg));
  g_object_set_qdata (G_OBJECT (conn->remote), connection_quark, NULL);
  g_cancellable_cancel (conn->cancellable);
  clear_source (&conn->deadline);
  clear_source (&conn->takeover);
  clear_source (&conn->pump);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address));
  if (count <= 1)
    g_hash_table_remove (self->per_address, conn->address);
  else
    g_hash_table_insert (self->per_address, g_strdup (conn->address), GUINT_TO_POINTER (count - 1));
  g_hash_table_remove (self->connections, conn);
  self->closed_since_trim++;

  _poe_server_resume_accepting (self);
  connection_unref (conn);
}

static void
close_connection (Connection *conn)
{
  connection_ref (conn);
  if (conn->gate != NULL)
    {
      /* The close ends in connection_closed(), which drops the connection's own ref. */
      g_autoptr(PoeHttpGate) gate = g_object_ref (conn->gate);

      if (!g_io_stream_close (G_IO_STREAM (gate), NULL, NULL))
        g_debug ("A connection did not close cleanly");
    }

  /* Without a gate (a failed handshake), or when it was closed already. */
  connection_closed (conn);
  connection_unref (conn);
}

/* libsoup lets go of the connection; what it was doing there is dropped. */
static void
release_from_soup (Connection *conn)
{
  g_autoptr(SoupServerMessage) msg = g_steal_pointer (&conn->msg);
  g_autoptr(GIOStream) stolen = NULL;

  if (msg != NULL)
    stolen = soup_server_message_steal_connection (msg);
}


/*
 * Callbacks
 */

static gboolean
drain_cb (GObject  *stream,
          gpointer  user_data)
{
  Connection *conn = user_data;
  g_autoptr(GError) error = NULL;
  char buffer[16384];
  gssize n;

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream), buffer,
                                                sizeof buffer, NULL, &error);
  if (n > 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;

  /* The client closed, or the connection broke: done. */
  g_clear_pointer (&conn->pump, g_source_unref);
  close_connection (conn);

  return G_SOURCE_REMOVE;
}

static void
start_draining (Connection *conn)
{
  GInputStream *input = g_io_stream_get_input_stream (poe_http_gate_get_base (conn->gate));

  /* Half-close and read what still comes, so that the close sends no reset that would
   * destroy the answer before the client reads it. */
  if (conn->socket != NULL)
    g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);

  set_deadline (conn, LINGER_MS);
  clear_source (&conn->pump);
  conn->pump = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (input), NULL);
  g_source_set_callback (conn->pump, (GSourceFunc) drain_cb, conn, NULL);
  g_source_attach (conn->pump, NULL);
}

static gboolean
answer_cb (GObject  *stream,
           gpointer  user_data)
{
  Connection *conn = user_data;
  gsize length = strlen (conn->answer);
  g_autoptr(GError) error = NULL;

  while (conn->written < length)
    {
      gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (stream),
                                                             conn->answer + conn->written,
                                                             length - conn->written, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      if (n < 0)
        {
          g_clear_pointer (&conn->pump, g_source_unref);
          close_connection (conn);
          return G_SOURCE_REMOVE;
        }
      conn->written += n;
    }

  g_clear_pointer (&conn->pump, g_source_unref);
  start_draining (conn);

  return G_SOURCE_REMOVE;
}

static void
send_answer (Connection *conn)
{
  GOutputStream *output = g_io_stream_get_output_stream (poe_http_gate_get_base (conn->gate));

  set_deadline (conn, conn->server->body_timeout * 1000);
  conn->written = 0;
  conn->pump = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (output), NULL);
  g_source_set_callback (conn->pump, (GSourceFunc) answer_cb, conn, NULL);
  g_source_attach (conn->pump, NULL);
}

/* Takes the connection back from libsoup, and answers what the gate refused. */
static void
take_back (Connection *conn)
{
  const char *slug = NULL;
  const char *detail = NULL;
  guint status;

  if (conn->phase >= PHASE_REFUSING)
    return;

  conn->phase = PHASE_REFUSING;
  clear_source (&conn->takeover);
  release_from_soup (conn);
  status = poe_http_gate_get_refusal (conn->gate, &slug, &detail);
  if (status == 0)
    {
      close_connection (conn);
      return;
    }

  conn->answer = _poe_server_problem_answer (status, slug, detail, "");
  send_answer (conn);
}

static gboolean
takeover_cb (gpointer user_data)
{
  Connection *conn = user_data;

  g_clear_pointer (&conn->takeover, g_source_unref);
  take_back (conn);

  return G_SOURCE_REMOVE;
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

    case PHASE_HEAD:
    case PHASE_BODY:
      poe_http_gate_refuse (conn->gate, 408, "request-timeout",
                            "The request came too slowly. Send it again, whole.");
      take_back (conn);
      break;

    case PHASE_REFUSING:
      close_connection (conn);
      break;

    case PHASE_WAITING:
    case PHASE_HANDLING:
    case PHASE_WRITING:
    case PHASE_IDLE:
    case PHASE_CLOSED:
    default:
      poe_http_gate_refuse (conn->gate, 0, NULL, NULL);
      take_back (conn);
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* Called from inside libsoup's reads: what must take the connection from it waits a turn. */
static void
gate_event_cb (PoeHttpGate      *gate,
               PoeHttpGateEvent  event,
               gpointer          user_data)
{
  Connection *conn = user_data;
  PoeServer *self = conn->server;

  if (conn->phase >= PHASE_REFUSING && event != POE_HTTP_GATE_CLOSED)
    return;

  switch (event)
    {
    case POE_HTTP_GATE_HEAD_STARTED:
      if (conn->phase == PHASE_IDLE)
        set_deadline (conn, self->header_timeout * 1000);
      conn->phase = PHASE_HEAD;
      break;

    case POE_HTTP_GATE_HEAD_DONE:
      conn->phase = PHASE_BODY;
      set_deadline (conn, self->body_timeout * 1000);
      break;

    case POE_HTTP_GATE_BODY_DONE:
      /* The handler may wait (a long poll) as long as it likes. */
      conn->phase = PHASE_HANDLING;
      set_deadline (conn, 0);
      break;

    case POE_HTTP_GATE_REFUSED:
    case POE_HTTP_GATE_GONE:
      if (conn->takeover == NULL)
        {
          conn->takeover = g_idle_source_new ();
          g_source_set_priority (conn->takeover, G_PRIORITY_HIGH);
          g_source_set_callback (conn->takeover, takeover_cb, conn, NULL);
          g_source_attach (conn->takeover, NULL);
        }
      break;

    case POE_HTTP_GATE_CLOSED:
      connection_closed (conn);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
wrote_headers_cb (SoupServerMessage *msg,
                  gpointer           user_data)
{
  Connection *conn = user_data;

  if (conn->phase >= PHASE_REFUSING || msg != conn->msg)
    return;

  conn->phase = PHASE_WRITING;
  set_deadline (conn, conn->server->body_timeout * 1000);
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  Connection *conn = user_data;

  if (conn->phase >= PHASE_REFUSING || msg != conn->msg)
    return;

  /* Kept alive (libsoup closes the others right after this): the next request may come. */
  conn->phase = PHASE_IDLE;
  set_deadline (conn, conn->server->idle_timeout * 1000);
}

static void
hand_to_soup (Connection *conn,
              GIOStream  *stream)
{
  PoeServer *self = conn->server;
  g_autoptr(GSocketAddress) local = NULL;

  conn->phase = PHASE_WAITING;
  conn->gate = poe_http_gate_new (stream, POE_SERVER_MAX_HEAD, POE_SERVER_MAX_BODY);
  poe_http_gate_set_func (conn->gate, gate_event_cb, conn);
  g_object_set_qdata (G_OBJECT (conn->remote), connection_quark, conn);

  local = conn->socket != NULL ? g_socket_get_local_address (conn->socket, NULL) : NULL;
  if (local == NULL)
    local = g_object_ref (conn->remote);
  soup_server_accept_iostream (self->soup, G_IO_STREAM (conn->gate), local, conn->remote, NULL);
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
      if (conn->phase == PHASE_HANDSHAKE)
        {
          g_io_stream_close (tls, NULL, NULL);
          connection_closed (conn);
        }
    }
  else if (conn->phase == PHASE_HANDSHAKE)
    hand_to_soup (conn, tls);

  connection_unref (conn);
}

static Connection *
connection_new (PoeServer      *self,
                GSocket        *socket,
                GSocketAddress *remote,
                const char     *address)
{
  Connection *conn = g_rc_box_new0 (Connection);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address));

  g_hash_table_insert (self->per_address, g_strdup (address), GUINT_TO_POINTER (count + 1));
  g_hash_table_add (self->connections, conn);

  conn->server = self;
  conn->socket = socket != NULL ? g_object_ref (socket) : NULL;
  conn->address = g_strdup (address);
  conn->remote = g_object_ref (remote);
  conn->cancellable = g_cancellable_new ();
  conn->deadline = g_source_new (&deadline_funcs, sizeof (GSource));
  g_source_set_callback (conn->deadline, deadline_cb, conn, NULL);
  g_source_attach (conn->deadline, NULL);
  set_deadline (conn, self->header_timeout * 1000);

  return conn;
}

/*
 * Shared with the other files of PoeServer
 */

/* A connection accepted from @remote: its TLS handshake if the server speaks TLS, then libsoup. */
void
_poe_server_take_connection (PoeServer      *self,
                             GSocket        *socket,
                             GSocketAddress *remote,
                             const char     *address)
{
  g_autoptr(GSocketConnection) base = NULL;
  g_autoptr(GError) error = NULL;
  Connection *conn;
  GIOStream *tls;

  if (connection_quark == 0)
    connection_quark = g_quark_from_static_string ("poe-server-connection");

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  conn = connection_new (self, socket, remote, address);
  base = g_socket_connection_factory_create_connection (socket);
  if (!self->tls)
    {
      hand_to_soup (conn, G_IO_STREAM (base));
      return;
    }

  conn->phase = PHASE_HANDSHAKE;
  tls = g_tls_server_connection_new (G_IO_STREAM (base), self->certificate, &error);
  if (tls == NULL)
    {
      g_warning ("Cannot start TLS: %s", error->message);
      g_io_stream_close (G_IO_STREAM (base), NULL, NULL);
      connection_closed (conn);
      return;
    }

  g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, conn->cancellable,
                                    handshake_done_cb, connection_ref (conn));
}

/* Follows each request of a connection accepted here; SoupServer::request-started. */
void
_poe_server_watch_request (PoeServer         *self,
                           SoupServerMessage *msg)
{
  Connection *conn = connection_of (msg);

  if (conn == NULL || conn->phase >= PHASE_REFUSING)
    return;

  g_set_object (&conn->msg, msg);
  g_signal_connect_data (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), connection_ref (conn),
                         (GClosureNotify) connection_unref, 0);
  g_signal_connect_data (msg, "finished", G_CALLBACK (finished_cb), connection_ref (conn),
                         (GClosureNotify) connection_unref, 0);
}

/**
 * _poe_server_serve_stream:
 * @stream: a connection (plain or TLS, its handshake done); its input must be pollable
 * @socket: (nullable): its socket, for the half-close after a refusal
 * @remote: the client's address
 *
 * Serves @stream as a connection accepted from @remote, under the same gate and deadlines.
 * The fuzz targets give it streams in memory.
 */
void
_poe_server_serve_stream (PoeServer      *self,
                          GIOStream      *stream,
                          GSocket        *socket,
                          GSocketAddress *remote)
{
  g_autofree char *address = NULL;

  if (connection_quark == 0)
    connection_quark = g_quark_from_static_string ("poe-server-connection");

  address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  hand_to_soup (connection_new (self, socket, remote, address), stream);
}

/* Every connection ends: the server is going away. */
void
_poe_server_close_connections (PoeServer *self)
{
  GHashTableIter iter;
  Connection *conn;

  while (g_hash_table_size (self->connections) > 0)
    {
      g_hash_table_iter_init (&iter, self->connections);
      g_hash_table_iter_next (&iter, (gpointer *) &conn, NULL);
      conn->phase = PHASE_REFUSING;
      release_from_soup (conn);
      close_connection (conn);
    }
}
