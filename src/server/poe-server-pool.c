/* poe-server-pool.c
 *
 * The worker pool of poe-server-pool.h: a GThreadPool of a few threads that run at a lower
 * CPU priority than the event loop (on two cores, a hashing worker must not take the loop's
 * core), a count of jobs that bounds the queue, and the way back: finished jobs wait in an
 * async queue that one source of the main context drains. The queue is fair between clients:
 * a job waits behind the jobs pushed before it only if they are its client's first ones, or as
 * many of their clients' as it is of its own (round robin by address), so twenty sign-ins from
 * one address delay another address's sign-in by one hash, not by twenty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "poe-server-pool.h"

/* nice(2) steps the workers run below the event loop. */
#define WORKER_NICENESS 10

struct _PoeServerPool
{
  GThreadPool  *threads;
  GMainContext *context;
  GAsyncQueue  *finished;   /* Job, from the workers */
  GSource      *wake;       /* drains @finished on the main context */
  guint         max_jobs;
  guint         n_jobs;     /* pushed and not yet done; main context only */
  GHashTable   *per_client; /* address → its jobs pushed and not yet done; main context only */
  guint64       next_seq;
  gboolean      closing;
};

typedef struct
{
  PoeServerPool     *pool;
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           gone;
  char              *client;   /* the remote address */
  guint              round;    /* the client's jobs ahead of this one when it was pushed */
  guint64            seq;
  PoeServerWorkFunc  work;
  PoeServerDoneFunc  done;
  gpointer           data;
  GDestroyNotify     free_data;
} Job;


/*
 * Auxiliary methods
 */

static void
job_free (Job *job)
{
  g_clear_signal_handler (&job->finished_id, job->msg);
  g_clear_object (&job->msg);
  if (job->free_data != NULL)
    job->free_data (job->data);
  g_free (job->client);
  g_free (job);
}

/* Round robin between clients: by the number of the client's jobs ahead, then by age. */
static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Job *first = a;
  const Job *second = b;

  if (first->round != second->round)
    return first->round < second->round ? -1 : 1;

  return first->seq < second->seq ? -1 : first->seq > second->seq;
}

/* Linux priorities are per thread: lower this worker's once. */
static void
lower_priority (void)
{
  static GPrivate lowered;

  if (g_private_get (&lowered) != NULL)
    return;

  g_private_set (&lowered, GINT_TO_POINTER (1));
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICENESS) != 0)
    g_debug ("A worker keeps the event loop's priority");
}


/*
 * Callbacks
 */

static void
message_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Job *job = user_data;

  job->gone = TRUE;
}

static void
job_done (Job *job)
{
  PoeServerPool *pool = job->pool;

  guint pending = GPOINTER_TO_UINT (g_hash_table_lookup (pool->per_client, job->client));

  g_assert (pool->n_jobs > 0 && pending > 0);
  pool->n_jobs--;
  if (pending == 1)
    g_hash_table_remove (pool->per_client, job->client);
  else
    g_hash_table_insert (pool->per_client, g_strdup (job->client), GUINT_TO_POINTER (pending - 1));

  if (!job->gone)
    {
      job->done (job->msg, job->data);
      soup_server_message_unpause (job->msg);
    }

  job_free (job);
}

static gboolean
wake_dispatch_cb (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     user_data)
{
  GAsyncQueue *finished = user_data;
  Job *job;

  g_source_set_ready_time (source, -1);
  while ((job = g_async_queue_try_pop (finished)) != NULL)
    job_done (job);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs wake_funcs = { NULL, NULL, wake_dispatch_cb, NULL, NULL, NULL };

static void
job_run_cb (gpointer data,
            gpointer user_data)
{
  Job *job = data;
  PoeServerPool *pool = user_data;

  lower_priority ();
  job->work (job->data);
  g_async_queue_push (pool->finished, job);
  g_source_set_ready_time (pool->wake, 0);
}


/*
 * Public API
 */

/**
 * poe_server_pool_new:
 * @n_threads: workers that run at once
 * @max_jobs: jobs that may wait or run at once; more are refused
 *
 * Call from the thread whose main context answers the messages.
 */
PoeServerPool *
poe_server_pool_new (guint n_threads,
                     guint max_jobs)
{
  PoeServerPool *pool = g_new0 (PoeServerPool, 1);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (n_threads > 0 && max_jobs > 0, NULL);

  pool->context = g_main_context_ref_thread_default ();
  pool->max_jobs = max_jobs;
  pool->finished = g_async_queue_new ();
  pool->wake = g_source_new (&wake_funcs, sizeof (GSource));
  g_source_set_callback (pool->wake, NULL, pool->finished, NULL);
  g_source_set_name (pool->wake, "poe-server-pool");
  g_source_attach (pool->wake, pool->context);
  pool->per_client = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pool->threads = g_thread_pool_new (job_run_cb, pool, (int) n_threads, FALSE, &error);
  g_assert_no_error (error);
  g_thread_pool_set_sort_function (pool->threads, compare_jobs, NULL);

  return pool;
}

/**
 * poe_server_pool_free:
 *
 * Waits for the running and queued work, then frees the jobs without calling their done
 * functions: the server is going away.
 */
void
poe_server_pool_free (PoeServerPool *pool)
{
  Job *job;

  if (pool == NULL)
    return;

  pool->closing = TRUE;
  g_thread_pool_free (pool->threads, FALSE, TRUE);
  g_source_destroy (pool->wake);
  g_source_unref (pool->wake);
  while ((job = g_async_queue_try_pop (pool->finished)) != NULL)
    job_free (job);

  g_async_queue_unref (pool->finished);
  g_hash_table_unref (pool->per_client);
  g_main_context_unref (pool->context);
  g_free (pool);
}

/**
 * poe_server_pool_push:
 * @work: runs on a worker with @data
 * @done: runs on the pool's main context with the message and @data, unless the client
 *   went away; it answers the message
 * @free_data: (nullable): frees @data after @done (or instead of it)
 *
 * Returns: %FALSE, with nothing done and @data untouched, when the pool is full
 */
gboolean
poe_server_pool_push (PoeServerPool     *pool,
                      SoupServerMessage *msg,
                      PoeServerWorkFunc  work,
                      PoeServerDoneFunc  done,
                      gpointer           data,
                      GDestroyNotify     free_data)
{
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_val_if_fail (pool != NULL && !pool->closing, FALSE);
  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), FALSE);

  if (pool->n_jobs >= pool->max_jobs)
    return FALSE;

  job = g_new0 (Job, 1);
  job->pool = pool;
  job->msg = g_object_ref (msg);
  job->client = g_strdup (soup_server_message_get_remote_host (msg) != NULL ?
                          soup_server_message_get_remote_host (msg) : "");
  job->round = GPOINTER_TO_UINT (g_hash_table_lookup (pool->per_client, job->client));
  job->seq = pool->next_seq++;
  g_hash_table_insert (pool->per_client, g_strdup (job->client), GUINT_TO_POINTER (job->round + 1));
  job->work = work;
  job->done = done;
  job->data = data;
  job->free_data = free_data;
  job->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), job);

  pool->n_jobs++;
  soup_server_message_pause (msg);
  g_thread_pool_push (pool->threads, job, &error);
  g_assert_no_error (error);

  return TRUE;
}

guint
poe_server_pool_get_n_jobs (PoeServerPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);

  return pool->n_jobs;
}
