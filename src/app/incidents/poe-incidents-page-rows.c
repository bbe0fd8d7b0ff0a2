/* poe-incidents-page-rows.c
 *
 * The incidents page's list: the incidents the user may read (what the server sends an
 * agent: their own and those naming a case assigned to them), those passing the filters,
 * overdue follow-ups first and marked in words, each row with its time at the user's POE,
 * place, case numbers and status; and the count under the filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-incident.h"
#include "poe-incident-labels.h"
#include "poe-incidents-page-private.h"
#include "poe-store-board.h"


/*
 * Auxiliary methods
 */

/* Of the cases @incidents name, those assigned to the user: an agent also sees the
 * incidents naming them. Only those cases are read, never the whole day's families, and
 * none for a role that reads every incident anyway. */
static GStrv
dup_assigned_case_ids (PoeIncidentsPage  *self,
                       GPtrArray         *incidents,
                       GError           **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) named = g_strv_builder_new ();
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(GStrv) named_ids = NULL;
  const char *staff_id = poe_session_get_staff_id (self->session);

  if (staff_id == NULL || poe_incident_role_reviews (poe_session_get_role (self->session)))
    return g_strv_builder_end (builder);

  for (guint i = 0; i < incidents->len; i++)
    {
      PoeRecord *incident = g_ptr_array_index (incidents, i);
      const char * const *case_ids = poe_record_get_strv (incident, "case_ids");

      if (case_ids != NULL && !poe_incident_is_author (incident, staff_id))
        g_strv_builder_addv (named, (const char **) case_ids);
    }

  named_ids = g_strv_builder_end (named);
  if (named_ids[0] != NULL &&
      !(cases = poe_store_list_records_by_ids (_poe_incidents_page_get_store (self), "case",
                                               (const char * const *) named_ids, error)))
    return NULL;

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      const char * const *staff = poe_record_get_strv (kase, "assigned_staff_ids");

      if (staff != NULL && g_strv_contains (staff, staff_id))
        g_strv_builder_add (builder, poe_record_get_id (kase));
    }

  return g_strv_builder_end (builder);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const PoeIncidentsEntry *x = a, *y = b;

  /* Overdue follow-ups first, then newest first. */
  if (x->overdue != y->overdue)
    return x->overdue ? -1 : 1;

  return -g_strcmp0 (poe_record_get_string (x->incident, "at"), poe_record_get_string (y->incident, "at"));
}

/* The case numbers @incident names; cases not on this device are left out. */
static char *
dup_case_numbers (PoeIncidentsPage  *self,
                  PoeRecord         *incident,
                  GError           **error)
{
  const char * const *case_ids = poe_record_get_strv (incident, "case_ids");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PoeRecord) kase = poe_store_get (_poe_incidents_page_get_store (self), "case", case_ids[i],
                                                 &local_error);

      if (kase == NULL && g_error_matches (local_error, POE_STORE_ERROR, POE_STORE_ERROR_NOT_FOUND))
        continue;
      if (kase == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, poe_record_get_string (kase, "case_number"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_row_subtitle (PoeIncidentsPage  *self,
                  PoeRecord         *incident,
                  GError           **error)
{
  g_autoptr(GDateTime) at = poe_record_dup_time (incident, "at");
  g_autofree char *when = poe_incident_format_time (at, self->zone);
  g_autofree char *cases = dup_case_numbers (self, incident, error);
  const char *place = poe_record_get_string (incident, "place");
  GString *text;

  if (cases == NULL)
    return NULL;

  text = g_string_new (when);
  if (place != NULL)
    g_string_append_printf (text, C_("incident row", " · %s"), place);
  if (*cases != '\0')
    g_string_append_printf (text, C_("incident row", " · %s"), cases);
  g_string_append_printf (text, C_("incident row", " · %s"),
                          poe_incident_status_label (poe_record_get_string (incident, "status")));

  return g_string_free (text, FALSE);
}

static GtkWidget *
create_chip (const char *text,
             const char *style)
{
  GtkWidget *chip = gtk_label_new (text);

  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "chip");
  gtk_widget_add_css_class (chip, style);

  return chip;
}

static GtkWidget *
create_overdue_mark (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("alarm-symbolic");
  /* Translators: mark of an incident in the list whose follow-up date has passed */
  GtkWidget *label = gtk_label_new (_("Follow-up overdue"));

  gtk_widget_set_name (label, "overdue-mark");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overdue"), -1);
  gtk_widget_add_css_class (box, "error");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}


/*
 * Private API
 */

/* The incidents the user may read that pass the filters, in list order; @n_readable gets
 * how many the user may read at all. */
GArray *
_poe_incidents_page_collect_entries (PoeIncidentsPage  *self,
                                     GPtrArray         *incidents,
                                     guint             *n_readable,
                                     GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_auto(GStrv) assigned = NULL;
  const char *role = poe_session_get_role (self->session);
  const char *staff_id = poe_session_get_staff_id (self->session);
  GArray *entries;

  *n_readable = 0;
  if (!(assigned = dup_assigned_case_ids (self, incidents, error)))
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (PoeIncidentsEntry));
  for (guint i = 0; i < incidents->len; i++)
    {
      PoeRecord *incident = g_ptr_array_index (incidents, i);
      PoeIncidentsEntry entry = { incident, poe_incident_is_follow_up_overdue (incident, now, self->zone) };

      /* What the server sends an agent; a store shared on one device may hold more. */
      if (!poe_incident_can_read (incident, role, staff_id, (const char * const *) assigned))
        continue;
      (*n_readable)++;
      if (_poe_incidents_page_matches_filters (self, incident, now))
        g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  return entries;
}

GtkWidget *
_poe_incidents_page_create_row (PoeIncidentsPage         *self,
                                const PoeIncidentsEntry  *entry,
                                GError                  **error)
{
  PoeRecord *incident = entry->incident;
  const char *severity = poe_record_get_string (incident, "severity");
  const char *style = poe_incident_severity_style (severity);
  g_autofree char *subtitle = dup_row_subtitle (self, incident, error);
  GtkWidget *row;
  GtkWidget *suffix;

  if (subtitle == NULL)
    return NULL;

  row = adw_action_row_new ();
  suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 poe_incident_category_label (poe_record_get_string (incident, "category")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "incident-id", g_strdup (poe_record_get_id (incident)), g_free);

  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (suffix), create_chip (poe_incident_severity_label (severity),
                                                 g_str_equal (style, "error") ? "chip-error"
                                                 : g_str_equal (style, "warning") ? "chip-warning" : "chip-neutral"));
  if (entry->overdue)
    {
      gtk_box_append (GTK_BOX (suffix), create_overdue_mark ());
      gtk_widget_add_css_class (row, "attention");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

  return row;
}

void
_poe_incidents_page_update_count (PoeIncidentsPage *self,
                                  guint             n_shown,
                                  guint             n_overdue,
                                  guint             n_readable)
{
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  /* Translators: the incident list of a user who has none yet */
  gtk_label_set_label (self->placeholder, n_readable == 0 ? _("No incident reports yet")
                                                          : _("No incidents match these filters"));
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n_readable > 0);

  /* Translators: under the incident filters, "3 of 7 incidents" */
  shown = g_strdup_printf (ngettext ("%u of %u incident", "%u of %u incidents", n_readable), n_shown, n_readable);
  if (n_overdue > 0)
    {
      /* Translators: the count of incidents followed by the overdue ones, "3 of 7 incidents · 1 overdue" */
      text = g_strdup_printf (ngettext ("%s · %u follow-up overdue", "%s · %u follow-ups overdue", n_overdue),
                              shown, n_overdue);
    }
  gtk_label_set_label (self->count_label, text ? text : shown);
}
