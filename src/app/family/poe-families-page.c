/* poe-families-page.c
 *
 * The families page: the day's cases on the left (case number, initials, branch and
 * checklist progress, with a search), the chosen family on the right, folding into one
 * pane on narrow windows. Until PoeCaseListModel lands in core, the list is a small
 * GListStore the page fills from the store. "The day" is the signed-in user's POE's; a read
 * that fails shows PoeReadErrorPage instead of the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-families-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "common/poe-read-error.h"

#include "poe-families-page.h"
#include "poe-family-case-item.h"
#include "poe-family-labels.h"
#include "poe-family-snapshot.h"

struct _PoeFamiliesPage
{
  GtkWidget           parent_instance;

  PoeStore           *store;
  GSignalGroup       *store_signals;
  GListStore         *cases;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *search;
  gboolean            reveal_names;
  gboolean            restoring;
  guint               refresh_id;
  gboolean            dirty;        /* the list needs a full refresh once the page is shown */
  GHashTable         *stale_cases;  /* case ids to read again, when only they changed */
  GError             *error;        /* the last read that failed, shown instead of the list */

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *status_page;
  PoeReadErrorPage   *error_page;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkWidget          *content;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  PoeFamilyView      *family_view;
};

G_DEFINE_FINAL_TYPE (PoeFamiliesPage, poe_families_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REVEAL_NAMES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const watched_entities[] = {
  "case", "person", "segment", "checklist_event", "flight", "poe", NULL
};


/*
 * Auxiliary methods
 */

/* The cases of the POE's day: flights scheduled from local midnight for 24 hours. */
static GPtrArray *
list_case_ids (PoeFamiliesPage  *self,
               GError          **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (!(zone = poe_store_dup_poe_time_zone (self->store, NULL, error)))
    return NULL;

  now = g_date_time_new_now (zone);
  from = g_date_time_new (zone, g_date_time_get_year (now), g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now), 0, 0, 0);
  to = g_date_time_add_days (from, 1);
  if (!(flights = poe_store_list_flights_between (self->store, from, to, error)))
    return NULL;

  for (guint f = 0; f < flights->len; f++)
    {
      g_autoptr(GPtrArray) cases = NULL;

      cases = poe_store_list_cases_for_flight (self->store, poe_record_get_id (g_ptr_array_index (flights, f)), error);
      if (cases == NULL)
        return NULL;
      for (guint c = 0; c < cases->len; c++)
        g_ptr_array_add (ids, g_strdup (poe_record_get_id (g_ptr_array_index (cases, c))));
    }

  return g_steal_pointer (&ids);
}

/* A case gone from the store meanwhile is no failure: it leaves the list. */
static gboolean
load_snapshot (PoeFamiliesPage    *self,
               const char         *case_id,
               PoeFamilySnapshot **snapshot,
               GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  *snapshot = poe_family_snapshot_load (self->store, case_id, NULL, &local_error);
  if (*snapshot != NULL || g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static PoeFamilyCaseItem *
find_item (PoeFamiliesPage *self,
           const char      *case_id,
           guint           *position)
{
  GListModel *model = G_LIST_MODEL (self->cases);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeFamilyCaseItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (poe_family_case_item_get_case_id (item), case_id))
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }

  return NULL;
}

static guint
find_selection_position (PoeFamiliesPage *self,
                         const char      *case_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; case_id != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeFamilyCaseItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (poe_family_case_item_get_case_id (item), case_id))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_shown_case (PoeFamiliesPage *self)
{
  guint position = find_selection_position (self, poe_family_view_get_case_id (self->family_view));

  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring = FALSE;
}

static void
update_visible_pages (PoeFamiliesPage *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->cases)) > 0 ||
                 poe_family_view_get_case_id (self->family_view) != NULL;
  gboolean matches = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0;

  if (self->error != NULL)
    {
      poe_read_error_page_set_error (self->error_page, self->error);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, self->store != NULL && any ? "cases" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack, matches ? "list" : "no-results");
}

/* case id → position + 1 of every item, for one refresh. */
static GHashTable *
index_items (PoeFamiliesPage *self)
{
  GListModel *model = G_LIST_MODEL (self->cases);
  GHashTable *positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PoeFamilyCaseItem) item = g_list_model_get_item (model, i);

      g_hash_table_insert (positions, g_strdup (poe_family_case_item_get_case_id (item)), GUINT_TO_POINTER (i + 1));
    }

  return positions;
}

/* Only members, segments or checklist events of some cases changed: read those again. */
static void
refresh_stale (PoeFamiliesPage *self)
{
  g_autoptr(GHashTable) positions = index_items (self);
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, self->stale_cases);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      gpointer found = g_hash_table_lookup (positions, id);
      g_autoptr(PoeFamilyCaseItem) item = NULL;
      g_autoptr(PoeFamilySnapshot) snapshot = NULL;

      if (found == NULL)
        continue;

      item = g_list_model_get_item (G_LIST_MODEL (self->cases), GPOINTER_TO_UINT (found) - 1);
      if (!load_snapshot (self, id, &snapshot, &self->error))
        break;
      if (snapshot != NULL)
        poe_family_case_item_fill (item, snapshot, self->reveal_names);
    }
  g_hash_table_remove_all (self->stale_cases);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_visible_pages (self);
}

/* Items are kept and updated in place while the day's cases stay the same, so the list
 * neither flickers nor loses its scroll position on every checklist tick. */
static void
refresh (PoeFamiliesPage *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) positions = NULL;
  gboolean same = TRUE;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  g_clear_error (&self->error);
  self->dirty = FALSE;
  g_hash_table_remove_all (self->stale_cases);
  ids = self->store ? list_case_ids (self, &self->error) : g_ptr_array_new_with_free_func (g_free);
  if (ids == NULL)
    {
      update_visible_pages (self);
      return;
    }
  same = ids->len == g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  positions = index_items (self);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      gpointer found = g_hash_table_lookup (positions, id);
      guint position = found != NULL ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT;
      PoeFamilyCaseItem *existing = found != NULL ? g_list_model_get_item (G_LIST_MODEL (self->cases), position) : NULL;
      g_autoptr(PoeFamilyCaseItem) item = existing ? existing : poe_family_case_item_new (id);
      g_autoptr(PoeFamilySnapshot) snapshot = NULL;

      if (!load_snapshot (self, id, &snapshot, &self->error))
        {
          update_visible_pages (self);
          return;
        }

      same = same && position == i;
      if (snapshot != NULL)
        poe_family_case_item_fill (item, snapshot, self->reveal_names);
      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  if (!same)
    {
      g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                           items->pdata, items->len);
      select_shown_case (self);
    }

  /* Search text moves with reveal-names and progress: filter again. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_visible_pages (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PoeFamiliesPage *self = user_data;

  self->refresh_id = 0;
  /* After a failed read, any change reads the whole list again: it may work now. */
  if (self->dirty || self->error != NULL)
    refresh (self);
  else
    refresh_stale (self);

  return G_SOURCE_REMOVE;
}

/* Nothing is read while the page is not shown: at start the board alone is on screen. */
static void
queue_refresh (PoeFamiliesPage *self)
{
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
mapped_cb (PoeFamiliesPage *self)
{
  if (self->dirty || g_hash_table_size (self->stale_cases) > 0)
    queue_refresh (self);
}

static void
note_stale_cases (PoeFamiliesPage    *self,
                  const char         *entity,
                  const char * const *ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PoeRecord) record = poe_store_get (self->store, entity, ids[i], &error);
      const char *case_id = record != NULL ? poe_record_get_string (record, "case_id") : NULL;

      /* A record gone, or one that cannot be read: the whole list again, which says why. */
      if (case_id != NULL)
        g_hash_table_add (self->stale_cases, g_strdup (case_id));
      else
        self->dirty = TRUE;
    }
}

static void
retry_cb (PoeFamiliesPage *self)
{
  g_assert (POE_IS_FAMILIES_PAGE (self));

  refresh (self);
}

static void
show_content (PoeFamiliesPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}


/*
 * Callbacks
 */

static gboolean
case_matches_cb (gpointer item,
                 gpointer user_data)
{
  PoeFamiliesPage *self = user_data;

  if (self->search == NULL || *self->search == '\0')
    return TRUE;

  return strstr (poe_family_case_item_get_search_text (item), self->search) != NULL;
}

static void
search_changed_cb (PoeFamiliesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);

  g_assert (POE_IS_FAMILIES_PAGE (self));

  g_free (self->search);
  self->search = g_utf8_normalize (g_strstrip (folded), -1, G_NORMALIZE_ALL);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_shown_case (self);
  update_visible_pages (self);
}

static void
selection_changed_cb (PoeFamiliesPage *self)
{
  PoeFamilyCaseItem *item = gtk_single_selection_get_selected_item (self->selection);

  g_assert (POE_IS_FAMILIES_PAGE (self));

  if (item == NULL || self->restoring)
    return;

  poe_family_view_set_case_id (self->family_view, poe_family_case_item_get_case_id (item));
  show_content (self);
}

static void
list_activated_cb (PoeFamiliesPage *self,
                   guint            position)
{
  g_assert (POE_IS_FAMILIES_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
  show_content (self);
}

static void
back_clicked_cb (PoeFamiliesPage *self)
{
  g_assert (POE_IS_FAMILIES_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Enter opens the one family the search found; the search is applied first, as the entry
 * tells its changes only after a pause. */
static void
search_activated_cb (PoeFamiliesPage *self)
{
  g_assert (POE_IS_FAMILIES_PAGE (self));

  search_changed_cb (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 1)
    list_activated_cb (self, 0);
}

static void
store_changed_cb (PoeFamiliesPage    *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_FAMILIES_PAGE (self));

  if (!g_strv_contains (watched_entities, entity))
    return;

  /* A flight, case or POE change may change which cases are the day's: all again. */
  if (g_str_equal (entity, "person") || g_str_equal (entity, "segment") || g_str_equal (entity, "checklist_event"))
    note_stale_cases (self, entity, ids);
  else
    self->dirty = TRUE;
  queue_refresh (self);
}


/*
 * GObject overrides
 */

static void
poe_families_page_dispose (GObject *object)
{
  PoeFamiliesPage *self = POE_FAMILIES_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_FAMILIES_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->cases);

  G_OBJECT_CLASS (poe_families_page_parent_class)->dispose (object);
}

static void
poe_families_page_finalize (GObject *object)
{
  PoeFamiliesPage *self = POE_FAMILIES_PAGE (object);

  g_free (self->search);
  g_hash_table_unref (self->stale_cases);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (poe_families_page_parent_class)->finalize (object);
}

static void
poe_families_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PoeFamiliesPage *self = POE_FAMILIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_families_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PoeFamiliesPage *self = POE_FAMILIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      poe_families_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_REVEAL_NAMES:
      poe_families_page_set_reveal_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_families_page_class_init (PoeFamiliesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_families_page_dispose;
  object_class->finalize = poe_families_page_finalize;
  object_class->get_property = poe_families_page_get_property;
  object_class->set_property = poe_families_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         POE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PoeFamiliesPage:reveal-names:
   *
   * Whether names are shown instead of initials, in the list and the family view.
   */
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POE_TYPE_FAMILY_VIEW);
  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  g_type_ensure (POE_TYPE_FAMILY_CASE_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/family/poe-families-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, content);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PoeFamiliesPage, family_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
}

static void
poe_families_page_init (PoeFamiliesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->stale_cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  self->cases = g_list_store_new (POE_TYPE_FAMILY_CASE_ITEM);
  self->filter = gtk_custom_filter_new (case_matches_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->cases)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_PREFIX "/ui/family/poe-family-case-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);

  g_object_bind_property (self, "reveal-names", self->family_view, "reveal-names",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  update_visible_pages (self);
}


/*
 * Public API
 */

/**
 * poe_families_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store the page reads
 */
PoeStore *
poe_families_page_get_store (PoeFamiliesPage *self)
{
  g_return_val_if_fail (POE_IS_FAMILIES_PAGE (self), NULL);

  return self->store;
}

/**
 * poe_families_page_set_store:
 * @store: (nullable): the local store, or %NULL while signed out
 */
void
poe_families_page_set_store (PoeFamiliesPage *self,
                             PoeStore        *store)
{
  g_return_if_fail (POE_IS_FAMILIES_PAGE (self));
  g_return_if_fail (store == NULL || POE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  poe_family_view_set_store (self->family_view, store);
  if (store == NULL)
    poe_family_view_set_case_id (self->family_view, NULL);
  self->dirty = TRUE;
  if (store == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    update_visible_pages (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * poe_families_page_set_session:
 * @session: (nullable): the signed-in session; its store is the page's store
 */
void
poe_families_page_set_session (PoeFamiliesPage *self,
                               PoeSession      *session)
{
  g_return_if_fail (POE_IS_FAMILIES_PAGE (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  poe_family_view_set_session (self->family_view, session);
  poe_families_page_set_store (self, session != NULL ? poe_session_get_store (session) : NULL);
}

/**
 * poe_families_page_show_case:
 * @case_id: the case to show, from the board or a notification
 *
 * Selects the case in the list (clearing a search that hides it) and shows it, also when
 * it is not one of the day's cases.
 */
void
poe_families_page_show_case (PoeFamiliesPage *self,
                             const char      *case_id)
{
  guint position;

  g_return_if_fail (POE_IS_FAMILIES_PAGE (self));
  g_return_if_fail (case_id != NULL);

  if (self->refresh_id != 0 || self->dirty)
    refresh (self);
  else if (g_hash_table_size (self->stale_cases) > 0)
    refresh_stale (self);

  /* A search that hides the case is cleared. */
  if (find_item (self, case_id, NULL) != NULL &&
      find_selection_position (self, case_id) == GTK_INVALID_LIST_POSITION)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->search, g_free);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }

  poe_family_view_set_case_id (self->family_view, case_id);
  position = find_selection_position (self, case_id);
  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->restoring = FALSE;

  update_visible_pages (self);
  show_content (self);
}

gboolean
poe_families_page_get_reveal_names (PoeFamiliesPage *self)
{
  g_return_val_if_fail (POE_IS_FAMILIES_PAGE (self), FALSE);

  return self->reveal_names;
}

void
poe_families_page_set_reveal_names (PoeFamiliesPage *self,
                                    gboolean         reveal_names)
{
  g_return_if_fail (POE_IS_FAMILIES_PAGE (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  self->dirty = TRUE;
  queue_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}

/**
 * poe_families_page_get_cases:
 *
 * Returns: (transfer none): the day's cases as #PoeFamilyCaseItem, unfiltered
 */
GListModel *
poe_families_page_get_cases (PoeFamiliesPage *self)
{
  g_return_val_if_fail (POE_IS_FAMILIES_PAGE (self), NULL);

  return G_LIST_MODEL (self->cases);
}

/**
 * poe_families_page_get_family_view:
 *
 * Returns: (transfer none): the view of the chosen family
 */
PoeFamilyView *
poe_families_page_get_family_view (PoeFamiliesPage *self)
{
  g_return_val_if_fail (POE_IS_FAMILIES_PAGE (self), NULL);

  return self->family_view;
}

/**
 * poe_families_page_go_back:
 *
 * Leaves a family for the list, where the two do not fit side by side.
 *
 * Returns: whether a family was shown instead of the list (and the list is now)
 */
gboolean
poe_families_page_go_back (PoeFamiliesPage *self)
{
  g_return_val_if_fail (POE_IS_FAMILIES_PAGE (self), FALSE);

  if (!adw_leaflet_get_folded (self->leaflet) || adw_leaflet_get_visible_child (self->leaflet) != self->content)
    return FALSE;

  back_clicked_cb (self);
  return TRUE;
}
