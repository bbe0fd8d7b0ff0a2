/* test-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "poe-core.h"

static void
test_server_url (void)
{
  static const struct {
    const char *input;
    const char *expected;  /* NULL: refused */
    int code;
  } cases[] = {
    { "https://poe-central.example.org", "https://poe-central.example.org", 0 },
    { "  https://poe-central.example.org/  ", "https://poe-central.example.org", 0 },
    { "https://poe-central.example.org:8443/api", "https://poe-central.example.org:8443/api", 0 },
    { "HTTPS://Example.org", "HTTPS://Example.org", 0 },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", 0 },
    { "http://localhost:8080/", "http://localhost:8080", 0 },
    { "http://[::1]:8080", "http://[::1]:8080", 0 },
    { "http://poe-central.example.org", NULL, POE_VALIDATE_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.org", NULL, POE_VALIDATE_ERROR_INSECURE_URL },
    { "http://10.0.0.1", NULL, POE_VALIDATE_ERROR_INSECURE_URL },
    { "ftp://example.org", NULL, POE_VALIDATE_ERROR_INVALID_URL },
    { "poe-central.example.org", NULL, POE_VALIDATE_ERROR_INVALID_URL },
    { "", NULL, POE_VALIDATE_ERROR_INVALID_URL },
    { "https://", NULL, POE_VALIDATE_ERROR_INVALID_URL },
    { "https://user:pw@example.org", NULL, POE_VALIDATE_ERROR_INVALID_URL },
    { "https://example.org/?q=1", NULL, POE_VALIDATE_ERROR_INVALID_URL },
    { "https://exa\xffmple.org", NULL, POE_VALIDATE_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = poe_validate_server_url (cases[i].input, &error);

      g_autofree char *escaped = g_strescape (cases[i].input, NULL);

      g_test_message ("input: %s", escaped);
      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (url, ==, cases[i].expected);
        }
      else
        {
          g_assert_null (url);
          g_assert_error (error, POE_VALIDATE_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_poe_code (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "IAD", "IAD" },
    { " jfk ", "JFK" },
    { "Ord", "ORD" },
    { "", NULL },
    { "IA", NULL },
    { "IADX", NULL },
    { "I4D", NULL },
    { "ÉAD", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = poe_validate_poe_code (cases[i].input, &error);

      g_assert_cmpstr (code, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        g_assert_error (error, POE_VALIDATE_ERROR, POE_VALIDATE_ERROR_INVALID_POE_CODE);
    }
}

static void
test_loopback (void)
{
  g_assert_true (poe_host_is_loopback ("localhost"));
  g_assert_true (poe_host_is_loopback ("LOCALHOST"));
  g_assert_true (poe_host_is_loopback ("127.0.0.1"));
  g_assert_true (poe_host_is_loopback ("127.1.2.3"));
  g_assert_true (poe_host_is_loopback ("::1"));
  g_assert_false (poe_host_is_loopback ("127.0.0.1.example.org"));
  g_assert_false (poe_host_is_loopback ("127.0.1"));
  g_assert_false (poe_host_is_loopback ("128.0.0.1"));
  g_assert_false (poe_host_is_loopback ("example.org"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/server-url", test_server_url);
  g_test_add_func ("/core/validate/poe-code", test_poe_code);
  g_test_add_func ("/core/validate/loopback", test_loopback);

  return g_test_run ();
}
