/* poe-json-guard.c
 *
 * One pass over JSON text, before json-glib parses it: the nesting depth, escaped NULs (named
 * by the member that holds them) and UTF-8. The pass only follows strings and brackets; the
 * grammar is left to json-glib, which never sees what this refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-json"

#include "config.h"

#include <string.h>

#include "poe-json-guard.h"

/* Longest member name a NUL error quotes; longer names are cut. */
#define NAME_MAX_QUOTED 64

typedef struct
{
  guint        depth;
  gboolean     in_object[POE_JSON_MAX_DEPTH + 1];
  gboolean     expect_key;
  const char  *key;          /* the last member name read, raw */
  gsize        key_length;
} Scan;

G_DEFINE_QUARK (poe-json-error-quark, poe_json_error)


/*
 * Auxiliary methods
 */

static gboolean
set_nul_error (Scan    *scan,
               GError **error)
{
  g_autofree char *name = NULL;

  if (scan->key == NULL)
    name = g_strdup ("a value");
  else
    name = g_strndup (scan->key, MIN (scan->key_length, NAME_MAX_QUOTED));

  /* Member names come from the request, not from personal data: safe to quote. */
  g_set_error (error, POE_JSON_ERROR, POE_JSON_ERROR_NUL,
               "%s: the text holds a NUL character (\\u0000); remove it", name);
  return FALSE;
}

/* Reads the string that starts at data[*i] (the opening quote); *i ends on its closing
 * quote. Returns FALSE on an escaped NUL. */
static gboolean
scan_string (Scan        *scan,
             const char  *data,
             gsize        length,
             gsize       *i,
             GError     **error)
{
  gsize start = *i + 1;
  gsize j = start;

  while (j < length && data[j] != '"')
    {
      if (data[j] == '\\' && j + 1 < length)
        {
          if (data[j + 1] == 'u' && j + 5 < length &&
              memcmp (data + j + 2, "0000", 4) == 0)
            {
              if (scan->expect_key)
                scan->key = NULL;
              return set_nul_error (scan, error);
            }
          j++;
        }
      j++;
    }

  if (scan->expect_key)
    {
      scan->key = data + start;
      scan->key_length = j - start;
    }
  *i = j;

  return TRUE;
}

static gboolean
open_container (Scan     *scan,
                gboolean  object,
                GError  **error)
{
  if (scan->depth >= POE_JSON_MAX_DEPTH)
    {
      g_set_error (error, POE_JSON_ERROR, POE_JSON_ERROR_TOO_DEEP,
                   "the JSON nests deeper than %d levels", POE_JSON_MAX_DEPTH);
      return FALSE;
    }

  scan->in_object[++scan->depth] = object;
  scan->expect_key = object;

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_json_check:
 * @data: JSON text, not necessarily NUL-terminated
 * @length: its length in bytes
 *
 * Refuses, without building anything, text nested deeper than %POE_JSON_MAX_DEPTH, text
 * with an escaped NUL in a string (the error names the member), and text that is not UTF-8
 * or holds a raw NUL byte. What passes may still be bad JSON: json-glib says so.
 *
 * Returns: %TRUE when json-glib may parse @data
 */
gboolean
poe_json_check (const char  *data,
                gsize        length,
                GError     **error)
{
  Scan scan = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, POE_JSON_ERROR, POE_JSON_ERROR_UTF8,
                           "the text is not UTF-8");
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          if (!scan_string (&scan, data, length, &i, error))
            return FALSE;
          break;
        case '{':
        case '[':
          if (!open_container (&scan, data[i] == '{', error))
            return FALSE;
          break;
        case '}':
        case ']':
          if (scan.depth > 0)
            scan.depth--;
          scan.expect_key = FALSE;
          break;
        case ',':
          scan.expect_key = scan.in_object[scan.depth];
          break;
        case ':':
          scan.expect_key = FALSE;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * poe_json_parse:
 * @length: the length of @data, or -1 when it is NUL-terminated
 *
 * poe_json_check(), then json-glib.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error set
 */
JsonNode *
poe_json_parse (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;
  if (!poe_json_check (data, size, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, POE_JSON_ERROR, POE_JSON_ERROR_SYNTAX, "%s",
                   local_error != NULL ? local_error->message : "the text is empty");
      return NULL;
    }

  return json_parser_steal_root (parser);
}
