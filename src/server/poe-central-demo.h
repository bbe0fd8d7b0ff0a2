/* poe-central-demo.h
 *
 * Users of poe-central, and its --demo mode: a synthetic day and a simulated flight feed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-server.h"

G_BEGIN_DECLS

gboolean  poe_central_add_user          (PoeServer   *server,
                                         const char  *username,
                                         const char  *role,
                                         const char  *poe,
                                         const char  *password,
                                         GError     **error);
gboolean  poe_central_set_user_role     (PoeServer   *server,
                                         const char  *username,
                                         const char  *role,
                                         GError     **error);
gboolean  poe_central_set_user_password (PoeServer   *server,
                                         const char  *username,
                                         const char  *password,
                                         GError     **error);
gboolean  poe_central_set_user_disabled (PoeServer   *server,
                                         const char  *username,
                                         gboolean     disabled,
                                         GError     **error);
char     *poe_central_demo_password_new (void);
gboolean  poe_central_demo_seed         (PoeServer   *server,
                                         const char  *password,
                                         GError     **error);
void      poe_central_demo_feed_start   (PoeServer   *server,
                                         double       clock_speed);
void      poe_central_demo_feed_stop    (void);

G_END_DECLS
