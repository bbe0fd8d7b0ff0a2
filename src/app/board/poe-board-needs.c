/* poe-board-needs.c
 *
 * A row of the board needs up to four icons, each with a count or the interpreter
 * languages. As a box of images and labels that was up to eight widgets a row, each with
 * its CSS node, accessible object and layout pass, for a good part of the first frame. This
 * one widget measures and paints them itself: the icons from the icon theme, coloured as a
 * symbolic GtkImage is, and the texts as Pango layouts in the widget's font. It tells the
 * need under the pointer as a tooltip, and all of them to assistive technologies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-board-needs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "poe-board-needs.h"
#include "poe-language.h"

#define ICON_SIZE 16
#define SPACING   4   /* between an icon and its text, and between needs */
#define MAX_NEEDS 4

typedef struct
{
  const char  *icon_name;  /* static */
  const char  *tooltip;    /* static, translated */
  char        *text;
  PangoLayout *layout;     /* nullable: made when first measured */
} Need;

struct _PoeBoardNeeds
{
  GtkWidget parent_instance;

  Need      needs[MAX_NEEDS];
  guint     n_needs;
};

G_DEFINE_FINAL_TYPE (PoeBoardNeeds, poe_board_needs, GTK_TYPE_WIDGET)


/*
 * Auxiliary methods
 */

static void
need_clear (Need *need)
{
  g_clear_pointer (&need->text, g_free);
  g_clear_object (&need->layout);
}

static PangoLayout *
need_ensure_layout (PoeBoardNeeds *self,
                    Need          *need)
{
  if (need->layout == NULL)
    need->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), need->text);

  return need->layout;
}

static int
need_text_width (PoeBoardNeeds *self,
                 Need          *need)
{
  int width;

  pango_layout_get_pixel_size (need_ensure_layout (self, need), &width, NULL);
  return width;
}

/* The start of each need from the leading edge, and the end of the last one. */
static int
need_start (PoeBoardNeeds *self,
            guint          position)
{
  int x = 0;

  for (guint i = 0; i < position && i < self->n_needs; i++)
    x += ICON_SIZE + SPACING + need_text_width (self, &self->needs[i]) + SPACING;

  return x;
}

static int
natural_width (PoeBoardNeeds *self)
{
  return self->n_needs > 0 ? need_start (self, self->n_needs) - SPACING : 0;
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const GdkRGBA   *fallback,
              GdkRGBA         *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, name, color))
    *color = *fallback;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
add_need (Need       *needs,
          guint      *n_needs,
          const char *icon_name,
          const char *tooltip,
          char       *text)
{
  g_assert (*n_needs < MAX_NEEDS);

  needs[*n_needs] = (Need) { .icon_name = icon_name, .tooltip = tooltip, .text = text };
  (*n_needs)++;
}

static void
add_count (Need       *needs,
           guint      *n_needs,
           const char *icon_name,
           const char *tooltip,
           guint       count)
{
  if (count > 0)
    add_need (needs, n_needs, icon_name, tooltip, g_strdup_printf ("%u", count));
}


/*
 * GtkWidget overrides
 */

static void
poe_board_needs_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  PoeBoardNeeds *self = POE_BOARD_NEEDS (widget);
  int size = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      size = natural_width (self);
    }
  else
    {
      for (guint i = 0; i < self->n_needs; i++)
        {
          int height;

          pango_layout_get_pixel_size (need_ensure_layout (self, &self->needs[i]), NULL, &height);
          size = MAX (size, MAX (height, ICON_SIZE));
        }
    }

  *minimum = *natural = size;
}

static void
poe_board_needs_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  PoeBoardNeeds *self = POE_BOARD_NEEDS (widget);
  GtkIconTheme *theme;
  GtkStyleContext *context;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA colors[4];
  int x = 0;

  if (self->n_needs == 0)
    return;

  /* The colours a symbolic GtkImage gets: the text's, then error, warning and success. */
  context = gtk_widget_get_style_context (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &colors[0]);
  G_GNUC_END_IGNORE_DEPRECATIONS
  lookup_color (context, "error_color", &colors[0], &colors[1]);
  lookup_color (context, "warning_color", &colors[0], &colors[2]);
  lookup_color (context, "success_color", &colors[0], &colors[3]);

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  for (guint i = 0; i < self->n_needs; i++)
    {
      Need *need = &self->needs[i];
      g_autoptr(GtkIconPaintable) icon = NULL;
      int text_width, text_height;

      pango_layout_get_pixel_size (need_ensure_layout (self, need), &text_width, &text_height);

      icon = gtk_icon_theme_lookup_icon (theme, need->icon_name, NULL, ICON_SIZE,
                                         gtk_widget_get_scale_factor (widget),
                                         gtk_widget_get_direction (widget), 0);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (rtl ? width - x - ICON_SIZE : x,
                                                    (height - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                                ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
      gtk_snapshot_restore (snapshot);
      x += ICON_SIZE + SPACING;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (rtl ? width - x - text_width : x,
                                                    (height - text_height) / 2));
      gtk_snapshot_append_layout (snapshot, need->layout, &colors[0]);
      gtk_snapshot_restore (snapshot);
      x += text_width + SPACING;
    }
}

static gboolean
poe_board_needs_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_tooltip,
                               GtkTooltip *tooltip)
{
  PoeBoardNeeds *self = POE_BOARD_NEEDS (widget);
  g_autofree char *description = NULL;
  int position;

  if (keyboard_tooltip)
    {
      description = poe_board_needs_dup_description (self);
      gtk_tooltip_set_text (tooltip, description);
      return self->n_needs > 0;
    }

  position = poe_board_needs_get_item_at (self, x);
  if (position < 0)
    return FALSE;

  /* The area of this need: moving onto the next one asks again. */
  {
    int start = need_start (self, position);
    int end = need_start (self, position + 1);
    int width = gtk_widget_get_width (widget);
    GdkRectangle area = { start, 0, end - start, gtk_widget_get_height (widget) };

    if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
      area.x = width - end;
    gtk_tooltip_set_tip_area (tooltip, &area);
  }

  gtk_tooltip_set_text (tooltip, self->needs[position].tooltip);
  return TRUE;
}


/*
 * GObject overrides
 */

static void
poe_board_needs_finalize (GObject *object)
{
  PoeBoardNeeds *self = POE_BOARD_NEEDS (object);

  for (guint i = 0; i < self->n_needs; i++)
    need_clear (&self->needs[i]);

  G_OBJECT_CLASS (poe_board_needs_parent_class)->finalize (object);
}

static void
poe_board_needs_class_init (PoeBoardNeedsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = poe_board_needs_finalize;

  widget_class->measure = poe_board_needs_measure;
  widget_class->snapshot = poe_board_needs_snapshot;
  widget_class->query_tooltip = poe_board_needs_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "poe-board-needs");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
poe_board_needs_init (PoeBoardNeeds *self)
{
}


/*
 * Public API
 */

/**
 * poe_board_needs_new:
 *
 * Returns: (transfer floating): a Needs cell that shows no need yet
 */
GtkWidget *
poe_board_needs_new (void)
{
  return g_object_new (POE_TYPE_BOARD_NEEDS, NULL);
}

/**
 * poe_board_needs_set:
 * @languages: (nullable) (array zero-terminated=1): the interpreter languages needed
 *
 * Shows the needs of a flight's families: those with a count of 0 are left out.
 */
void
poe_board_needs_set (PoeBoardNeeds      *self,
                     guint               n_wheelchair,
                     guint               n_medical,
                     guint               n_urm,
                     const char * const *languages)
{
  g_autofree char *description = NULL;
  Need needs[MAX_NEEDS];
  guint n_needs = 0;
  gboolean same;

  g_return_if_fail (POE_IS_BOARD_NEEDS (self));

  add_count (needs, &n_needs, "preferences-desktop-accessibility-symbolic", _("Wheelchair"), n_wheelchair);
  add_count (needs, &n_needs, "face-sick-symbolic", _("Medical case"), n_medical);
  add_count (needs, &n_needs, "avatar-default-symbolic", _("Unaccompanied minor"), n_urm);
  if (languages != NULL && languages[0] != NULL)
    add_need (needs, &n_needs, "preferences-desktop-locale-symbolic", _("Interpreter needed"),
              poe_language_dup_names (languages));

  /* A row that changed in other ways keeps its layouts, and its size. */
  same = n_needs == self->n_needs;
  for (guint i = 0; same && i < n_needs; i++)
    same = needs[i].icon_name == self->needs[i].icon_name && g_str_equal (needs[i].text, self->needs[i].text);

  if (same)
    {
      for (guint i = 0; i < n_needs; i++)
        need_clear (&needs[i]);
      return;
    }

  for (guint i = 0; i < self->n_needs; i++)
    need_clear (&self->needs[i]);
  memcpy (self->needs, needs, sizeof needs[0] * n_needs);
  self->n_needs = n_needs;

  description = poe_board_needs_dup_description (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), n_needs > 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
poe_board_needs_get_n_items (PoeBoardNeeds *self)
{
  g_return_val_if_fail (POE_IS_BOARD_NEEDS (self), 0);

  return self->n_needs;
}

/**
 * poe_board_needs_get_item_text:
 *
 * Returns: the count or the languages shown beside the @position-th icon
 */
const char *
poe_board_needs_get_item_text (PoeBoardNeeds *self,
                               guint          position)
{
  g_return_val_if_fail (POE_IS_BOARD_NEEDS (self), NULL);
  g_return_val_if_fail (position < self->n_needs, NULL);

  return self->needs[position].text;
}

/**
 * poe_board_needs_get_item_tooltip:
 *
 * Returns: what the @position-th icon stands for, as its tooltip says
 */
const char *
poe_board_needs_get_item_tooltip (PoeBoardNeeds *self,
                                  guint          position)
{
  g_return_val_if_fail (POE_IS_BOARD_NEEDS (self), NULL);
  g_return_val_if_fail (position < self->n_needs, NULL);

  return self->needs[position].tooltip;
}

const char *
poe_board_needs_get_item_icon (PoeBoardNeeds *self,
                               guint          position)
{
  g_return_val_if_fail (POE_IS_BOARD_NEEDS (self), NULL);
  g_return_val_if_fail (position < self->n_needs, NULL);

  return self->needs[position].icon_name;
}

/**
 * poe_board_needs_get_item_at:
 * @x: a position across the widget, in its coordinates
 *
 * Returns: the need drawn at @x (its icon, its text or the space after them), or -1
 */
int
poe_board_needs_get_item_at (PoeBoardNeeds *self,
                             int            x)
{
  g_return_val_if_fail (POE_IS_BOARD_NEEDS (self), -1);

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    x = gtk_widget_get_width (GTK_WIDGET (self)) - x;

  for (guint i = 0; x >= 0 && i < self->n_needs; i++)
    {
      if (x < need_start (self, i + 1))
        return (int) i;
    }

  return -1;
}

/**
 * poe_board_needs_dup_description:
 *
 * Returns: (transfer full): every need shown, in words, as assistive technologies read it
 */
char *
poe_board_needs_dup_description (PoeBoardNeeds *self)
{
  GString *description = g_string_new (NULL);

  g_return_val_if_fail (POE_IS_BOARD_NEEDS (self), NULL);

  for (guint i = 0; i < self->n_needs; i++)
    {
      if (i > 0)
        /* Translators: between two needs of a flight, as a screen reader reads the board */
        g_string_append (description, _("; "));
      /* Translators: a need of a flight's families and its count or languages, e.g.
       * "Wheelchair: 2" or "Interpreter needed: Arabic, Somali" */
      g_string_append_printf (description, _("%s: %s"), self->needs[i].tooltip, self->needs[i].text);
    }

  return g_string_free (description, FALSE);
}
