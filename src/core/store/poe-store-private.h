/* poe-store-private.h
 *
 * Shared by the poe-store*.c files; not for users of the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "poe-store.h"

G_BEGIN_DECLS

struct _PoeStore
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  GHashTable  *statements;      /* SQL text → sqlite3_stmt, prepared once */
  sqlite3_stmt *inserts[3][32]; /* by InsertKind and entity index, owned by statements */
  char        *actor_id;
  char        *actor_username;
  char        *client_id;
  guint        tx_depth;        /* > 0 inside poe_store_begin() or a write */
  guint        cache_kib;       /* the page cache outside poe_store_begin() batches */
  GHashTable  *changed[POE_STORE_N_CHANGES];  /* by origin: entity name → GPtrArray of ids,
                                                announced at commit */
};

const char   *_poe_store_migration_sql         (guint                version);

gboolean      _poe_store_set_error             (PoeStore            *self,
                                                int                  rc,
                                                GError             **error);
sqlite3_stmt *_poe_store_prepare               (PoeStore            *self,
                                                const char          *sql,
                                                GError             **error);
gboolean      _poe_store_exec                  (PoeStore            *self,
                                                const char          *sql,
                                                GError             **error);
gboolean      _poe_store_step_done             (PoeStore            *self,
                                                sqlite3_stmt        *stmt,
                                                GError             **error);
gboolean      _poe_store_tx_begin              (PoeStore            *self,
                                                GError             **error);
gboolean      _poe_store_tx_commit             (PoeStore            *self,
                                                GError             **error);
void          _poe_store_tx_rollback           (PoeStore            *self);
void          _poe_store_note_change           (PoeStore            *self,
                                                PoeStoreChange       origin,
                                                const char          *entity,
                                                const char          *id);
GHashTable   *_poe_store_changed_new           (void);
void          _poe_store_announce              (PoeStore            *self,
                                                const char          *entity,
                                                const char * const  *ids,
                                                PoeStoreChange       origin);
guint         _poe_store_count_rows            (PoeStore            *self,
                                                const char          *sql);
char         *_poe_store_dup_text              (sqlite3_stmt        *stmt,
                                                int                  column);

const char   *_poe_store_select_sql            (const PoeEntityInfo *entity);
PoeRecord    *_poe_store_record_from_row       (const PoeEntityInfo *entity,
                                                sqlite3_stmt        *stmt);
PoeRecord    *_poe_store_get_row               (PoeStore            *self,
                                                const PoeEntityInfo *entity,
                                                const char          *id,
                                                GError             **error);
GPtrArray    *_poe_store_collect               (PoeStore            *self,
                                                const PoeEntityInfo *entity,
                                                sqlite3_stmt        *stmt,
                                                GError             **error);
void          _poe_store_bind_field            (sqlite3_stmt        *stmt,
                                                int                  column,
                                                PoeRecord           *record,
                                                guint                index);
gboolean      _poe_store_write_row             (PoeStore            *self,
                                                PoeRecord           *record,
                                                gboolean             exists,
                                                GError             **error);
gboolean      _poe_store_use_for_sync          (PoeStore            *self,
                                                GError             **error);
void          _poe_store_checkpoint            (PoeStore            *self);
PoeRecord    *_poe_record_new_with_id          (const PoeEntityInfo *entity,
                                                const char          *id);
gboolean      _poe_record_check_json_field     (const PoeEntityInfo *entity,
                                                guint                index,
                                                JsonNode            *node,
                                                char               **text,
                                                GError             **error);
sqlite3_stmt *_poe_store_prepare_insert_if_absent (PoeStore          *self,
                                                   const PoeEntityInfo *entity,
                                                   GError           **error);
const PoeEntityInfo *_poe_store_entity_or_error (const char         *name,
                                                 GError            **error);

G_END_DECLS
