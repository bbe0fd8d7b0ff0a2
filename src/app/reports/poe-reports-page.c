/* poe-reports-page.c
 *
 * The reports page: its state, the period chosen (and a custom one), the POE's time zone
 * and its shifts, refreshing when the store changes and the page is shown, computing the
 * figures on a worker thread, the empty states, the GObject code and the public API. The
 * lists, charts and the shift review are filled in poe-reports-page-figures.c, the exports
 * written in
 * poe-reports-page-export.c. Times are the signed-in user's POE's; statistics that cannot be
 * read show PoeReadErrorPage, a shift review or forecast that cannot the window's bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-reports-page-private.h"

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
  GError    *forecast_error;  /* the statistics read, the forecast did not */
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
show_error (PoeReportsPage *self,
            const GError   *error)
{
  poe_read_error_page_set_error (self->error_page, error);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The user's POE: its zone and its name for the exports. */
static gboolean
load_zone (PoeReportsPage  *self,
           GError         **error)
{
  PoeStore *store = poe_session_get_store (self->session);
  const char *poe = poe_session_get_poe (self->session);
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  GTimeZone *zone;

  if (!(zone = poe_store_dup_poe_time_zone (store, NULL, error)))
    return FALSE;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  /* %NULL without an error before the first pull brought the POE. */
  if (!(record = poe_store_find_by_field (store, "poe", "code", poe, &local_error)) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&self->poe_name, g_free);
  self->poe_name = record ? g_strdup_printf ("%s — %s", poe, poe_record_get_string (record, "name")) : g_strdup (poe);
  return TRUE;
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
  g_clear_error (&computation->forecast_error);
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
  GError *error = NULL;

  if (!(store = poe_store_open (computation->store_path, &error)) ||
      !(computation->stats = poe_stats_compute (store, computation->poe, computation->from,
                                                computation->to, &error)))
    return g_task_return_error (task, error);

  computation->forecast = poe_stats_forecast (store, computation->poe, computation->now,
                                              POE_REPORTS_FORECAST_DAYS * 24, &computation->forecast_error);

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
      show_error (self, error);
    }
  else
    {
      self->stats = g_steal_pointer (&computation->stats);
      self->forecast = g_steal_pointer (&computation->forecast);
      _poe_reports_page_fill_stats (self);
      _poe_reports_page_load_shifts (self);
      _poe_reports_page_review_shift (self);
      _poe_reports_page_fill_forecast (self);
      set_loaded (self, TRUE);
      if (computation->forecast_error != NULL)
        poe_read_error_report (GTK_WIDGET (self), computation->forecast_error);
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


/*
 * Callbacks
 */

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
  g_autoptr(GError) error = NULL;

  /* The POE's zone moves the period's days. */
  if (g_str_equal (entity, "poe"))
    {
      if (!load_zone (self, &error))
        {
          show_error (self, error);
          return;
        }
      if (gtk_drop_down_get_selected (self->period_dropdown) != POE_REPORTS_PERIOD_CUSTOM)
        compute_period (self, gtk_drop_down_get_selected (self->period_dropdown));
    }
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
    _poe_reports_page_review_shift (self);
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
  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/reports/poe-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeReportsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, refresh);
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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  _poe_reports_page_class_init_export (widget_class);
}

static void
poe_reports_page_init (PoeReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  _poe_reports_page_init_charts (self);
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
          g_autoptr(GError) error = NULL;

          g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
          if (!load_zone (self, &error))
            {
              show_error (self, error);
              return;
            }
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
        _poe_reports_page_review_shift (self);
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
