/* poe-shifts-page.c
 *
 * The shifts page: "My Week" (clock in and out, the week's own entries with daily and
 * weekly totals and flags, Submit Week), "Approvals" for leads and supervisors (others'
 * submitted entries, approve or return with a reason; for supervisors the week's approved
 * entries to lock, one by one or a person's week at once), "Roster" (the POE's shifts of a
 * day, leave shown against them; leads add, remove and retime shifts), "Leave" (requests and
 * decisions), and the payroll export of a period. All rules are poe-timesheet's; the page only
 * asks and shows. It follows the store's "changed" signal.
 *
 * This file holds the page's state, its refresh, the clock, week and day buttons and the
 * leave request. The roster and payroll writes of the public API are in
 * poe-shifts-page-roster.c, the rows of the lists are built in poe-shifts-page-rows.c, the
 * dialogs in poe-shifts-page-dialogs.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-shifts-labels.h"
#include "poe-shifts-page-private.h"

G_DEFINE_FINAL_TYPE (PoeShiftsPage, poe_shifts_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const watched_entities[] = { "time_entry", "shift", "leave_request", "staff", "poe", NULL };

static void refresh (PoeShiftsPage *self);


/*
 * Auxiliary methods
 */

PoeStore *
_poe_shifts_page_get_store (PoeShiftsPage *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}

const char *
_poe_shifts_page_get_role (PoeShiftsPage *self)
{
  return self->session ? poe_session_get_role (self->session) : NULL;
}

const char *
_poe_shifts_page_get_staff_id (PoeShiftsPage *self)
{
  return self->session ? poe_session_get_staff_id (self->session) : NULL;
}

gboolean
_poe_shifts_page_is_lead (PoeShiftsPage *self)
{
  const char *role = _poe_shifts_page_get_role (self);

  return role != NULL && !g_str_equal (role, "agent");
}

const char *
_poe_shifts_page_staff_name (PoeShiftsPage *self,
                             const char    *staff_id)
{
  const char *name = staff_id ? g_hash_table_lookup (self->staff_names, staff_id) : NULL;

  /* Translators: shown for a staff member the local store does not know */
  return name != NULL ? name : _("Unknown staff member");
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_set_placeholder (list, label);
}

/* The signed-in user's POE: its staff and roster are the page's. */
const char *
_poe_shifts_page_get_poe_code (PoeShiftsPage *self)
{
  return self->session != NULL ? poe_session_get_poe (self->session) : NULL;
}

gboolean
_poe_shifts_page_refuse_unless_lead (PoeShiftsPage  *self,
                                     GError        **error)
{
  if (_poe_shifts_page_is_lead (self))
    return TRUE;

  g_set_error_literal (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_NOT_ALLOWED,
                       _("Only shift leads can change the roster."));
  return FALSE;
}

void
_poe_shifts_page_show_error (PoeShiftsPage *self,
                             const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  /* Translators: title of the dialog shown when a change cannot be saved */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Not Saved"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh (PoeShiftsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;

  if (_poe_shifts_page_get_store (self) == NULL || _poe_shifts_page_get_staff_id (self) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_widget_set_visible (self->export_button, _poe_shifts_page_is_lead (self));
  if (!_poe_shifts_page_load (self, &error) || !_poe_shifts_page_refresh_clock (self, &error) ||
      !_poe_shifts_page_refresh_week (self, &error) || !_poe_shifts_page_refresh_approvals (self, &error) ||
      !_poe_shifts_page_refresh_locks (self, &error) || !_poe_shifts_page_refresh_roster (self, &error) ||
      !_poe_shifts_page_refresh_leave (self, &error))
    {
      poe_read_error_page_set_error (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "shifts");
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PoeShiftsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}


/*
 * Callbacks
 */

static void
store_changed_cb (PoeShiftsPage      *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!g_strv_contains (watched_entities, entity))
    return;

  /* Nothing is read while the page is not shown: at start the board alone is on screen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
mapped_cb (PoeShiftsPage *self)
{
  if (self->dirty)
    refresh (self);
}

static void
clock_in_clicked_cb (PoeShiftsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  entry = poe_timesheet_clock_in (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self),
                                  _poe_shifts_page_get_staff_id (self), now, &error);
  gtk_label_set_label (self->week_message, entry ? "" : error->message);
  refresh (self);
}

static void
clock_out_clicked_cb (PoeShiftsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  entry = poe_timesheet_clock_out (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self),
                                   _poe_shifts_page_get_staff_id (self), now,
                                   gtk_spin_button_get_value_as_int (self->break_spin),
                                   gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error);
  gtk_label_set_label (self->week_message, entry ? "" : error->message);
  if (entry != NULL)
    {
      gtk_spin_button_set_value (self->break_spin, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
    }
  refresh (self);
}

static void
submit_clicked_cb (PoeShiftsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeTimesheetWeek) week = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint count;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  week = poe_timesheet_week_new (_poe_shifts_page_get_store (self), _poe_shifts_page_get_staff_id (self),
                                 self->week_day, self->zone, now, &error);
  count = week ? poe_timesheet_submit_week (_poe_shifts_page_get_store (self),
                                            _poe_shifts_page_get_role (self), week, &error) : 0;
  if (error != NULL)
    message = g_strdup (error->message);
  else
    /* Translators: after submitting a week */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry sent to the lead.",
                                            "%u entries sent to the lead.", count), count);
  refresh (self);
  gtk_label_set_label (self->week_message, message);
}

static void
shift_week (PoeShiftsPage *self,
            int            weeks)
{
  GDateTime *day = g_date_time_add_weeks (self->week_day, weeks);

  g_date_time_unref (self->week_day);
  self->week_day = day;
  refresh (self);
}

static void
week_back_clicked_cb (PoeShiftsPage *self)
{
  shift_week (self, -1);
}

static void
week_forward_clicked_cb (PoeShiftsPage *self)
{
  shift_week (self, 1);
}

static void
shift_day (PoeShiftsPage *self,
           int            days)
{
  GDateTime *day = g_date_time_add_days (self->roster_day, days);

  g_date_time_unref (self->roster_day);
  self->roster_day = day;
  refresh (self);
}

static void
day_back_clicked_cb (PoeShiftsPage *self)
{
  shift_day (self, -1);
}

static void
day_forward_clicked_cb (PoeShiftsPage *self)
{
  shift_day (self, 1);
}

static void
request_clicked_cb (PoeShiftsPage *self)
{
  const PoeFieldInfo *field = poe_entity_lookup_field (poe_schema_lookup_entity ("leave_request"), "kind");
  guint selected = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(PoeRecord) leave = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  leave = poe_leave_request_create (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self),
                                    _poe_shifts_page_get_staff_id (self),
                                    field->enum_values[selected == GTK_INVALID_LIST_POSITION ? 0 : selected],
                                    gtk_editable_get_text (GTK_EDITABLE (self->first_day_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->last_day_row)), &error);
  /* Translators: after a leave request was stored */
  gtk_label_set_label (self->leave_message, leave ? _("Leave requested. A shift lead decides.") : error->message);
  if (leave != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->first_day_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->last_day_row), "");
    }
}


/*
 * GObject overrides
 */

static void
poe_shifts_page_dispose (GObject *object)
{
  PoeShiftsPage *self = POE_SHIFTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_SHIFTS_PAGE);

  G_OBJECT_CLASS (poe_shifts_page_parent_class)->dispose (object);
}

static void
poe_shifts_page_finalize (GObject *object)
{
  PoeShiftsPage *self = POE_SHIFTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->week_day, g_date_time_unref);
  g_clear_pointer (&self->roster_day, g_date_time_unref);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);

  G_OBJECT_CLASS (poe_shifts_page_parent_class)->finalize (object);
}

static void
poe_shifts_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PoeShiftsPage *self = POE_SHIFTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_shifts_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PoeShiftsPage *self = POE_SHIFTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      poe_shifts_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_shifts_page_class_init (PoeShiftsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_shifts_page_dispose;
  object_class->finalize = poe_shifts_page_finalize;
  object_class->get_property = poe_shifts_page_get_property;
  object_class->set_property = poe_shifts_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/shifts/poe-shifts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, refresh);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, approvals_page);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, clock_row);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, clock_in_button);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, clock_out_button);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, break_spin);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, note_row);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, week_label);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, day_box);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, week_list);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, week_message);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, approvals_list);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, lock_label);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, lock_list);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, add_shift_button);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, roster_list);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, first_day_row);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, last_day_row);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, leave_message);
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, leave_list);
  gtk_widget_class_bind_template_callback (widget_class, clock_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clock_out_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, week_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, week_forward_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_forward_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, request_clicked_cb);
  _poe_shifts_page_class_init_dialogs (widget_class);
}

static void
poe_shifts_page_init (PoeShiftsPage *self)
{
  const PoeFieldInfo *field = poe_entity_lookup_field (poe_schema_lookup_entity ("leave_request"), "kind");
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->zone = g_time_zone_new_local ();
  self->week_day = g_date_time_new_now (self->zone);
  self->roster_day = g_date_time_ref (self->week_day);
  self->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; field->enum_values[i] != NULL; i++)
    gtk_string_list_append (kinds, poe_shifts_leave_kind_label (field->enum_values[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  set_placeholder (self->week_list, _("No time entries this week. Clock in when your shift starts."));
  set_placeholder (self->approvals_list, _("Nothing waits for approval."));
  set_placeholder (self->lock_list, _("No approved entries of others in this week."));
  set_placeholder (self->roster_list, _("No shifts are rostered on this day."));
  set_placeholder (self->leave_list, _("No leave requests."));

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);

  refresh (self);
}


/*
 * Public API
 */

/**
 * poe_shifts_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the page shows
 */
PoeSession *
poe_shifts_page_get_session (PoeShiftsPage *self)
{
  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), NULL);

  return self->session;
}

/**
 * poe_shifts_page_set_session:
 * @session: (nullable): the signed-in session, or %NULL on sign-out
 *
 * Shows the signed-in user's week, and for leads and supervisors the approvals; %NULL
 * shows the empty state.
 */
void
poe_shifts_page_set_session (PoeShiftsPage *self,
                             PoeSession    *session)
{
  g_return_if_fail (POE_IS_SHIFTS_PAGE (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->store_signals, _poe_shifts_page_get_store (self));
  if (session == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * poe_shifts_page_set_view:
 * @name: "week", "approvals", "roster" or "leave"
 */
void
poe_shifts_page_set_view (PoeShiftsPage *self,
                          const char    *name)
{
  g_return_if_fail (POE_IS_SHIFTS_PAGE (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * poe_shifts_page_set_week:
 * @day: any moment of the week to show in "My Week"
 */
void
poe_shifts_page_set_week (PoeShiftsPage *self,
                          GDateTime     *day)
{
  g_return_if_fail (POE_IS_SHIFTS_PAGE (self));
  g_return_if_fail (day != NULL);

  g_date_time_unref (self->week_day);
  self->week_day = g_date_time_to_timezone (day, self->zone);
  refresh (self);
}

/**
 * poe_shifts_page_set_roster_day:
 * @day: any moment of the day the roster shows
 */
void
poe_shifts_page_set_roster_day (PoeShiftsPage *self,
                                GDateTime     *day)
{
  g_return_if_fail (POE_IS_SHIFTS_PAGE (self));
  g_return_if_fail (day != NULL);

  g_date_time_unref (self->roster_day);
  self->roster_day = g_date_time_ref (day);
  refresh (self);
}

/**
 * poe_shifts_page_reject_entry:
 *
 * Asks for the reason to return a submitted entry, as the entry's Return button does.
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
poe_shifts_page_reject_entry (PoeShiftsPage *self,
                              const char    *entry_id)
{
  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), NULL);
  g_return_val_if_fail (entry_id != NULL, NULL);

  return _poe_shifts_page_present_reason_dialog (self, "entry-id", entry_id);
}
