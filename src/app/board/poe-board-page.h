/* poe-board-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_BOARD_PAGE (poe_board_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeBoardPage, poe_board_page, POE, BOARD_PAGE, AdwBin)

G_END_DECLS
