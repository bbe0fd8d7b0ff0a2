/* poe-incidents-page-filters.c
 *
 * The incidents page's filters: the status, severity and category drop-downs (from the
 * schema's values, in words) and the date one, whether an incident passes them, and setting
 * one by code as its drop-down does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-incident-labels.h"
#include "poe-incidents-page-private.h"

/* The date filter's items after "Any time": the last day, week and month. */
static const char * const since_values[] = { "day", "week", "month", NULL };
static const int since_days[] = { 1, 7, 30 };


/*
 * Auxiliary methods
 */

static const char * const *
enum_values (PoeIncidentsEnumFilter filter)
{
  static const char * const fields[] = { "status", "severity", "category" };

  return poe_incident_enum_values ("incident", fields[filter]);
}

static const char *
enum_label (PoeIncidentsEnumFilter  filter,
            const char             *code)
{
  switch (filter)
    {
    case FILTER_STATUS:
      return poe_incident_status_label (code);
    case FILTER_SEVERITY:
      return poe_incident_severity_label (code);
    case FILTER_CATEGORY:
    case N_ENUM_FILTERS:
    default:
      return poe_incident_category_label (code);
    }
}

static GtkDropDown *
enum_drop_down (PoeIncidentsPage       *self,
                PoeIncidentsEnumFilter  filter)
{
  GtkDropDown *drop_downs[] = { self->status_filter, self->severity_filter, self->category_filter };

  return drop_downs[filter];
}

static const char *
selected_code (GtkDropDown        *drop_down,
               const char * const *values)
{
  return poe_incident_code_at (values, gtk_drop_down_get_selected (drop_down));
}

static void
select_code (GtkDropDown        *drop_down,
             const char * const *values,
             const char         *code)
{
  gtk_drop_down_set_selected (drop_down, poe_incident_code_position (values, code));
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* Ellipsized in the button (the sidebar is narrow), whole in the popover. */
static void
set_drop_down_items (GtkDropDown   *drop_down,
                     GtkStringList *items)
{
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_label_cb), NULL);

  gtk_drop_down_set_factory (drop_down, button_factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (items));
}

/*
 * Private API
 */

void
_poe_incidents_page_fill_filters (PoeIncidentsPage *self)
{
  /* Translators: first items of the incident list's filters */
  const char *all[] = { N_("All statuses"), N_("All severities"), N_("All categories") };
  g_autoptr(GtkStringList) dates = gtk_string_list_new (NULL);

  for (PoeIncidentsEnumFilter f = 0; f < N_ENUM_FILTERS; f++)
    {
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
      const char * const *values = enum_values (f);

      gtk_string_list_append (items, _(all[f]));
      for (guint i = 0; values[i] != NULL; i++)
        gtk_string_list_append (items, enum_label (f, values[i]));
      set_drop_down_items (enum_drop_down (self, f), items);
    }

  /* Translators: items of the incident list's date filter */
  gtk_string_list_append (dates, _("Any time"));
  gtk_string_list_append (dates, _("Last 24 hours"));
  gtk_string_list_append (dates, _("Last 7 days"));
  gtk_string_list_append (dates, _("Last 30 days"));
  set_drop_down_items (self->date_filter, dates);
}

gboolean
_poe_incidents_page_matches_filters (PoeIncidentsPage *self,
                                     PoeRecord        *incident,
                                     GDateTime        *now)
{
  static const char * const fields[] = { "status", "severity", "category" };
  guint since = gtk_drop_down_get_selected (self->date_filter);

  for (PoeIncidentsEnumFilter f = 0; f < N_ENUM_FILTERS; f++)
    {
      const char *wanted = selected_code (enum_drop_down (self, f), enum_values (f));

      if (wanted != NULL && g_strcmp0 (poe_record_get_string (incident, fields[f]), wanted) != 0)
        return FALSE;
    }

  if (since > 0 && since <= G_N_ELEMENTS (since_days))
    {
      g_autoptr(GDateTime) at = poe_record_dup_time (incident, "at");
      g_autoptr(GDateTime) from = g_date_time_add_days (now, -since_days[since - 1]);

      if (at == NULL || g_date_time_compare (at, from) < 0)
        return FALSE;
    }

  return TRUE;
}

/* The list's filter @filter ("status", "severity", "category" or "since") set to @value;
 * %FALSE for an unknown filter. */
gboolean
_poe_incidents_page_select_filter (PoeIncidentsPage *self,
                                   const char       *filter,
                                   const char       *value)
{
  static const char * const names[] = { "status", "severity", "category", NULL };

  if (g_str_equal (filter, "since"))
    {
      select_code (self->date_filter, since_values, value);
      return TRUE;
    }

  for (PoeIncidentsEnumFilter f = 0; f < N_ENUM_FILTERS; f++)
    {
      if (g_str_equal (names[f], filter))
        {
          select_code (enum_drop_down (self, f), enum_values (f), value);
          return TRUE;
        }
    }

  return FALSE;
}
