/* test-checklist.c
 *
 * The checklist templates, and the one derivation of a family's progress from its members
 * and the latest value of each step (poe_checklist_derive_progress()), checked against
 * progress worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-core.h"

static PoeRecord *
make_event (const char *step,
            const char *person_id,
            const char *value)
{
  PoeRecord *event = poe_record_new ("checklist_event");

  g_object_set (event, "step", step, "person_id", person_id, "value", value, NULL);
  return event;
}

static void
put (GHashTable *state,
     const char *step,
     const char *person_id,
     const char *value)
{
  g_hash_table_replace (state, poe_checklist_state_key (step, person_id),
                        make_event (step, person_id, value));
}

static GPtrArray *
make_persons (guint n)
{
  GPtrArray *persons = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      PoeRecord *person = poe_record_new ("person");

      g_object_set (person, "cbp_status", "pending", NULL);
      g_ptr_array_add (persons, person);
    }

  return persons;
}

static void
test_default_template (void)
{
  g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_default ();
  const PoeChecklistStep *step;
  guint per_branch[3] = { 0 };
  static const char *branches[] = { "connect", "overnight", "final" };

  g_assert_cmpuint (poe_checklist_template_get_n_groups (template), ==, 5);
  g_assert_cmpstr (poe_checklist_template_get_group (template, 0)->id, ==, "arrival");
  g_assert_cmpstr (poe_checklist_template_get_group (template, 4)->id, ==, "handover");

  step = poe_checklist_template_lookup_step (template, POE_STEP_CBP_PRIMARY_CLEARED);
  g_assert_nonnull (step);
  g_assert_true (step->per_person);
  g_assert_cmpstr (step->group, ==, "cbp");
  g_assert_null (poe_checklist_template_lookup_step (template, "cbp.nothing"));

  step = poe_checklist_template_lookup_step (template, POE_STEP_TSA_CLEARED);
  g_assert_true (poe_checklist_step_applies (step, "connect"));
  g_assert_false (poe_checklist_step_applies (step, "overnight"));
  g_assert_false (poe_checklist_step_applies (step, "final"));

  /* Each branch has onward steps of its own; every step id is group.step. */
  for (guint i = 0; i < poe_checklist_template_get_n_steps (template); i++)
    {
      const PoeChecklistStep *s = poe_checklist_template_get_step (template, i);
      g_autofree char *prefix = g_strconcat (s->group, ".", NULL);

      g_assert_true (g_str_has_prefix (s->id, prefix));
      g_assert_cmpstr (s->title, !=, "");
      for (guint b = 0; b < 3; b++)
        {
          if (s->branch != NULL && g_str_equal (s->branch, branches[b]))
            per_branch[b]++;
        }
    }

  g_assert_cmpuint (per_branch[0], ==, 4);
  g_assert_cmpuint (per_branch[1], ==, 4);
  g_assert_cmpuint (per_branch[2], ==, 2);
}

static void
test_template_json (void)
{
  static const struct {
    const char *json;
    gboolean valid;
  } cases[] = {
    { "{\"groups\":[{\"id\":\"arrival\",\"title\":\"Arrival\",\"steps\":["
      "{\"id\":\"arrival.met\",\"title\":\"Met\"},"
      "{\"id\":\"arrival.photo\",\"title\":\"Photo\",\"optional\":true}]},"
      "{\"id\":\"onward\",\"title\":\"Onward\",\"steps\":["
      "{\"id\":\"onward.tsa_cleared\",\"title\":\"TSA\",\"branch\":\"connect\"}]}]}", TRUE },
    { "", FALSE },
    { "[]", FALSE },
    { "{\"groups\":[]}", FALSE },
    { "{\"groups\":[{\"id\":\"a\",\"title\":\"A\"}]}", FALSE },
    { "{\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"steps\":[{\"id\":\"b.x\",\"title\":\"X\"}]}]}", FALSE },
    { "{\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"steps\":[{\"id\":\"a.x\"}]}]}", FALSE },
    { "{\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"steps\":[{\"id\":\"a.x\",\"title\":\"X\",\"branch\":\"sea\"}]}]}", FALSE },
    { "{\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"steps\":[{\"id\":\"a.x\",\"title\":\"X\"},{\"id\":\"a.x\",\"title\":\"Y\"}]}]}", FALSE },
    { "{\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"steps\":[\"a.x\"]}]}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_from_json (cases[i].json, &error);

      g_test_message ("case %u", i);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (poe_checklist_template_get_n_groups (template), ==, 2);
          g_assert_cmpuint (poe_checklist_template_get_n_steps (template), ==, 3);
          g_assert_true (poe_checklist_template_lookup_step (template, "arrival.photo")->optional);
        }
      else
        {
          g_assert_null (template);
          g_assert_error (error, POE_CHECKLIST_ERROR, POE_CHECKLIST_ERROR_INVALID);
        }
    }
}

static void
test_progress (void)
{
  g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_default ();
  g_autoptr(GHashTable) state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) persons = make_persons (3);
  PoeChecklistProgress progress;
  guint required;

  poe_checklist_compute_progress (template, "connect", state, persons, &progress);
  /* connect: arrival 3 + cbp 2 per person × 3 + baggage 2 + onward 4 + handover 3 */
  required = 3 + 2 * 3 + 2 + 4 + 3;
  g_assert_cmpuint (progress.n_required, ==, required);
  g_assert_cmpuint (progress.n_done, ==, 0);
  g_assert_false (progress.met);
  g_assert_false (progress.onward_done);
  g_assert_cmpuint (progress.n_persons, ==, 3);

  put (state, POE_STEP_ARRIVAL_MET, NULL, "done");
  put (state, "arrival.head_count", NULL, "not_applicable");
  put (state, POE_STEP_CBP_PRIMARY_CLEARED, poe_record_get_id (persons->pdata[0]), "done");
  put (state, POE_STEP_CBP_PRIMARY_CLEARED, poe_record_get_id (persons->pdata[1]), "undone");
  put (state, POE_STEP_CBP_SECONDARY, poe_record_get_id (persons->pdata[2]), "done");
  g_object_set (persons->pdata[0], "cbp_status", "cleared", NULL);
  g_object_set (persons->pdata[2], "cbp_status", "secondary", NULL);

  poe_checklist_compute_progress (template, "connect", state, persons, &progress);
  /* met, head count (n/a counts), one person's primary; undone and optional steps do not. */
  g_assert_cmpuint (progress.n_done, ==, 3);
  g_assert_true (progress.met);
  g_assert_cmpuint (progress.n_persons_cleared, ==, 1);
  g_assert_cmpuint (progress.n_in_secondary, ==, 1);

  put (state, POE_STEP_BAGS_RECHECKED, NULL, "done");
  put (state, POE_STEP_TSA_CLEARED, NULL, "done");
  put (state, POE_STEP_AT_GATE, NULL, "done");
  poe_checklist_compute_progress (template, "connect", state, persons, &progress);
  g_assert_true (progress.bags_rechecked && progress.tsa_cleared && progress.at_gate);
  g_assert_false (progress.onward_done);
  put (state, "onward.departure_confirmed", NULL, "done");
  poe_checklist_compute_progress (template, "connect", state, persons, &progress);
  g_assert_true (progress.onward_done);

  /* The same events say nothing about another branch's onward steps. */
  poe_checklist_compute_progress (template, "overnight", state, persons, &progress);
  g_assert_false (progress.onward_done);
  g_assert_cmpuint (progress.n_required, ==, 3 + 2 * 3 + 2 + 4 + 3);
  poe_checklist_compute_progress (template, "final", state, persons, &progress);
  g_assert_cmpuint (progress.n_required, ==, 3 + 2 * 3 + 2 + 2 + 3);

  g_assert_true (poe_checklist_state_is_done (state, POE_STEP_ARRIVAL_MET, NULL));
  g_assert_false (poe_checklist_state_is_done (state, POE_STEP_CBP_PRIMARY_CLEARED,
                                               poe_record_get_id (persons->pdata[1])));
  g_assert_false (poe_checklist_state_is_done (state, "no.such", NULL));
}

/* poe_checklist_derive_progress() over a list of events, with the progress each case must
 * give worked out by hand from the default template: per branch, arrival 3 required steps,
 * CBP 2 per person (primary, I-94; secondary and its outcome are optional), baggage 2
 * (the missing-bag claim is optional), onward 4 (connect), 4 (overnight) or 2 (final),
 * hand-over 3. */

typedef struct
{
  const char *step;
  const char *person_id;
  const char *value;
} Event;

typedef struct
{
  const char  *name;
  const char  *branch;
  guint        n_members;
  const Event *events;        /* oldest first, ending with { NULL } */
  guint        n_required;
  guint        n_done;
  guint        n_cleared;
  guint        n_in_secondary;
  gboolean     met;
  gboolean     bags_claimed;
  gboolean     bags_rechecked;
  gboolean     tsa_cleared;
  gboolean     at_gate;
  gboolean     onward_done;
  gboolean     handed_over;
} ProgressCase;

static const PoeChecklistMember members[] = {
  { "p1", "cleared" },
  { "p2", "secondary" },
  { "p3", "pending" },
};

/* The latest event of the step wins: the last one listed. */
static const char *
events_value_cb (const char *step,
                 const char *person_id,
                 gpointer    user_data)
{
  const Event *events = user_data;
  const char *value = NULL;

  for (const Event *e = events; e->step != NULL; e++)
    if (g_str_equal (e->step, step) && g_strcmp0 (e->person_id, person_id) == 0)
      value = e->value;

  return value;
}

static const Event no_events[] = { { NULL } };

static const Event arrival_and_cbp[] = {
  { POE_STEP_ARRIVAL_MET, NULL, "done" },
  { "arrival.head_count", NULL, "not_applicable" },
  { "arrival.iom_bag", NULL, "undone" },
  { "arrival.prm_met", NULL, "done" },                     /* optional: no count */
  { POE_STEP_CBP_PRIMARY_CLEARED, "p1", "done" },
  { POE_STEP_CBP_PRIMARY_CLEARED, "p2", "done" },
  { POE_STEP_CBP_PRIMARY_CLEARED, "p2", "undone" },         /* the latest wins */
  { POE_STEP_CBP_PRIMARY_CLEARED, NULL, "done" },           /* per person: no member, no count */
  { POE_STEP_CBP_SECONDARY, "p3", "done" },                 /* optional */
  { "cbp.i94_checked", "p1", "done" },
  { "cbp.i94_checked", "p2", "done" },
  { "cbp.i94_checked", "p3", "done" },
  { "cbp.i94_checked", "p4", "done" },                      /* not a member */
  { NULL }
};

static const Event connect_onward[] = {
  { POE_STEP_BAGGAGE_CLAIMED, NULL, "done" },
  { POE_STEP_BAGS_RECHECKED, NULL, "done" },
  { POE_STEP_TSA_CLEARED, NULL, "done" },
  { POE_STEP_AT_GATE, NULL, "done" },
  { "onward.departure_confirmed", NULL, "done" },
  { NULL }
};

static const Event connect_onward_undone[] = {
  { POE_STEP_BAGS_RECHECKED, NULL, "done" },
  { POE_STEP_TSA_CLEARED, NULL, "done" },
  { POE_STEP_AT_GATE, NULL, "done" },
  { "onward.departure_confirmed", NULL, "done" },
  { "onward.departure_confirmed", NULL, "undone" },
  { NULL }
};

static const Event overnight_onward[] = {
  { "onward.hotel_checkin", NULL, "done" },
  { "onward.rooms", NULL, "not_applicable" },
  { "onward.meals", NULL, "done" },
  { "onward.next_pickup", NULL, "done" },
  { POE_STEP_HANDOVER_ACKNOWLEDGED, NULL, "done" },
  { NULL }
};

static const ProgressCase progress_cases[] = {
  { "connect, nothing done", "connect", 3, no_events, 3 + 2 * 3 + 2 + 4 + 3, 0, 1, 1 },
  { "overnight, nothing done", "overnight", 3, no_events, 3 + 2 * 3 + 2 + 4 + 3, 0, 1, 1 },
  { "final, nothing done", "final", 3, no_events, 3 + 2 * 3 + 2 + 2 + 3, 0, 1, 1 },
  { "no branch: no onward step", NULL, 3, no_events, 3 + 2 * 3 + 2 + 0 + 3, 0, 1, 1 },
  { "no members: no per-person step", "connect", 0, no_events, 3 + 0 + 2 + 4 + 3, 0, 0, 0 },
  /* met, head count (not applicable counts), p1's primary, three I-94s */
  { "arrival and CBP", "connect", 3, arrival_and_cbp, 18, 1 + 1 + 1 + 3, 1, 1, TRUE },
  /* p2's events say pending, whatever its stored cbp_status: the events decide. */
  { "arrival and CBP, two members", "connect", 2, arrival_and_cbp, 3 + 2 * 2 + 2 + 4 + 3, 1 + 1 + 1 + 2, 1, 0, TRUE },
  { "connect, onward done", "connect", 3, connect_onward, 18, 5, 1, 1,
    FALSE, TRUE, TRUE, TRUE, TRUE, TRUE },
  { "connect, departure undone", "connect", 3, connect_onward_undone, 18, 3, 1, 1,
    FALSE, FALSE, TRUE, TRUE, TRUE, FALSE },
  /* Another branch's onward steps count for nothing; the milestones are what the events say. */
  { "overnight, connect's steps done", "overnight", 3, connect_onward, 18, 1, 1, 1,
    FALSE, TRUE, TRUE, TRUE, TRUE, FALSE },
  { "overnight, onward done", "overnight", 3, overnight_onward, 18, 5, 1, 1,
    FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE },
  { "final, overnight's steps done", "final", 3, overnight_onward, 3 + 2 * 3 + 2 + 2 + 3, 1, 1, 1,
    FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE },
};

/* The reception state of one person, from the events only (the stored cbp_status is
 * "pending" for every one of them), through the whole CBP path and a no-show. */
typedef struct
{
  const char  *name;
  const Event *events;
  PoeCbpState  cbp;
  gboolean     no_show;
} ReceptionCase;

static const Event cbp_primary[] = { { POE_STEP_CBP_PRIMARY_CLEARED, "p1", "done" }, { NULL } };
static const Event cbp_admitted[] = {
  { POE_STEP_CBP_PRIMARY_CLEARED, "p1", "done" },
  { POE_STEP_CBP_I94_CHECKED, "p1", "done" },
  { NULL }
};
static const Event cbp_referred[] = {
  { POE_STEP_CBP_PRIMARY_CLEARED, "p1", "done" },
  { POE_STEP_CBP_SECONDARY, "p1", "done" },
  { NULL }
};
static const Event cbp_secondary_done[] = {
  { POE_STEP_CBP_SECONDARY, "p1", "done" },
  { POE_STEP_CBP_SECONDARY_DONE, "p1", "done" },
  { NULL }
};
static const Event cbp_referral_undone[] = {
  { POE_STEP_CBP_SECONDARY, "p1", "done" },
  { POE_STEP_CBP_SECONDARY, "p1", "undone" },
  { NULL }
};
static const Event not_on_flight[] = { { POE_STEP_NO_SHOW, "p1", "done" }, { NULL } };
static const Event no_show_undone[] = {
  { POE_STEP_NO_SHOW, "p1", "done" },
  { POE_STEP_NO_SHOW, "p1", "undone" },
  { NULL }
};

static const ReceptionCase reception_cases[] = {
  { "nothing", no_events, POE_CBP_PENDING },
  { "primary cleared", cbp_primary, POE_CBP_PRIMARY_CLEARED },
  { "primary and I-94", cbp_admitted, POE_CBP_CLEARED },
  { "referred to secondary", cbp_referred, POE_CBP_SECONDARY },
  { "secondary outcome", cbp_secondary_done, POE_CBP_CLEARED },
  { "referral undone", cbp_referral_undone, POE_CBP_PENDING },
  { "not on the flight", not_on_flight, POE_CBP_PENDING, TRUE },
  { "no-show undone", no_show_undone, POE_CBP_PENDING, FALSE },
};

static void
test_derive_reception (void)
{
  g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_default ();
  static const PoeChecklistMember pending = { "p1", "pending" };
  static const PoeChecklistMember refused = { "p1", "refused" };
  static const PoeChecklistMember stored_secondary = { "p1", "secondary" };

  for (guint i = 0; i < G_N_ELEMENTS (reception_cases); i++)
    {
      const ReceptionCase *c = &reception_cases[i];
      PoeChecklistProgress progress;
      PoeRiskInput input = { 0 };

      g_test_message ("%s", c->name);
      g_assert_cmpint (poe_checklist_derive_cbp_state (&pending, events_value_cb, (gpointer) c->events), ==, c->cbp);
      g_assert_cmpint (poe_checklist_derive_no_show (&pending, events_value_cb, (gpointer) c->events), ==, c->no_show);

      /* The counts the board, the lists and the risk read come from the same derivation. */
      poe_checklist_derive_progress (template, "connect", &pending, 1, events_value_cb, (gpointer) c->events, &progress);
      g_assert_cmpuint (progress.n_in_secondary, ==, c->cbp == POE_CBP_SECONDARY);
      g_assert_cmpuint (progress.n_persons_cleared, ==, c->cbp == POE_CBP_CLEARED || c->cbp == POE_CBP_PRIMARY_CLEARED);
      g_assert_cmpuint (progress.n_no_show, ==, c->no_show);
      /* A no-show has no step to do: only the family steps are required. */
      g_assert_cmpuint (progress.n_required, ==, c->no_show ? 3 + 2 + 4 + 3 : 3 + 2 + 2 + 4 + 3);
      poe_checklist_progress_fill_risk_input (&progress, &input);
      g_assert_cmpuint (input.n_persons, ==, c->no_show ? 0 : 1);
      g_assert_cmpuint (input.n_in_secondary, ==, progress.n_in_secondary);
    }

  /* Without any CBP event the stored state stands; a refusal always does. */
  g_assert_cmpint (poe_checklist_derive_cbp_state (&stored_secondary, events_value_cb, (gpointer) no_events), ==, POE_CBP_SECONDARY);
  g_assert_cmpint (poe_checklist_derive_cbp_state (&stored_secondary, events_value_cb, (gpointer) cbp_admitted), ==, POE_CBP_CLEARED);
  g_assert_cmpint (poe_checklist_derive_cbp_state (&refused, events_value_cb, (gpointer) cbp_admitted), ==, POE_CBP_REFUSED);
  g_assert_cmpstr (poe_cbp_state_to_string (POE_CBP_SECONDARY), ==, "secondary");
  g_assert_cmpstr (poe_cbp_state_to_string (POE_CBP_REFUSED), ==, "refused");
}

static void
test_derive_progress (void)
{
  g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (progress_cases); i++)
    {
      const ProgressCase *c = &progress_cases[i];
      PoeChecklistProgress progress;

      g_test_message ("%s", c->name);
      memset (&progress, 0xff, sizeof progress);
      poe_checklist_derive_progress (template, c->branch, members, c->n_members, events_value_cb,
                                     (gpointer) c->events, &progress);

      g_assert_cmpuint (progress.n_persons, ==, c->n_members);
      g_assert_cmpuint (progress.n_required, ==, c->n_required);
      g_assert_cmpuint (progress.n_done, ==, c->n_done);
      g_assert_cmpuint (progress.n_persons_cleared, ==, c->n_cleared);
      g_assert_cmpuint (progress.n_in_secondary, ==, c->n_in_secondary);
      g_assert_cmpint (progress.met, ==, c->met);
      g_assert_cmpint (progress.bags_claimed, ==, c->bags_claimed);
      g_assert_cmpint (progress.bags_rechecked, ==, c->bags_rechecked);
      g_assert_cmpint (progress.tsa_cleared, ==, c->tsa_cleared);
      g_assert_cmpint (progress.at_gate, ==, c->at_gate);
      g_assert_cmpint (progress.onward_done, ==, c->onward_done);
      g_assert_cmpint (progress.handed_over, ==, c->handed_over);
    }
}

/* A POE's own template: its steps, its optional ones and its onward group decide. */
static void
test_derive_progress_template (void)
{
  static const char json[] =
    "{\"groups\":[{\"id\":\"arrival\",\"title\":\"Arrival\",\"steps\":["
    "{\"id\":\"arrival.met\",\"title\":\"Met\"},"
    "{\"id\":\"arrival.photo\",\"title\":\"Photo\",\"per_person\":true}]},"
    "{\"id\":\"onward\",\"title\":\"Onward\",\"steps\":["
    "{\"id\":\"onward.tsa_cleared\",\"title\":\"TSA\",\"branch\":\"connect\"},"
    "{\"id\":\"onward.lounge\",\"title\":\"Lounge\",\"branch\":\"connect\",\"optional\":true}]}]}";
  static const Event events[] = {
    { "arrival.photo", "p1", "done" },
    { "arrival.photo", "p2", "done" },
    { "onward.tsa_cleared", NULL, "done" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeChecklistTemplate) template = poe_checklist_template_new_from_json (json, &error);
  PoeChecklistProgress progress;

  g_assert_no_error (error);
  poe_checklist_derive_progress (template, "connect", members, 2, events_value_cb, (gpointer) events, &progress);
  /* met, a photo each of two members, TSA; the optional lounge neither counts nor blocks. */
  g_assert_cmpuint (progress.n_required, ==, 1 + 2 + 1);
  g_assert_cmpuint (progress.n_done, ==, 3);
  g_assert_true (progress.onward_done);
  g_assert_true (progress.tsa_cleared);
  g_assert_false (progress.met);

  poe_checklist_derive_progress (template, "final", members, 2, events_value_cb, (gpointer) events, &progress);
  g_assert_cmpuint (progress.n_required, ==, 1 + 2);
  g_assert_false (progress.onward_done);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/checklist/default-template", test_default_template);
  g_test_add_func ("/core/checklist/template-json", test_template_json);
  g_test_add_func ("/core/checklist/progress", test_progress);
  g_test_add_func ("/core/checklist/derive-progress", test_derive_progress);
  g_test_add_func ("/core/checklist/derive-reception", test_derive_reception);
  g_test_add_func ("/core/checklist/derive-progress/template", test_derive_progress_template);

  return g_test_run ();
}
