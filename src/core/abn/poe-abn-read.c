/* poe-abn-read.c
 *
 * Reading an ABN file (docs/import-abn.md) into rows: the text must be UTF-8 (a byte order
 * mark is dropped); a file ending in .json, or starting with [ or {, is JSON, an array of
 * objects; anything else is CSV (RFC 4180) with a header row. Each row is a table of column
 * name to stripped value and the line (CSV) or record number (JSON) it starts at; unknown,
 * repeated and missing required columns are refused here with that line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-abn"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-abn-private.h"
#include "poe-json-guard.h"


/*
 * Auxiliary methods
 */

static void
row_free (Row *row)
{
  g_hash_table_unref (row->values);
  g_free (row);
}

static Row *
row_new (guint line)
{
  Row *row = g_new0 (Row, 1);

  row->line = line;
  row->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return row;
}

static const Column *
lookup_column (const char *name)
{
  for (guint i = 0; i < _poe_import_n_columns; i++)
    if (g_str_equal (_poe_import_columns[i].name, name))
      return &_poe_import_columns[i];

  return NULL;
}

/* CSV (RFC 4180): fields separated by commas, rows by LF or CRLF; a field in double quotes
 * may hold commas, line breaks and doubled quotes. @text is valid UTF-8. Returns a GPtrArray
 * of GPtrArray of char *, each row's line in @lines. */

static gboolean
parse_quoted (const char **cursor,
              guint       *line,
              GString     *field,
              GError     **error)
{
  const char *p = *cursor + 1;
  guint start = *line;

  for (;;)
    {
      if (*p == '\0')
        return _poe_import_row_error (error, FALSE, start, POE_IMPORT_ERROR_SYNTAX,
                                      _("a quoted field is not closed"));
      if (*p == '"' && p[1] == '"')
        p++;
      else if (*p == '"')
        break;
      else if (*p == '\n')
        (*line)++;

      if (!(*p == '\r' && p[1] == '\n'))
        g_string_append_c (field, *p);
      p++;
    }

  p++;
  if (*p != ',' && *p != '\n' && *p != '\r' && *p != '\0')
    return _poe_import_row_error (error, FALSE, *line, POE_IMPORT_ERROR_SYNTAX,
                                  _("there is text after the closing quote of a field"));

  *cursor = p;
  return TRUE;
}

static gboolean
parse_plain (const char **cursor,
             guint        line,
             GString     *field,
             GError     **error)
{
  const char *p = *cursor;

  for (; *p != ',' && *p != '\n' && *p != '\0'; p++)
    {
      if (*p == '"')
        return _poe_import_row_error (error, FALSE, line, POE_IMPORT_ERROR_SYNTAX,
                                      _("a field holds a quote: put the field in quotes and "
                                        "double the quote"));
      if (*p == '\r' && p[1] != '\n')
        return _poe_import_row_error (error, FALSE, line, POE_IMPORT_ERROR_SYNTAX,
                                      _("a line ends in a carriage return alone"));
      if (*p != '\r')
        g_string_append_c (field, *p);
    }

  *cursor = p;
  return TRUE;
}

static GPtrArray *
parse_csv_row (const char **cursor,
               guint       *line,
               GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);
      gboolean ok = **cursor == '"' ? parse_quoted (cursor, line, field, error)
                                    : parse_plain (cursor, *line, field, error);

      if (!ok)
        return NULL;

      g_ptr_array_add (fields, g_strstrip (g_string_free (g_steal_pointer (&field), FALSE)));
      if (**cursor != ',')
        break;
      (*cursor)++;
    }

  if (**cursor == '\r')
    (*cursor)++;
  if (**cursor == '\n')
    {
      (*cursor)++;
      (*line)++;
    }

  return g_steal_pointer (&fields);
}

static GPtrArray *
parse_csv (const char  *text,
           GArray      *lines,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  const char *cursor = text;
  guint line = 1;

  while (*cursor != '\0')
    {
      guint start = line;
      GPtrArray *fields = parse_csv_row (&cursor, &line, error);

      if (fields == NULL)
        return NULL;

      /* A blank line is no row. */
      if (fields->len == 1 && *(char *) fields->pdata[0] == '\0')
        {
          g_ptr_array_unref (fields);
          continue;
        }

      g_ptr_array_add (rows, fields);
      g_array_append_val (lines, start);
    }

  return g_steal_pointer (&rows);
}

static gboolean
check_header_name (GHashTable  *seen,
                   const char  *name,
                   gboolean     is_json,
                   guint        line,
                   GError     **error)
{
  if (lookup_column (name) == NULL)
    {
      g_autofree char *escaped = g_strescape (name, NULL);

      return _poe_import_row_error (error, is_json, line, POE_IMPORT_ERROR_COLUMNS,
                                    _("there is no column called “%s” (see docs/import-abn.md)"),
                                    escaped);
    }
  if (!g_hash_table_add (seen, (gpointer) name))
    return _poe_import_row_error (error, is_json, line, POE_IMPORT_ERROR_COLUMNS,
                                  _("the column “%s” is given twice"), name);

  return TRUE;
}

static gboolean
check_required_columns (GHashTable  *seen,
                        GError     **error)
{
  for (guint i = 0; i < _poe_import_n_columns; i++)
    {
      const Column *column = &_poe_import_columns[i];

      if (column->required && !g_hash_table_contains (seen, column->name))
        return _poe_import_row_error (error, FALSE, 1, POE_IMPORT_ERROR_COLUMNS,
                                      _("the column “%s” is missing"), column->name);
    }

  return TRUE;
}

static GPtrArray *
rows_from_csv (const char  *text,
               GError     **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) table = parse_csv (text, lines, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *header;

  if (table == NULL)
    return NULL;
  if (table->len == 0)
    return _poe_import_row_error (error, FALSE, 1, POE_IMPORT_ERROR_EMPTY,
                                  _("the file is empty: the first line names the columns")), NULL;

  header = table->pdata[0];
  for (guint i = 0; i < header->len; i++)
    if (!check_header_name (seen, header->pdata[i], FALSE, g_array_index (lines, guint, 0), error))
      return NULL;
  if (!check_required_columns (seen, error))
    return NULL;

  for (guint r = 1; r < table->len; r++)
    {
      GPtrArray *fields = table->pdata[r];
      guint line = g_array_index (lines, guint, r);
      Row *row;

      if (fields->len != header->len)
        return _poe_import_row_error (error, FALSE, line, POE_IMPORT_ERROR_SYNTAX,
                                      _("the row has %u fields, but the first line names %u columns"),
                                      fields->len, header->len), NULL;

      row = row_new (line);
      for (guint i = 0; i < fields->len; i++)
        g_hash_table_insert (row->values, g_strdup (header->pdata[i]), g_strdup (fields->pdata[i]));
      g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

/* JSON: an array of objects, one a person, with the CSV's column names as members. */

static gboolean
json_member_value (JsonNode  *node,
                   char     **value)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return (*value = g_strdup (""), TRUE);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return (*value = g_strstrip (g_strdup (json_node_get_string (node))), TRUE);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            return FALSE;
          g_strv_builder_add (items, json_node_get_string (item));
        }
      strv = g_strv_builder_end (items);
      *value = g_strjoinv (";", strv);
      return TRUE;
    }

  return FALSE;
}

static Row *
row_from_json (JsonNode  *node,
               guint      number,
               GError   **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) members = NULL;
  Row *row;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _poe_import_row_error (error, TRUE, number, POE_IMPORT_ERROR_SYNTAX,
                                  _("each record must be a JSON object")), NULL;

  row = row_new (number);
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (node), l->data);
      char *value = NULL;

      if (!check_header_name (seen, l->data, TRUE, number, error))
        {
          row_free (row);
          return NULL;
        }
      if (!json_member_value (member, &value))
        {
          row_free (row);
          return _poe_import_row_error (error, TRUE, number, POE_IMPORT_ERROR_SYNTAX,
                                        _("“%s” must be a text, a list of texts or null"),
                                        (char *) l->data), NULL;
        }
      g_hash_table_insert (row->values, g_strdup (l->data), value);
    }

  return row;
}

static GPtrArray *
rows_from_json (const char  *text,
                GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  /* Through the guard: nesting and escaped NULs are refused before json-glib builds a tree. */
  if ((root = poe_json_parse (text, -1, &local_error)) == NULL)
    {
      g_set_error (error, POE_IMPORT_ERROR, POE_IMPORT_ERROR_SYNTAX,
                   _("the file is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (root))
    return _poe_import_row_error (error, TRUE, 1, POE_IMPORT_ERROR_SYNTAX,
                                  _("the file must hold a JSON array of records")), NULL;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Row *row = row_from_json (json_array_get_element (array, i), i + 1, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

static gboolean
read_text (GBytes      *contents,
           char       **text,
           GError     **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (contents, &length);
  const char *end = NULL;
  guint line = 1;

  if (length == 0)
    return _poe_import_row_error (error, FALSE, 1, POE_IMPORT_ERROR_EMPTY,
                                  _("the file is empty"));

  if (!g_utf8_validate_len (data, length, &end) || memchr (data, '\0', length) != NULL)
    {
      for (const char *p = data; end != NULL && p < end; p++)
        line += *p == '\n';
      return _poe_import_row_error (error, FALSE, line, POE_IMPORT_ERROR_ENCODING,
                                    _("the text is not valid UTF-8; save the file as UTF-8"));
    }

  /* A byte order mark, as some spreadsheets write. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    *text = g_strndup (data + 3, length - 3);
  else
    *text = g_strndup (data, length);
  return TRUE;
}

static gboolean
looks_like_json (const char *name,
                 const char *text)
{
  if (name != NULL && g_str_has_suffix (name, ".json"))
    return TRUE;
  if (name != NULL && g_str_has_suffix (name, ".csv"))
    return FALSE;

  while (g_ascii_isspace (*text))
    text++;
  return *text == '[' || *text == '{';
}


/*
 * Private API: for poe-abn.c
 */

/**
 * _poe_import_read_rows:
 * @contents: a CSV or JSON file in the layout of docs/import-abn.md
 * @name: (nullable): its name, whose extension says which
 * @is_json: (out): whether it was read as JSON, which says how its lines are counted
 *
 * Returns: (transfer full) (element-type Row): the rows, at least one; %NULL with @error
 *   set, naming the line, when the file cannot be read as an ABN
 */
GPtrArray *
_poe_import_read_rows (GBytes      *contents,
                       const char  *name,
                       gboolean    *is_json,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (!read_text (contents, &text, error))
    return NULL;

  *is_json = looks_like_json (name, text);
  rows = *is_json ? rows_from_json (text, error) : rows_from_csv (text, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      _poe_import_row_error (error, *is_json, 1, POE_IMPORT_ERROR_EMPTY,
                             *is_json ? _("the file holds no records")
                                      : _("the file names its columns but holds no rows"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}
