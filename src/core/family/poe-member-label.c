/* poe-member-label.c
 *
 * The label that tells a family's members apart (see poe-member-label.h): the relationship
 * in words, the sex as a letter and the age, counted at the POE's today (the caller passes
 * "now" in the POE's zone), so that a child born there today is "0 mo" and a person whose
 * birthday is tomorrow at the POE is still a year younger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-member-label"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "poe-family-snapshot.h"
#include "poe-member-label.h"

typedef struct
{
  const char *code;
  const char *name;
} CodeName;

/* The demo and the resettlement system write PA/SP/CH; the ABN layout's examples the words. */
static const CodeName relationships[] = {
  /* Translators: relationship of a family member to the case */
  { "PA", N_("Principal applicant") },
  { "head", N_("Principal applicant") },
  /* Translators: relationship: spouse of the principal applicant */
  { "SP", N_("Spouse") },
  { "spouse", N_("Spouse") },
  /* Translators: relationship: child of the principal applicant */
  { "CH", N_("Child") },
  { "child", N_("Child") },
  /* Translators: relationship: parent of the principal applicant */
  { "parent", N_("Parent") },
  /* Translators: relationship: sibling of the principal applicant */
  { "sibling", N_("Sibling") },
  /* Translators: relationship: another relative of the principal applicant */
  { "other", N_("Other relative") },
};


/*
 * Auxiliary methods
 */

static gboolean
parse_date (const char *text,
            int        *year,
            int        *month,
            int        *day)
{
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", year, month, day, &tail) != 3)
    return FALSE;

  return g_date_valid_dmy (*day, *month, *year);
}

static const char *
sex_letter (const char *sex)
{
  /* Translators: the sex of a person, one letter as on a passenger list: female */
  if (g_strcmp0 (sex, "f") == 0)
    return C_("sex", "F");
  /* Translators: the sex of a person, one letter: male */
  if (g_strcmp0 (sex, "m") == 0)
    return C_("sex", "M");
  /* Translators: the sex of a person, one letter: another sex (X on a passport) */
  if (g_strcmp0 (sex, "x") == 0)
    return C_("sex", "X");

  return NULL;
}

static char *
dup_age (int months)
{
  if (months < 0)
    return NULL;

  /* Under two, months say more than "1": a baby and a toddler need different things. */
  if (months < 24)
    {
      /* Translators: the age of a baby in months, short: "8 mo" */
      return g_strdup_printf (C_("age", "%d mo"), months);
    }

  /* Translators: the age of a person in years, just the number: "34" */
  return g_strdup_printf (C_("age", "%d"), months / 12);
}

static char *
dup_sex_and_age (PoeRecord *person,
                 GDateTime *today)
{
  const char *sex = sex_letter (poe_record_get_string (person, "sex"));
  g_autofree char *age = NULL;

  if (today != NULL)
    age = dup_age (poe_family_age_in_months (poe_record_get_string (person, "date_of_birth"), today));

  if (sex != NULL && age != NULL)
    {
      /* Translators: sex and age of a person, "F, 34" or "M, 8 mo" */
      return g_strdup_printf (C_("sex and age", "%1$s, %2$s"), sex, age);
    }

  return g_strdup (sex != NULL ? sex : age);
}

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;

  if (text->len > 0)
    {
      /* Translators: separates the parts of a member's label, "B. M. · Spouse · F, 34" */
      g_string_append (text, C_("member label", " · "));
    }
  g_string_append (text, part);
}


/*
 * Public API
 */

/**
 * poe_family_relationship_name:
 * @relationship: (nullable): a relationship code (`PA`, `SP`, `CH`, `head`, …)
 *
 * Returns: the relationship in words, the code itself when it is not known, or "" for none
 */
const char *
poe_family_relationship_name (const char *relationship)
{
  if (relationship == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (relationships); i++)
    {
      if (g_ascii_strcasecmp (relationships[i].code, relationship) == 0)
        return _(relationships[i].name);
    }

  return relationship;
}

/**
 * poe_family_age_in_months:
 * @date_of_birth: (nullable): `YYYY-MM-DD`
 * @today: now, in the POE's time zone: its date is the one counted to
 *
 * Returns: the full months lived by @today, or -1 when the date is missing, malformed or
 *   after @today
 */
int
poe_family_age_in_months (const char *date_of_birth,
                          GDateTime  *today)
{
  int year, month, day, months;

  g_return_val_if_fail (today != NULL, -1);

  if (!parse_date (date_of_birth, &year, &month, &day))
    return -1;

  months = (g_date_time_get_year (today) - year) * 12 + (g_date_time_get_month (today) - month);
  if (g_date_time_get_day_of_month (today) < day)
    months--;

  return months >= 0 ? months : -1;
}

/**
 * poe_family_dup_member_facts:
 * @person: a person
 * @today: (nullable): now in the POE's time zone; %NULL leaves the age out
 *
 * Returns: (transfer full): relationship, sex and age, "Spouse · F, 34"; parts the record
 *   lacks are left out, so it may be empty
 */
char *
poe_family_dup_member_facts (PoeRecord *person,
                             GDateTime *today)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *sex_and_age = NULL;

  g_return_val_if_fail (POE_IS_RECORD (person), NULL);

  sex_and_age = dup_sex_and_age (person, today);
  append_part (text, poe_family_relationship_name (poe_record_get_string (person, "relationship")));
  append_part (text, sex_and_age);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * poe_family_dup_member_label:
 * @person: a person
 * @reveal_names: the name instead of the initials
 * @today: (nullable): now in the POE's time zone; %NULL leaves the age out
 *
 * Returns: (transfer full): "B. M. · Spouse · F, 34"
 */
char *
poe_family_dup_member_label (PoeRecord *person,
                             gboolean   reveal_names,
                             GDateTime *today)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *facts = NULL;

  g_return_val_if_fail (POE_IS_RECORD (person), NULL);

  name = poe_family_dup_person_name (person, reveal_names);
  facts = poe_family_dup_member_facts (person, today);
  append_part (text, name);
  append_part (text, facts);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
