/* poe-reports-page-figures.c
 *
 * What the reports page shows of the figures computed: the statistics of the period, the
 * shifts to review and the review of the one chosen, and the staffing forecast as lists, and the charts of persons
 * received, families by branch and incidents by severity, drawn in the widget's style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-read-error.h"
#include "escorts/poe-escorts-labels.h"
#include "family/poe-family-labels.h"
#include "incidents/poe-incident-labels.h"
#include "poe-chart.h"
#include "poe-csv.h"
#include "poe-language.h"
#include "poe-reports-page-private.h"


/*
 * Auxiliary methods
 */

const char *
_poe_reports_page_report_label (const char *group,
                                const char *key)
{
  if (g_str_equal (group, "branch"))
    return poe_family_branch_label (key);
  if (g_str_equal (group, "category"))
    return poe_incident_category_label (key);
  if (g_str_equal (group, "severity"))
    return poe_incident_severity_label (key);
  if (g_str_equal (group, "voucher_kind"))
    return poe_voucher_kind_label (key);
  return key;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (list, row);

  return row;
}

static void
add_count_row (GtkListBox *list,
               const char *title,
               double      value)
{
  g_autofree char *text = g_strdup_printf ("%.0f", value);

  add_row (list, title, text);
}

static char *
format_minutes (double minutes)
{
  if (minutes < 0)
    return g_strdup (_("No data"));
  /* Translators: an average duration */
  return g_strdup_printf (_("%.0f min"), minutes);
}

static char *
format_rate (PoeStats *stats)
{
  if (stats->connection_rate < 0)
    return g_strdup (_("No connection decided yet"));
  /* Translators: connection success rate, then made and missed connections */
  return g_strdup_printf (_("%.0f %% (%u made, %u missed)"), stats->connection_rate * 100,
                          stats->n_connections_made, stats->n_connections_missed);
}

static char *
format_items (PoeStats   *stats,
              GPtrArray  *items,
              const char *group)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      PoeStatsItem *item = g_ptr_array_index (items, i);

      if (item->value == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s %.0f", _poe_reports_page_report_label (group, item->key),
                              item->value);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (_("None"));
}

static char *
format_costs (PoeStats *stats)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < stats->voucher_costs->len; i++)
    {
      PoeStatsMoney *money = g_ptr_array_index (stats->voucher_costs, i);
      g_autofree char *amount = poe_amount_format (money->cents);

      g_string_append_printf (text, "%s%s %s", text->len > 0 ? ", " : "", amount, money->currency);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (_("None"));
}

void
_poe_reports_page_fill_stats (PoeReportsPage *self)
{
  PoeStats *stats = self->stats;
  g_autofree char *rate = format_rate (stats);
  g_autofree char *to_cbp = format_minutes (stats->avg_landing_to_cbp);
  g_autofree char *to_handoff = format_minutes (stats->avg_cbp_to_handoff);
  g_autofree char *branches = format_items (stats, stats->families_by_branch, "branch");
  g_autofree char *categories = format_items (stats, stats->incidents_by_category, "category");
  g_autofree char *severities = format_items (stats, stats->incidents_by_severity, "severity");
  g_autofree char *vouchers = format_items (stats, stats->vouchers_by_kind, "voucher_kind");
  g_autofree char *costs = format_costs (stats);
  g_autofree char *hours = g_strdup_printf ("%.1f", stats->hours_worked);

  clear_list (self->stats_list);
  add_count_row (self->stats_list, _("Arrivals (flights with families)"), stats->n_arrivals);
  add_count_row (self->stats_list, _("Families"), stats->n_families);
  add_count_row (self->stats_list, _("Persons"), stats->n_persons);
  add_row (self->stats_list, _("Families by branch"), branches);
  add_row (self->stats_list, _("Connections made"), rate);
  add_row (self->stats_list, _("Average landing to CBP cleared"), to_cbp);
  add_row (self->stats_list, _("Average CBP cleared to hand-off"), to_handoff);
  add_count_row (self->stats_list, _("Incidents"), stats->n_incidents);
  add_row (self->stats_list, _("Incidents by category"), categories);
  add_row (self->stats_list, _("Incidents by severity"), severities);
  add_row (self->stats_list, _("Vouchers by kind"), vouchers);
  add_row (self->stats_list, _("Voucher cost"), costs);
  add_row (self->stats_list, _("Hours worked"), hours);
}

void
_poe_reports_page_fill_shift_review (PoeReportsPage *self)
{
  PoeStats *stats = self->shift_stats;
  g_autofree char *made = NULL;
  g_autofree char *hours = NULL;

  clear_list (self->shift_list);
  if (stats == NULL)
    {
      add_row (self->shift_list, _("No shift on the roster for this period"), "");
      return;
    }

  /* Translators: connections made and missed */
  made = g_strdup_printf (_("%u made, %u missed"), stats->n_connections_made, stats->n_connections_missed);
  hours = g_strdup_printf ("%.1f", stats->hours_worked);
  add_count_row (self->shift_list, _("Flights handled"), stats->n_arrivals);
  add_count_row (self->shift_list, _("Families handled"), stats->n_families);
  add_count_row (self->shift_list, _("Persons received"), stats->n_persons);
  add_row (self->shift_list, _("Connections"), made);
  add_count_row (self->shift_list, _("Hand-offs still open"), stats->n_handoffs_open);
  add_count_row (self->shift_list, _("Incidents opened"), stats->n_incidents);
  add_count_row (self->shift_list, _("Anomalies sent"), stats->n_anomalies_sent);
  add_count_row (self->shift_list, _("Staff on duty"), stats->n_staff_on_duty);
  add_row (self->shift_list, _("Hours worked"), hours);
}

static void
add_forecast_row (PoeReportsPage  *self,
                  PoeForecastHour *hour)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (hour->start, self->zone);
  g_autofree char *title = g_date_time_format (local, "%a %d %b, %H:00");
  g_autofree char *languages = poe_language_dup_names ((const char * const *) hour->languages);
  g_autofree char *missing = poe_language_dup_names ((const char * const *) hour->missing_languages);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  /* Translators: weighted persons expected, staff needed and rostered */
  g_string_printf (subtitle, _("%.1f weighted persons · %u staff needed, %u rostered"),
                   hour->load, hour->required_staff, hour->rostered_staff);
  if (hour->languages[0] != NULL)
    g_string_append_printf (subtitle, _(" · interpreters: %s"), languages);
  if (hour->missing_languages[0] != NULL)
    g_string_append_printf (subtitle, _(" · nobody rostered speaks %s"), missing);

  row = add_row (self->forecast_list, title, NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (hour->understaffed || hour->missing_languages[0] != NULL)
    {
      GtkWidget *label = gtk_label_new (hour->understaffed ? _("Understaffed") : _("Language missing"));

      gtk_widget_add_css_class (label, hour->understaffed ? "error" : "warning");
      gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);
    }
}

void
_poe_reports_page_fill_forecast (PoeReportsPage *self)
{
  guint shown = 0;

  clear_list (self->forecast_list);
  for (guint i = 0; self->forecast != NULL && i < self->forecast->len; i++)
    {
      PoeForecastHour *hour = g_ptr_array_index (self->forecast, i);

      if (hour->n_persons == 0 && !hour->understaffed)
        continue;
      add_forecast_row (self, hour);
      shown++;
    }

  if (shown == 0)
    add_row (self->forecast_list, _("No arrivals expected in the next 3 days"), "");
}

static void
set_style_color (PoeChartColor *color,
                 const GdkRGBA *rgba,
                 double         alpha)
{
  *color = (PoeChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

/* The chart follows the widget's style: its text colour, and the accent for the data. */
static void
chart_style_for (GtkWidget     *widget,
                 PoeChartStyle *style)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA foreground;
  GdkRGBA accent;

  gtk_style_context_get_color (context, &foreground);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = foreground;
  G_GNUC_END_IGNORE_DEPRECATIONS

  set_style_color (&style->foreground, &foreground, 1);
  set_style_color (&style->grid, &foreground, 0.2);
  set_style_color (&style->series, &accent, 1);
  style->font_size = 11;
}

static PoeChartPoint *
chart_points (GPtrArray  *items,
              const char *group)
{
  PoeChartPoint *points = g_new0 (PoeChartPoint, MAX (items->len, 1));

  for (guint i = 0; i < items->len; i++)
    {
      PoeStatsItem *item = g_ptr_array_index (items, i);

      points[i].label = group != NULL ? _poe_reports_page_report_label (group, item->key)
                                      : item->key;
      points[i].value = item->value;
    }

  return points;
}

static char *
shift_title (PoeReportsPage *self,
             PoeRecord      *shift)
{
  PoeStore *store = poe_session_get_store (self->session);
  g_autoptr(PoeRecord) staff = NULL;
  g_autoptr(GDateTime) start = poe_record_dup_time (shift, "planned_start");
  g_autoptr(GDateTime) end = poe_record_dup_time (shift, "planned_end");
  g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start, self->zone);
  g_autoptr(GDateTime) local_end = g_date_time_to_timezone (end, self->zone);
  g_autofree char *from = g_date_time_format (local_start, "%a %H:%M");
  g_autofree char *to = g_date_time_format (local_end, "%H:%M");
  const char *staff_id = poe_record_get_string (shift, "staff_id");
  g_autoptr(GError) error = NULL;

  if (staff_id != NULL && !(staff = poe_store_get (store, "staff", staff_id, &error)) &&
      !g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    poe_read_error_report (GTK_WIDGET (self), error);

  /* Translators: a shift: day and start, end, and who works it */
  return g_strdup_printf (_("%s–%s, %s"), from, to,
                          staff ? poe_record_get_string (staff, "display_name") : _("unassigned"));
}


/*
 * Callbacks
 */

static void
draw_persons_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  PoeReportsPage *self = user_data;
  g_autofree PoeChartPoint *points = NULL;
  PoeChartStyle style;

  if (self->stats == NULL)
    return;
  chart_style_for (GTK_WIDGET (area), &style);
  points = chart_points (self->stats->persons_by_bucket, NULL);
  poe_chart_draw_line (cr, 0, 0, width, height, _("Persons received"), points,
                       self->stats->persons_by_bucket->len, &style);
}

static void
draw_branches_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  PoeReportsPage *self = user_data;
  g_autofree PoeChartPoint *points = NULL;
  PoeChartStyle style;

  if (self->stats == NULL)
    return;
  chart_style_for (GTK_WIDGET (area), &style);
  points = chart_points (self->stats->families_by_branch, "branch");
  poe_chart_draw_bars (cr, 0, 0, width, height, _("Families by branch"), points,
                       self->stats->families_by_branch->len, &style);
}

static void
draw_severity_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  PoeReportsPage *self = user_data;
  g_autofree PoeChartPoint *points = NULL;
  PoeChartStyle style;

  if (self->stats == NULL)
    return;
  chart_style_for (GTK_WIDGET (area), &style);
  points = chart_points (self->stats->incidents_by_severity, "severity");
  poe_chart_draw_bars (cr, 0, 0, width, height, _("Incidents by severity"), points,
                       self->stats->incidents_by_severity->len, &style);
}


/*
 * Page internals
 */

void
_poe_reports_page_init_charts (PoeReportsPage *self)
{
  gtk_drawing_area_set_draw_func (self->persons_chart, draw_persons_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->branches_chart, draw_branches_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->severity_chart, draw_severity_cb, self, NULL);
}

/* The shifts of the period (and the night before) to review, the latest begun chosen. */
void
_poe_reports_page_load_shifts (PoeReportsPage *self)
{
  PoeStore *store = poe_session_get_store (self->session);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) early = g_date_time_add_days (self->from, -1);
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  g_clear_pointer (&self->shifts, g_ptr_array_unref);
  self->shifts = poe_store_list_shifts_between (store, early, self->to, &error);
  if (self->shifts == NULL)
    {
      poe_read_error_report (GTK_WIDGET (self), error);
      self->shifts = g_ptr_array_new_with_free_func (g_object_unref);
    }

  for (guint i = 0; i < self->shifts->len; i++)
    {
      PoeRecord *shift = g_ptr_array_index (self->shifts, i);
      g_autofree char *title = shift_title (self, shift);
      g_autoptr(GDateTime) start = poe_record_dup_time (shift, "planned_start");

      gtk_string_list_append (titles, title);
      /* The latest shift that has begun is the one a lead reviews. */
      if (g_date_time_compare (start, now) <= 0)
        selected = i;
    }

  gtk_drop_down_set_model (self->shift_dropdown, G_LIST_MODEL (titles));
  gtk_widget_set_sensitive (GTK_WIDGET (self->shift_dropdown), self->shifts->len > 0);
  if (self->shifts->len > 0)
    gtk_drop_down_set_selected (self->shift_dropdown, selected);
}

/* The review of the shift chosen in the drop-down. */
void
_poe_reports_page_review_shift (PoeReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->shift_dropdown);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->shift_stats, poe_stats_unref);
  if (self->shifts != NULL && selected < self->shifts->len)
    self->shift_stats = poe_stats_compute_shift (poe_session_get_store (self->session),
                                                 g_ptr_array_index (self->shifts, selected), &error);
  if (error != NULL)
    poe_read_error_report (GTK_WIDGET (self), error);
  _poe_reports_page_fill_shift_review (self);
}
