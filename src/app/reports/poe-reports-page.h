/* poe-reports-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_REPORTS_PAGE (poe_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeReportsPage, poe_reports_page, POE, REPORTS_PAGE, AdwBin)

G_END_DECLS
