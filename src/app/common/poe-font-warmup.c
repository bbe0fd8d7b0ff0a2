/* poe-font-warmup.c
 *
 * The first frame of the board sets a few hundred short texts in three fonts: the body
 * font, its bold, and the smaller bold of the status chips. Loading each font the first
 * time (fontconfig's sorted font set, the HarfBuzz face, the font's metrics, FreeType's
 * hinted glyph metrics) cost the main thread a good part of that frame.
 *
 * poe_font_warmup_start() reads, on the main thread, what GTK sets on a widget's Pango
 * context (font options, resolution, language, glyph rounding, and the fonts the theme
 * gives a label and a status chip), makes a Pango font map of its own and, on a worker
 * thread, loads those fonts in it and lays out the characters the board shows.
 * poe_font_warmup_finish() waits for the thread and hands the font map over; the window
 * then uses it (gtk_widget_set_font_map()), and finds those fonts already loaded. A font
 * map is not safe to use from two threads at once, and it never is: the worker has let go
 * of it before the main thread takes it. (Fonts installed while the app runs reach GTK's
 * default font map, not this one: the window sees them at the next start.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-font-warmup"

#include "config.h"

#include <pango/pangocairo.h>

#include "poe-bench-hook.h"
#include "poe-font-warmup.h"
#include "poe-pango.h"

/* What the board, its toolbar and the header show: figures, times, flight numbers, airport
 * codes, statuses, languages. */
#define SAMPLE_TEXT "0123456789:/—–.,;()+-×%· ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz"

struct _PoeFontWarmup
{
  GThread              *thread;
  PangoFontMap         *font_map;
  cairo_font_options_t *options;
  double                resolution;
  PangoLanguage        *language;
  gboolean              round_glyph_positions;
  GPtrArray            *descriptions;  /* of PangoFontDescription */
  GPtrArray            *fonts;         /* of PangoFont: those loaded, kept loaded */
};


/*
 * Auxiliary methods
 */

/* The font GTK gives @widget's text, as its Pango context has it. */
static void
add_description_of (PoeFontWarmup *self,
                    GtkWidget     *widget)
{
  const PangoFontDescription *description;

  description = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (description != NULL)
    g_ptr_array_add (self->descriptions, pango_font_description_copy (description));
}

static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = find_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* The font of a column view's titles, which the theme sets apart (smaller, bold). */
static void
add_column_title_description (PoeFontWarmup *self)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (gtk_column_view_new (NULL));
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new ("Sched.", NULL);
  GtkWidget *label;

  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
  if ((label = find_label (view)) != NULL)
    add_description_of (self, label);
}

static void
warm_font (PoeFontWarmup              *self,
           PangoContext               *context,
           const PangoFontDescription *description,
           gboolean                    numeric)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoLayoutIter *iter;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, SAMPLE_TEXT, -1);
  if (numeric)
    poe_layout_use_tabular_figures (layout);

  /* Shaping loads the font set, the font and its HarfBuzz face; the font's metrics and
   * the glyphs' ink extents, which GTK asks for every text it draws, load FreeType's
   * glyphs into the font's cairo glyph cache. */
  pango_font_metrics_unref (pango_context_get_metrics (context, description, NULL));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle ink;

      if (run == NULL)
        continue;
      pango_glyph_string_extents (run->glyphs, run->item->analysis.font, &ink, NULL);
      if (!g_ptr_array_find (self->fonts, run->item->analysis.font, NULL))
        g_ptr_array_add (self->fonts, g_object_ref (run->item->analysis.font));
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  /* And drawing them makes cairo rasterise the glyphs, into the same glyph caches. */
  {
    int width, height;
    cairo_surface_t *surface;
    cairo_t *cr;

    pango_layout_get_pixel_size (layout, &width, &height);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
    cr = cairo_create (surface);
    pango_cairo_show_layout (cr, layout);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static gpointer
warmup_thread (gpointer data)
{
  PoeFontWarmup *self = data;
  PangoContext *context = pango_font_map_create_context (self->font_map);

  pango_cairo_context_set_font_options (context, self->options);
  pango_cairo_context_set_resolution (context, self->resolution);
  pango_context_set_language (context, self->language);
  pango_context_set_round_glyph_positions (context, self->round_glyph_positions);

  for (guint i = 0; i < self->descriptions->len; i++)
    {
      warm_font (self, context, g_ptr_array_index (self->descriptions, i), FALSE);
      warm_font (self, context, g_ptr_array_index (self->descriptions, i), TRUE);
    }

  g_object_unref (context);
  poe_bench_mark ("fonts-warmed");
  return NULL;
}


/*
 * Public API
 */

/**
 * poe_font_warmup_start:
 * @display: the display the window will be on; GTK is set up
 *
 * Returns: (transfer full): the warm-up, running; end it with poe_font_warmup_finish()
 */
PoeFontWarmup *
poe_font_warmup_start (GdkDisplay *display)
{
  g_autoptr(GtkWidget) probe = NULL;
  g_autoptr(GtkWidget) chip = NULL;
  PoeFontWarmup *self;
  PangoContext *context;
  const cairo_font_options_t *options;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  self = g_new0 (PoeFontWarmup, 1);
  self->font_map = pango_cairo_font_map_new ();
  self->descriptions = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_font_description_free);
  self->fonts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Whatever GTK sets on a widget's context, read back rather than worked out again. */
  probe = g_object_ref_sink (gtk_label_new (NULL));
  context = gtk_widget_get_pango_context (probe);
  options = pango_cairo_context_get_font_options (context);
  self->options = options != NULL ? cairo_font_options_copy (options) : cairo_font_options_create ();
  self->resolution = pango_cairo_context_get_resolution (context);
  self->language = pango_context_get_language (context);
  self->round_glyph_positions = pango_context_get_round_glyph_positions (context);

  /* The body font, the bold of buttons, the view switcher and the "now" marker, the status
   * chips' (style.css) and the board's column titles'. */
  add_description_of (self, probe);
  if (self->descriptions->len > 0)
    {
      PangoFontDescription *bold = pango_font_description_copy (g_ptr_array_index (self->descriptions, 0));

      pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
      g_ptr_array_add (self->descriptions, bold);
    }
  chip = g_object_ref_sink (gtk_label_new (NULL));
  gtk_widget_add_css_class (chip, "chip");
  add_description_of (self, chip);
  add_column_title_description (self);

  self->thread = g_thread_new ("poe-font-warmup", warmup_thread, self);

  return self;
}

/**
 * poe_font_warmup_finish:
 * @fonts: (out) (optional) (transfer container): the fonts loaded (the tests check that
 *   the window's texts use them)
 *
 * Waits for the warm-up and frees it.
 *
 * Returns: (transfer full): the font map with the fonts loaded, for
 *   gtk_widget_set_font_map(); no other thread uses it any more
 */
PangoFontMap *
poe_font_warmup_finish (PoeFontWarmup  *self,
                        GPtrArray     **fonts)
{
  PangoFontMap *font_map;

  g_return_val_if_fail (self != NULL, NULL);

  g_thread_join (self->thread);
  font_map = g_steal_pointer (&self->font_map);
  if (fonts != NULL)
    *fonts = g_ptr_array_ref (self->fonts);
  g_ptr_array_unref (self->fonts);
  cairo_font_options_destroy (self->options);
  g_ptr_array_unref (self->descriptions);
  g_free (self);

  return font_map;
}
