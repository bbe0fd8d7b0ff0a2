/* poe-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-test"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/poe-board-needs.h"
#include "board/poe-board-text.h"
#include "common/poe-tooltip.h"
#include "poe-application.h"
#include "family/poe-family-step-row.h"
#include "poe-test-utils.h"

#define FRAME_TIMEOUT_MS 5000
#define SCREENSHOT_ATTEMPTS 10
#define SETTLE_MS 400


/*
 * Auxiliary methods
 */

static gboolean
timeout_reached_cb (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  gboolean *painted = user_data;

  *painted = TRUE;
}

static gboolean
flag_is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/* Renders @widget with its window's renderer. Returns NULL while the widget has nothing to
 * draw yet (no allocation, or an empty render node). */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return NULL;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/**
 * poe_test_snapshot_node:
 *
 * Returns: (transfer full) (nullable): the render node @widget paints, as in its window
 */
GskRenderNode *
poe_test_snapshot_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));

  return gtk_snapshot_free_to_node (snapshot);
}

/**
 * poe_test_count_nodes:
 * @predicate: called with each node of the tree, and @user_data
 *
 * Returns: how many nodes of the tree under @node (itself included) @predicate accepts
 */
guint
poe_test_count_nodes (GskRenderNode *node,
                      gboolean     (*predicate) (GskRenderNode *node, gpointer user_data),
                      gpointer       user_data)
{
  guint n;

  if (node == NULL)
    return 0;

  n = predicate (node, user_data) ? 1 : 0;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += poe_test_count_nodes (gsk_container_node_get_child (node, i), predicate, user_data);
      break;
    case GSK_TRANSFORM_NODE:
      n += poe_test_count_nodes (gsk_transform_node_get_child (node), predicate, user_data);
      break;
    case GSK_OPACITY_NODE:
      n += poe_test_count_nodes (gsk_opacity_node_get_child (node), predicate, user_data);
      break;
    case GSK_CLIP_NODE:
      n += poe_test_count_nodes (gsk_clip_node_get_child (node), predicate, user_data);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      n += poe_test_count_nodes (gsk_rounded_clip_node_get_child (node), predicate, user_data);
      break;
    case GSK_COLOR_MATRIX_NODE:
      n += poe_test_count_nodes (gsk_color_matrix_node_get_child (node), predicate, user_data);
      break;
    case GSK_SHADOW_NODE:
      n += poe_test_count_nodes (gsk_shadow_node_get_child (node), predicate, user_data);
      break;
    case GSK_DEBUG_NODE:
      n += poe_test_count_nodes (gsk_debug_node_get_child (node), predicate, user_data);
      break;
    case GSK_BLEND_NODE:
      n += poe_test_count_nodes (gsk_blend_node_get_bottom_child (node), predicate, user_data);
      n += poe_test_count_nodes (gsk_blend_node_get_top_child (node), predicate, user_data);
      break;
    case GSK_CROSS_FADE_NODE:
      n += poe_test_count_nodes (gsk_cross_fade_node_get_start_child (node), predicate, user_data);
      n += poe_test_count_nodes (gsk_cross_fade_node_get_end_child (node), predicate, user_data);
      break;
    default:
      break;
    }

  return n;
}

/**
 * poe_test_node_has_type:
 * @type: a #GskRenderNodeType, as GINT_TO_POINTER()
 *
 * A predicate for poe_test_count_nodes(): nodes of @type.
 */
gboolean
poe_test_node_has_type (GskRenderNode *node,
                        gpointer       type)
{
  return gsk_render_node_get_node_type (node) == (GskRenderNodeType) GPOINTER_TO_INT (type);
}

/* A blank or single-colour image means nothing was drawn: a broken screenshot. */
static gboolean
texture_is_single_colour (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  guint32 first;

  gdk_texture_download (texture, data, stride);
  memcpy (&first, data, 4);

  for (gsize i = 4; i < stride * height; i += 4)
    {
      guint32 pixel;

      memcpy (&pixel, data + i, 4);
      if (pixel != first)
        return FALSE;
    }

  return TRUE;
}

static char *test_home;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

static void
remove_test_home (void)
{
  if (test_home != NULL)
    remove_tree (test_home);
  g_clear_pointer (&test_home, g_free);
}


/*
 * Public API
 */

void
poe_test_ui_init (int    *argc,
                  char ***argv)
{
  const char *home;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("LC_ALL", "C.UTF-8", FALSE);

  /* Not G_TEST_OPTION_ISOLATE_DIRS: it also moves XDG_DATA_DIRS, and without the system
   * data dirs GTK finds neither the icon theme nor the MIME database that tells it an
   * SVG icon is an SVG. A private home is what the tests need. */
  home = test_home = g_dir_make_tmp ("poe-test-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  atexit (remove_test_home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  /* What PoeApplication gets from its resource base path, for windows made without it. */
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");

}

/**
 * poe_test_app_new:
 *
 * Returns: (transfer full): a registered, non-unique #PoeApplication, started up
 *   (actions and accelerators set) but not activated
 */
GtkApplication *
poe_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  PoeApplication *app = poe_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return GTK_APPLICATION (app);
}

/**
 * poe_test_iterate_until:
 *
 * Runs the default main context until @predicate holds or @timeout_ms pass.
 *
 * Returns: whether @predicate held in time
 */
gboolean
poe_test_iterate_until (PoeTestPredicate predicate,
                        gpointer         user_data,
                        guint            timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, timeout_reached_cb, &timed_out);

  while (!predicate (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return predicate (user_data);
}

void
poe_test_wait_ms (guint ms)
{
  gboolean reached = FALSE;

  g_timeout_add (ms, timeout_reached_cb, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * poe_test_wait_for_frame:
 *
 * Queues a redraw of @widget and runs the main loop until its frame clock has painted.
 */
void
poe_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *frame_clock;
  gboolean painted = FALSE;
  gulong handler;

  g_assert_true (GTK_IS_WIDGET (widget));

  if (!poe_test_iterate_until ((PoeTestPredicate) gtk_widget_get_mapped, widget, FRAME_TIMEOUT_MS))
    g_error ("Widget %s was not mapped within %d ms", G_OBJECT_TYPE_NAME (widget), FRAME_TIMEOUT_MS);

  frame_clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (frame_clock);

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);

  if (!poe_test_iterate_until (flag_is_set, &painted, FRAME_TIMEOUT_MS))
    g_error ("No frame was painted for %s within %d ms", G_OBJECT_TYPE_NAME (widget), FRAME_TIMEOUT_MS);

  g_signal_handler_disconnect (frame_clock, handler);
}

/**
 * poe_test_screenshot:
 * @widget: a mapped widget
 * @name: the file name without extension
 *
 * Saves what @widget shows to `$POE_SCREENSHOT_DIR/NAME$POE_SCREENSHOT_SUFFIX.png` (the build tree's
 * `screenshots/`), rendered in a frame's after-paint so the render node is complete,
 * and fails the test when the image is blank.
 *
 * Returns: (transfer full): the path of the PNG
 */
char *
poe_test_screenshot (GtkWidget  *widget,
                     const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  /* A suffix tells the high-contrast and dark runs of the same test apart. */
  g_autofree char *file_name = g_strconcat (name, g_getenv ("POE_SCREENSHOT_SUFFIX") ?: "", ".png", NULL);
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("POE_SCREENSHOT_DIR");

  g_assert_true (GTK_IS_WIDGET (widget));

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file_name, NULL);

  /* Let transitions (the header's switcher cross-fade, revealers) settle: screenshots show
   * what a person sees, not a frame halfway through. Turning animations off instead makes
   * libadwaita 1.2 allocate the view switcher bar with a negative height. */
  poe_test_wait_ms (SETTLE_MS);

  for (guint attempt = 0; attempt < SCREENSHOT_ATTEMPTS && texture == NULL; attempt++)
    {
      poe_test_wait_for_frame (widget);
      texture = render_widget (widget);

      if (texture != NULL && texture_is_single_colour (texture))
        g_clear_object (&texture);
    }

  if (texture == NULL)
    g_error ("Screenshot %s stayed blank after %d frames", name, SCREENSHOT_ATTEMPTS);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return g_steal_pointer (&path);
}

/**
 * poe_test_find_toplevel:
 *
 * Returns: (transfer none) (nullable): the first toplevel window of @type
 */
GtkWidget *
poe_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return GTK_WIDGET (window);
    }

  return NULL;
}

/**
 * poe_test_find_descendant:
 *
 * Returns: (transfer none) (nullable): the first widget of @type under @root, depth first
 */
GtkWidget *
poe_test_find_descendant (GtkWidget *root,
                          GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = poe_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * poe_test_find_named:
 *
 * Returns: (transfer none) (nullable): the first widget named @name (gtk_widget_set_name(),
 *   or the `name` property in a template) under @root, depth first
 */
GtkWidget *
poe_test_find_named (GtkWidget  *root,
                     const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = poe_test_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * poe_test_destroy_and_finalize:
 *
 * Destroys @window and asserts that nothing else keeps it alive.
 */
void
poe_test_destroy_and_finalize (GtkWindow *window)
{
  /* GTK 4.8 warns when a focused text field goes away without a focus-out first. */
  gtk_window_set_focus (window, NULL);
  for (guint i = 0; i < 3; i++)
    g_main_context_iteration (NULL, FALSE);

  g_object_ref (window);
  gtk_window_destroy (window);

  /* Let pending frame and idle callbacks that hold references run out. */
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_finalize_object (window);
}

/**
 * poe_test_remove_store_files:
 * @path: a store's file
 *
 * Removes the store's file and its write-ahead log and shared-memory files.
 */
void
poe_test_remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * poe_test_demo_store_new:
 * @path: where to make the store
 * @username: the demo user the store is signed in as ("agent", "lead", …)
 *
 * Returns: (transfer full): a store holding a synthetic day around now, as if @username had
 *   signed in to it (password "demo-password")
 */
PoeStore *
poe_test_demo_store_new (const char *path,
                         const char *username)
{
  return poe_test_demo_store_new_sized (path, username, 0, 0);
}

/**
 * poe_test_demo_store_new_sized:
 * @n_flights: flights of the day; 0: as the generator picks
 * @n_families: families spread over them; 0: 1–8 a flight
 *
 * As poe_test_demo_store_new(), with a day of the size asked for.
 */
PoeStore *
poe_test_demo_store_new_sized (const char *path,
                               const char *username,
                               guint       n_flights,
                               guint       n_families)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeStore) store = poe_store_open (path, &error);
  g_autoptr(GPtrArray) records = NULL;
  PoeDemoOptions options;
  PoeRecord *user = NULL;

  g_assert_no_error (error);
  poe_demo_options_init (&options);
  options.with_staff = TRUE;
  options.n_flights = n_flights;
  options.n_families = n_families;
  records = poe_demo_generate_all (&options, &error);
  g_assert_no_error (error);

  g_assert_true (poe_store_begin (store, &error));
  for (guint i = 0; i < records->len; i++)
    {
      PoeRecord *record = g_ptr_array_index (records, i);

      g_assert_true (poe_store_import (store, record, &error));
      g_assert_no_error (error);
      if (g_str_equal (poe_record_get_entity_name (record), "staff") &&
          g_strcmp0 (poe_record_get_string (record, "username"), username) == 0)
        user = record;
    }
  g_assert_true (poe_store_commit (store, &error));
  g_assert_nonnull (user);

  g_assert_true (poe_session_write_user (store, "http://127.0.0.1:9", poe_record_get_id (user), username,
                                         poe_record_get_string (user, "display_name"),
                                         poe_record_get_string (user, "role"),
                                         poe_record_get_string (user, "poe"),
                                         POE_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  poe_store_set_actor (store, poe_record_get_id (user), username);

  return g_steal_pointer (&store);
}

/**
 * poe_test_session_new:
 *
 * Returns: (transfer full): a session signed in on @store, without a server
 */
PoeSession *
poe_test_session_new (PoeStore *store)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PoeSession) session = poe_session_new (settings, poe_store_get_path (store));

  g_assert_true (poe_session_adopt_store (session, store, NULL));

  return g_steal_pointer (&session);
}

/**
 * poe_test_notification_daemon_new:
 * @log_path: (out): where the daemon logs each Notify call
 *
 * Starts python3-dbusmock's notification daemon on the test's session bus and waits until
 * it owns org.freedesktop.Notifications.
 *
 * Returns: (transfer full): the daemon; force it to exit at the end
 */
GSubprocess *
poe_test_notification_daemon_new (char **log_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GSubprocess) daemon = NULL;
  gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_assert_no_error (error);
  *log_path = g_build_filename (g_get_home_dir (), "notify.log", NULL);
  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "/usr/bin/python3", "-m", "dbusmock", "--template", "notification_daemon",
                             "-l", *log_path, NULL);
  g_assert_no_error (error);

  while (g_get_monotonic_time () < until)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.Notifications"),
                                           G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return g_steal_pointer (&daemon);
      g_usleep (50 * 1000);
    }

  g_assert_not_reached ();
}

/**
 * poe_test_find_step_row:
 * @person_id: (nullable): the member of a per-person step
 *
 * Returns: (transfer none) (nullable): the family view's row of checklist step @step_id
 */
PoeFamilyStepRow *
poe_test_find_step_row (GtkWidget  *root,
                        const char *step_id,
                        const char *person_id)
{
  if (POE_IS_FAMILY_STEP_ROW (root) &&
      g_strcmp0 (poe_family_step_row_get_step_id (POE_FAMILY_STEP_ROW (root)), step_id) == 0 &&
      g_strcmp0 (poe_family_step_row_get_person_id (POE_FAMILY_STEP_ROW (root)), person_id) == 0)
    return POE_FAMILY_STEP_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      PoeFamilyStepRow *found = poe_test_find_step_row (child, step_id, person_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * poe_test_find_label:
 * @prefix: how the label's text begins; "" for any label
 *
 * Returns: (transfer none) (nullable): the first such label under @root, depth first
 */
GtkLabel *
poe_test_find_label (GtkWidget  *root,
                     const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = poe_test_find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * poe_test_collect_text:
 * @flags: what to read besides the labels
 * @text: where each text goes, a line each, depth first
 *
 * Appends the texts of @root and its descendants: labels (and the board's text and Needs
 * cells, which draw their own), and as @flags say the texts of editables and tooltips, each
 * widget's in that order.
 */
void
poe_test_collect_text (GtkWidget        *root,
                       PoeTestTextFlags  flags,
                       GString          *text)
{
  const char *tooltip;

  if ((flags & POE_TEST_TEXT_MAPPED_ONLY) && !gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (root)));
  if (POE_IS_BOARD_TEXT (root))
    g_string_append_printf (text, "%s\n", poe_board_text_get_text (POE_BOARD_TEXT (root)));
  if (POE_IS_BOARD_NEEDS (root))
    {
      PoeBoardNeeds *needs = POE_BOARD_NEEDS (root);

      for (guint i = 0; i < poe_board_needs_get_n_items (needs); i++)
        {
          g_string_append_printf (text, "%s\n", poe_board_needs_get_item_text (needs, i));
          if (flags & POE_TEST_TEXT_TOOLTIPS)
            g_string_append_printf (text, "%s\n", poe_board_needs_get_item_tooltip (needs, i));
        }
    }
  if ((flags & POE_TEST_TEXT_EDITABLES) && GTK_IS_EDITABLE (root))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (root)));
  if ((flags & POE_TEST_TEXT_TOOLTIPS) && (tooltip = poe_tooltip_get_text (root)) != NULL)
    g_string_append_printf (text, "%s\n", tooltip);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    poe_test_collect_text (child, flags, text);
}

/**
 * poe_test_dup_text:
 *
 * Returns: (transfer full): the texts poe_test_collect_text() reads, a line each
 */
char *
poe_test_dup_text (GtkWidget        *root,
                   PoeTestTextFlags  flags)
{
  GString *text = g_string_new (NULL);

  poe_test_collect_text (root, flags, text);
  return g_string_free (text, FALSE);
}

/**
 * poe_test_shows_text:
 *
 * Returns: whether a label on screen under @root holds @needle
 */
gboolean
poe_test_shows_text (GtkWidget  *root,
                     const char *needle)
{
  g_autofree char *text = poe_test_dup_text (root, POE_TEST_TEXT_MAPPED_ONLY);

  return strstr (text, needle) != NULL;
}
