/* poe-empty-window.c
 *
 * The baseline of poe-bench's app figures (DESIGN §6): a bare AdwApplicationWindow of the
 * size POE Desk opens with. At the frame clock's after-paint of its first frame with
 * content it prints, as the app's bench hook does (src/app/poe-bench-hook.c):
 *
 *   first-frame MICROSECONDS rss-kb KILOBYTES
 *
 * MICROSECONDS counts from POE_BENCH_EXEC_US (poe-bench's monotonic clock just before the
 * start; absent: since boot). Then it quits.
 *
 * With POE_BENCH_TRACE=1, it prints on standard error `mark empty-STEP MICROSECONDS` at the
 * steps the app marks too (main, gtk-started, activate, after-paint), to compare the two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-empty-window"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The defaults of window-width and window-height in the app's GSettings schema. */
#define WINDOW_WIDTH  1180
#define WINDOW_HEIGHT 760


/*
 * Auxiliary methods
 */

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return -1;

  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static gint64
elapsed_us (void)
{
  const char *exec_us = g_getenv ("POE_BENCH_EXEC_US");
  gint64 start = exec_us != NULL ? g_ascii_strtoll (exec_us, NULL, 10) : 0;

  return g_get_monotonic_time () - start;
}


static void
mark (const char *what)
{
  if (g_strcmp0 (g_getenv ("POE_BENCH_TRACE"), "1") == 0)
    fprintf (stderr, "mark empty-%s %" G_GINT64_FORMAT "\n", what, elapsed_us ());
}


/*
 * Callbacks
 */

static void
started_cb (GApplication *app)
{
  mark ("gtk-started");
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  /* A frame before the first allocation paints nothing. */
  if (!gtk_widget_get_mapped (window) || gtk_widget_get_width (window) <= 0)
    return;

  mark ("after-paint");
  g_print ("first-frame %" G_GINT64_FORMAT " rss-kb %ld\n", elapsed_us (), read_rss_kb ());
  fflush (stdout);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
window_realized_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static void
activated_cb (GApplication *app)
{
  GtkWidget *window;

  mark ("activate");
  window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "POE Desk empty window");
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  mark ("main");
  app = adw_application_new (APP_ID ".EmptyWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activated_cb), NULL);
  g_signal_connect_after (app, "startup", G_CALLBACK (started_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
