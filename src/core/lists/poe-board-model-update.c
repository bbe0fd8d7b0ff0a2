/* poe-board-model-update.c
 *
 * How the board's rows get their families and keep up with the store. A row's families are
 * those the case index (poe-case-index.c) holds for its flight, read in chunks when the row
 * is first loaded; the board follows the index's signals, not the store: on a change only
 * the rows it touches are recomputed, a row keeps its identity and items-changed names only
 * the positions that moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-model"

#include "config.h"

#include <string.h>

#include "poe-board-model-private.h"


/*
 * Auxiliary methods
 */

static gboolean
in_window (PoeBoardModel    *self,
           PoeFlightSummary *info)
{
  if (info->scheduled_arrival == NULL)
    return FALSE;

  return (self->from_text == NULL || strcmp (info->scheduled_arrival, self->from_text) >= 0) &&
         (self->to_text == NULL || strcmp (info->scheduled_arrival, self->to_text) < 0);
}

/* Where @row is shown: at its sorted place, unless its sort key changed since (move_row()). */
static gboolean
find_visible (PoeBoardModel *self,
              PoeBoardRow   *row,
              guint         *position)
{
  guint at = _poe_board_sorted_position (self->visible, row);

  if (at < self->visible->len && g_ptr_array_index (self->visible, at) == row)
    {
      *position = at;
      return TRUE;
    }

  return g_ptr_array_find (self->visible, row, position);
}

/* Whether @row, shown at @position, is still between its neighbours. */
static gboolean
in_order_at (GPtrArray   *array,
             guint        position,
             PoeBoardRow *row)
{
  return (position == 0 ||
          _poe_board_compare_row_pointers (&g_ptr_array_index (array, position - 1), &row) < 0) &&
         (position + 1 >= array->len ||
          _poe_board_compare_row_pointers (&row, &g_ptr_array_index (array, position + 1)) < 0);
}

static void
hide_row (PoeBoardModel *self,
          PoeBoardRow   *row)
{
  guint position;

  if (!find_visible (self, row, &position))
    return;

  g_ptr_array_remove_index (self->visible, position);
  _poe_board_emit_items_changed (self, position, 1, 0);
}

static void
show_row (PoeBoardModel *self,
          PoeBoardRow   *row)
{
  guint position = _poe_board_sorted_position (self->visible, row);

  g_ptr_array_insert (self->visible, position, row);
  _poe_board_emit_items_changed (self, position, 0, 1);
}

/* After @row changed: shows, hides or moves it, naming only the positions involved. A row
 * that stays where it was emits nothing; its properties notify. Rows found at their sorted
 * place, as rows whose families were just read are, cost a binary search. */
static void
update_visibility (PoeBoardModel *self,
                   PoeBoardRow   *row)
{
  gboolean matches = _poe_board_row_matches (self, row);
  guint position;

  if (!find_visible (self, row, &position))
    {
      if (matches)
        show_row (self, row);
      return;
    }

  if (matches && in_order_at (self->visible, position, row))
    return;

  g_ptr_array_remove_index (self->visible, position);
  _poe_board_emit_items_changed (self, position, 1, 0);
  if (matches)
    show_row (self, row);
}

static void
remove_row (PoeBoardModel *self,
            PoeBoardRow   *row)
{
  hide_row (self, row);
  _poe_board_release_row (self, row);
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
  if (g_strcmp0 (_poe_board_arrival_key (row->info), row->arrival) != 0 ||
      g_strcmp0 (row->info->carrier, old->carrier) != 0 ||
      g_strcmp0 (row->info->number, old->number) != 0)
    {
      /* Out and back in at its new place; the array owns a reference, so steal it. */
      if (g_ptr_array_find (self->rows, row, &position))
        g_ptr_array_steal_index (self->rows, position);
      row->arrival = _poe_board_arrival_key (row->info);
      g_ptr_array_insert (self->rows, _poe_board_sorted_position (self->rows, row), row);
    }
  row->arrival = _poe_board_arrival_key (row->info);

  _poe_board_row_notify_flight (row);
}

static PoeBoardRow *
add_row (PoeBoardModel *self,
         PoeRecord     *flight)
{
  PoeBoardRow *row = _poe_board_row_new (self->store, poe_flight_summary_new_from_record (flight));

  g_set_object (&row->flight, flight);
  g_hash_table_insert (self->flights, row->flight_id, row);
  g_ptr_array_insert (self->rows, _poe_board_sorted_position (self->rows, row), row);
  return row;
}

static void
collect_row (GPtrArray   *affected,
             PoeBoardRow *row)
{
  if (row != NULL && !g_ptr_array_find (affected, row, NULL))
    g_ptr_array_add (affected, row);
}

/* The row of @summary's flight, when its families are read. */
static PoeBoardRow *
loaded_row_of (PoeBoardModel  *self,
               PoeCaseSummary *summary)
{
  PoeBoardRow *row;

  if (summary == NULL || summary->flight_id == NULL)
    return NULL;

  row = g_hash_table_lookup (self->flights, summary->flight_id);
  return row != NULL && row->cases != NULL ? row : NULL;
}

static void
refresh_rows (PoeBoardModel *self,
              GPtrArray     *affected)
{
  for (guint i = 0; i < affected->len; i++)
    {
      _poe_board_recompute_row (self, g_ptr_array_index (affected, i));
      update_visibility (self, g_ptr_array_index (affected, i));
    }
}

/* Holds the flights of @rows in the index and takes their families. */
static gboolean
hold_rows (PoeBoardModel  *self,
           GPtrArray      *rows,
           GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (builder, ((PoeBoardRow *) g_ptr_array_index (rows, i))->flight_id);

  ids = g_strv_builder_end (builder);
  if (!poe_case_index_hold_flights (self->index, (const char * const *) ids, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      PoeBoardRow *row = g_ptr_array_index (rows, i);

      row->cases = g_ptr_array_ref (poe_case_index_get_families (self->index, row->flight_id));
    }

  return TRUE;
}


/*
 * Callbacks
 */

void
_poe_board_families_changed_cb (PoeBoardModel       *self,
                                const PoeCaseChange *changes,
                                guint                n_changes,
                                PoeCaseIndex        *index)
{
  g_autoptr(GPtrArray) affected = g_ptr_array_new ();

  g_assert (POE_IS_BOARD_MODEL (self));

  /* The index has already moved the summaries in the rows' families: count again. */
  for (guint i = 0; i < n_changes; i++)
    {
      collect_row (affected, loaded_row_of (self, changes[i].before));
      collect_row (affected, loaded_row_of (self, changes[i].after));
    }

  refresh_rows (self, affected);
}

void
_poe_board_flights_changed_cb (PoeBoardModel      *self,
                               const char * const *ids,
                               GHashTable         *records,
                               PoeCaseIndex       *index)
{
  g_autoptr(GPtrArray) affected = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_BOARD_MODEL (self));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      PoeBoardRow *row = g_hash_table_lookup (self->flights, ids[i]);
      PoeRecord *flight = g_hash_table_lookup (records, ids[i]);
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
          row = add_row (self, flight);
          collect_row (affected, row);
          g_ptr_array_add (added, row);
        }
    }

  /* Families may arrive before their flight: a new row takes those already stored. */
  if (added->len > 0 && !hold_rows (self, added, &error))
    _poe_board_take_error (self, g_steal_pointer (&error));

  refresh_rows (self, affected);
}

void
_poe_board_buffers_changed_cb (PoeBoardModel *self,
                               PoeCaseIndex  *index)
{
  g_assert (POE_IS_BOARD_MODEL (self));

  _poe_board_recompute_all (self);
}

/* The index could not read a change: the rows may no longer match the store. */
void
_poe_board_read_failed_cb (PoeBoardModel *self,
                           const GError  *error,
                           PoeCaseIndex  *index)
{
  g_assert (POE_IS_BOARD_MODEL (self));

  _poe_board_take_error (self, g_error_copy (error));
}


/*
 * Private API
 */

/* A read failed: the view learns it through "error" (its pspec is in poe-board-model.c)
 * instead of a line in the log. */
void
_poe_board_take_error (PoeBoardModel *self,
                       GError        *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify (G_OBJECT (self), "error");
}

/* Reads the families of those of @rows not read yet and shows their counts. */
gboolean
_poe_board_load_rows (PoeBoardModel  *self,
                      GPtrArray      *rows,
                      GError        **error)
{
  g_autoptr(GPtrArray) loading = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      PoeBoardRow *row = g_ptr_array_index (rows, i);

      if (row->cases == NULL)
        g_ptr_array_add (loading, g_object_ref (row));
    }

  if (loading->len == 0)
    return TRUE;

  if (!hold_rows (self, loading, error))
    return FALSE;

  refresh_rows (self, loading);
  return TRUE;
}

/* The row no longer shows its flight's families: the index may forget them. */
void
_poe_board_release_row (PoeBoardModel *self,
                        PoeBoardRow   *row)
{
  if (row->cases == NULL)
    return;

  g_clear_pointer (&row->cases, g_ptr_array_unref);
  poe_case_index_release_flight (self->index, row->flight_id);
}

/* A row without families has nothing to recompute: its counts are zero and its key holds
 * no case number (refresh_rows() recomputed it when its last family left). */
void
_poe_board_recompute_all (PoeBoardModel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      PoeBoardRow *row = g_ptr_array_index (self->rows, i);

      if (row->cases != NULL && row->cases->len > 0)
        _poe_board_recompute_row (self, row);
    }
}


/*
 * Public API
 */

/**
 * poe_board_model_get_error:
 *
 * The last read of the store that failed after the model was made, keeping it up to date
 * or reading the families of its rows (#PoeBoardModel:error, notified when it is set): the
 * rows may no longer match the store. A view says so, and makes a new model when asked to
 * try again.
 *
 * Returns: (nullable): the failure, or %NULL
 */
const GError *
poe_board_model_get_error (PoeBoardModel *self)
{
  g_return_val_if_fail (POE_IS_BOARD_MODEL (self), NULL);

  return self->error;
}
