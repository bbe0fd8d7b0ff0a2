/* poe-conflicts-window.c
 *
 * The conflicts inbox: each field a push could not apply because someone changed it on the
 * server since (DESIGN §3), with the server's value and the user's, and three answers — keep
 * mine, take theirs, or edit a new value — each resolved by poe_store_resolve_conflict(),
 * which queues the answer like any write. A failure says so in a toast and keeps the
 * conflict.
 * Times are the signed-in user's POE's; a read that fails shows PoeReadErrorPage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-labels.h"
#include "common/poe-read-error.h"

#include "poe-conflicts-window.h"

struct _PoeConflictsWindow
{
  AdwWindow         parent_instance;

  PoeStore         *store;
  guint             count;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkListBox       *list;
  PoeReadErrorPage *error_page;
};

G_DEFINE_FINAL_TYPE (PoeConflictsWindow, poe_conflicts_window, ADW_TYPE_WINDOW)

static void rebuild (PoeConflictsWindow *self);


/*
 * Auxiliary methods
 */

/* A JSON value as text: strings without quotes, lists joined, nothing as "(empty)". */
static char *
value_text (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *other = NULL;

          if (i > 0)
            g_string_append (text, ", ");
          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append (text, json_node_get_string (element));
          else
            g_string_append (text, (other = json_to_string (element, FALSE)));
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return json_to_string (node, FALSE);
}

static GtkWidget *
new_value_label (const char *prefix,
                 const char *json)
{
  g_autofree char *value = value_text (json);
  g_autofree char *text = g_strdup_printf ("%s %s", prefix, value);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  return label;
}

static void
resolve (PoeConflictsWindow    *self,
         const char            *conflict_id,
         PoeConflictResolution  resolution,
         const char            *edited)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;

  if (resolution == POE_CONFLICT_EDIT)
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, edited);
    }

  if (!poe_store_resolve_conflict (self->store, conflict_id, resolution, value, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The conflict could not be resolved: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  rebuild (self);
}


/*
 * Callbacks
 */

static void
keep_mine_clicked_cb (GtkButton          *button,
                      PoeConflictsWindow *self)
{
  resolve (self, g_object_get_data (G_OBJECT (button), "conflict-id"), POE_CONFLICT_KEEP_MINE, NULL);
}

static void
take_theirs_clicked_cb (GtkButton          *button,
                        PoeConflictsWindow *self)
{
  resolve (self, g_object_get_data (G_OBJECT (button), "conflict-id"), POE_CONFLICT_TAKE_THEIRS, NULL);
}

static void
edit_activated_cb (GtkEntry           *entry,
                   PoeConflictsWindow *self)
{
  resolve (self, g_object_get_data (G_OBJECT (entry), "conflict-id"), POE_CONFLICT_EDIT,
           gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
edit_clicked_cb (GtkButton *button,
                 GtkEntry  *entry)
{
  gtk_widget_set_visible (GTK_WIDGET (entry), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}


/*
 * Rows
 */

static GtkWidget *
new_button (PoeConflictsWindow *self,
            const char         *label,
            const char         *conflict_id,
            GCallback           callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data_full (G_OBJECT (button), "conflict-id", g_strdup (conflict_id), g_free);
  g_signal_connect (button, "clicked", callback, self);

  return button;
}

static GtkWidget *
new_edit_entry (PoeConflictsWindow *self,
                const PoeConflict  *conflict)
{
  g_autofree char *mine = value_text (conflict->local_value);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), mine);
  gtk_widget_set_visible (entry, FALSE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("New value, then Enter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New value"),
                                  -1);
  g_object_set_data_full (G_OBJECT (entry), "conflict-id", g_strdup (conflict->id), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (edit_activated_cb), self);

  return entry;
}

/* @subject: what the conflict is about, from poe_change_describe() */
static GtkWidget *
new_conflict_row (PoeConflictsWindow *self,
                  const PoeConflict  *conflict,
                  const char         *subject,
                  GTimeZone          *zone)
{
  g_autofree char *field = poe_field_label (conflict->field);
  g_autofree char *title = g_strdup_printf ("%s · %s", subject, field);
  g_autofree char *when = poe_format_time (conflict->server_at, zone, "%H:%M");
  g_autofree char *theirs = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *entry = new_edit_entry (self, conflict);
  GtkWidget *edit;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  gtk_box_append (GTK_BOX (box), new_value_label (_("Yours:"), conflict->local_value));
  /* Translators: "Server (14:05):" — the value someone else saved, and when */
  theirs = g_strdup_printf (_("Server (%s):"), when);
  gtk_box_append (GTK_BOX (box), new_value_label (theirs, conflict->server_value));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Keep Mine"), conflict->id, G_CALLBACK (keep_mine_clicked_cb)));
  gtk_box_append (GTK_BOX (buttons), new_button (self, _("_Take Theirs"), conflict->id, G_CALLBACK (take_theirs_clicked_cb)));
  edit = gtk_button_new_with_mnemonic (_("_Edit…"));
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked_cb), entry);
  gtk_box_append (GTK_BOX (buttons), edit);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), entry);

  return box;
}

static void
show_error (PoeConflictsWindow *self,
            const GError       *error)
{
  self->count = 0;
  poe_read_error_page_set_error (self->error_page, error);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
rebuild (PoeConflictsWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  self->count = 0;
  if (self->store != NULL &&
      (!(zone = poe_store_dup_poe_time_zone (self->store, NULL, &error)) ||
       !(conflicts = poe_store_list_conflicts (self->store, &error))))
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      PoeConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *what = NULL;
      g_autofree char *family = NULL;
      g_autofree char *subject = NULL;

      if (!poe_change_describe (self->store, conflict->entity, conflict->record_id, &what, &family, &error))
        {
          show_error (self, error);
          return;
        }
      /* Translators: what a conflict is about: "Family member: B. M. · Family 2026-0142 (A. K.)" */
      if (family == NULL)
        subject = g_strdup (what);
      else if (g_str_equal (conflict->entity, "case"))
        subject = g_strdup (family);
      else
        subject = g_strdup_printf (_("%1$s · %2$s"), what, family);
      gtk_list_box_append (self->list, new_conflict_row (self, conflict, subject, zone));
      self->count++;
    }

  gtk_stack_set_visible_child_name (self->stack, self->count > 0 ? "list" : "empty");
}


/*
 * GObject overrides
 */

static void
poe_conflicts_window_dispose (GObject *object)
{
  PoeConflictsWindow *self = POE_CONFLICTS_WINDOW (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_CONFLICTS_WINDOW);

  G_OBJECT_CLASS (poe_conflicts_window_parent_class)->dispose (object);
}

static void
poe_conflicts_window_class_init (PoeConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_conflicts_window_dispose;

  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sync/poe-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PoeConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeConflictsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, PoeConflictsWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, rebuild);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
poe_conflicts_window_init (PoeConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

PoeConflictsWindow *
poe_conflicts_window_new (PoeStore *store)
{
  PoeConflictsWindow *self;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  self = g_object_new (POE_TYPE_CONFLICTS_WINDOW, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return self;
}

guint
poe_conflicts_window_get_count (PoeConflictsWindow *self)
{
  g_return_val_if_fail (POE_IS_CONFLICTS_WINDOW (self), 0);

  return self->count;
}
