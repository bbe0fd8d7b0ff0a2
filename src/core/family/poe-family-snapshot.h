/* poe-family-snapshot.h
 *
 * Everything the family views show about one case, read from the store in one go: the
 * case, its members, segments, inbound flight, checklist state, progress and connection
 * risk, which of its records wait for the server ("pending sync"), with the POE's time zone
 * and checklist template. GTK-free: the app's family view shows it, tests read it directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-checklist.h"
#include "poe-risk.h"
#include "poe-store.h"

G_BEGIN_DECLS

typedef struct
{
  PoeRecord            *kase;
  PoeRecord            *flight;     /* the inbound flight, or NULL */
  PoeRecord            *poe;        /* or NULL */
  PoeRecord            *onward;     /* the first domestic connection not replaced, or NULL */
  GPtrArray            *persons;    /* PoeRecord, in the store's order */
  GPtrArray            *segments;   /* PoeRecord */
  GHashTable           *state;      /* poe_checklist_state_key() → latest checklist_event */
  GHashTable           *notes;      /* poe_checklist_state_key() → latest non-empty note */
  GHashTable           *pending;    /* ids of the case's records the server does not have yet */
  PoeChecklistTemplate *template;
  GTimeZone            *time_zone;  /* the case's POE's (poe_store_dup_poe_time_zone()) */
  PoeChecklistProgress  progress;
  PoeRiskResult         risk;
} PoeFamilySnapshot;

PoeFamilySnapshot *poe_family_snapshot_load          (PoeStore           *store,
                                                      const char         *case_id,
                                                      GDateTime          *now,
                                                      GError            **error);
void               poe_family_snapshot_free          (PoeFamilySnapshot  *self);
PoeRecord         *poe_family_snapshot_get_principal (PoeFamilySnapshot  *self);
gboolean           poe_family_snapshot_is_pending    (PoeFamilySnapshot  *self,
                                                      PoeRecord          *record);
char              *poe_family_snapshot_dup_family_name (PoeFamilySnapshot *self,
                                                        gboolean           reveal_names);
char              *poe_family_snapshot_dup_structure (PoeFamilySnapshot  *self);

char              *poe_family_dup_person_name        (PoeRecord          *person,
                                                      gboolean            reveal_names);
char              *poe_family_dup_staff_name         (PoeStore           *store,
                                                      const char         *staff_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeFamilySnapshot, poe_family_snapshot_free)

G_END_DECLS
