/* poe-case-list-model.c
 *
 * Families in memory as PoeCaseRow, each over its PoeCaseSummary, sorted by case number.
 * A change to a family, a member, a segment or a checklist event reloads that family's
 * summary alone and updates its row in place; items-changed names only positions that
 * appear, disappear or move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-list-model"

#include "config.h"

#include <string.h>

#include "poe-case-list-model.h"
#include "poe-store-board.h"

struct _PoeCaseRow
{
  GObject         parent_instance;

  PoeCaseSummary *summary;
  char           *key;      /* case number, lower case */
};

struct _PoeCaseListModel
{
  GObject               parent_instance;

  PoeStore             *store;
  PoeChecklistTemplate *checklist;
  PoeRiskBuffers        buffers;
  char                 *flight_id;  /* one flight, or NULL for the window */
  GDateTime            *from;
  GDateTime            *to;
  GDateTime            *now;

  GPtrArray            *rows;       /* PoeCaseRow, sorted */
  GPtrArray            *visible;
  GHashTable           *cases;      /* case id → PoeCaseRow */
  GHashTable           *flights;    /* flight id → PoeRecord of the scope */

  char                 *query;
  char                **tokens;
  char                 *branch;
  char                 *sensitivity;
  gboolean              reveal_names;
  gulong                changed_handler;
  GError               *error;      /* the last read that failed: see "error" */
};

static void poe_case_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (PoeCaseRow, poe_case_row, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (PoeCaseListModel, poe_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      poe_case_list_model_list_model_init))

enum {
  ROW_PROP_0,
  ROW_PROP_CASE_NUMBER,
  ROW_PROP_INITIALS,
  ROW_PROP_BRANCH,
  ROW_PROP_SENSITIVITY,
  ROW_PROP_FLIGHT_ID,
  ROW_PROP_N_PERSONS,
  ROW_PROP_PROGRESS,
  ROW_PROP_RISK,
  ROW_N_PROPS
};

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

static GParamSpec *row_properties [ROW_N_PROPS];
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

static guint
sorted_position (GPtrArray  *array,
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

static char **
split_query (const char *query)
{
  g_autofree char *lowered = query ? g_utf8_strdown (query, -1) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  guint n = 0;

  if (lowered == NULL)
    return NULL;

  words = g_strsplit_set (lowered, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        g_strv_builder_add (builder, words[i]);
        n++;
      }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static gboolean
row_matches (PoeCaseListModel *self,
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

static void
compute_risk (PoeCaseListModel *self,
              PoeCaseSummary   *summary)
{
  PoeRecord *flight = summary->flight_id ? g_hash_table_lookup (self->flights, summary->flight_id) : NULL;
  g_autoptr(GDateTime) now = self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  g_autoptr(PoeFlightSummary) info = flight ? poe_flight_summary_new_from_record (flight) : NULL;
  PoeRiskInput input;

  poe_risk_input_init_for_flight (&input, info, now);
  poe_case_summary_compute_risk (summary, &input, &self->buffers);
  poe_risk_input_clear_flight (&input);
}

static void
notify_if (PoeCaseRow *row,
           gboolean    changed,
           guint       prop)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (row), row_properties[prop]);
}

/* Takes @summary; notifies the properties whose values changed. */
static void
set_summary (PoeCaseRow     *row,
             PoeCaseSummary *summary)
{
  g_autoptr(PoeCaseSummary) old = g_steal_pointer (&row->summary);

  row->summary = summary;
  g_free (row->key);
  row->key = g_utf8_strdown (summary->case_number ? summary->case_number : "", -1);
  if (old == NULL)
    return;

  g_object_freeze_notify (G_OBJECT (row));
  notify_if (row, g_strcmp0 (old->case_number, summary->case_number) != 0, ROW_PROP_CASE_NUMBER);
  notify_if (row, g_strcmp0 (old->initials, summary->initials) != 0, ROW_PROP_INITIALS);
  notify_if (row, g_strcmp0 (old->branch, summary->branch) != 0, ROW_PROP_BRANCH);
  notify_if (row, g_strcmp0 (old->sensitivity, summary->sensitivity) != 0, ROW_PROP_SENSITIVITY);
  notify_if (row, g_strcmp0 (old->flight_id, summary->flight_id) != 0, ROW_PROP_FLIGHT_ID);
  notify_if (row, old->progress.n_persons != summary->progress.n_persons, ROW_PROP_N_PERSONS);
  notify_if (row, old->progress.n_done != summary->progress.n_done ||
                  old->progress.n_required != summary->progress.n_required, ROW_PROP_PROGRESS);
  notify_if (row, old->risk != summary->risk, ROW_PROP_RISK);
  g_object_thaw_notify (G_OBJECT (row));
}

static void
emit_items_changed (PoeCaseListModel *self,
                    guint             position,
                    guint             removed,
                    guint             added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
hide_row (PoeCaseListModel *self,
          PoeCaseRow       *row)
{
  guint position;

  if (!g_ptr_array_find (self->visible, row, &position))
    return;

  g_ptr_array_remove_index (self->visible, position);
  emit_items_changed (self, position, 1, 0);
}

static void
update_visibility (PoeCaseListModel *self,
                   PoeCaseRow       *row)
{
  gboolean matches = row_matches (self, row);
  guint old_position, new_position;
  gboolean shown = g_ptr_array_find (self->visible, row, &old_position);

  if (shown)
    g_ptr_array_remove_index (self->visible, old_position);

  new_position = sorted_position (self->visible, row);
  if (shown && matches && new_position == old_position)
    {
      g_ptr_array_insert (self->visible, old_position, row);
      return;
    }

  if (shown)
    emit_items_changed (self, old_position, 1, 0);
  if (matches)
    {
      g_ptr_array_insert (self->visible, new_position, row);
      emit_items_changed (self, new_position, 0, 1);
    }
}

static gboolean
in_scope (PoeCaseListModel *self,
          PoeCaseSummary   *summary)
{
  return summary->flight_id != NULL && g_hash_table_contains (self->flights, summary->flight_id);
}

static void
remove_row (PoeCaseListModel *self,
            PoeCaseRow       *row)
{
  hide_row (self, row);
  g_hash_table_remove (self->cases, row->summary->id);
  g_ptr_array_remove (self->rows, row);
}

/* Takes @summary: updates the family's row, adds it, or drops it when out of scope. */
static void
apply_summary (PoeCaseListModel *self,
               PoeCaseSummary   *summary)
{
  PoeCaseRow *row = g_hash_table_lookup (self->cases, summary->id);

  if (!in_scope (self, summary))
    {
      if (row != NULL)
        remove_row (self, row);
      poe_case_summary_free (summary);
      return;
    }

  compute_risk (self, summary);
  if (row == NULL)
    {
      row = g_object_new (POE_TYPE_CASE_ROW, NULL);
      set_summary (row, summary);
      g_ptr_array_insert (self->rows, sorted_position (self->rows, row), row);
      g_hash_table_insert (self->cases, (gpointer) summary->id, row);
    }
  else
    {
      g_hash_table_steal (self->cases, row->summary->id);
      g_ptr_array_remove (self->rows, g_object_ref (row));
      set_summary (row, summary);
      g_ptr_array_insert (self->rows, sorted_position (self->rows, row), row);
      g_hash_table_insert (self->cases, (gpointer) summary->id, row);
    }

  update_visibility (self, row);
}

/* A read failed: the view learns it through "error" instead of a log line. */
static void
take_error (PoeCaseListModel *self,
            GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
update_cases (PoeCaseListModel   *self,
              const char * const *case_ids)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  summaries = poe_store_list_case_summaries_for_cases (self->store, self->checklist, case_ids, &error);
  if (summaries == NULL)
    {
      take_error (self, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (summaries, i);

      g_hash_table_add (found, (gpointer) summary->id);
      apply_summary (self, summary);
    }

  /* Deleted families. */
  for (guint i = 0; case_ids[i] != NULL; i++)
    {
      PoeCaseRow *row = g_hash_table_lookup (self->cases, case_ids[i]);

      if (row != NULL && !g_hash_table_contains (found, case_ids[i]))
        remove_row (self, row);
    }
}

static void
update_members (PoeCaseListModel   *self,
                const char         *entity,
                const char * const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) hashes = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) current = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!(current = poe_store_dup_case_ids_of (self->store, entity, ids, &error)))
    {
      take_error (self, g_steal_pointer (&error));
      return;
    }

  /* Also the family a member or segment belonged to before it moved. */
  g_strv_builder_addv (builder, (const char **) current);
  for (guint i = 0; ids[i] != NULL && !g_str_equal (entity, "checklist_event"); i++)
    g_hash_table_add (hashes, GUINT_TO_POINTER (g_str_hash (ids[i])));
  for (guint i = 0; g_hash_table_size (hashes) > 0 && i < self->rows->len; i++)
    {
      PoeCaseSummary *old = ((PoeCaseRow *) g_ptr_array_index (self->rows, i))->summary;

      if (poe_case_summary_has_member (old, hashes) &&
          !g_strv_contains ((const char * const *) current, old->id))
        g_strv_builder_add (builder, old->id);
    }

  case_ids = g_strv_builder_end (builder);
  if (case_ids[0] != NULL)
    update_cases (self, (const char * const *) case_ids);
}

static gboolean
flight_in_scope (PoeCaseListModel *self,
                 PoeRecord        *flight)
{
  g_autoptr(GDateTime) scheduled = NULL;

  if (self->flight_id != NULL)
    return g_str_equal (self->flight_id, poe_record_get_id (flight));

  if (!(scheduled = poe_record_dup_time (flight, "scheduled_arrival")))
    return FALSE;

  return (self->from == NULL || g_date_time_compare (scheduled, self->from) >= 0) &&
         (self->to == NULL || g_date_time_compare (scheduled, self->to) < 0);
}

static void
apply_summaries (PoeCaseListModel *self,
                 GPtrArray        *summaries)
{
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    apply_summary (self, g_ptr_array_index (summaries, i));
}

static void
update_flights (PoeCaseListModel   *self,
                const char * const *ids)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) flight_ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!(records = poe_store_list_records_by_ids (self->store, "flight", ids, &error)))
    {
      take_error (self, g_steal_pointer (&error));
      return;
    }

  /* Forget the flights, then take back those still in scope: their families reload. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_hash_table_remove (self->flights, ids[i]))
      g_strv_builder_add (builder, ids[i]);
  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (records, i);

      if (!flight_in_scope (self, flight))
        continue;
      g_hash_table_replace (self->flights, (gpointer) poe_record_get_id (flight), g_object_ref (flight));
      g_strv_builder_add (builder, poe_record_get_id (flight));
    }

  flight_ids = g_strv_builder_end (builder);
  if (flight_ids[0] == NULL)
    return;

  /* Families of flights that left the scope go; the others update in place. */
  for (guint i = self->rows->len; i > 0; i--)
    {
      PoeCaseRow *row = g_ptr_array_index (self->rows, i - 1);

      if (!in_scope (self, row->summary))
        remove_row (self, row);
    }

  summaries = poe_store_list_case_summaries_for_flights (self->store, self->checklist,
                                                         (const char * const *) flight_ids, &error);
  if (summaries == NULL)
    {
      take_error (self, g_steal_pointer (&error));
      return;
    }
  apply_summaries (self, summaries);
}

static void
refilter (PoeCaseListModel *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->visible);
  guint prefix = 0, suffix = 0;

  self->visible = g_ptr_array_sized_new (old->len);
  for (guint i = 0; i < self->rows->len; i++)
    if (row_matches (self, g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (self->visible, g_ptr_array_index (self->rows, i));

  while (prefix < old->len && prefix < self->visible->len &&
         old->pdata[prefix] == self->visible->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < self->visible->len - prefix &&
         old->pdata[old->len - 1 - suffix] == self->visible->pdata[self->visible->len - 1 - suffix])
    suffix++;

  if (old->len - prefix - suffix > 0 || self->visible->len - prefix - suffix > 0)
    emit_items_changed (self, prefix, old->len - prefix - suffix, self->visible->len - prefix - suffix);
}

static gboolean
load (PoeCaseListModel  *self,
      GError           **error)
{
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Buffers the POE record spells wrong leave the defaults; a store that fails, fails. */
  if (!poe_store_load_risk_buffers (self->store, &self->buffers, &local_error) &&
      local_error->domain == POE_STORE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (self->flight_id != NULL)
    {
      const char *ids[] = { self->flight_id, NULL };

      if (!(flights = poe_store_list_records_by_ids (self->store, "flight", ids, error)) ||
          !(summaries = poe_store_list_case_summaries_for_flights (self->store, self->checklist, ids, error)))
        return FALSE;
    }
  else if (!(flights = poe_store_list_flights_between (self->store, self->from, self->to, error)) ||
           !(summaries = poe_store_list_case_summaries_between (self->store, self->checklist,
                                                                self->from, self->to, error)))
    return FALSE;

  for (guint i = 0; i < flights->len; i++)
    g_hash_table_replace (self->flights, (gpointer) poe_record_get_id (g_ptr_array_index (flights, i)),
                          g_object_ref (g_ptr_array_index (flights, i)));

  apply_summaries (self, summaries);
  return TRUE;
}


/*
 * Callbacks
 */

static void
on_store_changed_cb (PoeCaseListModel   *self,
                     const char         *entity,
                     const char * const *ids,
                     PoeStoreChange      origin,
                     PoeStore           *store)
{
  g_assert (POE_IS_CASE_LIST_MODEL (self));

  if (ids == NULL || ids[0] == NULL)
    return;

  if (g_str_equal (entity, "flight"))
    update_flights (self, ids);
  else if (g_str_equal (entity, "case"))
    update_cases (self, ids);
  else if (g_str_equal (entity, "person") || g_str_equal (entity, "segment") ||
           g_str_equal (entity, "checklist_event"))
    update_members (self, entity, ids);
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
 * GObject overrides: PoeCaseRow
 */

static void
poe_case_row_finalize (GObject *object)
{
  PoeCaseRow *self = POE_CASE_ROW (object);

  g_clear_pointer (&self->summary, poe_case_summary_free);
  g_free (self->key);

  G_OBJECT_CLASS (poe_case_row_parent_class)->finalize (object);
}

static void
poe_case_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PoeCaseRow *self = POE_CASE_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_CASE_NUMBER:
      g_value_set_string (value, self->summary->case_number);
      break;

    case ROW_PROP_INITIALS:
      g_value_set_string (value, self->summary->initials);
      break;

    case ROW_PROP_BRANCH:
      g_value_set_string (value, self->summary->branch);
      break;

    case ROW_PROP_SENSITIVITY:
      g_value_set_string (value, self->summary->sensitivity);
      break;

    case ROW_PROP_FLIGHT_ID:
      g_value_set_string (value, self->summary->flight_id);
      break;

    case ROW_PROP_N_PERSONS:
      g_value_set_uint (value, self->summary->progress.n_persons);
      break;

    case ROW_PROP_PROGRESS:
      g_value_set_double (value, poe_case_row_get_progress (self));
      break;

    case ROW_PROP_RISK:
      g_value_set_uint (value, self->summary->risk);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name,
              const char *blurb)
{
  return g_param_spec_string (name, NULL, blurb, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
poe_case_row_class_init (PoeCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_case_row_finalize;
  object_class->get_property = poe_case_row_get_property;

  row_properties[ROW_PROP_CASE_NUMBER] = string_pspec ("case-number", "The case number");
  row_properties[ROW_PROP_INITIALS] = string_pspec ("initials", "Initials of the principal applicant");
  row_properties[ROW_PROP_BRANCH] = string_pspec ("branch", "connect, overnight or final");
  row_properties[ROW_PROP_SENSITIVITY] = string_pspec ("sensitivity", "none, at_risk, urm or protection");
  row_properties[ROW_PROP_FLIGHT_ID] = string_pspec ("flight-id", "The inbound flight");
  row_properties[ROW_PROP_N_PERSONS] =
    g_param_spec_uint ("n-persons", NULL, "Members of the family", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, "Share of the required checklist steps done", 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_RISK] =
    g_param_spec_uint ("risk", NULL, "The connection risk, a PoeRiskLevel", POE_RISK_NONE, POE_RISK_RED,
                       POE_RISK_NONE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
poe_case_row_init (PoeCaseRow *self)
{
}


/*
 * GObject overrides: PoeCaseListModel
 */

static void
poe_case_list_model_dispose (GObject *object)
{
  PoeCaseListModel *self = POE_CASE_LIST_MODEL (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
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
  g_clear_pointer (&self->checklist, poe_checklist_template_unref);
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
  self->checklist = poe_checklist_template_new_default ();
  poe_risk_buffers_init_default (&self->buffers);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new ();
  self->cases = g_hash_table_new (g_str_hash, g_str_equal);
  self->flights = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}


/*
 * Public API: PoeCaseRow
 */

const char *
poe_case_row_get_id (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), NULL);

  return self->summary->id;
}

#define DEFINE_STRING_GETTER(field) \
  const char * \
  poe_case_row_get_##field (PoeCaseRow *self) \
  { \
    g_return_val_if_fail (POE_IS_CASE_ROW (self), NULL); \
    return self->summary->field; \
  }

DEFINE_STRING_GETTER (case_number)
DEFINE_STRING_GETTER (initials)
DEFINE_STRING_GETTER (branch)
DEFINE_STRING_GETTER (sensitivity)
DEFINE_STRING_GETTER (flight_id)

guint
poe_case_row_get_n_persons (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0);

  return self->summary->progress.n_persons;
}

guint
poe_case_row_get_n_done (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0);

  return self->summary->progress.n_done;
}

guint
poe_case_row_get_n_required (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0);

  return self->summary->progress.n_required;
}

double
poe_case_row_get_progress (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0.0);

  if (self->summary->progress.n_required == 0)
    return 0.0;

  return (double) self->summary->progress.n_done / self->summary->progress.n_required;
}

PoeRiskLevel
poe_case_row_get_risk (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), POE_RISK_NONE);

  return self->summary->risk;
}


/*
 * Public API: PoeCaseListModel
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
  if (!load (self, error))
    return NULL;

  self->changed_handler = g_signal_connect_object (store, "changed",
                                                   G_CALLBACK (on_store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
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

  for (guint i = 0; i < self->rows->len; i++)
    {
      PoeCaseRow *row = g_ptr_array_index (self->rows, i);
      PoeRiskLevel old = row->summary->risk;

      compute_risk (self, row->summary);
      notify_if (row, old != row->summary->risk, ROW_PROP_RISK);
    }
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
  self->tokens = split_query (query);
  refilter (self);
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
  refilter (self);
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
  refilter (self);
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
  refilter (self);
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
