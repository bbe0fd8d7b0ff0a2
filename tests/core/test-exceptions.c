/* test-exceptions.c
 *
 * The exception path of a case (rules/poe-exceptions.c, rules/poe-overnight.c): when a
 * missed connection is proposed; recording it, a rebooking and a switch of branch, each one
 * transaction with its outbox mutations and history event, nothing written on bad input;
 * the onward segment after a rebooking; the overnight stay's and ground transport's checks;
 * the special-meal codes in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

#define ME "11111111-1111-4111-8111-111111111111"

typedef struct
{
  char      *dir;
  PoeStore  *store;
  PoeRecord *kase;
  PoeRecord *onward;
  PoeRecord *p1;
  PoeRecord *p2;
  PoeRecord *p3;
} Fixture;


/*
 * Auxiliary methods
 */

static GDateTime *
at (const char *iso)
{
  return poe_time_parse_iso8601 (iso);
}

static void
import (PoeStore  *store,
        PoeRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_import (store, record, &error));
  g_assert_no_error (error);
}

static PoeRecord *
new_person (PoeRecord  *kase,
            const char *surname)
{
  PoeRecord *person = poe_record_new ("person");

  poe_record_set_string (person, "case_id", poe_record_get_id (kase));
  poe_record_set_string (person, "surname", surname);
  poe_record_set_string (person, "cbp_status", "secondary");
  return person;
}

static PoeRecord *
new_voucher (Fixture    *fixture,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *voucher = poe_record_new ("voucher");

  poe_record_set_string (voucher, "case_id", poe_record_get_id (fixture->kase));
  poe_record_set_string (voucher, "kind", kind);
  poe_record_set_string (voucher, "serial", "V-0001");
  poe_record_set_string (voucher, "amount", "120.00");
  poe_record_set_string (voucher, "currency", "USD");
  poe_record_set_string (voucher, "at", "2026-11-24T23:00:00Z");
  g_assert_true (poe_store_save (fixture->store, voucher, &error));
  g_assert_no_error (error);
  return voucher;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("test-exceptions-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (fixture->store, ME, "agent");

  fixture->kase = poe_record_new ("case");
  poe_record_set_string (fixture->kase, "case_number", "SYN-0042");
  poe_record_set_string (fixture->kase, "poe", "JFK");
  poe_record_set_string (fixture->kase, "branch", "connect");
  poe_record_set_string (fixture->kase, "sensitivity", "none");
  poe_record_set_string (fixture->kase, "status", "in_progress");
  import (fixture->store, fixture->kase);

  fixture->onward = poe_record_new ("segment");
  poe_record_set_string (fixture->onward, "case_id", poe_record_get_id (fixture->kase));
  poe_record_set_string (fixture->onward, "leg", "domestic_connection");
  poe_record_set_string (fixture->onward, "carrier", "AA");
  poe_record_set_string (fixture->onward, "number", "1234");
  poe_record_set_string (fixture->onward, "origin", "JFK");
  poe_record_set_string (fixture->onward, "destination", "ORD");
  poe_record_set_string (fixture->onward, "scheduled_departure", "2026-11-24T22:00:00Z");
  poe_record_set_string (fixture->onward, "status", "scheduled");
  import (fixture->store, fixture->onward);

  fixture->p1 = new_person (fixture->kase, "Synthone");
  fixture->p2 = new_person (fixture->kase, "Synthtwo");
  fixture->p3 = new_person (fixture->kase, "Synththree");
  import (fixture->store, fixture->p1);
  import (fixture->store, fixture->p2);
  import (fixture->store, fixture->p3);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup (poe_store_get_path (fixture->store));

  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->onward);
  g_clear_object (&fixture->p1);
  g_clear_object (&fixture->p2);
  g_clear_object (&fixture->p3);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
missed_due (Fixture    *fixture,
            const char *now_iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  g_autoptr(GDateTime) now = at (now_iso);

  snapshot = poe_family_snapshot_load (fixture->store, poe_record_get_id (fixture->kase), now, &error);
  g_assert_no_error (error);
  return poe_exception_missed_is_due (snapshot->kase, snapshot->onward, snapshot->state, now);
}

static void
tick (Fixture    *fixture,
      const char *step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");

  poe_record_set_string (event, "case_id", poe_record_get_id (fixture->kase));
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", "done");
  poe_record_set_string (event, "at", "2026-11-24T21:50:00Z");
  g_assert_true (poe_store_save (fixture->store, event, &error));
  g_assert_no_error (error);
}

static PoeRecord *
get (Fixture    *fixture,
     const char *entity,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  PoeRecord *record = poe_store_get (fixture->store, entity, id, &error);

  g_assert_no_error (error);
  return record;
}

static GPtrArray *
history (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *events = poe_exception_list_history (fixture->store, poe_record_get_id (fixture->kase), &error);

  g_assert_no_error (error);
  return events;
}


/*
 * Tests: missed connection, rebooking, branch
 */

static void
test_missed_due (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PoeRecord) later = poe_record_copy (fixture->onward);

  g_assert_false (missed_due (fixture, "2026-11-24T21:59:00Z"));
  g_assert_true (missed_due (fixture, "2026-11-24T22:01:00Z"));

  /* Delayed: the estimated departure counts. */
  poe_record_set_string (later, "estimated_departure", "2026-11-24T23:00:00Z");
  import (fixture->store, later);
  g_assert_false (missed_due (fixture, "2026-11-24T22:30:00Z"));
  g_assert_true (missed_due (fixture, "2026-11-24T23:01:00Z"));

  /* Boarded: nothing to propose. */
  tick (fixture, POE_STEP_ONWARD_BOARDED);
  g_assert_false (missed_due (fixture, "2026-11-24T23:30:00Z"));
}

static void
test_missed_not_due (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PoeRecord) kase = poe_record_copy (fixture->kase);
  g_autoptr(PoeRecord) missed = poe_record_copy (fixture->onward);
  g_autoptr(GDateTime) now = at ("2026-11-25T02:00:00Z");

  /* Not connecting, no onward, already missed: never proposed. */
  poe_record_set_string (kase, "branch", "overnight");
  g_assert_false (poe_exception_missed_is_due (kase, fixture->onward, NULL, now));
  g_assert_false (poe_exception_missed_is_due (fixture->kase, NULL, NULL, now));
  g_assert_true (poe_exception_missed_is_due (fixture->kase, fixture->onward, NULL, now));
  poe_record_set_string (missed, "status", "missed");
  g_assert_false (poe_exception_missed_is_due (fixture->kase, missed, NULL, now));
}

static void
test_record_missed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at ("2026-11-25T02:00:00Z");
  g_autoptr(PoeRecord) segment = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint pending = poe_store_count_pending (fixture->store);
  PoeRecord *event;

  g_assert_true (poe_exception_record_missed (fixture->store, fixture->kase, fixture->onward,
                                              "Secondary ran late", now, &error));
  g_assert_no_error (error);

  segment = get (fixture, "segment", poe_record_get_id (fixture->onward));
  g_assert_cmpstr (poe_record_get_string (segment, "status"), ==, "missed");
  events = history (fixture);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (poe_record_get_string (event, "kind"), ==, "missed_connection");
  g_assert_cmpstr (poe_record_get_string (event, "segment_id"), ==, poe_record_get_id (fixture->onward));
  g_assert_cmpstr (poe_record_get_string (event, "reason"), ==, "Secondary ran late");
  g_assert_cmpstr (poe_record_get_string (event, "by"), ==, ME);
  /* Segment and event, each with its mutation for the server. */
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 2);
  g_assert_true (poe_store_is_pending (fixture->store, "case_event", poe_record_get_id (event)));

  g_assert_false (poe_exception_record_missed (fixture->store, fixture->kase, NULL, NULL, now, &error));
  g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_NO_ONWARD);
}

static void
test_rebook (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at ("2026-11-25T02:00:00Z");
  g_autoptr(GDateTime) departure = at ("2026-11-25T12:15:00Z");
  g_autoptr(PoeRecord) segment = NULL;
  g_autoptr(PoeRecord) old = NULL;
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) events = NULL;
  PoeRebooking rebooking = { "ua", "512", "ord", departure, NULL, "k7qx2m", "23A-23C", "Next morning" };
  g_autoptr(PoeChecklistTemplate) template = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  const char *case_ids[] = { poe_record_get_id (fixture->kase), NULL };
  const PoeCaseSummary *summary;
  PoeRecord *event;

  segment = poe_exception_rebook (fixture->store, fixture->kase, fixture->onward, &rebooking, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (poe_record_get_string (segment, "carrier"), ==, "UA");
  g_assert_cmpstr (poe_record_get_string (segment, "destination"), ==, "ORD");
  g_assert_cmpstr (poe_record_get_string (segment, "booking_ref"), ==, "K7QX2M");
  g_assert_cmpstr (poe_record_get_string (segment, "seats"), ==, "23A-23C");
  g_assert_cmpstr (poe_record_get_string (segment, "origin"), ==, "JFK");

  /* The old segment stays, pointing at its successor, which is now the onward one. */
  old = get (fixture, "segment", poe_record_get_id (fixture->onward));
  g_assert_cmpstr (poe_record_get_string (old, "replaced_by"), ==, poe_record_get_id (segment));
  snapshot = poe_family_snapshot_load (fixture->store, poe_record_get_id (fixture->kase), now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshot->segments->len, ==, 2);
  g_assert_cmpstr (poe_record_get_id (snapshot->onward), ==, poe_record_get_id (segment));
  g_assert_false (poe_exception_missed_is_due (snapshot->kase, snapshot->onward, snapshot->state, now));

  /* The board's family summary reads the new departure too. */
  template = poe_checklist_template_new_default ();
  summaries = poe_store_list_case_summaries_for_cases (fixture->store, template, case_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  summary = g_ptr_array_index (summaries, 0);
  g_assert_true (summary->has_onward_departure);
  g_assert_cmpint (summary->onward_departure, ==, g_date_time_to_unix (departure));

  events = history (fixture);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (poe_record_get_string (event, "kind"), ==, "rebooked");
  g_assert_cmpstr (poe_record_get_string (event, "segment_id"), ==, poe_record_get_id (segment));
  g_assert_cmpstr (poe_record_get_string (event, "previous_segment_id"), ==, poe_record_get_id (fixture->onward));
}

static void
test_rebook_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) now = at ("2026-11-25T02:00:00Z");
  g_autoptr(GDateTime) past = at ("2026-11-25T01:00:00Z");
  g_autoptr(GDateTime) later = at ("2026-11-25T12:00:00Z");
  g_autoptr(GDateTime) earlier = at ("2026-11-25T11:00:00Z");
  guint pending = poe_store_count_pending (fixture->store);
  const PoeRebooking bad[] = {
    { NULL, "512", "ORD", later },
    { "UA", "", "ORD", later },
    { "UA", "512", "Chicago", later },
    { "UA", "512", "ORD", NULL },
    { "UA", "512", "ORD", past },
    { "UA", "512", "ORD", later, earlier },
    { "UA", "512", "ORD", later, NULL, "K7-Q" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PoeRecord) segment = poe_exception_rebook (fixture->store, fixture->kase, fixture->onward,
                                                           &bad[i], now, &error);

      g_test_message ("rebooking %u", i);
      g_assert_null (segment);
      g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID);
    }

  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending);
}

static void
test_switch_branch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = at ("2026-11-25T02:00:00Z");
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  const PoeChecklistStep *hotel;
  PoeRecord *event;

  g_assert_false (poe_exception_switch_branch (fixture->store, fixture->kase, "overnight", "  ", now, &error));
  g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_NO_REASON);
  g_clear_error (&error);
  g_assert_false (poe_exception_switch_branch (fixture->store, fixture->kase, "connect", "why", now, &error));
  g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_SAME_BRANCH);
  g_clear_error (&error);
  g_assert_false (poe_exception_switch_branch (fixture->store, fixture->kase, "train", "why", now, &error));
  g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID);
  g_clear_error (&error);
  kase = get (fixture, "case", poe_record_get_id (fixture->kase));
  g_assert_cmpstr (poe_record_get_string (kase, "branch"), ==, "connect");
  g_clear_object (&kase);

  g_assert_true (poe_exception_switch_branch (fixture->store, fixture->kase, "overnight",
                                              "Missed the last flight to ORD", now, &error));
  g_assert_no_error (error);
  kase = get (fixture, "case", poe_record_get_id (fixture->kase));
  g_assert_cmpstr (poe_record_get_string (kase, "branch"), ==, "overnight");
  events = history (fixture);
  g_assert_cmpuint (events->len, ==, 1);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (poe_record_get_string (event, "kind"), ==, "branch_changed");
  g_assert_cmpstr (poe_record_get_string (event, "from_branch"), ==, "connect");
  g_assert_cmpstr (poe_record_get_string (event, "to_branch"), ==, "overnight");
  g_assert_cmpstr (poe_record_get_string (event, "reason"), ==, "Missed the last flight to ORD");

  /* The checklist follows: the hotel steps apply, the gate ones no longer. */
  snapshot = poe_family_snapshot_load (fixture->store, poe_record_get_id (kase), now, &error);
  g_assert_no_error (error);
  hotel = poe_checklist_template_lookup_step (snapshot->template, "onward.hotel_checkin");
  g_assert_true (poe_checklist_step_applies (hotel, poe_record_get_string (snapshot->kase, "branch")));
  g_assert_false (poe_checklist_step_applies (poe_checklist_template_lookup_step (snapshot->template, POE_STEP_AT_GATE),
                                              poe_record_get_string (snapshot->kase, "branch")));
}


/*
 * Tests: overnight stay, ground transport, meal codes
 */

static PoeRecord *
new_stay (Fixture *fixture)
{
  PoeRecord *stay = poe_record_new ("overnight_stay");
  const char *ids[] = { poe_record_get_id (fixture->p1), poe_record_get_id (fixture->p2),
                        poe_record_get_id (fixture->p3), NULL };
  const char *rooms[] = { "412", " 412 ", "414" };
  const char *meals[] = { "MOML", NULL, "BBML" };

  poe_record_set_string (stay, "case_id", poe_record_get_id (fixture->kase));
  poe_record_set_string (stay, "hotel", "Synthetic Airport Inn");
  poe_record_set_string (stay, "check_in", "2026-11-25T02:30:00Z");
  poe_overnight_set_rooms (stay, ids, rooms);
  poe_overnight_set_meals (stay, ids, meals);
  poe_record_set_string (stay, "pickup_at", "2026-11-25T10:00:00Z");
  poe_record_set_string (stay, "transport", "Hotel shuttle");
  return stay;
}

static void
assert_stay_invalid (Fixture   *fixture,
                     PoeRecord *stay)
{
  g_autoptr(GError) error = NULL;
  guint pending = poe_store_count_pending (fixture->store);

  g_assert_false (poe_overnight_save (fixture->store, stay, &error));
  g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending);
}

static void
test_overnight_rooms (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PoeRecord) stay = new_stay (fixture);
  g_auto(GStrv) labels = poe_overnight_dup_room_labels (stay);
  g_auto(GStrv) members = poe_overnight_dup_room_members (stay, "412");
  g_autofree char *room = poe_overnight_dup_room_of (stay, poe_record_get_id (fixture->p3));
  g_autofree char *meal = poe_overnight_dup_meal_of (stay, poe_record_get_id (fixture->p1));
  g_autofree char *none = poe_overnight_dup_meal_of (stay, poe_record_get_id (fixture->p2));

  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  g_assert_cmpstr (labels[0], ==, "412");
  g_assert_cmpstr (labels[1], ==, "414");
  g_assert_cmpuint (g_strv_length (members), ==, 2);
  g_assert_cmpstr (members[1], ==, poe_record_get_id (fixture->p2));
  g_assert_cmpstr (room, ==, "414");
  g_assert_cmpstr (meal, ==, "MOML");
  g_assert_null (none);
}

static void
test_overnight_save (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) stay = new_stay (fixture);
  g_autoptr(PoeRecord) hotel = new_voucher (fixture, "hotel");
  g_autoptr(PoeRecord) shuttle = new_voucher (fixture, "ground_transport");
  g_autoptr(PoeRecord) stored = NULL;
  g_autoptr(GHashTable) state = NULL;

  poe_record_set_string (stay, "hotel_voucher_id", poe_record_get_id (hotel));
  poe_record_set_string (stay, "transport_voucher_id", poe_record_get_id (shuttle));
  g_assert_true (poe_overnight_save (fixture->store, stay, &error));
  g_assert_no_error (error);
  g_assert_true (poe_store_is_pending (fixture->store, "overnight_stay", poe_record_get_id (stay)));
  stored = get (fixture, "overnight_stay", poe_record_get_id (stay));
  g_assert_cmpstr (poe_record_get_string (stored, "hotel_voucher_id"), ==, poe_record_get_id (hotel));
  g_assert_cmpstr (poe_record_get_string (stored, "rooms"), ==, poe_record_get_string (stay, "rooms"));

  /* The steps the stay settles are ticked with it; the check-in is for the agent to tick. */
  state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (fixture->kase), &error);
  g_assert_no_error (error);
  g_assert_true (poe_checklist_state_is_done (state, "onward.rooms", NULL));
  g_assert_true (poe_checklist_state_is_done (state, "onward.meals", NULL));
  g_assert_true (poe_checklist_state_is_done (state, "onward.next_pickup", NULL));
  g_assert_false (poe_checklist_state_is_done (state, "onward.hotel_checkin", NULL));
}

static void
test_overnight_invalid (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PoeRecord) meal = new_voucher (fixture, "meal");
  const char *ids[] = { poe_record_get_id (fixture->p1), poe_record_get_id (fixture->p2),
                        poe_record_get_id (fixture->p3), NULL };
  const char *two_rooms[] = { "412", "414", "414" };
  const char *bad_meal[] = { "XXML", NULL, NULL };
  char two_rooms_json[512];

  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(PoeRecord) stay = new_stay (fixture);

      switch (i)
        {
        case 0: poe_record_set_string (stay, "hotel", NULL); break;
        case 1: poe_record_set_string (stay, "check_in", NULL); break;
        case 2: /* a member without a room */
          poe_overnight_set_rooms (stay, ids, (const char *[]) { "412", "", "414" });
          break;
        case 3: /* a member in two rooms */
          g_snprintf (two_rooms_json, sizeof two_rooms_json, "{\"1\":[\"%s\",\"%s\"],\"2\":[\"%s\"]}",
                      ids[0], ids[1], ids[0]);
          poe_overnight_set_rooms (stay, ids, two_rooms);
          poe_record_set_string (stay, "rooms", two_rooms_json);
          break;
        case 4: poe_overnight_set_meals (stay, ids, bad_meal); break;
        case 5: poe_record_set_string (stay, "pickup_at", "2026-11-25T02:00:00Z"); break;
        case 6: poe_record_set_string (stay, "transport", NULL); break;
        case 7: poe_record_set_string (stay, "hotel_voucher_id", poe_record_get_id (meal)); break;
        case 8: poe_record_set_string (stay, "pickup_at", NULL); break;
        default: g_assert_not_reached ();
        }

      g_test_message ("stay %u", i);
      assert_stay_invalid (fixture, stay);
    }
}

static void
test_ground_transport (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PoeRecord) hotel = new_voucher (fixture, "hotel");
  g_autoptr(PoeRecord) ride = new_voucher (fixture, "ground_transport");
  g_autoptr(GError) error = NULL;
  guint pending = poe_store_count_pending (fixture->store);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PoeRecord) transport = poe_record_new ("ground_transport");

      poe_record_set_string (transport, "case_id", poe_record_get_id (fixture->kase));
      poe_record_set_string (transport, "provider", "Synthetic Cars");
      poe_record_set_string (transport, "vehicle", "Van, plate SYN 123");
      poe_record_set_string (transport, "driver_name", "Driver Synth");
      poe_record_set_string (transport, "driver_phone", "+1 718 555 0100");
      poe_record_set_string (transport, "pickup_at", "2026-11-25T11:00:00Z");
      poe_record_set_string (transport, "voucher_id", poe_record_get_id (ride));

      switch (i)
        {
        case 0: poe_record_set_string (transport, "provider", " "); break;
        case 1: poe_record_set_string (transport, "pickup_at", NULL); break;
        case 2: poe_record_set_string (transport, "driver_phone", "call the desk"); break;
        case 3: poe_record_set_string (transport, "voucher_id", poe_record_get_id (hotel)); break;
        case 4: break;
        default: g_assert_not_reached ();
        }

      g_test_message ("transport %u", i);
      if (i < 4)
        {
          g_assert_false (poe_ground_transport_save (fixture->store, transport, &error));
          g_assert_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID);
          g_clear_error (&error);
          g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending);
        }
      else
        {
          g_autoptr(GHashTable) state = NULL;

          g_assert_true (poe_ground_transport_save (fixture->store, transport, &error));
          g_assert_no_error (error);
          /* The transport and the step it settles. */
          g_assert_cmpuint (poe_store_count_pending (fixture->store), ==, pending + 2);
          state = poe_store_get_checklist_state (fixture->store, poe_record_get_id (fixture->kase), &error);
          g_assert_true (poe_checklist_state_is_done (state, "onward.ground_transport", NULL));
        }
    }
}

static void
test_meal_codes (void)
{
  const char * const *codes = poe_meal_codes ();

  g_assert_cmpstr (poe_meal_code_describe ("AVML"), ==, "Asian vegetarian meal");
  g_assert_cmpstr (poe_meal_code_describe ("MOML"), ==, "Muslim meal");
  g_assert_cmpstr (poe_meal_code_describe ("bbml"), ==, "Baby meal");
  g_assert_null (poe_meal_code_describe ("XXML"));
  g_assert_null (poe_meal_code_describe (NULL));
  g_assert_true (g_strv_contains (codes, "KSML"));
  for (guint i = 0; codes[i] != NULL; i++)
    g_assert_nonnull (poe_meal_code_describe (codes[i]));
}

static void
test_parse_time (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) time = poe_exception_parse_time (" 2026-11-25 07:15 ", zone);
  g_autofree char *iso = poe_time_format_iso8601 (time);

  g_assert_cmpstr (iso, ==, "2026-11-25T12:15:00Z");
  g_assert_null (poe_exception_parse_time ("07:15", zone));
  g_assert_null (poe_exception_parse_time ("2026-02-30 07:15", zone));
  g_assert_null (poe_exception_parse_time ("2026-11-25 25:00", zone));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/exceptions/missed/due", test_missed_due);
  ADD ("/core/exceptions/missed/not-due", test_missed_not_due);
  ADD ("/core/exceptions/missed/record", test_record_missed);
  ADD ("/core/exceptions/rebook/replaces", test_rebook);
  ADD ("/core/exceptions/rebook/invalid", test_rebook_invalid);
  ADD ("/core/exceptions/branch/switch", test_switch_branch);
  ADD ("/core/exceptions/overnight/rooms", test_overnight_rooms);
  ADD ("/core/exceptions/overnight/save", test_overnight_save);
  ADD ("/core/exceptions/overnight/invalid", test_overnight_invalid);
  ADD ("/core/exceptions/ground/check", test_ground_transport);
#undef ADD
  g_test_add_func ("/core/exceptions/meal-codes", test_meal_codes);
  g_test_add_func ("/core/exceptions/parse-time", test_parse_time);

  return g_test_run ();
}
