/* poe-case-binding.h
 *
 * What the escorts views of one family share: the session, its store and the POE's time
 * zone, the case shown, whether names show, and a reload soon after the store changes one
 * of the entities the view watches. A plain struct the view embeds and disposes with itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

typedef void (*PoeCaseBindingReloadFunc) (gpointer owner);

typedef struct
{
  PoeSession               *session;
  PoeStore                 *store;
  char                     *case_id;
  GTimeZone                *zone;       /* the case's POE's: poe_case_binding_load_zone() */
  gboolean                  reveal_names;

  /*< private >*/
  GSignalGroup             *store_signals;
  const char * const       *watched_entities;
  PoeCaseBindingReloadFunc  reload;
  gpointer                  owner;
  guint                     reload_id;
} PoeCaseBinding;

void     poe_case_binding_init              (PoeCaseBinding           *self,
                                            const char * const       *watched_entities,
                                            PoeCaseBindingReloadFunc  reload,
                                            gpointer                  owner);
void     poe_case_binding_dispose           (PoeCaseBinding           *self);
void     poe_case_binding_finalize          (PoeCaseBinding           *self);
void     poe_case_binding_set_case          (PoeCaseBinding           *self,
                                            PoeSession               *session,
                                            const char               *case_id);
void     poe_case_binding_set_reveal_names  (PoeCaseBinding           *self,
                                            gboolean                  reveal_names);
void     poe_case_binding_cancel_reload     (PoeCaseBinding           *self);
gboolean poe_case_binding_load_zone         (PoeCaseBinding           *self,
                                            GError                  **error);

G_END_DECLS
