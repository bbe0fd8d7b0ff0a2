/* poe-incidents-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_INCIDENTS_PAGE (poe_incidents_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeIncidentsPage, poe_incidents_page, POE, INCIDENTS_PAGE, AdwBin)

G_END_DECLS
