/* test-store-crash.c
 *
 * Crash atomicity of user writes: a child process writes user actions in a loop and is
 * killed with SIGKILL at random moments. After each kill the reopened store must hold, for
 * every action the child began, the row change, its outbox mutation and its audit row, or
 * none of them; every action the child saw committed must be there; and the file must pass
 * PRAGMA integrity_check. Run with --seed to repeat a sequence of kill times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "poe-core.h"

#define N_KILLS 200
#define CHILD_FLAG "--crash-child"

static const char *self_path;

/* Child: write actions until killed */

static void
announce (const char *line)
{
  /* Unbuffered: the parent must see the line even when the kill follows at once. */
  if (write (STDOUT_FILENO, line, strlen (line)) < 0)
    _exit (3);
}

static int
run_child (const char *path,
           const char *case_id,
           guint       first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = poe_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  poe_store_set_actor (store, NULL, "agent");

  for (guint i = first; ; i++)
    {
      g_autoptr(PoeRecord) record = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *line = NULL;

      switch (i % 3)
        {
        case 0:
          record = poe_record_new ("checklist_event");
          poe_record_set_string (record, "case_id", case_id);
          poe_record_set_string (record, "step", POE_STEP_ARRIVAL_MET);
          poe_record_set_string (record, "value", i % 2 ? "done" : "undone");
          poe_record_set_time (record, "at", now);
          line = g_strdup_printf ("BEGIN new %s\n", poe_record_get_id (record));
          break;

        case 1:
          record = poe_record_new ("incident");
          poe_record_set_string (record, "category", "other");
          poe_record_set_string (record, "severity", "low");
          poe_record_set_string (record, "status", "draft");
          poe_record_set_string (record, "narrative", "Synthetic crash-test narrative");
          poe_record_set_time (record, "at", now);
          line = g_strdup_printf ("BEGIN new %s\n", poe_record_get_id (record));
          break;

        default:
          {
            g_autofree char *city = g_strdup_printf ("City-%u", i);

            record = poe_store_get (store, "case", case_id, &error);
            if (record == NULL)
              return 2;
            poe_record_set_string (record, "final_destination", city);
            line = g_strdup_printf ("BEGIN update %s\n", city);
          }
          break;
        }

      announce (line);
      if (!poe_store_save (store, record, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 2;
        }
      g_free (line);
      line = g_strdup_printf ("DONE %u\n", i);
      announce (line);
    }

  return 0;
}

/* Parent */

typedef struct
{
  char     *id_or_value;
  gboolean  is_update;
  gboolean  done;
} Action;

static void
action_free (Action *action)
{
  g_free (action->id_or_value);
  g_free (action);
}

static GPtrArray *
parse_actions (const char *output,
               guint      *n_done)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  GPtrArray *actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* The last line may be cut off by the kill: a line counts only when complete. */
      if (lines[i + 1] == NULL)
        break;

      if (g_str_has_prefix (lines[i], "BEGIN "))
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
          Action *action = g_new0 (Action, 1);

          g_assert_cmpuint (g_strv_length (parts), ==, 3);
          action->is_update = g_str_equal (parts[1], "update");
          action->id_or_value = g_strdup (parts[2]);
          g_ptr_array_add (actions, action);
        }
      else if (g_str_has_prefix (lines[i], "DONE "))
        {
          g_assert_cmpuint (actions->len, >, 0);
          ((Action *) g_ptr_array_index (actions, actions->len - 1))->done = TRUE;
          (*n_done)++;
        }
    }

  return actions;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gboolean
has_audit_for (PoeStore   *store,
               const char *id)
{
  g_autoptr(GPtrArray) rows = poe_store_list (store, "audit", "record_id", id, NULL);

  return rows != NULL && rows->len > 0;
}

/* Row, outbox mutation and audit row: all three or none. */
static void
check_action (PoeStore   *store,
              Action     *action,
              GHashTable *queued_ids,
              GHashTable *queued_values,
              const char *case_value)
{
  gboolean row, queued, audited;

  if (action->is_update)
    {
      row = g_strcmp0 (case_value, action->id_or_value) == 0;
      queued = g_hash_table_contains (queued_values, action->id_or_value);
      /* Earlier updates were overwritten by later ones; only the last is checked by row. */
      g_assert_true (queued || !row);
      if (action->done)
        g_assert_true (queued);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PoeRecord) found = poe_store_get (store, "checklist_event", action->id_or_value, &error);

    if (found == NULL)
      {
        g_clear_error (&error);
        found = poe_store_get (store, "incident", action->id_or_value, &error);
      }
    row = found != NULL;
  }
  queued = g_hash_table_contains (queued_ids, action->id_or_value);
  audited = has_audit_for (store, action->id_or_value);

  if (row != queued || row != audited)
    g_error ("action %s: row %d, outbox %d, audit %d", action->id_or_value, row, queued, audited);
  if (action->done)
    g_assert_true (row);
}

static void
check_store (const char *path,
             const char *case_id,
             GPtrArray  *actions)
{
  g_autoptr(GHashTable) queued_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) queued_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *case_value;
  Action *last_update = NULL;

  assert_integrity (path);
  store = poe_store_open (path, &error);
  g_assert_no_error (error);

  pending = poe_store_outbox_peek (store, G_MAXINT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      PoeMutation *mutation = g_ptr_array_index (pending, i);
      g_autoptr(JsonNode) fields = json_from_string (mutation->fields, &error);

      g_assert_no_error (error);
      g_hash_table_add (queued_ids, g_strdup (mutation->record_id));
      if (g_str_equal (mutation->entity, "case"))
        g_hash_table_add (queued_values,
                          g_strdup (json_object_get_string_member (json_node_get_object (fields),
                                                                   "final_destination")));
    }

  kase = poe_store_get (store, "case", case_id, &error);
  g_assert_no_error (error);
  case_value = poe_record_get_string (kase, "final_destination");

  for (guint i = 0; i < actions->len; i++)
    {
      Action *action = g_ptr_array_index (actions, i);

      check_action (store, action, queued_ids, queued_values, case_value);
      if (action->is_update)
        last_update = action;
    }

  /* The case holds the last update that committed, queued or not: both or neither. */
  if (last_update != NULL &&
      (last_update->done || g_hash_table_contains (queued_values, last_update->id_or_value)))
    g_assert_cmpstr (case_value, ==, last_update->id_or_value);
}

static char *
seed_store (const char *path)
{
  g_autoptr(PoeRecord) kase = poe_record_new ("case");
  g_autoptr(PoeStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = poe_store_open (path, &error);
  g_assert_no_error (error);
  poe_record_set_string (kase, "case_number", "US-2026-990001");
  poe_record_set_string (kase, "poe", "JFK");
  poe_record_set_string (kase, "branch", "connect");
  poe_record_set_string (kase, "sensitivity", "none");
  poe_record_set_string (kase, "status", "expected");
  poe_record_set_string (kase, "final_destination", "City-start");
  g_assert_true (poe_store_import (store, kase, &error));
  g_assert_no_error (error);
  return g_strdup (poe_record_get_id (kase));
}

static void
test_sigkill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-store-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *case_id = seed_store (path);
  g_autoptr(GPtrArray) all_actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_free);
  guint next = 0;
  guint total_done = 0;
  guint kills_mid_action = 0;
  guint kill_no;

  /* At least N_KILLS kills, and on until more actions committed than that (a loaded machine
   * commits fewer a round), within a bound. */
  for (kill_no = 0; kill_no < N_KILLS || (total_done <= N_KILLS && kill_no < 4 * N_KILLS); kill_no++)
    {
      g_autofree char *first = g_strdup_printf ("%u", next);
      const char *argv[] = { self_path, CHILD_FLAG, path, case_id, first, NULL };
      g_autoptr(GPtrArray) actions = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      char buffer[4096];
      GPid pid;
      int out_fd;
      int status;
      gssize n;
      guint n_done = 0;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* Kill at a random moment: during start-up, between actions, inside a commit. On a
       * loaded machine the child's start-up alone can outlast the delay, so every other
       * round counts the delay from its first action: the kills land among writes. */
      if (kill_no % 2 == 0)
        while (strchr (output->str, '\n') == NULL &&
               (n = read (out_fd, buffer, sizeof buffer)) > 0)
          g_string_append_len (output, buffer, n);
      g_usleep (g_test_rand_int_range (2000, 40000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("the writer ended before the kill (status %d)", status);

      while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (output, buffer, n);
      close (out_fd);

      actions = parse_actions (output->str, &n_done);
      total_done += n_done;
      if (actions->len > n_done)
        kills_mid_action++;
      next += actions->len + 1;

      /* Keep every action of earlier rounds: none may be lost later either. */
      while (actions->len > 0)
        g_ptr_array_add (all_actions, g_ptr_array_steal_index (actions, 0));
      check_store (path, case_id, all_actions);
    }

  g_test_message ("%u kills, %u actions begun, %u committed, %u kills inside an action",
                  kill_no, all_actions->len, total_done, kills_mid_action);
  g_assert_cmpuint (total_done, >, N_KILLS);
  g_assert_cmpuint (kills_mid_action, >, 0);

  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], CHILD_FLAG))
    return run_child (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10));

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/store/crash/sigkill", test_sigkill);

  return g_test_run ();
}
