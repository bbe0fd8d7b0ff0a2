/* poe-anomaly-dialog.c
 *
 * Pre-fills an anomaly report with poe_anomaly_prefill() from what the local store knows
 * of the flight and the family, lets the user correct it, and queues it with one
 * poe_store_save() (row, outbox mutation, audit), notified_at set to the moment of sending.
 * The family appears by case number, size and initials only; times are told at the case's
 * POE (else the flight's). When what it is prefilled from cannot be read, the dialog says so
 * and cannot send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-anomaly-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-read-error.h"
#include "poe-anomaly-dialog.h"
#include "poe-incident.h"
#include "poe-incident-labels.h"

struct _PoeAnomalyDialog
{
  AdwWindow        parent_instance;

  PoeSession      *session;
  char            *flight_id;
  char            *case_id;
  PoeRecord       *record;
  GTimeZone       *zone;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkLabel        *error_label;
  GtkWidget       *send_button;
  AdwActionRow    *flight_row;
  AdwActionRow    *case_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *rebooking_row;
  GtkTextView     *details_view;
};

G_DEFINE_FINAL_TYPE (PoeAnomalyDialog, poe_anomaly_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FLIGHT_ID,
  PROP_CASE_ID,
  N_PROPS
};

enum {
  SENT,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];


/*
 * Auxiliary methods
 */

static const char * const *
kinds (void)
{
  return poe_incident_enum_values ("anomaly", "kind");
}

static PoeStore *
get_store (PoeAnomalyDialog *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}

/* %NULL without an error for no id or a record not on this device. */
static gboolean
get_record (PoeStore    *store,
            const char  *entity,
            const char  *id,
            PoeRecord  **record,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *record = store != NULL && id != NULL ? poe_store_get (store, entity, id, &local_error) : NULL;
  if (local_error == NULL || g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* What the report is prefilled from, and the zone its times are told in. */
static gboolean
read_source (PoeAnomalyDialog  *self,
             PoeRecord        **kase,
             PoeRecord        **flight,
             GPtrArray        **persons,
             GPtrArray        **segments,
             GError           **error)
{
  PoeStore *store = get_store (self);

  if (store == NULL)
    return TRUE;

  if (!get_record (store, "case", self->case_id, kase, error) ||
      !get_record (store, "flight", self->flight_id ? self->flight_id
                                    : *kase ? poe_record_get_string (*kase, "inbound_flight_id") : NULL,
                   flight, error))
    return FALSE;

  if (*kase != NULL &&
      (!(*persons = poe_store_list_persons_for_case (store, poe_record_get_id (*kase), error)) ||
       !(*segments = poe_store_list_segments_for_case (store, poe_record_get_id (*kase), error))))
    return FALSE;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = poe_store_dup_poe_time_zone (store, *kase ? *kase : *flight, error);
  return self->zone != NULL;
}

static void
fill_flight_row (PoeAnomalyDialog *self,
                 PoeRecord        *flight)
{
  g_autoptr(GDateTime) scheduled = NULL;
  g_autoptr(GDateTime) estimated = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *scheduled_text = NULL;
  g_autofree char *estimated_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->flight_row), flight != NULL);
  if (flight == NULL)
    return;

  scheduled = poe_record_dup_time (flight, "scheduled_arrival");
  estimated = poe_record_dup_time (flight, "estimated_arrival");
  scheduled_text = poe_incident_format_time (scheduled, self->zone);
  estimated_text = estimated ? poe_incident_format_time (estimated, self->zone) : g_strdup (C_("time", "not known"));

  /* Translators: the flight an anomaly is about, "QX 101 DOH → IAD" */
  title = g_strdup_printf (_("%1$s %2$s %3$s → %4$s"),
                           poe_record_get_string (flight, "carrier") ?: "",
                           poe_record_get_string (flight, "number") ?: "",
                           poe_record_get_string (flight, "origin") ?: "",
                           poe_record_get_string (flight, "destination") ?: "");
  /* Translators: scheduled and expected arrival and the flight's status code */
  subtitle = g_strdup_printf (_("Scheduled %1$s · expected %2$s · %3$s"), scheduled_text, estimated_text,
                              poe_record_get_string (flight, "status") ?: "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->flight_row), title);
  adw_action_row_set_subtitle (self->flight_row, subtitle);
}

static void
fill_case_row (PoeAnomalyDialog *self,
               PoeRecord        *kase,
               GPtrArray        *persons)
{
  g_autoptr(GString) initials = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  guint n = persons ? persons->len : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->case_row), kase != NULL);
  if (kase == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *person = poe_record_dup_initials (g_ptr_array_index (persons, i));

      if (initials->len > 0)
        g_string_append (initials, C_("list separator", ", "));
      g_string_append (initials, person);
    }

  /* Translators: the family of an anomaly report: its size and initials, "3 persons · A. K., B. K." */
  subtitle = g_strdup_printf (ngettext ("%u person · %s", "%u persons · %s", n), n, initials->str);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->case_row), poe_record_get_string (kase, "case_number"));
  adw_action_row_set_subtitle (self->case_row, subtitle);
}

static void
fill_form (PoeAnomalyDialog *self)
{
  const char * const *values = kinds ();
  const char *kind = poe_record_get_string (self->record, "kind");

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (g_strcmp0 (values[i], kind) == 0)
        adw_combo_row_set_selected (self->kind_row, i);
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->details_view),
                            poe_record_get_string (self->record, "details") ?: "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->rebooking_row), poe_record_get_string (self->record, "rebooking") ?: "");
}

/* The flight and family from the store, pre-filled into self->record. */
static void
prefill (PoeAnomalyDialog *self)
{
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  PoeAnomalySource source = { NULL, };

  if (!read_source (self, &kase, &flight, &persons, &segments, &error))
    {
      g_autofree char *text = poe_read_error_dup_text (error);

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (self->send_button, FALSE);
    }
  if (self->zone == NULL)
    self->zone = g_time_zone_new_utc ();  /* only with nothing read, and Send off */

  source.flight = flight;
  source.kase = kase;
  source.persons = persons;
  source.segments = segments;
  source.zone = self->zone;
  g_clear_object (&self->record);
  self->record = poe_anomaly_prefill (&source);

  fill_flight_row (self, flight);
  fill_case_row (self, kase, persons);
  fill_form (self);
}

static char *
dup_trimmed (const char *text)
{
  char *copy = g_strstrip (g_strdup (text ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static void
read_form (PoeAnomalyDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->details_view);
  guint selected = adw_combo_row_get_selected (self->kind_row);
  g_autofree char *text = NULL;
  g_autofree char *details = NULL;
  g_autofree char *rebooking = dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->rebooking_row)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  details = dup_trimmed (text);

  if (selected < g_strv_length ((char **) kinds ()))
    poe_record_set_string (self->record, "kind", kinds ()[selected]);
  poe_record_set_string (self->record, "details", details);
  poe_record_set_string (self->record, "rebooking", rebooking);
}


/*
 * Callbacks
 */

static void
cancel_clicked_cb (PoeAnomalyDialog *self)
{
  g_assert (POE_IS_ANOMALY_DIALOG (self));

  gtk_window_close (GTK_WINDOW (self));
}

static void
send_clicked_cb (PoeAnomalyDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (POE_IS_ANOMALY_DIALOG (self));

  if (poe_anomaly_dialog_send (self, &error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  {
    /* Translators: the anomaly report could not be stored; %s says why */
    g_autofree char *text = g_strdup_printf (_("Not sent: %s"), error->message);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  }
}


/*
 * GObject overrides
 */

static void
poe_anomaly_dialog_constructed (GObject *object)
{
  PoeAnomalyDialog *self = POE_ANOMALY_DIALOG (object);

  G_OBJECT_CLASS (poe_anomaly_dialog_parent_class)->constructed (object);

  prefill (self);
}

static void
poe_anomaly_dialog_dispose (GObject *object)
{
  PoeAnomalyDialog *self = POE_ANOMALY_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->record);

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_ANOMALY_DIALOG);

  G_OBJECT_CLASS (poe_anomaly_dialog_parent_class)->dispose (object);
}

static void
poe_anomaly_dialog_finalize (GObject *object)
{
  PoeAnomalyDialog *self = POE_ANOMALY_DIALOG (object);

  g_free (self->flight_id);
  g_free (self->case_id);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (poe_anomaly_dialog_parent_class)->finalize (object);
}

static void
poe_anomaly_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PoeAnomalyDialog *self = POE_ANOMALY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FLIGHT_ID:
      g_value_set_string (value, self->flight_id);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_anomaly_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PoeAnomalyDialog *self = POE_ANOMALY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_FLIGHT_ID:
      self->flight_id = g_value_dup_string (value);
      break;
    case PROP_CASE_ID:
      self->case_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_anomaly_dialog_class_init (PoeAnomalyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = poe_anomaly_dialog_constructed;
  object_class->dispose = poe_anomaly_dialog_dispose;
  object_class->finalize = poe_anomaly_dialog_finalize;
  object_class->get_property = poe_anomaly_dialog_get_property;
  object_class->set_property = poe_anomaly_dialog_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         POE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLIGHT_ID] =
    g_param_spec_string ("flight-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PoeAnomalyDialog::sent:
   * @anomaly_id: the anomaly record queued
   */
  signals[SENT] =
    g_signal_new ("sent",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/incidents/poe-anomaly-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, flight_row);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, case_row);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, rebooking_row);
  gtk_widget_class_bind_template_child (widget_class, PoeAnomalyDialog, details_view);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
poe_anomaly_dialog_init (PoeAnomalyDialog *self)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  const char * const *values = kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (items, poe_anomaly_kind_label (values[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (items));
}


/*
 * Public API
 */

/**
 * poe_anomaly_dialog_new:
 * @session: the signed-in session
 * @flight_id: (nullable): the flight; the family's inbound flight when %NULL
 * @case_id: (nullable): the family
 *
 * Returns: (transfer none): a new dialog, pre-filled; set its transient parent and
 *   present it
 */
PoeAnomalyDialog *
poe_anomaly_dialog_new (PoeSession *session,
                        const char *flight_id,
                        const char *case_id)
{
  g_return_val_if_fail (POE_IS_SESSION (session), NULL);
  g_return_val_if_fail (flight_id != NULL || case_id != NULL, NULL);

  return g_object_new (POE_TYPE_ANOMALY_DIALOG,
                       "session", session,
                       "flight-id", flight_id,
                       "case-id", case_id,
                       NULL);
}

/**
 * poe_anomaly_dialog_get_record:
 *
 * Returns: (transfer none): the anomaly as pre-filled, or as sent
 */
PoeRecord *
poe_anomaly_dialog_get_record (PoeAnomalyDialog *self)
{
  g_return_val_if_fail (POE_IS_ANOMALY_DIALOG (self), NULL);

  return self->record;
}

/**
 * poe_anomaly_dialog_send:
 *
 * Queues the report as the form shows it, with notified_at now. The dialog stays open;
 * the Send button closes it after this succeeds.
 *
 * Returns: whether it was stored
 */
gboolean
poe_anomaly_dialog_send (PoeAnomalyDialog  *self,
                         GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PoeRecord) copy = NULL;

  g_return_val_if_fail (POE_IS_ANOMALY_DIALOG (self), FALSE);

  if (get_store (self) == NULL)
    {
      g_set_error_literal (error, POE_STORE_ERROR, POE_STORE_ERROR_IO, _("You are signed out"));
      return FALSE;
    }

  read_form (self);
  copy = poe_record_copy (self->record);
  poe_record_set_time (copy, "notified_at", now);
  if (!poe_store_save (get_store (self), copy, error))
    return FALSE;

  g_set_object (&self->record, copy);
  g_signal_emit (self, signals[SENT], 0, poe_record_get_id (copy));

  return TRUE;
}
