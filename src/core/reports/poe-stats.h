/* poe-stats.h
 *
 * Statistics of a port of entry for a period, the review of one shift, and the staffing
 * forecast of the next days. Plain data computed from the local store; no GTK.
 *
 * Definitions:
 * - A family belongs to the period when its inbound flight's scheduled arrival is in
 *   [from, to); an arrival is such a flight with at least one family of the POE.
 * - A connection is made when the latest event of `onward.at_gate` or
 *   `onward.departure_confirmed` is done, and missed when the family has a misconnect
 *   anomaly, an anomaly with a rebooking or a domestic connection segment marked missed
 *   (missed wins). Rate = made / (made + missed); families still on their way count in
 *   neither.
 * - Landing → CBP: per person, from the flight's actual arrival to the person's latest done
 *   `cbp.*` event. CBP → hand-off: per family, from its last CBP event to the latest done
 *   `handover.acknowledged` event, else the first acknowledged (or given) handoff record.
 * - Hours worked: time entries starting in the period with an end, minus their breaks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

/* Staffing forecast weights: a person counts 1, plus these for each need. */
#define POE_FORECAST_WEIGHT_WHEELCHAIR 1.0  /* WCHR, WCHS, WCHC */
#define POE_FORECAST_WEIGHT_MEDICAL    0.5  /* MEDA */
#define POE_FORECAST_WEIGHT_URM        1.0  /* UMNR or a URM family */
/* Weighted persons one staff member receives in an hour. */
#define POE_FORECAST_PERSONS_PER_STAFF 6.0
/* A family keeps staff busy the hour it lands and the next. */
#define POE_FORECAST_SPAN_HOURS        2

typedef struct
{
  char   *key;     /* enum value, currency or bucket label */
  double  value;
} PoeStatsItem;

typedef struct
{
  char   *currency;
  gint64  cents;
  guint   count;
} PoeStatsMoney;

typedef struct
{
  gatomicrefcount ref_count;

  char       *poe;
  GDateTime  *from;
  GDateTime  *to;

  guint       n_arrivals;        /* flights with families */
  guint       n_families;
  guint       n_persons;
  GPtrArray  *families_by_branch;   /* PoeStatsItem: connect, overnight, final */
  guint       n_connections_made;
  guint       n_connections_missed;
  double      connection_rate;       /* 0–1; -1 when no connection is decided */
  double      avg_landing_to_cbp;    /* minutes; -1 when unknown */
  guint       n_landing_to_cbp;
  double      avg_cbp_to_handoff;    /* minutes; -1 when unknown */
  guint       n_cbp_to_handoff;
  GPtrArray  *incidents_by_category; /* PoeStatsItem */
  GPtrArray  *incidents_by_severity; /* PoeStatsItem: low … critical */
  guint       n_incidents;
  GPtrArray  *vouchers_by_kind;      /* PoeStatsItem: count per kind */
  GPtrArray  *voucher_costs;         /* PoeStatsMoney per currency */
  double      hours_worked;
  GPtrArray  *persons_by_bucket;     /* PoeStatsItem: by hour (one day) or by day, local */

  /* Shift review */
  guint       n_handoffs_open;       /* families of the period not yet handed over */
  guint       n_anomalies_sent;      /* anomalies notified in the period */
  guint       n_staff_on_duty;       /* staff with a shift overlapping the period */
} PoeStats;

typedef struct
{
  GDateTime  *start;           /* local hour */
  double      load;            /* weighted persons */
  guint       n_persons;
  guint       required_staff;
  guint       rostered_staff;
  char      **languages;       /* needed (SSR LANG), sorted */
  char      **missing_languages;
  gboolean    understaffed;
} PoeForecastHour;

#define POE_TYPE_STATS (poe_stats_get_type ())

GType        poe_stats_get_type            (void) G_GNUC_CONST;
PoeStats    *poe_stats_ref                 (PoeStats     *stats);
void         poe_stats_unref               (PoeStats     *stats);

PoeStats    *poe_stats_compute             (PoeStore     *store,
                                            const char   *poe,
                                            GDateTime    *from,
                                            GDateTime    *to,
                                            GError      **error);
PoeStats    *poe_stats_compute_shift       (PoeStore     *store,
                                            PoeRecord    *shift,
                                            GError      **error);
double       poe_stats_item_get            (GPtrArray    *items,
                                            const char   *key);
GBytes      *poe_stats_to_csv              (PoeStats     *stats);

void         poe_forecast_hour_free        (PoeForecastHour *hour);
GPtrArray   *poe_stats_forecast            (PoeStore     *store,
                                            const char   *poe,
                                            GDateTime    *from,
                                            guint         n_hours,
                                            GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeStats, poe_stats_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeForecastHour, poe_forecast_hour_free)

G_END_DECLS
