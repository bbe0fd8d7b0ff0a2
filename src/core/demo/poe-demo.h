/* poe-demo.h
 *
 * Synthetic demo data: a deterministic generator of a realistic day at a US port of entry.
 * Every name, number and case in it is made up; the same seed gives the same day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "poe-record.h"

G_BEGIN_DECLS

typedef struct _PoeDemoOptions
{
  guint64     seed;
  GDateTime  *now;            /* the day is built around it; NULL: the current time */
  const char *poe_code;       /* IATA code of the port of entry; NULL: "JFK" */
  guint       n_flights;      /* 0: 20–40 chosen by the seed */
  guint       n_families;     /* 0: 1–8 a flight; else spread over the flights (scale mode) */
  gboolean    with_staff;     /* staff, roster shifts and a few time entries of the day */
} PoeDemoOptions;

/**
 * PoeDemoEmitFunc:
 * @record: a new record; the callback may keep a reference
 *
 * Called once per generated record, parents before children (poe, staff, flight, case,
 * person, segment, checklist_event, shift, time_entry). Return %FALSE and set @error to stop.
 */
typedef gboolean (*PoeDemoEmitFunc) (PoeRecord  *record,
                                     gpointer    user_data,
                                     GError    **error);

void      poe_demo_options_init  (PoeDemoOptions        *options);

gboolean  poe_demo_generate      (const PoeDemoOptions  *options,
                                  PoeDemoEmitFunc        emit,
                                  gpointer               user_data,
                                  GError               **error);

/* Convenience: the whole day as one array of PoeRecord, in emit order. */
GPtrArray *poe_demo_generate_all (const PoeDemoOptions  *options,
                                  GError               **error);

/* Ids of the demo staff: usernames "agent", "agent2", "lead", "supervisor", "admin". */
const char * const *poe_demo_staff_usernames (void);

G_END_DECLS
