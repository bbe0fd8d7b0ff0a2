/* poe-feed-http.c
 *
 * The HTTP side every real provider shares: a SoupSession with a timeout, one GET answered
 * as parsed JSON, and the failures told apart: no answer, a timeout or a 5xx
 * (UNAVAILABLE), 401/403 (REFUSED: the key), 429 with its Retry-After (RATE_LIMITED), a body
 * that is not JSON (MALFORMED). Messages never carry the URL, which may hold a key.
 * Also the one parser of the providers' time strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-http.h"

#define TIMEOUT_SECONDS 30

typedef struct
{
  SoupMessage *message;
  guint        retry_after;
} Request;


/*
 * Auxiliary methods
 */

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request);
}

static guint
parse_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return (guint) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;
  seconds = CLAMP (g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC, 0, 24 * 3600);

  return (guint) seconds;
}


/*
 * Callbacks
 */

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status;

  if (body == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_task_return_error (task, g_steal_pointer (&error));
  if (body == NULL)
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_UNAVAILABLE,
                                    "no answer (%s)", error->message);

  status = soup_message_get_status (request->message);
  if (status == 401 || status == 403)
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_REFUSED,
                                    "HTTP %u: the key was refused", status);
  if (status == 429)
    {
      request->retry_after = parse_retry_after (request->message);
      return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_RATE_LIMITED,
                                      "HTTP 429: too many requests, retry after %u s", request->retry_after);
    }
  if (status < 200 || status >= 300)
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_UNAVAILABLE,
                                    "HTTP %u", status);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_task_return_new_error (task, POE_FEED_ERROR, POE_FEED_ERROR_MALFORMED,
                                    "the answer is not a JSON object%s%s",
                                    error != NULL ? ": " : "", error != NULL ? error->message : "");

  g_task_return_pointer (task, json_node_copy (json_parser_get_root (parser)), (GDestroyNotify) json_node_unref);
}


/*
 * Public API
 */

SoupSession *
poe_feed_http_session_new (void)
{
  return soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                        "user-agent", "poe-central/" PACKAGE_VERSION " ",
                                        NULL);
}

void
poe_feed_http_get_async (SoupSession         *session,
                         SoupMessage         *message,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->message = g_object_ref (message);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable, send_cb, task);
}

/**
 * poe_feed_http_get_finish:
 * @retry_after: (out): on RATE_LIMITED, the seconds of Retry-After (0: none given)
 *
 * Returns: (transfer full): the answer's JSON object
 */
JsonNode *
poe_feed_http_get_finish (GAsyncResult  *result,
                          guint         *retry_after,
                          GError       **error)
{
  Request *request = g_task_get_task_data (G_TASK (result));

  *retry_after = request->retry_after;

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * poe_feed_parse_time:
 * @text: ISO 8601 ("2026-12-07T14:05:00Z") or with a space for the T, and minutes only
 *   ("2026-12-07 14:05Z", "2026-12-07 09:05-05:00")
 * @zone: (nullable): the zone of a time without an offset
 *
 * Returns: (transfer full) (nullable): the instant, or %NULL when @text is none of these
 */
GDateTime *
poe_feed_parse_time (const char *text,
                     GTimeZone  *zone)
{
  g_autofree char *copy = NULL;

  if (text == NULL || strlen (text) < 16)
    return NULL;

  copy = g_strdup (text);
  if (copy[10] == ' ')
    copy[10] = 'T';
  /* "…T14:05Z" or "…T14:05-05:00": GLib wants the seconds */
  if (copy[13] == ':' && (copy[16] == '\0' || copy[16] == 'Z' || copy[16] == '+' || copy[16] == '-'))
    {
      g_autofree char *tail = g_strdup (copy + 16);

      copy[16] = '\0';
      g_free (g_steal_pointer (&copy));
      copy = g_strdup_printf ("%.10sT%.5s:00%s", text, text + 11, tail);
    }

  return g_date_time_new_from_iso8601 (copy, zone);
}
