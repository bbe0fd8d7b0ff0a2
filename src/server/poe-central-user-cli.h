/* poe-central-user-cli.h
 *
 * `poe-central user …`: the accounts from the command line (poe-central-user-cli.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int  poe_central_user_cli  (const char         *db,
                            const char         *role,
                            const char         *poe,
                            const char * const *args,
                            guint               n_args);

G_END_DECLS
