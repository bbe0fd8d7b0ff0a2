/* poe-access.h
 *
 * The role matrix of docs/roles.md: who reads which record in the changes feed and who may
 * push which mutation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-backend.h"

G_BEGIN_DECLS

/* The one answer for a record that does not exist and for another POE's (issue 17). */
#define POE_ACCESS_NOT_FOUND "This record does not exist, or is not yours to change."

typedef enum
{
  POE_ACCESS_HIDDEN,     /* another POE: never mentioned */
  POE_ACCESS_TOMBSTONE,  /* the user's POE but not theirs to read: id only */
  POE_ACCESS_FULL,
} PoeAccess;

typedef enum
{
  POE_ROLE_AGENT,
  POE_ROLE_LEAD,
  POE_ROLE_SUPERVISOR,
  POE_ROLE_ADMIN,
} PoeRole;

PoeRole    poe_role_from_string     (const char    *role);
gboolean   poe_role_is_valid        (const char    *role);

char      *poe_access_record_poe    (PoeBackend    *backend,
                                     PoeRecord     *record);
PoeAccess  poe_access_read          (PoeBackend    *backend,
                                     const PoeUser *user,
                                     PoeRecord     *record);
PoeAccess  poe_access_read_memo     (PoeBackend    *backend,
                                     const PoeUser *user,
                                     PoeRecord     *record,
                                     GHashTable    *memo);
GHashTable *poe_access_memo_new     (void);
void       poe_access_memo_add      (GHashTable    *memo,
                                     PoeRecord     *record);
gboolean   poe_access_check_write   (PoeBackend    *backend,
                                     const PoeUser *user,
                                     const char    *op,
                                     PoeRecord     *old,
                                     PoeRecord     *merged,
                                     GPtrArray     *changed,
                                     GError       **error);

G_END_DECLS
