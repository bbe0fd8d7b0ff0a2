/* poe-password.c
 *
 * Password hashes as poe-central stores them: Argon2id strings in the PHC format, which
 * carry their own salt and cost parameters so a later change of limits keeps old hashes valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-password"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "poe-password.h"


/*
 * Public API
 */

/**
 * poe_password_init:
 *
 * Initialises libsodium once; safe to call from any thread, any number of times.
 *
 * Returns: whether libsodium is usable
 */
gboolean
poe_password_init (void)
{
  static gsize initialised = 0;
  static gboolean usable = FALSE;

  if (g_once_init_enter (&initialised))
    {
      usable = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }

  return usable;
}

/**
 * poe_password_hash:
 * @password: the password, UTF-8
 *
 * Returns: (transfer full) (nullable): an Argon2id hash string, or %NULL when memory for
 *   hashing could not be had
 */
char *
poe_password_hash (const char *password)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (!poe_password_init ())
    return NULL;

  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    return NULL;

  return g_strdup (hash);
}

/**
 * poe_password_verify:
 * @hash: (nullable): a hash from poe_password_hash()
 * @password: (nullable): what the user typed
 *
 * Returns: whether @password matches @hash; %FALSE for a missing or malformed hash
 */
gboolean
poe_password_verify (const char *hash,
                     const char *password)
{
  if (hash == NULL || password == NULL || !poe_password_init ())
    return FALSE;

  if (strnlen (hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}
