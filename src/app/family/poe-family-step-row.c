/* poe-family-step-row.c
 *
 * One step of a family's reception checklist: a check button that ticks it, the time and
 * staff of its latest event, a "pending sync" badge until the server has it, and a note.
 * The row only asks: the family view writes the events.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-tooltip.h"

#include "poe-family-step-row.h"

struct _PoeFamilyStepRow
{
  GtkListBoxRow   parent_instance;

  char           *step_id;
  char           *person_id;
  char           *title;
  char           *subject;
  char           *note;
  gboolean        updating;

  /* Template widgets */
  GtkCheckButton *check;
  GtkLabel       *title_label;
  GtkLabel       *meta_label;
  GtkLabel       *pending_label;
  GtkMenuButton  *note_button;
  GtkPopover     *note_popover;
  GtkEntry       *note_entry;
  GtkLabel       *note_label;
};

G_DEFINE_FINAL_TYPE (PoeFamilyStepRow, poe_family_step_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  TOGGLE_REQUESTED,
  NOTE_SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];


/*
 * Auxiliary methods
 */

static void
update_accessible_labels (PoeFamilyStepRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *note_label = NULL;

  if (self->subject != NULL)
    {
      /* Translators: accessible name of a per-person checklist step: "Primary inspection
       * cleared, A. K." */
      name = g_strdup_printf (_("%s, %s"), self->title, self->subject);
    }
  else
    name = g_strdup (self->title);

  /* Translators: tooltip and accessible name of the note button of a checklist step */
  note_label = g_strdup_printf (_("Note on “%s”"), name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, note_label,
                                  -1);
  poe_tooltip_set_text (GTK_WIDGET (self->note_button), note_label);
}


/*
 * Callbacks
 */

static void
check_toggled_cb (PoeFamilyStepRow *self)
{
  g_assert (POE_IS_FAMILY_STEP_ROW (self));

  if (self->updating)
    return;

  g_signal_emit (self, signals[TOGGLE_REQUESTED], 0, gtk_check_button_get_active (self->check));
}

static void
note_popover_shown_cb (PoeFamilyStepRow *self)
{
  g_assert (POE_IS_FAMILY_STEP_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), self->note ? self->note : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

static void
note_save_cb (PoeFamilyStepRow *self)
{
  g_autofree char *text = NULL;

  g_assert (POE_IS_FAMILY_STEP_ROW (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  gtk_popover_popdown (self->note_popover);

  if (g_strcmp0 (text, self->note ? self->note : "") != 0)
    g_signal_emit (self, signals[NOTE_SAVED], 0, text);
}


/*
 * GObject overrides
 */

static void
poe_family_step_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_FAMILY_STEP_ROW);

  G_OBJECT_CLASS (poe_family_step_row_parent_class)->dispose (object);
}

static void
poe_family_step_row_finalize (GObject *object)
{
  PoeFamilyStepRow *self = POE_FAMILY_STEP_ROW (object);

  g_free (self->step_id);
  g_free (self->person_id);
  g_free (self->title);
  g_free (self->subject);
  g_free (self->note);

  G_OBJECT_CLASS (poe_family_step_row_parent_class)->finalize (object);
}

static void
poe_family_step_row_class_init (PoeFamilyStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_family_step_row_dispose;
  object_class->finalize = poe_family_step_row_finalize;

  /**
   * PoeFamilyStepRow::toggle-requested:
   * @done: whether the user ticked the step (%TRUE) or unticked it
   */
  signals[TOGGLE_REQUESTED] =
    g_signal_new ("toggle-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * PoeFamilyStepRow::note-saved:
   * @note: the new note, possibly empty
   */
  signals[NOTE_SAVED] =
    g_signal_new ("note-saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/family/poe-family-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, check);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, note_button);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, note_popover);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyStepRow, note_label);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_save_cb);
}

static void
poe_family_step_row_init (PoeFamilyStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

/**
 * poe_family_step_row_new:
 * @person_id: (nullable): the member of a per-person step
 * @title: the step's title, translated
 * @optional: the step is only done when it happens
 */
GtkWidget *
poe_family_step_row_new (const char *step_id,
                         const char *person_id,
                         const char *title,
                         gboolean    optional)
{
  PoeFamilyStepRow *self;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (step_id != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (POE_TYPE_FAMILY_STEP_ROW, NULL);
  self->step_id = g_strdup (step_id);
  self->person_id = g_strdup (person_id);
  self->title = g_strdup (title);

  /* Translators: a checklist step that only applies when it happens: "Missing-bag claim
   * filed (if needed)" */
  shown = optional ? g_strdup_printf (_("%s (if needed)"), title) : g_strdup (title);
  gtk_label_set_label (self->title_label, shown);
  update_accessible_labels (self);

  return GTK_WIDGET (self);
}

const char *
poe_family_step_row_get_step_id (PoeFamilyStepRow *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_STEP_ROW (self), NULL);

  return self->step_id;
}

const char *
poe_family_step_row_get_person_id (PoeFamilyStepRow *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_STEP_ROW (self), NULL);

  return self->person_id;
}

const char *
poe_family_step_row_get_title (PoeFamilyStepRow *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_STEP_ROW (self), NULL);

  return self->title;
}

/**
 * poe_family_step_row_set_subject:
 * @subject: (nullable): who a per-person step is about, as shown (initials unless revealed)
 */
void
poe_family_step_row_set_subject (PoeFamilyStepRow *self,
                                 const char       *subject)
{
  g_return_if_fail (POE_IS_FAMILY_STEP_ROW (self));

  if (g_strcmp0 (self->subject, subject) == 0)
    return;

  g_free (self->subject);
  self->subject = g_strdup (subject);
  update_accessible_labels (self);
}

/**
 * poe_family_step_row_set_state:
 * @meta: (nullable): what the latest event says: "Done 14:05 · Demo Agent Avery"
 * @note: (nullable): the step's latest note
 * @pending: the latest event is not on the server yet
 */
void
poe_family_step_row_set_state (PoeFamilyStepRow *self,
                               gboolean          done,
                               const char       *meta,
                               const char       *note,
                               gboolean          pending)
{
  gboolean has_note = note != NULL && *note != '\0';

  g_return_if_fail (POE_IS_FAMILY_STEP_ROW (self));

  self->updating = TRUE;
  gtk_check_button_set_active (self->check, done);
  self->updating = FALSE;

  gtk_label_set_label (self->meta_label, meta ? meta : "");
  gtk_widget_set_visible (GTK_WIDGET (self->meta_label), meta != NULL && *meta != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label), pending);

  g_free (self->note);
  self->note = has_note ? g_strdup (note) : NULL;
  gtk_label_set_label (self->note_label, has_note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), has_note);
}

gboolean
poe_family_step_row_get_done (PoeFamilyStepRow *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_STEP_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

/**
 * poe_family_step_row_get_check:
 *
 * Returns: (transfer none): the check button that ticks the step
 */
GtkWidget *
poe_family_step_row_get_check (PoeFamilyStepRow *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_STEP_ROW (self), NULL);

  return GTK_WIDGET (self->check);
}
