/* poe-case-index.h
 *
 * The family summaries of a store, kept once for every list that shows them: the board
 * (PoeBoardModel) and the family lists (PoeCaseListModel). The index alone follows
 * PoeStore::changed for them, reads each changed family once, and says what changed in
 * three signals the lists update their rows from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "poe-case-summary.h"
#include "poe-checklist.h"
#include "poe-risk.h"
#include "poe-store.h"

G_BEGIN_DECLS

#define POE_TYPE_CASE_INDEX (poe_case_index_get_type ())

G_DECLARE_FINAL_TYPE (PoeCaseIndex, poe_case_index, POE, CASE_INDEX, GObject)

/**
 * PoeCaseChange:
 * @id: the family's id
 * @before: (nullable): the summary the index held, on a flight a list holds
 * @after: (nullable): the summary now, when the family exists and a list holds its
 *   flight
 *
 * One family in PoeCaseIndex::families-changed. A family that moved to another flight has
 * both, with different flight ids; one deleted, or moved to a flight no list holds, has
 * only @before. Both summaries are valid until the signal returns; keep one with
 * poe_case_summary_ref().
 */
typedef struct
{
  const char     *id;
  PoeCaseSummary *before;
  PoeCaseSummary *after;
} PoeCaseChange;

PoeCaseIndex         *poe_case_index_get_for_store  (PoeStore            *store);
PoeStore             *poe_case_index_get_store      (PoeCaseIndex        *self);
const PoeRiskBuffers *poe_case_index_get_buffers    (PoeCaseIndex        *self);
gboolean              poe_case_index_hold_flights   (PoeCaseIndex        *self,
                                                     const char * const  *flight_ids,
                                                     GError             **error);
void                  poe_case_index_release_flight (PoeCaseIndex        *self,
                                                     const char          *flight_id);
GPtrArray            *poe_case_index_get_families   (PoeCaseIndex        *self,
                                                     const char          *flight_id);
PoeCaseSummary       *poe_case_index_lookup         (PoeCaseIndex        *self,
                                                     const char          *case_id);

G_END_DECLS
