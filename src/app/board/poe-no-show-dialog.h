/* poe-no-show-dialog.h
 *
 * The flight page's head count of one family: who was not on the flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-store.h"

G_BEGIN_DECLS

AdwMessageDialog *poe_no_show_dialog_present (GtkWidget  *parent,
                                              PoeStore   *store,
                                              PoeRecord  *flight,
                                              const char *case_id,
                                              GTimeZone  *zone);

G_END_DECLS
