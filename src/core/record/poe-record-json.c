/* poe-record-json.c
 *
 * A record as the sync protocol writes it: to and from JSON, field by field or whole, and
 * the check of a pulled field's JSON that lets the store bind it without a record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-record-private.h"
#include "poe-store-private.h"


/*
 * Auxiliary methods
 */

/* Members usually come in the order poe_record_to_json() writes them: try the field after
 * the last one found before searching all of them. */
static int
field_index_after (const PoeEntityInfo *entity,
                   const char          *name,
                   guint               *next)
{
  int i;

  if (*next < entity->n_fields && strcmp (entity->fields[*next].name, name) == 0)
    i = (int) *next;
  else
    i = poe_entity_field_index (entity, name);

  if (i >= 0)
    *next = (guint) i + 1;

  return i;
}

static void
set_text_member (PoeRecord  *self,
                 const char *name,
                 const char *value)
{
  if (g_str_equal (name, "id"))
    poe_record_set_id (self, value);
  else if (g_str_equal (name, "updated_at"))
    poe_record_set_updated_at (self, value);
  else
    poe_record_set_updated_by (self, value);
}

/* What validate_field() (poe-record-validate.c) says of an unset field: only a required
 * text-like one fails. */
static gboolean
check_unset (const PoeEntityInfo  *entity,
             const PoeFieldInfo   *field,
             GError              **error)
{
  if (field->kind == POE_FIELD_INT || field->kind == POE_FIELD_BOOL ||
      field->kind == POE_FIELD_LIST || (field->flags & POE_FIELD_FLAG_REQUIRED) == 0)
    return TRUE;

  g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_MISSING,
               _("%s.%s: this field is required"), entity->name, field->name);
  return FALSE;
}

/* The text json_to_string() makes of a list of texts _poe_record_validate_list() accepted,
 * without a JsonGenerator per list: with no control characters in the items, only quotes and
 * backslashes are escaped. */
static char *
list_to_text (const char * const *items)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_string_append (text, i > 0 ? ",\"" : "\"");
      for (const char *p = items[i]; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (text, '\\');
          g_string_append_c (text, *p);
        }
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

/* A JSON list checked as poe_record_field_from_json() and _poe_record_validate_list() would,
 * its items pointing into @node; *@text is what the store keeps (NULL for an empty list). */
static gboolean
check_json_list (const PoeEntityInfo  *entity,
                 const PoeFieldInfo   *field,
                 JsonNode             *node,
                 char                **text,
                 GError              **error)
{
  const char *items[POE_LIST_MAX_DEFAULT + 1];
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _poe_record_set_invalid (error, entity, field, _("expected a list"));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return _poe_record_set_invalid (error, entity, field, _("expected a list of texts"));
    }

  /* No list of the schema holds more than POE_LIST_MAX_DEFAULT items. */
  if (n > poe_field_max_length (field) || n > POE_LIST_MAX_DEFAULT)
    return _poe_record_set_invalid (error, entity, field, _("the list is too long"));

  for (guint i = 0; i < n; i++)
    items[i] = json_array_get_string_element (array, i);
  items[n] = NULL;

  if (!_poe_record_validate_list (entity, field, items, error))
    return FALSE;

  *text = n > 0 ? list_to_text (items) : NULL;
  return TRUE;
}


/*
 * Private API
 */

/* Whether @node (%NULL for an absent member) is a value that poe_record_field_from_json()
 * takes for field @index of a new @entity record and poe_record_validate() then accepts,
 * without a record (declared in poe-store-private.h): the store binds a pulled record's
 * columns straight from its JSON. For a list or JSON field, *@text is set to the text the
 * store keeps (%NULL when unset). */
gboolean
_poe_record_check_json_field (const PoeEntityInfo  *entity,
                              guint                 index,
                              JsonNode             *node,
                              char                **text,
                              GError              **error)
{
  const PoeFieldInfo *field = &entity->fields[index];
  g_autofree char *object_text = NULL;
  const char *value;

  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return check_unset (entity, field, error);

  switch (field->kind)
    {
    case POE_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return _poe_record_set_invalid (error, entity, field, _("expected a whole number"));
      return _poe_record_validate_int (entity, field, json_node_get_int (node), error);

    case POE_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return _poe_record_set_invalid (error, entity, field, _("expected true or false"));
      return TRUE;

    case POE_FIELD_LIST:
      return check_json_list (entity, field, node, text, error);

    case POE_FIELD_JSON:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _poe_record_set_invalid (error, entity, field, _("expected a JSON object"));
      object_text = json_to_string (node, FALSE);
      if (!_poe_record_validate_string (entity, field, object_text, error))
        return FALSE;
      *text = g_steal_pointer (&object_text);
      return TRUE;

    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_DECIMAL:
    default:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return _poe_record_set_invalid (error, entity, field, _("expected a text"));
      value = json_node_get_string (node);
      /* An empty text is stored as unset (normalize_value() in poe-record.c). */
      if (value[0] == '\0')
        return check_unset (entity, field, error);
      return _poe_record_validate_string (entity, field, value, error);
    }
}


/*
 * Public API
 */

/**
 * poe_record_field_to_json:
 *
 * Returns: (transfer full): field @index as the sync protocol writes it
 */
JsonNode *
poe_record_field_to_json (PoeRecord *self,
                          guint      index)
{
  const GValue *value = poe_record_peek_value (self, index);
  const PoeFieldInfo *field = &_poe_record_entity (self)->fields[index];

  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *s = g_value_get_string (value);

      if (s == NULL)
        return json_node_new (JSON_NODE_NULL);

      if (field->kind == POE_FIELD_JSON)
        {
          JsonNode *node = json_from_string (s, NULL);

          if (node != NULL)
            return node;
        }

      return json_node_init_string (json_node_alloc (), s);
    }

  if (G_VALUE_HOLDS_INT64 (value))
    return json_node_init_int (json_node_alloc (), g_value_get_int64 (value));

  if (G_VALUE_HOLDS_BOOLEAN (value))
    return json_node_init_boolean (json_node_alloc (), g_value_get_boolean (value));

  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *items = g_value_get_boxed (value);
      JsonArray *array = json_array_new ();

      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        json_array_add_string_element (array, items[i]);

      return json_node_init_array (json_node_alloc (), array);
    }

  g_assert_not_reached ();
}

/**
 * poe_record_field_from_json:
 *
 * Sets field @index from a JSON value of the sync protocol. The JSON type must match the
 * field kind; the value itself is checked by poe_record_validate().
 */
gboolean
poe_record_field_from_json (PoeRecord  *self,
                            guint       index,
                            JsonNode   *node,
                            GError    **error)
{
  const PoeEntityInfo *entity = _poe_record_entity (self);
  const PoeFieldInfo *field = &entity->fields[index];
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, _poe_record_field_gtype (field));

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      _poe_record_take_value (self, index, &value);
      return TRUE;
    }

  switch (field->kind)
    {
    case POE_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return _poe_record_set_invalid (error, entity, field, _("expected a whole number"));
      g_value_set_int64 (&value, json_node_get_int (node));
      break;

    case POE_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return _poe_record_set_invalid (error, entity, field, _("expected true or false"));
      g_value_set_boolean (&value, json_node_get_boolean (node));
      break;

    case POE_FIELD_LIST:
      {
        JsonArray *array;
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) items = NULL;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return _poe_record_set_invalid (error, entity, field, _("expected a list"));

        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
              return _poe_record_set_invalid (error, entity, field, _("expected a list of texts"));
            g_strv_builder_add (builder, json_node_get_string (item));
          }

        items = g_strv_builder_end (builder);
        g_value_take_boxed (&value, g_steal_pointer (&items));
      }
      break;

    case POE_FIELD_JSON:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _poe_record_set_invalid (error, entity, field, _("expected a JSON object"));
      g_value_take_string (&value, json_to_string (node, FALSE));
      break;

    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_DECIMAL:
    default:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return _poe_record_set_invalid (error, entity, field, _("expected a text"));
      g_value_set_string (&value, json_node_get_string (node));
      break;
    }

  _poe_record_take_value (self, index, &value);
  return TRUE;
}

/**
 * poe_record_to_json:
 *
 * Returns: (transfer full): the record's columns and every field, as the API writes them
 */
JsonObject *
poe_record_to_json (PoeRecord *self)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  const PoeEntityInfo *entity;
  JsonObject *object;

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  entity = _poe_record_entity (self);
  object = json_object_new ();
  json_object_set_string_member (object, "id", priv->id);
  json_object_set_int_member (object, "rev", priv->rev);
  if (priv->updated_at != NULL)
    json_object_set_string_member (object, "updated_at", priv->updated_at);
  if (priv->updated_by != NULL)
    json_object_set_string_member (object, "updated_by", priv->updated_by);
  json_object_set_boolean_member (object, "deleted", priv->deleted);

  for (guint i = 0; i < entity->n_fields; i++)
    json_object_set_member (object, entity->fields[i].name, poe_record_field_to_json (self, i));

  return object;
}

/**
 * poe_record_update_from_json:
 * @fields: members named like fields (and optionally id, rev, updated_at, updated_by, deleted)
 *
 * Sets the members present in @fields and leaves the others. On error the record may be
 * partly updated: callers validate a copy.
 */
gboolean
poe_record_update_from_json (PoeRecord   *self,
                             JsonObject  *fields,
                             GError     **error)
{
  const PoeEntityInfo *entity;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint next = 0;

  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  entity = _poe_record_entity (self);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      int i = field_index_after (entity, name, &next);

      if (i >= 0)
        {
          if (!poe_record_field_from_json (self, i, node, error))
            return FALSE;
          continue;
        }

      if (g_str_equal (name, "id") || g_str_equal (name, "updated_at") ||
          g_str_equal (name, "updated_by"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
                           _("%s.%s: expected a text"), entity->name, name);
              return FALSE;
            }
          set_text_member (self, name, json_node_get_string (node));
        }
      else if (g_str_equal (name, "rev"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
              json_node_get_int (node) < 0)
            {
              g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
                           _("%s.rev: expected a whole number"), entity->name);
              return FALSE;
            }
          poe_record_set_rev (self, json_node_get_int (node));
        }
      else if (g_str_equal (name, "deleted"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
                           _("%s.deleted: expected true or false"), entity->name);
              return FALSE;
            }
          poe_record_set_deleted (self, json_node_get_boolean (node));
        }
      else
        {
          g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_UNKNOWN_FIELD,
                       _("%s has no field “%s”"), entity->name, name);
          return FALSE;
        }
    }

  return TRUE;
}
