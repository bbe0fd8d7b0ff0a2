/* poe-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "poe-test-server.h"

struct _PoeTestServer
{
  GSubprocess *process;
  GStrv        extra_args;
  char        *listen;     /* "127.0.0.1:0" for any free port */
  char        *dir;
  char        *db;
  char        *url;
};


/*
 * Auxiliary methods
 */

static const char *
central_path (void)
{
  const char *path = g_getenv ("POE_CENTRAL");

  g_assert_nonnull (path);

  return path;
}

/* A test that aborts must not leave its server running: meson would wait for the
 * server's copy of the output pipes until the test times out. */
static void
die_with_parent_cb (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
start (PoeTestServer *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *line = NULL;
  const char *prefix = "poe-central: listening on ";

  g_strv_builder_add_many (builder, central_path (), "--listen", self->listen ? self->listen : "127.0.0.1:0",
                           "--db", self->db, NULL);
  if (self->extra_args != NULL)
    g_strv_builder_addv (builder, (const char **) self->extra_args);
  argv = g_strv_builder_end (builder);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, &error);
  g_assert_no_error (error);

  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));

  g_free (self->url);
  self->url = g_strdup (line + strlen (prefix));
}

static size_t
write_body_cb (char   *data,
               size_t  size,
               size_t  count,
               void   *user_data)
{
  g_string_append_len (user_data, data, size * count);

  return size * count;
}

static size_t
write_header_cb (char   *data,
                 size_t  size,
                 size_t  count,
                 void   *user_data)
{
  g_autofree char *line = g_strndup (data, size * count);
  char *colon = strchr (line, ':');

  if (colon != NULL)
    {
      *colon = '\0';
      g_hash_table_replace (user_data, g_ascii_strdown (line, -1), g_strdup (g_strstrip (colon + 1)));
    }

  return size * count;
}


/*
 * Public API
 */

/**
 * poe_test_server_new:
 * @extra_args: (nullable): more options, such as "--token-hours", "0.001"
 *
 * Starts poe-central and waits for its first line.
 */
PoeTestServer *
poe_test_server_new (const char * const *extra_args)
{
  PoeTestServer *self = g_new0 (PoeTestServer, 1);
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("poe-test-server-XXXXXX", &error);
  g_assert_no_error (error);
  self->db = g_build_filename (self->dir, "central.sqlite", NULL);
  self->extra_args = g_strdupv ((char **) extra_args);
  start (self);

  return self;
}

void
poe_test_server_free (PoeTestServer *self)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (self == NULL)
    return;

  if (self->process != NULL)
    poe_test_server_stop (self);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (self->db, suffixes[i], NULL);

      g_unlink (path);
    }

  g_rmdir (self->dir);
  g_free (self->dir);
  g_free (self->db);
  g_free (self->url);
  g_free (self->listen);
  g_strfreev (self->extra_args);
  g_free (self);
}

const char *
poe_test_server_get_url (PoeTestServer *self)
{
  return self->url;
}

const char *
poe_test_server_get_db (PoeTestServer *self)
{
  return self->db;
}

/* Runs `poe-central user add` against the running server's database. */
void
poe_test_server_add_user (PoeTestServer *self,
                          const char    *username,
                          const char    *role,
                          const char    *poe,
                          const char    *password)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                              &error, central_path (), "user", "add", username, "--role", role,
                              "--poe", poe, "--db", self->db, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/* SIGTERM: the server must exit cleanly. */
void
poe_test_server_stop (PoeTestServer *self)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self->process);
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait_check (self->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&self->process);
}

void
poe_test_server_kill (PoeTestServer *self)
{
  g_assert_nonnull (self->process);
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

void
poe_test_server_restart (PoeTestServer *self)
{
  if (self->process != NULL)
    poe_test_server_stop (self);

  start (self);
}

/**
 * poe_test_server_restart_same_port:
 * @extra_args: (nullable): the options of the new process (say, without --demo, which would
 *   seed a second day)
 *
 * Stops the server if it runs and starts it again on the address it had, as a real server
 * comes back after an outage.
 */
void
poe_test_server_restart_same_port (PoeTestServer      *self,
                                   const char * const *extra_args)
{
  const char *authority = strstr (self->url, "://");

  g_assert_nonnull (authority);
  if (self->process != NULL)
    poe_test_server_stop (self);

  g_free (self->listen);
  self->listen = g_strdup (authority + 3);
  g_strfreev (self->extra_args);
  self->extra_args = g_strdupv ((char **) extra_args);
  start (self);
}

/**
 * poe_test_server_request:
 * @token: (nullable): bearer token
 * @body: (nullable): request body, sent as JSON
 */
PoeTestResponse *
poe_test_server_request (PoeTestServer *self,
                         const char    *method,
                         const char    *path,
                         const char    *token,
                         const char    *body)
{
  PoeTestResponse *response = g_new0 (PoeTestResponse, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autofree char *auth = NULL;
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  long status = 0;
  CURLcode code;

  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  headers = curl_slist_append (headers, "Content-Type: application/json");
  if (token != NULL)
    {
      auth = g_strconcat ("Authorization: Bearer ", token, NULL);
      headers = curl_slist_append (headers, auth);
    }

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_body_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, text);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, write_header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, response->headers);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 90L);
  if (body != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (body));
    }

  code = curl_easy_perform (curl);
  g_assert_cmpint (code, ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  response->status = status;
  response->body = g_string_free (g_steal_pointer (&text), FALSE);
  response->json = json_from_string (response->body, NULL);

  return response;
}

/**
 * poe_test_server_login:
 * @staff_id: (out) (optional): the user's staff id
 *
 * Returns: (transfer full): a token; the sign-in must succeed
 */
char *
poe_test_server_login (PoeTestServer  *self,
                       const char     *username,
                       const char     *password,
                       char          **staff_id)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\","
                                           " \"device\": \"test\"}", username, password);
  g_autoptr(PoeTestResponse) response = poe_test_server_request (self, "POST", "/v1/auth/login",
                                                                 NULL, body);
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  object = poe_test_response_object (response);
  if (staff_id != NULL)
    *staff_id = g_strdup (json_object_get_string_member (json_object_get_object_member (object, "user"), "id"));

  return g_strdup (json_object_get_string_member (object, "token"));
}

JsonObject *
poe_test_response_object (PoeTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

const char *
poe_test_response_header (PoeTestResponse *response,
                          const char      *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (response->headers, lower);
}

void
poe_test_response_free (PoeTestResponse *response)
{
  if (response == NULL)
    return;

  g_hash_table_unref (response->headers);
  g_free (response->body);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}
