/* poe-board-page-rows.c
 *
 * The rows the board page's view makes of its model. GTK 4.8's column view makes widgets
 * for up to about 200 rows whatever its height, so the view sees the model through a
 * GtkSliceListModel: a first page as high as the page (made in the layout that learns the
 * height, so they are drawn in that same frame), then more after each painted frame. Also
 * the count of flights shown, and which of the board, its two empty states (made when first
 * shown) and its read error the page shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-board-page-private.h"

/* GTK 4.8's column view keeps widgets for up to about 200 rows whatever its height. The
 * board starts with its first page of rows (those whose families are read) and grows by as
 * much after each frame, so the first frame lays out and shapes one page, not 200 rows. */
#define FIRST_ROWS 40
#define ALL_ROWS_FROM 240

/* A first page fills the view and no more: rows made and not shown cost the first frame
 * more than a millisecond each. A row is at least MIN_ROW_HEIGHT pixels high; above the rows
 * are the page's toolbar and the column titles. */
#define MIN_ROW_HEIGHT     20
#define PAGE_CHROME_HEIGHT 80


/*
 * Auxiliary methods
 */

/* Built with the page, the two empty states (a status page each, with its scrolled window,
 * clamp, icon and wrapping labels) cost every start 10 million instructions; most starts
 * never show them. */
static void
ensure_status_page (AdwBin     *bin,
                    const char *icon_name,
                    const char *title,
                    const char *description)
{
  GtkWidget *page;

  if (adw_bin_get_child (bin) != NULL)
    return;

  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  adw_bin_set_child (bin, page);
}

static gboolean
grow_cb (gpointer user_data)
{
  PoeBoardPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->slice);

  self->grow_id = 0;
  gtk_slice_list_model_set_size (self->slice, size + FIRST_ROWS >= ALL_ROWS_FROM ? G_MAXUINT : size + FIRST_ROWS);
  if (gtk_slice_list_model_get_size (self->slice) == G_MAXUINT)
    _poe_board_page_stop_growing (self);

  return G_SOURCE_REMOVE;
}

/* One step after each painted frame, below the priority of redraws and input. */
static void
after_paint_cb (GdkFrameClock *clock,
                PoeBoardPage  *self)
{
  if (self->grow_id == 0 && gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    self->grow_id = g_idle_add_full (G_PRIORITY_LOW, grow_cb, self, NULL);
}

/* The rows a page of this height can show. */
static guint
first_rows (int height)
{
  height -= PAGE_CHROME_HEIGHT;
  if (height <= 0)
    return 10;

  return CLAMP ((guint) height / MIN_ROW_HEIGHT + 1, 10, FIRST_ROWS);
}


/*
 * GtkWidget overrides
 */

/* The page lays out its one child, the leaflet, as GtkBinLayout would; it does so itself to
 * make its first rows when it learns its height. */
static GtkSizeRequestMode
poe_board_page_get_request_mode (GtkWidget *widget)
{
  PoeBoardPage *self = POE_BOARD_PAGE (widget);

  return self->leaflet != NULL ? gtk_widget_get_request_mode (GTK_WIDGET (self->leaflet))
                               : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
poe_board_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (POE_BOARD_PAGE (widget)->leaflet), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
poe_board_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PoeBoardPage *self = POE_BOARD_PAGE (widget);

  /* Made here, the first rows are laid out and drawn in this same frame. */
  if (self->rows_await_height && self->model != NULL)
    {
      self->rows_await_height = FALSE;
      if (gtk_slice_list_model_get_size (self->slice) == 0)
        gtk_slice_list_model_set_size (self->slice, first_rows (height));
    }

  gtk_widget_allocate (GTK_WIDGET (self->leaflet), width, height, baseline, NULL);
}



/*
 * Private API
 */

void
_poe_board_page_class_init_rows (GtkWidgetClass *widget_class)
{
  widget_class->get_request_mode = poe_board_page_get_request_mode;
  widget_class->measure = poe_board_page_measure;
  widget_class->size_allocate = poe_board_page_size_allocate;
}

void
_poe_board_page_init_rows (PoeBoardPage *self)
{
  self->slice = gtk_slice_list_model_new (NULL, 0, FIRST_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

/* The page's model changed: the view starts again from a first page. */
void
_poe_board_page_show_rows (PoeBoardPage *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  _poe_board_page_stop_growing (self);
  /* Until the page has a height (the first layout, or when it is first shown), it makes no
   * rows: the window's default size says little of its own, with the header bar and the
   * offline bar above it. size_allocate() makes them before it lays out the view. */
  self->rows_await_height = height <= 0;
  gtk_slice_list_model_set_size (self->slice, self->rows_await_height ? 0 : first_rows (height));
  gtk_slice_list_model_set_model (self->slice, G_LIST_MODEL (self->model));
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _poe_board_page_start_growing (self);
}

void
_poe_board_page_start_growing (PoeBoardPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->after_paint_id != 0 ||
      gtk_slice_list_model_get_size (self->slice) == G_MAXUINT)
    return;

  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
}

void
_poe_board_page_stop_growing (PoeBoardPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->after_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->after_paint_id);
  self->after_paint_id = 0;
}

void
_poe_board_page_update_view (PoeBoardPage *self)
{
  guint shown = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  guint total = self->model != NULL ? poe_board_model_get_n_flights (self->model) : 0;
  g_autofree char *count = NULL;

  if (self->error != NULL)
    _poe_board_page_show_error (self);
  else if (total == 0)
    {
      /* Before it has a store, the page is under the window's restoring page: nothing to show. */
      if (self->store != NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
        ensure_status_page (self->empty_bin, "airplane-mode-symbolic",
                            /* Translators: empty state of the arrivals board */
                            _("No Arrivals Yet"),
                            _("Flights with families expected today appear here once this device has "
                              "synced with the central server."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (shown == 0)
    {
      ensure_status_page (self->no_match_bin, "system-search-symbolic", _("No Matching Flights"),
                          _("Try another search, status or time window."));
      gtk_stack_set_visible_child_name (self->stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "board");

  if (total > 0 && self->error == NULL)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u flight", "%u of %u flights", total),
                             shown, total);
  gtk_label_set_label (self->count_label, count != NULL ? count : "");
}
