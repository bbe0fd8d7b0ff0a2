/* test-handover.c
 *
 * The end of a reception on the family page of a demo store signed in as "agent": the
 * hand-off form's colleague picker chooses nobody at first; a hand-off confirmed to the
 * agency ticks the hand-over steps; the page shows "Custody", "Vouchers" and "Hand Off…"
 * once; Close Case… refuses a family not yet handed over with the rule book's reason and
 * closes one handed over; Notify… sends the arrival notification as a synced record, whose
 * CSV parses back and whose PDF draws. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "escorts/poe-handoff-dialog.h"
#include "family/poe-family-step-row.h"
#include "family/poe-family-view.h"
#include "poe-checklist.h"
#include "poe-csv.h"
#include "poe-test-utils.h"

#define WAIT_MS 3000

/* The order of the hand-off form's "Receiving party" row. */
enum { KIND_STAFF, KIND_ESCORT, KIND_RA };

typedef struct
{
  char          *dir;
  char          *path;
  PoeStore      *store;
  PoeSession    *session;
  char          *case_id;
  GtkWindow     *window;
  PoeFamilyView *view;
} Fixture;


/*
 * Auxiliary methods
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  fixture->dir = g_dir_make_tmp ("test-handover-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "agent.db", NULL);
  fixture->store = poe_test_demo_store_new (fixture->path, "agent");
  fixture->session = poe_test_session_new (fixture->store);

  cases = poe_store_list (fixture->store, "case", "status", "in_progress", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cases->len && fixture->case_id == NULL; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);

      if (g_strcmp0 (poe_record_get_string (kase, "sensitivity"), "none") == 0)
        fixture->case_id = g_strdup (poe_record_get_id (kase));
    }
  g_assert_nonnull (fixture->case_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));

  g_clear_object (&fixture->session);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  poe_test_remove_store_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->case_id);
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *found = poe_test_find_named (root, name);

  if (found == NULL)
    g_error ("No widget named %s", name);

  return found;
}

static void
open_view (Fixture *fixture)
{
  fixture->view = POE_FAMILY_VIEW (poe_family_view_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  poe_family_view_set_store (fixture->view, fixture->store);
  poe_family_view_set_session (fixture->view, fixture->session);
  poe_family_view_set_case_id (fixture->view, fixture->case_id);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

/* Mapped labels reading @text (mnemonics stripped): what a user sees. */
static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;

  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);

  return n;
}

/* Scrolls the family page to its end, where the custody, closing and voucher groups are. */
static void
scroll_to_end (Fixture *fixture)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (poe_test_find_descendant (GTK_WIDGET (fixture->view),
                                                                               GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  gtk_widget_grab_focus (named (GTK_WIDGET (fixture->view), "close-case-button"));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
}

static PoeHandoffDialog *
open_dialog (Fixture *fixture)
{
  GtkWidget *dialog = poe_handoff_dialog_new (fixture->session, fixture->case_id, NULL);

  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, 720);
  gtk_window_present (GTK_WINDOW (dialog));
  poe_test_wait_for_frame (dialog);

  return POE_HANDOFF_DIALOG (dialog);
}

/* A hand-off to the agency, confirmed in the form, with the passports. */
static void
hand_to_agency (Fixture *fixture)
{
  PoeHandoffDialog *dialog = open_dialog (fixture);
  g_autoptr(GError) error = NULL;

  adw_combo_row_set_selected (ADW_COMBO_ROW (named (GTK_WIDGET (dialog), "kind-row")), KIND_RA);
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "party-row")), "Caseworker Demo (synthetic)");
  gtk_editable_set_text (GTK_EDITABLE (named (GTK_WIDGET (dialog), "organisation-row")), "HIAS");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (dialog), "document-passport")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (named (GTK_WIDGET (dialog), "confirm-switch")), TRUE);
  g_assert_true (poe_handoff_dialog_save (dialog, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
}

static const char *
case_status (Fixture *fixture)
{
  static char status[32];
  g_autoptr(PoeRecord) kase = poe_store_get (fixture->store, "case", fixture->case_id, NULL);

  g_strlcpy (status, poe_record_get_string (kase, "status"), sizeof status);
  return status;
}

static gboolean
step_row_done (gpointer user_data)
{
  Fixture *fixture = user_data;
  PoeFamilyStepRow *row = poe_test_find_step_row (GTK_WIDGET (fixture->view), POE_STEP_HANDOVER_ACKNOWLEDGED, NULL);

  return row != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (poe_family_step_row_get_check (row)));
}

static gboolean
row_says_closed (gpointer user_data)
{
  Fixture *fixture = user_data;
  AdwActionRow *row = ADW_ACTION_ROW (named (GTK_WIDGET (fixture->view), "close-row"));

  return g_strcmp0 (adw_action_row_get_subtitle (row), "Closed") == 0;
}

static AdwMessageDialog *
activate_close (Fixture    *fixture,
                const char *dialog_name)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "family.close-case", NULL));
  dialog = poe_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, dialog_name);
  poe_test_wait_for_frame (dialog);

  return ADW_MESSAGE_DIALOG (dialog);
}


/*
 * Tests
 */

static void
test_staff_default (Fixture       *fixture,
                    gconstpointer  data)
{
  PoeHandoffDialog *dialog = open_dialog (fixture);
  AdwComboRow *staff_row = ADW_COMBO_ROW (named (GTK_WIDGET (dialog), "staff-row"));
  GListModel *model = adw_combo_row_get_model (staff_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  gint64 before = poe_store_count (fixture->store, "handoff", NULL);

  /* Nobody is chosen: the first entry asks for a choice, and saving says so. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (staff_row), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Choose a colleague…");
  g_assert_false (poe_handoff_dialog_save (dialog, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NO_RECEIVER);
  g_assert_cmpint (poe_store_count (fixture->store, "handoff", NULL), ==, before);
  poe_test_wait_for_frame (GTK_WIDGET (dialog));
  shot = poe_test_screenshot (GTK_WIDGET (dialog), "handoff-choose-colleague");

  /* An explicit choice saves. */
  g_clear_error (&error);
  adw_combo_row_set_selected (staff_row, 1);
  g_assert_true (poe_handoff_dialog_save (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpint (poe_store_count (fixture->store, "handoff", NULL), ==, before + 1);
}

static void
test_once (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *shot = NULL;

  open_view (fixture);
  scroll_to_end (fixture);

  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->view), "Custody"), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->view), "Vouchers"), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->view), "Hand Off…"), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (fixture->view), "Report Anomaly…"), ==, 1);
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-handover-groups");
}

static void
test_ticks (Fixture       *fixture,
            gconstpointer  data)
{
  open_view (fixture);
  g_assert_false (step_row_done (fixture));

  hand_to_agency (fixture);

  /* The checklist's hand-over steps, ticked by the hand-off's own write. */
  g_assert_true (poe_test_iterate_until (step_row_done, fixture, WAIT_MS));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (poe_family_step_row_get_check (
    poe_test_find_step_row (GTK_WIDGET (fixture->view), POE_STEP_HANDOVER_RECEIVER, NULL)))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (poe_family_step_row_get_check (
    poe_test_find_step_row (GTK_WIDGET (fixture->view), POE_STEP_HANDOVER_DOCUMENTS, NULL)))));
}

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  AdwMessageDialog *dialog;
  AdwActionRow *row;
  g_autofree char *refused_shot = NULL;
  g_autofree char *confirm_shot = NULL;
  g_autofree char *closed_shot = NULL;
  g_autofree char *row_shot = NULL;

  open_view (fixture);
  scroll_to_end (fixture);

  /* Not handed over: the row and the dialog give the rule book's reason; nothing changes. */
  row = ADW_ACTION_ROW (named (GTK_WIDGET (fixture->view), "close-row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "handed over"));
  row_shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-close-row");
  dialog = activate_close (fixture, "close-refused-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "record the hand-off"));
  refused_shot = poe_test_screenshot (GTK_WIDGET (dialog), "family-close-refused");
  adw_message_dialog_response (dialog, "ok");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (case_status (fixture), ==, "in_progress");

  /* Handed to the agency: Close Case… asks, then closes. */
  hand_to_agency (fixture);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));
  dialog = activate_close (fixture, "close-confirm-dialog");
  confirm_shot = poe_test_screenshot (GTK_WIDGET (dialog), "family-close-confirm");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (case_status (fixture), ==, "closed");
  g_assert_true (poe_store_is_pending (fixture->store, "case", fixture->case_id));
  g_assert_true (poe_test_iterate_until (row_says_closed, fixture, WAIT_MS));
  g_assert_false (gtk_widget_is_sensitive (named (GTK_WIDGET (fixture->view), "close-case-button")));
  scroll_to_end (fixture);
  closed_shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "family-closed");
}

static gboolean
notice_row_sent (gpointer user_data)
{
  Fixture *fixture = user_data;
  AdwActionRow *row = ADW_ACTION_ROW (named (GTK_WIDGET (fixture->view), "notice-row"));

  return g_str_has_prefix (adw_action_row_get_subtitle (row), "Sent ");
}

/* The PDF as poppler draws it, next to the screenshots. */
static void
render_pdf (GBytes *pdf)
{
  const char *dir = g_getenv ("POE_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir, "arrival-notice.pdf", NULL);
  g_autofree char *prefix = g_build_filename (dir, "arrival-notice-pdf", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  int status = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_assert_no_error (error);
  if (pdftoppm == NULL)
    {
      g_test_message ("pdftoppm is missing: the PDF is not drawn");
      return;
    }
  {
    g_autofree char *program = g_strdup ("pdftoppm");
    g_autofree char *png_flag = g_strdup ("-png");
    g_autofree char *r_flag = g_strdup ("-r");
    g_autofree char *dpi = g_strdup ("60");
    g_autofree char *single = g_strdup ("-singlefile");
    char *argv[] = { program, png_flag, r_flag, dpi, single, path, prefix, NULL };

    g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_notify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PoeRecord) notice = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dialog_shot = NULL;
  g_autofree char *row_shot = NULL;
  g_autofree char *csv_text = NULL;
  AdwMessageDialog *dialog;
  const char * const *recipients;

  hand_to_agency (fixture);
  open_view (fixture);
  scroll_to_end (fixture);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (named (GTK_WIDGET (fixture->view), "notice-row"))),
                   ==, "Not sent yet");
  g_assert_null (poe_family_view_dup_notice_document (fixture->view, "csv", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Notify… shows what will be said, and sends it as one synced record. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "family.send-notice", NULL));
  dialog = ADW_MESSAGE_DIALOG (poe_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "notice-dialog");
  g_assert_true (poe_test_shows_text (GTK_WIDGET (dialog), "Caseworker Demo (synthetic), HIAS"));
  g_assert_true (poe_test_shows_text (GTK_WIDGET (dialog), "Operations centre"));
  poe_test_wait_for_frame (GTK_WIDGET (dialog));
  dialog_shot = poe_test_screenshot (GTK_WIDGET (dialog), "arrival-notice-dialog");
  adw_message_dialog_response (dialog, "send");
  gtk_window_destroy (GTK_WINDOW (dialog));

  notice = poe_family_view_dup_last_notice (fixture->view, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notice);
  recipients = poe_record_get_strv (notice, "recipients");
  g_assert_true (g_strv_contains (recipients, "operations_centre"));
  g_assert_nonnull (poe_record_get_string (notice, "sent_at"));
  g_assert_cmpstr (poe_record_get_string (notice, "handed_over_to"), ==, "Caseworker Demo (synthetic), HIAS");
  g_assert_true (poe_store_is_pending (fixture->store, "arrival_notice", poe_record_get_id (notice)));
  g_assert_true (poe_test_iterate_until (notice_row_sent, fixture, WAIT_MS));
  /* An agent sends; exporting for mail is a lead's. */
  g_assert_false (gtk_widget_is_sensitive (named (GTK_WIDGET (fixture->view), "notice-pdf-button")));
  scroll_to_end (fixture);
  row_shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "arrival-notice-row");

  /* The CSV parses back to the rows the dialog showed; the PDF draws. */
  csv = poe_family_view_dup_notice_document (fixture->view, "csv", &error);
  g_assert_no_error (error);
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  parsed = poe_csv_parse (csv_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 10);
  g_assert_nonnull (strstr (csv_text, "\"Caseworker Demo (synthetic), HIAS\""));
  pdf = poe_family_view_dup_notice_document (fixture->view, "pdf", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF"));
  render_pdf (pdf);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/handover/staff-default", test_staff_default);
  ADD ("/ui/handover/once", test_once);
  ADD ("/ui/handover/ticks", test_ticks);
  ADD ("/ui/handover/close", test_close);
  ADD ("/ui/handover/notify", test_notify);
#undef ADD

  return g_test_run ();
}
