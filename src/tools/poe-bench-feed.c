/* poe-bench-feed.c
 *
 * feed.requests_per_day: poe-central's polling policy (src/server/feed/poe-feed-policy.c,
 * compiled in) replayed over a realistic day on a simulated clock. One POE expects 30
 * flights with families, scheduled from 05:00 to 23:00 local; a third announce a delay two
 * hours out, some an earlier estimate, one is cancelled and one diverted; each lands on its
 * estimate and is at the gate 10 minutes later. Every poll is AeroAPI's two requests
 * (arrivals + scheduled_arrivals, one page each), answered in 2 seconds with the truth of
 * that moment. Prints the requests of the day (target < 1,500) and, as extra members, the
 * worst staleness of a flight within 90 minutes of its arrival (must stay ≤ 3 minutes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include "poe-bench-feed.h"
#include "poe-bench-util.h"
#include "poe-feed-policy.h"

#define N_FLIGHTS          30
#define REQUESTS_PER_POLL  2
#define ANSWER_US          (2 * G_USEC_PER_SEC)
#define STEP_US            (10 * G_USEC_PER_SEC)
#define MINUTE             G_TIME_SPAN_MINUTE
#define TARGET_REQUESTS    1500
#define TARGET_STALE_MIN   3.0

typedef struct
{
  gint64      scheduled;
  gint64      estimate_first;   /* the estimate until announced */
  gint64      estimate_final;
  gint64      announced;        /* when the final estimate is known */
  const char *end;              /* NULL, "cancelled" or "diverted" */
  PoeRecord  *record;           /* what the POE's flight says, last poll's truth */
  gint64      fresh_at;         /* when its record was last brought up to date */
} SimFlight;


/*
 * Auxiliary methods
 */

static gint64
estimate_at (SimFlight *flight,
             gint64     now)
{
  return now >= flight->announced ? flight->estimate_final : flight->estimate_first;
}

static void
set_time (PoeRecord  *record,
          const char *field,
          gint64      usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  poe_record_set_time (record, field, time);
}

/* The provider's truth at @now, written to the record. */
static void
refresh (SimFlight *flight,
         gint64     now)
{
  gint64 estimate = estimate_at (flight, now);

  flight->fresh_at = now;
  if (flight->end != NULL && now >= flight->scheduled - 120 * MINUTE)
    {
      poe_record_set_string (flight->record, "status", flight->end);
      return;
    }

  set_time (flight->record, "estimated_arrival", estimate);
  if (now >= estimate + 10 * MINUTE)
    {
      set_time (flight->record, "actual_arrival", estimate);
      set_time (flight->record, "gate_arrival", estimate + 10 * MINUTE);
      poe_record_set_string (flight->record, "status", "arrived");
    }
  else if (now >= estimate)
    {
      set_time (flight->record, "actual_arrival", estimate);
      poe_record_set_string (flight->record, "status", "landed");
    }
}

/* Whether the board needs @flight fresh at @now: within 90 minutes of its (true) arrival
 * and not yet shown at the gate, cancelled or diverted (final states cannot go stale). */
static gboolean
needs_fresh (SimFlight *flight,
             gint64     now)
{
  const char *status = poe_record_get_string (flight->record, "status");
  gint64 estimate = estimate_at (flight, now);

  if (g_strv_contains ((const char * const[]) { "arrived", "cancelled", "diverted", NULL }, status))
    return FALSE;

  return now >= estimate - 90 * MINUTE;
}

static void
plan_day (SimFlight *flights,
          gint64     midnight)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  for (guint i = 0; i < N_FLIGHTS; i++)
    {
      SimFlight *flight = &flights[i];
      gint64 scheduled = midnight + (5 * 60 + (gint64) i * 36 + g_rand_int_range (rand, -15, 16)) * MINUTE;
      int kind = g_rand_int_range (rand, 0, 6);

      flight->scheduled = scheduled;
      flight->estimate_first = scheduled;
      flight->estimate_final = scheduled + (kind < 2 ? g_rand_int_range (rand, 20, 180) :
                                            kind == 2 ? -g_rand_int_range (rand, 5, 25) : 0) * MINUTE;
      flight->announced = scheduled - 120 * MINUTE;
      flight->end = i == 7 ? "cancelled" : i == 19 ? "diverted" : NULL;
      flight->record = poe_record_new ("flight");
      set_time (flight->record, "scheduled_arrival", scheduled);
      poe_record_set_string (flight->record, "status", "scheduled");
    }
}


/*
 * Public API
 */

gboolean
poe_bench_feed_run (gboolean             quick,
                    const char * const  *filters,
                    GError             **error)
{
  const char *name = "feed.requests_per_day";
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autofree char *extra = NULL;
  SimFlight flights[N_FLIGHTS] = { 0 };
  gint64 midnight = (gint64) 1796601600 * G_USEC_PER_SEC;  /* 2026-12-07T00:00Z, as local */
  gint64 due = midnight, answer_at = 0, worst_stale = 0;
  guint requests = 0, polls = 0;
  char stale_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!poe_bench_wanted (filters, name))
    return TRUE;

  plan_day (flights, midnight);
  for (guint i = 0; i < N_FLIGHTS; i++)
    g_ptr_array_add (records, flights[i].record);

  for (gint64 now = midnight; now < midnight + 30 * G_TIME_SPAN_HOUR; now += STEP_US)
    {
      if (answer_at != 0 && now >= answer_at)
        {
          for (guint i = 0; i < N_FLIGHTS; i++)
            refresh (&flights[i], answer_at - ANSWER_US);
          due = poe_feed_policy_next_poll (records, answer_at, POE_FEED_HOT_INTERVAL, POE_FEED_COLD_INTERVAL);
          due = due != 0 ? due : answer_at + POE_FEED_HOT_INTERVAL;  /* nothing to follow: look again, no request */
          answer_at = 0;
        }
      else if (answer_at == 0 && now >= due)
        {
          if (poe_feed_policy_next_poll (records, now, POE_FEED_HOT_INTERVAL, POE_FEED_COLD_INTERVAL) != 0)
            answer_at = now + ANSWER_US, requests += REQUESTS_PER_POLL, polls++;
          else
            due = now + POE_FEED_HOT_INTERVAL;
        }

      for (guint i = 0; i < N_FLIGHTS; i++)
        if (needs_fresh (&flights[i], now))
          worst_stale = MAX (worst_stale, now - flights[i].fresh_at);
    }

  for (guint i = 0; i < N_FLIGHTS; i++)
    g_object_unref (flights[i].record);

  g_ascii_formatd (stale_text, sizeof stale_text, "%.2f", (double) worst_stale / MINUTE);
  extra = g_strdup_printf ("\"polls\": %u, \"flights\": %u, \"worst_stale_min\": %s, \"stale_target_min\": %.0f",
                           polls, N_FLIGHTS, stale_text, TARGET_STALE_MIN);
  poe_bench_print_figure (name, requests, "requests", TARGET_REQUESTS, extra);

  return TRUE;
}
