/* poe-family-member-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-record.h"

G_BEGIN_DECLS

#define POE_TYPE_FAMILY_MEMBER_ROW (poe_family_member_row_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamilyMemberRow, poe_family_member_row, POE, FAMILY_MEMBER_ROW, GtkListBoxRow)

GtkWidget *poe_family_member_row_new    (void);
void       poe_family_member_row_update (PoeFamilyMemberRow *self,
                                         PoeRecord          *person,
                                         gboolean            reveal_names,
                                         GDateTime          *today);
void       poe_family_member_row_set_reception (PoeFamilyMemberRow *self,
                                                const char         *state);

G_END_DECLS
