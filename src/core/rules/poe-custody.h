/* poe-custody.h
 *
 * The custody chain of a case, read from its hand-offs: who holds the family, each member
 * and each document now, the trail in order and the hand-offs still waiting for an answer.
 * A hand-off moves custody only once it is completed: accepted by the receiving staff
 * member, or confirmed by the giver for an outside party. Declined ones stay in the trail.
 *
 * Also the rules the app checks before writing: the URM rule (a URM case goes to a
 * foster-care provider whose name, organisation and phone are known, and cannot be closed
 * or marked handed over before that hand-over is completed; any other case is closed only
 * once handed over), and the families still with
 * a staff member near the end of their shift. Which cases a user may see is the server's
 * business: these functions use what the store holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

#define POE_CUSTODY_ERROR (poe_custody_error_quark ())

typedef enum
{
  POE_CUSTODY_ERROR_NO_RECEIVER,       /* the receiving party is not named */
  POE_CUSTODY_ERROR_URM_PROVIDER,      /* a URM provider without name, organisation or phone */
  POE_CUSTODY_ERROR_URM_NOT_HANDED,    /* a URM case closed before its completed hand-over */
  POE_CUSTODY_ERROR_NO_REASON,         /* a decline without a reason */
  POE_CUSTODY_ERROR_NOT_PENDING,       /* answering a hand-off that is no longer pending */
  POE_CUSTODY_ERROR_NOT_ALLOWED,       /* answering a hand-off that is not this user's */
  POE_CUSTODY_ERROR_NOT_HANDED,        /* a case closed before the family was handed over */
} PoeCustodyError;

/* The holder of the family, a member or a document. */
typedef struct
{
  const char *kind;          /* a handoff to_kind, or "reception" before any hand-off */
  const char *name;          /* to_party; NULL for "reception" */
  const char *staff_id;      /* to_staff_id, or NULL */
  const char *organisation;  /* to_organisation, or NULL */
  PoeRecord  *handoff;       /* (nullable): the completed hand-off that gave custody */
} PoeCustodyHolder;

typedef struct _PoeCustody PoeCustody;

GQuark                   poe_custody_error_quark          (void);

PoeCustody              *poe_custody_new                  (PoeRecord          *kase,
                                                           GPtrArray          *handoffs);
PoeCustody              *poe_custody_load                 (PoeStore           *store,
                                                           const char         *case_id,
                                                           GError            **error);
void                     poe_custody_free                 (PoeCustody         *self);

PoeRecord               *poe_custody_get_case             (PoeCustody         *self);
const PoeCustodyHolder  *poe_custody_get_holder           (PoeCustody         *self,
                                                           const char         *person_id);
const PoeCustodyHolder  *poe_custody_get_document_holder  (PoeCustody         *self,
                                                           const char         *document,
                                                           const char         *person_id);
GPtrArray               *poe_custody_get_trail            (PoeCustody         *self);
GPtrArray               *poe_custody_get_pending          (PoeCustody         *self);
gboolean                 poe_custody_is_held_by           (PoeCustody         *self,
                                                           const char         *staff_id);
gboolean                 poe_custody_check_status         (PoeCustody         *self,
                                                           const char         *status,
                                                           GError            **error);

/* Single hand-offs */
const char * const      *poe_handoff_document_kinds       (void);
gboolean                 poe_handoff_is_completed         (PoeRecord          *handoff);
gboolean                 poe_handoff_is_internal          (PoeRecord          *handoff);
gboolean                 poe_handoff_awaits               (PoeRecord          *handoff,
                                                           const char         *staff_id);
gboolean                 poe_handoff_check                (PoeRecord          *kase,
                                                           PoeRecord          *handoff,
                                                           GError            **error);
gboolean                 poe_handoff_accept               (PoeRecord          *handoff,
                                                           const char         *staff_id,
                                                           const char         *display_name,
                                                           GDateTime          *at,
                                                           GError            **error);
gboolean                 poe_handoff_decline              (PoeRecord          *handoff,
                                                           const char         *staff_id,
                                                           const char         *display_name,
                                                           const char         *reason,
                                                           GDateTime          *at,
                                                           GError            **error);
gboolean                 poe_handoff_confirm              (PoeRecord          *handoff,
                                                           const char         *staff_id,
                                                           GDateTime          *at,
                                                           GError            **error);

/* End of shift */
gboolean                 poe_custody_is_near_shift_end    (GDateTime          *now,
                                                           GDateTime          *shift_end,
                                                           GTimeSpan           margin);
GPtrArray               *poe_custody_list_due             (PoeStore           *store,
                                                           const char         *staff_id,
                                                           GDateTime          *now,
                                                           GDateTime          *shift_end,
                                                           GTimeSpan           margin,
                                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeCustody, poe_custody_free)

G_END_DECLS
