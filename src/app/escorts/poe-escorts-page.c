/* poe-escorts-page.c
 *
 * The escorts page of the user's shift (the running shift, else the latest started in the
 * last day, else the POE's calendar day): the hand-offs waiting for the user, those done in
 * the shift, the families still with the user near the shift's end, and the day's vouchers
 * by kind with their totals. It reloads from an idle after the store changes, only while
 * shown, and every minute, since the shift's end comes closer without a write. What the page
 * writes (answers to hand-offs, handed over, the voucher export) is in
 * poe-escorts-page-actions.c.
 * The shift and the day are the signed-in user's POE's, a hand-off's time its case's POE's;
 * a read that fails shows PoeReadErrorPage instead of the lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-escorts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-read-error.h"
#include "family/poe-family-labels.h"
#include "poe-csv.h"
#include "poe-custody.h"
#include "poe-escorts-labels.h"
#include "poe-escorts-page-private.h"

#define CLOCK_INTERVAL_SECONDS 60
#define DEFAULT_MARGIN (60 * G_TIME_SPAN_MINUTE)

G_DEFINE_FINAL_TYPE (PoeEscortsPage, poe_escorts_page, GTK_TYPE_WIDGET)

static const char * const watched_entities[] = {
  "handoff", "voucher", "case", "person", "shift", "staff", "poe", NULL
};

typedef struct
{
  GDateTime *start;  /* of the shift, or of the day without one */
  GDateTime *end;
  gboolean   has_shift;
} ShiftWindow;


/*
 * Auxiliary methods
 */

static void
shift_window_clear (ShiftWindow *window)
{
  g_clear_pointer (&window->start, g_date_time_unref);
  g_clear_pointer (&window->end, g_date_time_unref);
}

/* A running shift beats one that has ended; then the later start wins. */
static gboolean
better_shift (const ShiftWindow *window,
              GDateTime         *start,
              GDateTime         *end,
              GDateTime         *now)
{
  gboolean running = g_date_time_compare (end, now) >= 0;
  gboolean current_running = g_date_time_compare (window->end, now) >= 0;

  if (running != current_running)
    return running;

  return g_date_time_compare (start, window->start) > 0;
}

/* The user's shift now: the one running, else the latest one started in the last day.
 * Without one, the POE's calendar day. */
static gboolean
find_shift (PoeEscortsPage  *self,
            GDateTime       *now,
            ShiftWindow     *window,
            GError         **error)
{
  const char *me = poe_session_get_staff_id (self->session);
  g_autoptr(GPtrArray) shifts = poe_store_list (self->store, "shift", "staff_id", me, error);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, self->zone);
  g_autoptr(GDateTime) day_ago = g_date_time_add_days (now, -1);

  if (shifts == NULL)
    return FALSE;

  for (guint i = 0; i < shifts->len; i++)
    {
      PoeRecord *shift = g_ptr_array_index (shifts, i);
      g_autoptr(GDateTime) start = poe_record_dup_time (shift, "planned_start");
      g_autoptr(GDateTime) end = poe_record_dup_time (shift, "planned_end");

      if (start == NULL || end == NULL || g_date_time_compare (start, now) > 0 ||
          g_date_time_compare (start, day_ago) < 0)
        continue;
      if (window->start != NULL && !better_shift (window, start, end, now))
        continue;

      shift_window_clear (window);
      window->start = g_steal_pointer (&start);
      window->end = g_steal_pointer (&end);
      window->has_shift = TRUE;
    }

  if (window->start == NULL)
    {
      window->start = g_date_time_new (self->zone, g_date_time_get_year (local), g_date_time_get_month (local),
                                       g_date_time_get_day_of_month (local), 0, 0, 0);
      window->end = g_date_time_add_days (window->start, 1);
    }

  return TRUE;
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle,
            const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
add_button (GtkWidget  *row,
            const char *label,
            const char *action_name,
            const char *target,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

/* The family's title, or words saying it is not on this device. */
static char *
dup_case_title (PoeEscortsPage  *self,
                PoeRecord       *kase,
                GError         **error)
{
  if (kase == NULL)
    return g_strdup (_("Family not on this device"));

  return poe_escorts_dup_case_title (self->store, kase, self->reveal_names, error);
}

/* The case of @handoff, %NULL without an error when it is not on this device. */
static gboolean
get_case (PoeEscortsPage  *self,
          PoeRecord       *handoff,
          PoeRecord      **kase,
          GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *case_id = poe_record_get_string (handoff, "case_id");

  *kase = case_id != NULL ? poe_store_get (self->store, "case", case_id, &local_error) : NULL;
  if (*kase != NULL || local_error == NULL ||
      g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* "Ana Reyes → Bob Smith (Staff member) · 14:05 · Gate B22 · Passports" */
static char *
dup_handoff_summary (PoeEscortsPage *self,
                     PoeRecord      *handoff,
                     GTimeZone      *zone)
{
  g_autoptr(GDateTime) at = poe_record_dup_time (handoff, "at");
  g_autofree char *time = poe_family_format_time (at, zone);
  g_autofree char *documents = poe_handoff_dup_documents (handoff);
  g_autofree char *party = poe_handoff_dup_party (poe_record_get_string (handoff, "to_kind"),
                                                  poe_record_get_string (handoff, "to_party"),
                                                  self->reveal_names);
  const char *place = poe_record_get_string (handoff, "place");
  GString *text = g_string_new (NULL);

  /* Translators: a hand-off, "Ana Reyes → Bob Smith (Staff member)" */
  g_string_append_printf (text, _("%1$s → %2$s (%3$s)"), poe_record_get_string (handoff, "from_party"), party,
                          poe_handoff_kind_label (poe_record_get_string (handoff, "to_kind")));
  g_string_append_printf (text, C_("hand-off details", " · %s"), time);
  if (place != NULL)
    g_string_append_printf (text, C_("hand-off details", " · %s"), place);
  if (*documents != '\0')
    g_string_append_printf (text, C_("hand-off details", " · %s"), documents);

  return g_string_free (text, FALSE);
}

static gboolean
add_waiting_row (PoeEscortsPage  *self,
                 PoeRecord       *handoff,
                 GError         **error)
{
  const char *id = poe_record_get_id (handoff);
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (!get_case (self, handoff, &kase, error) ||
      !(title = dup_case_title (self, kase, error)) ||
      !(zone = poe_store_dup_poe_time_zone (self->store, handoff, error)))
    return FALSE;

  summary = dup_handoff_summary (self, handoff, zone);

  if (poe_handoff_is_internal (handoff))
    {
      subtitle = g_strdup_printf ("%s\n%s", summary, _("Handed to you: accept to take the family over"));
      row = create_row (title, subtitle, "mail-send-receive-symbolic");
      add_button (row, _("_Decline…"), "escorts.decline", id, NULL);
      add_button (row, _("_Accept"), "escorts.accept", id, "suggested-action");
    }
  else
    {
      subtitle = g_strdup_printf ("%s\n%s", summary, _("Confirm once the receiving party has the family"));
      row = create_row (title, subtitle, "document-open-recent-symbolic");
      add_button (row, _("_Confirm"), "escorts.confirm", id, "suggested-action");
    }

  gtk_widget_set_name (row, "waiting-row");
  gtk_list_box_append (self->waiting_list, row);
  return TRUE;
}

static gboolean
is_final_party (PoeRecord *handoff)
{
  static const char * const final[] = { "ra", "urm_provider", "relative", NULL };

  return g_strv_contains (final, poe_record_get_string (handoff, "to_kind"));
}

static gboolean
add_done_row (PoeEscortsPage  *self,
              PoeRecord       *handoff,
              GError         **error)
{
  const char *case_id = poe_record_get_string (handoff, "case_id");
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;
  gboolean declined = g_strcmp0 (poe_record_get_string (handoff, "state"), "declined") == 0;
  const char *status;
  GtkWidget *row;

  if (!get_case (self, handoff, &kase, error) ||
      !(title = dup_case_title (self, kase, error)) ||
      !(zone = poe_store_dup_poe_time_zone (self->store, handoff, error)))
    return FALSE;

  summary = dup_handoff_summary (self, handoff, zone);
  state = poe_handoff_dup_state_text (handoff, zone);
  subtitle = g_strdup_printf ("%s\n%s", summary, state);
  status = kase ? poe_record_get_string (kase, "status") : NULL;

  row = create_row (title, subtitle, declined ? "action-unavailable-symbolic"
                                              : poe_handoff_is_completed (handoff) ? "emblem-ok-symbolic"
                                                                                   : "document-open-recent-symbolic");
  gtk_widget_set_name (row, "done-row");

  if (poe_handoff_is_completed (handoff) && is_final_party (handoff) &&
      g_strcmp0 (status, "handed_over") != 0 && g_strcmp0 (status, "closed") != 0)
    add_button (row, _("_Mark Handed Over"), "escorts.mark-handed-over", case_id, NULL);

  gtk_list_box_append (self->done_list, row);
  return TRUE;
}

static gboolean
update_handoffs (PoeEscortsPage     *self,
                 const ShiftWindow  *window,
                 GError            **error)
{
  g_autoptr(GPtrArray) handoffs = poe_store_list (self->store, "handoff", NULL, NULL, error);
  const char *me = poe_session_get_staff_id (self->session);
  guint n_done = 0;

  self->n_waiting = 0;
  if (handoffs == NULL)
    return FALSE;

  for (guint i = 0; i < handoffs->len; i++)
    {
      PoeRecord *handoff = g_ptr_array_index (handoffs, i);
      g_autoptr(GDateTime) at = poe_record_dup_time (handoff, "at");

      if (poe_handoff_awaits (handoff, me))
        {
          if (!add_waiting_row (self, handoff, error))
            return FALSE;
          self->n_waiting++;
        }
      else if (at != NULL && g_date_time_compare (at, window->start) >= 0 &&
               g_date_time_compare (at, window->end) < 0)
        {
          if (!add_done_row (self, handoff, error))
            return FALSE;
          n_done++;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), self->n_waiting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->done_group), n_done > 0);
  return TRUE;
}

static gboolean
add_due_row (PoeEscortsPage  *self,
             PoeRecord       *kase,
             GError         **error)
{
  const char *case_id = poe_record_get_id (kase);
  g_autoptr(GPtrArray) persons = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n;
  GtkWidget *row;

  if (!(persons = poe_store_list_persons_for_case (self->store, case_id, error)) ||
      !(title = poe_escorts_dup_case_title (self->store, kase, self->reveal_names, error)))
    return FALSE;

  n = persons->len;

  /* Translators: a family still with the user, "4 members · still with you" */
  subtitle = g_strdup_printf (ngettext ("%u member · still with you", "%u members · still with you", n), n);
  row = create_row (title, subtitle, "system-users-symbolic");
  gtk_widget_set_name (row, "due-row");
  gtk_widget_add_css_class (row, "attention");
  add_button (row, _("_Hand Off…"), "escorts.hand-off", case_id, NULL);
  gtk_list_box_append (self->due_list, row);
  return TRUE;
}

static gboolean
update_due (PoeEscortsPage     *self,
            const ShiftWindow  *window,
            GDateTime          *now,
            GError            **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *end = NULL;
  g_autofree char *description = NULL;

  self->n_due = 0;
  if (window->has_shift &&
      !(due = poe_custody_list_due (self->store, poe_session_get_staff_id (self->session), now, window->end,
                                    self->margin, error)))
    return FALSE;

  for (guint i = 0; due != NULL && i < due->len; i++)
    if (!add_due_row (self, g_ptr_array_index (due, i), error))
      return FALSE;
  self->n_due = due ? due->len : 0;

  end = poe_family_format_time (window->end, self->zone);
  /* Translators: %s is the time the user's shift ends */
  description = g_strdup_printf (_("Your shift ends at %s. Hand these families over before you leave."), end);
  adw_preferences_group_set_description (self->due_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->due_group), self->n_due > 0);
  return TRUE;
}

static void
add_total_row (PoeEscortsPage        *self,
               const PoeVoucherTotal *total)
{
  g_autofree char *amount = poe_amount_format (total->cents);
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *label;

  /* Translators: the number of vouchers of one kind today */
  subtitle = g_strdup_printf (ngettext ("%u voucher", "%u vouchers", total->count), total->count);
  row = create_row (poe_voucher_kind_label (total->kind), subtitle, NULL);
  gtk_widget_set_name (row, "total-row");

  /* Translators: an amount and its currency, "129.00 USD" */
  text = g_strdup_printf (_("%1$s %2$s"), amount, total->currency);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->totals_list, row);
}

static gboolean
update_vouchers (PoeEscortsPage  *self,
                 GError         **error)
{
  g_autofree char *today = poe_escorts_dup_today (self->zone);
  g_autoptr(GPtrArray) vouchers = poe_voucher_list_for_day (self->store, today, self->zone, error);
  g_autoptr(GPtrArray) totals = NULL;

  if (vouchers == NULL)
    return FALSE;

  totals = poe_voucher_totals (vouchers, self->zone);
  self->n_vouchers = vouchers->len;
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    add_total_row (self, g_ptr_array_index (totals, i));

  if (self->n_vouchers == 0)
    gtk_list_box_append (self->totals_list,
                         create_row (_("No vouchers issued today"),
                                     _("Hotel, meal, transport and MCO vouchers of the day add up here."), NULL));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escorts.export", self->n_vouchers > 0);
  return TRUE;
}

static void
clear_lists (PoeEscortsPage *self)
{
  poe_escorts_clear_list (self->waiting_list);
  poe_escorts_clear_list (self->due_list);
  poe_escorts_clear_list (self->done_list);
  poe_escorts_clear_list (self->totals_list);
}

static void
bind_store (PoeEscortsPage *self)
{
  PoeStore *store = self->session ? poe_session_get_store (self->session) : NULL;

  if (g_set_object (&self->store, store))
    g_signal_group_set_target (self->store_signals, store);
}

/* The page's zone, the signed-in user's POE's, read with each reload: it follows the POE. */
static gboolean
load_zone (PoeEscortsPage  *self,
           GError         **error)
{
  GTimeZone *zone = poe_store_dup_poe_time_zone (self->store, NULL, error);

  if (zone == NULL)
    return FALSE;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  return TRUE;
}


/*
 * Callbacks
 */

static gboolean
reload_idle_cb (gpointer user_data)
{
  PoeEscortsPage *self = user_data;

  self->reload_id = 0;
  poe_escorts_page_reload (self);

  return G_SOURCE_REMOVE;
}

static gboolean
clock_tick_cb (gpointer user_data)
{
  /* The end of the shift comes closer without any write. */
  poe_escorts_page_reload (user_data);

  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (PoeEscortsPage     *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_ESCORTS_PAGE (self));

  if (!g_strv_contains (watched_entities, entity))
    return;

  /* Nothing is read while the page is not shown: at start the board alone is on screen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
mapped_cb (PoeEscortsPage *self)
{
  if (self->dirty)
    poe_escorts_page_reload (self);
}

static void
session_store_notified_cb (PoeEscortsPage *self)
{
  g_assert (POE_IS_ESCORTS_PAGE (self));

  bind_store (self);
  poe_escorts_page_reload (self);
}


/*
 * GObject overrides
 */

static void
poe_escorts_page_dispose (GObject *object)
{
  PoeEscortsPage *self = POE_ESCORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_ESCORTS_PAGE);

  G_OBJECT_CLASS (poe_escorts_page_parent_class)->dispose (object);
}

static void
poe_escorts_page_class_init (PoeEscortsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_escorts_page_dispose;

  _poe_escorts_page_install_actions (widget_class);

  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/escorts/poe-escorts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, due_group);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, due_list);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, done_group);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, done_list);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, vouchers_group);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, totals_list);
  gtk_widget_class_bind_template_child (widget_class, PoeEscortsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, poe_escorts_page_reload);
}

static void
poe_escorts_page_init (PoeEscortsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
  self->margin = DEFAULT_MARGIN;
  self->cancellable = g_cancellable_new ();

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
  self->session_signals = g_signal_group_new (POE_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::store",
                                  G_CALLBACK (session_store_notified_cb), self);

  self->clock_id = g_timeout_add_seconds (CLOCK_INTERVAL_SECONDS, clock_tick_cb, self);
  poe_escorts_page_reload (self);
}


/*
 * Private API
 */

void
_poe_escorts_page_toast (PoeEscortsPage *self,
                         const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}


/*
 * Public API
 */

/**
 * poe_escorts_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the page works for
 */
PoeSession *
poe_escorts_page_get_session (PoeEscortsPage *self)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), NULL);

  return self->session;
}

/**
 * poe_escorts_page_set_session:
 * @session: (nullable): the signed-in session; the page follows its store
 */
void
poe_escorts_page_set_session (PoeEscortsPage *self,
                              PoeSession     *session)
{
  g_return_if_fail (POE_IS_ESCORTS_PAGE (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  bind_store (self);
  if (session == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    poe_escorts_page_reload (self);
  else
    self->dirty = TRUE;
}

/**
 * poe_escorts_page_set_reveal_names:
 *
 * Whether families show names rather than initials, on the page and in the CSV export.
 */
void
poe_escorts_page_set_reveal_names (PoeEscortsPage *self,
                                   gboolean        reveal_names)
{
  g_return_if_fail (POE_IS_ESCORTS_PAGE (self));

  if (self->reveal_names == !!reveal_names)
    return;

  self->reveal_names = !!reveal_names;
  poe_escorts_page_reload (self);
}

/**
 * poe_escorts_page_set_shift_margin:
 * @margin: how long before the end of the shift families still held are listed
 */
void
poe_escorts_page_set_shift_margin (PoeEscortsPage *self,
                                   GTimeSpan       margin)
{
  g_return_if_fail (POE_IS_ESCORTS_PAGE (self));
  g_return_if_fail (margin >= 0);

  self->margin = margin;
  poe_escorts_page_reload (self);
}

guint
poe_escorts_page_get_n_waiting (PoeEscortsPage *self)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), 0);

  return self->n_waiting;
}

guint
poe_escorts_page_get_n_due (PoeEscortsPage *self)
{
  g_return_val_if_fail (POE_IS_ESCORTS_PAGE (self), 0);

  return self->n_due;
}

/**
 * poe_escorts_page_reload:
 *
 * Reads the shift again; the page does it by itself on the store's changes and every
 * minute.
 */
void
poe_escorts_page_reload (PoeEscortsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  ShiftWindow window = { NULL, NULL, FALSE };

  g_return_if_fail (POE_IS_ESCORTS_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->dirty = FALSE;
  clear_lists (self);
  self->n_waiting = self->n_due = self->n_vouchers = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escorts.export", FALSE);

  if (self->store == NULL || self->session == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (!load_zone (self, &error) || !find_shift (self, now, &window, &error) ||
      !update_handoffs (self, &window, &error) || !update_due (self, &window, now, &error) ||
      !update_vouchers (self, &error))
    {
      clear_lists (self);
      poe_read_error_page_set_error (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
      shift_window_clear (&window);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_widget_get_visible (GTK_WIDGET (self->waiting_group)) ||
                                    gtk_widget_get_visible (GTK_WIDGET (self->done_group)) ||
                                    self->n_due > 0 || self->n_vouchers > 0 ? "shift" : "empty");
  shift_window_clear (&window);
}
