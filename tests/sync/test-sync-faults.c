/* test-sync-faults.c
 *
 * The sync engine against a broken network and a crashing client or server. A small proxy
 * on 127.0.0.1 between the engine and a real poe-central forwards requests, or answers
 * with a fault instead: cut-off or unreadable JSON, a web page, server errors, rate
 * limits, a slow drip, a hung or dropped connection. Then the client (a child process
 * running the engine) and the server are killed with SIGKILL in the middle of pushes.
 * Afterwards every mutation must be on the server exactly once. All data is synthetic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "poe-sync-test-utils.h"

#define CHILD_ARG "--sync-child"

typedef enum
{
  FAULT_PASS,
  FAULT_TRUNCATED_JSON,
  FAULT_CUT_OFF,
  FAULT_HTML,
  FAULT_WRONG_TYPE,
  FAULT_500,
  FAULT_502,
  FAULT_503,
  FAULT_429,
  FAULT_DRIP,
  FAULT_HANG,
  FAULT_RESET,
  FAULT_CUT_AFTER_SERVER,
} Fault;

typedef struct
{
  GSocket      *listener;
  guint16       port;
  char         *url;
  GThread      *accept_thread;
  GCancellable *cancellable;

  GMutex        mutex;
  Fault         fault;
  guint16       upstream_port;
  GPtrArray    *threads;
  GArray       *times;       /* gint64 monotonic time of each request */
} Proxy;

typedef struct
{
  Proxy   *proxy;
  GSocket *socket;
} Connection;

typedef struct
{
  PoeTestServer *server;
  char          *dir;
  char          *token;
  char          *staff_id;
  Proxy         *proxy;
} Fixture;


/*
 * The proxy
 */

static guint16
port_of_url (const char *url)
{
  const char *colon = strrchr (url, ':');

  g_assert_nonnull (colon);
  return (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
}

static Fault
proxy_get_fault (Proxy *proxy)
{
  Fault fault;

  g_mutex_lock (&proxy->mutex);
  fault = proxy->fault;
  g_mutex_unlock (&proxy->mutex);

  return fault;
}

static void
proxy_set_fault (Proxy *proxy,
                 Fault  fault)
{
  g_mutex_lock (&proxy->mutex);
  proxy->fault = fault;
  g_mutex_unlock (&proxy->mutex);
}

static void
proxy_set_upstream (Proxy      *proxy,
                    const char *url)
{
  g_mutex_lock (&proxy->mutex);
  proxy->upstream_port = port_of_url (url);
  g_mutex_unlock (&proxy->mutex);
}

static guint
proxy_count_requests (Proxy *proxy)
{
  guint count;

  g_mutex_lock (&proxy->mutex);
  count = proxy->times->len;
  g_mutex_unlock (&proxy->mutex);

  return count;
}

static gint64
proxy_request_time (Proxy *proxy,
                    guint  index)
{
  gint64 time;

  g_mutex_lock (&proxy->mutex);
  time = g_array_index (proxy->times, gint64, index);
  g_mutex_unlock (&proxy->mutex);

  return time;
}

static gboolean
send_all (Proxy      *proxy,
          GSocket    *socket,
          const char *data,
          gsize       length)
{
  while (length > 0)
    {
      gssize sent = g_socket_send (socket, data, length, proxy->cancellable, NULL);

      if (sent <= 0)
        return FALSE;
      data += sent;
      length -= sent;
    }

  return TRUE;
}

/* Reads one request (head and Content-Length body); NULL when the client went away. */
static GString *
read_request (Proxy   *proxy,
              GSocket *socket)
{
  g_autoptr(GString) request = g_string_new (NULL);
  gsize wanted = G_MAXSIZE;
  char buffer[16384];

  while (request->len < wanted)
    {
      gssize got = g_socket_receive (socket, buffer, sizeof buffer, proxy->cancellable, NULL);
      const char *end;

      if (got <= 0)
        return NULL;
      g_string_append_len (request, buffer, got);

      if (wanted == G_MAXSIZE && (end = strstr (request->str, "\r\n\r\n")) != NULL)
        {
          g_autofree char *head = g_ascii_strdown (request->str, end - request->str);
          const char *length = strstr (head, "\r\ncontent-length:");

          wanted = (end - request->str) + 4;
          if (length != NULL)
            wanted += g_ascii_strtoull (length + strlen ("\r\ncontent-length:"), NULL, 10);
        }
    }

  return g_steal_pointer (&request);
}

/* The request with "Connection: close", so one connection carries one exchange. */
static char *
close_after (GString *request)
{
  const char *end = strstr (request->str, "\r\n");

  return g_strdup_printf ("%.*s\r\nConnection: close%s", (int) (end - request->str), request->str, end);
}

static GString *
forward (Proxy   *proxy,
         GString *request,
         GSocket *client)
{
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *rewritten = close_after (request);
  guint16 port;
  char buffer[16384];
  gssize got;

  g_mutex_lock (&proxy->mutex);
  port = proxy->upstream_port;
  g_mutex_unlock (&proxy->mutex);

  g_socket_client_set_enable_proxy (connector, FALSE);
  upstream = g_socket_client_connect_to_host (connector, "127.0.0.1", port, proxy->cancellable, NULL);
  if (upstream == NULL)
    return NULL;

  if (!send_all (proxy, g_socket_connection_get_socket (upstream), rewritten, strlen (rewritten)))
    return NULL;

  /* Streamed through as it comes, unless the whole answer is wanted (client == NULL). */
  while ((got = g_socket_receive (g_socket_connection_get_socket (upstream), buffer, sizeof buffer,
                                  proxy->cancellable, NULL)) > 0)
    {
      g_string_append_len (answer, buffer, got);
      if (client != NULL && !send_all (proxy, client, buffer, got))
        break;
    }

  return g_steal_pointer (&answer);
}

static void
answer_canned (Proxy      *proxy,
               GSocket    *socket,
               const char *status,
               const char *headers,
               const char *body)
{
  g_autofree char *text = g_strdup_printf ("HTTP/1.1 %s\r\nConnection: close\r\n%s"
                                           "Content-Length: %zu\r\n\r\n%s",
                                           status, headers, strlen (body), body);

  send_all (proxy, socket, text, strlen (text));
}

static void
wait_for_hangup (Proxy   *proxy,
                 GSocket *socket)
{
  char buffer[256];

  while (g_socket_receive (socket, buffer, sizeof buffer, proxy->cancellable, NULL) > 0)
    ;
}

static void
drip (Proxy   *proxy,
      GSocket *socket)
{
  const char *head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100000\r\n\r\n{";

  if (!send_all (proxy, socket, head, strlen (head)))
    return;

  for (guint i = 0; i < 200 && !g_cancellable_is_cancelled (proxy->cancellable); i++)
    {
      g_usleep (100 * 1000);
      if (!send_all (proxy, socket, " ", 1))
        return;
    }
}

static void
serve (Proxy   *proxy,
       GSocket *socket,
       GString *request)
{
  g_autoptr(GString) answer = NULL;

  switch (proxy_get_fault (proxy))
    {
    case FAULT_PASS:
      answer = forward (proxy, request, socket);
      break;

    case FAULT_TRUNCATED_JSON:
      answer_canned (proxy, socket, "200 OK", "Content-Type: application/json\r\n",
                     "{\"results\": [{\"mutation_id\": \"");
      break;

    case FAULT_CUT_OFF:
      {
        const char *cut = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 5000\r\n\r\n{\"results\": [";

        send_all (proxy, socket, cut, strlen (cut));
      }
      break;

    case FAULT_HTML:
      answer_canned (proxy, socket, "200 OK", "Content-Type: text/html\r\n",
                     "<html><body>Sign in to the airport Wi-Fi</body></html>");
      break;

    case FAULT_WRONG_TYPE:
      answer_canned (proxy, socket, "200 OK", "Content-Type: text/plain\r\n", "{\"results\": []}");
      break;

    case FAULT_500:
      answer_canned (proxy, socket, "500 Internal Server Error", "Content-Type: text/plain\r\n", "oops");
      break;

    case FAULT_502:
      answer_canned (proxy, socket, "502 Bad Gateway", "Content-Type: text/html\r\n",
                     "<html>Bad gateway</html>");
      break;

    case FAULT_503:
      answer_canned (proxy, socket, "503 Service Unavailable",
                     "Content-Type: application/problem+json\r\nRetry-After: 1\r\n",
                     "{\"type\": \"https://poedesk.github.io/problems/unavailable\", \"status\": 503,"
                     " \"title\": \"Unavailable\", \"detail\": \"Down for maintenance.\"}");
      break;

    case FAULT_429:
      answer_canned (proxy, socket, "429 Too Many Requests",
                     "Content-Type: application/problem+json\r\nRetry-After: 1\r\n",
                     "{\"type\": \"https://poedesk.github.io/problems/too-many-requests\","
                     " \"status\": 429, \"title\": \"Too many requests\", \"detail\": \"Slow down.\"}");
      break;

    case FAULT_DRIP:
      drip (proxy, socket);
      break;

    case FAULT_HANG:
      wait_for_hangup (proxy, socket);
      break;

    case FAULT_RESET:
      break;

    case FAULT_CUT_AFTER_SERVER:
      /* The server applies the push; the client gets half its answer. */
      answer = forward (proxy, request, NULL);
      if (answer != NULL)
        send_all (proxy, socket, answer->str, answer->len / 2);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gpointer
connection_thread (gpointer data)
{
  Connection *connection = data;
  Proxy *proxy = connection->proxy;
  g_autoptr(GString) request = read_request (proxy, connection->socket);

  if (request != NULL)
    {
      gint64 now = g_get_monotonic_time ();

      g_mutex_lock (&proxy->mutex);
      g_array_append_val (proxy->times, now);
      g_mutex_unlock (&proxy->mutex);

      serve (proxy, connection->socket, request);
    }

  g_socket_close (connection->socket, NULL);
  g_object_unref (connection->socket);
  g_free (connection);

  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  Proxy *proxy = data;
  GSocket *socket;

  while ((socket = g_socket_accept (proxy->listener, proxy->cancellable, NULL)) != NULL)
    {
      Connection *connection = g_new0 (Connection, 1);

      connection->proxy = proxy;
      connection->socket = socket;
      g_socket_set_timeout (socket, 60);

      g_mutex_lock (&proxy->mutex);
      g_ptr_array_add (proxy->threads, g_thread_new ("proxy-connection", connection_thread, connection));
      g_mutex_unlock (&proxy->mutex);
    }

  return NULL;
}

static Proxy *
proxy_new (const char *upstream_url)
{
  Proxy *proxy = g_new0 (Proxy, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_mutex_init (&proxy->mutex);
  proxy->threads = g_ptr_array_new ();
  proxy->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  proxy->cancellable = g_cancellable_new ();
  proxy_set_upstream (proxy, upstream_url);

  proxy->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (proxy->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (proxy->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
  proxy->accept_thread = g_thread_new ("proxy-accept", accept_thread, proxy);

  return proxy;
}

static void
proxy_free (Proxy *proxy)
{
  /* Ends the accept and every blocked read or write of the connections. */
  g_cancellable_cancel (proxy->cancellable);
  g_thread_join (proxy->accept_thread);
  for (guint i = 0; i < proxy->threads->len; i++)
    g_thread_join (g_ptr_array_index (proxy->threads, i));

  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_object_unref (proxy->cancellable);
  g_ptr_array_unref (proxy->threads);
  g_array_unref (proxy->times);
  g_mutex_clear (&proxy->mutex);
  g_free (proxy->url);
  g_free (proxy);
}


/*
 * Fixture
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->server = poe_test_server_new (NULL);
  fx->dir = sync_test_make_dir ();
  poe_test_server_add_user (fx->server, "lead", "lead", "JFK", SYNC_TEST_PASSWORD);
  fx->token = poe_test_server_login (fx->server, "lead", SYNC_TEST_PASSWORD, &fx->staff_id);
  fx->proxy = proxy_new (poe_test_server_get_url (fx->server));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  proxy_free (fx->proxy);
  poe_test_server_free (fx->server);
  sync_test_remove_dir (fx->dir);
  g_free (fx->dir);
  g_free (fx->token);
  g_free (fx->staff_id);
}

static SyncClient *
client_via_proxy (Fixture *fx)
{
  SyncClient *client = sync_client_new (fx->dir, "client", fx->proxy->url, fx->staff_id, "lead", fx->token);

  poe_sync_engine_set_poll_wait (client->engine, 1);
  poe_sync_engine_set_timeouts (client->engine, 1, 2);

  return client;
}

static void
add_events (PoeStore   *store,
            const char *case_id,
            guint       count)
{
  g_assert_true (poe_store_begin (store, NULL));
  for (guint i = 0; i < count; i++)
    g_free (sync_test_add_event (store, case_id, "arrival.met"));
  g_assert_true (poe_store_commit (store, NULL));
}

/* Every event the client made is on the server exactly once, and nothing was refused. */
static void
assert_exactly_once (Fixture  *fx,
                     PoeStore *store,
                     guint     n_events)
{
  g_autoptr(GHashTable) records = sync_test_server_records (fx->server, fx->token);

  g_assert_cmpuint (poe_store_count_pending (store), ==, 0);
  g_assert_cmpuint (poe_store_count_rejected (store), ==, 0);
  g_assert_cmpint (poe_store_count (store, "checklist_event", NULL), ==, n_events);
  g_assert_cmpuint (sync_test_count_entity (records, "checklist_event"), ==, n_events);
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM rec_checklist_event"), ==, n_events);
  /* One applied mutation per event, plus the case; one audit row each. */
  g_assert_cmpint (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation"), ==, n_events + 1);
  g_assert_cmpint (sync_test_server_count (fx->server,
                                           "SELECT count(*) FROM (SELECT json_extract (data, '$.record_id') AS r"
                                           " FROM rec_audit GROUP BY r HAVING count(*) > 1)"), ==, 0);
}

static gboolean
has_error (gpointer data)
{
  return poe_sync_engine_get_last_error (data) != NULL;
}


/*
 * Faults
 */

typedef struct
{
  const char   *path;
  Fault         fault;
  PoeSyncState  state;
  const char   *words;  /* in the error shown to the user */
} FaultCase;

static const FaultCase fault_cases[] = {
  { "/sync/faults/truncated-json", FAULT_TRUNCATED_JSON, POE_SYNC_STATE_ERROR, "could not be read" },
  { "/sync/faults/cut-off", FAULT_CUT_OFF, POE_SYNC_STATE_ERROR, "cut off" },
  { "/sync/faults/html-page", FAULT_HTML, POE_SYNC_STATE_ERROR, "web page" },
  { "/sync/faults/wrong-type", FAULT_WRONG_TYPE, POE_SYNC_STATE_ERROR, "wrong kind" },
  { "/sync/faults/status-500", FAULT_500, POE_SYNC_STATE_ERROR, "error 500" },
  { "/sync/faults/status-502", FAULT_502, POE_SYNC_STATE_ERROR, "error 502" },
  { "/sync/faults/status-503", FAULT_503, POE_SYNC_STATE_ERROR, "error 503" },
  { "/sync/faults/status-429", FAULT_429, POE_SYNC_STATE_ERROR, "busy" },
  { "/sync/faults/slow-drip", FAULT_DRIP, POE_SYNC_STATE_OFFLINE, "in time" },
  { "/sync/faults/hung", FAULT_HANG, POE_SYNC_STATE_OFFLINE, "in time" },
  { "/sync/faults/dropped", FAULT_RESET, POE_SYNC_STATE_OFFLINE, "cannot reach" },
  { "/sync/faults/cut-after-server", FAULT_CUT_AFTER_SERVER, POE_SYNC_STATE_ERROR, "cut off" },
};

static void
test_fault (Fixture       *fx,
            gconstpointer  data)
{
  const FaultCase *fault = data;
  g_autoptr(SyncClient) client = client_via_proxy (fx);
  g_autofree char *case_id = sync_test_save_case (client->store, "expected");
  const char *error;

  add_events (client->store, case_id, 5);
  poe_sync_engine_start (client->engine);
  sync_client_wait_synced (client, 10000);

  /* The fault hits the push of three new events. */
  proxy_set_fault (fx->proxy, fault->fault);
  add_events (client->store, case_id, 3);
  g_assert_true (sync_test_wait (has_error, client->engine, 10000));

  error = poe_sync_engine_get_last_error (client->engine);
  g_test_message ("%s: “%s”", fault->path, error);
  g_assert_nonnull (strstr (error, fault->words));
  g_assert_cmpint (poe_sync_engine_get_state (client->engine), ==, fault->state);
  g_assert_true (poe_sync_engine_is_running (client->engine));
  g_assert_null (strstr (error, fx->staff_id));

  /* Still failing a while later: the outbox is whole. */
  sync_test_spin (300);
  g_assert_cmpuint (poe_store_count_pending (client->store), ==, 3);
  g_assert_cmpuint (poe_sync_engine_get_pending_count (client->engine), ==, 3);

  proxy_set_fault (fx->proxy, FAULT_PASS);
  sync_client_wait_synced (client, 10000);
  g_assert_null (poe_sync_engine_get_last_error (client->engine));
  assert_exactly_once (fx, client->store, 8);
}

static gboolean
has_any_request (gpointer data)
{
  return proxy_count_requests (data) > 0;
}

static gboolean
has_requests (gpointer data)
{
  Proxy *proxy = data;

  return proxy_count_requests (proxy) >= 3;
}

/* 429 and 503 wait as long as Retry-After says, even if asked to sync now. */
static void
test_retry_after (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(SyncClient) client = client_via_proxy (fx);
  g_autofree char *case_id = sync_test_save_case (client->store, "expected");
  guint first = proxy_count_requests (fx->proxy);
  gint64 gap;

  proxy_set_fault (fx->proxy, FAULT_429);
  poe_sync_engine_start (client->engine);
  sync_test_spin (100);
  poe_sync_engine_sync_now (client->engine);
  g_assert_true (sync_test_wait (has_requests, fx->proxy, 5000));

  gap = proxy_request_time (fx->proxy, first + 1) - proxy_request_time (fx->proxy, first);
  g_test_message ("429 with Retry-After: 1 → next request after %" G_GINT64_FORMAT " ms", gap / 1000);
  g_assert_cmpint (gap, >=, 950 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (poe_store_count_pending (client->store), ==, 1);

  proxy_set_fault (fx->proxy, FAULT_PASS);
  sync_client_wait_synced (client, 10000);
}

/* Failures back off exponentially (base 50 ms, at most 400 ms, ±20 %). */
static void
test_backoff (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(SyncClient) client = client_via_proxy (fx);
  g_autofree char *case_id = sync_test_save_case (client->store, "expected");
  g_autoptr(GString) gaps = g_string_new (NULL);
  guint count;

  poe_sync_engine_set_backoff (client->engine, 50, 400);
  proxy_set_fault (fx->proxy, FAULT_500);
  poe_sync_engine_start (client->engine);
  sync_test_spin (2000);

  count = proxy_count_requests (fx->proxy);
  for (guint i = 1; i < count; i++)
    g_string_append_printf (gaps, " %" G_GINT64_FORMAT,
                            (proxy_request_time (fx->proxy, i) - proxy_request_time (fx->proxy, i - 1)) / 1000);
  g_test_message ("%u requests in 2 s, gaps in ms:%s", count, gaps->str);

  /* 50, 100, 200, 400, 400, …: about 8 in 2 s; without backoff there would be hundreds. */
  g_assert_cmpuint (count, >=, 4);
  g_assert_cmpuint (count, <=, 11);
  g_assert_cmpint (proxy_request_time (fx->proxy, 4) - proxy_request_time (fx->proxy, 3), >=,
                   2 * (proxy_request_time (fx->proxy, 1) - proxy_request_time (fx->proxy, 0)));
  for (guint i = 1; i < count; i++)
    g_assert_cmpint (proxy_request_time (fx->proxy, i) - proxy_request_time (fx->proxy, i - 1), <=,
                     900 * G_TIME_SPAN_MILLISECOND);

  proxy_set_fault (fx->proxy, FAULT_PASS);
  sync_client_wait_synced (client, 10000);
}

/* stop() returns at once even while a request hangs. */
static void
test_stop_hung (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(SyncClient) client = client_via_proxy (fx);
  g_autofree char *case_id = sync_test_save_case (client->store, "expected");
  g_autoptr(GTimer) timer = NULL;

  poe_sync_engine_set_timeouts (client->engine, 30, 60);
  proxy_set_fault (fx->proxy, FAULT_HANG);
  poe_sync_engine_start (client->engine);
  g_assert_true (sync_test_wait (has_any_request, fx->proxy, 5000));
  sync_test_spin (100);

  timer = g_timer_new ();
  poe_sync_engine_stop (client->engine);
  g_test_message ("stop during a hung push: %.1f ms", g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 0.5);
  g_assert_cmpuint (poe_store_count_pending (client->store), ==, 1);
}


/*
 * Crashes
 */

static char *
self_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

/* SIGKILL a client process running the engine at random moments of its pushes. */
static void
test_kill_client (Fixture       *fx,
                  gconstpointer  data)
{
  const guint rounds = 50;
  const guint per_round = 40;
  g_autofree char *exe = self_path ();
  g_autoptr(SyncClient) client = client_via_proxy (fx);
  g_autofree char *case_id = sync_test_save_case (client->store, "expected");
  guint made = 0;
  guint mid_push = 0;
  guint partly_sent = 0;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      guint pending;
      gint64 applied;

      add_events (client->store, case_id, per_round);
      made += per_round;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, exe, CHILD_ARG, client->path,
                                poe_test_server_get_url (fx->server), fx->token, NULL);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (5, 250) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_subprocess_get_if_exited (child));

      /* The server may hold mutations the client had not yet marked as sent. */
      pending = poe_store_count_pending (client->store);
      applied = sync_test_server_count (fx->server, "SELECT count(*) FROM mutation") - 1;
      mid_push += applied > (gint64) (made - pending);
      partly_sent += pending > 0 && pending < made;
    }

  g_test_message ("%u kills: %u with the server ahead of the client, %u with part of the outbox sent",
                  rounds, mid_push, partly_sent);

  /* What a restarted client does: send again; the server answers "duplicate". */
  poe_sync_engine_start (client->engine);
  sync_client_wait_synced (client, 60000);
  assert_exactly_once (fx, client->store, made);
}

/* SIGKILL the server at random moments while the engine pushes, and restart it. */
static void
test_kill_server (Fixture       *fx,
                  gconstpointer  data)
{
  const guint rounds = 20;
  const guint per_round = 150;
  g_autoptr(SyncClient) client = client_via_proxy (fx);
  g_autofree char *case_id = sync_test_save_case (client->store, "expected");
  guint made = 0;
  guint mid_push = 0;
  gint64 before = 0;

  poe_sync_engine_set_timeouts (client->engine, 1, 5);
  poe_sync_engine_start (client->engine);
  sync_client_wait_synced (client, 10000);
  before = sync_test_server_count (fx->server, "SELECT count(*) FROM mutation");

  for (guint round = 0; round < rounds; round++)
    {
      gint64 deadline = g_get_monotonic_time () + 3 * G_TIME_SPAN_SECOND;
      gint64 applied;

      add_events (client->store, case_id, per_round);
      made += per_round;

      /* Kill once the push is under way (the server has applied its first mutations). */
      while (sync_test_server_count (fx->server, "SELECT count(*) FROM mutation") == before &&
             g_get_monotonic_time () < deadline)
        sync_test_spin (1);
      g_usleep (g_random_int_range (0, 40) * 1000);

      poe_test_server_kill (fx->server);
      applied = sync_test_server_count (fx->server, "SELECT count(*) FROM mutation");
      mid_push += applied > before && applied < before + per_round;
      before = applied;

      poe_test_server_restart (fx->server);
      proxy_set_upstream (fx->proxy, poe_test_server_get_url (fx->server));
      sync_test_spin (g_random_int_range (0, 50));
    }

  g_test_message ("%u server kills, %u in the middle of a push", rounds, mid_push);

  sync_client_wait_synced (client, 60000);
  assert_exactly_once (fx, client->store, made);
  g_assert_true (poe_sync_engine_is_running (client->engine));
}


/*
 * The child process of /sync/faults/kill-client
 */

static gboolean
child_timeout_cb (gpointer data)
{
  g_error ("The sync child was not killed in time");
  return G_SOURCE_REMOVE;
}

static int
run_child (const char *store_path,
           const char *url,
           const char *token)
{
  g_autoptr(PoeSyncEngine) engine = poe_sync_engine_new (store_path, url, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  poe_sync_engine_set_token (engine, token);
  poe_sync_engine_set_poll_wait (engine, 1);
  poe_sync_engine_set_backoff (engine, 20, 200);
  poe_sync_engine_start (engine);
  g_timeout_add_seconds (30, child_timeout_cb, NULL);
  g_main_loop_run (loop);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], CHILD_ARG))
    return run_child (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    g_test_add (fault_cases[i].path, Fixture, &fault_cases[i], fixture_setup, test_fault, fixture_teardown);

  g_test_add ("/sync/faults/retry-after", Fixture, NULL, fixture_setup, test_retry_after, fixture_teardown);
  g_test_add ("/sync/faults/backoff", Fixture, NULL, fixture_setup, test_backoff, fixture_teardown);
  g_test_add ("/sync/faults/stop-hung", Fixture, NULL, fixture_setup, test_stop_hung, fixture_teardown);
  g_test_add ("/sync/faults/kill-client", Fixture, NULL, fixture_setup, test_kill_client, fixture_teardown);
  g_test_add ("/sync/faults/kill-server", Fixture, NULL, fixture_setup, test_kill_server, fixture_teardown);

  return g_test_run ();
}
