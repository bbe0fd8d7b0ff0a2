/* poe-member-label.h
 *
 * How one member of a family is told apart from the others wherever a person is shown or
 * picked: initials (or the name once revealed), sex, age at the POE's today and
 * relationship, "B. M. · Spouse · F, 34". One derivation for the member rows, the incident
 * editor, the vouchers, the hand-off dialog and the flight page. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-record.h"

G_BEGIN_DECLS

const char *poe_family_relationship_name   (const char *relationship);
int         poe_family_age_in_months       (const char *date_of_birth,
                                            GDateTime  *today);
char       *poe_family_dup_member_facts    (PoeRecord  *person,
                                            GDateTime  *today);
char       *poe_family_dup_member_label    (PoeRecord  *person,
                                            gboolean    reveal_names,
                                            GDateTime  *today);

G_END_DECLS
