/* poe-server-push-private.h
 *
 * What the files of the push share (poe-server-push.c: reading, merging and storing a
 * mutation; poe-server-push-stamp.c: the fields the server fills itself and the audit row).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-access.h"
#include "poe-server-private.h"

G_BEGIN_DECLS

#define POE_PUSH_NOT_FOUND POE_ACCESS_NOT_FOUND

typedef struct
{
  PoeServer           *server;
  PoeBackend          *backend;
  const PoeUser       *user;
  const char          *client_id;
  const char          *mutation_id;
  const PoeEntityInfo *entity;
  const char          *id;
  const char          *op;
  gint64               base_rev;
  char                *at;          /* the server's clock */
  char                *client_at;   /* the mutation's "at", as the client said it */
  JsonObject          *fields;
  PoeRecord           *old;
  char                *created_by;
  PoeRecord           *merged;
  GPtrArray           *changed;     /* field names from the schema */
  GPtrArray           *notes;       /* old → new values for the audit of an override */
  JsonArray           *conflicts;
  gint64               rev;
  gboolean             logged;
  gboolean             accounts;    /* a staff record's role or deletion changed accounts */
  gboolean             hidden;      /* the record is another POE's: answered as unknown */
} Push;

gboolean  _poe_push_reject               (GError     **error,
                                          const char  *reason);
void      _poe_push_set_field            (Push        *p,
                                          const char  *field,
                                          const char  *value);
gboolean  _poe_push_take_server_fields   (Push        *p,
                                          GError     **error);
void      _poe_push_set_server_fields    (Push        *p);
void      _poe_push_note_override        (Push        *p);
gboolean  _poe_push_write_audit          (Push        *p,
                                          GError     **error);
gboolean  _poe_push_write_cascade_audit  (Push        *p,
                                          const char  *entity,
                                          const char  *id,
                                          GError     **error);

G_END_DECLS
