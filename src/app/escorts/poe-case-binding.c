/* poe-case-binding.c
 *
 * The part every escorts view of one family embeds (the custody view, the vouchers view): it
 * follows the session's store, keeps the POE's time zone and the case shown, and reloads its
 * owner once, from an idle, after the store changes one of the entities the owner watches,
 * or at once when the case or whether names show changes.
 * The zone is the case's POE's (poe_case_binding_load_zone()), read with each reload.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-binding"

#include "config.h"

#include "poe-case-binding.h"


/*
 * Callbacks
 */

static gboolean
reload_idle_cb (gpointer user_data)
{
  PoeCaseBinding *self = user_data;

  self->reload_id = 0;
  self->reload (self->owner);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (PoeCaseBinding     *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (self->owner != NULL);

  if (self->case_id != NULL && g_strv_contains (self->watched_entities, entity) && self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}


/*
 * Public API
 */

/**
 * poe_case_binding_init:
 * @watched_entities: (array zero-terminated=1): the entities whose changes reload the view;
 *   kept, not copied
 * @reload: reads the view again, called with @owner
 * @owner: the view that embeds @self
 */
void
poe_case_binding_init (PoeCaseBinding           *self,
                       const char * const       *watched_entities,
                       PoeCaseBindingReloadFunc  reload,
                       gpointer                  owner)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (watched_entities != NULL && reload != NULL);

  self->watched_entities = watched_entities;
  self->reload = reload;
  self->owner = owner;
  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
}

/**
 * poe_case_binding_dispose:
 *
 * Lets go of the session and the store, for the owner's dispose; safe to run twice.
 */
void
poe_case_binding_dispose (PoeCaseBinding *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_pointer (&self->zone, g_time_zone_unref);
}

/**
 * poe_case_binding_finalize:
 *
 * Frees what is left, for the owner's finalize.
 */
void
poe_case_binding_finalize (PoeCaseBinding *self)
{
  g_clear_pointer (&self->case_id, g_free);
}

/**
 * poe_case_binding_set_case:
 * @session: (nullable): the signed-in session
 * @case_id: (nullable): the family to show
 *
 * Follows @session's store and reloads the owner.
 */
void
poe_case_binding_set_case (PoeCaseBinding *self,
                           PoeSession     *session,
                           const char     *case_id)
{
  PoeStore *store;

  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  g_set_object (&self->session, session);
  store = session ? poe_session_get_store (session) : NULL;
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);

  self->reload (self->owner);
}

/**
 * poe_case_binding_load_zone:
 *
 * Reads the zone of the case's POE into @self->zone (poe_store_dup_poe_time_zone()), for
 * the owner's reload, so its times follow the POE. A case not on this device is told at
 * the signed-in user's POE.
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
poe_case_binding_load_zone (PoeCaseBinding  *self,
                            GError         **error)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) local_error = NULL;
  GTimeZone *zone;

  g_return_val_if_fail (self->store != NULL && self->case_id != NULL, FALSE);

  kase = poe_store_get (self->store, "case", self->case_id, &local_error);
  if (kase == NULL && !g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(zone = poe_store_dup_poe_time_zone (self->store, kase, error)))
    return FALSE;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  return TRUE;
}

/**
 * poe_case_binding_set_reveal_names:
 *
 * Reloads the owner when whether names show changes.
 */
void
poe_case_binding_set_reveal_names (PoeCaseBinding *self,
                                   gboolean        reveal_names)
{
  if (self->reveal_names == !!reveal_names)
    return;

  self->reveal_names = !!reveal_names;
  self->reload (self->owner);
}

/**
 * poe_case_binding_cancel_reload:
 *
 * Drops a reload the store's changes asked for, for the owner that reloads now.
 */
void
poe_case_binding_cancel_reload (PoeCaseBinding *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
}
