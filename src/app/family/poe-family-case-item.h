/* poe-family-case-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "poe-family-snapshot.h"

G_BEGIN_DECLS

#define POE_TYPE_FAMILY_CASE_ITEM (poe_family_case_item_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamilyCaseItem, poe_family_case_item, POE, FAMILY_CASE_ITEM, GObject)

PoeFamilyCaseItem *poe_family_case_item_new             (const char        *case_id);
const char        *poe_family_case_item_get_case_id     (PoeFamilyCaseItem *self);
const char        *poe_family_case_item_get_title       (PoeFamilyCaseItem *self);
const char        *poe_family_case_item_get_subtitle    (PoeFamilyCaseItem *self);
const char        *poe_family_case_item_get_badge       (PoeFamilyCaseItem *self);
const char        *poe_family_case_item_get_progress    (PoeFamilyCaseItem *self);
double             poe_family_case_item_get_fraction    (PoeFamilyCaseItem *self);
const char        *poe_family_case_item_get_search_text (PoeFamilyCaseItem *self);
void               poe_family_case_item_update          (PoeFamilyCaseItem *self,
                                                         const char        *title,
                                                         const char        *subtitle,
                                                         const char        *progress,
                                                         double             fraction,
                                                         const char        *search_text);
void               poe_family_case_item_fill            (PoeFamilyCaseItem *self,
                                                         PoeFamilySnapshot *snapshot,
                                                         gboolean           reveal_names);

G_END_DECLS
