/* poe-incidents-page.c
 *
 * The incidents page: the incident reports the signed-in user may see (leads and
 * supervisors all of the POE; agents their own and those naming a case assigned to them),
 * filtered by status, severity, category and date, with overdue follow-ups first and
 * marked in words; the chosen report or a new draft on the right (PoeIncidentEditor),
 * folding into one pane on narrow windows. It follows the store's "changed" signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-incidents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-incident.h"
#include "poe-incident-labels.h"
#include "poe-incidents-page.h"
#include "poe-store-board.h"

typedef enum
{
  FILTER_STATUS,
  FILTER_SEVERITY,
  FILTER_CATEGORY,
  N_ENUM_FILTERS
} EnumFilter;

struct _PoeIncidentsPage
{
  GtkWidget          parent_instance;

  PoeSession        *session;
  GSignalGroup      *store_signals;
  GTimeZone         *zone;
  GPtrArray         *shown_ids;
  gboolean           reveal_names;
  guint              refresh_id;

  /* Template widgets */
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkWidget         *empty_new_button;
  AdwLeaflet        *leaflet;
  GtkWidget         *sidebar;
  GtkWidget         *content;
  GtkDropDown       *status_filter;
  GtkDropDown       *severity_filter;
  GtkDropDown       *category_filter;
  GtkDropDown       *date_filter;
  GtkLabel          *count_label;
  GtkLabel          *placeholder;
  GtkListBox        *list_box;
  PoeIncidentEditor *editor;
};

G_DEFINE_FINAL_TYPE (PoeIncidentsPage, poe_incidents_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_REVEAL_NAMES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const watched_entities[] = { "incident", "incident_comment", "case", "poe", NULL };

/* The date filter's items after "Any time": the last day, week and month. */
static const char * const since_values[] = { "day", "week", "month", NULL };
static const int since_days[] = { 1, 7, 30 };


/*
 * Auxiliary methods
 */

static PoeStore *
get_store (PoeIncidentsPage *self)
{
  return self->session ? poe_session_get_store (self->session) : NULL;
}

static const char * const *
enum_values (EnumFilter filter)
{
  static const char * const fields[] = { "status", "severity", "category" };

  return poe_incident_enum_values ("incident", fields[filter]);
}

static const char *
enum_label (EnumFilter  filter,
            const char *code)
{
  switch (filter)
    {
    case FILTER_STATUS:
      return poe_incident_status_label (code);
    case FILTER_SEVERITY:
      return poe_incident_severity_label (code);
    case FILTER_CATEGORY:
    case N_ENUM_FILTERS:
    default:
      return poe_incident_category_label (code);
    }
}

static GtkDropDown *
enum_drop_down (PoeIncidentsPage *self,
                EnumFilter        filter)
{
  GtkDropDown *drop_downs[] = { self->status_filter, self->severity_filter, self->category_filter };

  return drop_downs[filter];
}

static const char *
selected_code (GtkDropDown        *drop_down,
               const char * const *values)
{
  return poe_incident_code_at (values, gtk_drop_down_get_selected (drop_down));
}

static void
select_code (GtkDropDown        *drop_down,
             const char * const *values,
             const char         *code)
{
  gtk_drop_down_set_selected (drop_down, poe_incident_code_position (values, code));
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* Ellipsized in the button (the sidebar is narrow), whole in the popover. */
static void
set_drop_down_items (GtkDropDown   *drop_down,
                     GtkStringList *items)
{
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_label_cb), NULL);

  gtk_drop_down_set_factory (drop_down, button_factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (items));
}

static void
fill_filters (PoeIncidentsPage *self)
{
  /* Translators: first items of the incident list's filters */
  const char *all[] = { N_("All statuses"), N_("All severities"), N_("All categories") };
  g_autoptr(GtkStringList) dates = gtk_string_list_new (NULL);

  for (EnumFilter f = 0; f < N_ENUM_FILTERS; f++)
    {
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
      const char * const *values = enum_values (f);

      gtk_string_list_append (items, _(all[f]));
      for (guint i = 0; values[i] != NULL; i++)
        gtk_string_list_append (items, enum_label (f, values[i]));
      set_drop_down_items (enum_drop_down (self, f), items);
    }

  /* Translators: items of the incident list's date filter */
  gtk_string_list_append (dates, _("Any time"));
  gtk_string_list_append (dates, _("Last 24 hours"));
  gtk_string_list_append (dates, _("Last 7 days"));
  gtk_string_list_append (dates, _("Last 30 days"));
  set_drop_down_items (self->date_filter, dates);
}

/* Of the cases @incidents name, those assigned to the user: an agent also sees the
 * incidents naming them. Only those cases are read, never the whole day's families, and
 * none for a role that reads every incident anyway. */
static GStrv
dup_assigned_case_ids (PoeIncidentsPage *self,
                       GPtrArray        *incidents)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) named = g_strv_builder_new ();
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(GStrv) named_ids = NULL;
  const char *staff_id = poe_session_get_staff_id (self->session);

  if (staff_id == NULL || incidents == NULL ||
      poe_incident_role_reviews (poe_session_get_role (self->session)))
    return g_strv_builder_end (builder);

  for (guint i = 0; i < incidents->len; i++)
    {
      PoeRecord *incident = g_ptr_array_index (incidents, i);
      const char * const *case_ids = poe_record_get_strv (incident, "case_ids");

      if (case_ids != NULL && !poe_incident_is_author (incident, staff_id))
        g_strv_builder_addv (named, (const char **) case_ids);
    }

  named_ids = g_strv_builder_end (named);
  if (named_ids[0] != NULL)
    cases = poe_store_list_records_by_ids (get_store (self), "case", (const char * const *) named_ids, NULL);

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      const char * const *staff = poe_record_get_strv (kase, "assigned_staff_ids");

      if (staff != NULL && g_strv_contains (staff, staff_id))
        g_strv_builder_add (builder, poe_record_get_id (kase));
    }

  return g_strv_builder_end (builder);
}

static gboolean
matches_filters (PoeIncidentsPage *self,
                 PoeRecord        *incident,
                 GDateTime        *now)
{
  static const char * const fields[] = { "status", "severity", "category" };
  guint since = gtk_drop_down_get_selected (self->date_filter);

  for (EnumFilter f = 0; f < N_ENUM_FILTERS; f++)
    {
      const char *wanted = selected_code (enum_drop_down (self, f), enum_values (f));

      if (wanted != NULL && g_strcmp0 (poe_record_get_string (incident, fields[f]), wanted) != 0)
        return FALSE;
    }

  if (since > 0 && since <= G_N_ELEMENTS (since_days))
    {
      g_autoptr(GDateTime) at = poe_record_dup_time (incident, "at");
      g_autoptr(GDateTime) from = g_date_time_add_days (now, -since_days[since - 1]);

      if (at == NULL || g_date_time_compare (at, from) < 0)
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  PoeRecord *incident;
  gboolean   overdue;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  /* Overdue follow-ups first, then newest first. */
  if (x->overdue != y->overdue)
    return x->overdue ? -1 : 1;

  return -g_strcmp0 (poe_record_get_string (x->incident, "at"), poe_record_get_string (y->incident, "at"));
}

static char *
dup_case_numbers (PoeIncidentsPage *self,
                  PoeRecord        *incident)
{
  const char * const *case_ids = poe_record_get_strv (incident, "case_ids");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; case_ids != NULL && case_ids[i] != NULL; i++)
    {
      g_autoptr(PoeRecord) kase = poe_store_get (get_store (self), "case", case_ids[i], NULL);

      if (kase == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, poe_record_get_string (kase, "case_number"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_row_subtitle (PoeIncidentsPage *self,
                  PoeRecord        *incident)
{
  g_autoptr(GDateTime) at = poe_record_dup_time (incident, "at");
  g_autofree char *when = poe_incident_format_time (at, self->zone);
  g_autofree char *cases = dup_case_numbers (self, incident);
  const char *place = poe_record_get_string (incident, "place");
  GString *text = g_string_new (when);

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

static GtkWidget *
create_row (PoeIncidentsPage *self,
            const Entry      *entry)
{
  PoeRecord *incident = entry->incident;
  const char *severity = poe_record_get_string (incident, "severity");
  const char *style = poe_incident_severity_style (severity);
  g_autofree char *subtitle = dup_row_subtitle (self, incident);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

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

static GArray *
collect_entries (PoeIncidentsPage *self,
                 GPtrArray        *incidents,
                 guint            *n_readable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_auto(GStrv) assigned = dup_assigned_case_ids (self, incidents);
  const char *role = poe_session_get_role (self->session);
  const char *staff_id = poe_session_get_staff_id (self->session);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  *n_readable = 0;
  for (guint i = 0; incidents != NULL && i < incidents->len; i++)
    {
      PoeRecord *incident = g_ptr_array_index (incidents, i);
      Entry entry = { incident, poe_incident_is_follow_up_overdue (incident, now, self->zone) };

      /* What the server sends an agent; a store shared on one device may hold more. */
      if (!poe_incident_can_read (incident, role, staff_id, (const char * const *) assigned))
        continue;
      (*n_readable)++;
      if (matches_filters (self, incident, now))
        g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  return entries;
}

static void
select_shown (PoeIncidentsPage *self)
{
  const char *id = poe_incident_editor_get_incident_id (self->editor);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "incident-id"), id) == 0)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
          return;
        }
    }

  gtk_list_box_unselect_all (self->list_box);
}

static void
update_count (PoeIncidentsPage *self,
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

static void
update_visible_page (PoeIncidentsPage *self,
                     guint             n_readable)
{
  gboolean any = self->session != NULL &&
                 (n_readable > 0 || !g_str_equal (poe_incident_editor_get_mode (self->editor), "none"));

  gtk_widget_set_visible (self->empty_new_button, self->session != NULL);
  gtk_stack_set_visible_child_name (self->stack, any ? "incidents" : "empty");
}

static void
refresh (PoeIncidentsPage *self)
{
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GArray) entries = NULL;
  GtkListBoxRow *row;
  guint n_readable = 0, n_overdue = 0;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  /* Rows only: the placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
  g_ptr_array_set_size (self->shown_ids, 0);

  if (get_store (self) != NULL)
    {
      incidents = poe_store_list (get_store (self), "incident", NULL, NULL, NULL);
      entries = collect_entries (self, incidents, &n_readable);

      for (guint i = 0; i < entries->len; i++)
        {
          Entry *entry = &g_array_index (entries, Entry, i);

          gtk_list_box_append (self->list_box, create_row (self, entry));
          g_ptr_array_add (self->shown_ids, g_strdup (poe_record_get_id (entry->incident)));
          n_overdue += entry->overdue;
        }
      update_count (self, entries->len, n_overdue, n_readable);
    }

  select_shown (self);
  update_visible_page (self, n_readable);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  PoeIncidentsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (PoeIncidentsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
show_content (PoeIncidentsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "incidents");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}


/*
 * Callbacks
 */

static void
new_clicked_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  poe_incidents_page_new_incident (self);
}

static void
row_activated_cb (PoeIncidentsPage *self,
                  GtkListBoxRow    *row)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  poe_incidents_page_show_incident (self, g_object_get_data (G_OBJECT (row), "incident-id"));
}

static void
back_clicked_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
editor_saved_cb (PoeIncidentsPage *self,
                 const char       *incident_id)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  refresh (self);
}

static void
filter_changed_cb (PoeIncidentsPage *self)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  refresh (self);
}

static void
store_changed_cb (PoeIncidentsPage   *self,
                  const char         *entity,
                  const char * const *ids,
                  PoeStoreChange      origin,
                  PoeStore           *store)
{
  g_assert (POE_IS_INCIDENTS_PAGE (self));

  if (g_strv_contains (watched_entities, entity))
    queue_refresh (self);
}


/*
 * GObject overrides
 */

static void
poe_incidents_page_dispose (GObject *object)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_INCIDENTS_PAGE);

  G_OBJECT_CLASS (poe_incidents_page_parent_class)->dispose (object);
}

static void
poe_incidents_page_finalize (GObject *object)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  g_clear_pointer (&self->shown_ids, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (poe_incidents_page_parent_class)->finalize (object);
}

static void
poe_incidents_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_REVEAL_NAMES:
      g_value_set_boolean (value, self->reveal_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_incidents_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PoeIncidentsPage *self = POE_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      poe_incidents_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_REVEAL_NAMES:
      poe_incidents_page_set_reveal_names (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_incidents_page_class_init (PoeIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_incidents_page_dispose;
  object_class->finalize = poe_incidents_page_finalize;
  object_class->get_property = poe_incidents_page_get_property;
  object_class->set_property = poe_incidents_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         POE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PoeIncidentsPage:reveal-names:
   *
   * Whether family members are named instead of shown by initials in the reports.
   */
  properties[PROP_REVEAL_NAMES] =
    g_param_spec_boolean ("reveal-names", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POE_TYPE_INCIDENT_EDITOR);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/incidents/poe-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, severity_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, date_filter);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PoeIncidentsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
}

static void
poe_incidents_page_init (PoeIncidentsPage *self)
{
  GtkWidget *placeholder;
  GtkDropDown *drop_downs[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown_ids = g_ptr_array_new_with_free_func (g_free);
  self->zone = g_time_zone_new_local ();

  fill_filters (self);
  drop_downs[0] = self->status_filter;
  drop_downs[1] = self->severity_filter;
  drop_downs[2] = self->category_filter;
  drop_downs[3] = self->date_filter;
  for (guint i = 0; i < G_N_ELEMENTS (drop_downs); i++)
    g_signal_connect_object (drop_downs[i], "notify::selected", G_CALLBACK (filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  placeholder = gtk_label_new (NULL);
  self->placeholder = GTK_LABEL (placeholder);
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  self->store_signals = g_signal_group_new (POE_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (store_changed_cb), self);

  g_object_bind_property (self, "reveal-names", self->editor, "reveal-names",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  refresh (self);
}


/*
 * Public API
 */

/**
 * poe_incidents_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the page shows
 */
PoeSession *
poe_incidents_page_get_session (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), NULL);

  return self->session;
}

/**
 * poe_incidents_page_set_session:
 * @session: (nullable): the signed-in session, or %NULL on sign-out
 *
 * Shows the incidents of @session's store for its user and role; %NULL empties the page.
 */
void
poe_incidents_page_set_session (PoeIncidentsPage *self,
                                PoeSession       *session)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (session == NULL || POE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = poe_incident_dup_time_zone (get_store (self));
  g_signal_group_set_target (self->store_signals, get_store (self));
  poe_incident_editor_set_session (self->editor, session);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * poe_incidents_page_new_incident:
 *
 * Opens the form of a new incident report by the signed-in user.
 */
void
poe_incidents_page_new_incident (PoeIncidentsPage *self)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));

  if (self->session == NULL)
    return;

  poe_incident_editor_start_new (self->editor);
  gtk_list_box_unselect_all (self->list_box);
  show_content (self);
}

/**
 * poe_incidents_page_show_incident:
 *
 * Shows a stored incident: its form while it is the user's draft, else its report.
 */
void
poe_incidents_page_show_incident (PoeIncidentsPage *self,
                                  const char       *incident_id)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (incident_id != NULL);

  poe_incident_editor_show_incident (self->editor, incident_id);
  select_shown (self);
  show_content (self);
}

/**
 * poe_incidents_page_set_filter:
 * @filter: "status", "severity", "category" or "since"
 * @value: (nullable): a code of that field ("open", "high", "medical"), for "since" one of
 *   "day", "week", "month"; %NULL for all
 *
 * Sets one of the list's filters, as its drop-down does.
 */
void
poe_incidents_page_set_filter (PoeIncidentsPage *self,
                               const char       *filter,
                               const char       *value)
{
  static const char * const names[] = { "status", "severity", "category", NULL };

  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (filter != NULL);

  if (g_str_equal (filter, "since"))
    {
      select_code (self->date_filter, since_values, value);
      return;
    }

  for (EnumFilter f = 0; f < N_ENUM_FILTERS; f++)
    {
      if (g_str_equal (names[f], filter))
        {
          select_code (enum_drop_down (self, f), enum_values (f), value);
          return;
        }
    }

  g_critical ("Unknown incident filter “%s”", filter);
}

/**
 * poe_incidents_page_dup_shown_ids:
 *
 * Returns: (transfer full): the ids of the incidents listed, in list order
 */
char **
poe_incidents_page_dup_shown_ids (PoeIncidentsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), NULL);

  if (self->refresh_id != 0)
    refresh (self);

  for (guint i = 0; i < self->shown_ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->shown_ids, i));

  return g_strv_builder_end (builder);
}

/**
 * poe_incidents_page_get_editor:
 *
 * Returns: (transfer none): the editor of the chosen or new incident
 */
PoeIncidentEditor *
poe_incidents_page_get_editor (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), NULL);

  return self->editor;
}

gboolean
poe_incidents_page_get_reveal_names (PoeIncidentsPage *self)
{
  g_return_val_if_fail (POE_IS_INCIDENTS_PAGE (self), FALSE);

  return self->reveal_names;
}

void
poe_incidents_page_set_reveal_names (PoeIncidentsPage *self,
                                     gboolean          reveal_names)
{
  g_return_if_fail (POE_IS_INCIDENTS_PAGE (self));

  reveal_names = !!reveal_names;
  if (self->reveal_names == reveal_names)
    return;

  self->reveal_names = reveal_names;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_NAMES]);
}
