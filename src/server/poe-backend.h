/* poe-backend.h
 *
 * The storage poe-central needs, as a table of operations so another database can stand in
 * for SQLite. Records are stored generically, one table per entity of poe-schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-core.h"

G_BEGIN_DECLS

typedef struct _PoeBackend PoeBackend;

typedef struct _PoeUser
{
  char *username;
  char *staff_id;
  char *hash;
  char *role;
  char *poe;
  gboolean disabled;  /* `poe-central user disable`: no sign-in, no token */
} PoeUser;

typedef struct _PoeFieldVersion
{
  gint64  seq;
  char   *client_id;
  char   *by;
  char   *at;
} PoeFieldVersion;

typedef struct _PoeChange
{
  gint64  seq;
  char   *entity;
  char   *id;
} PoeChange;

typedef struct _PoeBackendOps
{
  gboolean    (*open)              (PoeBackend       *self,
                                    const char       *path,
                                    GError          **error);
  void        (*close)             (PoeBackend       *self);

  gboolean    (*begin)             (PoeBackend       *self,
                                    GError          **error);
  /* Changes when another process committed to the database since the last call. */
  gint64      (*data_version)      (PoeBackend       *self);
  /* A read snapshot (ended with commit): one lock for a page of reads, not one a query. */
  gboolean    (*begin_read)        (PoeBackend       *self,
                                    GError          **error);
  gboolean    (*commit)            (PoeBackend       *self,
                                    GError          **error);
  void        (*rollback)          (PoeBackend       *self);

  PoeUser    *(*user_lookup)       (PoeBackend       *self,
                                    const char       *username);
  gboolean    (*user_add)          (PoeBackend       *self,
                                    const PoeUser    *user,
                                    GError          **error);
  GPtrArray  *(*user_list)         (PoeBackend       *self);
  /* These fail with G_IO_ERROR_NOT_FOUND for an unknown user. A new password and disabling
   * revoke the user's tokens. */
  gboolean    (*user_set_role)     (PoeBackend       *self,
                                    const char       *username,
                                    const char       *role,
                                    GError          **error);
  gboolean    (*user_set_hash)     (PoeBackend       *self,
                                    const char       *username,
                                    const char       *hash,
                                    GError          **error);
  gboolean    (*user_set_disabled) (PoeBackend       *self,
                                    const char       *username,
                                    gboolean          disabled,
                                    GError          **error);

  /* An administrator's change of a staff record, pushed from the app: the accounts linked
   * to it take its new @role (nullable: unchanged), and are disabled, their tokens revoked,
   * when it was @deleted. */
  gboolean    (*users_follow_staff) (PoeBackend      *self,
                                    const char       *staff_id,
                                    const char       *role,
                                    gboolean          deleted,
                                    GError          **error);

  gboolean    (*token_add)         (PoeBackend       *self,
                                    const char       *token_hash,
                                    const char       *username,
                                    gint64            expires_at,
                                    GError          **error);
  PoeUser    *(*token_lookup)      (PoeBackend       *self,
                                    const char       *token_hash,
                                    gint64            now,
                                    gint64           *expires_at);
  gboolean    (*token_revoke)      (PoeBackend       *self,
                                    const char       *token_hash,
                                    GError          **error);

  gboolean    (*failure_add)       (PoeBackend       *self,
                                    const char       *key,
                                    gint64            at,
                                    GError          **error);
  guint       (*failures_since)    (PoeBackend       *self,
                                    const char       *key,
                                    gint64            since,
                                    gint64           *last_at);

  /* Devices (the login body's "device") that signed in with the user's password before. */
  gboolean    (*device_seen)       (PoeBackend       *self,
                                    const char       *username,
                                    const char       *device,
                                    gint64            at,
                                    GError          **error);
  gboolean    (*device_known)      (PoeBackend       *self,
                                    const char       *username,
                                    const char       *device);

  PoeRecord  *(*record_get)        (PoeBackend       *self,
                                    const PoeEntityInfo *entity,
                                    const char       *id,
                                    char            **created_by);
  /* As record_get, with the stored JSON text of the record (what record_put wrote). */
  PoeRecord  *(*record_get_text)   (PoeBackend       *self,
                                    const PoeEntityInfo *entity,
                                    const char       *id,
                                    char            **data);
  gboolean    (*record_put)        (PoeBackend       *self,
                                    PoeRecord        *record,
                                    const char       *created_by,
                                    GError          **error);
  /* Replaces the record by a tombstone: id, rev, the time and the POE whose devices must
   * forget it (@poe, nullable), nothing else, personal or not. */
  gboolean    (*record_bury)       (PoeBackend       *self,
                                    const PoeEntityInfo *entity,
                                    const char       *id,
                                    gint64            rev,
                                    const char       *at,
                                    const char       *poe,
                                    GError          **error);
  GPtrArray  *(*record_find)       (PoeBackend       *self,
                                    const PoeEntityInfo *entity,
                                    const char       *field,
                                    const char       *value);

  gboolean    (*field_version_get) (PoeBackend       *self,
                                    const char       *entity,
                                    const char       *id,
                                    const char       *field,
                                    PoeFieldVersion  *version);
  gboolean    (*field_version_set) (PoeBackend       *self,
                                    const char       *entity,
                                    const char       *id,
                                    const char       *field,
                                    const PoeFieldVersion *version,
                                    GError          **error);

  /* The stored result, and in @user the staff id of who sent it (NULL for results stored
   * before the server kept it). */
  char       *(*mutation_lookup)   (PoeBackend       *self,
                                    const char       *mutation_id,
                                    char            **user);
  gboolean    (*mutation_record)   (PoeBackend       *self,
                                    const char       *mutation_id,
                                    const char       *user,
                                    const char       *result_json,
                                    GError          **error);

  gint64      (*change_append)     (PoeBackend       *self,
                                    const char       *entity,
                                    const char       *id,
                                    GError          **error);
  GPtrArray  *(*changes_since)     (PoeBackend       *self,
                                    gint64            since,
                                    guint             limit,
                                    gboolean         *more);
  gint64      (*current_seq)       (PoeBackend       *self);

  gboolean    (*audit_append)      (PoeBackend       *self,
                                    PoeRecord        *audit,
                                    GError          **error);
} PoeBackendOps;

struct _PoeBackend
{
  const PoeBackendOps *ops;
  gpointer             priv;
};

PoeBackend *poe_backend_sqlite_new      (void);
void        poe_backend_free            (PoeBackend *self);

void        poe_user_free               (PoeUser    *user);
void        poe_change_free             (PoeChange  *change);
void        poe_field_version_clear     (PoeFieldVersion *version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeUser, poe_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeBackend, poe_backend_free)

G_END_DECLS
