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

/* What GET /v1/feed answers (poe_feed_dup_status()). */
typedef JsonObject *(*PoeServerStatusFunc) (gpointer user_data);

#define POE_SERVER_MAX_BODY    (8 * 1024 * 1024)
#define POE_SERVER_MAX_HEAD    (16 * 1024)   /* request line and header fields */
#define POE_SERVER_MAX_PUSH    500
#define POE_SERVER_MAX_ID      128   /* bytes of a client_id or mutation_id */
#define POE_SERVER_CLIENT_ID   "poe-central"

/* Connections (poe-server-listener.c); main.c's options change them. */
#define POE_SERVER_MAX_PER_ADDRESS  64
#define POE_SERVER_HEADER_TIMEOUT   10    /* seconds */
#define POE_SERVER_BODY_TIMEOUT     60
#define POE_SERVER_IDLE_TIMEOUT     30
#define POE_SERVER_TLS_PRIORITY     "NORMAL:%COMPAT:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

PoeServer  *poe_server_new             (PoeBackend  *backend,
                                        double       token_hours);
PoeBackend *poe_server_get_backend     (PoeServer   *self);
gboolean    poe_server_listen          (PoeServer   *self,
                                        const char  *listen,
                                        const char  *tls_cert,
                                        const char  *tls_key,
                                        GError     **error);
void        poe_server_set_limits      (PoeServer   *self,
                                        guint        max_per_address,
                                        guint        header_timeout,
                                        guint        body_timeout,
                                        guint        idle_timeout);
char       *poe_server_dup_uri         (PoeServer   *self);
void        poe_server_notify_changes  (PoeServer   *self);
gboolean    poe_server_put_system      (PoeServer   *self,
                                        GPtrArray   *records,
                                        GError     **error);
void        poe_server_set_feed_status (PoeServer   *self,
                                        PoeServerStatusFunc func,
                                        gpointer     user_data);

G_END_DECLS
