/* poe-case-list-model.h
 *
 * The families of one flight, or of every flight of a day, as a GListModel of PoeCaseRow,
 * kept up to date from PoeStore::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-risk.h"
#include "poe-store.h"

G_BEGIN_DECLS

#define POE_TYPE_CASE_ROW (poe_case_row_get_type ())
#define POE_TYPE_CASE_LIST_MODEL (poe_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (PoeCaseRow, poe_case_row, POE, CASE_ROW, GObject)
G_DECLARE_FINAL_TYPE (PoeCaseListModel, poe_case_list_model, POE, CASE_LIST_MODEL, GObject)

const char         *poe_case_row_get_id                  (PoeCaseRow          *self);
const char         *poe_case_row_get_case_number         (PoeCaseRow          *self);
const char         *poe_case_row_get_initials            (PoeCaseRow          *self);
const char         *poe_case_row_get_branch              (PoeCaseRow          *self);
const char         *poe_case_row_get_sensitivity         (PoeCaseRow          *self);
const char         *poe_case_row_get_flight_id           (PoeCaseRow          *self);
guint               poe_case_row_get_n_persons           (PoeCaseRow          *self);
guint               poe_case_row_get_n_done              (PoeCaseRow          *self);
guint               poe_case_row_get_n_required          (PoeCaseRow          *self);
double              poe_case_row_get_progress            (PoeCaseRow          *self);
PoeRiskLevel        poe_case_row_get_risk                (PoeCaseRow          *self);

PoeCaseListModel   *poe_case_list_model_new_for_flight   (PoeStore            *store,
                                                          const char          *flight_id,
                                                          GError             **error);
PoeCaseListModel   *poe_case_list_model_new_between      (PoeStore            *store,
                                                          GDateTime           *from,
                                                          GDateTime           *to,
                                                          GError             **error);
void                poe_case_list_model_set_now          (PoeCaseListModel    *self,
                                                          GDateTime           *now);
void                poe_case_list_model_set_query        (PoeCaseListModel    *self,
                                                          const char          *query);
void                poe_case_list_model_set_branch       (PoeCaseListModel    *self,
                                                          const char          *branch);
void                poe_case_list_model_set_sensitivity  (PoeCaseListModel    *self,
                                                          const char          *sensitivity);
void                poe_case_list_model_set_reveal_names (PoeCaseListModel    *self,
                                                          gboolean             reveal_names);
const GError       *poe_case_list_model_get_error        (PoeCaseListModel    *self);
PoeCaseRow         *poe_case_list_model_lookup           (PoeCaseListModel    *self,
                                                          const char          *case_id);

G_END_DECLS
