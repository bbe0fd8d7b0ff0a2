/* poe-http.c
 *
 * One libcurl easy handle, reused for every request so the connection (and its TLS session)
 * stays open between the pushes and long polls of the sync worker. A multi handle drives it
 * only so that poe_http_request() can be woken from another thread: cancelling the request's
 * GCancellable wakes the poll at once, and the transfer callback then aborts the transfer.
 * libcurl is loaded when the first client is made (poe-curl.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "poe-curl.h"
#include "poe-json-guard.h"
#include "poe-http.h"

#define DEFAULT_CONNECT_TIMEOUT 15
#define DEFAULT_TOTAL_TIMEOUT   60
#define DEFAULT_MAX_ANSWER      (64 * 1024 * 1024)
#define MAX_DETAIL_LENGTH       300

struct _PoeHttp
{
  const PoeCurl *curl;        /* nullable: libcurl could not be loaded (load_error says why) */
  GError       *load_error;
  CURL         *easy;
  CURLM        *multi;
  char         *base_url;
  char         *token;
  guint         connect_timeout;
  guint         total_timeout;
  gsize         max_answer;
  GByteArray   *buffer;
  gboolean      too_large;
  GCancellable *cancellable;  /* of the request running now */
};

G_DEFINE_QUARK (poe-http-error-quark, poe_http_error)


/*
 * Auxiliary methods
 */

static gboolean
is_tls_failure (CURLcode code)
{
  switch ((int) code)
    {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
set_transfer_error (PoeHttp       *self,
                    CURLcode       code,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (code == CURLE_OPERATION_TIMEDOUT)
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_TIMEOUT,
                         _("The server did not answer in time. Your changes are kept and will be sent later."));
  else if (is_tls_failure (code))
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_TLS,
                         _("The server’s identity could not be verified. Check the server address, "
                           "or ask your administrator about its certificate."));
  else if (self->too_large || code == CURLE_FILESIZE_EXCEEDED)
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                         _("The server’s answer was too large to use."));
  else if (code == CURLE_PARTIAL_FILE || code == CURLE_BAD_CONTENT_ENCODING ||
           code == CURLE_WEIRD_SERVER_REPLY || code == CURLE_HTTP2 ||
           code == CURLE_HTTP2_STREAM)
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                         _("The server’s answer was cut off or garbled. POE Desk will try again."));
  else if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL)
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_NETWORK,
                         _("The server address cannot be used. Check it in Preferences."));
  else
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_NETWORK,
                         _("POE Desk cannot reach the server. Check the network connection; "
                           "your changes are kept and will be sent later."));

  return FALSE;
}

/* The body is not NUL-terminated: parse exactly @size bytes. */
static JsonNode *
parse_json_data (const char *data,
                 gsize       size)
{
  /* A hostile or broken server must not overflow the stack either. */
  return poe_json_parse (data, (gssize) size, NULL);
}

/* The media type without parameters, lower case; NULL when absent. */
static char *
dup_media_type (const char *content_type)
{
  g_autofree char *type = NULL;
  char *semicolon;

  if (content_type == NULL)
    return NULL;

  type = g_ascii_strdown (content_type, -1);
  if ((semicolon = strchr (type, ';')) != NULL)
    *semicolon = '\0';

  return g_strdup (g_strstrip (type));
}

static gboolean
is_json_type (const char *media_type)
{
  return media_type != NULL &&
         (g_str_equal (media_type, "application/json") ||
          (g_str_has_prefix (media_type, "application/") && g_str_has_suffix (media_type, "+json")));
}

/* The problem's "detail" (plain words, no personal data by the protocol), shortened. */
static char *
dup_problem_detail (PoeHttpResponse *answer)
{
  g_autofree char *media_type = dup_media_type (answer->content_type);
  g_autoptr(JsonNode) node = NULL;
  const char *detail;
  gsize size;
  const char *data = g_bytes_get_data (answer->body, &size);

  if (!is_json_type (media_type) || size == 0 || !g_utf8_validate (data, size, NULL))
    return NULL;

  node = parse_json_data (data, size);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  detail = json_object_get_string_member_with_default (json_node_get_object (node), "detail", NULL);
  if (detail == NULL || *detail == '\0')
    return NULL;

  return g_utf8_substring (detail, 0, MIN (g_utf8_strlen (detail, -1), MAX_DETAIL_LENGTH));
}

static gboolean
set_status_error (PoeHttpResponse  *answer,
                  GError          **error)
{
  g_autofree char *detail = dup_problem_detail (answer);
  guint status = answer->status;

  if (status == 401)
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_UNAUTHORIZED,
                         _("Your session has ended. Sign in again to keep syncing; your changes are kept."));
  else if (status == 403)
    g_set_error (error, POE_HTTP_ERROR, POE_HTTP_ERROR_FORBIDDEN,
                 _("The server refused this for your account. %s"),
                 detail ? detail : _("Ask a supervisor to check your role."));
  else if (status == 429)
    g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_RATE_LIMITED,
                         _("The server is busy. POE Desk will try again shortly; your changes are kept."));
  else if (status >= 500 && status <= 599)
    g_set_error (error, POE_HTTP_ERROR, POE_HTTP_ERROR_SERVER,
                 _("The server has a problem (error %u). POE Desk will try again; your changes are kept."),
                 status);
  else if (status >= 400 && status <= 499)
    g_set_error (error, POE_HTTP_ERROR, POE_HTTP_ERROR_CLIENT,
                 _("The server could not use the request (error %u). %s"),
                 status, detail ? detail : _("Updating POE Desk may help."));
  else
    g_set_error (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                 _("The server gave an unexpected answer (status %u)."), status);

  return FALSE;
}

static gboolean
parse_json_answer (PoeHttpResponse  *answer,
                   GError          **error)
{
  g_autofree char *media_type = dup_media_type (answer->content_type);
  gsize size;
  const char *data = g_bytes_get_data (answer->body, &size);

  if (answer->status == 204)
    return TRUE;

  if (media_type != NULL && (g_str_equal (media_type, "text/html") ||
                             g_str_equal (media_type, "application/xhtml+xml")))
    {
      g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                           _("The server address returned a web page instead of data. A proxy or a "
                             "Wi-Fi sign-in page may be in the way."));
      return FALSE;
    }

  if (!is_json_type (media_type))
    {
      g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                           _("The server sent an answer of the wrong kind. Check the server address."));
      return FALSE;
    }

  if (size == 0 || !g_utf8_validate (data, size, NULL) ||
      !(answer->json = parse_json_data (data, size)) || !JSON_NODE_HOLDS_OBJECT (answer->json))
    {
      g_clear_pointer (&answer->json, json_node_unref);
      g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_BAD_ANSWER,
                           _("The server’s answer could not be read; it may have been cut off. "
                             "POE Desk will try again."));
      return FALSE;
    }

  return TRUE;
}

static PoeHttpResponse *
collect_answer (PoeHttp *self)
{
  PoeHttpResponse *answer = g_new0 (PoeHttpResponse, 1);
  const char *content_type = NULL;
  curl_off_t retry_after = 0;
  long status = 0;

  self->curl->easy_getinfo (self->easy, CURLINFO_RESPONSE_CODE, &status);
  self->curl->easy_getinfo (self->easy, CURLINFO_CONTENT_TYPE, &content_type);
  self->curl->easy_getinfo (self->easy, CURLINFO_RETRY_AFTER, &retry_after);

  answer->status = (guint) status;
  answer->retry_after = retry_after > 0 ? (gint64) retry_after : -1;
  answer->content_type = g_strdup (content_type);
  answer->body = g_bytes_new (self->buffer->data, self->buffer->len);

  return answer;
}

static struct curl_slist *
build_headers (PoeHttp    *self,
               gboolean    has_body)
{
  struct curl_slist *headers = NULL;

  headers = self->curl->slist_append (headers, "Accept: application/json");
  /* No "Expect: 100-continue" round trip before large pushes. */
  headers = self->curl->slist_append (headers, "Expect:");
  if (has_body)
    headers = self->curl->slist_append (headers, "Content-Type: application/json");

  if (self->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Authorization: Bearer ", self->token, NULL);

      headers = self->curl->slist_append (headers, authorization);
    }

  return headers;
}

static void
prepare_request (PoeHttp            *self,
                 const char         *method,
                 const char         *url,
                 const char         *payload,
                 guint               extra_seconds,
                 struct curl_slist  *headers)
{
  g_byte_array_set_size (self->buffer, 0);
  self->too_large = FALSE;

  self->curl->easy_setopt (self->easy, CURLOPT_URL, url);
  self->curl->easy_setopt (self->easy, CURLOPT_HTTPHEADER, headers);
  self->curl->easy_setopt (self->easy, CURLOPT_CONNECTTIMEOUT, (long) self->connect_timeout);
  self->curl->easy_setopt (self->easy, CURLOPT_TIMEOUT, (long) (self->total_timeout + extra_seconds));
  self->curl->easy_setopt (self->easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) self->max_answer);
  self->curl->easy_setopt (self->easy, CURLOPT_CUSTOMREQUEST, NULL);

  if (payload != NULL)
    {
      self->curl->easy_setopt (self->easy, CURLOPT_POSTFIELDS, payload);
      self->curl->easy_setopt (self->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (payload));
    }
  else
    self->curl->easy_setopt (self->easy, CURLOPT_HTTPGET, 1L);

  if (!g_str_equal (method, payload != NULL ? "POST" : "GET"))
    self->curl->easy_setopt (self->easy, CURLOPT_CUSTOMREQUEST, method);
}

static CURLcode
finish_transfer (PoeHttp *self)
{
  CURLcode result = CURLE_RECV_ERROR;
  CURLMsg *message;
  int left;

  while ((message = self->curl->multi_info_read (self->multi, &left)) != NULL)
    {
      if (message->msg == CURLMSG_DONE && message->easy_handle == self->easy)
        result = message->data.result;
    }

  return result;
}

static CURLcode
run_transfer (PoeHttp      *self,
              GCancellable *cancellable)
{
  CURLcode result = CURLE_ABORTED_BY_CALLBACK;
  int running = 1;

  self->curl->multi_add_handle (self->multi, self->easy);

  while (running > 0 && !g_cancellable_is_cancelled (cancellable))
    {
      CURLMcode mcode = self->curl->multi_perform (self->multi, &running);

      if (mcode == CURLM_OK && running > 0)
        mcode = self->curl->multi_poll (self->multi, NULL, 0, 1000, NULL);

      if (mcode != CURLM_OK)
        {
          result = CURLE_RECV_ERROR;
          running = -1;
        }
    }

  if (running == 0)
    result = finish_transfer (self);

  self->curl->multi_remove_handle (self->multi, self->easy);

  return result;
}


/*
 * Callbacks
 */

static size_t
body_received_cb (char   *data,
                  size_t  size,
                  size_t  count,
                  void   *user_data)
{
  PoeHttp *self = user_data;
  gsize length = size * count;

  if (self->buffer->len + length > self->max_answer)
    {
      self->too_large = TRUE;
      return 0;
    }

  g_byte_array_append (self->buffer, (const guint8 *) data, length);
  return length;
}

static int
transfer_progressed_cb (void       *user_data,
                        curl_off_t  download_total,
                        curl_off_t  downloaded,
                        curl_off_t  upload_total,
                        curl_off_t  uploaded)
{
  PoeHttp *self = user_data;

  /* Non-zero aborts the transfer with CURLE_ABORTED_BY_CALLBACK. */
  return g_cancellable_is_cancelled (self->cancellable) ? 1 : 0;
}

static void
request_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  PoeHttp *self = user_data;

  /* Thread-safe by libcurl's contract: ends the self->curl->multi_poll () of the worker. */
  self->curl->multi_wakeup (self->multi);
}


/*
 * Public API
 */

/**
 * poe_http_new:
 * @base_url: the server, as poe_validate_server_url() returns it
 * @ca_file: (nullable): a PEM file of the certificate authorities to trust instead of the
 *   system's
 *
 * Returns: (transfer full): a client; certificates and host names are always verified
 */
PoeHttp *
poe_http_new (const char *base_url,
              const char *ca_file)
{
  PoeHttp *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_new0 (PoeHttp, 1);
  self->base_url = g_strdup (base_url);
  self->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
  self->total_timeout = DEFAULT_TOTAL_TIMEOUT;
  self->max_answer = DEFAULT_MAX_ANSWER;
  self->buffer = g_byte_array_new ();

  /* Without libcurl the client exists all the same, and every request says why it fails. */
  if (!(self->curl = poe_curl_get (&self->load_error)))
    {
      g_warning ("%s", self->load_error->message);
      return self;
    }

  self->easy = self->curl->easy_init ();
  self->multi = self->curl->multi_init ();

  self->curl->easy_setopt (self->easy, CURLOPT_NOSIGNAL, 1L);
  self->curl->easy_setopt (self->easy, CURLOPT_SSL_VERIFYPEER, 1L);
  self->curl->easy_setopt (self->easy, CURLOPT_SSL_VERIFYHOST, 2L);
  if (ca_file != NULL)
    self->curl->easy_setopt (self->easy, CURLOPT_CAINFO, ca_file);
#if LIBCURL_VERSION_NUM >= 0x075500
  self->curl->easy_setopt (self->easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  self->curl->easy_setopt (self->easy, CURLOPT_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  self->curl->easy_setopt (self->easy, CURLOPT_FOLLOWLOCATION, 0L);
  self->curl->easy_setopt (self->easy, CURLOPT_TCP_KEEPALIVE, 1L);
  self->curl->easy_setopt (self->easy, CURLOPT_USERAGENT, "POE Desk/" PACKAGE_VERSION);
  self->curl->easy_setopt (self->easy, CURLOPT_WRITEFUNCTION, body_received_cb);
  self->curl->easy_setopt (self->easy, CURLOPT_WRITEDATA, self);
  self->curl->easy_setopt (self->easy, CURLOPT_XFERINFOFUNCTION, transfer_progressed_cb);
  self->curl->easy_setopt (self->easy, CURLOPT_XFERINFODATA, self);
  self->curl->easy_setopt (self->easy, CURLOPT_NOPROGRESS, 0L);

  return self;
}

void
poe_http_free (PoeHttp *self)
{
  if (self == NULL)
    return;

  if (self->curl != NULL)
    {
      self->curl->multi_cleanup (self->multi);
      self->curl->easy_cleanup (self->easy);
    }
  g_clear_error (&self->load_error);
  g_byte_array_unref (self->buffer);
  g_free (self->base_url);
  g_free (self->token);
  g_free (self);
}

/**
 * poe_http_set_token:
 * @token: (nullable): sent as `Authorization: Bearer`; %NULL sends none
 */
void
poe_http_set_token (PoeHttp    *self,
                    const char *token)
{
  g_return_if_fail (self != NULL);

  g_free (self->token);
  self->token = g_strdup (token);
}

/**
 * poe_http_set_timeouts:
 * @connect_seconds: the longest wait for a connection
 * @total_seconds: the longest a request may take, on top of the extra time of a long poll
 */
void
poe_http_set_timeouts (PoeHttp *self,
                       guint    connect_seconds,
                       guint    total_seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (connect_seconds > 0 && total_seconds > 0);

  self->connect_timeout = connect_seconds;
  self->total_timeout = total_seconds;
}

void
poe_http_set_max_answer (PoeHttp *self,
                         gsize    max_bytes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_bytes > 0);

  self->max_answer = max_bytes;
}

/**
 * poe_http_request:
 * @method: "GET", "POST", …
 * @path: appended to the base URL, with its query
 * @body: (nullable): sent as JSON
 * @extra_seconds: added to the total timeout (the `wait` of a long poll)
 * @cancellable: (nullable): cancelling it from any thread aborts the request at once
 * @response: (out) (optional) (transfer full): the answer, whenever one came, also with
 *   an error (its status and Retry-After)
 *
 * Returns: %TRUE for a 2xx answer carrying a JSON object (or 204); else %FALSE with a
 *   %POE_HTTP_ERROR, or %G_IO_ERROR_CANCELLED
 */
gboolean
poe_http_request (PoeHttp          *self,
                  const char       *method,
                  const char       *path,
                  JsonNode         *body,
                  guint             extra_seconds,
                  GCancellable     *cancellable,
                  PoeHttpResponse **response,
                  GError          **error)
{
  g_autoptr(PoeHttpResponse) answer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *payload = NULL;
  struct curl_slist *headers;
  gulong handler = 0;
  CURLcode code;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (method != NULL && path != NULL, FALSE);

  if (response != NULL)
    *response = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->curl == NULL)
    {
      g_set_error_literal (error, POE_HTTP_ERROR, POE_HTTP_ERROR_NETWORK, self->load_error->message);
      return FALSE;
    }

  url = g_strconcat (self->base_url, path, NULL);
  payload = body != NULL ? json_to_string (body, FALSE) : NULL;
  headers = build_headers (self, payload != NULL);
  prepare_request (self, method, url, payload, extra_seconds, headers);

  self->cancellable = cancellable;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (request_cancelled_cb), self, NULL);

  code = run_transfer (self, cancellable);

  g_cancellable_disconnect (cancellable, handler);
  self->cancellable = NULL;
  self->curl->easy_setopt (self->easy, CURLOPT_HTTPHEADER, NULL);
  self->curl->slist_free_all (headers);

  if (code != CURLE_OK)
    return set_transfer_error (self, code, cancellable, error);

  answer = collect_answer (self);
  if (answer->status < 200 || answer->status > 299)
    ok = set_status_error (answer, error);
  else
    ok = parse_json_answer (answer, error);

  if (response != NULL)
    *response = g_steal_pointer (&answer);

  return ok;
}

void
poe_http_response_free (PoeHttpResponse *response)
{
  if (response == NULL)
    return;

  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}
