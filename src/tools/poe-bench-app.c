/* poe-bench-app.c
 *
 * The app benchmarks of DESIGN §6:
 *
 *   baseline.gtk_empty_window_first_frame_ms  poe-empty-window, exec → first painted frame
 *   baseline.gtk_empty_window_rss_mb          its VmRSS then
 *   app.first_frame_50k_families_ms           poe-desk, exec → first frame showing board rows
 *   app.rss_50k_families_mb                   its VmRSS then
 *
 * Each program runs once to warm up, then five times (the medians are printed), the two
 * taking turns, under the caller's display with GSK_RENDERER=cairo, and prints `first-frame µs rss-kb KB` itself
 * (src/app/poe-bench-hook.c, src/tools/poe-empty-window.c).
 *
 * poe-desk starts as a user would find it: a store of 50,000 synthetic families around the
 * current time in a temporary $XDG_DATA_HOME, signed in, and the session restored by the
 * app's own path: the store holds the session.* values poe_session_write_user() writes and
 * the keyring the token (schema APP_ID.Token, attributes server and username, as
 * src/app/session/poe-secret.c). So that nothing touches the user's own session, both
 * programs run on a private D-Bus session bus (GTestDBus) with a gnome-keyring-daemon of
 * their own and a private $XDG_RUNTIME_DIR. The server URL points at a closed loopback port:
 * the app starts offline, which is what "cached" means here.
 *
 * For profiling, POE_BENCH_APP_WRAPPER is a command line put before each measured program
 * (e.g. "perf record -g -o /tmp/poe.perf --"); its figures are then not the real ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "poe-core.h"

#include "poe-bench-app.h"
#include "poe-bench-util.h"

#define BENCH_USERNAME   "lead"
#define BENCH_SERVER_URL "http://127.0.0.1:9"
#define KEYRING_PASSWORD "poe-bench"
#define RUN_TIMEOUT_S    90
/* Under a wrapper (valgrind runs a start some 50 times slower). */
#define WRAPPED_RUN_TIMEOUT_S 1800

typedef struct
{
  gboolean             quick;
  const char * const  *filters;
  guint                runs;
  guint                n_families;
  guint                n_flights;
  char                *dir;
  char                *data_home;
  char                *runtime_dir;
  char                *schema_dir;     /* nullable: the caller's or the installed schema */
  char                *display;        /* the caller's, which GTestDBus unsets */
  char                *caller_runtime_dir;
  char                *caller_bus;
  GTestDBus           *bus;
  GSubprocess         *keyring;
  GStrv                env;            /* of the measured programs */
} App;

typedef struct
{
  double first_frame_ms;
  double rss_mb;
} Figures;

typedef struct
{
  GMainLoop *loop;
  char      *out;
  GError    *error;
  gboolean   timed_out;
} Run;


/*
 * Auxiliary methods
 */

/* The build tree's compiled schema when @desk_path is the build tree's poe-desk. */
static char *
find_schema_dir (const char *desk_path)
{
  g_autofree char *app_dir = g_path_get_dirname (desk_path);
  g_autofree char *data_dir = g_build_filename (app_dir, "..", "..", "data", NULL);
  g_autofree char *compiled = g_build_filename (data_dir, "gschemas.compiled", NULL);

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));

  return g_file_test (compiled, G_FILE_TEST_EXISTS) ? g_steal_pointer (&data_dir) : NULL;
}


/* The signed-in store */

/* What a sign-in leaves in the store (poe_session_write_user() in the app). */
static gboolean
write_session (PoeStore  *store,
               GError   **error)
{
  g_autoptr(PoeRecord) staff = poe_store_find_by_field (store, "staff", "username", BENCH_USERNAME, NULL);
  g_autofree char *staff_id = staff ? g_strdup (poe_record_get_id (staff)) : g_uuid_string_random ();
  g_autofree char *verifier = poe_password_hash (KEYRING_PASSWORD);
  const char *values[][2] = {
    { "session.server_url", BENCH_SERVER_URL },
    { "session.user_id", staff_id },
    { "session.username", BENCH_USERNAME },
    { "session.display_name", "Bench lead" },
    { "session.role", "lead" },
    { "session.poe", "JFK" },
    { "session.verifier", verifier },
  };

  if (!poe_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (!poe_store_set_sync_value (store, values[i][0], values[i][1], error))
        {
          poe_store_rollback (store);
          return FALSE;
        }
    }

  return poe_store_commit (store, error);
}

static gboolean
make_store (App     *app,
            GError **error)
{
  g_autofree char *dir = g_build_filename (app->data_home, PACKAGE_NAME, NULL);
  g_autofree char *path = g_build_filename (dir, "poe-desk.db", NULL);
  g_autoptr(PoeStore) store = NULL;
  gint64 start = g_get_monotonic_time ();
  PoeDemoOptions options;

  if (g_mkdir_with_parents (dir, 0700) != 0 || !(store = poe_store_open (path, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot make %s", dir);
      return FALSE;
    }

  /* Around the current time, so that the board's window holds flights. */
  poe_demo_options_init (&options);
  options.seed = 2026;
  options.n_flights = app->n_flights;
  options.n_families = app->n_families;
  options.with_staff = TRUE;
  if (!poe_bench_fill_store (store, &options, error) || !write_session (store, error))
    return FALSE;

  g_printerr ("poe-bench: made a signed-in store of %u families on %u flights in %.1f s\n",
              app->n_families, app->n_flights, poe_bench_seconds_since (start));
  return TRUE;
}


/* The private session: bus, keyring, token */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static gboolean
wait_for_name (const char  *address,
               const char  *name,
               GError     **error)
{
  g_autoptr(GDBusConnection) connection = NULL;
  gboolean owned = FALSE;

  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, error);
  if (connection == NULL)
    return FALSE;

  for (guint i = 0; i < 200 && !owned; i++)
    {
      g_autoptr(GVariant) reply = NULL;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
      if (reply == NULL)
        return FALSE;
      g_variant_get (reply, "(b)", &owned);
      if (!owned)
        g_usleep (50000);
    }

  g_dbus_connection_close_sync (connection, NULL, NULL);
  if (!owned)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no %s on the bench's session bus", name);

  return owned;
}

static gboolean
start_keyring (App     *app,
               GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GOutputStream *input;

  launcher = poe_bench_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_environ (launcher, app->env);
  app->keyring = g_subprocess_launcher_spawn (launcher, error, "gnome-keyring-daemon", "--foreground",
                                              "--unlock", "--components=secrets", NULL);
  if (app->keyring == NULL)
    return FALSE;

  input = g_subprocess_get_stdin_pipe (app->keyring);
  if (!g_output_stream_write_all (input, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL, error) ||
      !g_output_stream_close (input, NULL, error))
    return FALSE;

  return wait_for_name (g_test_dbus_get_bus_address (app->bus), "org.freedesktop.secrets", error);
}

static gboolean
store_token (GError **error)
{
  g_autofree char *token = g_uuid_string_random ();
  gboolean ok;

  ok = secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, "POE Desk bench sign-in",
                                   token, NULL, error,
                                   "server", BENCH_SERVER_URL, "username", BENCH_USERNAME, NULL);

  /* Drops libsecret's connection, so that the bus can go down cleanly. */
  secret_service_disconnect ();
  return ok;
}

static GStrv
build_env (App *app)
{
  GStrv env = g_get_environ ();

  env = g_environ_setenv (env, "DISPLAY", app->display ? app->display : "", TRUE);
  if (app->display == NULL)
    env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", app->runtime_dir, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", app->data_home, TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "POE_BENCH_FIRST_FRAME", "1", TRUE);
  if (app->schema_dir != NULL)
    env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", app->schema_dir, TRUE);

  return env;
}

static gboolean
start_session (App     *app,
               GError **error)
{
  app->display = g_strdup (g_getenv ("DISPLAY"));
  app->caller_runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  app->caller_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  app->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (app->bus, "/usr/share/dbus-1/services");
  g_test_dbus_up (app->bus);
  app->env = build_env (app);

  return start_keyring (app, error) && store_token (error);
}

static void
restore_env (const char *name,
             const char *value)
{
  if (value != NULL)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

static void
stop_session (App *app)
{
  if (app->keyring != NULL)
    {
      g_subprocess_send_signal (app->keyring, SIGTERM);
      g_subprocess_wait (app->keyring, NULL, NULL);
      g_clear_object (&app->keyring);
    }

  if (app->bus != NULL)
    {
      g_test_dbus_down (app->bus);
      g_clear_object (&app->bus);
      restore_env ("DISPLAY", app->display);
      restore_env ("XDG_RUNTIME_DIR", app->caller_runtime_dir);
      restore_env ("DBUS_SESSION_BUS_ADDRESS", app->caller_bus);
    }
}


/* Runs */

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, NULL, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
run_timed_out_cb (gpointer user_data)
{
  GSubprocess *process = user_data;

  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_line (const char  *out,
            const char  *path,
            Figures     *figures,
            GError     **error)
{
  const char *line = out ? strstr (out, "first-frame ") : NULL;
  gint64 us = 0;
  long rss_kb = 0;

  if (line == NULL || sscanf (line, "first-frame %" G_GINT64_FORMAT " rss-kb %ld", &us, &rss_kb) != 2 ||
      us <= 0 || rss_kb <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no first-frame line", path);
      return FALSE;
    }

  figures->first_frame_ms = us / 1000.0;
  figures->rss_mb = rss_kb / 1024.0;
  return TRUE;
}

/* Starts @path and waits for its line and its end; kills it after RUN_TIMEOUT_S (or
 * WRAPPED_RUN_TIMEOUT_S under POE_BENCH_APP_WRAPPER). */
static gboolean
run_once (App         *app,
          const char  *path,
          Figures     *figures,
          GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSubprocessLauncher) launcher = poe_bench_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSource) timeout = NULL;
  const char *wrapper = g_getenv ("POE_BENCH_APP_WRAPPER");
  Run run = { 0 };
  char exec_us[32];
  gboolean ok;

  g_subprocess_launcher_set_environ (launcher, app->env);
  g_snprintf (exec_us, sizeof exec_us, "%" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_subprocess_launcher_setenv (launcher, "POE_BENCH_EXEC_US", exec_us, TRUE);
  if (wrapper != NULL && *wrapper != '\0')
    {
      g_auto(GStrv) argv = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (!g_shell_parse_argv (wrapper, NULL, &argv, error))
        return FALSE;
      g_strv_builder_addv (builder, (const char **) argv);
      g_strv_builder_add (builder, path);
      g_clear_pointer (&argv, g_strfreev);
      argv = g_strv_builder_end (builder);
      process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
    }
  else
    {
      process = g_subprocess_launcher_spawn (launcher, error, path, NULL);
    }
  if (process == NULL)
    return FALSE;

  g_main_context_push_thread_default (context);
  run.loop = g_main_loop_new (context, FALSE);
  timeout = g_timeout_source_new_seconds (wrapper != NULL && *wrapper != '\0' ? WRAPPED_RUN_TIMEOUT_S
                                                                             : RUN_TIMEOUT_S);
  g_source_set_callback (timeout, run_timed_out_cb, process, NULL);
  g_source_attach (timeout, context);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
  g_main_loop_run (run.loop);
  g_source_destroy (timeout);
  g_main_loop_unref (run.loop);
  g_main_context_pop_thread_default (context);

  g_subprocess_wait (process, NULL, NULL);
  ok = run.error == NULL && parse_line (run.out, path, figures, error);
  if (run.error != NULL)
    g_propagate_error (error, run.error);
  g_free (run.out);
  return ok;
}

/* The programs take turns, a warm-up each and then a run each per round, so that a machine
 * that gets slower or faster in the meantime moves the baseline as much as the app. */
static gboolean
measure (App                *app,
         const char * const *paths,
         guint               n_paths,
         Figures            *results,
         GError            **error)
{
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) rss = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint p = 0; p < n_paths; p++)
    {
      g_ptr_array_add (frames, g_array_new (FALSE, FALSE, sizeof (double)));
      g_ptr_array_add (rss, g_array_new (FALSE, FALSE, sizeof (double)));
    }

  for (guint i = 0; i <= app->runs; i++)
    for (guint p = 0; p < n_paths; p++)
      {
        Figures figures;

        if (!run_once (app, paths[p], &figures, error))
          return FALSE;
        if (i == 0)
          continue;
        g_array_append_val (g_ptr_array_index (frames, p), figures.first_frame_ms);
        g_array_append_val (g_ptr_array_index (rss, p), figures.rss_mb);
      }

  for (guint p = 0; p < n_paths; p++)
    {
      results[p].first_frame_ms = poe_bench_median (g_ptr_array_index (frames, p));
      results[p].rss_mb = poe_bench_median (g_ptr_array_index (rss, p));
    }

  return TRUE;
}

static void
print_figures (App           *app,
               const Figures *empty,
               const Figures *desk)
{
  g_autofree char *extra = g_strdup_printf ("\"runs\": %u, \"renderer\": \"cairo\"", app->runs);

  if (poe_bench_wanted (app->filters, "baseline.gtk_empty_window_first_frame_ms"))
    poe_bench_print_figure ("baseline.gtk_empty_window_first_frame_ms", empty->first_frame_ms, "ms", 0, extra);
  if (poe_bench_wanted (app->filters, "baseline.gtk_empty_window_rss_mb"))
    poe_bench_print_figure ("baseline.gtk_empty_window_rss_mb", empty->rss_mb, "MB", 0, extra);
  if (desk == NULL)
    return;

  g_free (extra);
  extra = g_strdup_printf ("\"families\": %u, \"flights\": %u, \"runs\": %u, \"renderer\": \"cairo\","
                           " \"baseline_value\": %.1f, \"delta\": %.1f, \"delta_target\": 60",
                           app->n_families, app->n_flights, app->runs, empty->first_frame_ms,
                           desk->first_frame_ms - empty->first_frame_ms);
  if (poe_bench_wanted (app->filters, "app.first_frame_50k_families_ms"))
    poe_bench_print_figure ("app.first_frame_50k_families_ms", desk->first_frame_ms, "ms",
                  empty->first_frame_ms + 60, extra);

  g_free (extra);
  extra = g_strdup_printf ("\"families\": %u, \"flights\": %u, \"runs\": %u, \"renderer\": \"cairo\","
                           " \"baseline_value\": %.1f, \"delta\": %.1f, \"delta_target\": 40",
                           app->n_families, app->n_flights, app->runs, empty->rss_mb,
                           desk->rss_mb - empty->rss_mb);
  if (poe_bench_wanted (app->filters, "app.rss_50k_families_mb"))
    poe_bench_print_figure ("app.rss_50k_families_mb", desk->rss_mb, "MB", empty->rss_mb + 40, extra);
}

static gboolean
run_benches (App         *app,
             const char  *desk_path,
             const char  *empty_window_path,
             GError     **error)
{
  gboolean with_desk = poe_bench_wanted (app->filters, "app.first_frame_50k_families_ms") ||
                       poe_bench_wanted (app->filters, "app.rss_50k_families_mb");
  const char * const paths[] = { empty_window_path, desk_path };
  Figures figures[G_N_ELEMENTS (paths)] = { { 0 } };

  if (!(app->dir = g_dir_make_tmp ("poe-bench-app-XXXXXX", error)))
    return FALSE;

  app->data_home = g_build_filename (app->dir, "data", NULL);
  app->runtime_dir = g_build_filename (app->dir, "run", NULL);
  app->schema_dir = find_schema_dir (desk_path);
  if (g_mkdir_with_parents (app->data_home, 0700) != 0 || g_mkdir_with_parents (app->runtime_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot make the bench's folders");
      return FALSE;
    }

  if ((with_desk && !make_store (app, error)) ||
      !start_session (app, error) ||
      !measure (app, paths, with_desk ? 2 : 1, figures, error))
    return FALSE;

  print_figures (app, &figures[0], with_desk ? &figures[1] : NULL);
  return TRUE;
}

static void
app_clear (App *app)
{
  stop_session (app);
  if (app->dir != NULL)
    poe_bench_remove_tree (app->dir);
  g_free (app->dir);
  g_free (app->data_home);
  g_free (app->runtime_dir);
  g_free (app->schema_dir);
  g_free (app->display);
  g_free (app->caller_runtime_dir);
  g_free (app->caller_bus);
  g_strfreev (app->env);
}


/*
 * Public API
 */

/**
 * poe_bench_app_run:
 * @desk_path: the poe-desk program
 * @empty_window_path: the poe-empty-window program
 * @quick: small sizes and few runs, for a smoke test
 * @filters: (nullable) (array zero-terminated=1): parts of the names of the benchmarks to run
 *
 * Runs the app benchmarks and prints their figures. Needs $DISPLAY; the session bus, keyring
 * and data folder are the bench's own and are removed at the end.
 *
 * Returns: %FALSE with @error set when a benchmark could not run
 */
gboolean
poe_bench_app_run (const char          *desk_path,
                   const char          *empty_window_path,
                   gboolean             quick,
                   const char * const  *filters,
                   GError             **error)
{
  static const char * const names[] = {
    "baseline.gtk_empty_window_first_frame_ms", "baseline.gtk_empty_window_rss_mb",
    "app.first_frame_50k_families_ms", "app.rss_50k_families_mb",
  };
  App app = { .quick = quick, .filters = filters };
  gboolean any = FALSE, ok;

  g_return_val_if_fail (desk_path != NULL, FALSE);
  g_return_val_if_fail (empty_window_path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    any |= poe_bench_wanted (filters, names[i]);
  if (!any)
    return TRUE;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the app benchmarks need a display: run poe-bench under tests/session-wrapper --display");
      return FALSE;
    }

  app.runs = quick ? 2 : 5;
  app.n_families = quick ? 2000 : 50000;
  app.n_flights = quick ? 400 : 10000;
  ok = run_benches (&app, desk_path, empty_window_path, error);
  app_clear (&app);
  return ok;
}
