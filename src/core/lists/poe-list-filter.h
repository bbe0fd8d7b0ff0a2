/* poe-list-filter.h
 *
 * What the board and the family lists share to filter their rows: the words of a query,
 * and the one span items-changed names between the rows shown before and after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     **_poe_list_split_query  (const char *query);
gboolean   _poe_list_changed_span (GPtrArray  *before,
                                   GPtrArray  *after,
                                   guint      *position,
                                   guint      *removed,
                                   guint      *added);

G_END_DECLS
