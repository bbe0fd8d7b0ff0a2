/* poe-secret.h
 *
 * The sign-in token in the keyring (libsecret), never in a file or in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      poe_secret_store_token_async  (const char          *server_url,
                                         const char          *username,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  poe_secret_store_token_finish (GAsyncResult        *result,
                                         GError             **error);
char     *poe_secret_lookup_token_sync  (const char          *server_url,
                                         const char          *username,
                                         GCancellable        *cancellable,
                                         GError             **error);
gboolean  poe_secret_clear_token_sync   (const char          *server_url,
                                         const char          *username,
                                         GCancellable        *cancellable,
                                         GError             **error);

G_END_DECLS
