/* poe-incidents-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-incidents-page.h"

struct _PoeIncidentsPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (PoeIncidentsPage, poe_incidents_page, GTK_TYPE_WIDGET)


/*
 * GObject overrides
 */

static void
poe_incidents_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_INCIDENTS_PAGE);

  G_OBJECT_CLASS (poe_incidents_page_parent_class)->dispose (object);
}

static void
poe_incidents_page_class_init (PoeIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_incidents_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/incidents/poe-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, status_page);
}

static void
poe_incidents_page_init (PoeIncidentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
