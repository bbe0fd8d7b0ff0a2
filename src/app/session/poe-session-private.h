/* poe-session-private.h
 *
 * Shared by poe-session.c (the session object, its user, store and sync engine, and the
 * getters) and poe-session-tasks.c (signing in, restoring, unlocking and signing out, on
 * worker threads, and their callbacks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-session.h"

G_BEGIN_DECLS

/* What the store keeps about the signed-in user (sync_state keys). */
#define KEY_SERVER_URL   "session.server_url"
#define KEY_USER_ID      "session.user_id"
#define KEY_USERNAME     "session.username"
#define KEY_DISPLAY_NAME "session.display_name"
#define KEY_ROLE         "session.role"
#define KEY_POE          POE_STORE_KEY_USER_POE
#define KEY_VERIFIER     "session.verifier"

typedef struct
{
  char *server_url;
  char *user_id;
  char *username;
  char *display_name;
  char *role;
  char *poe;
  char *verifier;
} UserInfo;

struct _PoeSession
{
  GObject          parent_instance;

  GSettings       *settings;
  char            *store_path;
  PoeSessionState  state;
  PoeStore        *store;
  PoeSyncEngine   *engine;
  guint            engine_start_id;  /* the engine's worker starts when this idle runs */
  UserInfo         user;
  char            *token;
  GCancellable    *cancellable;
  gboolean         restoring;

  PoeSessionPrefetchFunc prefetch_func;
  GObject         *prefetched;
};

void     _poe_session_user_info_clear  (UserInfo        *user);
void     _poe_session_user_info_read   (UserInfo        *user,
                                        PoeStore        *store);
gboolean _poe_session_user_info_write  (const UserInfo  *user,
                                        PoeStore        *store,
                                        GError         **error);
void     _poe_session_user_info_move   (UserInfo        *to,
                                        UserInfo        *from);
void     _poe_session_set_state        (PoeSession      *self,
                                        PoeSessionState  state);
void     _poe_session_notify_user      (PoeSession      *self);
void     _poe_session_notify_restoring (PoeSession      *self);
void     _poe_session_stop_engine      (PoeSession      *self);
void     _poe_session_take_store       (PoeSession      *self,
                                        PoeStore        *store);
void     _poe_session_become_ready     (PoeSession      *self);

G_END_DECLS
