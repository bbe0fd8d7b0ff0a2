/* poe-labels.h
 *
 * Words for the data model's names, as users read them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *poe_entity_label      (const char *entity);
char       *poe_field_label       (const char *field);
char       *poe_format_time       (const char *iso8601,
                                   GTimeZone  *zone,
                                   const char *format);

G_END_DECLS
