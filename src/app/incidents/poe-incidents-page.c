/* poe-incidents-page.c
 *
 * The incidents page: the incident reports the signed-in user may see (leads and
 * supervisors all of the POE; agents their own and those naming a case assigned to them),
 * filtered by status, severity, category and date, with overdue follow-ups first and
 * marked in words; the chosen report or a new draft on the right (PoeIncidentEditor),
 * folding into one pane on narrow windows. It follows the store's "changed" signal; times
 * are the signed-in user's POE's, and a read that fails shows PoeReadErrorPage instead of
 * the list. Its filters are in poe-incidents-page-filters.c, its rows in
 * poe-incidents-page-rows.c (see poe-incidents-page-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incidents-page"

#include "config.h"

#include "poe-incidents-page-private.h"

G_DEFINE_FINAL_TYPE (PoeIncidentsPage, poe_incidents_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_REVEAL_NAMES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const watched_entities[] = { "incident", "incident_comment", "case", "poe", NULL };


/*
 * Auxiliary methods
 */

static void
select_shown (PoeIncidentsPage *self)
{
  const char *id = poe_incident_editor_get_incident_id (self->editor);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "incident-id"), id) == 0)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
          return;
        }
    }

  gtk_list_box_unselect_all (self->list_box);
}

static void
update_visible_page (PoeIncidentsPage *self,
                     guint             n_readable)
{
  gboolean any = self->session != NULL &&
                 (n_readable > 0 || !g_str_equal (poe_incident_editor_get_mode (self->editor), "none"));

  gtk_widget_set_visible (self->empty_new_button, self->session != NULL);
  gtk_stack_set_visible_child_name (self->stack, any ? "incidents" : "empty");
}

/* The list's rows; %FALSE with @error set when the store could not be read. */
static gboolean
fill_list (PoeIncidentsPage  *self,
           guint             *n_readable,
           GError           **error)
{
  PoeStore *store = _poe_incidents_page_get_store (self);
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GArray) entries = NULL;
  GTimeZone *zone;
  guint n_overdue = 0;

  if (!(zone = poe_store_dup_poe_time_zone (store, NULL, error)))
    return FALSE;
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;

  if (!(incidents = poe_store_list (store, "incident", NULL, NULL, error)) ||
      !(entries = _poe_incidents_page_collect_entries (self, incidents, n_readable, error)))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      PoeIncidentsEntry *entry = &g_array_index (entries, PoeIncidentsEntry, i);
      GtkWidget *row = _poe_incidents_page_create_row (self, entry, error);

      if (row == NULL)
        return FALSE;
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->shown_ids, g_strdup (poe_record_get_id (entry->incident)));
      n_overdue += entry->overdue;
    }
  _poe_incidents_page_update_count (self, entries->len, n_overdue, *n_readable);

  return TRUE;
}

static void
clear_list (PoeIncidentsPage *self)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
  g_ptr_array_set_size (self->shown_ids, 0);
}

static void
refresh (PoeIncidentsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint n_readable = 0;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  clear_list (self);
  if (_poe_incidents_page_get_store (self) != NULL && !fill_list (self, &n_readable, &error))
    {
      clear_list (self);
      poe_read_error_page_set_error (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  select_shown (self);
  update_visible_page (self, n_readable);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PoeIncidentsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (PoeIncidentsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
show_content (PoeIncidentsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "incidents");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}


/*
 * Callbacks
 */

static void
new_clicked_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  poe_incidents_page_new_incident (self);
}

static void
row_activated_cb (PoeIncidentsPage *self,
                  GtkListBoxRow    *row)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  poe_incidents_page_show_incident (self, g_object_get_data (G_OBJECT (row), "incident-id"));
}

static void
back_clicked_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
editor_saved_cb (PoeIncidentsPage *self,
                 const char       *incident_id)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  refresh (self);
}

static void
retry_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  refresh (self);
}

static void
filter_changed_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  refresh (self);
}

static void
store_changed_cb (PoeIncidentsPage   *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  if (g_strv_contains (watched_entities, entity))
    queue_refresh (self);
}


/*
 * GObject overrides
 */

static void
poe_incidents_page_dispose (GObject *object)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_INCIDENTS_PAGE);

  G_OBJECT_CLASS (poe_incidents_page_parent_class)->dispose (object);
}

static void
poe_incidents_page_finalize (GObject *object)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  g_clear_pointer (&self->shown_ids, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (poe_incidents_page_parent_class)->finalize (object);
}

static void
poe_incidents_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_incidents_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      poe_incidents_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_REVEAL_NAMES:
      poe_incidents_page_set_reveal_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_incidents_page_class_init (PoeIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_incidents_page_dispose;
  object_class->finalize = poe_incidents_page_finalize;
  object_class->get_property = poe_incidents_page_get_property;
  object_class->set_property = poe_incidents_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         POE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PoeIncidentsPage:reveal-names:
   *
   * Whether family members are named instead of shown by initials in the reports.
   */
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POE_TYPE_INCIDENT_EDITOR);
  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/incidents/poe-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, severity_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, date_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
}

static void
poe_incidents_page_init (PoeIncidentsPage *self)
{
  GtkWidget *placeholder;
  GtkDropDown *drop_downs[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown_ids = g_ptr_array_new_with_free_func (g_free);

  _poe_incidents_page_fill_filters (self);
  drop_downs[0] = self->status_filter;
  drop_downs[1] = self->severity_filter;
  drop_downs[2] = self->category_filter;
  drop_downs[3] = self->date_filter;
  for (guint i = 0; i < G_N_ELEMENTS (drop_downs); i++)
    g_signal_connect_object (drop_downs[i], "notify::selected", G_CALLBACK (filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  placeholder = gtk_label_new (NULL);
  self->placeholder = GTK_LABEL (placeholder);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);

  g_object_bind_property (self, "reveal-names", self->editor, "reveal-names",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  refresh (self);
}


/*
 * Private API
 */

PoeStore *
_poe_incidents_page_get_store (PoeIncidentsPage *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}


/*
 * Public API
 */

/**
 * poe_incidents_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the page shows
 */
PoeSession *
poe_incidents_page_get_session (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), NULL);

  return self->session;
}

/**
 * poe_incidents_page_set_session:
 * @session: (nullable): the signed-in session, or %NULL on sign-out
 *
 * Shows the incidents of @session's store for its user and role; %NULL empties the page.
 */
void
poe_incidents_page_set_session (PoeIncidentsPage *self,
                                PoeSession       *session)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->store_signals, _poe_incidents_page_get_store (self));
  poe_incident_editor_set_session (self->editor, session);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * poe_incidents_page_new_incident:
 *
 * Opens the form of a new incident report by the signed-in user.
 */
void
poe_incidents_page_new_incident (PoeIncidentsPage *self)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));

  if (self->session == NULL)
    return;

  poe_incident_editor_start_new (self->editor);
  gtk_list_box_unselect_all (self->list_box);
  show_content (self);
}

/**
 * poe_incidents_page_show_incident:
 *
 * Shows a stored incident: its form while it is the user's draft, else its report.
 */
void
poe_incidents_page_show_incident (PoeIncidentsPage *self,
                                  const char       *incident_id)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (incident_id != NULL);

  poe_incident_editor_show_incident (self->editor, incident_id);
  select_shown (self);
  show_content (self);
}

/**
 * poe_incidents_page_set_filter:
 * @filter: "status", "severity", "category" or "since"
 * @value: (nullable): a code of that field ("open", "high", "medical"), for "since" one of
 *   "day", "week", "month"; %NULL for all
 *
 * Sets one of the list's filters, as its drop-down does.
 */
void
poe_incidents_page_set_filter (PoeIncidentsPage *self,
                               const char       *filter,
                               const char       *value)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (filter != NULL);

  if (!_poe_incidents_page_select_filter (self, filter, value))
    g_critical ("Unknown incident filter “%s”", filter);
}

/**
 * poe_incidents_page_dup_shown_ids:
 *
 * Returns: (transfer full): the ids of the incidents listed, in list order
 */
char **
poe_incidents_page_dup_shown_ids (PoeIncidentsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), NULL);

  if (self->refresh_id != 0)
    refresh (self);

  for (guint i = 0; i < self->shown_ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->shown_ids, i));

  return g_strv_builder_end (builder);
}

/**
 * poe_incidents_page_get_editor:
 *
 * Returns: (transfer none): the editor of the chosen or new incident
 */
PoeIncidentEditor *
poe_incidents_page_get_editor (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), NULL);

  return self->editor;
}

gboolean
poe_incidents_page_get_reveal_names (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), FALSE);

  return self->reveal_names;
}

void
poe_incidents_page_set_reveal_names (PoeIncidentsPage *self,
                                     gboolean          reveal_names)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}

/**
 * poe_incidents_page_go_back:
 *
 * Leaves an incident for the list, where the two do not fit side by side.
 *
 * Returns: whether an incident was shown instead of the list (and the list is now)
 */
gboolean
poe_incidents_page_go_back (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) || adw_leaflet_get_visible_child (self->leaflet) != self->content)
    return FALSE;

  back_clicked_cb (self);
  return TRUE;
}
