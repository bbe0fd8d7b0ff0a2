/* poe-handoff-dialog.c
 *
 * The hand-off form of a family or one member: the current holder, the receiving party (a
 * colleague of the POE, or an outside party with organisation and phone, which the giver can
 * confirm at once), the place, the time ("14:05" today at the POE, or now), the documents
 * handed over and notes. Saving builds the hand-off, checks it against the rules of
 * poe_handoff_check() (the URM rule among them) and writes it in one store transaction; the
 * form shows what is wrong and stays open when it cannot.
 * "Today" is the case's POE's. A read the form needs that fails says so, and Save stays off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-handoff-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "common/poe-read-error.h"
#include "poe-custody.h"
#include "poe-escorts-labels.h"
#include "poe-handover.h"
#include "poe-handoff-dialog.h"
#include "poe-member-label.h"

struct _PoeHandoffDialog
{
  AdwWindow            parent_instance;

  PoeSession          *session;
  PoeStore            *store;
  PoeRecord           *kase;
  char                *case_id;
  char                *person_id;
  char                *from_text;
  GTimeZone           *zone;
  GPtrArray           *staff_ids;        /* parallel to staff_row's model */
  GHashTable          *document_checks;  /* document kind → GtkCheckButton */

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwActionRow        *from_row;
  AdwPreferencesGroup *to_group;
  AdwComboRow         *kind_row;
  AdwComboRow         *staff_row;
  AdwEntryRow         *party_row;
  AdwEntryRow         *organisation_row;
  AdwEntryRow         *phone_row;
  AdwActionRow        *confirm_row;
  GtkSwitch           *confirm_switch;
  AdwEntryRow         *place_row;
  AdwEntryRow         *time_row;
  AdwEntryRow         *notes_row;
  AdwPreferencesGroup *documents_group;
};

G_DEFINE_FINAL_TYPE (PoeHandoffDialog, poe_handoff_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* In the schema's order; the combo row shows them in this order. */
static const char * const to_kinds[] = {
  "staff", "escort", "ra", "urm_provider", "airline_prm", "relative", NULL
};


/*
 * Auxiliary methods
 */

static const char *
selected_kind (PoeHandoffDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < G_N_ELEMENTS (to_kinds) - 1 ? to_kinds[selected] : "staff";
}

static const char *
selected_staff_id (PoeHandoffDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->staff_row);

  return selected < self->staff_ids->len ? g_ptr_array_index (self->staff_ids, selected) : NULL;
}

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
show_error (PoeHandoffDialog *self,
            const GError     *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* What the dialog needed could not be read: it says so and cannot save. */
static void
show_read_error (PoeHandoffDialog *self,
                 const GError     *error)
{
  g_autofree char *text = poe_read_error_dup_text (error);

  gtk_label_set_label (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
}

static void
fill_kinds (PoeHandoffDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; to_kinds[i] != NULL; i++)
    gtk_string_list_append (model, poe_handoff_kind_label (to_kinds[i]));

  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (model));
}

static int
compare_staff (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (poe_record_get_string (*(PoeRecord **) a, "display_name"),
                         poe_record_get_string (*(PoeRecord **) b, "display_name"));
}

/* Colleagues of the POE, by name; the giver is not offered. Nobody is chosen at first: the
 * first row asks for a choice, so a hand-off never goes to whoever sorts first. */
static gboolean
fill_staff (PoeHandoffDialog  *self,
            GError           **error)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) staff = poe_store_list (self->store, "staff", NULL, NULL, error);
  const char *me = poe_session_get_staff_id (self->session);

  g_ptr_array_set_size (self->staff_ids, 0);
  if (staff == NULL)
    return FALSE;

  /* Translators: the first entry of the colleague picker of a hand-off, chosen by nobody */
  gtk_string_list_append (model, _("Choose a colleague…"));
  g_ptr_array_add (self->staff_ids, NULL);

  g_ptr_array_sort (staff, compare_staff);
  for (guint i = 0; i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      if (g_strcmp0 (poe_record_get_id (member), me) == 0)
        continue;

      gtk_string_list_append (model, poe_record_get_string (member, "display_name"));
      g_ptr_array_add (self->staff_ids, g_strdup (poe_record_get_id (member)));
    }

  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->staff_row, 0);
  return TRUE;
}

static void
add_document_rows (PoeHandoffDialog *self)
{
  const char * const *kinds = poe_handoff_document_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strconcat ("document-", kinds[i], NULL);
      const char *label = poe_handoff_document_label (kinds[i]);

      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->documents_group, row);
      g_hash_table_insert (self->document_checks, (gpointer) kinds[i], check);
    }
}

static void
update_kind_rows (PoeHandoffDialog *self)
{
  const char *kind = selected_kind (self);
  gboolean internal = g_str_equal (kind, "staff");
  gboolean urm = self->kase && g_strcmp0 (poe_record_get_string (self->kase, "sensitivity"), "urm") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->staff_row), internal);
  gtk_widget_set_visible (GTK_WIDGET (self->party_row), !internal);
  gtk_widget_set_visible (GTK_WIDGET (self->organisation_row), !internal);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_row), !internal);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), !internal);

  if (urm)
    adw_preferences_group_set_description (self->to_group,
                                           _("Unaccompanied minor: hand the child only to the foster-care "
                                             "provider, with their name, organisation and phone."));
  else if (internal)
    adw_preferences_group_set_description (self->to_group,
                                           _("The family moves to your colleague once they accept."));
  else
    adw_preferences_group_set_description (self->to_group,
                                           _("The family moves to the outside party once you confirm the hand-over."));
}

/* A case gone from this device is no failure here: saving then says why it cannot. */
static gboolean
load_case (PoeHandoffDialog  *self,
           GError           **error)
{
  g_autoptr(PoeCustody) custody = NULL;
  g_autoptr(PoeRecord) person = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  const PoeCustodyHolder *holder;

  if (!(self->kase = poe_store_get (self->store, "case", self->case_id, &local_error)) ||
      !(self->zone = poe_store_dup_poe_time_zone (self->store, self->kase, &local_error)) ||
      !(custody = poe_custody_load (self->store, self->case_id, &local_error)) ||
      !(title = poe_escorts_dup_case_title (self->store, self->kase, FALSE, &local_error)) ||
      (self->person_id != NULL &&
       !(person = poe_store_get (self->store, "person", self->person_id, &local_error))))
    {
      if (g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (person != NULL)
    {
      g_autoptr(GDateTime) today = g_date_time_new_now (self->zone);
      g_autofree char *label = poe_family_dup_member_label (person, FALSE, today);
      /* Translators: a family and the one member handed off,
       * "US-2026-900012 · A. K., member S. K. · Child · F, 7" */
      char *full = g_strdup_printf (_("%1$s, member %2$s"), title, label);

      g_free (title);
      title = full;
    }
  adw_window_title_set_subtitle (self->window_title, title);

  holder = poe_custody_get_holder (custody, self->person_id);
  if (holder->handoff == NULL || g_strcmp0 (holder->staff_id, poe_session_get_staff_id (self->session)) == 0)
    self->from_text = g_strdup (poe_session_get_display_name (self->session));
  else
    self->from_text = poe_custody_holder_dup_text (holder, FALSE);
  adw_action_row_set_subtitle (self->from_row, self->from_text ? self->from_text : "");
  return TRUE;
}

/* "14:05" today at the POE; empty: now. */
static GDateTime *
parse_time (PoeHandoffDialog  *self,
            GError           **error)
{
  g_autofree char *text = dup_entry_text (self->time_row);
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autoptr(GDateTime) local = NULL;
  unsigned int hour, minute;
  char end;

  if (text == NULL)
    return g_date_time_to_utc (now);

  if (sscanf (text, "%2u:%2u%c", &hour, &minute, &end) != 2 || hour > 23 || minute > 59)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the time of the hand-off as hours and minutes, like 14:05."));
      return NULL;
    }

  local = g_date_time_new (self->zone, g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now), hour, minute, 0);
  return g_date_time_to_utc (local);
}

static char **
dup_documents (PoeHandoffDialog *self)
{
  const char * const *kinds = poe_handoff_document_kinds ();
  GStrvBuilder *builder = g_strv_builder_new ();
  char **documents;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->document_checks, kinds[i]);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, kinds[i]);
    }

  documents = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return documents;
}

static gboolean
set_receiver (PoeHandoffDialog  *self,
              PoeRecord         *handoff,
              GError           **error)
{
  const char *staff_id = selected_staff_id (self);
  g_autoptr(PoeRecord) staff = NULL;

  if (!g_str_equal (selected_kind (self), "staff"))
    {
      g_autofree char *party = dup_entry_text (self->party_row);
      g_autofree char *organisation = dup_entry_text (self->organisation_row);
      g_autofree char *phone = dup_entry_text (self->phone_row);

      poe_record_set_string (handoff, "to_party", party);
      poe_record_set_string (handoff, "to_organisation", organisation);
      poe_record_set_string (handoff, "to_phone", phone);
      return TRUE;
    }

  if (staff_id == NULL)
    return TRUE;

  if (!(staff = poe_store_get (self->store, "staff", staff_id, error)))
    return FALSE;

  poe_record_set_string (handoff, "to_staff_id", staff_id);
  poe_record_set_string (handoff, "to_party", poe_record_get_string (staff, "display_name"));
  return TRUE;
}

static PoeRecord *
build_handoff (PoeHandoffDialog  *self,
               GError           **error)
{
  g_autoptr(PoeRecord) handoff = poe_record_new ("handoff");
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *place = dup_entry_text (self->place_row);
  g_autofree char *notes = dup_entry_text (self->notes_row);
  g_auto(GStrv) documents = dup_documents (self);
  gboolean confirmed;

  if (!(at = parse_time (self, error)))
    return NULL;

  poe_record_set_id (handoff, id);
  poe_record_set_string (handoff, "case_id", self->case_id);
  poe_record_set_string (handoff, "person_id", self->person_id);
  poe_record_set_string (handoff, "from_party", self->from_text);
  poe_record_set_string (handoff, "to_kind", selected_kind (self));
  if (!set_receiver (self, handoff, error))
    return NULL;
  poe_record_set_string (handoff, "place", place);
  poe_record_set_strv (handoff, "documents", documents[0] ? (const char * const *) documents : NULL);
  poe_record_set_string (handoff, "notes", notes);
  poe_record_set_time (handoff, "at", at);
  poe_record_set_string (handoff, "given_by", poe_session_get_staff_id (self->session));
  poe_record_set_string (handoff, "state", "pending");

  /* The giver's confirmation of an outside party completes the hand-off at once. */
  confirmed = !poe_handoff_is_internal (handoff) && gtk_switch_get_active (self->confirm_switch);
  if (confirmed && poe_record_get_string (handoff, "to_party") != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!poe_handoff_confirm (handoff, poe_session_get_staff_id (self->session), now, error))
        return NULL;
    }

  return g_steal_pointer (&handoff);
}


/*
 * Callbacks
 */

static void
kind_selected_cb (PoeHandoffDialog *self)
{
  g_assert (POE_IS_HANDOFF_DIALOG (self));

  update_kind_rows (self);
}

static void
save_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  poe_handoff_dialog_save (POE_HANDOFF_DIALOG (widget), NULL);
}


/*
 * GObject overrides
 */

static void
poe_handoff_dialog_dispose (GObject *object)
{
  PoeHandoffDialog *self = POE_HANDOFF_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->staff_ids, g_ptr_array_unref);
  g_clear_pointer (&self->document_checks, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_HANDOFF_DIALOG);

  G_OBJECT_CLASS (poe_handoff_dialog_parent_class)->dispose (object);
}

static void
poe_handoff_dialog_finalize (GObject *object)
{
  PoeHandoffDialog *self = POE_HANDOFF_DIALOG (object);

  g_free (self->case_id);
  g_free (self->person_id);
  g_free (self->from_text);

  G_OBJECT_CLASS (poe_handoff_dialog_parent_class)->finalize (object);
}

static void
poe_handoff_dialog_class_init (PoeHandoffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_handoff_dialog_dispose;
  object_class->finalize = poe_handoff_dialog_finalize;

  /**
   * PoeHandoffDialog::saved:
   * @handoff_id: the hand-off written
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "handoff.save", NULL, save_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "handoff.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/escorts/poe-handoff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, to_group);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, party_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, confirm_switch);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PoeHandoffDialog, documents_group);
}

static void
poe_handoff_dialog_init (PoeHandoffDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_ids = g_ptr_array_new_with_free_func (g_free);
  self->document_checks = g_hash_table_new (g_str_hash, g_str_equal);

  fill_kinds (self);
  add_document_rows (self);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self,
                           G_CONNECT_SWAPPED);
}


/*
 * Public API
 */

/**
 * poe_handoff_dialog_new:
 * @session: the signed-in session, whose store is written
 * @case_id: the family handed off
 * @person_id: (nullable): one member handed off alone, or %NULL for the family
 *
 * Returns: (transfer floating): a new modal hand-off form; it closes itself once saved
 */
GtkWidget *
poe_handoff_dialog_new (PoeSession *session,
                        const char *case_id,
                        const char *person_id)
{
  g_autoptr(GError) error = NULL;
  PoeHandoffDialog *self;

  g_return_val_if_fail (POE_IS_SESSION (session), NULL);
  g_return_val_if_fail (POE_IS_STORE (poe_session_get_store (session)), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (POE_TYPE_HANDOFF_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->store = g_object_ref (poe_session_get_store (session));
  self->case_id = g_strdup (case_id);
  self->person_id = g_strdup (person_id);
  /* load_case() reads the zone, for the member's age and the save. */
  if (!fill_staff (self, &error) || !load_case (self, &error))
    show_read_error (self, error);
  /* Only read by a save, which a failed read turned off. */
  if (self->zone == NULL)
    self->zone = g_time_zone_new_utc ();
  update_kind_rows (self);

  return GTK_WIDGET (self);
}

const char *
poe_handoff_dialog_get_case_id (PoeHandoffDialog *self)
{
  g_return_val_if_fail (POE_IS_HANDOFF_DIALOG (self), NULL);

  return self->case_id;
}

/**
 * poe_handoff_dialog_save:
 *
 * Checks the form (receiving party, the URM rule, the time) and writes the hand-off; the
 * form shows what is wrong and stays open when it cannot. On success it emits
 * #PoeHandoffDialog::saved and closes.
 */
gboolean
poe_handoff_dialog_save (PoeHandoffDialog  *self,
                         GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PoeRecord) handoff = NULL;

  g_return_val_if_fail (POE_IS_HANDOFF_DIALOG (self), FALSE);

  if (!(handoff = build_handoff (self, &local_error)) ||
      !poe_handoff_check (self->kase, handoff, &local_error) ||
      !poe_handoff_save (self->store, handoff, &local_error))
    {
      show_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  g_signal_emit (self, signals[SAVED], 0, poe_record_get_id (handoff));
  gtk_window_close (GTK_WINDOW (self));

  return TRUE;
}
