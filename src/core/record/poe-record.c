/* poe-record.c
 *
 * A record of any entity. The per-entity GTypes (PoeFlight, PoePerson, …) are registered at
 * run time from the schema table, each with one GObject property per field, so views can
 * bind and expression-lookup fields like any other property.
 *
 * Here: the object, its types, its columns (id, rev, updated_at, updated_by, deleted) and how
 * a field value is stored. Field access is in poe-record-fields.c, JSON in
 * poe-record-json.c, validation and the time, date and id formats in poe-record-validate.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-record"

#include "config.h"

#include <string.h>

#include "poe-record-private.h"
#include "poe-store-private.h"

G_DEFINE_QUARK (poe-record-error-quark, poe_record_error)
G_DEFINE_TYPE_WITH_PRIVATE (PoeRecord, poe_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTITY_NAME,
  PROP_ID,
  PROP_REV,
  PROP_UPDATED_AT,
  PROP_UPDATED_BY,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Per entity (by PoeEntityInfo.index): the pspecs of its fields, in field order. */
static GParamSpec **field_pspecs[32];


/*
 * Auxiliary methods
 */

static GParamSpec *
field_pspec_new (const PoeFieldInfo *field)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                      G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;

  switch (field->kind)
    {
    case POE_FIELD_INT:
      return g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case POE_FIELD_BOOL:
      return g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
    case POE_FIELD_LIST:
      return g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_STRV, flags);
    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_JSON:
    case POE_FIELD_DECIMAL:
    default:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    }
}

/* "checklist_event" → "PoeChecklistEvent" */
static char *
type_name_for_entity (const PoeEntityInfo *entity)
{
  GString *name = g_string_new ("Poe");
  gboolean upper = TRUE;

  for (const char *p = entity->name; *p; p++)
    {
      if (*p == '_')
        {
          upper = TRUE;
          continue;
        }

      g_string_append_c (name, upper ? g_ascii_toupper (*p) : *p);
      upper = FALSE;
    }

  return g_string_free (name, FALSE);
}

/* Empty strings and empty lists are stored as unset, so "" and NULL never differ. */
static void
normalize_value (GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *s = g_value_get_string (value);

      if (s != NULL && s[0] == '\0')
        g_value_set_string (value, NULL);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *strv = g_value_get_boxed (value);

      if (strv != NULL && strv[0] == NULL)
        g_value_set_boxed (value, NULL);
    }
}


/*
 * Entity subclasses
 */

static void
entity_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  PoeRecord *self = POE_RECORD (object);
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  guint n_fields = _poe_record_entity (self)->n_fields;

  if (prop_id == 0 || prop_id > n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_copy (&priv->values[prop_id - 1], value);
}

static void
entity_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  PoeRecord *self = POE_RECORD (object);
  guint n_fields = _poe_record_entity (self)->n_fields;

  if (prop_id == 0 || prop_id > n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  _poe_record_store_value (self, prop_id - 1, value);
}

static void
entity_class_init (gpointer g_class,
                   gpointer class_data)
{
  GObjectClass *object_class = G_OBJECT_CLASS (g_class);
  PoeRecordClass *record_class = POE_RECORD_CLASS (g_class);
  const PoeEntityInfo *entity = class_data;
  GParamSpec **pspecs = g_new0 (GParamSpec *, entity->n_fields + 1);

  record_class->entity = entity;
  object_class->get_property = entity_get_property;
  object_class->set_property = entity_set_property;

  /* pspecs[0] is the unused PROP_0 slot that g_object_class_install_properties wants. */
  for (guint i = 0; i < entity->n_fields; i++)
    pspecs[i + 1] = field_pspec_new (&entity->fields[i]);

  g_object_class_install_properties (object_class, entity->n_fields + 1, pspecs);

  g_assert (entity->index < G_N_ELEMENTS (field_pspecs));
  field_pspecs[entity->index] = pspecs + 1;
}

static void
entity_instance_init (GTypeInstance *instance,
                      gpointer       g_class)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (POE_RECORD (instance));
  const PoeEntityInfo *entity = POE_RECORD_CLASS (g_class)->entity;

  priv->values = g_new0 (GValue, entity->n_fields);

  for (guint i = 0; i < entity->n_fields; i++)
    g_value_init (&priv->values[i], _poe_record_field_gtype (&entity->fields[i]));
}

#define DEFINE_ENTITY_TYPE(func, name)                                     \
GType                                                                      \
func (void)                                                                \
{                                                                          \
  return poe_record_type_for_entity (poe_schema_lookup_entity (name));     \
}

DEFINE_ENTITY_TYPE (poe_poe_get_type, "poe")
DEFINE_ENTITY_TYPE (poe_flight_get_type, "flight")
DEFINE_ENTITY_TYPE (poe_case_get_type, "case")
DEFINE_ENTITY_TYPE (poe_person_get_type, "person")
DEFINE_ENTITY_TYPE (poe_segment_get_type, "segment")
DEFINE_ENTITY_TYPE (poe_checklist_event_get_type, "checklist_event")
DEFINE_ENTITY_TYPE (poe_handoff_get_type, "handoff")
DEFINE_ENTITY_TYPE (poe_voucher_get_type, "voucher")
DEFINE_ENTITY_TYPE (poe_anomaly_get_type, "anomaly")
DEFINE_ENTITY_TYPE (poe_incident_get_type, "incident")
DEFINE_ENTITY_TYPE (poe_incident_comment_get_type, "incident_comment")
DEFINE_ENTITY_TYPE (poe_staff_get_type, "staff")
DEFINE_ENTITY_TYPE (poe_shift_get_type, "shift")
DEFINE_ENTITY_TYPE (poe_time_entry_get_type, "time_entry")
DEFINE_ENTITY_TYPE (poe_leave_request_get_type, "leave_request")
DEFINE_ENTITY_TYPE (poe_audit_get_type, "audit")
DEFINE_ENTITY_TYPE (poe_arrival_notice_get_type, "arrival_notice")


/*
 * GObject overrides
 */

static void
poe_record_finalize (GObject *object)
{
  PoeRecord *self = POE_RECORD (object);
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  const PoeEntityInfo *entity = _poe_record_entity (self);

  if (priv->values != NULL)
    {
      for (guint i = 0; i < entity->n_fields; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }

  g_free (priv->id);
  g_free (priv->updated_at);
  g_free (priv->updated_by);

  G_OBJECT_CLASS (poe_record_parent_class)->finalize (object);
}

static void
poe_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PoeRecord *self = POE_RECORD (object);

  switch (prop_id)
    {
    case PROP_ENTITY_NAME:
      g_value_set_string (value, poe_record_get_entity_name (self));
      break;

    case PROP_ID:
      g_value_set_string (value, poe_record_get_id (self));
      break;

    case PROP_REV:
      g_value_set_int64 (value, poe_record_get_rev (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_string (value, poe_record_get_updated_at (self));
      break;

    case PROP_UPDATED_BY:
      g_value_set_string (value, poe_record_get_updated_by (self));
      break;

    case PROP_DELETED:
      g_value_set_boolean (value, poe_record_get_deleted (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PoeRecord *self = POE_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      poe_record_set_id (self, g_value_get_string (value));
      break;

    case PROP_REV:
      poe_record_set_rev (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      poe_record_set_updated_at (self, g_value_get_string (value));
      break;

    case PROP_UPDATED_BY:
      poe_record_set_updated_by (self, g_value_get_string (value));
      break;

    case PROP_DELETED:
      poe_record_set_deleted (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_record_class_init (PoeRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_record_finalize;
  object_class->get_property = poe_record_get_property;
  object_class->set_property = poe_record_set_property;

  properties[PROP_ENTITY_NAME] =
    g_param_spec_string ("entity-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REV] =
    g_param_spec_int64 ("rev", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_BY] =
    g_param_spec_string ("updated-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_record_init (PoeRecord *self)
{
}


/*
 * Private API
 */

/* The instance data of @self, for the other poe-record*.c files. */
PoeRecordPrivate *
_poe_record_get_private (PoeRecord *self)
{
  return poe_record_get_instance_private (self);
}

const PoeEntityInfo *
_poe_record_entity (PoeRecord *self)
{
  return POE_RECORD_GET_CLASS (self)->entity;
}

GType
_poe_record_field_gtype (const PoeFieldInfo *field)
{
  switch (field->kind)
    {
    case POE_FIELD_INT:
      return G_TYPE_INT64;
    case POE_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case POE_FIELD_LIST:
      return G_TYPE_STRV;
    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_JSON:
    case POE_FIELD_DECIMAL:
    default:
      return G_TYPE_STRING;
    }
}

gboolean
_poe_record_values_equal (const GValue *a,
                          const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  g_assert (type == G_VALUE_TYPE (b));

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (type == G_TYPE_STRV)
    {
      const char * const *sa = g_value_get_boxed (a);
      const char * const *sb = g_value_get_boxed (b);

      if (sa == NULL || sb == NULL)
        return (sa == NULL || sa[0] == NULL) && (sb == NULL || sb[0] == NULL);

      return g_strv_equal (sa, sb);
    }

  g_assert_not_reached ();
}

void
_poe_record_store_value (PoeRecord    *self,
                         guint         index,
                         const GValue *value)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  g_auto(GValue) copy = G_VALUE_INIT;

  g_value_init (&copy, G_VALUE_TYPE (&priv->values[index]));
  g_value_copy (value, &copy);
  normalize_value (&copy);

  if (_poe_record_values_equal (&priv->values[index], &copy))
    return;

  g_value_unset (&priv->values[index]);
  priv->values[index] = copy;
  memset (&copy, 0, sizeof copy);

  g_object_notify_by_pspec (G_OBJECT (self), field_pspecs[_poe_record_entity (self)->index][index]);
}

/* As _poe_record_store_value(), taking @value over (it is left unset): no copy of a string or
 * list that was made only to be stored, as when a field is read from JSON. */
void
_poe_record_take_value (PoeRecord *self,
                        guint      index,
                        GValue    *value)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  normalize_value (value);
  if (_poe_record_values_equal (&priv->values[index], value))
    {
      g_value_unset (value);
      return;
    }

  g_value_unset (&priv->values[index]);
  priv->values[index] = *value;
  memset (value, 0, sizeof *value);

  g_object_notify_by_pspec (G_OBJECT (self), field_pspecs[_poe_record_entity (self)->index][index]);
}

/* As poe_record_new_for_entity() with @id instead of a new random one (declared in
 * poe-store-private.h): the store makes one record per pulled change. */
PoeRecord *
_poe_record_new_with_id (const PoeEntityInfo *entity,
                         const char          *id)
{
  PoeRecord *self = g_object_new (poe_record_type_for_entity (entity), NULL);
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  priv->id = g_strdup (id);
  return self;
}


/*
 * Public API
 */

/**
 * poe_record_type_for_entity:
 *
 * Returns: the GType of @entity's records, registered on first use
 */
GType
poe_record_type_for_entity (const PoeEntityInfo *entity)
{
  static gsize types[G_N_ELEMENTS (field_pspecs)];

  g_return_val_if_fail (entity != NULL, G_TYPE_INVALID);
  g_return_val_if_fail (entity->index < G_N_ELEMENTS (types), G_TYPE_INVALID);

  if (g_once_init_enter (&types[entity->index]))
    {
      g_autofree char *name = type_name_for_entity (entity);
      const GTypeInfo info = {
        .class_size = sizeof (PoeRecordClass),
        .class_init = entity_class_init,
        .class_data = entity,
        .instance_size = sizeof (PoeRecord),
        .instance_init = entity_instance_init,
      };
      GType type = g_type_register_static (POE_TYPE_RECORD, name, &info, G_TYPE_FLAG_FINAL);

      g_once_init_leave (&types[entity->index], type);
    }

  return types[entity->index];
}

/**
 * poe_record_new:
 * @entity_name: an entity of the schema, like "flight"
 *
 * Returns: (transfer full) (nullable): an empty record with a new id, or %NULL for an
 *   unknown entity
 */
PoeRecord *
poe_record_new (const char *entity_name)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity (entity_name);

  g_return_val_if_fail (entity != NULL, NULL);

  return poe_record_new_for_entity (entity);
}

PoeRecord *
poe_record_new_for_entity (const PoeEntityInfo *entity)
{
  PoeRecord *self;
  PoeRecordPrivate *priv;

  g_return_val_if_fail (entity != NULL, NULL);

  self = g_object_new (poe_record_type_for_entity (entity), NULL);
  priv = poe_record_get_instance_private (self);
  priv->id = poe_uuid_new ();

  return self;
}

/**
 * poe_record_copy:
 *
 * Returns: (transfer full): a record with the same id, columns and values
 */
PoeRecord *
poe_record_copy (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  PoeRecordPrivate *copy_priv;
  const PoeEntityInfo *entity;
  PoeRecord *copy;

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  entity = _poe_record_entity (self);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  copy_priv = poe_record_get_instance_private (copy);
  copy_priv->id = g_strdup (priv->id);
  copy_priv->rev = priv->rev;
  copy_priv->updated_at = g_strdup (priv->updated_at);
  copy_priv->updated_by = g_strdup (priv->updated_by);
  copy_priv->deleted = priv->deleted;

  for (guint i = 0; i < entity->n_fields; i++)
    g_value_copy (&priv->values[i], &copy_priv->values[i]);

  return copy;
}

const PoeEntityInfo *
poe_record_get_entity (PoeRecord *self)
{
  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  return _poe_record_entity (self);
}

const char *
poe_record_get_entity_name (PoeRecord *self)
{
  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  return _poe_record_entity (self)->name;
}

const char *
poe_record_get_id (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  return priv->id;
}

void
poe_record_set_id (PoeRecord  *self,
                   const char *id)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_if_fail (POE_IS_RECORD (self));

  if (g_strcmp0 (priv->id, id) == 0)
    return;

  g_free (priv->id);
  priv->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
poe_record_get_rev (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), 0);

  return priv->rev;
}

void
poe_record_set_rev (PoeRecord *self,
                    gint64     rev)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_if_fail (POE_IS_RECORD (self));
  g_return_if_fail (rev >= 0);

  if (priv->rev == rev)
    return;

  priv->rev = rev;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REV]);
}

const char *
poe_record_get_updated_at (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  return priv->updated_at;
}

void
poe_record_set_updated_at (PoeRecord  *self,
                           const char *updated_at)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_if_fail (POE_IS_RECORD (self));

  if (g_strcmp0 (priv->updated_at, updated_at) == 0)
    return;

  g_free (priv->updated_at);
  priv->updated_at = g_strdup (updated_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
poe_record_get_updated_by (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  return priv->updated_by;
}

void
poe_record_set_updated_by (PoeRecord  *self,
                           const char *updated_by)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_if_fail (POE_IS_RECORD (self));

  if (g_strcmp0 (priv->updated_by, updated_by) == 0)
    return;

  g_free (priv->updated_by);
  priv->updated_by = g_strdup (updated_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_BY]);
}

gboolean
poe_record_get_deleted (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);

  return priv->deleted;
}

void
poe_record_set_deleted (PoeRecord *self,
                        gboolean   deleted)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_if_fail (POE_IS_RECORD (self));

  deleted = !!deleted;
  if (priv->deleted == deleted)
    return;

  priv->deleted = deleted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
}

/**
 * poe_record_dup_initials:
 *
 * For a person: the initials of the given names and the surname ("A. K."), which views
 * show instead of names until names are revealed.
 *
 * Returns: (transfer full): the initials, or an empty string
 */
char *
poe_record_dup_initials (PoeRecord *self)
{
  GString *out = g_string_new (NULL);
  const char *names[2];

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);
  g_return_val_if_fail (g_str_equal (_poe_record_entity (self)->name, "person"), NULL);

  names[0] = poe_record_get_string (self, "given_names");
  names[1] = poe_record_get_string (self, "surname");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i] == NULL || !g_utf8_validate (names[i], -1, NULL))
        continue;

      for (const char *p = names[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalpha (c))
            continue;

          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, g_unichar_toupper (c));
          g_string_append_c (out, '.');
          break;
        }
    }

  return g_string_free (out, FALSE);
}
