/* poe-accessible.c
 *
 * Names for assistive technologies where GTK 4.8 gets them wrong. A button whose label has
 * a mnemonic ("_Try Again") is labelled by its label, whose name is the raw text as well
 * as the words: a screen reader said "_Try Again Try Again". Such a button gets its words,
 * once, as its own name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-accessible"

#include "config.h"

#include "poe-accessible.h"


/*
 * Auxiliary methods
 */

/* "_Try Again" → "Try Again", "Save __As" → "Save _As" */
static char *
dup_without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
name_button (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autofree char *words = NULL;

  if (label == NULL || !gtk_button_get_use_underline (button))
    return;

  words = dup_without_mnemonic (label);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
}


/*
 * Public API
 */

/**
 * poe_accessible_name_mnemonic_buttons:
 * @root: a widget, often a template's root after gtk_widget_init_template()
 *
 * Names @root and every button below it whose label has a mnemonic by the label's words.
 * A button whose label changes later is named again by calling this on it.
 */
void
poe_accessible_name_mnemonic_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    name_button (GTK_BUTTON (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    poe_accessible_name_mnemonic_buttons (child);
}
