/* poe-feed-demo.c
 *
 * The demo provider: a simulated world of the demo day's flights, answered through the same
 * provider interface as a real feed, so --demo exercises the production path (scheduler,
 * matching, writing). Its clock runs --clock-speed times real time from the moment it is
 * made; each fetch moves every flight on to that clock: estimates wander, a delay is
 * announced two hours out, a gate changes, one flight is cancelled, flights land on their
 * estimate and reach the gate twelve minutes later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-demo.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

typedef struct
{
  PoeRecord *flight;         /* the simulated world's copy */
  gint       delay_minutes;  /* a delay announced two hours out; 0: none */
  gboolean   gate_change;
  gboolean   cancel;
  gboolean   planned_done;
} FlightPlan;

struct _PoeFeedDemo
{
  GObject  parent_instance;

  GArray  *plans;
  GRand   *rand;
  gint64   real_start;
  gint64   sim_start;
  gint64   sim_now;      /* µs since the epoch, simulated */
  double   speed;
};

static void provider_iface_init (PoeFeedProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PoeFeedDemo, poe_feed_demo, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (POE_TYPE_FEED_PROVIDER, provider_iface_init))


/*
 * Auxiliary methods
 */

static void
flight_plan_clear (FlightPlan *plan)
{
  g_clear_object (&plan->flight);
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

static void
apply_plan (PoeFeedDemo *self,
            FlightPlan  *plan,
            gint64       scheduled,
            gint64       estimated)
{
  PoeRecord *flight = plan->flight;

  if (plan->planned_done)
    return;

  if (plan->cancel && self->sim_now >= scheduled - 90 * MINUTE)
    {
      plan->planned_done = TRUE;
      poe_record_set_string (flight, "status", "cancelled");
    }
  else if (plan->delay_minutes > 0 && self->sim_now >= scheduled - 120 * MINUTE)
    {
      plan->planned_done = TRUE;
      set_time_field (flight, "estimated_arrival", estimated + plan->delay_minutes * MINUTE);
      poe_record_set_string (flight, "status", "delayed");
    }
  else if (plan->gate_change && self->sim_now >= estimated - 30 * MINUTE)
    {
      g_autofree char *gate = g_strdup_printf ("B%d", g_rand_int_range (self->rand, 1, 40));

      plan->planned_done = TRUE;
      poe_record_set_string (flight, "gate", gate);
    }
}

static void
advance_flight (PoeFeedDemo *self,
                FlightPlan  *plan)
{
  PoeRecord *flight = plan->flight;
  gint64 scheduled = time_field (flight, "scheduled_arrival");
  gint64 estimated = time_field (flight, "estimated_arrival");
  gint64 actual = time_field (flight, "actual_arrival");

  if (status_is (flight, "cancelled") || status_is (flight, "arrived") || status_is (flight, "diverted"))
    return;

  apply_plan (self, plan, scheduled, estimated != 0 ? estimated : scheduled);
  estimated = time_field (flight, "estimated_arrival");
  estimated = estimated != 0 ? estimated : scheduled;
  if (status_is (flight, "cancelled"))
    return;

  if (status_is (flight, "landed"))
    {
      if (self->sim_now >= actual + 12 * MINUTE)
        {
          set_time_field (flight, "gate_arrival", actual + 12 * MINUTE);
          poe_record_set_string (flight, "status", "arrived");
        }
      return;
    }

  if (self->sim_now >= estimated)
    {
      set_time_field (flight, "actual_arrival", estimated);
      poe_record_set_string (flight, "status", "landed");
      return;
    }

  if (status_is (flight, "scheduled") && self->sim_now >= scheduled - 180 * MINUTE)
    poe_record_set_string (flight, "status", "en_route");

  if (self->sim_now < estimated - 20 * MINUTE && g_rand_int_range (self->rand, 0, 20) == 0)
    set_time_field (flight, "estimated_arrival", estimated + g_rand_int_range (self->rand, -4, 5) * MINUTE);
}

static void
plan_flights (PoeFeedDemo *self,
              GPtrArray   *records)
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
      plan.flight = poe_record_copy (record);
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

static PoeFeedFlight *
to_feed_flight (PoeRecord *record)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (record, "scheduled_arrival");
  PoeFeedFlight *flight = poe_feed_flight_new (poe_record_get_string (record, "carrier"),
                                               poe_record_get_string (record, "number"),
                                               poe_record_get_string (record, "destination"),
                                               scheduled);

  flight->estimated_arrival = poe_record_dup_time (record, "estimated_arrival");
  flight->actual_arrival = poe_record_dup_time (record, "actual_arrival");
  flight->gate_arrival = poe_record_dup_time (record, "gate_arrival");
  flight->gate = g_strdup (poe_record_get_string (record, "gate"));
  flight->belt = g_strdup (poe_record_get_string (record, "belt"));
  flight->status = g_intern_string (poe_record_get_string (record, "status"));

  return flight;
}


/*
 * PoeFeedProvider
 */

static const char *
demo_get_name (PoeFeedProvider *provider)
{
  return "demo";
}

static void
demo_fetch_async (PoeFeedProvider     *provider,
                  const PoeFeedWindow *window,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  PoeFeedDemo *self = POE_FEED_DEMO (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GPtrArray *flights = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_feed_flight_free);

  self->sim_now = self->sim_start + (gint64) ((g_get_real_time () - self->real_start) * self->speed);
  for (guint i = 0; i < self->plans->len; i++)
    {
      FlightPlan *plan = &g_array_index (self->plans, FlightPlan, i);

      if (g_strcmp0 (poe_record_get_string (plan->flight, "destination"), window->airport) != 0)
        continue;
      advance_flight (self, plan);
      g_ptr_array_add (flights, to_feed_flight (plan->flight));
    }

  g_task_return_pointer (task, flights, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
demo_fetch_finish (PoeFeedProvider  *provider,
                   GAsyncResult     *result,
                   guint            *retry_after,
                   GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
provider_iface_init (PoeFeedProviderInterface *iface)
{
  iface->get_name = demo_get_name;
  iface->fetch_async = demo_fetch_async;
  iface->fetch_finish = demo_fetch_finish;
}


/*
 * GObject overrides
 */

static void
poe_feed_demo_finalize (GObject *object)
{
  PoeFeedDemo *self = POE_FEED_DEMO (object);

  g_array_unref (self->plans);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (poe_feed_demo_parent_class)->finalize (object);
}

static void
poe_feed_demo_class_init (PoeFeedDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = poe_feed_demo_finalize;
}

static void
poe_feed_demo_init (PoeFeedDemo *self)
{
  self->plans = g_array_new (FALSE, TRUE, sizeof (FlightPlan));
  g_array_set_clear_func (self->plans, (GDestroyNotify) flight_plan_clear);
  self->rand = g_rand_new_with_seed (20261124);
  self->real_start = self->sim_start = self->sim_now = g_get_real_time ();
  self->speed = 1.0;
}


/*
 * Public API
 */

/**
 * poe_feed_demo_new:
 * @records: the demo day as seeded (its flights are simulated)
 * @clock_speed: how much faster than real time the simulated clock runs
 */
PoeFeedDemo *
poe_feed_demo_new (GPtrArray *records,
                   double     clock_speed)
{
  PoeFeedDemo *self = g_object_new (POE_TYPE_FEED_DEMO, NULL);

  self->speed = clock_speed > 0 ? clock_speed : 1.0;
  plan_flights (self, records);

  return self;
}

/* Returns: (transfer full): the airports the simulated flights arrive at */
GStrv
poe_feed_demo_dup_airports (PoeFeedDemo *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->plans->len; i++)
    {
      const char *airport = poe_record_get_string (g_array_index (self->plans, FlightPlan, i).flight,
                                                   "destination");

      if (airport != NULL && g_hash_table_add (seen, (gpointer) airport))
        g_strv_builder_add (builder, airport);
    }

  return g_strv_builder_end (builder);
}
