/* poe-feed-policy.c
 *
 * The polling policy of the flight feed. Providers charge per request and one request
 * answers a whole airport window, so an airport is polled every hot interval (2 minutes by
 * default) while one of its expected flights is within two hours of its estimate (90
 * minutes, and a margin for an estimate that moves earlier) and not yet at the gate, every cold interval (an hour) while it has flights further out, and not
 * at all once every flight is done: at the gate, cancelled, diverted, landed an hour ago,
 * or six hours past its estimate with nothing reported.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-policy.h"

#define LANDED_GRACE   (60 * G_TIME_SPAN_MINUTE)
#define GIVE_UP_AFTER  (6 * G_TIME_SPAN_HOUR)


/*
 * Auxiliary methods
 */

static gint64
time_of (PoeRecord  *flight,
         const char *field)
{
  g_autoptr(GDateTime) time = poe_record_dup_time (flight, field);

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

static gint64
estimate_of (PoeRecord *flight)
{
  gint64 estimated = time_of (flight, "estimated_arrival");

  return estimated != 0 ? estimated : time_of (flight, "scheduled_arrival");
}


/*
 * Public API
 */

/**
 * poe_feed_policy_is_active:
 *
 * Returns: whether the feed should still follow @flight at @now (µs since the epoch)
 */
gboolean
poe_feed_policy_is_active (PoeRecord *flight,
                           gint64     now)
{
  const char *status = poe_record_get_string (flight, "status");
  gint64 actual = time_of (flight, "actual_arrival");

  if (poe_record_get_deleted (flight) ||
      g_strv_contains ((const char * const[]) { "arrived", "cancelled", "diverted", NULL },
                       status != NULL ? status : ""))
    return FALSE;

  if (poe_record_is_set (flight, "gate_arrival"))
    return FALSE;

  if (actual != 0)
    return now < actual + LANDED_GRACE;

  return now < estimate_of (flight) + GIVE_UP_AFTER;
}

/**
 * poe_feed_policy_next_poll:
 * @flights: the expected flights (#PoeRecord) of one airport
 *
 * Returns: when to poll the airport next (µs since the epoch), or 0 for never (no flight
 *   is active); @now itself when a poll is due now
 */
gint64
poe_feed_policy_next_poll (GPtrArray *flights,
                           gint64     now,
                           gint64     hot_interval,
                           gint64     cold_interval)
{
  gint64 next = 0;

  for (guint i = 0; i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      gint64 hot_from;
      gint64 due;

      if (!poe_feed_policy_is_active (flight, now))
        continue;

      hot_from = estimate_of (flight) - POE_FEED_HOT_BEFORE;
      due = now >= hot_from ? now + hot_interval : MIN (hot_from, now + cold_interval);
      next = next == 0 ? due : MIN (next, due);
    }

  return next;
}
