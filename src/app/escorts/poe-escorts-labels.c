/* poe-escorts-labels.c
 *
 * The words of the escorts views: receiving parties, documents and voucher kinds, where a
 * hand-off stands, who holds a family (a relative by initials until names are revealed), a
 * family's title; and the small reads and helpers those views share: the POE's time zone,
 * today there, and emptying a list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-escorts-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "family/poe-family-labels.h"
#include "poe-family-snapshot.h"
#include "poe-csv.h"
#include "poe-escorts-labels.h"

typedef struct
{
  const char *code;
  const char *label;
} CodeLabel;

static const CodeLabel kinds[] = {
  /* Translators: who receives a family in a hand-off */
  { "staff", N_("Staff member") },
  { "escort", N_("Escort") },
  { "ra", N_("Resettlement agency") },
  /* Translators: the foster-care provider of an unaccompanied refugee minor */
  { "urm_provider", N_("URM provider") },
  /* Translators: the airline's service for passengers with reduced mobility */
  { "airline_prm", N_("Airline PRM service") },
  { "relative", N_("Relative") },
  /* Translators: who holds a family before any hand-off */
  { "reception", N_("Reception team") },
};

static const CodeLabel documents[] = {
  /* Translators: documents handed over with a family */
  { "iom_bag", N_("IOM bag") },
  { "boarding_letter", N_("Boarding letters") },
  { "i94", N_("I-94s") },
  { "medical_envelope", N_("Medical envelope") },
  { "passport", N_("Passports") },
  { "tsa_letter", N_("TSA letters") },
};

static const CodeLabel voucher_kinds[] = {
  /* Translators: kinds of vouchers issued to a family */
  { "hotel", N_("Hotel") },
  { "meal", N_("Meal") },
  { "ground_transport", N_("Ground transport") },
  /* Translators: an airline miscellaneous charges order */
  { "mco", N_("MCO") },
};


/*
 * Auxiliary methods
 */

static const char *
lookup (const CodeLabel *labels,
        guint            n_labels,
        const char      *code)
{
  for (guint i = 0; code != NULL && i < n_labels; i++)
    {
      if (g_str_equal (labels[i].code, code))
        return _(labels[i].label);
    }

  return code ? code : "";
}


/*
 * Public API
 */

const char *
poe_handoff_kind_label (const char *kind)
{
  return lookup (kinds, G_N_ELEMENTS (kinds), kind);
}

const char *
poe_handoff_document_label (const char *document)
{
  return lookup (documents, G_N_ELEMENTS (documents), document);
}

const char *
poe_voucher_kind_label (const char *kind)
{
  return lookup (voucher_kinds, G_N_ELEMENTS (voucher_kinds), kind);
}

/**
 * poe_handoff_dup_documents:
 *
 * Returns: (transfer full): the documents of @handoff, "Passports, I-94s", or ""
 */
char *
poe_handoff_dup_documents (PoeRecord *handoff)
{
  const char * const *list = poe_record_get_strv (handoff, "documents");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, poe_handoff_document_label (list[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * poe_handoff_dup_state_text:
 *
 * Returns: (transfer full): where @handoff stands, in words
 */
char *
poe_handoff_dup_state_text (PoeRecord *handoff,
                            GTimeZone *zone)
{
  const char *state = poe_record_get_string (handoff, "state");
  const char *by = poe_record_get_string (handoff, "acknowledged_by");
  g_autoptr(GDateTime) at = poe_record_dup_time (handoff, "acknowledged_at");
  g_autofree char *time = poe_family_format_time (at, zone);

  if (g_strcmp0 (state, "accepted") == 0)
    /* Translators: %1$s is who accepted a hand-off, %2$s the time */
    return g_strdup_printf (_("Accepted by %1$s at %2$s"), by ? by : "", time);
  if (g_strcmp0 (state, "confirmed") == 0)
    /* Translators: %s is the time the giver confirmed an outside party took the family */
    return g_strdup_printf (_("Confirmed at %s"), time);
  if (g_strcmp0 (state, "declined") == 0)
    /* Translators: %1$s is who declined a hand-off, %2$s their reason */
    return g_strdup_printf (_("Declined by %1$s: %2$s"), by ? by : "",
                            poe_record_get_string (handoff, "decline_reason") ?: "");
  if (poe_handoff_is_internal (handoff))
    return g_strdup (_("Waiting for acceptance"));

  return g_strdup (_("Waiting for the giver’s confirmation"));
}

/**
 * poe_custody_holder_dup_text:
 *
 * Returns: (transfer full): "Name, Organisation (Resettlement agency)" or "Reception team"
 */
char *
poe_custody_holder_dup_text (const PoeCustodyHolder *holder,
                             gboolean                reveal_names)
{
  const char *kind = poe_handoff_kind_label (holder->kind);
  g_autofree char *name = NULL;

  if (holder->name == NULL)
    return g_strdup (kind);

  name = poe_handoff_dup_party (holder->kind, holder->name, reveal_names);
  if (holder->organisation != NULL && *holder->organisation != '\0')
    /* Translators: a holder: %1$s name, %2$s organisation, %3$s kind of party */
    return g_strdup_printf (_("%1$s, %2$s (%3$s)"), name, holder->organisation, kind);

  /* Translators: a holder: %1$s name, %2$s kind of party */
  return g_strdup_printf (_("%1$s (%2$s)"), name, kind);
}

/**
 * poe_handoff_dup_party:
 *
 * A relative is family: initials until names are revealed, as for the family itself.
 *
 * Returns: (transfer full): the receiving party's name as shown
 */
char *
poe_handoff_dup_party (const char *kind,
                       const char *name,
                       gboolean    reveal_names)
{
  if (!reveal_names && g_strcmp0 (kind, "relative") == 0)
    return poe_name_dup_initials (name);

  return g_strdup (name ? name : "");
}

/**
 * poe_escorts_dup_case_title:
 *
 * Returns: (transfer full): "US-2026-900012 · A. K.", or %NULL with @error set when the
 *   members could not be read
 */
char *
poe_escorts_dup_case_title (PoeStore   *store,
                            PoeRecord  *kase,
                            gboolean    reveal_names,
                            GError    **error)
{
  g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (store, poe_record_get_id (kase), error);
  const char *number = poe_record_get_string (kase, "case_number");
  PoeRecord *principal = NULL;
  g_autofree char *name = NULL;

  if (persons == NULL)
    return NULL;

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);

      if (principal == NULL || g_strcmp0 (poe_record_get_string (person, "relationship"), "PA") == 0)
        principal = person;
      if (g_strcmp0 (poe_record_get_string (person, "relationship"), "PA") == 0)
        break;
    }

  if (principal == NULL)
    return g_strdup (number);

  name = poe_family_dup_person_name (principal, reveal_names);
  /* Translators: a family: case number and the principal's initials, "US-2026-900012 · A. K." */
  return g_strdup_printf (_("%1$s · %2$s"), number, name);
}

/**
 * poe_escorts_dup_today:
 *
 * Returns: (transfer full): today's date at the POE, "2026-11-24"
 */
char *
poe_escorts_dup_today (GTimeZone *zone)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return g_date_time_format (now, "%Y-%m-%d");
}

void
poe_escorts_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}
