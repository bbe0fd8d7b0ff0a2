/* test-reception.c
 *
 * One reception state on screen: the family page and the flight page of one family side by
 * side; each CBP step ticked in the family's checklist shows, within one frame, on the
 * member's chip, the flight page's CBP count and the connection's state on both pages
 * (secondary turns "on track" into tight or at risk). Then a member is recorded as not on
 * the flight from the flight page: the head count, the family's chips and the member row
 * say so. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "board/poe-flight-view.h"
#include "family/poe-family-step-row.h"
#include "family/poe-family-view.h"
#include "poe-test-utils.h"

typedef struct
{
  char      *dir;
  char      *path;
  PoeStore  *store;
  char      *flight_id;
  char      *case_id;
  char      *person_ids[3];
  GtkWindow *window;
  GtkWidget *family;
  GtkWidget *flight;
} Fixture;


/*
 * Auxiliary methods
 */

static PoeRecord *
import (Fixture    *fixture,
        const char *entity,
        const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(PoeRecord) record = poe_record_new (entity);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (poe_record_update_from_json (record, json_node_get_object (node), &error));
  g_assert_no_error (error);
  poe_store_import (fixture->store, record, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

static char *
iso_from_now (int minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) moved = g_date_time_add_minutes (now, minutes);

  return g_date_time_format (moved, "%Y-%m-%dT%H:%M:%SZ");
}

static void
fill_store (Fixture *fixture)
{
  g_autofree char *arrival = iso_from_now (-20);
  g_autofree char *departure = iso_from_now (170);
  g_autofree char *json = NULL;
  g_autoptr(PoeRecord) flight = NULL;
  g_autoptr(PoeRecord) kase = NULL;
  static const char * const relationships[] = { "PA", "SP", "CH" };

  g_object_unref (import (fixture, "poe", "{\"code\": \"TST\", \"name\": \"Synthetic Port\", \"time_zone\": \"America/New_York\"}"));
  json = g_strdup_printf ("{\"carrier\": \"ZZ\", \"number\": \"113\", \"origin\": \"AUH\", \"destination\": \"TST\","
                          " \"scheduled_arrival\": \"%s\", \"actual_arrival\": \"%s\", \"status\": \"arrived\"}",
                          arrival, arrival);
  flight = import (fixture, "flight", json);
  fixture->flight_id = g_strdup (poe_record_get_id (flight));
  g_free (json);
  json = g_strdup_printf ("{\"case_number\": \"US-2026-900001\", \"poe\": \"TST\", \"branch\": \"connect\","
                          " \"sensitivity\": \"none\", \"status\": \"in_progress\", \"abn_number\": \"ABN-1\","
                          " \"inbound_flight_id\": \"%s\"}", fixture->flight_id);
  kase = import (fixture, "case", json);
  fixture->case_id = g_strdup (poe_record_get_id (kase));
  g_free (json);
  json = g_strdup_printf ("{\"case_id\": \"%s\", \"leg\": \"domestic_connection\", \"carrier\": \"AA\","
                          " \"number\": \"1\", \"origin\": \"TST\", \"destination\": \"BOI\","
                          " \"scheduled_departure\": \"%s\", \"status\": \"scheduled\", \"gate\": \"B7\"}",
                          fixture->case_id, departure);
  g_object_unref (import (fixture, "segment", json));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PoeRecord) person = NULL;

      g_free (json);
      json = g_strdup_printf ("{\"case_id\": \"%s\", \"surname\": \"Synthetic\", \"given_names\": \"Test%c\","
                              " \"relationship\": \"%s\", \"cbp_status\": \"pending\"}",
                              fixture->case_id, 'A' + i, relationships[i]);
      person = import (fixture, "person", json);
      fixture->person_ids[i] = g_strdup (poe_record_get_id (person));
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  fixture->dir = g_dir_make_tmp ("test-reception-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = poe_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fill_store (fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1500, 900);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  fixture->family = poe_family_view_new ();
  fixture->flight = g_object_new (POE_TYPE_FLIGHT_VIEW, NULL);
  gtk_widget_set_size_request (fixture->family, 700, -1);
  gtk_widget_set_hexpand (fixture->flight, TRUE);
  gtk_box_append (GTK_BOX (box), fixture->family);
  gtk_box_append (GTK_BOX (box), fixture->flight);
  gtk_window_set_child (fixture->window, box);
  poe_family_view_set_store (POE_FAMILY_VIEW (fixture->family), fixture->store);
  poe_family_view_set_case_id (POE_FAMILY_VIEW (fixture->family), fixture->case_id);
  poe_flight_view_set_store (POE_FLIGHT_VIEW (fixture->flight), fixture->store);
  poe_flight_view_set_flight_id (POE_FLIGHT_VIEW (fixture->flight), fixture->flight_id);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  poe_test_remove_store_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->flight_id);
  g_free (fixture->case_id);
  for (guint i = 0; i < 3; i++)
    g_free (fixture->person_ids[i]);
}

/* Ticks a step in the family's checklist as a user does, and lets one frame pass. */
static void
tick (Fixture    *fixture,
      const char *step,
      guint       person)
{
  PoeFamilyStepRow *row = poe_test_find_step_row (fixture->family, step,
                                                  person == G_MAXUINT ? NULL : fixture->person_ids[person]);

  g_assert_nonnull (row);
  g_assert_false (poe_family_step_row_get_done (row));
  g_assert_true (gtk_widget_activate (poe_family_step_row_get_check (row)));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static void
assert_shows (GtkWidget  *root,
              const char *text)
{
  if (!poe_test_shows_text (root, text))
    {
      g_autofree char *all = poe_test_dup_text (root, POE_TEST_TEXT_LABELS);

      g_error ("“%s” is not shown; the page says:\n%s", text, all);
    }
}

static void
assert_not_shown (GtkWidget  *root,
                  const char *text)
{
  g_assert_false (poe_test_shows_text (root, text));
}


/*
 * Tests
 */

static void
test_ticks (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *shot = NULL;

  assert_shows (fixture->flight, "CBP 0/3");
  assert_shows (fixture->flight, "On track");
  assert_shows (fixture->family, "Connection on track");
  assert_shows (fixture->family, "CBP pending");

  tick (fixture, "arrival.met", G_MAXUINT);
  tick (fixture, "cbp.primary_cleared", 0);
  assert_shows (fixture->flight, "CBP 1/3");
  assert_shows (fixture->family, "Primary cleared");

  tick (fixture, "cbp.i94_checked", 0);
  assert_shows (fixture->family, "CBP cleared");

  /* Secondary: the member's chip, the flight page and the risk, at once. */
  tick (fixture, "cbp.secondary_referral", 1);
  assert_shows (fixture->family, "In secondary");
  assert_not_shown (fixture->family, "Connection on track");
  assert_not_shown (fixture->flight, "On track");
  assert_shows (fixture->flight, "Tight");
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "reception-secondary");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  tick (fixture, "cbp.secondary_outcome", 1);
  tick (fixture, "cbp.primary_cleared", 2);
  tick (fixture, "cbp.i94_checked", 2);
  assert_shows (fixture->flight, "CBP 3/3");
  assert_shows (fixture->flight, "On track");
  assert_shows (fixture->family, "Connection on track");
  assert_not_shown (fixture->family, "In secondary");
  assert_not_shown (fixture->family, "CBP pending");
  g_clear_pointer (&shot, g_free);
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "reception-cleared");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static GtkWidget *
find_no_show_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static void
test_no_show (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *button = poe_test_find_named (fixture->flight, "no-show-button");
  GtkWidget *dialog, *check;
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) anomalies = NULL;

  assert_shows (fixture->flight, "Head count: 0 met of 3 on the manifest, 0 not on the flight.");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  dialog = find_no_show_dialog ();
  g_assert_nonnull (dialog);

  /* The child (third member) was not on the flight. */
  check = poe_test_find_named (dialog, "no-show-check");
  g_assert_nonnull (check);
  check = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  poe_test_wait_for_frame (dialog);
  g_clear_pointer (&shot, g_free);
  shot = poe_test_screenshot (dialog, "reception-no-show-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tick (fixture, "arrival.met", G_MAXUINT);

  assert_shows (fixture->flight, "Head count: 2 met of 3 on the manifest, 1 not on the flight.");
  assert_shows (fixture->flight, "1 not on flight");
  assert_shows (fixture->flight, "CBP 0/2");
  assert_shows (fixture->family, "Not on the flight");
  anomalies = poe_store_list (fixture->store, "anomaly", "case_id", fixture->case_id, NULL);
  g_assert_cmpuint (anomalies->len, ==, 1);
  g_assert_cmpstr (poe_record_get_string (anomalies->pdata[0], "kind"), ==, "no_show");
  g_clear_pointer (&shot, g_free);
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "reception-no-show");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);
  load_style ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/reception/ticks", test_ticks);
  ADD ("/ui/reception/no-show", test_no_show);
#undef ADD

  return g_test_run ();
}
