/* poe-central-demo.c
 *
 * --demo: the five demo users, a synthetic day from poe_demo_generate() around now, and a
 * simulated flight feed. The feed is a GLib timeout; each tick moves the simulated clock on
 * by the tick times --clock-speed and writes what changed (estimates, delays, a gate change,
 * a cancellation, landings and gate arrivals) as server changes, which wake the long polls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include <sodium.h>

#include "poe-central-demo.h"
#include "poe-demo.h"

#define TICK_MS_NORMAL  5000
#define TICK_MS_MIN     100
#define MINUTE          ((gint64) 60 * G_USEC_PER_SEC)

typedef struct
{
  char    *id;
  gint     delay_minutes;  /* a delay announced two hours out; 0: none */
  gboolean gate_change;
  gboolean cancel;
  gboolean planned_done;
} FlightPlan;

typedef struct
{
  PoeServer *server;
  GArray    *plans;
  GRand     *rand;
  gint64     sim_now;      /* µs since the epoch, simulated */
  gint64     tick_us;      /* simulated µs a tick */
  guint      timeout_id;
} Feed;

static Feed *feed;


/*
 * Auxiliary methods
 */

static void
flight_plan_clear (FlightPlan *plan)
{
  g_free (plan->id);
}

static gint64
time_field (PoeRecord  *flight,
            const char *field)
{
  g_autoptr(GDateTime) time = poe_record_dup_time (flight, field);

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : 0;
}

static void
set_time_field (PoeRecord  *flight,
                const char *field,
                gint64      usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  poe_record_set_time (flight, field, time);
}

static gboolean
status_is (PoeRecord  *flight,
           const char *status)
{
  return g_strcmp0 (poe_record_get_string (flight, "status"), status) == 0;
}

static gboolean
set_status (PoeRecord  *flight,
            const char *status)
{
  if (status_is (flight, status))
    return FALSE;

  poe_record_set_string (flight, "status", status);

  return TRUE;
}

static gboolean
apply_plan (Feed       *self,
            FlightPlan *plan,
            PoeRecord  *flight,
            gint64      scheduled,
            gint64      estimated)
{
  if (plan->planned_done)
    return FALSE;

  if (plan->cancel && self->sim_now >= scheduled - 90 * MINUTE)
    {
      plan->planned_done = TRUE;
      return set_status (flight, "cancelled");
    }

  if (plan->delay_minutes > 0 && self->sim_now >= scheduled - 120 * MINUTE)
    {
      plan->planned_done = TRUE;
      set_time_field (flight, "estimated_arrival", estimated + plan->delay_minutes * MINUTE);
      set_status (flight, "delayed");
      return TRUE;
    }

  if (plan->gate_change && self->sim_now >= estimated - 30 * MINUTE)
    {
      g_autofree char *gate = g_strdup_printf ("B%d", g_rand_int_range (self->rand, 1, 40));

      plan->planned_done = TRUE;
      poe_record_set_string (flight, "gate", gate);
      return TRUE;
    }

  return FALSE;
}

/* Returns whether @flight changed. */
static gboolean
advance_flight (Feed       *self,
                FlightPlan *plan,
                PoeRecord  *flight)
{
  gint64 scheduled = time_field (flight, "scheduled_arrival");
  gint64 estimated = time_field (flight, "estimated_arrival");
  gint64 actual = time_field (flight, "actual_arrival");
  gboolean changed;

  if (status_is (flight, "cancelled") || status_is (flight, "arrived") || status_is (flight, "diverted"))
    return FALSE;

  estimated = estimated != 0 ? estimated : scheduled;
  changed = apply_plan (self, plan, flight, scheduled, estimated);
  estimated = time_field (flight, "estimated_arrival");
  estimated = estimated != 0 ? estimated : scheduled;
  if (status_is (flight, "cancelled"))
    return changed;

  if (status_is (flight, "landed"))
    return (self->sim_now >= actual + 12 * MINUTE && set_status (flight, "arrived")) || changed;

  if (self->sim_now >= estimated)
    {
      set_time_field (flight, "actual_arrival", estimated);
      return set_status (flight, "landed") || TRUE;
    }

  if (status_is (flight, "scheduled") && self->sim_now >= scheduled - 180 * MINUTE)
    changed = set_status (flight, "en_route") || changed;

  if (self->sim_now < estimated - 20 * MINUTE && g_rand_int_range (self->rand, 0, 20) == 0)
    {
      set_time_field (flight, "estimated_arrival",
                      estimated + g_rand_int_range (self->rand, -4, 5) * MINUTE);
      changed = TRUE;
    }

  return changed;
}

static void
plan_flights (Feed      *self,
              GPtrArray *records)
{
  gboolean gate_done = FALSE;
  gboolean cancel_done = FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);
      FlightPlan plan = { 0 };
      gint64 scheduled;

      if (!g_str_equal (poe_record_get_entity_name (record), "flight"))
        continue;

      scheduled = time_field (record, "scheduled_arrival");
      plan.id = g_strdup (poe_record_get_id (record));
      if (!cancel_done && scheduled > self->sim_now + 100 * MINUTE)
        plan.cancel = cancel_done = TRUE;
      else if (!gate_done && scheduled > self->sim_now + 40 * MINUTE &&
               poe_record_get_string (record, "gate") != NULL)
        plan.gate_change = gate_done = TRUE;
      else if (g_rand_int_range (self->rand, 0, 5) == 0)
        plan.delay_minutes = g_rand_int_range (self->rand, 20, 95);

      g_array_append_val (self->plans, plan);
    }
}

static gboolean
find_demo_staff (PoeBackend *backend,
                 const char *username,
                 PoeRecord **staff)
{
  g_autoptr(GPtrArray) found = NULL;

  found = backend->ops->record_find (backend, poe_schema_lookup_entity ("staff"), "username", username);
  *staff = found->len > 0 ? g_object_ref (g_ptr_array_index (found, 0)) : NULL;

  return *staff != NULL;
}

static gboolean
add_demo_users (PoeServer   *server,
                const char  *password,
                GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  const char * const *usernames = poe_demo_staff_usernames ();

  for (guint i = 0; usernames[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) staff = NULL;
      const char *role = "agent";
      const char *poe = "JFK";

      if (find_demo_staff (backend, usernames[i], &staff))
        {
          role = poe_record_get_string (staff, "role");
          poe = poe_record_get_string (staff, "poe");
        }
      else if (g_str_has_prefix (usernames[i], "agent"))
        role = "agent";
      else
        role = usernames[i];

      if (!poe_central_add_user (server, usernames[i], role, poe, password, error))
        return FALSE;
    }

  return TRUE;
}


/*
 * Callbacks
 */

static gboolean
feed_tick_cb (gpointer user_data)
{
  Feed *self = user_data;
  PoeBackend *backend = poe_server_get_backend (self->server);
  const PoeEntityInfo *entity = poe_schema_lookup_entity ("flight");
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  self->sim_now += self->tick_us;
  for (guint i = 0; i < self->plans->len; i++)
    {
      FlightPlan *plan = &g_array_index (self->plans, FlightPlan, i);
      g_autoptr(PoeRecord) flight = backend->ops->record_get (backend, entity, plan->id, NULL);

      if (flight != NULL && !poe_record_get_deleted (flight) && advance_flight (self, plan, flight))
        g_ptr_array_add (changed, g_steal_pointer (&flight));
    }

  if (changed->len > 0 && !poe_server_put_system (self->server, changed, &error))
    g_warning ("Flight feed: %s", error->message);
  else if (changed->len > 0)
    g_debug ("Flight feed: %u flights changed", changed->len);

  return G_SOURCE_CONTINUE;
}


/*
 * Public API
 */

char *
poe_central_demo_password_new (void)
{
  guchar bytes[9];
  char text[sodium_base64_ENCODED_LEN (9, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  poe_password_init ();
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);

  return g_strdup (text);
}

/**
 * poe_central_demo_seed:
 *
 * Writes the synthetic day (once per database) and the five demo users with @password.
 */
gboolean
poe_central_demo_seed (PoeServer   *server,
                       const char  *password,
                       GError     **error)
{
  PoeBackend *backend = poe_server_get_backend (server);
  g_autoptr(PoeRecord) admin = NULL;
  g_autoptr(GPtrArray) records = NULL;
  PoeDemoOptions options;

  g_return_val_if_fail (feed == NULL, FALSE);

  feed = g_new0 (Feed, 1);
  feed->server = g_object_ref (server);
  feed->plans = g_array_new (FALSE, TRUE, sizeof (FlightPlan));
  g_array_set_clear_func (feed->plans, (GDestroyNotify) flight_plan_clear);
  feed->rand = g_rand_new_with_seed (20261124);
  feed->sim_now = g_get_real_time ();

  poe_demo_options_init (&options);
  options.with_staff = TRUE;
  if (!find_demo_staff (backend, "admin", &admin))
    {
      records = poe_demo_generate_all (&options, error);
      if (records == NULL || !poe_server_put_system (server, records, error))
        return FALSE;
      plan_flights (feed, records);
    }

  return add_demo_users (server, password, error);
}

void
poe_central_demo_feed_start (PoeServer *server,
                             double     clock_speed)
{
  guint interval = MAX ((guint) (TICK_MS_NORMAL / clock_speed), TICK_MS_MIN);

  g_return_if_fail (feed != NULL);

  feed->tick_us = (gint64) (interval * 1000.0 * clock_speed);
  feed->timeout_id = g_timeout_add (interval, feed_tick_cb, feed);
}

void
poe_central_demo_feed_stop (void)
{
  if (feed == NULL)
    return;

  g_clear_handle_id (&feed->timeout_id, g_source_remove);
  g_clear_pointer (&feed->plans, g_array_unref);
  g_clear_pointer (&feed->rand, g_rand_free);
  g_clear_object (&feed->server);
  g_clear_pointer (&feed, g_free);
}
