/* poe-case-list-model-update.c
 *
 * How a family list gets its families and keeps up with the store: it holds the flights of
 * its scope in the store's PoeCaseIndex, shows their families, and follows the index's
 * signals, not the store: a family's new summary updates its row in place, a flight that
 * comes into the scope or leaves it brings or takes its families, and a flight's or the
 * POE's change gives the rows their risks again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-list-model"

#include "config.h"

#include "poe-case-list-model-private.h"
#include "poe-store-board.h"


/*
 * Auxiliary methods
 */

static PoeRiskLevel
compute_risk (PoeCaseListModel *self,
              PoeCaseSummary   *summary)
{
  PoeFlightSummary *flight = summary->flight_id ? g_hash_table_lookup (self->flights, summary->flight_id) : NULL;
  g_autoptr(GDateTime) now = self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  PoeRiskInput input;
  PoeRiskLevel risk;

  poe_risk_input_init_for_flight (&input, flight, now);
  risk = poe_case_summary_compute_risk (summary, &input, poe_case_index_get_buffers (self->index));
  poe_risk_input_clear_flight (&input);
  return risk;
}

static void
hide_row (PoeCaseListModel *self,
          PoeCaseRow       *row)
{
  guint position;

  if (!g_ptr_array_find (self->visible, row, &position))
    return;

  g_ptr_array_remove_index (self->visible, position);
  _poe_case_list_emit_items_changed (self, position, 1, 0);
}

static void
update_visibility (PoeCaseListModel *self,
                   PoeCaseRow       *row)
{
  gboolean matches = _poe_case_list_row_matches (self, row);
  guint old_position, new_position;
  gboolean shown = g_ptr_array_find (self->visible, row, &old_position);

  if (shown)
    g_ptr_array_remove_index (self->visible, old_position);

  new_position = _poe_case_list_sorted_position (self->visible, row);
  if (shown && matches && new_position == old_position)
    {
      g_ptr_array_insert (self->visible, old_position, row);
      return;
    }

  if (shown)
    _poe_case_list_emit_items_changed (self, old_position, 1, 0);
  if (matches)
    {
      g_ptr_array_insert (self->visible, new_position, row);
      _poe_case_list_emit_items_changed (self, new_position, 0, 1);
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

/* The family's summary now: updates its row, adds it, or drops it when out of scope. */
static void
apply_summary (PoeCaseListModel *self,
               PoeCaseSummary   *summary)
{
  PoeCaseRow *row = g_hash_table_lookup (self->cases, summary->id);

  if (!in_scope (self, summary))
    {
      if (row != NULL)
        remove_row (self, row);
      return;
    }

  if (row == NULL)
    row = _poe_case_row_new (summary, compute_risk (self, summary));
  else
    {
      /* Out of the sorted rows and back in at its place; the array owns a reference. */
      g_hash_table_steal (self->cases, row->summary->id);
      g_ptr_array_remove (self->rows, g_object_ref (row));
      _poe_case_row_set_summary (row, summary, compute_risk (self, summary));
    }

  g_ptr_array_insert (self->rows, _poe_case_list_sorted_position (self->rows, row), row);
  g_hash_table_insert (self->cases, (gpointer) row->summary->id, row);
  update_visibility (self, row);
}

/* Holds @flight_ids in the index and shows their families. */
static gboolean
add_flights (PoeCaseListModel    *self,
             const char * const  *flight_ids,
             GError             **error)
{
  if (!poe_case_index_hold_flights (self->index, flight_ids, error))
    return FALSE;

  for (guint i = 0; flight_ids[i] != NULL; i++)
    {
      GPtrArray *families = poe_case_index_get_families (self->index, flight_ids[i]);

      for (guint j = 0; j < families->len; j++)
        apply_summary (self, g_ptr_array_index (families, j));
    }

  return TRUE;
}

/* A flight that left the scope: its families go, and the index may forget them. */
static void
drop_flight (PoeCaseListModel *self,
             const char       *flight_id)
{
  g_autofree char *id = g_strdup (flight_id);

  g_hash_table_remove (self->flights, id);
  poe_case_index_release_flight (self->index, id);
  for (guint i = self->rows->len; i > 0; i--)
    {
      PoeCaseRow *row = g_ptr_array_index (self->rows, i - 1);

      if (g_strcmp0 (row->summary->flight_id, id) == 0)
        remove_row (self, row);
    }
}

/* A flight of the scope changed: the risks of its families may have. */
static void
update_flight (PoeCaseListModel *self,
               PoeRecord        *flight)
{
  GPtrArray *families = poe_case_index_get_families (self->index, poe_record_get_id (flight));
  PoeFlightSummary *info = poe_flight_summary_new_from_record (flight);

  g_hash_table_replace (self->flights, info->id, info);
  for (guint i = 0; families != NULL && i < families->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (families, i);
      PoeCaseRow *row = g_hash_table_lookup (self->cases, summary->id);

      if (row != NULL)
        _poe_case_row_set_risk (row, compute_risk (self, summary));
    }
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


/*
 * Callbacks
 */

void
_poe_case_list_families_changed_cb (PoeCaseListModel    *self,
                                    const PoeCaseChange *changes,
                                    guint                n_changes,
                                    PoeCaseIndex        *index)
{
  g_assert (POE_IS_CASE_LIST_MODEL (self));

  for (guint i = 0; i < n_changes; i++)
    {
      PoeCaseRow *row = g_hash_table_lookup (self->cases, changes[i].id);

      if (changes[i].after != NULL)
        apply_summary (self, changes[i].after);
      else if (row != NULL)
        remove_row (self, row);
    }
}

/* Flights that left the scope take their families with them; those that came in bring
 * theirs; the others' families get their risks again. */
void
_poe_case_list_flights_changed_cb (PoeCaseListModel   *self,
                                   const char * const *ids,
                                   GHashTable         *records,
                                   PoeCaseIndex       *index)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) added = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_CASE_LIST_MODEL (self));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      PoeRecord *flight = g_hash_table_lookup (records, ids[i]);
      gboolean was_in = g_hash_table_contains (self->flights, ids[i]);
      gboolean is_in = flight != NULL && flight_in_scope (self, flight);

      if (was_in && !is_in)
        drop_flight (self, ids[i]);
      else if (is_in)
        {
          update_flight (self, flight);
          if (!was_in)
            g_strv_builder_add (builder, ids[i]);
        }
    }

  added = g_strv_builder_end (builder);
  if (added[0] != NULL && !add_flights (self, (const char * const *) added, &error))
    {
      for (guint i = 0; added[i] != NULL; i++)
        g_hash_table_remove (self->flights, added[i]);
      _poe_case_list_take_error (self, g_steal_pointer (&error));
    }
}

void
_poe_case_list_buffers_changed_cb (PoeCaseListModel *self,
                                   PoeCaseIndex     *index)
{
  g_assert (POE_IS_CASE_LIST_MODEL (self));

  _poe_case_list_recompute_risks (self);
}

/* The index could not read a change: the rows may no longer match the store. */
void
_poe_case_list_read_failed_cb (PoeCaseListModel *self,
                               const GError     *error,
                               PoeCaseIndex     *index)
{
  g_assert (POE_IS_CASE_LIST_MODEL (self));

  _poe_case_list_take_error (self, g_error_copy (error));
}


/*
 * Private API
 */

/* The flights of the scope, their families held in the index; the rows sorted once. */
gboolean
_poe_case_list_load (PoeCaseListModel  *self,
                     GError           **error)
{
  g_autoptr(GPtrArray) flights = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) flight_ids = NULL;

  if (self->flight_id != NULL)
    {
      const char *ids[] = { self->flight_id, NULL };

      flights = poe_store_list_records_by_ids (self->store, "flight", ids, error);
    }
  else
    flights = poe_store_list_flights_between (self->store, self->from, self->to, error);
  if (flights == NULL)
    return FALSE;

  for (guint i = 0; i < flights->len; i++)
    g_strv_builder_add (builder, poe_record_get_id (g_ptr_array_index (flights, i)));
  flight_ids = g_strv_builder_end (builder);
  if (!poe_case_index_hold_flights (self->index, (const char * const *) flight_ids, error))
    return FALSE;

  for (guint i = 0; i < flights->len; i++)
    {
      PoeFlightSummary *info = poe_flight_summary_new_from_record (g_ptr_array_index (flights, i));

      g_hash_table_insert (self->flights, info->id, info);
    }

  for (guint i = 0; flight_ids[i] != NULL; i++)
    {
      GPtrArray *families = poe_case_index_get_families (self->index, flight_ids[i]);

      for (guint j = 0; j < families->len; j++)
        {
          PoeCaseSummary *summary = g_ptr_array_index (families, j);
          PoeCaseRow *row = _poe_case_row_new (summary, compute_risk (self, summary));

          g_ptr_array_add (self->rows, row);
          g_hash_table_insert (self->cases, (gpointer) summary->id, row);
        }
    }
  g_ptr_array_sort (self->rows, _poe_case_list_compare_row_pointers);
  _poe_case_list_refilter (self);
  return TRUE;
}

void
_poe_case_list_recompute_risks (PoeCaseListModel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      PoeCaseRow *row = g_ptr_array_index (self->rows, i);

      _poe_case_row_set_risk (row, compute_risk (self, row->summary));
    }
}
