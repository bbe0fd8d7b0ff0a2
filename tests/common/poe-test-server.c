/* poe-test-server.c
 *
 * The test server and its client. Every answer the client receives is checked against
 * data/api/openapi.yaml (read once through /usr/bin/python3 and python3-yaml): its
 * operation, status and headers must be declared there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <curl/curl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <string.h>

#include "poe-test-server.h"

#include <stdlib.h>
#include <unistd.h>

struct _PoeTestServer
{
  GSubprocess *process;
  GStrv        extra_args;
  char        *listen;     /* "127.0.0.1:0" for any free port */
  char        *dir;
  char        *db;
  char        *url;
  guint        max_files;  /* RLIMIT_NOFILE of the server; 0: inherited */
};

/* Headers every HTTP answer may carry without the API description naming them. */
static const char * const generic_headers[] = {
  "date", "content-length", "content-type", "connection", "server", "transfer-encoding",
  "keep-alive", NULL
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
  guint max_files = GPOINTER_TO_UINT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (max_files > 0)
    {
      struct rlimit limit = { max_files, max_files };

      setrlimit (RLIMIT_NOFILE, &limit);
    }
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
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb,
                                         GUINT_TO_POINTER (self->max_files), NULL);
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

/* data/api/openapi.yaml as JSON, read once. */
static JsonObject *
openapi (void)
{
  static JsonNode *root;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)",
    NULL, NULL
  };

  if (root != NULL)
    return json_node_get_object (root);

  path = g_build_filename (g_getenv ("POE_SOURCE_ROOT"), "data", "api", "openapi.yaml", NULL);
  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  root = json_from_string (text, &error);
  g_assert_no_error (error);

  return json_node_get_object (root);
}

/* Follows a "#/components/…" reference. */
static JsonObject *
resolve (JsonObject *object)
{
  const char *ref;
  g_auto(GStrv) parts = NULL;
  JsonObject *at = openapi ();

  if (object == NULL || !json_object_has_member (object, "$ref"))
    return object;

  ref = json_object_get_string_member (object, "$ref");
  g_assert_true (g_str_has_prefix (ref, "#/"));
  parts = g_strsplit (ref + 2, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_assert_true (json_object_has_member (at, parts[i]));
      at = json_object_get_object_member (at, parts[i]);
    }

  return at;
}

/**
 * poe_test_openapi_check:
 * @headers: lower-case name → value
 *
 * Fails the test unless data/api/openapi.yaml declares this answer: the operation (or, for
 * a path or method it does not serve, x-poe-answers-without-operation), the status, and every
 * header besides the generic ones.
 */
void
poe_test_openapi_check (const char *method,
                        const char *path,
                        guint       status,
                        GHashTable *headers)
{
  JsonObject *paths = json_object_get_object_member (openapi (), "paths");
  g_autofree char *bare = g_strndup (path, strcspn (path, "?"));
  g_autofree char *lower = g_ascii_strdown (method, -1);
  g_autofree char *code = g_strdup_printf ("%u", status);
  JsonObject *responses = NULL;
  JsonObject *response;
  JsonObject *declared = NULL;
  GHashTableIter iter;
  const char *name;

  if (json_object_has_member (paths, bare) &&
      json_object_has_member (json_object_get_object_member (paths, bare), lower))
    responses = json_object_get_object_member (json_object_get_object_member (json_object_get_object_member (paths, bare), lower), "responses");
  else
    responses = json_object_get_object_member (openapi (), "x-poe-answers-without-operation");

  if (!json_object_has_member (responses, code))
    g_error ("data/api/openapi.yaml does not declare %s %s → %u", method, bare, status);

  response = resolve (json_object_get_object_member (responses, code));
  if (json_object_has_member (response, "headers"))
    declared = json_object_get_object_member (response, "headers");

  g_hash_table_iter_init (&iter, headers);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      gboolean found = g_strv_contains (generic_headers, name);
      GList *members = declared != NULL ? json_object_get_members (declared) : NULL;

      for (GList *l = members; l != NULL && !found; l = l->next)
        found = g_ascii_strcasecmp (l->data, name) == 0;
      g_list_free (members);

      if (!found)
        g_error ("data/api/openapi.yaml does not declare the header %s of %s %s → %u",
                 name, method, bare, status);
    }
}

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

/**
 * poe_test_server_new_limited:
 * @max_files: the server's limit of open descriptors (RLIMIT_NOFILE)
 */
PoeTestServer *
poe_test_server_new_limited (const char * const *extra_args,
                             guint               max_files)
{
  PoeTestServer *self = g_new0 (PoeTestServer, 1);
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("poe-test-server-XXXXXX", &error);
  g_assert_no_error (error);
  self->db = g_build_filename (self->dir, "central.sqlite", NULL);
  self->extra_args = g_strdupv ((char **) extra_args);
  self->max_files = max_files;
  start (self);

  return self;
}

int
poe_test_server_get_pid (PoeTestServer *self)
{
  const char *id = g_subprocess_get_identifier (self->process);

  g_assert_nonnull (id);

  return atoi (id);
}

/**
 * poe_test_server_rss_is_meaningful:
 *
 * Under AddressSanitizer (the sanitizer pass builds the server and the tests alike) freed memory
 * stays in quarantine and shadow memory comes on top: the server's RSS says nothing about its
 * own memory, and tests skip their RSS checks.
 */
gboolean
poe_test_server_rss_is_meaningful (void)
{
#ifdef __SANITIZE_ADDRESS__
  return FALSE;
#else
  return TRUE;
#endif
}

/* The server's resident memory in bytes, from /proc. */
guint64
poe_test_server_get_rss (PoeTestServer *self)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/statm", poe_test_server_get_pid (self));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  fields = g_strsplit (text, " ", -1);
  g_assert_nonnull (fields[1]);

  return g_ascii_strtoull (fields[1], NULL, 10) * (guint64) sysconf (_SC_PAGESIZE);
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
 * poe_test_server_request_with:
 * @options: (nullable): where from and what to send
 * @token: (nullable): bearer token
 * @body: (nullable): request body
 *
 * Sends one request and checks the answer against data/api/openapi.yaml.
 */
PoeTestResponse *
poe_test_server_request_with (PoeTestServer               *self,
                              const PoeTestRequestOptions *options,
                              const char                  *method,
                              const char                  *path,
                              const char                  *token,
                              const char                  *body)
{
  PoeTestResponse *response = g_new0 (PoeTestResponse, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autofree char *auth = NULL;
  g_autofree char *type = NULL;
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  long status = 0;
  CURLcode code;

  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  type = g_strconcat ("Content-Type: ", options != NULL && options->content_type != NULL ?
                      options->content_type : "application/json", NULL);
  headers = curl_slist_append (headers, type);
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
  if (options != NULL && options->source != NULL)
    curl_easy_setopt (curl, CURLOPT_INTERFACE, options->source);
  if (body != NULL)
    {
      gsize length = options != NULL && options->body_length > 0 ? options->body_length : strlen (body);

      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
    }

  code = curl_easy_perform (curl);
  g_assert_cmpint (code, ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  response->status = status;
  response->body = g_string_free (g_steal_pointer (&text), FALSE);
  response->json = json_from_string (response->body, NULL);
  poe_test_openapi_check (method, path, response->status, response->headers);

  return response;
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
  return poe_test_server_request_with (self, NULL, method, path, token, body);
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
