/* poe-fuzz.c
 *
 * Helpers of the fuzz targets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "poe-fuzz.h"

/* A warning or a critical is a finding: abort, so the fuzzer keeps the input. Messages and
 * debug output are dropped: thousands of inputs a second would drown the fuzzer's report. */
static GLogWriterOutput
write_log_cb (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      g_abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

void
poe_fuzz_init_logging (void)
{
  g_log_set_writer_func (write_log_cb, NULL, NULL);
}
