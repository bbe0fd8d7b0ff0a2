/* poe-lock-page.c
 *
 * What the window shows while locked: nothing of the families, only the signed-in user name,
 * a password field and a way to sign out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-lock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-lock-page.h"

struct _PoeLockPage
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkLabel    *user_label;
  AdwEntryRow *password_row;
  GtkRevealer *error_revealer;
  GtkLabel    *error_label;
  GtkButton   *unlock_button;
  GtkButton   *sign_out_button;
};

G_DEFINE_FINAL_TYPE (PoeLockPage, poe_lock_page, GTK_TYPE_WIDGET)

enum {
  UNLOCK,
  SIGN_OUT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Callbacks
 */

static void
unlock_activated_cb (PoeLockPage *self)
{
  const char *password;

  g_assert (POE_IS_LOCK_PAGE (self));

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (password[0] == '\0')
    return;

  g_signal_emit (self, signals[UNLOCK], 0, password);
}

static void
password_changed_cb (PoeLockPage *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  g_assert (POE_IS_LOCK_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), password[0] != '\0');
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
sign_out_clicked_cb (PoeLockPage *self)
{
  g_assert (POE_IS_LOCK_PAGE (self));

  g_signal_emit (self, signals[SIGN_OUT], 0);
}


/*
 * GObject overrides
 */

static void
poe_lock_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_LOCK_PAGE);

  /* The template's top box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (poe_lock_page_parent_class)->dispose (object);
}

static gboolean
poe_lock_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (POE_LOCK_PAGE (widget)->password_row));
}

static void
poe_lock_page_class_init (PoeLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_lock_page_dispose;
  widget_class->grab_focus = poe_lock_page_grab_focus;

  /**
   * PoeLockPage::unlock:
   * @password: what the user typed
   */
  signals[UNLOCK] =
    g_signal_new ("unlock",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals[SIGN_OUT] =
    g_signal_new ("sign-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/session/poe-lock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeLockPage, user_label);
  gtk_widget_class_bind_template_child (widget_class, PoeLockPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PoeLockPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeLockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeLockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, PoeLockPage, sign_out_button);
  gtk_widget_class_bind_template_callback (widget_class, unlock_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
}

static void
poe_lock_page_init (PoeLockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

void
poe_lock_page_set_username (PoeLockPage *self,
                            const char  *username)
{
  g_autofree char *text = NULL;

  g_return_if_fail (POE_IS_LOCK_PAGE (self));

  /* Translators: %s is the user name of the staff member signed in */
  text = g_strdup_printf (_("Signed in as %s. Enter your password to unlock."), username ? username : "");
  gtk_label_set_label (self->user_label, text);
}

void
poe_lock_page_reset (PoeLockPage *self)
{
  g_return_if_fail (POE_IS_LOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

void
poe_lock_page_show_error (PoeLockPage *self,
                          const char  *message)
{
  g_return_if_fail (POE_IS_LOCK_PAGE (self));

  /* Clearing the field hides any message, so the message comes after. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
