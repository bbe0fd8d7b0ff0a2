/* poe-feed-aviationstack.h
 *
 * The aviationstack provider.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-feed-provider.h"

G_BEGIN_DECLS

#define POE_FEED_AVIATIONSTACK_URL "https://api.aviationstack.com"

#define POE_TYPE_FEED_AVIATIONSTACK (poe_feed_aviationstack_get_type ())
G_DECLARE_FINAL_TYPE (PoeFeedAviationstack, poe_feed_aviationstack, POE, FEED_AVIATIONSTACK, GObject)

PoeFeedAviationstack *poe_feed_aviationstack_new (const char *base_url,
                                                  const char *key);
GDateTime            *poe_feed_aviationstack_rezone (const char *text,
                                                     const char *time_zone);

G_END_DECLS
