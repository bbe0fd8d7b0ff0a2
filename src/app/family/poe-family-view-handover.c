/* poe-family-view-handover.c
 *
 * The family view's hand-over part: who holds the family and its documents now (custody),
 * its vouchers, and the Hand Off… and Report Anomaly… actions. These need the session
 * (the giver, the author), so they show only when the view has one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include "escorts/poe-handoff-dialog.h"
#include "incidents/poe-anomaly-dialog.h"

#include "poe-family-view-private.h"


/*
 * Auxiliary methods
 */

static void
present_transient (PoeFamilyView *self,
                   GtkWindow     *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
      gtk_window_set_modal (dialog, TRUE);
    }
  gtk_window_present (dialog);
}


/*
 * Callbacks
 */

static void
hand_off_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);

  if (self->session == NULL || self->case_id == NULL)
    return;

  present_transient (self, GTK_WINDOW (poe_handoff_dialog_new (self->session, self->case_id, NULL)));
}

static void
report_anomaly_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);

  if (self->session == NULL || self->case_id == NULL)
    return;

  present_transient (self, GTK_WINDOW (poe_anomaly_dialog_new (self->session, NULL, self->case_id)));
}


/*
 * Family view internals
 */

void
_poe_family_view_class_init_handover (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, custody_group);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, vouchers_group);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, custody_view);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, vouchers_view);
  gtk_widget_class_install_action (widget_class, "family.hand-off", NULL, hand_off_action_cb);
  gtk_widget_class_install_action (widget_class, "family.report-anomaly", NULL, report_anomaly_action_cb);

  g_type_ensure (POE_TYPE_CUSTODY_VIEW);
  g_type_ensure (POE_TYPE_VOUCHERS_VIEW);
}

void
_poe_family_view_update_handover (PoeFamilyView *self)
{
  gboolean shown = self->session != NULL && self->case_id != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->custody_group), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->vouchers_group), shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.hand-off", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "family.report-anomaly", shown);
  if (!shown)
    return;

  poe_custody_view_set_case (self->custody_view, self->session, self->case_id);
  poe_vouchers_view_set_case (self->vouchers_view, self->session, self->case_id);
}
