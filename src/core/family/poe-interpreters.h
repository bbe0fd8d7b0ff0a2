/* poe-interpreters.h
 *
 * Whether a family can be spoken to by the staff on shift: the family's languages against
 * the languages of the staff whose shift at the family's POE runs now. A family none of whose
 * languages anyone on shift speaks needs an interpreter; otherwise the staff who speak them
 * are named. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-store.h"

G_BEGIN_DECLS

typedef struct
{
  GStrv     languages;  /* the family's, as codes, no repeats, in the members' order */
  GStrv     speakers;   /* staff on shift who speak one: "Demo Lead Casey (Dari)" */
  gboolean  needed;     /* the family has languages and nobody on shift speaks any */
} PoeInterpreterCover;

gboolean poe_interpreter_cover_compute (PoeStore            *store,
                                        GPtrArray           *persons,
                                        const char          *poe,
                                        GDateTime           *now,
                                        PoeInterpreterCover *cover,
                                        GError             **error);
void     poe_interpreter_cover_clear   (PoeInterpreterCover *cover);

G_END_DECLS
