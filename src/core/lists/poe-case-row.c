/* poe-case-row.c
 *
 * PoeCaseRow, a family of a family list: its summary (shared with the board through the
 * store's PoeCaseIndex), its lower-cased search key and its connection risk at the list's
 * "now", as properties that notify only when their values change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-list-model"

#include "config.h"

#include "poe-case-list-model-private.h"

G_DEFINE_FINAL_TYPE (PoeCaseRow, poe_case_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_CASE_NUMBER,
  ROW_PROP_INITIALS,
  ROW_PROP_BRANCH,
  ROW_PROP_SENSITIVITY,
  ROW_PROP_FLIGHT_ID,
  ROW_PROP_N_PERSONS,
  ROW_PROP_PROGRESS,
  ROW_PROP_RISK,
  ROW_N_PROPS
};

static GParamSpec *row_properties [ROW_N_PROPS];


/*
 * Auxiliary methods
 */

static void
notify_if (PoeCaseRow *row,
           gboolean    changed,
           guint       prop)
{
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (row), row_properties[prop]);
}

/* Notifies the properties whose values differ between @old and the row now. */
static void
notify_changes (PoeCaseRow     *row,
                PoeCaseSummary *old,
                PoeRiskLevel    old_risk)
{
  PoeCaseSummary *summary = row->summary;

  g_object_freeze_notify (G_OBJECT (row));
  notify_if (row, g_strcmp0 (old->case_number, summary->case_number) != 0, ROW_PROP_CASE_NUMBER);
  notify_if (row, g_strcmp0 (old->initials, summary->initials) != 0, ROW_PROP_INITIALS);
  notify_if (row, g_strcmp0 (old->branch, summary->branch) != 0, ROW_PROP_BRANCH);
  notify_if (row, g_strcmp0 (old->sensitivity, summary->sensitivity) != 0, ROW_PROP_SENSITIVITY);
  notify_if (row, g_strcmp0 (old->flight_id, summary->flight_id) != 0, ROW_PROP_FLIGHT_ID);
  notify_if (row, old->progress.n_persons != summary->progress.n_persons, ROW_PROP_N_PERSONS);
  notify_if (row, old->progress.n_done != summary->progress.n_done ||
                  old->progress.n_required != summary->progress.n_required, ROW_PROP_PROGRESS);
  notify_if (row, old_risk != row->risk, ROW_PROP_RISK);
  g_object_thaw_notify (G_OBJECT (row));
}


/*
 * GObject overrides
 */

static void
poe_case_row_finalize (GObject *object)
{
  PoeCaseRow *self = POE_CASE_ROW (object);

  g_clear_pointer (&self->summary, poe_case_summary_unref);
  g_free (self->key);

  G_OBJECT_CLASS (poe_case_row_parent_class)->finalize (object);
}

static void
poe_case_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PoeCaseRow *self = POE_CASE_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_CASE_NUMBER:
      g_value_set_string (value, self->summary->case_number);
      break;

    case ROW_PROP_INITIALS:
      g_value_set_string (value, self->summary->initials);
      break;

    case ROW_PROP_BRANCH:
      g_value_set_string (value, self->summary->branch);
      break;

    case ROW_PROP_SENSITIVITY:
      g_value_set_string (value, self->summary->sensitivity);
      break;

    case ROW_PROP_FLIGHT_ID:
      g_value_set_string (value, self->summary->flight_id);
      break;

    case ROW_PROP_N_PERSONS:
      g_value_set_uint (value, self->summary->progress.n_persons);
      break;

    case ROW_PROP_PROGRESS:
      g_value_set_double (value, poe_case_row_get_progress (self));
      break;

    case ROW_PROP_RISK:
      g_value_set_uint (value, self->risk);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name,
              const char *blurb)
{
  return g_param_spec_string (name, NULL, blurb, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
poe_case_row_class_init (PoeCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = poe_case_row_finalize;
  object_class->get_property = poe_case_row_get_property;

  row_properties[ROW_PROP_CASE_NUMBER] = string_pspec ("case-number", "The case number");
  row_properties[ROW_PROP_INITIALS] = string_pspec ("initials", "Initials of the principal applicant");
  row_properties[ROW_PROP_BRANCH] = string_pspec ("branch", "connect, overnight or final");
  row_properties[ROW_PROP_SENSITIVITY] = string_pspec ("sensitivity", "none, at_risk, urm or protection");
  row_properties[ROW_PROP_FLIGHT_ID] = string_pspec ("flight-id", "The inbound flight");
  row_properties[ROW_PROP_N_PERSONS] =
    g_param_spec_uint ("n-persons", NULL, "Members of the family", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, "Share of the required checklist steps done", 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_RISK] =
    g_param_spec_uint ("risk", NULL, "The connection risk, a PoeRiskLevel", POE_RISK_NONE, POE_RISK_MISSED,
                       POE_RISK_NONE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
poe_case_row_init (PoeCaseRow *self)
{
}


/*
 * Private API
 */

/* Takes a reference to @summary. */
PoeCaseRow *
_poe_case_row_new (PoeCaseSummary *summary,
                   PoeRiskLevel    risk)
{
  PoeCaseRow *row = g_object_new (POE_TYPE_CASE_ROW, NULL);

  row->summary = poe_case_summary_ref (summary);
  row->key = g_utf8_strdown (summary->case_number ? summary->case_number : "", -1);
  row->risk = risk;
  return row;
}

/* Takes a reference to @summary, the family's new one, and notifies what changed. */
void
_poe_case_row_set_summary (PoeCaseRow     *row,
                           PoeCaseSummary *summary,
                           PoeRiskLevel    risk)
{
  g_autoptr(PoeCaseSummary) old = g_steal_pointer (&row->summary);
  PoeRiskLevel old_risk = row->risk;

  row->summary = poe_case_summary_ref (summary);
  row->risk = risk;
  g_free (row->key);
  row->key = g_utf8_strdown (summary->case_number ? summary->case_number : "", -1);
  notify_changes (row, old, old_risk);
}

void
_poe_case_row_set_risk (PoeCaseRow   *row,
                        PoeRiskLevel  risk)
{
  if (row->risk == risk)
    return;

  row->risk = risk;
  g_object_notify_by_pspec (G_OBJECT (row), row_properties[ROW_PROP_RISK]);
}


/*
 * Public API
 */

const char *
poe_case_row_get_id (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), NULL);

  return self->summary->id;
}

#define DEFINE_STRING_GETTER(field) \
  const char * \
  poe_case_row_get_##field (PoeCaseRow *self) \
  { \
    g_return_val_if_fail (POE_IS_CASE_ROW (self), NULL); \
    return self->summary->field; \
  }

DEFINE_STRING_GETTER (case_number)
DEFINE_STRING_GETTER (initials)
DEFINE_STRING_GETTER (branch)
DEFINE_STRING_GETTER (sensitivity)
DEFINE_STRING_GETTER (flight_id)

guint
poe_case_row_get_n_persons (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0);

  return self->summary->progress.n_persons;
}

guint
poe_case_row_get_n_done (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0);

  return self->summary->progress.n_done;
}

guint
poe_case_row_get_n_required (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0);

  return self->summary->progress.n_required;
}

double
poe_case_row_get_progress (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), 0.0);

  if (self->summary->progress.n_required == 0)
    return 0.0;

  return (double) self->summary->progress.n_done / self->summary->progress.n_required;
}

PoeRiskLevel
poe_case_row_get_risk (PoeCaseRow *self)
{
  g_return_val_if_fail (POE_IS_CASE_ROW (self), POE_RISK_NONE);

  return self->risk;
}
