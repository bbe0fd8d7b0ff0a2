/* poe-session.h
 *
 * Who is signed in, on which server, with which local store: signing in (the token goes to
 * the keyring, a password verifier to the store for offline unlocking), restoring the last
 * session at start, locking and unlocking, and signing out (which clears the token and the
 * local personal data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "poe-store.h"
#include "poe-sync-engine.h"

G_BEGIN_DECLS

#define POE_SESSION_ERROR (poe_session_error_quark ())

typedef enum
{
  POE_SESSION_ERROR_INVALID,        /* the form is not filled in correctly */
  POE_SESSION_ERROR_WRONG_PASSWORD, /* the server or the verifier refused the password */
  POE_SESSION_ERROR_UNREACHABLE,    /* the server could not be reached */
  POE_SESSION_ERROR_REFUSED,        /* the server answered, but not with a sign-in */
  POE_SESSION_ERROR_OTHER_USER,     /* the local store holds another user's unsynced work */
  POE_SESSION_ERROR_STORE,          /* the local store cannot be used */
} PoeSessionError;

typedef enum
{
  POE_SESSION_SIGNED_OUT,
  POE_SESSION_READY,
  POE_SESSION_LOCKED,
} PoeSessionState;

#define POE_TYPE_SESSION_STATE (poe_session_state_get_type ())
/* Runs on a worker thread with a store only it uses; returns a new object or NULL. */
typedef GObject *(*PoeSessionPrefetchFunc) (PoeStore *store);

#define POE_TYPE_SESSION (poe_session_get_type ())

GType poe_session_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (PoeSession, poe_session, POE, SESSION, GObject)

GQuark          poe_session_error_quark        (void);

PoeSession     *poe_session_new                (GSettings            *settings,
                                                const char           *store_path);

void            poe_session_restore_async      (PoeSession           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        poe_session_restore_finish     (PoeSession           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            poe_session_sign_in_async      (PoeSession           *self,
                                                const char           *server_url,
                                                const char           *username,
                                                const char           *password,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        poe_session_sign_in_finish     (PoeSession           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            poe_session_lock               (PoeSession           *self);
void            poe_session_unlock_async       (PoeSession           *self,
                                                const char           *password,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        poe_session_unlock_finish      (PoeSession           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            poe_session_sign_out_async     (PoeSession           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        poe_session_sign_out_finish    (PoeSession           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

gboolean        poe_session_adopt_store        (PoeSession           *self,
                                                PoeStore             *store,
                                                const char           *token);
gboolean        poe_session_write_user         (PoeStore             *store,
                                                const char           *server_url,
                                                const char           *staff_id,
                                                const char           *username,
                                                const char           *display_name,
                                                const char           *role,
                                                const char           *poe,
                                                const char           *password,
                                                GError              **error);

PoeSessionState poe_session_get_state          (PoeSession           *self);
PoeStore       *poe_session_get_store          (PoeSession           *self);
PoeSyncEngine  *poe_session_get_sync_engine    (PoeSession           *self);
const char     *poe_session_get_server_url     (PoeSession           *self);
const char     *poe_session_get_username       (PoeSession           *self);
const char     *poe_session_get_display_name   (PoeSession           *self);
const char     *poe_session_get_role           (PoeSession           *self);
const char     *poe_session_get_staff_id       (PoeSession           *self);
const char     *poe_session_get_poe            (PoeSession           *self);
gboolean        poe_session_get_restoring      (PoeSession           *self);
void            poe_session_set_prefetch_func  (PoeSession           *self,
                                                PoeSessionPrefetchFunc func);
GObject        *poe_session_steal_prefetched   (PoeSession           *self);
guint           poe_session_count_unsynced     (PoeSession           *self);

G_END_DECLS
