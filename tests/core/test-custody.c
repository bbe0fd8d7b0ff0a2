/* test-custody.c
 *
 * The custody chain of a case: who holds the family, a member and a document after a
 * sequence of hand-offs (only completed ones move custody; declined and pending ones do
 * not), the trail's order, the URM rule, answering hand-offs, and the families still with
 * a staff member near the end of the shift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"

#define ME "11111111-1111-4111-8111-111111111111"
#define BOB "22222222-2222-4222-8222-222222222222"
#define P1 "33333333-3333-4333-8333-333333333333"
#define P2 "44444444-4444-4444-8444-444444444444"
#define MAX_HANDOFFS 4

typedef struct
{
  const char *person_id;
  const char *to_kind;
  const char *to_staff_id;
  const char *to_party;
  const char *state;
  const char *at;
  const char *documents;  /* comma-separated, or NULL */
} HandoffSpec;


/*
 * Auxiliary methods
 */

static PoeRecord *
new_case (const char *sensitivity,
          const char *status,
          const char *assigned)
{
  PoeRecord *kase = poe_record_new ("case");
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *number = g_strdup_printf ("US-2026-%.6s", id);
  const char *ids[] = { assigned, NULL };

  poe_record_set_id (kase, id);
  poe_record_set_string (kase, "case_number", number);
  poe_record_set_string (kase, "poe", "JFK");
  poe_record_set_string (kase, "branch", "final");
  poe_record_set_string (kase, "sensitivity", sensitivity);
  poe_record_set_string (kase, "status", status);
  if (assigned != NULL)
    poe_record_set_strv (kase, "assigned_staff_ids", ids);

  return kase;
}

static PoeRecord *
new_handoff (PoeRecord         *kase,
             const HandoffSpec *spec)
{
  PoeRecord *handoff = poe_record_new ("handoff");
  g_autofree char *id = poe_uuid_new ();
  g_auto(GStrv) documents = spec->documents ? g_strsplit (spec->documents, ",", -1) : NULL;

  poe_record_set_id (handoff, id);
  poe_record_set_string (handoff, "case_id", poe_record_get_id (kase));
  poe_record_set_string (handoff, "person_id", spec->person_id);
  poe_record_set_string (handoff, "from_party", "Reception");
  poe_record_set_string (handoff, "to_kind", spec->to_kind);
  poe_record_set_string (handoff, "to_staff_id", spec->to_staff_id);
  poe_record_set_string (handoff, "to_party", spec->to_party);
  poe_record_set_string (handoff, "state", spec->state);
  poe_record_set_string (handoff, "at", spec->at ? spec->at : "2026-11-24T14:00:00Z");
  poe_record_set_string (handoff, "given_by", ME);
  poe_record_set_strv (handoff, "documents", (const char * const *) documents);

  return handoff;
}

static GPtrArray *
new_handoffs (PoeRecord         *kase,
              const HandoffSpec *specs)
{
  GPtrArray *handoffs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < MAX_HANDOFFS && specs[i].to_kind != NULL; i++)
    g_ptr_array_add (handoffs, new_handoff (kase, &specs[i]));

  return handoffs;
}


/*
 * Tests
 */

static void
test_chain (void)
{
  static const struct {
    const char *name;
    HandoffSpec handoffs[MAX_HANDOFFS];
    const char *family;      /* to_party of the family's holder; NULL: reception */
    const char *p1;          /* of member P1 */
    const char *passport;    /* of the family's passports */
    const char *p1_passport; /* of P1's passport */
    guint n_pending;
    const char *first;       /* to_party of the trail's first hand-off */
  } cases[] = {
    { "none", { { 0 } }, NULL, NULL, NULL, NULL, 0, NULL },
    { "pending-staff", {
        { NULL, "staff", BOB, "Bob", "pending", NULL, "passport" },
      }, NULL, NULL, NULL, NULL, 1, "Bob" },
    { "accepted-staff", {
        { NULL, "staff", BOB, "Bob", "accepted", NULL, "passport" },
      }, "Bob", "Bob", "Bob", "Bob", 0, "Bob" },
    { "declined-keeps", {
        { NULL, "staff", BOB, "Bob", "declined", NULL, "passport" },
      }, NULL, NULL, NULL, NULL, 0, "Bob" },
    { "outside-pending", {
        { NULL, "ra", NULL, "RA caseworker", "pending", NULL, NULL },
      }, NULL, NULL, NULL, NULL, 1, "RA caseworker" },
    { "outside-confirmed", {
        { NULL, "ra", NULL, "RA caseworker", "confirmed", NULL, NULL },
      }, "RA caseworker", "RA caseworker", NULL, NULL, 0, "RA caseworker" },
    /* Given out of order: the trail and custody follow the times. */
    { "later-wins", {
        { NULL, "escort", NULL, "Escort", "confirmed", "2026-11-24T16:00:00Z", "i94" },
        { NULL, "staff", BOB, "Bob", "accepted", "2026-11-24T15:00:00Z", "passport,i94" },
      }, "Escort", "Escort", "Bob", "Bob", 0, "Bob" },
    { "declined-after-accepted", {
        { NULL, "staff", BOB, "Bob", "accepted", "2026-11-24T15:00:00Z", "passport" },
        { NULL, "ra", NULL, "RA", "declined", "2026-11-24T16:00:00Z", "passport" },
      }, "Bob", "Bob", "Bob", "Bob", 0, "Bob" },
    /* A member handed off alone stays where they went when the family moves on. */
    { "member-apart", {
        { P1, "relative", NULL, "Uncle", "confirmed", "2026-11-24T15:00:00Z", "passport" },
        { NULL, "ra", NULL, "RA", "confirmed", "2026-11-24T16:00:00Z", "passport" },
      }, "RA", "Uncle", "RA", "Uncle", 0, "Uncle" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) kase = new_case ("none", "in_progress", ME);
      g_autoptr(GPtrArray) handoffs = new_handoffs (kase, cases[i].handoffs);
      g_autoptr(PoeCustody) custody = poe_custody_new (kase, handoffs);
      const PoeCustodyHolder *family = poe_custody_get_holder (custody, NULL);
      const PoeCustodyHolder *p1 = poe_custody_get_holder (custody, P1);
      const PoeCustodyHolder *p2 = poe_custody_get_holder (custody, P2);
      const PoeCustodyHolder *passport = poe_custody_get_document_holder (custody, "passport", NULL);
      const PoeCustodyHolder *p1_passport = poe_custody_get_document_holder (custody, "passport", P1);
      GPtrArray *trail = poe_custody_get_trail (custody);

      g_test_message ("case %s", cases[i].name);
      g_assert_cmpstr (family->name, ==, cases[i].family);
      g_assert_cmpstr (family->kind, ==, cases[i].family ? family->kind : "reception");
      g_assert_true ((family->handoff != NULL) == (cases[i].family != NULL));
      g_assert_cmpstr (p1->name, ==, cases[i].p1);
      g_assert_true (p2 == family);
      g_assert_cmpstr (passport->name, ==, cases[i].passport);
      g_assert_cmpstr (p1_passport->name, ==, cases[i].p1_passport);
      g_assert_cmpuint (poe_custody_get_pending (custody)->len, ==, cases[i].n_pending);
      g_assert_cmpuint (trail->len, ==, handoffs->len);
      if (cases[i].first != NULL)
        g_assert_cmpstr (poe_record_get_string (g_ptr_array_index (trail, 0), "to_party"), ==, cases[i].first);
    }
}

static void
test_check_handoff (void)
{
  static const struct {
    const char *sensitivity;
    const char *to_kind;
    const char *to_staff_id;
    const char *party, *organisation, *phone;
    int code;  /* -1: allowed */
  } cases[] = {
    { "none", "staff", BOB, "Bob", NULL, NULL, -1 },
    { "none", "staff", NULL, "Bob", NULL, NULL, POE_CUSTODY_ERROR_NO_RECEIVER },
    { "none", "ra", NULL, "RA caseworker", NULL, NULL, -1 },
    { "none", "ra", NULL, "  ", NULL, NULL, POE_CUSTODY_ERROR_NO_RECEIVER },
    { "none", "urm_provider", NULL, "Foster carer", NULL, NULL, -1 },
    { "urm", "urm_provider", NULL, "Foster carer", "Lutheran Foster Care", "+1 555 0100", -1 },
    { "urm", "urm_provider", NULL, "Foster carer", "Lutheran Foster Care", NULL, POE_CUSTODY_ERROR_URM_PROVIDER },
    { "urm", "urm_provider", NULL, "Foster carer", "Lutheran Foster Care", "555", POE_CUSTODY_ERROR_URM_PROVIDER },
    { "urm", "urm_provider", NULL, "Foster carer", " ", "+1 555 0100", POE_CUSTODY_ERROR_URM_PROVIDER },
    { "urm", "urm_provider", NULL, NULL, "Lutheran Foster Care", "+1 555 0100", POE_CUSTODY_ERROR_URM_PROVIDER },
    { "urm", "staff", BOB, "Bob", NULL, NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) kase = new_case (cases[i].sensitivity, "in_progress", ME);
      HandoffSpec spec = { NULL, cases[i].to_kind, cases[i].to_staff_id, cases[i].party, "pending" };
      g_autoptr(PoeRecord) handoff = new_handoff (kase, &spec);
      g_autoptr(GError) error = NULL;

      poe_record_set_string (handoff, "to_organisation", cases[i].organisation);
      poe_record_set_string (handoff, "to_phone", cases[i].phone);

      g_test_message ("case %u", i);
      if (cases[i].code < 0)
        {
          g_assert_true (poe_handoff_check (kase, handoff, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (poe_handoff_check (kase, handoff, &error));
          g_assert_error (error, POE_CUSTODY_ERROR, cases[i].code);
        }
    }
}

static void
test_check_status (void)
{
  static const struct {
    const char *sensitivity;
    const char *case_status;
    const char *status;
    HandoffSpec handoff;
    int refused;      /* -1: allowed, else the error code */
  } cases[] = {
    { "urm", "in_progress", "handed_over", { 0 }, POE_CUSTODY_ERROR_URM_NOT_HANDED },
    { "urm", "in_progress", "closed", { 0 }, POE_CUSTODY_ERROR_URM_NOT_HANDED },
    { "urm", "handed_over", "closed", { 0 }, POE_CUSTODY_ERROR_URM_NOT_HANDED },
    { "urm", "in_progress", "in_progress", { 0 }, -1 },
    { "urm", "in_progress", "handed_over", { NULL, "urm_provider", NULL, "Carer", "pending" }, POE_CUSTODY_ERROR_URM_NOT_HANDED },
    { "urm", "in_progress", "handed_over", { NULL, "urm_provider", NULL, "Carer", "declined" }, POE_CUSTODY_ERROR_URM_NOT_HANDED },
    { "urm", "in_progress", "handed_over", { NULL, "urm_provider", NULL, "Carer", "confirmed" }, -1 },
    { "urm", "in_progress", "closed", { NULL, "urm_provider", NULL, "Carer", "accepted" }, -1 },
    { "urm", "in_progress", "handed_over", { P1, "urm_provider", NULL, "Carer", "confirmed" }, -1 },
    { "urm", "in_progress", "handed_over", { NULL, "staff", BOB, "Bob", "accepted" }, POE_CUSTODY_ERROR_URM_NOT_HANDED },
    { "none", "in_progress", "handed_over", { 0 }, -1 },
    /* A case closes once handed over: by its status or a completed outside hand-off. */
    { "protection", "in_progress", "closed", { 0 }, POE_CUSTODY_ERROR_NOT_HANDED },
    { "none", "in_progress", "closed", { NULL, "staff", BOB, "Bob", "accepted" }, POE_CUSTODY_ERROR_NOT_HANDED },
    { "none", "in_progress", "closed", { NULL, "ra", NULL, "RA", "pending" }, POE_CUSTODY_ERROR_NOT_HANDED },
    { "none", "in_progress", "closed", { P1, "ra", NULL, "RA", "confirmed" }, POE_CUSTODY_ERROR_NOT_HANDED },
    { "none", "in_progress", "closed", { NULL, "ra", NULL, "RA", "confirmed" }, -1 },
    { "protection", "handed_over", "closed", { 0 }, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) kase = new_case (cases[i].sensitivity, cases[i].case_status, ME);
      HandoffSpec specs[MAX_HANDOFFS] = { cases[i].handoff };
      g_autoptr(GPtrArray) handoffs = new_handoffs (kase, specs);
      g_autoptr(PoeCustody) custody = poe_custody_new (kase, handoffs);
      g_autoptr(GError) error = NULL;
      gboolean allowed = poe_custody_check_status (custody, cases[i].status, &error);

      g_test_message ("case %u", i);
      g_assert_cmpint (allowed, ==, cases[i].refused < 0);
      if (!allowed)
        g_assert_error (error, POE_CUSTODY_ERROR, cases[i].refused);
    }
}

typedef enum { ACCEPT, DECLINE, CONFIRM } Answer;

static void
test_answer (void)
{
  static const struct {
    Answer answer;
    const char *to_staff_id;
    const char *state;
    const char *by;
    const char *reason;
    int code;            /* -1: allowed */
    const char *result;  /* state afterwards */
  } cases[] = {
    { ACCEPT, BOB, "pending", BOB, NULL, -1, "accepted" },
    { ACCEPT, BOB, "pending", ME, NULL, POE_CUSTODY_ERROR_NOT_ALLOWED, "pending" },
    { ACCEPT, BOB, "accepted", BOB, NULL, POE_CUSTODY_ERROR_NOT_PENDING, "accepted" },
    { DECLINE, BOB, "pending", BOB, "Still on the previous family", -1, "declined" },
    { DECLINE, BOB, "pending", BOB, "   ", POE_CUSTODY_ERROR_NO_REASON, "pending" },
    { DECLINE, BOB, "pending", ME, "No", POE_CUSTODY_ERROR_NOT_ALLOWED, "pending" },
    { CONFIRM, NULL, "pending", ME, NULL, -1, "confirmed" },
    { CONFIRM, NULL, "pending", BOB, NULL, POE_CUSTODY_ERROR_NOT_ALLOWED, "pending" },
    { CONFIRM, BOB, "pending", ME, NULL, POE_CUSTODY_ERROR_NOT_ALLOWED, "pending" },
    { CONFIRM, NULL, "confirmed", ME, NULL, POE_CUSTODY_ERROR_NOT_PENDING, "confirmed" },
  };
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 11, 24, 14, 30, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) kase = new_case ("none", "in_progress", ME);
      HandoffSpec spec = { NULL, cases[i].to_staff_id ? "staff" : "ra", cases[i].to_staff_id, "Receiver", cases[i].state };
      g_autoptr(PoeRecord) handoff = new_handoff (kase, &spec);
      g_autoptr(GError) error = NULL;
      gboolean ok = FALSE;

      switch (cases[i].answer)
        {
        case ACCEPT:
          ok = poe_handoff_accept (handoff, cases[i].by, "Bob B.", at, &error);
          break;
        case DECLINE:
          ok = poe_handoff_decline (handoff, cases[i].by, "Bob B.", cases[i].reason, at, &error);
          break;
        case CONFIRM:
          ok = poe_handoff_confirm (handoff, cases[i].by, at, &error);
          break;
        default:
          g_assert_not_reached ();
        }

      g_test_message ("case %u", i);
      g_assert_cmpstr (poe_record_get_string (handoff, "state"), ==, cases[i].result);
      if (cases[i].code >= 0)
        {
          g_assert_false (ok);
          g_assert_error (error, POE_CUSTODY_ERROR, cases[i].code);
          continue;
        }

      g_assert_true (ok);
      g_assert_cmpstr (poe_record_get_string (handoff, "acknowledged_at"), ==, "2026-11-24T14:30:00Z");
      g_assert_cmpstr (poe_record_get_string (handoff, "acknowledged_by"), ==,
                       cases[i].answer == CONFIRM ? "Receiver" : "Bob B.");
      if (cases[i].answer == DECLINE)
        g_assert_cmpstr (poe_record_get_string (handoff, "decline_reason"), ==, cases[i].reason);
      g_assert_true (poe_record_validate (handoff, NULL));
    }
}

static void
test_awaits (void)
{
  static const struct {
    const char *to_staff_id;
    const char *state;
    const char *who;
    gboolean awaits;
  } cases[] = {
    { BOB, "pending", BOB, TRUE },
    { BOB, "pending", ME, FALSE },
    { BOB, "accepted", BOB, FALSE },
    { NULL, "pending", ME, TRUE },
    { NULL, "pending", BOB, FALSE },
    { NULL, "confirmed", ME, FALSE },
    { BOB, "pending", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) kase = new_case ("none", "in_progress", ME);
      HandoffSpec spec = { NULL, "staff", cases[i].to_staff_id, "Receiver", cases[i].state };
      g_autoptr(PoeRecord) handoff = new_handoff (kase, &spec);

      g_test_message ("case %u", i);
      g_assert_cmpint (poe_handoff_awaits (handoff, cases[i].who), ==, cases[i].awaits);
    }
}

static void
test_near_shift_end (void)
{
  static const struct {
    int now_minute;   /* minutes after 14:00 */
    int margin;       /* minutes */
    gboolean near;
  } cases[] = {
    { 0, 60, FALSE },
    { 119, 60, FALSE },
    { 120, 60, TRUE },
    { 150, 60, TRUE },
    { 180, 60, TRUE },
    { 240, 60, TRUE },
    { 179, 0, FALSE },
    { 180, 0, TRUE },
  };
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 24, 14, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_minutes (start, cases[i].now_minute);

      g_test_message ("case %u", i);
      g_assert_cmpint (poe_custody_is_near_shift_end (now, end, cases[i].margin * G_TIME_SPAN_MINUTE), ==,
                       cases[i].near);
    }
  g_assert_false (poe_custody_is_near_shift_end (start, NULL, G_TIME_SPAN_HOUR));
}

static void
import (PoeStore  *store,
        PoeRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_store_import (store, record, &error));
  g_assert_no_error (error);
}

static void
test_list_due (void)
{
  static const struct {
    const char *status;
    const char *assigned;
    HandoffSpec handoff;
    gboolean mine;   /* due for ME */
    gboolean team;   /* due for the whole team */
  } cases[] = {
    { "in_progress", ME, { 0 }, TRUE, TRUE },
    { "in_progress", BOB, { 0 }, FALSE, TRUE },
    { "in_progress", NULL, { 0 }, FALSE, TRUE },
    { "in_progress", ME, { NULL, "staff", BOB, "Bob", "accepted" }, FALSE, TRUE },
    { "in_progress", ME, { NULL, "staff", BOB, "Bob", "pending" }, TRUE, TRUE },
    { "in_progress", ME, { NULL, "staff", BOB, "Bob", "declined" }, TRUE, TRUE },
    { "in_progress", BOB, { NULL, "staff", ME, "Me", "accepted" }, TRUE, TRUE },
    { "in_progress", ME, { NULL, "ra", NULL, "RA", "confirmed" }, FALSE, FALSE },
    { "handed_over", ME, { 0 }, FALSE, FALSE },
    { "expected", ME, { 0 }, FALSE, FALSE },
    { "closed", ME, { 0 }, FALSE, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-custody-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(PoeStore) store = poe_store_open (path, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) end = g_date_time_new_utc (2026, 11, 24, 22, 30, 0);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 11, 24, 20, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 11, 24, 22, 0, 0);
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) kase = new_case ("none", cases[i].status, cases[i].assigned);

      import (store, kase);
      g_ptr_array_add (ids, g_strdup (poe_record_get_id (kase)));
      if (cases[i].handoff.to_kind != NULL)
        {
          g_autoptr(PoeRecord) handoff = new_handoff (kase, &cases[i].handoff);

          import (store, handoff);
        }
    }

  none = poe_custody_list_due (store, ME, early, end, 30 * G_TIME_SPAN_MINUTE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  for (guint team = 0; team < 2; team++)
    {
      g_autoptr(GPtrArray) due = poe_custody_list_due (store, team ? NULL : ME, late, end,
                                                       30 * G_TIME_SPAN_MINUTE, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          gboolean found = FALSE;

          for (guint j = 0; j < due->len; j++)
            found |= g_str_equal (poe_record_get_id (g_ptr_array_index (due, j)), ids->pdata[i]);

          g_test_message ("case %u, team %u", i, team);
          g_assert_cmpint (found, ==, team ? cases[i].team : cases[i].mine);
        }
    }

  g_assert_finalize_object (g_steal_pointer (&store));
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/custody/chain", test_chain);
  g_test_add_func ("/core/custody/check-handoff", test_check_handoff);
  g_test_add_func ("/core/custody/check-status", test_check_status);
  g_test_add_func ("/core/custody/answer", test_answer);
  g_test_add_func ("/core/custody/awaits", test_awaits);
  g_test_add_func ("/core/custody/near-shift-end", test_near_shift_end);
  g_test_add_func ("/core/custody/list-due", test_list_due);

  return g_test_run ();
}
