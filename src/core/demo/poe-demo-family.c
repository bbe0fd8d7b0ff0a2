/* poe-demo-family.c
 *
 * One family of the demo day: a case with a resettlement agency and destination, its
 * persons (names drawn at random from short lists per nationality, so every person is made
 * up), its segments (the inbound leg, a domestic connection, an overnight hotel or ground
 * transport) and the checklist events of how far the family got by the demo's "now".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-demo"

#include "config.h"

#include <string.h>

#include "poe-checklist.h"
#include "poe-demo-private.h"

typedef struct
{
  const char         *nationality;
  const char * const *languages;
  const char * const *female;
  const char * const *male;
  const char * const *surnames;
  guint               weight;
} DemoOrigin;

typedef struct
{
  const char *code;
  const char *city;
} DemoDestination;

static const DemoDestination destinations[] = {
  { "BOI", "Boise, ID" }, { "SLC", "Salt Lake City, UT" }, { "PHX", "Phoenix, AZ" },
  { "DEN", "Denver, CO" }, { "CLT", "Charlotte, NC" }, { "MSP", "Minneapolis, MN" },
  { "CLE", "Cleveland, OH" }, { "PIT", "Pittsburgh, PA" }, { "BUF", "Buffalo, NY" },
  { "SYR", "Syracuse, NY" }, { "ABQ", "Albuquerque, NM" }, { "SAT", "San Antonio, TX" },
  { "OMA", "Omaha, NE" }, { "GRR", "Grand Rapids, MI" }, { "BNA", "Nashville, TN" },
  { "SDF", "Louisville, KY" }, { "PDX", "Portland, OR" }, { "SAC", "Sacramento, CA" },
  { "FAR", "Fargo, ND" }, { "ERI", "Erie, PA" },
};

static const char * const domestic_carriers[] = { "AA", "UA", "DL", "B6", "WN", "AS", NULL };

static const char * const ra_agencies[] = {
  "International Rescue Committee", "HIAS", "US Conference of Catholic Bishops",
  "Church World Service", "Episcopal Migration Ministries", "Ethiopian Community Development Council",
  "Global Refuge", "US Committee for Refugees and Immigrants", "World Relief", NULL
};

static const char * const dari[] = { "prs", "ps", NULL };
static const char * const arabic[] = { "ar", NULL };
static const char * const congolese[] = { "sw", "fr", "rw", NULL };
static const char * const rohingya[] = { "rhg", "my", NULL };
static const char * const ukrainian[] = { "uk", "ru", NULL };
static const char * const spanish[] = { "es", NULL };
static const char * const tigrinya[] = { "ti", "ar", NULL };
static const char * const somali[] = { "so", "ar", NULL };

static const char * const afg_f[] = { "Mariam", "Zahra", "Fatima", "Parwana", "Nargis", "Shabnam", "Laila", NULL };
static const char * const afg_m[] = { "Ahmad", "Hamid", "Farid", "Rahim", "Naweed", "Sami", "Jawid", NULL };
static const char * const afg_s[] = { "Rahimi", "Noori", "Haidari", "Sultani", "Amiri", "Karimi", "Wardak", NULL };
static const char * const syr_f[] = { "Rania", "Hala", "Nour", "Reem", "Salma", "Yasmin", NULL };
static const char * const syr_m[] = { "Khaled", "Omar", "Yusuf", "Tarek", "Bassam", "Ziad", NULL };
static const char * const syr_s[] = { "Haddad", "Darwish", "Aziz", "Khatib", "Saleh", "Nasser", NULL };
static const char * const cod_f[] = { "Esperance", "Furaha", "Neema", "Aline", "Gloire", "Bahati", NULL };
static const char * const cod_m[] = { "Jean-Paul", "Patrick", "Amani", "Emmanuel", "Baraka", "Olivier", NULL };
static const char * const cod_s[] = { "Mukendi", "Kabila", "Ilunga", "Mutombo", "Bahizi", "Nsimire", NULL };
static const char * const mmr_f[] = { "Rashida", "Noor", "Hasina", "Sabikun", "Minara", NULL };
static const char * const mmr_m[] = { "Mohammed", "Rashid", "Anwar", "Salim", "Hussain", NULL };
static const char * const mmr_s[] = { "Ullah", "Begum", "Alam", "Hossain", "Islam", NULL };
static const char * const ukr_f[] = { "Olena", "Iryna", "Kateryna", "Oksana", "Sofiia", NULL };
static const char * const ukr_m[] = { "Andrii", "Taras", "Dmytro", "Bohdan", "Mykola", NULL };
static const char * const ukr_s[] = { "Kovalenko", "Shevchuk", "Bondar", "Tkachenko", "Melnyk", NULL };
static const char * const ven_f[] = { "Daniela", "Yusmary", "Andreina", "Marisol", "Valentina", NULL };
static const char * const ven_m[] = { "Luis", "Jhonatan", "Carlos", "Yorman", "Andres", NULL };
static const char * const ven_s[] = { "Pérez", "Rondón", "Guerrero", "Colmenares", "Briceño", NULL };
static const char * const eri_f[] = { "Senait", "Helen", "Selam", "Rahwa", "Mebrat", NULL };
static const char * const eri_m[] = { "Yonas", "Daniel", "Filmon", "Tesfay", "Habtom", NULL };
static const char * const eri_s[] = { "Tesfamariam", "Ghebremedhin", "Kidane", "Berhane", "Haile", NULL };
static const char * const som_f[] = { "Hodan", "Amina", "Fartun", "Sahra", "Ifrah", NULL };
static const char * const som_m[] = { "Abdirahman", "Hassan", "Mahad", "Abdullahi", "Liban", NULL };
static const char * const som_s[] = { "Warsame", "Farah", "Jama", "Hirsi", "Abdi", NULL };

static const DemoOrigin origins[] = {
  { "AFG", dari, afg_f, afg_m, afg_s, 22 },
  { "SYR", arabic, syr_f, syr_m, syr_s, 12 },
  { "COD", congolese, cod_f, cod_m, cod_s, 20 },
  { "MMR", rohingya, mmr_f, mmr_m, mmr_s, 10 },
  { "UKR", ukrainian, ukr_f, ukr_m, ukr_s, 8 },
  { "VEN", spanish, ven_f, ven_m, ven_s, 10 },
  { "ERI", tigrinya, eri_f, eri_m, eri_s, 8 },
  { "SOM", somali, som_f, som_m, som_s, 10 },
};

static const char * const meal_codes[] = { "MOML", "MOML", "VGML", "CHML", "BBML", "AVML", NULL };


/*
 * Auxiliary methods
 */

static const DemoOrigin *
pick_origin (GRand *rand)
{
  guint total = 0;
  guint roll;

  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    total += origins[i].weight;
  roll = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (origins); i++)
    {
      if (roll < origins[i].weight)
        return &origins[i];
      roll -= origins[i].weight;
    }
  return &origins[0];
}

static void
fill_person (DemoContext      *ctx,
             PoeRecord        *person,
             const DemoOrigin *origin,
             const char       *surname,
             const char       *relationship,
             guint             age,
             const char       *sex)
{
  g_autoptr(GDateTime) born = NULL;
  g_autofree char *a_number = NULL;
  g_autofree char *dob = NULL;
  g_autoptr(GPtrArray) ssr = g_ptr_array_new ();
  const char *given = g_str_equal (sex, "f") ? pick (ctx->rand, origin->female) : pick (ctx->rand, origin->male);
  const char *languages[3] = { origin->languages[0], NULL, NULL };

  born = g_date_time_add_days (ctx->now, -(gint) (age * 365 + g_rand_int_range (ctx->rand, 0, 365)));
  dob = g_date_time_format (born, "%Y-%m-%d");
  a_number = g_strdup_printf ("A000%06u", ++ctx->a_serial % 1000000);
  if (age >= 14 && origin->languages[1] != NULL && chance (ctx->rand, 0.4))
    languages[1] = origin->languages[1];

  poe_record_set_string (person, "surname", surname);
  poe_record_set_string (person, "given_names", given);
  poe_record_set_string (person, "sex", sex);
  poe_record_set_string (person, "date_of_birth", dob);
  poe_record_set_string (person, "relationship", relationship);
  poe_record_set_string (person, "nationality", origin->nationality);
  poe_record_set_strv (person, "languages", languages);
  poe_record_set_string (person, "a_number", a_number);

  if (age < 2)
    g_ptr_array_add (ssr, (gpointer) "INFT");
  else if (age >= 60 && chance (ctx->rand, 0.25))
    g_ptr_array_add (ssr, (gpointer) "WCHR");
  else if (chance (ctx->rand, 0.02))
    g_ptr_array_add (ssr, (gpointer) "WCHR");
  else if (chance (ctx->rand, 0.01))
    g_ptr_array_add (ssr, (gpointer) "WCHC");
  if (chance (ctx->rand, 0.02))
    g_ptr_array_add (ssr, (gpointer) "MEDA");
  if (g_str_equal (relationship, "PA") && chance (ctx->rand, 0.7))
    g_ptr_array_add (ssr, (gpointer) "LANG");
  g_ptr_array_add (ssr, NULL);
  poe_record_set_strv (person, "ssr_codes", (const char * const *) ssr->pdata);

  if (age < 2)
    poe_record_set_string (person, "meal_code", "BBML");
  else if (age < 12 && chance (ctx->rand, 0.5))
    poe_record_set_string (person, "meal_code", "CHML");
  else if (chance (ctx->rand, 0.8))
    poe_record_set_string (person, "meal_code", pick (ctx->rand, meal_codes));
}

/* How far a family got by the demo's "now": each step at its minute after gate-in, at the
 * pace of the default risk buffers (docs/connection-risk.md) so that a family on time is
 * on track; a family with a member in secondary is held up by DEMO_SECONDARY_DELAY. */
typedef struct
{
  const char *step;
  int         minutes;
  const char *branch;      /* NULL: every branch */
  gboolean    per_person;
  gboolean    after_cbp;   /* held up by a secondary inspection */
} DemoStep;

#define DEMO_SECONDARY_DELAY 90

static const DemoStep timeline[] = {
  { POE_STEP_ARRIVAL_MET, 10 },
  { "arrival.head_count", 12 },
  { "arrival.iom_bag", 12 },
  { POE_STEP_CBP_PRIMARY_CLEARED, 40, NULL, TRUE },
  { POE_STEP_CBP_I94_CHECKED, 45, NULL, TRUE },
  { POE_STEP_BAGGAGE_CLAIMED, 65, NULL, FALSE, TRUE },
  { POE_STEP_CUSTOMS_CLEARED, 72, NULL, FALSE, TRUE },
  { POE_STEP_BAGS_RECHECKED, 85, "connect", FALSE, TRUE },
  { POE_STEP_TSA_CLEARED, 105, "connect", FALSE, TRUE },
  { POE_STEP_AT_GATE, 118, "connect", FALSE, TRUE },
  { "onward.ground_transport", 100, "final", FALSE, TRUE },
  { "onward.ra_pickup", 120, "final", FALSE, TRUE },
  { "onward.hotel_checkin", 150, "overnight", FALSE, TRUE },
  { "onward.rooms", 155, "overnight", FALSE, TRUE },
  { "onward.meals", 160, "overnight", FALSE, TRUE },
  { "onward.next_pickup", 165, "overnight", FALSE, TRUE },
  { NULL }
};

/* The hand-over, after the branch's last step: at the gate, the RA's pickup or the hotel. */
static int
handover_minutes (const char *branch,
                  int         delay)
{
  if (g_str_equal (branch, "connect"))
    return 120 + delay;
  if (g_str_equal (branch, "final"))
    return 122 + delay;
  return 170 + delay;
}

static GDateTime *
step_time (const FlightState *state,
           int                minutes)
{
  return add_minutes (state->arrival, minutes);
}

static gboolean
has_happened (DemoContext       *ctx,
              const FlightState *state,
              int                minutes)
{
  g_autoptr(GDateTime) at = step_time (state, minutes);

  return state->landed && g_date_time_compare (at, ctx->now) <= 0;
}

/* What happens to one family: decided before its records are made, so the case's status
 * says what its events say. */
typedef struct
{
  const char *branch;
  GDateTime  *departure;     /* the onward departure; NULL for the final branch */
  int         delay;         /* minutes a secondary inspection holds the family up */
  guint       secondary;     /* the member referred, when delay > 0 */
} DemoPlan;

static gboolean
boards (DemoContext       *ctx,
        const FlightState *state,
        const DemoPlan    *plan)
{
  g_autoptr(GDateTime) at_gate = step_time (state, 118 + plan->delay);

  return g_str_equal (plan->branch, "connect") && plan->departure != NULL &&
         g_date_time_compare (at_gate, plan->departure) < 0 &&
         g_date_time_compare (plan->departure, ctx->now) <= 0;
}

static const char *
case_status (DemoContext       *ctx,
             const FlightState *state,
             const DemoPlan    *plan)
{
  if (!state->landed)
    return "expected";
  if (has_happened (ctx, state, handover_minutes (plan->branch, plan->delay)) &&
      (!g_str_equal (plan->branch, "connect") || boards (ctx, state, plan)))
    return "handed_over";

  return "in_progress";
}

static gboolean
emit_checklist_event (DemoContext  *ctx,
                      PoeRecord    *kase,
                      PoeRecord    *person,
                      const char   *step,
                      GDateTime    *at,
                      GError      **error)
{
  g_autoptr(PoeRecord) event = _poe_demo_record (ctx, "checklist_event");

  poe_record_set_string (event, "case_id", poe_record_get_id (kase));
  if (person != NULL)
    poe_record_set_string (event, "person_id", poe_record_get_id (person));
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", "done");
  poe_record_set_time (event, "at", at);
  poe_record_set_string (event, "by", ctx->staff_ids[0] ? ctx->staff_ids[0] : NULL);
  return _poe_demo_emit (ctx, event, error);
}

/* Connections 3–6 hours after the scheduled arrival, as IOM books families, a few tight;
 * overnight ones the next morning. NULL for the final branch. */
static GDateTime *
pick_departure (DemoContext       *ctx,
                const FlightState *state,
                const char        *branch)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (state->flight, "scheduled_arrival");
  gint64 gap;

  if (g_str_equal (branch, "final"))
    return NULL;
  if (!g_str_equal (branch, "connect"))
    return add_minutes (ctx->day_start, 24 * 60 + g_rand_int_range (ctx->rand, 6 * 12, 10 * 12) * 5);

  gap = chance (ctx->rand, 0.02) ? g_rand_int_range (ctx->rand, 95, 130) : g_rand_int_range (ctx->rand, 180, 361);
  return add_minutes (scheduled, gap - gap % 5);
}

static gboolean
emit_segments (DemoContext       *ctx,
               PoeRecord         *kase,
               const FlightState *state,
               const char        *branch,
               const DemoDestination *destination,
               GDateTime         *departure,
               GError           **error)
{
  g_autoptr(PoeRecord) inbound = _poe_demo_record (ctx, "segment");
  g_autoptr(PoeRecord) onward = NULL;
  g_autoptr(GDateTime) onward_arrival = NULL;
  g_autofree char *number = NULL;
  g_autofree char *gate = NULL;
  g_autofree char *booking = NULL;

  poe_record_set_string (inbound, "case_id", poe_record_get_id (kase));
  poe_record_set_string (inbound, "leg", "international_arrival");
  poe_record_set_string (inbound, "carrier", poe_record_get_string (state->flight, "carrier"));
  poe_record_set_string (inbound, "number", poe_record_get_string (state->flight, "number"));
  poe_record_set_string (inbound, "origin", poe_record_get_string (state->flight, "origin"));
  poe_record_set_string (inbound, "destination", ctx->poe->code);
  poe_record_set_string (inbound, "status", state->landed ? "arrived" : "scheduled");
  if (!_poe_demo_emit (ctx, inbound, error))
    return FALSE;

  if (g_str_equal (branch, "final"))
    return TRUE;

  onward_arrival = add_minutes (departure, g_rand_int_range (ctx->rand, 70, 300));

  number = g_strdup_printf ("%u", g_rand_int_range (ctx->rand, 100, 2999));
  gate = g_strdup_printf ("%c%u", 'B' + g_rand_int_range (ctx->rand, 0, 3), g_rand_int_range (ctx->rand, 1, 50));
  booking = g_strdup_printf ("%c%c%c%03u", 'A' + g_rand_int_range (ctx->rand, 0, 26),
                             'A' + g_rand_int_range (ctx->rand, 0, 26),
                             'A' + g_rand_int_range (ctx->rand, 0, 26),
                             g_rand_int_range (ctx->rand, 0, 1000));

  onward = _poe_demo_record (ctx, "segment");
  poe_record_set_string (onward, "case_id", poe_record_get_id (kase));
  poe_record_set_string (onward, "leg", "domestic_connection");
  poe_record_set_string (onward, "carrier", pick (ctx->rand, domestic_carriers));
  poe_record_set_string (onward, "number", number);
  poe_record_set_string (onward, "origin", ctx->poe->code);
  poe_record_set_string (onward, "destination", destination->code);
  poe_record_set_time (onward, "scheduled_departure", departure);
  poe_record_set_time (onward, "scheduled_arrival", onward_arrival);
  poe_record_set_string (onward, "gate", gate);
  poe_record_set_string (onward, "booking_ref", booking);
  poe_record_set_string (onward, "status", "scheduled");
  return _poe_demo_emit (ctx, onward, error);
}

static const char *
pick_branch (GRand *rand)
{
  double roll = g_rand_double (rand);

  if (roll < 0.55)
    return "connect";
  if (roll < 0.75)
    return "overnight";
  return "final";
}

static const char *
pick_sensitivity (GRand *rand)
{
  double roll = g_rand_double (rand);

  if (roll < 0.03)
    return "urm";
  if (roll < 0.08)
    return "at_risk";
  if (roll < 0.09)
    return "protection";
  return "none";
}

/* Family size 1–9, mostly 3–6. */
static guint
pick_family_size (GRand *rand)
{
  static const guint sizes[] = { 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 8, 9 };

  return sizes[g_rand_int_range (rand, 0, G_N_ELEMENTS (sizes))];
}

static void
set_assignments (DemoContext *ctx,
                 PoeRecord   *kase)
{
  const char *assigned[3] = { NULL, NULL, NULL };
  guint n = 0;
  double roll = g_rand_double (ctx->rand);

  /* agent holds about half of the cases, agent2 another part, some overlap; never all. */
  if (roll < 0.5)
    assigned[n++] = ctx->staff_ids[0];
  if (roll > 0.4 && roll < 0.85)
    assigned[n++] = ctx->staff_ids[1];
  if (n > 0)
    poe_record_set_strv (kase, "assigned_staff_ids", assigned);
}


static gboolean
emit_step (DemoContext       *ctx,
           PoeRecord         *kase,
           GPtrArray         *persons,
           const FlightState *state,
           const char        *step,
           gboolean           per_person,
           int                minutes,
           GError           **error)
{
  g_autoptr(GDateTime) at = step_time (state, minutes);

  if (!has_happened (ctx, state, minutes))
    return TRUE;
  if (!per_person)
    return emit_checklist_event (ctx, kase, NULL, step, at, error);

  for (guint i = 0; i < persons->len; i++)
    if (!emit_checklist_event (ctx, kase, g_ptr_array_index (persons, i), step, at, error))
      return FALSE;

  return TRUE;
}

/* A secondary referral at the booth, its outcome DEMO_SECONDARY_DELAY minutes later. */
static gboolean
emit_secondary (DemoContext       *ctx,
                PoeRecord         *kase,
                PoeRecord         *person,
                const FlightState *state,
                GError           **error)
{
  g_autoptr(GDateTime) referred = step_time (state, 38);
  g_autoptr(GDateTime) outcome = step_time (state, 38 + DEMO_SECONDARY_DELAY);

  if (!has_happened (ctx, state, 38))
    return TRUE;
  if (!emit_checklist_event (ctx, kase, person, POE_STEP_CBP_SECONDARY, referred, error))
    return FALSE;
  if (!has_happened (ctx, state, 38 + DEMO_SECONDARY_DELAY))
    return TRUE;

  return emit_checklist_event (ctx, kase, person, POE_STEP_CBP_SECONDARY_DONE, outcome, error);
}

static gboolean
emit_progress (DemoContext       *ctx,
               PoeRecord         *kase,
               GPtrArray         *persons,
               const FlightState *state,
               const DemoPlan    *plan,
               GError           **error)
{
  static const char * const handover[] = {
    "handover.receiving_party", "handover.documents", POE_STEP_HANDOVER_ACKNOWLEDGED, NULL
  };
  int handover_at = handover_minutes (plan->branch, plan->delay);

  if (plan->delay > 0 && !emit_secondary (ctx, kase, g_ptr_array_index (persons, plan->secondary), state, error))
    return FALSE;

  for (const DemoStep *s = timeline; s->step != NULL; s++)
    {
      int minutes = s->minutes + (s->after_cbp ? plan->delay : 0);

      if (s->branch != NULL && !g_str_equal (s->branch, plan->branch))
        continue;
      if (!emit_step (ctx, kase, persons, state, s->step, s->per_person, minutes, error))
        return FALSE;
    }

  /* A connecting family is handed over to the airline at the gate and boards on time. */
  if (g_str_equal (plan->branch, "connect"))
    {
      g_autoptr(GDateTime) departure_at = NULL;

      if (!boards (ctx, state, plan))
        return TRUE;
      departure_at = g_date_time_ref (plan->departure);
      if (!emit_checklist_event (ctx, kase, NULL, POE_STEP_DEPARTURE_CONFIRMED, departure_at, error))
        return FALSE;
    }

  for (guint i = 0; handover[i] != NULL; i++)
    if (!emit_step (ctx, kase, persons, state, handover[i], FALSE, handover_at, error))
      return FALSE;

  return TRUE;
}


/*
 * Private API: for poe-demo.c
 */

gboolean
_poe_demo_emit_family (DemoContext       *ctx,
                       const FlightState *state,
                       GError           **error)
{
  g_autoptr(PoeRecord) kase = _poe_demo_record (ctx, "case");
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func (g_object_unref);
  const DemoOrigin *origin = pick_origin (ctx->rand);
  const DemoDestination *destination = &destinations[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (destinations))];
  const char *sensitivity = pick_sensitivity (ctx->rand);
  const char *branch = pick_branch (ctx->rand);
  const char *surname = pick (ctx->rand, origin->surnames);
  gboolean urm = g_str_equal (sensitivity, "urm");
  guint size = urm ? 1 : pick_family_size (ctx->rand);
  g_autofree char *case_number = NULL;
  g_autofree char *abn_number = NULL;
  g_autofree char *contact = NULL;
  const char *agency = pick (ctx->rand, ra_agencies);
  g_autoptr(GDateTime) departure = pick_departure (ctx, state, branch);
  DemoPlan plan = { branch, departure, 0, 0 };

  /* About one family in thirty has a member referred to secondary inspection. */
  if (chance (ctx->rand, 0.03))
    {
      plan.delay = DEMO_SECONDARY_DELAY;
      plan.secondary = g_rand_int_range (ctx->rand, 0, size);
    }

  case_number = g_strdup_printf ("US-2026-%06u", 900000 + (++ctx->case_serial % 100000));
  contact = g_strdup_printf ("Caseworker %c. (demo), +1 555 01%02u", 'A' + g_rand_int_range (ctx->rand, 0, 26),
                             g_rand_int_range (ctx->rand, 0, 100));

  poe_record_set_string (kase, "case_number", case_number);
  abn_number = g_strdup_printf ("ABN-2026-%06u", 400000 + ctx->case_serial % 100000);
  poe_record_set_string (kase, "abn_number", abn_number);
  poe_record_set_string (kase, "poe", ctx->poe->code);
  poe_record_set_string (kase, "ra_agency", agency);
  poe_record_set_string (kase, "ra_affiliate", g_str_equal (branch, "final") ? ctx->poe->city : destination->city);
  poe_record_set_string (kase, "ra_contact", contact);
  poe_record_set_string (kase, "final_destination", g_str_equal (branch, "final") ? ctx->poe->city : destination->city);
  poe_record_set_string (kase, "branch", branch);
  poe_record_set_string (kase, "sensitivity", sensitivity);
  poe_record_set_string (kase, "status", case_status (ctx, state, &plan));
  poe_record_set_string (kase, "inbound_flight_id", poe_record_get_id (state->flight));
  set_assignments (ctx, kase);
  if (!_poe_demo_emit (ctx, kase, error))
    return FALSE;

  for (guint i = 0; i < size; i++)
    {
      g_autoptr(PoeRecord) person = _poe_demo_record (ctx, "person");
      const char *relationship;
      const char *sex;
      const char *documents_all[] = { "iom_bag", "boarding_letter", "passport", NULL };
      const char *documents_member[] = { "boarding_letter", NULL };
      guint age;

      if (urm)
        {
          relationship = "PA";
          age = g_rand_int_range (ctx->rand, 12, 18);
          sex = chance (ctx->rand, 0.6) ? "m" : "f";
        }
      else if (i == 0)
        {
          relationship = "PA";
          age = g_rand_int_range (ctx->rand, 22, 66);
          sex = chance (ctx->rand, 0.55) ? "m" : "f";
        }
      else if (i == 1 && size > 2)
        {
          relationship = "SP";
          age = g_rand_int_range (ctx->rand, 20, 60);
          sex = chance (ctx->rand, 0.5) ? "f" : "m";
        }
      else
        {
          relationship = "CH";
          age = g_rand_int_range (ctx->rand, 0, 18);
          sex = chance (ctx->rand, 0.5) ? "f" : "m";
        }

      poe_record_set_string (person, "case_id", poe_record_get_id (kase));
      fill_person (ctx, person, origin, surname, relationship, age, sex);
      if (urm)
        {
          const char *ssr[] = { "UMNR", "LANG", NULL };
          poe_record_set_strv (person, "ssr_codes", ssr);
        }
      poe_record_set_strv (person, "documents", i == 0 ? documents_all : documents_member);
      /* Where a member is comes from the checklist events (poe_checklist_derive_cbp_state()). */
      poe_record_set_string (person, "cbp_status", "pending");
      if (!_poe_demo_emit (ctx, person, error))
        return FALSE;
      g_ptr_array_add (persons, g_steal_pointer (&person));
    }

  if (!emit_segments (ctx, kase, state, branch, destination, plan.departure, error))
    return FALSE;

  return emit_progress (ctx, kase, persons, state, &plan, error);
}
