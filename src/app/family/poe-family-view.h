/* poe-family-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-store.h"
#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_FAMILY_VIEW (poe_family_view_get_type ())

G_DECLARE_FINAL_TYPE (PoeFamilyView, poe_family_view, POE, FAMILY_VIEW, GtkWidget)

GtkWidget  *poe_family_view_new              (void);
PoeStore   *poe_family_view_get_store        (PoeFamilyView *self);
void        poe_family_view_set_store        (PoeFamilyView *self,
                                              PoeStore      *store);
const char *poe_family_view_get_case_id      (PoeFamilyView *self);
void        poe_family_view_set_case_id      (PoeFamilyView *self,
                                              const char    *case_id);
gboolean    poe_family_view_get_reveal_names (PoeFamilyView *self);
void        poe_family_view_set_reveal_names (PoeFamilyView *self,
                                              gboolean       reveal_names);
void        poe_family_view_reload           (PoeFamilyView *self);
void        poe_family_view_set_session      (PoeFamilyView *self,
                                              PoeSession    *session);
gboolean    poe_family_view_close_case       (PoeFamilyView *self,
                                              GError       **error);
PoeRecord  *poe_family_view_dup_last_notice  (PoeFamilyView *self,
                                              GError       **error);
gboolean    poe_family_view_send_notice      (PoeFamilyView *self,
                                              GError       **error);
GBytes     *poe_family_view_dup_notice_document (PoeFamilyView *self,
                                                 const char    *format,
                                                 GError       **error);

G_END_DECLS
