/* poe-sign-in-page.c
 *
 * The first-run form: server address, user name and password. It only checks what can be
 * checked without the network and hands the rest to whoever listens to ::sign-in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-core.h"
#include "poe-sign-in-page.h"

struct _PoeSignInPage
{
  GtkWidget    parent_instance;

  gboolean     busy;

  /* Template widgets */
  AdwEntryRow *server_row;
  AdwEntryRow *username_row;
  AdwEntryRow *password_row;
  GtkRevealer *error_revealer;
  GtkLabel    *error_label;
  GtkButton   *sign_in_button;
  GtkSpinner  *spinner;
};

G_DEFINE_FINAL_TYPE (PoeSignInPage, poe_sign_in_page, GTK_TYPE_WIDGET)

enum {
  SIGN_IN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Auxiliary methods
 */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
form_is_filled (PoeSignInPage *self)
{
  return row_text (self->server_row)[0] != '\0' &&
         row_text (self->username_row)[0] != '\0' &&
         row_text (self->password_row)[0] != '\0';
}

static void
reveal_message (PoeSignInPage *self,
                const char    *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
update_sensitivity (PoeSignInPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !self->busy && form_is_filled (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
}


/*
 * Callbacks
 */

static void
sign_in_clicked_cb (PoeSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *username = NULL;

  g_assert (POE_IS_SIGN_IN_PAGE (self));

  if (self->busy || !form_is_filled (self))
    return;

  url = poe_validate_server_url (row_text (self->server_row), &error);
  if (url == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
      reveal_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  username = g_strstrip (g_strdup (row_text (self->username_row)));

  g_signal_emit (self, signals[SIGN_IN], 0, url, username, row_text (self->password_row));
}

static void
entry_activated_cb (PoeSignInPage *self,
                    AdwEntryRow   *row)
{
  g_assert (POE_IS_SIGN_IN_PAGE (self));

  if (form_is_filled (self))
    sign_in_clicked_cb (self);
  else if (row == self->server_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else if (row == self->username_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
entry_changed_cb (PoeSignInPage *self)
{
  g_assert (POE_IS_SIGN_IN_PAGE (self));

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  update_sensitivity (self);
}


/*
 * GObject overrides
 */

static void
poe_sign_in_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_SIGN_IN_PAGE);

  /* The template's top box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (poe_sign_in_page_parent_class)->dispose (object);
}

static gboolean
poe_sign_in_page_grab_focus (GtkWidget *widget)
{
  PoeSignInPage *self = POE_SIGN_IN_PAGE (widget);

  if (row_text (self->server_row)[0] == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  if (row_text (self->username_row)[0] == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->username_row));

  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
poe_sign_in_page_class_init (PoeSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_sign_in_page_dispose;
  widget_class->grab_focus = poe_sign_in_page_grab_focus;

  /**
   * PoeSignInPage::sign-in:
   * @server_url: the checked server address
   * @username: the user name
   * @password: the password, to be used once and forgotten
   */
  signals[SIGN_IN] =
    g_signal_new ("sign-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/session/poe-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PoeSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
poe_sign_in_page_init (PoeSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

void
poe_sign_in_page_set_defaults (PoeSignInPage *self,
                               const char    *server_url,
                               const char    *username)
{
  g_return_if_fail (POE_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url ? server_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  update_sensitivity (self);
}

void
poe_sign_in_page_set_busy (PoeSignInPage *self,
                           gboolean       busy)
{
  g_return_if_fail (POE_IS_SIGN_IN_PAGE (self));

  self->busy = !!busy;

  /* The focused field is about to become insensitive; GTK 4.8 does not move the focus away
   * itself and its text cursor then complains. */
  if (self->busy && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  if (self->busy)
    gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  update_sensitivity (self);
}

/**
 * poe_sign_in_page_show_error:
 *
 * Shows why signing in failed. The password is cleared: it was wrong, or it should not
 * stay on screen.
 */
void
poe_sign_in_page_show_error (PoeSignInPage *self,
                             const char    *message)
{
  g_return_if_fail (POE_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (message != NULL);

  poe_sign_in_page_set_busy (self, FALSE);
  /* Clearing the field hides any message, so the message comes after. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  reveal_message (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
