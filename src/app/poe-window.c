/* poe-window.c
 *
 * The main window and its pages: the board is built with the window; the families, escorts,
 * incidents, shifts and reports pages are built in their bins when first shown and get the
 * session then. The window keeps its size in the settings, shows a family or a flight when
 * asked (by the board or a notification), opens the anomaly form for a flight, shows the
 * tabs in a bottom bar when it is narrow, builds the main menu and the shortcuts window on
 * first use, and hides revealed names on every page when it locks. Signing in, locking, the
 * sync indicator and the notifier are in poe-window-session.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-window"

#include "config.h"

#include <glib/gi18n.h>

#include "board/poe-board-page.h"
#include "common/poe-accessible.h"
#include "common/poe-tooltip.h"
#include "escorts/poe-escorts-page.h"
#include "family/poe-families-page.h"
#include "incidents/poe-anomaly-dialog.h"
#include "incidents/poe-incidents-page.h"
#include "reports/poe-reports-page.h"
#include "shifts/poe-shifts-page.h"

#include "poe-bench-hook.h"
#include "poe-window-private.h"

G_DEFINE_FINAL_TYPE (PoeWindow, poe_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The type of each page after the board, indexed by PoeWindowLazyPage */
static GType (* const lazy_page_types[POE_WINDOW_N_LAZY_PAGES]) (void) = {
  poe_families_page_get_type,
  poe_escorts_page_get_type,
  poe_incidents_page_get_type,
  poe_shifts_page_get_type,
  poe_reports_page_get_type,
};

static void
set_page_session (PoeWindowLazyPage  which,
                  GtkWidget         *page,
                  PoeSession        *session)
{
  switch (which)
    {
    case POE_WINDOW_PAGE_FAMILIES:
      poe_families_page_set_session (POE_FAMILIES_PAGE (page), session);
      break;
    case POE_WINDOW_PAGE_ESCORTS:
      poe_escorts_page_set_session (POE_ESCORTS_PAGE (page), session);
      break;
    case POE_WINDOW_PAGE_INCIDENTS:
      poe_incidents_page_set_session (POE_INCIDENTS_PAGE (page), session);
      break;
    case POE_WINDOW_PAGE_SHIFTS:
      poe_shifts_page_set_session (POE_SHIFTS_PAGE (page), session);
      break;
    case POE_WINDOW_PAGE_REPORTS:
      poe_reports_page_set_session (POE_REPORTS_PAGE (page), session);
      break;
    case POE_WINDOW_N_LAZY_PAGES:
    default:
      g_assert_not_reached ();
    }
}

/* Revealed names fall back to initials (the shifts and reports pages show none). */
static void
hide_page_names (PoeWindowLazyPage  which,
                 GtkWidget         *page)
{
  switch (which)
    {
    case POE_WINDOW_PAGE_FAMILIES:
      poe_families_page_set_reveal_names (POE_FAMILIES_PAGE (page), FALSE);
      break;
    case POE_WINDOW_PAGE_ESCORTS:
      poe_escorts_page_set_reveal_names (POE_ESCORTS_PAGE (page), FALSE);
      break;
    case POE_WINDOW_PAGE_INCIDENTS:
      poe_incidents_page_set_reveal_names (POE_INCIDENTS_PAGE (page), FALSE);
      break;
    case POE_WINDOW_PAGE_SHIFTS:
    case POE_WINDOW_PAGE_REPORTS:
      break;
    case POE_WINDOW_N_LAZY_PAGES:
    default:
      g_assert_not_reached ();
    }
}


/*
 * Auxiliary methods
 */

static void
restore_window_state (PoeWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (PoeWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* A maximized window keeps the size it had before, to come back to it. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}


/* The session the pages read, or NULL while there is no store. */
static PoeSession *
page_session (PoeWindow *self)
{
  return poe_session_get_store (self->session) != NULL ? self->session : NULL;
}

/* Builds the page @which in its bin the first time it is needed. */
static GtkWidget *
ensure_page (PoeWindow         *self,
             PoeWindowLazyPage  which)
{
  GtkWidget *page;

  if (self->pages[which] != NULL)
    return self->pages[which];

  page = g_object_new (lazy_page_types[which] (), NULL);
  set_page_session (which, page, page_session (self));
  adw_bin_set_child (self->page_bins[which], page);
  self->pages[which] = page;

  return page;
}

/* Builds the page that has just become visible, if it is one of the lazy ones. */
static void
ensure_visible_page (PoeWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);

  for (guint i = 0; i < POE_WINDOW_N_LAZY_PAGES; i++)
    if (child == GTK_WIDGET (self->page_bins[i]))
      ensure_page (self, i);
}


/*
 * Callbacks
 */

static void
board_open_case_cb (PoeWindow  *self,
                    const char *case_id)
{
  g_assert (POE_IS_WINDOW (self));

  poe_window_show_case (self, case_id);
}

static void
report_anomaly_cb (PoeWindow  *self,
                   const char *flight_id)
{
  PoeAnomalyDialog *dialog;

  g_assert (POE_IS_WINDOW (self));

  if (poe_session_get_state (self->session) != POE_SESSION_READY)
    return;

  dialog = poe_anomaly_dialog_new (self->session, flight_id, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PoeWindow *self = POE_WINDOW (widget);

  poe_window_set_visible_page (self, "arrivals");
  poe_board_page_start_search (POE_BOARD_PAGE (self->board_page));
}

/* The keys of each shortcut named by its action, as set with
 * gtk_application_set_accels_for_action(), after any the .ui gives (Escape, which is a
 * binding of the window). GTK fills them in only in the application's own help overlay. */
static void
fill_accelerators (GtkWidget      *widget,
                   GtkApplication *app)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    fill_accelerators (child, app);

  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *given = NULL;
      g_autoptr(GString) keys = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "action-name", &action, "accelerator", &given, NULL);
      if (action == NULL)
        return;

      keys = g_string_new (given);
      accels = gtk_application_get_accels_for_action (app, action);
      for (guint i = 0; accels[i] != NULL; i++)
        g_string_append_printf (keys, "%s%s", keys->len > 0 ? " " : "", accels[i]);
      g_object_set (widget, "accelerator", keys->str, NULL);
    }
}

/* GtkApplication would build the shortcuts window with each main window, at start-up, from
 * the resource gtk/help-overlay.ui; it is built here when first asked for. */
static void
show_help_overlay_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PoeWindow *self = POE_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/poe-shortcuts-window.ui");

      self->help_overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      g_object_add_weak_pointer (G_OBJECT (self->help_overlay), (gpointer *) &self->help_overlay);
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (self->help_overlay, TRUE);
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
        fill_accelerators (GTK_WIDGET (self->help_overlay), gtk_window_get_application (GTK_WINDOW (self)));
    }

  gtk_window_present (self->help_overlay);
}

/* Back from a flight, a family or an incident to its list, where the page shows a back
 * button; FALSE when there is nowhere to go back to. */
static gboolean
go_back (PoeWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->stack);
  GtkWidget *families = self->pages[POE_WINDOW_PAGE_FAMILIES];
  GtkWidget *incidents = self->pages[POE_WINDOW_PAGE_INCIDENTS];

  if (!gtk_widget_get_mapped (child))
    return FALSE;
  if (child == self->board_page)
    return poe_board_page_go_back (POE_BOARD_PAGE (self->board_page));
  if (families != NULL && child == GTK_WIDGET (self->page_bins[POE_WINDOW_PAGE_FAMILIES]))
    return poe_families_page_go_back (POE_FAMILIES_PAGE (families));
  if (incidents != NULL && child == GTK_WIDGET (self->page_bins[POE_WINDOW_PAGE_INCIDENTS]))
    return poe_incidents_page_go_back (POE_INCIDENTS_PAGE (incidents));

  return FALSE;
}

/* win.go-back, Alt+Left */
static void
go_back_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  go_back (POE_WINDOW (widget));
}

/* Escape goes back only when nothing inside the window took it first (a search, a popover):
 * a binding of the window's own, not an application accelerator, which would come first. */
static gboolean
escape_pressed_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  return go_back (POE_WINDOW (widget));
}

static void
page_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PoeWindow *self = POE_WINDOW (widget);

  poe_window_set_visible_page (self, g_variant_get_string (parameter, NULL));
}

/* The bottom switcher's buttons are made when it is first needed (a narrow window). */
static void
switcher_bar_reveal_notified_cb (PoeWindow *self)
{
  gboolean narrow;

  g_assert (POE_IS_WINDOW (self));

  narrow = adw_view_switcher_bar_get_reveal (self->switcher_bar);

  if (narrow && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);

  /* The offline message is one line in a wide window and wraps in a narrow one. A wrapping
   * label is measured by laying its text out again at each width asked (for its minimum, a
   * line a word), which cost the first frame more than the rest of the header. */
  gtk_label_set_wrap (self->offline_label, narrow);
  gtk_label_set_ellipsize (self->offline_label, narrow ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
}

/* The main menu's popover (a button, label and accelerator label per item) is built when
 * first opened, by click or F10, not with every window. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  PoeWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The bottom bar shows the tabs while the header has room for the title only. */
static gboolean
title_shown_to_reveal (GBinding     *binding,
                       const GValue *from_value,
                       GValue       *to_value,
                       gpointer      user_data)
{
  PoeWindow *self = user_data;

  g_value_set_boolean (to_value, g_value_get_object (from_value) == (GObject *) self->window_title);

  return TRUE;
}

static void
stack_visible_child_notified_cb (PoeWindow *self)
{
  g_assert (POE_IS_WINDOW (self));

  ensure_visible_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}


/*
 * GtkWindow overrides
 */

static gboolean
poe_window_close_request (GtkWindow *window)
{
  save_window_state (POE_WINDOW (window));

  return GTK_WINDOW_CLASS (poe_window_parent_class)->close_request (window);
}


/*
 * GObject overrides
 */

static void
poe_window_constructed (GObject *object)
{
  PoeWindow *self = POE_WINDOW (object);

  G_OBJECT_CLASS (poe_window_parent_class)->constructed (object);

  g_assert (POE_IS_SESSION (self->session));
  _poe_window_init_session (self);
}

static void
poe_window_dispose (GObject *object)
{
  PoeWindow *self = POE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->notifier_id, g_source_remove);
  g_clear_handle_id (&self->restoring_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->help_overlay != NULL)
    {
      GtkWindow *help_overlay = g_steal_pointer (&self->help_overlay);

      g_object_remove_weak_pointer (G_OBJECT (help_overlay), (gpointer *) &self->help_overlay);
      gtk_window_destroy (help_overlay);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_WINDOW);
  g_clear_object (&self->idle_monitor);
  g_clear_object (&self->notifier);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (poe_window_parent_class)->dispose (object);
}

static void
poe_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PoeWindow *self = POE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, poe_window_get_visible_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PoeWindow *self = POE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_VISIBLE_PAGE:
      poe_window_set_visible_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_window_class_init (PoeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = poe_window_constructed;
  object_class->dispose = poe_window_dispose;
  object_class->get_property = poe_window_get_property;
  object_class->set_property = poe_window_set_property;

  window_class->close_request = poe_window_close_request;

  /**
   * PoeWindow:session:
   *
   * Who is signed in; the window follows its state (sign-in, locked, signed in).
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         POE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PoeWindow:visible-page:
   *
   * The name of the page shown: arrivals, families, escorts, incidents, shifts or reports.
   */
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_cb);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed_cb, NULL);

  /* The GTK and libadwaita types of the templates built at start-up (window, board, flight,
   * sync status): registered here, GtkBuilder need not look them up by symbol name. */
  g_type_ensure (ADW_TYPE_BIN);
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (ADW_TYPE_HEADER_BAR);
  g_type_ensure (ADW_TYPE_LEAFLET);
  g_type_ensure (ADW_TYPE_LEAFLET_PAGE);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_TOAST_OVERLAY);
  g_type_ensure (ADW_TYPE_VIEW_STACK);
  g_type_ensure (ADW_TYPE_VIEW_STACK_PAGE);
  g_type_ensure (ADW_TYPE_VIEW_SWITCHER_BAR);
  g_type_ensure (ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_type_ensure (GTK_TYPE_BOX);
  g_type_ensure (GTK_TYPE_BUTTON);
  g_type_ensure (GTK_TYPE_COLUMN_VIEW);
  g_type_ensure (GTK_TYPE_DROP_DOWN);
  g_type_ensure (GTK_TYPE_IMAGE);
  g_type_ensure (GTK_TYPE_LABEL);
  g_type_ensure (GTK_TYPE_LIST_BOX);
  g_type_ensure (GTK_TYPE_MENU_BUTTON);
  g_type_ensure (GTK_TYPE_POPOVER);
  g_type_ensure (GTK_TYPE_REVEALER);
  g_type_ensure (GTK_TYPE_SCROLLED_WINDOW);
  g_type_ensure (GTK_TYPE_SEARCH_BAR);
  g_type_ensure (GTK_TYPE_SEARCH_ENTRY);
  g_type_ensure (GTK_TYPE_STACK);
  g_type_ensure (GTK_TYPE_STACK_PAGE);
  g_type_ensure (GTK_TYPE_STRING_LIST);
  g_type_ensure (GTK_TYPE_TOGGLE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/poe-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeWindow, board_page);
  gtk_widget_class_bind_template_child_full (widget_class, "families_bin", FALSE,
                                             G_STRUCT_OFFSET (PoeWindow, page_bins[POE_WINDOW_PAGE_FAMILIES]));
  gtk_widget_class_bind_template_child_full (widget_class, "escorts_bin", FALSE,
                                             G_STRUCT_OFFSET (PoeWindow, page_bins[POE_WINDOW_PAGE_ESCORTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "incidents_bin", FALSE,
                                             G_STRUCT_OFFSET (PoeWindow, page_bins[POE_WINDOW_PAGE_INCIDENTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "shifts_bin", FALSE,
                                             G_STRUCT_OFFSET (PoeWindow, page_bins[POE_WINDOW_PAGE_SHIFTS]));
  gtk_widget_class_bind_template_child_full (widget_class, "reports_bin", FALSE,
                                             G_STRUCT_OFFSET (PoeWindow, page_bins[POE_WINDOW_PAGE_REPORTS]));
  _poe_window_class_init_session (widget_class);

  g_type_ensure (POE_TYPE_BOARD_PAGE);
  g_type_ensure (POE_TYPE_SYNC_STATUS);
}

static void
poe_window_init (PoeWindow *self)
{
  poe_bench_mark ("window-init");
  gtk_widget_init_template (GTK_WIDGET (self));
  poe_bench_mark ("window-template");
  poe_accessible_name_mnemonic_buttons (GTK_WIDGET (self->offline_revealer));
  poe_accessible_name_mnemonic_buttons (GTK_WIDGET (self->read_error_revealer));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);

  /* The bottom switcher takes over when the header bar is too narrow for the tabs. */
  g_signal_connect_object (self->switcher_bar, "notify::reveal",
                           G_CALLBACK (switcher_bar_reveal_notified_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property_full (self->switcher_squeezer, "visible-child",
                               self->switcher_bar, "reveal",
                               G_BINDING_SYNC_CREATE,
                               title_shown_to_reveal, NULL, self, NULL);
  switcher_bar_reveal_notified_cb (self);
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb, self, NULL);
  /* Set here, not in the template: see poe-tooltip.c. */
  poe_tooltip_set_text (GTK_WIDGET (self->primary_menu_button), _("Main Menu"));

  poe_bench_hook_install (GTK_WINDOW (self));

  g_signal_connect_object (self->board_page, "open-case", G_CALLBACK (board_open_case_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->board_page, "report-anomaly", G_CALLBACK (report_anomaly_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (stack_visible_child_notified_cb),
                           self, G_CONNECT_SWAPPED);
}


/*
 * Window internals
 */

/* The pages read the session's store; a new store (sign-in, sign-out) reaches each. */
void
_poe_window_store_changed (PoeWindow *self)
{
  PoeSession *session = page_session (self);
  PoeStore *store = poe_session_get_store (self->session);
  /* The board the start-up read ahead on the restoring thread, if any */
  g_autoptr(GObject) prefetched = poe_session_steal_prefetched (self->session);

  poe_board_page_set_store_prefetched (POE_BOARD_PAGE (self->board_page), store,
                                       POE_IS_BOARD_MODEL (prefetched) ? POE_BOARD_MODEL (prefetched) : NULL);
  for (guint i = 0; i < POE_WINDOW_N_LAZY_PAGES; i++)
    if (self->pages[i] != NULL)
      set_page_session (i, self->pages[i], session);
}


/* Revealed names fall back to initials on every page (lock). */
void
_poe_window_hide_names (PoeWindow *self)
{
  poe_board_page_set_reveal_names (POE_BOARD_PAGE (self->board_page), FALSE);
  for (guint i = 0; i < POE_WINDOW_N_LAZY_PAGES; i++)
    if (self->pages[i] != NULL)
      hide_page_names (i, self->pages[i]);
}


/*
 * Public API
 */

PoeWindow *
poe_window_new (PoeApplication *application)
{
  g_return_val_if_fail (POE_IS_APPLICATION (application), NULL);

  return g_object_new (POE_TYPE_WINDOW,
                       "application", application,
                       "session", poe_application_get_session (application),
                       NULL);
}

/**
 * poe_window_new_for_session:
 *
 * A window that follows @session rather than the application's own.
 */
PoeWindow *
poe_window_new_for_session (PoeApplication *application,
                            PoeSession     *session)
{
  g_return_val_if_fail (POE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (POE_IS_SESSION (session), NULL);

  return g_object_new (POE_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

const char *
poe_window_get_visible_page (PoeWindow *self)
{
  g_return_val_if_fail (POE_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
poe_window_set_visible_page (PoeWindow  *self,
                             const char *page_name)
{
  g_return_if_fail (POE_IS_WINDOW (self));
  g_return_if_fail (page_name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, page_name) == NULL)
    {
      g_warning ("No page named “%s”", page_name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page_name);
}

void
poe_window_add_toast (PoeWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (POE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * poe_window_show_case:
 *
 * Shows the family @case_id on the Families page.
 */
void
poe_window_show_case (PoeWindow  *self,
                      const char *case_id)
{
  g_return_if_fail (POE_IS_WINDOW (self));
  g_return_if_fail (case_id != NULL);

  poe_window_set_visible_page (self, "families");
  poe_families_page_show_case (POE_FAMILIES_PAGE (ensure_page (self, POE_WINDOW_PAGE_FAMILIES)), case_id);
}

/**
 * poe_window_show_flight:
 *
 * Shows the manifest of @flight_id on the Arrivals page.
 */
void
poe_window_show_flight (PoeWindow  *self,
                        const char *flight_id)
{
  g_return_if_fail (POE_IS_WINDOW (self));
  g_return_if_fail (flight_id != NULL);

  poe_window_set_visible_page (self, "arrivals");
  poe_board_page_show_flight (POE_BOARD_PAGE (self->board_page), flight_id);
}

/**
 * poe_window_get_notifier:
 *
 * Returns: (transfer none): the window's desktop notifications
 */
PoeNotifier *
poe_window_get_notifier (PoeWindow *self)
{
  g_return_val_if_fail (POE_IS_WINDOW (self), NULL);

  return self->notifier;
}
