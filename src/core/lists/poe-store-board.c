/* poe-store-board.c
 *
 * Family summaries for the board and the family lists. Four set-based queries (cases,
 * members, segments, checklist events) fill one summary per case; nothing allocates a record
 * object per person or event, so a day of 50,000 families stays cheap to load and to hold.
 * The checklist progress follows poe_checklist_compute_progress() step by step;
 * tests/core/test-board-model.c checks the two agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-store"

#include "config.h"

#include <string.h>

#include "poe-store-board.h"
#include "poe-store-private.h"

typedef enum
{
  SCOPE_BETWEEN,  /* ?1, ?2: cases whose inbound flight is scheduled in [from, to) */
  SCOPE_FLIGHTS,  /* ?1: JSON array of flight ids */
  SCOPE_CASES,    /* ?1: JSON array of case ids */
} Scope;

typedef struct
{
  Scope       scope;
  GDateTime  *from;
  GDateTime  *to;
  char       *ids_json;
} ScopeArgs;

static const char * const scope_sql[] = {
  "c.inbound_flight_id IN (SELECT id FROM flight WHERE deleted = 0"
  " AND (?1 IS NULL OR scheduled_arrival >= ?1) AND (?2 IS NULL OR scheduled_arrival < ?2))",
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
  " WHERE s.deleted = 0 AND c.deleted = 0 AND "

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
  GPtrArray      *persons;    /* member ids, for the per-person steps */
} Draft;

typedef struct
{
  PoeStore             *store;
  PoeChecklistTemplate *checklist;
  const ScopeArgs      *args;
  GHashTable           *by_id;     /* case id → Draft, borrowed */
  GPtrArray            *drafts;    /* Draft, in the order of the cases query */
} Loader;

/* The summary strings of a flight: their places, in the order of the flight summaries
 * query, and their record fields (the id has none). */
static const struct {
  gsize       offset;
  const char *name;
} flight_fields[] = {
  { G_STRUCT_OFFSET (PoeFlightSummary, id), NULL },
  { G_STRUCT_OFFSET (PoeFlightSummary, carrier), "carrier" },
  { G_STRUCT_OFFSET (PoeFlightSummary, number), "number" },
  { G_STRUCT_OFFSET (PoeFlightSummary, origin), "origin" },
  { G_STRUCT_OFFSET (PoeFlightSummary, status), "status" },
  { G_STRUCT_OFFSET (PoeFlightSummary, scheduled_arrival), "scheduled_arrival" },
  { G_STRUCT_OFFSET (PoeFlightSummary, estimated_arrival), "estimated_arrival" },
  { G_STRUCT_OFFSET (PoeFlightSummary, actual_arrival), "actual_arrival" },
  { G_STRUCT_OFFSET (PoeFlightSummary, gate), "gate" },
  { G_STRUCT_OFFSET (PoeFlightSummary, belt), "belt" },
};

#define FLIGHT_FIELD(summary, i) (*(char **) (gpointer) ((char *) (summary) + flight_fields[i].offset))

static const char * const no_languages[] = { NULL };


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
  g_clear_pointer (&draft->persons, g_ptr_array_unref);
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

/* One block for the struct and copies of @values. */
static PoeFlightSummary *
flight_summary_new (const char * const *values)
{
  PoeFlightSummary *summary;
  gsize size = sizeof (PoeFlightSummary);
  char *cursor;

  for (guint i = 0; i < G_N_ELEMENTS (flight_fields); i++)
    size += string_size (values[i]);

  summary = g_malloc (size);
  cursor = (char *) (summary + 1);
  for (guint i = 0; i < G_N_ELEMENTS (flight_fields); i++)
    FLIGHT_FIELD (summary, i) = (char *) put_string (&cursor, values[i]);

  return summary;
}

static char *
ids_to_json (const char * const *ids)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);

  node = json_node_init_array (json_node_alloc (), array);
  return json_to_string (node, FALSE);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           column,
           GDateTime    *time)
{
  if (time == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, poe_time_format_iso8601 (time), -1, g_free);
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

  if (loader->args->scope == SCOPE_BETWEEN)
    {
      bind_time (stmt, 1, loader->args->from);
      bind_time (stmt, 2, loader->args->to);
    }
  else
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

static gboolean
state_is_done (GHashTable *state,
               const char *step,
               const char *person_id)
{
  g_autofree char *key = poe_checklist_state_key (step, person_id);
  const char *value = g_hash_table_lookup (state, key);

  return g_strcmp0 (value, "done") == 0 || g_strcmp0 (value, "not_applicable") == 0;
}

/* poe_checklist_compute_progress() over the latest values instead of event records; the
 * member counts (cleared, in secondary) were added while reading the members. */
static void
compute_progress (Loader     *loader,
                  Draft      *draft,
                  GHashTable *state)
{
  PoeChecklistTemplate *checklist = loader->checklist;
  PoeChecklistProgress *progress = &draft->fields.progress;
  GPtrArray *persons = draft->persons;
  gboolean onward_done = TRUE;
  gboolean any_onward = FALSE;

  progress->n_persons = persons->len;
  progress->n_required = progress->n_done = 0;

  for (guint i = 0; i < poe_checklist_template_get_n_steps (checklist); i++)
    {
      const PoeChecklistStep *step = poe_checklist_template_get_step (checklist, i);
      guint n = step->per_person ? persons->len : 1;
      guint done = 0;

      if (!poe_checklist_step_applies (step, draft->fields.branch))
        continue;

      for (guint p = 0; p < n; p++)
        if (state_is_done (state, step->id, step->per_person ? g_ptr_array_index (persons, p) : NULL))
          done++;

      if (step->optional)
        continue;

      progress->n_required += n;
      progress->n_done += done;
      if (g_str_equal (step->group, "onward"))
        {
          any_onward = TRUE;
          onward_done = onward_done && done == n;
        }
    }

  progress->met = state_is_done (state, POE_STEP_ARRIVAL_MET, NULL);
  progress->bags_claimed = state_is_done (state, POE_STEP_BAGGAGE_CLAIMED, NULL);
  progress->bags_rechecked = state_is_done (state, POE_STEP_BAGS_RECHECKED, NULL);
  progress->tsa_cleared = state_is_done (state, POE_STEP_TSA_CLEARED, NULL);
  progress->at_gate = state_is_done (state, POE_STEP_AT_GATE, NULL);
  progress->handed_over = state_is_done (state, POE_STEP_HANDOVER_ACKNOWLEDGED, NULL);
  progress->onward_done = any_onward && onward_done;
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
  draft->fields.risk = POE_RISK_NONE;
  draft->initials = g_strdup ("");
  draft->hashes = g_array_new (FALSE, FALSE, sizeof (guint));
  draft->persons = g_ptr_array_new_with_free_func (g_free);
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
  PoeCaseSummary *fields;

  if (draft == NULL)
    return;

  fields = &draft->fields;
  g_ptr_array_add (draft->persons, dup_column (stmt, 1));
  add_member_hash (draft, (const char *) sqlite3_column_text (stmt, 1));
  if (g_strcmp0 (cbp_status, "cleared") == 0)
    fields->progress.n_persons_cleared++;
  else if (g_strcmp0 (cbp_status, "secondary") == 0)
    fields->progress.n_in_secondary++;
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
finish_case (Loader     *loader,
             const char *case_id,
             GHashTable *state)
{
  Draft *draft = g_hash_table_lookup (loader->by_id, case_id);

  if (draft != NULL)
    compute_progress (loader, draft, state);

  g_hash_table_remove_all (state);
}

static gboolean
load_events (Loader  *loader,
             GError **error)
{
  g_autoptr(GHashTable) state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);
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
        finish_case (loader, current, state);
      if (current == NULL || g_strcmp0 (current, case_id) != 0)
        {
          g_free (current);
          current = g_strdup (case_id);
        }

      g_hash_table_replace (state,
                            poe_checklist_state_key ((const char *) sqlite3_column_text (stmt, 1),
                                                     (const char *) sqlite3_column_text (stmt, 2)),
                            dup_column (stmt, 3));
    }
  if (current != NULL)
    finish_case (loader, current, state);

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
  GPtrArray *summaries = g_ptr_array_new_full (drafts->len, (GDestroyNotify) poe_case_summary_free);

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

PoeFlightSummary *
poe_flight_summary_new_from_record (PoeRecord *flight)
{
  const char *values[G_N_ELEMENTS (flight_fields)];

  g_return_val_if_fail (POE_IS_RECORD (flight), NULL);

  values[0] = poe_record_get_id (flight);
  for (guint i = 1; i < G_N_ELEMENTS (flight_fields); i++)
    values[i] = poe_record_get_string (flight, flight_fields[i].name);

  return flight_summary_new (values);
}

void
poe_flight_summary_free (PoeFlightSummary *summary)
{
  g_free (summary);
}

/**
 * poe_store_list_flight_summaries_between:
 * @from: (nullable): earliest scheduled arrival, inclusive
 * @to: (nullable): latest scheduled arrival, exclusive
 *
 * Returns: (transfer full) (element-type PoeFlightSummary): the flights scheduled in
 *   [@from, @to), by scheduled arrival
 */
GPtrArray *
poe_store_list_flight_summaries_between (PoeStore   *self,
                                         GDateTime  *from,
                                         GDateTime  *to,
                                         GError    **error)
{
  g_autoptr(GPtrArray) flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_flight_summary_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  stmt = _poe_store_prepare (self,
                             "SELECT id, carrier, number, origin, status, scheduled_arrival,"
                             " estimated_arrival, actual_arrival, gate, belt FROM flight WHERE deleted = 0"
                             " AND (?1 IS NULL OR scheduled_arrival >= ?1)"
                             " AND (?2 IS NULL OR scheduled_arrival < ?2)"
                             " ORDER BY scheduled_arrival, carrier, number",
                             error);
  if (stmt == NULL)
    return NULL;

  bind_time (stmt, 1, from);
  bind_time (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *values[G_N_ELEMENTS (flight_fields)];

      for (guint i = 0; i < G_N_ELEMENTS (flight_fields); i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i);
      g_ptr_array_add (flights, flight_summary_new (values));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&flights);
}

void
poe_case_summary_free (PoeCaseSummary *summary)
{
  if (summary == NULL)
    return;

  if (summary->flight_id != NULL)
    g_ref_string_release ((char *) summary->flight_id);
  g_free (summary);
}

/**
 * poe_case_summary_has_member:
 * @hashes: a set of g_str_hash() values of person or segment ids, as GUINT_TO_POINTER()
 *
 * Returns: whether a member or segment of the family may have one of those ids
 */
gboolean
poe_case_summary_has_member (const PoeCaseSummary *summary,
                             GHashTable           *hashes)
{
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (hashes != NULL, FALSE);

  for (guint i = 0; i < summary->n_member_hashes; i++)
    if (g_hash_table_contains (hashes, GUINT_TO_POINTER (summary->member_hashes[i])))
      return TRUE;

  return FALSE;
}

/**
 * poe_risk_input_init_for_flight:
 * @input: (out caller-allocates): the input to fill
 * @flight: (nullable): the inbound flight
 * @now: the current time
 *
 * Fills the inbound half of a #PoeRiskInput once per flight, for
 * poe_case_summary_compute_risk() on each of its families. Release with
 * poe_risk_input_clear_flight().
 */
void
poe_risk_input_init_for_flight (PoeRiskInput           *input,
                                const PoeFlightSummary *flight,
                                GDateTime              *now)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (now != NULL);

  *input = (PoeRiskInput) { .now = g_date_time_ref (now) };
  if (flight == NULL)
    return;

  input->inbound_scheduled = poe_time_parse_iso8601 (flight->scheduled_arrival);
  input->inbound_estimated = poe_time_parse_iso8601 (flight->estimated_arrival);
  input->inbound_actual = poe_time_parse_iso8601 (flight->actual_arrival);
  input->inbound_cancelled = g_strcmp0 (flight->status, "cancelled") == 0;
}

void
poe_risk_input_clear_flight (PoeRiskInput *input)
{
  g_return_if_fail (input != NULL);

  g_clear_pointer (&input->now, g_date_time_unref);
  g_clear_pointer (&input->inbound_scheduled, g_date_time_unref);
  g_clear_pointer (&input->inbound_estimated, g_date_time_unref);
  g_clear_pointer (&input->inbound_actual, g_date_time_unref);
}

/**
 * poe_case_summary_compute_risk:
 * @flight_input: from poe_risk_input_init_for_flight() for the family's inbound flight
 *
 * Sets @summary's risk with poe_risk_compute(). Only families on the connect branch have a
 * connection to miss.
 */
void
poe_case_summary_compute_risk (PoeCaseSummary       *summary,
                               const PoeRiskInput   *flight_input,
                               const PoeRiskBuffers *buffers)
{
  g_autoptr(GDateTime) departure = NULL;
  g_autoptr(GDateTime) estimate = NULL;
  g_auto(PoeRiskResult) result = { 0 };
  PoeRiskInput input;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (flight_input != NULL && buffers != NULL);

  input = *flight_input;
  input.has_onward = g_strcmp0 (summary->branch, "connect") == 0;
  if (summary->has_onward_departure)
    input.onward_scheduled_departure = departure = g_date_time_new_from_unix_utc (summary->onward_departure);
  if (summary->has_onward_estimate)
    input.onward_estimated_departure = estimate = g_date_time_new_from_unix_utc (summary->onward_estimate);
  input.onward_cancelled = summary->onward_cancelled;
  input.n_persons = summary->progress.n_persons;
  input.n_in_secondary = summary->progress.n_in_secondary;
  input.n_wheelchair = summary->n_wheelchair;
  input.n_medical = summary->n_medical;
  input.n_cbp_cleared = summary->progress.n_persons_cleared;
  input.met = summary->progress.met;
  input.bags_claimed = summary->progress.bags_claimed;
  input.bags_rechecked = summary->progress.bags_rechecked;
  input.tsa_cleared = summary->progress.tsa_cleared;
  input.at_gate = summary->progress.at_gate;

  poe_risk_compute (&input, buffers, &result);
  summary->risk = result.level;
}

/**
 * poe_store_list_case_summaries_between:
 * @checklist: the POE's checklist template
 * @from: (nullable): earliest scheduled arrival of the inbound flight, inclusive
 * @to: (nullable): latest scheduled arrival of the inbound flight, exclusive
 *
 * Returns: (transfer full) (element-type PoeCaseSummary): the families of the flights
 *   scheduled in [@from, @to), risk not yet computed
 */
GPtrArray *
poe_store_list_case_summaries_between (PoeStore              *self,
                                       PoeChecklistTemplate  *checklist,
                                       GDateTime             *from,
                                       GDateTime             *to,
                                       GError               **error)
{
  ScopeArgs args = { SCOPE_BETWEEN, from, to, NULL };

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  return load_summaries (self, checklist, &args, error);
}

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
  g_autofree char *json = ids_to_json (flight_ids);
  ScopeArgs args = { SCOPE_FLIGHTS, NULL, NULL, json };

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
  g_autofree char *json = ids_to_json (case_ids);
  ScopeArgs args = { SCOPE_CASES, NULL, NULL, json };

  g_return_val_if_fail (POE_IS_STORE (self), NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  return load_summaries (self, checklist, &args, error);
}

/**
 * poe_store_list_records_by_ids:
 *
 * Returns: (transfer full) (element-type PoeRecord): the records of @ids that exist and are
 *   not deleted, in no particular order
 */
GPtrArray *
poe_store_list_records_by_ids (PoeStore            *self,
                               const char          *entity_name,
                               const char * const  *ids,
                               GError             **error)
{
  const PoeEntityInfo *entity;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return NULL;

  sql = g_strconcat (_poe_store_select_sql (entity),
                     " WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?1))", NULL);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  json = ids_to_json (ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  return _poe_store_collect (self, entity, stmt, error);
}

/**
 * poe_store_dup_case_ids_of:
 * @entity: an entity with a case_id field, like "person" or "checklist_event"
 *
 * Deleted records count too, so a removal still names the family it left.
 *
 * Returns: (transfer full): the distinct case ids of those records
 */
char **
poe_store_dup_case_ids_of (PoeStore            *self,
                           const char          *entity_name,
                           const char * const  *ids,
                           GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const PoeEntityInfo *entity;
  g_autofree char *sql = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (POE_IS_STORE (self), NULL);

  if (!(entity = _poe_store_entity_or_error (entity_name, error)))
    return NULL;

  if (poe_entity_lookup_field (entity, "case_id") == NULL)
    {
      g_set_error (error, POE_STORE_ERROR, POE_STORE_ERROR_INVALID,
                   "Records of kind %s belong to no family", entity->name);
      return NULL;
    }

  sql = g_strdup_printf ("SELECT DISTINCT case_id FROM \"%s\" WHERE case_id IS NOT NULL"
                         " AND id IN (SELECT value FROM json_each(?1))", entity->name);
  if (!(stmt = _poe_store_prepare (self, sql, error)))
    return NULL;

  json = ids_to_json (ids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _poe_store_set_error (self, rc, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/**
 * poe_store_load_risk_buffers:
 * @buffers: (out caller-allocates): the buffers
 *
 * The processing buffers of the store's POE: the defaults, overridden by the POE record's
 * `buffers`. On error @buffers hold the defaults.
 */
gboolean
poe_store_load_risk_buffers (PoeStore        *self,
                             PoeRiskBuffers  *buffers,
                             GError         **error)
{
  g_autoptr(GPtrArray) poes = NULL;

  g_return_val_if_fail (POE_IS_STORE (self), FALSE);
  g_return_val_if_fail (buffers != NULL, FALSE);

  poe_risk_buffers_init_default (buffers);
  if (!(poes = poe_store_list (self, "poe", NULL, NULL, error)))
    return FALSE;

  for (guint i = 0; i < poes->len; i++)
    {
      const char *json = poe_record_get_string (g_ptr_array_index (poes, i), "buffers");

      if (json == NULL)
        continue;

      if (!poe_risk_buffers_load_json (buffers, json, error))
        {
          poe_risk_buffers_init_default (buffers);
          return FALSE;
        }
      break;
    }

  return TRUE;
}
