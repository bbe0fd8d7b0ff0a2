/* poe-family-view.c
 *
 * One family (case) as the reception team works it: header with case number and initials,
 * connection-risk banner, case details, flights, members and the reception checklist.
 * Everything is read from the local store and follows its "changed" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-labels.h"
#include "poe-family-member-row.h"
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
  "case", "person", "segment", "checklist_event", "flight", "poe", "staff", NULL
};


/*
 * Auxiliary methods
 */

static void
set_style_class (GtkWidget   *widget,
                 char       **current,
                 const char  *wanted)
{
  if (g_strcmp0 (*current, wanted) == 0)
    return;

  if (*current != NULL)
    gtk_widget_remove_css_class (widget, *current);
  g_free (*current);
  *current = g_strdup (wanted);
  if (wanted != NULL)
    gtk_widget_add_css_class (widget, wanted);
}

static void append_part (GString    *text,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
append_part (GString    *text,
             const char *format,
             ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append (text, C_("member details", " · "));

  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static gboolean
has_text (const char *value)
{
  return value != NULL && *value != '\0';
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_empty (PoeFamilyView *self,
            gboolean       missing)
{
  g_clear_pointer (&self->snapshot, poe_family_snapshot_free);
  g_clear_pointer (&self->structure, g_free);
  g_hash_table_remove_all (self->step_rows);
  g_hash_table_remove_all (self->member_rows);
  g_hash_table_remove_all (self->person_labels);
  g_hash_table_remove_all (self->groups);
  clear_list_box (self->members_list);
  clear_list_box (self->travel_list);
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

static char *
dup_staff_list (PoeFamilyView *self)
{
  const char * const *ids = poe_record_get_strv (self->snapshot->kase, "assigned_staff_ids");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *name = _poe_family_view_staff_name (self, ids[i]);

      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      /* Translators: a staff member the store does not know (yet) */
      g_string_append (text, name ? name : _("Unknown staff member"));
    }

  if (text->len == 0)
    {
      /* Translators: no staff member is assigned to the family */
      g_string_append (text, _("Nobody assigned yet"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_header (PoeFamilyView *self)
{
  PoeFamilySnapshot *snapshot = self->snapshot;
  PoeRecord *kase = snapshot->kase;
  const char *sensitivity = poe_family_sensitivity_label (poe_record_get_string (kase, "sensitivity"));
  g_autofree char *name = poe_family_snapshot_dup_family_name (snapshot, self->reveal_names);
  g_autofree char *family = NULL;
  g_autofree char *progress = NULL;
  guint n = snapshot->persons->len;

  gtk_label_set_label (self->title_label, poe_record_get_string (kase, "case_number"));

  /* Translators: under the case number: the family's initials and its size, "A. K. · 4 members" */
  family = g_strdup_printf (ngettext ("%s · %u member", "%s · %u members", n), name, n);
  gtk_label_set_label (self->family_label, family);

  gtk_label_set_label (self->branch_label, poe_family_branch_label (poe_record_get_string (kase, "branch")));
  gtk_label_set_label (self->sensitivity_label, sensitivity ? sensitivity : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sensitivity_label), sensitivity != NULL);

  /* Translators: checklist progress of a family, "5 of 14 steps done" */
  progress = g_strdup_printf (ngettext ("%u of %u step done", "%u of %u steps done", snapshot->progress.n_required),
                              snapshot->progress.n_done, snapshot->progress.n_required);
  gtk_label_set_label (self->progress_label, progress);
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

static char *
dup_slack_text (const PoeRiskResult *risk)
{
  if (!risk->has_slack)
    {
      /* Translators: the connection slack cannot be computed */
      return g_strdup (_("slack unknown"));
    }

  if (risk->slack_minutes < 0)
    {
      /* Translators: the family would reach the gate this many minutes after departure */
      return g_strdup_printf (ngettext ("%d minute short", "%d minutes short", -risk->slack_minutes),
                              -risk->slack_minutes);
    }

  /* Translators: minutes to spare between the family at the gate and the departure */
  return g_strdup_printf (ngettext ("%d minute of slack", "%d minutes of slack", risk->slack_minutes),
                          risk->slack_minutes);
}

static const char *
risk_level_word (PoeRiskLevel level,
                 const char **icon_name,
                 const char **style)
{
  switch (level)
    {
    case POE_RISK_RED:
      *icon_name = "dialog-error-symbolic";
      *style = "poe-risk-red";
      /* Translators: connection-risk level shown in words, not only as a colour */
      return _("Connection at risk");
    case POE_RISK_AMBER:
      *icon_name = "dialog-warning-symbolic";
      *style = "poe-risk-amber";
      return _("Tight connection");
    case POE_RISK_GREEN:
      *icon_name = "emblem-ok-symbolic";
      *style = "poe-risk-green";
      return _("Connection on track");
    case POE_RISK_UNKNOWN:
    case POE_RISK_NONE:
    default:
      *icon_name = "dialog-question-symbolic";
      *style = "poe-risk-unknown";
      return _("Connection risk unknown");
    }
}

static void
update_risk (PoeFamilyView *self)
{
  const PoeRiskResult *risk = &self->snapshot->risk;
  GTimeZone *zone = self->snapshot->time_zone;
  g_autofree char *slack = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *drivers = NULL;
  g_autofree char *drivers_text = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *departure = NULL;
  const char *icon_name, *style, *word;
  const char *gate = self->snapshot->onward ? poe_record_get_string (self->snapshot->onward, "gate") : NULL;

  /* Hidden, not only folded: the page's spacing would leave a gap. */
  gtk_widget_set_visible (GTK_WIDGET (self->risk_revealer), risk->level != POE_RISK_NONE);
  gtk_revealer_set_reveal_child (self->risk_revealer, risk->level != POE_RISK_NONE);
  if (risk->level == POE_RISK_NONE)
    return;

  word = risk_level_word (risk->level, &icon_name, &style);
  slack = dup_slack_text (risk);
  /* Translators: the risk banner's title: level and slack, "Tight connection: 25 minutes of slack" */
  title = g_strdup_printf (_("%s: %s"), word, slack);
  gtk_label_set_label (self->risk_title, title);
  gtk_image_set_from_icon_name (self->risk_icon, icon_name);
  set_style_class (GTK_WIDGET (self->risk_box), &self->risk_class, style);

  ready = poe_family_format_time (risk->ready, zone);
  departure = poe_family_format_time (risk->departure, zone);
  if (risk->ready != NULL && risk->departure != NULL)
    {
      /* Translators: %1$s is when the family will be at the gate, %2$s the departure time,
       * %3$s the gate */
      detail = g_strdup_printf (_("At the gate about %1$s for the departure at %2$s, gate %3$s"),
                                ready, departure, gate && *gate ? gate : C_("gate", "unknown"));
    }
  else if (risk->departure != NULL)
    {
      /* Translators: %s is the onward departure time */
      detail = g_strdup_printf (_("Onward departure at %s"), departure);
    }
  gtk_label_set_label (self->risk_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->risk_detail), detail != NULL);

  drivers = poe_risk_describe_drivers (risk->drivers);
  /* Translators: %s lists what drives the connection risk: "inbound delayed, large family" */
  drivers_text = g_strdup_printf (_("Because of: %s"), drivers);
  gtk_label_set_label (self->risk_drivers, drivers_text);
  gtk_widget_set_visible (GTK_WIDGET (self->risk_drivers), *drivers != '\0');
}

static void
update_info (PoeFamilyView *self)
{
  PoeRecord *kase = self->snapshot->kase;
  const char *agency = poe_record_get_string (kase, "ra_agency");
  const char *affiliate = poe_record_get_string (kase, "ra_affiliate");
  const char *contact = poe_record_get_string (kase, "ra_contact");
  const char *destination = poe_record_get_string (kase, "final_destination");
  g_autoptr(GString) agency_text = g_string_new (agency ? agency : _("No agency recorded"));
  g_autofree char *staff = dup_staff_list (self);

  if (has_text (affiliate))
    append_part (agency_text, "%s", affiliate);
  if (contact != NULL && *contact != '\0')
    {
      /* Translators: the caseworker contact of the resettlement agency */
      g_string_append_printf (agency_text, _("\nCaseworker: %s"), contact);
    }

  adw_action_row_set_subtitle (self->agency_row, agency_text->str);
  adw_action_row_set_subtitle (self->destination_row,
                               destination && *destination ? destination : _("Not recorded"));
  adw_action_row_set_subtitle (self->staff_row, staff);
}

static char *
dup_route (PoeRecord *record)
{
  /* Translators: a flight: carrier, number, origin and destination, "AA 1234 JFK → ORD" */
  return g_strdup_printf (_("%1$s %2$s %3$s → %4$s"),
                          poe_record_get_string (record, "carrier") ?: "",
                          poe_record_get_string (record, "number") ?: "",
                          poe_record_get_string (record, "origin") ?: "",
                          poe_record_get_string (record, "destination") ?: "");
}

/* "14:05 (expected 14:40)", or NULL without a scheduled time. */
static char *
dup_time_text (PoeRecord  *record,
               const char *scheduled_field,
               const char *estimated_field,
               GTimeZone  *zone)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (record, scheduled_field);
  g_autoptr(GDateTime) estimated = poe_record_dup_time (record, estimated_field);
  g_autofree char *scheduled_text = poe_family_format_time (scheduled, zone);
  g_autofree char *estimated_text = poe_family_format_time (estimated, zone);

  if (scheduled == NULL)
    return NULL;

  if (estimated == NULL || g_date_time_compare (estimated, scheduled) == 0)
    return g_steal_pointer (&scheduled_text);

  /* Translators: a scheduled time and the expected one, "14:05 (expected 14:40)" */
  return g_strdup_printf (_("%1$s (expected %2$s)"), scheduled_text, estimated_text);
}

static GtkWidget *
create_travel_row (const char *title,
                   const char *subtitle,
                   const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
add_inbound_row (PoeFamilyView *self)
{
  PoeRecord *flight = self->snapshot->flight;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) actual = NULL;
  g_autofree char *arrives = NULL;
  g_autofree char *route = NULL;
  g_autofree char *title = NULL;
  const char *gate, *belt;

  if (flight == NULL)
    return;

  arrives = dup_time_text (flight, "scheduled_arrival", "estimated_arrival", self->snapshot->time_zone);
  if (arrives != NULL)
    {
      /* Translators: %s is the scheduled arrival time of the inbound flight */
      append_part (text, _("Arrives %s"), arrives);
    }

  actual = poe_record_dup_time (flight, "actual_arrival");
  if (actual != NULL)
    {
      g_autofree char *at = poe_family_format_time (actual, self->snapshot->time_zone);

      /* Translators: the inbound flight reached its gate at %s */
      append_part (text, _("at the gate %s"), at);
    }

  gate = poe_record_get_string (flight, "gate");
  belt = poe_record_get_string (flight, "belt");
  if (has_text (gate))
    {
      /* Translators: %s is an arrival or departure gate */
      append_part (text, _("gate %s"), gate);
    }
  if (has_text (belt))
    {
      /* Translators: %s is the baggage belt number */
      append_part (text, _("belt %s"), belt);
    }
  append_part (text, "%s", poe_family_travel_status_label (poe_record_get_string (flight, "status")));

  route = dup_route (flight);
  /* Translators: the inbound international flight, "Inbound QR 701 DOH → JFK" */
  title = g_strdup_printf (_("Inbound %s"), route);
  gtk_list_box_append (self->travel_list, create_travel_row (title, text->str, "airplane-mode-symbolic"));
}

static void
add_segment_row (PoeFamilyView *self,
                 PoeRecord     *segment)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *route = dup_route (segment);
  g_autofree char *departs = NULL;
  g_autofree char *title = NULL;
  const char *gate = poe_record_get_string (segment, "gate");
  const char *booking = poe_record_get_string (segment, "booking_ref");
  gboolean ground = g_strcmp0 (poe_record_get_string (segment, "leg"), "ground") == 0;

  departs = dup_time_text (segment, "scheduled_departure", "estimated_departure", self->snapshot->time_zone);
  if (departs != NULL)
    {
      /* Translators: %s is the departure time of an onward segment */
      append_part (text, _("Departs %s"), departs);
    }
  else
    {
      /* Translators: an onward segment without a departure time */
      append_part (text, "%s", _("Departure time not known"));
    }
  if (has_text (gate))
    append_part (text, _("gate %s"), gate);
  if (has_text (booking))
    {
      /* Translators: %s is the airline booking reference (PNR) */
      append_part (text, _("booking %s"), booking);
    }
  if (has_text (poe_record_get_string (segment, "status")))
    append_part (text, "%s", poe_family_travel_status_label (poe_record_get_string (segment, "status")));

  if (ground)
    {
      /* Translators: an onward ground segment, %s is the route */
      title = g_strdup_printf (_("Ground transport %s"), route);
    }
  else
    {
      /* Translators: an onward flight, "Onward AA 1234 JFK → ORD" */
      title = g_strdup_printf (_("Onward %s"), route);
    }
  gtk_list_box_append (self->travel_list,
                       create_travel_row (title, text->str, ground ? "mark-location-symbolic" : "airplane-mode-symbolic"));
}

static void
update_travel (PoeFamilyView *self)
{
  GPtrArray *segments = self->snapshot->segments;

  clear_list_box (self->travel_list);
  add_inbound_row (self);

  for (guint i = 0; i < segments->len; i++)
    {
      PoeRecord *segment = g_ptr_array_index (segments, i);

      if (g_strcmp0 (poe_record_get_string (segment, "leg"), "international_arrival") != 0)
        add_segment_row (self, segment);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->travel_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->travel_list)) != NULL);
}

static void
update_members (PoeFamilyView *self)
{
  GPtrArray *persons = self->snapshot->persons;

  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      GtkWidget *row = g_hash_table_lookup (self->member_rows, poe_record_get_id (person));

      if (row == NULL)
        {
          row = poe_family_member_row_new ();
          gtk_list_box_append (self->members_list, row);
          g_hash_table_insert (self->member_rows, g_strdup (poe_record_get_id (person)), row);
        }

      poe_family_member_row_update (POE_FAMILY_MEMBER_ROW (row), person, self->reveal_names);
    }
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

  g_hash_table_remove_all (self->member_rows);
  clear_list_box (self->members_list);
  _poe_family_view_rebuild_checklist (self);

  if (!keep_scroll)
    gtk_adjustment_set_value (adjustment, 0);
  else if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_scroll_cb, NULL, NULL);
}

static void
update_all (PoeFamilyView *self)
{
  update_header (self);
  update_risk (self);
  update_info (self);
  update_travel (self);
  update_members (self);
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
  g_clear_object (&self->session);
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
