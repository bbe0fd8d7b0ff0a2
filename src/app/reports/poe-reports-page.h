/* poe-reports-page.h
 *
 * Statistics, charts and exports of a period, the review of one shift and the staffing
 * forecast, for shift leads and supervisors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-report-pdf.h"
#include "poe-stats.h"
#include "session/poe-session.h"

G_BEGIN_DECLS

typedef enum
{
  POE_REPORTS_PERIOD_TODAY,
  POE_REPORTS_PERIOD_THIS_WEEK,
  POE_REPORTS_PERIOD_LAST_7_DAYS,
  POE_REPORTS_PERIOD_THIS_MONTH,
  POE_REPORTS_PERIOD_CUSTOM,
} PoeReportsPeriod;

#define POE_REPORTS_FORECAST_DAYS 3

#define POE_TYPE_REPORTS_PAGE (poe_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeReportsPage, poe_reports_page, POE, REPORTS_PAGE, GtkWidget)

PoeSession *poe_reports_page_get_session       (PoeReportsPage       *self);
void        poe_reports_page_set_session       (PoeReportsPage       *self,
                                                PoeSession           *session);
void        poe_reports_page_set_period        (PoeReportsPage       *self,
                                                PoeReportsPeriod      period);
gboolean    poe_reports_page_set_custom_period (PoeReportsPage       *self,
                                                const char           *first_day,
                                                const char           *last_day);
gboolean    poe_reports_page_select_shift      (PoeReportsPage       *self,
                                                const char           *shift_id);
gboolean    poe_reports_page_get_computing     (PoeReportsPage       *self);
PoeStats   *poe_reports_page_get_stats         (PoeReportsPage       *self);
PoeStats   *poe_reports_page_get_shift_stats   (PoeReportsPage       *self);
GPtrArray  *poe_reports_page_get_forecast      (PoeReportsPage       *self);
void        poe_reports_page_export_async      (PoeReportsPage       *self,
                                                PoeReportFormat       format,
                                                GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean    poe_reports_page_export_finish     (PoeReportsPage       *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
