/* poe-vouchers-view.c
 *
 * The vouchers of one family: a row for each with kind, serial, amount and to whom it was
 * issued, and a form to record a new one issued now by the signed-in user (kind, serial,
 * amount and currency, the member it is for), which says what is wrong when it cannot be
 * saved. It reloads through its PoeCaseBinding when vouchers, members or staff change.
 * Times are told at the case's POE; a read that fails says so in place of the vouchers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-vouchers-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "common/poe-read-error.h"
#include "family/poe-family-labels.h"
#include "poe-family-snapshot.h"
#include "poe-member-label.h"
#include "poe-csv.h"
#include "poe-case-binding.h"
#include "poe-escorts-labels.h"
#include "poe-vouchers-view.h"

struct _PoeVouchersView
{
  GtkWidget        parent_instance;

  PoeCaseBinding   binding;
  GPtrArray       *member_names;  /* full names, parallel to issued_to_row's model */
  GPtrArray       *member_labels; /* as shown there: poe_family_dup_member_label() */
  guint            n_vouchers;

  /* Template widgets */
  AdwPreferencesGroup *vouchers_group;
  GtkToggleButton *add_button;
  AdwComboRow     *kind_row;
  AdwEntryRow     *serial_row;
  AdwEntryRow     *amount_row;
  AdwEntryRow     *currency_row;
  AdwComboRow     *issued_to_row;
  GtkLabel        *error_label;
  GtkListBox      *vouchers_list;
};

G_DEFINE_FINAL_TYPE (PoeVouchersView, poe_vouchers_view, GTK_TYPE_WIDGET)

static const char * const voucher_kinds[] = { "hotel", "meal", "ground_transport", "mco", NULL };

static const char * const watched_entities[] = { "voucher", "person", "staff", "case", "poe", NULL };


/*
 * Auxiliary methods
 */

static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
show_error (PoeVouchersView *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
fill_kinds (PoeVouchersView *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; voucher_kinds[i] != NULL; i++)
    gtk_string_list_append (model, poe_voucher_kind_label (voucher_kinds[i]));

  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (model));
}

static void
fill_members (PoeVouchersView *self,
              GPtrArray       *persons)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = adw_combo_row_get_selected (self->issued_to_row);

  g_autoptr(GDateTime) today = self->binding.zone ? g_date_time_new_now (self->binding.zone) : NULL;

  g_ptr_array_set_size (self->member_names, 0);
  g_ptr_array_set_size (self->member_labels, 0);
  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      char *shown = poe_family_dup_member_label (person, self->binding.reveal_names, today);

      gtk_string_list_append (model, shown);
      g_ptr_array_add (self->member_labels, shown);
      g_ptr_array_add (self->member_names, poe_family_dup_person_name (person, TRUE));
    }

  adw_combo_row_set_model (self->issued_to_row, G_LIST_MODEL (model));
  if (selected < self->member_names->len)
    adw_combo_row_set_selected (self->issued_to_row, selected);
}

/* A member of the family by the same label as in the picker; someone else as the voucher says. */
static char *
dup_issued_to (PoeVouchersView *self,
               PoeRecord       *voucher)
{
  const char *issued_to = poe_record_get_string (voucher, "issued_to");

  for (guint i = 0; issued_to != NULL && i < self->member_names->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->member_names, i), issued_to) == 0)
        return g_strdup (g_ptr_array_index (self->member_labels, i));
    }

  return poe_voucher_dup_issued_to (voucher, self->binding.reveal_names);
}

static GtkWidget *
create_voucher_row (PoeVouchersView *self,
                    PoeRecord       *voucher)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) at = poe_record_dup_time (voucher, "at");
  g_autofree char *time = poe_family_format_time (at, self->binding.zone);
  g_autofree char *to = dup_issued_to (self, voucher);
  g_autofree char *by = poe_family_dup_staff_name (self->binding.store, poe_record_get_string (voucher, "issued_by"));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: a voucher: kind, amount and currency, "Hotel · 129.00 USD" */
  title = g_strdup_printf (_("%1$s · %2$s %3$s"), poe_voucher_kind_label (poe_record_get_string (voucher, "kind")),
                           poe_record_get_string (voucher, "amount"), poe_record_get_string (voucher, "currency"));
  /* Translators: %1$s serial, %2$s issued to, %3$s issued by, %4$s time */
  subtitle = g_strdup_printf (_("No. %1$s · to %2$s · by %3$s · %4$s"), poe_record_get_string (voucher, "serial"),
                              *to ? to : C_("issued to", "the family"), by ? by : _("unknown"), time);

  gtk_widget_set_name (row, "voucher-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "mail-attachment-symbolic");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
add_empty_row (PoeVouchersView *self,
               const char      *title)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, "no-vouchers");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (self->vouchers_list, row);
}

static gboolean
read_currency (PoeVouchersView  *self,
               char            **currency,
               GError          **error)
{
  g_autofree char *text = dup_entry_text (self->currency_row);
  g_autofree char *upper = text ? g_ascii_strup (text, -1) : NULL;

  if (upper == NULL || strlen (upper) != 3 ||
      !g_ascii_isalpha (upper[0]) || !g_ascii_isalpha (upper[1]) || !g_ascii_isalpha (upper[2]))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the currency as its three-letter code, like USD."));
      return FALSE;
    }

  *currency = g_steal_pointer (&upper);
  return TRUE;
}

static PoeRecord *
build_voucher (PoeVouchersView  *self,
               GError          **error)
{
  g_autoptr(PoeRecord) voucher = poe_record_new ("voucher");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *id = poe_uuid_new ();
  g_autofree char *serial = dup_entry_text (self->serial_row);
  g_autofree char *amount_text = dup_entry_text (self->amount_row);
  g_autofree char *amount = NULL;
  g_autofree char *currency = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint member = adw_combo_row_get_selected (self->issued_to_row);
  gint64 cents;

  if (serial == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the serial number printed on the voucher."));
      return NULL;
    }
  if (!poe_amount_parse (amount_text, &cents, error) || !read_currency (self, &currency, error))
    return NULL;
  amount = poe_amount_format (cents);

  poe_record_set_id (voucher, id);
  poe_record_set_string (voucher, "case_id", self->binding.case_id);
  poe_record_set_string (voucher, "kind", kind < G_N_ELEMENTS (voucher_kinds) - 1 ? voucher_kinds[kind] : "meal");
  poe_record_set_string (voucher, "serial", serial);
  poe_record_set_string (voucher, "amount", amount);
  poe_record_set_string (voucher, "currency", currency);
  if (member < self->member_names->len)
    poe_record_set_string (voucher, "issued_to", g_ptr_array_index (self->member_names, member));
  poe_record_set_string (voucher, "issued_by", poe_session_get_staff_id (self->binding.session));
  poe_record_set_time (voucher, "at", now);

  return g_steal_pointer (&voucher);
}


/*
 * Callbacks
 */

static void
save_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  poe_vouchers_view_save (POE_VOUCHERS_VIEW (widget), NULL);
}


/*
 * GObject overrides
 */

static void
poe_vouchers_view_dispose (GObject *object)
{
  PoeVouchersView *self = POE_VOUCHERS_VIEW (object);

  poe_case_binding_dispose (&self->binding);
  g_clear_pointer (&self->member_names, g_ptr_array_unref);
  g_clear_pointer (&self->member_labels, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_VOUCHERS_VIEW);

  G_OBJECT_CLASS (poe_vouchers_view_parent_class)->dispose (object);
}

static void
poe_vouchers_view_finalize (GObject *object)
{
  PoeVouchersView *self = POE_VOUCHERS_VIEW (object);

  poe_case_binding_finalize (&self->binding);

  G_OBJECT_CLASS (poe_vouchers_view_parent_class)->finalize (object);
}

static void
poe_vouchers_view_class_init (PoeVouchersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_vouchers_view_dispose;
  object_class->finalize = poe_vouchers_view_finalize;

  gtk_widget_class_install_action (widget_class, "vouchers.save", NULL, save_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/escorts/poe-vouchers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, vouchers_group);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, add_button);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, serial_row);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, amount_row);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, currency_row);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, issued_to_row);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeVouchersView, vouchers_list);
}

static void
poe_vouchers_view_init (PoeVouchersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->member_names = g_ptr_array_new_with_free_func (g_free);
  self->member_labels = g_ptr_array_new_with_free_func (g_free);
  poe_case_binding_init (&self->binding, watched_entities,
                         (PoeCaseBindingReloadFunc) poe_vouchers_view_reload, self);

  fill_kinds (self);
  poe_vouchers_view_reload (self);
}


/*
 * Public API
 */

GtkWidget *
poe_vouchers_view_new (void)
{
  return g_object_new (POE_TYPE_VOUCHERS_VIEW, NULL);
}

/**
 * poe_vouchers_view_set_case:
 * @session: (nullable): the signed-in session; vouchers are issued by its user
 * @case_id: (nullable): the family
 */
void
poe_vouchers_view_set_case (PoeVouchersView *self,
                            PoeSession      *session,
                            const char      *case_id)
{
  g_return_if_fail (POE_IS_VOUCHERS_VIEW (self));

  poe_case_binding_set_case (&self->binding, session, case_id);
}

/**
 * poe_vouchers_view_get_case_id:
 *
 * Returns: (nullable): the family shown
 */
const char *
poe_vouchers_view_get_case_id (PoeVouchersView *self)
{
  g_return_val_if_fail (POE_IS_VOUCHERS_VIEW (self), NULL);

  return self->binding.case_id;
}

void
poe_vouchers_view_set_reveal_names (PoeVouchersView *self,
                                    gboolean         reveal_names)
{
  g_return_if_fail (POE_IS_VOUCHERS_VIEW (self));

  poe_case_binding_set_reveal_names (&self->binding, reveal_names);
}

guint
poe_vouchers_view_get_n_vouchers (PoeVouchersView *self)
{
  g_return_val_if_fail (POE_IS_VOUCHERS_VIEW (self), 0);

  return self->n_vouchers;
}

/**
 * poe_vouchers_view_save:
 *
 * Records the voucher in the form, issued now by the signed-in user. The form says what is
 * wrong when it cannot.
 */
gboolean
poe_vouchers_view_save (PoeVouchersView  *self,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PoeRecord) voucher = NULL;

  g_return_val_if_fail (POE_IS_VOUCHERS_VIEW (self), FALSE);

  if (self->binding.store == NULL || self->binding.case_id == NULL)
    {
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Choose a family first."));
    }
  else if ((voucher = build_voucher (self, &local_error)) != NULL)
    poe_store_save (self->binding.store, voucher, &local_error);

  if (local_error != NULL)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->serial_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
  gtk_toggle_button_set_active (self->add_button, FALSE);
  poe_vouchers_view_reload (self);

  return TRUE;
}

/**
 * poe_vouchers_view_reload:
 *
 * Reads the family's vouchers again; the view does it by itself on the store's changes.
 */
void
poe_vouchers_view_reload (PoeVouchersView *self)
{
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (POE_IS_VOUCHERS_VIEW (self));

  poe_case_binding_cancel_reload (&self->binding);
  poe_escorts_clear_list (self->vouchers_list);
  self->n_vouchers = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.save", self->binding.store && self->binding.case_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->binding.store && self->binding.case_id);

  if (self->binding.store == NULL || self->binding.case_id == NULL)
    {
      fill_members (self, NULL);
      add_empty_row (self, _("No family selected"));
      return;
    }

  if (!(persons = poe_store_list_persons_for_case (self->binding.store, self->binding.case_id, &error)) ||
      !(vouchers = poe_store_list (self->binding.store, "voucher", "case_id", self->binding.case_id, &error)) ||
      !poe_case_binding_load_zone (&self->binding, &error))
    {
      g_autofree char *text = poe_read_error_dup_text (error);

      fill_members (self, NULL);
      add_empty_row (self, text);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
      return;
    }

  fill_members (self, persons);
  for (guint i = 0; i < vouchers->len; i++)
    gtk_list_box_append (self->vouchers_list, create_voucher_row (self, g_ptr_array_index (vouchers, i)));
  self->n_vouchers = vouchers->len;

  if (self->n_vouchers == 0)
    add_empty_row (self, _("No vouchers issued to this family"));
}
