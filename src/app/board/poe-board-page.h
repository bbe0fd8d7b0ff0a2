/* poe-board-page.h
 *
 * The Arrivals page: the live board of today's flights and, from a row, the manifest of
 * one flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-board-model.h"
#include "poe-store.h"

#include "poe-flight-view.h"

G_BEGIN_DECLS

#define POE_TYPE_BOARD_PAGE (poe_board_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeBoardPage, poe_board_page, POE, BOARD_PAGE, GtkWidget)

void           poe_board_page_get_default_window   (GDateTime     *now,
                                                    GDateTime    **from,
                                                    GDateTime    **to);
PoeBoardModel *poe_board_page_prefetch_model       (PoeStore      *store);

void           poe_board_page_set_store        (PoeBoardPage *self,
                                                PoeStore     *store);
void           poe_board_page_set_store_prefetched (PoeBoardPage  *self,
                                                    PoeStore      *store,
                                                    PoeBoardModel *model);
gboolean       poe_board_page_get_reveal_names (PoeBoardPage *self);
void           poe_board_page_set_reveal_names (PoeBoardPage *self,
                                                gboolean      reveal_names);
void           poe_board_page_start_search     (PoeBoardPage *self);
gboolean       poe_board_page_go_back          (PoeBoardPage *self);
void           poe_board_page_set_query        (PoeBoardPage *self,
                                                const char   *query);
void           poe_board_page_show_flight      (PoeBoardPage *self,
                                                const char   *flight_id);
PoeBoardModel *poe_board_page_get_model        (PoeBoardPage *self);
PoeFlightView *poe_board_page_get_flight_view  (PoeBoardPage *self);

G_END_DECLS
