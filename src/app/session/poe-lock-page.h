/* poe-lock-page.h
 *
 * The page the window shows while locked: the signed-in user name, a password field and a
 * way to sign out; nothing of the families.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_LOCK_PAGE (poe_lock_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeLockPage, poe_lock_page, POE, LOCK_PAGE, GtkWidget)

void poe_lock_page_set_username (PoeLockPage *self,
                                 const char  *username);
void poe_lock_page_reset        (PoeLockPage *self);
void poe_lock_page_show_error   (PoeLockPage *self,
                                 const char  *message);

G_END_DECLS
