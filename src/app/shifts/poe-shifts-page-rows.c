/* poe-shifts-page-rows.c
 *
 * The time-entry rows of the shifts page and the lists they fill: the clock, the week's
 * own entries and its day totals, the entries waiting for approval, the approved and locked
 * entries to lock by person; with the row buttons that write at once (approve, lock, lock a
 * week), and the helpers every row uses. Times are told at the signed-in user's POE; each
 * list returns a failed read to the page, which shows it instead of the lists. The roster
 * and the leave requests are in poe-shifts-page-roster-rows.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-tooltip.h"
#include "poe-shifts-labels.h"
#include "poe-shifts-page-private.h"


/*
 * Auxiliary methods
 */

/* Supervisors lock; administrators may do it too, and change what is locked. */
static gboolean
is_supervisor (PoeShiftsPage *self)
{
  return g_strcmp0 (_poe_shifts_page_get_role (self), "supervisor") == 0 ||
         g_strcmp0 (_poe_shifts_page_get_role (self), "admin") == 0;
}

static gboolean
is_admin (PoeShiftsPage *self)
{
  return g_strcmp0 (_poe_shifts_page_get_role (self), "admin") == 0;
}

void
_poe_shifts_page_clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

GtkWidget *
_poe_shifts_page_row_button (const char *name,
                             const char *label,
                             const char *icon_name,
                             const char *accessible)
{
  GtkWidget *button = icon_name ? gtk_button_new_from_icon_name (icon_name) : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (accessible != NULL)
    {
      poe_tooltip_set_text (button, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
  if (icon_name != NULL)
    gtk_widget_add_css_class (button, "flat");

  return button;
}

GtkWidget *
_poe_shifts_page_chip (const char *text,
                       const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "chip");
  gtk_widget_add_css_class (label, style);
  gtk_widget_add_css_class (label, "caption");

  return label;
}

static char *
dup_entry_times (PoeShiftsPage *self,
                 PoeRecord     *entry)
{
  g_autoptr(GDateTime) start = poe_record_dup_time (entry, "start");
  g_autoptr(GDateTime) end = poe_record_dup_time (entry, "end");
  g_autofree char *day = poe_shifts_format_time (start, self->zone, "%a %-d %b");
  g_autofree char *from = poe_shifts_format_time (start, self->zone, "%H:%M");
  g_autofree char *to = end ? poe_shifts_format_time (end, self->zone, "%H:%M") : g_strdup ("…");

  /* Translators: day and times of a time entry, "Tue 24 Nov · 06:02–14:40" */
  return g_strdup_printf (_("%s · %s–%s"), day, from, to);
}

static char *
dup_entry_summary (PoeRecord *entry)
{
  g_autofree char *worked = poe_shifts_format_duration (MAX (0, poe_time_entry_worked_minutes (entry)));
  const char *state = poe_shifts_entry_state_label (poe_record_get_string (entry, "state"));

  /* Translators: worked time, break minutes and state of a time entry */
  return g_strdup_printf (_("%s worked · %" G_GINT64_FORMAT " min break · %s"), worked,
                          poe_record_get_int (entry, "break_minutes"), state);
}

/* "Changed after lock by …": what the local audit trail shows (see
 * poe_time_entry_changed_after_decision), with the entry's last writer and time. */
static char *
dup_changed_note (PoeShiftsPage *self,
                  PoeRecord     *entry)
{
  const char *updated_at = poe_record_get_updated_at (entry);
  g_autoptr(GDateTime) when = updated_at ? poe_time_parse_iso8601 (updated_at) : NULL;
  g_autofree char *time = when ? poe_shifts_format_time (when, self->zone, "%-d %b %H:%M") : NULL;
  const char *who = _poe_shifts_page_staff_name (self, poe_record_get_updated_by (entry));

  if (time == NULL || !poe_time_entry_changed_after_decision (_poe_shifts_page_get_store (self), entry))
    return NULL;

  if (g_strcmp0 (poe_record_get_string (entry, "state"), "locked") == 0)
    /* Translators: an administrator changed a locked time entry; name and "24 Nov 09:15" */
    return g_strdup_printf (_("Changed after lock by %s at %s"), who, time);

  /* Translators: an administrator changed an approved time entry; name and "24 Nov 09:15" */
  return g_strdup_printf (_("Changed after approval by %s at %s"), who, time);
}

static void
add_changed_note (PoeShiftsPage *self,
                  AdwActionRow  *row,
                  PoeRecord     *entry)
{
  g_autofree char *note = dup_changed_note (self, entry);
  g_autofree char *subtitle = NULL;

  if (note == NULL)
    return;

  subtitle = g_strdup_printf ("%s\n%s", adw_action_row_get_subtitle (row), note);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 0);
}

static void
add_flag_chip (AdwActionRow *row,
               PoeTimeFlags  flags)
{
  g_autofree char *words = NULL;
  GtkWidget *label;

  if (flags == POE_TIME_FLAG_NONE)
    return;

  words = poe_time_flags_describe (flags);
  label = _poe_shifts_page_chip (words, "chip-warning");
  gtk_widget_set_name (label, "flag-label");
  adw_action_row_add_suffix (row, label);
}


/* My week */

static GtkWidget *
week_row_new (PoeShiftsPage *self,
              PoeRecord     *entry,
              PoeTimeFlags   flags)
{
  g_autofree char *name = g_strconcat ("entry-", poe_record_get_id (entry), NULL);
  g_autofree char *title = dup_entry_times (self, entry);
  g_autofree char *subtitle = dup_entry_summary (entry);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit;

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (poe_record_get_string (entry, "reason") != NULL && g_strcmp0 (poe_record_get_string (entry, "state"), "rejected") == 0)
    {
      g_autofree char *returned = g_strdup_printf ("%s — %s", subtitle, poe_record_get_string (entry, "reason"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), returned);
    }
  add_changed_note (self, ADW_ACTION_ROW (row), entry);
  add_flag_chip (ADW_ACTION_ROW (row), flags);

  edit = _poe_shifts_page_row_button ("edit-button", NULL, "document-edit-symbolic", _("Edit break and note"));
  gtk_widget_set_sensitive (edit, poe_time_entry_is_editable (entry, _poe_shifts_page_get_role (self),
                                                              _poe_shifts_page_get_staff_id (self)));
  g_object_set_data_full (G_OBJECT (edit), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (_poe_shifts_page_edit_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  return row;
}

static void
fill_days (PoeShiftsPage    *self,
           PoeTimesheetWeek *week)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->day_box))) != NULL)
    gtk_box_remove (self->day_box, child);

  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (week->start, d);
      g_autofree char *name = g_date_time_format (day, "%a %-d");
      g_autofree char *hours = poe_shifts_format_duration (week->day_minutes[d]);
      g_autofree char *widget_name = g_strdup_printf ("day-%d", d);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *top = gtk_label_new (name);
      GtkWidget *bottom = gtk_label_new (hours);

      gtk_widget_set_name (card, widget_name);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "shifts-day");
      gtk_widget_add_css_class (top, "caption");
      gtk_widget_add_css_class (top, "dim-label");
      gtk_widget_add_css_class (bottom, week->day_minutes[d] > 0 ? "heading" : "dim-label");
      gtk_box_append (GTK_BOX (card), top);
      gtk_box_append (GTK_BOX (card), bottom);
      gtk_box_append (self->day_box, card);
    }
}

/* What every list reads: the zone of the user's POE and the names of the staff. */
gboolean
_poe_shifts_page_load (PoeShiftsPage  *self,
                       GError        **error)
{
  g_autoptr(GPtrArray) staff = NULL;
  GTimeZone *zone;

  if (!(zone = poe_store_dup_poe_time_zone (_poe_shifts_page_get_store (self), NULL, error)) ||
      !(staff = poe_store_list (_poe_shifts_page_get_store (self), "staff", NULL, NULL, error)))
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      return FALSE;
    }

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  g_hash_table_remove_all (self->staff_names);
  for (guint i = 0; i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      g_hash_table_insert (self->staff_names, g_strdup (poe_record_get_id (member)),
                           g_strdup (poe_record_get_string (member, "display_name")));
    }

  return TRUE;
}

gboolean
_poe_shifts_page_refresh_clock (PoeShiftsPage  *self,
                                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PoeRecord) open = poe_timesheet_find_open_entry (_poe_shifts_page_get_store (self),
                                                             _poe_shifts_page_get_staff_id (self), &local_error);
  g_autoptr(GDateTime) start = open ? poe_record_dup_time (open, "start") : NULL;
  g_autofree char *since = start ? poe_shifts_format_time (start, self->zone, "%a %H:%M") : NULL;
  g_autofree char *title = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Translators: %s is the day and time of clocking in, "Tue 06:02" */
  title = since ? g_strdup_printf (_("Clocked in since %s"), since) : g_strdup (_("Not clocked in"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->clock_row), title);
  gtk_widget_set_sensitive (self->clock_in_button, open == NULL);
  gtk_widget_set_sensitive (self->clock_out_button, open != NULL);
  return TRUE;
}

gboolean
_poe_shifts_page_refresh_week (PoeShiftsPage  *self,
                               GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeTimesheetWeek) week = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_text = NULL;
  gboolean open_work = FALSE;

  _poe_shifts_page_clear_list (self->week_list);
  week = poe_timesheet_week_new (_poe_shifts_page_get_store (self), _poe_shifts_page_get_staff_id (self),
                                 self->week_day, self->zone, now, error);
  if (week == NULL)
    return FALSE;

  last = g_date_time_add_days (week->start, 6);
  first_text = g_date_time_format (week->start, "%-d %b");
  last_text = g_date_time_format (last, "%-d %b %Y");
  /* Translators: the week shown, "Week of 23 Nov – 29 Nov 2026" */
  label = g_strdup_printf (_("Week of %s – %s"), g_strstrip (first_text), g_strstrip (last_text));
  gtk_label_set_label (self->week_label, label);
  total = poe_shifts_format_duration (week->total_minutes);
  /* Translators: the week's worked time, breaks subtracted */
  total_text = g_strdup_printf (_("Total %s"), total);
  gtk_label_set_label (self->total_label, total_text);
  fill_days (self, week);

  for (guint i = 0; i < week->entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (week->entries, i);
      const char *state = poe_record_get_string (entry, "state");

      gtk_list_box_append (self->week_list, week_row_new (self, entry, g_array_index (week->flags, PoeTimeFlags, i)));
      open_work |= g_strcmp0 (state, "draft") == 0 || g_strcmp0 (state, "rejected") == 0;
    }

  gtk_widget_set_sensitive (self->submit_button, open_work);
  return TRUE;
}


/* Approvals */

static void approve_clicked_cb (PoeShiftsPage *self, GtkButton *button);

static GtkWidget *
approval_row_new (PoeShiftsPage *self,
                  PoeRecord     *entry,
                  GPtrArray     *others)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = g_strconcat ("approval-", poe_record_get_id (entry), NULL);
  g_autofree char *times = dup_entry_times (self, entry);
  g_autofree char *summary = dup_entry_summary (entry);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", times, summary);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *approve = _poe_shifts_page_row_button ("approve-button", _("_Approve"), NULL, NULL);
  GtkWidget *reject = _poe_shifts_page_row_button ("reject-button", _("_Return…"), NULL, NULL);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _poe_shifts_page_staff_name (self, poe_record_get_string (entry, "staff_id")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  add_flag_chip (ADW_ACTION_ROW (row), poe_time_entry_flags (entry, others, NULL, now));

  gtk_widget_add_css_class (approve, "suggested-action");
  poe_tooltip_set_text (reject, _("Return the entry to its owner with a reason"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? approve : reject;

      g_object_set_data_full (G_OBJECT (button), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  g_signal_connect_object (approve, "clicked", G_CALLBACK (approve_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reject, "clicked", G_CALLBACK (_poe_shifts_page_reject_clicked_cb), self, G_CONNECT_SWAPPED);

  return row;
}

gboolean
_poe_shifts_page_refresh_approvals (PoeShiftsPage  *self,
                                    GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  _poe_shifts_page_clear_list (self->approvals_list);
  adw_view_stack_page_set_visible (self->approvals_page, _poe_shifts_page_is_lead (self));
  if (!_poe_shifts_page_is_lead (self))
    return TRUE;

  entries = poe_timesheet_list_submitted (_poe_shifts_page_get_store (self),
                                          _poe_shifts_page_get_staff_id (self), error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->approvals_list, approval_row_new (self, g_ptr_array_index (entries, i), entries));
  adw_view_stack_page_set_badge_number (self->approvals_page, entries->len);
  adw_view_stack_page_set_needs_attention (self->approvals_page, entries->len > 0);
  return TRUE;
}


/* Locking */

static void lock_clicked_cb (PoeShiftsPage *self, GtkButton *button);
static void lock_week_clicked_cb (PoeShiftsPage *self, GtkButton *button);

static GtkWidget *
lock_row_new (PoeShiftsPage *self,
              PoeRecord     *entry)
{
  g_autofree char *name = g_strconcat ("lock-", poe_record_get_id (entry), NULL);
  g_autofree char *title = dup_entry_times (self, entry);
  g_autofree char *subtitle = dup_entry_summary (entry);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  add_changed_note (self, ADW_ACTION_ROW (row), entry);

  if (g_strcmp0 (poe_record_get_string (entry, "state"), "approved") == 0)
    {
      button = _poe_shifts_page_row_button ("lock-button", _("_Lock"), NULL, NULL);
      poe_tooltip_set_text (button, _("Lock the entry for payroll; only an administrator can change it then"));
      g_object_set_data_full (G_OBJECT (button), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (lock_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  if (is_admin (self))
    {
      button = _poe_shifts_page_row_button ("edit-button", NULL, "document-edit-symbolic", _("Edit break and note"));
      g_object_set_data_full (G_OBJECT (button), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (_poe_shifts_page_edit_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static GtkWidget *
lock_group_new (PoeShiftsPage *self,
                const char    *staff_id,
                GPtrArray     *entries)
{
  g_autofree char *name = g_strconcat ("lock-week-", staff_id, NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *group = adw_expander_row_new ();
  GtkWidget *button = _poe_shifts_page_row_button ("lock-week-button", _("Lock _Week"), NULL, NULL);
  guint approved = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      PoeRecord *entry = g_ptr_array_index (entries, i);

      approved += g_strcmp0 (poe_record_get_string (entry, "state"), "approved") == 0 ? 1 : 0;
      adw_expander_row_add_row (ADW_EXPANDER_ROW (group), lock_row_new (self, entry));
    }

  /* Translators: approved and locked time entries of one person in the week shown */
  subtitle = g_strdup_printf (_("%u approved · %u locked"), approved, entries->len - approved);
  gtk_widget_set_name (group, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group), _poe_shifts_page_staff_name (self, staff_id));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (group), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (group), TRUE);

  /* Nothing left to lock: the row says so, no dead button. */
  gtk_widget_set_visible (button, approved > 0);
  poe_tooltip_set_text (button, _("Lock all approved entries of this person's week"));
  g_object_set_data_full (G_OBJECT (button), "staff-id", g_strdup (staff_id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (lock_week_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (group), button);

  return group;
}

/* Others' approved and locked entries of the week shown in "My Week", by person. */
gboolean
_poe_shifts_page_refresh_locks (PoeShiftsPage  *self,
                                GError        **error)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (self->week_day, self->zone);
  g_autoptr(GDateTime) midnight = g_date_time_new (self->zone, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
  g_autoptr(GDateTime) next = g_date_time_add_weeks (monday, 1);
  g_autoptr(GDateTime) sunday = g_date_time_add_days (monday, 6);
  g_autoptr(GPtrArray) staff = NULL;
  g_autofree char *first_text = g_date_time_format (monday, "%-d %b");
  g_autofree char *last_text = g_date_time_format (sunday, "%-d %b %Y");
  g_autofree char *label = NULL;

  _poe_shifts_page_clear_list (self->lock_list);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_label), is_supervisor (self));
  gtk_widget_set_visible (GTK_WIDGET (self->lock_list), is_supervisor (self));
  if (!is_supervisor (self))
    return TRUE;

  /* Translators: heading of the entries to lock, "Approved and locked in the week of 9 Nov – 15 Nov 2026" */
  label = g_strdup_printf (_("Approved and locked in the week of %s – %s"), first_text, last_text);
  gtk_label_set_label (self->lock_label, label);

  if (!(staff = poe_store_list (_poe_shifts_page_get_store (self), "staff", NULL, NULL, error)))
    return FALSE;

  for (guint i = 0; i < staff->len; i++)
    {
      const char *staff_id = poe_record_get_id (g_ptr_array_index (staff, i));
      g_autoptr(GPtrArray) entries = NULL;

      if (g_strcmp0 (staff_id, _poe_shifts_page_get_staff_id (self)) == 0)
        continue;
      if (!(entries = poe_store_list_time_entries (_poe_shifts_page_get_store (self), staff_id, monday, next, error)))
        return FALSE;
      for (guint j = entries->len; j > 0; j--)
        {
          const char *state = poe_record_get_string (g_ptr_array_index (entries, j - 1), "state");

          if (g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "locked") != 0)
            g_ptr_array_remove_index (entries, j - 1);
        }
      if (entries->len > 0)
        gtk_list_box_append (self->lock_list, lock_group_new (self, staff_id, entries));
    }

  return TRUE;
}


/*
 * Callbacks
 */

static void
approve_clicked_cb (PoeShiftsPage *self,
                    GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!poe_timesheet_decide (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self),
                             g_object_get_data (G_OBJECT (button), "entry-id"), TRUE, NULL, &error))
    _poe_shifts_page_show_error (self, error);
}

static void
lock_clicked_cb (PoeShiftsPage *self,
                 GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!poe_timesheet_lock (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self),
                           g_object_get_data (G_OBJECT (button), "entry-id"), &error))
    _poe_shifts_page_show_error (self, error);
}

static void
lock_week_clicked_cb (PoeShiftsPage *self,
                      GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  poe_timesheet_lock_week (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self),
                           g_object_get_data (G_OBJECT (button), "staff-id"), self->week_day, self->zone, &error);
  if (error != NULL)
    _poe_shifts_page_show_error (self, error);
}
