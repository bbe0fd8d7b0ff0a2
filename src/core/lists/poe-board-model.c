/* poe-board-model.c
 *
 * Every flight of the window stays in memory as a PoeBoardRow with its families' summaries
 * (shared with the family lists through the store's PoeCaseIndex) and a lower-cased search
 * key, so a keystroke in the filter is a scan of strings, not a query. A change updates only
 * the rows it touches; a row keeps its identity and notifies its properties, and
 * items-changed names only the positions that moved.
 *
 * Here: the model, its window and filter, the first page read at once and the rest from the
 * idle loop, GListModel. The rows are in poe-board-row.c, reading their families and
 * following the index's changes in poe-board-model-update.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-model"

#include "config.h"

#include <string.h>

#include "poe-board-model-private.h"
#include "poe-list-filter.h"

/* Families read per idle callback while the board fills in: a few milliseconds of work
 * (about 6 ms for 50 flights of the scale data), so a redraw never waits long for one. */
#define LOAD_CHUNK 50
#define DEFAULT_PAGE_SIZE 40

static void     poe_board_model_list_model_init (GListModelInterface *iface);
static gboolean load_chunk_cb                   (gpointer             user_data);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeBoardModel, poe_board_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      poe_board_model_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_FROM,
  PROP_TO,
  PROP_NOW,
  PROP_QUERY,
  PROP_STATUSES,
  PROP_REVEAL_NAMES,
  PROP_N_ITEMS,
  PROP_PAGE_SIZE,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


/*
 * Auxiliary methods
 */

static gboolean
names_contain (PoeBoardRow *row,
               const char  *word)
{
  for (guint i = 0; row->cases != NULL && i < row->cases->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (row->cases, i);

      if (summary->names != NULL && strstr (summary->names, word) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Re-filters every row and names the one span that differs. */
static void
refilter (PoeBoardModel *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->visible);
  guint position, removed, added;

  self->visible = g_ptr_array_sized_new (old->len);
  for (guint i = 0; i < self->rows->len; i++)
    if (_poe_board_row_matches (self, g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (self->visible, g_ptr_array_index (self->rows, i));

  if (_poe_list_changed_span (old, self->visible, &position, &removed, &added))
    _poe_board_emit_items_changed (self, position, removed, added);
}

/* The rest of the rows fill in from the idle loop of the thread-default main context, the
 * one the model is used from. */
static void
start_loading (PoeBoardModel *self)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, load_chunk_cb, self, NULL);
  g_source_set_static_name (source, "[poe-board-model] load");
  g_source_attach (source, context);
  self->load_source = g_steal_pointer (&source);
}

static void
stop_loading (PoeBoardModel *self)
{
  if (self->load_source == NULL)
    return;

  g_source_destroy (self->load_source);
  g_clear_pointer (&self->load_source, g_source_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The flights now; their families fill in from the idle loop, the first page at once. */
static gboolean
load (PoeBoardModel  *self,
      GError        **error)
{
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GPtrArray) first_page = NULL;

  if (!(flights = poe_store_list_flight_summaries_between (self->store, self->from, self->to, error)))
    return FALSE;

  /* The rows take the summaries. */
  g_ptr_array_set_free_func (flights, NULL);
  for (guint i = 0; i < flights->len; i++)
    {
      PoeBoardRow *row = _poe_board_row_new (self->store, g_ptr_array_index (flights, i));

      g_hash_table_insert (self->flights, row->flight_id, row);
      g_ptr_array_add (self->rows, row);
      _poe_board_build_keys (row);
    }
  g_ptr_array_sort (self->rows, _poe_board_compare_row_pointers);
  refilter (self);

  first_page = g_ptr_array_new ();
  for (guint i = 0; i < MIN (self->page_size, self->visible->len); i++)
    g_ptr_array_add (first_page, g_ptr_array_index (self->visible, i));
  if (!_poe_board_load_rows (self, first_page, error))
    return FALSE;

  if (first_page->len < self->rows->len)
    start_loading (self);
  return TRUE;
}


/*
 * Callbacks
 */

static gboolean
load_chunk_cb (gpointer user_data)
{
  PoeBoardModel *self = user_data;
  g_autoptr(GPtrArray) chunk = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len && chunk->len < LOAD_CHUNK; i++)
    if (((PoeBoardRow *) g_ptr_array_index (self->rows, i))->cases == NULL)
      g_ptr_array_add (chunk, g_ptr_array_index (self->rows, i));

  if (chunk->len > 0 && _poe_board_load_rows (self, chunk, &error))
    return G_SOURCE_CONTINUE;

  if (error != NULL)
    _poe_board_take_error (self, g_steal_pointer (&error));

  g_clear_pointer (&self->load_source, g_source_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}


/*
 * GListModel
 */


static GType
poe_board_model_get_item_type (GListModel *model)
{
  return POE_TYPE_BOARD_ROW;
}

static guint
poe_board_model_get_n_items (GListModel *model)
{
  return POE_BOARD_MODEL (model)->visible->len;
}

static gpointer
poe_board_model_get_item (GListModel *model,
                          guint       position)
{
  PoeBoardModel *self = POE_BOARD_MODEL (model);

  if (position >= self->visible->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
poe_board_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = poe_board_model_get_item_type;
  iface->get_n_items = poe_board_model_get_n_items;
  iface->get_item = poe_board_model_get_item;
}


/*
 * GObject overrides
 */

static void
poe_board_model_dispose (GObject *object)
{
  PoeBoardModel *self = POE_BOARD_MODEL (object);

  if (self->load_source != NULL)
    g_source_destroy (self->load_source);
  g_clear_pointer (&self->load_source, g_source_unref);
  if (self->index != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->index, self);
      for (guint i = 0; i < self->rows->len; i++)
        _poe_board_release_row (self, g_ptr_array_index (self->rows, i));
    }
  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (poe_board_model_parent_class)->dispose (object);
}

static void
poe_board_model_finalize (GObject *object)
{
  PoeBoardModel *self = POE_BOARD_MODEL (object);

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->flights, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->from_text);
  g_free (self->to_text);
  g_free (self->query);
  g_strfreev (self->tokens);
  g_strfreev (self->statuses);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (poe_board_model_parent_class)->finalize (object);
}

static void
poe_board_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PoeBoardModel *self = POE_BOARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FROM:
      g_value_set_boxed (value, self->from);
      break;

    case PROP_TO:
      g_value_set_boxed (value, self->to);
      break;

    case PROP_NOW:
      g_value_set_boxed (value, self->now);
      break;

    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_STATUSES:
      g_value_set_boxed (value, self->statuses);
      break;

    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->load_source != NULL);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_board_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PoeBoardModel *self = POE_BOARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_FROM:
      self->from = g_value_dup_boxed (value);
      self->from_text = self->from ? poe_time_format_iso8601 (self->from) : NULL;
      break;

    case PROP_TO:
      self->to = g_value_dup_boxed (value);
      self->to_text = self->to ? poe_time_format_iso8601 (self->to) : NULL;
      break;

    case PROP_NOW:
      poe_board_model_set_now (self, g_value_get_boxed (value));
      break;

    case PROP_QUERY:
      poe_board_model_set_query (self, g_value_get_string (value));
      break;

    case PROP_STATUSES:
      poe_board_model_set_statuses (self, g_value_get_boxed (value));
      break;

    case PROP_REVEAL_NAMES:
      poe_board_model_set_reveal_names (self, g_value_get_boolean (value));
      break;

    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_board_model_class_init (PoeBoardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_board_model_dispose;
  object_class->finalize = poe_board_model_finalize;
  object_class->get_property = poe_board_model_get_property;
  object_class->set_property = poe_board_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", "Store", "The local store",
                         POE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_FROM] =
    g_param_spec_boxed ("from", "From", "Earliest scheduled arrival, inclusive",
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TO] =
    g_param_spec_boxed ("to", "To", "Latest scheduled arrival, exclusive",
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NOW] =
    g_param_spec_boxed ("now", "Now", "The time risks are computed at; unset for the clock",
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_QUERY] =
    g_param_spec_string ("query", "Query", "Words each shown flight contains",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATUSES] =
    g_param_spec_boxed ("statuses", "Statuses", "Flight statuses shown; unset for all",
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", "Reveal names", "Whether the query searches names",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", "Items", "The number of rows shown",
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", "Page size", "Rows whose counts are read before the model is returned",
                       0, G_MAXUINT, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", "Loading", "Whether families are still being read",
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_board_model_init (PoeBoardModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new ();
  self->flights = g_hash_table_new (g_str_hash, g_str_equal);
}


/*
 * Private API
 */

gboolean
_poe_board_row_matches (PoeBoardModel *self,
                        PoeBoardRow   *row)
{
  if (self->statuses != NULL &&
      !g_strv_contains ((const char * const *) self->statuses, row->info->status ? row->info->status : ""))
    return FALSE;

  for (guint i = 0; self->tokens != NULL && self->tokens[i] != NULL; i++)
    {
      if (strstr (row->key, self->tokens[i]) == NULL &&
          !(self->reveal_names && names_contain (row, self->tokens[i])))
        return FALSE;
    }

  return TRUE;
}

void
_poe_board_emit_items_changed (PoeBoardModel *self,
                               guint          position,
                               guint          removed,
                               guint          added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}


/*
 * Public API
 */

/**
 * poe_board_model_new:
 * @from: (nullable): earliest scheduled arrival, inclusive
 * @to: (nullable): latest scheduled arrival, exclusive
 *
 * Like poe_board_model_new_full() with the default page of 40 rows.
 *
 * Returns: (transfer full): the model, or %NULL with @error set when the store fails
 */
PoeBoardModel *
poe_board_model_new (PoeStore   *store,
                     GDateTime  *from,
                     GDateTime  *to,
                     GError    **error)
{
  return poe_board_model_new_full (store, from, to, DEFAULT_PAGE_SIZE, error);
}

/**
 * poe_board_model_new_full:
 * @from: (nullable): earliest scheduled arrival, inclusive
 * @to: (nullable): latest scheduled arrival, exclusive
 * @page_size: rows whose families are read before this returns
 *
 * Lists the flights scheduled to arrive in [@from, @to) and reads the families of the
 * first @page_size rows; the other rows fill in from the idle loop of the thread-default
 * main context ("loading" is %TRUE until then; poe_board_model_ensure_loaded() reads
 * rows at once). Follows @store's changes from then on, through the store's #PoeCaseIndex,
 * which holds the families it reads.
 *
 * Returns: (transfer full): the model, or %NULL with @error set when the store fails
 */
PoeBoardModel *
poe_board_model_new_full (PoeStore   *store,
                          GDateTime  *from,
                          GDateTime  *to,
                          guint       page_size,
                          GError    **error)
{
  g_autoptr(PoeBoardModel) self = NULL;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (POE_TYPE_BOARD_MODEL,
                       "store", store, "from", from, "to", to, "page-size", page_size,
                       NULL);
  self->index = poe_case_index_get_for_store (store);
  if (!load (self, error))
    return NULL;

  g_signal_connect_object (self->index, "flights-changed", G_CALLBACK (_poe_board_flights_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "families-changed", G_CALLBACK (_poe_board_families_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "buffers-changed", G_CALLBACK (_poe_board_buffers_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "read-failed", G_CALLBACK (_poe_board_read_failed_cb),
                           self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

gboolean
poe_board_model_get_loading (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), FALSE);

  return self->load_source != NULL;
}

/**
 * poe_board_model_ensure_loaded:
 * @position: the first row shown
 * @n_items: the rows shown from there
 *
 * Reads the families of the rows a view is about to show, if the idle loop has not yet;
 * with @n_items %G_MAXUINT, every row. Not from inside a GListModel call.
 *
 * Returns: %FALSE with @error set when the store fails
 */
gboolean
poe_board_model_ensure_loaded (PoeBoardModel  *self,
                               guint           position,
                               guint           n_items,
                               GError        **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean all;

  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), FALSE);

  all = position == 0 && n_items == G_MAXUINT;
  rows = g_ptr_array_new ();
  for (guint i = 0; all && i < self->rows->len; i++)
    g_ptr_array_add (rows, g_ptr_array_index (self->rows, i));
  for (guint i = position; !all && i < self->visible->len && i - position < n_items; i++)
    g_ptr_array_add (rows, g_ptr_array_index (self->visible, i));

  /* In chunks, so reading a whole day never holds more than a chunk's rows of SQLite. */
  for (guint i = 0; i < rows->len; i += LOAD_CHUNK)
    {
      g_autoptr(GPtrArray) chunk = g_ptr_array_new ();

      for (guint j = i; j < MIN (i + LOAD_CHUNK, rows->len); j++)
        g_ptr_array_add (chunk, g_ptr_array_index (rows, j));
      if (!_poe_board_load_rows (self, chunk, error))
        return FALSE;
    }

  if (all)
    stop_loading (self);
  return TRUE;
}

PoeStore *
poe_board_model_get_store (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), NULL);

  return self->store;
}

/**
 * poe_board_model_get_now:
 *
 * Returns: (nullable) (transfer none): the time risks are computed at, %NULL for the clock
 */
GDateTime *
poe_board_model_get_now (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), NULL);

  return self->now;
}

/**
 * poe_board_model_set_now:
 * @now: (nullable): a fixed time, or %NULL to read the clock at each update
 *
 * Computes every risk again at @now; the app calls it each minute with %NULL.
 */
void
poe_board_model_set_now (PoeBoardModel *self,
                         GDateTime     *now)
{
  g_return_if_fail (POE_IS_BOARD_MODEL (self));

  if (self->now != now)
    {
      g_clear_pointer (&self->now, g_date_time_unref);
      self->now = now ? g_date_time_ref (now) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
    }

  _poe_board_recompute_all (self);
}

const char *
poe_board_model_get_query (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), NULL);

  return self->query;
}

/**
 * poe_board_model_set_query:
 * @query: (nullable): words, each of which a shown flight's number, origin or case numbers
 *   (or its members' names, when revealed) contain, in any case
 */
void
poe_board_model_set_query (PoeBoardModel *self,
                           const char    *query)
{
  g_return_if_fail (POE_IS_BOARD_MODEL (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_strfreev (self->tokens);
  self->tokens = _poe_list_split_query (query);

  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

/**
 * poe_board_model_get_statuses:
 *
 * Returns: (nullable) (transfer none): the statuses shown, %NULL for all
 */
const char * const *
poe_board_model_get_statuses (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), NULL);

  return (const char * const *) self->statuses;
}

/**
 * poe_board_model_set_statuses:
 * @statuses: (nullable): flight statuses to show, %NULL for all
 */
void
poe_board_model_set_statuses (PoeBoardModel      *self,
                              const char * const *statuses)
{
  g_return_if_fail (POE_IS_BOARD_MODEL (self));

  if (self->statuses == NULL && statuses == NULL)
    return;
  if (self->statuses != NULL && statuses != NULL &&
      g_strv_equal ((const char * const *) self->statuses, statuses))
    return;

  g_strfreev (self->statuses);
  self->statuses = g_strdupv ((char **) statuses);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUSES]);
}

gboolean
poe_board_model_get_reveal_names (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), FALSE);

  return self->reveal_names;
}

/**
 * poe_board_model_set_reveal_names:
 *
 * With names revealed the query also searches the members' names; otherwise a name finds
 * nothing, so the board never tells who is on a flight.
 */
void
poe_board_model_set_reveal_names (PoeBoardModel *self,
                                  gboolean       reveal_names)
{
  g_return_if_fail (POE_IS_BOARD_MODEL (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}

/**
 * poe_board_model_get_n_flights:
 *
 * Returns: the number of flights in the window, shown or filtered out
 */
guint
poe_board_model_get_n_flights (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), 0);

  return self->rows->len;
}

/**
 * poe_board_model_lookup:
 *
 * Returns: (nullable) (transfer none): the row of a flight of the window, shown or not
 */
PoeBoardRow *
poe_board_model_lookup (PoeBoardModel *self,
                        const char    *flight_id)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), NULL);
  g_return_val_if_fail (flight_id != NULL, NULL);

  return g_hash_table_lookup (self->flights, flight_id);
}
