/* poe-board-model-private.h
 *
 * Shared by poe-board-model.c, poe-board-model-update.c and poe-board-row.c; not for users
 * of the board.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-board-model.h"
#include "poe-case-index.h"
#include "poe-store-board.h"

G_BEGIN_DECLS

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
  GPtrArray        *cases;    /* the index's PoeCaseSummary of the flight; NULL until read */
  BoardCounts       counts;
};

struct _PoeBoardModel
{
  GObject               parent_instance;

  PoeStore             *store;
  PoeCaseIndex         *index;     /* the families of the rows read */
  GDateTime            *from;
  GDateTime            *to;
  char                 *from_text;  /* the window as canonical times, to compare as text */
  char                 *to_text;
  GDateTime            *now;

  GPtrArray            *rows;      /* PoeBoardRow of the window, sorted */
  GPtrArray            *visible;   /* the rows the filter lets through, sorted */
  GHashTable           *flights;   /* flight id → PoeBoardRow */

  char                 *query;
  char                **tokens;
  char                **statuses;
  gboolean              reveal_names;
  guint                 page_size;
  GSource              *load_source;  /* reading the other rows' families */
  GError               *error;        /* the last read that failed: see "error" */
};

/* poe-board-row.c */
const char  *_poe_board_arrival_key          (PoeFlightSummary *info);
int          _poe_board_compare_row_pointers (gconstpointer     a,
                                              gconstpointer     b);
guint        _poe_board_sorted_position      (GPtrArray        *array,
                                              PoeBoardRow      *row);
void         _poe_board_build_keys           (PoeBoardRow      *row);
void         _poe_board_recompute_row        (PoeBoardModel    *self,
                                              PoeBoardRow      *row);
PoeBoardRow *_poe_board_row_new              (PoeStore         *store,
                                              PoeFlightSummary *info);
void         _poe_board_row_notify_flight    (PoeBoardRow      *row);

/* poe-board-model.c */
gboolean     _poe_board_row_matches          (PoeBoardModel    *self,
                                              PoeBoardRow      *row);
void         _poe_board_emit_items_changed   (PoeBoardModel    *self,
                                              guint             position,
                                              guint             removed,
                                              guint             added);
void         _poe_board_take_error           (PoeBoardModel    *self,
                                              GError           *error);

/* poe-board-model-update.c */
void         _poe_board_families_changed_cb  (PoeBoardModel       *self,
                                              const PoeCaseChange *changes,
                                              guint                n_changes,
                                              PoeCaseIndex        *index);
void         _poe_board_flights_changed_cb   (PoeBoardModel       *self,
                                              const char * const  *ids,
                                              GHashTable          *records,
                                              PoeCaseIndex        *index);
void         _poe_board_buffers_changed_cb   (PoeBoardModel       *self,
                                              PoeCaseIndex        *index);
void         _poe_board_read_failed_cb       (PoeBoardModel       *self,
                                              const GError        *error,
                                              PoeCaseIndex        *index);
gboolean     _poe_board_load_rows            (PoeBoardModel       *self,
                                              GPtrArray           *rows,
                                              GError             **error);
void         _poe_board_release_row          (PoeBoardModel       *self,
                                              PoeBoardRow         *row);
void         _poe_board_recompute_all        (PoeBoardModel       *self);

G_END_DECLS
