/* poe-families-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_FAMILIES_PAGE (poe_families_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamiliesPage, poe_families_page, POE, FAMILIES_PAGE, AdwBin)

G_END_DECLS
