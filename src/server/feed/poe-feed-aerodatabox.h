/* poe-feed-aerodatabox.h
 *
 * The AeroDataBox provider (through RapidAPI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-feed-provider.h"

G_BEGIN_DECLS

#define POE_FEED_AERODATABOX_URL  "https://aerodatabox.p.rapidapi.com"
#define POE_FEED_AERODATABOX_HOST "aerodatabox.p.rapidapi.com"

#define POE_TYPE_FEED_AERODATABOX (poe_feed_aerodatabox_get_type ())
G_DECLARE_FINAL_TYPE (PoeFeedAerodatabox, poe_feed_aerodatabox, POE, FEED_AERODATABOX, GObject)

PoeFeedAerodatabox *poe_feed_aerodatabox_new         (const char *base_url,
                                                      const char *key);
void                poe_feed_aerodatabox_local_window (const PoeFeedWindow *window,
                                                      char               **from,
                                                      char               **to);

G_END_DECLS
