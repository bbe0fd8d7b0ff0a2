/* poe-idle-monitor.c
 *
 * Tells when the window has had no input for a while (::idle), and when the desktop
 * session locks or the computer is about to sleep (::session-locked), so the app can lock
 * itself before anyone else sees the screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-idle-monitor"

#include "config.h"

#include "poe-idle-monitor.h"

#define CHECK_INTERVAL_MS 1000

struct _PoeIdleMonitor
{
  GObject          parent_instance;

  GtkWindow       *window;        /* weak */
  GtkEventController *controller; /* owned by the window */
  guint            timeout_seconds;
  gint64           last_activity; /* monotonic µs */
  gboolean         idle_emitted;
  guint            check_id;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  guint            screensaver_subscription;
  guint            sleep_subscription;
};

G_DEFINE_FINAL_TYPE (PoeIdleMonitor, poe_idle_monitor, G_TYPE_OBJECT)

enum {
  IDLE,
  SESSION_LOCKED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Callbacks
 */

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                PoeIdleMonitor           *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      poe_idle_monitor_reset (self);
      break;

    case GDK_DELETE:
    case GDK_ENTER_NOTIFY:
    case GDK_LEAVE_NOTIFY:
    case GDK_FOCUS_CHANGE:
    case GDK_PROXIMITY_IN:
    case GDK_PROXIMITY_OUT:
    case GDK_DRAG_ENTER:
    case GDK_DRAG_LEAVE:
    case GDK_DRAG_MOTION:
    case GDK_DROP_START:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_BUTTON_RELEASE:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
    case GDK_PAD_GROUP_MODE:
    case GDK_GRAB_BROKEN:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
    case GDK_TOUCHPAD_HOLD:
    case GDK_EVENT_LAST:
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static gboolean
check_idle_cb (gpointer user_data)
{
  PoeIdleMonitor *self = user_data;
  gint64 idle_us = g_get_monotonic_time () - self->last_activity;

  if (!self->idle_emitted && idle_us >= (gint64) self->timeout_seconds * G_USEC_PER_SEC)
    {
      self->idle_emitted = TRUE;
      g_signal_emit (self, signals[IDLE], 0);
    }

  return G_SOURCE_CONTINUE;
}

static void
screensaver_active_changed_cb (GDBusConnection *connection,
                               const char      *sender,
                               const char      *object_path,
                               const char      *interface,
                               const char      *signal,
                               GVariant        *parameters,
                               gpointer         user_data)
{
  PoeIdleMonitor *self = user_data;
  gboolean active = FALSE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &active);

  if (active)
    g_signal_emit (self, signals[SESSION_LOCKED], 0);
}

static void
session_bus_ready_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PoeIdleMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  /* No bus (a container, a test without one): the idle timer still locks. */
  self->session_bus = g_bus_get_finish (result, &error);
  if (self->session_bus != NULL && self->check_id == 0)
    {
      /* Disposed meanwhile. */
      g_clear_object (&self->session_bus);
      return;
    }
  if (self->session_bus == NULL)
    {
      g_debug ("No session bus for screen-saver signals: %s", error->message);
      return;
    }

  self->screensaver_subscription =
    g_dbus_connection_signal_subscribe (self->session_bus, NULL, "org.gnome.ScreenSaver",
                                        "ActiveChanged", NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        screensaver_active_changed_cb, self, NULL);
}

static void
system_bus_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PoeIdleMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->system_bus = g_bus_get_finish (result, &error);
  if (self->system_bus != NULL && self->check_id == 0)
    {
      g_clear_object (&self->system_bus);
      return;
    }
  if (self->system_bus == NULL)
    {
      g_debug ("No system bus for sleep signals: %s", error->message);
      return;
    }

  /* PrepareForSleep(true): the lid closed or the machine suspends. */
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        screensaver_active_changed_cb, self, NULL);
}


/*
 * GObject overrides
 */

static void
poe_idle_monitor_dispose (GObject *object)
{
  PoeIdleMonitor *self = POE_IDLE_MONITOR (object);

  g_clear_handle_id (&self->check_id, g_source_remove);

  if (self->session_bus != NULL && self->screensaver_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->session_bus, self->screensaver_subscription);
  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->screensaver_subscription = 0;
  self->sleep_subscription = 0;
  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);

  if (self->window != NULL && self->controller != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self->window), self->controller);
  self->controller = NULL;
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (poe_idle_monitor_parent_class)->dispose (object);
}

static void
poe_idle_monitor_class_init (PoeIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_idle_monitor_dispose;

  /**
   * PoeIdleMonitor::idle:
   *
   * No input for the timeout; emitted once until input resumes.
   */
  signals[IDLE] =
    g_signal_new ("idle",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PoeIdleMonitor::session-locked:
   *
   * The desktop's screen saver locked, or the computer is about to sleep.
   */
  signals[SESSION_LOCKED] =
    g_signal_new ("session-locked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
poe_idle_monitor_init (PoeIdleMonitor *self)
{
  self->timeout_seconds = 5 * 60;
  self->last_activity = g_get_monotonic_time ();
}


/*
 * Public API
 */

PoeIdleMonitor *
poe_idle_monitor_new (GtkWindow *window)
{
  PoeIdleMonitor *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  self = g_object_new (POE_TYPE_IDLE_MONITOR, NULL);
  g_set_weak_pointer (&self->window, window);

  /* Capture phase: every input event of the window passes here first. */
  self->controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->controller, "event", G_CALLBACK (input_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), self->controller);

  self->check_id = g_timeout_add (CHECK_INTERVAL_MS, check_idle_cb, self);

  g_bus_get (G_BUS_TYPE_SESSION, NULL, session_bus_ready_cb, g_object_ref (self));
  g_bus_get (G_BUS_TYPE_SYSTEM, NULL, system_bus_ready_cb, g_object_ref (self));

  return self;
}

void
poe_idle_monitor_set_timeout_seconds (PoeIdleMonitor *self,
                                      guint           seconds)
{
  g_return_if_fail (POE_IS_IDLE_MONITOR (self));
  g_return_if_fail (seconds > 0);

  self->timeout_seconds = seconds;
}

guint
poe_idle_monitor_get_timeout_seconds (PoeIdleMonitor *self)
{
  g_return_val_if_fail (POE_IS_IDLE_MONITOR (self), 0);

  return self->timeout_seconds;
}

/**
 * poe_idle_monitor_reset:
 *
 * Counts as input: the idle time starts again (also after unlocking).
 */
void
poe_idle_monitor_reset (PoeIdleMonitor *self)
{
  g_return_if_fail (POE_IS_IDLE_MONITOR (self));

  self->last_activity = g_get_monotonic_time ();
  self->idle_emitted = FALSE;
}
