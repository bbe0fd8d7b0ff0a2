/* poe-store-board.c
 *
 * Family summaries for the board and the family lists. Four set-based queries (cases,
 * members, segments, checklist events) fill one summary per case; nothing allocates a record
 * object per person or event, so a day of 50,000 families stays cheap to load and to hold.
 * The checklist progress comes from poe_checklist_derive_progress(), over the latest value
 * of each step as the events query gives it. The other reads of the lists (flight
 * summaries, records and case ids by id, the risk buffers) are in poe-store-lists.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <string.h>

#include "poe-store-board-private.h"

typedef enum
{
  SCOPE_FLIGHTS,  /* ?1: JSON array of flight ids */
  SCOPE_CASES,    /* ?1: JSON array of case ids */
} Scope;

typedef struct
{
  Scope       scope;
  char       *ids_json;
} ScopeArgs;

static const char * const scope_sql[] = {
  "c.inbound_flight_id IN (SELECT value FROM json_each(?1))",
  "c.id IN (SELECT value FROM json_each(?1))",
};

#define CASES_SQL \
  "SELECT c.id, c.inbound_flight_id, c.case_number, c.branch, c.sensitivity, c.status" \
  " FROM \"case\" c WHERE c.deleted = 0 AND "

/* The principal applicant first, as poe_store_list_persons_for_case() orders members. */
#define PERSONS_SQL \
  "SELECT p.case_id, p.id, p.cbp_status, p.given_names, p.surname," \
  " instr(p.ssr_codes, '\"WCH') > 0, instr(p.ssr_codes, '\"MEDA\"') > 0," \
  " instr(p.ssr_codes, '\"LANG\"') > 0, json_extract(p.languages, '$[0]')," \
  " p.relationship IN ('head', 'PA')" \
  " FROM person p JOIN \"case\" c ON c.id = p.case_id" \
  " WHERE p.deleted = 0 AND c.deleted = 0 AND "

#define SEGMENTS_SQL \
  "SELECT s.case_id, s.id, s.leg = 'domestic_connection', unixepoch(s.scheduled_departure)," \
  " unixepoch(s.estimated_departure), s.status = 'cancelled'" \
  " FROM segment s JOIN \"case\" c ON c.id = s.case_id" \
  " WHERE s.deleted = 0 AND s.replaced_by IS NULL AND c.deleted = 0 AND "

/* A step's state is its latest event: by time, then the one stored last. */
#define EVENTS_SQL \
  "SELECT e.case_id, e.step, e.person_id, e.value" \
  " FROM checklist_event e JOIN \"case\" c ON c.id = e.case_id" \
  " WHERE e.deleted = 0 AND c.deleted = 0 AND "
#define EVENTS_ORDER_SQL " ORDER BY e.case_id, e.step, e.person_id, e.at, e.rowid"

/* A family while its rows are read. When every row is in, pack_draft() copies it into the
 * one block a PoeCaseSummary is (its flight id excepted, an interned GRefString). */
typedef struct
{
  PoeCaseSummary  fields;     /* counts, progress, onward leg and interned strings */
  char           *id;
  char           *flight_id;
  char           *case_number;
  char           *initials;
  gboolean        has_head;   /* @initials are the principal applicant's */
  gboolean        computed;   /* the progress is done */
  GString        *names;
  GPtrArray      *languages;  /* interned, sorted, no repeats */
  GArray         *hashes;
  GArray         *members;    /* PoeChecklistMember: ids owned, statuses interned */
} Draft;

typedef struct
{
  PoeStore             *store;
  PoeChecklistTemplate *checklist;
  const ScopeArgs      *args;
  GHashTable           *by_id;     /* case id → Draft, borrowed */
  GPtrArray            *drafts;    /* Draft, in the order of the cases query */
} Loader;

static const char * const no_languages[] = { NULL };

/* Room for a step id and a person's UUID; longer keys are allocated. */
#define STATE_KEY_SIZE 160


/*
 * Auxiliary methods
 */

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
draft_free (Draft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->id);
  g_free (draft->flight_id);
  g_free (draft->case_number);
  g_free (draft->initials);
  if (draft->names != NULL)
    g_string_free (draft->names, TRUE);
  g_clear_pointer (&draft->languages, g_ptr_array_unref);
  g_clear_pointer (&draft->hashes, g_array_unref);
  for (guint i = 0; i < draft->members->len; i++)
    g_free ((char *) g_array_index (draft->members, PoeChecklistMember, i).id);
  g_clear_pointer (&draft->members, g_array_unref);
  g_free (draft);
}

static gsize
string_size (const char *string)
{
  return string ? strlen (string) + 1 : 0;
}

/* Copies @string to *@cursor and moves the cursor past it. */
static const char *
put_string (char       **cursor,
            const char  *string)
{
  char *copy = *cursor;
  gsize size = string_size (string);

  if (string == NULL)
    return NULL;

  memcpy (copy, string, size);
  *cursor += size;
  return copy;
}

/* The block: the struct, the language pointers, the hashes, then the strings. */
static PoeCaseSummary *
pack_draft (const Draft *draft)
{
  const char *names = draft->names ? draft->names->str : NULL;
  guint n_languages = draft->languages ? draft->languages->len : 0;
  gsize languages_size = n_languages > 0 ? (n_languages + 1) * sizeof (char *) : 0;
  gsize hashes_size = draft->hashes->len * sizeof (guint);
  PoeCaseSummary *summary;
  char *cursor;

  summary = g_malloc (sizeof (PoeCaseSummary) + languages_size + hashes_size +
                      string_size (draft->id) + string_size (draft->case_number) +
                      string_size (draft->initials) + string_size (names));
  *summary = draft->fields;
  g_ref_count_init (&summary->ref_count);
  cursor = (char *) (summary + 1);

  summary->languages = no_languages;
  if (n_languages > 0)
    {
      const char **languages = (gpointer) cursor;

      memcpy (languages, draft->languages->pdata, n_languages * sizeof (char *));
      languages[n_languages] = NULL;
      summary->languages = languages;
      cursor += languages_size;
    }

  summary->n_member_hashes = draft->hashes->len;
  summary->member_hashes = draft->hashes->len > 0 ? memcpy (cursor, draft->hashes->data, hashes_size) : NULL;
  cursor += hashes_size;

  summary->id = put_string (&cursor, draft->id);
  summary->case_number = put_string (&cursor, draft->case_number);
  summary->initials = put_string (&cursor, draft->initials);
  summary->names = put_string (&cursor, names);

  /* The families of a flight share one copy of its id, freed with the last of them. */
  summary->flight_id = draft->flight_id ? g_ref_string_new_intern (draft->flight_id) : NULL;
  return summary;
}

static sqlite3_stmt *
prepare_scoped (Loader      *loader,
                const char  *head,
                const char  *tail,
                GError     **error)
{
  g_autofree char *sql = g_strconcat (head, scope_sql[loader->args->scope], tail, NULL);
  sqlite3_stmt *stmt;

  if (!(stmt = _poe_store_prepare (loader->store, sql, error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, loader->args->ids_json, -1, SQLITE_STATIC);
  return stmt;
}

static gboolean
finish_statement (Loader        *loader,
                  sqlite3_stmt  *stmt,
                  int            rc,
                  GError       **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    return _poe_store_set_error (loader->store, rc, error);

  return TRUE;
}

/* The rule of poe_record_dup_initials(): the first letter of the given names and of the
 * surname, upper-cased, each followed by a full stop. */
static char *
dup_initials (const char *given_names,
              const char *surname)
{
  const char *names[2] = { given_names, surname };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i] == NULL || !g_utf8_validate (names[i], -1, NULL))
        continue;

      for (const char *p = names[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalpha (c))
            continue;

          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, g_unichar_toupper (c));
          g_string_append_c (out, '.');
          break;
        }
    }

  return g_string_free (out, FALSE);
}

static void
add_language (Draft      *draft,
              const char *language)
{
  guint at = 0;

  if (language == NULL || *language == '\0')
    return;

  /* A small set of codes: interned, each summary holds pointers only. */
  language = g_intern_string (language);
  if (draft->languages == NULL)
    draft->languages = g_ptr_array_new ();

  while (at < draft->languages->len && strcmp (g_ptr_array_index (draft->languages, at), language) < 0)
    at++;
  if (at < draft->languages->len && g_ptr_array_index (draft->languages, at) == language)
    return;

  g_ptr_array_insert (draft->languages, at, (gpointer) language);
}

static void
add_names (Draft      *draft,
           const char *given_names,
           const char *surname)
{
  g_autofree char *joined = g_strjoin (" ", given_names ? given_names : "", surname ? surname : "", NULL);
  g_autofree char *lowered = g_utf8_strdown (joined, -1);

  if (draft->names == NULL)
    draft->names = g_string_new (NULL);

  g_string_append_c (draft->names, '\n');
  g_string_append (draft->names, lowered);
}

static void
add_member_hash (Draft      *draft,
                 const char *id)
{
  guint hash = g_str_hash (id);

  g_array_append_val (draft->hashes, hash);
}

/* poe_checklist_state_key() into @key: "step" or "step/person"; %NULL when it does not fit. */
static const char *
format_state_key (char        *key,
                  gsize        size,
                  const char  *step,
                  const char  *person_id)
{
  gsize step_len, person_len;

  if (person_id == NULL)
    return step;

  step_len = strlen (step);
  person_len = strlen (person_id);
  if (step_len + 1 + person_len >= size)
    return NULL;

  memcpy (key, step, step_len);
  key[step_len] = '/';
  memcpy (key + step_len + 1, person_id, person_len + 1);
  return key;
}

/* The value of a step's latest event in the state of the case being read. */
static const char *
state_value_cb (const char *step,
                const char *person_id,
                gpointer    user_data)
{
  char buffer[STATE_KEY_SIZE];
  const char *key = format_state_key (buffer, sizeof buffer, step, person_id);
  g_autofree char *long_key = key ? NULL : poe_checklist_state_key (step, person_id);

  return g_hash_table_lookup (user_data, key ? key : long_key);
}

static void
compute_progress (Loader     *loader,
                  Draft      *draft,
                  GHashTable *state)
{
  poe_checklist_derive_progress (loader->checklist, draft->fields.branch,
                                 (const PoeChecklistMember *) (gpointer) draft->members->data,
                                 draft->members->len, state_value_cb, state, &draft->fields.progress);
  draft->computed = TRUE;
}

static Draft *
draft_new (sqlite3_stmt *stmt)
{
  Draft *draft = g_new0 (Draft, 1);

  draft->id = dup_column (stmt, 0);
  draft->flight_id = dup_column (stmt, 1);
  draft->case_number = dup_column (stmt, 2);
  draft->fields.branch = g_intern_string ((const char *) sqlite3_column_text (stmt, 3));
  draft->fields.sensitivity = g_intern_string ((const char *) sqlite3_column_text (stmt, 4));
  draft->fields.status = g_intern_string ((const char *) sqlite3_column_text (stmt, 5));
  draft->initials = g_strdup ("");
  draft->hashes = g_array_new (FALSE, FALSE, sizeof (guint));
  draft->members = g_array_new (FALSE, FALSE, sizeof (PoeChecklistMember));
  return draft;
}

static gboolean
load_cases (Loader  *loader,
            GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_scoped (loader, CASES_SQL, "", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Draft *draft = draft_new (stmt);

      g_ptr_array_add (loader->drafts, draft);
      g_hash_table_insert (loader->by_id, draft->id, draft);
    }

  return finish_statement (loader, stmt, rc, error);
}

static void
add_person (Loader       *loader,
            sqlite3_stmt *stmt)
{
  Draft *draft = g_hash_table_lookup (loader->by_id, sqlite3_column_text (stmt, 0));
  const char *cbp_status = (const char *) sqlite3_column_text (stmt, 2);
  const char *given_names = (const char *) sqlite3_column_text (stmt, 3);
  const char *surname = (const char *) sqlite3_column_text (stmt, 4);
  gboolean is_head = sqlite3_column_int (stmt, 9) != 0;
  PoeChecklistMember member;
  PoeCaseSummary *fields;

  if (draft == NULL)
    return;

  fields = &draft->fields;
  member.id = dup_column (stmt, 1);
  member.cbp_status = g_intern_string (cbp_status);
  g_array_append_val (draft->members, member);
  add_member_hash (draft, member.id);
  fields->n_wheelchair += sqlite3_column_int (stmt, 5) != 0;
  fields->n_medical += sqlite3_column_int (stmt, 6) != 0;
  if (sqlite3_column_int (stmt, 7) != 0)
    add_language (draft, (const char *) sqlite3_column_text (stmt, 8));
  add_names (draft, given_names, surname);

  /* Initials of the principal applicant, else of the first member read. */
  if (!draft->has_head && (is_head || draft->initials[0] == '\0'))
    {
      g_free (draft->initials);
      draft->initials = dup_initials (given_names, surname);
      draft->has_head = is_head;
    }
}

static gboolean
load_persons (Loader  *loader,
              GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_scoped (loader, PERSONS_SQL, "", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_person (loader, stmt);

  return finish_statement (loader, stmt, rc, error);
}

/* The onward leg is the earliest domestic connection. */
static void
add_segment (Loader       *loader,
             sqlite3_stmt *stmt)
{
  Draft *draft = g_hash_table_lookup (loader->by_id, sqlite3_column_text (stmt, 0));
  gboolean has_departure = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  gint64 departure = sqlite3_column_int64 (stmt, 3);
  PoeCaseSummary *fields;

  if (draft == NULL)
    return;

  fields = &draft->fields;
  add_member_hash (draft, (const char *) sqlite3_column_text (stmt, 1));
  if (sqlite3_column_int (stmt, 2) == 0)
    return;

  if (fields->has_onward_departure && (!has_departure || departure >= fields->onward_departure))
    return;

  fields->has_onward_departure = has_departure;
  fields->onward_departure = departure;
  fields->has_onward_estimate = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  fields->onward_estimate = sqlite3_column_int64 (stmt, 4);
  fields->onward_cancelled = sqlite3_column_int (stmt, 5) != 0;
}

static gboolean
load_segments (Loader  *loader,
               GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_scoped (loader, SEGMENTS_SQL, "", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_segment (loader, stmt);

  return finish_statement (loader, stmt, rc, error);
}

static void
finish_case (Loader       *loader,
             const char   *case_id,
             GHashTable   *state,
             GStringChunk *keys)
{
  Draft *draft = g_hash_table_lookup (loader->by_id, case_id);

  if (draft != NULL)
    compute_progress (loader, draft, state);

  g_hash_table_remove_all (state);
  g_string_chunk_clear (keys);
}

/* The keys of one case's state live in @keys until the case is done; the values are one
 * of a few words, interned. */
static void
add_state (GHashTable   *state,
           GStringChunk *keys,
           sqlite3_stmt *stmt)
{
  const char *step = (const char *) sqlite3_column_text (stmt, 1);
  const char *person_id = (const char *) sqlite3_column_text (stmt, 2);
  const char *value = g_intern_string ((const char *) sqlite3_column_text (stmt, 3));
  char buffer[STATE_KEY_SIZE];
  const char *key;
  g_autofree char *long_key = NULL;

  if (step == NULL)
    return;

  if (!(key = format_state_key (buffer, sizeof buffer, step, person_id)))
    key = long_key = poe_checklist_state_key (step, person_id);

  g_hash_table_replace (state, g_string_chunk_insert (keys, key), (gpointer) value);
}

static gboolean
load_events (Loader  *loader,
             GError **error)
{
  g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);
  GStringChunk *keys = g_string_chunk_new (1024);
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_scoped (loader, EVENTS_SQL, EVENTS_ORDER_SQL, error)))
    return FALSE;

  /* Rows come grouped by case and ordered within a step: the last one wins. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *case_id = (const char *) sqlite3_column_text (stmt, 0);

      if (current != NULL && g_strcmp0 (current, case_id) != 0)
        finish_case (loader, current, state, keys);
      if (current == NULL || g_strcmp0 (current, case_id) != 0)
        {
          g_free (current);
          current = g_strdup (case_id);
        }

      add_state (state, keys, stmt);
    }
  if (current != NULL)
    finish_case (loader, current, state, keys);
  g_string_chunk_free (keys);

  for (guint i = 0; i < loader->drafts->len; i++)
    {
      Draft *draft = g_ptr_array_index (loader->drafts, i);

      if (!draft->computed)
        compute_progress (loader, draft, empty);
    }

  return finish_statement (loader, stmt, rc, error);
}

/* Packs the drafts, freeing each as it goes so the drafts and the summaries never both
 * hold the whole load. */
static GPtrArray *
pack_drafts (GPtrArray *drafts)
{
  GPtrArray *summaries = g_ptr_array_new_full (drafts->len, (GDestroyNotify) poe_case_summary_unref);

  for (guint i = 0; i < drafts->len; i++)
    {
      g_ptr_array_add (summaries, pack_draft (g_ptr_array_index (drafts, i)));
      g_clear_pointer (&g_ptr_array_index (drafts, i), draft_free);
    }

  return summaries;
}

static GPtrArray *
load_summaries (PoeStore              *self,
                PoeChecklistTemplate  *checklist,
                const ScopeArgs       *args,
                GError               **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  Loader loader = { self, checklist, args, by_id, drafts };

  if (!load_cases (&loader, error) ||
      (drafts->len > 0 &&
       (!load_persons (&loader, error) ||
        !load_segments (&loader, error) ||
        !load_events (&loader, error))))
    return NULL;

  g_hash_table_remove_all (by_id);
  return pack_drafts (drafts);
}


/*
 * Public API
 */

/**
 * poe_store_list_case_summaries_for_flights:
 *
 * Returns: (transfer full) (element-type PoeCaseSummary): the families of those flights
 */
GPtrArray *
poe_store_list_case_summaries_for_flights (PoeStore              *self,
                                           PoeChecklistTemplate  *checklist,
                                           const char * const    *flight_ids,
                                           GError               **error)
{
  g_autofree char *json = _poe_store_ids_to_json (flight_ids);
  ScopeArgs args = { SCOPE_FLIGHTS, json };

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  return load_summaries (self, checklist, &args, error);
}

/**
 * poe_store_list_case_summaries_for_cases:
 *
 * Returns: (transfer full) (element-type PoeCaseSummary): those families that exist and are
 *   not deleted
 */
GPtrArray *
poe_store_list_case_summaries_for_cases (PoeStore              *self,
                                         PoeChecklistTemplate  *checklist,
                                         const char * const    *case_ids,
                                         GError               **error)
{
  g_autofree char *json = _poe_store_ids_to_json (case_ids);
  ScopeArgs args = { SCOPE_CASES, json };

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  return load_summaries (self, checklist, &args, error);
}
