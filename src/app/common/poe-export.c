/* poe-export.c
 *
 * The end of a page's export: the callback of g_file_replace_contents_bytes_async() that
 * returns the outcome on the export's own GTask, so that every page's _finish() reads it the
 * same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-export"

#include "config.h"

#include "poe-export.h"

/**
 * poe_export_file_replaced_cb:
 * @object: the #GFile written
 * @user_data: (transfer full): the export's #GTask
 *
 * Returns %TRUE on the task when the file was written, else the error.
 */
void
poe_export_file_replaced_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}
