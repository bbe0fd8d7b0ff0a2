/* poe-test-raw.h
 *
 * Raw TCP clients of a test poe-central, for what a well-behaved HTTP client never sends:
 * connections from chosen loopback addresses, bytes as they come, answers read by hand and
 * checked against data/api/openapi.yaml like the test client's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-test-server.h"

G_BEGIN_DECLS

void      poe_test_raise_file_limit (void);
GSocket  *poe_test_raw_connect      (PoeTestServer *server,
                                     const char    *source);
gboolean  poe_test_raw_send         (GSocket       *socket,
                                     const char    *data,
                                     gsize          length);
void      poe_test_raw_send_text    (GSocket       *socket,
                                     const char    *text);
guint     poe_test_raw_read_to_end  (GSocket       *socket,
                                     char         **text);
guint     poe_test_raw_read_answer  (GSocket       *socket,
                                     GString       *pending,
                                     char         **text);
gboolean  poe_test_raw_wait_closed  (GSocket       *socket,
                                     guint          seconds);
void      poe_test_raw_check_problem (const char   *method,
                                      const char   *path,
                                      const char   *text,
                                      guint         status,
                                      const char   *slug);

G_END_DECLS
