/* test-feed-units.c
 *
 * The flight feed's pure parts: the providers' time strings (AeroDataBox's space-separated
 * ones, aviationstack's local times marked +00:00), AeroDataBox's local window across the
 * DST changes, matching by service day and codeshare across a DST change, and the writing
 * rules (never a blank, only real changes, a manual correction stands until the provider
 * reports a newer, different value). Synthetic flights only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "poe-core.h"
#include "poe-feed-aerodatabox.h"
#include "poe-feed-aviationstack.h"
#include "poe-feed-http.h"
#include "poe-feed-match.h"


/*
 * Auxiliary methods
 */

static void
assert_instant (GDateTime  *time,
                const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (time);
  text = poe_time_format_iso8601 (time);
  g_assert_cmpstr (text, ==, expected);
  g_date_time_unref (time);
}

static PoeRecord *
new_flight (const char *carrier,
            const char *number,
            const char *scheduled)
{
  PoeRecord *flight = poe_record_new ("flight");

  poe_record_set_string (flight, "carrier", carrier);
  poe_record_set_string (flight, "number", number);
  poe_record_set_string (flight, "origin", "IST");
  poe_record_set_string (flight, "destination", "JFK");
  poe_record_set_string (flight, "scheduled_arrival", scheduled);
  poe_record_set_string (flight, "status", "scheduled");

  return flight;
}

static PoeFeedFlight *
new_feed_flight (const char *ident,
                 const char *scheduled)
{
  g_autoptr(GDateTime) time = poe_time_parse_iso8601 (scheduled);

  return poe_feed_flight_new ((char []) { ident[0], ident[1], '\0' }, ident + 2, "JFK", time);
}


/*
 * Tests
 */

static void
test_feed_parse_time (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");

  assert_instant (poe_feed_parse_time ("2026-12-07 14:05Z", NULL), "2026-12-07T14:05:00Z");
  assert_instant (poe_feed_parse_time ("2026-12-07 09:05-05:00", NULL), "2026-12-07T14:05:00Z");
  assert_instant (poe_feed_parse_time ("2026-12-07T14:05:00Z", NULL), "2026-12-07T14:05:00Z");
  assert_instant (poe_feed_parse_time ("2026-12-07T09:05:00", new_york), "2026-12-07T14:05:00Z");
  g_assert_null (poe_feed_parse_time ("yesterday", NULL));
  g_assert_null (poe_feed_parse_time ("2026-12-07 25:05Z", NULL));
  g_assert_null (poe_feed_parse_time (NULL, NULL));

  /* aviationstack: wall time of the airport despite "+00:00" */
  assert_instant (poe_feed_aviationstack_rezone ("2026-12-07T09:05:00+00:00", "America/New_York"),
                  "2026-12-07T14:05:00Z");
  assert_instant (poe_feed_aviationstack_rezone ("2026-07-07T09:05:00+00:00", "America/New_York"),
                  "2026-07-07T13:05:00Z");
  g_assert_null (poe_feed_aviationstack_rezone ("2026-12-07T09:05:00+00:00", NULL));
}

static void
test_feed_aerodatabox_dst_window (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  /* spring forward (8 March 2026): 12 h of instants are 13 h of wall time, cut to 12 */
  g_autoptr(GDateTime) spring_from = poe_time_parse_iso8601 ("2026-03-08T01:00:00Z");
  g_autoptr(GDateTime) spring_to = poe_time_parse_iso8601 ("2026-03-08T13:00:00Z");
  /* fall back (1 November 2026): 12 h of instants are 11 h of wall time, kept */
  g_autoptr(GDateTime) fall_from = poe_time_parse_iso8601 ("2026-11-01T02:00:00Z");
  g_autoptr(GDateTime) fall_to = poe_time_parse_iso8601 ("2026-11-01T14:00:00Z");
  PoeFeedWindow spring = { "JFK", new_york, spring_from, spring_to };
  PoeFeedWindow fall = { "JFK", new_york, fall_from, fall_to };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from2 = NULL;
  g_autofree char *to2 = NULL;

  poe_feed_aerodatabox_local_window (&spring, &from, &to);
  g_assert_cmpstr (from, ==, "2026-03-07T20:00");
  g_assert_cmpstr (to, ==, "2026-03-08T08:00");
  poe_feed_aerodatabox_local_window (&fall, &from2, &to2);
  g_assert_cmpstr (from2, ==, "2026-10-31T22:00");
  g_assert_cmpstr (to2, ==, "2026-11-01T09:00");
}

static void
test_feed_match_service_day (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  /* 00:30 EDT on the night the clocks go back */
  g_autoptr(PoeRecord) booked = new_flight ("ZZ", "103", "2026-11-01T04:30:00Z");
  g_autoptr(GPtrArray) flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_feed_flight_free);
  PoeFeedFlight *day_before = new_feed_flight ("XX900", "2026-11-01T03:50:00Z");  /* 23:50 EDT, 31 Oct */
  PoeFeedFlight *next_day = new_feed_flight ("XX900", "2026-11-02T05:30:00Z");    /* 00:30 EST, 2 Nov */
  PoeFeedFlight *same_day = new_feed_flight ("XX900", "2026-11-01T06:30:00Z");     /* 01:30 EST */
  PoeFeedFlight *other = new_feed_flight ("ZZ0104", "2026-11-01T04:30:00Z");

  for (guint i = 0; i < 3; i++)
    {
      PoeFeedFlight *flight = (PoeFeedFlight *[]) { day_before, next_day, same_day }[i];

      flight->codeshares = g_strsplit ("YY 12,ZZ0103", ",", -1);
      g_ptr_array_add (flights, flight);
    }
  g_ptr_array_add (flights, other);

  g_assert_true (poe_feed_match_find (booked, flights, new_york) == same_day);
  g_ptr_array_remove (flights, same_day);
  g_assert_null (poe_feed_match_find (booked, flights, new_york));
  g_assert_cmpstr (other->number, ==, "104");
}

static void
test_feed_match_apply (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_feed_flight_free);
  PoeRecord *booked = new_flight ("ZZ", "101", "2026-12-07T14:05:00Z");
  PoeFeedFlight *flight = new_feed_flight ("ZZ101", "2026-12-07T14:05:00Z");
  GPtrArray *changed;

  poe_record_set_string (booked, "gate", "A1");
  g_ptr_array_add (records, booked);
  g_ptr_array_add (flights, flight);

  /* nothing reported: nothing written, nothing blanked */
  changed = poe_feed_match_apply (records, flights, new_york, "aeroapi", reported);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpstr (poe_record_get_string (booked, "gate"), ==, "A1");
  g_ptr_array_unref (changed);

  /* a new gate and an unknown status word */
  flight->gate = g_strdup ("B1");
  flight->status = "boarding-soon";
  changed = poe_feed_match_apply (records, flights, new_york, "aeroapi", reported);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (poe_record_get_string (booked, "gate"), ==, "B1");
  g_assert_cmpstr (poe_record_get_string (booked, "status"), ==, "scheduled");
  g_assert_cmpstr (poe_record_get_string (booked, "source"), ==, "aeroapi");
  g_ptr_array_unref (changed);

  /* the same again: no change */
  changed = poe_feed_match_apply (records, flights, new_york, "aeroapi", reported);
  g_assert_cmpuint (changed->len, ==, 0);
  g_ptr_array_unref (changed);

  /* a lead corrects the gate: it stands while the provider repeats itself … */
  poe_record_set_string (booked, "gate", "C5");
  poe_record_set_string (booked, "source", "manual");
  changed = poe_feed_match_apply (records, flights, new_york, "aeroapi", reported);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpstr (poe_record_get_string (booked, "gate"), ==, "C5");
  g_ptr_array_unref (changed);

  /* … until it reports a newer, different value */
  g_free (flight->gate);
  flight->gate = g_strdup ("B2");
  changed = poe_feed_match_apply (records, flights, new_york, "aeroapi", reported);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (poe_record_get_string (booked, "gate"), ==, "B2");
  g_assert_cmpstr (poe_record_get_string (booked, "source"), ==, "aeroapi");
  g_ptr_array_unref (changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/feed/parse-time", test_feed_parse_time);
  g_test_add_func ("/server/feed/aerodatabox/dst-window", test_feed_aerodatabox_dst_window);
  g_test_add_func ("/server/feed/match/service-day", test_feed_match_service_day);
  g_test_add_func ("/server/feed/match/apply", test_feed_match_apply);

  return g_test_run ();
}
