/* poe-checklist.c
 *
 * The reception checklist: the default template of DESIGN §4 and a POE's own from JSON,
 * and poe_checklist_derive_progress(), the one derivation of a family's progress from its
 * members and the latest value of each step, whoever holds the events (records in the
 * family view, a query's columns in the lists' family summaries).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-checklist"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "poe-checklist.h"
#include "poe-record.h"
#include "poe-store.h"

struct _PoeChecklistTemplate
{
  gatomicrefcount  ref_count;
  GArray          *groups;  /* PoeChecklistGroup */
  GArray          *steps;   /* PoeChecklistStep, in display order */
};

G_DEFINE_QUARK (poe-checklist-error-quark, poe_checklist_error)
G_DEFINE_BOXED_TYPE (PoeChecklistTemplate, poe_checklist_template,
                     poe_checklist_template_ref, poe_checklist_template_unref)

typedef struct
{
  const char *id;
  const char *title;
  const char *branch;
  gboolean    per_person;
  gboolean    optional;
} DefaultStep;

typedef struct
{
  const char        *id;
  const char        *title;
  const DefaultStep *steps;
} DefaultGroup;

/* DESIGN §4. Titles are marked with N_() and translated when the template is built. */
static const DefaultStep arrival_steps[] = {
  { POE_STEP_ARRIVAL_MET, N_("Met at the gate") },
  { "arrival.head_count", N_("Head count matches the manifest") },
  { "arrival.iom_bag", N_("IOM bag present") },
  { "arrival.prm_met", N_("Wheelchair or assistance met"), NULL, FALSE, TRUE },
  { NULL }
};

static const DefaultStep cbp_steps[] = {
  { POE_STEP_CBP_PRIMARY_CLEARED, N_("Primary inspection cleared"), NULL, TRUE },
  { POE_STEP_CBP_SECONDARY, N_("Referred to secondary inspection"), NULL, TRUE, TRUE },
  { POE_STEP_CBP_SECONDARY_DONE, N_("Secondary outcome recorded"), NULL, TRUE, TRUE },
  { "cbp.i94_checked", N_("Admission stamp and I-94 checked"), NULL, TRUE },
  { NULL }
};

static const DefaultStep baggage_steps[] = {
  { POE_STEP_BAGGAGE_CLAIMED, N_("Bags claimed and counted") },
  { "baggage.missing_claim", N_("Missing-bag claim filed"), NULL, FALSE, TRUE },
  { POE_STEP_CUSTOMS_CLEARED, N_("Customs cleared") },
  { NULL }
};

static const DefaultStep onward_steps[] = {
  { POE_STEP_BAGS_RECHECKED, N_("Bags re-checked"), "connect" },
  { POE_STEP_TSA_CLEARED, N_("Through TSA security"), "connect" },
  { POE_STEP_AT_GATE, N_("At the departure gate"), "connect" },
  { "onward.departure_confirmed", N_("Departure confirmed"), "connect" },
  { "onward.hotel_checkin", N_("Checked in at the hotel"), "overnight" },
  { "onward.rooms", N_("Rooms assigned"), "overnight" },
  { "onward.meals", N_("Meals arranged (meal codes)"), "overnight" },
  { "onward.next_pickup", N_("Pickup for the onward flight arranged"), "overnight" },
  { "onward.ground_transport", N_("Ground transport arranged"), "final" },
  { "onward.ra_pickup", N_("Picked up by the resettlement agency"), "final" },
  { NULL }
};

static const DefaultStep handover_steps[] = {
  { POE_STEP_HANDOVER_RECEIVER, N_("Receiving party identified") },
  { POE_STEP_HANDOVER_DOCUMENTS, N_("Documents handed over") },
  { POE_STEP_HANDOVER_ACKNOWLEDGED, N_("Hand-over acknowledged") },
  { NULL }
};

static const DefaultGroup default_groups[] = {
  { "arrival", N_("Arrival"), arrival_steps },
  { "cbp", N_("Immigration (CBP)"), cbp_steps },
  { "baggage", N_("Baggage and Customs"), baggage_steps },
  { "onward", N_("Onward"), onward_steps },
  { "handover", N_("Hand-Over"), handover_steps },
};


/*
 * Auxiliary methods
 */

static void
clear_step (gpointer data)
{
  PoeChecklistStep *step = data;

  g_free (step->id);
  g_free (step->group);
  g_free (step->title);
  g_free (step->branch);
}

static void
clear_group (gpointer data)
{
  PoeChecklistGroup *group = data;

  g_free (group->id);
  g_free (group->title);
}

static PoeChecklistTemplate *
template_new (void)
{
  PoeChecklistTemplate *self = g_new0 (PoeChecklistTemplate, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->groups = g_array_new (FALSE, TRUE, sizeof (PoeChecklistGroup));
  self->steps = g_array_new (FALSE, TRUE, sizeof (PoeChecklistStep));
  g_array_set_clear_func (self->groups, clear_group);
  g_array_set_clear_func (self->steps, clear_step);

  return self;
}

static void
add_step (PoeChecklistTemplate *self,
          const char           *group,
          const char           *id,
          const char           *title,
          const char           *branch,
          gboolean              per_person,
          gboolean              optional)
{
  PoeChecklistStep step = {
    .id = g_strdup (id),
    .group = g_strdup (group),
    .title = g_strdup (title),
    .branch = g_strdup (branch),
    .per_person = per_person,
    .optional = optional,
  };

  g_array_append_val (self->steps, step);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
template_error (GError     **error,
                const char  *what)
{
  g_set_error (error, POE_CHECKLIST_ERROR, POE_CHECKLIST_ERROR_INVALID,
               _("The checklist template of this port of entry cannot be used: %s"), what);
  return FALSE;
}

static gboolean
parse_step (PoeChecklistTemplate  *self,
            const char            *group_id,
            JsonNode              *node,
            GError               **error)
{
  JsonObject *object;
  const char *id, *title, *branch;
  g_autofree char *prefix = g_strconcat (group_id, ".", NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return template_error (error, _("a step is not an object"));

  object = json_node_get_object (node);
  id = member_string (object, "id");
  title = member_string (object, "title");
  branch = member_string (object, "branch");

  if (id == NULL || !g_str_has_prefix (id, prefix) || strlen (id) > 64 || title == NULL ||
      !g_utf8_validate (title, -1, NULL))
    return template_error (error, _("a step needs an id that starts with its group and a title"));

  if (branch != NULL && !g_str_equal (branch, "connect") && !g_str_equal (branch, "overnight") &&
      !g_str_equal (branch, "final"))
    return template_error (error, _("a step's branch must be connect, overnight or final"));

  if (poe_checklist_template_lookup_step (self, id) != NULL)
    return template_error (error, _("two steps have the same id"));

  add_step (self, group_id, id, title, branch,
            member_bool (object, "per_person"), member_bool (object, "optional"));
  return TRUE;
}

static gboolean
parse_group (PoeChecklistTemplate  *self,
             JsonNode              *node,
             GError               **error)
{
  PoeChecklistGroup group;
  JsonObject *object;
  JsonNode *steps;
  const char *id, *title;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return template_error (error, _("a group is not an object"));

  object = json_node_get_object (node);
  id = member_string (object, "id");
  title = member_string (object, "title");
  steps = json_object_get_member (object, "steps");

  if (id == NULL || title == NULL || steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    return template_error (error, _("a group needs an id, a title and steps"));

  group.id = g_strdup (id);
  group.title = g_strdup (title);
  g_array_append_val (self->groups, group);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (steps)); i++)
    {
      if (!parse_step (self, id, json_array_get_element (json_node_get_array (steps), i), error))
        return FALSE;
    }

  return TRUE;
}

/* The value of a step's latest event in a state of poe_store_get_checklist_state(). */
static const char *
latest_value (GHashTable *state,
              const char *step,
              const char *person_id)
{
  g_autofree char *key = poe_checklist_state_key (step, person_id);
  PoeRecord *event = g_hash_table_lookup (state, key);

  return event ? poe_record_get_string (event, "value") : NULL;
}

static const char *
record_state_value_cb (const char *step,
                       const char *person_id,
                       gpointer    user_data)
{
  return latest_value (user_data, step, person_id);
}

static gboolean
step_is_done (PoeChecklistValueFunc  value_func,
              gpointer               user_data,
              const char            *step,
              const char            *person_id)
{
  return poe_checklist_value_is_done (value_func (step, person_id, user_data));
}

/* "done" only, not "not applicable": the milestones and no-shows are things that happened. */
static gboolean
step_happened (PoeChecklistValueFunc  value_func,
               gpointer               user_data,
               const char            *step,
               const char            *person_id)
{
  return g_strcmp0 (value_func (step, person_id, user_data), "done") == 0;
}

static PoeCbpState
cbp_state_from_field (const char *status)
{
  if (g_strcmp0 (status, "primary_cleared") == 0)
    return POE_CBP_PRIMARY_CLEARED;
  if (g_strcmp0 (status, "secondary") == 0)
    return POE_CBP_SECONDARY;
  if (g_strcmp0 (status, "cleared") == 0)
    return POE_CBP_CLEARED;
  if (g_strcmp0 (status, "refused") == 0)
    return POE_CBP_REFUSED;

  return POE_CBP_PENDING;
}

static void
count_member (PoeChecklistProgress     *progress,
              const PoeChecklistMember *member,
              PoeChecklistValueFunc     value_func,
              gpointer                  user_data)
{
  switch (poe_checklist_derive_cbp_state (member, value_func, user_data))
    {
    case POE_CBP_PRIMARY_CLEARED:
    case POE_CBP_CLEARED:
      progress->n_persons_cleared++;
      break;
    case POE_CBP_SECONDARY:
      progress->n_in_secondary++;
      break;
    case POE_CBP_REFUSED:
      progress->n_refused++;
      break;
    case POE_CBP_PENDING:
    default:
      break;
    }
}



/*
 * Public API
 */

/**
 * poe_checklist_template_new_default:
 *
 * Returns: (transfer full): the default template of DESIGN §4, titles translated
 */
PoeChecklistTemplate *
poe_checklist_template_new_default (void)
{
  PoeChecklistTemplate *self = template_new ();

  for (guint i = 0; i < G_N_ELEMENTS (default_groups); i++)
    {
      PoeChecklistGroup group = {
        .id = g_strdup (default_groups[i].id),
        .title = g_strdup (_(default_groups[i].title)),
      };

      g_array_append_val (self->groups, group);

      for (const DefaultStep *s = default_groups[i].steps; s->id != NULL; s++)
        add_step (self, default_groups[i].id, s->id, _(s->title), s->branch, s->per_person, s->optional);
    }

  return self;
}

/**
 * poe_checklist_template_new_from_json:
 * @json: a POE's `checklist_template`: `{"groups": [{"id", "title", "steps": [{"id",
 *   "title", "branch", "per_person", "optional"}]}]}`
 *
 * Returns: (transfer full): the template, or %NULL with @error set
 */
PoeChecklistTemplate *
poe_checklist_template_new_from_json (const char  *json,
                                      GError     **error)
{
  g_autoptr(PoeChecklistTemplate) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *groups;

  g_return_val_if_fail (json != NULL, NULL);

  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      template_error (error, _("it is not a JSON object"));
      return NULL;
    }

  groups = json_object_get_member (json_node_get_object (root), "groups");
  if (groups == NULL || !JSON_NODE_HOLDS_ARRAY (groups) ||
      json_array_get_length (json_node_get_array (groups)) == 0)
    {
      template_error (error, _("it has no groups"));
      return NULL;
    }

  self = template_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (groups)); i++)
    {
      if (!parse_group (self, json_array_get_element (json_node_get_array (groups), i), error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

PoeChecklistTemplate *
poe_checklist_template_ref (PoeChecklistTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
poe_checklist_template_unref (PoeChecklistTemplate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->groups);
  g_array_unref (self->steps);
  g_free (self);
}

guint
poe_checklist_template_get_n_groups (PoeChecklistTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->groups->len;
}

const PoeChecklistGroup *
poe_checklist_template_get_group (PoeChecklistTemplate *self,
                                  guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->groups->len, NULL);

  return &g_array_index (self->groups, PoeChecklistGroup, index);
}

guint
poe_checklist_template_get_n_steps (PoeChecklistTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->steps->len;
}

const PoeChecklistStep *
poe_checklist_template_get_step (PoeChecklistTemplate *self,
                                 guint                 index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);

  return &g_array_index (self->steps, PoeChecklistStep, index);
}

/**
 * poe_checklist_template_lookup_step:
 *
 * Returns: (nullable): the step with @id
 */
const PoeChecklistStep *
poe_checklist_template_lookup_step (PoeChecklistTemplate *self,
                                    const char           *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; id != NULL && i < self->steps->len; i++)
    {
      const PoeChecklistStep *step = &g_array_index (self->steps, PoeChecklistStep, i);

      if (g_str_equal (step->id, id))
        return step;
    }

  return NULL;
}

/**
 * poe_checklist_step_applies:
 * @branch: (nullable): the family's branch
 *
 * Returns: whether a family on @branch has this step
 */
gboolean
poe_checklist_step_applies (const PoeChecklistStep *step,
                            const char             *branch)
{
  g_return_val_if_fail (step != NULL, FALSE);

  return step->branch == NULL || g_strcmp0 (step->branch, branch) == 0;
}

/**
 * poe_checklist_value_is_done:
 * @value: (nullable): the value of a step's latest event
 *
 * Returns: whether the step counts as done: done, or not applicable
 */
gboolean
poe_checklist_value_is_done (const char *value)
{
  return value != NULL && (strcmp (value, "done") == 0 || strcmp (value, "not_applicable") == 0);
}

/**
 * poe_checklist_state_is_done:
 * @state: from poe_store_get_checklist_state()
 * @person_id: (nullable): the person of a per-person step
 *
 * Returns: whether the step's latest event is done or not applicable
 */
gboolean
poe_checklist_state_is_done (GHashTable *state,
                             const char *step,
                             const char *person_id)
{
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  return poe_checklist_value_is_done (latest_value (state, step, person_id));
}

/**
 * poe_checklist_derive_progress:
 * @branch: (nullable): the family's branch
 * @members: (array length=n_members): the family's members
 * @value_func: (scope call): the value of a step's latest event
 *
 * Sums up where a family is: how many required steps apply and how many of them are done
 * (per person for per-person steps, no-shows left out; optional steps count for neither),
 * who is through CBP, in secondary, refused or not on the flight
 * (poe_checklist_derive_cbp_state(), poe_checklist_derive_no_show()),
 * whether every required onward step of the branch is done, and the milestones the board
 * and the connection risk use. Every view that shows one of these facts gets it from here:
 * the lists' family summaries (from a query's columns, no record per event) and
 * poe_checklist_compute_progress() (from records).
 */
void
poe_checklist_derive_progress (PoeChecklistTemplate     *self,
                               const char               *branch,
                               const PoeChecklistMember *members,
                               guint                     n_members,
                               PoeChecklistValueFunc     value_func,
                               gpointer                  user_data,
                               PoeChecklistProgress     *progress)
{
  gboolean onward_done = TRUE;
  gboolean any_onward = FALSE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (members != NULL || n_members == 0);
  g_return_if_fail (value_func != NULL);
  g_return_if_fail (progress != NULL);

  memset (progress, 0, sizeof *progress);
  progress->n_persons = n_members;

  for (guint i = 0; i < n_members; i++)
    {
      if (poe_checklist_derive_no_show (&members[i], value_func, user_data))
        progress->n_no_show++;
      else
        count_member (progress, &members[i], value_func, user_data);
    }

  for (guint i = 0; i < self->steps->len; i++)
    {
      const PoeChecklistStep *step = &g_array_index (self->steps, PoeChecklistStep, i);
      guint n = step->per_person ? n_members : 1;
      guint done = 0, n_skipped = 0;

      /* Optional steps count for nothing: no need to read them. */
      if (step->optional || !poe_checklist_step_applies (step, branch))
        continue;

      for (guint p = 0; p < n; p++)
        {
          /* A member who was not on the flight has no step to do. */
          if (step->per_person && poe_checklist_derive_no_show (&members[p], value_func, user_data))
            n_skipped++;
          else
            done += step_is_done (value_func, user_data, step->id, step->per_person ? members[p].id : NULL);
        }

      n -= n_skipped;
      progress->n_required += n;
      progress->n_done += done;
      if (g_str_equal (step->group, "onward"))
        {
          any_onward = TRUE;
          onward_done = onward_done && done == n;
        }
    }

  progress->met = step_is_done (value_func, user_data, POE_STEP_ARRIVAL_MET, NULL);
  progress->bags_claimed = step_is_done (value_func, user_data, POE_STEP_BAGGAGE_CLAIMED, NULL);
  progress->bags_rechecked = step_is_done (value_func, user_data, POE_STEP_BAGS_RECHECKED, NULL);
  progress->tsa_cleared = step_is_done (value_func, user_data, POE_STEP_TSA_CLEARED, NULL);
  progress->at_gate = step_is_done (value_func, user_data, POE_STEP_AT_GATE, NULL);
  progress->handed_over = step_is_done (value_func, user_data, POE_STEP_HANDOVER_ACKNOWLEDGED, NULL);
  progress->boarded = step_happened (value_func, user_data, POE_STEP_DEPARTURE_CONFIRMED, NULL);
  progress->onward_done = any_onward && onward_done;
}

/**
 * poe_checklist_compute_progress:
 * @branch: the family's branch
 * @state: from poe_store_get_checklist_state()
 * @persons: (element-type PoeRecord): the family's members
 *
 * poe_checklist_derive_progress() over records: the members' and the latest events'.
 */
void
poe_checklist_compute_progress (PoeChecklistTemplate *self,
                                const char           *branch,
                                GHashTable           *state,
                                GPtrArray            *persons,
                                PoeChecklistProgress *progress)
{
  g_autofree PoeChecklistMember *members = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (state != NULL);
  g_return_if_fail (persons != NULL);
  g_return_if_fail (progress != NULL);

  members = g_new0 (PoeChecklistMember, persons->len + 1);
  for (guint i = 0; i < persons->len; i++)
    {
      members[i].id = poe_record_get_id (g_ptr_array_index (persons, i));
      members[i].cbp_status = poe_record_get_string (g_ptr_array_index (persons, i), "cbp_status");
    }

  poe_checklist_derive_progress (self, branch, members, persons->len, record_state_value_cb, state, progress);
}

/**
 * poe_checklist_derive_cbp_state:
 * @member: the person
 * @value_func: (scope call): the value of a step's latest event
 *
 * The one derivation of a person's CBP state from the checklist events: referred to
 * secondary without an outcome is %POE_CBP_SECONDARY; a secondary outcome, or primary
 * cleared with the I-94 checked, %POE_CBP_CLEARED; primary cleared alone
 * %POE_CBP_PRIMARY_CLEARED. While the person has no CBP event at all (a record pulled or
 * imported with its state), the `cbp_status` field says it; a refusal, which no step
 * records, always comes from the field.
 *
 * Returns: the person's CBP state
 */
PoeCbpState
poe_checklist_derive_cbp_state (const PoeChecklistMember *member,
                                PoeChecklistValueFunc     value_func,
                                gpointer                  user_data)
{
  const char *primary, *referral, *outcome, *i94;

  g_return_val_if_fail (member != NULL, POE_CBP_PENDING);
  g_return_val_if_fail (value_func != NULL, POE_CBP_PENDING);

  if (g_strcmp0 (member->cbp_status, "refused") == 0)
    return POE_CBP_REFUSED;

  primary = value_func (POE_STEP_CBP_PRIMARY_CLEARED, member->id, user_data);
  referral = value_func (POE_STEP_CBP_SECONDARY, member->id, user_data);
  outcome = value_func (POE_STEP_CBP_SECONDARY_DONE, member->id, user_data);
  i94 = value_func (POE_STEP_CBP_I94_CHECKED, member->id, user_data);

  if (primary == NULL && referral == NULL && outcome == NULL && i94 == NULL)
    return cbp_state_from_field (member->cbp_status);

  if (g_strcmp0 (outcome, "done") == 0)
    return POE_CBP_CLEARED;
  if (g_strcmp0 (referral, "done") == 0)
    return POE_CBP_SECONDARY;
  if (poe_checklist_value_is_done (primary))
    return poe_checklist_value_is_done (i94) ? POE_CBP_CLEARED : POE_CBP_PRIMARY_CLEARED;

  return POE_CBP_PENDING;
}

/**
 * poe_checklist_derive_no_show:
 * @member: the person
 * @value_func: (scope call): the value of a step's latest event
 *
 * Returns: whether the person is recorded as not on the flight: the latest event of
 *   %POE_STEP_NO_SHOW for them is "done" (a step of no template: it is recorded from the
 *   flight's head count, never ticked in the checklist)
 */
gboolean
poe_checklist_derive_no_show (const PoeChecklistMember *member,
                              PoeChecklistValueFunc     value_func,
                              gpointer                  user_data)
{
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (value_func != NULL, FALSE);

  return step_happened (value_func, user_data, POE_STEP_NO_SHOW, member->id);
}

/**
 * poe_checklist_person_cbp_state:
 * @state: from poe_store_get_checklist_state()
 * @person: (type PoeRecord): the person
 *
 * Returns: poe_checklist_derive_cbp_state() over records
 */
PoeCbpState
poe_checklist_person_cbp_state (GHashTable *state,
                                gpointer    person)
{
  PoeChecklistMember member;

  g_return_val_if_fail (state != NULL, POE_CBP_PENDING);
  g_return_val_if_fail (POE_IS_RECORD (person), POE_CBP_PENDING);

  member.id = poe_record_get_id (person);
  member.cbp_status = poe_record_get_string (person, "cbp_status");
  return poe_checklist_derive_cbp_state (&member, record_state_value_cb, state);
}

/**
 * poe_checklist_person_is_no_show:
 * @state: from poe_store_get_checklist_state()
 * @person: (type PoeRecord): the person
 *
 * Returns: poe_checklist_derive_no_show() over records
 */
gboolean
poe_checklist_person_is_no_show (GHashTable *state,
                                 gpointer    person)
{
  PoeChecklistMember member = { NULL, NULL };

  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (POE_IS_RECORD (person), FALSE);

  member.id = poe_record_get_id (person);
  return poe_checklist_derive_no_show (&member, record_state_value_cb, state);
}

/**
 * poe_checklist_progress_fill_risk_input:
 * @progress: from poe_checklist_derive_progress()
 * @input: the risk input to fill
 *
 * Sets what the connection risk reads of the checklist, from the one derivation: who
 * travels on (no-shows and refused members do not), who is through CBP or in secondary, the
 * milestones and boarding. The flights' times and the members' codes are the caller's.
 */
void
poe_checklist_progress_fill_risk_input (const PoeChecklistProgress *progress,
                                        PoeRiskInput               *input)
{
  g_return_if_fail (progress != NULL);
  g_return_if_fail (input != NULL);

  input->n_persons = progress->n_persons - MIN (progress->n_persons, progress->n_no_show + progress->n_refused);
  input->n_in_secondary = progress->n_in_secondary;
  input->n_cbp_cleared = progress->n_persons_cleared;
  input->met = progress->met;
  input->bags_claimed = progress->bags_claimed;
  input->bags_rechecked = progress->bags_rechecked;
  input->tsa_cleared = progress->tsa_cleared;
  input->at_gate = progress->at_gate;
  input->boarded = progress->boarded;
}

/**
 * poe_cbp_state_to_string:
 *
 * Returns: the word of `person.cbp_status` for @cbp ("pending", "secondary", …)
 */
const char *
poe_cbp_state_to_string (PoeCbpState cbp)
{
  static const char * const words[] = { "pending", "primary_cleared", "secondary", "cleared", "refused" };

  g_return_val_if_fail (cbp <= POE_CBP_REFUSED, "pending");

  return words[cbp];
}
