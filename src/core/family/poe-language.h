/* poe-language.h
 *
 * Languages by name: a person's and a staff member's languages are stored as ISO 639 codes
 * (`prs`, `rhg`, `ps`); views show "Dari", "Rohingya", "Pushto", in the user's language, from
 * the iso-codes package's ISO 639-3 table. GTK-free, safe from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *poe_language_get_name      (const char         *code);
char       *poe_language_dup_names     (const char * const *codes);
void        poe_language_set_table_for_testing (const char *path);

G_END_DECLS
