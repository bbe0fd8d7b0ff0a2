/* poe-idle-monitor.h
 *
 * Tells the window when it has had no input for a while and when the desktop session locks
 * or the computer is about to sleep, so that the app can lock itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define POE_TYPE_IDLE_MONITOR (poe_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (PoeIdleMonitor, poe_idle_monitor, POE, IDLE_MONITOR, GObject)

PoeIdleMonitor *poe_idle_monitor_new                 (GtkWindow      *window);
void            poe_idle_monitor_set_timeout_seconds (PoeIdleMonitor *self,
                                                      guint           seconds);
guint           poe_idle_monitor_get_timeout_seconds (PoeIdleMonitor *self);
void            poe_idle_monitor_reset               (PoeIdleMonitor *self);

G_END_DECLS
