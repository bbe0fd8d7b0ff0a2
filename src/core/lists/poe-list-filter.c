/* poe-list-filter.c
 *
 * What the board and the family lists share to filter their rows: a query cut into
 * lower-cased words, each of which a shown row contains, and the one span that differs
 * between the rows shown before and after a new filter, for one items-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-list-filter"

#include "config.h"

#include "poe-list-filter.h"

/* Lower-cased words of @query; NULL when it has none. */
char **
_poe_list_split_query (const char *query)
{
  g_autofree char *lowered = query ? g_utf8_strdown (query, -1) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  guint n = 0;

  if (lowered == NULL)
    return NULL;

  words = g_strsplit_set (lowered, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        g_strv_builder_add (builder, words[i]);
        n++;
      }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* The span of @before that @after replaces, the same items before and after it; FALSE
 * when the two hold the same items. */
gboolean
_poe_list_changed_span (GPtrArray *before,
                        GPtrArray *after,
                        guint     *position,
                        guint     *removed,
                        guint     *added)
{
  guint prefix = 0, suffix = 0;

  while (prefix < before->len && prefix < after->len && before->pdata[prefix] == after->pdata[prefix])
    prefix++;
  while (suffix < before->len - prefix && suffix < after->len - prefix &&
         before->pdata[before->len - 1 - suffix] == after->pdata[after->len - 1 - suffix])
    suffix++;

  *position = prefix;
  *removed = before->len - prefix - suffix;
  *added = after->len - prefix - suffix;
  return *removed > 0 || *added > 0;
}
