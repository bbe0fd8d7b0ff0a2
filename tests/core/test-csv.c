/* test-csv.c
 *
 * The RFC 4180 writer and reader (quotes, commas, line breaks, UTF-8, round trips, broken
 * input), money amounts, voucher day totals and the voucher export parsed back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "poe-core.h"

static void
test_escape (void)
{
  static const struct {
    const char *field;
    const char *expected;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { NULL, "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r\nlf", "\"cr\r\nlf\"" },
    { "Pérez Briceño", "Pérez Briceño" },
    { "Ørsted, Ålborg", "\"Ørsted, Ålborg\"" },
    { " spaced ", " spaced " },
    { "bad\xff" "utf8", "bad\xef\xbf\xbdutf8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = poe_csv_escape_field (cases[i].field);

      g_test_message ("case %u", i);
      g_assert_cmpstr (escaped, ==, cases[i].expected);
    }
}

static void
test_writer_rows (void)
{
  g_autoptr(PoeCsvWriter) writer = poe_csv_writer_new ();
  const char *first[] = { "a", "b,c", NULL };
  const char *second[] = { NULL, "x", NULL };

  poe_csv_writer_add_row (writer, first, -1);
  /* NULL fields are empty when the length is given. */
  poe_csv_writer_add_row (writer, second, 3);
  poe_csv_writer_add_row (writer, NULL, 0);

  g_assert_cmpstr (poe_csv_writer_peek (writer), ==, "a,\"b,c\"\r\n,x,\r\n\r\n");
}

static void
test_parse (void)
{
  static const struct {
    const char *text;
    const char *expected;  /* rows joined by "|", fields by "^" */
    int code;              /* -1: parses */
  } cases[] = {
    { "", "", -1 },
    { "a,b\r\nc,d\r\n", "a^b|c^d", -1 },
    { "a,b\nc,d", "a^b|c^d", -1 },
    { "a,,\r\n", "a^^", -1 },
    { ",\r\n", "^", -1 },
    { "\"a,b\",\"c\"\"d\"\r\n", "a,b^c\"d", -1 },
    { "\"line\r\nbreak\",x\r\n", "line\r\nbreak^x", -1 },
    { "\"\"\r\n", "", -1 },
    { "\xef\xbb\xbfhead,er\r\n", "head^er", -1 },
    { "Nsimire,Kabila\r\n", "Nsimire^Kabila", -1 },
    { "\"Tesfamariam, Selam\",ቅድሚያ\r\n", "Tesfamariam, Selam^ቅድሚያ", -1 },
    { "a\"b,c\r\n", NULL, POE_CSV_ERROR_BAD_QUOTE },
    { "\"a\"b,c\r\n", NULL, POE_CSV_ERROR_BAD_QUOTE },
    { "\"open,c\r\n", NULL, POE_CSV_ERROR_UNTERMINATED },
    { "a,\xff\r\n", NULL, POE_CSV_ERROR_INVALID_UTF8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = poe_csv_parse (cases[i].text, -1, &error);
      g_autoptr(GString) joined = g_string_new (NULL);

      g_test_message ("case %u", i);
      if (cases[i].code >= 0)
        {
          g_assert_error (error, POE_CSV_ERROR, cases[i].code);
          g_assert_null (rows);
          continue;
        }

      g_assert_no_error (error);
      if (*cases[i].text == '\0')
        g_assert_cmpuint (rows->len, ==, 0);
      for (guint r = 0; r < rows->len; r++)
        {
          g_autofree char *row = g_strjoinv ("^", g_ptr_array_index (rows, r));

          if (r > 0)
            g_string_append_c (joined, '|');
          g_string_append (joined, row);
        }
      g_assert_cmpstr (joined->str, ==, cases[i].expected);
    }
}

static void
test_round_trip (void)
{
  static const char * const rows[][4] = {
    { "plain", "with,comma", "with \"quote\"", "multi\nline" },
    { "Jean-Paul Mutombo", "Pérez, Yusmary", "“curly”", "CR\rLF\r\n" },
    { "", "", "", "" },
    { "ሰላም", "Ölçek", "日本", "=SUM(A1)" },
  };
  g_autoptr(PoeCsvWriter) writer = poe_csv_writer_new ();
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    poe_csv_writer_add_row (writer, rows[i], G_N_ELEMENTS (rows[i]));

  bytes = poe_csv_writer_free_to_bytes (g_steal_pointer (&writer));
  text = g_bytes_get_data (bytes, &size);
  parsed = poe_csv_parse (text, size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, G_N_ELEMENTS (rows));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      char **fields = g_ptr_array_index (parsed, i);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpstr (fields[j], ==, rows[i][j]);
    }
}

static void
test_amount (void)
{
  static const struct {
    const char *text;
    gint64 cents;      /* -1: refused */
    const char *formatted;
  } cases[] = {
    { "125", 12500, "125.00" },
    { "125.5", 12550, "125.50" },
    { "125.50", 12550, "125.50" },
    { " 0.05 ", 5, "0.05" },
    { "0", 0, "0.00" },
    { "12.505", -1 },
    { "-3", -1 },
    { "1,50", -1 },
    { "", -1 },
    { ".5", -1 },
    { "12.", 1200, "12.00" },
    { "abc", -1 },
    { "99999999999999999999", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;
      gboolean ok = poe_amount_parse (cases[i].text, &cents, &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      if (cases[i].cents < 0)
        {
          g_assert_false (ok);
          g_assert_error (error, POE_CSV_ERROR, POE_CSV_ERROR_AMOUNT);
        }
      else
        {
          g_autofree char *formatted = poe_amount_format (cents);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (cents, ==, cases[i].cents);
          g_assert_cmpstr (formatted, ==, cases[i].formatted);
        }
    }
}

static PoeRecord *
new_voucher (const char *case_id,
             const char *kind,
             const char *amount,
             const char *currency,
             const char *at,
             const char *issued_to)
{
  PoeRecord *voucher = poe_record_new ("voucher");
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *serial = g_strdup_printf ("S-%.8s", id);

  poe_record_set_id (voucher, id);
  poe_record_set_string (voucher, "case_id", case_id);
  poe_record_set_string (voucher, "kind", kind);
  poe_record_set_string (voucher, "serial", serial);
  poe_record_set_string (voucher, "amount", amount);
  poe_record_set_string (voucher, "currency", currency);
  poe_record_set_string (voucher, "at", at);
  poe_record_set_string (voucher, "issued_to", issued_to);

  return voucher;
}

static void
test_totals (void)
{
  static const struct {
    const char *kind, *amount, *currency, *at;
  } vouchers[] = {
    { "meal", "12.50", "USD", "2026-11-24T15:00:00Z" },
    { "meal", "7.5", "USD", "2026-11-24T16:00:00Z" },
    { "hotel", "129.00", "USD", "2026-11-24T20:00:00Z" },
    { "meal", "10", "EUR", "2026-11-24T21:00:00Z" },
    /* 23:30 in New York is the 24th; 05:30Z on the 25th is still the 24th there. */
    { "ground_transport", "45.00", "USD", "2026-11-25T04:30:00Z" },
    /* 10:00 on the 25th in New York: another day. */
    { "meal", "9.00", "USD", "2026-11-25T15:00:00Z" },
  };
  static const struct {
    const char *day, *kind, *currency;
    gint64 cents;
    guint count;
  } expected[] = {
    { "2026-11-24", "ground_transport", "USD", 4500, 1 },
    { "2026-11-24", "hotel", "USD", 12900, 1 },
    { "2026-11-24", "meal", "EUR", 1000, 1 },
    { "2026-11-24", "meal", "USD", 2000, 2 },
    { "2026-11-25", "meal", "USD", 900, 1 },
  };
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GPtrArray) totals = NULL;

  g_assert_nonnull (zone);
  for (guint i = 0; i < G_N_ELEMENTS (vouchers); i++)
    g_ptr_array_add (records, new_voucher ("c", vouchers[i].kind, vouchers[i].amount, vouchers[i].currency,
                                           vouchers[i].at, "X"));

  totals = poe_voucher_totals (records, zone);
  g_assert_cmpuint (totals->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PoeVoucherTotal *total = g_ptr_array_index (totals, i);

      g_test_message ("total %u", i);
      g_assert_cmpstr (total->day, ==, expected[i].day);
      g_assert_cmpstr (total->kind, ==, expected[i].kind);
      g_assert_cmpstr (total->currency, ==, expected[i].currency);
      g_assert_cmpint (total->cents, ==, expected[i].cents);
      g_assert_cmpuint (total->count, ==, expected[i].count);
    }
}

static void
test_issued_to (void)
{
  static const struct {
    const char *name;
    const char *initials;
  } cases[] = {
    { "Ahmad Rahimi", "A. R." },
    { "Jean-Paul Mutombo", "J. M." },
    { "Yusmary Pérez", "Y. P." },
    { "élodie ørsted", "É. Ø." },
    { "  ", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PoeRecord) voucher = new_voucher ("c", "meal", "1", "USD", "2026-11-24T15:00:00Z", cases[i].name);
      g_autofree char *hidden = poe_voucher_dup_issued_to (voucher, FALSE);
      g_autofree char *shown = poe_voucher_dup_issued_to (voucher, TRUE);

      g_assert_cmpstr (hidden, ==, cases[i].initials);
      g_assert_cmpstr (shown, ==, cases[i].name ? cases[i].name : "");
    }
}

static PoeRecord *
import_new (PoeStore   *store,
            const char *entity,
            ...)
{
  g_autoptr(PoeRecord) record = poe_record_new (entity);
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GError) error = NULL;
  const char *field;
  va_list args;

  poe_record_set_id (record, id);
  va_start (args, entity);
  while ((field = va_arg (args, const char *)) != NULL)
    poe_record_set_string (record, field, va_arg (args, const char *));
  va_end (args);

  g_assert_true (poe_store_import (store, record, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(PoeStore) store = poe_store_open (path, &error);
  g_autoptr(PoeRecord) staff = import_new (store, "staff", "username", "agent", "display_name",
                                           "Agent “Ana”, Desk 2", "role", "agent", "poe", "JFK", NULL);
  g_autoptr(PoeRecord) kase = import_new (store, "case", "case_number", "US-2026-900001", "poe", "JFK",
                                          "branch", "overnight", "sensitivity", "none", "status",
                                          "in_progress", NULL);
  g_autoptr(GPtrArray) vouchers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  static const char * const names[] = { "Pérez, Yusmary", "Sahra \"Sara\" Farah", "Line\nBreak", "=cmd" };
  gsize size;
  const char *text;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PoeRecord *voucher = new_voucher (poe_record_get_id (kase), "meal", "12.5", "USD",
                                        "2026-11-24T15:00:00Z", names[i]);

      poe_record_set_string (voucher, "issued_by", poe_record_get_id (staff));
      g_ptr_array_add (vouchers, voucher);
    }

  for (guint reveal = 0; reveal < 2; reveal++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&rows, g_ptr_array_unref);
      bytes = poe_voucher_export_csv (store, vouchers, zone, reveal, &error);
      g_assert_no_error (error);
      text = g_bytes_get_data (bytes, &size);
      rows = poe_csv_parse (text, size, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 1 + vouchers->len);
      g_assert_cmpstr (((char **) rows->pdata[0])[0], ==, "date");
      g_assert_cmpstr (((char **) rows->pdata[0])[6], ==, "issued_to");

      for (guint i = 0; i < vouchers->len; i++)
        {
          char **row = g_ptr_array_index (rows, i + 1);
          PoeRecord *voucher = g_ptr_array_index (vouchers, i);
          g_autofree char *to = poe_voucher_dup_issued_to (voucher, reveal);
          g_autofree char *safe_to = to[0] == '=' ? g_strconcat ("'", to, NULL) : g_strdup (to);

          g_assert_cmpuint (g_strv_length (row), ==, 8);
          g_assert_cmpstr (row[0], ==, "2026-11-24");
          g_assert_cmpstr (row[1], ==, "US-2026-900001");
          g_assert_cmpstr (row[2], ==, "meal");
          g_assert_cmpstr (row[3], ==, poe_record_get_string (voucher, "serial"));
          g_assert_cmpstr (row[4], ==, "12.50");
          g_assert_cmpstr (row[5], ==, "USD");
          g_assert_cmpstr (row[6], ==, safe_to);
          g_assert_cmpstr (row[7], ==, "Agent “Ana”, Desk 2");
          if (!reveal)
            g_assert_null (strstr (text, "Yusmary"));
        }
    }
  g_assert_nonnull (strstr (text, "\"Pérez, Yusmary\""));

  g_assert_finalize_object (g_steal_pointer (&store));
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/escape", test_escape);
  g_test_add_func ("/core/csv/writer-rows", test_writer_rows);
  g_test_add_func ("/core/csv/parse", test_parse);
  g_test_add_func ("/core/csv/round-trip", test_round_trip);
  g_test_add_func ("/core/csv/amount", test_amount);
  g_test_add_func ("/core/csv/voucher-totals", test_totals);
  g_test_add_func ("/core/csv/voucher-issued-to", test_issued_to);
  g_test_add_func ("/core/csv/voucher-export", test_export);

  return g_test_run ();
}
