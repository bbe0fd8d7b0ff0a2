/* poe-custody.c
 *
 * The custody chain of a family, computed from its hand-offs in order: a completed hand-off
 * moves the family, the members or the documents it names to the receiving party. With it,
 * the hand-off rules the app applies before it writes: who answers a pending hand-off and
 * how (accept, decline with a reason, the giver's confirmation of an outside party), what a
 * new hand-off needs (an unaccompanied minor goes only to a URM provider whose name,
 * organisation and phone are recorded), when a URM family may be marked handed over, and
 * which families are still with a staff member near the end of a shift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-custody"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-custody.h"

/* Person-level document keys: "passport" + US + person id. */
#define KEY_SEPARATOR "\x1f"
#define MIN_PHONE_DIGITS 7

struct _PoeCustody
{
  PoeRecord        *kase;
  GPtrArray        *trail;      /* every hand-off, in order */
  GPtrArray        *pending;    /* the pending ones, in order */
  PoeCustodyHolder *family;     /* points at reception or into holders */
  GHashTable       *persons;    /* person id → PoeCustodyHolder */
  GHashTable       *documents;  /* document key → PoeCustodyHolder */
  GPtrArray        *holders;    /* owns every PoeCustodyHolder but reception */
  PoeCustodyHolder  reception;
};

G_DEFINE_QUARK (poe-custody-error-quark, poe_custody_error)

static const char * const handoff_documents[] = {
  "iom_bag", "boarding_letter", "i94", "medical_envelope", "passport", NULL
};


/*
 * Auxiliary methods
 */

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  while (g_ascii_isspace (*text))
    text++;

  return *text != '\0';
}

static const char *
get (PoeRecord  *record,
     const char *field)
{
  return poe_record_get_string (record, field);
}

static gboolean
state_is (PoeRecord  *handoff,
          const char *state)
{
  return g_strcmp0 (get (handoff, "state"), state) == 0;
}

static int
compare_handoffs (gconstpointer a,
                  gconstpointer b)
{
  PoeRecord *x = *(PoeRecord **) a;
  PoeRecord *y = *(PoeRecord **) b;
  int order;

  /* ISO 8601 UTC times sort as text. The same second: by when answered; then the sort,
   * which is stable, keeps the store's order. */
  if ((order = g_strcmp0 (get (x, "at"), get (y, "at"))) != 0)
    return order;
  return g_strcmp0 (get (x, "acknowledged_at"), get (y, "acknowledged_at"));
}

static PoeCustodyHolder *
holder_new (PoeCustody *self,
            PoeRecord  *handoff)
{
  PoeCustodyHolder *holder = g_new0 (PoeCustodyHolder, 1);

  holder->kind = get (handoff, "to_kind");
  holder->name = get (handoff, "to_party");
  holder->staff_id = get (handoff, "to_staff_id");
  holder->organisation = get (handoff, "to_organisation");
  holder->handoff = handoff;
  g_ptr_array_add (self->holders, holder);

  return holder;
}

static char *
document_key (const char *document,
              const char *person_id)
{
  if (person_id == NULL)
    return g_strdup (document);

  return g_strconcat (document, KEY_SEPARATOR, person_id, NULL);
}

/* A completed hand-off moves what it names: the whole family (every member not handed
 * off on their own) or one member, and the documents it lists. */
static void
apply_handoff (PoeCustody *self,
               PoeRecord  *handoff)
{
  PoeCustodyHolder *holder = holder_new (self, handoff);
  const char *person_id = get (handoff, "person_id");
  const char * const *documents = poe_record_get_strv (handoff, "documents");

  if (person_id == NULL)
    self->family = holder;
  else
    g_hash_table_insert (self->persons, g_strdup (person_id), holder);

  for (guint i = 0; documents != NULL && documents[i] != NULL; i++)
    g_hash_table_insert (self->documents, document_key (documents[i], person_id), holder);
}

static gboolean
check_answer (PoeRecord   *handoff,
              const char  *staff_id,
              GError     **error)
{
  if (!state_is (handoff, "pending"))
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_PENDING,
                           _("This hand-off has already been answered."));
      return FALSE;
    }

  if (staff_id == NULL || g_strcmp0 (get (handoff, "to_staff_id"), staff_id) != 0)
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_ALLOWED,
                           _("Only the staff member receiving this hand-off can answer it."));
      return FALSE;
    }

  return TRUE;
}

static guint
count_digits (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p; p++)
    n += g_ascii_isdigit (*p) ? 1 : 0;

  return n;
}

static gboolean
check_urm_provider (PoeRecord  *handoff,
                    GError    **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;

  if (!has_text (get (handoff, "to_party")))
    g_ptr_array_add (missing, (gpointer) _("the name of the person taking the child"));
  if (!has_text (get (handoff, "to_organisation")))
    g_ptr_array_add (missing, (gpointer) _("the provider’s organisation"));
  if (count_digits (get (handoff, "to_phone")) < MIN_PHONE_DIGITS)
    g_ptr_array_add (missing, (gpointer) _("a phone number"));

  if (missing->len == 0)
    return TRUE;

  g_ptr_array_add (missing, NULL);
  /* Translators: joins the missing parts of a URM hand-over form */
  list = g_strjoinv (C_("list separator", ", "), (char **) missing->pdata);
  g_set_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_URM_PROVIDER,
               /* Translators: %s lists what is missing, "a phone number, the provider’s organisation" */
               _("An unaccompanied minor can only be handed to the foster-care provider once its "
                 "details are recorded. Still missing: %s."), list);
  return FALSE;
}

static gboolean
is_urm (PoeRecord *kase)
{
  return kase != NULL && g_strcmp0 (get (kase, "sensitivity"), "urm") == 0;
}

/* Still with the POE team: never handed off, or last handed to a staff member. */
static gboolean
is_with_team (PoeCustody *self)
{
  return self->family->handoff == NULL || self->family->staff_id != NULL;
}

/* Every member handed off on their own went to a URM provider. */
static gboolean
persons_with_urm_provider (PoeCustody *self)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->persons) == 0)
    return FALSE;

  g_hash_table_iter_init (&iter, self->persons);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PoeCustodyHolder *holder = value;

      if (g_strcmp0 (holder->kind, "urm_provider") != 0)
        return FALSE;
    }

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_custody_new:
 * @kase: (nullable): the case
 * @handoffs: (element-type PoeRecord): its hand-offs, in any order
 *
 * Returns: (transfer full): the custody chain of @kase
 */
PoeCustody *
poe_custody_new (PoeRecord *kase,
                 GPtrArray *handoffs)
{
  PoeCustody *self = g_new0 (PoeCustody, 1);

  g_return_val_if_fail (kase == NULL || POE_IS_RECORD (kase), NULL);
  g_return_val_if_fail (handoffs != NULL, NULL);

  self->kase = kase ? g_object_ref (kase) : NULL;
  self->trail = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_ptr_array_new ();
  self->holders = g_ptr_array_new_with_free_func (g_free);
  self->persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reception.kind = "reception";
  self->family = &self->reception;

  for (guint i = 0; i < handoffs->len; i++)
    {
      PoeRecord *handoff = g_ptr_array_index (handoffs, i);

      if (!poe_record_get_deleted (handoff))
        g_ptr_array_add (self->trail, g_object_ref (handoff));
    }
  g_ptr_array_sort (self->trail, compare_handoffs);

  for (guint i = 0; i < self->trail->len; i++)
    {
      PoeRecord *handoff = g_ptr_array_index (self->trail, i);

      if (poe_handoff_is_completed (handoff))
        apply_handoff (self, handoff);
      else if (state_is (handoff, "pending"))
        g_ptr_array_add (self->pending, handoff);
    }

  return self;
}

/**
 * poe_custody_load:
 *
 * Returns: (transfer full): the custody chain of the case @case_id, or %NULL when the store
 *   does not have the case
 */
PoeCustody *
poe_custody_load (PoeStore    *store,
                  const char  *case_id,
                  GError     **error)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GPtrArray) handoffs = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!(kase = poe_store_get (store, "case", case_id, error)))
    return NULL;
  if (!(handoffs = poe_store_list (store, "handoff", "case_id", case_id, error)))
    return NULL;

  return poe_custody_new (kase, handoffs);
}

void
poe_custody_free (PoeCustody *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->kase);
  g_ptr_array_unref (self->pending);
  g_ptr_array_unref (self->trail);
  g_hash_table_unref (self->persons);
  g_hash_table_unref (self->documents);
  g_ptr_array_unref (self->holders);
  g_free (self);
}

/**
 * poe_custody_get_case:
 *
 * Returns: (transfer none) (nullable): the case
 */
PoeRecord *
poe_custody_get_case (PoeCustody *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kase;
}

/**
 * poe_custody_get_holder:
 * @person_id: (nullable): a member, or %NULL for the family
 *
 * Returns: (transfer none): who holds the family or the member now
 */
const PoeCustodyHolder *
poe_custody_get_holder (PoeCustody *self,
                        const char *person_id)
{
  PoeCustodyHolder *holder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (person_id != NULL)
    holder = g_hash_table_lookup (self->persons, person_id);

  return holder ? holder : self->family;
}

/**
 * poe_custody_get_document_holder:
 * @document: a document kind ("passport", "i94", …)
 * @person_id: (nullable): whose document; %NULL for the family's
 *
 * Documents move only with a completed hand-off that lists them.
 *
 * Returns: (transfer none): who holds the document now
 */
const PoeCustodyHolder *
poe_custody_get_document_holder (PoeCustody *self,
                                 const char *document,
                                 const char *person_id)
{
  g_autofree char *key = NULL;
  PoeCustodyHolder *holder = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);

  if (person_id != NULL)
    {
      key = document_key (document, person_id);
      holder = g_hash_table_lookup (self->documents, key);
    }
  if (holder == NULL)
    holder = g_hash_table_lookup (self->documents, document);

  return holder ? holder : &self->reception;
}

/**
 * poe_custody_get_trail:
 *
 * Returns: (transfer none) (element-type PoeRecord): every hand-off of the case, declined
 *   ones included, by time
 */
GPtrArray *
poe_custody_get_trail (PoeCustody *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->trail;
}

/**
 * poe_custody_get_pending:
 *
 * Returns: (transfer none) (element-type PoeRecord): the hand-offs waiting for acceptance
 *   or confirmation, by time
 */
GPtrArray *
poe_custody_get_pending (PoeCustody *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pending;
}

/**
 * poe_custody_is_held_by:
 *
 * Returns: whether the family is with @staff_id: handed to them, or never handed off and
 *   assigned to them
 */
gboolean
poe_custody_is_held_by (PoeCustody *self,
                        const char *staff_id)
{
  const char * const *assigned;

  g_return_val_if_fail (self != NULL, FALSE);

  if (staff_id == NULL)
    return FALSE;

  if (self->family->handoff != NULL)
    return g_strcmp0 (self->family->staff_id, staff_id) == 0;

  assigned = self->kase ? poe_record_get_strv (self->kase, "assigned_staff_ids") : NULL;
  return assigned != NULL && g_strv_contains (assigned, staff_id);
}

/* Handed over to someone outside the POE team: the case's status says so, or the family's
 * last completed hand-off went to an outside party. */
static gboolean
is_handed_over (PoeCustody *self)
{
  return (self->kase != NULL && g_strcmp0 (get (self->kase, "status"), "handed_over") == 0) ||
         (self->family->handoff != NULL && self->family->staff_id == NULL);
}

/**
 * poe_custody_check_status:
 * @status: the case status about to be written
 *
 * The rule book of a case's last statuses. A case is closed only once the family has been
 * handed over (its status, or a completed hand-off to an outside party). The URM rule: a
 * URM case is marked handed over or closed only once the child is with the foster-care
 * provider through a completed hand-off. The app and poe-central's push both ask this.
 *
 * Returns: whether the case may take @status
 */
gboolean
poe_custody_check_status (PoeCustody  *self,
                          const char  *status,
                          GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (g_strcmp0 (status, "handed_over") != 0 && g_strcmp0 (status, "closed") != 0)
    return TRUE;

  if (is_urm (self->kase) &&
      g_strcmp0 (self->family->kind, "urm_provider") != 0 && !persons_with_urm_provider (self))
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_URM_NOT_HANDED,
                           _("An unaccompanied minor’s case can be closed only after the hand-over "
                             "to the foster-care provider has been accepted or confirmed."));
      return FALSE;
    }

  if (g_strcmp0 (status, "closed") == 0 && !is_urm (self->kase) && !is_handed_over (self))
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_HANDED,
                           _("A case can be closed only once the family has been handed over: "
                             "record the hand-off to the receiving party first."));
      return FALSE;
    }

  return TRUE;
}

/**
 * poe_handoff_document_kinds:
 *
 * Returns: (transfer none): the documents a hand-off form offers, in its order
 */
const char * const *
poe_handoff_document_kinds (void)
{
  return handoff_documents;
}

/**
 * poe_handoff_is_completed:
 *
 * Returns: whether @handoff moved custody: accepted or confirmed
 */
gboolean
poe_handoff_is_completed (PoeRecord *handoff)
{
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);

  return state_is (handoff, "accepted") || state_is (handoff, "confirmed");
}

/**
 * poe_handoff_is_internal:
 *
 * Returns: whether @handoff goes to a staff member, who accepts it; the others go to an
 *   outside party and are confirmed by the giver
 */
gboolean
poe_handoff_is_internal (PoeRecord *handoff)
{
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);

  return get (handoff, "to_staff_id") != NULL;
}

/**
 * poe_handoff_awaits:
 *
 * Returns: whether @handoff is pending and @staff_id is the one to answer it: the
 *   receiving staff member, or the giver of a hand-off to an outside party
 */
gboolean
poe_handoff_awaits (PoeRecord  *handoff,
                    const char *staff_id)
{
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);

  if (staff_id == NULL || !state_is (handoff, "pending"))
    return FALSE;

  if (poe_handoff_is_internal (handoff))
    return g_str_equal (get (handoff, "to_staff_id"), staff_id);

  return g_strcmp0 (get (handoff, "given_by"), staff_id) == 0;
}

/**
 * poe_handoff_check:
 * @kase: the case handed off
 * @handoff: a new hand-off
 *
 * Checks what the form must say before @handoff is written: the receiving party, and for
 * a URM case handed to its provider, the provider's name, organisation and phone.
 *
 * Returns: whether @handoff may be written
 */
gboolean
poe_handoff_check (PoeRecord  *kase,
                   PoeRecord  *handoff,
                   GError    **error)
{
  const char *kind;

  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);

  kind = get (handoff, "to_kind");
  if (g_strcmp0 (kind, "staff") == 0 && get (handoff, "to_staff_id") == NULL)
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NO_RECEIVER,
                           _("Choose the staff member who takes over."));
      return FALSE;
    }

  if (is_urm (kase) && g_strcmp0 (kind, "urm_provider") == 0)
    return check_urm_provider (handoff, error);

  if (!has_text (get (handoff, "to_party")))
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NO_RECEIVER,
                           _("Enter the name of the person taking over."));
      return FALSE;
    }

  return TRUE;
}

/**
 * poe_handoff_accept:
 * @staff_id: the signed-in staff member, who must be the receiver
 * @display_name: their name, recorded as who acknowledged
 *
 * Sets @handoff accepted. Write it with poe_store_save().
 */
gboolean
poe_handoff_accept (PoeRecord   *handoff,
                    const char  *staff_id,
                    const char  *display_name,
                    GDateTime   *at,
                    GError     **error)
{
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (!check_answer (handoff, staff_id, error))
    return FALSE;

  poe_record_set_string (handoff, "state", "accepted");
  poe_record_set_string (handoff, "acknowledged_by", display_name);
  poe_record_set_time (handoff, "acknowledged_at", at);

  return TRUE;
}

/**
 * poe_handoff_decline:
 * @reason: why, required
 *
 * Sets @handoff declined: custody stays with the giver.
 */
gboolean
poe_handoff_decline (PoeRecord   *handoff,
                     const char  *staff_id,
                     const char  *display_name,
                     const char  *reason,
                     GDateTime   *at,
                     GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (!check_answer (handoff, staff_id, error))
    return FALSE;

  if (!has_text (reason))
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NO_REASON,
                           _("Say why you decline, so the giver knows what to do next."));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (reason));
  poe_record_set_string (handoff, "state", "declined");
  poe_record_set_string (handoff, "decline_reason", stripped);
  poe_record_set_string (handoff, "acknowledged_by", display_name);
  poe_record_set_time (handoff, "acknowledged_at", at);

  return TRUE;
}

/**
 * poe_handoff_confirm:
 * @staff_id: the signed-in staff member, who must be the giver
 *
 * Confirms that the outside party of @handoff has taken the family.
 */
gboolean
poe_handoff_confirm (PoeRecord   *handoff,
                     const char  *staff_id,
                     GDateTime   *at,
                     GError     **error)
{
  g_return_val_if_fail (POE_IS_RECORD (handoff), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  if (!state_is (handoff, "pending"))
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_PENDING,
                           _("This hand-off has already been answered."));
      return FALSE;
    }

  if (poe_handoff_is_internal (handoff) || staff_id == NULL ||
      g_strcmp0 (get (handoff, "given_by"), staff_id) != 0)
    {
      g_set_error_literal (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_ALLOWED,
                           _("Only the staff member who gave a hand-off to an outside party can confirm it."));
      return FALSE;
    }

  poe_record_set_string (handoff, "state", "confirmed");
  poe_record_set_string (handoff, "acknowledged_by", get (handoff, "to_party"));
  poe_record_set_time (handoff, "acknowledged_at", at);

  return TRUE;
}

/**
 * poe_custody_is_near_shift_end:
 * @margin: how long before the end the warning starts
 *
 * Returns: whether @now is within @margin of @shift_end, or past it
 */
gboolean
poe_custody_is_near_shift_end (GDateTime *now,
                               GDateTime *shift_end,
                               GTimeSpan  margin)
{
  g_autoptr(GDateTime) from = NULL;

  g_return_val_if_fail (now != NULL, FALSE);

  if (shift_end == NULL)
    return FALSE;

  from = g_date_time_add (shift_end, -margin);
  return g_date_time_compare (now, from) >= 0;
}

/**
 * poe_custody_list_due:
 * @staff_id: (nullable): whose families; %NULL for every family still with the team
 * @shift_end: (nullable): the end of the shift; %NULL: no shift, nothing is due
 *
 * The families still in progress and with @staff_id when @now is near @shift_end: they
 * need a hand-off before the shift ends.
 *
 * Returns: (transfer full) (element-type PoeRecord): the cases, empty before the margin
 */
GPtrArray *
poe_custody_list_due (PoeStore    *store,
                      const char  *staff_id,
                      GDateTime   *now,
                      GDateTime   *shift_end,
                      GTimeSpan    margin,
                      GError     **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!poe_custody_is_near_shift_end (now, shift_end, margin))
    return g_steal_pointer (&due);

  if (!(cases = poe_store_list (store, "case", "status", "in_progress", error)))
    return NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) handoffs = NULL;
      g_autoptr(PoeCustody) custody = NULL;

      if (!(handoffs = poe_store_list (store, "handoff", "case_id", poe_record_get_id (kase), error)))
        return NULL;

      custody = poe_custody_new (kase, handoffs);
      if (staff_id != NULL ? poe_custody_is_held_by (custody, staff_id) : is_with_team (custody))
        g_ptr_array_add (due, g_object_ref (kase));
    }

  return g_steal_pointer (&due);
}
