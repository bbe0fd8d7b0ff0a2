/* poe-family-member-row.c
 *
 * One member of a family: initials (or the name once revealed), relationship, CBP status
 * as a text chip, special service requests with icon and words, languages, meal code and
 * the documents they carry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-member-row"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-labels.h"
#include "poe-family-member-row.h"
#include "poe-exceptions.h"
#include "poe-family-snapshot.h"

struct _PoeFamilyMemberRow
{
  GtkListBoxRow  parent_instance;

  char          *cbp_style;
  char          *ssr_key;

  /* Template widgets */
  GtkLabel      *name_label;
  GtkLabel      *relationship_label;
  GtkLabel      *cbp_label;
  GtkFlowBox    *ssr_box;
  GtkLabel      *details_label;
};

G_DEFINE_FINAL_TYPE (PoeFamilyMemberRow, poe_family_member_row, GTK_TYPE_LIST_BOX_ROW)


/*
 * Auxiliary methods
 */

static GtkWidget *
create_ssr_chip (const char *code)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *image = gtk_image_new_from_icon_name (poe_family_ssr_icon_name (code));
  g_autofree char *text = NULL;

  /* Translators: a special service request chip: "WCHR Wheelchair to the aircraft door" */
  text = g_strdup_printf (_("%s %s"), code, poe_family_ssr_label (code));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, code, -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_add_css_class (box, "poe-chip");
  gtk_widget_add_css_class (box, "poe-ssr");
  gtk_widget_add_css_class (box, "caption");

  return box;
}

static void
update_ssr (PoeFamilyMemberRow *self,
            const char * const *codes)
{
  g_autofree char *key = codes ? g_strjoinv (",", (char **) codes) : g_strdup ("");
  GtkWidget *child;

  if (g_strcmp0 (key, self->ssr_key) == 0)
    return;

  g_free (self->ssr_key);
  self->ssr_key = g_steal_pointer (&key);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ssr_box))) != NULL)
    gtk_flow_box_remove (self->ssr_box, child);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    gtk_flow_box_append (self->ssr_box, create_ssr_chip (codes[i]));

  gtk_widget_set_visible (GTK_WIDGET (self->ssr_box), codes != NULL && codes[0] != NULL);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (text->len > 0)
    {
      /* Translators: separates the parts of a member's details line */
      g_string_append (text, C_("member details", " · "));
    }
  g_string_append (text, part);
}

static char *
dup_details (PoeRecord *person)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *languages = poe_record_get_strv (person, "languages");
  const char * const *documents = poe_record_get_strv (person, "documents");
  const char *meal = poe_record_get_string (person, "meal_code");

  if (languages != NULL && languages[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) languages);
      g_autofree char *part = NULL;

      /* Translators: %s is a list of language codes: "prs, ps" */
      part = g_strdup_printf (_("Languages: %s"), joined);
      append_part (text, part);
    }

  if (meal != NULL && *meal != '\0')
    {
      g_autofree char *part = NULL;

      const char *words = poe_meal_code_describe (meal);

      /* Translators: %1$s is a special meal in words, %2$s its airline code: "Meal: Muslim meal (MOML)" */
      part = words ? g_strdup_printf (_("Meal: %1$s (%2$s)"), words, meal) : g_strdup_printf (_("Meal: %s"), meal);
      append_part (text, part);
    }

  if (documents != NULL && documents[0] != NULL)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *part = NULL;

      for (guint i = 0; documents[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (list, C_("list separator", ", "));
          g_string_append (list, poe_family_document_label (documents[i]));
        }

      /* Translators: %s is a list of documents: "IOM bag, Passport" */
      part = g_strdup_printf (_("Documents: %s"), list->str);
      append_part (text, part);
    }
  else
    {
      /* Translators: a member carries none of the expected documents */
      append_part (text, _("No documents recorded"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_cbp (PoeFamilyMemberRow *self,
            const char         *status)
{
  const char *style = poe_family_cbp_status_style (status);

  gtk_label_set_label (self->cbp_label, poe_family_cbp_status_label (status));

  if (g_strcmp0 (style, self->cbp_style) == 0)
    return;

  if (self->cbp_style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->cbp_label), self->cbp_style);
  g_free (self->cbp_style);
  self->cbp_style = g_strdup (style);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->cbp_label), style);
}


/*
 * GObject overrides
 */

static void
poe_family_member_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), POE_TYPE_FAMILY_MEMBER_ROW);

  G_OBJECT_CLASS (poe_family_member_row_parent_class)->dispose (object);
}

static void
poe_family_member_row_finalize (GObject *object)
{
  PoeFamilyMemberRow *self = POE_FAMILY_MEMBER_ROW (object);

  g_free (self->cbp_style);
  g_free (self->ssr_key);

  G_OBJECT_CLASS (poe_family_member_row_parent_class)->finalize (object);
}

static void
poe_family_member_row_class_init (PoeFamilyMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_family_member_row_dispose;
  object_class->finalize = poe_family_member_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/family/poe-family-member-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyMemberRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyMemberRow, relationship_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyMemberRow, cbp_label);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyMemberRow, ssr_box);
  gtk_widget_class_bind_template_child (widget_class, PoeFamilyMemberRow, details_label);
}

static void
poe_family_member_row_init (PoeFamilyMemberRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}


/*
 * Public API
 */

GtkWidget *
poe_family_member_row_new (void)
{
  return g_object_new (POE_TYPE_FAMILY_MEMBER_ROW, NULL);
}

/**
 * poe_family_member_row_update:
 * @person: the member
 * @reveal_names: show the name instead of the initials
 */
void
poe_family_member_row_update (PoeFamilyMemberRow *self,
                              PoeRecord          *person,
                              gboolean            reveal_names)
{
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;

  g_return_if_fail (POE_IS_FAMILY_MEMBER_ROW (self));
  g_return_if_fail (POE_IS_RECORD (person));

  name = poe_family_dup_person_name (person, reveal_names);
  details = dup_details (person);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->relationship_label,
                       poe_family_relationship_label (poe_record_get_string (person, "relationship")));
  update_cbp (self, poe_record_get_string (person, "cbp_status"));
  update_ssr (self, poe_record_get_strv (person, "ssr_codes"));
  gtk_label_set_label (self->details_label, details);
}
