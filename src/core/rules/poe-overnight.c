/* poe-overnight.c
 *
 * The overnight branch and ground transport of the exception path (see poe-exceptions.h):
 * the IATA special-meal codes in words; an overnight stay's rooms (`{"412": [person ids]}`)
 * and meal orders (`{person id: "MOML"}`), read and written; the checks that keep a
 * half-filled or contradictory stay or transport out of the store (every member in one
 * room, pickup after check-in, vouchers of the right kind and family); and the writes,
 * which tick the onward steps the record settles (rooms, meals, pickup; ground transport)
 * in the same transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-exceptions"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "poe-checklist.h"
#include "poe-exceptions.h"

typedef struct
{
  const char *code;
  const char *words;
} MealCode;

/* IATA special-meal codes (SSR), as airlines and caterers use them. */
static const MealCode meal_codes[] = {
  { "AVML", N_("Asian vegetarian meal") },
  { "BBML", N_("Baby meal") },
  { "BLML", N_("Bland meal") },
  { "CHML", N_("Child meal") },
  { "DBML", N_("Diabetic meal") },
  { "FPML", N_("Fruit platter") },
  { "GFML", N_("Gluten-free meal") },
  { "HNML", N_("Hindu meal") },
  { "KSML", N_("Kosher meal") },
  { "LCML", N_("Low-calorie meal") },
  { "LFML", N_("Low-fat meal") },
  { "LSML", N_("Low-salt meal") },
  { "MOML", N_("Muslim meal") },
  { "NLML", N_("Lactose-free meal") },
  { "RVML", N_("Raw vegetarian meal") },
  { "SFML", N_("Seafood meal") },
  { "VGML", N_("Vegan meal") },
  { "VJML", N_("Vegetarian Jain meal") },
  { "VLML", N_("Vegetarian meal (lacto-ovo)") },
  { "VOML", N_("Vegetarian oriental meal") },
};


/*
 * Auxiliary methods
 */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
has_text (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return TRUE;
    }

  return FALSE;
}

/* The stay's JSON field @field as an object; %NULL when unset or not an object. */
static JsonObject *
dup_object (PoeRecord  *record,
            const char *field)
{
  const char *json = poe_record_get_string (record, field);
  g_autoptr(JsonNode) node = NULL;

  if (!has_text (json) || !(node = json_from_string (json, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

static void
set_object (PoeRecord  *record,
            const char *field,
            JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  json_node_set_object (node, object);
  json = json_to_string (node, FALSE);
  poe_record_set_string (record, field, json_object_get_size (object) > 0 ? json : NULL);
}

static gboolean
has_person (GPtrArray  *persons,
            const char *id)
{
  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      if (g_strcmp0 (poe_record_get_id (g_ptr_array_index (persons, i)), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The voucher @field names, if any, must be one of @vouchers and of @kind. */
static gboolean
check_voucher (PoeRecord   *record,
               const char  *field,
               const char  *kind,
               GPtrArray   *vouchers,
               const char  *message,
               GError     **error)
{
  const char *id = poe_record_get_string (record, field);

  if (id == NULL)
    return TRUE;

  for (guint i = 0; vouchers != NULL && i < vouchers->len; i++)
    {
      PoeRecord *voucher = g_ptr_array_index (vouchers, i);

      if (g_str_equal (poe_record_get_id (voucher), id))
        return g_strcmp0 (poe_record_get_string (voucher, "kind"), kind) == 0 || invalid (error, message);
    }

  return invalid (error, message);
}

static gboolean
check_rooms (PoeRecord  *stay,
             GPtrArray  *persons,
             GError    **error)
{
  g_autoptr(JsonObject) rooms = dup_object (stay, "rooms");
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) labels = rooms ? json_object_get_members (rooms) : NULL;

  for (GList *l = labels; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (rooms, l->data);
      JsonArray *members = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (members == NULL || json_array_get_length (members) == 0)
        return invalid (error, _("A room has nobody in it: put members in it or remove it."));

      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          const char *id = json_array_get_string_element (members, i);

          if (!has_person (persons, id))
            return invalid (error, _("A room names someone who is not a member of this family."));
          if (!g_hash_table_add (placed, (gpointer) id))
            return invalid (error, _("A member is in two rooms: give each member one room."));
        }
    }

  if (g_hash_table_size (placed) < persons->len)
    {
      guint missing = persons->len - g_hash_table_size (placed);

      g_set_error (error, POE_EXCEPTION_ERROR, POE_EXCEPTION_ERROR_INVALID,
                   ngettext ("%u member has no room yet: enter a room for every member.",
                             "%u members have no room yet: enter a room for every member.", missing),
                   missing);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_meals (PoeRecord  *stay,
             GPtrArray  *persons,
             GError    **error)
{
  g_autoptr(JsonObject) meals = dup_object (stay, "meals");
  g_autoptr(GList) ids = meals ? json_object_get_members (meals) : NULL;

  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *code = json_object_get_string_member_with_default (meals, l->data, NULL);

      if (!has_person (persons, l->data))
        return invalid (error, _("A meal order names someone who is not a member of this family."));
      if (poe_meal_code_describe (code) == NULL)
        return invalid (error, _("A meal order has a code that is not an IATA special-meal code."));
    }

  return TRUE;
}

static gboolean
check_pickup (PoeRecord  *stay,
              GError    **error)
{
  g_autoptr(GDateTime) check_in = poe_record_dup_time (stay, "check_in");
  g_autoptr(GDateTime) pickup = poe_record_dup_time (stay, "pickup_at");
  gboolean any = pickup != NULL || has_text (poe_record_get_string (stay, "transport")) ||
                 has_text (poe_record_get_string (stay, "pickup_place"));

  if (!any)
    return TRUE;

  if (pickup == NULL)
    return invalid (error, _("Enter the pickup time as YYYY-MM-DD HH:MM, airport time."));
  if (!has_text (poe_record_get_string (stay, "transport")))
    return invalid (error, _("Say how the family gets to the airport: the transport for the pickup."));
  if (check_in != NULL && g_date_time_compare (pickup, check_in) <= 0)
    return invalid (error, _("The pickup is before the check-in: the pickup must be later."));

  return TRUE;
}

static gboolean
is_phone (const char *text)
{
  guint digits = 0;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        digits++;
      else if (!strchr ("+-() ./", *c))
        return FALSE;
    }

  return digits >= 6 && digits <= 15;
}

/* Appends a "done" event for each of @steps not done yet. Inside the caller's transaction. */
static gboolean
tick_steps (PoeStore            *store,
            PoeRecord           *record,
            const char * const  *steps,
            const char          *note,
            GError             **error)
{
  const char *case_id = poe_record_get_string (record, "case_id");
  g_autoptr(GHashTable) state = poe_store_get_checklist_state (store, case_id, error);
  g_autofree char *now = poe_time_now_iso8601 ();

  if (state == NULL)
    return FALSE;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) event = NULL;

      if (poe_checklist_state_is_done (state, steps[i], NULL))
        continue;

      event = poe_record_new ("checklist_event");
      poe_record_set_string (event, "case_id", case_id);
      poe_record_set_string (event, "step", steps[i]);
      poe_record_set_string (event, "value", "done");
      poe_record_set_string (event, "note", note);
      poe_record_set_string (event, "at", now);
      poe_record_set_string (event, "by", poe_store_get_actor_id (store));
      if (!poe_store_save (store, event, error))
        return FALSE;
    }

  return TRUE;
}

/* Saves @record and ticks @steps, all or nothing. */
static gboolean
save_and_tick (PoeStore            *store,
               PoeRecord           *record,
               const char * const  *steps,
               const char          *note,
               GError             **error)
{
  if (!poe_store_begin (store, error))
    return FALSE;

  if (!poe_store_save (store, record, error) || !tick_steps (store, record, steps, note, error))
    {
      poe_store_rollback (store);
      return FALSE;
    }

  return poe_store_commit (store, error);
}

static GPtrArray *
list_of_case (PoeStore    *store,
              const char  *entity,
              PoeRecord   *record,
              GError     **error)
{
  return poe_store_list (store, entity, "case_id", poe_record_get_string (record, "case_id"), error);
}


/*
 * Public API
 */

/**
 * poe_meal_codes:
 *
 * Returns: (transfer none): the IATA special-meal codes, sorted
 */
const char * const *
poe_meal_codes (void)
{
  static const char *codes[G_N_ELEMENTS (meal_codes) + 1];

  if (codes[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (meal_codes); i++)
        codes[i] = meal_codes[i].code;
    }

  return codes;
}

/**
 * poe_meal_code_describe:
 *
 * Returns: (nullable): @code in words, translated ("Muslim meal" for MOML); %NULL for a
 *   code that is not a special-meal code
 */
const char *
poe_meal_code_describe (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (meal_codes); i++)
    {
      if (g_ascii_strcasecmp (meal_codes[i].code, code) == 0)
        return _(meal_codes[i].words);
    }

  return NULL;
}

/**
 * poe_overnight_dup_room_labels:
 *
 * Returns: (transfer full): the stay's rooms, in the order they were entered
 */
char **
poe_overnight_dup_room_labels (PoeRecord *stay)
{
  g_autoptr(JsonObject) rooms = dup_object (stay, "rooms");
  g_autoptr(GList) labels = rooms ? json_object_get_members (rooms) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GList *l = labels; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);

  return g_strv_builder_end (builder);
}

/**
 * poe_overnight_dup_room_members:
 *
 * Returns: (transfer full): the ids of the members in @room
 */
char **
poe_overnight_dup_room_members (PoeRecord  *stay,
                                const char *room)
{
  g_autoptr(JsonObject) rooms = dup_object (stay, "rooms");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *members = rooms ? json_object_get_array_member (rooms, room) : NULL;

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    g_strv_builder_add (builder, json_array_get_string_element (members, i));

  return g_strv_builder_end (builder);
}

/**
 * poe_overnight_dup_room_of:
 *
 * Returns: (transfer full) (nullable): the room of @person_id
 */
char *
poe_overnight_dup_room_of (PoeRecord  *stay,
                           const char *person_id)
{
  g_auto(GStrv) labels = poe_overnight_dup_room_labels (stay);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_auto(GStrv) members = poe_overnight_dup_room_members (stay, labels[i]);

      if (g_strv_contains ((const char * const *) members, person_id))
        return g_strdup (labels[i]);
    }

  return NULL;
}

/**
 * poe_overnight_dup_meal_of:
 *
 * Returns: (transfer full) (nullable): the special-meal code ordered for @person_id
 */
char *
poe_overnight_dup_meal_of (PoeRecord  *stay,
                           const char *person_id)
{
  g_autoptr(JsonObject) meals = dup_object (stay, "meals");

  return meals ? g_strdup (json_object_get_string_member_with_default (meals, person_id, NULL)) : NULL;
}

/**
 * poe_overnight_set_rooms:
 * @person_ids: the members
 * @rooms: each member's room (as typed; empty for none), in the same order
 *
 * Groups the members by room: members with the same room share it.
 */
void
poe_overnight_set_rooms (PoeRecord          *stay,
                         const char * const *person_ids,
                         const char * const *rooms)
{
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; person_ids[i] != NULL; i++)
    {
      g_autofree char *room = rooms[i] ? g_strstrip (g_strdup (rooms[i])) : NULL;

      if (!has_text (room))
        continue;
      if (!json_object_has_member (object, room))
        json_object_set_array_member (object, room, json_array_new ());
      json_array_add_string_element (json_object_get_array_member (object, room), person_ids[i]);
    }

  set_object (stay, "rooms", object);
}

/**
 * poe_overnight_set_meals:
 * @codes: each member's special-meal code, %NULL or empty for none
 */
void
poe_overnight_set_meals (PoeRecord          *stay,
                         const char * const *person_ids,
                         const char * const *codes)
{
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; person_ids[i] != NULL; i++)
    {
      if (has_text (codes[i]))
        json_object_set_string_member (object, person_ids[i], codes[i]);
    }

  set_object (stay, "meals", object);
}

/**
 * poe_overnight_check:
 * @persons: (element-type PoeRecord): the family's members
 * @vouchers: (element-type PoeRecord): the family's vouchers
 *
 * Returns: whether @stay is whole and consistent: a hotel and a check-in time, every member
 *   in exactly one room, known meal codes, a pickup later than the check-in with its
 *   transport, vouchers of the right kind; else @error says what to correct
 */
gboolean
poe_overnight_check (PoeRecord  *stay,
                     GPtrArray  *persons,
                     GPtrArray  *vouchers,
                     GError    **error)
{
  g_return_val_if_fail (POE_IS_RECORD (stay), FALSE);
  g_return_val_if_fail (persons != NULL, FALSE);

  if (!has_text (poe_record_get_string (stay, "hotel")))
    return invalid (error, _("Enter the name of the hotel."));
  if (!poe_record_is_set (stay, "check_in"))
    return invalid (error, _("Enter the check-in time as YYYY-MM-DD HH:MM, airport time."));

  return check_rooms (stay, persons, error) &&
         check_meals (stay, persons, error) &&
         check_pickup (stay, error) &&
         check_voucher (stay, "hotel_voucher_id", "hotel", vouchers,
                        _("The hotel voucher must be one of this family’s hotel vouchers."), error) &&
         check_voucher (stay, "meal_voucher_id", "meal", vouchers,
                        _("The meal voucher must be one of this family’s meal vouchers."), error) &&
         check_voucher (stay, "transport_voucher_id", "ground_transport", vouchers,
                        _("The transport voucher must be one of this family’s ground transport vouchers."),
                        error);
}

/**
 * poe_overnight_save:
 *
 * Checks @stay against the family's members and vouchers in the store, then saves it
 * (row, outbox mutation, audit row) and ticks the steps it settles: rooms, meals, and the
 * next pickup when it has one; one transaction.
 */
gboolean
poe_overnight_save (PoeStore   *store,
                    PoeRecord  *stay,
                    GError    **error)
{
  static const char * const with_pickup[] = { "onward.rooms", "onward.meals", "onward.next_pickup", NULL };
  static const char * const without_pickup[] = { "onward.rooms", "onward.meals", NULL };
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) vouchers = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (stay), FALSE);

  if (!(persons = poe_store_list_persons_for_case (store, poe_record_get_string (stay, "case_id"), error)) ||
      !(vouchers = list_of_case (store, "voucher", stay, error)))
    return FALSE;

  return poe_overnight_check (stay, persons, vouchers, error) &&
         save_and_tick (store, stay, poe_record_is_set (stay, "pickup_at") ? with_pickup : without_pickup,
                        _("Recorded with the overnight stay"), error);
}

/**
 * poe_ground_transport_check:
 * @vouchers: (element-type PoeRecord): the family's vouchers
 *
 * Returns: whether @transport has a provider and a pickup time, a driver's phone that is a
 *   phone number, and a ground-transport voucher of the family; else @error says what
 */
gboolean
poe_ground_transport_check (PoeRecord  *transport,
                            GPtrArray  *vouchers,
                            GError    **error)
{
  const char *phone;

  g_return_val_if_fail (POE_IS_RECORD (transport), FALSE);

  if (!has_text (poe_record_get_string (transport, "provider")))
    return invalid (error, _("Enter the transport provider."));
  if (!poe_record_is_set (transport, "pickup_at"))
    return invalid (error, _("Enter the pickup time as YYYY-MM-DD HH:MM, airport time."));

  phone = poe_record_get_string (transport, "driver_phone");
  if (has_text (phone) && !is_phone (phone))
    return invalid (error, _("The driver’s phone is not a phone number: use digits, spaces and +, for example +1 718 555 0100."));

  return check_voucher (transport, "voucher_id", "ground_transport", vouchers,
                        _("The voucher must be one of this family’s ground transport vouchers."), error);
}

/**
 * poe_ground_transport_save:
 *
 * Checks @transport against the family's vouchers in the store, then saves it and ticks
 * "onward.ground_transport", in one transaction.
 */
gboolean
poe_ground_transport_save (PoeStore   *store,
                           PoeRecord  *transport,
                           GError    **error)
{
  static const char * const steps[] = { "onward.ground_transport", NULL };
  g_autoptr(GPtrArray) vouchers = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (transport), FALSE);

  if (!(vouchers = list_of_case (store, "voucher", transport, error)))
    return FALSE;

  return poe_ground_transport_check (transport, vouchers, error) &&
         save_and_tick (store, transport, steps, _("Recorded with the ground transport"), error);
}
