/* poe-board-page-private.h
 *
 * Shared by poe-board-page.c, poe-board-page-keys.c and poe-board-page-rows.c; not for users of the board page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-board-model.h"
#include "poe-board-page.h"
#include "poe-flight-view.h"

G_BEGIN_DECLS

struct _PoeBoardPage
{
  GtkWidget           parent_instance;

  PoeStore           *store;
  PoeBoardModel      *model;
  PoeBoardModel      *prefetched;  /* read ahead, until load_model() takes or drops it */
  gboolean            rows_await_height;
  GtkSingleSelection *selection;
  GtkSliceListModel  *slice;     /* the rows the view has; grows to all of them */
  gulong              after_paint_id;
  guint               grow_id;
  GTimeZone          *time_zone;  /* the signed-in user's POE's: poe_store_dup_poe_time_zone() */
  GError             *error;     /* the last read that failed, shown instead of the board */
  GPtrArray          *cells;     /* PoeBoardCells of the columns */
  gboolean            reveal_names;
  guint               tick_id;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkLabel           *now_label;
  GtkLabel           *count_label;
  GtkDropDown        *window_dropdown;
  GtkDropDown        *status_dropdown;
  GtkToggleButton    *reveal_button;
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  PoeFlightView      *flight_view;  /* made when first shown */
  AdwBin             *flight_bin;
  AdwBin             *empty_bin;
  AdwBin             *no_match_bin;
};

/* poe-board-page.c */
void _poe_board_page_show_error      (PoeBoardPage   *self);

/* poe-board-page-keys.c */
void _poe_board_page_class_init_keys (GtkWidgetClass *widget_class);

/* poe-board-page-rows.c */
void _poe_board_page_class_init_rows (GtkWidgetClass *widget_class);
void _poe_board_page_init_rows       (PoeBoardPage   *self);
void _poe_board_page_show_rows       (PoeBoardPage   *self);
void _poe_board_page_start_growing   (PoeBoardPage   *self);
void _poe_board_page_stop_growing    (PoeBoardPage   *self);
void _poe_board_page_update_view     (PoeBoardPage   *self);

G_END_DECLS
