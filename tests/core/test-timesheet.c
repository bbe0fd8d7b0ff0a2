/* test-timesheet.c
 *
 * The time entry and leave state machines cell by cell, the flags, clocking in and out at
 * the time of the action, a week's totals, leave against the roster, locking approved
 * entries, payroll periods and the payroll CSV parsed back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

#define OWN "11111111-1111-4111-8111-111111111111"
#define OTHER "22222222-2222-4222-8222-222222222222"
#define THIRD "33333333-3333-4333-8333-333333333333"

typedef struct
{
  char     *dir;
  char     *path;
  PoeStore *store;
} Fixture;


/*
 * Helpers
 */

static GDateTime *
at (const char *text)
{
  GDateTime *time = poe_time_parse_iso8601 (text);

  g_assert_nonnull (time);
  return time;
}

static PoeRecord *
make_entry (const char *staff_id,
            const char *state,
            const char *start,
            const char *end,
            gint64      break_minutes)
{
  PoeRecord *entry = poe_record_new ("time_entry");
  g_autoptr(GDateTime) from = at (start);

  poe_record_set_string (entry, "staff_id", staff_id);
  poe_record_set_string (entry, "state", state);
  poe_record_set_time (entry, "start", from);
  if (end != NULL)
    {
      g_autoptr(GDateTime) to = at (end);

      poe_record_set_time (entry, "end", to);
    }
  poe_record_set_int (entry, "break_minutes", break_minutes);

  return entry;
}

static void
import_staff (PoeStore   *store,
              const char *id,
              const char *username,
              const char *display_name,
              const char *role)
{
  g_autoptr(PoeRecord) staff = poe_record_new ("staff");
  g_autoptr(GError) error = NULL;

  poe_record_set_id (staff, id);
  poe_record_set_string (staff, "username", username);
  poe_record_set_string (staff, "display_name", display_name);
  poe_record_set_string (staff, "role", role);
  poe_record_set_string (staff, "poe", "JFK");
  poe_store_import (store, staff, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("poe-test-timesheet-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_store_open (fx->path, &error);
  g_assert_no_error (error);

  g_assert_true (poe_store_begin (fx->store, &error));
  import_staff (fx->store, OWN, "agent", "Zoë Quinn, \"ZQ\"", "agent");
  import_staff (fx->store, OTHER, "lead", "Ana Ortiz", "lead");
  import_staff (fx->store, THIRD, "agent2", "Björn\nEk", "agent");
  g_assert_true (poe_store_commit (fx->store, &error));
  poe_store_set_actor (fx->store, OWN, "agent");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fx->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fx->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static void
save_as (Fixture    *fx,
         const char *actor,
         const char *role,
         PoeRecord  *entry)
{
  g_autoptr(GError) error = NULL;

  poe_store_set_actor (fx->store, actor, role);
  g_assert_true (poe_timesheet_save_entry (fx->store, role, entry, &error));
  g_assert_no_error (error);
}


/*
 * Tests
 */

static void
test_transitions (void)
{
  /* whose: the entry's owner seen from the actor; change: what else differs besides state */
  static const struct {
    const char *role;
    gboolean    own;
    const char *old_state;  /* NULL: a new entry */
    const char *new_state;
    const char *change;     /* NULL, "end" (the times) or "reason" */
    int         code;       /* -1: allowed */
  } cases[] = {
    { "agent", TRUE, NULL, "draft", NULL, -1 },
    { "agent", TRUE, NULL, "submitted", NULL, -1 },
    { "agent", TRUE, NULL, "approved", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", TRUE, "draft", "draft", "end", -1 },
    { "agent", TRUE, "draft", "submitted", NULL, -1 },
    { "agent", TRUE, "submitted", "draft", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", TRUE, "submitted", "submitted", "end", POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", TRUE, "rejected", "draft", "end", -1 },
    { "agent", TRUE, "rejected", "submitted", NULL, -1 },
    { "agent", TRUE, "approved", "draft", NULL, POE_TIMESHEET_ERROR_LOCKED },
    { "agent", TRUE, "locked", "locked", "end", POE_TIMESHEET_ERROR_LOCKED },
    { "agent", FALSE, "submitted", "approved", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", FALSE, NULL, "draft", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", FALSE, "submitted", "approved", NULL, -1 },
    { "lead", FALSE, "submitted", "rejected", "reason", -1 },
    { "lead", FALSE, "submitted", "rejected", NULL, POE_TIMESHEET_ERROR_NEEDS_REASON },
    { "lead", FALSE, "submitted", "approved", "end", POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", FALSE, "draft", "approved", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", FALSE, "rejected", "approved", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", FALSE, "submitted", "locked", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", TRUE, "submitted", "approved", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", TRUE, "draft", "approved", NULL, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", FALSE, "approved", "locked", NULL, POE_TIMESHEET_ERROR_LOCKED },
    { "supervisor", FALSE, "submitted", "approved", NULL, -1 },
    { "supervisor", FALSE, "approved", "locked", NULL, -1 },
    { "supervisor", TRUE, "approved", "locked", NULL, POE_TIMESHEET_ERROR_LOCKED },
    { "supervisor", FALSE, "approved", "draft", NULL, POE_TIMESHEET_ERROR_LOCKED },
    { "supervisor", FALSE, "locked", "locked", "end", POE_TIMESHEET_ERROR_LOCKED },
    { "admin", FALSE, "locked", "draft", "end", -1 },
    { "admin", FALSE, "approved", "approved", "end", -1 },
    { "admin", TRUE, "submitted", "approved", NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *owner = cases[i].own ? OWN : OTHER;
      g_autoptr(PoeRecord) old = NULL;
      g_autoptr(PoeRecord) changed = NULL;
      g_autoptr(GError) error = NULL;
      gboolean allowed;

      g_test_message ("case %u: %s %s %s → %s", i, cases[i].role, cases[i].own ? "own" : "other's",
                      cases[i].old_state ? cases[i].old_state : "(new)", cases[i].new_state);
      changed = make_entry (owner, cases[i].new_state, "2026-11-24T06:00:00Z", "2026-11-24T14:00:00Z", 30);
      if (cases[i].old_state != NULL)
        {
          old = poe_record_copy (changed);
          poe_record_set_string (old, "state", cases[i].old_state);
        }
      if (g_strcmp0 (cases[i].change, "end") == 0)
        {
          g_autoptr(GDateTime) later = at ("2026-11-24T15:00:00Z");

          poe_record_set_time (changed, "end", later);
        }
      else if (g_strcmp0 (cases[i].change, "reason") == 0)
        poe_record_set_string (changed, "reason", "Break missing");

      allowed = poe_time_entry_check_change (cases[i].role, OWN, old, changed, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (allowed);
        }
      else
        {
          g_assert_error (error, POE_TIMESHEET_ERROR, cases[i].code);
          g_assert_false (allowed);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_flags (void)
{
  static const struct {
    const char  *start;
    const char  *end;        /* NULL: still open */
    gint64       break_minutes;
    const char  *shift_end;  /* NULL: no shift */
    PoeTimeFlags expected;
  } cases[] = {
    { "2026-11-24T06:00:00Z", "2026-11-24T14:30:00Z", 30, NULL, POE_TIME_FLAG_NONE },
    { "2026-11-24T06:00:00Z", "2026-11-24T18:00:00Z", 0, NULL, POE_TIME_FLAG_NONE },
    { "2026-11-24T06:00:00Z", "2026-11-24T18:01:00Z", 60, NULL, POE_TIME_FLAG_TOO_LONG },
    { "2026-11-24T06:00:00Z", "2026-11-24T06:00:00Z", 0, NULL, POE_TIME_FLAG_NOT_POSITIVE },
    { "2026-11-24T06:00:00Z", "2026-11-24T05:00:00Z", 0, NULL, POE_TIME_FLAG_NOT_POSITIVE },
    { "2026-11-24T06:00:00Z", "2026-11-24T06:30:00Z", 30, NULL, POE_TIME_FLAG_NOT_POSITIVE },
    /* now is 2026-11-25T12:00Z */
    { "2026-11-25T06:00:00Z", NULL, 0, "2026-11-25T14:30:00Z", POE_TIME_FLAG_NONE },
    { "2026-11-25T02:00:00Z", NULL, 0, "2026-11-25T10:30:00Z", POE_TIME_FLAG_MISSING_END },
    { "2026-11-24T19:00:00Z", NULL, 0, NULL, POE_TIME_FLAG_MISSING_END },
    { "2026-11-24T21:00:00Z", NULL, 0, NULL, POE_TIME_FLAG_NONE },
  };
  g_autoptr(GDateTime) now = at ("2026-11-25T12:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) entry = make_entry (OWN, "draft", cases[i].start, cases[i].end, cases[i].break_minutes);
      g_autoptr(PoeRecord) shift = NULL;

      g_test_message ("case %u", i);
      if (cases[i].shift_end != NULL)
        {
          g_autoptr(GDateTime) end = at (cases[i].shift_end);

          shift = poe_record_new ("shift");
          poe_record_set_time (shift, "planned_end", end);
        }
      g_assert_cmpint (poe_time_entry_flags (entry, NULL, shift, now), ==, cases[i].expected);
    }
}

static void
test_flags_overlap (void)
{
  g_autoptr(GDateTime) now = at ("2026-11-25T12:00:00Z");
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *words = NULL;

  g_ptr_array_add (entries, make_entry (OWN, "draft", "2026-11-24T06:00:00Z", "2026-11-24T14:00:00Z", 0));
  g_ptr_array_add (entries, make_entry (OWN, "draft", "2026-11-24T13:00:00Z", "2026-11-24T16:00:00Z", 0));
  g_ptr_array_add (entries, make_entry (OWN, "draft", "2026-11-24T16:00:00Z", "2026-11-24T17:00:00Z", 0));
  g_ptr_array_add (entries, make_entry (OWN, "draft", "2026-11-25T11:00:00Z", NULL, 0));
  g_ptr_array_add (entries, make_entry (OWN, "draft", "2026-11-25T11:30:00Z", "2026-11-25T11:45:00Z", 0));

  g_assert_cmpint (poe_time_entry_flags (entries->pdata[0], entries, NULL, now), ==, POE_TIME_FLAG_OVERLAP);
  g_assert_cmpint (poe_time_entry_flags (entries->pdata[1], entries, NULL, now), ==, POE_TIME_FLAG_OVERLAP);
  /* Touching end to start is no overlap. */
  g_assert_cmpint (poe_time_entry_flags (entries->pdata[2], entries, NULL, now), ==, POE_TIME_FLAG_NONE);
  /* An open entry runs until now. */
  g_assert_cmpint (poe_time_entry_flags (entries->pdata[4], entries, NULL, now), ==, POE_TIME_FLAG_OVERLAP);

  words = poe_time_flags_describe (POE_TIME_FLAG_TOO_LONG | POE_TIME_FLAG_OVERLAP);
  g_assert_cmpstr (words, ==, "Longer than 12 hours. Overlaps another entry.");
}

static void
test_clock (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) clock_in = at ("2026-11-24T06:02:00Z");
  g_autoptr(GDateTime) clock_out = at ("2026-11-24T14:40:00Z");
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(PoeRecord) again = NULL;
  g_autoptr(PoeRecord) done = NULL;
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  guint pending = poe_store_count_pending (fx->store);

  entry = poe_timesheet_clock_in (fx->store, "agent", OWN, clock_in, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpuint (poe_store_count_pending (fx->store), ==, pending + 1);

  again = poe_timesheet_clock_in (fx->store, "agent", OWN, clock_out, &error);
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_CLOCKED_IN);
  g_assert_null (again);
  g_clear_error (&error);

  done = poe_timesheet_clock_out (fx->store, "agent", OWN, clock_out, 30, "Flight late", &error);
  g_assert_no_error (error);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (entry), &error);
  g_assert_no_error (error);
  start = poe_record_dup_time (stored, "start");
  end = poe_record_dup_time (stored, "end");
  g_assert_true (g_date_time_equal (start, clock_in));
  g_assert_true (g_date_time_equal (end, clock_out));
  g_assert_cmpint (poe_record_get_int (stored, "break_minutes"), ==, 30);
  g_assert_cmpstr (poe_record_get_string (stored, "note"), ==, "Flight late");
  g_assert_cmpint (poe_time_entry_worked_minutes (stored), ==, 8 * 60 + 8);

  g_clear_object (&done);
  done = poe_timesheet_clock_out (fx->store, "agent", OWN, clock_out, 0, NULL, &error);
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_NOT_CLOCKED_IN);
  g_assert_null (done);
}

static void
test_week (Fixture       *fx,
           gconstpointer  data)
{
  /* 2026-11-23 is a Monday; UTC keeps the days plain. */
  static const struct { const char *start; const char *end; gint64 breaks; } rows[] = {
    { "2026-11-22T06:00:00Z", "2026-11-22T14:00:00Z", 0 },   /* the Sunday before */
    { "2026-11-23T06:00:00Z", "2026-11-23T14:30:00Z", 30 },  /* Mon 8 h */
    { "2026-11-24T06:00:00Z", "2026-11-24T19:00:00Z", 60 },  /* Tue 12 h, 13 h long */
    { "2026-11-24T20:00:00Z", "2026-11-24T22:00:00Z", 0 },   /* Tue 2 h */
    { "2026-11-29T22:00:00Z", "2026-11-29T23:30:00Z", 15 },  /* Sun 1 h 15 */
    { "2026-11-30T06:00:00Z", "2026-11-30T07:00:00Z", 0 },   /* the next Monday */
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) wednesday = at ("2026-11-25T10:00:00Z");
  g_autoptr(GDateTime) now = at ("2026-12-01T10:00:00Z");
  g_autoptr(PoeTimesheetWeek) week = NULL;
  g_autoptr(GError) error = NULL;
  guint submitted;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(PoeRecord) entry = make_entry (OWN, "draft", rows[i].start, rows[i].end, rows[i].breaks);

      save_as (fx, OWN, "agent", entry);
    }

  week = poe_timesheet_week_new (fx->store, OWN, wednesday, utc, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (week->first_day, ==, "2026-11-23");
  g_assert_cmpuint (week->entries->len, ==, 4);
  g_assert_cmpint (week->day_minutes[0], ==, 8 * 60);
  g_assert_cmpint (week->day_minutes[1], ==, 14 * 60);
  g_assert_cmpint (week->day_minutes[2], ==, 0);
  g_assert_cmpint (week->day_minutes[6], ==, 75);
  g_assert_cmpint (week->total_minutes, ==, 22 * 60 + 75);
  g_assert_cmpint (g_array_index (week->flags, PoeTimeFlags, 1), ==, POE_TIME_FLAG_TOO_LONG);

  submitted = poe_timesheet_submit_week (fx->store, "agent", week, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (submitted, ==, 4);
  g_clear_pointer (&week, poe_timesheet_week_free);
  week = poe_timesheet_week_new (fx->store, OWN, wednesday, utc, now, &error);
  for (guint i = 0; i < week->entries->len; i++)
    g_assert_cmpstr (poe_record_get_string (week->entries->pdata[i], "state"), ==, "submitted");
}

static void
test_week_incomplete (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = at ("2026-11-25T12:00:00Z");
  g_autoptr(PoeRecord) done = make_entry (OWN, "draft", "2026-11-23T06:00:00Z", "2026-11-23T14:00:00Z", 0);
  g_autoptr(PoeRecord) open = make_entry (OWN, "draft", "2026-11-24T06:00:00Z", NULL, 0);
  g_autoptr(PoeTimesheetWeek) week = NULL;
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  save_as (fx, OWN, "agent", done);
  save_as (fx, OWN, "agent", open);
  week = poe_timesheet_week_new (fx->store, OWN, now, utc, now, &error);
  g_assert_cmpint (g_array_index (week->flags, PoeTimeFlags, 1), ==, POE_TIME_FLAG_MISSING_END);

  g_assert_cmpuint (poe_timesheet_submit_week (fx->store, "agent", week, &error), ==, 0);
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INCOMPLETE);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (done), NULL);
  g_assert_cmpstr (poe_record_get_string (stored, "state"), ==, "draft");
}

static void
test_decide (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(PoeRecord) first = make_entry (OWN, "submitted", "2026-11-23T06:00:00Z", "2026-11-23T14:00:00Z", 0);
  g_autoptr(PoeRecord) second = make_entry (OWN, "submitted", "2026-11-24T06:00:00Z", "2026-11-24T14:00:00Z", 0);
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  save_as (fx, OWN, "agent", first);
  save_as (fx, OWN, "agent", second);

  poe_store_set_actor (fx->store, OTHER, "lead");
  waiting = poe_timesheet_list_submitted (fx->store, OTHER, &error);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_true (poe_timesheet_decide (fx->store, "lead", poe_record_get_id (first), TRUE, NULL, &error));
  g_assert_false (poe_timesheet_decide (fx->store, "lead", poe_record_get_id (second), FALSE, "  ", &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_NEEDS_REASON);
  g_clear_error (&error);
  g_assert_true (poe_timesheet_decide (fx->store, "lead", poe_record_get_id (second), FALSE, "Break missing", &error));
  g_assert_no_error (error);

  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (second), NULL);
  g_assert_cmpstr (poe_record_get_string (stored, "state"), ==, "rejected");
  g_assert_cmpstr (poe_record_get_string (stored, "reason"), ==, "Break missing");
  g_assert_cmpstr (poe_record_get_string (stored, "decided_by"), ==, OTHER);

  /* The approved one is closed to its owner; the rejected one opens again. */
  g_clear_object (&stored);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (first), NULL);
  g_assert_false (poe_time_entry_is_editable (stored, "agent", OWN));
  poe_store_set_actor (fx->store, OWN, "agent");
  poe_record_set_int (stored, "break_minutes", 45);
  g_assert_false (poe_timesheet_save_entry (fx->store, "agent", stored, &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);

  g_clear_object (&stored);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (second), NULL);
  g_assert_true (poe_time_entry_is_editable (stored, "agent", OWN));
  poe_record_set_string (stored, "state", "submitted");
  g_assert_true (poe_timesheet_save_entry (fx->store, "agent", stored, &error));
  g_assert_no_error (error);
}

static void
test_leave (Fixture       *fx,
            gconstpointer  data)
{
  static const struct {
    const char *role;
    gboolean    own;
    const char *old_state;
    const char *new_state;
    gboolean    reason;
    int         code;
  } cases[] = {
    { "agent", TRUE, NULL, "requested", FALSE, -1 },
    { "agent", TRUE, NULL, "approved", FALSE, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", TRUE, "requested", "cancelled", FALSE, -1 },
    { "agent", TRUE, "requested", "approved", FALSE, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", TRUE, "approved", "cancelled", FALSE, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "agent", FALSE, "requested", "approved", FALSE, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", FALSE, "requested", "approved", FALSE, -1 },
    { "lead", FALSE, "requested", "rejected", TRUE, -1 },
    { "lead", FALSE, "requested", "rejected", FALSE, POE_TIMESHEET_ERROR_NEEDS_REASON },
    { "lead", FALSE, "cancelled", "approved", FALSE, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "lead", TRUE, "requested", "approved", FALSE, POE_TIMESHEET_ERROR_NOT_ALLOWED },
    { "admin", TRUE, "requested", "approved", FALSE, -1 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) leave = NULL;
  g_autoptr(PoeRecord) bad = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) old = NULL;
      g_autoptr(PoeRecord) changed = poe_record_new ("leave_request");
      g_autoptr(GError) local_error = NULL;
      gboolean allowed;

      g_test_message ("case %u", i);
      poe_record_set_string (changed, "staff_id", cases[i].own ? OWN : OTHER);
      poe_record_set_string (changed, "first_day", "2026-12-01");
      poe_record_set_string (changed, "last_day", "2026-12-03");
      poe_record_set_string (changed, "kind", "annual");
      poe_record_set_string (changed, "state", cases[i].new_state);
      if (cases[i].old_state != NULL)
        {
          old = poe_record_copy (changed);
          poe_record_set_string (old, "state", cases[i].old_state);
        }
      if (cases[i].reason)
        poe_record_set_string (changed, "reason", "Roster too thin");

      allowed = poe_leave_check_change (cases[i].role, OWN, old, changed, &local_error);
      if (cases[i].code < 0)
        g_assert_no_error (local_error);
      else
        g_assert_error (local_error, POE_TIMESHEET_ERROR, cases[i].code);
      g_assert_true (allowed == (cases[i].code < 0));
    }

  bad = poe_leave_request_create (fx->store, "agent", OWN, "annual", "2026-12-03", "2026-12-01", &error);
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INVALID);
  g_assert_null (bad);
  g_clear_error (&error);

  leave = poe_leave_request_create (fx->store, "agent", OWN, "annual", "2026-12-01", "2026-12-03", &error);
  g_assert_no_error (error);
  poe_store_set_actor (fx->store, OTHER, "lead");
  g_assert_true (poe_leave_set_state (fx->store, "lead", poe_record_get_id (leave), "approved", NULL, &error));
  g_assert_no_error (error);
}

static void
test_leave_roster (void)
{
  static const struct {
    const char *start;
    const char *end;
    const char *staff_id;
    gboolean    covered;
  } cases[] = {
    { "2026-12-01T06:00:00Z", "2026-12-01T14:30:00Z", OWN, TRUE },
    { "2026-12-03T22:00:00Z", "2026-12-04T06:00:00Z", OWN, TRUE },
    { "2026-11-30T22:00:00Z", "2026-12-01T06:00:00Z", OWN, TRUE },
    { "2026-11-30T14:00:00Z", "2026-11-30T22:00:00Z", OWN, FALSE },
    { "2026-11-30T16:00:00Z", "2026-12-01T00:00:00Z", OWN, FALSE },
    { "2026-12-04T06:00:00Z", "2026-12-04T14:00:00Z", OWN, FALSE },
    { "2026-12-02T06:00:00Z", "2026-12-02T14:00:00Z", OTHER, FALSE },
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(PoeRecord) leave = poe_record_new ("leave_request");

  poe_record_set_string (leave, "staff_id", OWN);
  poe_record_set_string (leave, "first_day", "2026-12-01");
  poe_record_set_string (leave, "last_day", "2026-12-03");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) shift = poe_record_new ("shift");
      g_autoptr(GDateTime) start = at (cases[i].start);
      g_autoptr(GDateTime) end = at (cases[i].end);

      g_test_message ("case %u", i);
      poe_record_set_string (shift, "staff_id", cases[i].staff_id);
      poe_record_set_time (shift, "planned_start", start);
      poe_record_set_time (shift, "planned_end", end);
      g_assert_true (poe_leave_covers_shift (leave, shift, utc) == cases[i].covered);
    }
}

static void
test_payroll (Fixture       *fx,
              gconstpointer  data)
{
  static const struct {
    const char *staff_id;
    const char *state;
    const char *start;
    const char *end;
    gint64      breaks;
  } rows[] = {
    { OWN, "approved", "2026-11-23T06:00:00Z", "2026-11-23T14:30:00Z", 30 },   /* 8 h */
    { OWN, "approved", "2026-11-24T06:00:00Z", "2026-11-24T16:00:00Z", 30 },   /* 9.5 h */
    { OWN, "locked", "2026-11-25T06:00:00Z", "2026-11-25T12:00:00Z", 0 },      /* 6 h, then */
    { OWN, "approved", "2026-11-25T13:00:00Z", "2026-11-25T17:20:00Z", 0 },    /* 4 h 20 */
    { OWN, "submitted", "2026-11-26T06:00:00Z", "2026-11-26T14:00:00Z", 0 },   /* not yet */
    { OWN, "approved", "2026-12-01T06:00:00Z", "2026-12-01T14:00:00Z", 0 },    /* after */
    { THIRD, "approved", "2026-11-23T22:00:00Z", "2026-11-24T06:10:00Z", 0 },  /* 8 h 10 */
    { OTHER, "rejected", "2026-11-23T06:00:00Z", "2026-11-23T14:00:00Z", 0 },
  };
  static const char * const expected[][8] = {
    { "staff", "username", "date", "start", "end", "break_minutes", "hours", "overtime_hours" },
    { "Björn\nEk", "agent2", "2026-11-23", "22:00", "06:10", "0", "8.17", "0.17" },
    { "Zoë Quinn, \"ZQ\"", "agent", "2026-11-23", "06:00", "14:30", "30", "8.00", "0.00" },
    { "Zoë Quinn, \"ZQ\"", "agent", "2026-11-24", "06:00", "16:00", "30", "9.50", "1.50" },
    { "Zoë Quinn, \"ZQ\"", "agent", "2026-11-25", "06:00", "12:00", "0", "6.00", "0.00" },
    { "Zoë Quinn, \"ZQ\"", "agent", "2026-11-25", "13:00", "17:20", "0", "4.33", "2.33" },
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text;

  g_assert_true (poe_store_begin (fx->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(PoeRecord) entry = make_entry (rows[i].staff_id, rows[i].state, rows[i].start, rows[i].end,
                                               rows[i].breaks);

      g_assert_true (poe_store_import (fx->store, entry, &error));
    }
  g_assert_true (poe_store_commit (fx->store, &error));

  csv = poe_payroll_export_csv (fx->store, "2026-11-23", "2026-11-29", utc, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (csv, &size);
  parsed = poe_csv_parse (text, size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      char **fields = g_ptr_array_index (parsed, i);

      g_assert_cmpuint (g_strv_length (fields), ==, 8);
      for (guint j = 0; j < 8; j++)
        g_assert_cmpstr (fields[j], ==, expected[i][j]);
    }

  g_clear_pointer (&csv, g_bytes_unref);
  csv = poe_payroll_export_csv (fx->store, "2026-11-29", "2026-11-23", utc, &error);
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INVALID);
  g_assert_null (csv);
}

static void
test_lock (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(PoeRecord) first = make_entry (OWN, "approved", "2026-11-23T06:00:00Z", "2026-11-23T14:00:00Z", 0);
  g_autoptr(PoeRecord) second = make_entry (OWN, "approved", "2026-11-25T06:00:00Z", "2026-11-25T14:00:00Z", 0);
  g_autoptr(PoeRecord) waiting = make_entry (OWN, "submitted", "2026-11-26T06:00:00Z", "2026-11-26T14:00:00Z", 0);
  g_autoptr(PoeRecord) next_week = make_entry (OWN, "approved", "2026-11-30T06:00:00Z", "2026-11-30T14:00:00Z", 0);
  g_autoptr(PoeRecord) theirs = make_entry (OTHER, "approved", "2026-11-24T06:00:00Z", "2026-11-24T14:00:00Z", 0);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) wednesday = at ("2026-11-25T12:00:00Z");
  g_autoptr(GPtrArray) approved = NULL;
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  PoeRecord *imports[] = { first, second, waiting, next_week, theirs };

  g_assert_true (poe_store_begin (fx->store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    g_assert_true (poe_store_import (fx->store, imports[i], &error));
  g_assert_true (poe_store_commit (fx->store, &error));

  /* OTHER is the supervisor here: OWN's approved entries wait for the lock, OTHER's are left out. */
  poe_store_set_actor (fx->store, OTHER, "supervisor");
  approved = poe_timesheet_list_approved (fx->store, OTHER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approved->len, ==, 3);
  g_assert_cmpstr (poe_record_get_id (approved->pdata[0]), ==, poe_record_get_id (first));

  /* A lead cannot lock; the supervisor cannot lock their own; what is not approved stays. */
  g_assert_false (poe_timesheet_lock (fx->store, "lead", poe_record_get_id (first), &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (poe_timesheet_lock (fx->store, "supervisor", poe_record_get_id (theirs), &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (poe_timesheet_lock (fx->store, "supervisor", poe_record_get_id (waiting), &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpuint (poe_timesheet_lock_week (fx->store, "supervisor", OTHER, wednesday, utc, &error), ==, 0);
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (theirs), NULL);
  g_assert_cmpstr (poe_record_get_string (stored, "state"), ==, "approved");
  g_clear_object (&stored);

  /* Lock Week: the two approved entries of that week, not the submitted one nor next week's. */
  g_assert_cmpuint (poe_timesheet_lock_week (fx->store, "supervisor", OWN, wednesday, utc, &error), ==, 2);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (imports) - 1; i++)
    {
      const char *expected[] = { "locked", "locked", "submitted", "approved" };

      stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (imports[i]), NULL);
      g_assert_cmpstr (poe_record_get_string (stored, "state"), ==, expected[i]);
      g_assert_true (poe_store_is_pending (fx->store, "time_entry", poe_record_get_id (imports[i])) == (i < 2));
      g_clear_object (&stored);
    }
  g_assert_true (poe_timesheet_lock (fx->store, "supervisor", poe_record_get_id (next_week), &error));
  g_assert_no_error (error);

  /* Locked is locked for the supervisor; an administrator's later change shows. */
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (first), NULL);
  g_assert_false (poe_time_entry_changed_after_decision (fx->store, stored));
  poe_record_set_int (stored, "break_minutes", 15);
  g_assert_false (poe_timesheet_save_entry (fx->store, "supervisor", stored, &error));
  g_assert_error (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_LOCKED);
  g_clear_error (&error);
  save_as (fx, THIRD, "admin", stored);
  g_clear_object (&stored);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (first), NULL);
  g_assert_cmpstr (poe_record_get_string (stored, "state"), ==, "locked");
  g_assert_cmpstr (poe_record_get_updated_by (stored), ==, THIRD);
  g_assert_true (poe_time_entry_changed_after_decision (fx->store, stored));

  /* Imported as approved, with no local trail: nothing is claimed. */
  g_clear_object (&stored);
  stored = poe_store_get (fx->store, "time_entry", poe_record_get_id (theirs), NULL);
  g_assert_false (poe_time_entry_changed_after_decision (fx->store, stored));
}

static void
test_payroll_period (void)
{
  static const struct {
    const char      *now;
    const char      *zone;
    PoePayrollPeriod period;
    const char      *first;
    const char      *last;
  } cases[] = {
    { "2026-11-25T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_THIS_WEEK, "2026-11-23", "2026-11-29" },
    { "2026-11-25T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_LAST_WEEK, "2026-11-16", "2026-11-22" },
    { "2026-11-25T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_THIS_MONTH, "2026-11-01", "2026-11-30" },
    { "2026-11-25T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_LAST_MONTH, "2026-10-01", "2026-10-31" },
    /* Monday and Sunday are in the week; a week across months; January's last month. */
    { "2026-11-23T00:00:00Z", "UTC", POE_PAYROLL_PERIOD_THIS_WEEK, "2026-11-23", "2026-11-29" },
    { "2026-11-29T23:59:59Z", "UTC", POE_PAYROLL_PERIOD_THIS_WEEK, "2026-11-23", "2026-11-29" },
    { "2026-12-02T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_LAST_WEEK, "2026-11-23", "2026-11-29" },
    { "2027-01-15T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_LAST_MONTH, "2026-12-01", "2026-12-31" },
    { "2028-03-10T12:00:00Z", "UTC", POE_PAYROLL_PERIOD_LAST_MONTH, "2028-02-01", "2028-02-29" },
    /* The POE's day, not UTC's: 01:00Z on the 1st is still the 30th in New York. */
    { "2026-12-01T01:00:00Z", "America/New_York", POE_PAYROLL_PERIOD_THIS_MONTH, "2026-11-01", "2026-11-30" },
    { "2026-12-01T01:00:00Z", "America/New_York", POE_PAYROLL_PERIOD_LAST_MONTH, "2026-10-01", "2026-10-31" },
    /* A month with the end of daylight saving time in it. */
    { "2026-11-15T12:00:00Z", "America/New_York", POE_PAYROLL_PERIOD_LAST_MONTH, "2026-10-01", "2026-10-31" },
    { "2026-11-02T12:00:00Z", "America/New_York", POE_PAYROLL_PERIOD_LAST_WEEK, "2026-10-26", "2026-11-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = at (cases[i].now);
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (cases[i].zone);
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      g_test_message ("case %u: %s in %s", i, cases[i].now, cases[i].zone);
      g_assert_nonnull (zone);
      poe_payroll_period_get_bounds (cases[i].period, now, zone, &first, &last);
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpstr (last, ==, cases[i].last);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/timesheet/transitions", test_transitions);
  g_test_add_func ("/core/timesheet/flags", test_flags);
  g_test_add_func ("/core/timesheet/flags/overlap", test_flags_overlap);
  g_test_add_func ("/core/timesheet/leave/roster", test_leave_roster);
  g_test_add_func ("/core/timesheet/payroll/period", test_payroll_period);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/timesheet/clock", test_clock);
  ADD ("/core/timesheet/week", test_week);
  ADD ("/core/timesheet/week/incomplete", test_week_incomplete);
  ADD ("/core/timesheet/decide", test_decide);
  ADD ("/core/timesheet/leave", test_leave);
  ADD ("/core/timesheet/payroll", test_payroll);
  ADD ("/core/timesheet/lock", test_lock);
#undef ADD

  return g_test_run ();
}
