/* test-http-load.c
 *
 * libcurl is opened when the first HTTP client is made (src/core/sync/poe-curl.c). When it
 * cannot be, the client still exists, every request fails with a message that says what
 * to do, and nothing crashes. POE_CURL_LIBRARY names a library that does not exist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-core.h"
#include "poe-http.h"

#define MISSING_LIBRARY "libpoe-no-such-curl.so.0"

static GPtrArray *warnings;

/* Keeps the warnings of poe-http, which this test expects, and writes the rest as usual. */
static GLogWriterOutput
writer_cb (GLogLevelFlags   log_level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "poe-http") == 0 && message != NULL)
    {
      g_ptr_array_add (warnings, g_strdup (message));
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
test_missing_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  PoeHttp *http;

  http = poe_http_new ("http://127.0.0.1:9", NULL);
  g_assert_nonnull (http);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), MISSING_LIBRARY));

  g_assert_false (poe_http_request (http, "GET", "/v1/health", NULL, 0, NULL, NULL, &error));
  g_assert_error (error, POE_HTTP_ERROR, POE_HTTP_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, MISSING_LIBRARY));
  g_assert_nonnull (strstr (error->message, "Reinstall POE Desk"));

  /* The same answer every time, without trying to open the library again. */
  g_assert_false (poe_http_request (http, "POST", "/v1/sync/push", NULL, 0, NULL, NULL, &again));
  g_assert_cmpstr (again->message, ==, error->message);
  poe_http_free (http);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything opens libcurl: the name is read once. */
  g_setenv ("POE_CURL_LIBRARY", MISSING_LIBRARY, TRUE);
  g_test_init (&argc, &argv, NULL);

  /* The test runs with fatal warnings; this one warning is expected and checked. */
  warnings = g_ptr_array_new_with_free_func (g_free);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (writer_cb, NULL, NULL);

  g_test_add_func ("/core/http-load/missing-library", test_missing_library);

  status = g_test_run ();
  g_ptr_array_unref (warnings);

  return status;
}
