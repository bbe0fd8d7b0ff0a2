/* poe-bench-sync.c
 *
 * The client's side of the network benchmarks: the sync engine of a fresh store pulling
 * 100,000 changes from poe-central (sync.pull_100k_changes_s, beside raw SQLite inserts of
 * as many rows), and pushing 10,000 queued user writes (sync.push_10k_mutations_s). The
 * engine runs on its worker thread as in the app; the main context is run here until it
 * reports that it is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <glib/gstdio.h>

#include "poe-core.h"
#include "poe-sync-engine.h"

#include "poe-bench-net-private.h"
#include "poe-bench-util.h"


/*
 * The benchmarks, each after its helpers
 */

/* The sync engine */

typedef struct
{
  gint64   done_us;    /* 0 until the condition held */
  gboolean seen_work;  /* pending went above 0 */
} EngineWait;

static void
pending_notified_cb (PoeSyncEngine *engine,
                     GParamSpec    *pspec,
                     EngineWait    *wait)
{
  guint pending = poe_sync_engine_get_pending_count (engine);

  wait->seen_work |= pending > 0;
  if (wait->seen_work && pending == 0 && wait->done_us == 0)
    wait->done_us = g_get_monotonic_time ();
}

static void
state_notified_cb (PoeSyncEngine *engine,
                   GParamSpec    *pspec,
                   EngineWait    *wait)
{
  if (poe_sync_engine_get_state (engine) == POE_SYNC_STATE_IDLE && wait->done_us == 0)
    wait->done_us = g_get_monotonic_time ();
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context (where the engine reports) until @wait is done. */
static gboolean
run_engine (PoeSyncEngine  *engine,
            EngineWait     *wait,
            guint           timeout_s,
            GError        **error)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  guint tick_id = g_timeout_add (100, wake_cb, NULL);
  gboolean ok = TRUE;

  while (wait->done_us == 0 && ok)
    {
      PoeSyncState state = poe_sync_engine_get_state (engine);

      if (state == POE_SYNC_STATE_ERROR || state == POE_SYNC_STATE_NEEDS_SIGN_IN ||
          g_get_monotonic_time () > end)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the sync engine did not finish: %s",
                       poe_sync_engine_get_last_error (engine) ? poe_sync_engine_get_last_error (engine)
                                                               : "timed out");
          ok = FALSE;
          break;
        }

      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick_id);
  return ok;
}

static PoeSyncEngine *
engine_new (Net      *net,
            PoeStore *store)
{
  PoeSyncEngine *engine = poe_sync_engine_new (poe_store_get_path (store), net->url, NULL);

  poe_sync_engine_set_token (engine, net->token);
  poe_sync_engine_set_ui_store (engine, store);
  poe_sync_engine_set_backoff (engine, 100, 1000);
  return engine;
}

/* Starts a sync engine on @store and runs it until the handler of @signal_name says it is
 * done. */
static gboolean
time_engine (Net         *net,
             PoeStore    *store,
             const char  *signal_name,
             GCallback    notified_cb,
             double      *seconds,
             GError     **error)
{
  g_autoptr(PoeSyncEngine) engine = engine_new (net, store);
  EngineWait wait = { 0 };
  gint64 start;

  g_signal_connect (engine, signal_name, notified_cb, &wait);
  start = g_get_monotonic_time ();
  poe_sync_engine_start (engine);
  if (!run_engine (engine, &wait, 600, error))
    return FALSE;
  *seconds = poe_bench_ms_between (start, wait.done_us) / 1000;
  poe_sync_engine_stop (engine);
  return TRUE;
}


/* Pull */

/* A synthetic ABN of @n_changes changes: 4 a case (case, 2 persons, arrival segment) plus
 * one a flight. */
static char *
write_abn (Net     *net,
           guint    n_changes,
           guint   *n_flights,
           GError **error)
{
  g_autoptr(GString) csv = g_string_new ("case_number,poe,branch,inbound_carrier,inbound_number,"
                                         "inbound_origin,inbound_scheduled_arrival,surname,"
                                         "given_names,relationship\n");
  g_autofree char *path = g_build_filename (net->dir, "abn.csv", NULL);
  guint flights = MAX (n_changes / 1000, 1);
  guint cases = (n_changes - flights) / 4;

  for (guint c = 0; c < cases; c++)
    for (guint p = 0; p < 2; p++)
      g_string_append_printf (csv, "BENCH-%06u,%s,overnight,QR,%u,DOH,2026-11-24T%02u:05:00Z,"
                                   "Sample,Person %u,%s\n",
                              c, BENCH_POE, 700 + c % flights, c % flights % 24, p + 1,
                              p == 0 ? "head" : "child");

  if (!g_file_set_contents (path, csv->str, csv->len, error))
    return NULL;

  *n_flights = flights;
  return g_steal_pointer (&path);
}

static gboolean
seed_changes (Net     *net,
              guint    n_changes,
              GError **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *path = NULL;
  guint n_flights = 0;

  if (!(path = write_abn (net, n_changes, &n_flights, error)) ||
      !_poe_bench_net_run_central (net, "", error, "import-abn", path, NULL))
    return FALSE;

  g_printerr ("poe-bench: seeded poe-central with %u flights and their families in %.1f s\n",
              n_flights, poe_bench_ms_between (start, g_get_monotonic_time ()) / 1000);
  g_unlink (path);
  return TRUE;
}

static gint64
count_pulled (PoeStore *store)
{
  static const char * const entities[] = { "flight", "case", "person", "segment", "staff" };
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    total += MAX (poe_store_count (store, entities[i], NULL), 0);

  return total;
}

gboolean
_poe_bench_sync_pull (gpointer   user_data,
                      GError   **error)
{
  Net *net = user_data;
  g_autofree char *path = g_build_filename (net->dir, "pull.db", NULL);
  g_autofree char *baseline_path = g_build_filename (net->dir, "baseline.db", NULL);
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *cursor = NULL;
  guint n_changes = net->quick ? 5000 : 100000;
  gint64 records;
  double seconds, baseline;

  if (!seed_changes (net, n_changes, error) || !(store = poe_store_open (path, error)) ||
      !time_engine (net, store, "notify::state", G_CALLBACK (state_notified_cb), &seconds, error))
    return FALSE;

  records = count_pulled (store);
  cursor = poe_store_dup_sync_value (store, "cursor");
  if ((baseline = poe_bench_run_sqlite_inserts (baseline_path, records, error)) < 0)
    return FALSE;
  extra = g_strdup_printf ("\"records\": %" G_GINT64_FORMAT ", \"cursor\": %s, \"page\": 1000, \"runs\": 1,"
                           " \"baseline\": \"raw SQLite inserts of as many rows\", \"baseline_value\": %.4f,"
                           " \"ratio\": %.2f, \"ratio_target\": 5",
                           records, cursor ? cursor : "null", baseline, seconds / baseline);
  poe_bench_print_figure ("sync.pull_100k_changes_s", seconds, "s", 4, extra);
  return TRUE;
}


/* Push */

static gboolean
queue_writes (Net       *net,
              PoeStore  *store,
              guint      n_cases,
              guint      n_events,
              GError   **error)
{
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);

  poe_store_set_actor (store, net->staff_id, BENCH_USER);
  if (!poe_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n_cases + n_events; i++)
    {
      g_autoptr(PoeRecord) record = poe_record_new (i < n_cases ? "case" : "checklist_event");
      char *id = g_uuid_string_random ();

      poe_record_set_id (record, id);
      if (i < n_cases)
        {
          g_autofree char *number = g_strdup_printf ("BENCH-%.8s", id);

          poe_record_set_string (record, "case_number", number);
          poe_record_set_string (record, "poe", BENCH_POE);
          poe_record_set_string (record, "branch", "connect");
          poe_record_set_string (record, "sensitivity", "none");
          poe_record_set_string (record, "status", "expected");
          g_ptr_array_add (case_ids, id);
        }
      else
        {
          poe_record_set_string (record, "case_id", g_ptr_array_index (case_ids, i % n_cases));
          poe_record_set_string (record, "step", i % 2 ? POE_STEP_BAGGAGE_CLAIMED : POE_STEP_ARRIVAL_MET);
          poe_record_set_string (record, "value", "done");
          poe_record_set_string (record, "at", EVENT_AT);
          g_free (id);
        }

      if (!poe_store_save (store, record, error))
        {
          poe_store_rollback (store);
          return FALSE;
        }
    }

  return poe_store_commit (store, error);
}

gboolean
_poe_bench_sync_push (gpointer   user_data,
                      GError   **error)
{
  Net *net = user_data;
  g_autofree char *path = g_build_filename (net->dir, "push.db", NULL);
  g_autoptr(PoeStore) store = NULL;
  g_autofree char *extra = NULL;
  guint n = net->quick ? 1000 : 10000;
  guint n_cases = 50;
  double seconds;

  if (!(store = poe_store_open (path, error)) ||
      !queue_writes (net, store, n_cases, n - n_cases, error) ||
      !time_engine (net, store, "notify::pending-count", G_CALLBACK (pending_notified_cb), &seconds, error))
    return FALSE;

  extra = g_strdup_printf ("\"mutations\": %u, \"batch\": 500, \"runs\": 1, \"rejected\": %u,"
                           " \"left_pending\": %u, \"per_mutation_ms\": %.3f",
                           n, poe_store_count_rejected (store), poe_store_count_pending (store),
                           seconds * 1000 / n);
  poe_bench_print_figure ("sync.push_10k_mutations_s", seconds, "s", 3, extra);
  return TRUE;
}
