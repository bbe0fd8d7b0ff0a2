/* test-handover.c
 *
 * The end of a reception in the store: a completed hand-off to an outside party ticks the
 * hand-over steps in the same transaction (and a colleague's hand-off, a pending one or a
 * member's does not); closing a case follows the rule book of poe_custody_check_status().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

#define ME "11111111-1111-4111-8111-111111111111"
#define PERSON "33333333-3333-4333-8333-333333333333"

typedef struct
{
  char     *dir;
  char     *path;
  PoeStore *store;
  char     *case_id;
} Fixture;


/*
 * Auxiliary methods
 */

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) kase = poe_record_new ("case");
  g_autoptr(PoeRecord) person = poe_record_new ("person");

  fx->dir = g_dir_make_tmp ("test-handover-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_store_open (fx->path, &error);
  g_assert_no_error (error);
  poe_store_set_actor (fx->store, ME, "agent");

  fx->case_id = poe_uuid_new ();
  poe_record_set_id (kase, fx->case_id);
  poe_record_set_string (kase, "case_number", "US-2026-900001");
  poe_record_set_string (kase, "poe", "JFK");
  poe_record_set_string (kase, "branch", "final");
  poe_record_set_string (kase, "sensitivity", data ? data : "none");
  poe_record_set_string (kase, "status", "in_progress");
  g_assert_true (poe_store_import (fx->store, kase, &error));
  g_assert_no_error (error);

  poe_record_set_id (person, PERSON);
  poe_record_set_string (person, "case_id", fx->case_id);
  poe_record_set_string (person, "surname", "Demo");
  poe_record_set_string (person, "cbp_status", "pending");
  g_assert_true (poe_store_import (fx->store, person, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fx->store));
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (fx->path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
  g_free (fx->case_id);
}

static PoeRecord *
new_handoff (Fixture    *fx,
             const char *to_kind,
             const char *person_id,
             const char *documents)
{
  PoeRecord *handoff = poe_record_new ("handoff");
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *list[] = { documents, NULL };

  poe_record_set_id (handoff, id);
  poe_record_set_string (handoff, "case_id", fx->case_id);
  poe_record_set_string (handoff, "person_id", person_id);
  poe_record_set_string (handoff, "from_party", "Agent Demo");
  poe_record_set_string (handoff, "to_kind", to_kind);
  poe_record_set_string (handoff, "to_party", "Receiver Demo (synthetic)");
  if (g_str_equal (to_kind, "staff"))
    poe_record_set_string (handoff, "to_staff_id", "22222222-2222-4222-8222-222222222222");
  if (documents != NULL)
    poe_record_set_strv (handoff, "documents", list);
  poe_record_set_time (handoff, "at", now);
  poe_record_set_string (handoff, "given_by", ME);
  poe_record_set_string (handoff, "state", "pending");

  return handoff;
}

static const char *
step_value (Fixture    *fx,
            const char *step)
{
  static char value[32];
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) state = poe_store_get_checklist_state (fx->store, fx->case_id, &error);
  g_autofree char *key = poe_checklist_state_key (step, NULL);
  PoeRecord *event;

  g_assert_no_error (error);
  event = g_hash_table_lookup (state, key);
  g_strlcpy (value, event ? poe_record_get_string (event, "value") : "", sizeof value);

  return value;
}

static void
save (Fixture   *fx,
      PoeRecord *handoff)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = poe_handoff_save (fx->store, handoff, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
confirm (PoeRecord *handoff)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_handoff_confirm (handoff, ME, now, &error));
  g_assert_no_error (error);
}


/*
 * Tests
 */

static void
test_ticks (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(PoeRecord) colleague = new_handoff (fx, "staff", NULL, "passport");
  g_autoptr(PoeRecord) member = new_handoff (fx, "relative", PERSON, NULL);
  g_autoptr(PoeRecord) ra = new_handoff (fx, "ra", NULL, "passport");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint pending_before;

  /* Between colleagues, for one member, or still pending: no hand-over yet. */
  poe_record_set_string (colleague, "state", "accepted");
  save (fx, colleague);
  confirm (member);
  save (fx, member);
  save (fx, ra);
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_ACKNOWLEDGED), ==, "");
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_RECEIVER), ==, "");

  /* The giver confirms the agency has the family: the steps tick in the same write. */
  pending_before = poe_store_count_pending (fx->store);
  confirm (ra);
  save (fx, ra);
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_RECEIVER), ==, "done");
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_DOCUMENTS), ==, "done");
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_ACKNOWLEDGED), ==, "done");
  /* The hand-off and three events, each in the outbox. */
  g_assert_cmpuint (poe_store_count_pending (fx->store), ==, pending_before + 4);

  /* Saved again (e.g. a note), nothing ticks twice. */
  save (fx, ra);
  events = poe_store_list_checklist_events (fx->store, fx->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
}

static void
test_ticks_without_documents (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(PoeRecord) relative = new_handoff (fx, "relative", NULL, NULL);

  confirm (relative);
  save (fx, relative);
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_ACKNOWLEDGED), ==, "done");
  g_assert_cmpstr (step_value (fx, POE_STEP_HANDOVER_DOCUMENTS), ==, "");
}

static void
test_close (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(PoeRecord) ra = new_handoff (fx, "ra", NULL, NULL);
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (poe_case_check_close (fx->store, fx->case_id, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_HANDED);
  g_clear_error (&error);
  g_assert_false (poe_case_close (fx->store, fx->case_id, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_HANDED);
  g_clear_error (&error);

  confirm (ra);
  save (fx, ra);
  g_assert_true (poe_case_check_close (fx->store, fx->case_id, &error));
  g_assert_true (poe_case_close (fx->store, fx->case_id, &error));
  g_assert_no_error (error);
  kase = poe_store_get (fx->store, "case", fx->case_id, &error);
  g_assert_cmpstr (poe_record_get_string (kase, "status"), ==, "closed");
  g_assert_true (poe_store_is_pending (fx->store, "case", fx->case_id));
}

static void
test_close_urm (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(PoeRecord) ra = new_handoff (fx, "ra", NULL, NULL);
  g_autoptr(GError) error = NULL;

  /* Handed to the agency, not the foster-care provider: the URM rule refuses. */
  confirm (ra);
  save (fx, ra);
  g_assert_false (poe_case_close (fx->store, fx->case_id, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_URM_NOT_HANDED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/handover/ticks", Fixture, NULL, fixture_set_up, test_ticks, fixture_tear_down);
  g_test_add ("/core/handover/ticks-without-documents", Fixture, NULL, fixture_set_up,
              test_ticks_without_documents, fixture_tear_down);
  g_test_add ("/core/handover/close", Fixture, NULL, fixture_set_up, test_close, fixture_tear_down);
  g_test_add ("/core/handover/close-urm", Fixture, "urm", fixture_set_up, test_close_urm, fixture_tear_down);

  return g_test_run ();
}
