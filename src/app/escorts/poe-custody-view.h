/* poe-custody-view.h
 *
 * Who holds a family, its members and its documents now, and the trail of its hand-offs.
 * Follows the store's changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_CUSTODY_VIEW (poe_custody_view_get_type ())

G_DECLARE_FINAL_TYPE (PoeCustodyView, poe_custody_view, POE, CUSTODY_VIEW, GtkWidget)

GtkWidget  *poe_custody_view_new              (void);
void        poe_custody_view_set_case         (PoeCustodyView *self,
                                               PoeSession     *session,
                                               const char     *case_id);
const char *poe_custody_view_get_case_id      (PoeCustodyView *self);
void        poe_custody_view_set_reveal_names (PoeCustodyView *self,
                                               gboolean        reveal_names);
char       *poe_custody_view_dup_holder_text  (PoeCustodyView *self);
void        poe_custody_view_reload           (PoeCustodyView *self);

G_END_DECLS
