/* poe-feed-match.h
 *
 * Matching a provider's flights to the flights a POE expects, and the changes that follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-core.h"
#include "poe-feed-provider.h"

G_BEGIN_DECLS

PoeFeedFlight *poe_feed_match_find  (PoeRecord   *record,
                                     GPtrArray   *flights,
                                     GTimeZone   *zone);
GPtrArray     *poe_feed_match_apply (GPtrArray   *records,
                                     GPtrArray   *flights,
                                     GTimeZone   *zone,
                                     const char  *source,
                                     GHashTable  *reported);

G_END_DECLS
