/* poe-case-list-model.c
 *
 * The families of one flight, or of the flights of a window, as PoeCaseRow sorted by case
 * number. The families are the store's PoeCaseIndex's, which the list holds for the flights
 * of its scope and follows: a change to a family, a member, a segment or a checklist event
 * comes as the family's new summary, and its row updates in place; items-changed names only
 * positions that appear, disappear or move.
 *
 * Here: the model, its order and filter, GListModel. Reading its families and following
 * the index is in poe-case-list-model-update.c, the rows in poe-case-row.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-list-model"

#include "config.h"

#include <string.h>

#include "poe-case-list-model-private.h"
#include "poe-list-filter.h"

static void poe_case_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeCaseListModel, poe_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      poe_case_list_model_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FLIGHT_ID,
  PROP_FROM,
  PROP_TO,
  PROP_QUERY,
  PROP_BRANCH,
  PROP_SENSITIVITY,
  PROP_REVEAL_NAMES,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


/*
 * Auxiliary methods
 */

static int
compare_rows (PoeCaseRow *a,
              PoeCaseRow *b)
{
  int cmp = g_strcmp0 (a->summary->case_number, b->summary->case_number);

  return cmp != 0 ? cmp : strcmp (a->summary->id, b->summary->id);
}

int
_poe_case_list_compare_row_pointers (gconstpointer a,
                                     gconstpointer b)
{
  return compare_rows (*(PoeCaseRow **) a, *(PoeCaseRow **) b);
}

guint
_poe_case_list_sorted_position (GPtrArray  *array,
                                PoeCaseRow *row)
{
  guint low = 0, high = array->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_rows (g_ptr_array_index (array, mid), row) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

gboolean
_poe_case_list_row_matches (PoeCaseListModel *self,
                            PoeCaseRow       *row)
{
  if ((self->branch != NULL && g_strcmp0 (row->summary->branch, self->branch) != 0) ||
      (self->sensitivity != NULL && g_strcmp0 (row->summary->sensitivity, self->sensitivity) != 0))
    return FALSE;

  for (guint i = 0; self->tokens != NULL && self->tokens[i] != NULL; i++)
    {
      if (strstr (row->key, self->tokens[i]) == NULL &&
          !(self->reveal_names && row->summary->names != NULL &&
            strstr (row->summary->names, self->tokens[i]) != NULL))
        return FALSE;
    }

  return TRUE;
}

void
_poe_case_list_emit_items_changed (PoeCaseListModel *self,
                                   guint             position,
                                   guint             removed,
                                   guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* A read failed: the view learns it through "error" instead of a log line. */
void
_poe_case_list_take_error (PoeCaseListModel *self,
                           GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
_poe_case_list_refilter (PoeCaseListModel *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->visible);
  guint position, removed, added;

  self->visible = g_ptr_array_sized_new (old->len);
  for (guint i = 0; i < self->rows->len; i++)
    if (_poe_case_list_row_matches (self, g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (self->visible, g_ptr_array_index (self->rows, i));

  if (_poe_list_changed_span (old, self->visible, &position, &removed, &added))
    _poe_case_list_emit_items_changed (self, position, removed, added);
}

/*
 * GListModel
 */

static GType
poe_case_list_model_get_item_type (GListModel *model)
{
  return POE_TYPE_CASE_ROW;
}

static guint
poe_case_list_model_get_n_items (GListModel *model)
{
  return POE_CASE_LIST_MODEL (model)->visible->len;
}

static gpointer
poe_case_list_model_get_item (GListModel *model,
                              guint       position)
{
  PoeCaseListModel *self = POE_CASE_LIST_MODEL (model);

  if (position >= self->visible->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
poe_case_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = poe_case_list_model_get_item_type;
  iface->get_n_items = poe_case_list_model_get_n_items;
  iface->get_item = poe_case_list_model_get_item;
}


/*
 * GObject overrides
 */

static void
poe_case_list_model_dispose (GObject *object)
{
  PoeCaseListModel *self = POE_CASE_LIST_MODEL (object);

  if (self->index != NULL)
    {
      GHashTableIter iter;
      gpointer flight_id;

      g_signal_handlers_disconnect_by_data (self->index, self);
      g_hash_table_iter_init (&iter, self->flights);
      while (g_hash_table_iter_next (&iter, &flight_id, NULL))
        poe_case_index_release_flight (self->index, flight_id);
      g_hash_table_remove_all (self->flights);
    }
  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (poe_case_list_model_parent_class)->dispose (object);
}

static void
poe_case_list_model_finalize (GObject *object)
{
  PoeCaseListModel *self = POE_CASE_LIST_MODEL (object);

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->cases, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->flights, g_hash_table_unref);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->flight_id);
  g_free (self->query);
  g_strfreev (self->tokens);
  g_free (self->branch);
  g_free (self->sensitivity);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (poe_case_list_model_parent_class)->finalize (object);
}

static void
poe_case_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PoeCaseListModel *self = POE_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FLIGHT_ID:
      g_value_set_string (value, self->flight_id);
      break;

    case PROP_FROM:
      g_value_set_boxed (value, self->from);
      break;

    case PROP_TO:
      g_value_set_boxed (value, self->to);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_BRANCH:
      g_value_set_string (value, self->branch);
      break;

    case PROP_SENSITIVITY:
      g_value_set_string (value, self->sensitivity);
      break;

    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_case_list_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PoeCaseListModel *self = POE_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_FLIGHT_ID:
      self->flight_id = g_value_dup_string (value);
      break;

    case PROP_FROM:
      self->from = g_value_dup_boxed (value);
      break;

    case PROP_TO:
      self->to = g_value_dup_boxed (value);
      break;

    case PROP_QUERY:
      poe_case_list_model_set_query (self, g_value_get_string (value));
      break;

    case PROP_BRANCH:
      poe_case_list_model_set_branch (self, g_value_get_string (value));
      break;

    case PROP_SENSITIVITY:
      poe_case_list_model_set_sensitivity (self, g_value_get_string (value));
      break;

    case PROP_REVEAL_NAMES:
      poe_case_list_model_set_reveal_names (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_case_list_model_class_init (PoeCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags filter = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = poe_case_list_model_dispose;
  object_class->finalize = poe_case_list_model_finalize;
  object_class->get_property = poe_case_list_model_get_property;
  object_class->set_property = poe_case_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, "The local store", POE_TYPE_STORE, construct);
  properties[PROP_FLIGHT_ID] =
    g_param_spec_string ("flight-id", NULL, "The one flight shown, or unset for a window", NULL, construct);
  properties[PROP_FROM] =
    g_param_spec_boxed ("from", NULL, "Earliest scheduled arrival, inclusive", G_TYPE_DATE_TIME, construct);
  properties[PROP_TO] =
    g_param_spec_boxed ("to", NULL, "Latest scheduled arrival, exclusive", G_TYPE_DATE_TIME, construct);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, "Words each shown family contains", NULL, filter);
  properties[PROP_BRANCH] =
    g_param_spec_string ("branch", NULL, "The branch shown, or unset for all", NULL, filter);
  properties[PROP_SENSITIVITY] =
    g_param_spec_string ("sensitivity", NULL, "The sensitivity shown, or unset for all", NULL, filter);
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, "Whether the query searches names", FALSE, filter);
  /**
   * PoeCaseListModel:error:
   *
   * The last read of the store that failed while keeping the families up to date: the rows
   * may no longer match the store, and a view says so and makes a new model.
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_case_list_model_init (PoeCaseListModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new ();
  self->cases = g_hash_table_new (g_str_hash, g_str_equal);
  self->flights = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) poe_flight_summary_free);
}


/*
 * Public API
 */

static PoeCaseListModel *
new_model (PoeStore    *store,
           const char  *flight_id,
           GDateTime   *from,
           GDateTime   *to,
           GError     **error)
{
  g_autoptr(PoeCaseListModel) self = NULL;

  self = g_object_new (POE_TYPE_CASE_LIST_MODEL,
                       "store", store, "flight-id", flight_id, "from", from, "to", to,
                       NULL);
  self->index = poe_case_index_get_for_store (store);
  if (!_poe_case_list_load (self, error))
    return NULL;

  g_signal_connect_object (self->index, "flights-changed", G_CALLBACK (_poe_case_list_flights_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "families-changed", G_CALLBACK (_poe_case_list_families_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "buffers-changed", G_CALLBACK (_poe_case_list_buffers_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "read-failed", G_CALLBACK (_poe_case_list_read_failed_cb),
                           self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

/**
 * poe_case_list_model_new_for_flight:
 *
 * Returns: (transfer full): the families of one flight, or %NULL with @error set
 */
PoeCaseListModel *
poe_case_list_model_new_for_flight (PoeStore    *store,
                                    const char  *flight_id,
                                    GError     **error)
{
  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (flight_id != NULL, NULL);

  return new_model (store, flight_id, NULL, NULL, error);
}

/**
 * poe_case_list_model_new_between:
 * @from: (nullable): earliest scheduled arrival of the inbound flight, inclusive
 * @to: (nullable): latest scheduled arrival of the inbound flight, exclusive
 *
 * Returns: (transfer full): the families of the flights of a day, or %NULL with @error set
 */
PoeCaseListModel *
poe_case_list_model_new_between (PoeStore   *store,
                                 GDateTime  *from,
                                 GDateTime  *to,
                                 GError    **error)
{
  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  return new_model (store, NULL, from, to, error);
}

/**
 * poe_case_list_model_set_now:
 * @now: (nullable): a fixed time for the risks, or %NULL for the clock
 */
void
poe_case_list_model_set_now (PoeCaseListModel *self,
                             GDateTime        *now)
{
  g_return_if_fail (POE_IS_CASE_LIST_MODEL (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now ? g_date_time_ref (now) : NULL;
  _poe_case_list_recompute_risks (self);
}

/**
 * poe_case_list_model_set_query:
 * @query: (nullable): words each shown family's case number (or, revealed, a member's
 *   name) contains
 */
void
poe_case_list_model_set_query (PoeCaseListModel *self,
                               const char       *query)
{
  g_return_if_fail (POE_IS_CASE_LIST_MODEL (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_strfreev (self->tokens);
  self->tokens = _poe_list_split_query (query);
  _poe_case_list_refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/**
 * poe_case_list_model_set_branch:
 * @branch: (nullable): the branch shown, %NULL for all
 */
void
poe_case_list_model_set_branch (PoeCaseListModel *self,
                                const char       *branch)
{
  g_return_if_fail (POE_IS_CASE_LIST_MODEL (self));

  if (g_strcmp0 (self->branch, branch) == 0)
    return;

  g_free (self->branch);
  self->branch = g_strdup (branch);
  _poe_case_list_refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRANCH]);
}

/**
 * poe_case_list_model_set_sensitivity:
 * @sensitivity: (nullable): the sensitivity shown, %NULL for all
 */
void
poe_case_list_model_set_sensitivity (PoeCaseListModel *self,
                                     const char       *sensitivity)
{
  g_return_if_fail (POE_IS_CASE_LIST_MODEL (self));

  if (g_strcmp0 (self->sensitivity, sensitivity) == 0)
    return;

  g_free (self->sensitivity);
  self->sensitivity = g_strdup (sensitivity);
  _poe_case_list_refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENSITIVITY]);
}

void
poe_case_list_model_set_reveal_names (PoeCaseListModel *self,
                                      gboolean          reveal_names)
{
  g_return_if_fail (POE_IS_CASE_LIST_MODEL (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  _poe_case_list_refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}

/**
 * poe_case_list_model_get_error:
 *
 * Returns: (nullable): the last read that failed since the model was made (see
 *   #PoeCaseListModel:error), or %NULL
 */
const GError *
poe_case_list_model_get_error (PoeCaseListModel *self)
{
  g_return_val_if_fail (POE_IS_CASE_LIST_MODEL (self), NULL);

  return self->error;
}

/**
 * poe_case_list_model_lookup:
 *
 * Returns: (nullable) (transfer none): the row of a family in scope, shown or not
 */
PoeCaseRow *
poe_case_list_model_lookup (PoeCaseListModel *self,
                            const char       *case_id)
{
  g_return_val_if_fail (POE_IS_CASE_LIST_MODEL (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return g_hash_table_lookup (self->cases, case_id);
}
