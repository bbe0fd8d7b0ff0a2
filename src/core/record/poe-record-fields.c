/* poe-record-fields.c
 *
 * Typed access to a record's fields: by name (get/set string, int, bool, list, time), where
 * an unknown field or the wrong kind is a critical, and by index into entity->fields, for
 * code that walks the schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-record"

#include "config.h"

#include "poe-record-private.h"


/*
 * Auxiliary methods
 */

static int
lookup_index (PoeRecord  *self,
              const char *field,
              GType       expected)
{
  const PoeEntityInfo *entity = _poe_record_entity (self);
  int i = poe_entity_field_index (entity, field);

  if (i < 0)
    {
      g_critical ("Entity %s has no field “%s”", entity->name, field);
      return -1;
    }

  if (expected != G_TYPE_INVALID && _poe_record_field_gtype (&entity->fields[i]) != expected)
    {
      g_critical ("Field %s.%s is not of type %s", entity->name, field, g_type_name (expected));
      return -1;
    }

  return i;
}


/*
 * Public API
 */

const char *
poe_record_get_string (PoeRecord  *self,
                       const char *field)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  int i;

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  if ((i = lookup_index (self, field, G_TYPE_STRING)) < 0)
    return NULL;

  return g_value_get_string (&priv->values[i]);
}

void
poe_record_set_string (PoeRecord  *self,
                       const char *field,
                       const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_return_if_fail (POE_IS_RECORD (self));

  if ((i = lookup_index (self, field, G_TYPE_STRING)) < 0)
    return;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  _poe_record_store_value (self, i, &v);
}

gint64
poe_record_get_int (PoeRecord  *self,
                    const char *field)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  int i;

  g_return_val_if_fail (POE_IS_RECORD (self), 0);

  if ((i = lookup_index (self, field, G_TYPE_INT64)) < 0)
    return 0;

  return g_value_get_int64 (&priv->values[i]);
}

void
poe_record_set_int (PoeRecord  *self,
                    const char *field,
                    gint64      value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_return_if_fail (POE_IS_RECORD (self));

  if ((i = lookup_index (self, field, G_TYPE_INT64)) < 0)
    return;

  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, value);
  _poe_record_store_value (self, i, &v);
}

gboolean
poe_record_get_bool (PoeRecord  *self,
                     const char *field)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  int i;

  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);

  if ((i = lookup_index (self, field, G_TYPE_BOOLEAN)) < 0)
    return FALSE;

  return g_value_get_boolean (&priv->values[i]);
}

void
poe_record_set_bool (PoeRecord  *self,
                     const char *field,
                     gboolean    value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_return_if_fail (POE_IS_RECORD (self));

  if ((i = lookup_index (self, field, G_TYPE_BOOLEAN)) < 0)
    return;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  _poe_record_store_value (self, i, &v);
}

/**
 * poe_record_get_strv:
 *
 * Returns: (transfer none) (nullable): the items of a list field, %NULL when empty
 */
const char * const *
poe_record_get_strv (PoeRecord  *self,
                     const char *field)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  int i;

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  if ((i = lookup_index (self, field, G_TYPE_STRV)) < 0)
    return NULL;

  return g_value_get_boxed (&priv->values[i]);
}

void
poe_record_set_strv (PoeRecord          *self,
                     const char         *field,
                     const char * const *value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int i;

  g_return_if_fail (POE_IS_RECORD (self));

  if ((i = lookup_index (self, field, G_TYPE_STRV)) < 0)
    return;

  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, value);
  _poe_record_store_value (self, i, &v);
}

/**
 * poe_record_dup_time:
 *
 * Returns: (transfer full) (nullable): the time of a TIME field, %NULL when unset or invalid
 */
GDateTime *
poe_record_dup_time (PoeRecord  *self,
                     const char *field)
{
  const char *text = poe_record_get_string (self, field);

  return text ? poe_time_parse_iso8601 (text) : NULL;
}

void
poe_record_set_time (PoeRecord  *self,
                     const char *field,
                     GDateTime  *value)
{
  g_autofree char *text = value ? poe_time_format_iso8601 (value) : NULL;

  poe_record_set_string (self, field, text);
}

gboolean
poe_record_is_set (PoeRecord  *self,
                   const char *field)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  const GValue *value;
  int i;

  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);

  if ((i = lookup_index (self, field, G_TYPE_INVALID)) < 0)
    return FALSE;

  value = &priv->values[i];
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) != NULL;
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    return g_value_get_boxed (value) != NULL;

  return TRUE;
}

/**
 * poe_record_peek_value:
 *
 * Returns: (transfer none): the value of field @index
 */
const GValue *
poe_record_peek_value (PoeRecord *self,
                       guint      index)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < _poe_record_entity (self)->n_fields, NULL);

  return &priv->values[index];
}

/**
 * poe_record_take_value:
 * @value: (transfer full): a value of the field's type; unset on return
 */
void
poe_record_take_value (PoeRecord *self,
                       guint      index,
                       GValue    *value)
{
  g_return_if_fail (POE_IS_RECORD (self));
  g_return_if_fail (index < _poe_record_entity (self)->n_fields);

  _poe_record_store_value (self, index, value);
  g_value_unset (value);
}

gboolean
poe_record_field_equal (PoeRecord *self,
                        PoeRecord *other,
                        guint      index)
{
  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (other), FALSE);
  g_return_val_if_fail (_poe_record_entity (self) == _poe_record_entity (other), FALSE);

  return _poe_record_values_equal (poe_record_peek_value (self, index),
                                   poe_record_peek_value (other, index));
}
