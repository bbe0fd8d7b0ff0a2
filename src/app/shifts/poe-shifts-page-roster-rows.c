/* poe-shifts-page-roster-rows.c
 *
 * The shifts page's Roster and Leave tabs: the shifts of the day shown, with leave that
 * falls on them, and the leave requests (the user's own, or all for a lead) with their
 * decisions. Times are told at the signed-in user's POE; a failed read goes back to the
 * page, which shows it instead of the lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-shifts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-language.h"
#include "poe-shifts-labels.h"
#include "poe-shifts-page-private.h"

static void leave_action_clicked_cb (PoeShiftsPage *self,
                                     GtkButton     *button);


/* Roster */

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
        return _poe_shifts_page_chip (_("On leave"), "chip-error");
      if (g_strcmp0 (state, "requested") == 0)
        return _poe_shifts_page_chip (_("Leave requested"), "chip-warning");
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
  g_autofree char *joined = languages ? poe_language_dup_names (languages) : NULL;
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
                                 _poe_shifts_page_staff_name (self, poe_record_get_string (shift, "staff_id")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  if (on_leave != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), on_leave);

  if (_poe_shifts_page_is_lead (self))
    {
      edit = _poe_shifts_page_row_button ("edit-shift-button", NULL, "document-edit-symbolic", _("Edit shift times"));
      g_object_set_data_full (G_OBJECT (edit), "shift-id", g_strdup (poe_record_get_id (shift)), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (_poe_shifts_page_edit_shift_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

      edit = _poe_shifts_page_row_button ("remove-shift-button", NULL, "user-trash-symbolic", _("Remove shift"));
      g_object_set_data_full (G_OBJECT (edit), "shift-id", g_strdup (poe_record_get_id (shift)), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (_poe_shifts_page_remove_shift_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
    }

  return row;
}

gboolean
_poe_shifts_page_refresh_roster (PoeShiftsPage  *self,
                                 GError        **error)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (self->roster_day, self->zone);
  g_autoptr(GDateTime) from = g_date_time_new (self->zone, g_date_time_get_year (local),
                                               g_date_time_get_month (local),
                                               g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_add_days (from, 1);
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  g_autofree char *day = g_date_time_format (from, "%A %-d %B %Y");

  gtk_label_set_label (self->day_label, day);
  gtk_widget_set_visible (self->add_shift_button, _poe_shifts_page_is_lead (self));
  _poe_shifts_page_clear_list (self->roster_list);
  if (!(shifts = poe_store_list_shifts_between (_poe_shifts_page_get_store (self), from, to, error)) ||
      !(leaves = poe_store_list (_poe_shifts_page_get_store (self), "leave_request", NULL, NULL, error)))
    return FALSE;

  for (guint i = 0; i < shifts->len; i++)
    gtk_list_box_append (self->roster_list, roster_row_new (self, g_ptr_array_index (shifts, i), leaves));
  return TRUE;
}


/* Leave */

static GtkWidget *
leave_button (PoeShiftsPage *self,
              PoeRecord     *leave,
              const char    *name,
              const char    *label,
              const char    *state)
{
  GtkWidget *button = _poe_shifts_page_row_button (name, label, NULL, NULL);

  g_object_set_data_full (G_OBJECT (button), "leave-id", g_strdup (poe_record_get_id (leave)), g_free);
  g_object_set_data (G_OBJECT (button), "state", (gpointer) state);
  g_signal_connect_object (button, "clicked", G_CALLBACK (leave_action_clicked_cb), self, G_CONNECT_SWAPPED);

  return button;
}

/* The rostered shifts of the leave's staff member on its days; %FALSE when unreadable. */
static gboolean
count_covered_shifts (PoeShiftsPage  *self,
                      PoeRecord      *leave,
                      guint          *count,
                      GError        **error)
{
  g_autoptr(GPtrArray) shifts = poe_store_list (_poe_shifts_page_get_store (self), "shift", "staff_id",
                                                poe_record_get_string (leave, "staff_id"), error);

  *count = 0;
  if (shifts == NULL)
    return FALSE;

  for (guint i = 0; i < shifts->len; i++)
    *count += poe_leave_covers_shift (leave, g_ptr_array_index (shifts, i), self->zone) ? 1 : 0;

  return TRUE;
}

static GtkWidget *
leave_row_new (PoeShiftsPage  *self,
               PoeRecord      *leave,
               GError        **error)
{
  const char *state = poe_record_get_string (leave, "state");
  gboolean own = g_strcmp0 (poe_record_get_string (leave, "staff_id"), _poe_shifts_page_get_staff_id (self)) == 0;
  gboolean requested = g_strcmp0 (state, "requested") == 0;
  guint covered;
  g_autofree char *name = g_strconcat ("leave-", poe_record_get_id (leave), NULL);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  if (!count_covered_shifts (self, leave, &covered, error))
    return NULL;

  row = adw_action_row_new ();

  /* Translators: kind and days of a leave request, "Annual leave · 2026-12-01 – 2026-12-03" */
  title = g_strdup_printf (_("%s · %s – %s"), poe_shifts_leave_kind_label (poe_record_get_string (leave, "kind")),
                           poe_record_get_string (leave, "first_day"), poe_record_get_string (leave, "last_day"));
  g_string_printf (subtitle, "%s · %s", _poe_shifts_page_staff_name (self, poe_record_get_string (leave, "staff_id")),
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
  if (requested && !own && _poe_shifts_page_is_lead (self))
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

gboolean
_poe_shifts_page_refresh_leave (PoeShiftsPage  *self,
                                GError        **error)
{
  g_autoptr(GPtrArray) leaves = poe_store_list (_poe_shifts_page_get_store (self), "leave_request", NULL, NULL, error);

  _poe_shifts_page_clear_list (self->leave_list);
  if (leaves == NULL)
    return FALSE;

  g_ptr_array_sort (leaves, compare_leave);
  for (guint i = 0; i < leaves->len; i++)
    {
      PoeRecord *leave = g_ptr_array_index (leaves, i);
      GtkWidget *row;

      if (!_poe_shifts_page_is_lead (self) &&
          g_strcmp0 (poe_record_get_string (leave, "staff_id"), _poe_shifts_page_get_staff_id (self)) != 0)
        continue;
      if (!(row = leave_row_new (self, leave, error)))
        return FALSE;
      gtk_list_box_append (self->leave_list, row);
    }

  return TRUE;
}


/*
 * Callbacks
 */

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
      _poe_shifts_page_present_reason_dialog (self, "leave-id", leave_id);
      return;
    }

  if (!poe_leave_set_state (_poe_shifts_page_get_store (self), _poe_shifts_page_get_role (self), leave_id,
                            state, NULL, &error))
    _poe_shifts_page_show_error (self, error);
}
