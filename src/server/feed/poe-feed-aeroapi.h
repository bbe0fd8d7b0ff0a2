/* poe-feed-aeroapi.h
 *
 * The FlightAware AeroAPI v4 provider.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-feed-provider.h"

G_BEGIN_DECLS

#define POE_FEED_AEROAPI_URL "https://aeroapi.flightaware.com/aeroapi"

#define POE_TYPE_FEED_AEROAPI (poe_feed_aeroapi_get_type ())
G_DECLARE_FINAL_TYPE (PoeFeedAeroapi, poe_feed_aeroapi, POE, FEED_AEROAPI, GObject)

PoeFeedAeroapi *poe_feed_aeroapi_new (const char *base_url,
                                      const char *key);

G_END_DECLS
