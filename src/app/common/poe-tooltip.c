/* poe-tooltip.c
 *
 * gtk_widget_set_tooltip_text() asks the display server where the pointer is, at once and
 * waiting for the answer, on every call (gtk_widget_trigger_tooltip_query()). For one button
 * that does not matter; for the cells of a list it is a round trip per cell, and it was a
 * good part of the board's first frame. poe_tooltip_set_text() keeps the text and gives it
 * when GTK asks for a tooltip (GtkWidget::query-tooltip), which asks nothing of the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-tooltip"

#include "config.h"

#include "poe-tooltip.h"

#define TEXT_KEY "poe-tooltip-text"


/*
 * Callbacks
 */

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), TEXT_KEY);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_tooltip_set_text:
 * @text: (nullable): the tooltip; %NULL for none
 *
 * As gtk_widget_set_tooltip_text(), without a round trip to the display server. A tooltip
 * already open keeps its old text until it is shown again.
 */
void
poe_tooltip_set_text (GtkWidget  *widget,
                      const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL &&
      g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_tooltip_cb, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  g_object_set_data_full (G_OBJECT (widget), TEXT_KEY, g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL);
}

/**
 * poe_tooltip_get_text:
 *
 * Returns: (nullable): the tooltip of @widget, set either way
 */
const char *
poe_tooltip_get_text (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  text = g_object_get_data (G_OBJECT (widget), TEXT_KEY);
  return text != NULL ? text : gtk_widget_get_tooltip_text (widget);
}
