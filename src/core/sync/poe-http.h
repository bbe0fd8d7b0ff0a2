/* poe-http.h
 *
 * A small blocking JSON-over-HTTPS client for the sync worker: one reused libcurl handle,
 * TLS verification always on, failures sorted into POE_HTTP_ERROR codes a user can act on.
 * Not thread-safe: one thread uses a PoeHttp; any thread may cancel its request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define POE_HTTP_ERROR (poe_http_error_quark ())

typedef enum
{
  POE_HTTP_ERROR_NETWORK,       /* no connection, reset, name not found */
  POE_HTTP_ERROR_TIMEOUT,       /* no complete answer in time */
  POE_HTTP_ERROR_TLS,           /* certificate or TLS failure */
  POE_HTTP_ERROR_BAD_ANSWER,    /* not JSON, wrong type, cut off, too large, an HTML page */
  POE_HTTP_ERROR_UNAUTHORIZED,  /* 401: sign in again */
  POE_HTTP_ERROR_FORBIDDEN,     /* 403 */
  POE_HTTP_ERROR_RATE_LIMITED,  /* 429: see retry_after */
  POE_HTTP_ERROR_SERVER,        /* 5xx */
  POE_HTTP_ERROR_CLIENT,        /* any other 4xx */
} PoeHttpError;

typedef struct _PoeHttp PoeHttp;

typedef struct
{
  guint     status;        /* HTTP status; 0 when no answer came */
  gint64    retry_after;   /* seconds from Retry-After; -1 when absent */
  char     *content_type;  /* nullable */
  GBytes   *body;          /* the raw body, never NULL */
  JsonNode *json;          /* the parsed body of a successful answer; NULL for 204 */
} PoeHttpResponse;

GQuark           poe_http_error_quark      (void);

PoeHttp         *poe_http_new              (const char       *base_url,
                                            const char       *ca_file);
void             poe_http_free             (PoeHttp          *self);
void             poe_http_set_token        (PoeHttp          *self,
                                            const char       *token);
void             poe_http_set_timeouts     (PoeHttp          *self,
                                            guint             connect_seconds,
                                            guint             total_seconds);
void             poe_http_set_max_answer   (PoeHttp          *self,
                                            gsize             max_bytes);
gboolean         poe_http_request          (PoeHttp          *self,
                                            const char       *method,
                                            const char       *path,
                                            JsonNode         *body,
                                            guint             extra_seconds,
                                            GCancellable     *cancellable,
                                            PoeHttpResponse **response,
                                            GError          **error);

void             poe_http_response_free    (PoeHttpResponse  *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeHttp, poe_http_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeHttpResponse, poe_http_response_free)

G_END_DECLS
