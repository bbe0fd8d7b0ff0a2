/* poe-read-error.c
 *
 * What the user sees when the local store could not be read, instead of an empty list:
 * PoeReadErrorPage takes the place of a view whose content failed (the board, the families,
 * a family, a flight…) and offers "Try Again"; poe_read_error_report() hands a failure of a
 * read around a view (a row's detail, a dialog's names, the sync popover) to the window,
 * which shows it in a bar above the pages. Both say the store's own words and what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-read-error"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-accessible.h"
#include "poe-read-error.h"

struct _PoeReadErrorPage
{
  GtkWidget      parent_instance;

  char          *text;

  /* Template widgets */
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (PoeReadErrorPage, poe_read_error_page, GTK_TYPE_WIDGET)

enum {
  RETRY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Callbacks
 */

static void
retry_clicked_cb (PoeReadErrorPage *self)
{
  g_assert (POE_IS_READ_ERROR_PAGE (self));

  g_signal_emit (self, signals[RETRY], 0);
}


/*
 * GObject overrides
 */

static void
poe_read_error_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_READ_ERROR_PAGE);

  G_OBJECT_CLASS (poe_read_error_page_parent_class)->dispose (object);
}

static void
poe_read_error_page_finalize (GObject *object)
{
  g_free (POE_READ_ERROR_PAGE (object)->text);

  G_OBJECT_CLASS (poe_read_error_page_parent_class)->finalize (object);
}

static void
poe_read_error_page_class_init (PoeReadErrorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_read_error_page_dispose;
  object_class->finalize = poe_read_error_page_finalize;

  /**
   * PoeReadErrorPage::retry:
   *
   * "Try Again" was clicked: the view reads the store again.
   */
  signals[RETRY] =
    g_signal_new ("retry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/common/poe-read-error-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeReadErrorPage, status_page);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
poe_read_error_page_init (PoeReadErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  poe_accessible_name_mnemonic_buttons (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
poe_read_error_page_new (void)
{
  return g_object_new (POE_TYPE_READ_ERROR_PAGE, NULL);
}

/**
 * poe_read_error_page_set_error:
 * @error: the failure of the read, in %POE_STORE_ERROR
 *
 * Shows @error's words and what to do about it.
 */
void
poe_read_error_page_set_error (PoeReadErrorPage *self,
                               const GError     *error)
{
  g_autofree char *description = NULL;

  g_return_if_fail (POE_IS_READ_ERROR_PAGE (self));
  g_return_if_fail (error != NULL);

  g_free (self->text);
  self->text = poe_read_error_dup_text (error);

  /* Translators: under "The Local Data Could Not Be Read"; %s is the store's own words */
  description = g_strdup_printf (_("%s\n\nRestart POE Desk; if it keeps happening, sign out and in again to rebuild it."),
                                 error->message);
  adw_status_page_set_description (self->status_page, description);
}

/**
 * poe_read_error_page_get_text:
 *
 * Returns: (nullable): the message shown, as poe_read_error_dup_text() words it
 */
const char *
poe_read_error_page_get_text (PoeReadErrorPage *self)
{
  g_return_val_if_fail (POE_IS_READ_ERROR_PAGE (self), NULL);

  return self->text;
}

/**
 * poe_read_error_dup_text:
 * @error: the failure of a read of the local store
 *
 * Returns: (transfer full): "The local data could not be read: …", with the store's words
 *   and what to do
 */
char *
poe_read_error_dup_text (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* Translators: a read of the local database failed; %s is the database's own words */
  return g_strdup_printf (_("The local data could not be read: %s Restart POE Desk; if it keeps happening, "
                            "sign out and in again to rebuild it."),
                          error->message);
}

/**
 * poe_read_error_report:
 * @widget: the widget whose read failed, in the main window or in a dialog of it
 * @error: the failure
 *
 * Shows @error in the main window's bar ("win.show-read-error"), for reads that are not a
 * view's whole content: what did read is still shown, and the bar says what is missing.
 *
 * Returns: whether a window took it; %FALSE only for a widget in no window yet
 */
gboolean
poe_read_error_report (GtkWidget    *widget,
                       const GError *error)
{
  g_autofree char *text = NULL;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  text = poe_read_error_dup_text (error);
  if (gtk_widget_activate_action (widget, "win.show-read-error", "s", text))
    return TRUE;

  /* A dialog passes it to the window it belongs to. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL &&
      gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root))),
                                  "win.show-read-error", "s", text))
    return TRUE;

  g_warning ("%s", text);
  return FALSE;
}
