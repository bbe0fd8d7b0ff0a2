/* poe-accessible.h
 *
 * Names for assistive technologies where GTK 4.8 gets them wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void poe_accessible_name_mnemonic_buttons (GtkWidget *root);

G_END_DECLS
