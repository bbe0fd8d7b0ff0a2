/* poe-store-board.h
 *
 * Bulk reads for the board and the family lists: one summary per family (case) computed in a
 * few set-based queries, so a day of 50,000 families loads without a record object per person
 * or per checklist event (poe-store-board.c); the flights of a window as summaries, records
 * and case ids by id, and the risk buffers (poe-store-lists.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-case-summary.h"
#include "poe-checklist.h"
#include "poe-risk.h"
#include "poe-store.h"

G_BEGIN_DECLS

GPtrArray  *poe_store_list_flight_summaries_between   (PoeStore              *self,
                                                       GDateTime             *from,
                                                       GDateTime             *to,
                                                       GError               **error);

GPtrArray  *poe_store_list_case_summaries_for_flights (PoeStore              *self,
                                                       PoeChecklistTemplate  *checklist,
                                                       const char * const    *flight_ids,
                                                       GError               **error);
GPtrArray  *poe_store_list_case_summaries_for_cases   (PoeStore              *self,
                                                       PoeChecklistTemplate  *checklist,
                                                       const char * const    *case_ids,
                                                       GError               **error);
GPtrArray  *poe_store_list_records_by_ids             (PoeStore              *self,
                                                       const char            *entity,
                                                       const char * const    *ids,
                                                       GError               **error);
char      **poe_store_dup_case_ids_of                 (PoeStore              *self,
                                                       const char            *entity,
                                                       const char * const    *ids,
                                                       GError               **error);
gboolean    poe_store_load_risk_buffers               (PoeStore              *self,
                                                       PoeRiskBuffers        *buffers,
                                                       GError               **error);

G_END_DECLS
