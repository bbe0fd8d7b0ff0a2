/* poe-feed-provider.h
 *
 * The one interface every flight data provider of poe-central implements (AeroAPI,
 * AeroDataBox, aviationstack, the demo): fetch the arrivals of one airport in a window and
 * answer them as normalised flights. Scheduling, matching and writing are shared
 * (poe-feed.c, poe-feed-match.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define POE_FEED_ERROR (poe_feed_error_quark ())

typedef enum
{
  POE_FEED_ERROR_REFUSED,       /* the key was refused: polling stops */
  POE_FEED_ERROR_RATE_LIMITED,  /* 429: wait for Retry-After */
  POE_FEED_ERROR_UNAVAILABLE,   /* network, timeout, 5xx */
  POE_FEED_ERROR_MALFORMED,     /* the answer is not the documented shape */
} PoeFeedError;

/* A flight as a provider reports it; every field but carrier, number, destination and
 * scheduled_arrival may be unset (NULL). Times are instants (any zone). */
typedef struct
{
  char       *carrier;            /* IATA airline code, "AA" */
  char       *number;             /* "100" */
  char       *destination;        /* IATA airport code */
  GStrv       codeshares;         /* marketing numbers, "BA1511" */
  GDateTime  *scheduled_arrival;
  GDateTime  *estimated_arrival;
  GDateTime  *actual_arrival;     /* touch-down */
  GDateTime  *gate_arrival;       /* in-block */
  char       *gate;
  char       *terminal;
  char       *belt;
  const char *status;             /* a schema flight status, or NULL */
} PoeFeedFlight;

/* What to fetch: one airport, [from, to) in its zone. */
typedef struct
{
  const char *airport;
  GTimeZone  *zone;
  GDateTime  *from;
  GDateTime  *to;
} PoeFeedWindow;

#define POE_TYPE_FEED_PROVIDER (poe_feed_provider_get_type ())
G_DECLARE_INTERFACE (PoeFeedProvider, poe_feed_provider, POE, FEED_PROVIDER, GObject)

struct _PoeFeedProviderInterface
{
  GTypeInterface parent_iface;

  const char *(*get_name)     (PoeFeedProvider      *self);
  void        (*fetch_async)  (PoeFeedProvider      *self,
                               const PoeFeedWindow  *window,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
  GPtrArray  *(*fetch_finish) (PoeFeedProvider      *self,
                               GAsyncResult         *result,
                               guint                *retry_after,
                               GError              **error);
};

GQuark         poe_feed_error_quark            (void);

const char    *poe_feed_provider_get_name      (PoeFeedProvider      *self);
void           poe_feed_provider_fetch_async   (PoeFeedProvider      *self,
                                                const PoeFeedWindow  *window,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray     *poe_feed_provider_fetch_finish  (PoeFeedProvider      *self,
                                                GAsyncResult         *result,
                                                guint                *retry_after,
                                                GError              **error);

PoeFeedFlight *poe_feed_flight_new             (const char           *carrier,
                                                const char           *number,
                                                const char           *destination,
                                                GDateTime            *scheduled_arrival);
void           poe_feed_flight_free            (PoeFeedFlight        *flight);
gboolean       poe_feed_flight_split_ident     (const char           *ident,
                                                char                **carrier,
                                                char                **number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeFeedFlight, poe_feed_flight_free)

G_END_DECLS
