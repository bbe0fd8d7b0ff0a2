/* poe-shifts-page.c
 *
 * The shifts page: "My Week" (clock in and out, the week's own entries with daily and
 * weekly totals and flags, Submit Week), "Approvals" for leads and supervisors (others'
 * submitted entries, approve or return with a reason; for supervisors the week's approved
 * entries to lock, one by one or a person's week at once), "Roster" (the POE's shifts of a
 * day, leave shown against them; leads add, remove and retime shifts), "Leave" (requests and
 * decisions), and the payroll export of a period. All rules are poe-timesheet's; the page only asks and shows. It follows
 * the store's "changed" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "common/poe-tooltip.h"
#include "poe-shifts-labels.h"
#include "poe-shifts-page.h"

struct _PoeShiftsPage
{
  GtkWidget           parent_instance;

  PoeSession         *session;
  GSignalGroup       *store_signals;
  GCancellable       *cancellable;
  GTimeZone          *zone;
  GDateTime          *week_day;
  GDateTime          *roster_day;
  GHashTable         *staff_names;
  GtkFileChooserNative *chooser;
  PoePayrollPeriod    export_period;
  guint               refresh_id;
  gboolean            dirty;       /* to read again once the page is shown */

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *status_page;
  GtkWidget          *export_button;
  AdwViewStack       *view_stack;
  AdwViewStackPage   *approvals_page;
  AdwActionRow       *clock_row;
  GtkWidget          *clock_in_button;
  GtkWidget          *clock_out_button;
  GtkSpinButton      *break_spin;
  AdwEntryRow        *note_row;
  GtkLabel           *week_label;
  GtkLabel           *total_label;
  GtkBox             *day_box;
  GtkListBox         *week_list;
  GtkLabel           *week_message;
  GtkWidget          *submit_button;
  GtkListBox         *approvals_list;
  GtkLabel           *lock_label;
  GtkListBox         *lock_list;
  GtkWidget          *add_shift_button;
  GtkLabel           *day_label;
  GtkListBox         *roster_list;
  AdwComboRow        *kind_row;
  AdwEntryRow        *first_day_row;
  AdwEntryRow        *last_day_row;
  GtkLabel           *leave_message;
  GtkListBox         *leave_list;
};

G_DEFINE_FINAL_TYPE (PoeShiftsPage, poe_shifts_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const watched_entities[] = { "time_entry", "shift", "leave_request", "staff", "poe", NULL };

static void refresh (PoeShiftsPage *self);
static void choose_payroll_file (PoeShiftsPage *self);


/*
 * Auxiliary methods
 */

static PoeStore *
get_store (PoeShiftsPage *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}

static const char *
get_role (PoeShiftsPage *self)
{
  return self->session ? poe_session_get_role (self->session) : NULL;
}

static const char *
get_staff_id (PoeShiftsPage *self)
{
  return self->session ? poe_session_get_staff_id (self->session) : NULL;
}

static gboolean
is_lead (PoeShiftsPage *self)
{
  const char *role = get_role (self);

  return role != NULL && !g_str_equal (role, "agent");
}

/* Supervisors lock; administrators may do it too, and change what is locked. */
static gboolean
is_supervisor (PoeShiftsPage *self)
{
  return g_strcmp0 (get_role (self), "supervisor") == 0 || g_strcmp0 (get_role (self), "admin") == 0;
}

static gboolean
is_admin (PoeShiftsPage *self)
{
  return g_strcmp0 (get_role (self), "admin") == 0;
}

static const char *
staff_name (PoeShiftsPage *self,
            const char    *staff_id)
{
  const char *name = staff_id ? g_hash_table_lookup (self->staff_names, staff_id) : NULL;

  /* Translators: shown for a staff member the local store does not know */
  return name != NULL ? name : _("Unknown staff member");
}

static void
load_staff_names (PoeShiftsPage *self)
{
  g_autoptr(GPtrArray) staff = poe_store_list (get_store (self), "staff", NULL, NULL, NULL);

  g_hash_table_remove_all (self->staff_names);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      g_hash_table_insert (self->staff_names, g_strdup (poe_record_get_id (member)),
                           g_strdup (poe_record_get_string (member, "display_name")));
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
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

static GtkWidget *
row_button (const char *name,
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

static GtkWidget *
chip (const char *text,
      const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "chip");
  gtk_widget_add_css_class (label, style);
  gtk_widget_add_css_class (label, "caption");

  return label;
}

static const char *
get_poe_code (PoeShiftsPage *self)
{
  g_autoptr(GPtrArray) poes = poe_store_list (get_store (self), "poe", NULL, NULL, NULL);
  static char code[8];

  if (poes == NULL || poes->len == 0)
    return NULL;
  g_strlcpy (code, poe_record_get_string (g_ptr_array_index (poes, 0), "code"), sizeof code);

  return code;
}

static gboolean
parse_clock (const char *text,
             guint      *hour,
             guint      *minute)
{
  char end;

  return text != NULL && sscanf (text, "%u:%u%c", hour, minute, &end) == 2 && *hour <= 23 && *minute <= 59;
}

/* The planned times of a shift on a local day at the POE; an end not after the start is
 * on the next day. */
static gboolean
make_span (PoeShiftsPage  *self,
           GDateTime      *day,
           const char     *start,
           const char     *end,
           GDateTime     **from,
           GDateTime     **to,
           GError        **error)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (day, self->zone);
  guint start_h, start_m, end_h, end_m;

  if (!parse_clock (start, &start_h, &start_m) || !parse_clock (end, &end_h, &end_m))
    {
      g_set_error_literal (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INVALID,
                           _("Enter the times as hours and minutes, like 06:00."));
      return FALSE;
    }

  *from = g_date_time_new (self->zone, g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local), start_h, start_m, 0);
  *to = g_date_time_new (self->zone, g_date_time_get_year (local), g_date_time_get_month (local),
                         g_date_time_get_day_of_month (local), end_h, end_m, 0);
  if (g_date_time_compare (*to, *from) <= 0)
    {
      GDateTime *next = g_date_time_add_days (*to, 1);

      g_date_time_unref (*to);
      *to = next;
    }

  return TRUE;
}

static gboolean
refuse_unless_lead (PoeShiftsPage  *self,
                    GError        **error)
{
  if (is_lead (self))
    return TRUE;

  g_set_error_literal (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_NOT_ALLOWED,
                       _("Only shift leads can change the roster."));
  return FALSE;
}

static void
show_error (PoeShiftsPage *self,
            const GError  *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  /* Translators: title of the dialog shown when a change cannot be saved */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Not Saved"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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
  const char *who = staff_name (self, poe_record_get_updated_by (entry));

  if (time == NULL || !poe_time_entry_changed_after_decision (get_store (self), entry))
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
  label = chip (words, "chip-warning");
  gtk_widget_set_name (label, "flag-label");
  adw_action_row_add_suffix (row, label);
}


/* My week */

static void edit_clicked_cb (PoeShiftsPage *self, GtkButton *button);

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

  edit = row_button ("edit-button", NULL, "document-edit-symbolic", _("Edit break and note"));
  gtk_widget_set_sensitive (edit, poe_time_entry_is_editable (entry, get_role (self), get_staff_id (self)));
  g_object_set_data_full (G_OBJECT (edit), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, G_CONNECT_SWAPPED);
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

static void
refresh_clock (PoeShiftsPage *self)
{
  g_autoptr(PoeRecord) open = poe_timesheet_find_open_entry (get_store (self), get_staff_id (self), NULL);
  g_autoptr(GDateTime) start = open ? poe_record_dup_time (open, "start") : NULL;
  g_autofree char *since = start ? poe_shifts_format_time (start, self->zone, "%a %H:%M") : NULL;
  g_autofree char *title = NULL;

  /* Translators: %s is the day and time of clocking in, "Tue 06:02" */
  title = since ? g_strdup_printf (_("Clocked in since %s"), since) : g_strdup (_("Not clocked in"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->clock_row), title);
  gtk_widget_set_sensitive (self->clock_in_button, open == NULL);
  gtk_widget_set_sensitive (self->clock_out_button, open != NULL);
}

static void
refresh_week (PoeShiftsPage *self)
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

  clear_list (self->week_list);
  week = poe_timesheet_week_new (get_store (self), get_staff_id (self), self->week_day, self->zone, now, NULL);
  if (week == NULL)
    return;

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
}


/* Approvals */

static void approve_clicked_cb (PoeShiftsPage *self, GtkButton *button);
static void reject_clicked_cb (PoeShiftsPage *self, GtkButton *button);

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
  GtkWidget *approve = row_button ("approve-button", _("_Approve"), NULL, NULL);
  GtkWidget *reject = row_button ("reject-button", _("_Return…"), NULL, NULL);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff_name (self, poe_record_get_string (entry, "staff_id")));
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
  g_signal_connect_object (reject, "clicked", G_CALLBACK (reject_clicked_cb), self, G_CONNECT_SWAPPED);

  return row;
}

static void
refresh_approvals (PoeShiftsPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;

  clear_list (self->approvals_list);
  adw_view_stack_page_set_visible (self->approvals_page, is_lead (self));
  if (!is_lead (self))
    return;

  entries = poe_timesheet_list_submitted (get_store (self), get_staff_id (self), NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    gtk_list_box_append (self->approvals_list, approval_row_new (self, g_ptr_array_index (entries, i), entries));
  adw_view_stack_page_set_badge_number (self->approvals_page, entries ? entries->len : 0);
  adw_view_stack_page_set_needs_attention (self->approvals_page, entries != NULL && entries->len > 0);
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
      button = row_button ("lock-button", _("_Lock"), NULL, NULL);
      poe_tooltip_set_text (button, _("Lock the entry for payroll; only an administrator can change it then"));
      g_object_set_data_full (G_OBJECT (button), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (lock_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  if (is_admin (self))
    {
      button = row_button ("edit-button", NULL, "document-edit-symbolic", _("Edit break and note"));
      g_object_set_data_full (G_OBJECT (button), "entry-id", g_strdup (poe_record_get_id (entry)), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (edit_clicked_cb), self, G_CONNECT_SWAPPED);
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
  GtkWidget *button = row_button ("lock-week-button", _("Lock _Week"), NULL, NULL);
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group), staff_name (self, staff_id));
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
static void
refresh_locks (PoeShiftsPage *self)
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

  clear_list (self->lock_list);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_label), is_supervisor (self));
  gtk_widget_set_visible (GTK_WIDGET (self->lock_list), is_supervisor (self));
  if (!is_supervisor (self))
    return;

  /* Translators: heading of the entries to lock, "Approved and locked in the week of 9 Nov – 15 Nov 2026" */
  label = g_strdup_printf (_("Approved and locked in the week of %s – %s"), first_text, last_text);
  gtk_label_set_label (self->lock_label, label);

  staff = poe_store_list (get_store (self), "staff", NULL, NULL, NULL);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      const char *staff_id = poe_record_get_id (g_ptr_array_index (staff, i));
      g_autoptr(GPtrArray) entries = NULL;

      if (g_strcmp0 (staff_id, get_staff_id (self)) == 0)
        continue;
      entries = poe_store_list_time_entries (get_store (self), staff_id, monday, next, NULL);
      for (guint j = entries ? entries->len : 0; j > 0; j--)
        {
          const char *state = poe_record_get_string (g_ptr_array_index (entries, j - 1), "state");

          if (g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "locked") != 0)
            g_ptr_array_remove_index (entries, j - 1);
        }
      if (entries != NULL && entries->len > 0)
        gtk_list_box_append (self->lock_list, lock_group_new (self, staff_id, entries));
    }
}


/* Roster */

static void edit_shift_clicked_cb (PoeShiftsPage *self, GtkButton *button);
static void remove_shift_clicked_cb (PoeShiftsPage *self, GtkButton *button);

static GtkWidget *
leave_chip (PoeShiftsPage *self,
            PoeRecord     *shift,
            GPtrArray     *leaves)
{
  for (guint i = 0; leaves != NULL && i < leaves->len; i++)
    {
      PoeRecord *leave = g_ptr_array_index (leaves, i);
      const char *state = poe_record_get_string (leave, "state");

      if (!poe_leave_covers_shift (leave, shift, self->zone))
        continue;
      if (g_strcmp0 (state, "approved") == 0)
        return chip (_("On leave"), "chip-error");
      if (g_strcmp0 (state, "requested") == 0)
        return chip (_("Leave requested"), "chip-warning");
    }

  return NULL;
}

static GtkWidget *
roster_row_new (PoeShiftsPage *self,
                PoeRecord     *shift,
                GPtrArray     *leaves)
{
  g_autoptr(GDateTime) start = poe_record_dup_time (shift, "planned_start");
  g_autoptr(GDateTime) end = poe_record_dup_time (shift, "planned_end");
  g_autofree char *name = g_strconcat ("shift-", poe_record_get_id (shift), NULL);
  g_autofree char *from = poe_shifts_format_time (start, self->zone, "%H:%M");
  g_autofree char *to = poe_shifts_format_time (end, self->zone, "%H:%M");
  const char * const *languages = poe_record_get_strv (shift, "languages");
  g_autofree char *joined = languages ? g_strjoinv (", ", (char **) languages) : NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *on_leave = leave_chip (self, shift, leaves);
  GtkWidget *edit;

  /* Translators: planned times of a shift, "06:00–14:30" */
  g_string_printf (subtitle, _("%s–%s"), from, to);
  if (poe_record_get_string (shift, "role") != NULL)
    g_string_append_printf (subtitle, " · %s", poe_record_get_string (shift, "role"));
  if (joined != NULL && *joined != '\0')
    g_string_append_printf (subtitle, " · %s", joined);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 staff_name (self, poe_record_get_string (shift, "staff_id")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  if (on_leave != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), on_leave);

  if (is_lead (self))
    {
      edit = row_button ("edit-shift-button", NULL, "document-edit-symbolic", _("Edit shift times"));
      g_object_set_data_full (G_OBJECT (edit), "shift-id", g_strdup (poe_record_get_id (shift)), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_shift_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

      edit = row_button ("remove-shift-button", NULL, "user-trash-symbolic", _("Remove shift"));
      g_object_set_data_full (G_OBJECT (edit), "shift-id", g_strdup (poe_record_get_id (shift)), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (remove_shift_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
    }

  return row;
}

static void
refresh_roster (PoeShiftsPage *self)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (self->roster_day, self->zone);
  g_autoptr(GDateTime) from = g_date_time_new (self->zone, g_date_time_get_year (local),
                                               g_date_time_get_month (local),
                                               g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_add_days (from, 1);
  g_autoptr(GPtrArray) shifts = poe_store_list_shifts_between (get_store (self), from, to, NULL);
  g_autoptr(GPtrArray) leaves = poe_store_list (get_store (self), "leave_request", NULL, NULL, NULL);
  g_autofree char *day = g_date_time_format (from, "%A %-d %B %Y");

  gtk_label_set_label (self->day_label, day);
  gtk_widget_set_visible (self->add_shift_button, is_lead (self));
  clear_list (self->roster_list);
  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    gtk_list_box_append (self->roster_list, roster_row_new (self, g_ptr_array_index (shifts, i), leaves));
}


/* Leave */

static void leave_action_clicked_cb (PoeShiftsPage *self, GtkButton *button);

static GtkWidget *
leave_button (PoeShiftsPage *self,
              PoeRecord     *leave,
              const char    *name,
              const char    *label,
              const char    *state)
{
  GtkWidget *button = row_button (name, label, NULL, NULL);

  g_object_set_data_full (G_OBJECT (button), "leave-id", g_strdup (poe_record_get_id (leave)), g_free);
  g_object_set_data (G_OBJECT (button), "state", (gpointer) state);
  g_signal_connect_object (button, "clicked", G_CALLBACK (leave_action_clicked_cb), self, G_CONNECT_SWAPPED);

  return button;
}

static guint
count_covered_shifts (PoeShiftsPage *self,
                      PoeRecord     *leave)
{
  g_autoptr(GPtrArray) shifts = poe_store_list (get_store (self), "shift", "staff_id",
                                                poe_record_get_string (leave, "staff_id"), NULL);
  guint count = 0;

  for (guint i = 0; shifts != NULL && i < shifts->len; i++)
    count += poe_leave_covers_shift (leave, g_ptr_array_index (shifts, i), self->zone) ? 1 : 0;

  return count;
}

static GtkWidget *
leave_row_new (PoeShiftsPage *self,
               PoeRecord     *leave)
{
  const char *state = poe_record_get_string (leave, "state");
  gboolean own = g_strcmp0 (poe_record_get_string (leave, "staff_id"), get_staff_id (self)) == 0;
  gboolean requested = g_strcmp0 (state, "requested") == 0;
  guint covered = count_covered_shifts (self, leave);
  g_autofree char *name = g_strconcat ("leave-", poe_record_get_id (leave), NULL);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();

  /* Translators: kind and days of a leave request, "Annual leave · 2026-12-01 – 2026-12-03" */
  title = g_strdup_printf (_("%s · %s – %s"), poe_shifts_leave_kind_label (poe_record_get_string (leave, "kind")),
                           poe_record_get_string (leave, "first_day"), poe_record_get_string (leave, "last_day"));
  g_string_printf (subtitle, "%s · %s", staff_name (self, poe_record_get_string (leave, "staff_id")),
                   poe_shifts_leave_state_label (state));
  if (covered > 0)
    {
      /* Translators: rostered shifts that fall on the days of a leave request */
      g_autofree char *counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overlaps %u rostered shift",
                                                               "overlaps %u rostered shifts", covered), covered);

      g_string_append_printf (subtitle, " · %s", counted);
    }
  if (poe_record_get_string (leave, "reason") != NULL)
    g_string_append_printf (subtitle, " — %s", poe_record_get_string (leave, "reason"));

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  if (requested && own)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), leave_button (self, leave, "cancel-leave-button", _("_Cancel Request"), "cancelled"));
  if (requested && !own && is_lead (self))
    {
      GtkWidget *approve = leave_button (self, leave, "approve-leave-button", _("_Approve"), "approved");

      gtk_widget_add_css_class (approve, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), approve);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), leave_button (self, leave, "reject-leave-button", _("_Decline…"), "rejected"));
    }

  return row;
}

static int
compare_leave (gconstpointer a,
               gconstpointer b)
{
  PoeRecord *x = *(PoeRecord **) a;
  PoeRecord *y = *(PoeRecord **) b;

  return g_strcmp0 (poe_record_get_string (y, "first_day"), poe_record_get_string (x, "first_day"));
}

static void
refresh_leave (PoeShiftsPage *self)
{
  g_autoptr(GPtrArray) leaves = poe_store_list (get_store (self), "leave_request", NULL, NULL, NULL);

  clear_list (self->leave_list);
  if (leaves == NULL)
    return;

  g_ptr_array_sort (leaves, compare_leave);
  for (guint i = 0; i < leaves->len; i++)
    {
      PoeRecord *leave = g_ptr_array_index (leaves, i);

      if (is_lead (self) || g_strcmp0 (poe_record_get_string (leave, "staff_id"), get_staff_id (self)) == 0)
        gtk_list_box_append (self->leave_list, leave_row_new (self, leave));
    }
}

static void
refresh (PoeShiftsPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;

  if (get_store (self) == NULL || get_staff_id (self) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "shifts");
  gtk_widget_set_visible (self->export_button, is_lead (self));
  load_staff_names (self);
  refresh_clock (self);
  refresh_week (self);
  refresh_approvals (self);
  refresh_locks (self);
  refresh_roster (self);
  refresh_leave (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PoeShiftsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}


/* Dialogs */

static AdwMessageDialog *
reason_dialog_new (PoeShiftsPage *self,
                   const char    *heading,
                   const char    *confirm)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("Say why. The owner reads the reason with the entry.")));
  gtk_widget_set_name (entry, "reason-entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  /* Translators: placeholder of the reason for returning a time entry or declining leave */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "confirm", confirm);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "confirm", FALSE);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);

  return dialog;
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "confirm", *reason != '\0');
}

static void
reject_response_cb (PoeShiftsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  const char *entry_id = g_object_get_data (G_OBJECT (dialog), "entry-id");
  const char *leave_id = g_object_get_data (G_OBJECT (dialog), "leave-id");
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!g_str_equal (response, "confirm") || get_store (self) == NULL)
    return;

  if (entry_id != NULL)
    saved = poe_timesheet_decide (get_store (self), get_role (self), entry_id, FALSE,
                                  gtk_editable_get_text (entry), &error);
  else
    saved = poe_leave_set_state (get_store (self), get_role (self), leave_id, "rejected",
                                 gtk_editable_get_text (entry), &error);
  if (!saved)
    show_error (self, error);
}

static AdwMessageDialog *
present_reason_dialog (PoeShiftsPage *self,
                       const char    *key,
                       const char    *id)
{
  gboolean leave = g_str_equal (key, "leave-id");
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* Translators: heading and confirm button of the dialog asking why */
  dialog = reason_dialog_new (self, leave ? _("Decline This Leave Request?") : _("Return This Time Entry?"),
                              leave ? _("_Decline") : _("_Return"));
  entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  g_object_set_data_full (G_OBJECT (dialog), key, g_strdup (id), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reject_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *name,
                const char *label,
                const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), entry);

  return entry;
}

/* A labelled_entry that keeps its label beside it once filled in. */
static GtkWidget *
captioned_entry (GtkWidget    *box,
                 GtkSizeGroup *captions,
                 const char   *name,
                 const char   *label,
                 const char   *text)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *entry = labelled_entry (line, name, label, text);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_size_group_add_widget (captions, caption);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_prepend (GTK_BOX (line), caption);
  gtk_box_append (GTK_BOX (box), line);

  return entry;
}

static void
edit_response_cb (PoeShiftsPage    *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  GtkEditable *breaks = g_object_get_data (G_OBJECT (dialog), "break-entry");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note-entry");
  g_autoptr(PoeRecord) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minutes;

  if (!g_str_equal (response, "save") || get_store (self) == NULL)
    return;

  entry = poe_store_get (get_store (self), "time_entry", g_object_get_data (G_OBJECT (dialog), "entry-id"), &error);
  if (entry != NULL)
    {
      minutes = g_ascii_strtoll (gtk_editable_get_text (breaks), NULL, 10);
      poe_record_set_int (entry, "break_minutes", CLAMP (minutes, 0, 24 * 60));
      poe_record_set_string (entry, "note", *gtk_editable_get_text (note) ? gtk_editable_get_text (note) : NULL);
    }
  if (entry == NULL || !poe_timesheet_save_entry (get_store (self), get_role (self), entry, &error))
    show_error (self, error);
}

static void
shift_response_cb (PoeShiftsPage    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  GtkEditable *start = g_object_get_data (G_OBJECT (dialog), "start-entry");
  GtkEditable *end = g_object_get_data (G_OBJECT (dialog), "end-entry");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save") || get_store (self) == NULL)
    return;

  if (!poe_shifts_page_set_shift_times (self, g_object_get_data (G_OBJECT (dialog), "shift-id"),
                                        gtk_editable_get_text (start), gtk_editable_get_text (end), &error))
    show_error (self, error);
}

static AdwMessageDialog *
form_dialog_new (PoeShiftsPage *self,
                 const char    *heading,
                 GtkWidget    **box)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL));
  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_message_dialog_set_extra_child (dialog, *box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

static void
add_shift_response_cb (PoeShiftsPage    *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  GtkDropDown *picker = g_object_get_data (G_OBJECT (dialog), "staff-dropdown");
  const char * const *ids = g_object_get_data (G_OBJECT (dialog), "staff-ids");
  guint selected = gtk_drop_down_get_selected (picker);
  g_autoptr(GError) error = NULL;
  const char *entries[4] = { "day-entry", "start-entry", "end-entry", "role-entry" };
  const char *texts[4];

  if (!g_str_equal (response, "save") || get_store (self) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    texts[i] = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), entries[i]));

  if (selected == GTK_INVALID_LIST_POSITION || ids[selected] == NULL ||
      !poe_shifts_page_add_shift (self, ids[selected], texts[0], texts[1], texts[2], texts[3], &error))
    show_error (self, error);
}

static void
remove_shift_response_cb (PoeShiftsPage    *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || get_store (self) == NULL)
    return;

  if (!refuse_unless_lead (self, &error) ||
      !poe_store_delete (get_store (self), "shift", g_object_get_data (G_OBJECT (dialog), "shift-id"), &error))
    show_error (self, error);
}

/* The staff of the POE to pick from: names shown, ids kept on @dialog in the same order. */
static GtkWidget *
staff_picker_new (PoeShiftsPage    *self,
                  AdwMessageDialog *dialog)
{
  g_autoptr(GPtrArray) staff = poe_store_list (get_store (self), "staff", "poe", get_poe_code (self), NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *picker;

  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      PoeRecord *member = g_ptr_array_index (staff, i);

      g_strv_builder_add (ids, poe_record_get_id (member));
      gtk_string_list_append (names, poe_record_get_string (member, "display_name"));
    }
  g_object_set_data_full (G_OBJECT (dialog), "staff-ids", g_strv_builder_end (ids), (GDestroyNotify) g_strfreev);

  picker = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_name (picker, "staff-dropdown");
  /* Translators: accessible name of the staff member picker of a new shift */
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff member"), -1);

  return picker;
}

static void
period_response_cb (PoeShiftsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkDropDown *periods = g_object_get_data (G_OBJECT (dialog), "period-dropdown");

  if (!g_str_equal (response, "choose"))
    return;

  self->export_period = gtk_drop_down_get_selected (periods);
  choose_payroll_file (self);
}


/*
 * Callbacks
 */

static void
store_changed_cb (PoeShiftsPage      *self,
                  const char         *entity,
                  const char * const *ids,
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

  entry = poe_timesheet_clock_in (get_store (self), get_role (self), get_staff_id (self), now, &error);
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

  entry = poe_timesheet_clock_out (get_store (self), get_role (self), get_staff_id (self), now,
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

  week = poe_timesheet_week_new (get_store (self), get_staff_id (self), self->week_day, self->zone, now, &error);
  count = week ? poe_timesheet_submit_week (get_store (self), get_role (self), week, &error) : 0;
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
approve_clicked_cb (PoeShiftsPage *self,
                    GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!poe_timesheet_decide (get_store (self), get_role (self), g_object_get_data (G_OBJECT (button), "entry-id"),
                             TRUE, NULL, &error))
    show_error (self, error);
}

static void
reject_clicked_cb (PoeShiftsPage *self,
                   GtkButton     *button)
{
  g_assert (POE_IS_SHIFTS_PAGE (self));

  present_reason_dialog (self, "entry-id", g_object_get_data (G_OBJECT (button), "entry-id"));
}

static void
edit_clicked_cb (PoeShiftsPage *self,
                 GtkButton     *button)
{
  const char *entry_id = g_object_get_data (G_OBJECT (button), "entry-id");
  g_autoptr(PoeRecord) entry = poe_store_get (get_store (self), "time_entry", entry_id, NULL);
  g_autofree char *minutes = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (entry == NULL)
    return;

  minutes = g_strdup_printf ("%" G_GINT64_FORMAT, poe_record_get_int (entry, "break_minutes"));
  /* Translators: heading of the dialog editing a time entry's break and note */
  dialog = form_dialog_new (self, _("Edit Time Entry"), &box);
  g_object_set_data (G_OBJECT (dialog), "break-entry", labelled_entry (box, "break-entry", _("Break minutes"), minutes));
  g_object_set_data (G_OBJECT (dialog), "note-entry",
                     labelled_entry (box, "note-entry", _("Note for the lead"), poe_record_get_string (entry, "note")));
  g_object_set_data_full (G_OBJECT (dialog), "entry-id", g_strdup (entry_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_shift_clicked_cb (PoeShiftsPage *self,
                       GtkButton     *button)
{
  const char *shift_id = g_object_get_data (G_OBJECT (button), "shift-id");
  g_autoptr(PoeRecord) shift = poe_store_get (get_store (self), "shift", shift_id, NULL);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (shift == NULL)
    return;

  start = poe_record_dup_time (shift, "planned_start");
  end = poe_record_dup_time (shift, "planned_end");
  from = poe_shifts_format_time (start, self->zone, "%H:%M");
  to = poe_shifts_format_time (end, self->zone, "%H:%M");
  /* Translators: heading of the dialog changing a shift's planned times */
  dialog = form_dialog_new (self, _("Edit Shift Times"), &box);
  g_object_set_data (G_OBJECT (dialog), "start-entry", labelled_entry (box, "start-entry", _("Start (HH:MM)"), from));
  g_object_set_data (G_OBJECT (dialog), "end-entry", labelled_entry (box, "end-entry", _("End (HH:MM)"), to));
  g_object_set_data_full (G_OBJECT (dialog), "shift-id", g_strdup (shift_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (shift_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lock_clicked_cb (PoeShiftsPage *self,
                 GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (!poe_timesheet_lock (get_store (self), get_role (self), g_object_get_data (G_OBJECT (button), "entry-id"),
                           &error))
    show_error (self, error);
}

static void
lock_week_clicked_cb (PoeShiftsPage *self,
                      GtkButton     *button)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  poe_timesheet_lock_week (get_store (self), get_role (self), g_object_get_data (G_OBJECT (button), "staff-id"),
                           self->week_day, self->zone, &error);
  if (error != NULL)
    show_error (self, error);
}

static void
add_shift_clicked_cb (PoeShiftsPage *self)
{
  g_autofree char *day = poe_shifts_format_time (self->roster_day, self->zone, "%Y-%m-%d");
  g_autoptr(GtkSizeGroup) captions = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  AdwMessageDialog *dialog;
  GtkWidget *box;
  GtkWidget *picker;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  /* Translators: heading of the dialog adding a shift to the roster */
  dialog = form_dialog_new (self, _("Add Shift"), &box);
  gtk_widget_set_size_request (box, 320, -1);
  picker = staff_picker_new (self, dialog);
  gtk_box_append (GTK_BOX (box), picker);
  g_object_set_data (G_OBJECT (dialog), "staff-dropdown", picker);
  g_object_set_data (G_OBJECT (dialog), "day-entry", captioned_entry (box, captions, "day-entry", _("Day (YYYY-MM-DD)"), day));
  g_object_set_data (G_OBJECT (dialog), "start-entry", captioned_entry (box, captions, "start-entry", _("Start (HH:MM)"), "06:00"));
  g_object_set_data (G_OBJECT (dialog), "end-entry", captioned_entry (box, captions, "end-entry", _("End (HH:MM)"), "14:00"));
  /* Translators: the duty of a shift, like "arrivals" */
  g_object_set_data (G_OBJECT (dialog), "role-entry", captioned_entry (box, captions, "role-entry", _("Duty (optional)"), NULL));
  /* Translators: confirm button of the dialog adding a shift */
  adw_message_dialog_set_response_label (dialog, "save", _("_Add"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_shift_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_shift_clicked_cb (PoeShiftsPage *self,
                         GtkButton     *button)
{
  const char *shift_id = g_object_get_data (G_OBJECT (button), "shift-id");
  g_autoptr(PoeRecord) shift = poe_store_get (get_store (self), "shift", shift_id, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (shift == NULL)
    return;

  start = poe_record_dup_time (shift, "planned_start");
  when = poe_shifts_format_time (start, self->zone, "%a %-d %b %H:%M");
  /* Translators: body of the dialog removing a shift; a name and "Tue 24 Nov 06:00" */
  body = g_strdup_printf (_("The shift of %s on %s leaves the roster."),
                          staff_name (self, poe_record_get_string (shift, "staff_id")), when);
  /* Translators: heading of the dialog removing a shift */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove This Shift?"), body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shift-id", g_strdup (shift_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_shift_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
leave_action_clicked_cb (PoeShiftsPage *self,
                         GtkButton     *button)
{
  const char *leave_id = g_object_get_data (G_OBJECT (button), "leave-id");
  const char *state = g_object_get_data (G_OBJECT (button), "state");
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  if (g_str_equal (state, "rejected"))
    {
      present_reason_dialog (self, "leave-id", leave_id);
      return;
    }

  if (!poe_leave_set_state (get_store (self), get_role (self), leave_id, state, NULL, &error))
    show_error (self, error);
}

static void
request_clicked_cb (PoeShiftsPage *self)
{
  const PoeFieldInfo *field = poe_entity_lookup_field (poe_schema_lookup_entity ("leave_request"), "kind");
  guint selected = adw_combo_row_get_selected (self->kind_row);
  g_autoptr(PoeRecord) leave = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_SHIFTS_PAGE (self));

  leave = poe_leave_request_create (get_store (self), get_role (self), get_staff_id (self),
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

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PoeShiftsPage *self = POE_SHIFTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (!poe_shifts_page_export_payroll_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
}

static void
chooser_response_cb (PoeShiftsPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    poe_shifts_page_export_payroll_async (self, self->export_period, file, self->cancellable, export_done_cb, NULL);
  g_clear_object (&self->chooser);
}

static void
choose_payroll_file (PoeShiftsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *name = NULL;

  poe_payroll_period_get_bounds (self->export_period, now, self->zone, &first_day, &last_day);
  name = g_strdup_printf ("payroll-%s-to-%s.csv", first_day, last_day);
  g_clear_object (&self->chooser);
  /* Translators: title of the file chooser saving the payroll CSV */
  self->chooser = gtk_file_chooser_native_new (_("Export Payroll"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_clicked_cb (PoeShiftsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: the periods the payroll export offers */
  const char *periods[] = { _("This week"), _("Last week"), _("This month"), _("Last month"), NULL };
  AdwMessageDialog *dialog;
  GtkWidget *picker = gtk_drop_down_new_from_strings (periods);

  g_assert (POE_IS_SHIFTS_PAGE (self));

  /* Translators: heading and body of the dialog asking which period to export */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Export Payroll"),
                                                       _("The approved and locked hours of everyone at the port of entry, for")));
  gtk_widget_set_name (picker, "period-dropdown");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (picker), self->export_period);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  adw_message_dialog_set_extra_child (dialog, picker);
  g_object_set_data (G_OBJECT (dialog), "period-dropdown", picker);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "choose", _("_Choose File…"));
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (period_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
replace_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/shifts/poe-shifts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeShiftsPage, stack);
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
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_shift_clicked_cb);
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

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = poe_shifts_dup_time_zone (get_store (self));
  g_signal_group_set_target (self->store_signals, get_store (self));
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
 * poe_shifts_page_set_shift_times:
 * @start: the planned start at the POE, "06:00", on the shift's day
 * @end: the planned end; earlier than @start means the next day
 *
 * Changes a rostered shift's planned times, as a lead's edit does.
 */
gboolean
poe_shifts_page_set_shift_times (PoeShiftsPage  *self,
                                 const char     *shift_id,
                                 const char     *start,
                                 const char     *end,
                                 GError        **error)
{
  g_autoptr(PoeRecord) shift = NULL;
  g_autoptr(GDateTime) old_start = NULL;
  g_autoptr(GDateTime) new_start = NULL;
  g_autoptr(GDateTime) new_end = NULL;

  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), FALSE);
  g_return_val_if_fail (shift_id != NULL && start != NULL && end != NULL, FALSE);

  if (!refuse_unless_lead (self, error) || !(shift = poe_store_get (get_store (self), "shift", shift_id, error)))
    return FALSE;

  old_start = poe_record_dup_time (shift, "planned_start");
  if (!make_span (self, old_start, start, end, &new_start, &new_end, error))
    return FALSE;
  poe_record_set_time (shift, "planned_start", new_start);
  poe_record_set_time (shift, "planned_end", new_end);

  return poe_store_save (get_store (self), shift, error);
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

  return present_reason_dialog (self, "entry-id", entry_id);
}

/**
 * poe_shifts_page_add_shift:
 * @staff_id: who works the shift, one of the POE's staff
 * @day: the local day at the POE, "2026-11-24"
 * @start: the planned start, "06:00"
 * @end: the planned end; not after @start means the next day
 * @role: (nullable): the duty, like "arrivals"
 *
 * Adds a shift to the roster, as a lead's "Add Shift…" does.
 */
gboolean
poe_shifts_page_add_shift (PoeShiftsPage  *self,
                           const char     *staff_id,
                           const char     *day,
                           const char     *start,
                           const char     *end,
                           const char     *role,
                           GError        **error)
{
  g_autoptr(PoeRecord) shift = NULL;
  g_autoptr(GDateTime) noon = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *duty = g_strstrip (g_strdup (role ? role : ""));
  int year, month, mday;

  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), FALSE);
  g_return_val_if_fail (staff_id != NULL && day != NULL && start != NULL && end != NULL, FALSE);

  if (!refuse_unless_lead (self, error))
    return FALSE;
  if (!poe_date_is_valid (day) || sscanf (day, "%d-%d-%d", &year, &month, &mday) != 3)
    {
      g_set_error_literal (error, POE_TIMESHEET_ERROR, POE_TIMESHEET_ERROR_INVALID,
                           _("Enter the day as year, month and day, like 2026-11-24."));
      return FALSE;
    }

  noon = g_date_time_new (self->zone, year, month, mday, 12, 0, 0);
  if (!make_span (self, noon, start, end, &from, &to, error))
    return FALSE;

  shift = poe_record_new ("shift");
  poe_record_set_string (shift, "poe", get_poe_code (self));
  poe_record_set_string (shift, "staff_id", staff_id);
  poe_record_set_time (shift, "planned_start", from);
  poe_record_set_time (shift, "planned_end", to);
  poe_record_set_string (shift, "role", *duty != '\0' ? duty : NULL);

  return poe_store_save (get_store (self), shift, error);
}

/**
 * poe_shifts_page_export_payroll_async:
 * @period: which week or month, counted from now at the POE
 * @file: where to write the CSV
 *
 * Writes the approved and locked hours of @period, of everyone at the POE in the store, as
 * poe_payroll_export_csv() lays them out.
 */
void
poe_shifts_page_export_payroll_async (PoeShiftsPage       *self,
                                      PoePayrollPeriod     period,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(GBytes) csv = NULL;
  GError *error = NULL;

  g_return_if_fail (POE_IS_SHIFTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, poe_shifts_page_export_payroll_async);

  if (get_store (self) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Sign in to export payroll."));
      return;
    }

  poe_payroll_period_get_bounds (period, now, self->zone, &first_day, &last_day);
  csv = poe_payroll_export_csv (get_store (self), first_day, last_day, self->zone, &error);
  if (csv == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable,
                                       replace_done_cb, g_steal_pointer (&task));
}

gboolean
poe_shifts_page_export_payroll_finish (PoeShiftsPage  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (POE_IS_SHIFTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
