/* poe-shifts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-shifts-page.h"

struct _PoeShiftsPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (PoeShiftsPage, poe_shifts_page, GTK_TYPE_WIDGET)


/*
 * GObject overrides
 */

static void
poe_shifts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_SHIFTS_PAGE);

  G_OBJECT_CLASS (poe_shifts_page_parent_class)->dispose (object);
}

static void
poe_shifts_page_class_init (PoeShiftsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_shifts_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/shifts/poe-shifts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, status_page);
}

static void
poe_shifts_page_init (PoeShiftsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
