/* poe-access-write.c
 *
 * The write side of docs/roles.md: who may push which mutation, one function per entity,
 * after the check that the record belongs to the user's port of entry. Every rule has a
 * cell in that table; a refusal's reason is shown to the user who pushed the change, so it
 * says what happened in plain words and never names a person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-access"

#include "config.h"

#include <string.h>

#include "poe-access.h"
#include "poe-access-private.h"

typedef struct
{
  PoeBackend    *backend;
  const PoeUser *user;
  PoeRole        role;
  const char    *op;
  PoeRecord     *old;
  PoeRecord     *merged;
  GPtrArray     *changed;
} Check;


/*
 * Auxiliary methods
 */

static gboolean
refuse (GError     **error,
        const char  *reason)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, reason);
  return FALSE;
}

static gboolean
changed_within (GPtrArray          *changed,
                const char * const *allowed)
{
  for (guint i = 0; i < changed->len; i++)
    {
      if (!g_strv_contains (allowed, g_ptr_array_index (changed, i)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
text_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
changed_has (GPtrArray  *changed,
             const char *field)
{
  for (guint i = 0; i < changed->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (changed, i), field))
        return TRUE;
    }

  return FALSE;
}


/*
 * Write rules, one function per entity
 */

static gboolean
check_admin_only (Check   *c,
                  GError **error)
{
  return c->role == POE_ROLE_ADMIN ||
         refuse (error, "Only an administrator can change this.");
}

static gboolean
check_flight (Check   *c,
              GError **error)
{
  static const char * const live[] = {
    "gate", "belt", "status", "estimated_arrival", "actual_arrival", NULL
  };

  if (c->role == POE_ROLE_ADMIN)
    return TRUE;

  if (c->old == NULL || g_str_equal (c->op, "delete"))
    return refuse (error, "Only an administrator can add or remove flights.");

  if (c->role < POE_ROLE_LEAD)
    return refuse (error, "Only shift leads and supervisors can update flights.");

  return changed_within (c->changed, live) ||
         refuse (error, "Only the gate, belt, status and arrival times of a flight can be updated.");
}

static gboolean
check_case (Check   *c,
            GError **error)
{
  static const char * const agent_fields[] = { "status", "branch", "final_destination", NULL };

  if (g_str_equal (c->op, "delete"))
    return check_admin_only (c, error);

  if (c->old == NULL)
    return c->role >= POE_ROLE_LEAD || refuse (error, "Only shift leads can open a new case.");

  if (!_poe_access_case_visible (c->user, c->old))
    return refuse (error, "This case is not assigned to you.");

  return c->role >= POE_ROLE_LEAD || changed_within (c->changed, agent_fields) ||
         refuse (error, "Only shift leads can change the assignment, sensitivity or details of a case.");
}

static gboolean
check_child_visible (Check   *c,
                     GError **error)
{
  if (!_poe_access_case_of_visible (c->backend, c->user, c->old) ||
      !_poe_access_case_of_visible (c->backend, c->user, c->merged))
    return refuse (error, "This case is not assigned to you.");

  return TRUE;
}

static gboolean
check_member (Check   *c,
              GError **error)
{
  if (!check_child_visible (c, error))
    return FALSE;

  if (g_str_equal (c->op, "delete") && c->role < POE_ROLE_LEAD)
    return refuse (error, "Only shift leads can remove this from a case.");

  return TRUE;
}

static gboolean
check_handoff (Check   *c,
               GError **error)
{
  static const char * const answer[] = {
    "state", "acknowledged_by", "acknowledged_at", "decline_reason", NULL
  };
  const char *state = get_str (c->merged, "state");
  gboolean giver = g_strcmp0 (get_str (c->old, "given_by"), c->user->staff_id) == 0;

  if (!check_member (c, error))
    return FALSE;

  if (c->old == NULL || g_str_equal (c->op, "delete"))
    return TRUE;

  if (changed_has (c->changed, "state") &&
      (g_strcmp0 (state, "accepted") == 0 || g_strcmp0 (state, "declined") == 0))
    {
      if (g_strcmp0 (get_str (c->old, "to_staff_id"), c->user->staff_id) != 0)
        return refuse (error, "Only the receiving staff member can accept or decline a hand-over.");
      return changed_within (c->changed, answer) ||
             refuse (error, "Accepting a hand-over cannot change its other details.");
    }

  if (changed_has (c->changed, "state") && g_strcmp0 (state, "confirmed") == 0)
    return giver || c->role == POE_ROLE_ADMIN ||
           refuse (error, "Only the staff member who gave the hand-over can confirm it.");

  return giver || c->role >= POE_ROLE_LEAD ||
         refuse (error, "Only the staff member who gave the hand-over can change it.");
}

static gboolean
check_voucher (Check   *c,
               GError **error)
{
  if (!check_child_visible (c, error))
    return FALSE;

  return c->old == NULL || c->role >= POE_ROLE_LEAD ||
         refuse (error, "Only shift leads can change or void an issued voucher.");
}

static gboolean
check_anomaly (Check      *c,
               const char *author,
               GError    **error)
{
  if (get_str (c->merged, "case_id") != NULL && !check_child_visible (c, error))
    return FALSE;

  if (c->old == NULL || c->role >= POE_ROLE_LEAD)
    return TRUE;

  if (g_str_equal (c->op, "delete"))
    return refuse (error, "Only shift leads can remove an anomaly.");

  return g_strcmp0 (author, c->user->staff_id) == 0 ||
         refuse (error, "Only the author of this anomaly or a shift lead can change it.");
}

/* Submitting (status open) needs what poe_incident_submit() asks for in the app. */
static gboolean
check_incident_submission (Check   *c,
                           GError **error)
{
  g_auto(GStrv) missing = NULL;

  if (g_strcmp0 (get_str (c->merged, "status"), "open") != 0)
    return TRUE;

  missing = poe_incident_missing_fields (c->merged, NULL);

  return missing[0] == NULL ||
         refuse (error, "An incident is submitted with its category, severity, time and narrative.");
}

static gboolean
check_incident_draft (Check   *c,
                      GError **error)
{
  const char *status = get_str (c->merged, "status");

  if (c->role != POE_ROLE_ADMIN && g_strcmp0 (get_str (c->old, "author_id"), c->user->staff_id) != 0)
    return refuse (error, "Only the author can edit a draft incident.");

  if (changed_has (c->changed, "author_id"))
    return refuse (error, "The author of an incident cannot be changed.");

  if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "open") != 0)
    return refuse (error, "A draft can only be submitted; a shift lead reviews it after that.");

  return check_incident_submission (c, error);
}

/* open → under_review → closed, each step with a reason given in the same change. */
static gboolean
check_incident_review (Check   *c,
                       GError **error)
{
  static const char * const review[] = { "status", "status_reason", NULL };
  const char * const *next = poe_incident_next_statuses (get_str (c->old, "status"));

  if (!changed_within (c->changed, review))
    return refuse (error, "A submitted incident cannot be edited; add a comment instead.");

  if (c->role < POE_ROLE_LEAD)
    return refuse (error, "Only shift leads and supervisors can review incidents.");

  if (!changed_has (c->changed, "status") || !strv_has (next, get_str (c->merged, "status")))
    return refuse (error, "An incident moves from open to under review to closed.");

  if (!changed_has (c->changed, "status_reason") || text_is_blank (get_str (c->merged, "status_reason")))
    return refuse (error, "Each change of status needs a new reason.");

  return TRUE;
}

static gboolean
check_incident (Check   *c,
                GError **error)
{
  const char *status = get_str (c->merged, "status");

  if (g_str_equal (c->op, "delete"))
    return check_admin_only (c, error);

  if (c->old == NULL)
    {
      if (g_strcmp0 (status, "draft") != 0 && g_strcmp0 (status, "open") != 0)
        return refuse (error, "A new incident starts as a draft or open.");
      return check_incident_submission (c, error);
    }

  if (g_strcmp0 (get_str (c->old, "status"), "draft") == 0)
    return check_incident_draft (c, error);

  return check_incident_review (c, error);
}

static gboolean
check_incident_comment (Check   *c,
                        GError **error)
{
  g_autoptr(PoeRecord) incident = _poe_access_lookup (c->backend, "incident",
                                                      get_str (c->merged, "incident_id"));

  if (incident == NULL ||
      _poe_access_read_incident (c->backend, NULL, c->user, incident) != POE_ACCESS_FULL)
    return refuse (error, "You cannot comment on this incident.");

  if (g_strcmp0 (get_str (incident, "status"), "draft") == 0)
    return refuse (error, "Comments can be added once the incident is submitted.");

  return TRUE;
}

static gboolean
check_locked_time_entry (Check   *c,
                         GError **error)
{
  static const char * const lock[] = { "state", "decided_by", NULL };

  if (c->role == POE_ROLE_ADMIN)
    return TRUE;

  if (c->role == POE_ROLE_SUPERVISOR && changed_within (c->changed, lock) &&
      g_strcmp0 (get_str (c->old, "state"), "approved") == 0 &&
      g_strcmp0 (get_str (c->merged, "state"), "locked") == 0 &&
      g_strcmp0 (get_str (c->old, "staff_id"), c->user->staff_id) != 0)
    return TRUE;

  return refuse (error, "This time entry is approved and locked; only an administrator can change it.");
}

static gboolean
check_own_time_entry (Check   *c,
                      GError **error)
{
  const char *old_state = get_str (c->old, "state");
  const char *state = get_str (c->merged, "state");

  if (c->old != NULL && g_strcmp0 (old_state, "draft") != 0 && g_strcmp0 (old_state, "rejected") != 0)
    return refuse (error, "This time entry was submitted; it can be changed once a lead returns it.");

  if (g_str_equal (c->op, "delete"))
    return TRUE;

  return g_strcmp0 (state, "draft") == 0 || g_strcmp0 (state, "submitted") == 0 ||
         refuse (error, "You cannot approve your own time entry.");
}

static gboolean
check_decision (Check      *c,
                const char *pending,
                GError    **error)
{
  static const char * const decision[] = { "state", "reason", "decided_by", NULL };
  const char *state = get_str (c->merged, "state");

  if (c->role < POE_ROLE_LEAD)
    return refuse (error, "Only shift leads can approve or reject this.");

  if (c->old == NULL || g_str_equal (c->op, "delete") || !changed_within (c->changed, decision) ||
      g_strcmp0 (get_str (c->old, "state"), pending) != 0)
    return refuse (error, "You can only approve or reject what was submitted to you.");

  if (g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "rejected") != 0)
    return refuse (error, "You can only approve or reject what was submitted to you.");

  /* The decider is the user: the server writes decided_by, nobody names another. */
  if (changed_has (c->changed, "decided_by") && g_strcmp0 (get_str (c->merged, "decided_by"), c->user->staff_id) != 0)
    return refuse (error, "The decision is recorded under your own name only.");

  /* A rejection says why, in this change: not blank, not the reason of an earlier one. */
  return g_strcmp0 (state, "approved") == 0 ||
         (changed_has (c->changed, "reason") && !text_is_blank (get_str (c->merged, "reason"))) ||
         refuse (error, "A rejection needs a reason.");
}

static gboolean
is_own (Check *c)
{
  return g_strcmp0 (get_str (c->merged, "staff_id"), c->user->staff_id) == 0 &&
         (c->old == NULL || g_strcmp0 (get_str (c->old, "staff_id"), c->user->staff_id) == 0);
}

static gboolean
check_time_entry (Check   *c,
                  GError **error)
{
  const char *old_state = get_str (c->old, "state");

  if (g_strcmp0 (old_state, "approved") == 0 || g_strcmp0 (old_state, "locked") == 0)
    return check_locked_time_entry (c, error);

  if (c->role == POE_ROLE_ADMIN)
    return TRUE;

  if (is_own (c))
    return check_own_time_entry (c, error);

  return check_decision (c, "submitted", error);
}

static gboolean
check_leave_request (Check   *c,
                     GError **error)
{
  const char *state = get_str (c->merged, "state");

  if (c->role == POE_ROLE_ADMIN)
    return TRUE;

  if (is_own (c) && !g_str_equal (c->op, "delete"))
    {
      if (c->old != NULL && g_strcmp0 (get_str (c->old, "state"), "requested") != 0)
        return refuse (error, "This leave request was already decided.");
      return g_strcmp0 (state, "requested") == 0 || g_strcmp0 (state, "cancelled") == 0 ||
             refuse (error, "You cannot approve your own leave request.");
    }

  return check_decision (c, "requested", error);
}

static gboolean
check_entity (Check      *c,
              const char *author,
              GError    **error)
{
  const char *name = poe_record_get_entity_name (c->merged);

  if (g_str_equal (name, "poe") || g_str_equal (name, "staff"))
    return check_admin_only (c, error);
  if (g_str_equal (name, "flight"))
    return check_flight (c, error);
  if (g_str_equal (name, "case"))
    return check_case (c, error);
  if (g_str_equal (name, "person") || g_str_equal (name, "segment") ||
      g_str_equal (name, "overnight_stay") || g_str_equal (name, "ground_transport"))
    return check_member (c, error);
  if (g_str_equal (name, "checklist_event") || g_str_equal (name, "case_event"))
    return check_child_visible (c, error);
  if (g_str_equal (name, "handoff"))
    return check_handoff (c, error);
  if (g_str_equal (name, "voucher"))
    return check_voucher (c, error);
  if (g_str_equal (name, "anomaly"))
    return check_anomaly (c, author, error);
  if (g_str_equal (name, "incident"))
    return check_incident (c, error);
  if (g_str_equal (name, "incident_comment"))
    return check_incident_comment (c, error);
  if (g_str_equal (name, "shift"))
    return c->role >= POE_ROLE_LEAD || refuse (error, "Only shift leads can change the roster.");
  if (g_str_equal (name, "time_entry"))
    return check_time_entry (c, error);
  if (g_str_equal (name, "leave_request"))
    return check_leave_request (c, error);

  return refuse (error, "The audit log is written by the server only.");
}

static gboolean
check_scope (Check   *c,
             GError **error)
{
  g_autofree char *poe = poe_access_record_poe (c->backend, c->merged);
  g_autofree char *old_poe = c->old != NULL ? poe_access_record_poe (c->backend, c->old) : NULL;

  if (c->role == POE_ROLE_ADMIN)
    return TRUE;

  if (poe == NULL)
    return refuse (error, "The record this belongs to does not exist.");

  if (!g_str_equal (poe, c->user->poe) || (c->old != NULL && g_strcmp0 (old_poe, poe) != 0))
    return refuse (error, "This record belongs to another port of entry.");

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_access_check_write:
 * @old: (nullable): the record as stored, %NULL for a new one
 * @merged: the record as it would be stored
 * @changed: names of the fields the mutation changes
 *
 * Returns: whether @user may push this; else @error says why, for the user
 */
gboolean
poe_access_check_write (PoeBackend     *backend,
                        const PoeUser  *user,
                        const char     *op,
                        PoeRecord      *old,
                        PoeRecord      *merged,
                        GPtrArray      *changed,
                        GError        **error)
{
  g_autofree char *author = NULL;
  Check c = { backend, user, poe_role_from_string (user->role), op, old, merged, changed };

  g_return_val_if_fail (POE_IS_RECORD (merged), FALSE);

  if (is_entity (merged, "audit"))
    return refuse (error, "The audit log is written by the server only.");

  if (!check_scope (&c, error))
    return FALSE;

  if (old != NULL && is_entity (old, "anomaly"))
    {
      g_autoptr(PoeRecord) stored = NULL;

      stored = backend->ops->record_get (backend, poe_record_get_entity (old),
                                         poe_record_get_id (old), &author);
    }

  return check_entity (&c, author, error);
}
