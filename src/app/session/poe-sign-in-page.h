/* poe-sign-in-page.h
 *
 * The sign-in form (server address, user name, password), which emits ::sign-in for the
 * window to act on and shows its progress and errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_SIGN_IN_PAGE (poe_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeSignInPage, poe_sign_in_page, POE, SIGN_IN_PAGE, GtkWidget)

void poe_sign_in_page_set_defaults (PoeSignInPage *self,
                                    const char    *server_url,
                                    const char    *username);
void poe_sign_in_page_set_busy     (PoeSignInPage *self,
                                    gboolean       busy);
void poe_sign_in_page_show_error   (PoeSignInPage *self,
                                    const char    *message);

G_END_DECLS
