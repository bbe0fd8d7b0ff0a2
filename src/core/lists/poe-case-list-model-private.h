/* poe-case-list-model-private.h
 *
 * Shared by poe-case-list-model.c, poe-case-list-model-update.c and poe-case-row.c; not for
 * users of the family lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-case-index.h"
#include "poe-case-list-model.h"
#include "poe-case-summary.h"

G_BEGIN_DECLS

struct _PoeCaseRow
{
  GObject         parent_instance;

  PoeCaseSummary *summary;  /* a reference to the case index's summary */
  char           *key;      /* case number, lower case */
  PoeRiskLevel    risk;     /* at the list's "now" */
};

struct _PoeCaseListModel
{
  GObject               parent_instance;

  PoeStore             *store;
  PoeCaseIndex         *index;      /* holds the families of the flights of the scope */
  char                 *flight_id;  /* one flight, or NULL for the window */
  GDateTime            *from;
  GDateTime            *to;
  GDateTime            *now;

  GPtrArray            *rows;       /* PoeCaseRow, sorted */
  GPtrArray            *visible;
  GHashTable           *cases;      /* case id → PoeCaseRow */
  GHashTable           *flights;    /* flight id → PoeFlightSummary of the scope, held */

  char                 *query;
  char                **tokens;
  char                 *branch;
  char                 *sensitivity;
  gboolean              reveal_names;
  GError               *error;      /* the last read that failed: see "error" */
};

/* poe-case-row.c */
PoeCaseRow *_poe_case_row_new         (PoeCaseSummary *summary,
                                       PoeRiskLevel    risk);
void        _poe_case_row_set_summary (PoeCaseRow     *row,
                                       PoeCaseSummary *summary,
                                       PoeRiskLevel    risk);
void        _poe_case_row_set_risk    (PoeCaseRow     *row,
                                       PoeRiskLevel    risk);

/* poe-case-list-model.c */
int         _poe_case_list_compare_row_pointers (gconstpointer        a,
                                                 gconstpointer        b);
guint       _poe_case_list_sorted_position      (GPtrArray           *array,
                                                 PoeCaseRow          *row);
gboolean    _poe_case_list_row_matches          (PoeCaseListModel    *self,
                                                 PoeCaseRow          *row);
void        _poe_case_list_refilter             (PoeCaseListModel    *self);
void        _poe_case_list_emit_items_changed   (PoeCaseListModel    *self,
                                                 guint                position,
                                                 guint                removed,
                                                 guint                added);
void        _poe_case_list_take_error           (PoeCaseListModel    *self,
                                                 GError              *error);

/* poe-case-list-model-update.c */
gboolean    _poe_case_list_load                 (PoeCaseListModel    *self,
                                                 GError             **error);
void        _poe_case_list_recompute_risks      (PoeCaseListModel    *self);
void        _poe_case_list_families_changed_cb  (PoeCaseListModel    *self,
                                                 const PoeCaseChange *changes,
                                                 guint                n_changes,
                                                 PoeCaseIndex        *index);
void        _poe_case_list_flights_changed_cb   (PoeCaseListModel    *self,
                                                 const char * const  *ids,
                                                 GHashTable          *records,
                                                 PoeCaseIndex        *index);
void        _poe_case_list_buffers_changed_cb   (PoeCaseListModel    *self,
                                                 PoeCaseIndex        *index);
void        _poe_case_list_read_failed_cb       (PoeCaseListModel    *self,
                                                 const GError        *error,
                                                 PoeCaseIndex        *index);

G_END_DECLS
