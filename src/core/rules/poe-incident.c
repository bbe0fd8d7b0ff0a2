/* poe-incident.c
 *
 * Incident and anomaly rules, mirroring docs/roles.md: the author edits a draft; once
 * submitted an incident only gains comments (append-only) and moves open → under_review →
 * closed in the hands of a lead or supervisor, each step with a reason. The server enforces
 * the same matrix (src/server/poe-access.c); these functions let the app hide what would be
 * refused and explain why before anything is queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incident"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-incident.h"

/* A report timed a little ahead of the clock is a skewed device clock, not the future. */
#define FUTURE_TOLERANCE_MINUTES 5
#define DELAY_MINUTES 15

G_DEFINE_QUARK (poe-incident-error-quark, poe_incident_error)

static const char * const no_statuses[] = { NULL };
static const char * const after_open[] = { "under_review", NULL };
static const char * const after_review[] = { "closed", NULL };

static const char * const review_fields[] = { "status", "status_reason", NULL };
static const char * const reviewer_roles[] = { "lead", "supervisor", "admin", NULL };


/*
 * Auxiliary methods
 */

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static const char *
status_of (PoeRecord *incident)
{
  return poe_record_get_string (incident, "status");
}

static const char *
field_word (const char *field)
{
  /* Translators: names of incident fields in "cannot be submitted yet: category, narrative" */
  if (g_str_equal (field, "category"))
    return _("category");
  if (g_str_equal (field, "severity"))
    return _("severity");
  if (g_str_equal (field, "at"))
    return _("time");
  if (g_str_equal (field, "narrative"))
    return _("narrative");

  return field;
}

static gboolean
at_is_acceptable (PoeRecord *incident,
                  GDateTime *now)
{
  g_autoptr(GDateTime) at = poe_record_dup_time (incident, "at");
  g_autoptr(GDateTime) limit = NULL;

  if (at == NULL)
    return FALSE;
  if (now == NULL)
    return TRUE;

  limit = g_date_time_add_minutes (now, FUTURE_TOLERANCE_MINUTES);

  return g_date_time_compare (at, limit) <= 0;
}

static char *
format_time (GDateTime *time,
             GTimeZone *zone)
{
  g_autoptr(GTimeZone) utc = zone ? NULL : g_time_zone_new_utc ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone ? zone : utc);

  return g_date_time_format (local, "%H:%M");
}

static char *
dup_flight_name (PoeRecord *record)
{
  /* Translators: a flight in an anomaly report, "AA 1234 JFK → IAD" */
  return g_strdup_printf (_("%1$s %2$s %3$s → %4$s"),
                          poe_record_get_string (record, "carrier") ?: "",
                          poe_record_get_string (record, "number") ?: "",
                          poe_record_get_string (record, "origin") ?: "",
                          poe_record_get_string (record, "destination") ?: "");
}

static void
append_flight_details (GString   *text,
                       PoeRecord *flight,
                       GTimeZone *zone)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");
  g_autoptr(GDateTime) estimated = poe_record_dup_time (flight, "estimated_arrival");
  g_autoptr(GDateTime) actual = poe_record_dup_time (flight, "actual_arrival");
  g_autofree char *name = dup_flight_name (flight);
  GDateTime *expected = actual ? actual : estimated;

  /* Translators: start of an anomaly report's details, %s is the flight */
  g_string_append_printf (text, _("Flight %s"), name);
  if (scheduled != NULL)
    {
      g_autofree char *at = format_time (scheduled, zone);

      /* Translators: scheduled arrival time in an anomaly report */
      g_string_append_printf (text, _(", scheduled %s"), at);
    }
  if (expected != NULL)
    {
      g_autofree char *at = format_time (expected, zone);

      /* Translators: actual or expected arrival time in an anomaly report */
      g_string_append_printf (text, actual ? _(", arrived %s") : _(", expected %s"), at);
    }
  if (scheduled != NULL && expected != NULL)
    {
      int late = (int) (g_date_time_difference (expected, scheduled) / G_TIME_SPAN_MINUTE);

      if (late > 0)
        g_string_append_printf (text, ngettext (" (%d minute late)", " (%d minutes late)", late), late);
    }
  /* Translators: the flight's status code ends the sentence, "status delayed." */
  g_string_append_printf (text, _(", status %s.\n"), poe_record_get_string (flight, "status") ?: "");
}

static void
append_case_details (GString   *text,
                     PoeRecord *kase,
                     GPtrArray *persons)
{
  guint n = persons != NULL ? persons->len : 0;

  /* Translators: the family in an anomaly report: case number and head count, no names */
  g_string_append_printf (text, ngettext ("Case %s: %u person.\n", "Case %s: %u persons.\n", n),
                          poe_record_get_string (kase, "case_number") ?: "", n);
}

static char *
dup_segment_text (PoeRecord *segment,
                  GTimeZone *zone)
{
  g_autoptr(GDateTime) departure = poe_record_dup_time (segment, "estimated_departure");
  g_autofree char *name = dup_flight_name (segment);
  g_autofree char *at = NULL;
  const char *booking = poe_record_get_string (segment, "booking_ref");
  GString *text = g_string_new (name);

  if (departure == NULL)
    departure = poe_record_dup_time (segment, "scheduled_departure");
  if (departure != NULL)
    {
      at = format_time (departure, zone);
      /* Translators: departure time of an onward flight */
      g_string_append_printf (text, _(", departs %s"), at);
    }
  if (has_text (booking))
    {
      /* Translators: the airline booking reference of an onward flight */
      g_string_append_printf (text, _(", booking %s"), booking);
    }

  return g_string_free (text, FALSE);
}

static gboolean
segment_is_lost (PoeRecord *segment)
{
  const char *status = poe_record_get_string (segment, "status");

  return g_strcmp0 (status, "missed") == 0 || g_strcmp0 (status, "cancelled") == 0;
}

static gboolean
is_connection (PoeRecord *segment)
{
  return g_strcmp0 (poe_record_get_string (segment, "leg"), "domestic_connection") == 0;
}

/* The connection booked first, and the one booked after it was lost (the rebooking). */
static void
find_connections (GPtrArray  *segments,
                  PoeRecord **booked,
                  PoeRecord **rebooked)
{
  *booked = *rebooked = NULL;

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);

      if (!is_connection (segment))
        continue;
      if (*booked == NULL)
        *booked = segment;
      else if (*rebooked == NULL && segment_is_lost (*booked) && !segment_is_lost (segment))
        *rebooked = segment;
    }
}

static gboolean
is_delayed (PoeRecord *flight)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");
  g_autoptr(GDateTime) estimated = poe_record_dup_time (flight, "estimated_arrival");

  if (g_strcmp0 (poe_record_get_string (flight, "status"), "delayed") == 0)
    return TRUE;

  return scheduled != NULL && estimated != NULL &&
         g_date_time_difference (estimated, scheduled) >= DELAY_MINUTES * G_TIME_SPAN_MINUTE;
}


/*
 * Public API: incidents
 */

/**
 * poe_incident_new_draft:
 * @author_id: the staff id of the user writing it
 * @at: (nullable): when it happened; now when %NULL
 *
 * Returns: (transfer full): a new incident in status draft. Category and severity are left
 *   for the user to choose: the store needs them before it keeps the draft.
 */
PoeRecord *
poe_incident_new_draft (const char *author_id,
                        GDateTime  *at)
{
  g_autoptr(PoeRecord) incident = poe_record_new ("incident");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) whole = NULL;
  GDateTime *when = at ? at : now;

  g_return_val_if_fail (author_id != NULL, NULL);

  /* Whole minutes: that is what the form shows and reads back. */
  whole = g_date_time_add_seconds (when, -g_date_time_get_seconds (when));
  poe_record_set_string (incident, "status", "draft");
  poe_record_set_string (incident, "author_id", author_id);
  poe_record_set_time (incident, "at", whole);

  return g_steal_pointer (&incident);
}

/**
 * poe_incident_role_reviews:
 *
 * Returns: whether @role reviews incidents: moves them along open → under_review → closed
 */
gboolean
poe_incident_role_reviews (const char *role)
{
  return role != NULL && g_strv_contains (reviewer_roles, role);
}

gboolean
poe_incident_is_author (PoeRecord  *incident,
                        const char *staff_id)
{
  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  return staff_id != NULL && g_strcmp0 (poe_record_get_string (incident, "author_id"), staff_id) == 0;
}

/**
 * poe_incident_is_submitted:
 *
 * Returns: whether @incident left the draft status: it can no longer be edited
 */
gboolean
poe_incident_is_submitted (PoeRecord *incident)
{
  const char *status;

  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  status = status_of (incident);

  return status != NULL && !g_str_equal (status, "draft");
}

/**
 * poe_incident_can_edit:
 *
 * Returns: whether the user may change the report itself (what, when, who, narrative):
 *   only its author (or an administrator), only while it is a draft
 */
gboolean
poe_incident_can_edit (PoeRecord  *incident,
                       const char *role,
                       const char *staff_id)
{
  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  if (poe_incident_is_submitted (incident))
    return FALSE;

  return poe_incident_is_author (incident, staff_id) || g_strcmp0 (role, "admin") == 0;
}

/**
 * poe_incident_can_edit_field:
 *
 * Returns: whether the user may change @field of @incident now. The author is set once;
 *   status and its reason belong to the review once the incident is submitted.
 */
gboolean
poe_incident_can_edit_field (PoeRecord  *incident,
                             const char *role,
                             const char *staff_id,
                             const char *field)
{
  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (g_str_equal (field, "author_id"))
    return FALSE;

  if (g_strv_contains (review_fields, field))
    {
      if (!poe_incident_is_submitted (incident))
        return g_str_equal (field, "status") && poe_incident_can_edit (incident, role, staff_id);
      return poe_incident_role_reviews (role) && poe_incident_next_statuses (status_of (incident))[0] != NULL;
    }

  return poe_incident_can_edit (incident, role, staff_id);
}

/**
 * poe_incident_can_comment:
 *
 * Returns: whether comments can be added: once the incident is submitted, by anyone who
 *   can read it (the server checks the reading)
 */
gboolean
poe_incident_can_comment (PoeRecord *incident)
{
  return poe_incident_is_submitted (incident);
}

/**
 * poe_incident_can_read:
 * @assigned_case_ids: (nullable) (array zero-terminated=1): the cases assigned to the user
 *
 * Returns: whether the user sees @incident: leads and above see all of their POE, agents
 *   those they wrote and those naming a case assigned to them (what the server sends)
 */
gboolean
poe_incident_can_read (PoeRecord          *incident,
                       const char         *role,
                       const char         *staff_id,
                       const char * const *assigned_case_ids)
{
  const char * const *case_ids;

  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  if (poe_incident_role_reviews (role) || poe_incident_is_author (incident, staff_id))
    return TRUE;

  case_ids = poe_record_get_strv (incident, "case_ids");
  for (guint i = 0; case_ids != NULL && assigned_case_ids != NULL && case_ids[i] != NULL; i++)
    {
      if (g_strv_contains (assigned_case_ids, case_ids[i]))
        return TRUE;
    }

  return FALSE;
}

/**
 * poe_incident_missing_fields:
 * @now: (nullable): the time now, to refuse a report timed in the future
 *
 * Returns: (transfer full): the fields a submission needs that are empty or wrong, in
 *   form order (category, severity, at, narrative); empty when it can be submitted
 */
char **
poe_incident_missing_fields (PoeRecord *incident,
                             GDateTime *now)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (POE_IS_RECORD (incident), NULL);

  if (!has_text (poe_record_get_string (incident, "category")))
    g_strv_builder_add (builder, "category");
  if (!has_text (poe_record_get_string (incident, "severity")))
    g_strv_builder_add (builder, "severity");
  if (!at_is_acceptable (incident, now))
    g_strv_builder_add (builder, "at");
  if (!has_text (poe_record_get_string (incident, "narrative")))
    g_strv_builder_add (builder, "narrative");

  return g_strv_builder_end (builder);
}

gboolean
poe_incident_validate_submission (PoeRecord  *incident,
                                  GDateTime  *now,
                                  GError    **error)
{
  g_auto(GStrv) missing = poe_incident_missing_fields (incident, now);
  g_autoptr(GString) words = NULL;

  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  if (missing[0] == NULL)
    return TRUE;

  words = g_string_new (NULL);
  for (guint i = 0; missing[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (words, C_("list separator", ", "));
      g_string_append (words, field_word (missing[i]));
    }

  /* Translators: %s lists what is missing, "category, narrative" */
  g_set_error (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_INCOMPLETE,
               _("This report cannot be submitted yet; fill in: %s"), words->str);
  return FALSE;
}

/**
 * poe_incident_submit:
 *
 * Moves a complete draft to open. Nothing changes on error.
 */
gboolean
poe_incident_submit (PoeRecord   *incident,
                     const char  *role,
                     const char  *staff_id,
                     GDateTime   *now,
                     GError     **error)
{
  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  if (!poe_incident_can_edit (incident, role, staff_id))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED,
                           poe_incident_is_submitted (incident) ? _("This report was already submitted")
                                                                : _("Only the author can submit this draft"));
      return FALSE;
    }

  if (!poe_incident_validate_submission (incident, now, error))
    return FALSE;

  poe_record_set_string (incident, "status", "open");
  return TRUE;
}

/**
 * poe_incident_next_statuses:
 *
 * Returns: (transfer none) (array zero-terminated=1): the statuses a review can move an
 *   incident in @status to; empty for drafts and closed incidents
 */
const char * const *
poe_incident_next_statuses (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return after_open;
  if (g_strcmp0 (status, "under_review") == 0)
    return after_review;

  return no_statuses;
}

gboolean
poe_incident_check_status_change (PoeRecord   *incident,
                                  const char  *role,
                                  const char  *status,
                                  const char  *reason,
                                  GError     **error)
{
  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);

  if (!poe_incident_is_submitted (incident))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED,
                           _("A draft is submitted by its author before it can be reviewed"));
      return FALSE;
    }

  if (!poe_incident_role_reviews (role))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED,
                           _("Only shift leads and supervisors can review incidents"));
      return FALSE;
    }

  if (status == NULL || !g_strv_contains (poe_incident_next_statuses (status_of (incident)), status))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_TRANSITION,
                           _("An incident moves from open to under review to closed"));
      return FALSE;
    }

  if (!has_text (reason))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NO_REASON,
                           _("Give a reason for the change of status"));
      return FALSE;
    }

  return TRUE;
}

/**
 * poe_incident_change_status:
 *
 * Sets status and status_reason when poe_incident_check_status_change() allows it.
 */
gboolean
poe_incident_change_status (PoeRecord   *incident,
                            const char  *role,
                            const char  *status,
                            const char  *reason,
                            GError     **error)
{
  g_autofree char *stripped = NULL;

  if (!poe_incident_check_status_change (incident, role, status, reason, error))
    return FALSE;

  stripped = g_strstrip (g_strdup (reason));
  poe_record_set_string (incident, "status", status);
  poe_record_set_string (incident, "status_reason", stripped);

  return TRUE;
}

/**
 * poe_incident_is_follow_up_overdue:
 * @zone: (nullable): the POE's time zone, which decides what "today" is; UTC when %NULL
 *
 * Returns: whether the follow-up date has passed (is before today) and the incident is
 *   not closed
 */
gboolean
poe_incident_is_follow_up_overdue (PoeRecord *incident,
                                   GDateTime *now,
                                   GTimeZone *zone)
{
  const char *due;
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (POE_IS_RECORD (incident), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  due = poe_record_get_string (incident, "follow_up_due");
  if (!poe_date_is_valid (due) || g_strcmp0 (status_of (incident), "closed") == 0)
    return FALSE;

  utc = zone ? NULL : g_time_zone_new_utc ();
  local = g_date_time_to_timezone (now, zone ? zone : utc);
  today = g_date_time_format (local, "%Y-%m-%d");

  /* ISO dates compare as strings. */
  return strcmp (due, today) < 0;
}

/**
 * poe_incident_comment_new:
 * @at: (nullable): when; now when %NULL
 *
 * Returns: (transfer full) (nullable): a comment on a submitted @incident, or %NULL with
 *   @error set when the body is blank or the incident is still a draft
 */
PoeRecord *
poe_incident_comment_new (PoeRecord   *incident,
                          const char  *body,
                          const char  *staff_id,
                          GDateTime   *at,
                          GError     **error)
{
  g_autoptr(PoeRecord) comment = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (POE_IS_RECORD (incident), NULL);

  if (!poe_incident_can_comment (incident))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_NOT_ALLOWED,
                           _("Comments are added once the report is submitted"));
      return NULL;
    }
  if (!has_text (body))
    {
      g_set_error_literal (error, POE_INCIDENT_ERROR, POE_INCIDENT_ERROR_INCOMPLETE,
                           _("Write the comment first"));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (body));
  comment = poe_record_new ("incident_comment");
  poe_record_set_string (comment, "incident_id", poe_record_get_id (incident));
  poe_record_set_string (comment, "body", stripped);
  poe_record_set_time (comment, "at", at ? at : now);
  poe_record_set_string (comment, "by", staff_id);

  return g_steal_pointer (&comment);
}


/*
 * Public API: anomalies
 */

/**
 * poe_anomaly_kind_for:
 * @flight: (nullable): the inbound flight
 * @kase: (nullable): the family
 * @segments: (nullable) (element-type PoeRecord): the family's travel
 *
 * Returns: the anomaly kind the records suggest: the inbound's cancellation or diversion,
 *   the family's no-show, a missed or cancelled connection, a delay; else "other"
 */
const char *
poe_anomaly_kind_for (PoeRecord *flight,
                      PoeRecord *kase,
                      GPtrArray *segments)
{
  const char *status = flight ? poe_record_get_string (flight, "status") : NULL;
  PoeRecord *booked, *rebooked;

  if (g_strcmp0 (status, "cancelled") == 0)
    return "cancellation";
  if (g_strcmp0 (status, "diverted") == 0)
    return "diversion";
  if (kase != NULL && g_strcmp0 (poe_record_get_string (kase, "status"), "no_show") == 0)
    return "no_show";

  find_connections (segments, &booked, &rebooked);
  if (booked != NULL && g_strcmp0 (poe_record_get_string (booked, "status"), "missed") == 0)
    return "misconnect";
  if (booked != NULL && g_strcmp0 (poe_record_get_string (booked, "status"), "cancelled") == 0)
    return "cancellation";
  if (flight != NULL && is_delayed (flight))
    return "delay";

  return "other";
}

/**
 * poe_anomaly_prefill:
 *
 * Drafts an anomaly report from what the store knows: the flight's times and status, the
 * family's case number and head count (never names), the onward connection and, when a
 * later connection replaced a lost one, the rebooking. notified_at is left for the moment
 * it is sent.
 *
 * Returns: (transfer full): an unsaved anomaly record
 */
PoeRecord *
poe_anomaly_prefill (const PoeAnomalySource *source)
{
  g_autoptr(PoeRecord) anomaly = poe_record_new ("anomaly");
  g_autoptr(GString) details = g_string_new (NULL);
  PoeRecord *booked, *rebooked;

  g_return_val_if_fail (source != NULL, NULL);

  find_connections (source->segments, &booked, &rebooked);

  if (source->flight != NULL)
    {
      poe_record_set_string (anomaly, "flight_id", poe_record_get_id (source->flight));
      append_flight_details (details, source->flight, source->zone);
    }
  if (source->kase != NULL)
    {
      poe_record_set_string (anomaly, "case_id", poe_record_get_id (source->kase));
      append_case_details (details, source->kase, source->persons);
    }
  if (booked != NULL)
    {
      g_autofree char *onward = dup_segment_text (booked, source->zone);

      /* Translators: the onward connection in an anomaly report, then its status code */
      g_string_append_printf (details, _("Onward %s, status %s.\n"), onward,
                              poe_record_get_string (booked, "status") ?: "scheduled");
    }
  if (rebooked != NULL)
    {
      g_autofree char *text = dup_segment_text (rebooked, source->zone);

      poe_record_set_string (anomaly, "rebooking", text);
    }

  g_strchomp (details->str);
  details->len = strlen (details->str);
  poe_record_set_string (anomaly, "kind", poe_anomaly_kind_for (source->flight, source->kase, source->segments));
  poe_record_set_string (anomaly, "details", details->len > 0 ? details->str : NULL);

  return g_steal_pointer (&anomaly);
}
