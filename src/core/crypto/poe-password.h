/* poe-password.h
 *
 * Argon2id password hashes (libsodium crypto_pwhash_str, interactive limits).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *poe_password_hash   (const char *password);
gboolean  poe_password_verify (const char *hash,
                               const char *password);
gboolean  poe_password_init   (void);

G_END_DECLS
