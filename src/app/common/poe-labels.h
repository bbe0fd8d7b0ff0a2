/* poe-labels.h
 *
 * Words for the data model's names, as users read them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "poe-store.h"

G_BEGIN_DECLS

const char *poe_entity_label      (const char *entity);
char       *poe_field_label       (const char *field);
char       *poe_format_time       (const char *iso8601,
                                   GTimeZone  *zone,
                                   const char *format);
gboolean    poe_change_describe   (PoeStore    *store,
                                   const char  *entity,
                                   const char  *record_id,
                                   char       **what,
                                   char       **family,
                                   GError     **error);

G_END_DECLS
