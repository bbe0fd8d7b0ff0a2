/* test-sync-tls.c
 *
 * The sync engine against poe-central over HTTPS. A throwaway certificate authority and
 * server certificates are made with openssl(1) at test time in a temporary directory: one
 * for 127.0.0.1 and localhost, one for another host name. TLS verification is always on: the
 * engine trusts the server only through the CA file it is given, and only for the host name
 * it connects to. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "poe-http.h"
#include "poe-sync-test-utils.h"
#include "poe-validate.h"

#define TLS_USER "tls-lead"

typedef struct
{
  char          *dir;
  char          *ca_file;
  PoeTestServer *server;
  PoeStore      *store;
  PoeSyncEngine *engine;
} Fixture;

typedef struct
{
  const char *host_names;   /* the server certificate's subjectAltName */
  gboolean    trust_ca;     /* give the engine the CA file */
  gboolean    syncs;
} TlsCase;


/*
 * Certificates
 */

static void
run_openssl (const char *dir,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) "openssl");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("openssl %s failed: %s", first, errors);
}

static void
make_ca (const char *dir)
{
  run_openssl (dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
               "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
               "-subj", "/CN=POE Desk test CA", "-addext", "basicConstraints=critical,CA:TRUE",
               "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL);
}

/* server.pem and server.key, signed by the CA, for @host_names ("DNS:…,IP:…"). */
static void
make_server_certificate (const char *dir,
                         const char *host_names)
{
  g_autofree char *ext_path = g_build_filename (dir, "server.ext", NULL);
  g_autofree char *ext = g_strdup_printf ("subjectAltName=%s\n"
                                          "basicConstraints=critical,CA:FALSE\n"
                                          "keyUsage=critical,digitalSignature\n"
                                          "extendedKeyUsage=serverAuth\n", host_names);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (ext_path, ext, -1, &error);
  g_assert_no_error (error);

  run_openssl (dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
               "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=poe-central test",
               NULL);
  run_openssl (dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
               "-set_serial", "2", "-days", "2", "-extfile", "server.ext", "-out", "server.pem", NULL);
}


/*
 * Fixture
 */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const TlsCase *tls_case = data;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;

  fixture->dir = sync_test_make_dir ();
  fixture->ca_file = g_build_filename (fixture->dir, "ca.pem", NULL);
  make_ca (fixture->dir);
  make_server_certificate (fixture->dir, tls_case ? tls_case->host_names : "DNS:localhost,IP:127.0.0.1");

  cert = g_build_filename (fixture->dir, "server.pem", NULL);
  key = g_build_filename (fixture->dir, "server.key", NULL);
  fixture->server = poe_test_server_new ((const char * const[]) { "--tls-cert", cert, "--tls-key", key, NULL });
  g_assert_true (g_str_has_prefix (poe_test_server_get_url (fixture->server), "https://127.0.0.1:"));
  poe_test_server_add_user (fixture->server, TLS_USER, "lead", "JFK", SYNC_TEST_PASSWORD);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->engine != NULL)
    {
      poe_sync_engine_stop (fixture->engine);
      g_assert_finalize_object (fixture->engine);
    }
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->server, poe_test_server_free);
  sync_test_remove_dir (fixture->dir);
  g_free (fixture->ca_file);
  g_free (fixture->dir);
}

/* Signs in through PoeHttp trusting the test CA (the test server's own client would not). */
static char *
sign_in (Fixture  *fixture,
         char    **staff_id)
{
  g_autoptr(PoeHttp) http = poe_http_new (poe_test_server_get_url (fixture->server), fixture->ca_file);
  g_autoptr(PoeHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"username\": \"" TLS_USER "\", \"password\": \""
                                               SYNC_TEST_PASSWORD "\", \"device\": \"test\"}", NULL);
  JsonObject *answer;

  poe_http_request (http, "POST", "/v1/auth/login", body, 0, NULL, &response, &error);
  g_assert_no_error (error);
  answer = json_node_get_object (response->json);
  *staff_id = g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "user"), "id"));

  return g_strdup (json_object_get_string_member (answer, "token"));
}

static void
start_engine (Fixture    *fixture,
              const char *ca_file,
              const char *token,
              const char *staff_id)
{
  g_autofree char *path = g_build_filename (fixture->dir, "client.db", NULL);
  g_autoptr(GError) error = NULL;

  fixture->store = poe_store_open (path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (fixture->store, staff_id, TLS_USER);

  fixture->engine = poe_sync_engine_new (path, poe_test_server_get_url (fixture->server), ca_file);
  poe_sync_engine_set_token (fixture->engine, token);
  poe_sync_engine_set_ui_store (fixture->engine, fixture->store);
  poe_sync_engine_set_poll_wait (fixture->engine, 20);
  poe_sync_engine_set_backoff (fixture->engine, 20, 200);
  poe_sync_engine_set_timeouts (fixture->engine, 2, 5);
  poe_sync_engine_start (fixture->engine);
}

static gboolean
engine_synced (gpointer data)
{
  Fixture *fixture = data;

  return poe_sync_engine_get_state (fixture->engine) == POE_SYNC_STATE_IDLE &&
         poe_store_count_pending (fixture->store) == 0;
}

static gboolean
engine_failed (gpointer data)
{
  Fixture *fixture = data;

  return poe_sync_engine_get_state (fixture->engine) == POE_SYNC_STATE_ERROR &&
         poe_sync_engine_get_last_error (fixture->engine) != NULL;
}


/*
 * Tests
 */

/* A case saved locally reaches the server when the engine may trust it, and stays in the
 * outbox with an error the user can act on when it may not. */
static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  const TlsCase *tls_case = data;
  g_autofree char *staff_id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *sql = NULL;
  const char *message;

  /* A refused server never sees a request, so any token will do there. */
  if (tls_case->syncs)
    token = sign_in (fixture, &staff_id);
  else
    {
      token = g_strdup ("not-a-token");
      staff_id = poe_uuid_new ();
    }

  start_engine (fixture, tls_case->trust_ca ? fixture->ca_file : NULL, token, staff_id);
  case_id = sync_test_save_case (fixture->store, "expected");
  sql = g_strdup_printf ("SELECT count(*) FROM rec_case WHERE id = '%s'", case_id);

  if (tls_case->syncs)
    {
      g_assert_true (sync_test_wait (engine_synced, fixture, 15000));
      g_assert_cmpuint (poe_store_count_rejected (fixture->store), ==, 0);
      g_assert_cmpint (sync_test_server_count (fixture->server, sql), ==, 1);
      return;
    }

  g_assert_true (sync_test_wait (engine_failed, fixture, 15000));
  message = poe_sync_engine_get_last_error (fixture->engine);
  g_assert_nonnull (strstr (message, "identity could not be verified"));
  g_assert_nonnull (strstr (message, "certificate"));
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, 1);
  g_assert_cmpuint (poe_sync_engine_get_pending_count (fixture->engine), ==, 1);
  g_assert_cmpint (sync_test_server_count (fixture->server, sql), ==, 0);
}

/* The same CA file over PoeHttp itself: the host name is checked even for a trusted CA. */
static void
test_http_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PoeHttp) http = poe_http_new (poe_test_server_get_url (fixture->server), fixture->ca_file);
  g_autoptr(GError) error = NULL;

  g_assert_false (poe_http_request (http, "GET", "/v1/health", NULL, 0, NULL, NULL, &error));
  g_assert_error (error, POE_HTTP_ERROR, POE_HTTP_ERROR_TLS);
}

/* TRUE when openssl(1) completes a handshake of @version ("-tls1", …) with the server; every
 * cipher suite offered (SECLEVEL=0), so only the protocol version can make it fail. */
static gboolean
handshake_succeeds (Fixture    *fixture,
                    const char *version)
{
  g_autofree char *authority = g_strdup (poe_test_server_get_url (fixture->server) + strlen ("https://"));
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "s_client", "-connect", authority, version, "-cipher", "DEFAULT:@SECLEVEL=0",
    "-CAfile", fixture->ca_file, "-verify_return_error", NULL
  };

  g_spawn_sync (fixture->dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_test_message ("openssl s_client %s: %s", version,
                  strstr (output, "Cipher is (NONE)") != NULL ? "refused" : "connected");

  return g_spawn_check_wait_status (status, NULL) && strstr (output, "Cipher is (NONE)") == NULL;
}

/* poe-central speaks TLS 1.2 and 1.3 only (issue 16, row 9). */
static void
test_server_versions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_assert_false (handshake_succeeds (fixture, "-tls1"));
  g_assert_false (handshake_succeeds (fixture, "-tls1_1"));
  g_assert_true (handshake_succeeds (fixture, "-tls1_2"));
  g_assert_true (handshake_succeeds (fixture, "-tls1_3"));
}

/* Plain http is for loopback only (a unit check of the address rule). */
static void
test_plain_http (void)
{
  const struct
  {
    const char *url;
    gboolean    allowed;
  } cases[] = {
    { "http://127.0.0.1:8080", TRUE },
    { "http://localhost:8080", TRUE },
    { "http://[::1]:8080", TRUE },
    { "http://poe-central.example.org", FALSE },
    { "http://192.0.2.10:8080", FALSE },
    { "http://127.0.0.1.example.org", FALSE },
    { "https://poe-central.example.org", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = poe_validate_server_url (cases[i].url, &error);

      if (cases[i].allowed)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (url, ==, cases[i].url);
        }
      else
        {
          g_assert_error (error, POE_VALIDATE_ERROR, POE_VALIDATE_ERROR_INSECURE_URL);
          g_assert_null (url);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  static const TlsCase trusted = { "DNS:localhost,IP:127.0.0.1", TRUE, TRUE };
  static const TlsCase untrusted = { "DNS:localhost,IP:127.0.0.1", FALSE, FALSE };
  static const TlsCase other_host = { "DNS:poe-central.example.org", TRUE, FALSE };

  g_test_init (&argc, &argv, NULL);

  /* LeakSanitizer of gcc 12 on Debian 12 crashes ("Tracer caught signal 11") while it scans
   * the dynamic TLS of the GnuTLS GIO module in a server thread that did a handshake, so the
   * server processes of this test run without leak checking (this process keeps it; the other
   * server tests check poe-central's leaks over plain HTTP). */
  {
    g_autofree char *options = g_strconcat (g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "",
                                            ":detect_leaks=0", NULL);

    g_setenv ("ASAN_OPTIONS", options, TRUE);
  }

  g_test_add ("/sync/tls/trusted-ca", Fixture, &trusted, fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sync/tls/system-ca-refused", Fixture, &untrusted, fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sync/tls/other-host-refused", Fixture, &other_host, fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sync/tls/other-host-http", Fixture, &other_host, fixture_setup, test_http_error, fixture_teardown);
  g_test_add_func ("/sync/tls/plain-http-loopback-only", test_plain_http);
  g_test_add ("/sync/tls/server/versions", Fixture, &trusted, fixture_setup, test_server_versions,
              fixture_teardown);

  return g_test_run ();
}
