/* poe-board-row.c
 *
 * PoeBoardRow, a flight of the board: its summary, the summaries of its families (the case
 * index's array for the flight, once read), the counts and risk summed from them, which it
 * notifies when they change, its lower-cased search key and its place in the board's order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-model"

#include "config.h"

#include <string.h>

#include "poe-board-model-private.h"

G_DEFINE_FINAL_TYPE (PoeBoardRow, poe_board_row, G_TYPE_OBJECT)

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

static GParamSpec *row_properties [ROW_N_PROPS];

/* The unsigned counts, by property: their names, blurbs and places in BoardCounts. */
static const struct {
  guint       prop;
  const char *name;
  const char *blurb;
  gsize       offset;
} count_fields[] = {
  { ROW_PROP_N_FAMILIES, "n-families", "Families expected, no-shows out", G_STRUCT_OFFSET (BoardCounts, n_families) },
  { ROW_PROP_N_PERSONS, "n-persons", "Persons expected, no-shows out", G_STRUCT_OFFSET (BoardCounts, n_persons) },
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

/* Worst first: missed, red, amber, unknown (a time is missing), green, no connection. */
static guint
risk_rank (PoeRiskLevel level)
{
  switch (level)
    {
    case POE_RISK_MISSED:
      return 5;
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
  const PoeRiskBuffers *buffers = poe_case_index_get_buffers (self->index);
  PoeRiskInput input;

  poe_risk_input_init_for_flight (&input, row->info, now);
  for (guint i = 0; row->cases != NULL && i < row->cases->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (row->cases, i);
      PoeRiskLevel risk = poe_case_summary_compute_risk (summary, &input, buffers);

      /* Members recorded as not on the flight are not expected any more; nor is a family
       * none of whom came. */
      counts->n_families += summary->progress.n_no_show < summary->progress.n_persons ||
                            summary->progress.n_persons == 0;
      counts->n_persons += summary->progress.n_persons - MIN (summary->progress.n_no_show, summary->progress.n_persons);
      counts->n_met += summary->progress.met;
      counts->n_cbp_cleared += summary->progress.n_persons_cleared;
      counts->n_onward_done += summary->progress.onward_done;
      counts->n_wheelchair += summary->n_wheelchair;
      counts->n_medical += summary->n_medical;
      counts->n_urm += g_strcmp0 (summary->sensitivity, "urm") == 0;
      add_languages (languages, (const char * const *) summary->languages);
      if (risk_rank (risk) > risk_rank (counts->risk))
        counts->risk = risk;
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


/*
 * GObject overrides
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
  g_clear_pointer (&self->cases, g_ptr_array_unref);
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
                       POE_RISK_NONE, POE_RISK_MISSED, POE_RISK_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
poe_board_row_init (PoeBoardRow *self)
{
}


/*
 * Private API
 */

/* Times are canonical UTC, so as text they sort in time order. */
const char *
_poe_board_arrival_key (PoeFlightSummary *info)
{
  return info->estimated_arrival ? info->estimated_arrival : info->scheduled_arrival;
}

int
_poe_board_compare_row_pointers (gconstpointer a,
                                 gconstpointer b)
{
  return compare_rows (*(PoeBoardRow **) a, *(PoeBoardRow **) b);
}

/* Where @row goes in the sorted @array (which does not hold it). */
guint
_poe_board_sorted_position (GPtrArray   *array,
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

void
_poe_board_build_keys (PoeBoardRow *row)
{
  guint n_cases = row->cases != NULL ? row->cases->len : 0;
  g_autoptr(GString) key = g_string_sized_new (64 + 18 * n_cases);
  const char *carrier = row->info->carrier ? row->info->carrier : "";
  const char *number = row->info->number ? row->info->number : "";
  const char *origin = row->info->origin;

  /* "QR701", "QR 701" and "701" all find the flight. */
  g_string_append (key, carrier);
  append_words (key, (const char * const []) { number, carrier, number, origin ? origin : "", NULL });
  for (guint i = 0; i < n_cases; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (row->cases, i);

      if (summary->case_number != NULL)
        append_words (key, (const char * const []) { summary->case_number, NULL });
    }

  g_free (row->key);
  row->key = g_utf8_strdown (key->str, key->len);
}

void
_poe_board_recompute_row (PoeBoardModel *self,
                          PoeBoardRow   *row)
{
  BoardCounts counts = { 0 };

  sum_cases (self, row, &counts);
  _poe_board_build_keys (row);
  set_counts (row, &counts);
}

/* Takes @info. */
PoeBoardRow *
_poe_board_row_new (PoeStore         *store,
                    PoeFlightSummary *info)
{
  PoeBoardRow *row = g_object_new (POE_TYPE_BOARD_ROW, NULL);

  row->store = g_object_ref (store);
  row->flight_id = g_ref_string_new_intern (info->id);
  row->info = info;
  row->arrival = _poe_board_arrival_key (info);
  row->counts.languages = g_new0 (char *, 1);
  return row;
}

/* "flight" changed: the row took a new record and summary (move_row(),
 * poe-board-model-update.c). */
void
_poe_board_row_notify_flight (PoeBoardRow *row)
{
  g_object_notify_by_pspec (G_OBJECT (row), row_properties[ROW_PROP_FLIGHT]);
}


/*
 * Public API
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
