/* poe-no-show-dialog.c
 *
 * Records that members of a family were not on the flight: a dialog with one check button
 * a member (initials and relationship; names stay hidden), those already recorded ticked
 * and fixed. "Record No-Show" saves poe_no_show_build()'s records — the no-show events, the
 * case's status when nobody came, the anomaly report — in one transaction
 * (poe_store_save_all()); a write that fails says so in a dialog and records nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-no-show-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "family/poe-family-labels.h"
#include "poe-checklist.h"
#include "poe-no-show.h"

#include "poe-no-show-dialog.h"

typedef struct
{
  PoeStore  *store;
  PoeRecord *flight;
  PoeRecord *kase;
  GPtrArray *persons;
  GHashTable *state;
  GPtrArray *checks;   /* GtkCheckButton, one a member, in the order of @persons */
  GTimeZone *zone;
} NoShow;


/*
 * Auxiliary methods
 */

static void
no_show_free (gpointer data)
{
  NoShow *self = data;

  g_clear_object (&self->store);
  g_clear_object (&self->flight);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->state, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self);
}

static char *
dup_member_text (PoeRecord *person)
{
  g_autofree char *initials = poe_record_dup_initials (person);
  const char *relationship = poe_family_relationship_label (poe_record_get_string (person, "relationship"));

  if (relationship == NULL || *relationship == '\0')
    return g_steal_pointer (&initials);

  /* Translators: a member in the no-show dialog: initials, then relationship */
  return g_strdup_printf (_("%s · %s"), initials, relationship);
}

static GtkWidget *
create_checks (NoShow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->checks = g_ptr_array_new ();
  for (guint i = 0; i < self->persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (self->persons, i);
      g_autofree char *text = dup_member_text (person);
      GtkWidget *check = gtk_check_button_new_with_label (text);
      gboolean absent = poe_checklist_person_is_no_show (self->state, person);

      gtk_widget_set_name (check, "no-show-check");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), absent);
      gtk_widget_set_sensitive (check, !absent);
      g_ptr_array_add (self->checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }

  return box;
}

static void
show_failure (GtkWindow    *parent,
              const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("The No-Show Was Not Recorded"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
record (NoShow  *self,
        GError **error)
{
  g_autoptr(GPtrArray) absent = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (absent, (gpointer) poe_record_get_id (g_ptr_array_index (self->persons, i)));
  g_ptr_array_add (absent, NULL);

  records = poe_no_show_build (self->flight, self->kase, self->persons, (const char * const *) absent->pdata,
                               self->state, self->zone, poe_store_get_actor_id (self->store), now);

  /* Nobody newly ticked: nothing to record. */
  return records == NULL || poe_store_save_all (self->store, records, error);
}


/*
 * Callbacks
 */

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             NoShow           *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "record") != 0)
    return;

  if (!record (self, &error))
    show_failure (gtk_window_get_transient_for (GTK_WINDOW (dialog)), error);
}


/*
 * Public API
 */

/**
 * poe_no_show_dialog_present:
 * @parent: a widget of the window the dialog belongs to
 * @flight: (nullable): the inbound flight, for the anomaly report
 * @zone: (nullable): the POE's zone, for the times of the anomaly report
 *
 * Asks which members of the family were not on the flight and records them.
 *
 * Returns: (transfer none) (nullable): the dialog, presented; %NULL with a message shown
 *   when the family cannot be read
 */
AdwMessageDialog *
poe_no_show_dialog_present (GtkWidget  *parent,
                            PoeStore   *store,
                            PoeRecord  *flight,
                            const char *case_id,
                            GTimeZone  *zone)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  NoShow *self = g_new0 (NoShow, 1);
  AdwMessageDialog *dialog;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self->store = g_object_ref (store);
  self->flight = flight ? g_object_ref (flight) : NULL;
  self->zone = zone ? g_time_zone_ref (zone) : NULL;
  if (!(self->kase = poe_store_get (store, "case", case_id, &error)) ||
      !(self->persons = poe_store_list_persons_for_case (store, case_id, &error)) ||
      !(self->state = poe_store_get_checklist_state (store, case_id, &error)))
    {
      show_failure (window, error);
      no_show_free (self);
      return NULL;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Who Was Not on the Flight?"),
                                                       _("Tick each member who did not arrive. They are recorded as "
                                                         "no-shows and an anomaly report is filed.")));
  adw_message_dialog_set_extra_child (dialog, create_checks (self));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "record", _("_Record No-Show"));
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "no-show", self, no_show_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
