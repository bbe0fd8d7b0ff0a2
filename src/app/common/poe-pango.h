/* poe-pango.h
 *
 * Small Pango helpers the app's own text widgets share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

void poe_layout_use_tabular_figures (PangoLayout *layout);

G_END_DECLS
