/* poe-board-page-keys.c
 *
 * What the keyboard does on the board page besides moving focus: Enter in the search opens
 * the flight it found when it found exactly one, and going back (Escape, Alt+Left: the
 * window's win.go-back) leaves a flight's page for the board.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-page"

#include "config.h"

#include "poe-board-page-private.h"


/*
 * Callbacks
 */

static void
search_activated_cb (PoeBoardPage *self)
{
  g_autoptr(PoeBoardRow) row = NULL;

  g_assert (POE_IS_BOARD_PAGE (self));

  if (self->model == NULL)
    return;

  /* The entry tells its changes after a pause: Enter typed at once still finds the text. */
  poe_board_model_set_query (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  _poe_board_page_update_view (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) != 1)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->model), 0);
  poe_board_page_show_flight (self, poe_board_row_get_flight_id (row));
}


/*
 * Private API
 */

void
_poe_board_page_class_init_keys (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
}


/*
 * Public API
 */

/**
 * poe_board_page_go_back:
 *
 * Leaves a flight's page for the board.
 *
 * Returns: whether a flight's page was shown (and the board is now)
 */
gboolean
poe_board_page_go_back (PoeBoardPage *self)
{
  g_return_val_if_fail (POE_IS_BOARD_PAGE (self), FALSE);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "flight") != 0)
    return FALSE;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  return TRUE;
}
