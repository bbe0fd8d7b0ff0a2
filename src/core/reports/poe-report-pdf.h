/* poe-report-pdf.h
 *
 * The statistics report as a PDF (A4: the POE, the period and the generation time, the
 * charts and the tables), and writing it or the CSV export to a file off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-stats.h"

G_BEGIN_DECLS

typedef enum
{
  POE_REPORT_FORMAT_PDF,
  POE_REPORT_FORMAT_CSV,
} PoeReportFormat;

/**
 * PoeReportLabelFunc:
 * @group: "branch", "category", "severity" or "voucher_kind"
 * @key: the enum value
 *
 * Returns: (transfer none): the words for @key, translated; called from any thread
 */
typedef const char *(*PoeReportLabelFunc) (const char *group,
                                           const char *key);

typedef struct
{
  const char         *poe_name;      /* "JFK — John F. Kennedy International" */
  const char         *period;        /* the period in words */
  GDateTime          *generated_at;
  PoeReportLabelFunc  label;         /* NULL: the keys with spaces for underscores */
} PoeReportInfo;

GBytes   *poe_report_pdf_render      (PoeStats             *stats,
                                      const PoeReportInfo  *info,
                                      GError              **error);
GBytes   *poe_report_pdf_render_rows (const char           *title,
                                      const char * const   *rows,
                                      guint                 n_rows,
                                      GError              **error);
void      poe_report_write_async     (PoeStats             *stats,
                                      const PoeReportInfo  *info,
                                      PoeReportFormat       format,
                                      GFile                *file,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean  poe_report_write_finish    (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
