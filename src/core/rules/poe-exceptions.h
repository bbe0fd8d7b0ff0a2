/* poe-exceptions.h
 *
 * The exception path of a case (the 2 a.m. path): a missed connection, proposed once the
 * onward departure has passed without the family boarding; a rebooking, a new onward
 * segment that replaces the old one (kept, with `replaced_by`, for the history); a switch of
 * branch (connect, overnight, final) with its reason; the overnight stay (hotel, rooms per
 * group of members, meal orders with the IATA special-meal codes, next-morning pickup, each
 * linked to its voucher) and ground transport. Each write is one store transaction (rows,
 * outbox mutations, audit rows) and the first three leave a `case_event` in the history.
 * Checks come before writes and say in words what is wrong, so a form can keep its input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

/* The step that says the family boarded its onward flight. */
#define POE_STEP_ONWARD_BOARDED "onward.departure_confirmed"

#define POE_EXCEPTION_ERROR (poe_exception_error_quark ())

typedef enum
{
  POE_EXCEPTION_ERROR_INVALID,      /* a field is missing or wrong; the message says which */
  POE_EXCEPTION_ERROR_NO_ONWARD,    /* there is no onward segment to miss or replace */
  POE_EXCEPTION_ERROR_NO_REASON,    /* a switch of branch without a reason */
  POE_EXCEPTION_ERROR_SAME_BRANCH,  /* switching to the branch the case is on */
} PoeExceptionError;

/* A new onward flight; times are instants (the form reads them in the POE's zone). */
typedef struct
{
  const char *carrier;
  const char *number;
  const char *destination;
  GDateTime  *departure;
  GDateTime  *arrival;       /* nullable */
  const char *booking_ref;   /* nullable */
  const char *seats;         /* nullable */
  const char *note;          /* nullable: why, for the history */
} PoeRebooking;

GQuark              poe_exception_error_quark       (void);

/* Missed connection, rebooking, branch */
GDateTime          *poe_exception_onward_departure  (PoeRecord           *segment);
gboolean            poe_exception_missed_is_due     (PoeRecord           *kase,
                                                     PoeRecord           *onward,
                                                     GHashTable          *state,
                                                     GDateTime           *now);
gboolean            poe_exception_record_missed     (PoeStore            *store,
                                                     PoeRecord           *kase,
                                                     PoeRecord           *segment,
                                                     const char          *note,
                                                     GDateTime           *now,
                                                     GError             **error);
gboolean            poe_exception_check_rebooking   (const PoeRebooking  *rebooking,
                                                     GDateTime           *now,
                                                     GError             **error);
PoeRecord          *poe_exception_rebook            (PoeStore            *store,
                                                     PoeRecord           *kase,
                                                     PoeRecord           *old_segment,
                                                     const PoeRebooking  *rebooking,
                                                     GDateTime           *now,
                                                     GError             **error);
gboolean            poe_exception_switch_branch     (PoeStore            *store,
                                                     PoeRecord           *kase,
                                                     const char          *branch,
                                                     const char          *reason,
                                                     GDateTime           *now,
                                                     GError             **error);
GPtrArray          *poe_exception_list_history      (PoeStore            *store,
                                                     const char          *case_id,
                                                     GError             **error);
GDateTime          *poe_exception_parse_time        (const char          *text,
                                                     GTimeZone           *zone);

/* Overnight stay and ground transport (poe-overnight.c) */
const char * const *poe_meal_codes                  (void);
const char         *poe_meal_code_describe          (const char          *code);
char              **poe_overnight_dup_room_labels   (PoeRecord           *stay);
char              **poe_overnight_dup_room_members  (PoeRecord           *stay,
                                                     const char          *room);
char               *poe_overnight_dup_room_of       (PoeRecord           *stay,
                                                     const char          *person_id);
char               *poe_overnight_dup_meal_of       (PoeRecord           *stay,
                                                     const char          *person_id);
void                poe_overnight_set_rooms         (PoeRecord           *stay,
                                                     const char * const  *person_ids,
                                                     const char * const  *rooms);
void                poe_overnight_set_meals         (PoeRecord           *stay,
                                                     const char * const  *person_ids,
                                                     const char * const  *codes);
gboolean            poe_overnight_check             (PoeRecord           *stay,
                                                     GPtrArray           *persons,
                                                     GPtrArray           *vouchers,
                                                     GError             **error);
gboolean            poe_overnight_save              (PoeStore            *store,
                                                     PoeRecord           *stay,
                                                     GError             **error);
gboolean            poe_ground_transport_check      (PoeRecord           *transport,
                                                     GPtrArray           *vouchers,
                                                     GError             **error);
gboolean            poe_ground_transport_save       (PoeStore            *store,
                                                     PoeRecord           *transport,
                                                     GError             **error);

G_END_DECLS
