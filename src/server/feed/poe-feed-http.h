/* poe-feed-http.h
 *
 * One GET of a provider's JSON over libsoup-3, asynchronous on the main context, its
 * failures sorted into PoeFeedError.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "poe-feed-provider.h"

G_BEGIN_DECLS

SoupSession *poe_feed_http_session_new (void);
void         poe_feed_http_get_async   (SoupSession          *session,
                                        SoupMessage          *message,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
JsonNode    *poe_feed_http_get_finish  (GAsyncResult         *result,
                                        guint                *retry_after,
                                        GError              **error);
GDateTime   *poe_feed_parse_time       (const char           *text,
                                        GTimeZone            *zone);

G_END_DECLS
