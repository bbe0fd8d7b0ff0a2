/* test-risk.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-core.h"

/* For slack and gap: the result has none. */
#define NONE G_MININT

/* Times are "HH:MM" or "HH:MM:SS" in UTC on 24 November 2026, NULL when unknown. Unless a
 * row says otherwise the default buffers apply: a family of n persons with nothing done
 * needs 15 + 20 + 3n + 25 + 15 + 25 + 15 = 115 + 3n minutes. */
typedef struct
{
  const char *name;
  const char *inbound_scheduled;
  const char *inbound_estimated;
  const char *inbound_actual;
  const char *onward_scheduled;
  const char *onward_estimated;
  const char *now;
  gboolean    inbound_cancelled;
  gboolean    no_onward;
  gboolean    onward_cancelled;
  guint       n_persons;
  guint       n_in_secondary;
  guint       n_wheelchair;
  guint       n_medical;
  guint       n_cbp_cleared;
  gboolean    met;
  gboolean    bags_claimed;
  gboolean    bags_rechecked;
  gboolean    tsa_cleared;
  gboolean    at_gate;
  gboolean    boarded;
  struct {
    PoeRiskLevel level;
    guint        drivers;
    const char  *basis;
    int          processing;
    const char  *ready;
    const char  *departure;
    int          slack;
    int          gap;
  } expect;
} ComputeCase;

static const ComputeCase compute_cases[] = {
  /* On time, from the schedule */
  { .name = "on-time", .inbound_scheduled = "14:00", .onward_scheduled = "17:00", .now = "12:00",
    .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 127, "16:07", "17:00", 53, 180 } },
  { .name = "on-time-amber", .inbound_scheduled = "14:00", .onward_scheduled = "16:30",
    .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_TIGHT_CONNECTION, "scheduled", 127, "16:07",
                "16:30", 23, 150 } },
  { .name = "on-time-red", .inbound_scheduled = "14:00", .onward_scheduled = "15:50",
    .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_TIGHT_CONNECTION, "scheduled", 127, "16:07",
                "15:50", -17, 110 } },
  { .name = "margin-exact", .inbound_scheduled = "14:00", .onward_scheduled = "16:37",
    .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 127, "16:07", "16:37", 30, 157 } },
  { .name = "margin-one-under", .inbound_scheduled = "14:00", .onward_scheduled = "16:36",
    .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_TIGHT_CONNECTION, "scheduled", 127, "16:07",
                "16:36", 29, 156 } },
  { .name = "no-members-yet", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .n_persons = 0,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 115, "15:55", "17:00", 65, 180 } },

  /* Inbound delays, and which arrival time counts */
  { .name = "delayed-amber", .inbound_scheduled = "14:00", .inbound_estimated = "14:30",
    .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_INBOUND_DELAYED, "estimated", 127, "16:37",
                "17:00", 23, 180 } },
  { .name = "delayed-red", .inbound_scheduled = "14:00", .inbound_estimated = "15:00",
    .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_INBOUND_DELAYED, "estimated", 127, "17:07",
                "17:00", -7, 180 } },
  { .name = "delay-under-threshold", .inbound_scheduled = "14:00", .inbound_estimated = "14:14",
    .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "estimated", 127, "16:21", "17:00", 39, 180 } },
  { .name = "delay-at-threshold", .inbound_scheduled = "14:00", .inbound_estimated = "14:15",
    .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_INBOUND_DELAYED, "estimated", 127, "16:22",
                "17:00", 38, 180 } },
  { .name = "early", .inbound_scheduled = "14:00", .inbound_estimated = "13:40",
    .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "estimated", 127, "15:47", "17:00", 73, 180 } },
  { .name = "actual-beats-estimated", .inbound_scheduled = "14:00", .inbound_estimated = "14:40",
    .inbound_actual = "14:10", .onward_scheduled = "17:00", .now = "14:10", .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "actual", 127, "16:17", "17:00", 43, 180 } },
  { .name = "actual-later-than-estimated", .inbound_scheduled = "14:00",
    .inbound_estimated = "14:05", .inbound_actual = "14:20", .onward_scheduled = "17:00",
    .now = "14:20", .n_persons = 4,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_INBOUND_DELAYED, "actual", 127, "16:27",
                "17:00", 33, 180 } },

  /* CBP secondary, wheelchair and medical */
  { .name = "secondary", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "14:00", .n_persons = 4, .n_in_secondary = 1,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_CBP_SECONDARY, "scheduled", 187, "17:07", "17:00",
                -7, 180 } },
  { .name = "secondary-others-cleared", .inbound_scheduled = "14:00",
    .onward_scheduled = "17:00", .now = "14:30", .n_persons = 4, .n_in_secondary = 1,
    .n_cbp_cleared = 3, .met = TRUE,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_CBP_SECONDARY, "scheduled", 143, "16:53",
                "17:00", 7, 180 } },
  { .name = "wheelchair", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .n_persons = 1, .n_wheelchair = 1,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_PRM, "scheduled", 138, "16:18", "17:00", 42,
                180 } },
  { .name = "medical", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .n_persons = 1, .n_medical = 1,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_MEDICAL, "scheduled", 133, "16:13", "17:00", 47,
                180 } },
  { .name = "wheelchair-and-medical", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .n_persons = 2, .n_wheelchair = 1, .n_medical = 1,
    .expect = { POE_RISK_AMBER,
                POE_RISK_DRIVER_PRM | POE_RISK_DRIVER_MEDICAL | POE_RISK_DRIVER_TIGHT_CONNECTION,
                "scheduled", 156, "16:36", "17:00", 24, 180 } },

  /* Steps already done, with the family landed: what is left counts from now */
  { .name = "landed-nothing-done", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "15:00", .n_persons = 4,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_BEHIND_SCHEDULE, "scheduled", 127, "17:07",
                "17:00", -7, 180 } },
  { .name = "met-before-stale-estimate", .inbound_scheduled = "14:00",
    .inbound_estimated = "14:30", .onward_scheduled = "17:00", .now = "14:10", .n_persons = 4,
    .met = TRUE,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_INBOUND_DELAYED, "estimated", 112, "16:02",
                "17:00", 58, 180 } },
  { .name = "secondary-before-stale-estimate", .inbound_scheduled = "14:00",
    .inbound_estimated = "14:30", .onward_scheduled = "17:00", .now = "14:20", .n_persons = 4,
    .n_in_secondary = 1,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_INBOUND_DELAYED | POE_RISK_DRIVER_CBP_SECONDARY,
                "estimated", 187, "17:27", "17:00", -27, 180 } },
  { .name = "cbp-cleared", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "15:00", .n_persons = 4, .n_cbp_cleared = 4, .met = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 80, "16:20", "17:00", 40, 180 } },
  { .name = "cbp-cleared-count-above-persons", .inbound_scheduled = "14:00",
    .onward_scheduled = "17:00", .now = "15:00", .n_persons = 4, .n_cbp_cleared = 5,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 80, "16:20", "17:00", 40, 180 } },
  { .name = "cbp-cleared-late", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "15:15", .n_persons = 4, .n_cbp_cleared = 4, .met = TRUE,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_BEHIND_SCHEDULE, "scheduled", 80, "16:35",
                "17:00", 25, 180 } },
  { .name = "bags-claimed", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "15:10", .n_persons = 4, .n_cbp_cleared = 4, .met = TRUE, .bags_claimed = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 55, "16:05", "17:00", 55, 180 } },
  { .name = "bags-claimed-member-in-secondary", .inbound_scheduled = "14:00",
    .onward_scheduled = "17:00", .now = "15:10", .n_persons = 4, .n_in_secondary = 1,
    .n_cbp_cleared = 3, .met = TRUE, .bags_claimed = TRUE,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_CBP_SECONDARY, "scheduled", 118, "17:08", "17:00",
                -8, 180 } },
  { .name = "bags-rechecked", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "15:20", .n_persons = 4, .n_wheelchair = 1, .bags_rechecked = TRUE,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_PRM, "scheduled", 60, "16:20", "17:00", 40,
                180 } },
  { .name = "tsa-cleared", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "15:40", .n_persons = 4, .n_wheelchair = 1, .n_medical = 1, .tsa_cleared = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 15, "15:55", "17:00", 65, 180 } },
  { .name = "at-gate", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "16:00", .n_persons = 4, .n_wheelchair = 1, .at_gate = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 0, "16:00", "17:00", 60, 180 } },
  { .name = "at-gate-short-gap", .inbound_scheduled = "14:00", .onward_scheduled = "15:00",
    .now = "14:50", .n_persons = 4, .at_gate = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 0, "14:50", "15:00", 10, 60 } },
  { .name = "at-gate-last-second", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "16:59:30", .n_persons = 4, .at_gate = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 0, "16:59:30", "17:00", 0, 180 } },
  { .name = "at-gate-departed", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "17:00:30", .n_persons = 4, .at_gate = TRUE,
    .expect = { POE_RISK_MISSED, POE_RISK_DRIVER_DEPARTED, "scheduled", 0, "17:00:30", "17:00", -1, 180 } },

  /* Missed: the departure has passed without "Departure confirmed"; on board it is made. */
  { .name = "departed-in-cbp", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "17:00", .n_persons = 4, .n_in_secondary = 1, .met = TRUE,
    .expect = { POE_RISK_MISSED, POE_RISK_DRIVER_DEPARTED, "scheduled", 172, "19:52", "17:00", -172, 180 } },
  { .name = "departed-estimate", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .onward_estimated = "17:30", .now = "17:10", .n_persons = 4, .n_cbp_cleared = 4, .met = TRUE,
    .bags_claimed = TRUE, .bags_rechecked = TRUE, .tsa_cleared = TRUE,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_BEHIND_SCHEDULE | POE_RISK_DRIVER_ONWARD_DELAYED, "scheduled", 15, "17:25", "17:30", 5, 180 } },
  { .name = "boarded", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "18:00", .n_persons = 4, .at_gate = TRUE, .boarded = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 0, "18:00", "17:00", -60, 180 } },

  /* The minimum connection time */
  { .name = "short-mct", .inbound_scheduled = "14:00", .onward_scheduled = "15:20",
    .now = "14:30", .n_persons = 1, .tsa_cleared = TRUE,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_SHORT_MCT, "scheduled", 15, "14:45", "15:20", 35,
                80 } },
  { .name = "mct-one-under", .inbound_scheduled = "14:00", .onward_scheduled = "15:29",
    .now = "14:30", .n_persons = 1, .tsa_cleared = TRUE,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_SHORT_MCT, "scheduled", 15, "14:45", "15:29", 44,
                89 } },
  { .name = "mct-exact", .inbound_scheduled = "14:00", .onward_scheduled = "15:30",
    .now = "14:30", .n_persons = 1, .tsa_cleared = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 15, "14:45", "15:30", 45, 90 } },

  /* Missing times */
  { .name = "missing-onward", .inbound_scheduled = "14:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_UNKNOWN, POE_RISK_DRIVER_MISSING_ONWARD_TIME, "scheduled", 127,
                "16:07", NULL, NONE, NONE } },
  { .name = "missing-onward-scheduled", .inbound_scheduled = "14:00",
    .onward_estimated = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_UNKNOWN, POE_RISK_DRIVER_MISSING_ONWARD_TIME, "scheduled", 127,
                "16:07", "17:00", 53, NONE } },
  { .name = "missing-onward-scheduled-red", .inbound_scheduled = "14:00",
    .onward_estimated = "16:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_MISSING_ONWARD_TIME, "scheduled", 127, "16:07",
                "16:00", -7, NONE } },
  { .name = "missing-inbound", .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_UNKNOWN, POE_RISK_DRIVER_MISSING_INBOUND_TIME, NULL, 127, NULL,
                "17:00", NONE, NONE } },
  { .name = "missing-inbound-scheduled", .inbound_estimated = "14:00",
    .onward_scheduled = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_UNKNOWN, POE_RISK_DRIVER_MISSING_INBOUND_TIME, "estimated", 127,
                "16:07", "17:00", 53, NONE } },
  { .name = "no-onward", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .no_onward = TRUE, .onward_cancelled = TRUE, .n_persons = 4,
    .expect = { POE_RISK_NONE, 0, NULL, 0, NULL, NULL, NONE, NONE } },

  /* Cancellations */
  { .name = "inbound-cancelled", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .inbound_cancelled = TRUE, .n_persons = 4, .n_in_secondary = 1,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_INBOUND_CANCELLED, NULL, 0, NULL, NULL, NONE,
                NONE } },
  { .name = "both-cancelled", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .inbound_cancelled = TRUE, .onward_cancelled = TRUE, .n_persons = 4,
    .expect = { POE_RISK_RED,
                POE_RISK_DRIVER_INBOUND_CANCELLED | POE_RISK_DRIVER_ONWARD_CANCELLED, NULL, 0,
                NULL, NULL, NONE, NONE } },
  { .name = "onward-cancelled", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .now = "12:00", .onward_cancelled = TRUE, .n_persons = 4, .n_wheelchair = 1,
    .expect = { POE_RISK_RED, POE_RISK_DRIVER_ONWARD_CANCELLED, "scheduled", 147, "16:27", NULL,
                NONE, NONE } },

  /* The onward estimate */
  { .name = "onward-delayed", .inbound_scheduled = "14:00", .onward_scheduled = "16:30",
    .onward_estimated = "17:00", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_ONWARD_DELAYED, "scheduled", 127, "16:07",
                "17:00", 53, 150 } },
  { .name = "onward-delayed-little", .inbound_scheduled = "14:00", .onward_scheduled = "16:30",
    .onward_estimated = "16:40", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 127, "16:07", "16:40", 33, 150 } },
  { .name = "onward-earlier", .inbound_scheduled = "14:00", .onward_scheduled = "17:00",
    .onward_estimated = "16:50", .now = "12:00", .n_persons = 4,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 127, "16:07", "16:50", 43, 180 } },

  /* Large families */
  { .name = "large-family", .inbound_scheduled = "14:00", .onward_scheduled = "18:00",
    .now = "12:00", .n_persons = 8,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_LARGE_FAMILY, "scheduled", 139, "16:19",
                "18:00", 101, 240 } },
  { .name = "large-family-amber", .inbound_scheduled = "14:00", .onward_scheduled = "16:45",
    .now = "12:00", .n_persons = 8,
    .expect = { POE_RISK_AMBER, POE_RISK_DRIVER_LARGE_FAMILY | POE_RISK_DRIVER_TIGHT_CONNECTION,
                "scheduled", 139, "16:19", "16:45", 26, 165 } },
  { .name = "family-of-six", .inbound_scheduled = "14:00", .onward_scheduled = "18:00",
    .now = "12:00", .n_persons = 6,
    .expect = { POE_RISK_GREEN, POE_RISK_DRIVER_LARGE_FAMILY, "scheduled", 133, "16:13",
                "18:00", 107, 240 } },
  { .name = "family-of-five", .inbound_scheduled = "14:00", .onward_scheduled = "18:00",
    .now = "12:00", .n_persons = 5,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 130, "16:10", "18:00", 110, 240 } },
  { .name = "large-family-cleared", .inbound_scheduled = "14:00", .onward_scheduled = "18:00",
    .now = "15:00", .n_persons = 8, .n_cbp_cleared = 8, .met = TRUE,
    .expect = { POE_RISK_GREEN, 0, "scheduled", 80, "16:20", "18:00", 100, 240 } },
};

typedef struct
{
  const char *json;
  int         code;
} BadBuffersCase;

static const BadBuffersCase bad_buffers_cases[] = {
  { "{\"mct\": 90}", POE_RISK_ERROR_UNKNOWN_BUFFER },
  { "{\"tsa\": 40, \"Walk\": 10}", POE_RISK_ERROR_UNKNOWN_BUFFER },
  { "{\"tsa\": -5}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": 40, \"walk\": -1}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": 1441}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": 99999999999}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": 25.5}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": 25.0}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": \"25\"}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": true}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": null}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": [25]}", POE_RISK_ERROR_INVALID_BUFFER },
  { "{\"tsa\": {\"minutes\": 25}}", POE_RISK_ERROR_INVALID_BUFFER },
  { "[{\"tsa\": 25}]", POE_RISK_ERROR_INVALID_JSON },
  { "90", POE_RISK_ERROR_INVALID_JSON },
  { "null", POE_RISK_ERROR_INVALID_JSON },
  { "\"tsa\"", POE_RISK_ERROR_INVALID_JSON },
  { "", POE_RISK_ERROR_INVALID_JSON },
  { "{\"tsa\": 25", POE_RISK_ERROR_INVALID_JSON },
  { "tsa=25", POE_RISK_ERROR_INVALID_JSON },
};

static GDateTime *
at (const char *time)
{
  g_autofree char *iso = NULL;

  if (time == NULL)
    return NULL;

  iso = g_strdup_printf ("2026-11-24T%s%sZ", time, strlen (time) == 5 ? ":00" : "");
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
assert_time (GDateTime  *actual,
             const char *expected)
{
  g_autoptr(GDateTime) want = at (expected);
  g_autoptr(GDateTime) actual_utc = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *want_text = NULL;

  if (want == NULL)
    {
      g_assert_null (actual);
      return;
    }

  g_assert_nonnull (actual);
  actual_utc = g_date_time_to_utc (actual);
  actual_text = g_date_time_format_iso8601 (actual_utc);
  want_text = g_date_time_format_iso8601 (want);
  g_assert_cmpstr (actual_text, ==, want_text);
}

static void
assert_minutes (gboolean known,
                int      minutes,
                int      expected)
{
  if (expected == NONE)
    {
      g_assert_false (known);
      g_assert_cmpint (minutes, ==, 0);
    }
  else
    {
      g_assert_true (known);
      g_assert_cmpint (minutes, ==, expected);
    }
}

static void
assert_drivers (guint actual,
                guint expected)
{
  g_autofree char *actual_words = poe_risk_describe_drivers (actual);
  g_autofree char *expected_words = poe_risk_describe_drivers (expected);

  g_assert_cmpstr (actual_words, ==, expected_words);
  g_assert_cmphex (actual, ==, expected);
}

static void
test_compute (gconstpointer data)
{
  const ComputeCase *c = data;
  g_autoptr(GDateTime) inbound_scheduled = at (c->inbound_scheduled);
  g_autoptr(GDateTime) inbound_estimated = at (c->inbound_estimated);
  g_autoptr(GDateTime) inbound_actual = at (c->inbound_actual);
  g_autoptr(GDateTime) onward_scheduled = at (c->onward_scheduled);
  g_autoptr(GDateTime) onward_estimated = at (c->onward_estimated);
  g_autoptr(GDateTime) now = at (c->now);
  g_auto(PoeRiskResult) result = { 0 };
  const char *arrival = NULL;
  PoeRiskBuffers buffers;
  PoeRiskInput input = {
    .now = now,
    .inbound_scheduled = inbound_scheduled,
    .inbound_estimated = inbound_estimated,
    .inbound_actual = inbound_actual,
    .inbound_cancelled = c->inbound_cancelled,
    .has_onward = !c->no_onward,
    .onward_scheduled_departure = onward_scheduled,
    .onward_estimated_departure = onward_estimated,
    .onward_cancelled = c->onward_cancelled,
    .n_persons = c->n_persons,
    .n_in_secondary = c->n_in_secondary,
    .n_wheelchair = c->n_wheelchair,
    .n_medical = c->n_medical,
    .n_cbp_cleared = c->n_cbp_cleared,
    .met = c->met,
    .bags_claimed = c->bags_claimed,
    .bags_rechecked = c->bags_rechecked,
    .tsa_cleared = c->tsa_cleared,
    .at_gate = c->at_gate,
    .boarded = c->boarded,
  };

  poe_risk_buffers_init_default (&buffers);
  poe_risk_compute (&input, &buffers, &result);

  g_assert_cmpstr (poe_risk_level_to_string (result.level), ==,
                   poe_risk_level_to_string (c->expect.level));
  assert_drivers (result.drivers, c->expect.drivers);
  g_assert_cmpstr (result.arrival_basis, ==, c->expect.basis);
  g_assert_cmpint (result.processing_minutes, ==, c->expect.processing);
  assert_minutes (result.has_slack, result.slack_minutes, c->expect.slack);
  assert_minutes (result.has_scheduled_gap, result.scheduled_gap_minutes, c->expect.gap);
  assert_time (result.ready, c->expect.ready);
  assert_time (result.departure, c->expect.departure);

  if (g_strcmp0 (c->expect.basis, "actual") == 0)
    arrival = c->inbound_actual;
  else if (g_strcmp0 (c->expect.basis, "estimated") == 0)
    arrival = c->inbound_estimated;
  else if (g_strcmp0 (c->expect.basis, "scheduled") == 0)
    arrival = c->inbound_scheduled;
  assert_time (result.arrival, arrival);
}

static void
compute_dst (GDateTime     *inbound,
             GDateTime     *onward,
             GDateTime     *now,
             PoeRiskResult *result)
{
  PoeRiskBuffers buffers;
  PoeRiskInput input = {
    .now = now,
    .inbound_scheduled = inbound,
    .has_onward = TRUE,
    .onward_scheduled_departure = onward,
    .n_persons = 1,
    .n_cbp_cleared = 1,
    .met = TRUE,
    .bags_claimed = TRUE,
    .bags_rechecked = TRUE,
    .tsa_cleared = TRUE,
  };

  poe_risk_buffers_init_default (&buffers);
  poe_risk_compute (&input, &buffers, result);
}

static void
test_dst_fall_back (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) edt = g_time_zone_new_identifier ("-04:00");
  g_autoptr(GTimeZone) est = g_time_zone_new_identifier ("-05:00");
  g_autoptr(GDateTime) inbound_edt = NULL;
  g_autoptr(GDateTime) onward_est = NULL;
  g_autoptr(GDateTime) inbound = NULL;
  g_autoptr(GDateTime) onward = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_auto(PoeRiskResult) result = { 0 };

  g_assert_nonnull (new_york);

  /* On 1 November 2026 New York lives 01:00–02:00 twice, first in EDT and then in EST, so
   * g_date_time_new (new_york, …) cannot say which 01:20 is meant: each time is built at its
   * offset, then moved to New York time. The wall clock shows 30 minutes; 90 pass. */
  inbound_edt = g_date_time_new (edt, 2026, 11, 1, 1, 20, 0);
  onward_est = g_date_time_new (est, 2026, 11, 1, 1, 50, 0);
  inbound = g_date_time_to_timezone (inbound_edt, new_york);
  onward = g_date_time_to_timezone (onward_est, new_york);
  g_assert_cmpint (g_date_time_get_hour (inbound), ==, 1);
  g_assert_cmpint (g_date_time_get_minute (inbound), ==, 20);
  g_assert_true (g_date_time_is_daylight_savings (inbound));
  g_assert_cmpint (g_date_time_get_hour (onward), ==, 1);
  g_assert_cmpint (g_date_time_get_minute (onward), ==, 50);
  g_assert_false (g_date_time_is_daylight_savings (onward));

  /* Through TSA one hour after gate-in, at 01:20 EST: a 15-minute walk to the gate. */
  now = g_date_time_add_minutes (inbound, 60);
  compute_dst (inbound, onward, now, &result);

  g_assert_cmpint (result.scheduled_gap_minutes, ==, 90);
  g_assert_cmpint (result.processing_minutes, ==, 15);
  g_assert_cmpint (result.slack_minutes, ==, 15);
  g_assert_cmpint (result.level, ==, POE_RISK_AMBER);
  g_assert_cmphex (result.drivers, ==, POE_RISK_DRIVER_TIGHT_CONNECTION);
  g_assert_cmpint (g_date_time_get_hour (result.ready), ==, 1);
  g_assert_cmpint (g_date_time_get_minute (result.ready), ==, 35);
  g_assert_false (g_date_time_is_daylight_savings (result.ready));
}

static void
test_dst_spring_forward (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) inbound = NULL;
  g_autoptr(GDateTime) onward = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_auto(PoeRiskResult) result = { 0 };

  g_assert_nonnull (new_york);

  /* On 8 March 2026 02:00 EST becomes 03:00 EDT: 01:30 to 03:30 reads two hours on the wall
   * but is one, under the 90-minute minimum connection time. */
  inbound = g_date_time_new (new_york, 2026, 3, 8, 1, 30, 0);
  onward = g_date_time_new (new_york, 2026, 3, 8, 3, 30, 0);
  now = g_date_time_add_minutes (inbound, 20);
  compute_dst (inbound, onward, now, &result);

  g_assert_cmpint (result.scheduled_gap_minutes, ==, 60);
  g_assert_cmpint (result.slack_minutes, ==, 25);
  /* At the gate before the departure: tight, not at risk. */
  g_assert_cmpint (result.level, ==, POE_RISK_AMBER);
  g_assert_cmphex (result.drivers, ==, POE_RISK_DRIVER_SHORT_MCT);
}

static void
test_buffers_defaults (void)
{
  PoeRiskBuffers buffers;

  memset (&buffers, 0xff, sizeof buffers);
  poe_risk_buffers_init_default (&buffers);

  g_assert_cmpint (buffers.disembark, ==, 15);
  g_assert_cmpint (buffers.cbp_base, ==, 20);
  g_assert_cmpint (buffers.cbp_per_person, ==, 3);
  g_assert_cmpint (buffers.cbp_secondary, ==, 60);
  g_assert_cmpint (buffers.bags, ==, 25);
  g_assert_cmpint (buffers.recheck, ==, 15);
  g_assert_cmpint (buffers.tsa, ==, 25);
  g_assert_cmpint (buffers.walk, ==, 15);
  g_assert_cmpint (buffers.prm, ==, 20);
  g_assert_cmpint (buffers.medical, ==, 15);
  g_assert_cmpint (buffers.min_connection, ==, 90);
  g_assert_cmpint (buffers.amber_margin, ==, 30);
}

static void
test_buffers_json_good (void)
{
  g_autoptr(GError) error = NULL;
  PoeRiskBuffers buffers;
  PoeRiskBuffers defaults;

  poe_risk_buffers_init_default (&defaults);

  /* Every key lands in its own field. */
  poe_risk_buffers_init_default (&buffers);
  g_assert_true (poe_risk_buffers_load_json (&buffers,
                                             "{\"disembark\": 1, \"cbp_base\": 2, "
                                             "\"cbp_per_person\": 3, \"cbp_secondary\": 4, "
                                             "\"bags\": 5, \"recheck\": 6, \"tsa\": 7, "
                                             "\"walk\": 8, \"prm\": 9, \"medical\": 10, "
                                             "\"min_connection\": 0, \"amber_margin\": 1440}",
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (buffers.disembark, ==, 1);
  g_assert_cmpint (buffers.cbp_base, ==, 2);
  g_assert_cmpint (buffers.cbp_per_person, ==, 3);
  g_assert_cmpint (buffers.cbp_secondary, ==, 4);
  g_assert_cmpint (buffers.bags, ==, 5);
  g_assert_cmpint (buffers.recheck, ==, 6);
  g_assert_cmpint (buffers.tsa, ==, 7);
  g_assert_cmpint (buffers.walk, ==, 8);
  g_assert_cmpint (buffers.prm, ==, 9);
  g_assert_cmpint (buffers.medical, ==, 10);
  g_assert_cmpint (buffers.min_connection, ==, 0);
  g_assert_cmpint (buffers.amber_margin, ==, 1440);

  /* Missing keys keep their values. */
  poe_risk_buffers_init_default (&buffers);
  g_assert_true (poe_risk_buffers_load_json (&buffers, " {\"min_connection\": 120, \"tsa\": 40} ",
                                             &error));
  g_assert_no_error (error);
  defaults.min_connection = 120;
  defaults.tsa = 40;
  g_assert_cmpmem (&buffers, sizeof buffers, &defaults, sizeof defaults);

  g_assert_true (poe_risk_buffers_load_json (&buffers, "{}", &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&buffers, sizeof buffers, &defaults, sizeof defaults);
}

static void
test_buffers_json_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_buffers_cases); i++)
    {
      const BadBuffersCase *c = &bad_buffers_cases[i];
      g_autoptr(GError) error = NULL;
      PoeRiskBuffers buffers;
      PoeRiskBuffers before;

      g_test_message ("json: %s", c->json);
      poe_risk_buffers_init_default (&buffers);
      before = buffers;

      g_assert_false (poe_risk_buffers_load_json (&buffers, c->json, &error));
      g_assert_error (error, POE_RISK_ERROR, c->code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpmem (&buffers, sizeof buffers, &before, sizeof before);
      if (c->code != POE_RISK_ERROR_INVALID_JSON)
        g_assert_true (strstr (error->message, "“") != NULL);
    }
}

static void
test_custom_buffers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) inbound = at ("14:00");
  g_autoptr(GDateTime) onward = at ("17:00");
  g_autoptr(GDateTime) now = at ("12:00");
  g_auto(PoeRiskResult) result = { 0 };
  PoeRiskBuffers buffers;
  PoeRiskInput input = {
    .now = now,
    .inbound_scheduled = inbound,
    .has_onward = TRUE,
    .onward_scheduled_departure = onward,
    .n_persons = 4,
  };

  /* The on-time family of four, at an airport with a slow TSA and a long MCT. */
  poe_risk_buffers_init_default (&buffers);
  g_assert_true (poe_risk_buffers_load_json (&buffers,
                                             "{\"tsa\": 45, \"min_connection\": 181}", &error));
  g_assert_no_error (error);
  poe_risk_compute (&input, &buffers, &result);

  g_assert_cmpint (result.processing_minutes, ==, 147);
  g_assert_cmpint (result.slack_minutes, ==, 33);
  g_assert_cmpint (result.scheduled_gap_minutes, ==, 180);
  g_assert_cmpint (result.level, ==, POE_RISK_AMBER);
  g_assert_cmphex (result.drivers, ==, POE_RISK_DRIVER_SHORT_MCT);
}

static void
test_level_to_string (void)
{
  g_assert_cmpstr (poe_risk_level_to_string (POE_RISK_NONE), ==, "none");
  g_assert_cmpstr (poe_risk_level_to_string (POE_RISK_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (poe_risk_level_to_string (POE_RISK_GREEN), ==, "green");
  g_assert_cmpstr (poe_risk_level_to_string (POE_RISK_AMBER), ==, "amber");
  g_assert_cmpstr (poe_risk_level_to_string (POE_RISK_RED), ==, "red");
  g_assert_cmpstr (poe_risk_level_to_string (POE_RISK_MISSED), ==, "missed");
}

/* The predicate another module proposes a missed connection with. */
static void
test_connection_missed (void)
{
  g_autoptr(GDateTime) departure = at ("17:00");
  g_autoptr(GDateTime) before = at ("16:59:59");
  PoeRiskInput input = { .now = before, .has_onward = TRUE, .onward_scheduled_departure = departure };

  g_assert_false (poe_risk_connection_missed (&input));
  input.now = departure;
  g_assert_true (poe_risk_connection_missed (&input));
  input.boarded = TRUE;
  g_assert_false (poe_risk_connection_missed (&input));
  input.boarded = FALSE;
  input.onward_cancelled = TRUE;
  g_assert_false (poe_risk_connection_missed (&input));
  input.onward_cancelled = FALSE;
  input.has_onward = FALSE;
  g_assert_false (poe_risk_connection_missed (&input));
  input.has_onward = TRUE;
  input.onward_scheduled_departure = NULL;
  g_assert_false (poe_risk_connection_missed (&input));
}

static void
test_describe_drivers (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *none = poe_risk_describe_drivers (0);
  g_autofree char *unknown_bit = poe_risk_describe_drivers (1u << 30);
  g_autofree char *two = poe_risk_describe_drivers (POE_RISK_DRIVER_CBP_SECONDARY |
                                                    POE_RISK_DRIVER_INBOUND_DELAYED);
  g_autofree char *missing = poe_risk_describe_drivers (POE_RISK_DRIVER_MISSING_ONWARD_TIME);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (unknown_bit, ==, "");
  g_assert_cmpstr (two, ==, "inbound delayed, member in CBP secondary");
  g_assert_cmpstr (missing, ==, "missing onward departure");

  /* Every driver has its own words. */
  for (guint bit = 0; bit <= 12; bit++)
    {
      char *words = poe_risk_describe_drivers (1u << bit);

      g_assert_cmpstr (words, !=, "");
      g_assert_null (strchr (words, ','));
      g_assert_true (g_hash_table_add (seen, words));
    }
}

static void
test_result_clear (void)
{
  g_autoptr(GDateTime) inbound = at ("14:00");
  g_autoptr(GDateTime) onward = at ("17:00");
  g_autoptr(GDateTime) now = at ("12:00");
  PoeRiskResult result;
  PoeRiskBuffers buffers;
  PoeRiskInput input = {
    .now = now,
    .inbound_scheduled = inbound,
    .has_onward = TRUE,
    .onward_scheduled_departure = onward,
    .n_persons = 1,
  };

  poe_risk_buffers_init_default (&buffers);
  memset (&result, 0xff, sizeof result);
  poe_risk_compute (&input, &buffers, &result);
  g_assert_nonnull (result.arrival);
  g_assert_nonnull (result.ready);
  g_assert_nonnull (result.departure);

  poe_risk_result_clear (&result);
  g_assert_null (result.arrival);
  g_assert_null (result.ready);
  g_assert_null (result.departure);
  g_assert_null (result.arrival_basis);
  g_assert_cmpint (result.level, ==, POE_RISK_NONE);
  g_assert_cmpuint (result.drivers, ==, 0);
  g_assert_false (result.has_slack);

  poe_risk_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (compute_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/risk/compute/%s", compute_cases[i].name);

      g_test_add_data_func (path, &compute_cases[i], test_compute);
    }

  g_test_add_func ("/core/risk/dst/fall-back", test_dst_fall_back);
  g_test_add_func ("/core/risk/dst/spring-forward", test_dst_spring_forward);
  g_test_add_func ("/core/risk/buffers/defaults", test_buffers_defaults);
  g_test_add_func ("/core/risk/buffers/json-good", test_buffers_json_good);
  g_test_add_func ("/core/risk/buffers/json-bad", test_buffers_json_bad);
  g_test_add_func ("/core/risk/buffers/custom", test_custom_buffers);
  g_test_add_func ("/core/risk/level-to-string", test_level_to_string);
  g_test_add_func ("/core/risk/connection-missed", test_connection_missed);
  g_test_add_func ("/core/risk/describe-drivers", test_describe_drivers);
  g_test_add_func ("/core/risk/result-clear", test_result_clear);

  return g_test_run ();
}
