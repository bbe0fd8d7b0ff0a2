/* poe-test-server.h
 *
 * A real poe-central process for tests (the binary named by $POE_CENTRAL), on a free
 * loopback port with a database in a temporary directory, and a small blocking HTTP client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PoeTestServer PoeTestServer;

typedef struct
{
  guint       status;
  GHashTable *headers;   /* lower-case name → value */
  char       *body;
  JsonNode   *json;      /* NULL when the body is not JSON */
} PoeTestResponse;

PoeTestServer   *poe_test_server_new          (const char * const *extra_args);
PoeTestServer   *poe_test_server_new_limited  (const char * const *extra_args,
                                               guint               max_files);
int              poe_test_server_get_pid      (PoeTestServer      *self);
guint64          poe_test_server_get_rss      (PoeTestServer      *self);
gboolean         poe_test_server_rss_is_meaningful (void);
void             poe_test_openapi_check       (const char         *method,
                                               const char         *path,
                                               guint               status,
                                               GHashTable         *headers);
void             poe_test_server_free         (PoeTestServer      *self);
const char      *poe_test_server_get_url      (PoeTestServer      *self);
const char      *poe_test_server_get_db       (PoeTestServer      *self);
void             poe_test_server_add_user     (PoeTestServer      *self,
                                               const char         *username,
                                               const char         *role,
                                               const char         *poe,
                                               const char         *password);
void             poe_test_server_stop         (PoeTestServer      *self);
void             poe_test_server_kill         (PoeTestServer      *self);
void             poe_test_server_restart      (PoeTestServer      *self);
void             poe_test_server_restart_same_port (PoeTestServer      *self,
                                                    const char * const *extra_args);

typedef struct
{
  const char *source;        /* local address to send from ("127.0.0.2"); NULL: any */
  const char *content_type;  /* NULL: application/json */
  gsize       body_length;   /* 0: strlen (body) */
} PoeTestRequestOptions;

PoeTestResponse *poe_test_server_request_with (PoeTestServer      *self,
                                               const PoeTestRequestOptions *options,
                                               const char         *method,
                                               const char         *path,
                                               const char         *token,
                                               const char         *body);
PoeTestResponse *poe_test_server_request      (PoeTestServer      *self,
                                               const char         *method,
                                               const char         *path,
                                               const char         *token,
                                               const char         *body);
char            *poe_test_server_login        (PoeTestServer      *self,
                                               const char         *username,
                                               const char         *password,
                                               char              **staff_id);

JsonObject      *poe_test_response_object     (PoeTestResponse    *response);
const char      *poe_test_response_header     (PoeTestResponse    *response,
                                               const char         *name);
void             poe_test_response_free       (PoeTestResponse    *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeTestResponse, poe_test_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeTestServer, poe_test_server_free)

G_END_DECLS
