/* poe-anomaly-dialog.h
 *
 * The "Report anomaly" window of a flight or a family: pre-filled from the store (flight
 * times and status, the family's size and onward travel, a rebooking when one is known),
 * sent by queueing the anomaly record with the time it was sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TYPE_ANOMALY_DIALOG (poe_anomaly_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PoeAnomalyDialog, poe_anomaly_dialog, POE, ANOMALY_DIALOG, AdwWindow)

PoeAnomalyDialog *poe_anomaly_dialog_new        (PoeSession       *session,
                                                 const char       *flight_id,
                                                 const char       *case_id);
PoeRecord        *poe_anomaly_dialog_get_record (PoeAnomalyDialog *self);
gboolean          poe_anomaly_dialog_send       (PoeAnomalyDialog *self,
                                                 GError          **error);

G_END_DECLS
