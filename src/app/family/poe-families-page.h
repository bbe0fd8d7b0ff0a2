/* poe-families-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-family-view.h"
#include "poe-store.h"

G_BEGIN_DECLS

#define POE_TYPE_FAMILIES_PAGE (poe_families_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamiliesPage, poe_families_page, POE, FAMILIES_PAGE, GtkWidget)

PoeStore      *poe_families_page_get_store        (PoeFamiliesPage *self);
void           poe_families_page_set_store        (PoeFamiliesPage *self,
                                                   PoeStore        *store);
void           poe_families_page_set_session      (PoeFamiliesPage *self,
                                                   PoeSession      *session);
void           poe_families_page_show_case        (PoeFamiliesPage *self,
                                                   const char      *case_id);
gboolean       poe_families_page_get_reveal_names (PoeFamiliesPage *self);
void           poe_families_page_set_reveal_names (PoeFamiliesPage *self,
                                                   gboolean         reveal_names);
GListModel    *poe_families_page_get_cases        (PoeFamiliesPage *self);
PoeFamilyView *poe_families_page_get_family_view  (PoeFamiliesPage *self);
gboolean       poe_families_page_go_back          (PoeFamiliesPage *self);

G_END_DECLS
