/* test-password.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "poe-core.h"

static void
test_roundtrip (void)
{
  g_autofree char *hash = poe_password_hash ("correct horse battery staple");

  g_assert_nonnull (hash);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (poe_password_verify (hash, "correct horse battery staple"));
  g_assert_false (poe_password_verify (hash, "correct horse battery stapler"));
  g_assert_false (poe_password_verify (hash, ""));
}

static void
test_salted (void)
{
  g_autofree char *first = poe_password_hash ("same password");
  g_autofree char *second = poe_password_hash ("same password");

  g_assert_cmpstr (first, !=, second);
  g_assert_true (poe_password_verify (first, "same password"));
  g_assert_true (poe_password_verify (second, "same password"));
}

static void
test_malformed (void)
{
  static const char *hashes[] = {
    "", "plain", "$argon2id$", "$argon2id$v=19$m=65536,t=2,p=1$bad$bad", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    g_assert_false (poe_password_verify (hashes[i], "anything"));

  g_assert_false (poe_password_verify (NULL, NULL));
}

static void
test_empty_and_unicode (void)
{
  g_autofree char *empty = poe_password_hash ("");
  g_autofree char *unicode = poe_password_hash ("pässwörd-✈");

  g_assert_true (poe_password_verify (empty, ""));
  g_assert_false (poe_password_verify (empty, " "));
  g_assert_true (poe_password_verify (unicode, "pässwörd-✈"));
  g_assert_false (poe_password_verify (unicode, "passwort-✈"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/password/roundtrip", test_roundtrip);
  g_test_add_func ("/core/password/salted", test_salted);
  g_test_add_func ("/core/password/malformed", test_malformed);
  g_test_add_func ("/core/password/empty-and-unicode", test_empty_and_unicode);

  return g_test_run ();
}
