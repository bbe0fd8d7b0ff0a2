/* poe-language.c
 *
 * Reads the iso-codes package's ISO 639-3 table once (ISO_CODES_JSON, read on first use) into
 * a map from both the three-letter code and, where there is one, the two-letter code to
 * the name translated through the package's own gettext domain "iso_639-3". A code the
 * table lacks (or a missing table) is shown as the code itself: nothing is hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-language"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "poe-language.h"

#define ISO_639_3_DOMAIN "iso_639-3"

static GMutex table_lock;
static GHashTable *table;      /* code → translated name, both owned; NULL until first use */
static char *table_path;       /* for tests; NULL: ISO_CODES_JSON */


/*
 * Auxiliary methods
 */

static char *
dup_display_name (const char *name)
{
  const char *translated = g_dgettext (ISO_639_3_DOMAIN, name);

  /* "Swahili (macrolanguage)" is a cataloguer's note, not what a user calls the language. */
  if (translated == name && g_str_has_suffix (name, " (macrolanguage)"))
    return g_strndup (name, strlen (name) - strlen (" (macrolanguage)"));

  return g_strdup (translated);
}

static void
add_entry (GHashTable *map,
           JsonObject *entry)
{
  const char *name = json_object_get_string_member_with_default (entry, "name", NULL);
  const char *codes[] = {
    json_object_get_string_member_with_default (entry, "alpha_3", NULL),
    json_object_get_string_member_with_default (entry, "alpha_2", NULL),
  };

  if (name == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      if (codes[i] != NULL)
        g_hash_table_replace (map, g_ascii_strdown (codes[i], -1), dup_display_name (name));
    }
}

static GHashTable *
load_table (const char *path)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *entries;

  bind_textdomain_codeset (ISO_639_3_DOMAIN, "UTF-8");

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_message ("Languages are shown as codes: %s", error->message);
      return g_steal_pointer (&map);
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "639-3"))
    {
      g_message ("Languages are shown as codes: %s is not an ISO 639-3 table", path);
      return g_steal_pointer (&map);
    }

  entries = json_object_get_array_member (json_node_get_object (root), "639-3");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_entry (map, json_node_get_object (node));
    }

  return g_steal_pointer (&map);
}


/*
 * Public API
 */

/**
 * poe_language_get_name:
 * @code: (nullable): an ISO 639-3 or ISO 639-1 code, any case
 *
 * Returns: the language's name in the user's language, or @code itself when the table does
 *   not know it; valid for the life of the process (or of @code when it is returned)
 */
const char *
poe_language_get_name (const char *code)
{
  g_autofree char *key = NULL;
  const char *name;

  if (code == NULL || *code == '\0')
    return code;

  key = g_ascii_strdown (code, -1);

  g_mutex_lock (&table_lock);
  if (table == NULL)
    table = load_table (table_path != NULL ? table_path : ISO_CODES_JSON);
  name = g_hash_table_lookup (table, key);
  g_mutex_unlock (&table_lock);

  return name != NULL ? name : code;
}

/**
 * poe_language_dup_names:
 * @codes: (nullable) (array zero-terminated=1): language codes
 *
 * Returns: (transfer full): the names joined as a list, "Dari, Pushto"; "" for none
 */
char *
poe_language_dup_names (const char * const *codes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (text->len > 0)
        {
          /* Translators: separates the names in a list of languages, "Dari, Pushto" */
          g_string_append (text, C_("language list", ", "));
        }
      g_string_append (text, poe_language_get_name (codes[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * poe_language_set_table_for_testing:
 * @path: (nullable): the table to read instead of the installed one; %NULL: the installed one
 *
 * Forgets the table read so far; the next lookup reads @path.
 */
void
poe_language_set_table_for_testing (const char *path)
{
  g_mutex_lock (&table_lock);
  g_clear_pointer (&table, g_hash_table_unref);
  g_free (table_path);
  table_path = g_strdup (path);
  g_mutex_unlock (&table_lock);
}
