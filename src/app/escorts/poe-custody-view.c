/* poe-custody-view.c
 *
 * The custody of one family as poe_custody_load() reads it from its hand-offs: who holds the
 * family, each member and each document now, then the trail of hand-offs in order with the
 * state of each; and the Hand Off… action, which opens the hand-off form for the family.
 * Times are told at the case's POE; a read that fails says so in place of the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-custody-view"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-read-error.h"
#include "family/poe-family-labels.h"
#include "poe-family-snapshot.h"
#include "poe-custody-view.h"
#include "poe-case-binding.h"
#include "poe-escorts-labels.h"
#include "poe-handoff-dialog.h"
#include "poe-member-label.h"

struct _PoeCustodyView
{
  GtkWidget     parent_instance;

  PoeCaseBinding binding;
  PoeCustody   *custody;

  /* Template widgets */
  GtkBox       *box;
  GtkListBox   *holder_list;
  GtkListBox   *trail_list;
  GtkButton    *handoff_button;
};

G_DEFINE_FINAL_TYPE (PoeCustodyView, poe_custody_view, GTK_TYPE_WIDGET)

static const char * const watched_entities[] = { "handoff", "case", "person", "poe", NULL };


/*
 * Auxiliary methods
 */

static GtkWidget *
add_row (GtkListBox *list,
         const char *name,
         const char *icon_name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);

  return row;
}

static void
add_holder_row (PoeCustodyView         *self,
                const char             *name,
                const char             *icon_name,
                const char             *title,
                const PoeCustodyHolder *holder)
{
  g_autofree char *text = poe_custody_holder_dup_text (holder, self->binding.reveal_names);
  g_autoptr(GDateTime) since = holder->handoff ? poe_record_dup_time (holder->handoff, "at") : NULL;
  g_autofree char *time = poe_family_format_time (since, self->binding.zone);
  g_autofree char *subtitle = NULL;

  if (since != NULL)
    /* Translators: who holds something and since when, "Bob Smith (Staff member) since 14:05" */
    subtitle = g_strdup_printf (_("%1$s since %2$s"), text, time);

  add_row (self->holder_list, name, icon_name, title, subtitle ? subtitle : text);
}

static void
collect_documents (PoeCustodyView *self,
                   GPtrArray      *persons,
                   GHashTable     *present)
{
  GPtrArray *trail = poe_custody_get_trail (self->custody);

  for (guint i = 0; i < persons->len; i++)
    {
      const char * const *documents = poe_record_get_strv (g_ptr_array_index (persons, i), "documents");

      for (guint j = 0; documents != NULL && documents[j] != NULL; j++)
        g_hash_table_add (present, (gpointer) documents[j]);
    }

  for (guint i = 0; i < trail->len; i++)
    {
      const char * const *documents = poe_record_get_strv (g_ptr_array_index (trail, i), "documents");

      for (guint j = 0; documents != NULL && documents[j] != NULL; j++)
        g_hash_table_add (present, (gpointer) documents[j]);
    }
}

static void
update_holders (PoeCustodyView *self,
                GPtrArray      *persons)
{
  const PoeCustodyHolder *family = poe_custody_get_holder (self->custody, NULL);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) today = self->binding.zone ? g_date_time_new_now (self->binding.zone) : NULL;
  const char * const *kinds = poe_handoff_document_kinds ();

  add_holder_row (self, "family-holder", "system-users-symbolic", _("Family"), family);

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      const PoeCustodyHolder *holder = poe_custody_get_holder (self->custody, poe_record_get_id (person));
      g_autofree char *name = NULL;

      if (holder == family)
        continue;

      name = poe_family_dup_member_label (person, self->binding.reveal_names, today);
      add_holder_row (self, "person-holder", "avatar-default-symbolic", name, holder);
    }

  collect_documents (self, persons, present);

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("document-holder-", kinds[i], NULL);

      if (g_hash_table_contains (present, kinds[i]))
        add_holder_row (self, name, "folder-documents-symbolic", poe_handoff_document_label (kinds[i]),
                        poe_custody_get_document_holder (self->custody, kinds[i], NULL));
    }
}

static const char *
state_icon_name (PoeRecord *handoff)
{
  const char *state = poe_record_get_string (handoff, "state");

  if (g_strcmp0 (state, "declined") == 0)
    return "action-unavailable-symbolic";
  if (poe_handoff_is_completed (handoff))
    return "emblem-ok-symbolic";

  return "document-open-recent-symbolic";
}

static void
add_trail_row (PoeCustodyView *self,
               PoeRecord      *handoff)
{
  g_autoptr(GDateTime) at = poe_record_dup_time (handoff, "at");
  g_autofree char *time = poe_family_format_time (at, self->binding.zone);
  g_autofree char *documents = poe_handoff_dup_documents (handoff);
  g_autofree char *state = poe_handoff_dup_state_text (handoff, self->binding.zone);
  g_autofree char *party = poe_handoff_dup_party (poe_record_get_string (handoff, "to_kind"),
                                                  poe_record_get_string (handoff, "to_party"),
                                                  self->binding.reveal_names);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (time);
  const char *place = poe_record_get_string (handoff, "place");
  GtkWidget *row;

  /* Translators: a hand-off, "Ana Reyes → Bob Smith (Staff member)" */
  title = g_strdup_printf (_("%1$s → %2$s (%3$s)"), poe_record_get_string (handoff, "from_party"), party,
                           poe_handoff_kind_label (poe_record_get_string (handoff, "to_kind")));
  if (place != NULL)
    g_string_append_printf (subtitle, C_("hand-off details", " · %s"), place);
  if (*documents != '\0')
    g_string_append_printf (subtitle, C_("hand-off details", " · %s"), documents);
  g_string_append_printf (subtitle, "\n%s", state);

  row = add_row (self->trail_list, "trail-row", state_icon_name (handoff), title, subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
}

static void
show_nothing (PoeCustodyView *self,
              const char     *title,
              const char     *subtitle)
{
  add_row (self->holder_list, "no-case", "dialog-information-symbolic", title, subtitle);
}


/*
 * Callbacks
 */

static void
hand_off_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PoeCustodyView *self = POE_CUSTODY_VIEW (widget);
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->binding.session == NULL || self->binding.case_id == NULL)
    return;

  dialog = poe_handoff_dialog_new (self->binding.session, self->binding.case_id, NULL);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}


/*
 * GObject overrides
 */

static void
poe_custody_view_dispose (GObject *object)
{
  PoeCustodyView *self = POE_CUSTODY_VIEW (object);

  poe_case_binding_dispose (&self->binding);
  g_clear_pointer (&self->custody, poe_custody_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_CUSTODY_VIEW);

  G_OBJECT_CLASS (poe_custody_view_parent_class)->dispose (object);
}

static void
poe_custody_view_finalize (GObject *object)
{
  PoeCustodyView *self = POE_CUSTODY_VIEW (object);

  poe_case_binding_finalize (&self->binding);

  G_OBJECT_CLASS (poe_custody_view_parent_class)->finalize (object);
}

static void
poe_custody_view_class_init (PoeCustodyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_custody_view_dispose;
  object_class->finalize = poe_custody_view_finalize;

  gtk_widget_class_install_action (widget_class, "custody.hand-off", NULL, hand_off_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/escorts/poe-custody-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeCustodyView, box);
  gtk_widget_class_bind_template_child (widget_class, PoeCustodyView, holder_list);
  gtk_widget_class_bind_template_child (widget_class, PoeCustodyView, trail_list);
  gtk_widget_class_bind_template_child (widget_class, PoeCustodyView, handoff_button);
}

static void
poe_custody_view_init (PoeCustodyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  poe_case_binding_init (&self->binding, watched_entities,
                         (PoeCaseBindingReloadFunc) poe_custody_view_reload, self);

  poe_custody_view_reload (self);
}


/*
 * Public API
 */

GtkWidget *
poe_custody_view_new (void)
{
  return g_object_new (POE_TYPE_CUSTODY_VIEW, NULL);
}

/**
 * poe_custody_view_set_case:
 * @session: (nullable): the signed-in session
 * @case_id: (nullable): the family to show
 */
void
poe_custody_view_set_case (PoeCustodyView *self,
                           PoeSession     *session,
                           const char     *case_id)
{
  g_return_if_fail (POE_IS_CUSTODY_VIEW (self));

  poe_case_binding_set_case (&self->binding, session, case_id);
}

/**
 * poe_custody_view_get_case_id:
 *
 * Returns: (nullable): the case shown
 */
const char *
poe_custody_view_get_case_id (PoeCustodyView *self)
{
  g_return_val_if_fail (POE_IS_CUSTODY_VIEW (self), NULL);

  return self->binding.case_id;
}

void
poe_custody_view_set_reveal_names (PoeCustodyView *self,
                                   gboolean        reveal_names)
{
  g_return_if_fail (POE_IS_CUSTODY_VIEW (self));

  poe_case_binding_set_reveal_names (&self->binding, reveal_names);
}

/**
 * poe_custody_view_dup_holder_text:
 *
 * Returns: (transfer full) (nullable): who holds the family, as the view says it
 */
char *
poe_custody_view_dup_holder_text (PoeCustodyView *self)
{
  g_return_val_if_fail (POE_IS_CUSTODY_VIEW (self), NULL);

  if (self->custody == NULL)
    return NULL;

  return poe_custody_holder_dup_text (poe_custody_get_holder (self->custody, NULL), self->binding.reveal_names);
}

/**
 * poe_custody_view_reload:
 *
 * Reads the hand-offs again; the view does it by itself on the store's changes.
 */
void
poe_custody_view_reload (PoeCustodyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  GPtrArray *trail;

  g_return_if_fail (POE_IS_CUSTODY_VIEW (self));

  poe_case_binding_cancel_reload (&self->binding);
  g_clear_pointer (&self->custody, poe_custody_free);
  poe_escorts_clear_list (self->holder_list);
  poe_escorts_clear_list (self->trail_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "custody.hand-off", FALSE);

  if (self->binding.store == NULL || self->binding.case_id == NULL)
    {
      show_nothing (self, _("No family selected"), _("Choose a family to see who holds it."));
      return;
    }

  if (!(self->custody = poe_custody_load (self->binding.store, self->binding.case_id, &error)) ||
      !(persons = poe_store_list_persons_for_case (self->binding.store, self->binding.case_id, &error)) ||
      !poe_case_binding_load_zone (&self->binding, &error))
    {
      g_autofree char *text = poe_read_error_dup_text (error);

      g_clear_pointer (&self->custody, poe_custody_free);
      if (g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        show_nothing (self, _("Family not available"), _("This case is not in the local store."));
      else
        show_nothing (self, _("Custody could not be read"), text);
      return;
    }

  update_holders (self, persons);
  trail = poe_custody_get_trail (self->custody);
  for (guint i = 0; i < trail->len; i++)
    add_trail_row (self, g_ptr_array_index (trail, i));
  if (trail->len == 0)
    add_row (self->trail_list, "no-trail", NULL, _("No hand-offs yet"),
             _("The reception team holds the family until it is handed off."));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "custody.hand-off", self->binding.session != NULL);
}
