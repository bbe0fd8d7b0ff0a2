/* poe-access-private.h
 *
 * The role matrix is split by concern: poe-access.c says who reads which record (the
 * changes feed) and to which port of entry a record belongs; poe-access-write.c says who
 * may push which mutation. This header is what they share: small reads of a record, and
 * the visibility of a family and of an incident, which the write rules ask too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-access.h"

G_BEGIN_DECLS

static inline const char *
get_str (PoeRecord  *record,
         const char *field)
{
  if (record == NULL)
    return NULL;

  return poe_record_get_string (record, field);
}

static inline gboolean
is_entity (PoeRecord  *record,
           const char *name)
{
  return g_str_equal (poe_record_get_entity_name (record), name);
}

static inline gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && value != NULL && g_strv_contains (strv, value);
}

/* poe-access.c */
PoeRecord  *_poe_access_lookup           (PoeBackend     *backend,
                                          const char     *entity,
                                          const char     *id);
gboolean    _poe_access_case_visible     (const PoeUser  *user,
                                          PoeRecord      *kase);
gboolean    _poe_access_case_of_visible  (PoeBackend     *backend,
                                          const PoeUser  *user,
                                          PoeRecord      *record);
PoeAccess   _poe_access_read_incident    (PoeBackend     *backend,
                                          GHashTable     *memo,
                                          const PoeUser  *user,
                                          PoeRecord      *incident);

G_END_DECLS
