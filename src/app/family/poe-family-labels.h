/* poe-family-labels.h
 *
 * Words and icons for the codes of a family's records (branch, sensitivity, CBP status,
 * SSR codes, documents), so every family widget says them the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *poe_family_branch_label       (const char *branch);
const char *poe_family_sensitivity_label  (const char *sensitivity);
const char *poe_family_cbp_status_label   (const char *status);
const char *poe_family_cbp_status_style   (const char *status);
const char *poe_family_relationship_label (const char *relationship);
const char *poe_family_ssr_label          (const char *code);
const char *poe_family_ssr_icon_name      (const char *code);
const char *poe_family_document_label     (const char *document);
const char *poe_family_travel_status_label (const char *status);
char       *poe_family_format_time        (GDateTime  *time,
                                           GTimeZone  *zone);

G_END_DECLS
