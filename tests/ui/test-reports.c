/* test-reports.c
 *
 * The reports page on a synthetic day for a supervisor: the statistics, the shift review
 * and the staffing forecast show what poe-stats computes; the charts draw in light and
 * dark; CSV and PDF exports are written and read back; agents see an empty state; a
 * custom period with a wrong date is refused. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "reports/poe-reports-page.h"
#include "poe-test-utils.h"

typedef struct
{
  char           *dir;
  char           *path;
  PoeStore       *store;
  PoeSession     *session;
  GtkWindow      *window;
  PoeReportsPage *page;
} Fixture;

typedef struct
{
  GAsyncResult *result;
} Waiter;


/*
 * Helpers
 */

static gboolean
computed (gpointer user_data)
{
  return !poe_reports_page_get_computing (user_data);
}

/* The figures are computed on a worker thread; the page shows the earlier ones meanwhile. */
static void
wait_computed (Fixture *fx)
{
  g_assert_true (poe_test_iterate_until (computed, fx->page, 20000));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  const char *username = data != NULL ? data : "supervisor";

  fx->dir = g_dir_make_tmp ("poe-test-reports-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = poe_test_demo_store_new (fx->path, username);
  fx->session = poe_test_session_new (fx->store);

  fx->page = g_object_new (POE_TYPE_REPORTS_PAGE, NULL);
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1100, 800);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->page));
  poe_reports_page_set_session (fx->page, fx->session);
  gtk_window_present (fx->window);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  wait_computed (fx);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  poe_test_destroy_and_finalize (g_steal_pointer (&fx->window));
  g_clear_object (&fx->session);
  g_clear_object (&fx->store);
  remove_dir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

static char *
section_text (Fixture    *fx,
              const char *name)
{
  GtkWidget *section = poe_test_find_named (GTK_WIDGET (fx->page), name);

  g_assert_nonnull (section);
  return poe_test_dup_text (section, POE_TEST_TEXT_MAPPED_ONLY);
}

/* Whether @text has a line @title directly followed by a line @value (a row and its suffix). */
static gboolean
has_row (const char *text,
         const char *title,
         const char *value)
{
  g_autofree char *needle = g_strdup_printf ("%s\n%s\n", title, value);

  return strstr (text, needle) != NULL;
}

static void
assert_row (const char *text,
            const char *title,
            guint       value)
{
  g_autofree char *number = g_strdup_printf ("%u", value);

  if (!has_row (text, title, number))
    g_error ("no row “%s” showing %s in:\n%s", title, number, text);
}

static void
scroll_to (Fixture    *fx,
           const char *name)
{
  GtkWidget *scrolled = poe_test_find_named (GTK_WIDGET (fx->page), "reports-scroll");
  GtkWidget *section = poe_test_find_named (GTK_WIDGET (fx->page), name);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double x, y;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_widget_translate_coordinates (section, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_adjustment_set_value (adjustment, MAX (y - 12, 0));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
}

static void
screenshot (Fixture    *fx,
            const char *name)
{
  g_autofree char *path = poe_test_screenshot (GTK_WIDGET (fx->window), name);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
waiter_done (gpointer user_data)
{
  return ((Waiter *) user_data)->result != NULL;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ((Waiter *) user_data)->result = g_object_ref (result);
}

static gboolean
program_exists (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
export (Fixture         *fx,
        PoeReportFormat  format,
        const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL };

  poe_reports_page_export_async (fx->page, format, file, NULL, export_done_cb, &waiter);
  g_assert_true (poe_test_iterate_until (waiter_done, &waiter, 20000));
  g_assert_true (poe_reports_page_export_finish (fx->page, waiter.result, &error));
  g_assert_no_error (error);
  g_object_unref (waiter.result);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}


/*
 * Tests
 */

static void
test_stats (Fixture       *fx,
            gconstpointer  data)
{
  PoeStats *shown = poe_reports_page_get_stats (fx->page);
  g_autoptr(PoeStats) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (shown);
  expected = poe_stats_compute (fx->store, "JFK", shown->from, shown->to, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_difference (shown->to, shown->from), ==, G_TIME_SPAN_DAY);
  g_assert_cmpuint (expected->n_families, >, 0);

  text = section_text (fx, "stats-group");
  assert_row (text, "Arrivals (flights with families)", expected->n_arrivals);
  assert_row (text, "Families", expected->n_families);
  assert_row (text, "Persons", expected->n_persons);
  {
    g_autofree char *hours = g_strdup_printf ("%.1f", expected->hours_worked);

    g_assert_true (has_row (text, "Hours worked", hours));
  }
  screenshot (fx, "reports-stats");
}

static void
test_charts (Fixture       *fx,
             gconstpointer  data)
{
  GtkWidget *chart = poe_test_find_named (GTK_WIDGET (fx->page), "charts-group");

  g_assert_nonnull (chart);
  scroll_to (fx, "charts-group");
  screenshot (fx, "reports-charts-light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));
  screenshot (fx, "reports-charts-dark");
}

static void
test_shift_review (Fixture       *fx,
                   gconstpointer  data)
{
  PoeStats *shown = poe_reports_page_get_stats (fx->page);
  g_autoptr(GDateTime) early = g_date_time_add_days (shown->from, -1);
  g_autoptr(GPtrArray) shifts = poe_store_list_shifts_between (fx->store, early, shown->to, NULL);
  g_autoptr(PoeStats) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PoeRecord *shift;

  g_assert_cmpuint (shifts->len, >, 0);
  shift = g_ptr_array_index (shifts, 0);
  g_assert_true (poe_reports_page_select_shift (fx->page, poe_record_get_id (shift)));
  g_assert_false (poe_reports_page_select_shift (fx->page, "no-such-shift"));
  expected = poe_stats_compute_shift (fx->store, shift, &error);
  g_assert_no_error (error);
  poe_test_wait_for_frame (GTK_WIDGET (fx->window));

  text = section_text (fx, "shift-group");
  assert_row (text, "Flights handled", expected->n_arrivals);
  assert_row (text, "Families handled", expected->n_families);
  assert_row (text, "Persons received", expected->n_persons);
  assert_row (text, "Hand-offs still open", expected->n_handoffs_open);
  assert_row (text, "Incidents opened", expected->n_incidents);
  assert_row (text, "Anomalies sent", expected->n_anomalies_sent);
  assert_row (text, "Staff on duty", expected->n_staff_on_duty);
  g_assert_cmpuint (poe_reports_page_get_shift_stats (fx->page)->n_persons, ==, expected->n_persons);
  scroll_to (fx, "shift-group");
  screenshot (fx, "reports-shift-review");
}

static void
test_forecast (Fixture       *fx,
               gconstpointer  data)
{
  GPtrArray *forecast = poe_reports_page_get_forecast (fx->page);
  g_autofree char *text = NULL;
  guint understaffed = 0;
  guint busy = 0;

  g_assert_nonnull (forecast);
  g_assert_cmpuint (forecast->len, ==, POE_REPORTS_FORECAST_DAYS * 24);
  for (guint i = 0; i < forecast->len; i++)
    {
      PoeForecastHour *hour = g_ptr_array_index (forecast, i);

      understaffed += hour->understaffed;
      busy += hour->n_persons > 0 || hour->understaffed;
    }

  text = section_text (fx, "forecast-group");
  if (busy == 0)
    g_assert_nonnull (strstr (text, "No arrivals expected"));
  else
    g_assert_nonnull (strstr (text, "staff needed"));
  if (understaffed > 0)
    g_assert_nonnull (strstr (text, "Understaffed"));
  scroll_to (fx, "forecast-group");
  screenshot (fx, "reports-forecast");
}

static void
test_export (Fixture       *fx,
             gconstpointer  data)
{
  PoeStats *stats = poe_reports_page_get_stats (fx->page);
  g_autofree char *csv_path = g_build_filename (fx->dir, "report.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fx->dir, "report.pdf", NULL);
  g_autofree char *prefix = g_build_filename (fx->dir, "report-page", NULL);
  g_autofree char *png_path = NULL;
  g_autofree char *families = g_strdup_printf ("%u", stats->n_families);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  gsize length;

  export (fx, POE_REPORT_FORMAT_CSV, csv_path);
  g_assert_true (g_file_get_contents (csv_path, &contents, &length, &error));
  rows = poe_csv_parse (contents, (gssize) length, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_strv_length (row) == 3 && g_str_equal (row[0], "totals") && g_str_equal (row[1], "families"))
        found = g_str_equal (row[2], families);
    }
  g_assert_true (found);

  export (fx, POE_REPORT_FORMAT_PDF, pdf_path);
  if (!program_exists ("pdftoppm"))
    {
      g_test_skip ("pdftoppm (poppler-utils) is not installed");
      return;
    }
  g_free (run ((const char *[]) { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf_path, prefix, NULL }));
  png_path = g_strconcat (prefix, "-1.png", NULL);
  if (!g_file_test (png_path, G_FILE_TEST_EXISTS))
    {
      g_free (png_path);
      png_path = g_strconcat (prefix, "-01.png", NULL);
    }
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png_path, &error);
    const char *dir = g_getenv ("POE_SCREENSHOT_DIR");

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), >, 200);
    shot = g_build_filename (dir ? dir : g_get_tmp_dir (), "reports-pdf.png", NULL);
    g_mkdir_with_parents (dir ? dir : g_get_tmp_dir (), 0755);
    g_assert_true (gdk_texture_save_to_png (texture, shot));
  }
  text = run ((const char *[]) { "pdftotext", pdf_path, "-", NULL });
  g_assert_nonnull (strstr (text, "JFK"));
  g_assert_nonnull (strstr (text, "Families by branch"));
  g_assert_nonnull (strstr (text, "Generated"));
}

static void
test_agent (Fixture       *fx,
            gconstpointer  data)
{
  AdwStatusPage *status = ADW_STATUS_PAGE (poe_test_find_descendant (GTK_WIDGET (fx->page), ADW_TYPE_STATUS_PAGE));
  GtkStack *stack = GTK_STACK (poe_test_find_descendant (GTK_WIDGET (fx->page), GTK_TYPE_STACK));

  g_assert_null (poe_reports_page_get_stats (fx->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (strstr (adw_status_page_get_title (status), "Shift Leads and Supervisors"));
  screenshot (fx, "reports-agent");
}

static void
test_custom_period (Fixture       *fx,
                    gconstpointer  data)
{
  PoeStats *stats;

  g_assert_false (poe_reports_page_set_custom_period (fx->page, "2026-13-01", "2026-11-30"));
  g_assert_false (poe_reports_page_set_custom_period (fx->page, "2026-11-30", "2026-11-01"));
  g_assert_true (poe_reports_page_set_custom_period (fx->page, "2026-11-01", "2026-11-30"));
  g_assert_true (poe_reports_page_get_computing (fx->page));
  wait_computed (fx);
  stats = poe_reports_page_get_stats (fx->page);
  g_assert_cmpint (g_date_time_difference (stats->to, stats->from), >=, 29 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (stats->persons_by_bucket->len, ==, 30);

  poe_reports_page_set_period (fx->page, POE_REPORTS_PERIOD_LAST_7_DAYS);
  /* A newer period replaces the computation under way; the older never shows. */
  poe_reports_page_set_period (fx->page, POE_REPORTS_PERIOD_LAST_7_DAYS);
  wait_computed (fx);
  stats = poe_reports_page_get_stats (fx->page);
  g_assert_cmpuint (stats->persons_by_bucket->len, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

#define ADD(path, user, func) g_test_add (path, Fixture, user, fixture_setup, func, fixture_teardown)
  ADD ("/ui/reports/stats", NULL, test_stats);
  ADD ("/ui/reports/charts", NULL, test_charts);
  ADD ("/ui/reports/shift-review", NULL, test_shift_review);
  ADD ("/ui/reports/forecast", NULL, test_forecast);
  ADD ("/ui/reports/export", NULL, test_export);
  ADD ("/ui/reports/agent", "agent", test_agent);
  ADD ("/ui/reports/custom-period", NULL, test_custom_period);
#undef ADD

  return g_test_run ();
}
