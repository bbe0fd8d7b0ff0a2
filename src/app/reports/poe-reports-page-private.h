/* poe-reports-page-private.h
 *
 * The reports page is split by concern: poe-reports-page.c keeps the page's state and
 * period, refreshes it and computes the figures on a worker thread;
 * poe-reports-page-figures.c fills the lists (and reads the shifts to review) and draws the
 * charts; poe-reports-page-export.c writes the exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-read-error.h"

#include "poe-reports-page.h"

G_BEGIN_DECLS

struct _PoeReportsPage
{
  GtkWidget         parent_instance;

  PoeSession       *session;
  PoeStats         *stats;
  PoeStats         *shift_stats;
  GPtrArray        *forecast;
  GPtrArray        *shifts;
  GCancellable     *cancellable;
  GTimeZone        *zone;
  char             *poe_name;
  char             *period_text;
  GDateTime        *from;
  GDateTime        *to;
  guint             refresh_id;
  gboolean          dirty;
  GCancellable     *computing;   /* while the figures are computed on a worker thread */

  /* Template widgets */
  GtkStack         *stack;
  AdwStatusPage    *status_page;
  PoeReadErrorPage *error_page;
  GtkDropDown      *period_dropdown;
  GtkRevealer      *custom_revealer;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkLabel         *period_label;
  GtkLabel         *export_label;
  GtkListBox       *stats_list;
  GtkDrawingArea   *persons_chart;
  GtkDrawingArea   *branches_chart;
  GtkDrawingArea   *severity_chart;
  GtkDropDown      *shift_dropdown;
  GtkListBox       *shift_list;
  GtkListBox       *forecast_list;
};

/* poe-reports-page-figures.c */
const char *_poe_reports_page_report_label      (const char     *group,
                                                 const char     *key);
void        _poe_reports_page_fill_stats        (PoeReportsPage *self);
void        _poe_reports_page_fill_shift_review (PoeReportsPage *self);
void        _poe_reports_page_load_shifts       (PoeReportsPage *self);
void        _poe_reports_page_review_shift      (PoeReportsPage *self);
void        _poe_reports_page_fill_forecast     (PoeReportsPage *self);
void        _poe_reports_page_init_charts       (PoeReportsPage *self);

/* poe-reports-page-export.c */
void        _poe_reports_page_class_init_export (GtkWidgetClass *widget_class);

G_END_DECLS
