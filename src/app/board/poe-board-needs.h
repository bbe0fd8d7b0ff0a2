/* poe-board-needs.h
 *
 * The Needs cell of the arrivals board: an icon and a count per need, and the interpreter
 * languages, in one widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POE_TYPE_BOARD_NEEDS (poe_board_needs_get_type ())

G_DECLARE_FINAL_TYPE (PoeBoardNeeds, poe_board_needs, POE, BOARD_NEEDS, GtkWidget)

GtkWidget   *poe_board_needs_new             (void);
void         poe_board_needs_set             (PoeBoardNeeds      *self,
                                              guint               n_wheelchair,
                                              guint               n_medical,
                                              guint               n_urm,
                                              const char * const *languages);
guint        poe_board_needs_get_n_items     (PoeBoardNeeds      *self);
const char  *poe_board_needs_get_item_text   (PoeBoardNeeds      *self,
                                              guint               position);
const char  *poe_board_needs_get_item_tooltip (PoeBoardNeeds     *self,
                                              guint               position);
const char  *poe_board_needs_get_item_icon   (PoeBoardNeeds      *self,
                                              guint               position);
int          poe_board_needs_get_item_at     (PoeBoardNeeds      *self,
                                              int                 x);
char        *poe_board_needs_dup_description (PoeBoardNeeds      *self);

G_END_DECLS
