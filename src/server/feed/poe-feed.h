/* poe-feed.h
 *
 * The flight feed of poe-central: polls a provider for the watched airports and writes what
 * changed on the flights the POEs expect as server changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "poe-server.h"
#include "poe-feed-provider.h"

G_BEGIN_DECLS

#define POE_TYPE_FEED (poe_feed_get_type ())
G_DECLARE_FINAL_TYPE (PoeFeed, poe_feed, POE, FEED, GObject)

PoeFeed    *poe_feed_new         (PoeServer          *server,
                                  PoeFeedProvider    *provider,
                                  const char * const *airports);
void        poe_feed_set_intervals (PoeFeed          *self,
                                  guint               hot_ms,
                                  guint               cold_ms);
void        poe_feed_start       (PoeFeed            *self);
void        poe_feed_stop        (PoeFeed            *self);
JsonObject *poe_feed_dup_status  (PoeFeed            *self);

G_END_DECLS
