/* poe-family-view.c
 *
 * One family (case) as the reception team works it: header with case number and initials,
 * connection-risk banner, case details, flights, members and the reception checklist.
 * This file is the widget itself: its properties, reading the case (a PoeFamilySnapshot
 * from the core) and reading it again when the store announces a change that touches it,
 * the undo bar and the clock. What each part shows is in poe-family-view-details.c and
 * poe-family-view-checklist.c, hand-overs and vouchers in poe-family-view-handover.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-view-private.h"

#define CLOCK_INTERVAL_SECONDS 60

G_DEFINE_FINAL_TYPE (PoeFamilyView, poe_family_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE_ID,
  PROP_REVEAL_NAMES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Entities whose changes can alter what the view shows. */
static const char * const watched_entities[] = {
  "case", "person", "segment", "checklist_event", "flight", "poe", "staff", "case_event",
  "overnight_stay", "ground_transport", "voucher", NULL
};


/*
 * Auxiliary methods
 */

static void
show_empty (PoeFamilyView *self,
            gboolean       missing)
{
  g_clear_pointer (&self->snapshot, poe_family_snapshot_free);
  g_clear_pointer (&self->structure, g_free);
  _poe_family_view_clear_details (self);
  _poe_family_view_rebuild_checklist (self);

  if (missing)
    {
      /* Translators: the family shown was removed or is not visible to this user */
      adw_status_page_set_title (self->empty_page, _("Family Not Available"));
      adw_status_page_set_description (self->empty_page,
                                       _("This case is not in the local store. It may have been closed or reassigned."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Family Selected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose a family to see its members and reception checklist."));
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
update_reveal_button (PoeFamilyView *self)
{
  gtk_toggle_button_set_active (self->reveal_button, self->reveal_names);
  adw_button_content_set_icon_name (self->reveal_content,
                                    self->reveal_names ? "view-conceal-symbolic" : "view-reveal-symbolic");
  /* Translators: the reveal-names toggle, pressed: names are shown and this hides them */
  adw_button_content_set_label (self->reveal_content, self->reveal_names ? _("Hide Names") : _("Reveal Names"));
}


static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  gtk_adjustment_set_value (adjustment, self->scroll_to);
  self->scroll_tick_id = 0;

  return G_SOURCE_REMOVE;
}

/* Rows come and go (another member, another branch): rebuild them, and put the scroll
 * position back once the new rows are allocated. */
static void
rebuild_rows (PoeFamilyView *self,
              gboolean       keep_scroll)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  self->scroll_to = keep_scroll ? gtk_adjustment_get_value (adjustment) : 0;

  _poe_family_view_clear_details (self);
  _poe_family_view_rebuild_checklist (self);

  if (!keep_scroll)
    gtk_adjustment_set_value (adjustment, 0);
  else if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_scroll_cb, NULL, NULL);
}

static void
update_all (PoeFamilyView *self)
{
  _poe_family_view_update_details (self);
  poe_family_exceptions_update (self->exceptions_view, self->store, self->snapshot, self->reveal_names);
  _poe_family_view_update_checklist (self);
}


/*
 * Callbacks
 */

static gboolean
reload_idle_cb (gpointer user_data)
{
  PoeFamilyView *self = user_data;

  self->reload_id = 0;
  poe_family_view_reload (self);

  return G_SOURCE_REMOVE;
}

static gboolean
clock_tick_cb (gpointer user_data)
{
  PoeFamilyView *self = user_data;

  /* The risk moves with the clock even when nothing is written. */
  if (self->snapshot != NULL && self->snapshot->risk.level != POE_RISK_NONE)
    poe_family_view_reload (self);

  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (PoeFamilyView      *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_FAMILY_VIEW (self));

  if (self->case_id == NULL || !g_strv_contains (watched_entities, entity))
    return;

  /* Changes of other cases and flights do not concern this one. */
  if (g_str_equal (entity, "case") && !g_strv_contains (ids, self->case_id))
    return;
  if (g_str_equal (entity, "flight") && self->snapshot != NULL &&
      !g_strv_contains (ids, poe_record_get_string (self->snapshot->kase, "inbound_flight_id") ?: ""))
    return;

  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
reveal_toggled_cb (PoeFamilyView *self)
{
  g_assert (POE_IS_FAMILY_VIEW (self));

  poe_family_view_set_reveal_names (self, gtk_toggle_button_get_active (self->reveal_button));
}

static void
undo_clicked_cb (PoeFamilyView *self)
{
  g_autofree char *event_id = g_strdup (self->undo_event_id);

  _poe_family_view_hide_undo (self);
  if (event_id != NULL)
    _poe_family_view_undo (self, event_id);
}

static void
undo_dismiss_clicked_cb (PoeFamilyView *self)
{
  _poe_family_view_hide_undo (self);
}

static void
undo_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _poe_family_view_undo (POE_FAMILY_VIEW (widget), g_variant_get_string (parameter, NULL));
}


void
_poe_family_view_hide_undo (PoeFamilyView *self)
{
  g_clear_handle_id (&self->undo_toast_id, g_source_remove);
  g_clear_pointer (&self->undo_event_id, g_free);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
}


/*
 * GObject overrides
 */

static void
poe_family_view_dispose (GObject *object)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->undo_toast_id, g_source_remove);
  g_clear_pointer (&self->undo_event_id, g_free);
  g_clear_pointer (&self->snapshot, poe_family_snapshot_free);
  g_clear_pointer (&self->step_rows, g_hash_table_unref);
  g_clear_pointer (&self->member_rows, g_hash_table_unref);
  g_clear_pointer (&self->person_labels, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_FAMILY_VIEW);

  G_OBJECT_CLASS (poe_family_view_parent_class)->dispose (object);
}

static void
poe_family_view_finalize (GObject *object)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (object);

  g_free (self->case_id);
  g_free (self->structure);
  g_free (self->risk_class);

  G_OBJECT_CLASS (poe_family_view_parent_class)->finalize (object);
}

static void
poe_family_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_family_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PoeFamilyView *self = POE_FAMILY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      poe_family_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_CASE_ID:
      poe_family_view_set_case_id (self, g_value_get_string (value));
      break;
    case PROP_REVEAL_NAMES:
      poe_family_view_set_reveal_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_family_view_class_init (PoeFamilyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_family_view_dispose;
  object_class->finalize = poe_family_view_finalize;
  object_class->get_property = poe_family_view_get_property;
  object_class->set_property = poe_family_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         POE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PoeFamilyView:reveal-names:
   *
   * Whether names are shown instead of initials.
   */
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "family.undo", "s", undo_activated_cb);

  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  g_type_ensure (POE_TYPE_FAMILY_EXCEPTIONS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/family/poe-family-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, toast_overlay);
  _poe_family_view_class_init_handover (widget_class);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, undo_label);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_dismiss_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, poe_family_view_reload);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, family_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, reveal_content);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, branch_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, sensitivity_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, risk_revealer);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, risk_box);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, risk_icon);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, risk_title);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, risk_detail);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, risk_drivers);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, agency_row);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, destination_row);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, staff_row);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, travel_group);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, travel_list);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, exceptions_view);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, members_list);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyView, checklist_box);
}

static void
poe_family_view_init (PoeFamilyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _poe_family_view_update_handover (self);

  self->step_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->member_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->person_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);

  g_signal_connect_object (self->reveal_button, "toggled", G_CALLBACK (reveal_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  update_reveal_button (self);

  self->clock_id = g_timeout_add_seconds (CLOCK_INTERVAL_SECONDS, clock_tick_cb, self);
}


/*
 * Private API
 */

/* Display names of staff, read once per reload. */
const char *
_poe_family_view_staff_name (PoeFamilyView *self,
                             const char    *staff_id)
{
  char *name;

  if (staff_id == NULL || self->store == NULL)
    return NULL;

  if (g_hash_table_lookup_extended (self->staff_names, staff_id, NULL, (gpointer *) &name))
    return name;

  name = poe_family_dup_staff_name (self->store, staff_id);
  g_hash_table_insert (self->staff_names, g_strdup (staff_id), name);

  return name;
}

void
_poe_family_view_show_error (PoeFamilyView *self,
                             const GError  *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}


/*
 * Public API
 */

GtkWidget *
poe_family_view_new (void)
{
  return g_object_new (POE_TYPE_FAMILY_VIEW, NULL);
}

/**
 * poe_family_view_get_store:
 *
 * Returns: (transfer none) (nullable): the store the view reads and writes
 */
PoeStore *
poe_family_view_get_store (PoeFamilyView *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), NULL);

  return self->store;
}

void
poe_family_view_set_store (PoeFamilyView *self,
                           PoeStore      *store)
{
  g_return_if_fail (POE_IS_FAMILY_VIEW (self));
  g_return_if_fail (store == NULL || POE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  g_clear_pointer (&self->structure, g_free);
  poe_family_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * poe_family_view_get_case_id:
 *
 * Returns: (nullable): the id of the case shown
 */
const char *
poe_family_view_get_case_id (PoeFamilyView *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), NULL);

  return self->case_id;
}

/**
 * poe_family_view_set_case_id:
 * @case_id: (nullable): the case to show
 */
void
poe_family_view_set_case_id (PoeFamilyView *self,
                             const char    *case_id)
{
  g_return_if_fail (POE_IS_FAMILY_VIEW (self));

  if (g_strcmp0 (self->case_id, case_id) == 0)
    return;

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);

  /* Another family: new rows, from the top. */
  g_clear_pointer (&self->structure, g_free);
  poe_family_view_reload (self);
  _poe_family_view_update_handover (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

gboolean
poe_family_view_get_reveal_names (PoeFamilyView *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_VIEW (self), FALSE);

  return self->reveal_names;
}

void
poe_family_view_set_reveal_names (PoeFamilyView *self,
                                  gboolean       reveal_names)
{
  g_return_if_fail (POE_IS_FAMILY_VIEW (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  update_reveal_button (self);
  poe_custody_view_set_reveal_names (self->custody_view, reveal_names);
  poe_vouchers_view_set_reveal_names (self->vouchers_view, reveal_names);
  if (self->snapshot != NULL)
    update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}

/**
 * poe_family_view_reload:
 *
 * Reads the case from the store again. The view does this by itself when the store
 * announces a change; rows are updated in place unless members or branch changed.
 */
void
poe_family_view_reload (PoeFamilyView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeFamilySnapshot) snapshot = NULL;
  g_autofree char *structure = NULL;
  gboolean same_case;

  g_return_if_fail (POE_IS_FAMILY_VIEW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->store == NULL || self->case_id == NULL)
    {
      show_empty (self, FALSE);
      return;
    }

  snapshot = poe_family_snapshot_load (self->store, self->case_id, NULL, &error);
  if (snapshot == NULL)
    {
      show_empty (self, TRUE);
      /* A case that cannot be read says why, instead of seeming gone. */
      if (!g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        {
          poe_read_error_page_set_error (self->error_page, error);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      return;
    }

  same_case = self->snapshot != NULL && self->structure != NULL;
  g_clear_pointer (&self->snapshot, poe_family_snapshot_free);
  self->snapshot = g_steal_pointer (&snapshot);
  g_hash_table_remove_all (self->staff_names);

  structure = poe_family_snapshot_dup_structure (self->snapshot);
  if (g_strcmp0 (structure, self->structure) != 0)
    {
      rebuild_rows (self, same_case);
      g_free (self->structure);
      self->structure = g_steal_pointer (&structure);
    }

  update_all (self);
  gtk_stack_set_visible_child_name (self->stack, "case");
}

/**
 * poe_family_view_set_session:
 * @session: (nullable): the signed-in session, for hand-offs, vouchers and anomaly reports
 */
void
poe_family_view_set_session (PoeFamilyView *self,
                             PoeSession    *session)
{
  g_return_if_fail (POE_IS_FAMILY_VIEW (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  _poe_family_view_update_handover (self);
}
