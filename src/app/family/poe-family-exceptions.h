/* poe-family-exceptions.h
 *
 * The exception path's part of the family page: the missed-connection proposal, the case
 * history, the overnight stay and the ground transport, with the actions that open their
 * dialogs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-family-snapshot.h"

G_BEGIN_DECLS

#define POE_TYPE_FAMILY_EXCEPTIONS (poe_family_exceptions_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamilyExceptions, poe_family_exceptions, POE, FAMILY_EXCEPTIONS, GtkWidget)

GtkWidget *poe_family_exceptions_new                 (void);
void       poe_family_exceptions_update              (PoeFamilyExceptions *self,
                                                      PoeStore            *store,
                                                      PoeFamilySnapshot   *snapshot,
                                                      gboolean             reveal_names);
gboolean   poe_family_exceptions_get_missed_proposed (PoeFamilyExceptions *self);

G_END_DECLS
