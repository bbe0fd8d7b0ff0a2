/* poe-board-cells.h
 *
 * One column of the arrivals board: its title and the list-item factory that draws its
 * cells from a PoeBoardRow, redrawn whenever the row changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POE_TYPE_BOARD_CELLS (poe_board_cells_get_type ())

G_DECLARE_FINAL_TYPE (PoeBoardCells, poe_board_cells, POE, BOARD_CELLS, GObject)

guint               poe_board_cells_get_n_kinds   (void);
PoeBoardCells      *poe_board_cells_new           (guint          kind);
const char         *poe_board_cells_get_title     (PoeBoardCells *self);
gboolean            poe_board_cells_get_expands   (PoeBoardCells *self);
GtkListItemFactory *poe_board_cells_get_factory   (PoeBoardCells *self);
void                poe_board_cells_set_time_zone (PoeBoardCells *self,
                                                   GTimeZone     *time_zone);
char               *poe_board_format_status       (const char    *status);
char               *poe_board_format_risk         (int            level);
const char         *poe_board_risk_css_class      (int            level);
const char         *poe_board_status_css_class    (const char    *status);

G_END_DECLS
