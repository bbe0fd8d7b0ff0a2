/* poe-feed-provider.c
 *
 * The provider interface (see poe-feed-provider.h) and the normalised flight it answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include "poe-feed-provider.h"

G_DEFINE_QUARK (poe-feed-error-quark, poe_feed_error)
G_DEFINE_INTERFACE (PoeFeedProvider, poe_feed_provider, G_TYPE_OBJECT)

static void
poe_feed_provider_default_init (PoeFeedProviderInterface *iface)
{
}


/*
 * Public API
 */

const char *
poe_feed_provider_get_name (PoeFeedProvider *self)
{
  g_return_val_if_fail (POE_IS_FEED_PROVIDER (self), NULL);

  return POE_FEED_PROVIDER_GET_IFACE (self)->get_name (self);
}

void
poe_feed_provider_fetch_async (PoeFeedProvider     *self,
                               const PoeFeedWindow *window,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (POE_IS_FEED_PROVIDER (self));
  g_return_if_fail (window != NULL && window->airport != NULL);

  POE_FEED_PROVIDER_GET_IFACE (self)->fetch_async (self, window, cancellable, callback, user_data);
}

/**
 * poe_feed_provider_fetch_finish:
 * @retry_after: (out): on %POE_FEED_ERROR_RATE_LIMITED, the seconds the provider asked to
 *   wait (0: it did not say)
 *
 * Returns: (transfer full): the #PoeFeedFlight of the window, or %NULL with @error set
 */
GPtrArray *
poe_feed_provider_fetch_finish (PoeFeedProvider  *self,
                                GAsyncResult     *result,
                                guint            *retry_after,
                                GError          **error)
{
  guint ignored;

  g_return_val_if_fail (POE_IS_FEED_PROVIDER (self), NULL);

  *(retry_after != NULL ? retry_after : &ignored) = 0;

  return POE_FEED_PROVIDER_GET_IFACE (self)->fetch_finish (self, result,
                                                           retry_after != NULL ? retry_after : &ignored,
                                                           error);
}

PoeFeedFlight *
poe_feed_flight_new (const char *carrier,
                     const char *number,
                     const char *destination,
                     GDateTime  *scheduled_arrival)
{
  PoeFeedFlight *flight = g_new0 (PoeFeedFlight, 1);

  flight->carrier = g_ascii_strup (carrier, -1);
  /* "0100" and "100" are the same flight */
  while (number[0] == '0' && number[1] != '\0')
    number++;
  flight->number = g_strdup (number);
  flight->destination = g_ascii_strup (destination, -1);
  flight->scheduled_arrival = g_date_time_ref (scheduled_arrival);

  return flight;
}

void
poe_feed_flight_free (PoeFeedFlight *flight)
{
  if (flight == NULL)
    return;

  g_free (flight->carrier);
  g_free (flight->number);
  g_free (flight->destination);
  g_strfreev (flight->codeshares);
  g_clear_pointer (&flight->scheduled_arrival, g_date_time_unref);
  g_clear_pointer (&flight->estimated_arrival, g_date_time_unref);
  g_clear_pointer (&flight->actual_arrival, g_date_time_unref);
  g_clear_pointer (&flight->gate_arrival, g_date_time_unref);
  g_free (flight->gate);
  g_free (flight->terminal);
  g_free (flight->belt);
  g_free (flight);
}

/**
 * poe_feed_flight_split_ident:
 * @ident: an IATA flight designator, "BA1511", "BA 1511", "U21234"
 *
 * Returns: whether @ident is a two-character airline code and a number of 1-4 digits
 *   (with an optional letter suffix)
 */
gboolean
poe_feed_flight_split_ident (const char  *ident,
                             char       **carrier,
                             char       **number)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  const char *digits;

  for (const char *p = ident != NULL ? ident : ""; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (compact, g_ascii_toupper (*p));

  if (compact->len < 3 || compact->len > 7 || !g_ascii_isalnum (compact->str[0]) ||
      !g_ascii_isalnum (compact->str[1]) || !g_ascii_isdigit (compact->str[2]))
    return FALSE;

  for (digits = compact->str + 2; g_ascii_isdigit (*digits); digits++)
    ;
  if (*digits != '\0' && (!g_ascii_isalpha (*digits) || digits[1] != '\0'))
    return FALSE;

  *carrier = g_strndup (compact->str, 2);
  *number = g_strdup (compact->str + 2);

  return TRUE;
}
