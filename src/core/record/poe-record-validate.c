/* poe-record-validate.c
 *
 * Validation of a record against the schema (required fields, lengths, UTF-8, enumerations,
 * times, dates, ids, amounts), and the formats of the data model it checks: UTC times,
 * dates and record ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "poe-json-guard.h"
#include "poe-record-private.h"

/* Fields that end what another starts: the end may not come before the start. Times and
 * dates are written at a fixed width, so their texts compare as the instants do. */
static const struct
{
  const char *entity;
  const char *start;
  const char *end;
} ordered_fields[] = {
  { "time_entry", "start", "end" },
  { "shift", "planned_start", "planned_end" },
  { "leave_request", "first_day", "last_day" },
};


/*
 * Auxiliary methods
 */

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
validate_field (PoeRecord  *self,
                guint       index,
                GError    **error)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  const PoeEntityInfo *entity = _poe_record_entity (self);
  const PoeFieldInfo *field = &entity->fields[index];
  const GValue *value = &priv->values[index];
  gboolean required = (field->flags & POE_FIELD_FLAG_REQUIRED) != 0;

  switch (field->kind)
    {
    case POE_FIELD_INT:
      return _poe_record_validate_int (entity, field, g_value_get_int64 (value), error);

    case POE_FIELD_BOOL:
      return TRUE;

    case POE_FIELD_LIST:
      return _poe_record_validate_list (entity, field, g_value_get_boxed (value), error);

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
      return _poe_record_validate_string (entity, field, g_value_get_string (value), error);
    }
}


static gboolean
validate_order (PoeRecord  *self,
                GError    **error)
{
  const PoeEntityInfo *entity = _poe_record_entity (self);

  for (guint i = 0; i < G_N_ELEMENTS (ordered_fields); i++)
    {
      const char *start;
      const char *end;

      if (!g_str_equal (ordered_fields[i].entity, entity->name))
        continue;

      start = poe_record_get_string (self, ordered_fields[i].start);
      end = poe_record_get_string (self, ordered_fields[i].end);
      if (start != NULL && end != NULL && strcmp (end, start) < 0)
        return _poe_record_set_invalid (error, entity,
                                        poe_entity_lookup_field (entity, ordered_fields[i].end),
                                        _("ends before it starts"));
    }

  return TRUE;
}


/*
 * Private API
 */

gboolean
_poe_record_validate_int (const PoeEntityInfo  *entity,
                          const PoeFieldInfo   *field,
                          gint64                value,
                          GError              **error)
{
  g_autofree char *what = NULL;

  if (value < 0)
    return _poe_record_set_invalid (error, entity, field, _("must not be negative"));

  if (value > (gint64) poe_field_max_length (field))
    {
      what = g_strdup_printf (_("must be at most %u"), poe_field_max_length (field));
      return _poe_record_set_invalid (error, entity, field, what);
    }

  return TRUE;
}

gboolean
_poe_record_set_invalid (GError              **error,
                         const PoeEntityInfo  *entity,
                         const PoeFieldInfo   *field,
                         const char           *what)
{
  /* Never put the value in the message: it may be personal data and end up in a log. */
  g_set_error (error, POE_RECORD_ERROR, POE_RECORD_ERROR_INVALID,
               "%s.%s: %s", entity->name, field->name, what);
  return FALSE;
}

gboolean
_poe_record_validate_string (const PoeEntityInfo  *entity,
                             const PoeFieldInfo   *field,
                             const char           *value,
                             GError              **error)
{
  guint max = poe_field_max_length (field);

  if (!g_utf8_validate (value, -1, NULL))
    return _poe_record_set_invalid (error, entity, field, _("the text is not valid UTF-8"));

  if (strlen (value) > max)
    return _poe_record_set_invalid (error, entity, field, _("the text is too long"));

  switch (field->kind)
    {
    case POE_FIELD_TEXT:
      if (!text_is_clean (value, TRUE))
        return _poe_record_set_invalid (error, entity, field, _("the text has control characters"));
      return TRUE;

    case POE_FIELD_CODE:
      if (!code_is_valid (value))
        return _poe_record_set_invalid (error, entity, field,
                                        _("only letters, digits and _./:+- are allowed"));
      return TRUE;

    case POE_FIELD_TIME:
      {
        g_autoptr(GDateTime) time = poe_time_parse_iso8601 (value);

        if (time == NULL)
          return _poe_record_set_invalid (error, entity, field,
                                          _("not a valid UTC time like 2026-11-24T14:05:00Z"));
        return TRUE;
      }

    case POE_FIELD_DATE:
      if (!poe_date_is_valid (value))
        return _poe_record_set_invalid (error, entity, field,
                                        _("not a valid date like 2026-11-24"));
      return TRUE;

    case POE_FIELD_ENUM:
      if (!poe_field_enum_contains (field, value))
        return _poe_record_set_invalid (error, entity, field, _("not one of the allowed values"));
      return TRUE;

    case POE_FIELD_REF:
      if (!g_uuid_string_is_valid (value))
        return _poe_record_set_invalid (error, entity, field, _("not a record id"));
      return TRUE;

    case POE_FIELD_JSON:
      {
        g_autoptr(JsonNode) node = poe_json_parse (value, -1, NULL);

        if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
          return _poe_record_set_invalid (error, entity, field, _("not a JSON object"));
        return TRUE;
      }

    case POE_FIELD_DECIMAL:
      if (!decimal_is_valid (value))
        return _poe_record_set_invalid (error, entity, field, _("not an amount like 125.50"));
      return TRUE;

    case POE_FIELD_INT:
    case POE_FIELD_BOOL:
    case POE_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
}

gboolean
_poe_record_validate_list (const PoeEntityInfo  *entity,
                           const PoeFieldInfo   *field,
                           const char * const   *items,
                           GError              **error)
{
  guint n = items ? g_strv_length ((char **) items) : 0;

  if (n > poe_field_max_length (field))
    return _poe_record_set_invalid (error, entity, field, _("the list is too long"));

  for (guint i = 0; i < n; i++)
    {
      const char *item = items[i];

      if (!g_utf8_validate (item, -1, NULL) || item[0] == '\0' || strlen (item) > 64 ||
          !text_is_clean (item, FALSE))
        return _poe_record_set_invalid (error, entity, field,
                                        _("the list has an empty, too long or invalid item"));

      if (field->enum_values != NULL && !poe_field_enum_contains (field, item))
        return _poe_record_set_invalid (error, entity, field,
                                        _("the list has an item that is not allowed"));

      if (field->ref_entity != NULL && !g_uuid_string_is_valid (item))
        return _poe_record_set_invalid (error, entity, field,
                                        _("the list has an item that is not a record id"));

      for (guint j = 0; j < i; j++)
        {
          if (strcmp (items[j], item) == 0)
            return _poe_record_set_invalid (error, entity, field,
                                            _("the list has the same item twice"));
        }
    }

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_record_validate:
 *
 * Checks the id and every field against the schema: required fields, lengths, UTF-8,
 * enumerations, times and dates that exist, ids, amounts, numbers in their field's range,
 * and ends that do not come before their starts.
 *
 * Returns: %TRUE when the record may be stored
 */
gboolean
poe_record_validate (PoeRecord  *self,
                     GError    **error)
{
  PoeRecordPrivate *priv = _poe_record_get_private (self);
  const PoeEntityInfo *entity;

  g_return_val_if_fail (POE_IS_RECORD (self), FALSE);

  entity = _poe_record_entity (self);

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

  return validate_order (self, error);
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
