/* poe-http-gate.h
 *
 * The stream poe-central hands to libsoup instead of the connection itself: it reads the
 * connection, frames each HTTP/1 request (head, then a Content-Length or chunked body) and lets
 * libsoup read only requests it has checked: a head within its size limit that libsoup's own
 * parser accepts, a body within its limit, nothing past the end of the request. What it
 * refuses, libsoup never sees; the owner answers it (poe-server-listener.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POE_TYPE_HTTP_GATE (poe_http_gate_get_type ())

G_DECLARE_FINAL_TYPE (PoeHttpGate, poe_http_gate, POE, HTTP_GATE, GIOStream)

typedef enum
{
  POE_HTTP_GATE_HEAD_STARTED,  /* the first byte of a request came */
  POE_HTTP_GATE_HEAD_DONE,     /* a checked head went to libsoup; a body follows */
  POE_HTTP_GATE_BODY_DONE,     /* the whole request went to libsoup */
  POE_HTTP_GATE_REFUSED,       /* see poe_http_gate_get_refusal(); libsoup reads no more */
  POE_HTTP_GATE_GONE,          /* the client closed or the connection broke; same */
  POE_HTTP_GATE_CLOSED,        /* the stream was closed, by libsoup or by the owner */
} PoeHttpGateEvent;

/* Called on the thread that reads the stream, often from inside libsoup: never take the
 * connection back from libsoup here, schedule it. */
typedef void (*PoeHttpGateFunc) (PoeHttpGate      *gate,
                                 PoeHttpGateEvent  event,
                                 gpointer          user_data);

PoeHttpGate *poe_http_gate_new          (GIOStream       *base,
                                         gsize            max_head,
                                         guint64          max_body);
void         poe_http_gate_set_func     (PoeHttpGate     *self,
                                         PoeHttpGateFunc  func,
                                         gpointer         user_data);
GIOStream   *poe_http_gate_get_base     (PoeHttpGate     *self);
guint        poe_http_gate_get_refusal  (PoeHttpGate     *self,
                                         const char     **slug,
                                         const char     **detail);
void         poe_http_gate_refuse       (PoeHttpGate     *self,
                                         guint            status,
                                         const char      *slug,
                                         const char      *detail);

G_END_DECLS
