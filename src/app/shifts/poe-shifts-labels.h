/* poe-shifts-labels.h
 *
 * Words and formats of the shifts page: time entry and leave states and kinds, durations,
 * times at the POE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-core.h"

G_BEGIN_DECLS

const char *poe_shifts_entry_state_label (const char *state);
const char *poe_shifts_leave_state_label (const char *state);
const char *poe_shifts_leave_kind_label  (const char *kind);
char       *poe_shifts_format_duration   (gint64      minutes);
char       *poe_shifts_format_time       (GDateTime  *time,
                                          GTimeZone  *zone,
                                          const char *format);

G_END_DECLS
