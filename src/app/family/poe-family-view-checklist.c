/* poe-family-view-checklist.c
 *
 * The reception checklist of the family view (DESIGN §4): one group per template group,
 * per-person steps under each member, and the checklist events the rows ask for. Events
 * are append-only: ticking, unticking, undoing and notes all append one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "poe-family-labels.h"
#include "poe-family-step-row.h"
#include "poe-family-view-private.h"
#include "poe-member-label.h"

static void step_toggle_requested_cb (PoeFamilyView    *self,
                                      gboolean          done,
                                      PoeFamilyStepRow *row);
static void step_note_saved_cb       (PoeFamilyView    *self,
                                      const char       *note,
                                      PoeFamilyStepRow *row);


/*
 * Auxiliary methods
 */

static GtkWidget *
create_list_box (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static void
add_step_row (PoeFamilyView          *self,
              GtkWidget              *list,
              const PoeChecklistStep *step,
              const char             *person_id)
{
  GtkWidget *row = poe_family_step_row_new (step->id, person_id, step->title, step->optional);

  g_signal_connect_object (row, "toggle-requested", G_CALLBACK (step_toggle_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "note-saved", G_CALLBACK (step_note_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_hash_table_insert (self->step_rows, poe_checklist_state_key (step->id, person_id), row);
}

static GPtrArray *
group_steps (PoeFamilyView *self,
             const char    *group_id,
             gboolean       per_person)
{
  PoeChecklistTemplate *template = self->snapshot->template;
  const char *branch = poe_record_get_string (self->snapshot->kase, "branch");
  GPtrArray *steps = g_ptr_array_new ();

  for (guint i = 0; i < poe_checklist_template_get_n_steps (template); i++)
    {
      const PoeChecklistStep *step = poe_checklist_template_get_step (template, i);

      if (g_str_equal (step->group, group_id) && !!step->per_person == !!per_person &&
          poe_checklist_step_applies (step, branch))
        g_ptr_array_add (steps, (gpointer) step);
    }

  return steps;
}

static void
add_person_section (PoeFamilyView *self,
                    GtkWidget     *box,
                    const char    *group_id,
                    GPtrArray     *steps,
                    PoeRecord     *person)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *list = create_list_box ();
  const char *person_id = poe_record_get_id (person);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  g_hash_table_insert (self->person_labels, g_strconcat (group_id, "/", person_id, NULL), label);

  for (guint i = 0; i < steps->len; i++)
    add_step_row (self, list, g_ptr_array_index (steps, i), person_id);
  gtk_box_append (GTK_BOX (box), list);
}

static void
add_group (PoeFamilyView           *self,
           const PoeChecklistGroup *group)
{
  g_autoptr(GPtrArray) shared = group_steps (self, group->id, FALSE);
  g_autoptr(GPtrArray) per_person = group_steps (self, group->id, TRUE);
  GPtrArray *persons = self->snapshot->persons;
  GtkWidget *widget;
  GtkWidget *box;

  if (shared->len == 0 && (per_person->len == 0 || persons->len == 0))
    return;

  widget = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), group->title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (widget), box);

  if (shared->len > 0)
    {
      GtkWidget *list = create_list_box ();

      for (guint i = 0; i < shared->len; i++)
        add_step_row (self, list, g_ptr_array_index (shared, i), NULL);
      gtk_box_append (GTK_BOX (box), list);
    }

  for (guint p = 0; per_person->len > 0 && p < persons->len; p++)
    add_person_section (self, box, group->id, per_person, g_ptr_array_index (persons, p));

  gtk_box_append (self->checklist_box, widget);
  g_hash_table_insert (self->groups, g_strdup (group->id), widget);
}

static char *
dup_event_meta (PoeFamilyView *self,
                PoeRecord     *event)
{
  const char *value = poe_record_get_string (event, "value");
  const char *by = _poe_family_view_staff_name (self, poe_record_get_string (event, "by"));
  g_autoptr(GDateTime) at = poe_record_dup_time (event, "at");
  g_autofree char *time = poe_family_format_time (at, self->snapshot->time_zone);
  const char *word;

  /* A note repeats the step's state; it reads as the note it is, not as a tick or an untick. */
  if (poe_record_get_string (event, "note") != NULL)
    /* Translators: a checklist step's latest event is a note added to it */
    word = _("Note");
  else if (g_strcmp0 (value, "done") == 0)
    /* Translators: state of a checklist step's latest event */
    word = _("Done");
  else if (g_strcmp0 (value, "not_applicable") == 0)
    word = _("Not applicable");
  else
    /* Translators: a checklist step was ticked by mistake and undone */
    word = _("Undone");

  if (by == NULL)
    {
      /* Translators: a step's latest event: "Done 14:05" */
      return g_strdup_printf (_("%1$s %2$s"), word, time);
    }

  /* Translators: a step's latest event: "Done 14:05 · Demo Agent Avery" */
  return g_strdup_printf (_("%1$s %2$s · %3$s"), word, time, by);
}

static void
update_step_row (PoeFamilyView    *self,
                 const char       *key,
                 PoeFamilyStepRow *row)
{
  PoeFamilySnapshot *snapshot = self->snapshot;
  PoeRecord *event = g_hash_table_lookup (snapshot->state, key);
  const char *person_id = poe_family_step_row_get_person_id (row);
  g_autofree char *meta = event ? dup_event_meta (self, event) : NULL;
  gboolean done = poe_checklist_state_is_done (snapshot->state, poe_family_step_row_get_step_id (row), person_id);
  gboolean pending = poe_family_snapshot_is_pending (snapshot, event);

  if (person_id != NULL)
    {
      for (guint i = 0; i < snapshot->persons->len; i++)
        {
          PoeRecord *person = g_ptr_array_index (snapshot->persons, i);

          if (g_str_equal (poe_record_get_id (person), person_id))
            {
              g_autofree char *name = poe_family_dup_person_name (person, self->reveal_names);

              poe_family_step_row_set_subject (row, name);
              break;
            }
        }
    }

  poe_family_step_row_set_state (row, done, meta, g_hash_table_lookup (snapshot->notes, key), pending);
}

static void
update_person_labels (PoeFamilyView *self)
{
  GPtrArray *persons = self->snapshot->persons;
  g_autoptr(GDateTime) today = g_date_time_new_now (self->snapshot->time_zone);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->person_labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *person_id = strchr (key, '/') + 1;

      for (guint i = 0; i < persons->len; i++)
        {
          PoeRecord *person = g_ptr_array_index (persons, i);
          g_autofree char *text = NULL;

          if (!g_str_equal (poe_record_get_id (person), person_id))
            continue;

          /* The heading of a member's own steps: "A. K. · Principal applicant · M, 35" */
          text = poe_family_dup_member_label (person, self->reveal_names, today);
          gtk_label_set_label (GTK_LABEL (value), text);
        }
    }
}

/* "3 of 4 done" under each group title, counting required steps only. */
static void
update_group_descriptions (PoeFamilyView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GPtrArray) shared = group_steps (self, key, FALSE);
      g_autoptr(GPtrArray) per_person = group_steps (self, key, TRUE);
      GPtrArray *persons = self->snapshot->persons;
      g_autofree char *text = NULL;
      guint n = 0, done = 0;

      for (guint i = 0; i < shared->len + per_person->len; i++)
        {
          const PoeChecklistStep *step = i < shared->len ? g_ptr_array_index (shared, i)
                                                         : g_ptr_array_index (per_person, i - shared->len);
          guint n_subjects = step->per_person ? persons->len : 1;

          for (guint p = 0; !step->optional && p < n_subjects; p++)
            {
              const char *person_id = step->per_person ? poe_record_get_id (g_ptr_array_index (persons, p)) : NULL;

              n++;
              done += poe_checklist_state_is_done (self->snapshot->state, step->id, person_id);
            }
        }

      /* Translators: progress of one checklist group, "3 of 4 done" */
      text = g_strdup_printf (_("%u of %u done"), done, n);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (value), text);
    }
}

static PoeRecord *
append_event (PoeFamilyView  *self,
              const char     *step,
              const char     *person_id,
              const char     *value,
              const char     *note,
              GError        **error)
{
  g_autoptr(PoeRecord) event = poe_record_new ("checklist_event");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *actor = poe_store_get_actor_id (self->store);

  poe_record_set_string (event, "case_id", self->case_id);
  if (person_id != NULL)
    poe_record_set_string (event, "person_id", person_id);
  poe_record_set_string (event, "step", step);
  poe_record_set_string (event, "value", value);
  if (note != NULL && *note != '\0')
    poe_record_set_string (event, "note", note);
  poe_record_set_time (event, "at", now);
  if (actor != NULL)
    poe_record_set_string (event, "by", actor);

  if (!poe_store_save (self->store, event, error))
    return NULL;

  return g_steal_pointer (&event);
}

static const char *
current_value (PoeFamilyView *self,
               const char    *step,
               const char    *person_id)
{
  g_autofree char *key = poe_checklist_state_key (step, person_id);
  PoeRecord *event = self->snapshot ? g_hash_table_lookup (self->snapshot->state, key) : NULL;

  return event ? poe_record_get_string (event, "value") : NULL;
}

/* The value a step had before @event, to go back to on undo; %NULL with @error set when
 * the events could not be read (an undo then writes nothing). */
static char *
dup_previous_value (PoeFamilyView  *self,
                    PoeRecord      *event,
                    GError        **error)
{
  g_autoptr(GPtrArray) events = poe_store_list_checklist_events (self->store, self->case_id, error);
  const char *step = poe_record_get_string (event, "step");
  const char *person_id = poe_record_get_string (event, "person_id");
  const char *previous = NULL;

  if (events == NULL)
    return NULL;

  for (guint i = 0; i < events->len; i++)
    {
      PoeRecord *other = g_ptr_array_index (events, i);

      if (g_str_equal (poe_record_get_id (other), poe_record_get_id (event)))
        break;
      if (g_strcmp0 (poe_record_get_string (other, "step"), step) == 0 &&
          g_strcmp0 (poe_record_get_string (other, "person_id"), person_id) == 0)
        previous = poe_record_get_string (other, "value");
    }

  return g_strdup (previous ? previous : "undone");
}

#define UNDO_SECONDS 6

static gboolean
hide_undo_cb (gpointer user_data)
{
  PoeFamilyView *self = user_data;

  self->undo_toast_id = 0;
  _poe_family_view_hide_undo (self);

  return G_SOURCE_REMOVE;
}

static void
show_undo_toast (PoeFamilyView    *self,
                 PoeFamilyStepRow *row,
                 PoeRecord        *event,
                 gboolean          done)
{
  g_autofree char *text = NULL;
  const char *title = poe_family_step_row_get_title (row);

  if (done)
    /* Translators: bar after ticking a checklist step; %s is the step */
    text = g_strdup_printf (_("“%s” done"), title);
  else
    /* Translators: bar after unticking a checklist step; %s is the step */
    text = g_strdup_printf (_("“%s” marked not done"), title);

  /* Only the latest change can be undone: one bar, its target replaced by each change.
   * (Not an AdwToast: replacing toasts quickly crashes libadwaita 1.2.) */
  gtk_label_set_label (self->undo_label, text);
  g_free (self->undo_event_id);
  self->undo_event_id = g_strdup (poe_record_get_id (event));
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  g_clear_handle_id (&self->undo_toast_id, g_source_remove);
  self->undo_toast_id = g_timeout_add_seconds (UNDO_SECONDS, hide_undo_cb, self);
}


/*
 * Callbacks
 */

static void
step_toggle_requested_cb (PoeFamilyView    *self,
                          gboolean          done,
                          PoeFamilyStepRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) event = NULL;

  g_assert (POE_IS_FAMILY_VIEW (self));
  g_assert (POE_IS_FAMILY_STEP_ROW (row));

  event = append_event (self, poe_family_step_row_get_step_id (row), poe_family_step_row_get_person_id (row),
                        done ? "done" : "undone", NULL, &error);
  if (event == NULL)
    {
      _poe_family_view_show_error (self, error);
      poe_family_view_reload (self);
      return;
    }

  show_undo_toast (self, row, event, done);
}

static void
step_note_saved_cb (PoeFamilyView    *self,
                    const char       *note,
                    PoeFamilyStepRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) event = NULL;
  const char *step = poe_family_step_row_get_step_id (row);
  const char *person_id = poe_family_step_row_get_person_id (row);
  const char *value = current_value (self, step, person_id);

  g_assert (POE_IS_FAMILY_VIEW (self));

  /* A note keeps the step's state: the event repeats its latest value. */
  event = append_event (self, step, person_id, value ? value : "undone", note, &error);
  if (event == NULL)
    {
      _poe_family_view_show_error (self, error);
      return;
    }

  /* Translators: toast after saving the note of a checklist step */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Note saved")));
}


/*
 * Private API
 */

void
_poe_family_view_rebuild_checklist (PoeFamilyView *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->step_rows);
  g_hash_table_remove_all (self->person_labels);
  g_hash_table_remove_all (self->groups);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checklist_box))) != NULL)
    gtk_box_remove (self->checklist_box, child);

  if (self->snapshot == NULL)
    return;

  for (guint i = 0; i < poe_checklist_template_get_n_groups (self->snapshot->template); i++)
    add_group (self, poe_checklist_template_get_group (self->snapshot->template, i));
}

void
_poe_family_view_update_checklist (PoeFamilyView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->step_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    update_step_row (self, key, value);

  update_person_labels (self);
  update_group_descriptions (self);
}

void
_poe_family_view_undo (PoeFamilyView *self,
                       const char    *event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) event = NULL;
  g_autoptr(PoeRecord) undone = NULL;
  g_autofree char *previous = NULL;

  if (self->store == NULL || self->case_id == NULL)
    return;

  event = poe_store_get (self->store, "checklist_event", event_id, &error);
  if (event == NULL || g_strcmp0 (poe_record_get_string (event, "case_id"), self->case_id) != 0)
    {
      if (error != NULL)
        _poe_family_view_show_error (self, error);
      return;
    }

  if (!(previous = dup_previous_value (self, event, &error)))
    {
      _poe_family_view_show_error (self, error);
      return;
    }
  undone = append_event (self, poe_record_get_string (event, "step"), poe_record_get_string (event, "person_id"),
                         previous, NULL, &error);
  if (undone == NULL)
    _poe_family_view_show_error (self, error);
}
