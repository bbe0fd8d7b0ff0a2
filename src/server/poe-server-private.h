/* poe-server-private.h
 *
 * What the files of PoeServer share: the instance struct and the helpers of each concern
 * (poe-server.c routes, poe-server-auth.c sign-in, poe-server-listener.c connections,
 * poe-server-changes.c the feed, poe-server-push.c push).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "poe-server.h"
#include "poe-server-pool.h"

G_BEGIN_DECLS

struct _PoeServer
{
  GObject     parent_instance;

  SoupServer *soup;
  PoeBackend *backend;
  double      token_hours;
  GList      *waiters;
  char       *dummy_hash;
  gboolean    tls;

  GTlsCertificate *certificate;
  GSocket       *listen_socket;   /* accepted by poe-server-listener.c */
  GSource       *accept_source;
  guint          accept_retry_id;
  gboolean       accept_starved;  /* out of descriptors */
  GHashTable    *per_address;     /* address → open connections */
  GHashTable    *connections;     /* every open one (poe-server-listener.c) */
  guint          closed_since_trim;
  guint          trim_id;
  guint          max_per_address;
  guint          header_timeout;  /* seconds */
  guint          body_timeout;
  guint          idle_timeout;

  guint          watch_id;      /* another process's commits (poe-server.c) */
  gint64         data_version;

  PoeServerPool *pool;       /* password hashing off the event loop */
  PoeServerStatusFunc feed_status;  /* GET /v1/feed; NULL: no feed */
  gpointer            feed_status_data;
  GHashTable    *attempts;   /* address → sign-in budget (poe-server-auth.c) */
};

void        _poe_server_respond_json     (SoupServerMessage *msg,
                                          guint              status,
                                          JsonNode          *node);
void        _poe_server_respond_object   (SoupServerMessage *msg,
                                          guint              status,
                                          JsonObject        *object);
void        _poe_server_respond_problem  (SoupServerMessage *msg,
                                          guint              status,
                                          const char        *slug,
                                          const char        *detail);
JsonObject *_poe_server_parse_body       (SoupServerMessage *msg);
const char *_poe_server_member_string    (JsonObject        *object,
                                          const char        *name);
JsonObject *_poe_server_user_to_json     (PoeServer         *self,
                                          const PoeUser     *user);
char       *_poe_server_request_token_hash (SoupServerMessage *msg);
PoeUser    *_poe_server_authenticate     (PoeServer         *self,
                                          SoupServerMessage *msg,
                                          gint64            *expires_at);

char       *_poe_server_hash_token       (const char        *token);
void        _poe_server_handle_login     (PoeServer         *self,
                                          SoupServerMessage *msg);
void        _poe_server_handle_logout    (PoeServer         *self,
                                          SoupServerMessage *msg);

const char *_poe_server_problem_title    (const char        *slug);

gboolean    _poe_server_prepare_connections (PoeServer      *self,
                                             GError        **error);
void        _poe_server_start_accepting  (PoeServer         *self,
                                          GSocket           *socket);
void        _poe_server_stop_accepting   (PoeServer         *self);
void        _poe_server_resume_accepting (PoeServer         *self);
char       *_poe_server_problem_answer   (guint              status,
                                          const char        *slug,
                                          const char        *detail,
                                          const char        *extra_header);
void        _poe_server_take_connection  (PoeServer         *self,
                                          GSocket           *socket,
                                          GSocketAddress    *remote,
                                          const char        *address);
void        _poe_server_close_connections (PoeServer        *self);
void        _poe_server_watch_request    (PoeServer         *self,
                                          SoupServerMessage *msg);
void        _poe_server_serve_stream     (PoeServer         *self,
                                          GIOStream         *stream,
                                          GSocket           *socket,
                                          GSocketAddress    *remote);
gboolean    _poe_server_setup            (PoeServer         *self,
                                          GError           **error);

void        _poe_server_handle_changes   (PoeServer         *self,
                                          SoupServerMessage *msg,
                                          PoeUser           *user,
                                          GHashTable        *query);
void        _poe_server_wake_waiters     (PoeServer         *self);
void        _poe_server_drop_waiters     (PoeServer         *self);
void        _poe_server_end_waiters      (PoeServer         *self,
                                          const char        *token_hash);
void        _poe_server_recheck_waiters  (PoeServer         *self);

void        _poe_server_handle_push      (PoeServer         *self,
                                          SoupServerMessage *msg,
                                          PoeUser           *user);
void        _poe_server_handle_import_abn (PoeServer        *self,
                                          SoupServerMessage *msg,
                                          PoeUser           *user);

G_END_DECLS
