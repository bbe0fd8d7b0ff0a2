/* poe-feed-mock.c
 *
 * The mock provider of the feed tests. A request for …/NAME (with cursor=C) answers the
 * fixture NAME.json (NAME-C.json, or NAME-O.json for offset=O; else default.json) of the provider's folder, with each
 * @T±MIN@ replaced by that many minutes from the mock's start (ISO 8601 UTC), @S±MIN@ by
 * the same as "2026-12-07 14:05Z", @N±MIN@ as New York time "2026-12-07 09:05-05:00" and
 * @L±MIN@ as New York wall time with "+00:00" (the aviationstack quirk); or, once set, one
 * fixed answer (a status, a Retry-After, a body) for every request. Each request's path and
 * query, key header and time are kept for the test to check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "poe-feed-mock.h"

struct _PoeFeedMock
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *dir;
  char         *url;
  GDateTime    *start;

  GMutex        lock;
  GCond         cond;
  GPtrArray    *requests;   /* "path?query" */
  char         *key;
  gint64        last_time;
  guint         status;     /* 0: the fixtures */
  char         *retry_after;
  char         *body;
};


/*
 * Auxiliary methods
 */

static gboolean
replace_cb (const GMatchInfo *info,
            GString          *result,
            gpointer          user_data)
{
  PoeFeedMock *self = user_data;
  g_autofree char *kind = g_match_info_fetch (info, 1);
  g_autofree char *minutes = g_match_info_fetch (info, 2);
  g_autoptr(GDateTime) time = g_date_time_add_minutes (self->start, atoi (minutes));
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, new_york);
  const char *formats[] = { "T", "%Y-%m-%dT%H:%M:%SZ", "S", "%Y-%m-%d %H:%MZ",
                            "L", "%Y-%m-%dT%H:%M:%S+00:00", "N", "%Y-%m-%d %H:%M%:z" };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i += 2)
    if (g_str_equal (kind, formats[i]))
      text = g_date_time_format (kind[0] == 'T' || kind[0] == 'S' ? time : local, formats[i + 1]);

  g_string_append (result, text);

  return FALSE;
}

static char *
fixture (PoeFeedMock *self,
         const char  *path,
         GHashTable  *query)
{
  const char *cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *offset = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("@([TSLN])([+-][0-9]+)@", 0, 0, NULL);

  if (cursor == NULL && offset != NULL && !g_str_equal (offset, "0"))
    cursor = offset;
  name = cursor != NULL ? g_strdup_printf ("%s-%s.json", base, cursor) : g_strdup_printf ("%s.json", base);
  file = g_build_filename (self->dir, name, NULL);
  if (!g_file_get_contents (file, &text, NULL, NULL))
    {
      g_free (file);
      file = g_build_filename (self->dir, "default.json", NULL);
      if (!g_file_get_contents (file, &text, NULL, NULL))
        return NULL;
    }

  return g_regex_replace_eval (regex, text, -1, 0, 0, replace_cb, self, NULL);
}


/*
 * Callbacks
 */

static void
request_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PoeFeedMock *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "x-apikey");
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *body = NULL;
  guint status;

  if (key == NULL)
    key = soup_message_headers_get_one (headers, "x-rapidapi-key");

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, g_strconcat (path, raw_query != NULL ? "?" : "", raw_query, NULL));
  g_free (self->key);
  self->key = g_strdup (key != NULL ? key : query != NULL ? g_hash_table_lookup (query, "access_key") : NULL);
  self->last_time = g_get_monotonic_time ();
  status = self->status;
  body = status != 0 ? g_strdup (self->body) : fixture (self, path, query);
  if (status != 0 && self->retry_after != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", self->retry_after);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (status == 0 && body == NULL)
    status = 404, body = g_strdup ("{\"title\": \"no such fixture\"}");
  soup_server_message_set_status (msg, status != 0 ? status : 200, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gpointer
thread_func (gpointer user_data)
{
  PoeFeedMock *self = user_data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}


/*
 * Public API
 */

PoeFeedMock *
poe_feed_mock_new (const char *fixture_dir)
{
  PoeFeedMock *self = g_new0 (PoeFeedMock, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GSList *uris;

  self->dir = g_strdup (fixture_dir);
  self->start = g_date_time_add_seconds (now, -g_date_time_get_seconds (now));
  self->requests = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, request_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (self->context);

  uris = soup_server_get_uris (self->server);
  self->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  self->thread = g_thread_new ("feed-mock", thread_func, self);

  return self;
}

void
poe_feed_mock_free (PoeFeedMock *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_context_push_thread_default (self->context);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_main_context_pop_thread_default (self->context);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->requests);
  g_date_time_unref (self->start);
  g_free (self->dir);
  g_free (self->url);
  g_free (self->key);
  g_free (self->retry_after);
  g_free (self->body);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
poe_feed_mock_get_url (PoeFeedMock *self)
{
  return self->url;
}

/* The instant @minutes from the mock's start, ISO 8601 UTC, as the fixtures' @T±MIN@. */
char *
poe_feed_mock_time (PoeFeedMock *self,
                    int          minutes)
{
  g_autoptr(GDateTime) time = g_date_time_add_minutes (self->start, minutes);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* @status 0: back to the fixtures. */
void
poe_feed_mock_set_answer (PoeFeedMock *self,
                          guint        status,
                          const char  *retry_after,
                          const char  *body)
{
  g_mutex_lock (&self->lock);
  self->status = status;
  g_free (self->retry_after);
  self->retry_after = g_strdup (retry_after);
  g_free (self->body);
  self->body = g_strdup (body);
  g_mutex_unlock (&self->lock);
}

guint
poe_feed_mock_count (PoeFeedMock *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->requests->len;
  g_mutex_unlock (&self->lock);

  return count;
}

/* The monotonic time of the last request. */
gint64
poe_feed_mock_last_time (PoeFeedMock *self)
{
  gint64 time;

  g_mutex_lock (&self->lock);
  time = self->last_time;
  g_mutex_unlock (&self->lock);

  return time;
}

char *
poe_feed_mock_dup_request (PoeFeedMock *self,
                           guint        index)
{
  char *request;

  g_mutex_lock (&self->lock);
  request = index < self->requests->len ? g_strdup (g_ptr_array_index (self->requests, index)) : NULL;
  g_mutex_unlock (&self->lock);

  return request;
}

char *
poe_feed_mock_dup_key (PoeFeedMock *self)
{
  char *key;

  g_mutex_lock (&self->lock);
  key = g_strdup (self->key);
  g_mutex_unlock (&self->lock);

  return key;
}

/* Waits until the mock has had @count requests or @timeout_s passed; returns the count. */
guint
poe_feed_mock_wait_count (PoeFeedMock *self,
                          guint        count,
                          guint        timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  guint got;

  g_mutex_lock (&self->lock);
  while (self->requests->len < count && g_cond_wait_until (&self->cond, &self->lock, end))
    ;
  got = self->requests->len;
  g_mutex_unlock (&self->lock);

  return got;
}
