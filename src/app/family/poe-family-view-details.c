/* poe-family-view-details.c
 *
 * The family view's reading of a case, above the checklist: the header (case number,
 * initials, branch, sensitivity, progress), the connection-risk banner, the case details,
 * the flights and onward travel, and the members. Each part shows the view's snapshot
 * (PoeFamilySnapshot, read in poe-family-view.c) and writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-labels.h"
#include "poe-family-member-row.h"
#include "poe-family-view-private.h"


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
  if (has_text (poe_record_get_string (segment, "seats")))
    {
      /* Translators: %s lists the seats booked on a flight, "23A-23C" */
      append_part (text, _("seats %s"), poe_record_get_string (segment, "seats"));
    }
  if (has_text (poe_record_get_string (segment, "status")))
    append_part (text, "%s", poe_family_travel_status_label (poe_record_get_string (segment, "status")));
  if (poe_record_get_string (segment, "replaced_by") != NULL)
    {
      /* Translators: an onward flight a rebooking replaced; it stays listed */
      append_part (text, "%s", _("replaced by a rebooking"));
    }

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


/*
 * Private API
 */

/* Shows the snapshot's case in every part above the checklist. */
void
_poe_family_view_update_details (PoeFamilyView *self)
{
  update_header (self);
  update_risk (self);
  update_info (self);
  update_travel (self);
  update_members (self);
}

/* Removes the rows of members and travel, for another family or none. */
void
_poe_family_view_clear_details (PoeFamilyView *self)
{
  g_hash_table_remove_all (self->member_rows);
  clear_list_box (self->members_list);
  clear_list_box (self->travel_list);
}
