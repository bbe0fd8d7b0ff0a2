/* poe-bench-server.c
 *
 * The server's side of the network benchmarks: poe-central under many clients at once.
 * server.longpoll_fanout_200_clients_p99_ms parks 200 long polls of the changes feed on one
 * libcurl multi handle, commits one push and times each answer; the p99 is the figure.
 * server.sustained_push_50_clients_p99_ms has 50 client threads push one mutation each on a
 * fixed schedule, 1,000 a second together (an open loop: a slow answer delays the pushes
 * after it, and their latency counts from when they were due).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <curl/curl.h>

#include "poe-core.h"

#include "poe-bench-net-private.h"
#include "poe-bench-util.h"

#define SUSTAINED_RATE   1000   /* mutations a second, all clients together */


/*
 * The benchmarks, each after its helpers
 */

/* Long-poll fan-out */

typedef struct
{
  CURL   *easy;
  gint64  done_us;
  long    status;
} Poll;

typedef struct
{
  PoeHttp    *http;
  const char *case_id;
  gint64      start_us;
  gint64      end_us;
  int         applied;
} Commit;

static gpointer
commit_thread (gpointer data)
{
  Commit *commit = data;
  g_autofree char *client_id = g_uuid_string_random ();
  JsonArray *mutations = json_array_new ();

  json_array_add_object_element (mutations, _poe_bench_net_event_mutation_new (commit->case_id));
  commit->start_us = g_get_monotonic_time ();
  commit->applied = _poe_bench_net_push (commit->http, client_id, mutations, NULL);
  commit->end_us = g_get_monotonic_time ();
  return NULL;
}

static void
add_polls (Net   *net,
           CURLM *multi,
           Poll  *polls,
           guint  n,
           gint64 cursor,
           struct curl_slist *headers)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/sync/changes?since=%" G_GINT64_FORMAT "&wait=30",
                                          net->url, cursor);

  for (guint i = 0; i < n; i++)
    {
      polls[i].easy = curl_easy_init ();
      curl_easy_setopt (polls[i].easy, CURLOPT_URL, url);
      curl_easy_setopt (polls[i].easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt (polls[i].easy, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (polls[i].easy, CURLOPT_WRITEFUNCTION, _poe_bench_net_discard_cb);
      curl_easy_setopt (polls[i].easy, CURLOPT_PRIVATE, &polls[i]);
      curl_easy_setopt (polls[i].easy, CURLOPT_TIMEOUT, 45L);
      curl_multi_add_handle (multi, polls[i].easy);
    }
}

/* Drives the transfers for @ms, or until @n_left reaches 0; records each answer's time. */
static void
drive_polls (CURLM *multi,
             guint  ms,
             guint *n_left,
             guint *n_early)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  int running = 0;

  while (*n_left > 0 && g_get_monotonic_time () < end)
    {
      CURLMsg *msg;
      int queued;

      curl_multi_perform (multi, &running);
      while ((msg = curl_multi_info_read (multi, &queued)) != NULL)
        {
          Poll *poll = NULL;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (msg->easy_handle, CURLINFO_PRIVATE, (char **) &poll);
          poll->done_us = g_get_monotonic_time ();
          curl_easy_getinfo (msg->easy_handle, CURLINFO_RESPONSE_CODE, &poll->status);
          (*n_left)--;
          if (n_early != NULL)
            (*n_early)++;
        }
      curl_multi_poll (multi, NULL, 0, 10, NULL);
    }
}

static gboolean
polls_sent (Poll  *polls,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      long sent = 0;

      curl_easy_getinfo (polls[i].easy, CURLINFO_REQUEST_SIZE, &sent);
      if (sent <= 0)
        return FALSE;
    }

  return TRUE;
}

static void
print_fanout (Poll   *polls,
              guint   n,
              Commit *commit)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint errors = 0;

  for (guint i = 0; i < n; i++)
    {
      double ms = poe_bench_ms_between (commit->start_us, polls[i].done_us);

      if (polls[i].done_us == 0 || polls[i].status != 200)
        errors++;
      else
        g_array_append_val (latencies, ms);
    }

  extra = g_strdup_printf ("\"clients\": %u, \"answered\": %u, \"errors\": %u, \"p50\": %.2f,"
                           " \"max\": %.2f, \"commit_push_ms\": %.2f,"
                           " \"note\": \"from the start of the committing push to each answer\"",
                           n, latencies->len, errors, poe_bench_percentile (latencies, 0.5),
                           poe_bench_percentile (latencies, 1.0), poe_bench_ms_between (commit->start_us, commit->end_us));
  poe_bench_print_figure ("server.longpoll_fanout_200_clients_p99_ms", poe_bench_percentile (latencies, 0.99), "ms", 100, extra);
}

gboolean
_poe_bench_server_fanout (gpointer   user_data,
                          GError   **error)
{
  Net *net = user_data;
  g_autofree char *auth = g_strconcat ("Authorization: Bearer ", net->token, NULL);
  g_autoptr(PoeHttp) http = NULL;
  g_autoptr(PoeHttpResponse) health = NULL;
  g_autofree Poll *polls = NULL;
  struct curl_slist *headers = NULL;
  guint n = net->quick ? 20 : 200;
  guint n_left = n, n_early = 0;
  Commit commit = { 0 };
  GThread *thread;
  CURLM *multi;
  gint64 cursor;
  gboolean ok = FALSE;

  if (!_poe_bench_net_ensure_cases (net, 1, error) || (cursor = _poe_bench_net_read_server_cursor (net)) < 0)
    return FALSE;

  /* The committing connection is open before the clock starts. */
  http = _poe_bench_net_http_new (net);
  if (!poe_http_request (http, "GET", "/v1/health", NULL, 0, NULL, &health, error))
    return FALSE;

  polls = g_new0 (Poll, n);
  headers = curl_slist_append (headers, auth);
  multi = curl_multi_init ();
  add_polls (net, multi, polls, n, cursor, headers);

  /* Every request sent, and a moment for the server to park them all. */
  for (guint i = 0; i < 100 && !polls_sent (polls, n); i++)
    drive_polls (multi, 50, &n_left, &n_early);
  drive_polls (multi, 500, &n_left, &n_early);
  if (n_early > 0 || !polls_sent (polls, n))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%u long polls answered before the commit,"
                   " or not all sent", n_early);
      goto out;
    }

  commit.http = http;
  commit.case_id = g_ptr_array_index (net->case_ids, 0);
  thread = g_thread_new ("poe-bench-commit", commit_thread, &commit);
  drive_polls (multi, 10000, &n_left, NULL);
  g_thread_join (thread);

  if (commit.applied != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the committing push was not applied");
      goto out;
    }

  print_fanout (polls, n, &commit);
  ok = TRUE;

out:
  for (guint i = 0; i < n; i++)
    {
      curl_multi_remove_handle (multi, polls[i].easy);
      curl_easy_cleanup (polls[i].easy);
    }
  curl_multi_cleanup (multi);
  curl_slist_free_all (headers);
  return ok;
}


/* Sustained push */

typedef struct
{
  Net        *net;
  const char *case_id;
  gint64      start_us;     /* the first push of this client is due then */
  gint64      interval_us;
  guint       n_pushes;
  GArray     *latencies;    /* ms from when each push was due to its answer */
  guint       errors;
} Pusher;

static gboolean
push_one (PoeHttp    *http,
          const char *client_id,
          const char *case_id)
{
  g_autoptr(GError) error = NULL;
  JsonArray *mutations = json_array_new ();

  json_array_add_object_element (mutations, _poe_bench_net_event_mutation_new (case_id));
  return _poe_bench_net_push (http, client_id, mutations, &error) == 1;
}

/* Open loop: each push is due at a fixed time, so a slow answer delays the next ones and
 * their latency counts from when they were due. */
static gpointer
pusher_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(PoeHttp) http = _poe_bench_net_http_new (pusher->net);
  g_autofree char *client_id = g_uuid_string_random ();

  /* Opens the connection, as a running app has it open. */
  pusher->errors += !push_one (http, client_id, pusher->case_id);

  for (guint k = 0; k < pusher->n_pushes; k++)
    {
      gint64 due = pusher->start_us + k * pusher->interval_us;
      gint64 wait = due - g_get_monotonic_time ();
      double ms;

      if (wait > 0)
        g_usleep (wait);
      pusher->errors += !push_one (http, client_id, pusher->case_id);
      ms = poe_bench_ms_between (due, g_get_monotonic_time ());
      g_array_append_val (pusher->latencies, ms);
    }

  return NULL;
}

gboolean
_poe_bench_server_sustained (gpointer   user_data,
                             GError   **error)
{
  Net *net = user_data;
  const guint n_clients = 50;
  g_autofree Pusher *pushers = g_new0 (Pusher, n_clients);
  g_autofree GThread **threads = g_new0 (GThread *, n_clients);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *extra = NULL;
  guint seconds = net->quick ? 3 : 30;
  gint64 interval_us = G_USEC_PER_SEC * n_clients / SUSTAINED_RATE;
  gint64 start, end;
  guint errors = 0;

  if (!_poe_bench_net_ensure_cases (net, n_clients, error))
    return FALSE;

  /* Clients spread evenly over the interval; a second to connect first. */
  start = g_get_monotonic_time () + G_USEC_PER_SEC;
  for (guint i = 0; i < n_clients; i++)
    {
      pushers[i].net = net;
      pushers[i].case_id = g_ptr_array_index (net->case_ids, i);
      pushers[i].start_us = start + i * interval_us / n_clients;
      pushers[i].interval_us = interval_us;
      pushers[i].n_pushes = seconds * G_USEC_PER_SEC / interval_us;
      pushers[i].latencies = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new ("poe-bench-push", pusher_thread, &pushers[i]);
    }

  for (guint i = 0; i < n_clients; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (latencies, pushers[i].latencies->data, pushers[i].latencies->len);
      errors += pushers[i].errors;
      g_array_unref (pushers[i].latencies);
    }
  end = g_get_monotonic_time ();

  extra = g_strdup_printf ("\"errors\": %u, \"clients\": %u, \"mutations\": %u, \"seconds\": %u,"
                           " \"offered_rate\": %u, \"achieved_rate\": %.0f, \"p50\": %.2f, \"max\": %.2f,"
                           " \"mutations_per_push\": 1",
                           errors, n_clients, latencies->len, seconds, SUSTAINED_RATE,
                           latencies->len / (poe_bench_ms_between (start, end) / 1000), poe_bench_percentile (latencies, 0.5),
                           poe_bench_percentile (latencies, 1.0));
  poe_bench_print_figure ("server.sustained_push_50_clients_p99_ms", poe_bench_percentile (latencies, 0.99), "ms", 200, extra);
  return TRUE;
}
