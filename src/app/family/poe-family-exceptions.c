/* poe-family-exceptions.c
 *
 * The exception path on the family page: the proposal of a missed connection once the
 * onward flight has left without the family boarding (poe_exception_missed_is_due()), the
 * case history of missed connections, rebookings and branch changes, the overnight stay
 * (hotel, rooms, meals in words, pickup, each with its voucher) and the ground transport;
 * and the actions that open their dialogs (PoeExceptionDialog). Reads the local store at
 * each update of the family view; a read that fails says so in the part it concerns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-exceptions"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-exception-dialog.h"
#include "poe-exceptions.h"
#include "poe-family-exceptions.h"
#include "poe-family-labels.h"

struct _PoeFamilyExceptions
{
  GtkWidget            parent_instance;

  PoeStore            *store;
  char                *case_id;
  gboolean             reveal_names;
  gboolean             missed_proposed;
  GTimeZone           *zone;
  GPtrArray           *persons;    /* the case's members, for names */
  GPtrArray           *segments;   /* the case's segments, for the history */
  GPtrArray           *vouchers;   /* the case's vouchers, for their serials */

  /* Template widgets */
  GtkWidget           *missed_banner;
  GtkLabel            *missed_detail;
  GtkListBox          *history_list;
  AdwPreferencesGroup *overnight_group;
  GtkButton           *overnight_button;
  GtkListBox          *overnight_list;
  AdwPreferencesGroup *ground_group;
  GtkListBox          *ground_list;
};

G_DEFINE_FINAL_TYPE (PoeFamilyExceptions, poe_family_exceptions, GTK_TYPE_WIDGET)


/*
 * Auxiliary methods
 */

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, C_("exception details", " · "));
  g_string_append (text, part);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

static void
add_read_error (GtkListBox   *list,
                const GError *error)
{
  /* Translators: a part of the family page could not be read; the store's words follow */
  add_row (list, _("This could not be read from the local data"), error->message);
}

static PoeRecord *
find_by_id (GPtrArray  *records,
            const char *id)
{
  for (guint i = 0; id != NULL && records != NULL && i < records->len; i++)
    {
      if (g_str_equal (poe_record_get_id (g_ptr_array_index (records, i)), id))
        return g_ptr_array_index (records, i);
    }

  return NULL;
}

static char *
dup_time (PoeFamilyExceptions *self,
          PoeRecord           *record,
          const char          *field)
{
  g_autoptr(GDateTime) time = poe_record_dup_time (record, field);

  return time ? poe_family_format_time (time, self->zone) : NULL;
}

static char *
dup_flight (PoeRecord *segment)
{
  if (segment == NULL)
    return g_strdup (_("an unknown flight"));

  /* Translators: a flight, "AA 1234 JFK → ORD" */
  return g_strdup_printf (_("%1$s %2$s %3$s → %4$s"),
                          poe_record_get_string (segment, "carrier") ?: "",
                          poe_record_get_string (segment, "number") ?: "",
                          poe_record_get_string (segment, "origin") ?: "",
                          poe_record_get_string (segment, "destination") ?: "");
}

static char *
dup_voucher (PoeFamilyExceptions *self,
             PoeRecord           *record,
             const char          *field)
{
  PoeRecord *voucher = find_by_id (self->vouchers, poe_record_get_string (record, field));

  if (voucher == NULL)
    return NULL;

  /* Translators: the voucher something is paid with, "voucher H-1042" */
  return g_strdup_printf (_("voucher %s"), poe_record_get_string (voucher, "serial"));
}

static char *
dup_person (PoeFamilyExceptions *self,
            const char          *person_id)
{
  PoeRecord *person = find_by_id (self->persons, person_id);
  const char *relationship = person ? poe_record_get_string (person, "relationship") : NULL;
  g_autofree char *name = NULL;

  if (person == NULL)
    return g_strdup (_("someone not in the family"));

  name = poe_family_dup_person_name (person, self->reveal_names);
  if (relationship == NULL)
    return g_steal_pointer (&name);

  /* Translators: a member in a list, initials and relationship: "A. K. (Spouse)" */
  return g_strdup_printf (_("%1$s (%2$s)"), name, poe_family_relationship_label (relationship));
}

static char *
dup_event_title (PoeFamilyExceptions *self,
                 PoeRecord           *event)
{
  const char *kind = poe_record_get_string (event, "kind");
  g_autofree char *flight = dup_flight (find_by_id (self->segments, poe_record_get_string (event, "segment_id")));

  if (g_strcmp0 (kind, "missed_connection") == 0)
    {
      /* Translators: a case history entry, %s is the flight */
      return g_strdup_printf (_("Missed connection: %s"), flight);
    }

  if (g_strcmp0 (kind, "rebooked") == 0)
    {
      PoeRecord *segment = find_by_id (self->segments, poe_record_get_string (event, "segment_id"));
      g_autofree char *departs = segment ? dup_time (self, segment, "scheduled_departure") : NULL;

      /* Translators: a case history entry: the new flight and its departure */
      return g_strdup_printf (_("Rebooked on %1$s, departure %2$s"), flight, departs ? departs : "—");
    }

  /* Translators: a case history entry: "Branch changed: Connecting flight → Overnight stay" */
  return g_strdup_printf (_("Branch changed: %1$s → %2$s"),
                          poe_family_branch_label (poe_record_get_string (event, "from_branch")),
                          poe_family_branch_label (poe_record_get_string (event, "to_branch")));
}

static void
add_event_row (PoeFamilyExceptions *self,
               PoeRecord           *event)
{
  g_autofree char *title = dup_event_title (self, event);
  g_autofree char *at = dup_time (self, event, "at");
  g_autofree char *by = poe_family_dup_staff_name (self->store, poe_record_get_string (event, "by"));
  g_autoptr(GString) text = g_string_new (at);
  PoeRecord *previous = find_by_id (self->segments, poe_record_get_string (event, "previous_segment_id"));
  const char *reason = poe_record_get_string (event, "reason");

  append_part (text, by);
  if (previous != NULL)
    {
      g_autofree char *flight = dup_flight (previous);
      g_autofree char *replaces = g_strdup_printf (_("replaces %s"), flight);

      append_part (text, replaces);
    }
  if (reason != NULL)
    {
      /* Translators: why an exception was recorded */
      g_autofree char *why = g_strdup_printf (_("Reason: %s"), reason);

      append_part (text, why);
    }

  add_row (self->history_list, title, text->str);
}

static void
update_history (PoeFamilyExceptions *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = poe_exception_list_history (self->store, self->case_id, &error);

  clear_list (self->history_list);
  if (events == NULL)
    {
      add_read_error (self->history_list, error);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    add_event_row (self, g_ptr_array_index (events, i));

  if (events->len == 0)
    add_row (self->history_list, _("No missed connection, rebooking or branch change"), NULL);
}

static void
add_rooms (PoeFamilyExceptions *self,
           PoeRecord           *stay)
{
  g_auto(GStrv) rooms = poe_overnight_dup_room_labels (stay);

  for (guint i = 0; rooms[i] != NULL; i++)
    {
      g_auto(GStrv) members = poe_overnight_dup_room_members (stay, rooms[i]);
      g_autoptr(GString) names = g_string_new (NULL);
      /* Translators: a hotel room, "Room 412" */
      g_autofree char *title = g_strdup_printf (_("Room %s"), rooms[i]);

      for (guint j = 0; members[j] != NULL; j++)
        {
          g_autofree char *name = dup_person (self, members[j]);

          append_part (names, name);
        }
      add_row (self->overnight_list, title, names->str);
    }
}

static void
add_meals (PoeFamilyExceptions *self,
           PoeRecord           *stay)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *voucher = dup_voucher (self, stay, "meal_voucher_id");

  for (guint i = 0; i < self->persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (self->persons, i);
      g_autofree char *code = poe_overnight_dup_meal_of (stay, poe_record_get_id (person));
      g_autofree char *name = NULL;
      g_autofree char *order = NULL;

      if (code == NULL)
        continue;
      name = dup_person (self, poe_record_get_id (person));
      /* Translators: a member's meal order, "A. K.: Muslim meal" */
      order = g_strdup_printf (_("%1$s: %2$s"), name, poe_meal_code_describe (code) ?: code);
      append_part (text, order);
    }
  if (text->len == 0)
    g_string_append (text, _("No special meals"));
  append_part (text, voucher);

  /* Translators: the row of a hotel night's meal orders */
  add_row (self->overnight_list, _("Meals"), text->str);
}

static void
add_stay_rows (PoeFamilyExceptions *self,
               PoeRecord           *stay)
{
  g_autofree char *check_in = dup_time (self, stay, "check_in");
  g_autofree char *pickup = dup_time (self, stay, "pickup_at");
  g_autofree char *hotel_voucher = dup_voucher (self, stay, "hotel_voucher_id");
  g_autofree char *transport_voucher = dup_voucher (self, stay, "transport_voucher_id");
  g_autofree char *check_in_text = g_strdup_printf (_("Check-in %s"), check_in ? check_in : "—");
  g_autoptr(GString) hotel = g_string_new (check_in_text);
  g_autoptr(GString) ride = g_string_new (poe_record_get_string (stay, "pickup_place"));
  g_autofree char *pickup_title = NULL;

  append_part (hotel, poe_record_get_string (stay, "hotel_address"));
  append_part (hotel, hotel_voucher);
  add_row (self->overnight_list, poe_record_get_string (stay, "hotel"), hotel->str);
  add_rooms (self, stay);
  add_meals (self, stay);

  if (pickup == NULL)
    return;
  append_part (ride, poe_record_get_string (stay, "transport"));
  append_part (ride, transport_voucher);
  /* Translators: the next-morning pickup at the hotel, %s is its time */
  pickup_title = g_strdup_printf (_("Pickup %s"), pickup);
  add_row (self->overnight_list, pickup_title, ride->str);
}

static gboolean
update_overnight (PoeFamilyExceptions *self,
                  const char          *branch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stays = poe_store_list (self->store, "overnight_stay", "case_id", self->case_id, &error);

  clear_list (self->overnight_list);
  if (stays == NULL)
    {
      add_read_error (self->overnight_list, error);
      return TRUE;
    }

  for (guint i = 0; i < stays->len; i++)
    add_stay_rows (self, g_ptr_array_index (stays, i));
  if (stays->len == 0)
    add_row (self->overnight_list, _("No hotel recorded yet"), NULL);

  gtk_button_set_label (self->overnight_button, stays->len > 0 ? _("_Change Stay…") : _("_Record Stay…"));
  return stays->len > 0 || g_strcmp0 (branch, "overnight") == 0;
}

static void
add_ground_row (PoeFamilyExceptions *self,
                PoeRecord           *transport)
{
  g_autofree char *pickup = dup_time (self, transport, "pickup_at");
  g_autofree char *voucher = dup_voucher (self, transport, "voucher_id");
  g_autofree char *pickup_text = g_strdup_printf (_("Pickup %s"), pickup ? pickup : "—");
  g_autoptr(GString) title = g_string_new (poe_record_get_string (transport, "provider"));
  g_autoptr(GString) text = g_string_new (pickup_text);
  const char *destination = poe_record_get_string (transport, "destination");

  append_part (title, poe_record_get_string (transport, "vehicle"));
  append_part (text, poe_record_get_string (transport, "pickup_place"));
  if (destination != NULL)
    {
      /* Translators: where a ground transport takes the family */
      g_autofree char *to = g_strdup_printf (_("to %s"), destination);

      append_part (text, to);
    }
  append_part (text, poe_record_get_string (transport, "driver_name"));
  append_part (text, poe_record_get_string (transport, "driver_phone"));
  append_part (text, voucher);
  add_row (self->ground_list, title->str, text->str);
}

static gboolean
update_ground (PoeFamilyExceptions *self,
               const char          *branch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rides = poe_store_list (self->store, "ground_transport", "case_id", self->case_id, &error);

  clear_list (self->ground_list);
  if (rides == NULL)
    {
      add_read_error (self->ground_list, error);
      return TRUE;
    }

  for (guint i = 0; i < rides->len; i++)
    add_ground_row (self, g_ptr_array_index (rides, i));
  if (rides->len == 0)
    add_row (self->ground_list, _("No ground transport recorded yet"), NULL);

  return rides->len > 0 || g_strcmp0 (branch, "connect") != 0;
}

static void
update_missed (PoeFamilyExceptions *self,
               PoeFamilySnapshot   *snapshot)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) departure = NULL;
  g_autofree char *flight = NULL;
  g_autofree char *time = NULL;
  g_autofree char *detail = NULL;

  self->missed_proposed = poe_exception_missed_is_due (snapshot->kase, snapshot->onward, snapshot->state, now);
  gtk_widget_set_visible (self->missed_banner, self->missed_proposed);
  if (!self->missed_proposed)
    return;

  departure = poe_exception_onward_departure (snapshot->onward);
  flight = dup_flight (snapshot->onward);
  time = poe_family_format_time (departure, self->zone);
  /* Translators: %1$s is the onward flight, %2$s its departure time at the airport */
  detail = g_strdup_printf (_("%1$s left at %2$s and the family is not marked as boarded."), flight, time);
  gtk_label_set_label (self->missed_detail, detail);
}

static void
present_dialog (PoeFamilyExceptions    *self,
                PoeExceptionDialogKind  kind)
{
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL || self->case_id == NULL)
    return;

  dialog = poe_exception_dialog_new (self->store, self->case_id, kind, self->reveal_names);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}


/*
 * Callbacks
 */

static void
dialog_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  static const struct { const char *name; PoeExceptionDialogKind kind; } actions[] = {
    { "exceptions.record-missed", POE_EXCEPTION_DIALOG_MISSED },
    { "exceptions.rebook", POE_EXCEPTION_DIALOG_REBOOK },
    { "exceptions.switch-branch", POE_EXCEPTION_DIALOG_BRANCH },
    { "exceptions.overnight", POE_EXCEPTION_DIALOG_OVERNIGHT },
    { "exceptions.ground", POE_EXCEPTION_DIALOG_GROUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (g_str_equal (action_name, actions[i].name))
        present_dialog (POE_FAMILY_EXCEPTIONS (widget), actions[i].kind);
    }
}


/*
 * GObject overrides
 */

static void
poe_family_exceptions_dispose (GObject *object)
{
  PoeFamilyExceptions *self = POE_FAMILY_EXCEPTIONS (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->vouchers, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_FAMILY_EXCEPTIONS);
  /* The template's outer box has no id: dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (poe_family_exceptions_parent_class)->dispose (object);
}

static void
poe_family_exceptions_finalize (GObject *object)
{
  PoeFamilyExceptions *self = POE_FAMILY_EXCEPTIONS (object);

  g_free (self->case_id);

  G_OBJECT_CLASS (poe_family_exceptions_parent_class)->finalize (object);
}

static void
poe_family_exceptions_class_init (PoeFamilyExceptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_family_exceptions_dispose;
  object_class->finalize = poe_family_exceptions_finalize;

  gtk_widget_class_install_action (widget_class, "exceptions.record-missed", NULL, dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "exceptions.rebook", NULL, dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "exceptions.switch-branch", NULL, dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "exceptions.overnight", NULL, dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "exceptions.ground", NULL, dialog_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/family/poe-family-exceptions.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, missed_banner);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, missed_detail);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, history_list);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, overnight_group);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, overnight_button);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, overnight_list);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, ground_group);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyExceptions, ground_list);
}

static void
poe_family_exceptions_init (PoeFamilyExceptions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
poe_family_exceptions_new (void)
{
  return g_object_new (POE_TYPE_FAMILY_EXCEPTIONS, NULL);
}

/**
 * poe_family_exceptions_update:
 * @snapshot: the case as the family view read it
 *
 * Shows @snapshot's case: the missed-connection proposal, the history, the overnight stay
 * and the ground transport, read from @store now.
 */
void
poe_family_exceptions_update (PoeFamilyExceptions *self,
                              PoeStore            *store,
                              PoeFamilySnapshot   *snapshot,
                              gboolean             reveal_names)
{
  g_autoptr(GError) error = NULL;
  const char *branch;

  g_return_if_fail (POE_IS_FAMILY_EXCEPTIONS (self));
  g_return_if_fail (POE_IS_STORE (store));
  g_return_if_fail (snapshot != NULL);

  g_set_object (&self->store, store);
  g_free (self->case_id);
  self->case_id = g_strdup (poe_record_get_id (snapshot->kase));
  self->reveal_names = reveal_names;
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = g_time_zone_ref (snapshot->time_zone);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  self->persons = g_ptr_array_ref (snapshot->persons);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = g_ptr_array_ref (snapshot->segments);
  g_clear_pointer (&self->vouchers, g_ptr_array_unref);
  self->vouchers = poe_store_list (store, "voucher", "case_id", self->case_id, &error);
  if (self->vouchers == NULL)
    g_debug ("Vouchers shown without serials: %s", error->message);

  branch = poe_record_get_string (snapshot->kase, "branch");
  update_missed (self, snapshot);
  update_history (self);
  gtk_widget_set_visible (GTK_WIDGET (self->overnight_group), update_overnight (self, branch));
  gtk_widget_set_visible (GTK_WIDGET (self->ground_group), update_ground (self, branch));
}

/**
 * poe_family_exceptions_get_missed_proposed:
 *
 * Returns: whether the page proposes to record a missed connection
 */
gboolean
poe_family_exceptions_get_missed_proposed (PoeFamilyExceptions *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_EXCEPTIONS (self), FALSE);

  return self->missed_proposed;
}
