/* poe-demo.c
 *
 * A synthetic day at a US port of entry. Names are drawn from short lists of given names and
 * surnames common in today's resettlement caseload and combined at random, so every person
 * is made up; case numbers, A-numbers and phone numbers use ranges no real record has.
 *
 * This file makes the port, its staff and their roster, and the flights of the day, and
 * hands each flight's families to poe-demo-family.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-demo"

#include "config.h"

#include <string.h>

#include "poe-demo.h"
#include "poe-demo-private.h"

typedef struct
{
  const char *carrier;
  const char *origin;
  guint       first_number;
} DemoRoute;

static const DemoPoe poes[] = {
  { "JFK", "New York John F. Kennedy", "America/New_York", "New York, NY" },
  { "IAD", "Washington Dulles", "America/New_York", "Washington, DC" },
  { "ORD", "Chicago O'Hare", "America/Chicago", "Chicago, IL" },
  { "LAX", "Los Angeles", "America/Los_Angeles", "Los Angeles, CA" },
  { "SFO", "San Francisco", "America/Los_Angeles", "San Francisco, CA" },
  { "IAH", "Houston George Bush", "America/Chicago", "Houston, TX" },
  { "EWR", "Newark Liberty", "America/New_York", "Newark, NJ" },
  { "ATL", "Atlanta Hartsfield-Jackson", "America/New_York", "Atlanta, GA" },
  { "SEA", "Seattle-Tacoma", "America/Los_Angeles", "Seattle, WA" },
  { "DFW", "Dallas/Fort Worth", "America/Chicago", "Dallas, TX" },
};

static const DemoRoute routes[] = {
  { "QR", "DOH", 701 }, { "EK", "DXB", 201 }, { "TK", "IST", 1 }, { "LH", "FRA", 400 },
  { "AF", "CDG", 6 }, { "KL", "AMS", 641 }, { "ET", "ADD", 500 }, { "BA", "LHR", 112 },
  { "MS", "CAI", 985 }, { "EY", "AUH", 101 }, { "LX", "ZRH", 14 }, { "OS", "VIE", 87 },
};

static const char * const staff_usernames[] = { "agent", "agent2", "lead", "supervisor", "admin", NULL };
static const char * const staff_roles[] = { "agent", "agent", "lead", "supervisor", "admin" };
static const char * const staff_names[] = {
  "Demo Agent Avery", "Demo Agent Blake", "Demo Lead Casey", "Demo Supervisor Devon", "Demo Admin Emery"
};

/* The rest of the day's team: rostered agents without a demo login, so that the roster is
 * the size a port receiving the demo's arrivals has (the staffing forecast reads it). */
static const char * const team_names[] = {
  "Demo Agent Finley", "Demo Agent Gray", "Demo Agent Harper", "Demo Agent Indigo", "Demo Agent Jules",
  "Demo Agent Kai", "Demo Agent Lane", "Demo Agent Morgan", "Demo Agent Noel", "Demo Agent Oakley",
  "Demo Agent Peyton", "Demo Agent Quinn", "Demo Agent Reese",
};


/*
 * Auxiliary methods
 */

/* A version-4 UUID from the seeded generator: the same seed gives the same ids. */
static char *
demo_uuid (GRand *rand)
{
  guint8 bytes[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 word = g_rand_int (rand);
      memcpy (bytes + i, &word, 4);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

static const DemoPoe *
lookup_poe (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (poes); i++)
    if (code != NULL && g_str_equal (poes[i].code, code))
      return &poes[i];
  return &poes[0];
}

/* Records: the port and its staff */

static gboolean
emit_poe (DemoContext  *ctx,
          GError      **error)
{
  g_autoptr(PoeRecord) record = _poe_demo_record (ctx, "poe");

  poe_record_set_string (record, "code", ctx->poe->code);
  poe_record_set_string (record, "name", ctx->poe->name);
  poe_record_set_string (record, "time_zone", ctx->poe->time_zone);
  return _poe_demo_emit (ctx, record, error);
}

static gboolean
emit_staff (DemoContext  *ctx,
            GError      **error)
{
  static const char * const languages[][3] = {
    { "en", "ar", NULL }, { "en", "es", NULL }, { "en", "fr", NULL }, { "en", "prs", NULL },
    { "en", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (staff_roles); i++)
    {
      g_autoptr(PoeRecord) record = _poe_demo_record (ctx, "staff");

      ctx->staff_ids[i] = g_strdup (poe_record_get_id (record));
      poe_record_set_string (record, "username", staff_usernames[i]);
      poe_record_set_string (record, "display_name", staff_names[i]);
      poe_record_set_string (record, "role", staff_roles[i]);
      poe_record_set_string (record, "poe", ctx->poe->code);
      poe_record_set_strv (record, "languages", languages[i]);
      if (!_poe_demo_emit (ctx, record, error))
        return FALSE;
    }

  return TRUE;
}

/* One planned shift, early (06:00–14:30) or late (14:00–22:30), and its clock-in so far. */
static gboolean
emit_shift (DemoContext  *ctx,
            const char   *staff_id,
            const char   *role,
            gboolean      early,
            GError      **error)
{
  g_autoptr(PoeRecord) shift = _poe_demo_record (ctx, "shift");
  g_autoptr(GDateTime) start = add_minutes (ctx->day_start, early ? 6 * 60 : 14 * 60);
  g_autoptr(GDateTime) end = add_minutes (start, 8 * 60 + 30);
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(GDateTime) clock_in = NULL;

  poe_record_set_string (shift, "poe", ctx->poe->code);
  poe_record_set_string (shift, "staff_id", staff_id);
  poe_record_set_time (shift, "planned_start", start);
  poe_record_set_time (shift, "planned_end", end);
  poe_record_set_string (shift, "role", role);
  if (!_poe_demo_emit (ctx, shift, error))
    return FALSE;

  if (g_date_time_compare (start, ctx->now) >= 0)
    return TRUE;

  entry = _poe_demo_record (ctx, "time_entry");
  clock_in = add_minutes (start, g_rand_int_range (ctx->rand, -10, 6));
  poe_record_set_string (entry, "staff_id", staff_id);
  poe_record_set_string (entry, "shift_id", poe_record_get_id (shift));
  poe_record_set_time (entry, "start", clock_in);
  if (g_date_time_compare (end, ctx->now) < 0)
    {
      g_autoptr(GDateTime) clock_out = add_minutes (end, g_rand_int_range (ctx->rand, -5, 20));
      poe_record_set_time (entry, "end", clock_out);
      poe_record_set_int (entry, "break_minutes", 30);
    }
  poe_record_set_string (entry, "state", "draft");
  return _poe_demo_emit (ctx, entry, error);
}

/* Roster: the demo users and the team, nine early and nine late (arrivals spread evenly
 * over 06:00–22:00), with their clock-ins. */
static gboolean
emit_roster (DemoContext  *ctx,
             GError      **error)
{
  static const char * const team_languages[][3] = {
    { "en", "ar", NULL }, { "en", "es", NULL }, { "en", "sw", NULL }, { "en", "ps", NULL },
    { "en", "uk", NULL }, { "en", "so", NULL }, { "en", "fr", NULL }, { "en", "ti", NULL },
    { "en", "prs", NULL }, { "en", "ru", NULL }, { "en", NULL, NULL }, { "en", "my", NULL },
    { "en", NULL, NULL },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (team_languages) == G_N_ELEMENTS (team_names));

  for (guint i = 0; i < G_N_ELEMENTS (staff_roles); i++)
    if (!emit_shift (ctx, ctx->staff_ids[i], staff_roles[i], i % 2 == 0, error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (team_names); i++)
    {
      g_autoptr(PoeRecord) record = _poe_demo_record (ctx, "staff");
      g_autofree char *username = g_strdup_printf ("team%02u", i + 1);

      poe_record_set_string (record, "username", username);
      poe_record_set_string (record, "display_name", team_names[i]);
      poe_record_set_string (record, "role", "agent");
      poe_record_set_string (record, "poe", ctx->poe->code);
      poe_record_set_strv (record, "languages", team_languages[i]);
      if (!_poe_demo_emit (ctx, record, error) ||
          !emit_shift (ctx, poe_record_get_id (record), "agent", i % 2 == 1, error))
        return FALSE;
    }

  return TRUE;
}

/* Records: flights */

static const char *
flight_status_at (GDateTime *arrival,
                  GDateTime *now,
                  gboolean   delayed)
{
  GTimeSpan until = g_date_time_difference (arrival, now) / G_TIME_SPAN_MINUTE;

  if (until < -20)
    return "arrived";
  if (until <= 0)
    return "landed";
  if (until < 8 * 60)
    return delayed ? "delayed" : "en_route";
  return delayed ? "delayed" : "scheduled";
}

static PoeRecord *
make_flight (DemoContext *ctx,
             guint        index,
             guint        n_flights,
             gboolean     cancelled)
{
  const DemoRoute *route = &routes[g_rand_int_range (ctx->rand, 0, G_N_ELEMENTS (routes))];
  PoeRecord *record = _poe_demo_record (ctx, "flight");
  g_autoptr(GDateTime) scheduled = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autofree char *number = NULL;
  g_autofree char *gate = NULL;
  g_autofree char *belt = NULL;
  gint64 minute_of_day;
  gint64 delay = 0;

  /* Long-haul banks: most arrivals between 06:00 and 22:00 local, spread evenly. */
  minute_of_day = 6 * 60 + (gint64) index * 16 * 60 / MAX (n_flights, 1) + g_rand_int_range (ctx->rand, 0, 20);
  minute_of_day -= minute_of_day % 5;
  scheduled = add_minutes (ctx->day_start, minute_of_day);

  /* About one long-haul arrival in six is late, mostly by under an hour; a long delay is
   * the exception of the day, not its rule (it is what makes connections at risk). */
  if (chance (ctx->rand, 0.03))
    delay = g_rand_int_range (ctx->rand, 90, 180);
  else if (chance (ctx->rand, 0.14))
    delay = g_rand_int_range (ctx->rand, 15, 60);
  else
    delay = g_rand_int_range (ctx->rand, -15, 10);
  expected = add_minutes (scheduled, delay);

  number = g_strdup_printf ("%u", route->first_number + index % 40);
  gate = g_strdup_printf ("%c%u", 'A' + g_rand_int_range (ctx->rand, 0, 4), g_rand_int_range (ctx->rand, 1, 40));
  belt = g_strdup_printf ("%u", g_rand_int_range (ctx->rand, 1, 12));

  poe_record_set_string (record, "carrier", route->carrier);
  poe_record_set_string (record, "number", number);
  poe_record_set_string (record, "origin", route->origin);
  poe_record_set_string (record, "destination", ctx->poe->code);
  poe_record_set_time (record, "scheduled_arrival", scheduled);
  poe_record_set_string (record, "gate", gate);
  poe_record_set_string (record, "source", "demo");

  if (cancelled)
    {
      poe_record_set_string (record, "status", "cancelled");
      return record;
    }

  poe_record_set_time (record, "estimated_arrival", expected);
  poe_record_set_string (record, "status", flight_status_at (expected, ctx->now, delay >= 15));
  if (g_date_time_compare (expected, ctx->now) <= 0)
    {
      poe_record_set_time (record, "actual_arrival", expected);
      poe_record_set_string (record, "belt", belt);
    }

  return record;
}

static gboolean
emit_flights (DemoContext  *ctx,
              GError      **error)
{
  const PoeDemoOptions *options = ctx->options;
  guint n_flights = options->n_flights ? options->n_flights : (guint) g_rand_int_range (ctx->rand, 20, 41);
  guint cancelled = options->n_flights ? G_MAXUINT : (guint) g_rand_int_range (ctx->rand, 0, n_flights * 3);
  guint families_done = 0;

  for (guint f = 0; f < n_flights; f++)
    {
      g_autoptr(PoeRecord) flight = make_flight (ctx, f, n_flights, f == cancelled);
      g_autoptr(GDateTime) arrival = NULL;
      FlightState state = { flight, NULL, FALSE, FALSE };
      guint n_families;

      if (!_poe_demo_emit (ctx, flight, error))
        return FALSE;

      if (poe_record_is_set (flight, "actual_arrival"))
        arrival = poe_record_dup_time (flight, "actual_arrival");
      else if (poe_record_is_set (flight, "estimated_arrival"))
        arrival = poe_record_dup_time (flight, "estimated_arrival");
      else
        arrival = poe_record_dup_time (flight, "scheduled_arrival");
      state.arrival = arrival;
      state.landed = poe_record_is_set (flight, "actual_arrival");
      state.landed_long_ago = state.landed && g_date_time_difference (ctx->now, arrival) > 60 * G_TIME_SPAN_MINUTE;

      /* Scale mode spreads exactly n_families over the flights. */
      if (options->n_families)
        n_families = (options->n_families * (f + 1)) / n_flights - families_done;
      else
        n_families = g_rand_int_range (ctx->rand, 1, 6);
      families_done += n_families;

      for (guint i = 0; i < n_families; i++)
        if (!_poe_demo_emit_family (ctx, &state, error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
collect_record (PoeRecord  *record,
                gpointer    user_data,
                GError    **error)
{
  g_ptr_array_add (user_data, g_object_ref (record));
  return TRUE;
}


/*
 * Private API: for poe-demo-family.c
 */

PoeRecord *
_poe_demo_record (DemoContext *ctx,
                  const char  *entity)
{
  PoeRecord *record = poe_record_new (entity);
  g_autofree char *id = demo_uuid (ctx->rand);

  poe_record_set_id (record, id);
  poe_record_set_rev (record, 1);
  return record;
}

gboolean
_poe_demo_emit (DemoContext  *ctx,
                PoeRecord    *record,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!poe_record_validate (record, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "demo %s record does not validate: %s",
                   poe_record_get_entity_name (record), local_error->message);
      return FALSE;
    }

  return ctx->emit (record, ctx->user_data, error);
}


/*
 * Public API
 */

void
poe_demo_options_init (PoeDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seed = 1;
  options->with_staff = TRUE;
}

const char * const *
poe_demo_staff_usernames (void)
{
  return staff_usernames;
}

/**
 * poe_demo_generate:
 *
 * Generates the day and hands each record to @emit. The same options give the same
 * records, ids included.
 */
gboolean
poe_demo_generate (const PoeDemoOptions  *options,
                   PoeDemoEmitFunc        emit_func,
                   gpointer               user_data,
                   GError               **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) now = NULL;
  DemoContext ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (emit_func != NULL, FALSE);

  ctx.options = options;
  ctx.emit = emit_func;
  ctx.user_data = user_data;
  ctx.rand = g_rand_new_with_seed ((guint32) (options->seed ^ (options->seed >> 32)));
  ctx.poe = lookup_poe (options->poe_code);

  /* The day starts at local midnight of the port, whole minutes. */
  now = options->now ? g_date_time_ref (options->now) : g_date_time_new_now_utc ();
  zone = g_time_zone_new_identifier (ctx.poe->time_zone);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local_now = g_date_time_to_timezone (now, zone);
  ctx.now = g_date_time_new (zone, g_date_time_get_year (local_now), g_date_time_get_month (local_now),
                             g_date_time_get_day_of_month (local_now), g_date_time_get_hour (local_now),
                             g_date_time_get_minute (local_now), 0);
  ctx.day_start = g_date_time_new (zone, g_date_time_get_year (local_now), g_date_time_get_month (local_now),
                                   g_date_time_get_day_of_month (local_now), 0, 0, 0);

  ok = emit_poe (&ctx, error) &&
       (!options->with_staff || emit_staff (&ctx, error)) &&
       emit_flights (&ctx, error) &&
       (!options->with_staff || emit_roster (&ctx, error));

  for (guint i = 0; i < G_N_ELEMENTS (ctx.staff_ids); i++)
    g_free (ctx.staff_ids[i]);
  g_date_time_unref (ctx.now);
  g_date_time_unref (ctx.day_start);
  g_rand_free (ctx.rand);
  return ok;
}

GPtrArray *
poe_demo_generate_all (const PoeDemoOptions  *options,
                       GError               **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  if (!poe_demo_generate (options, collect_record, records, error))
    return NULL;

  return g_steal_pointer (&records);
}
