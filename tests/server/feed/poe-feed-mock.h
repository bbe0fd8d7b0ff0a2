/* poe-feed-mock.h
 *
 * A flight data provider for the feed tests: a SoupServer on its own thread serving the
 * fixtures of one provider, counting and timing the requests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PoeFeedMock PoeFeedMock;

PoeFeedMock *poe_feed_mock_new         (const char  *fixture_dir);
void         poe_feed_mock_free        (PoeFeedMock *self);
const char  *poe_feed_mock_get_url     (PoeFeedMock *self);
char        *poe_feed_mock_time        (PoeFeedMock *self,
                                        int          minutes);
void         poe_feed_mock_set_answer  (PoeFeedMock *self,
                                        guint        status,
                                        const char  *retry_after,
                                        const char  *body);
guint        poe_feed_mock_count       (PoeFeedMock *self);
gint64       poe_feed_mock_last_time   (PoeFeedMock *self);
char        *poe_feed_mock_dup_request (PoeFeedMock *self,
                                        guint        index);
char        *poe_feed_mock_dup_key     (PoeFeedMock *self);
guint        poe_feed_mock_wait_count  (PoeFeedMock *self,
                                        guint        count,
                                        guint        timeout_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PoeFeedMock, poe_feed_mock_free)

G_END_DECLS
