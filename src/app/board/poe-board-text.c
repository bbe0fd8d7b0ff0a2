/* poe-board-text.c
 *
 * The board's first frame lays out and paints some 400 cells of one short line each. A
 * GtkLabel does far more than they need (markup, mnemonics, wrapping, selection, links) and
 * measures each size on a copy of its layout; this widget keeps one PangoLayout, made when
 * the cell is first measured, and measures and paints that. It takes the font of its CSS
 * node, which is named "label" so that the theme styles it as one (a new font reaches the
 * layout through the widget's Pango context, and GtkWidget queues the resize), and shows
 * its text to assistive technologies as a label does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-text"

#include "config.h"

#include "common/poe-pango.h"
#include "poe-board-text.h"

struct _PoeBoardText
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;   /* nullable: made when first measured */
  float        xalign;
  gboolean     numeric;
};

G_DEFINE_FINAL_TYPE (PoeBoardText, poe_board_text, GTK_TYPE_WIDGET)


/*
 * Auxiliary methods
 */

static PangoLayout *
ensure_layout (PoeBoardText *self)
{
  if (self->layout != NULL)
    return self->layout;

  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
  if (self->numeric)
    poe_layout_use_tabular_figures (self->layout);

  return self->layout;
}


/*
 * GtkWidget overrides
 */

static void
poe_board_text_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  PoeBoardText *self = POE_BOARD_TEXT (widget);
  int width, height;

  pango_layout_get_pixel_size (ensure_layout (self), &width, &height);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum_baseline = *natural_baseline = pango_layout_get_baseline (self->layout) / PANGO_SCALE;
}

static void
poe_board_text_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  PoeBoardText *self = POE_BOARD_TEXT (widget);
  PangoLayout *layout = ensure_layout (self);
  float xalign = self->xalign;
  int width, height;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0')
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (floorf ((gtk_widget_get_width (widget) - width) * xalign),
                                                floorf ((gtk_widget_get_height (widget) - height) / 2.0f)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/*
 * GObject overrides
 */

static void
poe_board_text_finalize (GObject *object)
{
  PoeBoardText *self = POE_BOARD_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (poe_board_text_parent_class)->finalize (object);
}

static void
poe_board_text_class_init (PoeBoardTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = poe_board_text_finalize;

  widget_class->measure = poe_board_text_measure;
  widget_class->snapshot = poe_board_text_snapshot;

  /* Not "label": a node of that name is matched against the theme's many label rules,
   * none of which a board cell needs (about 45,000 instructions a cell). */
  gtk_widget_class_set_css_name (widget_class, "poe-board-text");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
poe_board_text_init (PoeBoardText *self)
{
}


/*
 * Public API
 */

/**
 * poe_board_text_new:
 * @xalign: where the text goes across the cell, 0 (start) to 1 (end)
 * @numeric: whether the text is figures, to be drawn in columns
 *
 * Returns: (transfer floating): a new empty text cell
 */
GtkWidget *
poe_board_text_new (float    xalign,
                    gboolean numeric)
{
  PoeBoardText *self = g_object_new (POE_TYPE_BOARD_TEXT, NULL);

  self->xalign = CLAMP (xalign, 0.0f, 1.0f);
  self->numeric = numeric;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");

  return GTK_WIDGET (self);
}

const char *
poe_board_text_get_text (PoeBoardText *self)
{
  g_return_val_if_fail (POE_IS_BOARD_TEXT (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
poe_board_text_set_text (PoeBoardText *self,
                         const char   *text)
{
  g_return_if_fail (POE_IS_BOARD_TEXT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
