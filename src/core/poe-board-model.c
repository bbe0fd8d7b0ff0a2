/* poe-board-model.c
 *
 * Every flight of the window stays in memory as a PoeBoardRow with its families' summaries
 * and a lower-cased search key, so a keystroke in the filter is a scan of strings, not a
 * query. PoeStore::changed updates only the rows a change touches; a row keeps its identity
 * and notifies its properties, and items-changed names only the positions that moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-model"

#include "config.h"

#include <string.h>

#include "poe-board-model.h"
#include "poe-store-board.h"

typedef struct
{
  guint         n_families;
  guint         n_persons;
  guint         n_met;
  guint         n_cbp_cleared;
  guint         n_onward_done;
  guint         n_wheelchair;
  guint         n_medical;
  guint         n_urm;
  char        **languages;
  PoeRiskLevel  risk;
} BoardCounts;

struct _PoeBoardRow
{
  GObject      parent_instance;

  PoeStore         *store;
  char             *flight_id;  /* interned GRefString, shared with its families' summaries */
  PoeFlightSummary *info;      /* what the row sorts, searches and computes by */
  PoeRecord        *flight;    /* the whole record, read when first asked for */
  const char       *arrival;   /* sort key: estimated, else scheduled arrival */
  char             *key;       /* flight number, origin, case numbers: lower case */
  GPtrArray        *cases;      /* PoeCaseSummary, owned by the model */
  BoardCounts  counts;
  gboolean     loaded;     /* its families are read */
};

struct _PoeBoardModel
{
  GObject               parent_instance;

  PoeStore             *store;
  PoeChecklistTemplate *checklist;
  PoeRiskBuffers        buffers;
  GDateTime            *from;
  GDateTime            *to;
  char                 *from_text;  /* the window as canonical times, to compare as text */
  char                 *to_text;
  GDateTime            *now;

  GPtrArray            *rows;      /* PoeBoardRow of the window, sorted */
  GPtrArray            *visible;   /* the rows the filter lets through, sorted */
  GHashTable           *flights;   /* flight id → PoeBoardRow */
  GHashTable           *cases;     /* set of PoeCaseSummary (owned), by id: lookup_case() */

  char                 *query;
  char                **tokens;
  char                **statuses;
  gboolean              reveal_names;
  guint                 page_size;
  GSource              *load_source;  /* reading the other rows' families */
  gulong                changed_handler;
};

/* Families read per idle callback while the board fills in: a few milliseconds of work
 * (about 6 ms for 50 flights of the scale data), so a redraw never waits long for one. */
#define LOAD_CHUNK 50
#define DEFAULT_PAGE_SIZE 40

static void     poe_board_model_list_model_init (GListModelInterface *iface);
static gboolean load_chunk_cb                   (gpointer             user_data);

G_DEFINE_FINAL_TYPE (PoeBoardRow, poe_board_row, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (PoeBoardModel, poe_board_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      poe_board_model_list_model_init))

enum {
  ROW_PROP_0,
  ROW_PROP_FLIGHT,
  ROW_PROP_N_FAMILIES,
  ROW_PROP_N_PERSONS,
  ROW_PROP_N_MET,
  ROW_PROP_N_CBP_CLEARED,
  ROW_PROP_N_ONWARD_DONE,
  ROW_PROP_N_WHEELCHAIR,
  ROW_PROP_N_MEDICAL,
  ROW_PROP_N_URM,
  ROW_PROP_INTERPRETER_LANGUAGES,
  ROW_PROP_RISK,
  ROW_N_PROPS
};

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
  N_PROPS
};

static GParamSpec *row_properties [ROW_N_PROPS];
static GParamSpec *properties [N_PROPS];

/* The unsigned counts, by property: their names, blurbs and places in BoardCounts. */
static const struct {
  guint       prop;
  const char *name;
  const char *blurb;
  gsize       offset;
} count_fields[] = {
  { ROW_PROP_N_FAMILIES, "n-families", "Families expected", G_STRUCT_OFFSET (BoardCounts, n_families) },
  { ROW_PROP_N_PERSONS, "n-persons", "Persons expected", G_STRUCT_OFFSET (BoardCounts, n_persons) },
  { ROW_PROP_N_MET, "n-met", "Families met", G_STRUCT_OFFSET (BoardCounts, n_met) },
  { ROW_PROP_N_CBP_CLEARED, "n-cbp-cleared", "Persons cleared by CBP", G_STRUCT_OFFSET (BoardCounts, n_cbp_cleared) },
  { ROW_PROP_N_ONWARD_DONE, "n-onward-done", "Families through onward", G_STRUCT_OFFSET (BoardCounts, n_onward_done) },
  { ROW_PROP_N_WHEELCHAIR, "n-wheelchair", "Persons needing a wheelchair", G_STRUCT_OFFSET (BoardCounts, n_wheelchair) },
  { ROW_PROP_N_MEDICAL, "n-medical", "Persons travelling as medical cases", G_STRUCT_OFFSET (BoardCounts, n_medical) },
  { ROW_PROP_N_URM, "n-urm", "Unaccompanied minors", G_STRUCT_OFFSET (BoardCounts, n_urm) },
};

#define COUNT_AT(counts, i) (*(guint *) ((char *) (counts) + count_fields[i].offset))


/*
 * Auxiliary methods
 */

/* Worst first: red, amber, unknown (a time is missing), green, no connection. */
static guint
risk_rank (PoeRiskLevel level)
{
  switch (level)
    {
    case POE_RISK_RED:
      return 4;
    case POE_RISK_AMBER:
      return 3;
    case POE_RISK_UNKNOWN:
      return 2;
    case POE_RISK_GREEN:
      return 1;
    case POE_RISK_NONE:
    default:
      return 0;
    }
}

/* Times are canonical UTC, so as text they sort in time order. */
static const char *
arrival_key (PoeFlightSummary *info)
{
  return info->estimated_arrival ? info->estimated_arrival : info->scheduled_arrival;
}

static int
compare_rows (PoeBoardRow *a,
              PoeBoardRow *b)
{
  int cmp;

  if ((cmp = g_strcmp0 (a->arrival, b->arrival)) != 0 ||
      (cmp = g_strcmp0 (a->info->carrier, b->info->carrier)) != 0 ||
      (cmp = g_strcmp0 (a->info->number, b->info->number)) != 0)
    return cmp;

  return strcmp (a->flight_id, b->flight_id);
}

static int
compare_row_pointers (gconstpointer a,
                      gconstpointer b)
{
  return compare_rows (*(PoeBoardRow **) a, *(PoeBoardRow **) b);
}

/* Where @row goes in the sorted @array (which does not hold it). */
static guint
sorted_position (GPtrArray   *array,
                 PoeBoardRow *row)
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

static gboolean
in_window (PoeBoardModel    *self,
           PoeFlightSummary *info)
{
  if (info->scheduled_arrival == NULL)
    return FALSE;

  return (self->from_text == NULL || strcmp (info->scheduled_arrival, self->from_text) >= 0) &&
         (self->to_text == NULL || strcmp (info->scheduled_arrival, self->to_text) < 0);
}

static GDateTime *
dup_now (PoeBoardModel *self)
{
  return self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
}

static void
add_languages (GPtrArray          *languages,
               const char * const *more)
{
  for (guint i = 0; more != NULL && more[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (languages, more[i], g_str_equal, NULL))
      g_ptr_array_add (languages, (gpointer) more[i]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
sum_cases (PoeBoardModel *self,
           PoeBoardRow   *row,
           BoardCounts   *counts)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  g_autoptr(GDateTime) now = dup_now (self);
  PoeRiskInput input;

  poe_risk_input_init_for_flight (&input, row->info, now);
  for (guint i = 0; i < row->cases->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (row->cases, i);

      poe_case_summary_compute_risk (summary, &input, &self->buffers);
      counts->n_families++;
      counts->n_persons += summary->progress.n_persons;
      counts->n_met += summary->progress.met;
      counts->n_cbp_cleared += summary->progress.n_persons_cleared;
      counts->n_onward_done += summary->progress.onward_done;
      counts->n_wheelchair += summary->n_wheelchair;
      counts->n_medical += summary->n_medical;
      counts->n_urm += g_strcmp0 (summary->sensitivity, "urm") == 0;
      add_languages (languages, (const char * const *) summary->languages);
      if (risk_rank (summary->risk) > risk_rank (counts->risk))
        counts->risk = summary->risk;
    }
  poe_risk_input_clear_flight (&input);

  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_add (languages, NULL);
  counts->languages = g_strdupv ((char **) languages->pdata);
}

static void
append_words (GString            *key,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_string_append (key, words[i]);
      g_string_append_c (key, ' ');
    }
}

static void
build_keys (PoeBoardRow *row)
{
  g_autoptr(GString) key = g_string_sized_new (64 + 18 * row->cases->len);
  const char *carrier = row->info->carrier ? row->info->carrier : "";
  const char *number = row->info->number ? row->info->number : "";
  const char *origin = row->info->origin;

  /* "QR701", "QR 701" and "701" all find the flight. */
  g_string_append (key, carrier);
  append_words (key, (const char * const []) { number, carrier, number, origin ? origin : "", NULL });
  for (guint i = 0; i < row->cases->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (row->cases, i);

      if (summary->case_number != NULL)
        append_words (key, (const char * const []) { summary->case_number, NULL });
    }

  g_free (row->key);
  row->key = g_utf8_strdown (key->str, key->len);
}

static gboolean
names_contain (PoeBoardRow *row,
               const char  *word)
{
  for (guint i = 0; i < row->cases->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (row->cases, i);

      if (summary->names != NULL && strstr (summary->names, word) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
set_counts (PoeBoardRow *row,
            BoardCounts *counts)
{
  g_object_freeze_notify (G_OBJECT (row));

  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    {
      if (COUNT_AT (&row->counts, i) == COUNT_AT (counts, i))
        continue;
      COUNT_AT (&row->counts, i) = COUNT_AT (counts, i);
      g_object_notify_by_pspec (G_OBJECT (row), row_properties[count_fields[i].prop]);
    }

  if (!g_strv_equal ((const char * const *) row->counts.languages, (const char * const *) counts->languages))
    {
      g_strfreev (row->counts.languages);
      row->counts.languages = g_steal_pointer (&counts->languages);
      g_object_notify_by_pspec (G_OBJECT (row), row_properties[ROW_PROP_INTERPRETER_LANGUAGES]);
    }
  g_clear_pointer (&counts->languages, g_strfreev);

  if (row->counts.risk != counts->risk)
    {
      row->counts.risk = counts->risk;
      g_object_notify_by_pspec (G_OBJECT (row), row_properties[ROW_PROP_RISK]);
    }

  g_object_thaw_notify (G_OBJECT (row));
}

static void
recompute_row (PoeBoardModel *self,
               PoeBoardRow   *row)
{
  BoardCounts counts = { 0 };

  sum_cases (self, row, &counts);
  build_keys (row);
  set_counts (row, &counts);
}

/* Takes @info. */
static PoeBoardRow *
row_new (PoeStore         *store,
         PoeFlightSummary *info)
{
  PoeBoardRow *row = g_object_new (POE_TYPE_BOARD_ROW, NULL);

  row->store = g_object_ref (store);
  row->flight_id = g_ref_string_new_intern (info->id);
  row->info = info;
  row->arrival = arrival_key (info);
  row->counts.languages = g_new0 (char *, 1);
  return row;
}

/* Lower-cased words of @query; NULL when it has none. */
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
row_matches (PoeBoardModel *self,
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

/* A set keyed by the summaries' ids keeps no separate array of values. */
static guint
summary_hash (gconstpointer summary)
{
  return g_str_hash (((const PoeCaseSummary *) summary)->id);
}

static gboolean
summary_equal (gconstpointer a,
               gconstpointer b)
{
  return g_str_equal (((const PoeCaseSummary *) a)->id, ((const PoeCaseSummary *) b)->id);
}

static PoeCaseSummary *
lookup_case (PoeBoardModel *self,
             const char    *case_id)
{
  PoeCaseSummary probe = { .id = case_id };

  return g_hash_table_lookup (self->cases, &probe);
}

static void
attach_case (PoeBoardModel  *self,
             PoeCaseSummary *summary)
{
  PoeBoardRow *row = summary->flight_id ? g_hash_table_lookup (self->flights, summary->flight_id) : NULL;

  if (row == NULL)
    {
      poe_case_summary_free (summary);
      return;
    }

  g_hash_table_add (self->cases, summary);
  g_ptr_array_add (row->cases, summary);
}

/* Forgets @summary and frees it; returns the row it was on. */
static PoeBoardRow *
detach_case (PoeBoardModel  *self,
             PoeCaseSummary *summary)
{
  PoeBoardRow *row = g_hash_table_lookup (self->flights, summary->flight_id);

  if (row != NULL)
    g_ptr_array_remove (row->cases, summary);
  g_hash_table_remove (self->cases, summary);
  return row;
}

static void
emit_items_changed (PoeBoardModel *self,
                    guint          position,
                    guint          removed,
                    guint          added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
hide_row (PoeBoardModel *self,
          PoeBoardRow   *row)
{
  guint position;

  if (!g_ptr_array_find (self->visible, row, &position))
    return;

  g_ptr_array_remove_index (self->visible, position);
  emit_items_changed (self, position, 1, 0);
}

static void
show_row (PoeBoardModel *self,
          PoeBoardRow   *row)
{
  guint position = sorted_position (self->visible, row);

  g_ptr_array_insert (self->visible, position, row);
  emit_items_changed (self, position, 0, 1);
}

/* After @row changed: shows, hides or moves it, naming only the positions involved. A row
 * that stays where it was emits nothing; its properties notify. */
static void
update_visibility (PoeBoardModel *self,
                   PoeBoardRow   *row)
{
  gboolean matches = row_matches (self, row);
  guint old_position, new_position;

  if (!g_ptr_array_find (self->visible, row, &old_position))
    {
      if (matches)
        show_row (self, row);
      return;
    }

  g_ptr_array_remove_index (self->visible, old_position);
  new_position = sorted_position (self->visible, row);
  if (matches && new_position == old_position)
    {
      g_ptr_array_insert (self->visible, old_position, row);
      return;
    }

  emit_items_changed (self, old_position, 1, 0);
  if (matches)
    show_row (self, row);
}

static void
remove_row (PoeBoardModel *self,
            PoeBoardRow   *row)
{
  hide_row (self, row);

  while (row->cases->len > 0)
    detach_case (self, g_ptr_array_index (row->cases, row->cases->len - 1));

  g_hash_table_remove (self->flights, row->flight_id);
  g_ptr_array_remove (self->rows, row);
}

/* The flight changed but stays in the window: takes its new values and sorted place. */
static void
move_row (PoeBoardModel *self,
          PoeBoardRow   *row,
          PoeRecord     *flight)
{
  g_autoptr(PoeFlightSummary) old = g_steal_pointer (&row->info);
  guint position;

  row->info = poe_flight_summary_new_from_record (flight);
  g_set_object (&row->flight, flight);
  if (g_strcmp0 (arrival_key (row->info), row->arrival) != 0 ||
      g_strcmp0 (row->info->carrier, old->carrier) != 0 ||
      g_strcmp0 (row->info->number, old->number) != 0)
    {
      /* Out and back in at its new place; the array owns a reference, so steal it. */
      if (g_ptr_array_find (self->rows, row, &position))
        g_ptr_array_steal_index (self->rows, position);
      row->arrival = arrival_key (row->info);
      g_ptr_array_insert (self->rows, sorted_position (self->rows, row), row);
    }
  row->arrival = arrival_key (row->info);

  g_object_notify_by_pspec (G_OBJECT (row), row_properties[ROW_PROP_FLIGHT]);
}

static PoeBoardRow *
add_row (PoeBoardModel *self,
         PoeRecord     *flight)
{
  PoeBoardRow *row = row_new (self->store, poe_flight_summary_new_from_record (flight));

  g_set_object (&row->flight, flight);
  g_hash_table_insert (self->flights, row->flight_id, row);
  g_ptr_array_insert (self->rows, sorted_position (self->rows, row), row);
  return row;
}


static void
collect_row (GPtrArray   *affected,
             PoeBoardRow *row)
{
  if (row != NULL && !g_ptr_array_find (affected, row, NULL))
    g_ptr_array_add (affected, row);
}

static void
refresh_rows (PoeBoardModel *self,
              GPtrArray     *affected)
{
  for (guint i = 0; i < affected->len; i++)
    {
      recompute_row (self, g_ptr_array_index (affected, i));
      update_visibility (self, g_ptr_array_index (affected, i));
    }
}

static void
update_cases (PoeBoardModel      *self,
              const char * const *case_ids)
{
  g_autoptr(GPtrArray) affected = g_ptr_array_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = poe_store_list_case_summaries_for_cases (self->store, self->checklist, case_ids, &error);
  if (summaries == NULL)
    {
      g_warning ("Could not update the board: %s", error->message);
      return;
    }

  for (guint i = 0; case_ids[i] != NULL; i++)
    {
      PoeCaseSummary *old = lookup_case (self, case_ids[i]);

      if (old != NULL)
        collect_row (affected, detach_case (self, old));
    }

  /* The summaries move into the model; those of flights outside the window are freed. */
  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (summaries, i);

      collect_row (affected, summary->flight_id ? g_hash_table_lookup (self->flights, summary->flight_id) : NULL);
      attach_case (self, summary);
    }

  refresh_rows (self, affected);
}

static gboolean
attach_cases_of_flights (PoeBoardModel       *self,
                         const char * const  *flight_ids,
                         GError             **error)
{
  g_autoptr(GPtrArray) summaries = NULL;

  summaries = poe_store_list_case_summaries_for_flights (self->store, self->checklist, flight_ids, error);
  if (summaries == NULL)
    return FALSE;

  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (summaries, i);
      PoeCaseSummary *old = lookup_case (self, summary->id);

      if (old != NULL)
        detach_case (self, old);
      attach_case (self, summary);
    }

  for (guint i = 0; flight_ids[i] != NULL; i++)
    {
      PoeBoardRow *row = g_hash_table_lookup (self->flights, flight_ids[i]);

      if (row != NULL)
        row->loaded = TRUE;
    }

  return TRUE;
}

/* Reads the families of those of @rows not read yet and shows their counts. */
static gboolean
load_rows (PoeBoardModel  *self,
           GPtrArray      *rows,
           GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) loading = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      PoeBoardRow *row = g_ptr_array_index (rows, i);

      if (row->loaded)
        continue;
      g_strv_builder_add (builder, row->flight_id);
      g_ptr_array_add (loading, g_object_ref (row));
    }

  ids = g_strv_builder_end (builder);
  if (ids[0] == NULL)
    return TRUE;

  if (!attach_cases_of_flights (self, (const char * const *) ids, error))
    return FALSE;

  refresh_rows (self, loading);
  return TRUE;
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

static void
update_flights (PoeBoardModel      *self,
                const char * const *ids)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) affected = g_ptr_array_new ();
  g_autoptr(GHashTable) fetched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) added = g_strv_builder_new ();
  g_auto(GStrv) added_ids = NULL;
  g_autoptr(GError) error = NULL;

  if (!(records = poe_store_list_records_by_ids (self->store, "flight", ids, &error)))
    {
      g_warning ("Could not update the board: %s", error->message);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    g_hash_table_insert (fetched, (gpointer) poe_record_get_id (g_ptr_array_index (records, i)),
                         g_ptr_array_index (records, i));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      PoeBoardRow *row = g_hash_table_lookup (self->flights, ids[i]);
      PoeRecord *flight = g_hash_table_lookup (fetched, ids[i]);
      g_autoptr(PoeFlightSummary) info = flight ? poe_flight_summary_new_from_record (flight) : NULL;
      gboolean inside = info != NULL && in_window (self, info);

      if (row != NULL && !inside)
        {
          g_ptr_array_remove (affected, row);
          remove_row (self, row);
        }
      else if (row != NULL && row->flight != flight)
        {
          move_row (self, row, flight);
          collect_row (affected, row);
        }
      else if (row == NULL && inside)
        {
          collect_row (affected, add_row (self, flight));
          g_strv_builder_add (added, ids[i]);
        }
    }

  /* Families may arrive before their flight: a new row picks up those already stored. */
  added_ids = g_strv_builder_end (added);
  if (added_ids[0] != NULL && !attach_cases_of_flights (self, (const char * const *) added_ids, &error))
    g_warning ("Could not update the board: %s", error->message);

  refresh_rows (self, affected);
}

static void
update_members (PoeBoardModel      *self,
                const char         *entity,
                const char * const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hashes = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) current = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!(current = poe_store_dup_case_ids_of (self->store, entity, ids, &error)))
    {
      g_warning ("Could not update the board: %s", error->message);
      return;
    }

  /* The family a member belongs to now, and the one it belonged to before: a member or a
   * segment can move to another family. Checklist events never move. */
  for (guint i = 0; current[i] != NULL; i++)
    if (g_hash_table_add (seen, current[i]))
      g_strv_builder_add (builder, current[i]);
  for (guint i = 0; ids[i] != NULL && !g_str_equal (entity, "checklist_event"); i++)
    g_hash_table_add (hashes, GUINT_TO_POINTER (g_str_hash (ids[i])));

  g_hash_table_iter_init (&iter, self->cases);
  while (g_hash_table_size (hashes) > 0 && g_hash_table_iter_next (&iter, &value, NULL))
    {
      PoeCaseSummary *old = value;

      if (poe_case_summary_has_member (old, hashes) && g_hash_table_add (seen, (gpointer) old->id))
        g_strv_builder_add (builder, old->id);
    }

  case_ids = g_strv_builder_end (builder);
  if (case_ids[0] != NULL)
    update_cases (self, (const char * const *) case_ids);
}

/* A row without families has nothing to recompute: its counts are zero and its key holds
 * no case number (refresh_rows() recomputed it when its last family left). */
static void
recompute_all (PoeBoardModel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      PoeBoardRow *row = g_ptr_array_index (self->rows, i);

      if (row->cases->len > 0)
        recompute_row (self, row);
    }
}

/* Re-filters every row and names the one span that differs. */
static void
refilter (PoeBoardModel *self)
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

/* The flights now; their families fill in from the idle loop, the first page at once. */
static gboolean
load (PoeBoardModel  *self,
      GError        **error)
{
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GPtrArray) first_page = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!poe_store_load_risk_buffers (self->store, &self->buffers, &local_error))
    g_debug ("Default connection buffers: %s", local_error->message);

  if (!(flights = poe_store_list_flight_summaries_between (self->store, self->from, self->to, error)))
    return FALSE;

  /* The rows take the summaries. */
  g_ptr_array_set_free_func (flights, NULL);
  for (guint i = 0; i < flights->len; i++)
    {
      PoeBoardRow *row = row_new (self->store, g_ptr_array_index (flights, i));

      g_hash_table_insert (self->flights, row->flight_id, row);
      g_ptr_array_add (self->rows, row);
      build_keys (row);
    }
  g_ptr_array_sort (self->rows, compare_row_pointers);
  refilter (self);

  first_page = g_ptr_array_new ();
  for (guint i = 0; i < MIN (self->page_size, self->visible->len); i++)
    g_ptr_array_add (first_page, g_ptr_array_index (self->visible, i));
  if (!load_rows (self, first_page, error))
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
    if (!((PoeBoardRow *) g_ptr_array_index (self->rows, i))->loaded)
      g_ptr_array_add (chunk, g_ptr_array_index (self->rows, i));

  if (chunk->len > 0 && load_rows (self, chunk, &error))
    return G_SOURCE_CONTINUE;

  if (error != NULL)
    g_warning ("Could not read the families of the board: %s", error->message);

  g_clear_pointer (&self->load_source, g_source_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (PoeBoardModel      *self,
                     const char         *entity,
                     const char * const *ids,
                     PoeStore           *store)
{
  g_assert (POE_IS_BOARD_MODEL (self));

  if (ids == NULL || ids[0] == NULL)
    return;

  if (g_str_equal (entity, "flight"))
    update_flights (self, ids);
  else if (g_str_equal (entity, "case"))
    update_cases (self, ids);
  else if (g_str_equal (entity, "person") || g_str_equal (entity, "segment") ||
           g_str_equal (entity, "checklist_event"))
    update_members (self, entity, ids);
  else if (g_str_equal (entity, "poe"))
    {
      poe_store_load_risk_buffers (self->store, &self->buffers, NULL);
      recompute_all (self);
    }
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
 * GObject overrides: PoeBoardRow
 */

static void
poe_board_row_finalize (GObject *object)
{
  PoeBoardRow *self = POE_BOARD_ROW (object);

  g_clear_object (&self->flight);
  g_clear_object (&self->store);
  g_clear_pointer (&self->info, poe_flight_summary_free);
  g_ref_string_release (self->flight_id);
  g_free (self->key);
  g_ptr_array_unref (self->cases);
  g_strfreev (self->counts.languages);

  G_OBJECT_CLASS (poe_board_row_parent_class)->finalize (object);
}

static void
poe_board_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PoeBoardRow *self = POE_BOARD_ROW (object);

  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    {
      if (count_fields[i].prop == prop_id)
        {
          g_value_set_uint (value, COUNT_AT (&self->counts, i));
          return;
        }
    }

  switch (prop_id)
    {
    case ROW_PROP_FLIGHT:
      g_value_set_object (value, poe_board_row_get_flight (self));
      break;

    case ROW_PROP_INTERPRETER_LANGUAGES:
      g_value_set_boxed (value, self->counts.languages);
      break;

    case ROW_PROP_RISK:
      g_value_set_uint (value, self->counts.risk);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_board_row_class_init (PoeBoardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_board_row_finalize;
  object_class->get_property = poe_board_row_get_property;

  row_properties[ROW_PROP_FLIGHT] =
    g_param_spec_object ("flight", "Flight", "The flight record",
                         POE_TYPE_RECORD,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    row_properties[count_fields[i].prop] =
      g_param_spec_uint (count_fields[i].name, NULL, count_fields[i].blurb,
                         0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  row_properties[ROW_PROP_INTERPRETER_LANGUAGES] =
    g_param_spec_boxed ("interpreter-languages", "Interpreter languages",
                        "Languages of members who need an interpreter",
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A PoeRiskLevel: poe-risk.h registers no enum type. */
  row_properties[ROW_PROP_RISK] =
    g_param_spec_uint ("risk", "Risk", "The worst connection risk of the flight's families",
                       POE_RISK_NONE, POE_RISK_RED, POE_RISK_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
poe_board_row_init (PoeBoardRow *self)
{
  self->cases = g_ptr_array_new ();
}


/*
 * GObject overrides: PoeBoardModel
 */

static void
poe_board_model_dispose (GObject *object)
{
  PoeBoardModel *self = POE_BOARD_MODEL (object);

  if (self->load_source != NULL)
    g_source_destroy (self->load_source);
  g_clear_pointer (&self->load_source, g_source_unref);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (poe_board_model_parent_class)->dispose (object);
}

static void
poe_board_model_finalize (GObject *object)
{
  PoeBoardModel *self = POE_BOARD_MODEL (object);

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->flights, g_hash_table_unref);
  g_clear_pointer (&self->cases, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checklist, poe_checklist_template_unref);
  g_clear_pointer (&self->from, g_date_time_unref);
  g_clear_pointer (&self->to, g_date_time_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->from_text);
  g_free (self->to_text);
  g_free (self->query);
  g_strfreev (self->tokens);
  g_strfreev (self->statuses);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_board_model_init (PoeBoardModel *self)
{
  self->checklist = poe_checklist_template_new_default ();
  poe_risk_buffers_init_default (&self->buffers);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new ();
  self->flights = g_hash_table_new (g_str_hash, g_str_equal);
  self->cases = g_hash_table_new_full (summary_hash, summary_equal,
                                       (GDestroyNotify) poe_case_summary_free, NULL);
}


/*
 * Public API: PoeBoardRow
 */

/**
 * poe_board_row_get_flight:
 *
 * Returns: (nullable) (transfer none): the flight record, read from the store when first
 *   asked for (the board itself works from a summary); %NULL only when the store no
 *   longer has the flight
 */
PoeRecord *
poe_board_row_get_flight (PoeBoardRow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (POE_IS_BOARD_ROW (self), NULL);

  if (self->flight == NULL &&
      !(self->flight = poe_store_get (self->store, "flight", self->flight_id, &error)))
    g_debug ("A board row's flight is gone: %s", error->message);

  return self->flight;
}

/**
 * poe_board_row_get_summary:
 *
 * Returns: (transfer none): what the board shows of the flight, without reading its record;
 *   replaced (and "flight" notified) when the flight changes
 */
const PoeFlightSummary *
poe_board_row_get_summary (PoeBoardRow *self)
{
  g_return_val_if_fail (POE_IS_BOARD_ROW (self), NULL);

  return self->info;
}

const char *
poe_board_row_get_flight_id (PoeBoardRow *self)
{
  g_return_val_if_fail (POE_IS_BOARD_ROW (self), NULL);

  return self->flight_id;
}

#define DEFINE_COUNT_GETTER(field) \
  guint \
  poe_board_row_get_##field (PoeBoardRow *self) \
  { \
    g_return_val_if_fail (POE_IS_BOARD_ROW (self), 0); \
    return self->counts.field; \
  }

DEFINE_COUNT_GETTER (n_families)
DEFINE_COUNT_GETTER (n_persons)
DEFINE_COUNT_GETTER (n_met)
DEFINE_COUNT_GETTER (n_cbp_cleared)
DEFINE_COUNT_GETTER (n_onward_done)
DEFINE_COUNT_GETTER (n_wheelchair)
DEFINE_COUNT_GETTER (n_medical)
DEFINE_COUNT_GETTER (n_urm)

/**
 * poe_board_row_get_interpreter_languages:
 *
 * Returns: (transfer none): the languages, sorted; empty when none is needed
 */
const char * const *
poe_board_row_get_interpreter_languages (PoeBoardRow *self)
{
  g_return_val_if_fail (POE_IS_BOARD_ROW (self), NULL);

  return (const char * const *) self->counts.languages;
}

PoeRiskLevel
poe_board_row_get_risk (PoeBoardRow *self)
{
  g_return_val_if_fail (POE_IS_BOARD_ROW (self), POE_RISK_NONE);

  return self->counts.risk;
}


/*
 * Public API: PoeBoardModel
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
 * rows at once). Follows @store's changes from then on.
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
  if (!load (self, error))
    return NULL;

  self->changed_handler = g_signal_connect_object (store, "changed",
                                                   G_CALLBACK (on_store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
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
      if (!load_rows (self, chunk, error))
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

  recompute_all (self);
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
  self->tokens = split_query (query);

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
