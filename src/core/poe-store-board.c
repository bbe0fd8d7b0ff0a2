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

typedef struct
{
  PoeStore             *store;
  PoeChecklistTemplate *checklist;
  const ScopeArgs      *args;
  GHashTable           *by_id;     /* case id → PoeCaseSummary, borrowed */
  GHashTable           *computed;  /* summaries whose progress is done */
  GHashTable           *heads;     /* summaries whose initials come from the principal */
  GHashTable           *persons;   /* PoeCaseSummary → GPtrArray of member ids, while loading */
  GPtrArray            *summaries;
} Loader;


/*
 * Auxiliary methods
 */

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
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
add_language (PoeCaseSummary *summary,
              const char     *language)
{
  guint n = summary->languages ? g_strv_length (summary->languages) : 0;
  guint at = 0;

  if (language == NULL || *language == '\0')
    return;

  while (at < n && strcmp (summary->languages[at], language) < 0)
    at++;
  if (at < n && g_str_equal (summary->languages[at], language))
    return;

  /* Grow by one, keeping the terminating NULL. */
  summary->languages = g_renew (char *, summary->languages, n + 2);
  summary->languages[n] = NULL;
  memmove (&summary->languages[at + 1], &summary->languages[at], (n + 1 - at) * sizeof (char *));
  summary->languages[at] = g_strdup (language);
}

static void
add_names (PoeCaseSummary *summary,
           const char     *given_names,
           const char     *surname)
{
  g_autofree char *joined = g_strjoin (" ", given_names ? given_names : "", surname ? surname : "", NULL);
  g_autofree char *lowered = g_utf8_strdown (joined, -1);
  char *names = g_strjoin ("\n", summary->names ? summary->names : "", lowered, NULL);

  g_free (summary->names);
  summary->names = names;
}

static GPtrArray *
persons_of (Loader         *loader,
            PoeCaseSummary *summary)
{
  GPtrArray *persons = g_hash_table_lookup (loader->persons, summary);

  if (persons == NULL)
    {
      persons = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (loader->persons, summary, persons);
    }

  return persons;
}

static void
add_member_hash (PoeCaseSummary *summary,
                 const char     *id)
{
  summary->member_hashes = g_renew (guint, summary->member_hashes, summary->n_member_hashes + 1);
  summary->member_hashes[summary->n_member_hashes++] = g_str_hash (id);
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
compute_progress (Loader         *loader,
                  PoeCaseSummary *summary,
                  GHashTable     *state)
{
  PoeChecklistTemplate *checklist = loader->checklist;
  PoeChecklistProgress *progress = &summary->progress;
  GPtrArray *persons = persons_of (loader, summary);
  gboolean onward_done = TRUE;
  gboolean any_onward = FALSE;

  progress->n_persons = persons->len;
  progress->n_required = progress->n_done = 0;

  for (guint i = 0; i < poe_checklist_template_get_n_steps (checklist); i++)
    {
      const PoeChecklistStep *step = poe_checklist_template_get_step (checklist, i);
      guint n = step->per_person ? persons->len : 1;
      guint done = 0;

      if (!poe_checklist_step_applies (step, summary->branch))
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
      PoeCaseSummary *summary = g_new0 (PoeCaseSummary, 1);

      summary->id = dup_column (stmt, 0);
      summary->flight_id = dup_column (stmt, 1);
      summary->case_number = dup_column (stmt, 2);
      summary->branch = g_intern_string ((const char *) sqlite3_column_text (stmt, 3));
      summary->sensitivity = g_intern_string ((const char *) sqlite3_column_text (stmt, 4));
      summary->status = g_intern_string ((const char *) sqlite3_column_text (stmt, 5));
      summary->initials = g_strdup ("");
      summary->risk = POE_RISK_NONE;
      g_ptr_array_add (loader->summaries, summary);
      g_hash_table_insert (loader->by_id, summary->id, summary);
    }

  return finish_statement (loader, stmt, rc, error);
}

static void
add_person (Loader       *loader,
            sqlite3_stmt *stmt)
{
  PoeCaseSummary *summary = g_hash_table_lookup (loader->by_id, sqlite3_column_text (stmt, 0));
  const char *cbp_status = (const char *) sqlite3_column_text (stmt, 2);
  const char *given_names = (const char *) sqlite3_column_text (stmt, 3);
  const char *surname = (const char *) sqlite3_column_text (stmt, 4);
  gboolean is_head = sqlite3_column_int (stmt, 9) != 0;

  if (summary == NULL)
    return;

  g_ptr_array_add (persons_of (loader, summary), dup_column (stmt, 1));
  add_member_hash (summary, (const char *) sqlite3_column_text (stmt, 1));
  if (g_strcmp0 (cbp_status, "cleared") == 0)
    summary->progress.n_persons_cleared++;
  else if (g_strcmp0 (cbp_status, "secondary") == 0)
    summary->progress.n_in_secondary++;
  summary->n_wheelchair += sqlite3_column_int (stmt, 5) != 0;
  summary->n_medical += sqlite3_column_int (stmt, 6) != 0;
  if (sqlite3_column_int (stmt, 7) != 0)
    add_language (summary, (const char *) sqlite3_column_text (stmt, 8));
  add_names (summary, given_names, surname);

  /* Initials of the principal applicant, else of the first member read. */
  if (!g_hash_table_contains (loader->heads, summary) && (is_head || summary->initials[0] == '\0'))
    {
      g_free (summary->initials);
      summary->initials = dup_initials (given_names, surname);
      if (is_head)
        g_hash_table_add (loader->heads, summary);
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
  PoeCaseSummary *summary = g_hash_table_lookup (loader->by_id, sqlite3_column_text (stmt, 0));
  gboolean has_departure = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  gint64 departure = sqlite3_column_int64 (stmt, 3);

  if (summary == NULL)
    return;

  add_member_hash (summary, (const char *) sqlite3_column_text (stmt, 1));
  if (sqlite3_column_int (stmt, 2) == 0)
    return;

  if (summary->has_onward_departure && (!has_departure || departure >= summary->onward_departure))
    return;

  summary->has_onward_departure = has_departure;
  summary->onward_departure = departure;
  summary->has_onward_estimate = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  summary->onward_estimate = sqlite3_column_int64 (stmt, 4);
  summary->onward_cancelled = sqlite3_column_int (stmt, 5) != 0;
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
  PoeCaseSummary *summary = g_hash_table_lookup (loader->by_id, case_id);

  if (summary != NULL)
    {
      compute_progress (loader, summary, state);
      g_hash_table_add (loader->computed, summary);
    }

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

  for (guint i = 0; i < loader->summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (loader->summaries, i);

      if (!g_hash_table_contains (loader->computed, summary))
        compute_progress (loader, summary, empty);
    }

  return finish_statement (loader, stmt, rc, error);
}

static GPtrArray *
load_summaries (PoeStore              *self,
                PoeChecklistTemplate  *checklist,
                const ScopeArgs       *args,
                GError               **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_case_summary_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) computed = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) heads = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) persons = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  Loader loader = { self, checklist, args, by_id, computed, heads, persons, summaries };

  if (!load_cases (&loader, error) ||
      (summaries->len > 0 &&
       (!load_persons (&loader, error) ||
        !load_segments (&loader, error) ||
        !load_events (&loader, error))))
    return NULL;

  return g_steal_pointer (&summaries);
}


static char *
dup_field (PoeRecord  *record,
           const char *field)
{
  return g_strdup (poe_record_get_string (record, field));
}


/*
 * Public API
 */

PoeFlightSummary *
poe_flight_summary_new_from_record (PoeRecord *flight)
{
  PoeFlightSummary *summary;

  g_return_val_if_fail (POE_IS_RECORD (flight), NULL);

  summary = g_new0 (PoeFlightSummary, 1);
  summary->id = g_strdup (poe_record_get_id (flight));
  summary->carrier = dup_field (flight, "carrier");
  summary->number = dup_field (flight, "number");
  summary->origin = dup_field (flight, "origin");
  summary->status = dup_field (flight, "status");
  summary->scheduled_arrival = dup_field (flight, "scheduled_arrival");
  summary->estimated_arrival = dup_field (flight, "estimated_arrival");
  summary->actual_arrival = dup_field (flight, "actual_arrival");
  summary->gate = dup_field (flight, "gate");
  summary->belt = dup_field (flight, "belt");
  return summary;
}

void
poe_flight_summary_free (PoeFlightSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->id);
  g_free (summary->carrier);
  g_free (summary->number);
  g_free (summary->origin);
  g_free (summary->status);
  g_free (summary->scheduled_arrival);
  g_free (summary->estimated_arrival);
  g_free (summary->actual_arrival);
  g_free (summary->gate);
  g_free (summary->belt);
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
      PoeFlightSummary *flight = g_new (PoeFlightSummary, 1);

      flight->id = dup_column (stmt, 0);
      flight->carrier = dup_column (stmt, 1);
      flight->number = dup_column (stmt, 2);
      flight->origin = dup_column (stmt, 3);
      flight->status = dup_column (stmt, 4);
      flight->scheduled_arrival = dup_column (stmt, 5);
      flight->estimated_arrival = dup_column (stmt, 6);
      flight->actual_arrival = dup_column (stmt, 7);
      flight->gate = dup_column (stmt, 8);
      flight->belt = dup_column (stmt, 9);
      g_ptr_array_add (flights, flight);
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

  g_free (summary->id);
  g_free (summary->flight_id);
  g_free (summary->case_number);
  g_free (summary->initials);
  g_free (summary->names);
  g_strfreev (summary->languages);
  g_free (summary->member_hashes);
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
