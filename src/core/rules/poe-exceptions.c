/* poe-exceptions.c
 *
 * The exception path of a case (see poe-exceptions.h): when a missed connection is due,
 * recording it, rebooking the onward flight and switching the branch, each in one store
 * transaction with a `case_event` for the history; and reading that history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-exceptions"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "poe-checklist.h"
#include "poe-exceptions.h"

G_DEFINE_QUARK (poe-exception-error-quark, poe_exception_error)


/*
 * Auxiliary methods
 */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return TRUE;
    }

  return FALSE;
}

/* Letters and digits only, @min to @max of them. */
static gboolean
is_code (const char *text,
         guint       min,
         guint       max)
{
  gsize length = text ? strlen (text) : 0;

  if (length < min || length > max)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (text[i]))
        return FALSE;
    }

  return TRUE;
}

static PoeRecord *
new_case_event (PoeRecord  *kase,
                const char *kind,
                GDateTime  *at,
                const char *by)
{
  PoeRecord *event = poe_record_new ("case_event");

  poe_record_set_string (event, "case_id", poe_record_get_id (kase));
  poe_record_set_string (event, "kind", kind);
  poe_record_set_time (event, "at", at);
  poe_record_set_string (event, "by", by);

  return event;
}

static void
set_optional (PoeRecord  *record,
              const char *field,
              const char *value)
{
  g_autofree char *copy = has_text (value) ? g_strstrip (g_strdup (value)) : NULL;

  poe_record_set_string (record, field, copy);
}

/* Saves @records in one transaction: all or nothing. */
static gboolean
save_all (PoeStore   *store,
          PoeRecord **records,
          guint       n_records,
          GError    **error)
{
  if (!poe_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n_records; i++)
    {
      if (!poe_store_save (store, records[i], error))
        {
          poe_store_rollback (store);
          return FALSE;
        }
    }

  return poe_store_commit (store, error);
}

static gint
compare_events_cb (gconstpointer a,
                   gconstpointer b)
{
  PoeRecord *first = *(PoeRecord **) a;
  PoeRecord *second = *(PoeRecord **) b;

  /* ISO 8601 UTC times sort as text. */
  return g_strcmp0 (poe_record_get_string (first, "at"), poe_record_get_string (second, "at"));
}


/*
 * Public API
 */

/**
 * poe_exception_onward_departure:
 *
 * Returns: (transfer full) (nullable): when @segment leaves: its estimated departure,
 *   else its scheduled one
 */
GDateTime *
poe_exception_onward_departure (PoeRecord *segment)
{
  GDateTime *departure;

  g_return_val_if_fail (POE_IS_RECORD (segment), NULL);

  departure = poe_record_dup_time (segment, "estimated_departure");
  return departure != NULL ? departure : poe_record_dup_time (segment, "scheduled_departure");
}

/**
 * poe_exception_missed_is_due:
 * @kase: the case
 * @onward: (nullable): its onward segment (the snapshot's)
 * @state: its checklist state (poe_store_get_checklist_state())
 * @now: the time to judge at
 *
 * Whether a missed connection should be proposed: a connecting family whose onward flight
 * (not replaced, cancelled or already marked missed) has left at @now, without the step
 * that says the family boarded (%POE_STEP_ONWARD_BOARDED).
 */
gboolean
poe_exception_missed_is_due (PoeRecord  *kase,
                             PoeRecord  *onward,
                             GHashTable *state,
                             GDateTime  *now)
{
  static const char * const settled[] = { "missed", "cancelled", "arrived", NULL };
  g_autoptr(GDateTime) departure = NULL;
  const char *status;

  g_return_val_if_fail (POE_IS_RECORD (kase), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (onward == NULL || g_strcmp0 (poe_record_get_string (kase, "branch"), "connect") != 0)
    return FALSE;

  status = poe_record_get_string (onward, "status");
  if (poe_record_get_string (onward, "replaced_by") != NULL ||
      (status != NULL && g_strv_contains (settled, status)))
    return FALSE;

  if (state != NULL && poe_checklist_state_is_done (state, POE_STEP_ONWARD_BOARDED, NULL))
    return FALSE;

  departure = poe_exception_onward_departure (onward);
  return departure != NULL && g_date_time_compare (departure, now) < 0;
}

/**
 * poe_exception_record_missed:
 * @segment: the onward segment the family missed
 * @note: (nullable): what happened, for the history
 *
 * Marks @segment missed and adds a "missed_connection" event to the case's history, in one
 * transaction.
 */
gboolean
poe_exception_record_missed (PoeStore    *store,
                             PoeRecord   *kase,
                             PoeRecord   *segment,
                             const char  *note,
                             GDateTime   *now,
                             GError     **error)
{
  g_autoptr(PoeRecord) missed = NULL;
  g_autoptr(PoeRecord) event = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (kase), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (segment == NULL)
    {
      g_set_error_literal (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_NO_ONWARD,
                           _("This family has no onward flight to mark as missed."));
      return FALSE;
    }

  missed = poe_record_copy (segment);
  poe_record_set_string (missed, "status", "missed");
  event = new_case_event (kase, "missed_connection", now, poe_store_get_actor_id (store));
  poe_record_set_string (event, "segment_id", poe_record_get_id (segment));
  set_optional (event, "reason", note);

  return save_all (store, (PoeRecord *[]) { missed, event }, 2, error);
}

/**
 * poe_exception_check_rebooking:
 *
 * Returns: whether @rebooking can be recorded at @now; else @error says what to correct
 */
gboolean
poe_exception_check_rebooking (const PoeRebooking  *rebooking,
                               GDateTime           *now,
                               GError             **error)
{
  g_return_val_if_fail (rebooking != NULL, FALSE);

  if (!is_code (rebooking->carrier, 2, 3))
    return invalid (error, _("Enter the airline as its two- or three-letter code, for example AA."));
  if (!is_code (rebooking->number, 1, 5))
    return invalid (error, _("Enter the flight number, for example 1234."));
  if (!is_code (rebooking->destination, 3, 3))
    return invalid (error, _("Enter the destination as a three-letter airport code, for example ORD."));
  if (rebooking->departure == NULL)
    return invalid (error, _("Enter the departure time as YYYY-MM-DD HH:MM, airport time."));
  if (now != NULL && g_date_time_compare (rebooking->departure, now) <= 0)
    return invalid (error, _("The new departure has already passed: enter a later time."));
  if (rebooking->arrival != NULL && g_date_time_compare (rebooking->arrival, rebooking->departure) <= 0)
    return invalid (error, _("The arrival must be after the departure."));
  if (has_text (rebooking->booking_ref) && !is_code (rebooking->booking_ref, 5, 12))
    return invalid (error, _("The booking reference is 5 to 12 letters and digits, for example K7QX2M."));

  return TRUE;
}

/**
 * poe_exception_rebook:
 * @old_segment: (nullable): the onward segment the new one replaces
 *
 * Records a new onward flight; @old_segment stays, pointing at it (`replaced_by`), and a
 * "rebooked" event names both. One transaction.
 *
 * Returns: (transfer full) (nullable): the new segment
 */
PoeRecord *
poe_exception_rebook (PoeStore            *store,
                      PoeRecord           *kase,
                      PoeRecord           *old_segment,
                      const PoeRebooking  *rebooking,
                      GDateTime           *now,
                      GError             **error)
{
  g_autoptr(PoeRecord) segment = poe_record_new ("segment");
  g_autoptr(PoeRecord) old = NULL;
  g_autoptr(PoeRecord) event = NULL;
  g_autofree char *carrier = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *booking = NULL;
  const char *origin;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (POE_IS_RECORD (kase), NULL);

  if (!poe_exception_check_rebooking (rebooking, now, error))
    return NULL;

  carrier = g_ascii_strup (rebooking->carrier, -1);
  destination = g_ascii_strup (rebooking->destination, -1);
  booking = has_text (rebooking->booking_ref) ? g_ascii_strup (rebooking->booking_ref, -1) : NULL;
  origin = old_segment ? poe_record_get_string (old_segment, "origin") : NULL;

  poe_record_set_string (segment, "case_id", poe_record_get_id (kase));
  poe_record_set_string (segment, "leg", "domestic_connection");
  poe_record_set_string (segment, "carrier", carrier);
  poe_record_set_string (segment, "number", rebooking->number);
  poe_record_set_string (segment, "origin", origin ? origin : poe_record_get_string (kase, "poe"));
  poe_record_set_string (segment, "destination", destination);
  poe_record_set_time (segment, "scheduled_departure", rebooking->departure);
  poe_record_set_time (segment, "scheduled_arrival", rebooking->arrival);
  poe_record_set_string (segment, "booking_ref", booking);
  set_optional (segment, "seats", rebooking->seats);
  poe_record_set_string (segment, "status", "scheduled");

  event = new_case_event (kase, "rebooked", now, poe_store_get_actor_id (store));
  poe_record_set_string (event, "segment_id", poe_record_get_id (segment));
  set_optional (event, "reason", rebooking->note);

  if (old_segment == NULL)
    {
      if (!save_all (store, (PoeRecord *[]) { segment, event }, 2, error))
        return NULL;
      return g_steal_pointer (&segment);
    }

  old = poe_record_copy (old_segment);
  poe_record_set_string (old, "replaced_by", poe_record_get_id (segment));
  poe_record_set_string (event, "previous_segment_id", poe_record_get_id (old_segment));

  if (!save_all (store, (PoeRecord *[]) { segment, old, event }, 3, error))
    return NULL;

  return g_steal_pointer (&segment);
}

/**
 * poe_exception_switch_branch:
 * @branch: "connect", "overnight" or "final"
 * @reason: why; required
 *
 * Moves the case to @branch (its checklist follows) and adds a "branch_changed" event with
 * the reason, in one transaction.
 */
gboolean
poe_exception_switch_branch (PoeStore    *store,
                             PoeRecord   *kase,
                             const char  *branch,
                             const char  *reason,
                             GDateTime   *now,
                             GError     **error)
{
  static const char * const branches[] = { "connect", "overnight", "final", NULL };
  const char *from = poe_record_get_string (kase, "branch");
  g_autoptr(PoeRecord) changed = NULL;
  g_autoptr(PoeRecord) event = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (kase), FALSE);

  if (branch == NULL || !g_strv_contains (branches, branch))
    return invalid (error, _("Choose the branch: connecting flight, overnight stay or final destination."));

  if (g_strcmp0 (from, branch) == 0)
    {
      g_set_error_literal (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_SAME_BRANCH,
                           _("The family is on this branch already: choose another one."));
      return FALSE;
    }

  if (!has_text (reason))
    {
      g_set_error_literal (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_NO_REASON,
                           _("Say why the branch changes, for example “missed the last flight to ORD”."));
      return FALSE;
    }

  changed = poe_record_copy (kase);
  poe_record_set_string (changed, "branch", branch);
  event = new_case_event (kase, "branch_changed", now, poe_store_get_actor_id (store));
  poe_record_set_string (event, "from_branch", from);
  poe_record_set_string (event, "to_branch", branch);
  set_optional (event, "reason", reason);

  return save_all (store, (PoeRecord *[]) { changed, event }, 2, error);
}

/**
 * poe_exception_list_history:
 *
 * Returns: (transfer container) (element-type PoeRecord) (nullable): the case's
 *   `case_event`s, oldest first; %NULL when the store cannot be read
 */
GPtrArray *
poe_exception_list_history (PoeStore    *store,
                            const char  *case_id,
                            GError     **error)
{
  GPtrArray *events;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  events = poe_store_list (store, "case_event", "case_id", case_id, error);
  if (events != NULL)
    g_ptr_array_sort (events, compare_events_cb);

  return events;
}

/**
 * poe_exception_parse_time:
 *
 * Reads "2026-11-24 14:05" (or with a "T") as a time in @zone, the POE's.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text is not one
 */
GDateTime *
poe_exception_parse_time (const char *text,
                          GTimeZone  *zone)
{
  g_autofree char *copy = NULL;
  int year, month, day, hour, minute;
  char sep, end;

  if (text == NULL || zone == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (sscanf (copy, "%4d-%2d-%2d%c%2d:%2d%c", &year, &month, &day, &sep, &hour, &minute, &end) != 6 ||
      (sep != ' ' && sep != 'T'))
    return NULL;

  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return NULL;

  /* g_date_time_new() validates the calendar date. */
  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}
