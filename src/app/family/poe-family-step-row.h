/* poe-family-step-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_FAMILY_STEP_ROW (poe_family_step_row_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamilyStepRow, poe_family_step_row, POE, FAMILY_STEP_ROW, GtkListBoxRow)

GtkWidget  *poe_family_step_row_new           (const char       *step_id,
                                               const char       *person_id,
                                               const char       *title,
                                               gboolean          optional);
const char *poe_family_step_row_get_step_id   (PoeFamilyStepRow *self);
const char *poe_family_step_row_get_person_id (PoeFamilyStepRow *self);
const char *poe_family_step_row_get_title     (PoeFamilyStepRow *self);
void        poe_family_step_row_set_subject   (PoeFamilyStepRow *self,
                                               const char       *subject);
void        poe_family_step_row_set_state     (PoeFamilyStepRow *self,
                                               gboolean          done,
                                               const char       *meta,
                                               const char       *note,
                                               gboolean          pending);
gboolean    poe_family_step_row_get_done      (PoeFamilyStepRow *self);
GtkWidget  *poe_family_step_row_get_check     (PoeFamilyStepRow *self);

G_END_DECLS
