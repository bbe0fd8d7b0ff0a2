/* poe-family-case-item.c
 *
 * A row of the families page's list: what it shows of a case, as properties the list item
 * template binds to, filled from the case's snapshot. The sensitivity is a short badge
 * beside the case number, not the end of the subtitle, which a narrow list cuts off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-family-case-item"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-family-case-item.h"
#include "poe-family-labels.h"

struct _PoeFamilyCaseItem
{
  GObject  parent_instance;

  char    *case_id;
  char    *title;
  char    *subtitle;
  char    *progress;
  char    *badge;        /* the sensitivity, short ("URM"), or NULL */
  double   fraction;
  char    *search_text;  /* lower case; names only while revealed */
};

G_DEFINE_FINAL_TYPE (PoeFamilyCaseItem, poe_family_case_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_PROGRESS,
  PROP_FRACTION,
  PROP_BADGE,
  PROP_HAS_BADGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The sensitivity badge of a row; the family page says it in full. */
static const struct {
  const char *code;
  const char *badge;
} badges[] = {
  /* Translators: sensitivity badge in the list of families: a family at risk; keep it short */
  { "at_risk", N_("At risk") },
  /* Translators: sensitivity badge in the list of families: unaccompanied refugee minor; keep it short */
  { "urm", N_("URM") },
  /* Translators: sensitivity badge in the list of families: a protection case; keep it short */
  { "protection", N_("Protection") },
};


/*
 * Auxiliary methods
 */

static char *
dup_search_text (PoeFamilySnapshot *snapshot,
                 gboolean           reveal_names)
{
  g_autoptr(GString) text = g_string_new (poe_record_get_string (snapshot->kase, "case_number"));
  g_autofree char *initials = poe_family_snapshot_dup_family_name (snapshot, FALSE);
  g_autofree char *folded = NULL;

  g_string_append_printf (text, " %s ", initials);
  /* "A. K." is also found as "ak". */
  for (const char *p = initials; *p; p++)
    if (*p != '.' && *p != ' ')
      g_string_append_c (text, *p);
  g_string_append_printf (text, " %s %s",
                          poe_family_branch_label (poe_record_get_string (snapshot->kase, "branch")),
                          poe_record_get_string (snapshot->kase, "final_destination") ?: "");

  /* Names are searchable only while they are shown. */
  for (guint i = 0; reveal_names && i < snapshot->persons->len; i++)
    {
      g_autofree char *name = poe_family_dup_person_name (g_ptr_array_index (snapshot->persons, i), TRUE);

      g_string_append_printf (text, " %s", name);
    }

  folded = g_utf8_casefold (text->str, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

static const char *
badge_label (const char *sensitivity)
{
  for (guint i = 0; i < G_N_ELEMENTS (badges); i++)
    if (g_strcmp0 (badges[i].code, sensitivity) == 0)
      return _(badges[i].badge);

  return NULL;
}

static void
set_string (PoeFamilyCaseItem  *self,
            char              **field,
            const char         *value,
            guint               prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}


/*
 * GObject overrides
 */

static void
poe_family_case_item_finalize (GObject *object)
{
  PoeFamilyCaseItem *self = POE_FAMILY_CASE_ITEM (object);

  g_free (self->case_id);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->progress);
  g_free (self->badge);
  g_free (self->search_text);

  G_OBJECT_CLASS (poe_family_case_item_parent_class)->finalize (object);
}

static void
poe_family_case_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PoeFamilyCaseItem *self = POE_FAMILY_CASE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_BADGE:
      g_value_set_string (value, self->badge);
      break;
    case PROP_HAS_BADGE:
      g_value_set_boolean (value, self->badge != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_family_case_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PoeFamilyCaseItem *self = POE_FAMILY_CASE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      self->case_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_family_case_item_class_init (PoeFamilyCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_family_case_item_finalize;
  object_class->get_property = poe_family_case_item_get_property;
  object_class->set_property = poe_family_case_item_set_property;

  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_BADGE] =
    g_param_spec_boolean ("has-badge", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
poe_family_case_item_init (PoeFamilyCaseItem *self)
{
}


/*
 * Public API
 */

PoeFamilyCaseItem *
poe_family_case_item_new (const char *case_id)
{
  g_return_val_if_fail (case_id != NULL, NULL);

  return g_object_new (POE_TYPE_FAMILY_CASE_ITEM, "case-id", case_id, NULL);
}

const char *
poe_family_case_item_get_case_id (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), NULL);

  return self->case_id;
}

const char *
poe_family_case_item_get_title (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), NULL);

  return self->title;
}

const char *
poe_family_case_item_get_subtitle (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), NULL);

  return self->subtitle;
}

/**
 * poe_family_case_item_get_badge:
 *
 * Returns: (nullable): the sensitivity badge ("URM"), %NULL for none
 */
const char *
poe_family_case_item_get_badge (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), NULL);

  return self->badge;
}

const char *
poe_family_case_item_get_progress (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), NULL);

  return self->progress;
}

double
poe_family_case_item_get_fraction (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), 0.0);

  return self->fraction;
}

const char *
poe_family_case_item_get_search_text (PoeFamilyCaseItem *self)
{
  g_return_val_if_fail (POE_IS_FAMILY_CASE_ITEM (self), NULL);

  return self->search_text ? self->search_text : "";
}

/**
 * poe_family_case_item_update:
 * @search_text: what the search matches, already folded to lower case
 *
 * Sets what the row shows; notifies only what changed, so the list does not redraw rows
 * that stay the same.
 */
void
poe_family_case_item_update (PoeFamilyCaseItem *self,
                             const char        *title,
                             const char        *subtitle,
                             const char        *progress,
                             double             fraction,
                             const char        *search_text)
{
  g_return_if_fail (POE_IS_FAMILY_CASE_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->title, title, PROP_TITLE);
  set_string (self, &self->subtitle, subtitle, PROP_SUBTITLE);
  set_string (self, &self->progress, progress, PROP_PROGRESS);
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_free (self->search_text);
  self->search_text = g_strdup (search_text);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * poe_family_case_item_fill:
 * @snapshot: the case as stored
 * @reveal_names: whether names are shown and searchable
 *
 * Shows @snapshot: case number and sensitivity badge, initials (or names), branch and
 * progress.
 */
void
poe_family_case_item_fill (PoeFamilyCaseItem *self,
                           PoeFamilySnapshot *snapshot,
                           gboolean           reveal_names)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *search = NULL;
  const char *badge;
  PoeRecord *kase;
  guint n;

  g_return_if_fail (POE_IS_FAMILY_CASE_ITEM (self));
  g_return_if_fail (snapshot != NULL);

  kase = snapshot->kase;
  badge = badge_label (poe_record_get_string (kase, "sensitivity"));
  name = poe_family_snapshot_dup_family_name (snapshot, reveal_names);
  search = dup_search_text (snapshot, reveal_names);
  n = snapshot->progress.n_required;

  /* Translators: a family in the list: initials and branch, "A. K. · Connecting flight" */
  subtitle = g_strdup_printf (_("%1$s · %2$s"), name, poe_family_branch_label (poe_record_get_string (kase, "branch")));
  if (g_strcmp0 (self->badge, badge) != 0)
    {
      gboolean had = self->badge != NULL;

      g_free (self->badge);
      self->badge = g_strdup (badge);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
      if (had != (badge != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BADGE]);
    }

  /* Translators: checklist steps done of required, in the families list: "5/14" */
  progress = g_strdup_printf (_("%u/%u"), snapshot->progress.n_done, n);

  poe_family_case_item_update (self, poe_record_get_string (kase, "case_number"), subtitle, progress,
                               n > 0 ? (double) snapshot->progress.n_done / n : 0.0, search);
}
