/* poe-bench-net-private.h
 *
 * The network benchmarks are split by concern: poe-bench-net.c starts and stops poe-central,
 * signs in, makes and pushes mutations, measures the loopback baseline and runs the others
 * in order; poe-bench-sync.c times the client's sync engine pulling and pushing;
 * poe-bench-server.c times the server under many clients (long-poll fan-out, sustained
 * pushes). This header is what they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "poe-core.h"
#include "poe-http.h"

G_BEGIN_DECLS

#define BENCH_USER       "bench-lead"
#define BENCH_POE        "JFK"
#define EVENT_AT         "2026-11-24T14:05:00Z"

typedef struct
{
  gboolean             quick;
  const char * const  *filters;
  const char          *central_path;
  char                *dir;
  char                *db;
  char                *password;
  GSubprocess         *central;
  char                *url;
  char                *token;
  char                *staff_id;
  GPtrArray           *case_ids;  /* cases on the server that events are appended to */
} Net;

/* poe-bench-net.c */
gboolean     _poe_bench_net_run_central          (Net         *net,
                                                  const char  *input,
                                                  GError     **error,
                                                  ...) G_GNUC_NULL_TERMINATED;
PoeHttp     *_poe_bench_net_http_new             (Net         *net);
gint64       _poe_bench_net_read_server_cursor   (Net         *net);
JsonObject  *_poe_bench_net_event_mutation_new   (const char  *case_id);
int          _poe_bench_net_push                 (PoeHttp     *http,
                                                  const char  *client_id,
                                                  JsonArray   *mutations,
                                                  GError     **error);
gboolean     _poe_bench_net_ensure_cases         (Net         *net,
                                                  guint        n,
                                                  GError     **error);
size_t       _poe_bench_net_discard_cb           (char        *data,
                                                  size_t       size,
                                                  size_t       count,
                                                  void        *user_data);

/* poe-bench-sync.c */
gboolean     _poe_bench_sync_pull                (gpointer     user_data,
                                                  GError     **error);
gboolean     _poe_bench_sync_push                (gpointer     user_data,
                                                  GError     **error);

/* poe-bench-server.c */
gboolean     _poe_bench_server_fanout            (gpointer     user_data,
                                                  GError     **error);
gboolean     _poe_bench_server_sustained         (gpointer     user_data,
                                                  GError     **error);

G_END_DECLS
