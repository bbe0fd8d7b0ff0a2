/* test-server-connections.c
 *
 * poe-central's connections against hostile and careless clients (issue 16, rows 2, 3, 6 and
 * 10), over raw TCP from chosen loopback addresses (127.0.x.y), against the real binary: huge
 * and slow requests, malformed and oversized heads, connection floods, running out of
 * descriptors, and kept-alive connections that their clients close. Every refusal must be
 * problem+json declared in data/api/openapi.yaml. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-test-raw.h"
#include "poe-test-server.h"

#define HEALTH "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"


/*
 * Auxiliary methods
 */

static void
assert_alive (PoeTestServer *server)
{
  g_autoptr(PoeTestResponse) health = poe_test_server_request (server, "GET", "/v1/health", NULL, NULL);

  g_assert_cmpuint (health->status, ==, 200);
}

/* One request on a new connection from @source; the whole answer, read to the close. */
static char *
exchange (PoeTestServer *server,
          const char    *source,
          const char    *request,
          gsize          length)
{
  g_autoptr(GSocket) socket = poe_test_raw_connect (server, source);
  char *answer = NULL;

  /* The server may answer and stop reading before a huge head is all sent. */
  poe_test_raw_send (socket, request, length);
  poe_test_raw_read_to_end (socket, &answer);

  return answer;
}


/*
 * Row 3: bodies counted while read
 */

static void
test_body_limit_while_reading (void)
{
  g_autoptr(PoeTestServer) server = poe_test_server_new (NULL);
  g_autofree char *chunk = g_malloc0 (65536);
  guint64 before;
  guint64 after;

  assert_alive (server);
  before = poe_test_server_get_rss (server);
  memset (chunk, ' ', 65535);
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GSocket) socket = poe_test_raw_connect (server, "127.0.0.7");
      g_autofree char *answer = NULL;

      /* Announced 100 MB, or sent chunked without a size: 413 before 8 MiB are held. */
      if (round % 2 == 0)
        poe_test_raw_send_text (socket, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                        "Content-Length: 104857600\r\n\r\n");
      else
        {
          poe_test_raw_send_text (socket, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                          "Transfer-Encoding: chunked\r\n\r\n");
          for (guint i = 0; i < 200; i++)
            {
              g_autofree char *piece = g_strdup_printf ("ffff\r\n%s\r\n", chunk);

              if (!poe_test_raw_send (socket, piece, strlen (piece)))
                break;
            }
        }

      poe_test_raw_read_to_end (socket, &answer);
      poe_test_raw_check_problem ("POST", "/v1/auth/login", answer, 413, "too-large");
    }

  assert_alive (server);
  after = poe_test_server_get_rss (server);
  g_test_message ("RSS before %" G_GUINT64_FORMAT " kB, after four uploads %" G_GUINT64_FORMAT " kB",
                  before / 1024, after / 1024);
  if (poe_test_server_rss_is_meaningful ())
    g_assert_cmpuint (after, <, before + 20 * 1024 * 1024);
  else
    g_test_message ("RSS not checked under AddressSanitizer");
}


/*
 * Rows 2 and 6: deadlines, the per-address cap, running out of descriptors
 */

static void
test_slow_requests_time_out (void)
{
  const char *args[] = { "--header-timeout", "2", "--body-timeout", "2", "--idle-timeout", "2", NULL };
  g_autoptr(PoeTestServer) server = poe_test_server_new (args);
  g_autoptr(GSocket) headers = poe_test_raw_connect (server, "127.0.0.8");
  g_autoptr(GSocket) body = poe_test_raw_connect (server, "127.0.0.8");
  g_autoptr(GSocket) idle = poe_test_raw_connect (server, "127.0.0.8");
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autofree char *answer = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The first byte of the header fields and no more; a body that never comes; a kept-alive
   * connection with no next request. */
  poe_test_raw_send_text (headers, "P");
  poe_test_raw_send_text (body, "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                "Content-Length: 100\r\n\r\n{");
  poe_test_raw_send_text (idle, HEALTH);
  g_assert_cmpuint (poe_test_raw_read_answer (idle, pending, NULL), ==, 200);

  poe_test_raw_read_to_end (headers, &answer);
  poe_test_raw_check_problem ("P", "", answer, 408, "request-timeout");
  g_clear_pointer (&answer, g_free);
  poe_test_raw_read_to_end (body, &answer);
  poe_test_raw_check_problem ("POST", "/v1/auth/login", answer, 408, "request-timeout");
  g_assert_true (poe_test_raw_wait_closed (idle, 5));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  assert_alive (server);
}

static void
test_connections_per_address (void)
{
  const char *args[] = { "--max-connections-per-address", "8", NULL };
  g_autoptr(PoeTestServer) server = poe_test_server_new (args);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) refused = NULL;
  g_autofree char *answer = NULL;

  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (held, poe_test_raw_connect (server, "127.0.0.9"));

  /* The ninth from that address is answered 429 at once; other addresses are served. */
  refused = poe_test_raw_connect (server, "127.0.0.9");
  poe_test_raw_read_to_end (refused, &answer);
  poe_test_raw_check_problem ("GET", "/v1/health", answer, 429, "too-many-requests");
  g_assert_nonnull (strstr (answer, "Retry-After: "));
  assert_alive (server);
}

static void
test_descriptors_run_out (void)
{
  const char *args[] = { "--max-connections-per-address", "16", "--header-timeout", "60", NULL };
  g_autoptr(PoeTestServer) server = poe_test_server_new_limited (args, 128);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start;

  /* 200 idle connections from 13 addresses: more than the server has descriptors. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *source = g_strdup_printf ("127.0.1.%u", 1 + i / 16);

      g_ptr_array_add (held, poe_test_raw_connect (server, source));
    }

  g_ptr_array_set_size (held, 0);
  start = g_get_monotonic_time ();
  assert_alive (server);
  g_test_message ("first answer %" G_GINT64_FORMAT " ms after the idle connections closed",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}


/*
 * Row 10, and heads libsoup would have answered itself
 */

/* A head with one header field of @field_size bytes, or else with @n_fields small ones. */
static char *
big_head (gsize field_size,
          guint n_fields)
{
  GString *head = g_string_new ("GET /v1/health HTTP/1.1\r\nHost: x\r\n");

  if (field_size > 0)
    {
      g_string_append (head, "X-Filler: ");
      for (gsize i = 0; i < field_size; i++)
        g_string_append_c (head, 'a');
      g_string_append (head, "\r\n");
    }
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (head, "X-Field-%u: %u\r\n", i, i);
  g_string_append (head, "\r\n");

  return g_string_free (head, FALSE);
}

static void
test_malformed_heads (void)
{
  g_autoptr(PoeTestServer) server = poe_test_server_new (NULL);
  /* One header field of 100 KB (libsoup 3.2 reset the connection at 64 KiB); 2,000 small ones. */
  g_autofree char *huge = big_head (100 * 1024, 0);
  g_autofree char *many = big_head (0, 2000);
  const struct
  {
    const char *request;
    const char *method;
    const char *path;
    guint       status;
    const char *slug;
  } cases[] = {
    { huge, "GET", "/v1/health", 431, "headers-too-large" },
    { many, "GET", "/v1/health", 431, "headers-too-large" },
    { "HELLO\r\n\r\n", "HELLO", "", 400, "invalid-request" },
    { "GET /v1/health HTTP/2.0\r\nHost: x\r\n\r\n", "GET", "/v1/health", 505, "http-version-not-supported" },
    { "GET /v1/health HTTP/1.1\r\n\r\n", "GET", "/v1/health", 400, "invalid-request" },
    { "GET http://x/v1/health HTTP/1.1\r\nHost: x\r\n\r\n", "GET", "http://x/v1/health", 400, "invalid-request" },
    { "GET /v1/health HTTP/1.1\r\nHost: x\r\nExpect: a-teapot\r\n\r\n", "GET", "/v1/health", 417, "expectation-failed" },
    { "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
      "POST", "/v1/auth/login", 501, "not-implemented" },
    { "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}",
      "POST", "/v1/auth/login", 400, "invalid-request" },
    { "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
      "POST", "/v1/auth/login", 400, "invalid-request" },
    { "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "POST", "/v1/auth/login", 400, "invalid-request" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *answer = exchange (server, "127.0.0.11", cases[i].request, strlen (cases[i].request));

      g_test_message ("case %u → %.12s", i, answer);
      poe_test_raw_check_problem (cases[i].method, cases[i].path, answer, cases[i].status, cases[i].slug);
    }

  assert_alive (server);
}


/*
 * Kept-alive connections: served in turn, released when their clients close them
 */

static void
test_keep_alive (void)
{
  g_autoptr(PoeTestServer) server = poe_test_server_new (NULL);
  g_autoptr(GSocket) socket = poe_test_raw_connect (server, "127.0.0.12");
  g_autoptr(GString) pending = g_string_new (NULL);

  /* Two requests one after the other on one connection, then two sent at once. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *answer = NULL;

      poe_test_raw_send_text (socket, HEALTH);
      g_assert_cmpuint (poe_test_raw_read_answer (socket, pending, &answer), ==, 200);
      g_assert_null (strstr (answer, "Connection: close"));
    }

  poe_test_raw_send_text (socket, HEALTH "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  g_assert_cmpuint (poe_test_raw_read_answer (socket, pending, NULL), ==, 200);
  g_assert_cmpuint (poe_test_raw_read_answer (socket, pending, NULL), ==, 400);
  g_assert_cmpuint (pending->len, ==, 0);
}

static void
test_keep_alive_closed_by_clients (void)
{
  g_autoptr(PoeTestServer) server = poe_test_server_new_limited (NULL, 64);
  gint64 start = g_get_monotonic_time ();

  /* More kept-alive connections, one after the other, than the server has descriptors and
   * than one address may hold: each client closes its connection after one answer. libsoup
   * 3.2 would keep every one open. */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GSocket) socket = poe_test_raw_connect (server, "127.0.0.13");
      g_autoptr(GString) pending = g_string_new (NULL);

      poe_test_raw_send_text (socket, HEALTH);
      g_assert_cmpuint (poe_test_raw_read_answer (socket, pending, NULL), ==, 200);
    }

  g_test_message ("300 kept-alive connections in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  assert_alive (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  poe_test_raise_file_limit ();

  g_test_add_func ("/server/connections/body-limit", test_body_limit_while_reading);
  g_test_add_func ("/server/connections/slow", test_slow_requests_time_out);
  g_test_add_func ("/server/connections/per-address", test_connections_per_address);
  g_test_add_func ("/server/connections/descriptors", test_descriptors_run_out);
  g_test_add_func ("/server/connections/malformed-heads", test_malformed_heads);
  g_test_add_func ("/server/connections/keep-alive", test_keep_alive);
  g_test_add_func ("/server/connections/keep-alive-closed", test_keep_alive_closed_by_clients);

  return g_test_run ();
}
