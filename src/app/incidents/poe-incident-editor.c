/* poe-incident-editor.c
 *
 * The form of a draft incident and the read-only report it becomes on submission. The
 * rules (who edits what, what a submission needs, the review path) come from
 * core/poe-incident.c; every write is one poe_store_save(), so it is queued for the server
 * even offline. Families are picked by case number and shown by initials unless names are
 * revealed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incident-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-tooltip.h"
#include "family/poe-family-labels.h"
#include "poe-incident.h"
#include "poe-incident-editor.h"
#include "poe-incident-labels.h"

struct _PoeIncidentEditor
{
  GtkWidget        parent_instance;

  PoeSession      *session;
  GSignalGroup    *store_signals;
  PoeRecord       *record;      /* the stored incident, or a new draft not saved yet */
  GPtrArray       *case_ids;    /* form: families involved, in the order added */
  GHashTable      *person_ids;  /* form: members ticked, a set */
  GHashTable      *messages;    /* field → the message shown on it */
  GPtrArray       *case_rows;   /* rows of cases_list besides add_case_row */
  GPtrArray       *comment_rows;
  GTimeZone       *zone;
  const char      *mode;        /* "none", "form", "report" */
  gboolean         reveal_names;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkLabel        *form_title;
  AdwComboRow     *category_row;
  AdwComboRow     *severity_row;
  AdwEntryRow     *at_row;
  AdwEntryRow     *place_row;
  GtkLabel        *at_message;
  GtkListBox      *cases_list;
  AdwEntryRow     *add_case_row;
  GtkLabel        *case_message;
  GtkFrame        *narrative_frame;
  GtkTextView     *narrative_view;
  GtkLabel        *narrative_message;
  GtkTextView     *actions_view;
  AdwEntryRow     *notified_row;
  AdwEntryRow     *follow_up_row;
  GtkLabel        *follow_up_message;
  GtkLabel        *form_hint;
  GtkLabel        *report_title;
  GtkLabel        *severity_chip;
  GtkLabel        *status_chip;
  GtkWidget       *overdue_box;
  GtkLabel        *overdue_label;
  GtkListBox      *report_list;
  GtkWidget       *review_group;
  GtkWidget       *review_button;
  GtkWidget       *close_button;
  GtkListBox      *comments_list;
  AdwEntryRow     *comment_row;
};

G_DEFINE_FINAL_TYPE (PoeIncidentEditor, poe_incident_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REVEAL_NAMES,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];


/*
 * Auxiliary methods
 */

static PoeStore *
get_store (PoeIncidentEditor *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}

static const char *
get_role (PoeIncidentEditor *self)
{
  return self->session ? poe_session_get_role (self->session) : NULL;
}

static const char *
get_staff_id (PoeIncidentEditor *self)
{
  return self->session ? poe_session_get_staff_id (self->session) : NULL;
}

static void
toast (PoeIncidentEditor *self,
       const char        *text)
{
  AdwToast *item = adw_toast_new (text);

  /* The latest outcome replaces the one before: a queue would report stale news. */
  adw_toast_set_priority (item, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

static char *
dup_trimmed (const char *text)
{
  char *copy = g_strstrip (g_strdup (text ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return dup_trimmed (text);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
dup_entry (AdwEntryRow *row)
{
  return dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
fill_combo (AdwComboRow        *row,
            const char         *placeholder,
            const char * const *values,
            const char *      (*label) (const char *))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, placeholder);
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (list, label (values[i]));

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

/* The first item is "Choose …": no value. */
static const char *
combo_code (AdwComboRow        *row,
            const char * const *values)
{
  return poe_incident_code_at (values, adw_combo_row_get_selected (row));
}

static void
combo_select (AdwComboRow        *row,
              const char * const *values,
              const char         *code)
{
  adw_combo_row_set_selected (row, poe_incident_code_position (values, code));
}

static const char * const *
categories (void)
{
  return poe_incident_enum_values ("incident", "category");
}

static const char * const *
severities (void)
{
  return poe_incident_enum_values ("incident", "severity");
}

static char *
dup_person_name (PoeIncidentEditor *self,
                 PoeRecord         *person)
{
  if (!self->reveal_names)
    return poe_record_dup_initials (person);

  /* Translators: a family member's revealed name, given names then surname */
  return g_strdup_printf (C_("person name", "%1$s %2$s"),
                          poe_record_get_string (person, "given_names") ?: "",
                          poe_record_get_string (person, "surname") ?: "");
}

static char *
dup_staff_name (PoeIncidentEditor *self,
                const char        *staff_id)
{
  g_autoptr(PoeRecord) staff = NULL;

  if (staff_id == NULL || get_store (self) == NULL)
    return NULL;

  staff = poe_store_get (get_store (self), "staff", staff_id, NULL);

  return staff ? g_strdup (poe_record_get_string (staff, "display_name")) : NULL;
}

static void
clear_rows (GtkListBox *list,
            GPtrArray  *rows)
{
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (list, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
set_error_class (GtkWidget  *widget,
                 const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
show_label_message (GtkLabel   *label,
                    const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
show_messages (PoeIncidentEditor *self)
{
  const char *category = g_hash_table_lookup (self->messages, "category");
  const char *severity = g_hash_table_lookup (self->messages, "severity");
  const char *at = g_hash_table_lookup (self->messages, "at");
  const char *narrative = g_hash_table_lookup (self->messages, "narrative");
  const char *follow_up = g_hash_table_lookup (self->messages, "follow_up_due");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->category_row), category);
  set_error_class (GTK_WIDGET (self->category_row), category);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->severity_row), severity);
  set_error_class (GTK_WIDGET (self->severity_row), severity);
  set_error_class (GTK_WIDGET (self->at_row), at);
  show_label_message (self->at_message, at);
  set_error_class (GTK_WIDGET (self->narrative_frame), narrative);
  show_label_message (self->narrative_message, narrative);
  set_error_class (GTK_WIDGET (self->follow_up_row), follow_up);
  show_label_message (self->follow_up_message, follow_up);
  show_label_message (self->case_message, g_hash_table_lookup (self->messages, "case_ids"));
}

/* The line beside Save Draft and Submit: the usual hint, or why the last attempt failed. */
static void
set_form_hint (PoeIncidentEditor *self,
               const char        *problem)
{
  /* Translators: under the incident form, next to Save Draft and Submit */
  gtk_label_set_label (self->form_hint, problem ? problem : _("Drafts stay on this device until you submit. "
                                                              "Submitted reports cannot be edited."));
  if (problem != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->form_hint), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->form_hint), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->form_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->form_hint), "dim-label");
    }
}

/* Moves the keyboard (and the scrolled form) to the first field with a message. */
static void
focus_first_message (PoeIncidentEditor *self)
{
  struct { const char *field; GtkWidget *widget; } fields[] = {
    { "category", GTK_WIDGET (self->category_row) },
    { "severity", GTK_WIDGET (self->severity_row) },
    { "at", GTK_WIDGET (self->at_row) },
    { "case_ids", GTK_WIDGET (self->add_case_row) },
    { "narrative", GTK_WIDGET (self->narrative_view) },
    { "follow_up_due", GTK_WIDGET (self->follow_up_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_hash_table_contains (self->messages, fields[i].field))
        {
          gtk_widget_grab_focus (fields[i].widget);
          return;
        }
    }
}

static void
set_message (PoeIncidentEditor *self,
             const char        *field,
             const char        *message)
{
  if (!g_hash_table_contains (self->messages, field))
    g_hash_table_insert (self->messages, g_strdup (field), g_strdup (message));
}

static const char *
missing_message (const char *field)
{
  if (g_str_equal (field, "category"))
    return _("Choose a category");
  if (g_str_equal (field, "severity"))
    return _("Choose how severe it was");
  if (g_str_equal (field, "at"))
    return _("Enter when it happened, not in the future, as YYYY-MM-DD HH:MM");
  if (g_str_equal (field, "narrative"))
    return _("Describe what happened");

  return _("Fill this in");
}

static void
case_removed_cb (PoeIncidentEditor *self,
                 GtkButton         *button);
static void
person_toggled_cb (PoeIncidentEditor *self,
                   GtkCheckButton    *check);

static GtkWidget *
create_case_row (PoeIncidentEditor *self,
                 PoeRecord         *kase,
                 guint              n_persons)
{
  const char *number = poe_record_get_string (kase, "case_number");
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), number);
  /* Translators: a family in an incident report, with its size */
  subtitle = g_strdup_printf (ngettext ("%u member", "%u members", n_persons), n_persons);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "system-users-symbolic");

  /* Translators: accessible name of the button that takes a family off an incident report */
  remove_label = g_strdup_printf (_("Remove family %s from the report"), number);
  poe_tooltip_set_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "case-id", g_strdup (poe_record_get_id (kase)), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (case_removed_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static GtkWidget *
create_person_row (PoeIncidentEditor *self,
                   PoeRecord         *person)
{
  g_autofree char *name = dup_person_name (self, person);
  const char *relationship = poe_record_get_string (person, "relationship");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (relationship != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), poe_family_relationship_label (relationship));
  gtk_widget_set_margin_start (row, 24);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->person_ids, poe_record_get_id (person)));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "person-id", g_strdup (poe_record_get_id (person)), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (person_toggled_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

static void
add_case_rows (PoeIncidentEditor *self)
{
  PoeStore *store = get_store (self);

  clear_rows (self->cases_list, self->case_rows);

  for (guint i = 0; store != NULL && i < self->case_ids->len; i++)
    {
      g_autoptr(PoeRecord) kase = poe_store_get (store, "case", g_ptr_array_index (self->case_ids, i), NULL);
      g_autoptr(GPtrArray) persons = NULL;
      GtkWidget *row;

      if (kase == NULL)
        continue;

      persons = poe_store_list_persons_for_case (store, poe_record_get_id (kase), NULL);
      row = create_case_row (self, kase, persons ? persons->len : 0);
      gtk_list_box_insert (self->cases_list, row, self->case_rows->len);
      g_ptr_array_add (self->case_rows, row);

      for (guint p = 0; persons != NULL && p < persons->len; p++)
        {
          row = create_person_row (self, g_ptr_array_index (persons, p));
          gtk_list_box_insert (self->cases_list, row, self->case_rows->len);
          g_ptr_array_add (self->case_rows, row);
        }
    }
}

static void
fill_form (PoeIncidentEditor *self)
{
  PoeRecord *record = self->record;
  const char * const *case_ids = poe_record_get_strv (record, "case_ids");
  const char * const *person_ids = poe_record_get_strv (record, "person_ids");
  g_autoptr(GDateTime) at = poe_record_dup_time (record, "at");
  g_autofree char *at_text = poe_incident_format_time (at, self->zone);
  g_autoptr(PoeRecord) stored = NULL;

  if (get_store (self) != NULL)
    stored = poe_store_get (get_store (self), "incident", poe_record_get_id (record), NULL);

  /* Translators: title of the incident form, for a report not saved yet and for a draft */
  gtk_label_set_label (self->form_title, stored != NULL ? _("Draft Incident Report") : _("New Incident Report"));
  combo_select (self->category_row, categories (), poe_record_get_string (record, "category"));
  combo_select (self->severity_row, severities (), poe_record_get_string (record, "severity"));
  set_entry (self->at_row, at_text);
  set_entry (self->place_row, poe_record_get_string (record, "place"));
  set_entry (self->add_case_row, NULL);
  set_text_view (self->narrative_view, poe_record_get_string (record, "narrative"));
  set_text_view (self->actions_view, poe_record_get_string (record, "actions"));
  set_entry (self->notified_row, poe_record_get_string (record, "notified"));
  set_entry (self->follow_up_row, poe_record_get_string (record, "follow_up_due"));

  g_ptr_array_set_size (self->case_ids, 0);
  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    g_ptr_array_add (self->case_ids, g_strdup (case_ids[i]));
  g_hash_table_remove_all (self->person_ids);
  for (guint i = 0; person_ids != NULL && person_ids[i] != NULL; i++)
    g_hash_table_add (self->person_ids, g_strdup (person_ids[i]));

  add_case_rows (self);
  g_hash_table_remove_all (self->messages);
  show_messages (self);
  set_form_hint (self, NULL);
}

/* Ticked members of the families still on the report, in family order. */
static GStrv
dup_person_ids (PoeIncidentEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->case_ids->len && get_store (self) != NULL; i++)
    {
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (get_store (self),
                                                                       g_ptr_array_index (self->case_ids, i), NULL);

      for (guint p = 0; persons != NULL && p < persons->len; p++)
        {
          const char *id = poe_record_get_id (g_ptr_array_index (persons, p));

          if (g_hash_table_contains (self->person_ids, id))
            g_strv_builder_add (builder, id);
        }
    }

  return g_strv_builder_end (builder);
}

static void
read_times (PoeIncidentEditor *self)
{
  g_autofree char *at_text = dup_entry (self->at_row);
  g_autofree char *follow_up = dup_entry (self->follow_up_row);
  g_autoptr(GDateTime) at = poe_incident_parse_time (at_text, self->zone);

  if (at_text == NULL)
    poe_record_set_string (self->record, "at", NULL);
  else if (at != NULL)
    poe_record_set_time (self->record, "at", at);
  else
    set_message (self, "at", _("Write the time as YYYY-MM-DD HH:MM, for example 2026-11-24 14:05"));

  if (follow_up == NULL || poe_date_is_valid (follow_up))
    poe_record_set_string (self->record, "follow_up_due", follow_up);
  else
    set_message (self, "follow_up_due", _("Write the date as YYYY-MM-DD, for example 2026-11-30"));
}

/* Copies the form into self->record; wrongly written times become messages. */
static void
read_form (PoeIncidentEditor *self)
{
  g_autofree char *place = dup_entry (self->place_row);
  g_autofree char *notified = dup_entry (self->notified_row);
  g_autofree char *narrative = dup_text_view (self->narrative_view);
  g_autofree char *actions = dup_text_view (self->actions_view);
  g_auto(GStrv) person_ids = dup_person_ids (self);

  g_hash_table_remove_all (self->messages);
  poe_record_set_string (self->record, "category", combo_code (self->category_row, categories ()));
  poe_record_set_string (self->record, "severity", combo_code (self->severity_row, severities ()));
  read_times (self);
  poe_record_set_string (self->record, "place", place);
  poe_record_set_string (self->record, "narrative", narrative);
  poe_record_set_string (self->record, "actions", actions);
  poe_record_set_string (self->record, "notified", notified);

  g_ptr_array_add (self->case_ids, NULL);
  poe_record_set_strv (self->record, "case_ids",
                       self->case_ids->len > 1 ? (const char * const *) self->case_ids->pdata : NULL);
  g_ptr_array_remove_index (self->case_ids, self->case_ids->len - 1);
  poe_record_set_strv (self->record, "person_ids", person_ids[0] ? (const char * const *) person_ids : NULL);
}

static GtkWidget *
create_text_row (const char *heading,
                 const char *text,
                 const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (text);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  if (name != NULL)
    gtk_widget_set_name (body, name);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);

  return row;
}

static void
add_report_row (PoeIncidentEditor *self,
                const char        *heading,
                const char        *text,
                const char        *name)
{
  if (text == NULL || *text == '\0')
    return;

  gtk_list_box_append (self->report_list, create_text_row (heading, text, name));
}

static char *
dup_families_text (PoeIncidentEditor *self)
{
  const char * const *case_ids = poe_record_get_strv (self->record, "case_ids");
  const char * const *person_ids = poe_record_get_strv (self->record, "person_ids");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) kase = poe_store_get (get_store (self), "case", case_ids[i], NULL);
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (get_store (self), case_ids[i], NULL);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint p = 0; persons != NULL && p < persons->len; p++)
        {
          PoeRecord *person = g_ptr_array_index (persons, p);
          g_autofree char *name = NULL;

          if (person_ids == NULL || !g_strv_contains (person_ids, poe_record_get_id (person)))
            continue;
          name = dup_person_name (self, person);
          if (names->len > 0)
            g_string_append (names, C_("list separator", ", "));
          g_string_append (names, name);
        }

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a family the report is not allowed to show (not on this device) */
      g_string_append (text, kase ? poe_record_get_string (kase, "case_number") : _("A family not on this device"));
      if (names->len > 0)
        g_string_append_printf (text, C_("family members", " (%s)"), names->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_report_rows (PoeIncidentEditor *self)
{
  PoeRecord *record = self->record;
  g_autoptr(GDateTime) at = poe_record_dup_time (record, "at");
  g_autofree char *when = poe_incident_format_time (at, self->zone);
  g_autofree char *families = dup_families_text (self);
  const char *place = poe_record_get_string (record, "place");
  g_autofree char *author = dup_staff_name (self, poe_record_get_string (record, "author_id"));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  if (place != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&when);

      /* Translators: when and where an incident happened, "2026-11-24 14:05 · Belt 4" */
      when = g_strdup_printf (_("%1$s · %2$s"), plain, place);
    }
  add_report_row (self, _("When and where"), when, "report-when");
  add_report_row (self, _("Families involved"), families, "report-families");
  add_report_row (self, _("Narrative"), poe_record_get_string (record, "narrative"), "report-narrative");
  add_report_row (self, _("Actions taken"), poe_record_get_string (record, "actions"), "report-actions");
  add_report_row (self, _("Who was notified"), poe_record_get_string (record, "notified"), "report-notified");
  add_report_row (self, _("Follow-up due"), poe_record_get_string (record, "follow_up_due"), "report-follow-up");
  add_report_row (self, _("Reported by"), author, "report-author");
  /* Translators: the reason given with the incident's latest change of status */
  add_report_row (self, _("Reason for the status"), poe_record_get_string (record, "status_reason"), "report-reason");
}

static void
fill_comments (PoeIncidentEditor *self)
{
  g_autoptr(GPtrArray) comments = poe_store_list (get_store (self), "incident_comment", "incident_id",
                                                  poe_record_get_id (self->record), NULL);

  clear_rows (self->comments_list, self->comment_rows);

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      PoeRecord *comment = g_ptr_array_index (comments, i);
      g_autoptr(GDateTime) at = poe_record_dup_time (comment, "at");
      g_autofree char *when = poe_incident_format_time (at, self->zone);
      g_autofree char *heading = NULL;
      g_autofree char *by = dup_staff_name (self, poe_record_get_string (comment, "by"));
      GtkWidget *row;

      /* Translators: above a comment: when and who, "2026-11-24 15:10 · Sam Lead" */
      heading = g_strdup_printf (_("%1$s · %2$s"), when, by ? by : _("Unknown staff member"));
      row = create_text_row (heading, poe_record_get_string (comment, "body"), "comment-body");
      gtk_list_box_insert (self->comments_list, row, self->comment_rows->len);
      g_ptr_array_add (self->comment_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->comment_row), poe_incident_can_comment (self->record));
}

static void
set_chip_style (GtkLabel   *chip,
                const char *style)
{
  static const char * const styles[] = { "chip-error", "chip-warning", "chip-neutral", "chip-success", NULL };

  for (guint i = 0; styles[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (chip), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (chip), style);
}

static void
fill_report_header (PoeIncidentEditor *self)
{
  PoeRecord *record = self->record;
  const char *severity = poe_record_get_string (record, "severity");
  const char *style = poe_incident_severity_style (severity);
  const char *status = poe_record_get_string (record, "status");
  const char * const *next = poe_incident_next_statuses (status);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean overdue = poe_incident_is_follow_up_overdue (record, now, self->zone);
  g_autofree char *severity_text = NULL;
  gboolean reviews = poe_incident_role_reviews (get_role (self)) && next[0] != NULL;

  gtk_label_set_label (self->report_title, poe_incident_category_label (poe_record_get_string (record, "category")));
  /* Translators: the severity chip of an incident, "Severity: High" */
  severity_text = g_strdup_printf (_("Severity: %s"), poe_incident_severity_label (severity));
  gtk_label_set_label (self->severity_chip, severity_text);
  set_chip_style (self->severity_chip, g_str_equal (style, "error") ? "chip-error"
                                       : g_str_equal (style, "warning") ? "chip-warning" : "chip-neutral");
  gtk_label_set_label (self->status_chip, poe_incident_status_label (status));
  set_chip_style (self->status_chip, g_strcmp0 (status, "closed") == 0 ? "chip-success" : "chip-neutral");

  gtk_widget_set_visible (self->overdue_box, overdue);
  if (overdue)
    {
      g_autofree char *text = NULL;

      /* Translators: banner of an incident whose follow-up date has passed; %s is the date */
      text = g_strdup_printf (_("Follow-up overdue: it was due on %s"), poe_record_get_string (record, "follow_up_due"));
      gtk_label_set_label (self->overdue_label, text);
    }

  gtk_widget_set_visible (self->review_group, reviews);
  gtk_widget_set_visible (self->review_button, reviews && g_strv_contains (next, "under_review"));
  gtk_widget_set_visible (self->close_button, reviews && g_strv_contains (next, "closed"));
}

static void
fill_report (PoeIncidentEditor *self)
{
  fill_report_header (self);
  fill_report_rows (self);
  fill_comments (self);
}

static void
show_mode (PoeIncidentEditor *self,
           const char        *mode)
{
  self->mode = g_intern_static_string (mode);
  gtk_stack_set_visible_child_name (self->stack, mode);
}

static void
show_record (PoeIncidentEditor *self,
             PoeRecord         *record)
{
  g_set_object (&self->record, record);

  if (poe_incident_can_edit (record, get_role (self), get_staff_id (self)))
    {
      fill_form (self);
      show_mode (self, "form");
    }
  else
    {
      fill_report (self);
      show_mode (self, "report");
    }
}

static gboolean
reload (PoeIncidentEditor *self)
{
  g_autoptr(PoeRecord) record = NULL;

  if (self->record == NULL || get_store (self) == NULL)
    return FALSE;

  record = poe_store_get (get_store (self), "incident", poe_record_get_id (self->record), NULL);
  if (record == NULL)
    return FALSE;

  show_record (self, record);
  return TRUE;
}

static gboolean
save_record (PoeIncidentEditor *self,
             PoeRecord         *record)
{
  g_autoptr(GError) error = NULL;

  if (get_store (self) == NULL || !poe_store_save (get_store (self), record, &error))
    {
      /* Translators: the local store refused a write; %s says why */
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error ? error->message : _("signed out"));

      toast (self, text);
      return FALSE;
    }

  return TRUE;
}

static void
apply_status (PoeIncidentEditor *self,
              const char        *status,
              const char        *reason)
{
  g_autoptr(PoeRecord) copy = poe_record_copy (self->record);
  g_autoptr(GError) error = NULL;

  if (!poe_incident_change_status (copy, get_role (self), status, reason, &error))
    {
      toast (self, error->message);
      return;
    }

  if (!save_record (self, copy))
    return;

  reload (self);
  toast (self, g_str_equal (status, "closed") ? _("Incident closed") : _("Incident under review"));
}


/*
 * Callbacks
 */

static void
case_removed_cb (PoeIncidentEditor *self,
                 GtkButton         *button)
{
  const char *case_id = g_object_get_data (G_OBJECT (button), "case-id");

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  for (guint i = 0; i < self->case_ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->case_ids, i), case_id))
        {
          g_ptr_array_remove_index (self->case_ids, i);
          break;
        }
    }

  add_case_rows (self);
}

static void
person_toggled_cb (PoeIncidentEditor *self,
                   GtkCheckButton    *check)
{
  const char *person_id = g_object_get_data (G_OBJECT (check), "person-id");

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->person_ids, g_strdup (person_id));
  else
    g_hash_table_remove (self->person_ids, person_id);
}

static void
add_case_applied_cb (PoeIncidentEditor *self)
{
  g_autofree char *number = dup_entry (self->add_case_row);

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (number != NULL && poe_incident_editor_add_case (self, number))
    set_entry (self->add_case_row, NULL);
}

static void
comment_applied_cb (PoeIncidentEditor *self)
{
  g_autofree char *body = dup_entry (self->comment_row);

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (poe_incident_editor_add_comment (self, body))
    set_entry (self->comment_row, NULL);
}

static void
save_clicked_cb (PoeIncidentEditor *self)
{
  g_assert (POE_IS_INCIDENT_EDITOR (self));

  poe_incident_editor_save_draft (self);
}

static void
submit_clicked_cb (PoeIncidentEditor *self)
{
  g_assert (POE_IS_INCIDENT_EDITOR (self));

  poe_incident_editor_submit (self);
}

static void
review_clicked_cb (PoeIncidentEditor *self)
{
  g_assert (POE_IS_INCIDENT_EDITOR (self));

  poe_incident_editor_request_status (self, "under_review");
}

static void
close_clicked_cb (PoeIncidentEditor *self)
{
  g_assert (POE_IS_INCIDENT_EDITOR (self));

  poe_incident_editor_request_status (self, "closed");
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = dup_trimmed (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "confirm", reason != NULL);
}

static void
reason_response_cb (PoeIncidentEditor *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  const char *status = g_object_get_data (G_OBJECT (dialog), "status");

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (g_str_equal (response, "confirm") && self->record != NULL)
    apply_status (self, status, gtk_editable_get_text (entry));
}

static void
store_changed_cb (PoeIncidentEditor  *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStore           *store)
{
  g_assert (POE_IS_INCIDENT_EDITOR (self));

  /* The form is the user's work in progress: only the read-only report follows. */
  if (self->record == NULL || self->mode != g_intern_static_string ("report"))
    return;

  if (g_str_equal (entity, "incident_comment") ||
      (g_str_equal (entity, "incident") && ids != NULL &&
       g_strv_contains (ids, poe_record_get_id (self->record))))
    reload (self);
}


/*
 * GObject overrides
 */

static void
poe_incident_editor_dispose (GObject *object)
{
  PoeIncidentEditor *self = POE_INCIDENT_EDITOR (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->session);
  g_clear_object (&self->record);

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_INCIDENT_EDITOR);

  G_OBJECT_CLASS (poe_incident_editor_parent_class)->dispose (object);
}

static void
poe_incident_editor_finalize (GObject *object)
{
  PoeIncidentEditor *self = POE_INCIDENT_EDITOR (object);

  g_clear_pointer (&self->case_ids, g_ptr_array_unref);
  g_clear_pointer (&self->person_ids, g_hash_table_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->case_rows, g_ptr_array_unref);
  g_clear_pointer (&self->comment_rows, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (poe_incident_editor_parent_class)->finalize (object);
}

static void
poe_incident_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PoeIncidentEditor *self = POE_INCIDENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_incident_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PoeIncidentEditor *self = POE_INCIDENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REVEAL_NAMES:
      poe_incident_editor_set_reveal_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_incident_editor_class_init (PoeIncidentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_incident_editor_dispose;
  object_class->finalize = poe_incident_editor_finalize;
  object_class->get_property = poe_incident_editor_get_property;
  object_class->set_property = poe_incident_editor_set_property;

  /**
   * PoeIncidentEditor:reveal-names:
   *
   * Whether family members are shown by name instead of initials.
   */
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PoeIncidentEditor::saved:
   * @incident_id: the incident written
   *
   * Emitted after the editor wrote the incident (draft saved, submitted, status changed).
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/incidents/poe-incident-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, form_title);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, severity_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, at_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, at_message);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, cases_list);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, add_case_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, case_message);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, narrative_frame);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, narrative_view);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, narrative_message);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, actions_view);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, notified_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, follow_up_message);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, form_hint);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, report_title);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, severity_chip);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, status_chip);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, overdue_box);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, report_list);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, review_group);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, review_button);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, comments_list);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, comment_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_case_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_applied_cb);
}

static void
poe_incident_editor_init (PoeIncidentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->case_ids = g_ptr_array_new_with_free_func (g_free);
  self->person_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->case_rows = g_ptr_array_new ();
  self->comment_rows = g_ptr_array_new ();
  self->zone = g_time_zone_new_local ();
  self->mode = g_intern_static_string ("none");

  /* Translators: first item of the category list of a new incident: nothing chosen yet */
  fill_combo (self->category_row, _("Choose…"), categories (), poe_incident_category_label);
  fill_combo (self->severity_row, _("Choose…"), severities (), poe_incident_severity_label);

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
}


/*
 * Public API
 */

GtkWidget *
poe_incident_editor_new (void)
{
  return g_object_new (POE_TYPE_INCIDENT_EDITOR, NULL);
}

/**
 * poe_incident_editor_set_session:
 * @session: (nullable): the signed-in session, %NULL on sign-out (the editor empties)
 */
void
poe_incident_editor_set_session (PoeIncidentEditor *self,
                                 PoeSession        *session)
{
  g_return_if_fail (POE_IS_INCIDENT_EDITOR (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = poe_incident_dup_time_zone (get_store (self));
  g_signal_group_set_target (self->store_signals, get_store (self));
  poe_incident_editor_clear (self);
}

/**
 * poe_incident_editor_start_new:
 *
 * Opens the form on a new draft by the signed-in user, timed now. Nothing is stored until
 * the draft is saved or submitted.
 */
void
poe_incident_editor_start_new (PoeIncidentEditor *self)
{
  g_autoptr(PoeRecord) draft = NULL;

  g_return_if_fail (POE_IS_INCIDENT_EDITOR (self));
  g_return_if_fail (self->session != NULL && get_staff_id (self) != NULL);

  draft = poe_incident_new_draft (get_staff_id (self), NULL);
  show_record (self, draft);
}

/**
 * poe_incident_editor_show_incident:
 *
 * Shows a stored incident: its form when the user may still edit it, else the report.
 */
void
poe_incident_editor_show_incident (PoeIncidentEditor *self,
                                   const char        *incident_id)
{
  g_autoptr(PoeRecord) record = NULL;

  g_return_if_fail (POE_IS_INCIDENT_EDITOR (self));
  g_return_if_fail (incident_id != NULL);

  if (get_store (self) != NULL)
    record = poe_store_get (get_store (self), "incident", incident_id, NULL);

  if (record == NULL)
    {
      poe_incident_editor_clear (self);
      return;
    }

  show_record (self, record);
}

void
poe_incident_editor_clear (PoeIncidentEditor *self)
{
  g_return_if_fail (POE_IS_INCIDENT_EDITOR (self));

  g_clear_object (&self->record);
  g_ptr_array_set_size (self->case_ids, 0);
  g_hash_table_remove_all (self->person_ids);
  g_hash_table_remove_all (self->messages);
  clear_rows (self->cases_list, self->case_rows);
  clear_rows (self->comments_list, self->comment_rows);
  show_mode (self, "none");
}

/**
 * poe_incident_editor_get_incident_id:
 *
 * Returns: (nullable): the id of the incident shown, also of a new draft not saved yet
 */
const char *
poe_incident_editor_get_incident_id (PoeIncidentEditor *self)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), NULL);

  return self->record ? poe_record_get_id (self->record) : NULL;
}

/**
 * poe_incident_editor_get_mode:
 *
 * Returns: "none", "form" (a draft being written) or "report" (read-only)
 */
const char *
poe_incident_editor_get_mode (PoeIncidentEditor *self)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), NULL);

  return self->mode;
}

/**
 * poe_incident_editor_add_case:
 *
 * Adds the family with @case_number to the draft's families, as the "Add family" row does.
 *
 * Returns: whether the family was found on this device
 */
gboolean
poe_incident_editor_add_case (PoeIncidentEditor *self,
                              const char        *case_number)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autofree char *number = dup_trimmed (case_number);

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  g_hash_table_remove (self->messages, "case_ids");
  if (number != NULL && get_store (self) != NULL)
    kase = poe_store_find_by_field (get_store (self), "case", "case_number", number, NULL);

  if (kase == NULL)
    {
      /* Translators: the case number typed to add a family to an incident matched nothing */
      set_message (self, "case_ids", _("No family with this case number is on this device"));
      show_messages (self);
      return FALSE;
    }

  for (guint i = 0; i < self->case_ids->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->case_ids, i), poe_record_get_id (kase)))
        {
          show_messages (self);
          return TRUE;
        }
    }

  g_ptr_array_add (self->case_ids, g_strdup (poe_record_get_id (kase)));
  add_case_rows (self);
  show_messages (self);

  return TRUE;
}

/**
 * poe_incident_editor_save_draft:
 *
 * Stores the form as a draft (locally, queued for the server). A draft needs a category,
 * a severity and a valid time, because the store keeps none without them.
 *
 * Returns: whether the draft was stored; else the fields say what is missing
 */
gboolean
poe_incident_editor_save_draft (PoeIncidentEditor *self)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  if (self->mode != g_intern_static_string ("form"))
    return FALSE;

  read_form (self);
  if (poe_record_get_string (self->record, "category") == NULL)
    set_message (self, "category", _("Choose a category to save the draft"));
  if (poe_record_get_string (self->record, "severity") == NULL)
    set_message (self, "severity", _("Choose a severity to save the draft"));
  if (poe_record_get_string (self->record, "at") == NULL)
    set_message (self, "at", missing_message ("at"));
  show_messages (self);

  if (g_hash_table_size (self->messages) > 0)
    {
      set_form_hint (self, _("Not saved: fix the marked fields first."));
      focus_first_message (self);
      return FALSE;
    }

  if (!save_record (self, self->record))
    return FALSE;

  reload (self);
  toast (self, _("Draft saved on this device"));
  g_signal_emit (self, signals[SAVED], 0, poe_record_get_id (self->record));

  return TRUE;
}

/**
 * poe_incident_editor_submit:
 *
 * Submits the draft (status open) when it is complete; it then shows as a read-only report.
 *
 * Returns: whether it was submitted; else the fields say what is missing
 */
gboolean
poe_incident_editor_submit (PoeIncidentEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  if (self->mode != g_intern_static_string ("form"))
    return FALSE;

  read_form (self);
  missing = poe_incident_missing_fields (self->record, now);
  for (guint i = 0; missing[i] != NULL; i++)
    set_message (self, missing[i], missing_message (missing[i]));
  show_messages (self);

  if (g_hash_table_size (self->messages) > 0)
    {
      set_form_hint (self, _("Not submitted: the report is not complete. Fix the marked fields."));
      focus_first_message (self);
      return FALSE;
    }

  copy = poe_record_copy (self->record);
  if (!poe_incident_submit (copy, get_role (self), get_staff_id (self), now, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  if (!save_record (self, copy))
    return FALSE;

  g_set_object (&self->record, copy);
  reload (self);
  toast (self, _("Report submitted"));
  g_signal_emit (self, signals[SAVED], 0, poe_record_get_id (self->record));

  return TRUE;
}

/**
 * poe_incident_editor_add_comment:
 *
 * Appends a comment by the signed-in user to the submitted incident shown.
 *
 * Returns: whether it was stored
 */
gboolean
poe_incident_editor_add_comment (PoeIncidentEditor *self,
                                 const char        *body)
{
  g_autoptr(PoeRecord) comment = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  if (self->record == NULL)
    return FALSE;

  comment = poe_incident_comment_new (self->record, body, get_staff_id (self), NULL, &error);
  if (comment == NULL)
    {
      toast (self, error->message);
      return FALSE;
    }

  if (!save_record (self, comment))
    return FALSE;

  fill_comments (self);
  toast (self, _("Comment added"));

  return TRUE;
}

/**
 * poe_incident_editor_request_status:
 * @status: "under_review" or "closed"
 *
 * Asks for the reason of a status change in a dialog, and applies it when confirmed.
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
poe_incident_editor_request_status (PoeIncidentEditor *self,
                                    const char        *status)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean closing = g_strcmp0 (status, "closed") == 0;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       closing ? _("Close This Incident?") : _("Start the Review?"),
                                                       _("Say why. The reason is kept with the report and its author can read it.")));
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "reason-entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  /* Translators: placeholder of the reason asked for when an incident changes status */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  /* Translators: confirm buttons of the status-change dialog of an incident */
  adw_message_dialog_add_response (dialog, "confirm", closing ? _("C_lose Incident") : _("_Start Review"));
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "confirm", FALSE);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "status", (gpointer) g_intern_string (status));
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * poe_incident_editor_get_field_message:
 * @field: an incident field name, or "case_ids" for the family lookup
 *
 * Returns: (nullable): the message the form shows on @field
 */
const char *
poe_incident_editor_get_field_message (PoeIncidentEditor *self,
                                       const char        *field)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), NULL);

  return g_hash_table_lookup (self->messages, field);
}

gboolean
poe_incident_editor_get_reveal_names (PoeIncidentEditor *self)
{
  g_return_val_if_fail (POE_IS_INCIDENT_EDITOR (self), FALSE);

  return self->reveal_names;
}

void
poe_incident_editor_set_reveal_names (PoeIncidentEditor *self,
                                      gboolean           reveal_names)
{
  g_return_if_fail (POE_IS_INCIDENT_EDITOR (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  if (self->mode == g_intern_static_string ("form"))
    add_case_rows (self);
  else if (self->mode == g_intern_static_string ("report"))
    fill_report_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}
