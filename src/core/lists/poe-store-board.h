/* poe-store-board.h
 *
 * Bulk reads for the board and the family lists: one summary per family (case) computed in a
 * few set-based queries, so a day of 50,000 families loads without a record object per person
 * or per checklist event.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-checklist.h"
#include "poe-risk.h"
#include "poe-store.h"

G_BEGIN_DECLS

/**
 * PoeCaseSummary:
 * @id: the case id
 * @flight_id: (nullable): the inbound flight; an interned #GRefString the families of the
 *   flight share
 * @case_number: the case number
 * @branch: "connect", "overnight" or "final" (an interned string)
 * @sensitivity: "none", "at_risk", "urm" or "protection" (interned)
 * @status: the case status (interned)
 * @initials: initials of the principal applicant ("A. K."), never the names
 * @names: (nullable): the members' names, lower-cased, each after a newline, for a search
 *   with names revealed
 * @languages: (array zero-terminated=1): languages of members who need an interpreter
 *   (SSR LANG), sorted, without repeats; interned strings
 * @member_hashes: (array length=n_member_hashes): g_str_hash() of the ids of the members
 *   and of the segments, to find the family of a changed member without keeping every id
 *   in memory; a hash that two ids share only costs a family an extra reload
 * @n_member_hashes: the number of @member_hashes
 * @n_wheelchair: members with WCHR, WCHS or WCHC
 * @n_medical: members with MEDA
 * @risk: the connection risk, set by poe_case_summary_compute_risk()
 * @progress: the checklist progress, as poe_checklist_compute_progress() gives it
 * @has_onward_departure: whether @onward_departure is known
 * @has_onward_estimate: whether @onward_estimate is known
 * @onward_cancelled: the onward segment is cancelled
 * @onward_departure: the onward scheduled departure, Unix seconds
 * @onward_estimate: the onward estimated departure, Unix seconds
 *
 * One block of memory: the strings, @languages and @member_hashes live in the same
 * allocation as the struct (the interned strings and @flight_id excepted), so a summary
 * costs one malloc and poe_case_summary_free() leaves nothing behind. Never free or keep
 * a field past the summary.
 */
typedef struct _PoeCaseSummary
{
  const char           *id;
  const char           *flight_id;
  const char           *case_number;
  const char           *branch;
  const char           *sensitivity;
  const char           *status;
  const char           *initials;
  const char           *names;
  const char * const   *languages;
  const guint          *member_hashes;
  guint                 n_member_hashes;
  guint                 n_wheelchair;
  guint                 n_medical;
  PoeRiskLevel          risk;
  PoeChecklistProgress  progress;
  guint                 has_onward_departure : 1;
  guint                 has_onward_estimate : 1;
  guint                 onward_cancelled : 1;
  gint64                onward_departure;
  gint64                onward_estimate;
} PoeCaseSummary;

/**
 * PoeFlightSummary:
 *
 * What the board shows of a flight, without a record object: the id, the fields the rows
 * sort, search and compute risks by, and the gate and belt its cells show. Times are canonical
 * UTC ("2026-11-24T14:05:00Z"), so they compare as strings. Like #PoeCaseSummary, one block:
 * the strings are not freed on their own.
 */
typedef struct _PoeFlightSummary
{
  char *id;
  char *carrier;
  char *number;
  char *origin;
  char *status;
  char *scheduled_arrival;
  char *estimated_arrival;
  char *actual_arrival;
  char *gate;
  char *belt;
} PoeFlightSummary;

PoeFlightSummary *poe_flight_summary_new_from_record  (PoeRecord             *flight);
void        poe_flight_summary_free                   (PoeFlightSummary      *summary);
GPtrArray  *poe_store_list_flight_summaries_between   (PoeStore              *self,
                                                       GDateTime             *from,
                                                       GDateTime             *to,
                                                       GError               **error);

void        poe_case_summary_free                     (PoeCaseSummary        *summary);
gboolean    poe_case_summary_has_member               (const PoeCaseSummary  *summary,
                                                       GHashTable            *hashes);
void        poe_case_summary_compute_risk             (PoeCaseSummary        *summary,
                                                       const PoeRiskInput    *flight_input,
                                                       const PoeRiskBuffers  *buffers);
void        poe_risk_input_init_for_flight            (PoeRiskInput          *input,
                                                       const PoeFlightSummary *flight,
                                                       GDateTime             *now);
void        poe_risk_input_clear_flight               (PoeRiskInput          *input);

GPtrArray  *poe_store_list_case_summaries_between     (PoeStore              *self,
                                                       PoeChecklistTemplate  *checklist,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeCaseSummary, poe_case_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeFlightSummary, poe_flight_summary_free)

G_END_DECLS
