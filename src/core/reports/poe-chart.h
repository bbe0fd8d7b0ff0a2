/* poe-chart.h
 *
 * Bar and line charts drawn onto any cairo context (a widget, a PDF page) with the colours
 * the caller passes, so the app can follow the light, dark and high-contrast styles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} PoeChartColor;

typedef struct
{
  PoeChartColor foreground;  /* title, labels, axis */
  PoeChartColor grid;        /* grid lines */
  PoeChartColor series;      /* bars and the line */
  double        font_size;   /* labels; the title is 1.2 times as big */
} PoeChartStyle;

typedef struct
{
  const char *label;
  double      value;
} PoeChartPoint;

void poe_chart_style_init_print (PoeChartStyle       *style);
void poe_chart_draw_bars        (cairo_t             *cr,
                                 double               x,
                                 double               y,
                                 double               width,
                                 double               height,
                                 const char          *title,
                                 const PoeChartPoint *points,
                                 guint                n_points,
                                 const PoeChartStyle *style);
void poe_chart_draw_line        (cairo_t             *cr,
                                 double               x,
                                 double               y,
                                 double               width,
                                 double               height,
                                 const char          *title,
                                 const PoeChartPoint *points,
                                 guint                n_points,
                                 const PoeChartStyle *style);

G_END_DECLS
