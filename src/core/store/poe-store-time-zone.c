/* poe-store-time-zone.c
 *
 * Which port of entry a time is told at, and that POE's time zone: the one clock every
 * view, dialog, export and report reads (poe_store_dup_poe_time_zone()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include "poe-store-private.h"


/*
 * Auxiliary methods
 */

/* The POE the signed-in user works at, as the session stored it; NULL before a sign-in. */
static gboolean
read_user_poe (PoeStore   *self,
               char      **code,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _poe_store_prepare (self, "SELECT value FROM sync_state WHERE key = ?", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, POE_STORE_KEY_USER_POE, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _poe_store_set_error (self, rc, error);

  return TRUE;
}

static const char *
get_field (PoeRecord  *record,
           const char *field)
{
  if (poe_entity_lookup_field (poe_record_get_entity (record), field) == NULL)
    return NULL;

  return poe_record_get_string (record, field);
}

/* The code of the POE @about belongs to; NULL when it names none. A case and anything
 * with a POE field name theirs; a flight arrives at its destination; a member, segment,
 * event, hand-off, voucher or anomaly belongs to its case's. */
static gboolean
find_poe_code (PoeStore    *self,
               PoeRecord   *about,
               char       **code,
               GError     **error)
{
  const char *entity = poe_record_get_entity_name (about);
  const char *case_id;
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_str_equal (entity, "poe"))
    *code = g_strdup (poe_record_get_string (about, "code"));
  else if (g_str_equal (entity, "flight"))
    *code = g_strdup (poe_record_get_string (about, "destination"));
  else if (get_field (about, "poe") != NULL)
    *code = g_strdup (get_field (about, "poe"));
  else if ((case_id = get_field (about, "case_id")) != NULL)
    {
      kase = poe_store_get (self, "case", case_id, &local_error);
      if (kase == NULL && !g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *code = kase != NULL ? g_strdup (poe_record_get_string (kase, "poe")) : NULL;
    }

  return TRUE;
}

/* The zone of the POE @code, into @zone; left NULL when the store has no such POE or its
 * zone is not a valid IANA name. */
static gboolean
zone_of_code (PoeStore    *self,
              const char  *code,
              GTimeZone  **zone,
              GError     **error)
{
  g_autoptr(PoeRecord) poe = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *identifier;

  if (code == NULL || *code == '\0')
    return TRUE;

  /* %NULL without an error when there is none. */
  poe = poe_store_find_by_field (self, "poe", "code", code, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (poe == NULL)
    return TRUE;

  identifier = poe_record_get_string (poe, "time_zone");
  if (identifier != NULL)
    *zone = g_time_zone_new_identifier (identifier);

  return TRUE;
}

/* The first POE of the store, by code, whose zone is valid. */
static gboolean
zone_of_any_poe (PoeStore    *self,
                 GTimeZone  **zone,
                 GError     **error)
{
  g_autoptr(GPtrArray) poes = poe_store_list (self, "poe", NULL, NULL, error);
  PoeRecord *first = NULL;

  if (poes == NULL)
    return FALSE;

  for (guint i = 0; i < poes->len; i++)
    {
      PoeRecord *poe = g_ptr_array_index (poes, i);
      const char *identifier = poe_record_get_string (poe, "time_zone");
      g_autoptr(GTimeZone) candidate = identifier ? g_time_zone_new_identifier (identifier) : NULL;

      if (candidate == NULL)
        continue;

      if (first == NULL || g_strcmp0 (poe_record_get_string (poe, "code"),
                                      poe_record_get_string (first, "code")) < 0)
        {
          first = poe;
          g_clear_pointer (zone, g_time_zone_unref);
          *zone = g_steal_pointer (&candidate);
        }
    }

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_store_dup_poe_time_zone:
 * @self: the local store
 * @about: (nullable): the record the time belongs to, or %NULL for the signed-in user's POE
 * @error: return location for a #GError in %POE_STORE_ERROR
 *
 * The one clock of POE Desk: decides at which port of entry a time is told and returns
 * that POE's time zone, for every page, popover, dialog, export and report.
 *
 * The POE is the one @about belongs to: a case's own (`poe`), also for anything of a case
 * (a member, segment, checklist event, hand-off, voucher or anomaly, through `case_id`),
 * the POE a flight arrives at (its `destination`), the `poe` of a shift or staff record,
 * or @about itself when it is a POE. With @about %NULL, or when that POE is not in the
 * store or its zone is not a valid IANA name, it is the signed-in user's POE (what the
 * board, shifts, incidents, reports, the sync status and exports show). When that one is
 * not known either, the first POE of the store by code with a valid zone. The computer's
 * own zone is answered only while the store knows no POE with a valid zone (before the
 * first pull after the first sign-in).
 *
 * Views that keep the zone read it again when #PoeStore::changed names "poe".
 *
 * Returns: (transfer full): the zone, or %NULL with @error set when the store could not
 *   be read
 */
GTimeZone *
poe_store_dup_poe_time_zone (PoeStore   *self,
                             PoeRecord  *about,
                             GError    **error)
{
  g_autofree char *code = NULL;
  g_autofree char *user_code = NULL;
  GTimeZone *zone = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (about == NULL || POE_IS_RECORD (about), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (about != NULL && (!find_poe_code (self, about, &code, error) ||
                        !zone_of_code (self, code, &zone, error)))
    return NULL;

  if (zone == NULL && (!read_user_poe (self, &user_code, error) ||
                       !zone_of_code (self, user_code, &zone, error)))
    return NULL;

  if (zone == NULL && !zone_of_any_poe (self, &zone, error))
    return NULL;

  return zone != NULL ? zone : g_time_zone_new_local ();
}
