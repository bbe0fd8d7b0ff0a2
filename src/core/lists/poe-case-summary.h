/* poe-case-summary.h
 *
 * What the board and the family lists hold of a family (PoeCaseSummary) and of a flight
 * (PoeFlightSummary): one block of memory each, no record object per person or event, so a
 * day of 50,000 families stays cheap to hold. The connection risk of a family is computed
 * from its summary and its flight's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-checklist.h"
#include "poe-record.h"
#include "poe-risk.h"

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
 * @ref_count: owned by poe_case_summary_ref() and poe_case_summary_unref()
 * @progress: where the family is in its checklist, from poe_checklist_derive_progress():
 *   whatever that function derives from the events (issue 21's reception state, say) is
 *   here for every view without another field
 * @has_onward_departure: whether @onward_departure is known
 * @has_onward_estimate: whether @onward_estimate is known
 * @onward_cancelled: the onward segment is cancelled
 * @onward_departure: the onward scheduled departure, Unix seconds
 * @onward_estimate: the onward estimated departure, Unix seconds
 *
 * One block of memory: the strings, @languages and @member_hashes live in the same
 * allocation as the struct (the interned strings and @flight_id excepted), so a summary
 * costs one malloc and its last unref leaves nothing behind. Never free or keep a field
 * past the summary. A summary does not change once read: a change to the family makes a
 * new one (see #PoeCaseIndex), so the board and the family lists can share it.
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
  grefcount             ref_count;
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

PoeFlightSummary *poe_flight_summary_new_from_record (PoeRecord              *flight);
PoeFlightSummary *poe_flight_summary_new_from_values (const char * const     *values);
void            poe_flight_summary_free              (PoeFlightSummary       *summary);

PoeCaseSummary *poe_case_summary_ref                 (PoeCaseSummary         *summary);
void            poe_case_summary_unref               (PoeCaseSummary         *summary);
gboolean        poe_case_summary_has_member          (const PoeCaseSummary   *summary,
                                                      GHashTable             *hashes);
PoeRiskLevel    poe_case_summary_compute_risk        (const PoeCaseSummary   *summary,
                                                      const PoeRiskInput     *flight_input,
                                                      const PoeRiskBuffers   *buffers);
void            poe_risk_input_init_for_flight       (PoeRiskInput           *input,
                                                      const PoeFlightSummary *flight,
                                                      GDateTime              *now);
void            poe_risk_input_clear_flight          (PoeRiskInput           *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeCaseSummary, poe_case_summary_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeFlightSummary, poe_flight_summary_free)

G_END_DECLS
