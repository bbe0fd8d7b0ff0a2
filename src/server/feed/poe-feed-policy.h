/* poe-feed-policy.h
 *
 * When to poll an airport next: often while one of its expected flights matters, rarely
 * otherwise, never for a flight that is done. Pure functions, so poe-bench can replay a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-core.h"

G_BEGIN_DECLS

/* Polled often from two hours before the estimate: the board needs a flight fresh from 90
 * minutes before its arrival, and an estimate that moves earlier while the flight is
 * polled rarely would otherwise be seen late. */
#define POE_FEED_HOT_BEFORE   (120 * G_TIME_SPAN_MINUTE)
#define POE_FEED_HOT_INTERVAL (2 * G_TIME_SPAN_MINUTE)
#define POE_FEED_COLD_INTERVAL (60 * G_TIME_SPAN_MINUTE)

gboolean poe_feed_policy_is_active (PoeRecord *flight,
                                    gint64     now);
gint64   poe_feed_policy_next_poll (GPtrArray *flights,
                                    gint64     now,
                                    gint64     hot_interval,
                                    gint64     cold_interval);

G_END_DECLS
