/* poe-flight-view.c
 *
 * The flight page of the board: the flight's times, gate and status, then one row a family
 * from a PoeCaseListModel of the flight, with met, CBP, bags and onward chips from its
 * checklist progress. A family still not met NOT_MET_AFTER_MINUTES after gate-in stands out
 * as a possible no-show, and so does a family without an ABN number (not on the manifest).
 * The head count compares the persons met with the manifest; a member or family not on
 * the flight is recorded from a family's "No-Show…" button (poe-no-show-dialog.c), not left
 * unticked. The page rebuilds when the store changes while it is shown, and signals the board to go
 * back, to open a family or to report an anomaly.
 * Its times are told at the POE the flight arrives at (poe_store_dup_poe_time_zone()); a
 * read that fails shows PoeReadErrorPage instead of the families.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-flight-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "common/poe-read-error.h"
#include "common/poe-tooltip.h"
#include "poe-case-list-model.h"
#include "poe-checklist.h"
#include "poe-no-show.h"

#include "poe-board-cells.h"
#include "poe-flight-view.h"
#include "poe-member-label.h"
#include "poe-no-show-dialog.h"

/* A family still not met this long after gate-in is a possible no-show. */
#define NOT_MET_AFTER_MINUTES 45

struct _PoeFlightView
{
  GtkWidget             parent_instance;

  PoeStore             *store;
  GTimeZone            *time_zone;  /* of the POE the flight arrives at */
  PoeRecord            *flight;
  PoeChecklistTemplate *template;
  PoeCaseListModel     *cases;
  char                 *flight_id;
  gboolean              reveal_names;
  guint                 n_families;
  guint                 n_not_met;
  PoeHeadCount          head_count;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *status_label;
  GtkLabel             *summary_label;
  GtkListBox           *list;
  GtkStack             *content_stack;
  PoeReadErrorPage     *error_page;
  GtkWidget            *back_button;
  GtkWidget            *report_button;
};

G_DEFINE_FINAL_TYPE (PoeFlightView, poe_flight_view, GTK_TYPE_WIDGET)

enum {
  BACK,
  OPEN_CASE,
  REPORT_ANOMALY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  PoeChecklistProgress progress;
  gboolean             not_met;
  gboolean             no_show;
  gboolean             unexpected;
  char                *members;   /* one line a member: poe_family_dup_member_label() */
} CaseState;


/*
 * Auxiliary methods
 */

static char *
format_time (PoeFlightView *self,
             GDateTime     *time)
{
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_timezone (time, self->time_zone) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("—");
}

static GDateTime *
dup_gate_in (PoeRecord *flight)
{
  const char *fields[] = { "actual_arrival", "estimated_arrival", "scheduled_arrival" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GDateTime *time = poe_record_dup_time (flight, fields[i]);

      if (time != NULL)
        return time;
    }

  return NULL;
}

static gboolean
flight_is_in (PoeRecord *flight)
{
  const char *status = poe_record_get_string (flight, "status");

  return g_strcmp0 (status, "landed") == 0 || g_strcmp0 (status, "arrived") == 0;
}

static void
show_error (PoeFlightView *self,
            const GError  *error)
{
  poe_read_error_page_set_error (self->error_page, error);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

/* The members by initials, relationship, sex and age at the POE, one a line, so that a
 * family whose members share initials is told apart on the flight page too. */
static char *
dup_members_text (PoeFlightView *self,
                  GPtrArray     *persons)
{
  g_autoptr(GDateTime) today = g_date_time_new_now (self->time_zone);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < persons->len; i++)
    {
      g_autofree char *label = poe_family_dup_member_label (g_ptr_array_index (persons, i), FALSE, today);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
read_case_state (PoeFlightView  *self,
                 PoeRecord      *flight,
                 const char     *case_id,
                 CaseState      *state,
                 GError        **error)
{
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GHashTable) checklist = NULL;
  g_autoptr(GDateTime) gate_in = dup_gate_in (flight);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *abn;

  memset (state, 0, sizeof *state);
  if (!(record = poe_store_get (self->store, "case", case_id, error)) ||
      !(persons = poe_store_list_persons_for_case (self->store, case_id, error)) ||
      !(checklist = poe_store_get_checklist_state (self->store, case_id, error)))
    return FALSE;

  poe_checklist_compute_progress (self->template, poe_record_get_string (record, "branch"),
                                  checklist, persons, &state->progress);
  abn = poe_record_get_string (record, "abn_number");
  state->unexpected = abn == NULL || *abn == '\0';
  state->no_show = g_strcmp0 (poe_record_get_string (record, "status"), "no_show") == 0 ||
                   (state->progress.n_persons > 0 && state->progress.n_no_show == state->progress.n_persons);
  state->members = dup_members_text (self, persons);
  state->not_met = !state->progress.met && !state->no_show && flight_is_in (flight) && gate_in != NULL &&
                   g_date_time_difference (now, gate_in) > NOT_MET_AFTER_MINUTES * G_TIME_SPAN_MINUTE;
  return TRUE;
}

static void
append_chip (GtkWidget  *box,
             const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "chip");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_flow_box_append (GTK_FLOW_BOX (box), label);
}

static void
append_state_chips (GtkWidget       *box,
                    const CaseState *state,
                    PoeRiskLevel     risk)
{
  const PoeChecklistProgress *p = &state->progress;
  guint n_arrived = p->n_persons - MIN (p->n_no_show, p->n_persons);
  /* Translators: persons through CBP of those who arrived, "CBP 2/3" */
  g_autofree char *cbp = g_strdup_printf (_("CBP %u/%u"), p->n_persons_cleared, n_arrived);
  g_autofree char *risk_text = NULL;

  if (state->no_show)
    append_chip (box, _("No-show"), "chip-error");
  else if (state->not_met)
    append_chip (box, _("Not met"), "chip-error");
  else
    append_chip (box, p->met ? _("Met") : _("To meet"), p->met ? "chip-success" : "chip-neutral");

  if (state->no_show)
    return;

  if (p->n_no_show > 0)
    {
      g_autofree char *absent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not on flight", "%u not on flight",
                                                              p->n_no_show), p->n_no_show);

      append_chip (box, absent, "chip-error");
    }

  append_chip (box, cbp, p->n_in_secondary > 0 ? "chip-warning"
                         : n_arrived > 0 && p->n_persons_cleared == n_arrived ? "chip-success" : "chip-neutral");
  append_chip (box, p->bags_claimed ? _("Bags claimed") : _("Bags"), p->bags_claimed ? "chip-success" : "chip-neutral");
  append_chip (box, p->onward_done ? _("Onward done") : _("Onward"), p->onward_done ? "chip-success" : "chip-neutral");

  if (state->unexpected)
    append_chip (box, _("Not on manifest"), "chip-warning");

  /* The connection's state, in the board's words; none for families without one. */
  if (risk != POE_RISK_NONE)
    {
      risk_text = poe_board_format_risk (risk);
      append_chip (box, risk_text, poe_board_risk_css_class (risk) ?: "chip-neutral");
    }
}

static void
no_show_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  PoeFlightView *self = user_data;

  poe_no_show_dialog_present (GTK_WIDGET (button), self->store, self->flight,
                              g_object_get_data (G_OBJECT (button), "case-id"), self->time_zone);
}

/* "No-Show…" on a family of a flight that is in, until nobody of it is left to record. */
static void
append_no_show_button (PoeFlightView   *self,
                       GtkWidget       *row,
                       const char      *case_id,
                       const CaseState *state)
{
  GtkWidget *button;

  if (state->no_show || self->flight == NULL || !flight_is_in (self->flight))
    return;

  /* Translators: records members of a family as not on the flight */
  button = gtk_button_new_with_mnemonic (_("_No-Show…"));
  gtk_widget_set_name (button, "no-show-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "case-id", g_strdup (case_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (no_show_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static const char *
branch_text (const char *branch)
{
  if (g_strcmp0 (branch, "connect") == 0)
    return _("Domestic connection");
  if (g_strcmp0 (branch, "overnight") == 0)
    return _("Overnight stay");
  if (g_strcmp0 (branch, "final") == 0)
    return _("Final destination");

  return _("Onward not decided");
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PoeFlightView *self = user_data;
  PoeCaseRow *row = item;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *members = NULL;
  GtkWidget *widget = adw_action_row_new ();
  /* The chips wrap, so a narrow page squeezes them rather than the family's title. */
  GtkWidget *chips = gtk_flow_box_new ();
  CaseState state;

  if (!read_case_state (self, self->flight, poe_case_row_get_id (row), &state, &error))
    show_error (self, error);
  members = state.members;

  self->n_families++;
  if (state.not_met)
    self->n_not_met++;
  poe_head_count_add (&self->head_count, !state.unexpected, &state.progress);

  title = g_strdup_printf ("%s · %s", poe_case_row_get_case_number (row), poe_case_row_get_initials (row));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u person", "%s · %u persons",
                                           poe_case_row_get_n_persons (row)),
                              branch_text (poe_case_row_get_branch (row)), poe_case_row_get_n_persons (row));
  if (members != NULL && *members != '\0')
    {
      char *with_members = g_strconcat (subtitle, "\n", members, NULL);

      g_free (subtitle);
      subtitle = with_members;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (chips), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (chips), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (chips), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (chips), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (chips), 6);
  gtk_widget_set_valign (chips, GTK_ALIGN_CENTER);
  gtk_widget_set_can_focus (chips, FALSE);
  append_state_chips (chips, &state, poe_case_row_get_risk (row));
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), chips);
  append_no_show_button (self, widget, poe_case_row_get_id (row), &state);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widget), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
  g_object_set_data_full (G_OBJECT (widget), "case-id", g_strdup (poe_case_row_get_id (row)), g_free);
  if (state.not_met || state.no_show)
    gtk_widget_add_css_class (widget, "attention");

  return widget;
}

static void
update_header (PoeFlightView *self,
               PoeRecord     *flight)
{
  g_autoptr(GDateTime) scheduled = poe_record_dup_time (flight, "scheduled_arrival");
  g_autoptr(GDateTime) gate_in = dup_gate_in (flight);
  g_autofree char *title = g_strdup_printf ("%s %s", poe_record_get_string (flight, "carrier"),
                                            poe_record_get_string (flight, "number"));
  g_autofree char *sched = format_time (self, scheduled);
  g_autofree char *expected = format_time (self, gate_in);
  g_autofree char *subtitle = NULL;
  g_autofree char *status = poe_board_format_status (poe_record_get_string (flight, "status"));
  const char *gate = poe_record_get_string (flight, "gate");
  const char *belt = poe_record_get_string (flight, "belt");

  /* Translators: from, scheduled and expected times, gate and belt of a flight */
  subtitle = g_strdup_printf (_("From %s · scheduled %s · expected %s · gate %s · belt %s"),
                              poe_record_get_string (flight, "origin"), sched, expected,
                              gate != NULL ? gate : "—", belt != NULL ? belt : "—");
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->status_label, status);
  for (const char * const *c = (const char * const[]) { "chip-neutral", "chip-warning", "chip-success", "chip-error", NULL }; *c; c++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), *c);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            poe_board_status_css_class (poe_record_get_string (flight, "status")));
}

static void
update_summary (PoeFlightView *self)
{
  const PoeHeadCount *count = &self->head_count;
  g_autofree char *families = NULL;
  g_autofree char *persons = NULL;
  g_autofree char *text = NULL;

  if (self->n_families == 0)
    {
      gtk_label_set_label (self->summary_label, _("No families are expected on this flight."));
      return;
    }

  families = self->n_not_met > 0
             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u family expected; %u not met yet.",
                                             "%u families expected; %u not met yet.", self->n_families),
                                self->n_families, self->n_not_met)
             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u family expected.", "%u families expected.",
                                             self->n_families),
                                self->n_families);
  /* Translators: the head count of a flight: persons met of those on the manifest, then
   * persons recorded as not on the flight */
  persons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Head count: %u met of %u on the manifest, %u not on the flight.",
                                          "Head count: %u met of %u on the manifest, %u not on the flight.",
                                          count->n_manifest),
                             count->n_met, count->n_manifest, count->n_no_show);
  text = g_strdup_printf ("%s %s", families, persons);
  gtk_label_set_label (self->summary_label, text);
}

/* The families model missed a change it could not read. */
static void
cases_failed_cb (PoeFlightView *self)
{
  g_assert (POE_IS_FLIGHT_VIEW (self));

  show_error (self, poe_case_list_model_get_error (self->cases));
}

static gboolean
load (PoeFlightView  *self,
      GError        **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (!(self->flight = poe_store_get (self->store, "flight", self->flight_id, error)) ||
      !(zone = poe_store_dup_poe_time_zone (self->store, self->flight, error)) ||
      !(self->cases = poe_case_list_model_new_for_flight (self->store, self->flight_id, error)))
    return FALSE;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = g_steal_pointer (&zone);
  return TRUE;
}

static void
rebuild (PoeFlightView *self)
{
  g_autoptr(GError) error = NULL;

  gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->cases);
  g_clear_object (&self->flight);
  self->n_families = self->n_not_met = 0;
  memset (&self->head_count, 0, sizeof self->head_count);
  gtk_stack_set_visible_child_name (self->content_stack, "families");

  if (self->store == NULL || self->flight_id == NULL)
    return;

  /* A flight gone from the store leaves the page as it was. */
  if (!load (self, &error))
    {
      if (!g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        show_error (self, error);
      return;
    }

  update_header (self, self->flight);
  poe_case_list_model_set_reveal_names (self->cases, self->reveal_names);
  g_signal_connect_object (self->cases, "notify::error", G_CALLBACK (cases_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->cases), create_row, self, NULL);
  update_summary (self);
}


/*
 * Callbacks
 */

static void
store_changed_cb (PoeFlightView      *self,
                  const char         *entity,
                  const char * const *ids)
{
  g_assert (POE_IS_FLIGHT_VIEW (self));

  if (self->flight_id == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (g_str_equal (entity, "flight") && !g_strv_contains (ids, self->flight_id))
    return;

  rebuild (self);
}

static void
retry_cb (PoeFlightView *self)
{
  rebuild (self);
}

static void
back_clicked_cb (PoeFlightView *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
report_anomaly_clicked_cb (PoeFlightView *self)
{
  if (self->flight_id != NULL)
    g_signal_emit (self, signals[REPORT_ANOMALY], 0, self->flight_id);
}

static void
row_activated_cb (PoeFlightView *self,
                  GtkListBoxRow *row)
{
  const char *case_id = g_object_get_data (G_OBJECT (row), "case-id");

  if (case_id != NULL)
    g_signal_emit (self, signals[OPEN_CASE], 0, case_id);
}

static void
mapped_cb (PoeFlightView *self)
{
  rebuild (self);
}


/*
 * GObject overrides
 */

static void
poe_flight_view_dispose (GObject *object)
{
  PoeFlightView *self = POE_FLIGHT_VIEW (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_FLIGHT_VIEW);
  /* The template's top box has no id: dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cases);
  g_clear_object (&self->flight);
  g_clear_object (&self->store);
  g_clear_pointer (&self->template, poe_checklist_template_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->flight_id, g_free);

  G_OBJECT_CLASS (poe_flight_view_parent_class)->dispose (object);
}

static void
poe_flight_view_class_init (PoeFlightViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_flight_view_dispose;

  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PoeFlightView::open-case:
   * @case_id: the family chosen
   */
  signals[OPEN_CASE] =
    g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PoeFlightView::report-anomaly:
   * @flight_id: the flight shown
   */
  signals[REPORT_ANOMALY] =
    g_signal_new ("report-anomaly", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/board/poe-flight-view.ui");
  gtk_widget_class_bind_template_callback (widget_class, report_anomaly_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, list);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, back_button);
  gtk_widget_class_bind_template_child (widget_class, PoeFlightView, report_button);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_Escape, 0, "back", NULL);
}

static void
poe_flight_view_init (PoeFlightView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Set here, not in the template: see poe-tooltip.c. */
  poe_tooltip_set_text (self->back_button, _("Back to the board"));
  poe_tooltip_set_text (self->report_button,
                        _("Report a delay, misconnect or other anomaly of this flight to the operations centre"));

  self->template = poe_checklist_template_new_default ();
  self->time_zone = g_time_zone_new_utc ();
  g_signal_connect (self, "map", G_CALLBACK (mapped_cb), NULL);
}


/*
 * Public API
 */

/**
 * poe_flight_view_set_store:
 *
 * Reads the flights of @store from now on; times are told in the zone of the POE each
 * flight arrives at (poe_store_dup_poe_time_zone()), read again with the flight.
 */
void
poe_flight_view_set_store (PoeFlightView *self,
                           PoeStore      *store)
{
  g_return_if_fail (POE_IS_FLIGHT_VIEW (self));
  g_return_if_fail (store == NULL || POE_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  g_clear_pointer (&self->flight_id, g_free);
  rebuild (self);
}

void
poe_flight_view_set_flight_id (PoeFlightView *self,
                               const char    *flight_id)
{
  g_return_if_fail (POE_IS_FLIGHT_VIEW (self));

  g_free (self->flight_id);
  self->flight_id = g_strdup (flight_id);
  rebuild (self);
}

const char *
poe_flight_view_get_flight_id (PoeFlightView *self)
{
  g_return_val_if_fail (POE_IS_FLIGHT_VIEW (self), NULL);

  return self->flight_id;
}

void
poe_flight_view_set_reveal_names (PoeFlightView *self,
                                  gboolean       reveal_names)
{
  g_return_if_fail (POE_IS_FLIGHT_VIEW (self));

  self->reveal_names = !!reveal_names;
  rebuild (self);
}

guint
poe_flight_view_get_n_families (PoeFlightView *self)
{
  g_return_val_if_fail (POE_IS_FLIGHT_VIEW (self), 0);

  return self->n_families;
}

guint
poe_flight_view_get_n_not_met (PoeFlightView *self)
{
  g_return_val_if_fail (POE_IS_FLIGHT_VIEW (self), 0);

  return self->n_not_met;
}
