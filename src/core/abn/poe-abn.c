/* poe-abn.c
 *
 * The advance booking notification (ABN) of a day, one row per person with the columns of
 * their case repeated (docs/import-abn.md). Every row is checked against its fields of the
 * schema and built into records; a bad row is named with its line and the reason, and the
 * rows after it are still checked, so a preview lists them all. Cases already known and
 * inbound flights already known are looked up through the caller's PoeAbnFindFunc. Writing
 * is the caller's: the server writes all the records in one transaction, or none.
 *
 * Reading the file into rows is in poe-abn-read.c; this file checks each value and builds
 * the records: cases, persons, segments and the inbound flights not yet known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-abn"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-abn-private.h"
#include "poe-schema.h"
#include "poe-validate.h"

typedef struct
{
  const Row *first;
  PoeRecord *record;
} Family;

typedef struct
{
  PoeAbnFindFunc find;
  gpointer     find_data;
  gboolean     is_json;
  GHashTable  *families;   /* case_number → Family */
  GHashTable  *flights;    /* carrier/number/scheduled_arrival → flight id */
  GPtrArray   *new_flights;
  GPtrArray   *cases;
  GPtrArray   *segments;
  GPtrArray   *persons;
} Import;

const Column _poe_import_columns[] = {
  { "case_number", PART_CASE, "case_number", TRUE },
  { "abn_number", PART_CASE, "abn_number", FALSE },
  { "poe", PART_CASE, "poe", TRUE },
  { "ra_agency", PART_CASE, "ra_agency", FALSE },
  { "ra_affiliate", PART_CASE, "ra_affiliate", FALSE },
  { "ra_contact", PART_CASE, "ra_contact", FALSE },
  { "final_destination", PART_CASE, "final_destination", FALSE },
  { "branch", PART_CASE, "branch", TRUE },
  { "sensitivity", PART_CASE, "sensitivity", FALSE },
  { "inbound_carrier", PART_INBOUND, "carrier", FALSE },
  { "inbound_number", PART_INBOUND, "number", FALSE },
  { "inbound_origin", PART_INBOUND, "origin", FALSE },
  { "inbound_scheduled_arrival", PART_INBOUND, "scheduled_arrival", FALSE },
  { "connection_carrier", PART_CONNECTION, "carrier", FALSE },
  { "connection_number", PART_CONNECTION, "number", FALSE },
  { "connection_origin", PART_CONNECTION, "origin", FALSE },
  { "connection_destination", PART_CONNECTION, "destination", FALSE },
  { "connection_scheduled_departure", PART_CONNECTION, "scheduled_departure", FALSE },
  { "connection_scheduled_arrival", PART_CONNECTION, "scheduled_arrival", FALSE },
  { "connection_booking_ref", PART_CONNECTION, "booking_ref", FALSE },
  { "surname", PART_PERSON, "surname", TRUE },
  { "given_names", PART_PERSON, "given_names", FALSE },
  { "sex", PART_PERSON, "sex", FALSE },
  { "date_of_birth", PART_PERSON, "date_of_birth", FALSE },
  { "relationship", PART_PERSON, "relationship", FALSE },
  { "nationality", PART_PERSON, "nationality", FALSE },
  { "languages", PART_PERSON, "languages", FALSE },
  { "a_number", PART_PERSON, "a_number", FALSE },
  { "ssr_codes", PART_PERSON, "ssr_codes", FALSE },
  { "meal_code", PART_PERSON, "meal_code", FALSE },
  { "documents", PART_PERSON, "documents", FALSE },
};
const guint _poe_import_n_columns = G_N_ELEMENTS (_poe_import_columns);

/* Columns that come together: all of them or none. */
static const char * const inbound_group[] = {
  "inbound_carrier", "inbound_number", "inbound_origin", "inbound_scheduled_arrival", NULL
};
static const char * const connection_group[] = {
  "connection_carrier", "connection_number", "connection_destination",
  "connection_scheduled_departure", NULL
};

G_DEFINE_QUARK (poe-import-error-quark, poe_import_error)


/*
 * Auxiliary methods
 */

static const char *
row_get (const Row  *row,
         const char *column)
{
  const char *value = g_hash_table_lookup (row->values, column);

  return value != NULL && *value != '\0' ? value : NULL;
}

static const PoeFieldInfo *
column_field (const Column *column)
{
  static const char * const entities[] = { "case", "segment", "segment", "person" };

  return poe_entity_lookup_field (poe_schema_lookup_entity (entities[column->part]),
                                  column->field);
}

/* Values */

static char *
shown_value (const PoeFieldInfo *field,
             const char         *value)
{
  g_autofree char *escaped = NULL;

  if (field->flags & POE_FIELD_FLAG_PERSONAL)
    return g_strdup ("");

  escaped = g_strescape (value, NULL);
  return g_strdup_printf (" “%s”", escaped);
}

static char **
split_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ";", -1);
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (items, parts[i]);

  return g_strv_builder_end (items);
}

static gboolean
code_is_valid (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_./:+-", *p) == NULL)
      return FALSE;

  return TRUE;
}

static char *
list_problem (const Column       *column,
              const PoeFieldInfo *field,
              const char         *value)
{
  g_auto(GStrv) items = split_list (value);

  if (g_strv_length (items) > poe_field_max_length (field))
    return g_strdup_printf (_("%s has more than %u items"), column->name,
                            poe_field_max_length (field));

  for (guint i = 0; field->enum_values != NULL && items[i] != NULL; i++)
    if (!poe_field_enum_contains (field, items[i]))
      {
        g_autofree char *shown = shown_value (field, items[i]);
        g_autofree char *allowed = g_strjoinv (", ", (char **) field->enum_values);

        return g_strdup_printf (_("%s:%s is not one of %s"), column->name, shown, allowed);
      }

  return NULL;
}

/* Returns: (nullable): why @value does not fit @field */
static char *
value_problem (const Column       *column,
               const PoeFieldInfo *field,
               const char         *value)
{
  g_autofree char *shown = shown_value (field, value);
  g_autoptr(GDateTime) time = NULL;

  if (field->kind == POE_FIELD_LIST)
    return list_problem (column, field, value);

  if (field->kind == POE_FIELD_ENUM && !poe_field_enum_contains (field, value))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) field->enum_values);

      return g_strdup_printf (_("%s%s is not one of %s"), column->name, shown, allowed);
    }

  if (field->kind == POE_FIELD_DATE && !poe_date_is_valid (value))
    return g_strdup_printf (_("%s%s is not a date such as 2026-11-24"), column->name, shown);

  if (field->kind == POE_FIELD_TIME && (time = poe_time_parse_iso8601 (value)) == NULL)
    return g_strdup_printf (_("%s%s is not a UTC time such as 2026-11-24T14:05:00Z"),
                            column->name, shown);

  if ((field->kind == POE_FIELD_TEXT || field->kind == POE_FIELD_CODE) &&
      strlen (value) > poe_field_max_length (field))
    return g_strdup_printf (_("%s is longer than %u characters"), column->name,
                            poe_field_max_length (field));

  if (field->kind == POE_FIELD_CODE && !code_is_valid (value))
    return g_strdup_printf (_("%s%s may hold only letters, digits and _./:+-"),
                            column->name, shown);

  return NULL;
}

static void
set_field (PoeRecord          *record,
           const PoeFieldInfo *field,
           const char         *value)
{
  if (field->kind == POE_FIELD_LIST)
    {
      g_auto(GStrv) items = split_list (value);

      poe_record_set_strv (record, field->name, (const char * const *) items);
    }
  else if (field->kind == POE_FIELD_TIME)
    {
      g_autoptr(GDateTime) time = poe_time_parse_iso8601 (value);

      poe_record_set_time (record, field->name, time);
    }
  else
    poe_record_set_string (record, field->name, value);
}

/* Checks every value of @row and fills in @record with the columns of @part. */
static gboolean
fill_part (Import     *self,
           const Row  *row,
           Part        part,
           PoeRecord  *record,
           GError    **error)
{
  for (guint i = 0; i < _poe_import_n_columns; i++)
    {
      const Column *column = &_poe_import_columns[i];
      const char *value = row_get (row, column->name);
      g_autofree char *problem = NULL;

      if (column->part != part)
        continue;

      if (value == NULL)
        {
          if (column->required)
            return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_INVALID,
                                          _("%s is empty; every row needs it"), column->name);
          continue;
        }

      if ((problem = value_problem (column, column_field (column), value)) != NULL)
        return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_INVALID,
                                      "%s", problem);

      set_field (record, column_field (column), value);
    }

  return TRUE;
}

static gboolean
check_group (Import             *self,
             const Row          *row,
             const char * const *group,
             gboolean           *given,
             GError            **error)
{
  guint n = 0;

  for (guint i = 0; group[i] != NULL; i++)
    n += row_get (row, group[i]) != NULL;

  *given = n > 0;
  if (n == 0 || n == g_strv_length ((char **) group))
    return TRUE;

  for (guint i = 0; group[i] != NULL; i++)
    if (row_get (row, group[i]) == NULL)
      return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_INVALID,
                                    _("%s is empty, but other columns of its flight are given"),
                                    group[i]);

  g_assert_not_reached ();
}

static gboolean
validate_record (Import     *self,
                 const Row  *row,
                 PoeRecord  *record,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  /* The schema's own rules, for anything the checks above let through. */
  if (!poe_record_validate (record, &local_error))
    return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_INVALID,
                                  "%s", local_error->message);

  return TRUE;
}

/* Records */

static void
append_all (GPtrArray *records,
            GPtrArray *more)
{
  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add (records, g_object_ref (more->pdata[i]));
}

static PoeRecord *
new_record (const char *entity)
{
  PoeRecord *record = poe_record_new (entity);
  g_autofree char *id = poe_uuid_new ();

  poe_record_set_id (record, id);
  return record;
}

static gboolean
flight_matches (PoeRecord  *flight,
                PoeRecord  *segment,
                const char *poe)
{
  g_autoptr(GDateTime) a = poe_record_dup_time (flight, "scheduled_arrival");
  g_autoptr(GDateTime) b = poe_record_dup_time (segment, "scheduled_arrival");

  return !poe_record_get_deleted (flight) && a != NULL && b != NULL && g_date_time_equal (a, b) &&
         g_strcmp0 (poe_record_get_string (flight, "carrier"),
                    poe_record_get_string (segment, "carrier")) == 0 &&
         g_strcmp0 (poe_record_get_string (flight, "destination"), poe) == 0;
}

/* The id of the inbound flight of @segment: one already on the server or in this file, or a
 * new scheduled flight. */
static const char *
ensure_flight (Import     *self,
               PoeRecord  *segment,
               const char *poe)
{
  const char *number = poe_record_get_string (segment, "number");
  g_autoptr(GDateTime) arrival = poe_record_dup_time (segment, "scheduled_arrival");
  g_autofree char *when = poe_time_format_iso8601 (arrival);
  g_autofree char *key = g_strjoin ("/", poe_record_get_string (segment, "carrier"), number,
                                    when, poe, NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  const char *id;
  char *copy;

  if ((id = g_hash_table_lookup (self->flights, key)) != NULL)
    return id;

  found = self->find ("flight", "number", number, self->find_data);
  for (guint i = 0; found != NULL && i < found->len && flight == NULL; i++)
    if (flight_matches (found->pdata[i], segment, poe))
      flight = g_object_ref (found->pdata[i]);

  if (flight == NULL)
    {
      flight = new_record ("flight");
      poe_record_set_string (flight, "carrier", poe_record_get_string (segment, "carrier"));
      poe_record_set_string (flight, "number", number);
      poe_record_set_string (flight, "origin", poe_record_get_string (segment, "origin"));
      poe_record_set_string (flight, "destination", poe);
      poe_record_set_time (flight, "scheduled_arrival", arrival);
      poe_record_set_string (flight, "status", "scheduled");
      poe_record_set_string (flight, "source", "abn");
      g_ptr_array_add (self->new_flights, g_object_ref (flight));
    }

  /* The table owns the copy for as long as the import runs. */
  copy = g_strdup (poe_record_get_id (flight));
  g_hash_table_insert (self->flights, g_steal_pointer (&key), copy);
  return copy;
}

static gboolean
add_segment (Import     *self,
             const Row  *row,
             PoeRecord  *family,
             Part        part,
             GError    **error)
{
  g_autoptr(PoeRecord) segment = new_record ("segment");
  const char *poe = poe_record_get_string (family, "poe");
  gboolean inbound = part == PART_INBOUND;

  poe_record_set_string (segment, "case_id", poe_record_get_id (family));
  poe_record_set_string (segment, "leg", inbound ? "international_arrival" : "domestic_connection");
  poe_record_set_string (segment, "status", "scheduled");
  poe_record_set_string (segment, inbound ? "destination" : "origin", poe);
  if (!fill_part (self, row, part, segment, error) || !validate_record (self, row, segment, error))
    return FALSE;

  if (inbound)
    poe_record_set_string (family, "inbound_flight_id", ensure_flight (self, segment, poe));

  g_ptr_array_add (self->segments, g_steal_pointer (&segment));
  return TRUE;
}

static gboolean
check_not_on_server (Import      *self,
                     const Row   *row,
                     const char  *case_number,
                     GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  found = self->find ("case", "case_number", case_number, self->find_data);
  for (guint i = 0; found != NULL && i < found->len; i++)
    if (!poe_record_get_deleted (found->pdata[i]))
      return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_DUPLICATE,
                                    _("case %s is already on the server; leave its rows out"),
                                    case_number);

  return TRUE;
}

static gboolean
add_family (Import     *self,
            const Row  *row,
            GError    **error)
{
  g_autoptr(PoeRecord) family = new_record ("case");
  gboolean inbound, connection;

  poe_record_set_string (family, "status", "expected");
  poe_record_set_string (family, "sensitivity", "none");
  if (!fill_part (self, row, PART_CASE, family, error) ||
      !check_not_on_server (self, row, poe_record_get_string (family, "case_number"), error) ||
      !check_group (self, row, inbound_group, &inbound, error) ||
      !check_group (self, row, connection_group, &connection, error))
    return FALSE;

  if (!connection && g_str_equal (poe_record_get_string (family, "branch"), "connect"))
    return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_INVALID,
                                  _("branch is connect, but the connection_ columns are empty"));

  if ((inbound && !add_segment (self, row, family, PART_INBOUND, error)) ||
      (connection && !add_segment (self, row, family, PART_CONNECTION, error)) ||
      !validate_record (self, row, family, error))
    return FALSE;

  g_ptr_array_add (self->cases, g_object_ref (family));
  /* The family borrows the row and the record, both kept until the import ends. */
  g_hash_table_insert (self->families, g_strdup (poe_record_get_string (family, "case_number")),
                       g_memdup2 (&(Family) { row, family }, sizeof (Family)));
  return TRUE;
}

/* Rows of one case repeat its columns; they must agree with its first row. */
static gboolean
check_same_family (Import        *self,
                   const Row     *row,
                   const Family  *family,
                   GError       **error)
{
  for (guint i = 0; i < _poe_import_n_columns; i++)
    {
      const Column *column = &_poe_import_columns[i];

      if (column->part == PART_PERSON)
        continue;
      if (g_strcmp0 (row_get (row, column->name), row_get (family->first, column->name)) != 0)
        return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_DUPLICATE,
                                      self->is_json
                                      ? _("%s differs from record %u, the first of case %s")
                                      : _("%s differs from line %u, the first row of case %s"),
                                      column->name, family->first->line,
                                      row_get (family->first, "case_number"));
    }

  return TRUE;
}

static gboolean
add_row (Import     *self,
         const Row  *row,
         GError    **error)
{
  g_autoptr(PoeRecord) person = new_record ("person");
  const char *case_number = row_get (row, "case_number");
  Family *family;

  if (case_number == NULL)
    return _poe_import_row_error (error, self->is_json, row->line, POE_IMPORT_ERROR_INVALID,
                                  _("case_number is empty; every row needs it"));

  if ((family = g_hash_table_lookup (self->families, case_number)) != NULL)
    {
      if (!check_same_family (self, row, family, error))
        return FALSE;
    }
  else if (!add_family (self, row, error))
    return FALSE;

  family = g_hash_table_lookup (self->families, case_number);
  poe_record_set_string (person, "case_id", poe_record_get_id (family->record));
  poe_record_set_string (person, "cbp_status", "pending");
  if (!fill_part (self, row, PART_PERSON, person, error) ||
      !validate_record (self, row, person, error))
    return FALSE;

  g_ptr_array_add (self->persons, g_steal_pointer (&person));
  return TRUE;
}

static void
import_clear (Import *self)
{
  g_clear_pointer (&self->families, g_hash_table_unref);
  g_clear_pointer (&self->flights, g_hash_table_unref);
  g_clear_pointer (&self->new_flights, g_ptr_array_unref);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
}


/*
 * Private API: for poe-abn-read.c
 */

gboolean
_poe_import_row_error (GError     **error,
                       gboolean     is_json,
                       guint        line,
                       int          code,
                       const char  *format,
                       ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (is_json)
    g_set_error (error, POE_IMPORT_ERROR, code, _("record %u: %s"), line, reason);
  else
    g_set_error (error, POE_IMPORT_ERROR, code, _("line %u: %s"), line, reason);

  return FALSE;
}



/*
 * Public API
 */

/**
 * poe_abn_check:
 * @contents: a CSV or JSON file in the layout of docs/import-abn.md
 * @name: (nullable): the file's name: ".json" or ".csv" says which, else the first character
 * @find: looks up the cases and flights already known
 *
 * Reads and checks every row and builds the records they add.
 *
 * Returns: (transfer full) (nullable): the check: its problems, one a bad row, or none and the
 *   records to write; %NULL with @error set when the file as a whole is not an ABN (not
 *   UTF-8, not CSV or JSON, unknown or missing columns, no rows)
 */
PoeAbnCheck *
poe_abn_check (GBytes          *contents,
               const char      *name,
               PoeAbnFindFunc   find,
               gpointer         user_data,
               GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(PoeAbnCheck) check = g_new0 (PoeAbnCheck, 1);
  Import self = { .find = find, .find_data = user_data };

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (find != NULL, NULL);

  if (!(rows = _poe_import_read_rows (contents, name, &self.is_json, error)))
    return NULL;

  self.families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.flights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.new_flights = g_ptr_array_new_with_free_func (g_object_unref);
  self.cases = g_ptr_array_new_with_free_func (g_object_unref);
  self.segments = g_ptr_array_new_with_free_func (g_object_unref);
  self.persons = g_ptr_array_new_with_free_func (g_object_unref);

  check->is_json = self.is_json;
  check->n_rows = rows->len;
  check->problems = g_ptr_array_new_with_free_func (g_free);
  check->records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GError) row_error = NULL;

      if (add_row (&self, rows->pdata[i], &row_error))
        continue;

      g_ptr_array_add (check->problems, g_strdup (row_error->message));
      if (check->first_error == NULL)
        check->first_error = g_steal_pointer (&row_error);
    }

  if (check->problems->len == 0)
    {
      /* Parents before children, so a client applying the feed in order finds them. */
      append_all (check->records, self.new_flights);
      append_all (check->records, self.cases);
      append_all (check->records, self.segments);
      append_all (check->records, self.persons);
      check->counts = (PoeImportCounts) { self.cases->len, self.persons->len,
                                          self.segments->len, self.new_flights->len };
    }

  import_clear (&self);
  return g_steal_pointer (&check);
}

/**
 * poe_abn_role_may_import:
 * @role: (nullable): a staff role
 *
 * The one rule of who imports an ABN, which the server enforces and the app follows: a shift
 * lead, a supervisor or an admin; never an agent.
 */
gboolean
poe_abn_role_may_import (const char *role)
{
  static const char * const importers[] = { "lead", "supervisor", "admin", NULL };

  return role != NULL && g_strv_contains (importers, role);
}

void
poe_abn_check_free (PoeAbnCheck *check)
{
  if (check == NULL)
    return;

  g_clear_pointer (&check->records, g_ptr_array_unref);
  g_clear_pointer (&check->problems, g_ptr_array_unref);
  g_clear_error (&check->first_error);
  g_free (check);
}
