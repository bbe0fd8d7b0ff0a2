/* poe-chart.c
 *
 * Bar and line charts with cairo, for the Reports page and the PDF report alike: a title, a
 * grid with a value axis rounded up to 1, 2 or 5 times a power of ten, the category labels
 * shrunk or thinned to fit, then the bars or the line, all in the colours of the style the
 * caller passes (the print style for the PDF).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-chart"

#include "config.h"

#include <math.h>

#include "poe-chart.h"

#define GRID_STEPS 5

typedef struct
{
  double x;
  double y;
  double width;
  double height;
  double max;
} Plot;


/*
 * Auxiliary methods
 */

static void
set_color (cairo_t             *cr,
           const PoeChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - extents.x_advance * align, y);
  cairo_show_text (cr, text);
}

/* A round top for the value axis: 1, 2 or 5 times a power of ten, at least 5, so that
 * the GRID_STEPS grid lines of counts fall on whole numbers. */
static double
nice_max (double max)
{
  double magnitude;

  if (max <= 5)
    return 5;

  magnitude = pow (10, floor (log10 (max)));
  if (max <= magnitude)
    return magnitude;
  if (max <= 2 * magnitude)
    return 2 * magnitude;
  if (max <= 5 * magnitude)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
format_value (char   *buffer,
              gsize   size,
              double  value)
{
  if (value == floor (value))
    g_snprintf (buffer, size, "%.0f", value);
  else
    g_snprintf (buffer, size, "%.1f", value);
}

/* Title, grid and value axis; returns the area left for the data. */
static Plot
draw_frame (cairo_t             *cr,
            double               x,
            double               y,
            double               width,
            double               height,
            const char          *title,
            const PoeChartPoint *points,
            guint                n_points,
            const PoeChartStyle *style)
{
  double fs = style->font_size;
  double max = 0;
  Plot plot;

  for (guint i = 0; i < n_points; i++)
    max = MAX (max, points[i].value);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, fs * 1.2);
  set_color (cr, &style->foreground);
  show_text (cr, title != NULL ? title : "", x, y + fs * 1.2, 0);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, fs);

  plot.x = x + fs * 3;
  plot.y = y + fs * 3;
  plot.width = MAX (width - fs * 3.5, 1);
  plot.height = MAX (height - fs * 5.5, 1);
  plot.max = nice_max (max);

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= GRID_STEPS; i++)
    {
      double gy = plot.y + plot.height - plot.height * i / GRID_STEPS;
      char label[32];

      set_color (cr, &style->grid);
      cairo_move_to (cr, plot.x, round (gy) + 0.5);
      cairo_line_to (cr, plot.x + plot.width, round (gy) + 0.5);
      cairo_stroke (cr);
      format_value (label, sizeof label, plot.max * i / GRID_STEPS);
      set_color (cr, &style->foreground);
      show_text (cr, label, plot.x - fs * 0.4, gy + fs * 0.35, 1);
    }

  return plot;
}

/* Category labels: a bar chart shrinks them to fit their bars; a line chart, whose slots
 * are many and narrow, leaves out every other (or more) label instead. */
static void
draw_category_labels (cairo_t             *cr,
                      const Plot          *plot,
                      const PoeChartPoint *points,
                      guint                n_points,
                      double               slot,
                      gboolean             shrink,
                      const PoeChartStyle *style)
{
  cairo_text_extents_t extents;
  guint every = 1;

  for (guint i = 0; i < n_points && !shrink; i++)
    {
      cairo_text_extents (cr, points[i].label ? points[i].label : "", &extents);
      while (extents.x_advance + style->font_size * 0.5 > slot * every)
        every++;
    }

  set_color (cr, &style->foreground);
  for (guint i = 0; i < n_points; i += every)
    {
      const char *label = points[i].label ? points[i].label : "";
      double size = style->font_size;

      cairo_set_font_size (cr, size);
      cairo_text_extents (cr, label, &extents);
      if (shrink && extents.x_advance > slot * 0.95)
        {
          size = MAX (size * slot * 0.95 / extents.x_advance, 5);
          cairo_set_font_size (cr, size);
        }
      show_text (cr, label, plot->x + slot * (i + 0.5), plot->y + plot->height + style->font_size * 1.4, 0.5);
    }
  cairo_set_font_size (cr, style->font_size);
}

/*
 * Public API
 */

/**
 * poe_chart_style_init_print:
 *
 * Colours for paper: black text, grey grid, a dark blue series.
 */
void
poe_chart_style_init_print (PoeChartStyle *style)
{
  g_return_if_fail (style != NULL);

  style->foreground = (PoeChartColor) { 0, 0, 0, 1 };
  style->grid = (PoeChartColor) { 0.75, 0.75, 0.75, 1 };
  style->series = (PoeChartColor) { 0.11, 0.35, 0.72, 1 };
  style->font_size = 9;
}

/**
 * poe_chart_draw_bars:
 *
 * Draws a bar chart of @points with its value over each bar into the rectangle.
 */
void
poe_chart_draw_bars (cairo_t             *cr,
                     double               x,
                     double               y,
                     double               width,
                     double               height,
                     const char          *title,
                     const PoeChartPoint *points,
                     guint                n_points,
                     const PoeChartStyle *style)
{
  Plot plot;
  double slot;

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  cairo_save (cr);
  plot = draw_frame (cr, x, y, width, height, title, points, n_points, style);
  slot = plot.width / MAX (n_points, 1);

  for (guint i = 0; i < n_points; i++)
    {
      double bar = plot.height * points[i].value / plot.max;
      char label[32];

      set_color (cr, &style->series);
      cairo_rectangle (cr, plot.x + slot * (i + 0.15), plot.y + plot.height - bar, slot * 0.7, bar);
      cairo_fill (cr);
      format_value (label, sizeof label, points[i].value);
      set_color (cr, &style->foreground);
      show_text (cr, label, plot.x + slot * (i + 0.5), plot.y + plot.height - bar - style->font_size * 0.3, 0.5);
    }

  draw_category_labels (cr, &plot, points, n_points, slot, TRUE, style);
  cairo_restore (cr);
}

/**
 * poe_chart_draw_line:
 *
 * Draws a line chart of @points (one point per slot, dots on the line) into the rectangle.
 */
void
poe_chart_draw_line (cairo_t             *cr,
                     double               x,
                     double               y,
                     double               width,
                     double               height,
                     const char          *title,
                     const PoeChartPoint *points,
                     guint                n_points,
                     const PoeChartStyle *style)
{
  Plot plot;
  double slot;

  g_return_if_fail (cr != NULL && style != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  cairo_save (cr);
  plot = draw_frame (cr, x, y, width, height, title, points, n_points, style);
  slot = plot.width / MAX (n_points, 1);

  set_color (cr, &style->series);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    cairo_line_to (cr, plot.x + slot * (i + 0.5), plot.y + plot.height - plot.height * points[i].value / plot.max);
  cairo_stroke (cr);
  for (guint i = 0; i < n_points; i++)
    {
      cairo_arc (cr, plot.x + slot * (i + 0.5), plot.y + plot.height - plot.height * points[i].value / plot.max,
                 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  draw_category_labels (cr, &plot, points, n_points, slot, FALSE, style);
  cairo_restore (cr);
}
