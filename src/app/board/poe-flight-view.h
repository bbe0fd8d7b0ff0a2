/* poe-flight-view.h
 *
 * The manifest of one flight: every family expected on it with met, CBP, bags and onward
 * state; families not met after the flight is in, and families not on the manifest,
 * stand out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-store.h"

G_BEGIN_DECLS

#define POE_TYPE_FLIGHT_VIEW (poe_flight_view_get_type ())

G_DECLARE_FINAL_TYPE (PoeFlightView, poe_flight_view, POE, FLIGHT_VIEW, GtkWidget)

void        poe_flight_view_set_store        (PoeFlightView *self,
                                              PoeStore      *store);
void        poe_flight_view_set_flight_id    (PoeFlightView *self,
                                              const char    *flight_id);
const char *poe_flight_view_get_flight_id    (PoeFlightView *self);
void        poe_flight_view_set_reveal_names (PoeFlightView *self,
                                              gboolean       reveal_names);
guint       poe_flight_view_get_n_families   (PoeFlightView *self);
guint       poe_flight_view_get_n_not_met    (PoeFlightView *self);

G_END_DECLS
