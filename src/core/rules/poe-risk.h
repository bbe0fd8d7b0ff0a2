/* poe-risk.h
 *
 * The connection risk of DESIGN §4 as a pure function: the inputs (the flights' times, the
 * family, its checklist, the POE's buffers), the level (none, unknown, green, amber, red),
 * what drives it and the slack, so that the board, the family lists and the family view say
 * the same. docs/connection-risk.md explains the rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POE_RISK_ERROR (poe_risk_error_quark ())

/**
 * POE_RISK_DELAY_THRESHOLD:
 *
 * Minutes a time must slip past its schedule before it counts as delayed (the US DOT on-time
 * rule), and minutes a family must fall behind its plan to count as behind schedule.
 */
#define POE_RISK_DELAY_THRESHOLD 15

/**
 * POE_RISK_LARGE_FAMILY:
 *
 * Number of persons from which a family is named as large while it still queues at CBP.
 */
#define POE_RISK_LARGE_FAMILY 6

/**
 * POE_RISK_BUFFER_MAX:
 *
 * The largest value, in minutes, a buffer may take: anything above a day is a typing error.
 */
#define POE_RISK_BUFFER_MAX 1440

typedef enum
{
  POE_RISK_ERROR_INVALID_JSON,
  POE_RISK_ERROR_UNKNOWN_BUFFER,
  POE_RISK_ERROR_INVALID_BUFFER,
} PoeRiskError;

/**
 * PoeRiskLevel:
 * @POE_RISK_NONE: the family has no domestic connection
 * @POE_RISK_UNKNOWN: a time the rule needs is missing and nothing already makes it red
 * @POE_RISK_GREEN: the connection is safe
 * @POE_RISK_AMBER: the slack is under the amber margin
 * @POE_RISK_AMBER: tight: the slack is under the amber margin, or the booked gap is under the
 *   minimum connection time while the family can still be at the gate in time
 * @POE_RISK_RED: at risk: the family will be at the gate after the departure (projected), or
 *   a flight is cancelled
 * @POE_RISK_MISSED: the onward departure has passed without the family on board
 *   (poe_risk_connection_missed())
 *
 * Shown as "not applicable", "unknown", "on track", "tight", "at risk" and "missed".
 */
typedef enum
{
  POE_RISK_NONE,
  POE_RISK_UNKNOWN,
  POE_RISK_GREEN,
  POE_RISK_AMBER,
  POE_RISK_RED,
  POE_RISK_MISSED,
} PoeRiskLevel;

/**
 * PoeRiskDriver:
 * @POE_RISK_DRIVER_INBOUND_DELAYED: the inbound arrives %POE_RISK_DELAY_THRESHOLD minutes or
 *   more after its schedule
 * @POE_RISK_DRIVER_CBP_SECONDARY: a member is in CBP secondary inspection
 * @POE_RISK_DRIVER_PRM: a member needs a wheelchair (WCHR, WCHS, WCHC)
 * @POE_RISK_DRIVER_MEDICAL: a member travels with a medical case (MEDA)
 * @POE_RISK_DRIVER_SHORT_MCT: the booked gap is under the minimum connection time
 * @POE_RISK_DRIVER_MISSING_ONWARD_TIME: the onward scheduled departure is unknown
 * @POE_RISK_DRIVER_INBOUND_CANCELLED: the inbound flight is cancelled
 * @POE_RISK_DRIVER_ONWARD_CANCELLED: the onward flight is cancelled
 * @POE_RISK_DRIVER_LARGE_FAMILY: %POE_RISK_LARGE_FAMILY persons or more still queue at CBP
 * @POE_RISK_DRIVER_ONWARD_DELAYED: the onward leaves %POE_RISK_DELAY_THRESHOLD minutes or more
 *   after its schedule, so the slack rests on an estimate that may be pulled back
 * @POE_RISK_DRIVER_TIGHT_CONNECTION: an amber or red the booking brought about: the booked gap
 *   is shorter than this family's whole processing (without secondary) plus the amber margin
 * @POE_RISK_DRIVER_BEHIND_SCHEDULE: the family will be ready %POE_RISK_DELAY_THRESHOLD minutes
 *   or more later than planned at arrival (the checklist is not moving); not at the gate
 * @POE_RISK_DRIVER_MISSING_INBOUND_TIME: the inbound scheduled arrival is unknown
 * @POE_RISK_DRIVER_DEPARTED: the onward departure has passed without the family on board
 *
 * Bit flags naming what drives a #PoeRiskResult: a factor is named only while it still adds
 * time or risk, and a cancellation is named alone.
 */
typedef enum
{
  POE_RISK_DRIVER_INBOUND_DELAYED      = 1 << 0,
  POE_RISK_DRIVER_CBP_SECONDARY        = 1 << 1,
  POE_RISK_DRIVER_PRM                  = 1 << 2,
  POE_RISK_DRIVER_MEDICAL              = 1 << 3,
  POE_RISK_DRIVER_SHORT_MCT            = 1 << 4,
  POE_RISK_DRIVER_MISSING_ONWARD_TIME  = 1 << 5,
  POE_RISK_DRIVER_INBOUND_CANCELLED    = 1 << 6,
  POE_RISK_DRIVER_ONWARD_CANCELLED     = 1 << 7,
  POE_RISK_DRIVER_LARGE_FAMILY         = 1 << 8,
  POE_RISK_DRIVER_ONWARD_DELAYED       = 1 << 9,
  POE_RISK_DRIVER_TIGHT_CONNECTION     = 1 << 10,
  POE_RISK_DRIVER_BEHIND_SCHEDULE      = 1 << 11,
  POE_RISK_DRIVER_MISSING_INBOUND_TIME = 1 << 12,
  POE_RISK_DRIVER_DEPARTED             = 1 << 13,
} PoeRiskDriver;

/**
 * PoeRiskBuffers:
 * @disembark: from gate-in to the family met at the aircraft door
 * @cbp_base: the CBP queue, once per family
 * @cbp_per_person: each member at the CBP booth
 * @cbp_secondary: added once while any member is in secondary inspection
 * @bags: baggage claim and the customs exit
 * @recheck: re-checking the bags at the connection counter
 * @tsa: the TSA checkpoint
 * @walk: walking from TSA to the departure gate
 * @prm: added once while a member needs a wheelchair, until TSA is cleared
 * @medical: added once while a member travels as a medical case, until TSA is cleared
 * @min_connection: the POE's minimum connection time, international to domestic
 * @amber_margin: slack under this is amber
 *
 * The POE's processing times, in minutes; see docs/connection-risk.md for the defaults.
 */
typedef struct
{
  int disembark;
  int cbp_base;
  int cbp_per_person;
  int cbp_secondary;
  int bags;
  int recheck;
  int tsa;
  int walk;
  int prm;
  int medical;
  int min_connection;
  int amber_margin;
} PoeRiskBuffers;

/**
 * PoeRiskInput:
 * @now: the current time; required
 * @inbound_scheduled: inbound scheduled gate-in, or %NULL if unknown
 * @inbound_estimated: inbound estimated gate-in, or %NULL
 * @inbound_actual: inbound actual gate-in, or %NULL
 * @inbound_cancelled: the inbound flight is cancelled
 * @has_onward: the family has a domestic connection; %FALSE gives %POE_RISK_NONE
 * @onward_scheduled_departure: onward scheduled departure, or %NULL if unknown
 * @onward_estimated_departure: onward estimated departure, or %NULL
 * @onward_cancelled: the onward flight is cancelled
 * @n_persons: members travelling on
 * @n_in_secondary: members referred to CBP secondary and not cleared
 * @n_wheelchair: members with a WCHR, WCHS or WCHC code
 * @n_medical: members with a MEDA code
 * @n_cbp_cleared: members cleared by CBP
 * @met: the family was met at the aircraft door
 * @bags_claimed: the bags are claimed
 * @bags_rechecked: the bags are re-checked for the connection
 * @tsa_cleared: the family cleared TSA
 * @at_gate: the family is at the departure gate
 * @boarded: the family is on the onward flight (the "Departure confirmed" step): the
 *   connection is made
 *
 * What the rule reads. Times may be in any time zone. A later checklist step marked done
 * means the earlier ones are over, except that claimed bags say nothing about CBP.
 */
typedef struct
{
  GDateTime *now;
  GDateTime *inbound_scheduled;
  GDateTime *inbound_estimated;
  GDateTime *inbound_actual;
  gboolean   inbound_cancelled;
  gboolean   has_onward;
  GDateTime *onward_scheduled_departure;
  GDateTime *onward_estimated_departure;
  gboolean   onward_cancelled;
  guint      n_persons;
  guint      n_in_secondary;
  guint      n_wheelchair;
  guint      n_medical;
  guint      n_cbp_cleared;
  gboolean   met;
  gboolean   bags_claimed;
  gboolean   bags_rechecked;
  gboolean   tsa_cleared;
  gboolean   at_gate;
  gboolean   boarded;
} PoeRiskInput;

/**
 * PoeRiskResult:
 * @level: the risk level
 * @drivers: a mask of #PoeRiskDriver
 * @has_slack: whether @slack_minutes is known
 * @slack_minutes: @departure minus @ready, rounded down
 * @processing_minutes: the processing time still ahead of the family
 * @has_scheduled_gap: whether @scheduled_gap_minutes is known
 * @scheduled_gap_minutes: onward scheduled departure minus inbound scheduled arrival
 * @arrival_basis: "actual", "estimated" or "scheduled", or %NULL with no arrival time
 * @arrival: (nullable): the inbound gate-in used
 * @ready: (nullable): when the family will be at the gate
 * @departure: (nullable): the onward departure used
 *
 * Release with poe_risk_result_clear(), or declare with g_auto(PoeRiskResult).
 */
typedef struct
{
  PoeRiskLevel level;
  guint        drivers;
  gboolean     has_slack;
  int          slack_minutes;
  int          processing_minutes;
  gboolean     has_scheduled_gap;
  int          scheduled_gap_minutes;
  const char  *arrival_basis;
  GDateTime   *arrival;
  GDateTime   *ready;
  GDateTime   *departure;
} PoeRiskResult;

GQuark       poe_risk_error_quark          (void);
void         poe_risk_buffers_init_default (PoeRiskBuffers        *buffers);
gboolean     poe_risk_buffers_load_json    (PoeRiskBuffers        *buffers,
                                            const char            *json,
                                            GError               **error);
void         poe_risk_compute              (const PoeRiskInput    *input,
                                            const PoeRiskBuffers  *buffers,
                                            PoeRiskResult         *result);
gboolean     poe_risk_connection_missed    (const PoeRiskInput    *input);
void         poe_risk_result_clear         (PoeRiskResult         *result);
const char  *poe_risk_level_to_string      (PoeRiskLevel           level);
char        *poe_risk_describe_drivers     (guint                  drivers);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PoeRiskResult, poe_risk_result_clear)

G_END_DECLS
