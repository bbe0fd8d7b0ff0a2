/* poe-server-listener.c
 *
 * poe-central's own accept loop (docs/security.md). libsoup 3.2's listener stops accepting for
 * good after one failed accept (EMFILE) and has no per-address cap, so connections are accepted
 * here and handed to poe-server-connection.c:
 *
 *  - a failed accept for want of descriptors pauses the loop; it resumes after 100 ms or as
 *    soon as a connection closes, whichever comes first;
 *  - one address holds at most max_per_address connections; the next one gets 429 at once
 *    (over TLS it is closed: a plain answer could not be read);
 *  - every few seconds in which connections closed, the memory they freed goes back to the
 *    system (malloc_trim()): glibc keeps it otherwise, and a flood would leave the server
 *    tens of MB larger for good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <string.h>

#include "poe-server-private.h"

#define ACCEPT_BATCH      16     /* accepts per wake-up, so requests and closes get their turn */
#define ACCEPT_RETRY_MS   100    /* after running out of descriptors */
#define TRIM_SECONDS      5      /* giving freed memory back after connections closed */

static gboolean accept_cb       (GSocket      *listener,
                                 GIOCondition  condition,
                                 gpointer      user_data);
static gboolean accept_retry_cb (gpointer      user_data);


/*
 * Auxiliary methods
 */

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
refuse_connection (GSocket *socket)
{
  g_autofree char *answer = _poe_server_problem_answer (429, "too-many-requests",
                                                        "Too many connections from this address. Close some,"
                                                        " then try again.", "Retry-After: 5\r\n");

  /* Best effort: the answer fits the socket's send buffer. */
  g_socket_send (socket, answer, strlen (answer), NULL, NULL);
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_socket_close (socket, NULL);
}

static void
take_connection (PoeServer *self,
                 GSocket   *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autofree char *address = NULL;

  if (remote == NULL || !G_IS_INET_SOCKET_ADDRESS (remote))
    {
      g_socket_close (socket, NULL);
      return;
    }

  address = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, address)) >= self->max_per_address)
    {
      /* Over TLS, a plain answer could not be read: the connection just closes. */
      if (self->tls)
        g_socket_close (socket, NULL);
      else
        refuse_connection (socket);
      return;
    }

  _poe_server_take_connection (self, socket, remote, address);
}


/*
 * Callbacks
 */

static gboolean
accept_retry_cb (gpointer user_data)
{
  PoeServer *self = user_data;

  self->accept_retry_id = 0;
  _poe_server_resume_accepting (self);

  return G_SOURCE_REMOVE;
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
          if (self->accept_starved)
            g_message ("Accepting connections again");
          self->accept_starved = FALSE;
          take_connection (self, socket);
          continue;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* EMFILE, ENFILE, ENOBUFS: stop polling (the backlog stays readable and would spin)
       * and try again soon. Not a warning: it is what a flood does, and it is survived. */
      if (!self->accept_starved)
        g_message ("Cannot accept connections (%s); trying again every %d ms",
                   error->message, ACCEPT_RETRY_MS);
      self->accept_starved = TRUE;
      pause_accepting (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
trim_cb (gpointer user_data)
{
  PoeServer *self = user_data;

  if (self->closed_since_trim > 0)
    malloc_trim (0);
  self->closed_since_trim = 0;

  return G_SOURCE_CONTINUE;
}

/* libsoup 3.2 keeps a connection alive after an answer only while it has a listener of its
 * own (request_finished() in soup-server.c). It gets one nobody can reach: a Unix socket
 * whose name is removed as soon as it listens. */
static gboolean
add_unreachable_listener (PoeServer  *self,
                          GError    **error)
{
  g_autofree char *dir = g_dir_make_tmp ("poe-central-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  gboolean ok;

  if (dir == NULL)
    return FALSE;

  path = g_build_filename (dir, "unreachable", NULL);
  address = g_unix_socket_address_new (path);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  ok = socket != NULL && g_socket_bind (socket, address, FALSE, error) && g_socket_listen (socket, error);
  g_unlink (path);
  g_rmdir (dir);

  return ok && soup_server_listen_socket (self->soup, socket, 0, error);
}


/*
 * Shared with the other files of PoeServer
 */

void
_poe_server_resume_accepting (PoeServer *self)
{
  if (self->accept_source != NULL || self->listen_socket == NULL)
    return;

  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  self->accept_source = g_socket_create_source (self->listen_socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, (GSourceFunc) accept_cb, self, NULL);
  g_source_attach (self->accept_source, NULL);
}

/* Before any connection: libsoup's listener that keeps connections alive, the quark. */
gboolean
_poe_server_prepare_connections (PoeServer  *self,
                                 GError    **error)
{
  self->trim_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, TRIM_SECONDS, trim_cb, self, NULL);

  return add_unreachable_listener (self, error);
}

void
_poe_server_start_accepting (PoeServer *self,
                             GSocket   *socket)
{
  g_socket_set_blocking (socket, FALSE);
  self->listen_socket = g_object_ref (socket);
  _poe_server_resume_accepting (self);
}

void
_poe_server_stop_accepting (PoeServer *self)
{
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  g_clear_handle_id (&self->accept_retry_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  if (self->listen_socket != NULL)
    g_socket_close (self->listen_socket, NULL);
  g_clear_object (&self->listen_socket);

  _poe_server_close_connections (self);
}
