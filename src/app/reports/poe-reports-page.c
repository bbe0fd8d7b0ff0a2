/* poe-reports-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "escorts/poe-escorts-labels.h"
#include "family/poe-family-labels.h"
#include "incidents/poe-incident-labels.h"
#include "poe-chart.h"
#include "poe-csv.h"
#include "poe-reports-page.h"

struct _PoeReportsPage
{
  GtkWidget       parent_instance;

  PoeSession     *session;
  PoeStats       *stats;
  PoeStats       *shift_stats;
  GPtrArray      *forecast;
  GPtrArray      *shifts;
  GCancellable   *cancellable;
  GTimeZone      *zone;
  char           *poe_name;
  char           *period_text;
  GDateTime      *from;
  GDateTime      *to;
  guint           refresh_id;
  gboolean        dirty;
  GCancellable   *computing;   /* while the figures are computed on a worker thread */

  /* Template widgets */
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkDropDown    *period_dropdown;
  GtkRevealer    *custom_revealer;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *period_label;
  GtkLabel       *export_label;
  GtkListBox     *stats_list;
  GtkDrawingArea *persons_chart;
  GtkDrawingArea *branches_chart;
  GtkDrawingArea *severity_chart;
  GtkDropDown    *shift_dropdown;
  GtkListBox     *shift_list;
  GtkListBox     *forecast_list;
};

/* What a worker thread computes, on a connection of its own to the store's file */
typedef struct
{
  char      *store_path;
  char      *poe;
  GDateTime *from;
  GDateTime *to;
  GDateTime *now;
  PoeStats  *stats;
  GPtrArray *forecast;
} Computation;

G_DEFINE_FINAL_TYPE (PoeReportsPage, poe_reports_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPUTING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void refresh (PoeReportsPage *self);


/*
 * Auxiliary methods
 */

static const char *
report_label (const char *group,
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
      g_string_append_printf (text, "%s %.0f", report_label (group, item->key), item->value);
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

static void
fill_stats (PoeReportsPage *self)
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

static void
fill_shift_review (PoeReportsPage *self)
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
  g_autofree char *languages = g_strjoinv (", ", hour->languages);
  g_autofree char *missing = g_strjoinv (", ", hour->missing_languages);
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

static void
fill_forecast (PoeReportsPage *self)
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

      points[i].label = group != NULL ? report_label (group, item->key) : item->key;
      points[i].value = item->value;
    }

  return points;
}

static void
set_loaded (PoeReportsPage *self,
            gboolean        loaded)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->persons_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->branches_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->severity_chart));
  gtk_stack_set_visible_child_name (self->stack, loaded ? "reports" : "empty");
}

static GDateTime *
local_midnight (GTimeZone *zone,
                GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, zone);

  return g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

static void
set_range (PoeReportsPage *self,
           GDateTime      *from,
           GDateTime      *to)
{
  g_autoptr(GDateTime) last = g_date_time_add_seconds (to, -1);
  g_autofree char *first_text = g_date_time_format (from, "%-d %b %Y");
  g_autofree char *last_text = g_date_time_format (last, "%-d %b %Y");

  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  self->from = g_date_time_ref (from);
  self->to = g_date_time_ref (to);
  g_free (self->period_text);
  if (g_str_equal (first_text, last_text))
    self->period_text = g_steal_pointer (&first_text);
  else
    /* Translators: a period from one day to another */
    self->period_text = g_strdup_printf (_("%s to %s"), first_text, last_text);
  gtk_label_set_label (self->period_label, self->period_text);
}

static void
compute_period (PoeReportsPage   *self,
                PoeReportsPeriod  period)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autoptr(GDateTime) today = local_midnight (self->zone, now);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;

  switch (period)
    {
    case POE_REPORTS_PERIOD_THIS_WEEK:
      from = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));
      to = g_date_time_add_days (from, 7);
      break;
    case POE_REPORTS_PERIOD_LAST_7_DAYS:
      from = g_date_time_add_days (today, -6);
      to = g_date_time_add_days (today, 1);
      break;
    case POE_REPORTS_PERIOD_THIS_MONTH:
      from = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));
      to = g_date_time_add_months (from, 1);
      break;
    case POE_REPORTS_PERIOD_CUSTOM:
    case POE_REPORTS_PERIOD_TODAY:
    default:
      from = g_date_time_ref (today);
      to = g_date_time_add_days (today, 1);
      break;
    }

  set_range (self, from, to);
}

static GDateTime *
parse_day (GTimeZone  *zone,
           const char *text)
{
  int year, month, day;
  char extra;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &year, &month, &day, &extra) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new (zone, year, month, day, 0, 0, 0);
}

static void
load_zone (PoeReportsPage *self)
{
  PoeStore *store = poe_session_get_store (self->session);
  const char *poe = poe_session_get_poe (self->session);
  g_autoptr(PoeRecord) record = poe_store_find_by_field (store, "poe", "code", poe, NULL);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->poe_name, g_free);
  if (record != NULL)
    {
      self->zone = g_time_zone_new_identifier (poe_record_get_string (record, "time_zone"));
      self->poe_name = g_strdup_printf ("%s — %s", poe, poe_record_get_string (record, "name"));
    }
  if (self->zone == NULL)
    self->zone = g_time_zone_new_local ();
  if (self->poe_name == NULL)
    self->poe_name = g_strdup (poe);
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

  if (staff_id != NULL)
    staff = poe_store_get (store, "staff", staff_id, NULL);

  /* Translators: a shift: day and start, end, and who works it */
  return g_strdup_printf (_("%s–%s, %s"), from, to,
                          staff ? poe_record_get_string (staff, "display_name") : _("unassigned"));
}

static void
load_shifts (PoeReportsPage *self)
{
  PoeStore *store = poe_session_get_store (self->session);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) early = g_date_time_add_days (self->from, -1);
  guint selected = 0;

  g_clear_pointer (&self->shifts, g_ptr_array_unref);
  self->shifts = poe_store_list_shifts_between (store, early, self->to, NULL);
  if (self->shifts == NULL)
    self->shifts = g_ptr_array_new_with_free_func (g_object_unref);

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

static void
compute_shift_review (PoeReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->shift_dropdown);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->shift_stats, poe_stats_unref);
  if (self->shifts != NULL && selected < self->shifts->len)
    self->shift_stats = poe_stats_compute_shift (poe_session_get_store (self->session),
                                                 g_ptr_array_index (self->shifts, selected), &error);
  if (error != NULL)
    g_warning ("Shift review failed: %s", error->message);
  fill_shift_review (self);
}

static gboolean
may_see_reports (PoeSession *session)
{
  const char *role = poe_session_get_role (session);

  return role != NULL && g_strv_contains ((const char * const[]) { "lead", "supervisor", "admin", NULL }, role);
}

static void
show_empty_state (PoeReportsPage *self)
{
  if (self->session != NULL && poe_session_get_state (self->session) == POE_SESSION_READY &&
      !may_see_reports (self->session))
    {
      adw_status_page_set_icon_name (self->status_page, "system-lock-screen-symbolic");
      adw_status_page_set_title (self->status_page, _("Reports Are for Shift Leads and Supervisors"));
      adw_status_page_set_description (self->status_page,
                                       _("Statistics, shift reviews and staffing forecasts are shown to shift leads "
                                         "and supervisors. Ask your shift lead for the figures you need."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "x-office-spreadsheet-symbolic");
      adw_status_page_set_title (self->status_page, _("No Statistics Yet"));
      adw_status_page_set_description (self->status_page,
                                       _("Statistics, charts and exports for a chosen period appear here once "
                                         "arrivals have been recorded."));
    }
  set_loaded (self, FALSE);
}

static void
computation_free (gpointer data)
{
  Computation *computation = data;

  g_free (computation->store_path);
  g_free (computation->poe);
  g_clear_pointer (&computation->from, g_date_time_unref);
  g_clear_pointer (&computation->to, g_date_time_unref);
  g_clear_pointer (&computation->now, g_date_time_unref);
  g_clear_pointer (&computation->stats, poe_stats_unref);
  g_clear_pointer (&computation->forecast, g_ptr_array_unref);
  g_free (computation);
}

/* A month of a busy port reads tens of thousands of records: not on the main thread. */
static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Computation *computation = task_data;
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(GError) forecast_error = NULL;
  GError *error = NULL;

  if (!(store = poe_store_open (computation->store_path, &error)) ||
      !(computation->stats = poe_stats_compute (store, computation->poe, computation->from,
                                                computation->to, &error)))
    return g_task_return_error (task, error);

  computation->forecast = poe_stats_forecast (store, computation->poe, computation->now,
                                              POE_REPORTS_FORECAST_DAYS * 24, &forecast_error);
  if (forecast_error != NULL)
    g_warning ("Staffing forecast failed: %s", forecast_error->message);

  g_task_return_boolean (task, TRUE);
}

static void
stop_computing (PoeReportsPage *self)
{
  if (self->computing == NULL)
    return;

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (object);
  Computation *computation = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Cancelled: a newer computation, or the page went. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->computing);
  g_clear_pointer (&self->stats, poe_stats_unref);
  g_clear_pointer (&self->forecast, g_ptr_array_unref);
  if (error != NULL)
    {
      g_warning ("Statistics failed: %s", error->message);
      show_empty_state (self);
    }
  else
    {
      self->stats = g_steal_pointer (&computation->stats);
      self->forecast = g_steal_pointer (&computation->forecast);
      fill_stats (self);
      load_shifts (self);
      compute_shift_review (self);
      fill_forecast (self);
      set_loaded (self, TRUE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void
refresh (PoeReportsPage *self)
{
  g_autoptr(GTask) task = NULL;
  Computation *computation;

  stop_computing (self);
  if (self->session == NULL || poe_session_get_state (self->session) != POE_SESSION_READY ||
      !may_see_reports (self->session) || self->from == NULL)
    {
      g_clear_pointer (&self->stats, poe_stats_unref);
      show_empty_state (self);
      return;
    }

  /* The figures shown stay until the new ones are there; the first time, say so. */
  if (self->stats == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "x-office-spreadsheet-symbolic");
      adw_status_page_set_title (self->status_page, _("Computing Statistics…"));
      adw_status_page_set_description (self->status_page,
                                       _("The figures of the period are being read from the data on this computer."));
      set_loaded (self, FALSE);
    }

  computation = g_new0 (Computation, 1);
  computation->store_path = g_strdup (poe_store_get_path (poe_session_get_store (self->session)));
  computation->poe = g_strdup (poe_session_get_poe (self->session));
  computation->from = g_date_time_ref (self->from);
  computation->to = g_date_time_ref (self->to);
  computation->now = g_date_time_new_now (self->zone);

  self->computing = g_cancellable_new ();
  task = g_task_new (self, self->computing, computed_cb, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, computation, computation_free);
  g_task_run_in_thread (task, compute_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
}

static void
queue_refresh (PoeReportsPage *self);

static void
choose_file (PoeReportsPage  *self,
             PoeReportFormat  format);


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

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PoeReportsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts while the board is live: recompute at most every 2 seconds, and
 * only while the page is shown. */
static void
queue_refresh (PoeReportsPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (2, refresh_idle_cb, self);
}

static void
mapped_cb (PoeReportsPage *self)
{
  if (!self->dirty)
    return;

  self->dirty = FALSE;
  refresh (self);
}

static void
store_changed_cb (PoeReportsPage     *self,
                  const char         *entity,
                  const char * const *ids)
{
  queue_refresh (self);
}

static void
session_state_notified_cb (PoeReportsPage *self)
{
  /* A lock shows the empty state at once; anything else waits until the page is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || poe_session_get_state (self->session) != POE_SESSION_READY)
    refresh (self);
  else
    self->dirty = TRUE;
}

static void
period_selected_cb (PoeReportsPage *self)
{
  PoeReportsPeriod period = gtk_drop_down_get_selected (self->period_dropdown);

  gtk_revealer_set_reveal_child (self->custom_revealer, period == POE_REPORTS_PERIOD_CUSTOM);
  if (period == POE_REPORTS_PERIOD_CUSTOM || self->zone == NULL)
    return;

  compute_period (self, period);
  refresh (self);
}

static void
shift_selected_cb (PoeReportsPage *self)
{
  if (self->stats != NULL)
    compute_shift_review (self);
}

static void
style_changed_cb (PoeReportsPage *self)
{
  set_loaded (self, gtk_stack_get_visible_child_name (self->stack) != NULL &&
                    g_str_equal (gtk_stack_get_visible_child_name (self->stack), "reports"));
}

static void
custom_dates_activated_cb (PoeReportsPage *self)
{
  poe_reports_page_set_custom_period (self, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                      gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->export_label), TRUE);
  if (poe_reports_page_export_finish (self, result, &error))
    gtk_label_set_label (self->export_label, _("The report was saved."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = g_strdup_printf (_("The report could not be saved: %s. Choose another folder and try again."),
                                               error->message);

      gtk_label_set_label (self->export_label, text);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (user_data);
  PoeReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    poe_reports_page_export_async (self, format, file, self->cancellable, export_done_cb, NULL);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (PoeReportsPage  *self,
             PoeReportFormat  format)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) from = self->from ? g_date_time_to_timezone (self->from, self->zone) : NULL;
  g_autofree char *day = from ? g_date_time_format (from, "%Y-%m-%d") : g_strdup ("report");
  g_autofree char *name = g_strdup_printf ("poe-report-%s-%s.%s", poe_session_get_poe (self->session), day,
                                           format == POE_REPORT_FORMAT_PDF ? "pdf" : "csv");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (format == POE_REPORT_FORMAT_PDF ? _("Export PDF Report") : _("Export CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_csv_clicked_cb (PoeReportsPage *self)
{
  choose_file (self, POE_REPORT_FORMAT_CSV);
}

static void
export_pdf_clicked_cb (PoeReportsPage *self)
{
  choose_file (self, POE_REPORT_FORMAT_PDF);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (poe_report_write_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}


/*
 * GObject overrides
 */

static void
poe_reports_page_dispose (GObject *object)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (poe_reports_page_parent_class)->dispose (object);
}

static void
poe_reports_page_finalize (GObject *object)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stats, poe_stats_unref);
  g_clear_pointer (&self->shift_stats, poe_stats_unref);
  g_clear_pointer (&self->forecast, g_ptr_array_unref);
  g_clear_pointer (&self->shifts, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_free (self->poe_name);
  g_free (self->period_text);

  G_OBJECT_CLASS (poe_reports_page_parent_class)->finalize (object);
}

static void
poe_reports_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PoeReportsPage *self = POE_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPUTING:
      g_value_set_boolean (value, self->computing != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_reports_page_class_init (PoeReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_reports_page_dispose;
  object_class->finalize = poe_reports_page_finalize;
  object_class->get_property = poe_reports_page_get_property;

  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/reports/poe-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, stats_list);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, persons_chart);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, branches_chart);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, severity_chart);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, shift_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, shift_list);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, forecast_list);
  gtk_widget_class_bind_template_callback (widget_class, custom_dates_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_csv_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_pdf_clicked_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
poe_reports_page_init (PoeReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_drawing_area_set_draw_func (self->persons_chart, draw_persons_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->branches_chart, draw_branches_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->severity_chart, draw_severity_cb, self, NULL);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (period_selected_cb), self);
  g_signal_connect_swapped (self->shift_dropdown, "notify::selected", G_CALLBACK (shift_selected_cb), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (style_changed_cb),
                           self, G_CONNECT_SWAPPED);
  show_empty_state (self);
}


/*
 * Public API
 */

PoeSession *
poe_reports_page_get_session (PoeReportsPage *self)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), NULL);

  return self->session;
}

/**
 * poe_reports_page_set_session:
 * @session: (nullable): the signed-in session
 *
 * Shows the reports of @session's POE for today; agents see an empty state instead.
 */
void
poe_reports_page_set_session (PoeReportsPage *self,
                              PoeSession     *session)
{
  g_return_if_fail (POE_IS_REPORTS_PAGE (self));
  g_return_if_fail (!session || POE_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (!g_set_object (&self->session, session))
    return;

  if (session != NULL)
    {
      PoeStore *store = poe_session_get_store (session);

      g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_notified_cb),
                               self, G_CONNECT_SWAPPED);
      if (store != NULL)
        {
          g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
          load_zone (self);
          compute_period (self, gtk_drop_down_get_selected (self->period_dropdown));
        }
    }

  /* The statistics read the whole period: only once the page is shown. */
  if (session == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->dirty = TRUE;
}

void
poe_reports_page_set_period (PoeReportsPage   *self,
                             PoeReportsPeriod  period)
{
  g_return_if_fail (POE_IS_REPORTS_PAGE (self));
  g_return_if_fail (period <= POE_REPORTS_PERIOD_CUSTOM);

  if (gtk_drop_down_get_selected (self->period_dropdown) != period)
    gtk_drop_down_set_selected (self->period_dropdown, period);
  else
    period_selected_cb (self);
}

/**
 * poe_reports_page_set_custom_period:
 * @first_day: "YYYY-MM-DD", local to the POE
 * @last_day: "YYYY-MM-DD", inclusive
 *
 * Returns: %FALSE (and marks the entries) when a day is not a date or the period is empty
 */
gboolean
poe_reports_page_set_custom_period (PoeReportsPage *self,
                                    const char     *first_day,
                                    const char     *last_day)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) to = NULL;
  gboolean valid;

  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), FALSE);

  if (self->zone == NULL)
    return FALSE;

  from = parse_day (self->zone, first_day);
  last = parse_day (self->zone, last_day);
  valid = from != NULL && last != NULL && g_date_time_compare (from, last) <= 0;

  if (from == NULL || !valid)
    gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  if (last == NULL || !valid)
    gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  if (!valid)
    return FALSE;

  if (gtk_drop_down_get_selected (self->period_dropdown) != POE_REPORTS_PERIOD_CUSTOM)
    gtk_drop_down_set_selected (self->period_dropdown, POE_REPORTS_PERIOD_CUSTOM);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), first_day);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), last_day);
  to = g_date_time_add_days (last, 1);
  set_range (self, from, to);
  refresh (self);

  return TRUE;
}

/**
 * poe_reports_page_select_shift:
 *
 * Returns: whether a shift of that id is on the roster shown
 */
gboolean
poe_reports_page_select_shift (PoeReportsPage *self,
                               const char     *shift_id)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), FALSE);

  for (guint i = 0; self->shifts != NULL && i < self->shifts->len; i++)
    if (g_strcmp0 (poe_record_get_id (g_ptr_array_index (self->shifts, i)), shift_id) == 0)
      {
        gtk_drop_down_set_selected (self->shift_dropdown, i);
        compute_shift_review (self);
        return TRUE;
      }

  return FALSE;
}

/**
 * poe_reports_page_get_computing:
 *
 * Returns: whether the figures of the period are being computed (on a worker thread); the
 *   figures shown until then are the earlier ones
 */
gboolean
poe_reports_page_get_computing (PoeReportsPage *self)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), FALSE);

  return self->computing != NULL;
}

/**
 * poe_reports_page_get_stats:
 *
 * Returns: (transfer none) (nullable): the statistics shown
 */
PoeStats *
poe_reports_page_get_stats (PoeReportsPage *self)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), NULL);

  return self->stats;
}

/**
 * poe_reports_page_get_shift_stats:
 *
 * Returns: (transfer none) (nullable): the review of the shift chosen
 */
PoeStats *
poe_reports_page_get_shift_stats (PoeReportsPage *self)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), NULL);

  return self->shift_stats;
}

/**
 * poe_reports_page_get_forecast:
 *
 * Returns: (transfer none) (nullable) (element-type PoeForecastHour): the forecast shown
 */
GPtrArray *
poe_reports_page_get_forecast (PoeReportsPage *self)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), NULL);

  return self->forecast;
}

/**
 * poe_reports_page_export_async:
 *
 * Writes the statistics shown to @file as a PDF report or CSV, off the main thread.
 */
void
poe_reports_page_export_async (PoeReportsPage      *self,
                               PoeReportFormat      format,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  PoeReportInfo info;

  g_return_if_fail (POE_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_reports_page_export_async);
  if (self->stats == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There are no statistics to export"));
      return;
    }

  now = g_date_time_new_now (self->zone);
  info = (PoeReportInfo) { self->poe_name, self->period_text, now, report_label };
  poe_report_write_async (self->stats, &info, format, file, cancellable, write_done_cb, g_steal_pointer (&task));
}

gboolean
poe_reports_page_export_finish (PoeReportsPage  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (POE_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
