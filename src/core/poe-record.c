/* poe-record.c
 *
 * A record of any entity. The per-entity GTypes (PoeFlight, PoePerson, …) are registered at
 * run time from the schema table, each with one GObject property per field, so views can
 * bind and expression-lookup fields like any other property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "poe-record.h"
#include "poe-store-private.h"

typedef struct
{
  char     *id;
  gint64    rev;
  char     *updated_at;
  char     *updated_by;
  gboolean  deleted;
  GValue   *values;  /* one per entity field */
} PoeRecordPrivate;

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

static GType
field_gtype (const PoeFieldInfo *field)
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

static const PoeEntityInfo *
record_entity (PoeRecord *self)
{
  return POE_RECORD_GET_CLASS (self)->entity;
}

static int
lookup_index (PoeRecord  *self,
              const char *field,
              GType       expected)
{
  const PoeEntityInfo *entity = record_entity (self);
  int i = poe_entity_field_index (entity, field);

  if (i < 0)
    {
      g_critical ("Entity %s has no field “%s”", entity->name, field);
      return -1;
    }

  if (expected != G_TYPE_INVALID && field_gtype (&entity->fields[i]) != expected)
    {
      g_critical ("Field %s.%s is not of type %s", entity->name, field, g_type_name (expected));
      return -1;
    }

  return i;
}

static gboolean
values_equal (const GValue *a,
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

static void
store_value (PoeRecord    *self,
             guint         index,
             const GValue *value)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  g_auto(GValue) copy = G_VALUE_INIT;

  g_value_init (&copy, G_VALUE_TYPE (&priv->values[index]));
  g_value_copy (value, &copy);
  normalize_value (&copy);

  if (values_equal (&priv->values[index], &copy))
    return;

  g_value_unset (&priv->values[index]);
  priv->values[index] = copy;
  memset (&copy, 0, sizeof copy);

  g_object_notify_by_pspec (G_OBJECT (self), field_pspecs[record_entity (self)->index][index]);
}

/* As store_value, taking @value over (it is left unset): no copy of a string or list that
 * was made only to be stored, as when a field is read from JSON. */
static void
take_value (PoeRecord *self,
            guint      index,
            GValue    *value)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  normalize_value (value);
  if (values_equal (&priv->values[index], value))
    {
      g_value_unset (value);
      return;
    }

  g_value_unset (&priv->values[index]);
  priv->values[index] = *value;
  memset (value, 0, sizeof *value);

  g_object_notify_by_pspec (G_OBJECT (self), field_pspecs[record_entity (self)->index][index]);
}

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

static gboolean
set_invalid (GError              **error,
             const PoeEntityInfo  *entity,
             const PoeFieldInfo   *field,
             const char           *what)
{
  /* Never put the value in the message: it may be personal data and end up in a log. */
  g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
               "%s.%s: %s", entity->name, field->name, what);
  return FALSE;
}

static gboolean
text_is_clean (const char *text,
               gboolean    allow_newlines)
{
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\n' || c == '\t' || c == '\r')
        {
          if (!allow_newlines)
            return FALSE;
        }
      else if (c < 0x20 || c == 0x7f)
        return FALSE;
    }

  return TRUE;
}

static gboolean
code_is_valid (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_./:+-", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
decimal_is_valid (const char *text)
{
  const char *p = text;
  guint int_digits = 0;
  guint frac_digits = 0;

  while (g_ascii_isdigit (*p))
    {
      p++;
      int_digits++;
    }

  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          frac_digits++;
        }
      if (frac_digits == 0)
        return FALSE;
    }

  return *p == '\0' && int_digits >= 1 && int_digits <= 10 && frac_digits <= 2;
}

static gboolean
validate_string (const PoeEntityInfo  *entity,
                 const PoeFieldInfo   *field,
                 const char           *value,
                 GError              **error)
{
  guint max = poe_field_max_length (field);

  if (!g_utf8_validate (value, -1, NULL))
    return set_invalid (error, entity, field, _("the text is not valid UTF-8"));

  if (strlen (value) > max)
    return set_invalid (error, entity, field, _("the text is too long"));

  switch (field->kind)
    {
    case POE_FIELD_TEXT:
      if (!text_is_clean (value, TRUE))
        return set_invalid (error, entity, field, _("the text has control characters"));
      return TRUE;

    case POE_FIELD_CODE:
      if (!code_is_valid (value))
        return set_invalid (error, entity, field, _("only letters, digits and _./:+- are allowed"));
      return TRUE;

    case POE_FIELD_TIME:
      {
        g_autoptr(GDateTime) time = poe_time_parse_iso8601 (value);

        if (time == NULL)
          return set_invalid (error, entity, field, _("not a valid UTC time like 2026-11-24T14:05:00Z"));
        return TRUE;
      }

    case POE_FIELD_DATE:
      if (!poe_date_is_valid (value))
        return set_invalid (error, entity, field, _("not a valid date like 2026-11-24"));
      return TRUE;

    case POE_FIELD_ENUM:
      if (!poe_field_enum_contains (field, value))
        return set_invalid (error, entity, field, _("not one of the allowed values"));
      return TRUE;

    case POE_FIELD_REF:
      if (!g_uuid_string_is_valid (value))
        return set_invalid (error, entity, field, _("not a record id"));
      return TRUE;

    case POE_FIELD_JSON:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();

        if (!json_parser_load_from_data (parser, value, -1, NULL) ||
            !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
          return set_invalid (error, entity, field, _("not a JSON object"));
        return TRUE;
      }

    case POE_FIELD_DECIMAL:
      if (!decimal_is_valid (value))
        return set_invalid (error, entity, field, _("not an amount like 125.50"));
      return TRUE;

    case POE_FIELD_INT:
    case POE_FIELD_BOOL:
    case POE_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
validate_list (const PoeEntityInfo  *entity,
               const PoeFieldInfo   *field,
               const char * const   *items,
               GError              **error)
{
  guint n = items ? g_strv_length ((char **) items) : 0;

  if (n > poe_field_max_length (field))
    return set_invalid (error, entity, field, _("the list is too long"));

  for (guint i = 0; i < n; i++)
    {
      const char *item = items[i];

      if (!g_utf8_validate (item, -1, NULL) || item[0] == '\0' || strlen (item) > 64 ||
          !text_is_clean (item, FALSE))
        return set_invalid (error, entity, field, _("the list has an empty, too long or invalid item"));

      if (field->enum_values != NULL && !poe_field_enum_contains (field, item))
        return set_invalid (error, entity, field, _("the list has an item that is not allowed"));

      if (field->ref_entity != NULL && !g_uuid_string_is_valid (item))
        return set_invalid (error, entity, field, _("the list has an item that is not a record id"));

      for (guint j = 0; j < i; j++)
        {
          if (strcmp (items[j], item) == 0)
            return set_invalid (error, entity, field, _("the list has the same item twice"));
        }
    }

  return TRUE;
}

static gboolean
validate_field (PoeRecord  *self,
                guint       index,
                GError    **error)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  const PoeEntityInfo *entity = record_entity (self);
  const PoeFieldInfo *field = &entity->fields[index];
  const GValue *value = &priv->values[index];
  gboolean required = (field->flags & POE_FIELD_FLAG_REQUIRED) != 0;

  switch (field->kind)
    {
    case POE_FIELD_INT:
      if (g_value_get_int64 (value) < 0)
        return set_invalid (error, entity, field, _("must not be negative"));
      return TRUE;

    case POE_FIELD_BOOL:
      return TRUE;

    case POE_FIELD_LIST:
      return validate_list (entity, field, g_value_get_boxed (value), error);

    case POE_FIELD_TEXT:
    case POE_FIELD_CODE:
    case POE_FIELD_TIME:
    case POE_FIELD_DATE:
    case POE_FIELD_ENUM:
    case POE_FIELD_REF:
    case POE_FIELD_JSON:
    case POE_FIELD_DECIMAL:
    default:
      if (g_value_get_string (value) == NULL)
        {
          if (!required)
            return TRUE;

          g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_MISSING,
                       _("%s.%s: this field is required"), entity->name, field->name);
          return FALSE;
        }
      return validate_string (entity, field, g_value_get_string (value), error);
    }
}

/* What validate_field() says of an unset field: only a required text-like one fails. */
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

/* The text json_to_string() makes of a list of texts validate_list() accepted, without a
 * JsonGenerator per list: with no control characters in the items, only quotes and
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

/* A JSON list checked as poe_record_field_from_json() and validate_list() would, its items
 * pointing into @node; *@text is what the store keeps (NULL for an empty list). */
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
    return set_invalid (error, entity, field, _("expected a list"));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return set_invalid (error, entity, field, _("expected a list of texts"));
    }

  /* No list of the schema holds more than POE_LIST_MAX_DEFAULT items. */
  if (n > poe_field_max_length (field) || n > POE_LIST_MAX_DEFAULT)
    return set_invalid (error, entity, field, _("the list is too long"));

  for (guint i = 0; i < n; i++)
    items[i] = json_array_get_string_element (array, i);
  items[n] = NULL;

  if (!validate_list (entity, field, items, error))
    return FALSE;

  *text = n > 0 ? list_to_text (items) : NULL;
  return TRUE;
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
  guint n_fields = record_entity (self)->n_fields;

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
  guint n_fields = record_entity (self)->n_fields;

  if (prop_id == 0 || prop_id > n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  store_value (self, prop_id - 1, value);
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
    g_value_init (&priv->values[i], field_gtype (&entity->fields[i]));
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


/*
 * GObject overrides
 */

static void
poe_record_finalize (GObject *object)
{
  PoeRecord *self = POE_RECORD (object);
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  const PoeEntityInfo *entity = record_entity (self);

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

  entity = record_entity (self);
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

  return record_entity (self);
}

const char *
poe_record_get_entity_name (PoeRecord *self)
{
  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  return record_entity (self)->name;
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

const char *
poe_record_get_string (PoeRecord  *self,
                       const char *field)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
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
  store_value (self, i, &v);
}

gint64
poe_record_get_int (PoeRecord  *self,
                    const char *field)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
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
  store_value (self, i, &v);
}

gboolean
poe_record_get_bool (PoeRecord  *self,
                     const char *field)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
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
  store_value (self, i, &v);
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
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
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
  store_value (self, i, &v);
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
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
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
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < record_entity (self)->n_fields, NULL);

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
  g_return_if_fail (index < record_entity (self)->n_fields);

  store_value (self, index, value);
  g_value_unset (value);
}

gboolean
poe_record_field_equal (PoeRecord *self,
                        PoeRecord *other,
                        guint      index)
{
  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);
  g_return_val_if_fail (POE_IS_RECORD (other), FALSE);
  g_return_val_if_fail (record_entity (self) == record_entity (other), FALSE);

  return values_equal (poe_record_peek_value (self, index), poe_record_peek_value (other, index));
}

/**
 * poe_record_validate:
 *
 * Checks the id and every field against the schema: required fields, lengths, UTF-8,
 * enumerations, times and dates that exist, ids, amounts.
 *
 * Returns: %TRUE when the record may be stored
 */
gboolean
poe_record_validate (PoeRecord  *self,
                     GError    **error)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  const PoeEntityInfo *entity;

  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);

  entity = record_entity (self);

  if (priv->id == NULL || !g_uuid_string_is_valid (priv->id))
    {
      g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
                   _("%s: the record id is not valid"), entity->name);
      return FALSE;
    }

  for (guint i = 0; i < entity->n_fields; i++)
    {
      if (!validate_field (self, i, error))
        return FALSE;
    }

  return TRUE;
}

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
  const PoeFieldInfo *field = &record_entity (self)->fields[index];

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
  const PoeEntityInfo *entity = record_entity (self);
  const PoeFieldInfo *field = &entity->fields[index];
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, field_gtype (field));

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      take_value (self, index, &value);
      return TRUE;
    }

  switch (field->kind)
    {
    case POE_FIELD_INT:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return set_invalid (error, entity, field, _("expected a whole number"));
      g_value_set_int64 (&value, json_node_get_int (node));
      break;

    case POE_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return set_invalid (error, entity, field, _("expected true or false"));
      g_value_set_boolean (&value, json_node_get_boolean (node));
      break;

    case POE_FIELD_LIST:
      {
        JsonArray *array;
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) items = NULL;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return set_invalid (error, entity, field, _("expected a list"));

        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
              return set_invalid (error, entity, field, _("expected a list of texts"));
            g_strv_builder_add (builder, json_node_get_string (item));
          }

        items = g_strv_builder_end (builder);
        g_value_take_boxed (&value, g_steal_pointer (&items));
      }
      break;

    case POE_FIELD_JSON:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return set_invalid (error, entity, field, _("expected a JSON object"));
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
        return set_invalid (error, entity, field, _("expected a text"));
      g_value_set_string (&value, json_node_get_string (node));
      break;
    }

  take_value (self, index, &value);
  return TRUE;
}

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
        return set_invalid (error, entity, field, _("expected a whole number"));
      if (json_node_get_int (node) < 0)
        return set_invalid (error, entity, field, _("must not be negative"));
      return TRUE;

    case POE_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return set_invalid (error, entity, field, _("expected true or false"));
      return TRUE;

    case POE_FIELD_LIST:
      return check_json_list (entity, field, node, text, error);

    case POE_FIELD_JSON:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return set_invalid (error, entity, field, _("expected a JSON object"));
      object_text = json_to_string (node, FALSE);
      if (!validate_string (entity, field, object_text, error))
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
        return set_invalid (error, entity, field, _("expected a text"));
      value = json_node_get_string (node);
      /* An empty text is stored as unset (normalize_value()). */
      if (value[0] == '\0')
        return check_unset (entity, field, error);
      return validate_string (entity, field, value, error);
    }
}

/**
 * poe_record_to_json:
 *
 * Returns: (transfer full): the record's columns and every field, as the API writes them
 */
JsonObject *
poe_record_to_json (PoeRecord *self)
{
  PoeRecordPrivate *priv = poe_record_get_instance_private (self);
  const PoeEntityInfo *entity;
  JsonObject *object;

  g_return_val_if_fail (POE_IS_RECORD (self), NULL);

  entity = record_entity (self);
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

  entity = record_entity (self);

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
  g_return_val_if_fail (g_str_equal (record_entity (self)->name, "person"), NULL);

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

/**
 * poe_time_format_iso8601:
 *
 * Returns: (transfer full): @time in UTC, to the second: "2026-11-24T14:05:00Z"
 */
char *
poe_time_format_iso8601 (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
poe_time_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return poe_time_format_iso8601 (now);
}

/**
 * poe_time_parse_iso8601:
 *
 * Parses exactly the form the data model uses, "YYYY-MM-DDTHH:MM:SSZ", and only times that
 * exist (no February 30, no 24:00).
 *
 * Returns: (transfer full) (nullable): the time in UTC, or %NULL
 */
GDateTime *
poe_time_parse_iso8601 (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day, hour, minute, second;

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return NULL;

  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return NULL;
    }

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  hour = atoi (text + 11);
  minute = atoi (text + 14);
  second = atoi (text + 17);

  if (year < 1900 || !g_date_valid_dmy (day, month, year) ||
      hour > 23 || minute > 59 || second > 59)
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

/**
 * poe_date_is_valid:
 *
 * Returns: whether @text is a calendar date that exists, written "YYYY-MM-DD"
 */
gboolean
poe_date_is_valid (const char *text)
{
  static const char pattern[] = "dddd-dd-dd";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;

  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return FALSE;
    }

  return atoi (text) >= 1900 && g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

/**
 * poe_uuid_new:
 *
 * Returns: (transfer full): a random (version 4) UUID, the id of a new record
 */
char *
poe_uuid_new (void)
{
  return g_uuid_string_random ();
}
