/* poe-server-changes.c
 *
 * GET /v1/sync/changes: pages of the change log filtered by the role matrix, and the long
 * poll. A waiting request is paused and kept in a list; every commit wakes the list, and each
 * waiter answers as soon as its user may see something new; signing out ends the waits of
 * the token, and so does disabling the account from the command line (seen within a second).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-server"

#include "config.h"

#include <string.h>

#include "poe-access.h"
#include "poe-server-private.h"

#define LIMIT_DEFAULT 1000
#define LIMIT_MAX     5000
#define WAIT_MAX      60

typedef struct
{
  PoeServer         *server;
  SoupServerMessage *msg;
  PoeUser           *user;
  char              *token_hash; /* of the request: signing out ends the wait */
  gint64             since;      /* what the client sent */
  gint64             scanned;    /* changes up to here held nothing for this user */
  guint              limit;
  guint              timeout_id;
  gulong             finished_id;
} Waiter;


/* A page of the feed as JSON text: the change objects, comma-separated. */
typedef struct
{
  GString *text;
  guint    count;
} Page;


/*
 * Auxiliary methods
 */

static void
page_free (Page *page)
{
  g_string_free (page->text, TRUE);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static void
append_json_string (GString    *text,
                    const char *value)
{
  g_string_append_c (text, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (text, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (text, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

/* A deleted record keeps only its id, rev, time and POE (poe-backend's record_bury): its
 * tombstone goes to the devices of that POE. One deleted before tombstones were stripped
 * still has its fields, and its POE is found through them. */
static PoeAccess
tombstone_access (PoeServer  *self,
                  PoeUser    *user,
                  PoeRecord  *record,
                  const char *data,
                  GHashTable *memo)
{
  g_autoptr(JsonNode) node = json_from_string (data, NULL);
  const char *poe = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    poe = json_object_get_string_member_with_default (json_node_get_object (node), "poe", NULL);

  if (poe == NULL)
    return poe_access_read_memo (self->backend, user, record, memo);

  if (g_strcmp0 (user->role, "admin") == 0 || g_str_equal (poe, user->poe))
    return POE_ACCESS_TOMBSTONE;

  return POE_ACCESS_HIDDEN;
}

/* Appends the change object of @change when @user may know of it. The record is still read
 * for the role checks, but one the user may read goes out as the JSON text the backend
 * stored (record_put wrote it from the record, so it holds the members poe_record_to_json()
 * would write again): no second JSON tree and serialization for every change of a page. */
static gboolean
append_change (PoeServer  *self,
               PoeUser    *user,
               PoeChange  *change,
               GHashTable *memo,
               Page       *page)
{
  const PoeEntityInfo *entity = poe_schema_lookup_entity (change->entity);
  g_autoptr(PoeRecord) record = NULL;
  g_autofree char *data = NULL;
  PoeAccess access;

  if (entity == NULL)
    return FALSE;

  record = self->backend->ops->record_get_text (self->backend, entity, change->id, &data);
  if (record == NULL)
    return FALSE;

  poe_access_memo_add (memo, record);
  access = poe_record_get_deleted (record) ? tombstone_access (self, user, record, data, memo)
                                           : poe_access_read_memo (self->backend, user, record, memo);
  if (access == POE_ACCESS_HIDDEN)
    return FALSE;

  if (page->count++ > 0)
    g_string_append_c (page->text, ',');
  g_string_append (page->text, "{\"entity\":");
  append_json_string (page->text, change->entity);
  g_string_append (page->text, ",\"id\":");
  append_json_string (page->text, change->id);
  g_string_append_printf (page->text, ",\"rev\":%" G_GINT64_FORMAT, poe_record_get_rev (record));

  /* Tombstones (hidden records of the user's POE, deleted records) carry the id only. */
  if (access == POE_ACCESS_TOMBSTONE || poe_record_get_deleted (record))
    g_string_append (page->text, ",\"deleted\":true}");
  else
    {
      g_string_append (page->text, ",\"deleted\":false,\"data\":");
      g_string_append (page->text, data);
      g_string_append_c (page->text, '}');
    }

  return TRUE;
}

/* One page after @since: the visible changes, the cursor after the last one scanned. */
static Page *
collect_page (PoeServer *self,
              PoeUser   *user,
              gint64     since,
              guint      limit,
              gint64    *cursor,
              gboolean  *more)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) memo = poe_access_memo_new ();
  Page *page = g_new0 (Page, 1);
  gboolean reading;

  page->text = g_string_sized_new (4096);

  /* One snapshot for the page: the same state throughout, and one lock, not one a read. */
  reading = self->backend->ops->begin_read (self->backend, NULL);
  changes = self->backend->ops->changes_since (self->backend, since, limit, more);
  *cursor = since;
  for (guint i = 0; i < changes->len; i++)
    {
      PoeChange *change = g_ptr_array_index (changes, i);

      append_change (self, user, change, memo, page);
      *cursor = change->seq;
    }

  if (reading && !self->backend->ops->commit (self->backend, NULL))
    self->backend->ops->rollback (self->backend);

  return page;
}

static void
respond_page (SoupServerMessage *msg,
              Page              *page,
              gint64             cursor,
              gboolean           more)
{
  GString *text = g_string_sized_new (page->text->len + 64);
  gsize length;

  g_string_append (text, "{\"changes\":[");
  g_string_append_len (text, page->text->str, page->text->len);
  g_string_append_printf (text, "],\"cursor\":\"%" G_GINT64_FORMAT "\",\"more\":%s}",
                          cursor, more ? "true" : "false");

  length = text->len;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (text, FALSE), length);
}

static gboolean
parse_number (GHashTable *query,
              const char *name,
              guint64     min,
              guint64     max,
              guint64     fallback,
              guint64    *value)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  *value = fallback;
  if (text == NULL || *text == '\0')
    return TRUE;

  return g_ascii_string_to_unsigned (text, 10, min, max, value, NULL);
}

static void
waiter_free (Waiter *waiter)
{
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_signal_handler (&waiter->finished_id, waiter->msg);
  g_clear_object (&waiter->msg);
  g_clear_pointer (&waiter->user, poe_user_free);
  g_free (waiter->token_hash);
  g_free (waiter);
}

/* Takes @waiter off the server's list, its timeout and its message's "finished" signal before
 * it answers: unpausing may finish the message at once, and a timeout left behind would fire
 * on a freed waiter. */
static void
waiter_detach (Waiter *waiter)
{
  waiter->server->waiters = g_list_remove (waiter->server->waiters, waiter);
  g_clear_handle_id (&waiter->timeout_id, g_source_remove);
  g_clear_signal_handler (&waiter->finished_id, waiter->msg);
}

static void
waiter_finish (Waiter   *waiter,
               Page     *page,
               gint64    cursor,
               gboolean  more)
{
  waiter_detach (waiter);
  respond_page (waiter->msg, page, cursor, more);
  soup_server_message_unpause (waiter->msg);
  waiter_free (waiter);
}

/* Nothing new before the wait ran out (or the server stops): an empty page at the same cursor. */
static void
waiter_finish_empty (Waiter *waiter)
{
  g_autoptr(Page) page = g_new0 (Page, 1);

  page->text = g_string_new (NULL);
  waiter_finish (waiter, page, waiter->since, FALSE);
}

/* The token no longer holds: 401, with nothing of what changed. */
static void
waiter_end (Waiter *waiter)
{
  waiter_detach (waiter);
  _poe_server_respond_problem (waiter->msg, 401, "unauthorized", "Sign in again.");
  soup_server_message_unpause (waiter->msg);
  waiter_free (waiter);
}

/* Returns whether the waiter was answered (and freed). */
static gboolean
waiter_try (Waiter *waiter)
{
  g_autoptr(Page) page = NULL;
  gint64 cursor;
  gboolean more;

  page = collect_page (waiter->server, waiter->user, waiter->scanned, waiter->limit,
                       &cursor, &more);
  waiter->scanned = cursor;
  if (page->count == 0 && !more)
    return FALSE;

  waiter_finish (waiter, page, cursor, more);

  return TRUE;
}


/*
 * Callbacks
 */

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  /* The source ends with this call. */
  waiter->timeout_id = 0;
  waiter_finish_empty (waiter);

  return G_SOURCE_REMOVE;
}

static void
waiter_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Waiter *waiter = user_data;

  /* The client went away while waiting. */
  waiter_detach (waiter);
  waiter_free (waiter);
}


/*
 * Shared with the other files of PoeServer
 */

void
_poe_server_handle_changes (PoeServer         *self,
                            SoupServerMessage *msg,
                            PoeUser           *user,
                            GHashTable        *query)
{
  g_autoptr(Page) page = NULL;
  guint64 since, limit, wait;
  gint64 cursor;
  gboolean more;
  Waiter *waiter;

  if (!parse_number (query, "since", 0, G_MAXINT64, 0, &since) ||
      (gint64) since > self->backend->ops->current_seq (self->backend))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "The cursor is not valid here; start again from 0.");
      return;
    }

  if (!parse_number (query, "limit", 1, LIMIT_MAX, LIMIT_DEFAULT, &limit) ||
      !parse_number (query, "wait", 0, WAIT_MAX, 0, &wait))
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "limit is 1 to 5000 and wait 0 to 60 seconds.");
      return;
    }

  page = collect_page (self, user, since, limit, &cursor, &more);
  if (wait == 0 || page->count > 0 || more)
    {
      respond_page (msg, page, cursor, more);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->server = self;
  waiter->msg = g_object_ref (msg);
  /* Take over the user's members; the caller frees the emptied struct. */
  waiter->user = g_memdup2 (user, sizeof *user);
  memset (user, 0, sizeof *user);
  waiter->token_hash = _poe_server_request_token_hash (msg);
  waiter->since = since;
  waiter->scanned = cursor;
  waiter->limit = limit;
  /* Not g_timeout_add_seconds(): it rounds to whole seconds of the clock and may answer
   * up to a second early. */
  waiter->timeout_id = g_timeout_add ((guint) wait * 1000, waiter_timeout_cb, waiter);
  waiter->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (waiter_finished_cb), waiter);
  self->waiters = g_list_prepend (self->waiters, waiter);
  soup_server_message_pause (msg);
}

void
_poe_server_wake_waiters (PoeServer *self)
{
  GList *waiters = g_list_copy (self->waiters);

  for (GList *l = waiters; l != NULL; l = l->next)
    waiter_try (l->data);

  g_list_free (waiters);
}

/* The token was revoked: its long polls answer 401 now, with nothing of what changed. */
void
_poe_server_end_waiters (PoeServer  *self,
                         const char *token_hash)
{
  GList *waiters = g_list_copy (self->waiters);

  for (GList *l = waiters; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;

      if (g_strcmp0 (waiter->token_hash, token_hash) == 0)
        waiter_end (waiter);
    }

  g_list_free (waiters);
}

/* Another process (`poe-central user …`, an import) committed to the database. A long poll
 * whose token no longer holds (the account was disabled, its password reset) ends at once;
 * the others go on with the account as it is now (a new role decides what they see), and
 * look for what the other process wrote. */
void
_poe_server_recheck_waiters (PoeServer *self)
{
  GList *waiters = g_list_copy (self->waiters);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (GList *l = waiters; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;
      PoeUser *user = self->backend->ops->token_lookup (self->backend, waiter->token_hash, now, NULL);

      if (user == NULL)
        {
          waiter_end (waiter);
          continue;
        }

      poe_user_free (waiter->user);
      waiter->user = user;
    }

  g_list_free (waiters);
  _poe_server_wake_waiters (self);
}

void
_poe_server_drop_waiters (PoeServer *self)
{
  while (self->waiters != NULL)
    waiter_finish_empty (self->waiters->data);
}
