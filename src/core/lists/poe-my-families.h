/* poe-my-families.h
 *
 * "My families": the cases assigned to one staff member that are still open, ordered by
 * what is due next and when — the onward departure of a connection or of an overnight
 * stay, the hand-over of a family at its final destination — not by case number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "poe-store.h"

G_BEGIN_DECLS

/* What is due next for a family. */
typedef enum
{
  POE_DUE_CONNECTION,  /* the onward departure of a connection */
  POE_DUE_ONWARD,      /* the onward departure after an overnight stay */
  POE_DUE_HANDOVER,    /* the hand-over at the final destination */
} PoeDueKind;

/* Minutes after gate-in a family of the final branch is planned to be handed over. */
#define POE_DUE_HANDOVER_MINUTES 120

typedef struct
{
  char       *case_id;
  char       *case_number;
  char       *flight;       /* "EY 113", or NULL without an inbound flight */
  GDateTime  *arrival;      /* the inbound gate-in: actual, estimated, else scheduled */
  PoeDueKind  due_kind;
  GDateTime  *due_at;       /* NULL when the time is unknown: such families come last */
} PoeDueFamily;

void       poe_due_family_free          (PoeDueFamily *family);
GPtrArray *poe_store_list_my_families   (PoeStore     *store,
                                         const char   *staff_id,
                                         GError      **error);
int        poe_due_family_minutes_left  (const PoeDueFamily *family,
                                         GDateTime          *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeDueFamily, poe_due_family_free)

G_END_DECLS
