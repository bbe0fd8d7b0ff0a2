/* poe-export.h
 *
 * What the pages' exports (the payroll CSV, the voucher CSV) share once they have their
 * bytes: writing them to the file the user chose completes the export's task.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void poe_export_file_replaced_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data);

G_END_DECLS
