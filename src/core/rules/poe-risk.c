/* poe-risk.c
 *
 * The connection-risk rule of DESIGN §4: will a family that just landed make its domestic
 * connection? A pure function of flight times, the family and its checklist, so the board,
 * the family page and the server all agree. docs/connection-risk.md explains the rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-risk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "poe-risk.h"

/* What is already behind the family. A later step done means the earlier ones are over,
 * because the family moves as one group through one fixed path. */
typedef struct
{
  gboolean off_board;
  gboolean cbp;
  gboolean bags;
  gboolean recheck;
  gboolean tsa;
  gboolean gate;
  guint    n_cbp_cleared;
} Progress;

typedef struct
{
  const char *key;
  gsize       offset;
  int         value;
} BufferField;

G_DEFINE_QUARK (poe-risk-error-quark, poe_risk_error)

/* The defaults, and the JSON keys of poe.buffers. docs/connection-risk.md says why. */
static const BufferField buffer_fields[] = {
  { "disembark", G_STRUCT_OFFSET (PoeRiskBuffers, disembark), 15 },
  { "cbp_base", G_STRUCT_OFFSET (PoeRiskBuffers, cbp_base), 20 },
  { "cbp_per_person", G_STRUCT_OFFSET (PoeRiskBuffers, cbp_per_person), 3 },
  { "cbp_secondary", G_STRUCT_OFFSET (PoeRiskBuffers, cbp_secondary), 60 },
  { "bags", G_STRUCT_OFFSET (PoeRiskBuffers, bags), 25 },
  { "recheck", G_STRUCT_OFFSET (PoeRiskBuffers, recheck), 15 },
  { "tsa", G_STRUCT_OFFSET (PoeRiskBuffers, tsa), 25 },
  { "walk", G_STRUCT_OFFSET (PoeRiskBuffers, walk), 15 },
  { "prm", G_STRUCT_OFFSET (PoeRiskBuffers, prm), 20 },
  { "medical", G_STRUCT_OFFSET (PoeRiskBuffers, medical), 15 },
  { "min_connection", G_STRUCT_OFFSET (PoeRiskBuffers, min_connection), 90 },
  { "amber_margin", G_STRUCT_OFFSET (PoeRiskBuffers, amber_margin), 30 },
};

/* The most decisive first, which is the order poe_risk_describe_drivers() lists them in. */
static const struct {
  guint       driver;
  const char *words;
} driver_words[] = {
  /* Translators: this and the following are reasons shown after a connection-risk level,
   * as in "Red: inbound delayed, member in CBP secondary" */
  { POE_RISK_DRIVER_DEPARTED, N_("onward flight left without the family") },
  { POE_RISK_DRIVER_INBOUND_CANCELLED, N_("inbound cancelled") },
  { POE_RISK_DRIVER_ONWARD_CANCELLED, N_("onward cancelled") },
  { POE_RISK_DRIVER_MISSING_INBOUND_TIME, N_("missing inbound arrival") },
  { POE_RISK_DRIVER_MISSING_ONWARD_TIME, N_("missing onward departure") },
  { POE_RISK_DRIVER_SHORT_MCT, N_("booked under the minimum connection time") },
  { POE_RISK_DRIVER_TIGHT_CONNECTION, N_("tight connection") },
  { POE_RISK_DRIVER_INBOUND_DELAYED, N_("inbound delayed") },
  { POE_RISK_DRIVER_BEHIND_SCHEDULE, N_("behind schedule") },
  { POE_RISK_DRIVER_CBP_SECONDARY, N_("member in CBP secondary") },
  { POE_RISK_DRIVER_PRM, N_("wheelchair assistance") },
  { POE_RISK_DRIVER_MEDICAL, N_("medical case") },
  { POE_RISK_DRIVER_LARGE_FAMILY, N_("large family") },
  { POE_RISK_DRIVER_ONWARD_DELAYED, N_("onward delayed") },
};


/*
 * Auxiliary methods
 */

static int
minutes_between (GDateTime *from,
                 GDateTime *to)
{
  GTimeSpan span = g_date_time_difference (to, from);
  GTimeSpan minutes = span / G_TIME_SPAN_MINUTE;

  /* Round down: half a minute short is short. */
  if (span % G_TIME_SPAN_MINUTE < 0)
    minutes--;

  return (int) CLAMP (minutes, G_MININT, G_MAXINT);
}

static gboolean
is_delayed (GDateTime *scheduled,
            GDateTime *expected)
{
  return scheduled != NULL && expected != NULL &&
         minutes_between (scheduled, expected) >= POE_RISK_DELAY_THRESHOLD;
}

static GDateTime *
pick_arrival (const PoeRiskInput  *input,
              const char         **basis)
{
  static const char * const bases[] = { "actual", "estimated", "scheduled" };
  GDateTime *times[] = { input->inbound_actual, input->inbound_estimated,
                         input->inbound_scheduled };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      if (times[i] != NULL)
        {
          *basis = bases[i];
          return times[i];
        }
    }

  *basis = NULL;
  return NULL;
}

static Progress
read_progress (const PoeRiskInput *input)
{
  Progress done;

  done.n_cbp_cleared = MIN (input->n_cbp_cleared, input->n_persons);
  done.gate = input->at_gate;
  done.tsa = done.gate || input->tsa_cleared;
  done.recheck = done.tsa || input->bags_rechecked;
  /* Bags are claimed while a member may still be in secondary: no word on CBP. */
  done.bags = done.recheck || input->bags_claimed;
  done.cbp = done.recheck || (input->n_persons > 0 && done.n_cbp_cleared == input->n_persons);
  done.off_board = done.bags || done.cbp || input->met;

  return done;
}

static int
cbp_minutes (const PoeRiskInput   *input,
             const PoeRiskBuffers *buffers,
             const Progress       *done)
{
  int minutes;

  if (done->cbp)
    return 0;

  /* Once one member is cleared the family is past the queue, at the booth. */
  minutes = done->n_cbp_cleared > 0 ? 0 : buffers->cbp_base;
  minutes += buffers->cbp_per_person * (int) (input->n_persons - done->n_cbp_cleared);
  if (input->n_in_secondary > 0)
    minutes += buffers->cbp_secondary;

  return minutes;
}

static int
remaining_minutes (const PoeRiskInput   *input,
                   const PoeRiskBuffers *buffers,
                   const Progress       *done)
{
  int minutes = cbp_minutes (input, buffers, done);

  if (!done->off_board)
    minutes += buffers->disembark;
  if (!done->bags)
    minutes += buffers->bags;
  if (!done->recheck)
    minutes += buffers->recheck;
  if (!done->gate)
    minutes += buffers->walk;

  /* The allowances pay for waits at the door, the booths and the checkpoint; airside, a
   * wheelchair moves as fast as anyone. */
  if (!done->tsa)
    {
      minutes += buffers->tsa;
      if (input->n_wheelchair > 0)
        minutes += buffers->prm;
      if (input->n_medical > 0)
        minutes += buffers->medical;
    }

  return minutes;
}

static int
full_minutes (const PoeRiskInput   *input,
              const PoeRiskBuffers *buffers)
{
  static const Progress nothing_done = { 0 };

  return remaining_minutes (input, buffers, &nothing_done);
}

/* The whole processing as the trip was booked: a secondary referral comes later. */
static int
booked_minutes (const PoeRiskInput   *input,
                const PoeRiskBuffers *buffers)
{
  PoeRiskInput booked = *input;

  booked.n_in_secondary = 0;
  return full_minutes (&booked, buffers);
}

/* What is left starts now once the family has landed: gate-in has passed, or a step done
 * shows it although the flight feed lags behind. */
static GDateTime *
pick_start (const PoeRiskInput *input,
            const Progress     *done,
            GDateTime          *arrival)
{
  gboolean landed = done->off_board || done->n_cbp_cleared > 0 || input->n_in_secondary > 0;

  if (landed || g_date_time_compare (input->now, arrival) > 0)
    return input->now;

  return arrival;
}

static guint
processing_drivers (const PoeRiskInput *input,
                    const Progress     *done)
{
  guint drivers = 0;

  if (!done->cbp && input->n_in_secondary > 0)
    drivers |= POE_RISK_DRIVER_CBP_SECONDARY;
  if (!done->cbp && input->n_persons >= POE_RISK_LARGE_FAMILY)
    drivers |= POE_RISK_DRIVER_LARGE_FAMILY;
  if (!done->tsa && input->n_wheelchair > 0)
    drivers |= POE_RISK_DRIVER_PRM;
  if (!done->tsa && input->n_medical > 0)
    drivers |= POE_RISK_DRIVER_MEDICAL;

  return drivers;
}

static void
plan_arrival (const PoeRiskInput   *input,
              const PoeRiskBuffers *buffers,
              PoeRiskResult        *result)
{
  Progress done = read_progress (input);
  GDateTime *arrival;
  int late;

  result->processing_minutes = remaining_minutes (input, buffers, &done);
  result->drivers |= processing_drivers (input, &done);

  arrival = pick_arrival (input, &result->arrival_basis);
  if (arrival == NULL)
    return;

  result->arrival = g_date_time_ref (arrival);
  result->ready = g_date_time_add_minutes (pick_start (input, &done, arrival),
                                           result->processing_minutes);

  /* At the gate nothing is left to fall behind on. */
  late = minutes_between (arrival, result->ready) - full_minutes (input, buffers);
  if (!done.gate && late >= POE_RISK_DELAY_THRESHOLD)
    result->drivers |= POE_RISK_DRIVER_BEHIND_SCHEDULE;
  if (is_delayed (input->inbound_scheduled, arrival))
    result->drivers |= POE_RISK_DRIVER_INBOUND_DELAYED;
}

static void
plan_departure (const PoeRiskInput *input,
                PoeRiskResult      *result)
{
  GDateTime *scheduled = input->onward_scheduled_departure;
  GDateTime *estimated = input->onward_estimated_departure;
  GDateTime *departure = estimated != NULL ? estimated : scheduled;

  if (input->inbound_scheduled == NULL)
    result->drivers |= POE_RISK_DRIVER_MISSING_INBOUND_TIME;
  if (scheduled == NULL)
    result->drivers |= POE_RISK_DRIVER_MISSING_ONWARD_TIME;
  if (is_delayed (scheduled, estimated))
    result->drivers |= POE_RISK_DRIVER_ONWARD_DELAYED;

  if (input->inbound_scheduled != NULL && scheduled != NULL)
    {
      result->has_scheduled_gap = TRUE;
      result->scheduled_gap_minutes = minutes_between (input->inbound_scheduled, scheduled);
    }

  if (departure == NULL)
    return;

  result->departure = g_date_time_ref (departure);
  if (result->ready != NULL)
    {
      result->has_slack = TRUE;
      result->slack_minutes = minutes_between (result->ready, departure);
    }
}

static gboolean
is_short (const PoeRiskInput   *input,
          const PoeRiskBuffers *buffers,
          const PoeRiskResult  *result)
{
  /* At the gate the connection is made: how it was booked no longer matters. */
  return !input->at_gate && result->has_scheduled_gap &&
         result->scheduled_gap_minutes < buffers->min_connection;
}

/* Named only to explain an amber or red that the booking itself brought about. */
static gboolean
is_tight (const PoeRiskInput   *input,
          const PoeRiskBuffers *buffers,
          const PoeRiskResult  *result)
{
  if (result->level != POE_RISK_AMBER && result->level != POE_RISK_RED)
    return FALSE;
  if (input->at_gate || !result->has_scheduled_gap || is_short (input, buffers, result))
    return FALSE;

  return result->scheduled_gap_minutes < booked_minutes (input, buffers) + buffers->amber_margin;
}

static PoeRiskLevel
decide_level (const PoeRiskInput   *input,
              const PoeRiskBuffers *buffers,
              const PoeRiskResult  *result)
{
  /* At risk only when the family is projected at the gate after the departure; unknown only
   * when nothing known makes it at risk. A booking under the MCT is tight, not at risk. */
  if (result->has_slack && result->slack_minutes < 0)
    return POE_RISK_RED;
  if (!result->has_slack)
    return (result->drivers & POE_RISK_DRIVER_SHORT_MCT) != 0 ? POE_RISK_AMBER : POE_RISK_UNKNOWN;
  if ((result->drivers & POE_RISK_DRIVER_SHORT_MCT) != 0)
    return POE_RISK_AMBER;
  if (input->at_gate)
    return POE_RISK_GREEN;
  if (!result->has_scheduled_gap)
    return POE_RISK_UNKNOWN;
  if (result->slack_minutes < buffers->amber_margin)
    return POE_RISK_AMBER;

  return POE_RISK_GREEN;
}

static const BufferField *
find_buffer_field (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (buffer_fields); i++)
    {
      if (g_str_equal (buffer_fields[i].key, key))
        return &buffer_fields[i];
    }

  return NULL;
}

static char *
join_buffer_keys (void)
{
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (buffer_fields); i++)
    g_string_append_printf (keys, "%s%s", i > 0 ? ", " : "", buffer_fields[i].key);

  return g_string_free (keys, FALSE);
}

static gboolean
read_minutes (JsonNode *node,
              int      *minutes)
{
  gint64 value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  value = json_node_get_int (node);
  if (value < 0 || value > POE_RISK_BUFFER_MAX)
    return FALSE;

  *minutes = (int) value;
  return TRUE;
}

static gboolean
load_buffer (PoeRiskBuffers  *buffers,
             const char      *key,
             JsonNode        *node,
             GError         **error)
{
  const BufferField *field = find_buffer_field (key);

  if (field == NULL)
    {
      g_autofree char *keys = join_buffer_keys ();

      /* Translators: the names are JSON keys; keep them as they are */
      g_set_error (error, POE_RISK_ERROR, POE_RISK_ERROR_UNKNOWN_BUFFER,
                   _("“%s” is not a connection buffer. Use one of: %s"), key, keys);
      return FALSE;
    }

  if (!read_minutes (node, &G_STRUCT_MEMBER (int, buffers, field->offset)))
    {
      /* Translators: %s is a JSON key such as min_connection; keep it as it is */
      g_set_error (error, POE_RISK_ERROR, POE_RISK_ERROR_INVALID_BUFFER,
                   _("The connection buffer “%s” must be a whole number of minutes "
                     "from 0 to %d"),
                   key, POE_RISK_BUFFER_MAX);
      return FALSE;
    }

  return TRUE;
}


/*
 * Public API
 */

/**
 * poe_risk_buffers_init_default:
 * @buffers: the buffers to fill
 *
 * Fills @buffers with the defaults for a US airport that docs/connection-risk.md explains.
 */
void
poe_risk_buffers_init_default (PoeRiskBuffers *buffers)
{
  g_return_if_fail (buffers != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (buffer_fields); i++)
    G_STRUCT_MEMBER (int, buffers, buffer_fields[i].offset) = buffer_fields[i].value;
}

/**
 * poe_risk_buffers_load_json:
 * @buffers: the buffers to change, usually filled by poe_risk_buffers_init_default() first
 * @json: the `buffers` field of a POE, a JSON object such as `{"min_connection": 90}`
 * @error: return location for a #GError
 *
 * Sets the buffers that @json names; the others keep their values. Each value is a whole
 * number of minutes from 0 to %POE_RISK_BUFFER_MAX.
 *
 * Returns: %TRUE on success; %FALSE with @error set and @buffers untouched when @json is not
 *   an object, names an unknown buffer, or has a value that is not such a number
 */
gboolean
poe_risk_buffers_load_json (PoeRiskBuffers  *buffers,
                            const char      *json,
                            GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GList) members = NULL;
  PoeRiskBuffers loaded;
  JsonObject *object;
  JsonNode *root = NULL;

  g_return_val_if_fail (buffers != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, json, -1, NULL))
    root = json_parser_get_root (parser);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Translators: keep the JSON example as it is */
      g_set_error (error, POE_RISK_ERROR, POE_RISK_ERROR_INVALID_JSON,
                   _("Write the connection buffers as a JSON object of minutes, "
                     "for example {\"min_connection\": 90}"));
      return FALSE;
    }

  loaded = *buffers;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!load_buffer (&loaded, l->data, json_object_get_member (object, l->data), error))
        return FALSE;
    }

  *buffers = loaded;
  return TRUE;
}

/**
 * poe_risk_compute:
 * @input: the flights, the family and its checklist
 * @buffers: the POE's buffers
 * @result: (out caller-allocates): where to store the result; its previous contents are
 *   overwritten, not released
 *
 * Applies the connection-risk rule: ready is when the family will be at the gate (the
 * processing still ahead, counted from now once it has landed), slack is the onward departure
 * minus ready. Missed once the departure has passed without the family on board; red (at
 * risk) when a flight is cancelled or the slack is negative; unknown when a time is missing
 * and nothing makes it red; amber (tight) when the slack is under the margin or the booked gap
 * under the minimum connection time; green otherwise, at the gate before departure and on
 * board.
 * docs/connection-risk.md has the details. Release @result with poe_risk_result_clear().
 */
void
poe_risk_compute (const PoeRiskInput   *input,
                  const PoeRiskBuffers *buffers,
                  PoeRiskResult        *result)
{
  g_return_if_fail (result != NULL);

  *result = (PoeRiskResult) { .level = POE_RISK_NONE };

  g_return_if_fail (input != NULL);
  g_return_if_fail (input->now != NULL);
  g_return_if_fail (buffers != NULL);

  if (!input->has_onward)
    return;

  if (poe_risk_connection_missed (input))
    {
      plan_arrival (input, buffers, result);
      plan_departure (input, result);
      result->level = POE_RISK_MISSED;
      result->drivers = POE_RISK_DRIVER_DEPARTED;
      return;
    }

  /* A cancellation decides alone, so it is named alone. */
  if (input->inbound_cancelled)
    {
      result->level = POE_RISK_RED;
      result->drivers = POE_RISK_DRIVER_INBOUND_CANCELLED;
      if (input->onward_cancelled)
        result->drivers |= POE_RISK_DRIVER_ONWARD_CANCELLED;
      return;
    }

  /* With the onward cancelled, arrival and ready still help to rebook. */
  plan_arrival (input, buffers, result);
  if (input->onward_cancelled)
    {
      result->level = POE_RISK_RED;
      result->drivers = POE_RISK_DRIVER_ONWARD_CANCELLED;
      return;
    }

  plan_departure (input, result);
  if (input->boarded)
    {
      /* On board: the connection is made, nothing is left to risk. */
      result->level = POE_RISK_GREEN;
      result->drivers = 0;
      return;
    }

  if (is_short (input, buffers, result))
    result->drivers |= POE_RISK_DRIVER_SHORT_MCT;
  result->level = decide_level (input, buffers, result);
  if (is_tight (input, buffers, result))
    result->drivers |= POE_RISK_DRIVER_TIGHT_CONNECTION;
}

/**
 * poe_risk_connection_missed:
 * @input: the flights, the family and its checklist
 *
 * The predicate of a missed connection, for the risk level and for whoever proposes a
 * rebooking: the family has a connection, is not on board, and the onward departure
 * (estimated, else scheduled) is not after @input's now. A cancelled onward is not missed:
 * it is rebooked as cancelled.
 *
 * Returns: whether the connection is missed
 */
gboolean
poe_risk_connection_missed (const PoeRiskInput *input)
{
  GDateTime *departure;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (input->now != NULL, FALSE);

  if (!input->has_onward || input->boarded || input->onward_cancelled || input->inbound_cancelled)
    return FALSE;

  departure = input->onward_estimated_departure ? input->onward_estimated_departure
                                                : input->onward_scheduled_departure;
  return departure != NULL && g_date_time_compare (input->now, departure) >= 0;
}

/**
 * poe_risk_result_clear:
 * @result: a result filled by poe_risk_compute()
 *
 * Releases the times @result holds and resets it to %POE_RISK_NONE. Safe to call twice.
 */
void
poe_risk_result_clear (PoeRiskResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->arrival, g_date_time_unref);
  g_clear_pointer (&result->ready, g_date_time_unref);
  g_clear_pointer (&result->departure, g_date_time_unref);
  *result = (PoeRiskResult) { .level = POE_RISK_NONE };
}

/**
 * poe_risk_level_to_string:
 * @level: a risk level
 *
 * Returns: the level as a stable word for CSS classes, JSON and logs, not for people:
 *   "none", "unknown", "green", "amber", "red" or "missed"
 */
const char *
poe_risk_level_to_string (PoeRiskLevel level)
{
  switch (level)
    {
    case POE_RISK_NONE:
      return "none";
    case POE_RISK_UNKNOWN:
      return "unknown";
    case POE_RISK_GREEN:
      return "green";
    case POE_RISK_AMBER:
      return "amber";
    case POE_RISK_RED:
      return "red";
    case POE_RISK_MISSED:
      return "missed";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * poe_risk_describe_drivers:
 * @drivers: a mask of #PoeRiskDriver
 *
 * Returns: (transfer full): the drivers in words for people, most decisive first, for
 *   example "inbound delayed, member in CBP secondary"; an empty string for none
 */
char *
poe_risk_describe_drivers (guint drivers)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (driver_words); i++)
    {
      if ((drivers & driver_words[i].driver) == 0)
        continue;

      if (text->len > 0)
        {
          /* Translators: separates the reasons in a list like "inbound delayed, large family" */
          g_string_append (text, C_("risk drivers", ", "));
        }
      g_string_append (text, _(driver_words[i].words));
    }

  return g_string_free (text, FALSE);
}
