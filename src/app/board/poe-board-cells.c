/* poe-board-cells.c
 *
 * The arrivals board's columns, each a list-item factory over PoeBoardRow. A cell reads only
 * the row's flight summary and counts, so binding a row reads nothing from the store, and
 * redraws only when the row notifies a property its column shows; flights that are over
 * recede. Here too are the words and chip colours of a flight's status (which the flight
 * page shows the same way) and of its families' worst connection risk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-cells"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-board-model.h"
#include "poe-board-needs.h"
#include "poe-board-text.h"

#include "poe-board-cells.h"

typedef enum
{
  CELL_SCHEDULED,
  CELL_FLIGHT,
  CELL_FROM,
  CELL_EXPECTED,
  CELL_STATUS,
  CELL_GATE,
  CELL_BELT,
  CELL_MET,
  CELL_CLEARED,
  CELL_ONWARD,
  CELL_NEEDS,
  CELL_RISK,
  N_CELLS
} CellKind;

struct _PoeBoardCells
{
  GObject             parent_instance;

  CellKind            kind;
  GTimeZone          *time_zone;
  GtkListItemFactory *factory;
};

G_DEFINE_FINAL_TYPE (PoeBoardCells, poe_board_cells, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME_ZONE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The families and persons a flight brings are the second figures of Met (families met of
 * those expected), CBP (persons cleared of those expected) and Onward (families). Columns of
 * their own said it again, took the room the Needs column wants on a 1024-pixel screen, and
 * cost every row two more cells to make and draw. */
static const struct {
  const char *title;
  const char *spoken;    /* the heading in words, for screen readers */
  gboolean    expands;
  gboolean    numeric;
} kinds[N_CELLS] = {
  /* Translators: board column headings; keep them short. The second of each pair is what a
   * screen reader says of the column, in full words. */
  [CELL_SCHEDULED] = { N_("Sched."), N_("Scheduled"), FALSE, TRUE },
  [CELL_FLIGHT] = { N_("Flight"), N_("Flight"), FALSE, FALSE },
  [CELL_FROM] = { N_("From"), N_("From"), FALSE, FALSE },
  [CELL_EXPECTED] = { N_("Est./Actual"), N_("Expected or actual arrival"), FALSE, TRUE },
  [CELL_STATUS] = { N_("Status"), N_("Status"), FALSE, FALSE },
  [CELL_GATE] = { N_("Gate"), N_("Gate"), FALSE, FALSE },
  [CELL_BELT] = { N_("Belt"), N_("Belt"), FALSE, FALSE },
  [CELL_MET] = { N_("Met"), N_("Families met"), FALSE, TRUE },
  [CELL_CLEARED] = { N_("CBP"), N_("Persons cleared by CBP"), FALSE, TRUE },
  [CELL_ONWARD] = { N_("Onward"), N_("Families onward"), FALSE, TRUE },
  [CELL_NEEDS] = { N_("Needs"), N_("Needs"), TRUE, FALSE },
  [CELL_RISK] = { N_("Connection"), N_("Connection"), FALSE, FALSE },
};

/* The row properties a cell shows, besides "flight" (which every cell follows, since a
 * flight that is over dims its whole row): a cell refreshes only when one of them changes. */
static const char * const watched[N_CELLS][4] = {
  [CELL_MET] = { "n-met", "n-families", NULL },
  [CELL_CLEARED] = { "n-cbp-cleared", "n-persons", NULL },
  [CELL_ONWARD] = { "n-onward-done", "n-families", NULL },
  [CELL_NEEDS] = { "n-wheelchair", "n-medical", "n-urm", "interpreter-languages" },
  [CELL_RISK] = { "risk", NULL },
};

static const char *chip_classes[] = { "chip-neutral", "chip-warning", "chip-success", "chip-error", NULL };


/*
 * Auxiliary methods
 */

/* The cells read the row's flight summary, not its record: binding a row reads nothing. */
static char *
format_time (PoeBoardCells *self,
             const char    *text)
{
  g_autoptr(GDateTime) time = text != NULL ? poe_time_parse_iso8601 (text) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_timezone (time, self->time_zone) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : NULL;
}

static char *
format_expected (PoeBoardCells          *self,
                 const PoeFlightSummary *flight)
{
  g_autofree char *actual = format_time (self, flight->actual_arrival);
  g_autofree char *estimated = NULL;

  if (actual != NULL)
    /* Translators: an actual arrival time on the board */
    return g_strdup_printf (_("%s act."), actual);

  estimated = format_time (self, flight->estimated_arrival);
  if (estimated != NULL)
    /* Translators: an estimated arrival time on the board */
    return g_strdup_printf (_("%s est."), estimated);

  return g_strdup ("—");
}

static char *
format_ratio (guint done,
              guint total)
{
  return total > 0 ? g_strdup_printf ("%u/%u", done, total) : g_strdup ("—");
}

static char *
or_dash (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

static char *
cell_text (PoeBoardCells *self,
           PoeBoardRow   *row)
{
  const PoeFlightSummary *flight = poe_board_row_get_summary (row);

  switch (self->kind)
    {
    case CELL_SCHEDULED:
      return format_time (self, flight->scheduled_arrival);
    case CELL_FLIGHT:
      return g_strdup_printf ("%s %s", flight->carrier, flight->number);
    case CELL_FROM:
      return or_dash (flight->origin);
    case CELL_EXPECTED:
      return format_expected (self, flight);
    case CELL_STATUS:
      return poe_board_format_status (flight->status);
    case CELL_GATE:
      return or_dash (flight->gate);
    case CELL_BELT:
      return or_dash (flight->belt);
    case CELL_MET:
      return format_ratio (poe_board_row_get_n_met (row), poe_board_row_get_n_families (row));
    case CELL_CLEARED:
      return format_ratio (poe_board_row_get_n_cbp_cleared (row), poe_board_row_get_n_persons (row));
    case CELL_ONWARD:
      return format_ratio (poe_board_row_get_n_onward_done (row), poe_board_row_get_n_families (row));
    case CELL_RISK:
      return poe_board_format_risk (poe_board_row_get_risk (row));
    case CELL_NEEDS:
    case N_CELLS:
    default:
      return NULL;
    }
}

static void
set_chip_class (GtkWidget  *widget,
                const char *css_class)
{
  /* Taking a class off and putting it back would restyle the cell for nothing. */
  for (guint i = 0; chip_classes[i] != NULL; i++)
    if (g_strcmp0 (chip_classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, chip_classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

static void
fill_needs (PoeBoardNeeds *needs,
            PoeBoardRow   *row)
{
  poe_board_needs_set (needs, poe_board_row_get_n_wheelchair (row), poe_board_row_get_n_medical (row),
                       poe_board_row_get_n_urm (row), poe_board_row_get_interpreter_languages (row));
}

/* GTK 4.8's column view names neither its cells nor its rows, so a screen reader said
 * "GtkColumnViewCell": the cell says its flight, its column and what it shows ("EY 113,
 * Status: Landed"), and the row, which its connection cell refreshes on every change of the
 * flight or its risk, the flight and its state ("EY 113 from AUH, Landed, Connection: At
 * risk"). */
static void
label_cell (PoeBoardCells *self,
            PoeBoardRow   *row,
            GtkWidget     *widget,
            const char    *text)
{
  const PoeFlightSummary *flight = poe_board_row_get_summary (row);
  GtkWidget *cell = gtk_widget_get_parent (widget);
  GtkWidget *row_widget = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  g_autofree char *label = NULL;

  if (cell == NULL)
    return;

  /* Translators: what a screen reader says of a board cell: flight, column, content */
  label = g_strdup_printf (_("%1$s %2$s, %3$s: %4$s"), flight->carrier, flight->number,
                           _(kinds[self->kind].spoken), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (self->kind == CELL_RISK && row_widget != NULL)
    {
      g_autofree char *status = poe_board_format_status (flight->status);
      g_autofree char *row_label = NULL;

      /* Translators: what a screen reader says of a board row: "EY 113 from AUH, Landed, Connection: At risk" */
      row_label = g_strdup_printf (_("%1$s %2$s from %3$s, %4$s, %5$s: %6$s"), flight->carrier, flight->number,
                                   flight->origin != NULL ? flight->origin : "—", status,
                                   _(kinds[CELL_RISK].spoken), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, row_label, -1);
    }
}

static void
refresh_cell (GtkListItem *item)
{
  PoeBoardCells *self = g_object_get_data (G_OBJECT (item), "poe-board-cells");
  PoeBoardRow *row = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);
  const char *status;
  g_autofree char *text = NULL;

  if (row == NULL || widget == NULL)
    return;

  status = poe_board_row_get_summary (row)->status;

  if (self->kind == CELL_NEEDS)
    {
      fill_needs (POE_BOARD_NEEDS (widget), row);
      text = poe_board_needs_dup_description (POE_BOARD_NEEDS (widget));
      label_cell (self, row, widget, text);
      return;
    }

  text = cell_text (self, row);
  poe_board_text_set_text (POE_BOARD_TEXT (widget), text != NULL ? text : "—");
  label_cell (self, row, widget, text != NULL ? text : "—");

  if (self->kind == CELL_STATUS)
    set_chip_class (widget, poe_board_status_css_class (status));
  else if (self->kind == CELL_RISK)
    set_chip_class (widget, poe_board_risk_css_class (poe_board_row_get_risk (row)));

  /* Flights that are over recede, so the ones still coming stand out (style.css). */
  if (g_strcmp0 (status, "arrived") == 0 || g_strcmp0 (status, "cancelled") == 0)
    gtk_widget_add_css_class (widget, "poe-past");
  else
    gtk_widget_remove_css_class (widget, "poe-past");
}


/*
 * Callbacks
 */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PoeBoardCells            *self)
{
  GtkWidget *widget;

  if (self->kind == CELL_NEEDS)
    {
      widget = poe_board_needs_new ();
    }
  else
    {
      widget = poe_board_text_new (kinds[self->kind].numeric ? 1.0f : 0.0f, kinds[self->kind].numeric);
      if (self->kind == CELL_STATUS || self->kind == CELL_RISK)
        {
          gtk_widget_add_css_class (widget, "chip");
          gtk_widget_set_halign (widget, GTK_ALIGN_START);
        }
    }

  g_object_set_data (G_OBJECT (item), "poe-board-cells", self);
  gtk_list_item_set_child (item, widget);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         PoeBoardCells            *self)
{
  PoeBoardRow *row = gtk_list_item_get_item (item);

  g_signal_connect_object (row, "notify::flight", G_CALLBACK (refresh_cell), item, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (watched[self->kind]) && watched[self->kind][i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("notify::", watched[self->kind][i], NULL);

      g_signal_connect_object (row, detailed, G_CALLBACK (refresh_cell), item, G_CONNECT_SWAPPED);
    }
  /* Times follow the POE's zone when it comes with a pull or changes. */
  if (self->kind == CELL_SCHEDULED || self->kind == CELL_EXPECTED)
    g_signal_connect_object (self, "notify::time-zone", G_CALLBACK (refresh_cell), item, G_CONNECT_SWAPPED);
  refresh_cell (item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PoeBoardCells            *self)
{
  PoeBoardRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, refresh_cell, item);
  g_signal_handlers_disconnect_by_func (self, refresh_cell, item);
}


/*
 * GObject overrides
 */

static void
poe_board_cells_finalize (GObject *object)
{
  PoeBoardCells *self = POE_BOARD_CELLS (object);

  g_clear_object (&self->factory);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (poe_board_cells_parent_class)->finalize (object);
}

static void
poe_board_cells_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PoeBoardCells *self = POE_BOARD_CELLS (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_value_set_boxed (value, self->time_zone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_board_cells_class_init (PoeBoardCellsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_board_cells_finalize;
  object_class->get_property = poe_board_cells_get_property;

  /**
   * PoeBoardCells:time-zone:
   *
   * The zone the column's times are shown in; the bound cells follow it.
   */
  properties[PROP_TIME_ZONE] =
    g_param_spec_boxed ("time-zone", NULL, NULL, G_TYPE_TIME_ZONE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_board_cells_init (PoeBoardCells *self)
{
  self->time_zone = g_time_zone_new_utc ();
  self->factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (self->factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (self->factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (self->factory, "unbind", G_CALLBACK (unbind_cb), self);
}


/*
 * Public API
 */

guint
poe_board_cells_get_n_kinds (void)
{
  return N_CELLS;
}

PoeBoardCells *
poe_board_cells_new (guint kind)
{
  PoeBoardCells *self;

  g_return_val_if_fail (kind < N_CELLS, NULL);

  self = g_object_new (POE_TYPE_BOARD_CELLS, NULL);
  self->kind = kind;

  return self;
}

const char *
poe_board_cells_get_title (PoeBoardCells *self)
{
  g_return_val_if_fail (POE_IS_BOARD_CELLS (self), NULL);

  return _(kinds[self->kind].title);
}

gboolean
poe_board_cells_get_expands (PoeBoardCells *self)
{
  g_return_val_if_fail (POE_IS_BOARD_CELLS (self), FALSE);

  return kinds[self->kind].expands;
}

/**
 * poe_board_cells_get_factory:
 *
 * Returns: (transfer none): the factory of the column's cells
 */
GtkListItemFactory *
poe_board_cells_get_factory (PoeBoardCells *self)
{
  g_return_val_if_fail (POE_IS_BOARD_CELLS (self), NULL);

  return self->factory;
}

void
poe_board_cells_set_time_zone (PoeBoardCells *self,
                               GTimeZone     *time_zone)
{
  g_return_if_fail (POE_IS_BOARD_CELLS (self));
  g_return_if_fail (time_zone != NULL);

  if (g_strcmp0 (g_time_zone_get_identifier (self->time_zone), g_time_zone_get_identifier (time_zone)) == 0)
    return;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = g_time_zone_ref (time_zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

char *
poe_board_format_status (const char *status)
{
  static const struct { const char *status; const char *text; } texts[] = {
    /* Translators: flight statuses on the board */
    { "scheduled", N_("Scheduled") },
    { "en_route", N_("En route") },
    { "delayed", N_("Delayed") },
    { "landed", N_("Landed") },
    { "arrived", N_("At gate") },
    { "cancelled", N_("Cancelled") },
    { "diverted", N_("Diverted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (g_strcmp0 (texts[i].status, status) == 0)
        return g_strdup (_(texts[i].text));
    }

  return g_strdup (status != NULL ? status : "—");
}

const char *
poe_board_status_css_class (const char *status)
{
  if (g_strcmp0 (status, "delayed") == 0)
    return "chip-warning";
  if (g_strcmp0 (status, "landed") == 0 || g_strcmp0 (status, "arrived") == 0)
    return "chip-success";
  if (g_strcmp0 (status, "cancelled") == 0 || g_strcmp0 (status, "diverted") == 0)
    return "chip-error";

  return "chip-neutral";
}

char *
poe_board_format_risk (int level)
{
  switch ((PoeRiskLevel) level)
    {
    /* Translators: the worst connection risk of a flight's families */
    case POE_RISK_MISSED:
      return g_strdup (_("Missed"));
    case POE_RISK_RED:
      return g_strdup (_("At risk"));
    case POE_RISK_AMBER:
      return g_strdup (_("Tight"));
    case POE_RISK_GREEN:
      return g_strdup (_("On track"));
    case POE_RISK_UNKNOWN:
      return g_strdup (_("Unknown"));
    case POE_RISK_NONE:
    default:
      /* Translators: no family of the flight has a connection */
      return g_strdup (_("Not applicable"));
    }
}

const char *
poe_board_risk_css_class (int level)
{
  switch ((PoeRiskLevel) level)
    {
    case POE_RISK_MISSED:
    case POE_RISK_RED:
      return "chip-error";
    case POE_RISK_AMBER:
      return "chip-warning";
    case POE_RISK_GREEN:
      return "chip-success";
    case POE_RISK_UNKNOWN:
      return "chip-neutral";
    case POE_RISK_NONE:
    default:
      return NULL;
    }
}
