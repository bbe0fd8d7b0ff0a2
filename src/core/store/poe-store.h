/* poe-store.h
 *
 * The local SQLite store: the one place the app reads from and writes to. Every user write
 * is one transaction that changes the row, appends the outbox mutation and the audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "poe-record.h"

G_BEGIN_DECLS

#define POE_STORE_ERROR (poe_store_error_quark ())

typedef enum
{
  POE_STORE_ERROR_CORRUPT,        /* the file is damaged or not a POE Desk store */
  POE_STORE_ERROR_NEWER_VERSION,  /* written by a newer POE Desk */
  POE_STORE_ERROR_LOCKED,         /* another program holds it */
  POE_STORE_ERROR_READ_ONLY,      /* no permission to write it */
  POE_STORE_ERROR_DISK_FULL,      /* no space left */
  POE_STORE_ERROR_IO,             /* any other failure of the file or of SQLite */
  POE_STORE_ERROR_INVALID,        /* a value or reference the store refuses */
  POE_STORE_ERROR_NOT_FOUND,      /* no such record */
  POE_STORE_ERROR_APPEND_ONLY,    /* records of this entity cannot change */
} PoeStoreError;

typedef enum
{
  POE_STORE_OPEN_NONE        = 0,
  POE_STORE_OPEN_NO_CREATE   = 1 << 0,  /* fail when the file does not exist */
} PoeStoreOpenFlags;

#define POE_STORE_SCHEMA_VERSION 4

/**
 * PoeStoreChange:
 * @POE_STORE_CHANGE_LOCAL: a user's write on this device: poe_store_save(),
 *   poe_store_delete(), poe_store_resolve_conflict()
 * @POE_STORE_CHANGE_PULLED: records as the server has them: changes applied from the
 *   server's feed, and imports (demo data)
 * @POE_STORE_CHANGE_OUTBOX: progress of this device's changes: a push the server confirmed
 *   (with its conflicts) or rejected, a rejected change the user discarded
 *
 * Where a change announced by #PoeStore::changed came from. Only a local write has
 * something new to push; all three may change what a view shows.
 */
typedef enum
{
  POE_STORE_CHANGE_LOCAL,
  POE_STORE_CHANGE_PULLED,
  POE_STORE_CHANGE_OUTBOX,
} PoeStoreChange;

#define POE_STORE_N_CHANGES (POE_STORE_CHANGE_OUTBOX + 1)

/* The sync_state key of the signed-in user's POE code, written by the app's session. */
#define POE_STORE_KEY_USER_POE "session.poe"

typedef struct _PoeMutation
{
  gint64  seq;
  char   *mutation_id;
  char   *entity;
  char   *record_id;
  char   *op;          /* "upsert", "delete", "append" */
  gint64  base_rev;
  char   *fields;      /* JSON object of the changed fields */
  char   *created_at;
  gint64  attempts;
  char   *last_error;
  char   *state;       /* "pending", "rejected" */
} PoeMutation;

typedef struct _PoeConflict
{
  char *id;
  char *entity;
  char *record_id;
  char *field;
  char *local_value;   /* JSON */
  char *server_value;  /* JSON */
  char *server_by;
  char *server_at;
  char *at;
} PoeConflict;

typedef enum
{
  POE_CONFLICT_KEEP_MINE,
  POE_CONFLICT_TAKE_THEIRS,
  POE_CONFLICT_EDIT,
} PoeConflictResolution;

#define POE_TYPE_MUTATION (poe_mutation_get_type ())
#define POE_TYPE_CONFLICT (poe_conflict_get_type ())
#define POE_TYPE_STORE (poe_store_get_type ())
#define POE_TYPE_STORE_CHANGE (poe_store_change_get_type ())

GType        poe_store_change_get_type (void) G_GNUC_CONST;
GType        poe_mutation_get_type (void) G_GNUC_CONST;
PoeMutation *poe_mutation_copy     (const PoeMutation *mutation);
void         poe_mutation_free     (PoeMutation       *mutation);
GType        poe_conflict_get_type (void) G_GNUC_CONST;
PoeConflict *poe_conflict_copy     (const PoeConflict *conflict);
void         poe_conflict_free     (PoeConflict       *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeMutation, poe_mutation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeConflict, poe_conflict_free)

G_DECLARE_FINAL_TYPE (PoeStore, poe_store, POE, STORE, GObject)

GQuark       poe_store_error_quark             (void);

/* Opening */
PoeStore    *poe_store_open                    (const char           *path,
                                                GError              **error);
PoeStore    *poe_store_open_full               (const char           *path,
                                                PoeStoreOpenFlags     flags,
                                                guint                 busy_timeout_ms,
                                                GError              **error);
const char  *poe_store_get_path                (PoeStore             *self);
guint        poe_store_get_schema_version      (PoeStore             *self);
char        *poe_store_default_path            (void);

/* Who writes: staff id for updated_by, user name for the audit trail. */
void         poe_store_set_actor               (PoeStore             *self,
                                                const char           *staff_id,
                                                const char           *username);
const char  *poe_store_get_actor_id            (PoeStore             *self);

/* Reads */
PoeRecord   *poe_store_get                     (PoeStore             *self,
                                                const char           *entity,
                                                const char           *id,
                                                GError              **error);
GPtrArray   *poe_store_list                    (PoeStore             *self,
                                                const char           *entity,
                                                const char           *field,
                                                const char           *value,
                                                GError              **error);
GPtrArray   *poe_store_list_flights_between    (PoeStore             *self,
                                                GDateTime            *from,
                                                GDateTime            *to,
                                                GError              **error);
GPtrArray   *poe_store_list_cases_for_flight   (PoeStore             *self,
                                                const char           *flight_id,
                                                GError              **error);
GPtrArray   *poe_store_list_persons_for_case   (PoeStore             *self,
                                                const char           *case_id,
                                                GError              **error);
GPtrArray   *poe_store_list_segments_for_case  (PoeStore             *self,
                                                const char           *case_id,
                                                GError              **error);
GPtrArray   *poe_store_list_checklist_events   (PoeStore             *self,
                                                const char           *case_id,
                                                GError              **error);
GHashTable  *poe_store_get_checklist_state     (PoeStore             *self,
                                                const char           *case_id,
                                                GError              **error);
char        *poe_checklist_state_key           (const char           *step,
                                                const char           *person_id);
GPtrArray   *poe_store_list_open_incidents     (PoeStore             *self,
                                                GError              **error);
GPtrArray   *poe_store_list_time_entries       (PoeStore             *self,
                                                const char           *staff_id,
                                                GDateTime            *from,
                                                GDateTime            *to,
                                                GError              **error);
GPtrArray   *poe_store_list_shifts_between     (PoeStore             *self,
                                                GDateTime            *from,
                                                GDateTime            *to,
                                                GError              **error);
PoeRecord   *poe_store_find_by_field           (PoeStore             *self,
                                                const char           *entity,
                                                const char           *field,
                                                const char           *value,
                                                GError              **error);
gint64       poe_store_count                   (PoeStore             *self,
                                                const char           *entity,
                                                GError              **error);
GTimeZone   *poe_store_dup_poe_time_zone       (PoeStore             *self,
                                                PoeRecord            *about,
                                                GError              **error);

/* User writes: row + outbox mutation + audit row, one transaction each */
gboolean     poe_store_save                    (PoeStore             *self,
                                                PoeRecord            *record,
                                                GError              **error);
gboolean     poe_store_delete                  (PoeStore             *self,
                                                const char           *entity,
                                                const char           *id,
                                                GError              **error);

/* Data from the server or the demo generator: no outbox, no audit */
gboolean     poe_store_begin                   (PoeStore             *self,
                                                GError              **error);
gboolean     poe_store_commit                  (PoeStore             *self,
                                                GError              **error);
void         poe_store_rollback                (PoeStore             *self);
gboolean     poe_store_import                  (PoeStore             *self,
                                                PoeRecord            *record,
                                                GError              **error);
gboolean     poe_store_apply_remote            (PoeStore             *self,
                                                JsonObject           *change,
                                                GError              **error);

/* Outbox */
guint        poe_store_count_pending           (PoeStore             *self);
guint        poe_store_count_rejected          (PoeStore             *self);
GPtrArray   *poe_store_outbox_peek             (PoeStore             *self,
                                                guint                 limit,
                                                GError              **error);
GPtrArray   *poe_store_outbox_list_rejected    (PoeStore             *self,
                                                GError              **error);
gboolean     poe_store_outbox_complete         (PoeStore             *self,
                                                const char           *mutation_id,
                                                gint64                rev,
                                                GError              **error);
gboolean     poe_store_outbox_fail             (PoeStore             *self,
                                                const char           *mutation_id,
                                                const char           *reason,
                                                GError              **error);
gboolean     poe_store_outbox_reject           (PoeStore             *self,
                                                const char           *mutation_id,
                                                const char           *reason,
                                                GError              **error);
gboolean     poe_store_outbox_discard          (PoeStore             *self,
                                                const char           *mutation_id,
                                                GError              **error);
gboolean     poe_store_is_pending              (PoeStore             *self,
                                                const char           *entity,
                                                const char           *id);
GHashTable  *poe_store_dup_pending_for_case    (PoeStore             *self,
                                                const char           *case_id,
                                                GError              **error);

/* Conflicts */
gboolean     poe_store_add_conflict            (PoeStore             *self,
                                                const char           *entity,
                                                const char           *record_id,
                                                const char           *field,
                                                JsonNode             *local_value,
                                                JsonNode             *server_value,
                                                const char           *server_by,
                                                const char           *server_at,
                                                GError              **error);
GPtrArray   *poe_store_list_conflicts          (PoeStore             *self,
                                                GError              **error);
guint        poe_store_count_conflicts         (PoeStore             *self);
gboolean     poe_store_resolve_conflict        (PoeStore             *self,
                                                const char           *conflict_id,
                                                PoeConflictResolution resolution,
                                                JsonNode             *edited_value,
                                                GError              **error);

/* Sync state */
char        *poe_store_dup_sync_value          (PoeStore             *self,
                                                const char           *key);
gboolean     poe_store_set_sync_value          (PoeStore             *self,
                                                const char           *key,
                                                const char           *value,
                                                GError              **error);
const char  *poe_store_get_client_id           (PoeStore             *self);

/* Tests: every statement of this connection fails while @fault is set */
void         poe_store_set_read_fault_for_testing (PoeStore          *self,
                                                   gboolean           fault);

/* Change announcements: "changed" (entity, ids, origin) after each commit */
void         poe_store_emit_changed            (PoeStore             *self,
                                                const char           *entity,
                                                const char * const   *ids,
                                                PoeStoreChange        origin);

G_END_DECLS
