/* poe-report-pdf.c
 *
 * The statistics report as an A4 PDF drawn with cairo: a header with the POE, the period and
 * when it was made, the charts (poe-chart.c in its print style), then the totals and the
 * tables of each breakdown, a new page when one is full. Writing it, or the statistics' CSV,
 * to a file runs on a worker thread with a copy of what it needs. Also a plain table of
 * labels and values, one document's (poe_report_pdf_render_rows(): the arrival notification).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "poe-chart.h"
#include "poe-csv.h"
#include "poe-report-pdf.h"

/* A4 in points, and the margin. */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      48.0
#define LINE        14.0
#define ROWS_VALUE_X     130.0  /* where poe_report_pdf_render_rows() puts values */
#define ROWS_VALUE_CHARS 60

typedef struct
{
  PoeStats           *stats;
  char               *poe_name;
  char               *period;
  GDateTime          *generated_at;
  PoeReportLabelFunc  label;
  PoeReportFormat     format;
  GFile              *file;
} WriteData;

typedef struct
{
  cairo_t             *cr;
  cairo_surface_t     *surface;
  const PoeReportInfo *info;
  PoeStats            *stats;
  double               y;
} Page;


/*
 * Auxiliary methods
 */

static void
write_data_free (WriteData *data)
{
  poe_stats_unref (data->stats);
  g_free (data->poe_name);
  g_free (data->period);
  g_clear_pointer (&data->generated_at, g_date_time_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static const char *
label_for (const PoeReportInfo *info,
           const char          *group,
           const char          *key,
           char                *buffer,
           gsize                size)
{
  if (info->label != NULL)
    return info->label (group, key);

  g_strlcpy (buffer, key, size);
  g_strdelimit (buffer, "_", ' ');
  return buffer;
}

static void
show (Page       *page,
      const char *text,
      double      x,
      double      size,
      gboolean    bold)
{
  cairo_select_font_face (page->cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (page->cr, size);
  cairo_move_to (page->cr, x, page->y);
  cairo_show_text (page->cr, text);
}

static void
new_page_if_needed (Page   *page,
                    double  needed)
{
  if (page->y + needed <= PAGE_HEIGHT - MARGIN)
    return;

  cairo_show_page (page->cr);
  page->y = MARGIN + LINE;
}

static void
table_row (Page       *page,
           const char *label,
           const char *value)
{
  new_page_if_needed (page, LINE);
  show (page, label, MARGIN + 8, 10, FALSE);
  show (page, value, MARGIN + 320, 10, FALSE);
  page->y += LINE;
}

static void
table_heading (Page       *page,
               const char *title)
{
  new_page_if_needed (page, LINE * 3);
  page->y += LINE * 0.6;
  show (page, title, MARGIN, 12, TRUE);
  page->y += LINE * 1.2;
}

static void
table_count (Page       *page,
             const char *label,
             double      value)
{
  g_autofree char *text = g_strdup_printf ("%.0f", value);

  table_row (page, label, text);
}

static void
table_minutes (Page       *page,
               const char *label,
               double      minutes)
{
  /* Translators: an average duration in minutes */
  g_autofree char *text = minutes < 0 ? g_strdup (_("no data")) : g_strdup_printf (_("%.0f min"), minutes);

  table_row (page, label, text);
}

static void
table_items (Page       *page,
             const char *group,
             GPtrArray  *items)
{
  char buffer[128];

  for (guint i = 0; i < items->len; i++)
    {
      PoeStatsItem *item = g_ptr_array_index (items, i);

      table_count (page, label_for (page->info, group, item->key, buffer, sizeof buffer), item->value);
    }
  if (items->len == 0)
    table_row (page, _("None"), "");
}

static PoeChartPoint *
chart_points (const PoeReportInfo *info,
              const char          *group,
              GPtrArray           *items,
              GStringChunk        *chunk)
{
  PoeChartPoint *points = g_new0 (PoeChartPoint, MAX (items->len, 1));
  char buffer[128];

  for (guint i = 0; i < items->len; i++)
    {
      PoeStatsItem *item = g_ptr_array_index (items, i);
      const char *label = group ? label_for (info, group, item->key, buffer, sizeof buffer) : item->key;

      points[i].label = g_string_chunk_insert (chunk, label);
      points[i].value = item->value;
    }

  return points;
}

static void
draw_header (Page *page)
{
  g_autofree char *generated = g_date_time_format (page->info->generated_at, "%Y-%m-%d %H:%M %Z");
  g_autofree char *poe = g_strdup_printf (_("Port of entry: %s"), page->info->poe_name);
  g_autofree char *period = g_strdup_printf (_("Period: %s"), page->info->period);
  g_autofree char *line = g_strdup_printf (_("Generated: %s"), generated);

  cairo_set_source_rgb (page->cr, 0, 0, 0);
  page->y = MARGIN + 18;
  show (page, _("Arrivals report"), MARGIN, 18, TRUE);
  page->y += LINE * 1.6;
  show (page, poe, MARGIN, 10, FALSE);
  page->y += LINE;
  show (page, period, MARGIN, 10, FALSE);
  page->y += LINE;
  show (page, line, MARGIN, 10, FALSE);
  page->y += LINE;
}

static void
draw_charts (Page *page)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (256);
  g_autofree PoeChartPoint *persons = NULL;
  g_autofree PoeChartPoint *branches = NULL;
  g_autofree PoeChartPoint *severities = NULL;
  PoeStats *stats = page->stats;
  PoeChartStyle style;
  double width = PAGE_WIDTH - 2 * MARGIN;

  poe_chart_style_init_print (&style);
  persons = chart_points (page->info, NULL, stats->persons_by_bucket, chunk);
  branches = chart_points (page->info, "branch", stats->families_by_branch, chunk);
  severities = chart_points (page->info, "severity", stats->incidents_by_severity, chunk);

  poe_chart_draw_line (page->cr, MARGIN, page->y, width, 170, _("Persons received"),
                       persons, stats->persons_by_bucket->len, &style);
  page->y += 180;
  poe_chart_draw_bars (page->cr, MARGIN, page->y, width / 2 - 10, 160, _("Families by branch"),
                       branches, stats->families_by_branch->len, &style);
  poe_chart_draw_bars (page->cr, MARGIN + width / 2 + 10, page->y, width / 2 - 10, 160,
                       _("Incidents by severity"), severities, stats->incidents_by_severity->len, &style);
  page->y += 170;
  cairo_set_source_rgb (page->cr, 0, 0, 0);
}

static void
draw_totals (Page *page)
{
  PoeStats *stats = page->stats;
  g_autofree char *rate = NULL;
  g_autofree char *hours = g_strdup_printf ("%.1f", stats->hours_worked);

  if (stats->connection_rate < 0)
    rate = g_strdup (_("no data"));
  else
    /* Translators: connection success rate, made and missed connections */
    rate = g_strdup_printf (_("%.0f %% (%u made, %u missed)"), stats->connection_rate * 100,
                            stats->n_connections_made, stats->n_connections_missed);

  table_heading (page, _("Totals"));
  table_count (page, _("Arrivals (flights with families)"), stats->n_arrivals);
  table_count (page, _("Families"), stats->n_families);
  table_count (page, _("Persons"), stats->n_persons);
  table_row (page, _("Connections made"), rate);
  table_minutes (page, _("Average landing to CBP cleared"), stats->avg_landing_to_cbp);
  table_minutes (page, _("Average CBP cleared to hand-off"), stats->avg_cbp_to_handoff);
  table_count (page, _("Hand-offs still open"), stats->n_handoffs_open);
  table_count (page, _("Incidents"), stats->n_incidents);
  table_count (page, _("Anomalies sent"), stats->n_anomalies_sent);
  table_count (page, _("Staff on duty"), stats->n_staff_on_duty);
  table_row (page, _("Hours worked"), hours);
}

static void
draw_tables (Page *page)
{
  PoeStats *stats = page->stats;

  draw_totals (page);
  table_heading (page, _("Families by branch"));
  table_items (page, "branch", stats->families_by_branch);
  table_heading (page, _("Incidents by category"));
  table_items (page, "category", stats->incidents_by_category);
  table_heading (page, _("Incidents by severity"));
  table_items (page, "severity", stats->incidents_by_severity);
  table_heading (page, _("Vouchers by kind"));
  table_items (page, "voucher_kind", stats->vouchers_by_kind);
  table_heading (page, _("Voucher cost"));
  for (guint i = 0; i < stats->voucher_costs->len; i++)
    {
      PoeStatsMoney *money = g_ptr_array_index (stats->voucher_costs, i);
      g_autofree char *amount = poe_amount_format (money->cents);

      table_row (page, money->currency, amount);
    }
  if (stats->voucher_costs->len == 0)
    table_row (page, _("None"), "");
}

/* Ends the document of @page; whether it was drawn. */
static gboolean
finish_document (Page        *page,
                 GByteArray  *bytes,
                 GError     **error)
{
  cairo_status_t status = cairo_status (page->cr);

  cairo_destroy (page->cr);
  cairo_surface_finish (page->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (page->surface);
  cairo_surface_destroy (page->surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The report could not be drawn (%s)"), cairo_status_to_string (status));
  return FALSE;
}

/* @text in lines of at most ROWS_VALUE_CHARS characters, broken at spaces and newlines. */
static char **
wrap_text (const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text ? text : "", "\n", -1);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **lines;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[i], " ", -1);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint j = 0; words[j] != NULL; j++)
        {
          if (line->len > 0 && g_utf8_strlen (line->str, -1) + g_utf8_strlen (words[j], -1) + 1 > ROWS_VALUE_CHARS)
            {
              g_strv_builder_add (builder, line->str);
              g_string_truncate (line, 0);
            }
          if (line->len > 0)
            g_string_append_c (line, ' ');
          g_string_append (line, words[j]);
        }
      g_strv_builder_add (builder, line->str);
    }

  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}

static void
write_in_thread_cb (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  WriteData *data = task_data;
  PoeReportInfo info = { data->poe_name, data->period, data->generated_at, data->label };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (data->format == POE_REPORT_FORMAT_CSV)
    bytes = poe_stats_to_csv (data->stats);
  else
    bytes = poe_report_pdf_render (data->stats, &info, &error);

  if (bytes == NULL ||
      !g_file_replace_contents (data->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}


/*
 * Public API
 */

/**
 * poe_report_pdf_render:
 *
 * Returns: (transfer full): the PDF document, or %NULL with @error set
 */
GBytes *
poe_report_pdf_render (PoeStats             *stats,
                       const PoeReportInfo  *info,
                       GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Page page = { NULL, NULL, info, stats, 0 };

  g_return_val_if_fail (stats != NULL && info != NULL, NULL);

  page.surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  page.cr = cairo_create (page.surface);
  cairo_pdf_surface_set_metadata (page.surface, CAIRO_PDF_METADATA_TITLE, _("Arrivals report"));
  cairo_pdf_surface_set_metadata (page.surface, CAIRO_PDF_METADATA_CREATOR, "POE Desk");

  draw_header (&page);
  page.y += LINE;
  draw_charts (&page);
  draw_tables (&page);
  cairo_show_page (page.cr);

  return finish_document (&page, bytes, error) ? g_byte_array_free_to_bytes (g_steal_pointer (&bytes)) : NULL;
}

/**
 * poe_report_pdf_render_rows:
 * @title: the document's heading
 * @rows: (array length=n_rows): label, value, label, value…
 *
 * A one-document table, such as an arrival notification: the heading, then each label with
 * its value beside it, a long value over several lines.
 *
 * Returns: (transfer full): the PDF document, or %NULL with @error set
 */
GBytes *
poe_report_pdf_render_rows (const char          *title,
                            const char * const  *rows,
                            guint                n_rows,
                            GError             **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Page page = { NULL, NULL, NULL, NULL, 0 };

  g_return_val_if_fail (title != NULL && rows != NULL, NULL);

  page.surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  page.cr = cairo_create (page.surface);
  cairo_pdf_surface_set_metadata (page.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (page.surface, CAIRO_PDF_METADATA_CREATOR, "POE Desk");
  cairo_set_source_rgb (page.cr, 0, 0, 0);
  page.y = MARGIN + 18;
  show (&page, title, MARGIN, 18, TRUE);
  page.y += LINE * 2;

  for (guint i = 0; i < n_rows; i++)
    {
      g_auto(GStrv) lines = wrap_text (rows[2 * i + 1]);

      new_page_if_needed (&page, LINE * g_strv_length (lines));
      show (&page, rows[2 * i], MARGIN, 10, TRUE);
      for (guint j = 0; lines[j] != NULL; j++)
        {
          show (&page, lines[j], MARGIN + ROWS_VALUE_X, 10, FALSE);
          page.y += LINE;
        }
      page.y += LINE * 0.4;
    }
  cairo_show_page (page.cr);

  return finish_document (&page, bytes, error) ? g_byte_array_free_to_bytes (g_steal_pointer (&bytes)) : NULL;
}

/**
 * poe_report_write_async:
 *
 * Writes the report of @stats in @format to @file on a worker thread.
 */
void
poe_report_write_async (PoeStats             *stats,
                        const PoeReportInfo  *info,
                        PoeReportFormat       format,
                        GFile                *file,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (stats != NULL && info != NULL);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (WriteData, 1);
  data->stats = poe_stats_ref (stats);
  data->poe_name = g_strdup (info->poe_name);
  data->period = g_strdup (info->period);
  data->generated_at = info->generated_at ? g_date_time_ref (info->generated_at) : g_date_time_new_now_utc ();
  data->label = info->label;
  data->format = format;
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread_cb);
}

gboolean
poe_report_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
