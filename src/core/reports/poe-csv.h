/* poe-csv.h
 *
 * A small RFC 4180 CSV writer (CRLF rows; fields with commas, quotes or line breaks are
 * quoted, quotes doubled; UTF-8) and a strict reader for tests and imports. Then the
 * voucher side of invoice reconciliation: money amounts, day totals per kind and
 * currency, and the CSV export of a day's vouchers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

#define POE_CSV_ERROR (poe_csv_error_quark ())

typedef enum
{
  POE_CSV_ERROR_INVALID_UTF8,   /* the text is not UTF-8 */
  POE_CSV_ERROR_BAD_QUOTE,      /* a quote inside an unquoted field, or text after a closing quote */
  POE_CSV_ERROR_UNTERMINATED,   /* a quoted field runs to the end of the text */
  POE_CSV_ERROR_AMOUNT,         /* not an amount of money */
} PoeCsvError;

typedef struct _PoeCsvWriter PoeCsvWriter;

/* The vouchers of one local day, one kind and one currency. */
typedef struct
{
  char   *day;       /* "2026-11-24", at the POE */
  char   *kind;      /* voucher kind */
  char   *currency;  /* ISO 4217 */
  gint64  cents;     /* total in hundredths */
  guint   count;
} PoeVoucherTotal;

GQuark           poe_csv_error_quark            (void);

PoeCsvWriter    *poe_csv_writer_new             (void);
void             poe_csv_writer_add_row         (PoeCsvWriter        *self,
                                                 const char * const  *fields,
                                                 gssize               n_fields);
const char      *poe_csv_writer_peek            (PoeCsvWriter        *self);
GBytes          *poe_csv_writer_free_to_bytes   (PoeCsvWriter        *self);
void             poe_csv_writer_free            (PoeCsvWriter        *self);
char            *poe_csv_escape_field           (const char          *field);
GPtrArray       *poe_csv_parse                  (const char          *text,
                                                 gssize               length,
                                                 GError             **error);

gboolean         poe_amount_parse               (const char          *text,
                                                 gint64              *cents,
                                                 GError             **error);
char            *poe_amount_format              (gint64               cents);

char            *poe_name_dup_initials          (const char          *name);

void             poe_voucher_total_free         (PoeVoucherTotal     *total);
char            *poe_voucher_dup_day            (PoeRecord           *voucher,
                                                 GTimeZone           *zone);
GPtrArray       *poe_voucher_list_for_day       (PoeStore            *store,
                                                 const char          *day,
                                                 GTimeZone           *zone,
                                                 GError             **error);
GPtrArray       *poe_voucher_totals             (GPtrArray           *vouchers,
                                                 GTimeZone           *zone);
char            *poe_voucher_dup_issued_to      (PoeRecord           *voucher,
                                                 gboolean             reveal_names);
GBytes          *poe_voucher_export_csv         (PoeStore            *store,
                                                 GPtrArray           *vouchers,
                                                 GTimeZone           *zone,
                                                 gboolean             reveal_names,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeCsvWriter, poe_csv_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeVoucherTotal, poe_voucher_total_free)

G_END_DECLS
