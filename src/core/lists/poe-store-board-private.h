/* poe-store-board-private.h
 *
 * Shared by poe-store-board.c and poe-store-lists.c, the store reads of the lists; not for
 * users of the lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store-board.h"
#include "poe-store-private.h"

G_BEGIN_DECLS

char *_poe_store_ids_to_json (const char * const *ids);

G_END_DECLS
