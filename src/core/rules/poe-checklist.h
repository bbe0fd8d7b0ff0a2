/* poe-checklist.h
 *
 * The reception checklist of DESIGN §4: a template of grouped steps (configurable per POE),
 * and the progress of a family derived from its checklist events, in one function
 * (poe_checklist_derive_progress()) that the board, the family lists, the family view and
 * the risk engine's inputs all come from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "poe-risk.h"

G_BEGIN_DECLS

/* Steps other code relies on by name. */
#define POE_STEP_ARRIVAL_MET          "arrival.met"
#define POE_STEP_NO_SHOW              "arrival.no_show"
#define POE_STEP_CBP_PRIMARY_CLEARED  "cbp.primary_cleared"
#define POE_STEP_CBP_SECONDARY        "cbp.secondary_referral"
#define POE_STEP_CBP_SECONDARY_DONE   "cbp.secondary_outcome"
#define POE_STEP_CBP_I94_CHECKED      "cbp.i94_checked"
#define POE_STEP_BAGGAGE_CLAIMED      "baggage.claimed"
#define POE_STEP_CUSTOMS_CLEARED      "baggage.customs_cleared"
#define POE_STEP_BAGS_RECHECKED       "onward.bags_rechecked"
#define POE_STEP_TSA_CLEARED          "onward.tsa_cleared"
#define POE_STEP_AT_GATE              "onward.at_gate"
#define POE_STEP_HANDOVER_ACKNOWLEDGED "handover.acknowledged"
#define POE_STEP_DEPARTURE_CONFIRMED  "onward.departure_confirmed"
#define POE_STEP_HANDOVER_RECEIVER    "handover.receiving_party"
#define POE_STEP_HANDOVER_DOCUMENTS   "handover.documents"

/**
 * PoeCbpState:
 * @POE_CBP_PENDING: not through the primary booth yet
 * @POE_CBP_PRIMARY_CLEARED: primary inspection cleared, admission not checked yet
 * @POE_CBP_SECONDARY: referred to secondary inspection, no outcome yet
 * @POE_CBP_CLEARED: admitted: primary cleared and the I-94 checked, or a secondary outcome
 * @POE_CBP_REFUSED: refused admission (only the person's `cbp_status` says so)
 *
 * A person's CBP state as poe_checklist_derive_cbp_state() derives it from the checklist
 * events; poe_cbp_state_to_string() gives the words of `person.cbp_status`.
 */
typedef enum
{
  POE_CBP_PENDING,
  POE_CBP_PRIMARY_CLEARED,
  POE_CBP_SECONDARY,
  POE_CBP_CLEARED,
  POE_CBP_REFUSED,
} PoeCbpState;

typedef struct
{
  char     *id;          /* "group.step" */
  char     *group;       /* "arrival", "cbp", "baggage", "onward", "handover" */
  char     *title;       /* shown to the user, translated for the default template */
  char     *branch;      /* NULL for every family, else "connect", "overnight" or "final" */
  gboolean  per_person;  /* ticked for each member, like CBP */
  gboolean  optional;    /* only when it happens (secondary, missing bag): not needed to finish */
} PoeChecklistStep;

typedef struct
{
  char *id;
  char *title;
} PoeChecklistGroup;

/* Where a family is, all derived by poe_checklist_derive_progress() from its members and
 * the latest event of each step. A new fact derived from the events (a person's or a
 * family's reception state, say) belongs here, computed in that one function: the family
 * summaries of the lists, the family view and the risk inputs all read this struct. */
typedef struct
{
  guint n_required;          /* required steps that apply, counting per-person ones per person */
  guint n_done;              /* of those, done or not applicable */
  guint n_persons;
  guint n_persons_cleared;   /* through CBP: primary cleared or cleared, not in secondary */
  guint n_in_secondary;      /* referred to secondary, no outcome yet */
  guint n_refused;           /* refused admission */
  guint n_no_show;           /* recorded as not on the flight: no step of theirs counts */
  /* One bit each: every family summary of a 50,000-family day holds this struct. */
  guint met : 1;
  guint bags_claimed : 1;
  guint bags_rechecked : 1;
  guint tsa_cleared : 1;
  guint at_gate : 1;
  guint onward_done : 1;     /* every required step of the branch's onward group */
  guint handed_over : 1;
  guint boarded : 1;         /* the onward departure is confirmed with the family on it */
} PoeChecklistProgress;

/**
 * PoeChecklistMember:
 * @id: the person's id, as checklist events name it in `person_id`
 * @cbp_status: (nullable): the person's `cbp_status`, read only while no CBP event of the
 *   person exists (a record pulled or imported with its state) and for "refused"
 *
 * What poe_checklist_derive_progress() needs of a family member.
 */
typedef struct
{
  const char *id;
  const char *cbp_status;
} PoeChecklistMember;

/**
 * PoeChecklistValueFunc:
 * @step: a step id
 * @person_id: (nullable): the member of a per-person step, %NULL for a family step
 * @user_data: the data given to poe_checklist_derive_progress()
 *
 * Returns: (nullable): the `value` of the step's latest event ("done", "not_applicable",
 *   "undone"), %NULL when it has none
 */
typedef const char *(*PoeChecklistValueFunc) (const char *step,
                                              const char *person_id,
                                              gpointer    user_data);

typedef struct _PoeChecklistTemplate PoeChecklistTemplate;

#define POE_CHECKLIST_ERROR (poe_checklist_error_quark ())
#define POE_TYPE_CHECKLIST_TEMPLATE (poe_checklist_template_get_type ())

typedef enum
{
  POE_CHECKLIST_ERROR_INVALID,
} PoeChecklistError;

GQuark                  poe_checklist_error_quark               (void);
GType                   poe_checklist_template_get_type         (void) G_GNUC_CONST;
PoeChecklistTemplate   *poe_checklist_template_new_default      (void);
PoeChecklistTemplate   *poe_checklist_template_new_from_json    (const char                 *json,
                                                                 GError                    **error);
PoeChecklistTemplate   *poe_checklist_template_ref              (PoeChecklistTemplate       *self);
void                    poe_checklist_template_unref            (PoeChecklistTemplate       *self);
guint                   poe_checklist_template_get_n_groups     (PoeChecklistTemplate       *self);
const PoeChecklistGroup *poe_checklist_template_get_group       (PoeChecklistTemplate       *self,
                                                                 guint                       index);
guint                   poe_checklist_template_get_n_steps      (PoeChecklistTemplate       *self);
const PoeChecklistStep *poe_checklist_template_get_step         (PoeChecklistTemplate       *self,
                                                                 guint                       index);
const PoeChecklistStep *poe_checklist_template_lookup_step      (PoeChecklistTemplate       *self,
                                                                 const char                 *id);
gboolean                poe_checklist_step_applies              (const PoeChecklistStep     *step,
                                                                 const char                 *branch);

gboolean                poe_checklist_value_is_done             (const char                 *value);
void                    poe_checklist_derive_progress           (PoeChecklistTemplate       *self,
                                                                 const char                 *branch,
                                                                 const PoeChecklistMember   *members,
                                                                 guint                       n_members,
                                                                 PoeChecklistValueFunc       value_func,
                                                                 gpointer                    user_data,
                                                                 PoeChecklistProgress       *progress);
PoeCbpState             poe_checklist_derive_cbp_state          (const PoeChecklistMember   *member,
                                                                 PoeChecklistValueFunc       value_func,
                                                                 gpointer                    user_data);
gboolean                poe_checklist_derive_no_show            (const PoeChecklistMember   *member,
                                                                 PoeChecklistValueFunc       value_func,
                                                                 gpointer                    user_data);
PoeCbpState             poe_checklist_person_cbp_state          (GHashTable                 *state,
                                                                 gpointer                    person);
gboolean                poe_checklist_person_is_no_show         (GHashTable                 *state,
                                                                 gpointer                    person);
const char             *poe_cbp_state_to_string                 (PoeCbpState                 cbp);
void                    poe_checklist_progress_fill_risk_input  (const PoeChecklistProgress *progress,
                                                                 PoeRiskInput               *input);
gboolean                poe_checklist_state_is_done             (GHashTable                 *state,
                                                                 const char                 *step,
                                                                 const char                 *person_id);
void                    poe_checklist_compute_progress          (PoeChecklistTemplate       *self,
                                                                 const char                 *branch,
                                                                 GHashTable                 *state,
                                                                 GPtrArray                  *persons,
                                                                 PoeChecklistProgress       *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeChecklistTemplate, poe_checklist_template_unref)

G_END_DECLS
