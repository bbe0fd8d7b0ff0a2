/* poe-incident-editor.c
 *
 * The form of a draft incident and the read-only report it becomes on submission. The
 * rules (who edits what, what a submission needs, the review path) come from
 * core/poe-incident.c; every write is one poe_store_save(), so it is queued for the server
 * even offline. Families are picked by case number and shown by initials unless names are
 * revealed.
 *
 * This file holds the editor's state: which incident it shows and as what, reading it
 * again, writing it, and following the store. poe-incident-editor-form.c builds and reads
 * the form and saves or submits it; poe-incident-editor-report.c shows the report, its
 * comments and the status changes. Times are told at the signed-in user's POE; a failed
 * read of the incident shows PoeReadErrorPage, one of what is around it the window's bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incident-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-incident.h"
#include "poe-incident-editor-private.h"
#include "poe-incident-labels.h"
#include "poe-member-label.h"

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

PoeStore *
_poe_incident_editor_get_store (PoeIncidentEditor *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}

const char *
_poe_incident_editor_get_role (PoeIncidentEditor *self)
{
  return self->session ? poe_session_get_role (self->session) : NULL;
}

const char *
_poe_incident_editor_get_staff_id (PoeIncidentEditor *self)
{
  return self->session ? poe_session_get_staff_id (self->session) : NULL;
}

void
_poe_incident_editor_toast (PoeIncidentEditor *self,
                            const char        *text)
{
  AdwToast *item = adw_toast_new (text);

  /* The latest outcome replaces the one before: a queue would report stale news. */
  adw_toast_set_priority (item, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, item);
}

char *
_poe_incident_editor_dup_trimmed (const char *text)
{
  char *copy = g_strstrip (g_strdup (text ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

void
_poe_incident_editor_set_entry (AdwEntryRow *row,
                                const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

char *
_poe_incident_editor_dup_entry (AdwEntryRow *row)
{
  return _poe_incident_editor_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (row)));
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

const char * const *
_poe_incident_editor_categories (void)
{
  return poe_incident_enum_values ("incident", "category");
}

const char * const *
_poe_incident_editor_severities (void)
{
  return poe_incident_enum_values ("incident", "severity");
}

/* "B. M. · Spouse · F, 34": initials, relationship, sex and age at the POE's today, so that
 * members with the same initials are told apart where they are picked. */
char *
_poe_incident_editor_dup_person_name (PoeIncidentEditor *self,
                                      PoeRecord         *person)
{
  g_autoptr(GDateTime) today = self->zone ? g_date_time_new_now (self->zone) : NULL;

  return poe_family_dup_member_label (person, self->reveal_names, today);
}

void
_poe_incident_editor_clear_rows (GtkListBox *list,
                                 GPtrArray  *rows)
{
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_remove (list, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
show_mode (PoeIncidentEditor *self,
           const char        *mode)
{
  self->mode = g_intern_static_string (mode);
  gtk_stack_set_visible_child_name (self->stack, mode);
}

/* The incident itself could not be read: the editor says so instead of showing it. */
static void
show_error (PoeIncidentEditor *self,
            const char        *incident_id,
            const GError      *error)
{
  g_autofree char *id = g_strdup (incident_id);

  g_free (self->failed_id);
  self->failed_id = g_steal_pointer (&id);
  g_clear_object (&self->record);
  poe_read_error_page_set_error (self->error_page, error);
  self->mode = g_intern_static_string ("none");
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The zone of the user's POE, read with each incident shown, so it follows the POE. */
static gboolean
load_zone (PoeIncidentEditor  *self,
           GError            **error)
{
  GTimeZone *zone = poe_store_dup_poe_time_zone (_poe_incident_editor_get_store (self), NULL, error);

  if (zone == NULL)
    return FALSE;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone;
  return TRUE;
}

static void
show_record (PoeIncidentEditor *self,
             PoeRecord         *record)
{
  g_autoptr(GError) error = NULL;

  if (_poe_incident_editor_get_store (self) != NULL && !load_zone (self, &error))
    {
      show_error (self, poe_record_get_id (record), error);
      return;
    }

  g_set_object (&self->record, record);

  if (poe_incident_can_edit (record, _poe_incident_editor_get_role (self), _poe_incident_editor_get_staff_id (self)))
    {
      _poe_incident_editor_fill_form (self);
      show_mode (self, "form");
    }
  else
    {
      _poe_incident_editor_fill_report (self);
      show_mode (self, "report");
    }
}

gboolean
_poe_incident_editor_reload (PoeIncidentEditor *self)
{
  g_autoptr(PoeRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->record == NULL || _poe_incident_editor_get_store (self) == NULL)
    return FALSE;

  record = poe_store_get (_poe_incident_editor_get_store (self), "incident", poe_record_get_id (self->record), &error);
  if (record == NULL)
    {
      if (!g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        show_error (self, poe_record_get_id (self->record), error);
      return FALSE;
    }

  show_record (self, record);
  return TRUE;
}

/* A read around the incident (a family's members, a name, the comments) failed: what did
 * read stays, and the window's bar says what is missing. */
void
_poe_incident_editor_report_error (PoeIncidentEditor *self,
                                   const GError      *error)
{
  poe_read_error_report (GTK_WIDGET (self), error);
}

gboolean
_poe_incident_editor_save_record (PoeIncidentEditor *self,
                                  PoeRecord         *record)
{
  g_autoptr(GError) error = NULL;

  if (_poe_incident_editor_get_store (self) == NULL ||
      !poe_store_save (_poe_incident_editor_get_store (self), record, &error))
    {
      /* Translators: the local store refused a write; %s says why */
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error ? error->message : _("signed out"));

      _poe_incident_editor_toast (self, text);
      return FALSE;
    }

  return TRUE;
}


/*
 * Callbacks
 */

static void
add_case_applied_cb (PoeIncidentEditor *self)
{
  g_autofree char *number = _poe_incident_editor_dup_entry (self->add_case_row);

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (number != NULL && poe_incident_editor_add_case (self, number))
    _poe_incident_editor_set_entry (self->add_case_row, NULL);
}

static void
comment_applied_cb (PoeIncidentEditor *self)
{
  g_autofree char *body = _poe_incident_editor_dup_entry (self->comment_row);

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  if (poe_incident_editor_add_comment (self, body))
    _poe_incident_editor_set_entry (self->comment_row, NULL);
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
store_changed_cb (PoeIncidentEditor  *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_INCIDENT_EDITOR (self));

  /* The form is the user's work in progress: only the read-only report follows. */
  if (self->record == NULL || self->mode != g_intern_static_string ("report"))
    return;

  if (g_str_equal (entity, "incident_comment") || g_str_equal (entity, "poe") ||
      (g_str_equal (entity, "incident") && ids != NULL &&
       g_strv_contains (ids, poe_record_get_id (self->record))))
    _poe_incident_editor_reload (self);
}

static void
retry_cb (PoeIncidentEditor *self)
{
  g_autofree char *id = g_steal_pointer (&self->failed_id);

  g_assert (POE_IS_INCIDENT_EDITOR (self));

  poe_incident_editor_clear (self);
  if (id != NULL)
    poe_incident_editor_show_incident (self, id);
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
  g_free (self->failed_id);

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

  g_type_ensure (POE_TYPE_READ_ERROR_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/incidents/poe-incident-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentEditor, error_page);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
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
  self->zone = g_time_zone_new_utc ();
  self->mode = g_intern_static_string ("none");

  /* Translators: first item of the category list of a new incident: nothing chosen yet */
  fill_combo (self->category_row, _("Choose…"), _poe_incident_editor_categories (), poe_incident_category_label);
  fill_combo (self->severity_row, _("Choose…"), _poe_incident_editor_severities (), poe_incident_severity_label);

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);
}


/*
 * Editor internals
 */

void
_poe_incident_editor_emit_saved (PoeIncidentEditor *self)
{
  g_signal_emit (self, signals[SAVED], 0, poe_record_get_id (self->record));
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

  g_signal_group_set_target (self->store_signals, _poe_incident_editor_get_store (self));
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
  g_return_if_fail (self->session != NULL && _poe_incident_editor_get_staff_id (self) != NULL);

  draft = poe_incident_new_draft (_poe_incident_editor_get_staff_id (self), NULL);
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
  g_autoptr(GError) error = NULL;

  g_return_if_fail (POE_IS_INCIDENT_EDITOR (self));
  g_return_if_fail (incident_id != NULL);

  if (_poe_incident_editor_get_store (self) != NULL)
    record = poe_store_get (_poe_incident_editor_get_store (self), "incident", incident_id, &error);

  if (record == NULL)
    {
      poe_incident_editor_clear (self);
      if (error != NULL && !g_error_matches (error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        show_error (self, incident_id, error);
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
  _poe_incident_editor_clear_rows (self->cases_list, self->case_rows);
  _poe_incident_editor_clear_rows (self->comments_list, self->comment_rows);
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
    _poe_incident_editor_add_case_rows (self);
  else if (self->mode == g_intern_static_string ("report"))
    _poe_incident_editor_fill_report_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}
