/* poe-server-auth.c
 *
 * Sign-in and sign-out (docs/protocol.md, docs/security.md). Argon2id runs on the worker pool,
 * never on the event loop. Throttling slows a guesser without handing anyone a lock-out
 * button: failures count by (user, address) and by address, each with its own back-off, never
 * by user alone; a device that signed in with the user's password before is counted on its
 * own, so the right password from it still gets in while someone else guesses from the same
 * network. Every attempt, right or wrong, also draws on a per-address budget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "poe-server-private.h"

#define FAILURE_WINDOW       (15 * 60)
#define FAILURE_LIMIT_USER   5     /* by (user, address) and by (user, device, address) */
#define FAILURE_LIMIT_ADDR   20    /* by address: many users may share one airport NAT */
#define FAILURE_WAIT_FIRST   60
#define FAILURE_WAIT_MAX     3600

#define ATTEMPT_BURST        20    /* sign-ins an address may make at once */
#define ATTEMPT_PER_MINUTE   30    /* and then, on average */
#define ATTEMPT_TABLE_MAX    4096  /* addresses remembered before the idle ones are dropped */

#define USERNAME_MAX         64
#define PASSWORD_MAX         1024
#define DEVICE_MAX           200

typedef struct
{
  double  tokens;
  gint64  at;      /* monotonic µs of the last refill */
} Bucket;

typedef struct
{
  PoeServer *server;
  char      *username;
  char      *password;
  char      *device;
  char      *address;
  char      *hash;         /* the user's, or the dummy one */
  gboolean   user_exists;
  gboolean   known_device;
  gboolean   verified;     /* set by the worker */
} Login;


/*
 * Auxiliary methods
 */

static void
login_free (Login *login)
{
  if (login->password != NULL)
    sodium_memzero (login->password, strlen (login->password));

  g_object_unref (login->server);
  g_free (login->username);
  g_free (login->password);
  g_free (login->device);
  g_free (login->address);
  g_free (login->hash);
  g_free (login);
}

static char *
new_token (void)
{
  guchar bytes[32];
  char text[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);

  return g_strdup (text);
}

static void
respond_retry (SoupServerMessage *msg,
               gint64             seconds,
               guint              status,
               const char        *slug,
               const char        *detail)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (seconds, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", text);
  _poe_server_respond_problem (msg, status, slug, detail);
}

/* Takes one attempt from @address's budget; returns 0, or the seconds until one is there. */
static gint64
take_attempt (PoeServer  *self,
              const char *address)
{
  gint64 now = g_get_monotonic_time ();
  double rate = ATTEMPT_PER_MINUTE / (60.0 * G_USEC_PER_SEC);
  Bucket *bucket = g_hash_table_lookup (self->attempts, address);

  if (bucket == NULL)
    {
      if (g_hash_table_size (self->attempts) >= ATTEMPT_TABLE_MAX)
        g_hash_table_remove_all (self->attempts);  /* a full budget for everyone again */

      bucket = g_new0 (Bucket, 1);
      bucket->tokens = ATTEMPT_BURST;
      bucket->at = now;
      g_hash_table_insert (self->attempts, g_strdup (address), bucket);
    }

  bucket->tokens = MIN (bucket->tokens + (now - bucket->at) * rate, ATTEMPT_BURST);
  bucket->at = now;
  if (bucket->tokens < 1.0)
    return (gint64) ((1.0 - bucket->tokens) / rate / G_USEC_PER_SEC) + 1;

  bucket->tokens -= 1.0;

  return 0;
}

/* Seconds until another attempt is allowed for @key, 0 when it is allowed now. */
static gint64
throttle_wait (PoeServer  *self,
               const char *key,
               guint       limit,
               gint64      now)
{
  PoeBackendOps const *ops = self->backend->ops;
  gint64 last_at = 0;
  guint recent = ops->failures_since (self->backend, key, now - FAILURE_WINDOW, &last_at);
  guint hour;
  gint64 wait;

  if (recent < limit)
    return 0;

  hour = ops->failures_since (self->backend, key, now - FAILURE_WAIT_MAX, NULL);
  wait = FAILURE_WAIT_FIRST << MIN (hour - limit, 6);
  wait = MIN (wait, FAILURE_WAIT_MAX);

  return MAX (last_at + wait - now, 0);
}

/* The keys a sign-in is counted under: a known device has its own; others share
 * (user, address); every attempt also counts for its address. */
static GStrv
failure_keys (Login *login)
{
  GStrv keys = g_new0 (char *, 3);

  if (login->known_device)
    keys[0] = g_strconcat ("uda:", login->username, "\n", login->device, "\n", login->address, NULL);
  else
    keys[0] = g_strconcat ("ua:", login->username, "\n", login->address, NULL);
  keys[1] = g_strconcat ("a:", login->address, NULL);

  return keys;
}

static gint64
login_wait (PoeServer *self,
            Login     *login,
            gint64     now)
{
  g_auto(GStrv) keys = failure_keys (login);
  gint64 wait = throttle_wait (self, keys[0], FAILURE_LIMIT_USER, now);

  /* A known device is not slowed by what others try from its address. */
  if (!login->known_device)
    wait = MAX (wait, throttle_wait (self, keys[1], FAILURE_LIMIT_ADDR, now));

  return wait;
}

static void
record_failure (PoeServer *self,
                Login     *login,
                gint64     now)
{
  g_auto(GStrv) keys = failure_keys (login);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!self->backend->ops->failure_add (self->backend, keys[i], now, &error))
        {
          g_warning ("Cannot record a failed sign-in: %s", error->message);
          return;
        }
    }
}

static gboolean
issue_token (PoeServer         *self,
             SoupServerMessage *msg,
             const PoeUser     *user,
             gint64             now)
{
  g_autofree char *token = new_token ();
  g_autofree char *token_hash = _poe_server_hash_token (token);
  g_autofree char *expires = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(GError) error = NULL;
  gint64 expires_at = now + MAX ((gint64) (self->token_hours * 3600.0 + 0.5), 1);

  if (!self->backend->ops->token_add (self->backend, token_hash, user->username, expires_at, &error))
    {
      g_warning ("Cannot store a token: %s", error->message);
      return FALSE;
    }

  expiry = g_date_time_new_from_unix_utc (expires_at);
  expires = poe_time_format_iso8601 (expiry);
  json_object_set_string_member (answer, "token", token);
  json_object_set_string_member (answer, "expires_at", expires);
  json_object_set_object_member (answer, "user", _poe_server_user_to_json (self, user));
  _poe_server_respond_object (msg, 200, answer);
  g_info ("Sign-in of staff %s", user->staff_id);

  return TRUE;
}

static Login *
read_login (PoeServer         *self,
            SoupServerMessage *msg,
            JsonObject        *body)
{
  const char *username = _poe_server_member_string (body, "username");
  const char *password = _poe_server_member_string (body, "password");
  const char *device = _poe_server_member_string (body, "device");
  Login *login;

  if (username == NULL || password == NULL || username[0] == '\0')
    {
      _poe_server_respond_problem (msg, 400, "invalid-request", "A user name and a password are needed.");
      return NULL;
    }

  if (strlen (username) > USERNAME_MAX || strlen (password) > PASSWORD_MAX ||
      (device != NULL && strlen (device) > DEVICE_MAX))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "username is at most 64 bytes, password 1024 and device 200.");
      return NULL;
    }

  login = g_new0 (Login, 1);
  login->server = g_object_ref (self);
  login->username = g_strdup (username);
  login->password = g_strdup (password);
  login->device = device != NULL && device[0] != '\0' ? g_strdup (device) : NULL;
  login->address = g_strdup (soup_server_message_get_remote_host (msg));

  return login;
}


/*
 * Callbacks
 */

static void
login_work_cb (gpointer data)
{
  Login *login = data;

  /* An unknown user costs the same hashing time as a known one. */
  login->verified = poe_password_verify (login->hash, login->password) && login->user_exists;
}

static void
login_done_cb (SoupServerMessage *msg,
               gpointer           data)
{
  Login *login = data;
  PoeServer *self = login->server;
  g_autoptr(PoeUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (login->verified)
    user = self->backend->ops->user_lookup (self->backend, login->username);

  if (user == NULL)
    {
      record_failure (self, login, now);
      _poe_server_respond_problem (msg, 401, "unauthorized", "The user name or the password is wrong.");
      return;
    }

  /* Said only to who knows the password: a guesser learns nothing of the account. */
  if (user->disabled)
    {
      _poe_server_respond_problem (msg, 401, "unauthorized",
                                   "This account is disabled. Ask your administrator.");
      return;
    }

  if (login->device != NULL &&
      !self->backend->ops->device_seen (self->backend, login->username, login->device, now, &error))
    g_warning ("Cannot remember a device: %s", error->message);

  if (!issue_token (self, msg, user, now))
    _poe_server_respond_problem (msg, 500, "internal", "The server could not sign you in. Try again.");
}


/*
 * Shared with the other files of PoeServer
 */

char *
_poe_server_hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

void
_poe_server_handle_login (PoeServer         *self,
                          SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(PoeUser) user = NULL;
  Login *login;
  gint64 wait;

  wait = take_attempt (self, soup_server_message_get_remote_host (msg));
  if (wait > 0)
    {
      respond_retry (msg, wait, 429, "too-many-requests",
                     "Too many sign-ins from this address. Wait before trying again.");
      return;
    }

  body = _poe_server_parse_body (msg);
  if (body == NULL || (login = read_login (self, msg, body)) == NULL)
    return;

  login->known_device = login->device != NULL &&
                        self->backend->ops->device_known (self->backend, login->username, login->device);
  wait = login_wait (self, login, g_get_real_time () / G_USEC_PER_SEC);
  if (wait > 0)
    {
      respond_retry (msg, wait, 429, "too-many-requests",
                     "Too many failed sign-ins. Wait before trying again.");
      login_free (login);
      return;
    }

  user = self->backend->ops->user_lookup (self->backend, login->username);
  login->user_exists = user != NULL;
  login->hash = g_strdup (user != NULL ? user->hash : self->dummy_hash);

  if (!poe_server_pool_push (self->pool, msg, login_work_cb, login_done_cb, login,
                             (GDestroyNotify) login_free))
    {
      respond_retry (msg, 1, 503, "unavailable", "The server is busy signing others in. Try again.");
      login_free (login);
    }
}

void
_poe_server_handle_logout (PoeServer         *self,
                           SoupServerMessage *msg)
{
  g_autofree char *token_hash = _poe_server_request_token_hash (msg);
  g_autoptr(GError) error = NULL;

  if (!self->backend->ops->token_revoke (self->backend, token_hash, &error))
    {
      _poe_server_respond_problem (msg, 500, "internal", "The server could not sign you out. Try again.");
      return;
    }

  /* A long poll opened with the token must not deliver anything more. */
  _poe_server_end_waiters (self, token_hash);
  soup_server_message_set_status (msg, 204, NULL);
}
