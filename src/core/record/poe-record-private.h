/* poe-record-private.h
 *
 * Shared by the poe-record*.c files; not for users of records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-record.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  gint64    rev;
  char     *updated_at;
  char     *updated_by;
  gboolean  deleted;
  GValue   *values;  /* one per entity field */
} PoeRecordPrivate;

/* poe-record.c */
PoeRecordPrivate    *_poe_record_get_private     (PoeRecord            *self);
const PoeEntityInfo *_poe_record_entity          (PoeRecord            *self);
GType                _poe_record_field_gtype     (const PoeFieldInfo   *field);
gboolean             _poe_record_values_equal    (const GValue         *a,
                                                  const GValue         *b);
void                 _poe_record_store_value     (PoeRecord            *self,
                                                  guint                 index,
                                                  const GValue         *value);
void                 _poe_record_take_value      (PoeRecord            *self,
                                                  guint                 index,
                                                  GValue               *value);

/* poe-record-validate.c */
gboolean             _poe_record_set_invalid     (GError              **error,
                                                  const PoeEntityInfo  *entity,
                                                  const PoeFieldInfo   *field,
                                                  const char           *what);
gboolean             _poe_record_validate_string (const PoeEntityInfo  *entity,
                                                  const PoeFieldInfo   *field,
                                                  const char           *value,
                                                  GError              **error);
gboolean             _poe_record_validate_int    (const PoeEntityInfo  *entity,
                                                  const PoeFieldInfo   *field,
                                                  gint64                value,
                                                  GError              **error);
gboolean             _poe_record_validate_list   (const PoeEntityInfo  *entity,
                                                  const PoeFieldInfo   *field,
                                                  const char * const   *items,
                                                  GError              **error);

G_END_DECLS
