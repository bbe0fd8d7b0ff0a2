/* poe-csv.c
 *
 * CSV as the exports write it and the tests and imports read it: a writer (RFC 4180, CRLF
 * rows, UTF-8) and a strict parser that says where a file is broken and skips a byte order
 * mark. Then what the voucher export needs: money amounts read and written in cents, a
 * person's initials, a voucher's day at the POE, the totals of a day per kind and currency,
 * and the CSV of a day's vouchers, where a text cell a spreadsheet would run as a formula
 * starts with an apostrophe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-csv.h"

#define UTF8_BOM "\xef\xbb\xbf"
#define MAX_CENTS (G_GINT64_CONSTANT (100000000000000))

struct _PoeCsvWriter
{
  GString *text;
};

typedef struct
{
  const char *p;
  const char *end;
  GPtrArray  *rows;    /* GStrv */
  GPtrArray  *row;     /* char *, the row being read */
  GString    *field;
} Parser;

G_DEFINE_QUARK (poe-csv-error-quark, poe_csv_error)

/* The columns of the voucher export, in order. Machine-readable names: not translated. */
static const char * const voucher_columns[] = {
  "date", "case_number", "kind", "serial", "amount", "currency", "issued_to", "issued_by", NULL
};


/*
 * Auxiliary methods
 */

static gboolean
needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

static void
append_field (GString    *text,
              const char *field)
{
  g_autofree char *valid = g_utf8_make_valid (field ? field : "", -1);

  if (!needs_quotes (valid))
    {
      g_string_append (text, valid);
      return;
    }

  g_string_append_c (text, '"');
  for (const char *p = valid; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (text, '"');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

static gboolean
at_row_end (Parser *parser)
{
  return parser->p >= parser->end || *parser->p == '\n' || *parser->p == '\r';
}

static void
end_field (Parser *parser)
{
  g_ptr_array_add (parser->row, g_strdup (parser->field->str));
  g_string_truncate (parser->field, 0);
}

static void
end_row (Parser *parser)
{
  end_field (parser);
  g_ptr_array_add (parser->row, NULL);
  g_ptr_array_add (parser->rows, g_ptr_array_free (g_steal_pointer (&parser->row), FALSE));
  parser->row = g_ptr_array_new_with_free_func (g_free);

  /* CRLF, LF or a lone CR ends the row. */
  if (parser->p < parser->end && *parser->p == '\r')
    parser->p++;
  if (parser->p < parser->end && *parser->p == '\n')
    parser->p++;
}

static gboolean
read_quoted (Parser  *parser,
             GError **error)
{
  parser->p++;

  for (;;)
    {
      if (parser->p >= parser->end)
        {
          g_set_error_literal (error, POE_CSV_ERROR, POE_CSV_ERROR_UNTERMINATED,
                               _("A quoted field is not closed."));
          return FALSE;
        }

      if (*parser->p == '"' && parser->p + 1 < parser->end && parser->p[1] == '"')
        {
          g_string_append_c (parser->field, '"');
          parser->p += 2;
        }
      else if (*parser->p == '"')
        {
          parser->p++;
          break;
        }
      else
        g_string_append_c (parser->field, *parser->p++);
    }

  if (!at_row_end (parser) && *parser->p != ',')
    {
      g_set_error_literal (error, POE_CSV_ERROR, POE_CSV_ERROR_BAD_QUOTE,
                           _("Text follows the closing quote of a field."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_plain (Parser  *parser,
            GError **error)
{
  while (!at_row_end (parser) && *parser->p != ',')
    {
      if (*parser->p == '"')
        {
          g_set_error_literal (error, POE_CSV_ERROR, POE_CSV_ERROR_BAD_QUOTE,
                               _("A quote appears inside a field that is not quoted."));
          return FALSE;
        }
      g_string_append_c (parser->field, *parser->p++);
    }

  return TRUE;
}

static gboolean
read_field (Parser  *parser,
            GError **error)
{
  if (parser->p < parser->end && *parser->p == '"')
    return read_quoted (parser, error);

  return read_plain (parser, error);
}

static gboolean
parse_all (Parser  *parser,
           GError **error)
{
  while (parser->p < parser->end)
    {
      if (!read_field (parser, error))
        return FALSE;

      if (at_row_end (parser))
        end_row (parser);
      else
        {
          /* A comma: the next field follows, possibly empty at the end of the row. */
          parser->p++;
          end_field (parser);
          if (at_row_end (parser))
            end_row (parser);
        }
    }

  return TRUE;
}

/* Spreadsheets run a cell that starts with one of these as a formula; a leading
 * apostrophe keeps names and serials text (OWASP "CSV injection"). */
static char *
dup_cell_text (const char *text)
{
  if (text != NULL && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    return g_strconcat ("'", text, NULL);

  return g_strdup (text ? text : "");
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const PoeVoucherTotal *x = *(PoeVoucherTotal **) a;
  const PoeVoucherTotal *y = *(PoeVoucherTotal **) b;
  int order;

  if ((order = strcmp (x->day, y->day)) != 0)
    return order;
  if ((order = strcmp (x->kind, y->kind)) != 0)
    return order;
  return strcmp (x->currency, y->currency);
}

/**
 * poe_name_dup_initials:
 * @name: (nullable): a person's name as typed
 *
 * Returns: (transfer full): its initials, "A. R.", as the board shows people
 */
char *
poe_name_dup_initials (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean word_start = TRUE;

  for (const char *p = name; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        {
          /* "Jean-Paul" gives "J.", as the person records do. */
          word_start = word_start || g_unichar_isspace (c);
          continue;
        }

      if (word_start)
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, g_unichar_toupper (c));
          g_string_append_c (out, '.');
        }
      word_start = FALSE;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dup_lookup (PoeStore   *store,
            GHashTable *cache,
            const char *entity,
            const char *id,
            const char *field)
{
  g_autoptr(PoeRecord) record = NULL;
  char *value;

  if (id == NULL)
    return g_strdup ("");

  if ((value = g_hash_table_lookup (cache, id)) != NULL)
    return g_strdup (value);

  record = poe_store_get (store, entity, id, NULL);
  value = g_strdup (record ? poe_record_get_string (record, field) : id);
  g_hash_table_insert (cache, g_strdup (id), value);

  return g_strdup (value);
}


/*
 * Public API
 */

PoeCsvWriter *
poe_csv_writer_new (void)
{
  PoeCsvWriter *self = g_new0 (PoeCsvWriter, 1);

  self->text = g_string_new (NULL);

  return self;
}

/**
 * poe_csv_writer_add_row:
 * @fields: (array length=n_fields): the fields; %NULL ones are empty
 * @n_fields: how many, or -1 when @fields ends with %NULL
 *
 * Appends a row ended by CRLF. Text that is not UTF-8 is repaired, not written as is.
 */
void
poe_csv_writer_add_row (PoeCsvWriter       *self,
                        const char * const *fields,
                        gssize              n_fields)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  if (n_fields < 0)
    n_fields = g_strv_length ((char **) fields);

  for (gssize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (self->text, ',');
      append_field (self->text, fields[i]);
    }
  g_string_append (self->text, "\r\n");
}

/**
 * poe_csv_writer_peek:
 *
 * Returns: (transfer none): the text written so far
 */
const char *
poe_csv_writer_peek (PoeCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text->str;
}

/**
 * poe_csv_writer_free_to_bytes:
 *
 * Returns: (transfer full): the text, the writer freed
 */
GBytes *
poe_csv_writer_free_to_bytes (PoeCsvWriter *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);

  bytes = g_string_free_to_bytes (g_steal_pointer (&self->text));
  g_free (self);

  return bytes;
}

void
poe_csv_writer_free (PoeCsvWriter *self)
{
  if (self == NULL)
    return;

  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  g_free (self);
}

/**
 * poe_csv_escape_field:
 *
 * Returns: (transfer full): @field as it appears in a CSV row
 */
char *
poe_csv_escape_field (const char *field)
{
  GString *text = g_string_new (NULL);

  append_field (text, field);

  return g_string_free (text, FALSE);
}

/**
 * poe_csv_parse:
 * @length: bytes of @text, or -1 when it ends with NUL
 *
 * Reads RFC 4180 CSV: rows end with CRLF or LF, a final line break is optional, a UTF-8
 * byte order mark at the start is skipped.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL with @error set
 */
GPtrArray *
poe_csv_parse (const char  *text,
               gssize       length,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Parser parser = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, POE_CSV_ERROR, POE_CSV_ERROR_INVALID_UTF8,
                           _("The file is not UTF-8 text."));
      return NULL;
    }

  parser.p = text;
  parser.end = text + length;
  if (length >= 3 && memcmp (text, UTF8_BOM, 3) == 0)
    parser.p += 3;
  parser.rows = rows;
  parser.row = g_steal_pointer (&row);
  parser.field = field;

  ok = parse_all (&parser, error);
  g_ptr_array_unref (parser.row);

  return ok ? g_steal_pointer (&rows) : NULL;
}

/**
 * poe_amount_parse:
 * @cents: (out): the amount in hundredths
 *
 * Reads an amount of money as the data model stores it: digits, optionally a point and
 * one or two decimals ("125", "12.5", "12.50"). Spaces around it are ignored.
 */
gboolean
poe_amount_parse (const char  *text,
                  gint64      *cents,
                  GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  gint64 whole = 0, fraction = 0;
  guint n_whole = 0, n_fraction = 0;
  const char *p = copy;

  g_return_val_if_fail (cents != NULL, FALSE);

  for (; g_ascii_isdigit (*p) && whole < MAX_CENTS; p++, n_whole++)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && n_fraction < 3; p++, n_fraction++)
      fraction = fraction * 10 + (*p - '0');

  if (*p != '\0' || n_whole == 0 || n_fraction > 2 || whole >= MAX_CENTS / 100)
    {
      g_set_error_literal (error, POE_CSV_ERROR, POE_CSV_ERROR_AMOUNT,
                           _("Enter the amount as digits with up to two decimals, like 125.50."));
      return FALSE;
    }

  *cents = whole * 100 + (n_fraction == 1 ? fraction * 10 : fraction);
  return TRUE;
}

/**
 * poe_amount_format:
 *
 * Returns: (transfer full): @cents as the data model stores amounts, "125.50"
 */
char *
poe_amount_format (gint64 cents)
{
  g_return_val_if_fail (cents >= 0, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", cents / 100, (int) (cents % 100));
}

void
poe_voucher_total_free (PoeVoucherTotal *total)
{
  if (total == NULL)
    return;

  g_free (total->day);
  g_free (total->kind);
  g_free (total->currency);
  g_free (total);
}

/**
 * poe_voucher_dup_day:
 * @zone: the POE's time zone
 *
 * Returns: (transfer full) (nullable): the local day @voucher was issued, "2026-11-24"
 */
char *
poe_voucher_dup_day (PoeRecord *voucher,
                     GTimeZone *zone)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (POE_IS_RECORD (voucher), NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  if (!(at = poe_record_dup_time (voucher, "at")))
    return NULL;

  local = g_date_time_to_timezone (at, zone);
  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * poe_voucher_list_for_day:
 * @day: a local date, "2026-11-24"
 *
 * Returns: (transfer full) (element-type PoeRecord): the vouchers issued on @day at the
 *   POE, by time
 */
GPtrArray *
poe_voucher_list_for_day (PoeStore    *store,
                          const char  *day,
                          GTimeZone   *zone,
                          GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (day != NULL && zone != NULL, NULL);

  if (!(all = poe_store_list (store, "voucher", NULL, NULL, error)))
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      PoeRecord *voucher = g_ptr_array_index (all, i);
      g_autofree char *voucher_day = poe_voucher_dup_day (voucher, zone);

      if (g_strcmp0 (voucher_day, day) == 0)
        g_ptr_array_add (found, g_object_ref (voucher));
    }

  return g_steal_pointer (&found);
}

/**
 * poe_voucher_totals:
 * @vouchers: (element-type PoeRecord)
 *
 * Returns: (transfer full) (element-type PoeVoucherTotal): the totals per local day, kind
 *   and currency, in that order; amounts that do not parse are left out
 */
GPtrArray *
poe_voucher_totals (GPtrArray *vouchers,
                    GTimeZone *zone)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *totals = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_voucher_total_free);

  g_return_val_if_fail (vouchers != NULL && zone != NULL, NULL);

  for (guint i = 0; i < vouchers->len; i++)
    {
      PoeRecord *voucher = g_ptr_array_index (vouchers, i);
      g_autofree char *day = poe_voucher_dup_day (voucher, zone);
      const char *kind = poe_record_get_string (voucher, "kind");
      const char *currency = poe_record_get_string (voucher, "currency");
      g_autofree char *key = NULL;
      PoeVoucherTotal *total;
      gint64 cents;

      if (day == NULL || kind == NULL || currency == NULL || poe_record_get_deleted (voucher) ||
          !poe_amount_parse (poe_record_get_string (voucher, "amount"), &cents, NULL))
        continue;

      key = g_strjoin ("\x1f", day, kind, currency, NULL);
      if (!(total = g_hash_table_lookup (index, key)))
        {
          total = g_new0 (PoeVoucherTotal, 1);
          total->day = g_strdup (day);
          total->kind = g_strdup (kind);
          total->currency = g_strdup (currency);
          g_ptr_array_add (totals, total);
          g_hash_table_insert (index, g_steal_pointer (&key), total);
        }
      total->cents += cents;
      total->count++;
    }

  g_ptr_array_sort (totals, compare_totals);
  return totals;
}

/**
 * poe_voucher_dup_issued_to:
 *
 * Returns: (transfer full): whom @voucher was issued to: initials unless @reveal_names
 */
char *
poe_voucher_dup_issued_to (PoeRecord *voucher,
                           gboolean   reveal_names)
{
  const char *name;

  g_return_val_if_fail (POE_IS_RECORD (voucher), NULL);

  name = poe_record_get_string (voucher, "issued_to");
  return reveal_names ? g_strdup (name ? name : "") : poe_name_dup_initials (name);
}

/**
 * poe_voucher_export_csv:
 * @vouchers: (element-type PoeRecord): the vouchers, in the order of the rows
 * @zone: the POE's time zone, for the date column
 * @reveal_names: whether "issued_to" has names rather than initials
 *
 * The invoice-reconciliation CSV: a header row, then date, case number, kind, serial,
 * amount, currency, issued to and issued by (staff display name) of each voucher.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes *
poe_voucher_export_csv (PoeStore    *store,
                        GPtrArray   *vouchers,
                        GTimeZone   *zone,
                        gboolean     reveal_names,
                        GError     **error)
{
  g_autoptr(PoeCsvWriter) writer = poe_csv_writer_new ();
  g_autoptr(GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (POE_IS_STORE (store), NULL);
  g_return_val_if_fail (vouchers != NULL && zone != NULL, NULL);

  poe_csv_writer_add_row (writer, voucher_columns, -1);

  for (guint i = 0; i < vouchers->len; i++)
    {
      PoeRecord *voucher = g_ptr_array_index (vouchers, i);
      g_autofree char *day = poe_voucher_dup_day (voucher, zone);
      g_autofree char *number = dup_lookup (store, cases, "case", poe_record_get_string (voucher, "case_id"), "case_number");
      g_autofree char *by = dup_lookup (store, staff, "staff", poe_record_get_string (voucher, "issued_by"), "display_name");
      g_autofree char *to = poe_voucher_dup_issued_to (voucher, reveal_names);
      g_autofree char *serial = dup_cell_text (poe_record_get_string (voucher, "serial"));
      g_autofree char *number_cell = dup_cell_text (number);
      g_autofree char *to_cell = dup_cell_text (to);
      g_autofree char *by_cell = dup_cell_text (by);
      g_autofree char *amount = NULL;
      gint64 cents;
      const char *row[8];

      if (!poe_amount_parse (poe_record_get_string (voucher, "amount"), &cents, error))
        return NULL;
      amount = poe_amount_format (cents);

      row[0] = day;
      row[1] = number_cell;
      row[2] = poe_record_get_string (voucher, "kind");
      row[3] = serial;
      row[4] = amount;
      row[5] = poe_record_get_string (voucher, "currency");
      row[6] = to_cell;
      row[7] = by_cell;

      poe_csv_writer_add_row (writer, row, G_N_ELEMENTS (row));
    }

  return poe_csv_writer_free_to_bytes (g_steal_pointer (&writer));
}
