/* poe-application.h
 *
 * PoeApplication, poe-desk's AdwApplication: it owns the settings and the signed-in session
 * every window shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_APPLICATION (poe_application_get_type ())

G_DECLARE_FINAL_TYPE (PoeApplication, poe_application, POE, APPLICATION, AdwApplication)

PoeApplication *poe_application_new          (void);
GSettings      *poe_application_get_settings (PoeApplication *self);
PoeSession     *poe_application_get_session  (PoeApplication *self);

G_END_DECLS
