/* poe-incidents-page-private.h
 *
 * The incidents page is split by concern: poe-incidents-page.c keeps the page's state,
 * reads the store and answers its buttons and the store's changes;
 * poe-incidents-page-filters.c fills the status, severity, category and date drop-downs and
 * says whether an incident passes them; poe-incidents-page-rows.c picks the incidents the
 * user may read, orders them (overdue follow-ups first) and builds their rows and count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "common/poe-read-error.h"

#include "poe-incidents-page.h"

G_BEGIN_DECLS

typedef enum
{
  FILTER_STATUS,
  FILTER_SEVERITY,
  FILTER_CATEGORY,
  N_ENUM_FILTERS
} PoeIncidentsEnumFilter;

struct _PoeIncidentsPage
{
  GtkWidget          parent_instance;

  PoeSession        *session;
  GSignalGroup      *store_signals;
  GTimeZone         *zone;        /* the signed-in user's POE's, read with each refresh */
  GPtrArray         *shown_ids;
  gboolean           reveal_names;
  guint              refresh_id;

  /* Template widgets */
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  PoeReadErrorPage  *error_page;
  GtkWidget         *empty_new_button;
  AdwLeaflet        *leaflet;
  GtkWidget         *sidebar;
  GtkWidget         *content;
  GtkDropDown       *status_filter;
  GtkDropDown       *severity_filter;
  GtkDropDown       *category_filter;
  GtkDropDown       *date_filter;
  GtkLabel          *count_label;
  GtkLabel          *placeholder;
  GtkListBox        *list_box;
  PoeIncidentEditor *editor;
};

typedef struct
{
  PoeRecord *incident;
  gboolean   overdue;
} PoeIncidentsEntry;

PoeStore  *_poe_incidents_page_get_store       (PoeIncidentsPage   *self);

/* poe-incidents-page-filters.c */
void       _poe_incidents_page_fill_filters    (PoeIncidentsPage   *self);
gboolean   _poe_incidents_page_matches_filters (PoeIncidentsPage   *self,
                                                PoeRecord          *incident,
                                                GDateTime          *now);
gboolean   _poe_incidents_page_select_filter   (PoeIncidentsPage   *self,
                                                const char         *filter,
                                                const char         *value);

/* poe-incidents-page-rows.c */
GArray    *_poe_incidents_page_collect_entries (PoeIncidentsPage   *self,
                                                GPtrArray          *incidents,
                                                guint              *n_readable,
                                                GError            **error);
GtkWidget *_poe_incidents_page_create_row      (PoeIncidentsPage   *self,
                                                const PoeIncidentsEntry *entry,
                                                GError            **error);
void       _poe_incidents_page_update_count    (PoeIncidentsPage   *self,
                                                guint               n_shown,
                                                guint               n_overdue,
                                                guint               n_readable);

G_END_DECLS
