/* poe-board-text.h
 *
 * A one-line text cell of the arrivals board: what a GtkLabel shows there, for less.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POE_TYPE_BOARD_TEXT (poe_board_text_get_type ())

G_DECLARE_FINAL_TYPE (PoeBoardText, poe_board_text, POE, BOARD_TEXT, GtkWidget)

GtkWidget  *poe_board_text_new         (float         xalign,
                                        gboolean      numeric);
const char *poe_board_text_get_text    (PoeBoardText *self);
void        poe_board_text_set_text    (PoeBoardText *self,
                                        const char   *text);

G_END_DECLS
