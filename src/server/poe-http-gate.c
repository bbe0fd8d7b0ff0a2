/* poe-http-gate.c
 *
 * PoeHttpGate: a GIOStream whose output is the connection's and whose input is a
 * GPollableInputStream that hands libsoup only requests it has framed and checked.
 *
 * Bytes read from the connection wait in a buffer. A head waits there whole: at most max_head
 * bytes (431 past that), parsed with libsoup's own soup_headers_parse_request() and the rules
 * libsoup applies after it, so libsoup refuses nothing it is given and answers nothing itself.
 * Then the body is counted while it passes: its Content-Length, or each chunk's size line as
 * soon as it comes (413 past max_body). Reads never return bytes past the end of a request,
 * so a pipelined next request waits in the buffer until libsoup asks for it.
 *
 * On a refusal, or when the client closes or breaks the connection, the input stops: reads
 * would block and its source never fires, so libsoup waits until its owner takes the
 * connection back. libsoup 3.2 leaks a kept-alive connection whose client closes it (fixed in
 * 3.3.0): this way it never sees that close.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "poe-http-gate.h"

#define READ_SIZE       16384
#define CHUNK_LINE_MAX  1024   /* a chunk-size line with its extensions */

typedef enum
{
  STATE_BETWEEN,      /* a request ended; the next starts when libsoup reads again */
  STATE_HEAD,
  STATE_BODY,         /* Content-Length bytes */
  STATE_CHUNK_SIZE,
  STATE_CHUNK_DATA,
  STATE_CHUNK_END,    /* the CRLF after a chunk's data */
  STATE_TRAILER,
  STATE_STOPPED,      /* refused or gone */
} State;

#define POE_TYPE_HTTP_GATE_INPUT (poe_http_gate_input_get_type ())
G_DECLARE_FINAL_TYPE (PoeHttpGateInput, poe_http_gate_input, POE, HTTP_GATE_INPUT, GInputStream)

struct _PoeHttpGateInput
{
  GInputStream  parent_instance;

  GInputStream *base;
  PoeHttpGate  *gate;       /* weak: where events go */
  GByteArray   *buffer;     /* read from @base, not yet handed on */
  gsize         ready;      /* bytes at the front of @buffer checked and free to hand on */
  gsize         scanned;    /* STATE_HEAD: bytes already searched for the end of the head */
  State         state;
  gboolean      started;    /* STATE_HEAD: a byte of it came */
  guint64       left;       /* STATE_BODY, STATE_CHUNK_DATA */
  guint64       total;      /* chunked: the sizes so far */
  gsize         trailer;    /* STATE_TRAILER: its bytes so far */
  gsize         max_head;
  guint64       max_body;

  guint         status;     /* of the refusal */
  const char   *slug;
  const char   *detail;
};

struct _PoeHttpGate
{
  GIOStream         parent_instance;

  GIOStream        *base;
  PoeHttpGateInput *input;
  PoeHttpGateFunc   func;
  gpointer          func_data;
  gboolean          closed;
};

static void poe_http_gate_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeHttpGateInput, poe_http_gate_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      poe_http_gate_input_pollable_init))
G_DEFINE_FINAL_TYPE (PoeHttpGate, poe_http_gate, G_TYPE_IO_STREAM)


/*
 * Auxiliary methods
 */

static void
emit (PoeHttpGateInput *self,
      PoeHttpGateEvent  event)
{
  if (self->gate != NULL && self->gate->func != NULL)
    self->gate->func (self->gate, event, self->gate->func_data);
}

static void
stop (PoeHttpGateInput *self,
      guint             status,
      const char       *slug,
      const char       *detail)
{
  if (self->state == STATE_STOPPED)
    return;

  self->state = STATE_STOPPED;
  self->ready = 0;
  self->status = status;
  self->slug = slug;
  self->detail = detail;
  emit (self, status != 0 ? POE_HTTP_GATE_REFUSED : POE_HTTP_GATE_GONE);
}

static void
end_request (PoeHttpGateInput *self)
{
  self->state = STATE_BETWEEN;
  emit (self, POE_HTTP_GATE_BODY_DONE);
}

/* What libsoup's parse_headers() would answer to this head, or 0 with the body's framing. */
static guint
check_head (PoeHttpGateInput  *self,
            const char        *text,
            gsize              length,
            SoupEncoding      *encoding,
            guint64           *content_length)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupHTTPVersion version;
  const char *host;
  const char *lengths;
  guint status;

  status = soup_headers_parse_request (text, (int) length, headers, &method, &path, &version);
  self->detail = "The request line or a header field is malformed. Send an HTTP/1.1 request.";
  if (status == SOUP_STATUS_HTTP_VERSION_NOT_SUPPORTED)
    self->detail = "This server speaks HTTP/1.1. Send the request in HTTP/1.1.";
  else if (status == SOUP_STATUS_EXPECTATION_FAILED)
    self->detail = "The only expectation understood is 100-continue. Remove the Expect field.";
  if (status != SOUP_STATUS_OK)
    return status;

  *encoding = soup_message_headers_get_encoding (headers);
  *content_length = soup_message_headers_get_content_length (headers);
  lengths = soup_message_headers_get_list (headers, "Content-Length");
  host = soup_message_headers_get_one (headers, "Host");

  self->detail = "Send the body with Content-Length or chunked, not another transfer coding.";
  if (*encoding == SOUP_ENCODING_UNRECOGNIZED &&
      soup_message_headers_get_list (headers, "Transfer-Encoding") != NULL)
    return SOUP_STATUS_NOT_IMPLEMENTED;

  self->detail = "Send one Content-Length or chunked, never both, and one decimal length.";
  if (*encoding == SOUP_ENCODING_UNRECOGNIZED ||
      (lengths != NULL && (strchr (lengths, ',') != NULL ||
                           soup_message_headers_get_list (headers, "Transfer-Encoding") != NULL)))
    return SOUP_STATUS_BAD_REQUEST;

  self->detail = "The request target must be a path, such as /v1/health.";
  if (path[0] != '/')
    return SOUP_STATUS_BAD_REQUEST;

  self->detail = "An HTTP/1.1 request needs a Host field naming this server.";
  if (host == NULL)
    return version == SOUP_HTTP_1_0 ? 0 : SOUP_STATUS_BAD_REQUEST;

  self->detail = "The request target or the Host field is malformed (check its % escapes).";
  url = g_strconcat ("http://", host, path, NULL);
  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH |
                     G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT |
                     G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (strchr (host, '/') != NULL || uri == NULL || g_uri_get_host (uri) == NULL)
    return SOUP_STATUS_BAD_REQUEST;

  return 0;
}

/* The end of the head (after its blank line) in @data, searched from @from; 0 if not there. */
static gsize
find_head_end (const guint8 *data,
               gsize         length,
               gsize         from)
{
  for (gsize i = from; i + 1 < length; i++)
    {
      if (data[i] != '\n')
        continue;
      if (data[i + 1] == '\n')
        return i + 2;
      if (data[i + 1] == '\r' && i + 2 < length && data[i + 2] == '\n')
        return i + 3;
    }

  return 0;
}

static void
advance_head (PoeHttpGateInput *self)
{
  const guint8 *data = self->buffer->data;
  gsize length = self->buffer->len;
  gsize lead = 0;
  gsize end;
  SoupEncoding encoding = SOUP_ENCODING_NONE;
  guint64 content_length = 0;
  guint status;

  g_assert (self->ready == 0);

  if (length == 0)
    return;
  if (!self->started)
    {
      self->started = TRUE;
      emit (self, POE_HTTP_GATE_HEAD_STARTED);
    }

  /* Empty lines before a request line are skipped (RFC 9112 §2.2), as libsoup does. */
  while (lead < length && (data[lead] == '\r' || data[lead] == '\n'))
    lead++;
  end = lead < length ? find_head_end (data, length, MAX (lead, self->scanned)) : 0;
  self->scanned = length > 2 ? length - 2 : 0;
  if (end == 0 || end > self->max_head)
    {
      if (end != 0 || length > self->max_head)
        stop (self, 431, "headers-too-large",
              "The header fields are larger than 16 KiB. Send shorter ones.");
      return;
    }

  /* libsoup parses the head without its blank line. */
  status = check_head (self, (const char *) data, end - (data[end - 2] == '\r' ? 2 : 1),
                       &encoding, &content_length);
  if (status != 0)
    {
      stop (self, status, status == 505 ? "http-version-not-supported" :
                          status == 501 ? "not-implemented" :
                          status == 417 ? "expectation-failed" : "invalid-request", self->detail);
      return;
    }

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH && content_length > self->max_body)
    {
      stop (self, 413, "too-large", "The request is larger than 8 MiB. Send fewer changes at once.");
      return;
    }

  self->ready = end;
  self->started = FALSE;
  self->scanned = 0;
  self->total = 0;
  if (encoding == SOUP_ENCODING_CHUNKED)
    self->state = STATE_CHUNK_SIZE;
  else if (encoding == SOUP_ENCODING_CONTENT_LENGTH && content_length > 0)
    {
      self->state = STATE_BODY;
      self->left = content_length;
    }
  else
    {
      emit (self, POE_HTTP_GATE_HEAD_DONE);
      end_request (self);
      return;
    }

  emit (self, POE_HTTP_GATE_HEAD_DONE);
}

/* A line of the chunked framing at @at: its length with the LF, or 0 while incomplete. */
static gsize
line_at (PoeHttpGateInput *self,
         gsize             at,
         gsize             limit)
{
  const guint8 *lf = memchr (self->buffer->data + at, '\n', self->buffer->len - at);

  if (lf == NULL)
    {
      if (self->buffer->len - at > limit)
        stop (self, 400, "invalid-request", "The chunked body is malformed. Send it again.");
      return 0;
    }

  return (gsize) (lf - (self->buffer->data + at)) + 1;
}

/* The hex size at the start of a chunk-size line; FALSE unless it starts with 1–15 digits. */
static gboolean
parse_chunk_size (const guint8 *line,
                  gsize         length,
                  guint64      *size)
{
  gsize i = 0;

  *size = 0;
  while (i < length && g_ascii_isxdigit (line[i]) && i < 15)
    *size = *size * 16 + (guint64) g_ascii_xdigit_value (line[i++]);

  return i > 0 && i < length && (line[i] == '\r' || line[i] == '\n' || line[i] == ';' ||
                                 line[i] == ' ' || line[i] == '\t');
}

/* One step of the framing of a chunked body; FALSE when it needs more bytes or stopped. */
static gboolean
advance_chunked (PoeHttpGateInput *self)
{
  gsize at = self->ready;
  gsize avail = self->buffer->len - at;
  gsize line;
  guint64 size;

  switch (self->state)
    {
    case STATE_CHUNK_SIZE:
      if ((line = line_at (self, at, CHUNK_LINE_MAX)) == 0)
        return FALSE;
      if (!parse_chunk_size (self->buffer->data + at, line, &size))
        {
          stop (self, 400, "invalid-request", "The chunked body is malformed. Send it again.");
          return FALSE;
        }
      if (size > self->max_body - self->total)
        {
          stop (self, 413, "too-large", "The request is larger than 8 MiB. Send fewer changes at once.");
          return FALSE;
        }
      self->ready += line;
      self->total += size;
      self->left = size;
      self->trailer = 0;
      self->state = size > 0 ? STATE_CHUNK_DATA : STATE_TRAILER;
      return TRUE;

    case STATE_CHUNK_DATA:
      if (avail == 0)
        return FALSE;
      size = MIN (avail, self->left);
      self->ready += size;
      self->left -= size;
      if (self->left == 0)
        self->state = STATE_CHUNK_END;
      return TRUE;

    case STATE_CHUNK_END:
      if ((line = line_at (self, at, 2)) == 0)
        return FALSE;
      if (line > 2 || (line == 2 && self->buffer->data[at] != '\r'))
        {
          stop (self, 400, "invalid-request", "The chunked body is malformed. Send it again.");
          return FALSE;
        }
      self->ready += line;
      self->state = STATE_CHUNK_SIZE;
      return TRUE;

    case STATE_TRAILER:
      if ((line = line_at (self, at, self->max_head - self->trailer)) == 0)
        return FALSE;
      self->ready += line;
      self->trailer += line;
      if (self->trailer > self->max_head)
        stop (self, 431, "headers-too-large",
              "The header fields are larger than 16 KiB. Send shorter ones.");
      else if (line == 1 || (line == 2 && self->buffer->data[at] == '\r'))
        end_request (self);
      return FALSE;

    case STATE_BETWEEN:
    case STATE_HEAD:
    case STATE_BODY:
    case STATE_STOPPED:
    default:
      g_assert_not_reached ();
    }
}

/* Checks what the buffer holds, as far as the current request goes. */
static void
advance (PoeHttpGateInput *self)
{
  switch (self->state)
    {
    case STATE_HEAD:
      advance_head (self);
      break;

    case STATE_BODY:
      {
        guint64 size = MIN (self->buffer->len - self->ready, self->left);

        self->ready += size;
        self->left -= size;
        if (self->left == 0)
          end_request (self);
      }
      break;

    case STATE_CHUNK_SIZE:
    case STATE_CHUNK_DATA:
    case STATE_CHUNK_END:
    case STATE_TRAILER:
      while (self->state != STATE_STOPPED && self->state != STATE_BETWEEN && advance_chunked (self))
        ;
      break;

    case STATE_BETWEEN:
    case STATE_STOPPED:
    default:
      break;
    }
}

/* libsoup reads or waits: the request it reads is the next one once the last is handed on. */
static void
begin_reading (PoeHttpGateInput *self)
{
  if (self->state == STATE_BETWEEN && self->ready == 0)
    {
      self->state = STATE_HEAD;
      self->started = FALSE;
      self->scanned = 0;
    }

  advance (self);
}

static gssize
gate_read (PoeHttpGateInput  *self,
           void              *buffer,
           gsize              count,
           gboolean           blocking,
           GCancellable      *cancellable,
           GError           **error)
{
  guint8 incoming[READ_SIZE];

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      begin_reading (self);
      if (self->ready > 0)
        {
          n = (gssize) MIN (count, self->ready);
          memcpy (buffer, self->buffer->data, n);
          g_byte_array_remove_range (self->buffer, 0, n);
          self->ready -= n;
          return n;
        }

      if (self->state == STATE_STOPPED)
        {
          g_set_error_literal (error, G_IO_ERROR, blocking ? G_IO_ERROR_CONNECTION_CLOSED : G_IO_ERROR_WOULD_BLOCK,
                               "The request was refused or the client left");
          return -1;
        }

      n = g_pollable_stream_read (self->base, incoming, sizeof incoming, blocking, cancellable, &local_error);
      if (n > 0)
        {
          g_byte_array_append (self->buffer, incoming, n);
          continue;
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return -1;
        }

      /* The end, or a broken connection: libsoup never learns of it (see the top). */
      stop (self, 0, NULL, NULL);
    }
}


/*
 * GInputStream and GPollableInputStream overrides
 */

static gssize
gate_input_read_fn (GInputStream  *stream,
                    void          *buffer,
                    gsize          count,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return gate_read (POE_HTTP_GATE_INPUT (stream), buffer, count, TRUE, cancellable, error);
}

static gboolean
gate_input_close_fn (GInputStream  *stream,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return TRUE;
}

static gboolean
gate_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
gate_input_is_readable (GPollableInputStream *stream)
{
  PoeHttpGateInput *self = POE_HTTP_GATE_INPUT (stream);

  if (self->state == STATE_STOPPED)
    return FALSE;

  return self->ready > 0 || g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
gate_input_create_source (GPollableInputStream *stream,
                          GCancellable         *cancellable)
{
  PoeHttpGateInput *self = POE_HTTP_GATE_INPUT (stream);
  g_autoptr(GSource) child = NULL;

  begin_reading (self);
  if (self->ready > 0)
    child = g_timeout_source_new (0);
  else if (self->state != STATE_STOPPED)
    child = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);

  /* Stopped: a source that never fires, until the owner takes the connection back. */
  return g_pollable_source_new_full (stream, child, cancellable);
}

static gssize
gate_input_read_nonblocking (GPollableInputStream  *stream,
                             void                  *buffer,
                             gsize                  count,
                             GError               **error)
{
  return gate_read (POE_HTTP_GATE_INPUT (stream), buffer, count, FALSE, NULL, error);
}

static void
poe_http_gate_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = gate_input_can_poll;
  iface->is_readable = gate_input_is_readable;
  iface->create_source = gate_input_create_source;
  iface->read_nonblocking = gate_input_read_nonblocking;
}

static void
poe_http_gate_input_finalize (GObject *object)
{
  PoeHttpGateInput *self = POE_HTTP_GATE_INPUT (object);

  g_clear_weak_pointer (&self->gate);
  g_clear_object (&self->base);
  g_clear_pointer (&self->buffer, g_byte_array_unref);

  G_OBJECT_CLASS (poe_http_gate_input_parent_class)->finalize (object);
}

static void
poe_http_gate_input_class_init (PoeHttpGateInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *input_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = poe_http_gate_input_finalize;
  input_class->read_fn = gate_input_read_fn;
  input_class->close_fn = gate_input_close_fn;
}

static void
poe_http_gate_input_init (PoeHttpGateInput *self)
{
  self->buffer = g_byte_array_new ();
  self->state = STATE_BETWEEN;
}


/*
 * GIOStream overrides
 */

static GInputStream *
poe_http_gate_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (POE_HTTP_GATE (stream)->input);
}

static GOutputStream *
poe_http_gate_get_output_stream (GIOStream *stream)
{
  return g_io_stream_get_output_stream (POE_HTTP_GATE (stream)->base);
}

static gboolean
poe_http_gate_close_fn (GIOStream     *stream,
                        GCancellable  *cancellable,
                        GError       **error)
{
  PoeHttpGate *self = POE_HTTP_GATE (stream);
  gboolean ok;

  ok = g_io_stream_close (self->base, cancellable, error);
  if (!self->closed)
    {
      self->closed = TRUE;
      if (self->func != NULL)
        self->func (self, POE_HTTP_GATE_CLOSED, self->func_data);
    }

  return ok;
}

/* The default would close on a thread; the owner and its events live on this one. */
static void
poe_http_gate_close_async (GIOStream           *stream,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, poe_http_gate_close_async);
  if (poe_http_gate_close_fn (stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
poe_http_gate_close_finish (GIOStream     *stream,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
poe_http_gate_finalize (GObject *object)
{
  PoeHttpGate *self = POE_HTTP_GATE (object);

  g_clear_object (&self->input);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (poe_http_gate_parent_class)->finalize (object);
}

static void
poe_http_gate_class_init (PoeHttpGateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = poe_http_gate_finalize;
  stream_class->get_input_stream = poe_http_gate_get_input_stream;
  stream_class->get_output_stream = poe_http_gate_get_output_stream;
  stream_class->close_fn = poe_http_gate_close_fn;
  stream_class->close_async = poe_http_gate_close_async;
  stream_class->close_finish = poe_http_gate_close_finish;
}

static void
poe_http_gate_init (PoeHttpGate *self)
{
}


/*
 * Public API
 */

/**
 * poe_http_gate_new:
 * @base: the connection (plain or TLS); its input must be pollable
 * @max_head: bytes of a head (request line and header fields), and of a chunked trailer
 * @max_body: bytes of a body
 */
PoeHttpGate *
poe_http_gate_new (GIOStream *base,
                   gsize      max_head,
                   guint64    max_body)
{
  PoeHttpGate *self;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (base)), NULL);

  self = g_object_new (POE_TYPE_HTTP_GATE, NULL);
  self->base = g_object_ref (base);
  self->input = g_object_new (POE_TYPE_HTTP_GATE_INPUT, NULL);
  self->input->base = g_object_ref (g_io_stream_get_input_stream (base));
  self->input->max_head = max_head;
  self->input->max_body = max_body;
  g_set_weak_pointer (&self->input->gate, self);

  return self;
}

void
poe_http_gate_set_func (PoeHttpGate     *self,
                        PoeHttpGateFunc  func,
                        gpointer         user_data)
{
  g_return_if_fail (POE_IS_HTTP_GATE (self));

  self->func = func;
  self->func_data = user_data;
}

GIOStream *
poe_http_gate_get_base (PoeHttpGate *self)
{
  g_return_val_if_fail (POE_IS_HTTP_GATE (self), NULL);

  return self->base;
}

/**
 * poe_http_gate_get_refusal:
 * @slug: (out) (optional): the problem type's last part, such as "too-large"
 * @detail: (out) (optional): what the client should do
 *
 * Returns: the status to answer, or 0 when nothing was refused
 */
guint
poe_http_gate_get_refusal (PoeHttpGate  *self,
                           const char  **slug,
                           const char  **detail)
{
  g_return_val_if_fail (POE_IS_HTTP_GATE (self), 0);

  if (slug != NULL)
    *slug = self->input->slug;
  if (detail != NULL)
    *detail = self->input->detail;

  return self->input->state == STATE_STOPPED ? self->input->status : 0;
}

/**
 * poe_http_gate_refuse:
 *
 * Stops the input with this refusal (a request too slow, say), unless it stopped already.
 * Emits %POE_HTTP_GATE_REFUSED, or %POE_HTTP_GATE_GONE when @status is 0.
 */
void
poe_http_gate_refuse (PoeHttpGate *self,
                      guint        status,
                      const char  *slug,
                      const char  *detail)
{
  g_return_if_fail (POE_IS_HTTP_GATE (self));

  stop (self->input, status, slug, detail);
}
