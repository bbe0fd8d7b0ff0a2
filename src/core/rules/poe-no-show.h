/* poe-no-show.h
 *
 * What a flight's head count finds: members of a family who were not on the flight. They
 * are recorded, not left as unticked boxes: a no-show event per member (POE_STEP_NO_SHOW),
 * the case marked "no_show" when nobody came, and the anomaly report it raises — records
 * the caller saves in one transaction (poe_store_save_all()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "poe-checklist.h"
#include "poe-record.h"

G_BEGIN_DECLS

/**
 * PoeHeadCount:
 * @n_manifest: persons of the families on the manifest (with an ABN number)
 * @n_met: of all persons, those of families met, no-shows left out
 * @n_no_show: persons recorded as not on the flight
 * @n_unexpected: persons of families not on the manifest
 *
 * The head count of a flight against its manifest.
 */
typedef struct
{
  guint n_manifest;
  guint n_met;
  guint n_no_show;
  guint n_unexpected;
} PoeHeadCount;

GPtrArray *poe_no_show_build (PoeRecord           *flight,
                              PoeRecord           *kase,
                              GPtrArray           *persons,
                              const char * const  *absent_ids,
                              GHashTable          *state,
                              GTimeZone           *zone,
                              const char          *by,
                              GDateTime           *now);

void       poe_head_count_add (PoeHeadCount               *count,
                               gboolean                    on_manifest,
                               const PoeChecklistProgress *progress);

G_END_DECLS
