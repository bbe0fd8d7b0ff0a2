/* poe-test-utils.h
 *
 * Helpers of the UI tests: wait for frames, run the main loop until something holds,
 * save screenshots of widgets and read the texts a widget tree shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "poe-core.h"
#include "family/poe-family-step-row.h"
#include "session/poe-session.h"

G_BEGIN_DECLS

#define POE_TEST_PASSWORD "demo-password"

typedef gboolean (*PoeTestPredicate) (gpointer user_data);

/* What poe_test_collect_text() reads besides the labels (button labels are labels too). */
typedef enum
{
  POE_TEST_TEXT_LABELS      = 0,
  POE_TEST_TEXT_MAPPED_ONLY = 1 << 0,  /* only what is on screen: skip unmapped subtrees */
  POE_TEST_TEXT_TOOLTIPS    = 1 << 1,
  POE_TEST_TEXT_EDITABLES   = 1 << 2,
} PoeTestTextFlags;

void            poe_test_ui_init            (int              *argc,
                                             char           ***argv);
GtkApplication *poe_test_app_new            (void);
gboolean        poe_test_iterate_until      (PoeTestPredicate  predicate,
                                             gpointer          user_data,
                                             guint             timeout_ms);
void            poe_test_wait_for_frame     (GtkWidget        *widget);
void            poe_test_wait_ms            (guint             ms);
char           *poe_test_screenshot         (GtkWidget        *widget,
                                             const char       *name);
GtkWidget      *poe_test_find_toplevel      (GType             type);
GtkWidget      *poe_test_find_descendant    (GtkWidget        *root,
                                             GType             type);
GtkLabel       *poe_test_find_label         (GtkWidget        *root,
                                             const char       *prefix);
GtkWidget      *poe_test_find_named         (GtkWidget        *root,
                                             const char       *name);
GskRenderNode  *poe_test_snapshot_node      (GtkWidget        *widget);
guint           poe_test_count_nodes        (GskRenderNode    *node,
                                             gboolean        (*predicate) (GskRenderNode *node,
                                                                           gpointer       user_data),
                                             gpointer          user_data);
gboolean        poe_test_node_has_type      (GskRenderNode    *node,
                                             gpointer          type);
void            poe_test_destroy_and_finalize (GtkWindow      *window);
void            poe_test_remove_store_files (const char       *path);
PoeStore       *poe_test_demo_store_new     (const char       *path,
                                             const char       *username);
PoeStore       *poe_test_demo_store_new_sized (const char     *path,
                                               const char     *username,
                                               guint           n_flights,
                                               guint           n_families);
PoeSession     *poe_test_session_new        (PoeStore         *store);
GSubprocess    *poe_test_notification_daemon_new (char          **log_path);
PoeFamilyStepRow *poe_test_find_step_row    (GtkWidget        *root,
                                             const char       *step_id,
                                             const char       *person_id);
void            poe_test_collect_text       (GtkWidget        *root,
                                             PoeTestTextFlags  flags,
                                             GString          *text);
char           *poe_test_dup_text           (GtkWidget        *root,
                                             PoeTestTextFlags  flags);
gboolean        poe_test_shows_text         (GtkWidget        *root,
                                             const char       *needle);

G_END_DECLS
