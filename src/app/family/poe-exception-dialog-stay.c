/* poe-exception-dialog-stay.c
 *
 * The exception dialog's overnight stay and ground transport forms: the hotel and its
 * check-in, a room for each member (members with the same room share it), each member's
 * special meal in words, the next-morning pickup and its transport, and the vouchers each
 * part is paid with (the family's vouchers of the matching kind); a ground transport's
 * provider, vehicle, driver and pickup. Checks and writes are the core's
 * (poe_overnight_save(), poe_ground_transport_save()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-exception-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-exception-dialog-private.h"
#include "poe-exceptions.h"


/*
 * Auxiliary methods
 */

static char *
row_name (const char *prefix,
          guint       index)
{
  return g_strdup_printf ("%s-%u", prefix, index);
}

/* A combo of "No voucher" and the family's vouchers of @kind; the ids ride on the row. */
static void
add_voucher_combo (PoeExceptionDialog  *self,
                   AdwPreferencesGroup *group,
                   const char          *name,
                   const char          *title,
                   const char          *kind,
                   const char          *selected_id)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  AdwComboRow *row;
  guint selected = 0;

  /* Translators: the first choice of a voucher list */
  g_ptr_array_add (labels, g_strdup (_("No voucher")));
  g_ptr_array_add (ids, NULL);
  for (guint i = 0; i < self->vouchers->len; i++)
    {
      PoeRecord *voucher = g_ptr_array_index (self->vouchers, i);

      if (g_strcmp0 (poe_record_get_string (voucher, "kind"), kind) != 0)
        continue;

      if (g_strcmp0 (poe_record_get_id (voucher), selected_id) == 0)
        selected = ids->len;
      /* Translators: a voucher in a list: serial, amount and currency, "H-1042 · 129.00 USD" */
      g_ptr_array_add (labels, g_strdup_printf (_("%1$s · %2$s %3$s"), poe_record_get_string (voucher, "serial"),
                                                poe_record_get_string (voucher, "amount"),
                                                poe_record_get_string (voucher, "currency")));
      g_ptr_array_add (ids, g_strdup (poe_record_get_id (voucher)));
    }
  g_ptr_array_add (labels, NULL);

  row = _poe_exception_dialog_add_combo (self, group, name, title, (const char * const *) labels->pdata, selected);
  g_object_set_data_full (G_OBJECT (row), "voucher-ids", ids, (GDestroyNotify) g_ptr_array_unref);
}

static const char *
selected_voucher (PoeExceptionDialog *self,
                  const char         *name)
{
  GtkWidget *row = g_hash_table_lookup (self->fields, name);
  GPtrArray *ids = g_object_get_data (G_OBJECT (row), "voucher-ids");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  return selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
}

static void
add_time_entry (PoeExceptionDialog  *self,
                AdwPreferencesGroup *group,
                const char          *name,
                const char          *title,
                PoeRecord           *record,
                const char          *field)
{
  g_autoptr(GDateTime) time = record ? poe_record_dup_time (record, field) : NULL;
  g_autofree char *text = _poe_exception_dialog_input_time (self, time);

  _poe_exception_dialog_add_entry (self, group, name, title, text);
}

static void
add_text_entry (PoeExceptionDialog  *self,
                AdwPreferencesGroup *group,
                const char          *name,
                const char          *title,
                PoeRecord           *record,
                const char          *field)
{
  _poe_exception_dialog_add_entry (self, group, name, title, record ? poe_record_get_string (record, field) : NULL);
}

static void
set_text (PoeExceptionDialog *self,
          PoeRecord          *record,
          const char         *field,
          const char         *name)
{
  g_autofree char *text = _poe_exception_dialog_dup_text (self, name);

  poe_record_set_string (record, field, text);
}

static gboolean
set_time (PoeExceptionDialog  *self,
          PoeRecord           *record,
          const char          *field,
          const char          *name,
          const char          *message,
          GError             **error)
{
  g_autoptr(GDateTime) time = NULL;

  if (!_poe_exception_dialog_read_time (self, name, message, &time, error))
    return FALSE;

  poe_record_set_time (record, field, time);
  return TRUE;
}

static gboolean
load_existing_stay (PoeExceptionDialog  *self,
                    GError             **error)
{
  g_autoptr(GPtrArray) stays = poe_store_list (self->store, "overnight_stay", "case_id", self->case_id, error);

  if (stays == NULL)
    return FALSE;

  if (stays->len > 0)
    g_set_object (&self->existing, g_ptr_array_index (stays, 0));
  return TRUE;
}

static void
build_hotel (PoeExceptionDialog *self)
{
  PoeRecord *stay = self->existing;
  AdwPreferencesGroup *group = _poe_exception_dialog_add_group (self, _("Hotel"), NULL);

  add_text_entry (self, group, "hotel-row", _("Hotel name"), stay, "hotel");
  add_text_entry (self, group, "address-row", _("Address (optional)"), stay, "hotel_address");
  add_time_entry (self, group, "check-in-row", _("Check-in (YYYY-MM-DD HH:MM)"), stay, "check_in");
  add_voucher_combo (self, group, "hotel-voucher-row", _("Hotel voucher"), "hotel",
                     stay ? poe_record_get_string (stay, "hotel_voucher_id") : NULL);
}

static void
build_rooms (PoeExceptionDialog *self)
{
  GPtrArray *persons = self->snapshot->persons;
  AdwPreferencesGroup *group;

  group = _poe_exception_dialog_add_group (self, _("Rooms"),
                                           _("Enter a room for every member; members with the same room share it."));
  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      g_autofree char *name = row_name ("room-row", i);
      g_autofree char *title = _poe_exception_dialog_dup_person (self, person);
      g_autofree char *room = self->existing ? poe_overnight_dup_room_of (self->existing, poe_record_get_id (person)) : NULL;

      _poe_exception_dialog_add_entry (self, group, name, title, room);
    }
}

static void
build_meals (PoeExceptionDialog *self)
{
  GPtrArray *persons = self->snapshot->persons;
  const char * const *codes = poe_meal_codes ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  AdwPreferencesGroup *group;

  /* Translators: the first choice of a member's meal order */
  g_ptr_array_add (labels, g_strdup (_("No special meal")));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      /* Translators: a special meal in words, then its airline code: "Muslim meal (MOML)" */
      g_ptr_array_add (labels, g_strdup_printf (_("%1$s (%2$s)"), poe_meal_code_describe (codes[i]), codes[i]));
    }
  g_ptr_array_add (labels, NULL);

  group = _poe_exception_dialog_add_group (self, _("Meals"),
                                           _("Each member’s meal order; special meals from the booking are chosen already."));
  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      g_autofree char *name = row_name ("meal-row", i);
      g_autofree char *title = _poe_exception_dialog_dup_person (self, person);
      g_autofree char *ordered = self->existing ? poe_overnight_dup_meal_of (self->existing, poe_record_get_id (person)) : NULL;
      const char *code = self->existing ? ordered : poe_record_get_string (person, "meal_code");
      guint selected = 0;

      for (guint j = 0; code != NULL && codes[j] != NULL; j++)
        if (g_ascii_strcasecmp (codes[j], code) == 0)
          selected = j + 1;

      _poe_exception_dialog_add_combo (self, group, name, title, (const char * const *) labels->pdata, selected);
    }

  add_voucher_combo (self, group, "meal-voucher-row", _("Meal voucher"), "meal",
                     self->existing ? poe_record_get_string (self->existing, "meal_voucher_id") : NULL);
}

static void
build_pickup (PoeExceptionDialog *self)
{
  PoeRecord *stay = self->existing;
  AdwPreferencesGroup *group;

  group = _poe_exception_dialog_add_group (self, _("Next-Morning Pickup"),
                                           _("When and how the family goes back to the airport."));
  add_time_entry (self, group, "pickup-row", _("Pickup (YYYY-MM-DD HH:MM)"), stay, "pickup_at");
  add_text_entry (self, group, "pickup-place-row", _("Pickup place (optional)"), stay, "pickup_place");
  add_text_entry (self, group, "transport-row", _("Transport"), stay, "transport");
  add_voucher_combo (self, group, "transport-voucher-row", _("Transport voucher"), "ground_transport",
                     stay ? poe_record_get_string (stay, "transport_voucher_id") : NULL);
}

static void
read_rooms_and_meals (PoeExceptionDialog *self,
                      PoeRecord          *stay)
{
  GPtrArray *persons = self->snapshot->persons;
  const char * const *codes = poe_meal_codes ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) meals = g_ptr_array_new ();

  for (guint i = 0; i < persons->len; i++)
    {
      g_autofree char *room_name = row_name ("room-row", i);
      g_autofree char *meal_name = row_name ("meal-row", i);
      guint meal = _poe_exception_dialog_selected (self, meal_name);

      g_ptr_array_add (ids, (gpointer) poe_record_get_id (g_ptr_array_index (persons, i)));
      g_ptr_array_add (rooms, _poe_exception_dialog_dup_text (self, room_name));
      g_ptr_array_add (meals, meal > 0 && meal <= g_strv_length ((char **) codes) ? (gpointer) codes[meal - 1] : NULL);
    }
  g_ptr_array_add (ids, NULL);

  poe_overnight_set_rooms (stay, (const char * const *) ids->pdata, (const char * const *) rooms->pdata);
  poe_overnight_set_meals (stay, (const char * const *) ids->pdata, (const char * const *) meals->pdata);
}


/*
 * Exception dialog internals
 */

void
_poe_exception_dialog_build_overnight (PoeExceptionDialog *self)
{
  g_autoptr(GError) error = NULL;

  /* Translators: title of the window that records a family's night at a hotel */
  gtk_window_set_title (GTK_WINDOW (self), _("Overnight Stay"));
  gtk_button_set_label (self->save_button, _("_Save"));

  if (!load_existing_stay (self, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      return;
    }

  build_hotel (self);
  build_rooms (self);
  build_meals (self);
  build_pickup (self);
}

gboolean
_poe_exception_dialog_save_overnight (PoeExceptionDialog  *self,
                                      GError             **error)
{
  g_autoptr(PoeRecord) stay = self->existing ? poe_record_copy (self->existing) : poe_record_new ("overnight_stay");

  poe_record_set_string (stay, "case_id", self->case_id);
  set_text (self, stay, "hotel", "hotel-row");
  set_text (self, stay, "hotel_address", "address-row");
  set_text (self, stay, "pickup_place", "pickup-place-row");
  set_text (self, stay, "transport", "transport-row");
  poe_record_set_string (stay, "hotel_voucher_id", selected_voucher (self, "hotel-voucher-row"));
  poe_record_set_string (stay, "meal_voucher_id", selected_voucher (self, "meal-voucher-row"));
  poe_record_set_string (stay, "transport_voucher_id", selected_voucher (self, "transport-voucher-row"));
  read_rooms_and_meals (self, stay);

  if (!set_time (self, stay, "check_in", "check-in-row",
                 _("Enter the check-in time as YYYY-MM-DD HH:MM, airport time."), error) ||
      !set_time (self, stay, "pickup_at", "pickup-row",
                 _("Enter the pickup time as YYYY-MM-DD HH:MM, airport time."), error))
    return FALSE;

  if (!poe_overnight_save (self->store, stay, error))
    return FALSE;

  g_set_object (&self->existing, stay);
  return TRUE;
}

void
_poe_exception_dialog_build_ground (PoeExceptionDialog *self)
{
  AdwPreferencesGroup *group;
  const char *destination = poe_record_get_string (self->snapshot->kase, "final_destination");

  /* Translators: title of the window that records a car or van for the family */
  gtk_window_set_title (GTK_WINDOW (self), _("Ground Transport"));
  gtk_button_set_label (self->save_button, _("_Save"));

  group = _poe_exception_dialog_add_group (self, _("Transport"), NULL);
  _poe_exception_dialog_add_entry (self, group, "provider-row", _("Provider"), NULL);
  _poe_exception_dialog_add_entry (self, group, "vehicle-row", _("Vehicle (optional)"), NULL);
  add_voucher_combo (self, group, "voucher-row", _("Voucher"), "ground_transport", NULL);

  group = _poe_exception_dialog_add_group (self, _("Driver"), NULL);
  _poe_exception_dialog_add_entry (self, group, "driver-row", _("Driver’s name (optional)"), NULL);
  _poe_exception_dialog_add_entry (self, group, "phone-row", _("Driver’s phone (optional)"), NULL);

  group = _poe_exception_dialog_add_group (self, _("Pickup"), NULL);
  _poe_exception_dialog_add_entry (self, group, "pickup-row", _("Pickup (YYYY-MM-DD HH:MM)"), NULL);
  _poe_exception_dialog_add_entry (self, group, "pickup-place-row", _("Pickup place (optional)"), NULL);
  _poe_exception_dialog_add_entry (self, group, "destination-row", _("Destination (optional)"), destination);
}

gboolean
_poe_exception_dialog_save_ground (PoeExceptionDialog  *self,
                                   GError             **error)
{
  g_autoptr(PoeRecord) transport = poe_record_new ("ground_transport");

  poe_record_set_string (transport, "case_id", self->case_id);
  set_text (self, transport, "provider", "provider-row");
  set_text (self, transport, "vehicle", "vehicle-row");
  set_text (self, transport, "driver_name", "driver-row");
  set_text (self, transport, "driver_phone", "phone-row");
  set_text (self, transport, "pickup_place", "pickup-place-row");
  set_text (self, transport, "destination", "destination-row");
  poe_record_set_string (transport, "voucher_id", selected_voucher (self, "voucher-row"));

  return set_time (self, transport, "pickup_at", "pickup-row",
                   _("Enter the pickup time as YYYY-MM-DD HH:MM, airport time."), error) &&
         poe_ground_transport_save (self->store, transport, error);
}
