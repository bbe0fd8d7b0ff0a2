/* poe-exception-dialog.c
 *
 * One window for each step of a case's exception path (see poe-exception-dialog.h): this
 * file is the window, the helpers its forms are made of (rows named for tests, times read
 * and shown as YYYY-MM-DD HH:MM at the POE), and the missed connection, rebooking and
 * branch forms. The case is read once, as a PoeFamilySnapshot; a read that fails says so
 * and the window cannot save. Saving calls one core function of rules/poe-exceptions.c;
 * on an error the message shows above the form and every field keeps what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-exception-dialog"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "poe-exception-dialog-private.h"
#include "poe-exceptions.h"
#include "poe-family-labels.h"

G_DEFINE_FINAL_TYPE (PoeExceptionDialog, poe_exception_dialog, ADW_TYPE_WINDOW)

static const char * const branches[] = { "connect", "overnight", "final", NULL };


/*
 * Auxiliary methods
 */

static void
show_error (PoeExceptionDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

static char *
dup_flight (PoeRecord *segment)
{
  /* Translators: a flight, "AA 1234 JFK → ORD" */
  return g_strdup_printf (_("%1$s %2$s %3$s → %4$s"),
                          poe_record_get_string (segment, "carrier") ?: "",
                          poe_record_get_string (segment, "number") ?: "",
                          poe_record_get_string (segment, "origin") ?: "",
                          poe_record_get_string (segment, "destination") ?: "");
}

static char *
dup_departure (PoeExceptionDialog *self,
               PoeRecord          *segment)
{
  g_autoptr(GDateTime) departure = poe_exception_onward_departure (segment);
  g_autofree char *time = poe_family_format_time (departure, self->snapshot->time_zone);

  /* Translators: %s is the departure time of a flight at the airport */
  return departure ? g_strdup_printf (_("Departure %s"), time) : g_strdup (_("Departure time not known"));
}

/* Tomorrow at 08:00 at the POE: where a rebooking after a missed evening flight usually is. */
static char *
dup_next_morning (PoeExceptionDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->snapshot->time_zone);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) morning = g_date_time_new (self->snapshot->time_zone,
                                                  g_date_time_get_year (tomorrow),
                                                  g_date_time_get_month (tomorrow),
                                                  g_date_time_get_day_of_month (tomorrow), 8, 0, 0);

  return _poe_exception_dialog_input_time (self, morning);
}

static void
build_missed (PoeExceptionDialog *self)
{
  PoeRecord *onward = self->snapshot->onward;
  AdwPreferencesGroup *group;
  g_autofree char *flight = NULL;
  g_autofree char *departure = NULL;

  /* Translators: title of the window that records a missed connection */
  gtk_window_set_title (GTK_WINDOW (self), _("Missed Connection"));
  /* Translators: button that records the missed connection */
  gtk_button_set_label (self->save_button, _("_Record"));

  group = _poe_exception_dialog_add_group (self, _("Missed Flight"),
                                           _("The flight is marked missed and the case history keeps when and why."));
  if (onward != NULL)
    {
      flight = dup_flight (onward);
      departure = dup_departure (self, onward);
      _poe_exception_dialog_add_info (group, flight, departure);
    }
  else
    _poe_exception_dialog_add_info (group, _("No onward flight"), _("There is nothing to mark as missed."));

  _poe_exception_dialog_add_entry (self, group, "note-row", _("What happened (optional)"), NULL);
}

static void
build_rebook (PoeExceptionDialog *self)
{
  PoeRecord *onward = self->snapshot->onward;
  AdwPreferencesGroup *group;
  g_autofree char *morning = dup_next_morning (self);

  /* Translators: title of the window that records a new onward flight */
  gtk_window_set_title (GTK_WINDOW (self), _("Rebook Onward Flight"));
  gtk_button_set_label (self->save_button, _("_Rebook"));

  if (onward != NULL)
    {
      g_autofree char *flight = dup_flight (onward);
      g_autofree char *departure = dup_departure (self, onward);

      group = _poe_exception_dialog_add_group (self, _("Replaces"),
                                               _("The old flight stays in the case history."));
      _poe_exception_dialog_add_info (group, flight, departure);
    }

  group = _poe_exception_dialog_add_group (self, _("New Flight"), NULL);
  _poe_exception_dialog_add_entry (self, group, "carrier-row", _("Airline code"),
                                   onward ? poe_record_get_string (onward, "carrier") : NULL);
  _poe_exception_dialog_add_entry (self, group, "number-row", _("Flight number"), NULL);
  _poe_exception_dialog_add_entry (self, group, "destination-row", _("Destination airport"),
                                   onward ? poe_record_get_string (onward, "destination") : NULL);
  _poe_exception_dialog_add_entry (self, group, "departure-row", _("Departure (YYYY-MM-DD HH:MM)"), morning);
  _poe_exception_dialog_add_entry (self, group, "arrival-row", _("Arrival (optional)"), NULL);
  _poe_exception_dialog_add_entry (self, group, "booking-row", _("Booking reference"), NULL);
  _poe_exception_dialog_add_entry (self, group, "seats-row", _("Seats"), NULL);
  _poe_exception_dialog_add_entry (self, group, "note-row", _("Note for the history (optional)"), NULL);
}

static void
build_branch (PoeExceptionDialog *self)
{
  const char *current = poe_record_get_string (self->snapshot->kase, "branch");
  const char *labels[G_N_ELEMENTS (branches)] = { NULL };
  AdwPreferencesGroup *group;
  guint selected = 0;

  /* Translators: title of the window that moves a family to another branch */
  gtk_window_set_title (GTK_WINDOW (self), _("Switch Branch"));
  gtk_button_set_label (self->save_button, _("_Switch"));
  /* No time to type here. */
  gtk_widget_set_visible (GTK_WIDGET (self->zone_label), FALSE);

  for (guint i = 0; branches[i] != NULL; i++)
    {
      labels[i] = poe_family_branch_label (branches[i]);
      if (selected == 0 && g_strcmp0 (branches[i], current) != 0)
        selected = i;
    }

  group = _poe_exception_dialog_add_group (self, _("Branch"),
                                           _("The checklist follows the new branch; the reason goes to the case history."));
  /* Translators: the branch a family is on now */
  _poe_exception_dialog_add_info (group, _("Now"), poe_family_branch_label (current));
  _poe_exception_dialog_add_combo (self, group, "branch-row", _("New branch"), labels, selected);
  _poe_exception_dialog_add_entry (self, group, "reason-row", _("Reason (required)"), NULL);
}

static gboolean
save_missed (PoeExceptionDialog  *self,
             GError             **error)
{
  g_autofree char *note = _poe_exception_dialog_dup_text (self, "note-row");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return poe_exception_record_missed (self->store, self->snapshot->kase, self->snapshot->onward,
                                      note, now, error);
}

static gboolean
save_rebook (PoeExceptionDialog  *self,
             GError             **error)
{
  g_autofree char *carrier = _poe_exception_dialog_dup_text (self, "carrier-row");
  g_autofree char *number = _poe_exception_dialog_dup_text (self, "number-row");
  g_autofree char *destination = _poe_exception_dialog_dup_text (self, "destination-row");
  g_autofree char *booking = _poe_exception_dialog_dup_text (self, "booking-row");
  g_autofree char *seats = _poe_exception_dialog_dup_text (self, "seats-row");
  g_autofree char *note = _poe_exception_dialog_dup_text (self, "note-row");
  g_autoptr(GDateTime) departure = NULL;
  g_autoptr(GDateTime) arrival = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) segment = NULL;
  PoeRebooking rebooking = { carrier, number, destination, NULL, NULL, booking, seats, note };

  if (!_poe_exception_dialog_read_time (self, "departure-row",
                                        _("Enter the departure time as YYYY-MM-DD HH:MM, airport time."),
                                        &departure, error) ||
      !_poe_exception_dialog_read_time (self, "arrival-row",
                                        _("Enter the arrival time as YYYY-MM-DD HH:MM, airport time, or leave it empty."),
                                        &arrival, error))
    return FALSE;

  rebooking.departure = departure;
  rebooking.arrival = arrival;
  segment = poe_exception_rebook (self->store, self->snapshot->kase, self->snapshot->onward,
                                  &rebooking, now, error);
  return segment != NULL;
}

static gboolean
save_branch (PoeExceptionDialog  *self,
             GError             **error)
{
  g_autofree char *reason = _poe_exception_dialog_dup_text (self, "reason-row");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint selected = _poe_exception_dialog_selected (self, "branch-row");

  return poe_exception_switch_branch (self->store, self->snapshot->kase,
                                      selected < G_N_ELEMENTS (branches) ? branches[selected] : NULL,
                                      reason, now, error);
}

static gboolean
load (PoeExceptionDialog  *self,
      GError             **error)
{
  self->snapshot = poe_family_snapshot_load (self->store, self->case_id, NULL, error);
  if (self->snapshot == NULL)
    return FALSE;

  self->vouchers = poe_store_list (self->store, "voucher", "case_id", self->case_id, error);
  return self->vouchers != NULL;
}

static void
build_form (PoeExceptionDialog *self)
{
  const char *code = self->snapshot->poe ? poe_record_get_string (self->snapshot->poe, "code") : NULL;
  g_autofree char *zone = NULL;

  /* Translators: %1$s is the airport code, %2$s its time zone, "JFK (America/New_York)" */
  zone = g_strdup_printf (_("Times are airport time at %1$s (%2$s)."), code ? code : "—",
                          g_time_zone_get_identifier (self->snapshot->time_zone));
  gtk_label_set_label (self->zone_label, zone);

  switch (self->kind)
    {
    case POE_EXCEPTION_DIALOG_MISSED:
      build_missed (self);
      break;
    case POE_EXCEPTION_DIALOG_REBOOK:
      build_rebook (self);
      break;
    case POE_EXCEPTION_DIALOG_BRANCH:
      build_branch (self);
      break;
    case POE_EXCEPTION_DIALOG_OVERNIGHT:
      _poe_exception_dialog_build_overnight (self);
      break;
    case POE_EXCEPTION_DIALOG_GROUND:
      _poe_exception_dialog_build_ground (self);
      break;
    default:
      g_assert_not_reached ();
    }
}


/*
 * Callbacks
 */

/* A message about what was typed goes once the user changes it. */
static void
field_changed_cb (PoeExceptionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
cancel_clicked_cb (PoeExceptionDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (PoeExceptionDialog *self)
{
  if (poe_exception_dialog_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}


/*
 * GObject overrides
 */

static void
poe_exception_dialog_dispose (GObject *object)
{
  PoeExceptionDialog *self = POE_EXCEPTION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->existing);
  g_clear_pointer (&self->snapshot, poe_family_snapshot_free);
  g_clear_pointer (&self->vouchers, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_EXCEPTION_DIALOG);

  G_OBJECT_CLASS (poe_exception_dialog_parent_class)->dispose (object);
}

static void
poe_exception_dialog_finalize (GObject *object)
{
  PoeExceptionDialog *self = POE_EXCEPTION_DIALOG (object);

  g_free (self->case_id);

  G_OBJECT_CLASS (poe_exception_dialog_parent_class)->finalize (object);
}

static void
poe_exception_dialog_class_init (PoeExceptionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_exception_dialog_dispose;
  object_class->finalize = poe_exception_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/family/poe-exception-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeExceptionDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PoeExceptionDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, PoeExceptionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeExceptionDialog, zone_label);
  gtk_widget_class_bind_template_child (widget_class, PoeExceptionDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
poe_exception_dialog_init (PoeExceptionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}


/*
 * Form helpers (poe-exception-dialog-private.h)
 */

AdwPreferencesGroup *
_poe_exception_dialog_add_group (PoeExceptionDialog *self,
                                 const char         *title,
                                 const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->form_box, group);

  return ADW_PREFERENCES_GROUP (group);
}

void
_poe_exception_dialog_add_info (AdwPreferencesGroup *group,
                                const char          *title,
                                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_preferences_group_add (group, row);
}

AdwEntryRow *
_poe_exception_dialog_add_entry (PoeExceptionDialog  *self,
                                 AdwPreferencesGroup *group,
                                 const char          *name,
                                 const char          *title,
                                 const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_hash_table_replace (self->fields, g_strdup (name), row);

  return ADW_ENTRY_ROW (row);
}

AdwComboRow *
_poe_exception_dialog_add_combo (PoeExceptionDialog  *self,
                                 AdwPreferencesGroup *group,
                                 const char          *name,
                                 const char          *title,
                                 const char * const  *labels,
                                 guint                selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);
  GtkWidget *row = adw_combo_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_hash_table_replace (self->fields, g_strdup (name), row);

  return ADW_COMBO_ROW (row);
}

/* The text of the entry row @name, trimmed; %NULL when empty. */
char *
_poe_exception_dialog_dup_text (PoeExceptionDialog *self,
                                const char         *name)
{
  GtkWidget *row = g_hash_table_lookup (self->fields, name);
  g_autofree char *text = NULL;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

guint
_poe_exception_dialog_selected (PoeExceptionDialog *self,
                                const char         *name)
{
  GtkWidget *row = g_hash_table_lookup (self->fields, name);

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), GTK_INVALID_LIST_POSITION);

  return adw_combo_row_get_selected (ADW_COMBO_ROW (row));
}

/* Reads the time typed in @name at the POE: *@time is %NULL for an empty field; text that
 * is not a time fails with @message. */
gboolean
_poe_exception_dialog_read_time (PoeExceptionDialog  *self,
                                 const char          *name,
                                 const char          *message,
                                 GDateTime          **time,
                                 GError             **error)
{
  g_autofree char *text = _poe_exception_dialog_dup_text (self, name);

  *time = NULL;
  if (text == NULL)
    return TRUE;

  *time = poe_exception_parse_time (text, self->snapshot->time_zone);
  if (*time != NULL)
    return TRUE;

  g_set_error_literal (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID, message);
  return FALSE;
}

/* @time as the forms take it: "2026-11-25 08:00" at the POE; "" for %NULL. */
char *
_poe_exception_dialog_input_time (PoeExceptionDialog *self,
                                  GDateTime          *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (time, self->snapshot->time_zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A member as the forms name one: initials (or the name), relationship and age. */
char *
_poe_exception_dialog_dup_person (PoeExceptionDialog *self,
                                  PoeRecord          *person)
{
  g_autofree char *name = poe_family_dup_person_name (person, self->reveal_names);
  const char *relationship = poe_record_get_string (person, "relationship");
  const char *birth = poe_record_get_string (person, "date_of_birth");
  g_autoptr(GString) text = g_string_new (name);
  int year = 0, month = 0, day = 0;

  if (relationship != NULL)
    g_string_append_printf (text, C_("member details", " · %s"), poe_family_relationship_label (relationship));

  if (birth != NULL && sscanf (birth, "%4d-%2d-%2d", &year, &month, &day) == 3)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (self->snapshot->time_zone);
      int age = g_date_time_get_year (now) - year;

      if (g_date_time_get_month (now) < month ||
          (g_date_time_get_month (now) == month && g_date_time_get_day_of_month (now) < day))
        age--;
      /* Translators: a member's age in years, after the initials */
      g_string_append_printf (text, ngettext (" · %d year", " · %d years", age), age);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}


/*
 * Public API
 */

/**
 * poe_exception_dialog_new:
 * @store: the local store
 * @case_id: the case
 * @kind: which step of the exception path
 * @reveal_names: whether members show by name rather than initials
 */
GtkWidget *
poe_exception_dialog_new (PoeStore               *store,
                          const char             *case_id,
                          PoeExceptionDialogKind  kind,
                          gboolean                reveal_names)
{
  PoeExceptionDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (POE_TYPE_EXCEPTION_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->case_id = g_strdup (case_id);
  self->kind = kind;
  self->reveal_names = reveal_names;

  if (!load (self, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the store's own words */
      message = g_strdup_printf (_("This family could not be read from the local data: %s. Close this window and try again."),
                                 error->message);
      show_error (self, message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      gtk_button_set_label (self->save_button, _("_Save"));
      return GTK_WIDGET (self);
    }

  build_form (self);
  return GTK_WIDGET (self);
}

/**
 * poe_exception_dialog_save:
 *
 * Writes what the form says, in one transaction. On an error the message shows above the
 * form and the form keeps its input.
 *
 * Returns: whether it was saved
 */
gboolean
poe_exception_dialog_save (PoeExceptionDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  g_return_val_if_fail (POE_IS_EXCEPTION_DIALOG (self), FALSE);

  if (self->snapshot == NULL)
    return FALSE;

  switch (self->kind)
    {
    case POE_EXCEPTION_DIALOG_MISSED:
      saved = save_missed (self, &error);
      break;
    case POE_EXCEPTION_DIALOG_REBOOK:
      saved = save_rebook (self, &error);
      break;
    case POE_EXCEPTION_DIALOG_BRANCH:
      saved = save_branch (self, &error);
      break;
    case POE_EXCEPTION_DIALOG_OVERNIGHT:
      saved = _poe_exception_dialog_save_overnight (self, &error);
      break;
    case POE_EXCEPTION_DIALOG_GROUND:
      saved = _poe_exception_dialog_save_ground (self, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!saved)
    show_error (self, error->message);

  return saved;
}
