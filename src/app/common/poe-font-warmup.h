/* poe-font-warmup.h
 *
 * The fonts of the main window's first frame, loaded on a worker thread while the window
 * is built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _PoeFontWarmup PoeFontWarmup;

PoeFontWarmup *poe_font_warmup_start  (GdkDisplay    *display);
PangoFontMap  *poe_font_warmup_finish (PoeFontWarmup  *warmup,
                                       GPtrArray     **fonts);

G_END_DECLS
