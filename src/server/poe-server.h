/* poe-server.h
 *
 * PoeServer, the HTTP side of poe-central: it listens (with TLS when given a certificate),
 * serves the sync protocol of docs/protocol.md over its PoeBackend, wakes the long polls of
 * the changes feed after a commit, and writes records of the server's own (demo data, ABN
 * imports, accounts) as changes of the feed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "poe-backend.h"

G_BEGIN_DECLS

#define POE_TYPE_SERVER (poe_server_get_type ())

G_DECLARE_FINAL_TYPE (PoeServer, poe_server, POE, SERVER, GObject)

#define POE_SERVER_MAX_BODY    (8 * 1024 * 1024)
#define POE_SERVER_MAX_PUSH    500
#define POE_SERVER_CLIENT_ID   "poe-central"

PoeServer  *poe_server_new             (PoeBackend  *backend,
                                        double       token_hours);
PoeBackend *poe_server_get_backend     (PoeServer   *self);
gboolean    poe_server_listen          (PoeServer   *self,
                                        const char  *listen,
                                        const char  *tls_cert,
                                        const char  *tls_key,
                                        GError     **error);
char       *poe_server_dup_uri         (PoeServer   *self);
void        poe_server_notify_changes  (PoeServer   *self);
gboolean    poe_server_put_system      (PoeServer   *self,
                                        GPtrArray   *records,
                                        GError     **error);

G_END_DECLS
