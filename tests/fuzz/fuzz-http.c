/* fuzz-http.c
 *
 * libFuzzer target: poe-central's request handling, from raw bytes to the answer. An input is
 * what one client sends on one connection; it goes through the gate (poe-http-gate.c),
 * libsoup and the routes (the body parser, push, the changes query, sign-in) of a server in
 * this process, over a database in memory. "@TOKEN@" in an input becomes the token of a
 * signed-in lead, so inputs reach the routes behind sign-in; "@SEQ@" becomes the present change
 * sequence, so a long poll waits. Long polls are answered at once and sign-ins wait for their
 * worker, so each input ends with its connection closed; a connection that neither closes nor
 * waits for anything is a finding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-central-demo.h"
#include "poe-fuzz.h"
#include "poe-server-private.h"

#define TOKEN        "fuzz-token-0123456789abcdefghijklmnopqrstuvwxyzAB"
#define PLACEHOLDER  "@TOKEN@"
#define SEQ_PLACEHOLDER "@SEQ@"
#define MAX_ROUNDS   100000

static PoeServer *server;


/*
 * Auxiliary methods
 */

/* @data with every PLACEHOLDER replaced by the token and every SEQ_PLACEHOLDER by the
 * server's present change sequence (so a seed can wait for what comes next). */
static GBytes *
with_placeholders (const uint8_t *data,
                   size_t         size)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, backend->ops->current_seq (backend));
  GByteArray *bytes = g_byte_array_sized_new (size);
  gsize placeholder = strlen (PLACEHOLDER);
  gsize seq_placeholder = strlen (SEQ_PLACEHOLDER);

  for (gsize i = 0; i < size; i++)
    {
      if (i + placeholder <= size && memcmp (data + i, PLACEHOLDER, placeholder) == 0)
        {
          g_byte_array_append (bytes, (const guint8 *) TOKEN, strlen (TOKEN));
          i += placeholder - 1;
        }
      else if (i + seq_placeholder <= size && memcmp (data + i, SEQ_PLACEHOLDER, seq_placeholder) == 0)
        {
          g_byte_array_append (bytes, (const guint8 *) seq, strlen (seq));
          i += seq_placeholder - 1;
        }
      else
        g_byte_array_append (bytes, data + i, 1);
    }

  return g_byte_array_free_to_bytes (bytes);
}

/* The lead's token, again if an input signed out with it. */
static void
ensure_token (void)
{
  g_autofree char *hash = _poe_server_hash_token (TOKEN);
  g_autoptr(GError) error = NULL;
  PoeBackend *backend = poe_server_get_backend (server);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(PoeUser) user = backend->ops->token_lookup (backend, hash, now, NULL);

  if (user != NULL)
    return;

  backend->ops->token_add (backend, hash, "lead", now + 10 * 365 * 86400, &error);
  g_assert_no_error (error);
}

/* Answers the long polls at once. None of them may leave a timeout behind: it would fire on
 * a freed waiter during a later input (a use after free a fuzzer found). */
static void
drop_waiters (void)
{
  g_autoptr(GList) waiters = g_list_copy (server->waiters);

  _poe_server_drop_waiters (server);
  for (GList *l = waiters; l != NULL; l = l->next)
    g_assert_null (g_main_context_find_source_by_user_data (NULL, l->data));
}

/* Runs the server until the connection closes. */
static void
serve (GIOStream *stream)
{
  for (guint round = 0; !g_io_stream_is_closed (stream); round++)
    {
      g_assert_cmpuint (round, <, MAX_ROUNDS);

      if (g_main_context_iteration (NULL, FALSE))
        continue;

      /* Idle: a sign-in hashing on a worker, or a long poll. */
      if (poe_server_pool_get_n_jobs (server->pool) > 0)
        g_main_context_iteration (NULL, TRUE);
      else if (server->waiters != NULL)
        drop_waiters ();
      else
        g_error ("A connection stays open with nothing to wait for");
    }

  while (g_main_context_iteration (NULL, FALSE))
    ;
}


/*
 * libFuzzer
 */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  PoeBackend *backend = poe_backend_sqlite_new ();

  poe_fuzz_init_logging ();
  backend->ops->open (backend, ":memory:", &error);
  g_assert_no_error (error);
  server = poe_server_new (backend, 12.0);
  poe_central_add_user (server, "lead", "lead", "JFK", "fuzz-password-1", &error);
  g_assert_no_error (error);
  _poe_server_setup (server, &error);
  g_assert_no_error (error);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = with_placeholders (data, size);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GIOStream) stream = g_simple_io_stream_new (input, output);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (loopback, 40000);

  ensure_token ();
  _poe_server_serve_stream (server, stream, NULL, remote);
  serve (stream);

  /* POE_FUZZ_SHOW=1: what the server answered, to check what a seed reaches. */
  if (g_getenv ("POE_FUZZ_SHOW") != NULL)
    g_printerr ("%.*s\n", (int) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
                (const char *) g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)));

  return 0;
}
