/* test-incident.c
 *
 * The incident rules cell by cell (who edits which field in which status, submission,
 * review path with reasons, comments, reading, overdue follow-ups) and the anomaly pre-fill
 * from flights, cases and segments. Synthetic ids and codes only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-core.h"

#define AUTHOR "9b2f8a52-4f0e-4c8e-9d1a-000000000001"
#define OTHER  "9b2f8a52-4f0e-4c8e-9d1a-000000000002"
#define CASE_A "9b2f8a52-4f0e-4c8e-9d1a-00000000000a"
#define CASE_B "9b2f8a52-4f0e-4c8e-9d1a-00000000000b"


/*
 * Helpers
 */

static GDateTime *
utc (const char *iso)
{
  GDateTime *time = poe_time_parse_iso8601 (iso);

  g_assert_nonnull (time);
  return time;
}

static PoeRecord *
incident_in (const char *status)
{
  g_autoptr(GDateTime) at = utc ("2026-11-24T14:05:00Z");
  PoeRecord *incident = poe_incident_new_draft (AUTHOR, at);

  poe_record_set_string (incident, "category", "medical");
  poe_record_set_string (incident, "severity", "high");
  poe_record_set_string (incident, "narrative", "Passenger felt faint at the belt.");
  poe_record_set_string (incident, "status", status);

  return incident;
}

static PoeRecord *
flight_new (const char *status,
            const char *scheduled,
            const char *estimated)
{
  PoeRecord *flight = poe_record_new ("flight");

  poe_record_set_string (flight, "carrier", "QX");
  poe_record_set_string (flight, "number", "101");
  poe_record_set_string (flight, "origin", "DOH");
  poe_record_set_string (flight, "destination", "IAD");
  poe_record_set_string (flight, "status", status);
  poe_record_set_string (flight, "scheduled_arrival", scheduled);
  poe_record_set_string (flight, "estimated_arrival", estimated);

  return flight;
}

static PoeRecord *
segment_new (const char *leg,
             const char *number,
             const char *status,
             const char *departure,
             const char *booking)
{
  PoeRecord *segment = poe_record_new ("segment");

  poe_record_set_string (segment, "case_id", CASE_A);
  poe_record_set_string (segment, "leg", leg);
  poe_record_set_string (segment, "carrier", "QY");
  poe_record_set_string (segment, "number", number);
  poe_record_set_string (segment, "origin", "IAD");
  poe_record_set_string (segment, "destination", "ORD");
  poe_record_set_string (segment, "status", status);
  poe_record_set_string (segment, "scheduled_departure", departure);
  poe_record_set_string (segment, "booking_ref", booking);

  return segment;
}


/*
 * Tests
 */

static void
test_edit_rules (void)
{
  static const struct {
    const char *status;
    const char *role;
    const char *who;
    const char *field;
    gboolean    allowed;
  } cases[] = {
    /* The author edits a draft, nobody else but an admin. */
    { "draft", "agent", AUTHOR, "narrative", TRUE },
    { "draft", "agent", AUTHOR, "category", TRUE },
    { "draft", "agent", AUTHOR, "status", TRUE },
    { "draft", "agent", AUTHOR, "status_reason", FALSE },
    { "draft", "agent", AUTHOR, "author_id", FALSE },
    { "draft", "agent", OTHER, "narrative", FALSE },
    { "draft", "lead", OTHER, "narrative", FALSE },
    { "draft", "lead", OTHER, "status", FALSE },
    { "draft", "supervisor", OTHER, "narrative", FALSE },
    { "draft", "admin", OTHER, "narrative", TRUE },
    { "draft", "agent", NULL, "narrative", FALSE },
    /* After submission only the review fields, only for leads and above. */
    { "open", "agent", AUTHOR, "narrative", FALSE },
    { "open", "agent", AUTHOR, "status", FALSE },
    { "open", "lead", OTHER, "narrative", FALSE },
    { "open", "lead", AUTHOR, "narrative", FALSE },
    { "open", "lead", OTHER, "status", TRUE },
    { "open", "lead", OTHER, "status_reason", TRUE },
    { "open", "supervisor", OTHER, "status", TRUE },
    { "open", "admin", OTHER, "narrative", FALSE },
    { "under_review", "lead", OTHER, "status", TRUE },
    { "under_review", "agent", AUTHOR, "status", FALSE },
    { "under_review", "supervisor", OTHER, "follow_up_due", FALSE },
    /* Closed is the end. */
    { "closed", "lead", OTHER, "status", FALSE },
    { "closed", "supervisor", OTHER, "status_reason", FALSE },
    { "closed", "agent", AUTHOR, "narrative", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) incident = incident_in (cases[i].status);

      g_test_message ("%s, %s, %s, %s", cases[i].status, cases[i].role,
                      cases[i].who ? cases[i].who : "(nobody)", cases[i].field);
      g_assert_cmpint (poe_incident_can_edit_field (incident, cases[i].role, cases[i].who, cases[i].field),
                       ==, cases[i].allowed);
    }
}

static void
test_can_edit (void)
{
  static const struct {
    const char *status;
    const char *role;
    const char *who;
    gboolean    editable;
    gboolean    commentable;
  } cases[] = {
    { "draft", "agent", AUTHOR, TRUE, FALSE },
    { "draft", "lead", AUTHOR, TRUE, FALSE },
    { "draft", "lead", OTHER, FALSE, FALSE },
    { "open", "agent", AUTHOR, FALSE, TRUE },
    { "under_review", "lead", OTHER, FALSE, TRUE },
    { "closed", "supervisor", OTHER, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) incident = incident_in (cases[i].status);

      g_assert_cmpint (poe_incident_can_edit (incident, cases[i].role, cases[i].who), ==, cases[i].editable);
      g_assert_cmpint (poe_incident_can_comment (incident), ==, cases[i].commentable);
      g_assert_cmpint (poe_incident_is_submitted (incident), ==, !g_str_equal (cases[i].status, "draft"));
    }
}

static void
test_submission (void)
{
  static const struct {
    const char *category;
    const char *severity;
    const char *at;
    const char *narrative;
    const char *missing;  /* comma-separated, "" when complete */
  } cases[] = {
    { "medical", "high", "2026-11-24T14:05:00Z", "Fainted at the belt.", "" },
    { NULL, "high", "2026-11-24T14:05:00Z", "Fainted at the belt.", "category" },
    { "medical", NULL, "2026-11-24T14:05:00Z", "Fainted.", "severity" },
    { "medical", "high", NULL, "Fainted.", "at" },
    { "medical", "high", "2026-11-24T14:05:00Z", NULL, "narrative" },
    { "medical", "high", "2026-11-24T14:05:00Z", "  \n\t ", "narrative" },
    { NULL, NULL, NULL, NULL, "category,severity,at,narrative" },
    /* Now is 15:00: a few minutes ahead is clock skew, an hour ahead is wrong. */
    { "security", "low", "2026-11-24T15:04:00Z", "Unattended bag.", "" },
    { "security", "low", "2026-11-24T16:00:00Z", "Unattended bag.", "at" },
  };
  g_autoptr(GDateTime) now = utc ("2026-11-24T15:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) incident = poe_incident_new_draft (AUTHOR, now);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) missing = NULL;
      g_autofree char *joined = NULL;
      gboolean complete = cases[i].missing[0] == '\0';

      poe_record_set_string (incident, "category", cases[i].category);
      poe_record_set_string (incident, "severity", cases[i].severity);
      poe_record_set_string (incident, "at", cases[i].at);
      poe_record_set_string (incident, "narrative", cases[i].narrative);

      missing = poe_incident_missing_fields (incident, now);
      joined = g_strjoinv (",", missing);
      g_test_message ("case %u: missing %s", i, joined);
      g_assert_cmpstr (joined, ==, cases[i].missing);

      g_assert_cmpint (poe_incident_submit (incident, "agent", AUTHOR, now, &error), ==, complete);
      if (complete)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (poe_record_get_string (incident, "status"), ==, "open");
        }
      else
        {
          g_assert_error (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_INCOMPLETE);
          g_assert_cmpstr (poe_record_get_string (incident, "status"), ==, "draft");
        }
    }
}

static void
test_submit_rules (void)
{
  g_autoptr(GDateTime) now = utc ("2026-11-24T15:00:00Z");
  g_autoptr(PoeRecord) draft = incident_in ("draft");
  g_autoptr(PoeRecord) open = incident_in ("open");
  g_autoptr(GError) error = NULL;

  g_assert_false (poe_incident_submit (draft, "lead", OTHER, now, &error));
  g_assert_error (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED);
  g_assert_cmpstr (poe_record_get_string (draft, "status"), ==, "draft");
  g_clear_error (&error);

  g_assert_false (poe_incident_submit (open, "agent", AUTHOR, now, &error));
  g_assert_error (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* A new draft: author set, time in whole minutes, category left for the user. */
  g_assert_cmpstr (poe_record_get_string (draft, "author_id"), ==, AUTHOR);
  g_assert_cmpstr (poe_record_get_string (draft, "at"), ==, "2026-11-24T14:05:00Z");
  {
    g_autoptr(GDateTime) odd = utc ("2026-11-24T14:05:42Z");
    g_autoptr(PoeRecord) fresh = poe_incident_new_draft (AUTHOR, odd);

    g_assert_cmpstr (poe_record_get_string (fresh, "at"), ==, "2026-11-24T14:05:00Z");
    g_assert_null (poe_record_get_string (fresh, "category"));
    g_assert_cmpstr (poe_record_get_string (fresh, "status"), ==, "draft");
  }
}

static void
test_status_changes (void)
{
  static const struct {
    const char *from;
    const char *role;
    const char *to;
    const char *reason;
    int         code;  /* -1: allowed */
  } cases[] = {
    { "open", "lead", "under_review", "Looking into it", -1 },
    { "open", "supervisor", "under_review", "Taking this", -1 },
    { "open", "admin", "under_review", "Checking", -1 },
    { "under_review", "lead", "closed", "Family seen by EMS; resolved", -1 },
    { "open", "lead", "closed", "Skipping review", POE_INCIDENT_ERROR_TRANSITION },
    { "under_review", "lead", "open", "Back", POE_INCIDENT_ERROR_TRANSITION },
    { "closed", "supervisor", "open", "Reopen", POE_INCIDENT_ERROR_TRANSITION },
    { "open", "lead", "draft", "Back to draft", POE_INCIDENT_ERROR_TRANSITION },
    { "open", "lead", NULL, "No status", POE_INCIDENT_ERROR_TRANSITION },
    { "open", "lead", "under_review", NULL, POE_INCIDENT_ERROR_NO_REASON },
    { "open", "lead", "under_review", "   ", POE_INCIDENT_ERROR_NO_REASON },
    { "open", "agent", "under_review", "I am done", POE_INCIDENT_ERROR_NOT_ALLOWED },
    { "draft", "lead", "open", "Submit for them", POE_INCIDENT_ERROR_NOT_ALLOWED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) incident = incident_in (cases[i].from);
      g_autoptr(GError) error = NULL;
      gboolean ok = poe_incident_change_status (incident, cases[i].role, cases[i].to, cases[i].reason, &error);

      g_test_message ("%s → %s by %s", cases[i].from, cases[i].to ? cases[i].to : "(none)", cases[i].role);
      if (cases[i].code < 0)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (cases[i].reason));

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (poe_record_get_string (incident, "status"), ==, cases[i].to);
          g_assert_cmpstr (poe_record_get_string (incident, "status_reason"), ==, stripped);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, POE_INCIDENT_ERROR, cases[i].code);
          g_assert_cmpstr (poe_record_get_string (incident, "status"), ==, cases[i].from);
          g_assert_null (poe_record_get_string (incident, "status_reason"));
        }
    }

  g_assert_cmpuint (g_strv_length ((char **) poe_incident_next_statuses ("draft")), ==, 0);
  g_assert_cmpstr (poe_incident_next_statuses ("open")[0], ==, "under_review");
  g_assert_cmpstr (poe_incident_next_statuses ("under_review")[0], ==, "closed");
  g_assert_null (poe_incident_next_statuses ("closed")[0]);
  g_assert_null (poe_incident_next_statuses (NULL)[0]);
}

static void
test_read_rules (void)
{
  static const char * const assigned[] = { CASE_B, NULL };
  static const struct {
    const char *role;
    const char *who;
    const char *case_id;
    gboolean    readable;
  } cases[] = {
    { "agent", AUTHOR, NULL, TRUE },
    { "agent", OTHER, NULL, FALSE },
    { "agent", OTHER, CASE_A, FALSE },
    { "agent", OTHER, CASE_B, TRUE },
    { "lead", OTHER, NULL, TRUE },
    { "supervisor", OTHER, CASE_A, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) incident = incident_in ("open");
      const char *ids[] = { cases[i].case_id, NULL };

      poe_record_set_strv (incident, "case_ids", cases[i].case_id ? ids : NULL);
      g_assert_cmpint (poe_incident_can_read (incident, cases[i].role, cases[i].who, assigned),
                       ==, cases[i].readable);
    }
}

static void
test_overdue (void)
{
  static const struct {
    const char *due;
    const char *status;
    const char *now;
    const char *zone;
    gboolean    overdue;
  } cases[] = {
    { "2026-11-23", "open", "2026-11-24T15:00:00Z", NULL, TRUE },
    { "2026-11-24", "open", "2026-11-24T15:00:00Z", NULL, FALSE },
    { "2026-11-25", "open", "2026-11-24T15:00:00Z", NULL, FALSE },
    { "2026-11-23", "closed", "2026-11-24T15:00:00Z", NULL, FALSE },
    { "2026-11-23", "under_review", "2026-11-24T15:00:00Z", NULL, TRUE },
    { "2026-11-23", "draft", "2026-11-24T15:00:00Z", NULL, TRUE },
    { NULL, "open", "2026-11-24T15:00:00Z", NULL, FALSE },
    /* 02:00 UTC on the 24th is still the 23rd in Washington: not yet overdue there. */
    { "2026-11-23", "open", "2026-11-24T02:00:00Z", "America/New_York", FALSE },
    { "2026-11-23", "open", "2026-11-24T02:00:00Z", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) incident = incident_in (cases[i].status);
      g_autoptr(GDateTime) now = utc (cases[i].now);
      g_autoptr(GTimeZone) zone = cases[i].zone ? g_time_zone_new_identifier (cases[i].zone) : NULL;

      poe_record_set_string (incident, "follow_up_due", cases[i].due);
      g_test_message ("case %u", i);
      g_assert_cmpint (poe_incident_is_follow_up_overdue (incident, now, zone), ==, cases[i].overdue);
    }
}

static void
test_comment (void)
{
  g_autoptr(GDateTime) at = utc ("2026-11-24T16:00:00Z");
  g_autoptr(PoeRecord) draft = incident_in ("draft");
  g_autoptr(PoeRecord) open = incident_in ("open");
  g_autoptr(PoeRecord) comment = NULL;
  g_autoptr(PoeRecord) none = NULL;
  g_autoptr(GError) error = NULL;

  none = poe_incident_comment_new (draft, "Early note", AUTHOR, at, &error);
  g_assert_null (none);
  g_assert_error (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  none = poe_incident_comment_new (open, " \n ", AUTHOR, at, &error);
  g_assert_null (none);
  g_assert_error (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_INCOMPLETE);
  g_clear_error (&error);

  comment = poe_incident_comment_new (open, "  EMS called back.  ", OTHER, at, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (poe_record_get_entity_name (comment), ==, "incident_comment");
  g_assert_cmpstr (poe_record_get_string (comment, "incident_id"), ==, poe_record_get_id (open));
  g_assert_cmpstr (poe_record_get_string (comment, "body"), ==, "EMS called back.");
  g_assert_cmpstr (poe_record_get_string (comment, "by"), ==, OTHER);
  g_assert_cmpstr (poe_record_get_string (comment, "at"), ==, "2026-11-24T16:00:00Z");
  g_assert_true (poe_record_validate (comment, NULL));
}

static void
test_anomaly_kind (void)
{
  static const struct {
    const char *flight_status;
    const char *estimated;
    const char *case_status;
    const char *connection_status;
    const char *kind;
  } cases[] = {
    { "delayed", NULL, "expected", "scheduled", "delay" },
    { "en_route", "2026-11-24T15:20:00Z", "expected", NULL, "delay" },
    { "en_route", "2026-11-24T15:10:00Z", "expected", NULL, "other" },
    { "cancelled", NULL, "expected", "scheduled", "cancellation" },
    { "diverted", NULL, "expected", "scheduled", "diversion" },
    { "arrived", NULL, "no_show", NULL, "no_show" },
    { "delayed", NULL, "in_progress", "missed", "misconnect" },
    { "arrived", NULL, "in_progress", "cancelled", "cancellation" },
    { "arrived", NULL, "in_progress", "scheduled", "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) flight = flight_new (cases[i].flight_status, "2026-11-24T15:00:00Z", cases[i].estimated);
      g_autoptr(PoeRecord) kase = poe_record_new ("case");
      g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);

      poe_record_set_string (kase, "status", cases[i].case_status);
      if (cases[i].connection_status != NULL)
        g_ptr_array_add (segments, segment_new ("domestic_connection", "202", cases[i].connection_status,
                                                "2026-11-24T17:00:00Z", "BK1234"));
      g_test_message ("case %u", i);
      g_assert_cmpstr (poe_anomaly_kind_for (flight, kase, segments), ==, cases[i].kind);
    }

  g_assert_cmpstr (poe_anomaly_kind_for (NULL, NULL, NULL), ==, "other");
}

static void
test_anomaly_prefill (void)
{
  g_autoptr(PoeRecord) flight = flight_new ("delayed", "2026-11-24T15:00:00Z", "2026-11-24T16:05:00Z");
  g_autoptr(PoeRecord) kase = poe_record_new ("case");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(PoeRecord) anomaly = NULL;
  g_autoptr(PoeRecord) bare = NULL;
  PoeAnomalySource source = { flight, kase, persons, segments, zone };
  const char *details;

  poe_record_set_string (kase, "case_number", "SYN-0042");
  poe_record_set_string (kase, "status", "in_progress");
  for (guint i = 0; i < 3; i++)
    {
      PoeRecord *person = poe_record_new ("person");

      poe_record_set_string (person, "surname", "Synthname");
      poe_record_set_string (person, "given_names", "Testgiven");
      g_ptr_array_add (persons, person);
    }
  g_ptr_array_add (segments, segment_new ("international_arrival", "101", "arrived", NULL, NULL));
  g_ptr_array_add (segments, segment_new ("domestic_connection", "202", "missed", "2026-11-24T17:00:00Z", "BK1234"));
  g_ptr_array_add (segments, segment_new ("domestic_connection", "204", "scheduled", "2026-11-24T21:30:00Z", "BK5678"));

  anomaly = poe_anomaly_prefill (&source);
  details = poe_record_get_string (anomaly, "details");
  g_test_message ("details: %s", details);
  g_assert_cmpstr (poe_record_get_entity_name (anomaly), ==, "anomaly");
  g_assert_cmpstr (poe_record_get_string (anomaly, "flight_id"), ==, poe_record_get_id (flight));
  g_assert_cmpstr (poe_record_get_string (anomaly, "case_id"), ==, poe_record_get_id (kase));
  g_assert_cmpstr (poe_record_get_string (anomaly, "kind"), ==, "misconnect");
  g_assert_nonnull (strstr (details, "QX 101 DOH → IAD"));
  /* Times in the POE's zone: 15:00Z is 10:00 in Washington in November. */
  g_assert_nonnull (strstr (details, "scheduled 10:00"));
  g_assert_nonnull (strstr (details, "expected 11:05"));
  g_assert_nonnull (strstr (details, "65 minutes late"));
  g_assert_nonnull (strstr (details, "SYN-0042: 3 persons"));
  g_assert_nonnull (strstr (details, "QY 202 IAD → ORD, departs 12:00, booking BK1234, status missed"));
  g_assert_null (strstr (details, "Synthname"));
  g_assert_null (strstr (details, "Testgiven"));
  g_assert_cmpstr (poe_record_get_string (anomaly, "rebooking"), ==, "QY 204 IAD → ORD, departs 16:30, booking BK5678");
  g_assert_null (poe_record_get_string (anomaly, "notified_at"));
  g_assert_true (poe_record_validate (anomaly, NULL));

  /* From a flight alone: no case, no rebooking, the delay. */
  source = (PoeAnomalySource) { flight, NULL, NULL, NULL, NULL };
  bare = poe_anomaly_prefill (&source);
  g_assert_cmpstr (poe_record_get_string (bare, "kind"), ==, "delay");
  g_assert_null (poe_record_get_string (bare, "case_id"));
  g_assert_null (poe_record_get_string (bare, "rebooking"));
  g_assert_nonnull (strstr (poe_record_get_string (bare, "details"), "scheduled 15:00"));
  g_assert_true (poe_record_validate (bare, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/incident/edit-rules", test_edit_rules);
  g_test_add_func ("/core/incident/can-edit", test_can_edit);
  g_test_add_func ("/core/incident/submission", test_submission);
  g_test_add_func ("/core/incident/submit-rules", test_submit_rules);
  g_test_add_func ("/core/incident/status-changes", test_status_changes);
  g_test_add_func ("/core/incident/read-rules", test_read_rules);
  g_test_add_func ("/core/incident/overdue", test_overdue);
  g_test_add_func ("/core/incident/comment", test_comment);
  g_test_add_func ("/core/anomaly/kind", test_anomaly_kind);
  g_test_add_func ("/core/anomaly/prefill", test_anomaly_prefill);

  return g_test_run ();
}
