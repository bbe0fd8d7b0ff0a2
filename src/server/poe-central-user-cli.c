/* poe-central-user-cli.c
 *
 * `poe-central user …`: the accounts, from the administrator's shell.
 *
 *   user add NAME --role ROLE --poe IATA --db PATH    (password on standard input)
 *   user list --db PATH
 *   user disable NAME --db PATH | user enable NAME --db PATH
 *   user set-role NAME ROLE --db PATH
 *   user reset-password NAME --db PATH                (standard input, or a prompt without echo)
 *
 * Each writes the database and exits; a running server sees the change at its next request
 * (docs/roles.md, "Accounts"). Passwords never come from the command line, which other users
 * can read in the process list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "poe-access.h"
#include "poe-central-demo.h"
#include "poe-central-user-cli.h"

#define PASSWORD_MAX 1024


/*
 * Auxiliary methods
 */

static char *
read_line (void)
{
  char line[PASSWORD_MAX + 2];
  char *password = NULL;
  gsize len;

  if (fgets (line, sizeof line, stdin) != NULL)
    {
      len = strcspn (line, "\r\n");
      line[len] = '\0';
      password = len > 0 ? g_strdup (line) : NULL;
    }

  sodium_memzero (line, sizeof line);

  return password;
}

/* On a terminal the password is typed without echo; otherwise it is the first line of input. */
static char *
prompt_password (const char *prompt)
{
  struct termios saved, quiet;
  char *password;

  if (!isatty (STDIN_FILENO) || tcgetattr (STDIN_FILENO, &saved) != 0)
    return read_line ();

  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  g_printerr ("%s", prompt);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  password = read_line ();
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");

  return password;
}

static void
free_password (char *password)
{
  if (password == NULL)
    return;

  sodium_memzero (password, strlen (password));
  g_free (password);
}

/* The new password; typed twice on a terminal. NULL (after a message) when there is none. */
static char *
read_new_password (const char *username)
{
  g_autofree char *prompt = g_strdup_printf ("New password for %s: ", username);
  char *password = prompt_password (prompt);
  char *again;

  if (password == NULL || !isatty (STDIN_FILENO))
    {
      if (password == NULL)
        g_printerr ("poe-central: give the new password on standard input\n");
      return password;
    }

  again = prompt_password ("Type it again: ");
  if (g_strcmp0 (password, again) != 0)
    {
      g_printerr ("poe-central: the two passwords differ; nothing was changed\n");
      g_clear_pointer (&password, free_password);
    }
  free_password (again);

  return password;
}

static PoeServer *
open_server (const char  *db,
             GError     **error)
{
  g_autoptr(PoeBackend) backend = poe_backend_sqlite_new ();

  if (!backend->ops->open (backend, db, error))
    return NULL;

  return poe_server_new (g_steal_pointer (&backend), 0);
}

static int
list_users (PoeServer *server)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autoptr(GPtrArray) users = backend->ops->user_list (backend);

  g_print ("%-24s %-10s %-4s %s\n", "USER", "ROLE", "POE", "STATE");
  for (guint i = 0; i < users->len; i++)
    {
      PoeUser *user = g_ptr_array_index (users, i);

      g_print ("%-24s %-10s %-4s %s\n", user->username, user->role, user->poe,
               user->disabled ? "disabled" : "enabled");
    }

  return 0;
}

static gboolean
add_user (PoeServer   *server,
          const char  *name,
          const char  *role,
          const char  *poe,
          GError     **error)
{
  char *password = read_line ();
  gboolean done;

  if (password == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "give the new user's password on standard input");
      return FALSE;
    }

  done = poe_central_add_user (server, name, role, poe, password, error);
  free_password (password);

  return done;
}

static gboolean
reset_password (PoeServer   *server,
                const char  *name,
                GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autoptr(PoeUser) user = backend->ops->user_lookup (backend, name);
  char *password;
  gboolean done;

  if (user == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no user %s", name);
      return FALSE;
    }

  password = read_new_password (name);
  if (password == NULL)
    return FALSE;

  done = poe_central_set_user_password (server, name, password, error);
  free_password (password);

  return done;
}

/* Checks the words after "user" and the options they need; prints the usage when wrong. */
static gboolean
check_arguments (const char         *db,
                 const char         *role,
                 const char         *poe,
                 const char * const *args,
                 guint               n_args)
{
  const char *command = n_args > 0 ? args[0] : "";
  static const char usage[] =
    "poe-central: user add NAME --role ROLE --poe IATA | list | disable NAME | enable NAME |"
    " set-role NAME ROLE | reset-password NAME, each with --db PATH\n";

  if (db == NULL ||
      !((g_str_equal (command, "add") && n_args == 2) ||
        (g_str_equal (command, "list") && n_args == 1) ||
        (g_strv_contains ((const char * const[]) { "disable", "enable", "reset-password", NULL }, command) &&
         n_args == 2) ||
        (g_str_equal (command, "set-role") && n_args == 3)))
    {
      g_printerr ("%s", usage);
      return FALSE;
    }

  if (g_str_equal (command, "add") && (!poe_role_is_valid (role) || poe == NULL))
    {
      g_printerr ("poe-central: user add NAME needs --role agent|lead|supervisor|admin,"
                  " --poe IATA and --db PATH\n");
      return FALSE;
    }

  if (g_str_equal (command, "set-role") && !poe_role_is_valid (args[2]))
    {
      g_printerr ("poe-central: %s is not a role: agent, lead, supervisor or admin\n", args[2]);
      return FALSE;
    }

  /* Only `add` may start a new database: a mistyped path must not look like an empty one. */
  if (!g_str_equal (command, "add") && !g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("poe-central: there is no database at %s\n", db);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run (PoeServer           *server,
     const char          *role,
     const char          *poe,
     const char * const  *args,
     GError             **error)
{
  const char *command = args[0];
  const char *name = args[1];

  if (g_str_equal (command, "add"))
    return add_user (server, name, role, poe, error);
  if (g_str_equal (command, "disable") || g_str_equal (command, "enable"))
    return poe_central_set_user_disabled (server, name, g_str_equal (command, "disable"), error);
  if (g_str_equal (command, "set-role"))
    return poe_central_set_user_role (server, name, args[2], error);

  return reset_password (server, name, error);
}


/*
 * Public API
 */

/**
 * poe_central_user_cli:
 * @args: the words after "user": the command and its arguments
 *
 * Returns: the exit status: 0 done, 1 failed, 2 wrong usage
 */
int
poe_central_user_cli (const char         *db,
                      const char         *role,
                      const char         *poe,
                      const char * const *args,
                      guint               n_args)
{
  g_autoptr(PoeServer) server = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const done[] = {
    "add", "added", "disable", "disabled; their sign-ins are revoked", "enable", "enabled",
    "set-role", "has a new role", "reset-password", "has a new password; their sign-ins are revoked",
  };

  if (!check_arguments (db, role, poe, args, n_args))
    return 2;

  server = open_server (db, &error);
  if (server == NULL)
    {
      g_printerr ("poe-central: %s\n", error->message);
      return 1;
    }

  if (g_str_equal (args[0], "list"))
    return list_users (server);

  if (!run (server, role, poe, args, &error))
    {
      if (error != NULL)
        g_printerr ("poe-central: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (done); i += 2)
    {
      if (g_str_equal (done[i], args[0]))
        g_print ("poe-central: user %s %s\n", args[1], done[i + 1]);
    }

  return 0;
}
