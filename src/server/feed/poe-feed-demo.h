/* poe-feed-demo.h
 *
 * The demo flight data provider of poe-central --demo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-core.h"
#include "poe-feed-provider.h"

G_BEGIN_DECLS

#define POE_TYPE_FEED_DEMO (poe_feed_demo_get_type ())
G_DECLARE_FINAL_TYPE (PoeFeedDemo, poe_feed_demo, POE, FEED_DEMO, GObject)

PoeFeedDemo *poe_feed_demo_new          (GPtrArray   *records,
                                         double       clock_speed);
GStrv        poe_feed_demo_dup_airports (PoeFeedDemo *self);

G_END_DECLS
