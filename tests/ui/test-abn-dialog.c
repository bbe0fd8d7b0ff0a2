/* test-abn-dialog.c
 *
 * A lead imports the day's ABN from the app against a real `poe-central --demo`: a file that
 * is not an ABN says why and cannot be uploaded; a file with two bad rows lists both lines
 * and cannot be uploaded; the example file of docs/import-abn.md is ready, uploads through
 * the sync engine, the dialog says what was added, and the new cases reach the local store.
 * An agent's session cannot upload at all. Screenshots of each state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "board/poe-abn-dialog.h"
#include "poe-core.h"
#include "poe-test-server.h"
#include "poe-test-utils.h"

#define PASSWORD "synthetic-demo-1"
#define WAIT_MS  20000

typedef struct
{
  PoeTestServer *server;
  PoeSession    *session;
  GtkWidget     *dialog;
} Fixture;


/*
 * Auxiliary methods
 */

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static gboolean
session_ready (gpointer user_data)
{
  return poe_session_get_state (user_data) == POE_SESSION_READY &&
         poe_session_get_sync_engine (user_data) != NULL;
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (poe_session_sign_in_finish (POE_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
sign_in (Fixture    *fx,
         const char *username)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_home_dir (), username, "poe-desk.db", NULL);
  gboolean done = FALSE;

  poe_test_remove_store_files (path);
  fx->session = poe_session_new (settings, path);
  poe_session_sign_in_async (fx->session, poe_test_server_get_url (fx->server), username, PASSWORD,
                             NULL, signed_in_cb, &done);
  g_assert_true (poe_test_iterate_until (flag_set, &done, WAIT_MS));
  g_assert_true (poe_test_iterate_until (session_ready, fx->session, WAIT_MS));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  const char *demo[] = { "--demo", "--demo-password", PASSWORD, NULL };

  g_setenv ("POE_SYNC_POLL_WAIT", "2", TRUE);
  fx->server = poe_test_server_new (demo);
  sign_in (fx, data);
  fx->dialog = poe_abn_dialog_new (fx->session);
  gtk_window_set_default_size (GTK_WINDOW (fx->dialog), 640, 520);
  gtk_window_present (GTK_WINDOW (fx->dialog));
  poe_test_wait_for_frame (fx->dialog);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  poe_test_destroy_and_finalize (GTK_WINDOW (g_steal_pointer (&fx->dialog)));
  g_clear_object (&fx->session);
  poe_test_server_free (fx->server);
}

static const char *
title_of (Fixture *fx)
{
  return gtk_label_get_label (GTK_LABEL (poe_test_find_named (fx->dialog, "title-label")));
}

static void
load_text (Fixture    *fx,
           const char *name,
           const char *text,
           gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length ? length : strlen (text));

  poe_abn_dialog_load (POE_ABN_DIALOG (fx->dialog), name, bytes);
  poe_test_wait_for_frame (fx->dialog);
}

static gboolean
imported (gpointer user_data)
{
  Fixture *fx = user_data;

  return g_str_equal (title_of (fx), "Imported") ||
         g_str_equal (title_of (fx), "The server did not import the file");
}

static gboolean
case_arrived (gpointer user_data)
{
  Fixture *fx = user_data;
  g_autoptr(GPtrArray) found = poe_store_list (poe_session_get_store (fx->session), "case", "case_number", "SYN-1001", NULL);

  return found != NULL && found->len == 1;
}


/*
 * Tests
 */

static void
test_lead_imports (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("POE_SOURCE_ROOT"), "data", "demo", "abn-example.csv", NULL);
  g_autofree char *example = NULL;
  g_autofree char *shot = NULL;
  GtkListBox *problems = GTK_LIST_BOX (poe_test_find_named (fx->dialog, "problems-list"));

  /* Not an ABN: a picture renamed .csv. */
  load_text (fx, "photo.csv", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  g_assert_cmpstr (title_of (fx), ==, "This file is not an ABN");
  g_assert_true (poe_test_shows_text (fx->dialog, "not valid UTF-8"));
  g_assert_false (poe_abn_dialog_get_ready (POE_ABN_DIALOG (fx->dialog)));
  g_assert_false (gtk_widget_get_sensitive (poe_test_find_named (fx->dialog, "upload-button")));
  g_free (poe_test_screenshot (fx->dialog, "abn-not-an-abn"));

  /* Two bad rows: both lines listed, no upload. */
  load_text (fx, "day.csv", "case_number,poe,branch,surname,sex,date_of_birth\n"
                            "SYN-7001,JFK,final,Samplewood,f,1990-01-01\n"
                            "SYN-7001,JFK,final,Samplewood,q,1990-01-01\n"
                            "SYN-7002,JFK,final,Exampleton,m,1990-02-30\n", 0);
  g_assert_cmpstr (title_of (fx), ==, "2 lines must be fixed");
  g_assert_nonnull (gtk_list_box_get_row_at_index (problems, 1));
  g_assert_null (gtk_list_box_get_row_at_index (problems, 2));
  g_assert_true (poe_test_shows_text (fx->dialog, "line 3: sex"));
  g_assert_true (poe_test_shows_text (fx->dialog, "line 4: date_of_birth"));
  g_assert_false (gtk_widget_get_sensitive (poe_test_find_named (fx->dialog, "upload-button")));
  g_free (poe_test_screenshot (fx->dialog, "abn-problems"));

  /* The example: ready, uploaded, and its cases arrive with the sync. */
  g_assert_true (g_file_get_contents (path, &example, NULL, NULL));
  load_text (fx, "abn-example.csv", example, 0);
  g_assert_cmpstr (title_of (fx), ==, "Ready to upload");
  g_assert_true (poe_test_shows_text (fx->dialog, "3 cases, 5 persons"));
  g_assert_null (gtk_list_box_get_row_at_index (problems, 0));
  g_assert_true (gtk_widget_get_sensitive (poe_test_find_named (fx->dialog, "upload-button")));
  g_free (poe_test_screenshot (fx->dialog, "abn-ready"));

  g_assert_true (gtk_widget_activate_action (fx->dialog, "abn.upload", NULL));
  g_assert_true (poe_test_iterate_until (imported, fx, WAIT_MS));
  g_assert_cmpstr (title_of (fx), ==, "Imported");
  g_assert_true (poe_test_shows_text (fx->dialog, "3 cases and 5 persons were added"));
  g_assert_true (poe_test_iterate_until (case_arrived, fx, WAIT_MS));
  poe_test_wait_for_frame (fx->dialog);
  shot = poe_test_screenshot (fx->dialog, "abn-imported");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* The same file again: the local store knows its cases now, so the check says so. */
  load_text (fx, "abn-example.csv", example, 0);
  g_assert_true (poe_test_shows_text (fx->dialog, "is already on the server"));
}

static void
test_agent_cannot (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("POE_SOURCE_ROOT"), "data", "demo", "abn-example.csv", NULL);
  g_autofree char *example = NULL;

  g_assert_false (poe_abn_role_may_import (poe_session_get_role (fx->session)));
  g_assert_true (g_file_get_contents (path, &example, NULL, NULL));
  load_text (fx, "abn-example.csv", example, 0);
  /* The check is the same for all; the server refuses agents (tests/server/test-server-import.c). */
  g_assert_cmpstr (title_of (fx), ==, "Ready to upload");
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

  g_test_add ("/ui/abn/lead-imports", Fixture, "lead", fixture_set_up, test_lead_imports, fixture_tear_down);
  g_test_add ("/ui/abn/agent", Fixture, "agent", fixture_set_up, test_agent_cannot, fixture_tear_down);

  return g_test_run ();
}
