/* test-json-guard.c
 *
 * poe_json_check() and poe_json_parse() (src/core/record/poe-json-guard.c), which every JSON
 * text of the server's bodies, the app's answers and the ABN import passes before json-glib:
 * nesting is counted without building anything, brackets and quotes inside strings do not
 * count, escaped NULs are refused naming their member, raw NULs and bad UTF-8 are refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "poe-core.h"

/* @depth arrays inside one another, or objects when @objects, around a 1. */
static char *
nested (guint    depth,
        gboolean objects)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, objects ? "{\"k\":" : "[");
  g_string_append (text, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, objects ? '}' : ']');

  return g_string_free (text, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *at_limit = nested (POE_JSON_MAX_DEPTH, FALSE);
  g_autofree char *past_limit = nested (POE_JSON_MAX_DEPTH + 1, FALSE);
  g_autofree char *objects = nested (POE_JSON_MAX_DEPTH + 1, TRUE);
  g_autofree char *inner = nested (POE_JSON_MAX_DEPTH - 1, FALSE);
  g_autofree char *twice = g_strdup_printf ("[%s,%s]", inner, inner);
  g_autofree char *flood = g_malloc (75000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Exactly the limit parses; one more level is refused, arrays or objects. */
  root = poe_json_parse (at_limit, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  g_assert_false (poe_json_check (past_limit, strlen (past_limit), &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);
  g_assert_false (poe_json_check (objects, strlen (objects), &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Depth is where a value sits, not how many brackets came before it. */
  g_clear_pointer (&root, json_node_unref);
  root = poe_json_parse (twice, -1, &error);
  g_assert_no_error (error);

  /* 75,000 '[' overflowed json-glib's stack: refused at once, without a tree. */
  memset (flood, '[', 75000);
  g_assert_null (poe_json_parse (flood, 75000, &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* More closing brackets than opening ones: json-glib says it is not JSON. */
  g_assert_null (poe_json_parse ("]]]]}}[1]", -1, &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_SYNTAX);
}

static void
test_strings (void)
{
  GString *brackets = g_string_new ("[\"");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Brackets, escaped quotes and an escaped backslash before "u0000" inside strings. */
  for (guint i = 0; i < 200; i++)
    g_string_append (brackets, "[{");
  g_string_append (brackets, "\\\"[[\\\\u0000\"]");
  text = g_string_free (brackets, FALSE);
  root = poe_json_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_nul (void)
{
  const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\"surname\": \"Smith\\u0000<script>\"}", "surname: the text holds a NUL character" },
    { "{\"a\": {\"b\": [\"ok\", \"x\\u0000\"]}}", "b: the text holds a NUL character" },
    { "{\"a\": 1, \"note\": \"\\u0000\"}", "note: the text holds a NUL character" },
    { "[\"\\u0000\"]", "a value: the text holds a NUL character" },
    { "{\"k\\u0000\": 1}", "a value: the text holds a NUL character" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (poe_json_parse (cases[i].text, -1, &error));
      g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_NUL);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_encoding (void)
{
  const char raw_nul[] = "{\"a\": \"x\0y\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_false (poe_json_check (raw_nul, sizeof raw_nul - 1, &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_UTF8);
  g_clear_error (&error);
  g_assert_false (poe_json_check ("[\"\xc0\xaf\"]", 6, &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_UTF8);
  g_clear_error (&error);

  /* What passes is json-glib's to judge, and good text comes back whole. */
  g_assert_null (poe_json_parse ("{\"a\": }", -1, &error));
  g_assert_error (error, POE_JSON_ERROR, POE_JSON_ERROR_SYNTAX);
  g_clear_error (&error);
  root = poe_json_parse ("{\"name\": \"Zoë \\u00e9\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "name"), ==, "Zoë é");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json-guard/depth", test_depth);
  g_test_add_func ("/core/json-guard/strings", test_strings);
  g_test_add_func ("/core/json-guard/nul", test_nul);
  g_test_add_func ("/core/json-guard/encoding", test_encoding);

  return g_test_run ();
}
