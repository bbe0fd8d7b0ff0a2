/* test-board-cells.c
 *
 * The board's own cell widgets, which draw their text and icons themselves instead of
 * being labels and images: what they hold, their size, where they paint (alignment, right
 * to left), the need under the pointer, and what they tell assistive technologies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "board/poe-board-needs.h"
#include "board/poe-board-text.h"
#include "poe-test-utils.h"

#define CELL_WIDTH 240

typedef struct
{
  GtkWidget *window;
  GtkWidget *box;
  guchar    *pixels;  /* the last screenshot, 4 bytes a pixel */
  gsize      stride;
  int        width;
  int        height;
} Fixture;

static GtkApplication *app;


/*
 * Helpers
 */

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->window = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (fx->window), app);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), CELL_WIDTH + 40, 200);
  fx->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (fx->box, 20);
  gtk_widget_set_margin_end (fx->box, 20);
  gtk_widget_set_margin_top (fx->box, 20);
  gtk_window_set_child (GTK_WINDOW (fx->window), fx->box);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_pointer (&fx->pixels, g_free);
  poe_test_destroy_and_finalize (GTK_WINDOW (fx->window));
}

/* A cell as the column view holds it: the width of its column, its own height. */
static GtkWidget *
add_cell (Fixture   *fx,
          GtkWidget *cell)
{
  gtk_widget_set_size_request (cell, CELL_WIDTH, -1);
  gtk_widget_set_halign (cell, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (fx->box), cell);
  return cell;
}

static void
take_screenshot (Fixture    *fx,
                 const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (fx->window));
  poe_test_wait_for_frame (fx->window);
  path = poe_test_screenshot (fx->window, name);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  fx->width = gdk_texture_get_width (texture);
  fx->height = gdk_texture_get_height (texture);
  fx->stride = (gsize) fx->width * 4;
  g_clear_pointer (&fx->pixels, g_free);
  fx->pixels = g_malloc (fx->stride * fx->height);
  gdk_texture_download (texture, fx->pixels, fx->stride);
}

/* The columns of @widget, from its left edge, where it paints something other than the
 * window's background (taken from the pixel just left of it). */
static void
painted_columns (Fixture   *fx,
                 GtkWidget *widget,
                 int       *first,
                 int       *last)
{
  graphene_rect_t bounds;
  const guchar *background;
  int x0, y0;

  g_assert_true (gtk_widget_compute_bounds (widget, fx->window, &bounds));
  x0 = (int) bounds.origin.x;
  y0 = (int) bounds.origin.y;
  g_assert_cmpint (x0, >, 0);
  g_assert_cmpint (x0 + (int) bounds.size.width, <=, fx->width);
  background = fx->pixels + (gsize) y0 * fx->stride + (gsize) (x0 - 1) * 4;

  *first = -1;
  *last = -1;
  for (int x = 0; x < (int) bounds.size.width; x++)
    for (int y = 0; y < (int) bounds.size.height; y++)
      {
        const guchar *pixel = fx->pixels + (gsize) (y0 + y) * fx->stride + (gsize) (x0 + x) * 4;

        if (ABS (pixel[0] - background[0]) + ABS (pixel[1] - background[1]) + ABS (pixel[2] - background[2]) > 96)
          {
            if (*first < 0)
              *first = x;
            *last = x;
            break;
          }
      }
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}


/*
 * Tests
 */

static void
test_text (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *start = add_cell (fx, poe_board_text_new (0.0f, FALSE));
  GtkWidget *end = add_cell (fx, poe_board_text_new (1.0f, TRUE));
  GtkWidget *empty = add_cell (fx, poe_board_text_new (0.0f, FALSE));
  int first, last;

  gtk_widget_set_size_request (start, -1, -1);
  gtk_widget_set_size_request (empty, -1, -1);
  poe_board_text_set_text (POE_BOARD_TEXT (start), "EY 126");
  poe_board_text_set_text (POE_BOARD_TEXT (end), "10/11");
  g_assert_cmpstr (poe_board_text_get_text (POE_BOARD_TEXT (start)), ==, "EY 126");
  g_assert_cmpstr (poe_board_text_get_text (POE_BOARD_TEXT (empty)), ==, "");
  g_assert_true (gtk_widget_has_css_class (end, "numeric"));
  g_assert_false (gtk_widget_has_css_class (start, "numeric"));
  /* Its own node name: one that the theme's label rules are not tried against. */
  g_assert_cmpstr (gtk_widget_get_css_name (start), ==, "poe-board-text");

  /* It asks for the width of its text, as a label does, and nothing when empty. */
  take_screenshot (fx, "board-cells-text");
  g_assert_cmpint (natural_width (start), ==, text_width (start, "EY 126"));
  g_assert_cmpint (natural_width (empty), ==, 0);
  poe_board_text_set_text (POE_BOARD_TEXT (start), "EY 126 and more");
  g_assert_cmpint (natural_width (start), ==, text_width (start, "EY 126 and more"));
  g_assert_cmpint (natural_width (start), >, text_width (start, "EY 126"));

  /* Text at the start of its cell, figures at its end. */
  painted_columns (fx, end, &first, &last);
  g_assert_cmpint (first, >, CELL_WIDTH / 2);
  g_assert_cmpint (last, >=, CELL_WIDTH - 4);
  poe_board_text_set_text (POE_BOARD_TEXT (start), "EY 126");
  take_screenshot (fx, "board-cells-text");
  painted_columns (fx, start, &first, &last);
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (first, <=, 3);

  /* Right to left, figures go to the left. */
  gtk_widget_set_direction (end, GTK_TEXT_DIR_RTL);
  take_screenshot (fx, "board-cells-text-rtl");
  painted_columns (fx, end, &first, &last);
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (last, <, CELL_WIDTH / 2);
}

/* The colour of the text (GSK_TEXT_NODE) or of the background (GSK_COLOR_NODE) a node tree
 * draws: poe_test_count_nodes() says how many there were. */
typedef struct
{
  GskRenderNodeType type;
  GdkRGBA           colour;
} ColourOf;

static gboolean
take_colour (GskRenderNode *node,
             gpointer       user_data)
{
  ColourOf *of = user_data;

  if (gsk_render_node_get_node_type (node) != of->type)
    return FALSE;

  of->colour = of->type == GSK_TEXT_NODE ? *gsk_text_node_get_color (node) : *gsk_color_node_get_color (node);
  return TRUE;
}

/* A past flight's cell on the board fades by the colour of its text, as .dim-label's opacity
 * did (0.55; 0.9 in high contrast), without an opacity node: an offscreen group per cell
 * with the cairo renderer. */
static void
test_past (Fixture       *fx,
           gconstpointer  data)
{
  GtkWidget *coming = add_cell (fx, poe_board_text_new (0.0f, FALSE));
  GtkWidget *past = add_cell (fx, poe_board_text_new (0.0f, FALSE));
  GtkWidget *coming_chip = add_cell (fx, poe_board_text_new (0.0f, FALSE));
  GtkWidget *past_chip = add_cell (fx, poe_board_text_new (0.0f, FALSE));
  g_autoptr(GskRenderNode) coming_node = NULL;
  g_autoptr(GskRenderNode) past_node = NULL;
  g_autoptr(GskRenderNode) coming_chip_node = NULL;
  g_autoptr(GskRenderNode) past_chip_node = NULL;
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  double expected = high_contrast ? 0.9 : 0.55;
  ColourOf coming_text = { GSK_TEXT_NODE, }, past_text = { GSK_TEXT_NODE, };
  ColourOf coming_background = { GSK_COLOR_NODE, }, past_background = { GSK_COLOR_NODE, };
  double ratio;

  gtk_widget_add_css_class (fx->box, "board");
  gtk_widget_add_css_class (past, "poe-past");
  poe_board_text_set_text (POE_BOARD_TEXT (coming), "QR 701");
  poe_board_text_set_text (POE_BOARD_TEXT (past), "QR 699");
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *chip = i == 0 ? coming_chip : past_chip;

      gtk_widget_add_css_class (chip, "chip");
      gtk_widget_add_css_class (chip, "chip-success");
      poe_board_text_set_text (POE_BOARD_TEXT (chip), "At gate");
    }
  gtk_widget_add_css_class (past_chip, "poe-past");
  take_screenshot (fx, "board-cells-past");

  coming_node = poe_test_snapshot_node (coming);
  past_node = poe_test_snapshot_node (past);
  g_assert_cmpuint (poe_test_count_nodes (coming_node, take_colour, &coming_text), ==, 1);
  g_assert_cmpuint (poe_test_count_nodes (past_node, take_colour, &past_text), ==, 1);
  g_assert_cmpuint (poe_test_count_nodes (past_node, poe_test_node_has_type, GINT_TO_POINTER (GSK_OPACITY_NODE)), ==, 0);

  ratio = past_text.colour.alpha / coming_text.colour.alpha;
  g_test_message ("past text alpha %.3f, coming %.3f", past_text.colour.alpha, coming_text.colour.alpha);
  g_assert_cmpfloat_with_epsilon (ratio, expected, 0.02);
  g_assert_cmpfloat_with_epsilon (past_text.colour.red, coming_text.colour.red, 0.01);

  /* A past chip's background fades by as much (style-hc.css redefines its colours). */
  coming_chip_node = poe_test_snapshot_node (coming_chip);
  past_chip_node = poe_test_snapshot_node (past_chip);
  g_assert_cmpuint (poe_test_count_nodes (coming_chip_node, take_colour, &coming_background), ==, 1);
  g_assert_cmpuint (poe_test_count_nodes (past_chip_node, take_colour, &past_background), ==, 1);
  g_test_message ("past chip alpha %.3f, coming %.3f", past_background.colour.alpha, coming_background.colour.alpha);
  g_assert_cmpfloat_with_epsilon (past_background.colour.alpha / coming_background.colour.alpha, expected, 0.05);
}

static void
test_needs (Fixture       *fx,
            gconstpointer  data)
{
  const char * const languages[] = { "ar", "so", NULL };
  GtkWidget *widget = add_cell (fx, poe_board_needs_new ());
  PoeBoardNeeds *needs = POE_BOARD_NEEDS (widget);
  g_autofree char *description = NULL;
  int width, first, last;

  gtk_widget_set_size_request (widget, -1, -1);
  g_assert_cmpuint (poe_board_needs_get_n_items (needs), ==, 0);
  g_assert_false (gtk_widget_get_has_tooltip (widget));

  /* A count of 0 is left out. */
  poe_board_needs_set (needs, 2, 0, 1, languages);
  g_assert_cmpuint (poe_board_needs_get_n_items (needs), ==, 3);
  g_assert_cmpstr (poe_board_needs_get_item_icon (needs, 0), ==, "preferences-desktop-accessibility-symbolic");
  g_assert_cmpstr (poe_board_needs_get_item_text (needs, 0), ==, "2");
  g_assert_cmpstr (poe_board_needs_get_item_tooltip (needs, 0), ==, _("Wheelchair"));
  g_assert_cmpstr (poe_board_needs_get_item_icon (needs, 1), ==, "avatar-default-symbolic");
  g_assert_cmpstr (poe_board_needs_get_item_text (needs, 1), ==, "1");
  g_assert_cmpstr (poe_board_needs_get_item_tooltip (needs, 1), ==, _("Unaccompanied minor"));
  g_assert_cmpstr (poe_board_needs_get_item_icon (needs, 2), ==, "preferences-desktop-locale-symbolic");
  g_assert_cmpstr (poe_board_needs_get_item_text (needs, 2), ==, "Arabic, Somali");
  g_assert_cmpstr (poe_board_needs_get_item_tooltip (needs, 2), ==, _("Interpreter needed"));
  g_assert_true (gtk_widget_get_has_tooltip (widget));

  description = poe_board_needs_dup_description (needs);
  g_assert_cmpstr (description, ==, "Wheelchair: 2; Unaccompanied minor: 1; Interpreter needed: Arabic, Somali");

  /* As wide as three 16-pixel icons, their texts and 4 pixels between each. */
  take_screenshot (fx, "board-cells-needs");
  width = natural_width (widget);
  g_assert_cmpint (width, ==, 3 * 16 + 5 * 4 + text_width (widget, "2") + text_width (widget, "1") +
                              text_width (widget, "Arabic, Somali"));
  g_assert_cmpint (gtk_widget_get_width (widget), ==, width);

  /* The need under the pointer: the first at the start, the languages at the end. */
  g_assert_cmpint (poe_board_needs_get_item_at (needs, 0), ==, 0);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, 16 + 4), ==, 0);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, 16 + 4 + text_width (widget, "2") + 4), ==, 1);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, width - 1), ==, 2);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, width + 20), ==, -1);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, -1), ==, -1);

  /* It paints from its first pixel (the first icon) to its last (the languages). */
  painted_columns (fx, widget, &first, &last);
  g_assert_cmpint (first, >=, 0);
  g_assert_cmpint (first, <=, 3);
  g_assert_cmpint (last, >=, width - 3);

  /* Right to left, the first need is at the right. */
  gtk_widget_set_direction (widget, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, width - 1), ==, 0);
  g_assert_cmpint (poe_board_needs_get_item_at (needs, 0), ==, 2);
  gtk_widget_set_direction (widget, GTK_TEXT_DIR_LTR);

  /* New values replace the old; none at all leave the cell empty. */
  poe_board_needs_set (needs, 0, 3, 0, NULL);
  g_assert_cmpuint (poe_board_needs_get_n_items (needs), ==, 1);
  g_assert_cmpstr (poe_board_needs_get_item_icon (needs, 0), ==, "face-sick-symbolic");
  g_assert_cmpstr (poe_board_needs_get_item_text (needs, 0), ==, "3");
  poe_board_needs_set (needs, 0, 0, 0, NULL);
  g_assert_cmpuint (poe_board_needs_get_n_items (needs), ==, 0);
  g_assert_cmpint (natural_width (widget), ==, 0);
  g_assert_false (gtk_widget_get_has_tooltip (widget));
  g_assert_cmpint (poe_board_needs_get_item_at (needs, 0), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/board-cells/text", test_text);
  ADD ("/ui/board-cells/needs", test_needs);
  ADD ("/ui/board-cells/past", test_past);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
