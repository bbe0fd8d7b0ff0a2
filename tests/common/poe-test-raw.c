/* poe-test-raw.c
 *
 * Raw TCP clients of a test poe-central (poe-test-raw.h). Sockets are blocking with a 20 s
 * timeout, so a server that never answers fails the test instead of hanging it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "poe-test-raw.h"

/**
 * poe_test_raise_file_limit:
 *
 * Raises this process's limit of open descriptors to its hard limit: the flood tests hold
 * a few thousand sockets, and the servers they start inherit the limit. A soft limit of 1024
 * is common.
 */
void
poe_test_raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

/* A plain TCP connection to the server from @source (127.0.0.x). */
GSocket *
poe_test_raw_connect (PoeTestServer *server,
                      const char    *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) local = g_inet_address_new_from_string (source);
  g_autoptr(GSocketAddress) bind_to = g_inet_socket_address_new (local, 0);
  g_autoptr(GSocketConnectable) target = NULL;
  g_autoptr(GSocketAddressEnumerator) addresses = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, bind_to, TRUE, &error);
  g_assert_no_error (error);
  target = g_network_address_parse_uri (poe_test_server_get_url (server), 80, &error);
  g_assert_no_error (error);
  addresses = g_socket_connectable_enumerate (target);
  address = g_socket_address_enumerator_next (addresses, NULL, &error);
  g_assert_no_error (error);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, 20);

  return g_steal_pointer (&socket);
}

/* All of @length bytes, unless the server closed; FALSE then. */
gboolean
poe_test_raw_send (GSocket    *socket,
                   const char *data,
                   gsize       length)
{
  while (length > 0)
    {
      gssize n = g_socket_send (socket, data, length, NULL, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }

  return TRUE;
}

void
poe_test_raw_send_text (GSocket    *socket,
                        const char *text)
{
  g_assert_true (poe_test_raw_send (socket, text, strlen (text)));
}

static guint
status_of (const char *text)
{
  return g_str_has_prefix (text, "HTTP/1.1 ") ? (guint) atoi (text + 9) : 0;
}

/**
 * poe_test_raw_read_to_end:
 * @text: (out) (optional): all that came
 *
 * Reads until the server closes (or 20 s pass).
 *
 * Returns: the status of the answer, 0 for none
 */
guint
poe_test_raw_read_to_end (GSocket  *socket,
                          char    **text)
{
  g_autoptr(GString) all = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (all, buffer, n);

  if (text != NULL)
    *text = g_strdup (all->str);

  return status_of (all->str);
}

/**
 * poe_test_raw_read_answer:
 * @pending: bytes read past the previous answer; what is read past this one stays there
 * @text: (out) (optional): the answer, head and body
 *
 * Reads one answer with a Content-Length body, as a client on a kept-alive connection does.
 *
 * Returns: its status, 0 when the connection ended first
 */
guint
poe_test_raw_read_answer (GSocket  *socket,
                          GString  *pending,
                          char    **text)
{
  char buffer[4096];
  const char *end;
  const char *length;
  gsize total;
  guint status;

  while ((end = strstr (pending->str, "\r\n\r\n")) == NULL)
    {
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return 0;
      g_string_append_len (pending, buffer, n);
    }

  length = strstr (pending->str, "Content-Length: ");
  total = (gsize) (end + 4 - pending->str) +
          (length != NULL && length < end ? (gsize) atoi (length + 16) : 0);
  while (pending->len < total)
    {
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return 0;
      g_string_append_len (pending, buffer, n);
    }

  status = status_of (pending->str);
  if (text != NULL)
    *text = g_strndup (pending->str, total);
  g_string_erase (pending, 0, total);

  return status;
}

/* TRUE when the server closes the connection within @seconds. */
gboolean
poe_test_raw_wait_closed (GSocket *socket,
                          guint    seconds)
{
  char byte;
  gssize n;

  g_socket_set_timeout (socket, seconds);
  n = g_socket_receive (socket, &byte, 1, NULL, NULL);
  g_socket_set_timeout (socket, 20);

  return n == 0;
}

/**
 * poe_test_raw_check_problem:
 * @text: a whole answer, head and body
 *
 * The answer must be a problem of @status and type @slug, in application/problem+json, and
 * data/api/openapi.yaml must declare it and each of its headers, as for the test client.
 */
void
poe_test_raw_check_problem (const char *method,
                            const char *path,
                            const char *text,
                            guint       status,
                            const char *slug)
{
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *type = g_strconcat ("https://poedesk.github.io/problems/", slug, NULL);
  const char *body = strstr (text, "\r\n\r\n");
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *problem;

  g_assert_cmpuint (status_of (text), ==, status);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      char *colon = strchr (lines[i], ':');

      g_assert_nonnull (colon);
      *colon = '\0';
      g_hash_table_replace (headers, g_ascii_strdown (lines[i], -1), g_strdup (g_strstrip (colon + 1)));
    }

  poe_test_openapi_check (method, path, status, headers);
  g_assert_cmpstr (g_hash_table_lookup (headers, "content-type"), ==, "application/problem+json");

  g_assert_nonnull (body);
  json = json_from_string (body + 4, NULL);
  g_assert_nonnull (json);
  problem = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (problem, "type"), ==, type);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_true (strlen (json_object_get_string_member (problem, "detail")) > 10);
}
