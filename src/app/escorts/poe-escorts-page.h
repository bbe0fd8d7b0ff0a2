/* poe-escorts-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_ESCORTS_PAGE (poe_escorts_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeEscortsPage, poe_escorts_page, POE, ESCORTS_PAGE, AdwBin)

G_END_DECLS
