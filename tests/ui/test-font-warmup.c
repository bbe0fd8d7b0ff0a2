/* test-font-warmup.c
 *
 * The fonts loaded on the warm-up thread are the very fonts the window's texts then use:
 * the body font, a status chip's, numeric cells' and the column titles'. If GTK set its
 * contexts up otherwise than the warm-up read them, the texts would get fonts of their own
 * and this test fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "board/poe-board-text.h"
#include "common/poe-font-warmup.h"
#include "common/poe-pango.h"
#include "poe-test-utils.h"

static GtkApplication *app;

/* The font the first run of @text uses when @widget lays it out. */
static PangoFont *
font_of (GtkWidget  *widget,
         const char *text,
         gboolean    numeric)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoLayoutLine *line;
  PangoGlyphItem *run;

  if (numeric)
    poe_layout_use_tabular_figures (layout);

  line = pango_layout_get_line_readonly (layout, 0);
  g_assert_nonnull (line);
  g_assert_nonnull (line->runs);
  run = line->runs->data;
  return run->item->analysis.font;
}

static void
test_shares_fonts (void)
{
  g_autoptr(GPtrArray) fonts = NULL;
  g_autoptr(PangoFontMap) font_map = NULL;
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkWidget *window, *box, *label, *chip, *figures, *view, *title;

  font_map = poe_font_warmup_finish (poe_font_warmup_start (gdk_display_get_default ()), &fonts);
  g_assert_true (PANGO_IS_FONT_MAP (font_map));
  g_assert_cmpuint (fonts->len, >=, 3);

  window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (window), app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_window_set_child (GTK_WINDOW (window), box);
  label = gtk_label_new ("Now 17:40 EST");
  gtk_box_append (GTK_BOX (box), label);
  chip = poe_board_text_new (0.0f, FALSE);
  gtk_widget_add_css_class (chip, "chip");
  poe_board_text_set_text (POE_BOARD_TEXT (chip), "At risk");
  gtk_box_append (GTK_BOX (box), chip);
  figures = poe_board_text_new (1.0f, TRUE);
  poe_board_text_set_text (POE_BOARD_TEXT (figures), "10/25");
  gtk_box_append (GTK_BOX (box), figures);
  view = gtk_column_view_new (NULL);
  column = gtk_column_view_column_new ("Sched.", NULL);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
  gtk_box_append (GTK_BOX (box), view);

  gtk_widget_set_font_map (window, font_map);
  gtk_window_present (GTK_WINDOW (window));
  poe_test_wait_for_frame (window);

  g_assert_true (pango_context_get_font_map (gtk_widget_get_pango_context (label)) == font_map);
  g_assert_true (pango_font_get_font_map (font_of (label, "Now 17:40 EST", FALSE)) == font_map);

  /* The same objects, not equal ones: loaded once, on the warm-up thread. */
  g_assert_true (g_ptr_array_find (fonts, font_of (label, "Now 17:40 EST", FALSE), NULL));
  g_assert_true (g_ptr_array_find (fonts, font_of (chip, "At risk", FALSE), NULL));
  g_assert_true (g_ptr_array_find (fonts, font_of (figures, "10/25", TRUE), NULL));
  title = GTK_WIDGET (poe_test_find_label (view, ""));
  g_assert_nonnull (title);
  g_assert_true (g_ptr_array_find (fonts, font_of (title, "Sched.", FALSE), NULL));

  /* A chip's font is not the body's: the test tells them apart. */
  g_assert_true (font_of (chip, "At risk", FALSE) != font_of (label, "At risk", FALSE));

  poe_test_destroy_and_finalize (GTK_WINDOW (window));
}

/* The app's own start: its window takes the warmed-up font map, and draws with it. */
static void
test_activate (void)
{
  g_autofree char *path = NULL;
  GtkWindow *window;
  PangoContext *context;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (app);
  if (window == NULL)
    window = gtk_application_get_windows (app)->data;
  g_assert_nonnull (window);

  context = gtk_widget_get_pango_context (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_font_map (GTK_WIDGET (window)) != NULL);
  g_assert_true (pango_context_get_font_map (context) == gtk_widget_get_font_map (GTK_WIDGET (window)));
  g_assert_true (pango_context_get_font_map (context) != pango_cairo_font_map_get_default ());

  poe_test_wait_for_frame (GTK_WIDGET (window));
  path = poe_test_screenshot (GTK_WIDGET (window), "app-activated");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  poe_test_destroy_and_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

  g_test_add_func ("/ui/font-warmup/shares-fonts", test_shares_fonts);
  g_test_add_func ("/ui/font-warmup/activate", test_activate);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
