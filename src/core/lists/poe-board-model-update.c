/* poe-board-model-update.c
 *
 * How the board's rows get their families and keep up with the store: rows read in chunks,
 * and on PoeStore::changed only the rows a change touches are recomputed; a row keeps its
 * identity and items-changed names only the positions that moved.
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
hide_row (PoeBoardModel *self,
          PoeBoardRow   *row)
{
  guint position;

  if (!g_ptr_array_find (self->visible, row, &position))
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
 * that stays where it was emits nothing; its properties notify. */
static void
update_visibility (PoeBoardModel *self,
                   PoeBoardRow   *row)
{
  gboolean matches = _poe_board_row_matches (self, row);
  guint old_position, new_position;

  if (!g_ptr_array_find (self->visible, row, &old_position))
    {
      if (matches)
        show_row (self, row);
      return;
    }

  g_ptr_array_remove_index (self->visible, old_position);
  new_position = _poe_board_sorted_position (self->visible, row);
  if (matches && new_position == old_position)
    {
      g_ptr_array_insert (self->visible, old_position, row);
      return;
    }

  _poe_board_emit_items_changed (self, old_position, 1, 0);
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
      _poe_board_take_error (self, g_steal_pointer (&error));
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
      _poe_board_take_error (self, g_steal_pointer (&error));
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
    _poe_board_take_error (self, g_steal_pointer (&error));

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
      _poe_board_take_error (self, g_steal_pointer (&error));
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


/*
 * Callbacks
 */

void
_poe_board_on_store_changed_cb (PoeBoardModel      *self,
                                const char         *entity,
                                const char * const *ids,
                                PoeStoreChange      origin,
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
      g_autoptr(GError) error = NULL;

      if (!poe_store_load_risk_buffers (self->store, &self->buffers, &error))
        _poe_board_take_error (self, g_steal_pointer (&error));
      _poe_board_recompute_all (self);
    }
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

/* A row without families has nothing to recompute: its counts are zero and its key holds
 * no case number (refresh_rows() recomputed it when its last family left). */
void
_poe_board_recompute_all (PoeBoardModel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      PoeBoardRow *row = g_ptr_array_index (self->rows, i);

      if (row->cases->len > 0)
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
