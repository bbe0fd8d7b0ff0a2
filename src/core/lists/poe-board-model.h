/* poe-board-model.h
 *
 * The arrivals board as a GListModel: one PoeBoardRow per flight of a time window, with the
 * counts of its families, kept up to date from PoeStore::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-risk.h"
#include "poe-store.h"
#include "poe-store-board.h"

G_BEGIN_DECLS

#define POE_TYPE_BOARD_ROW (poe_board_row_get_type ())
#define POE_TYPE_BOARD_MODEL (poe_board_model_get_type ())

G_DECLARE_FINAL_TYPE (PoeBoardRow, poe_board_row, POE, BOARD_ROW, GObject)
G_DECLARE_FINAL_TYPE (PoeBoardModel, poe_board_model, POE, BOARD_MODEL, GObject)

PoeRecord          *poe_board_row_get_flight                (PoeBoardRow         *self);
const char         *poe_board_row_get_flight_id             (PoeBoardRow         *self);
const PoeFlightSummary *poe_board_row_get_summary           (PoeBoardRow         *self);
guint               poe_board_row_get_n_families            (PoeBoardRow         *self);
guint               poe_board_row_get_n_persons             (PoeBoardRow         *self);
guint               poe_board_row_get_n_met                 (PoeBoardRow         *self);
guint               poe_board_row_get_n_cbp_cleared         (PoeBoardRow         *self);
guint               poe_board_row_get_n_onward_done         (PoeBoardRow         *self);
guint               poe_board_row_get_n_wheelchair          (PoeBoardRow         *self);
guint               poe_board_row_get_n_medical             (PoeBoardRow         *self);
guint               poe_board_row_get_n_urm                 (PoeBoardRow         *self);
const char * const *poe_board_row_get_interpreter_languages (PoeBoardRow         *self);
PoeRiskLevel        poe_board_row_get_risk                  (PoeBoardRow         *self);

PoeBoardModel      *poe_board_model_new                     (PoeStore            *store,
                                                             GDateTime           *from,
                                                             GDateTime           *to,
                                                             GError             **error);
PoeBoardModel      *poe_board_model_new_full                (PoeStore            *store,
                                                             GDateTime           *from,
                                                             GDateTime           *to,
                                                             guint                page_size,
                                                             GError             **error);
gboolean            poe_board_model_get_loading             (PoeBoardModel       *self);
const GError       *poe_board_model_get_error               (PoeBoardModel       *self);
gboolean            poe_board_model_ensure_loaded           (PoeBoardModel       *self,
                                                             guint                position,
                                                             guint                n_items,
                                                             GError             **error);
PoeStore           *poe_board_model_get_store               (PoeBoardModel       *self);
GDateTime          *poe_board_model_get_now                 (PoeBoardModel       *self);
void                poe_board_model_set_now                 (PoeBoardModel       *self,
                                                             GDateTime           *now);
const char         *poe_board_model_get_query               (PoeBoardModel       *self);
void                poe_board_model_set_query               (PoeBoardModel       *self,
                                                             const char          *query);
const char * const *poe_board_model_get_statuses            (PoeBoardModel       *self);
void                poe_board_model_set_statuses            (PoeBoardModel       *self,
                                                             const char * const  *statuses);
gboolean            poe_board_model_get_reveal_names        (PoeBoardModel       *self);
void                poe_board_model_set_reveal_names        (PoeBoardModel       *self,
                                                             gboolean             reveal_names);
guint               poe_board_model_get_n_flights           (PoeBoardModel       *self);
PoeBoardRow        *poe_board_model_lookup                  (PoeBoardModel       *self,
                                                             const char          *flight_id);

G_END_DECLS
