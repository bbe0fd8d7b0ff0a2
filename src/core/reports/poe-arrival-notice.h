/* poe-arrival-notice.h
 *
 * The arrival notification of a family for the operations centre and the resettlement
 * agency: built from the store, sent as a synced `arrival_notice` record, told as rows,
 * CSV and PDF a lead can send on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

PoeRecord *poe_arrival_notice_build     (PoeStore    *store,
                                         const char  *case_id,
                                         GDateTime   *now,
                                         GError     **error);
GPtrArray *poe_arrival_notice_dup_rows  (PoeStore    *store,
                                         PoeRecord   *notice,
                                         GTimeZone   *zone,
                                         GError     **error);
GBytes    *poe_arrival_notice_to_csv    (GPtrArray   *rows);
GBytes    *poe_arrival_notice_to_pdf    (GPtrArray   *rows,
                                         GError     **error);

G_END_DECLS
