/* poe-read-error.h
 *
 * What the user sees when the local store could not be read: the store's own words and what
 * to do, as a page in place of a view (PoeReadErrorPage, with "Try Again") or as the window's
 * bar for reads around a view (poe_read_error_report()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POE_TYPE_READ_ERROR_PAGE (poe_read_error_page_get_type ())

G_DECLARE_FINAL_TYPE (PoeReadErrorPage, poe_read_error_page, POE, READ_ERROR_PAGE, GtkWidget)

GtkWidget  *poe_read_error_page_new          (void);
void        poe_read_error_page_set_error    (PoeReadErrorPage *self,
                                              const GError     *error);
const char *poe_read_error_page_get_text     (PoeReadErrorPage *self);

char       *poe_read_error_dup_text          (const GError     *error);
gboolean    poe_read_error_report            (GtkWidget        *widget,
                                              const GError     *error);

G_END_DECLS
