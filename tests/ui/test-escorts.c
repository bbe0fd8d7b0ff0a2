/* test-escorts.c
 *
 * Hand-offs between two devices: demo stores signed in as "agent" and "agent2", records
 * moved between them with poe_store_import() as the sync would. Custody moves only when
 * the receiver accepts; a decline keeps it, with the reason; an outside party is
 * confirmed by the giver; the URM rule refuses an incomplete form and an early "handed
 * over"; vouchers are recorded and exported as CSV that parses back. Saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "escorts/poe-custody-view.h"
#include "escorts/poe-escorts-page.h"
#include "escorts/poe-handoff-dialog.h"
#include "escorts/poe-vouchers-view.h"
#include "poe-test-utils.h"

#define WAIT_MS 3000

typedef struct
{
  char       *dir;
  char       *paths[2];
  PoeStore   *stores[2];    /* agent, agent2 */
  PoeSession *sessions[2];
  char       *staff_ids[2];
  char       *names[2];
  GtkWindow  *window;
} Fixture;

enum { AGENT, AGENT2 };

/* The order of the hand-off form's "Receiving party" row. */
enum { KIND_STAFF, KIND_ESCORT, KIND_RA, KIND_URM_PROVIDER };


/*
 * Auxiliary methods
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const users[] = { "agent", "agent2" };
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-escorts-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.db", users[i]);
      g_autoptr(PoeRecord) me = NULL;

      fixture->paths[i] = g_build_filename (fixture->dir, file, NULL);
      fixture->stores[i] = poe_test_demo_store_new (fixture->paths[i], users[i]);
      fixture->sessions[i] = poe_test_session_new (fixture->stores[i]);
      me = poe_store_find_by_field (fixture->stores[i], "staff", "username", users[i], &error);
      g_assert_no_error (error);
      fixture->staff_ids[i] = g_strdup (poe_record_get_id (me));
      fixture->names[i] = g_strdup (poe_record_get_string (me, "display_name"));
      g_assert_cmpstr (poe_session_get_staff_id (fixture->sessions[i]), ==, fixture->staff_ids[i]);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));

  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&fixture->sessions[i]);
      g_assert_finalize_object (g_steal_pointer (&fixture->stores[i]));
      poe_test_remove_store_files (fixture->paths[i]);
      g_free (fixture->paths[i]);
      g_free (fixture->staff_ids[i]);
      g_free (fixture->names[i]);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* What the sync does: the server's copy of a record reaches the other device. */
static void
sync_record (Fixture    *fixture,
             guint       from,
             const char *entity,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PoeRecord) record = poe_store_get (fixture->stores[from], entity, id, &error);

  g_assert_no_error (error);
  g_assert_true (poe_store_import (fixture->stores[1 - from], record, &error));
  g_assert_no_error (error);
}

/* An in-progress family of agent's, on both devices. */
static char *
find_case (Fixture    *fixture,
           const char *sensitivity)
{
  g_autoptr(GPtrArray) cases = poe_store_list (fixture->stores[AGENT], "case", "status", "in_progress", NULL);

  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      const char * const *assigned = poe_record_get_strv (kase, "assigned_staff_ids");
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (fixture->stores[AGENT],
                                                                       poe_record_get_id (kase), NULL);

      if (assigned != NULL && g_strv_contains (assigned, fixture->staff_ids[AGENT]) && persons->len >= 2 &&
          g_strcmp0 (poe_record_get_string (kase, "sensitivity"), sensitivity) == 0)
        return g_strdup (poe_record_get_id (kase));
    }

  g_error ("The demo day has no in-progress %s family of agent's", sensitivity);
}

/* A URM case as the server would send it: the demo's sensitivity changed on both devices. */
static char *
make_urm_case (Fixture *fixture)
{
  g_autofree char *case_id = find_case (fixture, "none");
  g_autoptr(PoeRecord) kase = poe_store_get (fixture->stores[AGENT], "case", case_id, NULL);
  g_autoptr(GError) error = NULL;

  poe_record_set_string (kase, "sensitivity", "urm");
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (poe_store_import (fixture->stores[i], kase, &error));
      g_assert_no_error (error);
    }

  return g_steal_pointer (&case_id);
}

static guint
count_named (GtkWidget  *root,
             const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (root), name) == 0 ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_named (child, name);

  return n;
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
set_text (GtkWidget  *root,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (named (root, name)), text);
}

static PoeHandoffDialog *
open_dialog (Fixture    *fixture,
             guint       who,
             const char *case_id)
{
  GtkWidget *dialog = poe_handoff_dialog_new (fixture->sessions[who], case_id, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  poe_test_wait_for_frame (dialog);

  return POE_HANDOFF_DIALOG (dialog);
}

static void
select_staff (PoeHandoffDialog *dialog,
              const char       *display_name)
{
  AdwComboRow *row = ADW_COMBO_ROW (named (GTK_WIDGET (dialog), "staff-row"));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), display_name) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("The staff picker does not offer %s", display_name);
}

static void
set_kind (PoeHandoffDialog *dialog,
          guint             kind)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (GTK_WIDGET (dialog), "kind-row")), kind);
}

static void
saved_cb (char             **out,
          const char        *handoff_id,
          PoeHandoffDialog  *dialog)
{
  g_free (*out);
  *out = g_strdup (handoff_id);
}

/* Saves the form; it closes itself. Returns the new hand-off's id. */
static char *
save_dialog (PoeHandoffDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  char *id = NULL;
  gulong handler;

  g_object_ref (dialog);
  handler = g_signal_connect_swapped (dialog, "saved", G_CALLBACK (saved_cb), &id);
  g_assert_true (poe_handoff_dialog_save (dialog, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (dialog, handler);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (dialog);
  g_assert_nonnull (id);

  return id;
}

static char *
give_to_agent2 (Fixture    *fixture,
                const char *case_id)
{
  PoeHandoffDialog *dialog = open_dialog (fixture, AGENT, case_id);

  set_kind (dialog, KIND_STAFF);
  select_staff (dialog, fixture->names[AGENT2]);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (dialog), "document-passport")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (dialog), "document-i94")), TRUE);
  set_text (GTK_WIDGET (dialog), "place-row", "Gate B22");

  return save_dialog (dialog);
}

static PoeCustody *
load_custody (Fixture    *fixture,
              guint       who,
              const char *case_id)
{
  g_autoptr(GError) error = NULL;
  PoeCustody *custody = poe_custody_load (fixture->stores[who], case_id, &error);

  g_assert_no_error (error);
  return custody;
}

static PoeEscortsPage *
open_page (Fixture *fixture,
           guint    who)
{
  GtkWidget *page = g_object_new (POE_TYPE_ESCORTS_PAGE, NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 600);
  gtk_window_set_child (fixture->window, page);
  poe_escorts_page_set_session (POE_ESCORTS_PAGE (page), fixture->sessions[who]);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  return POE_ESCORTS_PAGE (page);
}

/* A shift of @who, just begun and ending in 30 minutes: families still held are due. */
static void
import_ending_shift (Fixture *fixture,
                     guint    who)
{
  g_autoptr(PoeRecord) shift = poe_record_new ("shift");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_minutes (now, -1);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (now, 30);
  g_autofree char *id = poe_uuid_new ();
  g_autoptr(GError) error = NULL;

  poe_record_set_id (shift, id);
  poe_record_set_string (shift, "poe", poe_session_get_poe (fixture->sessions[who]));
  poe_record_set_string (shift, "staff_id", fixture->staff_ids[who]);
  poe_record_set_time (shift, "planned_start", start);
  poe_record_set_time (shift, "planned_end", end);
  g_assert_true (poe_store_import (fixture->stores[who], shift, &error));
  g_assert_no_error (error);
}

static gboolean
page_waiting_is (gpointer user_data)
{
  gpointer *args = user_data;

  return poe_escorts_page_get_n_waiting (args[0]) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_waiting (PoeEscortsPage *page,
                  guint           n)
{
  gpointer args[2] = { page, GUINT_TO_POINTER (n) };

  g_assert_true (poe_test_iterate_until (page_waiting_is, args, WAIT_MS));
}


/*
 * Tests
 */

static void
test_accept (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *case_id = find_case (fixture, "none");
  g_autofree char *id = give_to_agent2 (fixture, case_id);
  g_autoptr(PoeRecord) handoff = poe_store_get (fixture->stores[AGENT], "handoff", id, NULL);
  g_autoptr(PoeCustody) before = load_custody (fixture, AGENT, case_id);
  g_autoptr(PoeCustody) after = NULL;
  g_autoptr(PoeCustody) synced = NULL;
  g_autoptr(GError) error = NULL;
  PoeEscortsPage *page;

  /* Written with its outbox mutation, given by agent, pending: custody has not moved. */
  g_assert_nonnull (handoff);
  g_assert_cmpstr (poe_record_get_string (handoff, "state"), ==, "pending");
  g_assert_cmpstr (poe_record_get_string (handoff, "given_by"), ==, fixture->staff_ids[AGENT]);
  g_assert_cmpstr (poe_record_get_string (handoff, "to_staff_id"), ==, fixture->staff_ids[AGENT2]);
  g_assert_cmpstr (poe_record_get_string (handoff, "from_party"), ==, fixture->names[AGENT]);
  g_assert_true (poe_store_is_pending (fixture->stores[AGENT], "handoff", id));
  g_assert_null (poe_custody_get_holder (before, NULL)->handoff);
  g_assert_true (poe_custody_is_held_by (before, fixture->staff_ids[AGENT]));

  sync_record (fixture, AGENT, "handoff", id);
  page = open_page (fixture, AGENT2);
  g_assert_cmpuint (poe_escorts_page_get_n_waiting (page), ==, 1);
  g_assert_cmpuint (count_named (GTK_WIDGET (page), "waiting-row"), ==, 1);

  g_assert_true (poe_escorts_page_accept (page, id, &error));
  g_assert_no_error (error);
  wait_for_waiting (page, 0);

  after = load_custody (fixture, AGENT2, case_id);
  g_assert_cmpstr (poe_custody_get_holder (after, NULL)->staff_id, ==, fixture->staff_ids[AGENT2]);
  g_assert_cmpstr (poe_custody_get_document_holder (after, "passport", NULL)->staff_id, ==,
                   fixture->staff_ids[AGENT2]);
  g_assert_null (poe_custody_get_document_holder (after, "iom_bag", NULL)->handoff);

  /* Accepting twice is refused. */
  g_assert_false (poe_escorts_page_accept (page, id, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_PENDING);

  sync_record (fixture, AGENT2, "handoff", id);
  synced = load_custody (fixture, AGENT, case_id);
  g_assert_false (poe_custody_is_held_by (synced, fixture->staff_ids[AGENT]));
  g_assert_true (poe_custody_is_held_by (synced, fixture->staff_ids[AGENT2]));
}

static void
test_decline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *case_id = find_case (fixture, "none");
  g_autofree char *id = give_to_agent2 (fixture, case_id);
  g_autoptr(PoeCustody) custody = NULL;
  g_autoptr(PoeRecord) handoff = NULL;
  g_autoptr(GError) error = NULL;
  PoeEscortsPage *page;

  sync_record (fixture, AGENT, "handoff", id);
  page = open_page (fixture, AGENT2);

  /* agent2 cannot confirm what is theirs to accept, nor decline without a reason. */
  g_assert_false (poe_escorts_page_confirm (page, id, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (poe_escorts_page_decline (page, id, "  ", &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_NO_REASON);
  g_clear_error (&error);

  g_assert_true (poe_escorts_page_decline (page, id, "Still with the family at gate C4", &error));
  g_assert_no_error (error);
  wait_for_waiting (page, 0);
  g_assert_cmpuint (count_named (GTK_WIDGET (page), "done-row"), >=, 1);

  sync_record (fixture, AGENT2, "handoff", id);
  handoff = poe_store_get (fixture->stores[AGENT], "handoff", id, NULL);
  g_assert_cmpstr (poe_record_get_string (handoff, "state"), ==, "declined");
  g_assert_cmpstr (poe_record_get_string (handoff, "decline_reason"), ==, "Still with the family at gate C4");
  g_assert_cmpstr (poe_record_get_string (handoff, "acknowledged_by"), ==, fixture->names[AGENT2]);

  custody = load_custody (fixture, AGENT, case_id);
  g_assert_null (poe_custody_get_holder (custody, NULL)->handoff);
  g_assert_true (poe_custody_is_held_by (custody, fixture->staff_ids[AGENT]));
  g_assert_cmpuint (poe_custody_get_pending (custody)->len, ==, 0);
}

static void
test_outside_party (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *case_id = find_case (fixture, "none");
  PoeHandoffDialog *dialog = open_dialog (fixture, AGENT, case_id);
  g_autoptr(PoeCustody) pending = NULL;
  g_autoptr(PoeCustody) confirmed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  PoeEscortsPage *page;

  set_kind (dialog, KIND_RA);
  g_assert_false (gtk_widget_get_visible (named (GTK_WIDGET (dialog), "staff-row")));
  g_assert_true (gtk_widget_get_visible (named (GTK_WIDGET (dialog), "party-row")));
  set_text (GTK_WIDGET (dialog), "party-row", "Caseworker Demo (synthetic)");
  set_text (GTK_WIDGET (dialog), "organisation-row", "HIAS");
  set_text (GTK_WIDGET (dialog), "phone-row", "+1 555 0142");
  set_text (GTK_WIDGET (dialog), "place-row", "Arrivals hall, door 5");
  id = save_dialog (dialog);

  pending = load_custody (fixture, AGENT, case_id);
  g_assert_null (poe_custody_get_holder (pending, NULL)->handoff);
  g_assert_cmpuint (poe_custody_get_pending (pending)->len, ==, 1);

  /* The receiving side is not staff: only the giver confirms. */
  sync_record (fixture, AGENT, "handoff", id);
  g_assert_false (poe_handoff_awaits (poe_custody_get_pending (pending)->pdata[0], fixture->staff_ids[AGENT2]));

  page = open_page (fixture, AGENT);
  g_assert_cmpuint (poe_escorts_page_get_n_waiting (page), ==, 1);
  g_assert_true (poe_escorts_page_confirm (page, id, &error));
  g_assert_no_error (error);
  wait_for_waiting (page, 0);

  confirmed = load_custody (fixture, AGENT, case_id);
  g_assert_cmpstr (poe_custody_get_holder (confirmed, NULL)->kind, ==, "ra");
  g_assert_cmpstr (poe_custody_get_holder (confirmed, NULL)->organisation, ==, "HIAS");
  g_assert_false (poe_custody_is_held_by (confirmed, fixture->staff_ids[AGENT]));

  /* Confirmed right in the form, the hand-off completes at once. A second later: the
   * trail orders by time. */
  poe_test_wait_ms (1100);
  dialog = open_dialog (fixture, AGENT, case_id);
  set_kind (dialog, KIND_ESCORT);
  set_text (GTK_WIDGET (dialog), "party-row", "Airline escort (synthetic)");
  gtk_switch_set_active (GTK_SWITCH (named (GTK_WIDGET (dialog), "confirm-switch")), TRUE);
  g_free (save_dialog (dialog));
  g_clear_pointer (&confirmed, poe_custody_free);
  confirmed = load_custody (fixture, AGENT, case_id);
  g_assert_cmpstr (poe_custody_get_holder (confirmed, NULL)->kind, ==, "escort");
}

static void
test_urm_rule (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *case_id = make_urm_case (fixture);
  gint64 before = poe_store_count (fixture->stores[AGENT], "handoff", NULL);
  PoeHandoffDialog *dialog = open_dialog (fixture, AGENT, case_id);
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  PoeEscortsPage *page;
  GtkWidget *label;

  set_kind (dialog, KIND_URM_PROVIDER);
  set_text (GTK_WIDGET (dialog), "party-row", "Foster carer (synthetic)");
  set_text (GTK_WIDGET (dialog), "place-row", "Family room, Terminal 4");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (dialog), "document-passport")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (GTK_WIDGET (dialog), "document-medical_envelope")), TRUE);

  g_assert_false (poe_handoff_dialog_save (dialog, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_URM_PROVIDER);
  g_clear_error (&error);
  g_assert_cmpint (poe_store_count (fixture->stores[AGENT], "handoff", NULL), ==, before);
  label = named (GTK_WIDGET (dialog), "error-label");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "organisation"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "phone"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER))));

    shot = poe_test_screenshot (GTK_WIDGET (dialog), "handoff-form");

  set_text (GTK_WIDGET (dialog), "organisation-row", "Lutheran Foster Care (demo)");
  set_text (GTK_WIDGET (dialog), "phone-row", "+1 555 0199");
  id = save_dialog (dialog);

  /* Not handed over before the provider has the child. */
  page = open_page (fixture, AGENT);
  g_assert_false (poe_escorts_page_mark_handed_over (page, case_id, &error));
  g_assert_error (error, POE_CUSTODY_ERROR, POE_CUSTODY_ERROR_URM_NOT_HANDED);
  g_clear_error (&error);

  g_assert_true (poe_escorts_page_confirm (page, id, &error));
  g_assert_no_error (error);
  g_assert_true (poe_escorts_page_mark_handed_over (page, case_id, &error));
  g_assert_no_error (error);
  kase = poe_store_get (fixture->stores[AGENT], "case", case_id, NULL);
  g_assert_cmpstr (poe_record_get_string (kase, "status"), ==, "handed_over");
}

static PoeVouchersView *
open_vouchers (Fixture    *fixture,
               const char *case_id)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *view = poe_vouchers_view_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 600);
  gtk_widget_set_margin_top (view, 18);
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_window_set_child (fixture->window, scrolled);
  poe_vouchers_view_set_case (POE_VOUCHERS_VIEW (view), fixture->sessions[AGENT], case_id);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  return POE_VOUCHERS_VIEW (view);
}

static void
fill_voucher (PoeVouchersView *view,
              guint            kind,
              const char      *serial,
              const char      *amount,
              const char      *currency)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (named (GTK_WIDGET (view), "voucher-kind-row")), kind);
  set_text (GTK_WIDGET (view), "voucher-serial-row", serial);
  set_text (GTK_WIDGET (view), "voucher-amount-row", amount);
  set_text (GTK_WIDGET (view), "voucher-currency-row", currency);
}

static void
export_finished_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError **error = user_data;

  if (!poe_escorts_page_export_vouchers_finish (POE_ESCORTS_PAGE (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (object, "exported", GINT_TO_POINTER (1));
}

static gboolean
exported (gpointer user_data)
{
  return g_object_get_data (user_data, "exported") != NULL;
}

static GPtrArray *
export_and_parse (PoeEscortsPage *page,
                  const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  GPtrArray *rows;

  g_object_set_data (G_OBJECT (page), "exported", NULL);
  poe_escorts_page_export_vouchers_async (page, file, NULL, export_finished_cb, &error);
  g_assert_true (poe_test_iterate_until (exported, page, WAIT_MS));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  rows = poe_csv_parse (text, length, &error);
  g_assert_no_error (error);

  return rows;
}

static void
test_vouchers (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *case_id = find_case (fixture, "none");
  g_autofree char *csv = g_build_filename (fixture->dir, "vouchers.csv", NULL);
  g_autoptr(PoeRecord) kase = poe_store_get (fixture->stores[AGENT], "case", case_id, NULL);
  g_autoptr(PoeRecord) odd = poe_record_new ("voucher");
  g_autoptr(GPtrArray) vouchers = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *odd_id = poe_uuid_new ();
  g_autofree char *shot = NULL;
  static const char odd_name[] = "Yusmary Pérez, \"Mari\"\nBriceño";
  PoeVouchersView *view = open_vouchers (fixture, case_id);
  PoeEscortsPage *page;
  guint n_odd = 0;

  g_assert_cmpuint (poe_vouchers_view_get_n_vouchers (view), ==, 0);

  /* A comma as decimal separator is refused with a message, nothing is written. */
  fill_voucher (view, 1, "M-7731", "12,50", "usd");
  g_assert_false (poe_vouchers_view_save (view, &error));
  g_assert_error (error, POE_CSV_ERROR, POE_CSV_ERROR_AMOUNT);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (named (GTK_WIDGET (view), "voucher-error-label")));
  g_assert_cmpint (poe_store_count (fixture->stores[AGENT], "voucher", NULL), ==, 0);

  fill_voucher (view, 1, "M-7731", "12.5", "usd");
  g_assert_true (poe_vouchers_view_save (view, &error));
  g_assert_no_error (error);
  fill_voucher (view, 0, "H/204+B", "129", "USD");
  g_assert_true (poe_vouchers_view_save (view, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (poe_vouchers_view_get_n_vouchers (view), ==, 2);

  vouchers = poe_store_list (fixture->stores[AGENT], "voucher", "case_id", case_id, NULL);
  g_assert_cmpuint (vouchers->len, ==, 2);
  g_assert_cmpstr (poe_record_get_string (vouchers->pdata[0], "amount"), ==, "12.50");
  g_assert_cmpstr (poe_record_get_string (vouchers->pdata[0], "currency"), ==, "USD");
  g_assert_cmpstr (poe_record_get_string (vouchers->pdata[0], "kind"), ==, "meal");
  g_assert_cmpstr (poe_record_get_string (vouchers->pdata[0], "issued_by"), ==, fixture->staff_ids[AGENT]);
  g_assert_nonnull (poe_record_get_string (vouchers->pdata[0], "issued_to"));
  g_assert_true (poe_store_is_pending (fixture->stores[AGENT], "voucher", poe_record_get_id (vouchers->pdata[0])));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (GTK_WIDGET (view), "add-voucher-button")), TRUE);
  fill_voucher (view, 2, "GT-0093", "45.00", "USD");
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "vouchers");
  poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));

  /* A name with a comma, quotes, a line break and accents, written as the server would. */
  poe_record_set_id (odd, odd_id);
  poe_record_set_string (odd, "case_id", case_id);
  poe_record_set_string (odd, "kind", "mco");
  poe_record_set_string (odd, "serial", "MCO-1");
  poe_record_set_string (odd, "amount", "300.00");
  poe_record_set_string (odd, "currency", "EUR");
  poe_record_set_string (odd, "issued_to", odd_name);
  poe_record_set_string (odd, "issued_by", fixture->staff_ids[AGENT2]);
  poe_record_set_time (odd, "at", now);
  g_assert_true (poe_store_import (fixture->stores[AGENT], odd, &error));
  g_assert_no_error (error);

  page = open_page (fixture, AGENT);
  g_assert_cmpuint (count_named (GTK_WIDGET (page), "total-row"), ==, 3);

  for (guint reveal = 0; reveal < 2; reveal++)
    {
      poe_escorts_page_set_reveal_names (page, reveal);
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = export_and_parse (page, csv);
      g_assert_cmpuint (rows->len, ==, 4);
      g_assert_cmpstr (((char **) rows->pdata[0])[1], ==, "case_number");

      for (guint i = 1; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);

          g_assert_cmpuint (g_strv_length (row), ==, 8);
          g_assert_cmpstr (row[1], ==, poe_record_get_string (kase, "case_number"));
          if (g_str_equal (row[3], "MCO-1"))
            {
              n_odd++;
              g_assert_cmpstr (row[4], ==, "300.00");
              g_assert_cmpstr (row[5], ==, "EUR");
              g_assert_cmpstr (row[6], ==, reveal ? odd_name : "Y. P. M. B.");
              g_assert_cmpstr (row[7], ==, fixture->names[AGENT2]);
            }
          else
            {
              g_assert_true (g_str_equal (row[3], "M-7731") || g_str_equal (row[3], "H/204+B"));
              g_assert_cmpstr (row[7], ==, fixture->names[AGENT]);
            }
        }
    }
  g_assert_cmpuint (n_odd, ==, 2);
  g_unlink (csv);
}

static void
add_trail (Fixture    *fixture,
           const char *case_id)
{
  g_autofree char *declined = give_to_agent2 (fixture, case_id);
  g_autofree char *accepted = NULL;
  g_autoptr(GError) error = NULL;
  PoeEscortsPage *page;

  sync_record (fixture, AGENT, "handoff", declined);
  page = open_page (fixture, AGENT2);
  g_assert_true (poe_escorts_page_decline (page, declined, "On a break until 15:00", &error));
  accepted = give_to_agent2 (fixture, case_id);
  sync_record (fixture, AGENT, "handoff", accepted);
  g_assert_true (poe_escorts_page_accept (page, accepted, &error));
  g_assert_no_error (error);
  sync_record (fixture, AGENT2, "handoff", declined);
  sync_record (fixture, AGENT2, "handoff", accepted);
  poe_test_destroy_and_finalize (g_steal_pointer (&fixture->window));
}

static void
test_custody_view (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *case_id = find_case (fixture, "none");
  g_autofree char *holder = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *scrolled, *clamp, *view;

  add_trail (fixture, case_id);

  view = poe_custody_view_new ();
  scrolled = gtk_scrolled_window_new ();
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (view, 18);
  gtk_widget_set_margin_bottom (view, 18);
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1024, 600);
  gtk_window_set_child (fixture->window, scrolled);
  poe_custody_view_set_case (POE_CUSTODY_VIEW (view), fixture->sessions[AGENT], case_id);
  gtk_window_present (fixture->window);
  poe_test_wait_for_frame (GTK_WIDGET (fixture->window));

  holder = poe_custody_view_dup_holder_text (POE_CUSTODY_VIEW (view));
  g_assert_nonnull (strstr (holder, fixture->names[AGENT2]));
  g_assert_cmpuint (count_named (view, "trail-row"), ==, 2);
  g_assert_nonnull (poe_test_find_named (view, "document-holder-passport"));
  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "custody");
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *case_id = find_case (fixture, "none");
  g_autofree char *outside = NULL;
  g_autofree char *shot = NULL;
  PoeHandoffDialog *dialog;
  PoeEscortsPage *page;

  add_trail (fixture, case_id);
  import_ending_shift (fixture, AGENT);

  /* One outside hand-off for agent to confirm, one voucher for the totals. */
  dialog = open_dialog (fixture, AGENT, case_id);
  set_kind (dialog, KIND_RA);
  set_text (GTK_WIDGET (dialog), "party-row", "Caseworker Demo (synthetic)");
  set_text (GTK_WIDGET (dialog), "organisation-row", "World Relief");
  outside = save_dialog (dialog);

  page = open_page (fixture, AGENT);
  g_assert_cmpuint (poe_escorts_page_get_n_waiting (page), ==, 1);
  /* The family handed to agent2 is no longer agent's; others of agent's are due. */
  g_assert_cmpuint (poe_escorts_page_get_n_due (page), >, 0);
  g_assert_cmpuint (count_named (GTK_WIDGET (page), "due-row"), ==, poe_escorts_page_get_n_due (page));
  g_assert_cmpuint (count_named (GTK_WIDGET (page), "done-row"), ==, 2);
  g_assert_true (gtk_widget_get_mapped (named (GTK_WIDGET (page), "waiting-list")));

  shot = poe_test_screenshot (GTK_WIDGET (fixture->window), "escorts-page");

  /* Without a shift ending, nothing is due. */
  poe_escorts_page_set_shift_margin (page, 0);
  g_assert_cmpuint (poe_escorts_page_get_n_due (page), ==, 0);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *page = g_object_new (POE_TYPE_ESCORTS_PAGE, NULL);

  g_object_ref_sink (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (poe_test_find_descendant (page, GTK_TYPE_STACK))),
                   ==, "empty");
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/escorts/handoff/accept", test_accept);
  ADD ("/ui/escorts/handoff/decline", test_decline);
  ADD ("/ui/escorts/handoff/outside-party", test_outside_party);
  ADD ("/ui/escorts/handoff/urm-rule", test_urm_rule);
  ADD ("/ui/escorts/vouchers", test_vouchers);
  ADD ("/ui/escorts/custody-view", test_custody_view);
  ADD ("/ui/escorts/page", test_page);
  ADD ("/ui/escorts/empty", test_empty);
#undef ADD

  return g_test_run ();
}
