/* poe-window-private.h
 *
 * Shared by poe-window.c (the window and its pages) and poe-window-session.c (signing in,
 * locking, signing out, the sync indicator and the conflicts inbox).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-notifier.h"
#include "session/poe-idle-monitor.h"
#include "session/poe-lock-page.h"
#include "session/poe-session.h"
#include "session/poe-sign-in-page.h"
#include "sync/poe-sync-status.h"

#include "poe-window.h"

G_BEGIN_DECLS

/* The pages after the board, in the order of the view stack */
typedef enum
{
  POE_WINDOW_PAGE_FAMILIES,
  POE_WINDOW_PAGE_ESCORTS,
  POE_WINDOW_PAGE_INCIDENTS,
  POE_WINDOW_PAGE_SHIFTS,
  POE_WINDOW_PAGE_REPORTS,
  POE_WINDOW_N_LAZY_PAGES
} PoeWindowLazyPage;

struct _PoeWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PoeSession           *session;
  PoeIdleMonitor       *idle_monitor;
  PoeNotifier          *notifier;
  guint                 notifier_id;
  guint                 restoring_id;
  GCancellable         *cancellable;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *session_stack;
  GtkSpinner           *restoring_spinner;
  AdwBin               *sign_in_bin;
  AdwBin               *lock_bin;
  AdwHeaderBar         *header_bar;
  AdwSqueezer          *switcher_squeezer;
  GtkWidget            *window_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  AdwViewStack         *stack;
  PoeSyncStatus        *sync_status;
  GtkRevealer          *offline_revealer;
  GtkLabel             *offline_label;
  GtkRevealer          *read_error_revealer;
  GtkLabel             *read_error_label;
  GtkWidget            *board_page;
  AdwBin               *page_bins[POE_WINDOW_N_LAZY_PAGES];

  /* Built when first shown: NULL until then */
  GtkWidget            *pages[POE_WINDOW_N_LAZY_PAGES];
  PoeSignInPage        *sign_in_page;
  PoeLockPage          *lock_page;
  GtkWindow            *help_overlay;
};

void _poe_window_class_init_session (GtkWidgetClass *widget_class);
void _poe_window_init_session       (PoeWindow      *self);
void _poe_window_store_changed      (PoeWindow      *self);
void _poe_window_hide_names         (PoeWindow      *self);

G_END_DECLS
