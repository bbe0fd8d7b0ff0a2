/* poe-central-feed.h
 *
 * The command line of poe-central's flight feed (--feed …) and of its ports of entry
 * (poe add / poe list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-server.h"
#include "poe-feed.h"

G_BEGIN_DECLS

GOptionGroup *poe_central_feed_option_group (void);
gboolean      poe_central_feed_is_demo      (void);
gboolean      poe_central_feed_start        (PoeServer   *server,
                                             GError     **error);
void          poe_central_feed_stop         (void);
PoeFeed      *poe_central_feed_get          (void);
int           poe_central_poe_command       (int          argc,
                                             char       **argv,
                                             const char  *db);

G_END_DECLS
