/* poe-board-page.c
 *
 * The live arrivals board: a GtkColumnView over PoeBoardModel. Rows keep their identity
 * across updates from the sync engine, so scroll position and selection stay.
 *
 * Here: the page, its time window, filters and "now", the model it reads (or takes read
 * ahead), its flight page, GObject. The rows the view makes of the model, the layout that
 * sizes the first page and the count and empty states are in poe-board-page-rows.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-page"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-read-error.h"
#include "common/poe-tooltip.h"
#include "poe-bench-hook.h"
#include "poe-board-model.h"

#include "poe-board-cells.h"
#include "poe-board-page-private.h"
#include "poe-flight-view.h"

#define NOW_TICK_SECONDS 30


G_DEFINE_FINAL_TYPE (PoeBoardPage, poe_board_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVEAL_NAMES,
  N_PROPS
};

enum {
  OPEN_CASE,
  REPORT_ANOMALY,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The statuses of each choice of the status filter, NULL for all. */
static const char * const to_arrive[] = { "scheduled", "en_route", "delayed", NULL };
static const char * const arrived[] = { "landed", "arrived", NULL };
static const char * const cancelled[] = { "cancelled", "diverted", NULL };
static const char * const *status_filters[] = { NULL, to_arrive, arrived, cancelled };


/*
 * Auxiliary methods
 */

static GDateTime *
now_in_zone (PoeBoardPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_to_timezone (now, self->time_zone);
}

/* The board's time window for the choice of the window drop-down, in the POE's zone. */
static void
get_window (PoeBoardPage  *self,
            GDateTime    **from,
            GDateTime    **to)
{
  g_autoptr(GDateTime) now = now_in_zone (self);
  g_autoptr(GDateTime) midnight = NULL;

  switch (gtk_drop_down_get_selected (self->window_dropdown))
    {
    case 1:
      midnight = g_date_time_new (self->time_zone, g_date_time_get_year (now),
                                  g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
      *from = g_date_time_ref (midnight);
      *to = g_date_time_add_days (midnight, 1);
      break;

    case 2:
      *from = g_date_time_add_hours (now, -24);
      *to = g_date_time_add_hours (now, 1);
      break;

    case 0:
    default:
      poe_board_page_get_default_window (now, from, to);
      break;
    }
}

/* A model read ahead (poe_board_page_prefetch_model()) serves if it is of this store and of
 * the window the page would read now, give or take the minute since. */
static PoeBoardModel *
take_prefetched (PoeBoardPage  *self,
                 GDateTime     *from)
{
  g_autoptr(PoeBoardModel) model = g_steal_pointer (&self->prefetched);
  g_autoptr(GDateTime) model_from = NULL;

  if (model == NULL || poe_board_model_get_store (model) != self->store ||
      gtk_drop_down_get_selected (self->window_dropdown) != 0)
    return NULL;

  g_object_get (model, "from", &model_from, NULL);
  if (model_from == NULL || ABS (g_date_time_difference (from, model_from)) > G_TIME_SPAN_MINUTE)
    return NULL;

  return g_steal_pointer (&model);
}

/* The board's failure replaces it until "Try Again" reads it anew. */
static void
set_error (PoeBoardPage *self,
           const GError *error)
{
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
}

/* The zone of the signed-in user's POE; a failed read keeps the one the board had. */
static void
load_time_zone (PoeBoardPage *self)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *zone = NULL;

  if (self->store != NULL && !(zone = poe_store_dup_poe_time_zone (self->store, NULL, &error)))
    set_error (self, error);

  if (zone == NULL && self->time_zone != NULL)
    return;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = zone != NULL ? zone : g_time_zone_new_local ();
  for (guint i = 0; i < self->cells->len; i++)
    poe_board_cells_set_time_zone (g_ptr_array_index (self->cells, i), self->time_zone);
}

static void
update_now (PoeBoardPage *self)
{
  g_autoptr(GDateTime) now = now_in_zone (self);
  g_autofree char *time = g_date_time_format (now, "%H:%M %Z");
  g_autofree char *text = NULL;

  /* Translators: the board's "now" marker; %s is a time such as 14:05 EST */
  text = g_strdup_printf (_("Now %s"), time);
  gtk_label_set_label (self->now_label, text);

  if (self->model != NULL)
    poe_board_model_set_now (self->model, now);
}

static void load_model (PoeBoardPage *self);

static void
retry_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  set_error (self, NULL);
  load_time_zone (self);
  load_model (self);
}

static void
apply_filters (PoeBoardPage *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->model == NULL)
    return;

  poe_board_model_set_query (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  poe_board_model_set_statuses (self->model, status < G_N_ELEMENTS (status_filters) ? status_filters[status] : NULL);
  poe_board_model_set_reveal_names (self->model, self->reveal_names);
  _poe_board_page_update_view (self);
}

/* The model missed a change it could not read: the board no longer matches the store. */
static void
model_failed_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  set_error (self, poe_board_model_get_error (self->model));
  _poe_board_page_update_view (self);
}

/* The POE's zone may have come with a pull (the first one after signing in) or changed. */
static void
store_changed_cb (PoeBoardPage *self,
                  const char   *entity)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  if (!g_str_equal (entity, "poe"))
    return;

  load_time_zone (self);
  if (gtk_drop_down_get_selected (self->window_dropdown) == 1)
    load_model (self);
  else
    update_now (self);
  _poe_board_page_update_view (self);
}

static void
load_model (PoeBoardPage *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeBoardModel) model = NULL;

  if (self->store != NULL)
    {
      get_window (self, &from, &to);
      model = take_prefetched (self, from);
      if (model == NULL)
        model = poe_board_model_new (self->store, from, to, &error);
      if (model == NULL)
        set_error (self, error);
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  _poe_board_page_show_rows (self);
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (_poe_board_page_update_view),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::error", G_CALLBACK (model_failed_cb), self, G_CONNECT_SWAPPED);
    }

  update_now (self);
  apply_filters (self);
  _poe_board_page_update_view (self);
}

static void
add_columns (PoeBoardPage *self)
{
  for (guint i = 0; i < poe_board_cells_get_n_kinds (); i++)
    {
      PoeBoardCells *cells = poe_board_cells_new (i);
      GtkColumnViewColumn *column = gtk_column_view_column_new (poe_board_cells_get_title (cells),
                                                                g_object_ref (poe_board_cells_get_factory (cells)));

      gtk_column_view_column_set_expand (column, poe_board_cells_get_expands (cells));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
      g_ptr_array_add (self->cells, cells);
    }
}


/*
 * Callbacks
 */

static gboolean
tick_cb (gpointer user_data)
{
  update_now (user_data);

  return G_SOURCE_CONTINUE;
}

static void
window_selected_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  load_model (self);
}

static void
status_selected_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  apply_filters (self);
}

static void
search_changed_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  apply_filters (self);
}

static void
stop_search_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
reveal_toggled_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  poe_board_page_set_reveal_names (self, gtk_toggle_button_get_active (self->reveal_button));
}

static void
row_activated_cb (PoeBoardPage *self,
                  guint         position)
{
  g_autoptr(PoeBoardRow) row = NULL;

  g_assert (POE_IS_BOARD_PAGE (self));

  row = self->model != NULL ? g_list_model_get_item (G_LIST_MODEL (self->model), position) : NULL;
  if (row != NULL)
    poe_board_page_show_flight (self, poe_board_row_get_flight_id (row));
}

static void
flight_back_cb (PoeBoardPage *self)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
flight_open_case_cb (PoeBoardPage *self,
                     const char   *case_id)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  g_signal_emit (self, signals[OPEN_CASE], 0, case_id);
}

static void
flight_report_anomaly_cb (PoeBoardPage *self,
                          const char   *flight_id)
{
  g_assert (POE_IS_BOARD_PAGE (self));

  g_signal_emit (self, signals[REPORT_ANOMALY], 0, flight_id);
}

/* Made with the page, the flight page cost the board's first frame its template and its
 * measuring (13 million instructions), for a page shown only when a flight is opened. */
static PoeFlightView *
ensure_flight_view (PoeBoardPage *self)
{
  if (self->flight_view != NULL)
    return self->flight_view;

  self->flight_view = g_object_new (POE_TYPE_FLIGHT_VIEW, NULL);
  g_signal_connect_object (self->flight_view, "back", G_CALLBACK (flight_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flight_view, "open-case", G_CALLBACK (flight_open_case_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flight_view, "report-anomaly", G_CALLBACK (flight_report_anomaly_cb),
                           self, G_CONNECT_SWAPPED);
  poe_flight_view_set_reveal_names (self->flight_view, self->reveal_names);
  if (self->store != NULL)
    poe_flight_view_set_store (self->flight_view, self->store);
  adw_bin_set_child (self->flight_bin, GTK_WIDGET (self->flight_view));

  return self->flight_view;
}


/*
 * GObject overrides
 */

static void
poe_board_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (poe_board_page_parent_class)->map (widget);

  _poe_board_page_update_view (POE_BOARD_PAGE (widget));
  _poe_board_page_start_growing (POE_BOARD_PAGE (widget));
}

static void
poe_board_page_unmap (GtkWidget *widget)
{
  _poe_board_page_stop_growing (POE_BOARD_PAGE (widget));

  GTK_WIDGET_CLASS (poe_board_page_parent_class)->unmap (widget);
}

static void
poe_board_page_dispose (GObject *object)
{
  PoeBoardPage *self = POE_BOARD_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  _poe_board_page_stop_growing (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_BOARD_PAGE);
  self->flight_view = NULL;  /* the bin's child, gone with it */
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);
  g_clear_object (&self->prefetched);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (poe_board_page_parent_class)->dispose (object);
}

static void
poe_board_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PoeBoardPage *self = POE_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_board_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PoeBoardPage *self = POE_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_REVEAL_NAMES:
      poe_board_page_set_reveal_names (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_board_page_class_init (PoeBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_board_page_dispose;
  object_class->get_property = poe_board_page_get_property;
  object_class->set_property = poe_board_page_set_property;
  widget_class->map = poe_board_page_map;
  widget_class->unmap = poe_board_page_unmap;
  _poe_board_page_class_init_rows (widget_class);

  /**
   * PoeBoardPage:reveal-names:
   *
   * Whether the search matches names; a lock turns it off.
   */
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PoeBoardPage::open-case:
   * @case_id: the family to show
   */
  signals[OPEN_CASE] =
    g_signal_new ("open-case",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PoeBoardPage::report-anomaly:
   * @flight_id: the flight of the flight page
   *
   * The flight page's "Report Anomaly" was clicked.
   */
  signals[REPORT_ANOMALY] =
    g_signal_new ("report-anomaly",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/board/poe-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, now_label);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, window_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, search_button);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, flight_bin);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, empty_bin);
  gtk_widget_class_bind_template_child (widget_class, PoeBoardPage, no_match_bin);
  gtk_widget_class_bind_template_callback (widget_class, window_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  _poe_board_page_class_init_keys (widget_class);
}

static void
poe_board_page_init (PoeBoardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Set here, not in the template: see poe-tooltip.c. */
  poe_tooltip_set_text (GTK_WIDGET (self->window_dropdown), _("Time window"));
  poe_tooltip_set_text (GTK_WIDGET (self->status_dropdown), _("Flight status"));
  poe_tooltip_set_text (GTK_WIDGET (self->reveal_button), _("Show names"));
  poe_tooltip_set_text (GTK_WIDGET (self->search_button), _("Search (Ctrl+F)"));

  self->cells = g_ptr_array_new_with_free_func (g_object_unref);
  _poe_board_page_init_rows (self);
  add_columns (self);
  load_time_zone (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->reveal_button, "toggled", G_CALLBACK (reveal_toggled_cb),
                           self, G_CONNECT_SWAPPED);

  update_now (self);
  _poe_board_page_update_view (self);
  self->tick_id = g_timeout_add_seconds (NOW_TICK_SECONDS, tick_cb, self);
}


/*
 * Private API
 */

/* The board's failure, instead of the board; the page is made when a read first fails,
 * like the empty states. */
void
_poe_board_page_show_error (PoeBoardPage *self)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "error");

  if (page == NULL)
    {
      page = poe_read_error_page_new ();
      g_signal_connect_object (page, "retry", G_CALLBACK (retry_cb), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, page, "error");
    }

  poe_read_error_page_set_error (POE_READ_ERROR_PAGE (page), self->error);
  gtk_stack_set_visible_child_name (self->stack, "error");
}


/*
 * Public API
 */

/**
 * poe_board_page_get_default_window:
 * @now: the time in the POE's zone
 * @from: (out): the earliest scheduled arrival the board shows first
 * @to: (out): the latest, exclusive
 *
 * The window the board opens with: flights that landed in the last two hours are still
 * being worked, and the next six hours.
 */
void
poe_board_page_get_default_window (GDateTime  *now,
                                   GDateTime **from,
                                   GDateTime **to)
{
  *from = g_date_time_add_hours (now, -2);
  *to = g_date_time_add_hours (now, 6);
}

/**
 * poe_board_page_prefetch_model:
 * @store: a store no other thread uses meanwhile
 *
 * Reads the board the page opens with (the default window, its first page of families),
 * e.g. on the thread that opens the store at start-up. Hand it to
 * poe_board_page_set_store_prefetched() with the same store.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL when the store fails (the page
 *   then reads it itself and says why)
 */
PoeBoardModel *
poe_board_page_prefetch_model (PoeStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GError) error = NULL;
  PoeBoardModel *model;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  poe_board_page_get_default_window (now, &from, &to);
  if (!(model = poe_board_model_new (store, from, to, &error)))
    g_debug ("The board is left for the page to read: %s", error->message);

  return model;
}

void
poe_board_page_set_store (PoeBoardPage *self,
                          PoeStore     *store)
{
  poe_board_page_set_store_prefetched (self, store, NULL);
}

/**
 * poe_board_page_set_store_prefetched:
 * @model: (nullable): from poe_board_page_prefetch_model() on @store; read again when it
 *   no longer fits
 */
void
poe_board_page_set_store_prefetched (PoeBoardPage  *self,
                                     PoeStore      *store,
                                     PoeBoardModel *model)
{
  g_return_if_fail (POE_IS_BOARD_PAGE (self));
  g_return_if_fail (store == NULL || POE_IS_STORE (store));
  g_return_if_fail (model == NULL || POE_IS_BOARD_MODEL (model));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (!g_set_object (&self->store, store))
    return;

  g_set_object (&self->prefetched, model);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  poe_bench_mark ("board-store");
  set_error (self, NULL);
  load_time_zone (self);
  load_model (self);
  poe_bench_mark ("board-model");
  if (self->flight_view != NULL)
    poe_flight_view_set_store (self->flight_view, store);
  adw_leaflet_set_visible_child_name (self->leaflet, "board");
}

gboolean
poe_board_page_get_reveal_names (PoeBoardPage *self)
{
  g_return_val_if_fail (POE_IS_BOARD_PAGE (self), FALSE);

  return self->reveal_names;
}

void
poe_board_page_set_reveal_names (PoeBoardPage *self,
                                 gboolean      reveal_names)
{
  g_return_if_fail (POE_IS_BOARD_PAGE (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  gtk_toggle_button_set_active (self->reveal_button, reveal_names);
  poe_tooltip_set_text (GTK_WIDGET (self->reveal_button), reveal_names ? _("Hide names") : _("Show names"));
  if (self->flight_view != NULL)
    poe_flight_view_set_reveal_names (self->flight_view, reveal_names);
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}

/**
 * poe_board_page_start_search:
 *
 * Opens the search bar (Ctrl+F) and focuses its entry.
 */
void
poe_board_page_start_search (PoeBoardPage *self)
{
  g_return_if_fail (POE_IS_BOARD_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "board");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
poe_board_page_set_query (PoeBoardPage *self,
                          const char   *query)
{
  g_return_if_fail (POE_IS_BOARD_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, query != NULL && *query != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
  apply_filters (self);
}

/**
 * poe_board_page_show_flight:
 *
 * Opens the manifest of @flight_id: each family expected on it and how far it got.
 */
void
poe_board_page_show_flight (PoeBoardPage *self,
                            const char   *flight_id)
{
  g_return_if_fail (POE_IS_BOARD_PAGE (self));
  g_return_if_fail (flight_id != NULL);

  poe_flight_view_set_flight_id (ensure_flight_view (self), flight_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "flight");
}

/**
 * poe_board_page_get_model:
 *
 * Returns: (transfer none) (nullable): the board shown
 */
PoeBoardModel *
poe_board_page_get_model (PoeBoardPage *self)
{
  g_return_val_if_fail (POE_IS_BOARD_PAGE (self), NULL);

  return self->model;
}

/**
 * poe_board_page_get_flight_view:
 *
 * Returns: (transfer none): the manifest view of one flight, made if it was not yet
 */
PoeFlightView *
poe_board_page_get_flight_view (PoeBoardPage *self)
{
  g_return_val_if_fail (POE_IS_BOARD_PAGE (self), NULL);

  return ensure_flight_view (self);
}
