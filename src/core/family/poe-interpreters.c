/* poe-interpreters.c
 *
 * The interpreter cover of a family (see poe-interpreters.h). Staff on shift are those whose
 * shift at the POE started within the last day and ends after now; a shift's own languages,
 * when it lists some, stand for the staff member's (as in the staffing forecast). Languages
 * match by name (poe-language.c), so "ar" on a staff record meets "ara" on a person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-interpreters"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-interpreters.h"
#include "poe-language.h"


/*
 * Auxiliary methods
 */

static GStrv
collect_languages (GPtrArray *persons)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      const char * const *languages = poe_record_get_strv (g_ptr_array_index (persons, i), "languages");

      for (guint j = 0; languages != NULL && languages[j] != NULL; j++)
        if (g_hash_table_add (seen, (gpointer) poe_language_get_name (languages[j])))
          g_strv_builder_add (builder, languages[j]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
on_shift (PoeRecord  *shift,
          const char *poe,
          GDateTime  *now)
{
  g_autoptr(GDateTime) start = poe_record_dup_time (shift, "planned_start");
  g_autoptr(GDateTime) end = poe_record_dup_time (shift, "planned_end");

  return g_strcmp0 (poe_record_get_string (shift, "poe"), poe) == 0 && start != NULL && end != NULL &&
         g_date_time_compare (start, now) <= 0 && g_date_time_compare (end, now) > 0;
}

/* "Demo Lead Casey (Dari, Pushto)" when @staff speaks some of @wanted, else NULL. */
static char *
dup_speaker (PoeRecord          *staff,
             const char * const *spoken,
             const char * const *wanted)
{
  g_autoptr(GStrvBuilder) common = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autofree char *names = NULL;

  for (guint i = 0; wanted[i] != NULL; i++)
    for (guint j = 0; spoken != NULL && spoken[j] != NULL; j++)
      if (g_str_equal (poe_language_get_name (wanted[i]), poe_language_get_name (spoken[j])))
        {
          g_strv_builder_add (common, wanted[i]);
          break;
        }

  codes = g_strv_builder_end (common);
  if (codes[0] == NULL)
    return NULL;

  names = poe_language_dup_names ((const char * const *) codes);
  /* Translators: a staff member on shift and the family's languages they speak */
  return g_strdup_printf (_("%1$s (%2$s)"), poe_record_get_string (staff, "display_name"), names);
}


/*
 * Public API
 */

/**
 * poe_interpreter_cover_compute:
 * @persons: (element-type PoeRecord): the family's members
 * @poe: the family's POE
 * @now: the moment "on shift" is taken at
 * @cover: (out caller-allocates): the answer; clear it with poe_interpreter_cover_clear()
 *
 * Returns: %FALSE with @error set when the shifts or staff could not be read
 */
gboolean
poe_interpreter_cover_compute (PoeStore            *store,
                               GPtrArray           *persons,
                               const char          *poe,
                               GDateTime           *now,
                               PoeInterpreterCover *cover,
                               GError             **error)
{
  g_autoptr(GDateTime) day_before = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) just_after = g_date_time_add_seconds (now, 1);
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GStrvBuilder) speakers = g_strv_builder_new ();
  g_autoptr(GHashTable) named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (POE_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL && cover != NULL, FALSE);

  memset (cover, 0, sizeof *cover);
  cover->languages = collect_languages (persons);
  if (cover->languages[0] == NULL)
    {
      cover->speakers = g_strv_builder_end (speakers);
      return TRUE;
    }

  if (!(shifts = poe_store_list_shifts_between (store, day_before, just_after, error)))
    {
      poe_interpreter_cover_clear (cover);
      return FALSE;
    }

  for (guint i = 0; i < shifts->len; i++)
    {
      PoeRecord *shift = g_ptr_array_index (shifts, i);
      const char *staff_id = poe_record_get_string (shift, "staff_id");
      const char * const *spoken = poe_record_get_strv (shift, "languages");
      g_autoptr(PoeRecord) staff = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *speaker = NULL;

      if (staff_id == NULL || !on_shift (shift, poe, now) || g_hash_table_contains (named, staff_id))
        continue;

      if (!(staff = poe_store_get (store, "staff", staff_id, &local_error)))
        {
          if (g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          poe_interpreter_cover_clear (cover);
          return FALSE;
        }

      if (spoken == NULL || spoken[0] == NULL)
        spoken = poe_record_get_strv (staff, "languages");
      if ((speaker = dup_speaker (staff, spoken, (const char * const *) cover->languages)) == NULL)
        continue;

      g_hash_table_add (named, g_strdup (staff_id));
      g_strv_builder_add (speakers, speaker);
    }

  cover->speakers = g_strv_builder_end (speakers);
  cover->needed = cover->speakers[0] == NULL;
  return TRUE;
}

void
poe_interpreter_cover_clear (PoeInterpreterCover *cover)
{
  g_clear_pointer (&cover->languages, g_strfreev);
  g_clear_pointer (&cover->speakers, g_strfreev);
  cover->needed = FALSE;
}
