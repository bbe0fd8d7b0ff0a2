/* poe-bench-hook.c
 *
 * With POE_BENCH_FIRST_FRAME=1, prints on standard output, once, at the frame clock's
 * after-paint of the first frame in which a GtkColumnView with at least one row is mapped
 * (the arrivals board of a signed-in session):
 *
 *   first-frame MICROSECONDS rss-kb KILOBYTES
 *
 * MICROSECONDS is the monotonic time since POE_BENCH_EXEC_US (poe-bench's monotonic clock
 * just before it started the program; absent: since boot) and KILOBYTES the VmRSS of the
 * process then. The application then quits. Nothing else of the app changes, so the figure
 * is that of the real start: session restore, store, board model and first paint.
 *
 * With POE_BENCH_TRACE=1 as well, poe_bench_mark() prints `mark WHAT MICROSECONDS` on
 * standard error at the steps of the start-up, to see where the time goes, with the CPU time
 * of the calling thread in microseconds (less noisy than the clock on a shared machine) and
 * the VmRSS of the process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench-hook"
#define _GNU_SOURCE  /* RUSAGE_THREAD */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "poe-bench-hook.h"

typedef struct
{
  GtkWindow *window;  /* unowned: the handler goes with the window's frame clock */
  gulong     after_paint_id;
} BenchHook;


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

static gboolean
shows_rows (GtkWidget *widget)
{
  GtkSelectionModel *model;

  if (!GTK_IS_COLUMN_VIEW (widget))
    return FALSE;

  model = gtk_column_view_get_model (GTK_COLUMN_VIEW (widget));
  return gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0 &&
         model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

/* Only mapped subtrees can hold a mapped column view. */
static gboolean
find_rows (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (shows_rows (widget))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_rows (child))
        return TRUE;
    }

  return FALSE;
}


/*
 * Callbacks
 */

static gboolean
quit_cb (gpointer user_data)
{
  GtkApplication *app = gtk_window_get_application (user_data);

  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
  else
    gtk_window_destroy (user_data);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                BenchHook     *hook)
{
  poe_bench_mark ("after-paint");
  if (!find_rows (GTK_WIDGET (hook->window)))
    return;

  g_print ("first-frame %" G_GINT64_FORMAT " rss-kb %ld\n", elapsed_us (), read_rss_kb ());
  fflush (stdout);

  g_clear_signal_handler (&hook->after_paint_id, clock);
  g_idle_add_full (G_PRIORITY_HIGH, quit_cb, g_object_ref (hook->window), g_object_unref);
}

static void
window_realized_cb (GtkWidget *widget,
                    BenchHook *hook)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock == NULL || hook->after_paint_id != 0)
    return;

  hook->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), hook);
}

static void
window_unrealized_cb (GtkWidget *widget,
                      BenchHook *hook)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock != NULL)
    g_clear_signal_handler (&hook->after_paint_id, clock);
}


/*
 * Public API
 */

/**
 * poe_bench_hook_install:
 * @window: the main window, before it is shown
 *
 * Does nothing unless the environment has POE_BENCH_FIRST_FRAME=1 (see the top of this file).
 */
void
poe_bench_hook_install (GtkWindow *window)
{
  BenchHook *hook;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_strcmp0 (g_getenv ("POE_BENCH_FIRST_FRAME"), "1") != 0)
    return;

  hook = g_new0 (BenchHook, 1);
  hook->window = window;
  g_object_set_data_full (G_OBJECT (window), "poe-bench-hook", hook, g_free);
  g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), hook);
  g_signal_connect (window, "unrealize", G_CALLBACK (window_unrealized_cb), hook);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (GTK_WIDGET (window), hook);
}

/**
 * poe_bench_mark:
 * @what: the step of the start-up just reached (no spaces)
 *
 * Does nothing unless the environment has POE_BENCH_TRACE=1 (see the top of this file).
 */
void
poe_bench_mark (const char *what)
{
  static gsize tracing = 0;  /* 1: no, 2: yes; marks come from more than one thread */

  if (g_once_init_enter (&tracing))
    g_once_init_leave (&tracing, g_strcmp0 (g_getenv ("POE_BENCH_TRACE"), "1") == 0 ? 2 : 1);

  if (tracing == 2)
    {
      struct rusage usage = { 0 };

      getrusage (RUSAGE_THREAD, &usage);
      fprintf (stderr, "mark %s %" G_GINT64_FORMAT " cpu %ld rss-kb %ld\n", what, elapsed_us (),
               (long) (usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
                       usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec),
               read_rss_kb ());
    }
}
