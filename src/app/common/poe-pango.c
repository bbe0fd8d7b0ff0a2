/* poe-pango.c
 *
 * Pango helpers for the app's own text widgets, which draw a PangoLayout instead of using a
 * GtkLabel: figures of one width, as the theme's .numeric class gives a label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-pango"

#include "config.h"

#include "poe-pango.h"

/**
 * poe_layout_use_tabular_figures:
 *
 * What the theme's .numeric does for a label: figures of one width, so that they stand in
 * columns ("tnum"). Replaces the attributes of @layout.
 */
void
poe_layout_use_tabular_figures (PangoLayout *layout)
{
  PangoAttrList *attrs;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}
