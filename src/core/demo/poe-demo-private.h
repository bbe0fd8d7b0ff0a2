/* poe-demo-private.h
 *
 * The demo generator is split by concern: poe-demo.c makes the port, its staff and roster,
 * the flights of the day and runs the generator; poe-demo-family.c makes one family with
 * its persons, onward segments and the checklist events of how far it got. This header is
 * what they share: the generator's state, the flight a family arrives on, the seeded
 * random choices and the making and handing out of records. Not for users of poe-demo.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-demo.h"

G_BEGIN_DECLS

typedef struct
{
  const char *code;
  const char *name;
  const char *time_zone;
  const char *city;
} DemoPoe;

typedef struct
{
  const PoeDemoOptions *options;
  PoeDemoEmitFunc       emit;
  gpointer              user_data;
  GRand                *rand;
  GDateTime            *now;
  GDateTime            *day_start;
  const DemoPoe        *poe;
  char                 *staff_ids[5];
  guint                 case_serial;
  guint                 a_serial;
} DemoContext;

typedef struct
{
  PoeRecord  *flight;
  GDateTime  *arrival;       /* actual, else estimated, else scheduled */
  gboolean    landed_long_ago;
  gboolean    landed;
} FlightState;

/* Seeded random choices: the same seed gives the same day. */

static inline guint
pick_n (GRand    *rand,
        const char * const *list)
{
  return g_rand_int_range (rand, 0, (gint32) g_strv_length ((char **) list));
}

static inline const char *
pick (GRand              *rand,
      const char * const *list)
{
  return list[pick_n (rand, list)];
}

static inline gboolean
chance (GRand  *rand,
        double  probability)
{
  return g_rand_double (rand) < probability;
}

static inline GDateTime *
add_minutes (GDateTime *time,
             gint64     minutes)
{
  return g_date_time_add_seconds (time, (double) (minutes * 60));
}

/* poe-demo.c */
PoeRecord  *_poe_demo_record       (DemoContext        *ctx,
                                    const char         *entity);
gboolean    _poe_demo_emit         (DemoContext        *ctx,
                                    PoeRecord          *record,
                                    GError            **error);

/* poe-demo-family.c */
gboolean    _poe_demo_emit_family  (DemoContext        *ctx,
                                    const FlightState  *state,
                                    GError            **error);

G_END_DECLS
