/* poe-shifts-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_SHIFTS_PAGE (poe_shifts_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeShiftsPage, poe_shifts_page, POE, SHIFTS_PAGE, AdwBin)

G_END_DECLS
