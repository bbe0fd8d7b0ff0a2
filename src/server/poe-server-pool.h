/* poe-server-pool.h
 *
 * A small bounded pool of worker threads for what must not run on poe-central's one
 * event-loop thread: password hashing (Argon2id) today, the database work of later steps.
 *
 * The contract: a job's work function runs on a worker and touches only its own data (never
 * the SoupServerMessage, the backend or anything else of the event loop). The pool pauses the
 * message while the job waits and runs; the done function then runs back on the main context
 * the pool was made in, answers the message, and the pool unpauses it. A client that went away
 * meanwhile gets no done call, only the data's free function. When the queue is full the push
 * is refused at once, so the caller answers 503 instead of queueing without bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _PoeServerPool PoeServerPool;

typedef void (*PoeServerWorkFunc) (gpointer data);
typedef void (*PoeServerDoneFunc) (SoupServerMessage *msg,
                                   gpointer           data);

PoeServerPool *poe_server_pool_new         (guint              n_threads,
                                            guint              max_jobs);
void           poe_server_pool_free        (PoeServerPool     *pool);
gboolean       poe_server_pool_push        (PoeServerPool     *pool,
                                            SoupServerMessage *msg,
                                            PoeServerWorkFunc  work,
                                            PoeServerDoneFunc  done,
                                            gpointer           data,
                                            GDestroyNotify     free_data);
guint          poe_server_pool_get_n_jobs  (PoeServerPool     *pool);

G_END_DECLS
