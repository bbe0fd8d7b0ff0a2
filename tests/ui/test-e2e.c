/* test-e2e.c
 *
 * A shift against a real `poe-central --demo` on loopback: sign in, the board fills from
 * the server, tick CBP for every member of a family and its bags, lose the server (offline
 * bar, pending changes rise), get it back (pending falls to 0 and the server holds every
 * event), a conflict made by a second client is resolved in the inbox, a landing reaches a
 * mock notification daemon without names, and the lock screen shows no names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "board/poe-board-page.h"
#include "family/poe-families-page.h"
#include "family/poe-family-step-row.h"
#include "family/poe-family-view.h"
#include "poe-application.h"
#include "poe-test-server.h"
#include "poe-test-utils.h"
#include "poe-window.h"
#include "sync/poe-conflicts-window.h"
#include "sync/poe-sync-status.h"

#define PASSWORD "e2e-demo-password"
#define WAIT_MS  20000

/* What a person sees on screen: labels, entries and tooltips. */
#define SHOWN_TEXT (POE_TEST_TEXT_MAPPED_ONLY | POE_TEST_TEXT_EDITABLES | POE_TEST_TEXT_TOOLTIPS)

static GtkApplication *app;

typedef struct
{
  PoeTestServer *server;
  GSubprocess   *notifyd;
  char          *notify_log;
  PoeSession    *session;
  PoeWindow     *window;
  char          *case_id;
} Shift;


/*
 * Helpers
 */

static gboolean
session_ready (gpointer user_data)
{
  return poe_session_get_state (user_data) == POE_SESSION_READY;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
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

static PoeSyncEngine *
engine_of (Shift *shift)
{
  PoeSyncEngine *engine = poe_session_get_sync_engine (shift->session);

  g_assert_nonnull (engine);

  return engine;
}

static gboolean
nothing_pending (gpointer user_data)
{
  Shift *shift = user_data;

  return poe_sync_engine_get_pending_count (engine_of (shift)) == 0 &&
         poe_store_count_pending (poe_session_get_store (shift->session)) == 0;
}

static gboolean
board_has_rows (gpointer user_data)
{
  PoeBoardPage *board = user_data;
  PoeBoardModel *model = poe_board_page_get_model (board);

  return model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static gboolean
engine_offline (gpointer user_data)
{
  return poe_sync_state_is_offline (poe_sync_engine_get_state (engine_of (user_data)));
}

static gboolean
has_conflict (gpointer user_data)
{
  return poe_store_count_conflicts (poe_session_get_store (((Shift *) user_data)->session)) > 0;
}

static GtkRevealer *
find_offline_revealer (GtkWidget *root)
{
  if (GTK_IS_REVEALER (root))
    {
      GtkWidget *child = gtk_revealer_get_child (GTK_REVEALER (root));

      if (child != NULL && gtk_widget_has_css_class (child, "offline-bar"))
        return GTK_REVEALER (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkRevealer *found = find_offline_revealer (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
offline_bar_shown (gpointer user_data)
{
  GtkRevealer *revealer = find_offline_revealer (user_data);

  return revealer != NULL && gtk_revealer_get_reveal_child (revealer);
}

static void
tick (Shift      *shift,
      const char *step_id,
      const char *person_id)
{
  GtkWidget *families = poe_test_find_descendant (GTK_WIDGET (shift->window), POE_TYPE_FAMILIES_PAGE);
  PoeFamilyView *view = poe_families_page_get_family_view (POE_FAMILIES_PAGE (families));
  PoeFamilyStepRow *row;

  poe_test_wait_for_frame (GTK_WIDGET (shift->window));
  row = poe_test_find_step_row (GTK_WIDGET (view), step_id, person_id);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (poe_family_step_row_get_check (row)));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
error_set (gpointer user_data)
{
  return *(GError **) user_data != NULL;
}

static void
dumped_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (G_SUBPROCESS (object)));
}

/* The app's accessible tree as AT-SPI shows it, from tests/ui/atspi-dump. The main loop
 * must run meanwhile: this process answers the requests. */
static char *
dump_accessible_tree (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "ui", "atspi-dump", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) dump = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  dump = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", script, pid, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (dump, NULL, NULL, dumped_cb, &out);
  while (out == NULL)
    g_main_context_iteration (NULL, TRUE);

  return out;
}

/* Whether @text holds the surname or given names of anyone in the store. */
static const char *
find_a_name (PoeStore   *store,
             const char *text)
{
  g_autoptr(GPtrArray) persons = poe_store_list (store, "person", NULL, NULL, NULL);

  g_assert_nonnull (persons);
  g_assert_cmpuint (persons->len, >, 0);
  for (guint i = 0; i < persons->len; i++)
    {
      PoeRecord *person = g_ptr_array_index (persons, i);
      const char *fields[] = { "surname", "given_names" };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *name = poe_record_get_string (person, fields[f]);

          /* Short given names ("Ali") also occur inside ordinary words: look for whole words. */
          if (name != NULL && strlen (name) > 3 && strstr (text, name) != NULL)
            return name;
        }
    }

  return NULL;
}

/* A case of the agent's store with at least two members, from a flight still to land. */
static char *
pick_case (PoeStore *store)
{
  g_autoptr(GPtrArray) cases = poe_store_list (store, "case", NULL, NULL, NULL);

  for (guint i = 0; i < cases->len; i++)
    {
      PoeRecord *kase = g_ptr_array_index (cases, i);
      g_autoptr(GPtrArray) persons = poe_store_list_persons_for_case (store, poe_record_get_id (kase), NULL);

      if (persons->len >= 2 && g_strcmp0 (poe_record_get_string (kase, "sensitivity"), "none") == 0)
        return g_strdup (poe_record_get_id (kase));
    }

  g_assert_not_reached ();
}

/* The checklist events the server holds for @case_id, as the lead sees them. */
static GHashTable *
server_events (Shift      *shift,
               const char *case_id)
{
  g_autofree char *token = poe_test_server_login (shift->server, "lead", PASSWORD, NULL);
  GHashTable *events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = g_strdup ("0");
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/sync/changes?since=%s&limit=1000", cursor);
      g_autoptr(PoeTestResponse) response = poe_test_server_request (shift->server, "GET", path, token, NULL);
      JsonObject *answer;
      JsonArray *changes;

      g_assert_cmpuint (response->status, ==, 200);
      answer = poe_test_response_object (response);
      changes = json_object_get_array_member (answer, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonObject *data = json_object_get_object_member (change, "data");

          if (g_str_equal (json_object_get_string_member (change, "entity"), "checklist_event") && data != NULL &&
              g_strcmp0 (json_object_get_string_member_with_default (data, "case_id", NULL), case_id) == 0)
            g_hash_table_add (events, g_strdup (json_object_get_string_member (change, "id")));
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (answer, "cursor"));
      more = json_object_get_boolean_member (answer, "more");
    }

  return events;
}

static void
assert_server_has_local_events (Shift *shift)
{
  PoeStore *store = poe_session_get_store (shift->session);
  g_autoptr(GPtrArray) local = poe_store_list_checklist_events (store, shift->case_id, NULL);
  g_autoptr(GHashTable) remote = server_events (shift, shift->case_id);

  g_assert_cmpuint (local->len, >, 0);
  for (guint i = 0; i < local->len; i++)
    g_assert_true (g_hash_table_contains (remote, poe_record_get_id (g_ptr_array_index (local, i))));
  g_assert_cmpuint (g_hash_table_size (remote), ==, local->len);
}

static void
start_notification_daemon (Shift *shift)
{
  shift->notifyd = poe_test_notification_daemon_new (&shift->notify_log);
}

static char *
read_notify_log (Shift *shift)
{
  char *text = NULL;

  if (!g_file_get_contents (shift->notify_log, &text, NULL, NULL))
    return g_strdup ("");

  return text;
}

static gboolean
landing_notified (gpointer user_data)
{
  g_autofree char *log = read_notify_log (user_data);

  return strstr (log, "has landed") != NULL;
}

/* The lead marks a flight of the agent's board that has families and is still to land. */
static PoeRecord *
land_a_flight (Shift *shift)
{
  PoeStore *store = poe_session_get_store (shift->session);
  g_autoptr(GPtrArray) flights = poe_store_list (store, "flight", NULL, NULL, NULL);
  g_autofree char *staff_id = NULL;
  g_autofree char *token = poe_test_server_login (shift->server, "lead", PASSWORD, &staff_id);

  for (guint i = 0; i < flights->len; i++)
    {
      PoeRecord *flight = g_ptr_array_index (flights, i);
      const char *status = poe_record_get_string (flight, "status");
      g_autoptr(GPtrArray) cases = poe_store_list_cases_for_flight (store, poe_record_get_id (flight), NULL);
      g_autofree char *body = NULL;
      g_autofree char *mutation = g_uuid_string_random ();
      g_autoptr(PoeTestResponse) response = NULL;

      if (cases->len == 0 || (g_strcmp0 (status, "en_route") != 0 && g_strcmp0 (status, "scheduled") != 0 &&
                              g_strcmp0 (status, "delayed") != 0))
        continue;

      body = g_strdup_printf ("{\"client_id\": \"e2e-lead\", \"mutations\": [{\"mutation_id\": \"%s\","
                              " \"entity\": \"flight\", \"id\": \"%s\", \"op\": \"upsert\", \"base_rev\": %" G_GINT64_FORMAT ","
                              " \"fields\": {\"status\": \"landed\"}}]}",
                              mutation, poe_record_get_id (flight), poe_record_get_rev (flight));
      response = poe_test_server_request (shift->server, "POST", "/v1/sync/push", token, body);
      g_assert_cmpuint (response->status, ==, 200);

      return g_object_ref (flight);
    }

  g_assert_not_reached ();
}

static void
push_case_field_as (Shift      *shift,
                    const char *who,
                    const char *field,
                    const char *value)
{
  g_autofree char *token = poe_test_server_login (shift->server, who, PASSWORD, NULL);
  g_autoptr(PoeRecord) kase = poe_store_get (poe_session_get_store (shift->session), "case", shift->case_id, NULL);
  g_autofree char *mutation = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr(PoeTestResponse) response = NULL;
  JsonArray *results;

  body = g_strdup_printf ("{\"client_id\": \"e2e-%s\", \"mutations\": [{\"mutation_id\": \"%s\","
                          " \"entity\": \"case\", \"id\": \"%s\", \"op\": \"upsert\", \"base_rev\": %" G_GINT64_FORMAT ","
                          " \"fields\": {\"%s\": \"%s\"}}]}",
                          who, mutation, shift->case_id, poe_record_get_rev (kase), field, value);
  response = poe_test_server_request (shift->server, "POST", "/v1/sync/push", token, body);
  g_assert_cmpuint (response->status, ==, 200);
  results = json_object_get_array_member (poe_test_response_object (response), "results");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "status"), ==, "applied");
}

static char *
server_case_field (Shift      *shift,
                   const char *field)
{
  g_autofree char *token = poe_test_server_login (shift->server, "lead", PASSWORD, NULL);
  g_autofree char *path = g_strdup ("/v1/sync/changes?since=0&limit=5000");
  g_autoptr(PoeTestResponse) response = poe_test_server_request (shift->server, "GET", path, token, NULL);
  JsonArray *changes = json_object_get_array_member (poe_test_response_object (response), "changes");
  char *value = NULL;

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "id"), shift->case_id))
        {
          g_free (value);
          value = g_strdup (json_object_get_string_member (json_object_get_object_member (change, "data"), field));
        }
    }

  return value;
}


/*
 * The shift
 */

static void
sign_in (Shift *shift)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_home_dir (), "e2e", "poe-desk.db", NULL);
  gboolean done = FALSE;
  GtkWidget *board;

  shift->session = poe_session_new (settings, path);
  shift->window = poe_window_new_for_session (POE_APPLICATION (app), shift->session);
  gtk_window_set_default_size (GTK_WINDOW (shift->window), 1280, 760);
  gtk_window_present (GTK_WINDOW (shift->window));
  poe_test_wait_for_frame (GTK_WIDGET (shift->window));

  poe_session_sign_in_async (shift->session, poe_test_server_get_url (shift->server), "agent", PASSWORD,
                             NULL, signed_in_cb, &done);
  g_assert_true (poe_test_iterate_until (flag_set, &done, WAIT_MS));
  g_assert_true (poe_test_iterate_until (session_ready, shift->session, WAIT_MS));

  /* The board fills from the server's change feed. */
  board = poe_test_find_descendant (GTK_WIDGET (shift->window), POE_TYPE_BOARD_PAGE);
  g_assert_true (poe_test_iterate_until (board_has_rows, board, WAIT_MS));
  g_assert_true (poe_test_iterate_until (nothing_pending, shift, WAIT_MS));
  poe_test_wait_for_frame (GTK_WIDGET (shift->window));
  g_free (poe_test_screenshot (GTK_WIDGET (shift->window), "e2e-board"));
}

static void
receive_a_family (Shift *shift)
{
  PoeStore *store = poe_session_get_store (shift->session);
  g_autoptr(GPtrArray) persons = NULL;

  shift->case_id = pick_case (store);
  persons = poe_store_list_persons_for_case (store, shift->case_id, NULL);
  poe_window_show_case (shift->window, shift->case_id);

  for (guint i = 0; i < persons->len; i++)
    tick (shift, POE_STEP_CBP_PRIMARY_CLEARED, poe_record_get_id (g_ptr_array_index (persons, i)));
  tick (shift, POE_STEP_BAGGAGE_CLAIMED, NULL);

  g_assert_true (poe_test_iterate_until (nothing_pending, shift, WAIT_MS));
  assert_server_has_local_events (shift);
}

static void
lose_the_server (Shift *shift)
{
  guint before;

  poe_test_server_stop (shift->server);
  tick (shift, POE_STEP_CUSTOMS_CLEARED, NULL);
  tick (shift, "arrival.iom_bag", NULL);

  before = poe_store_count_pending (poe_session_get_store (shift->session));
  g_assert_cmpuint (before, >=, 2);
  g_assert_true (poe_test_iterate_until (engine_offline, shift, WAIT_MS));
  g_assert_true (poe_test_iterate_until (offline_bar_shown, shift->window, WAIT_MS));
  g_assert_cmpuint (poe_sync_engine_get_pending_count (engine_of (shift)), >=, 2);
  poe_test_wait_for_frame (GTK_WIDGET (shift->window));
  g_free (poe_test_screenshot (GTK_WIDGET (shift->window), "e2e-offline"));

  {
    GtkWidget *status = poe_test_find_descendant (GTK_WIDGET (shift->window), POE_TYPE_SYNC_STATUS);
    GtkWidget *popover;

    poe_sync_status_popup (POE_SYNC_STATUS (status));
    popover = poe_test_find_descendant (status, GTK_TYPE_POPOVER);
    g_assert_nonnull (popover);
    poe_test_wait_for_frame (popover);
    g_assert_nonnull (strstr (poe_sync_status_get_summary (POE_SYNC_STATUS (status)), "waiting"));
    g_free (poe_test_screenshot (popover, "e2e-sync-popover"));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
}

static void
get_the_server_back (Shift *shift)
{
  poe_test_server_restart_same_port (shift->server, NULL);
  poe_sync_engine_sync_now (engine_of (shift));
  g_assert_true (poe_test_iterate_until (nothing_pending, shift, WAIT_MS));
  g_assert_false (engine_offline (shift));
  assert_server_has_local_events (shift);
}

static void
resolve_a_conflict (Shift *shift)
{
  PoeStore *store = poe_session_get_store (shift->session);
  g_autoptr(PoeRecord) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  PoeConflictsWindow *inbox;

  /* Offline on this side, the same field changed on both. */
  poe_sync_engine_stop (engine_of (shift));
  push_case_field_as (shift, "lead", "final_destination", "Boise, ID");
  kase = poe_store_get (store, "case", shift->case_id, &error);
  g_assert_no_error (error);
  poe_record_set_string (kase, "final_destination", "Denver, CO");
  g_assert_true (poe_store_save (store, kase, &error));
  g_assert_no_error (error);
  poe_sync_engine_start (engine_of (shift));
  g_assert_true (poe_test_iterate_until (has_conflict, shift, WAIT_MS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shift->window), "win.show-conflicts", NULL));
  inbox = POE_CONFLICTS_WINDOW (poe_test_find_toplevel (POE_TYPE_CONFLICTS_WINDOW));
  g_assert_nonnull (inbox);
  g_assert_cmpuint (poe_conflicts_window_get_count (inbox), ==, 1);
  poe_test_wait_for_frame (GTK_WIDGET (inbox));
  g_free (poe_test_screenshot (GTK_WIDGET (inbox), "e2e-conflicts"));

  /* Keep mine, clicked in the inbox: a new mutation that goes out and wins. */
  g_assert_nonnull (find_button (GTK_WIDGET (inbox), "_Keep Mine"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (inbox), "_Keep Mine"), "clicked");
  g_assert_cmpuint (poe_conflicts_window_get_count (inbox), ==, 0);
  poe_sync_engine_sync_now (engine_of (shift));
  g_assert_true (poe_test_iterate_until (nothing_pending, shift, WAIT_MS));
  g_assert_cmpuint (poe_store_count_conflicts (store), ==, 0);
  value = server_case_field (shift, "final_destination");
  g_assert_cmpstr (value, ==, "Denver, CO");
  gtk_window_destroy (GTK_WINDOW (inbox));
}

static gboolean
notifier_watching (gpointer user_data)
{
  return poe_notifier_is_watching (poe_window_get_notifier (user_data));
}

static void
notify_a_landing (Shift *shift)
{
  g_autoptr(PoeRecord) flight = NULL;
  g_autofree char *log = NULL;

  /* The notifier starts a little after the window, once it has read the board. */
  g_assert_true (poe_test_iterate_until (notifier_watching, shift->window, WAIT_MS));
  flight = land_a_flight (shift);

  g_assert_true (poe_test_iterate_until (landing_notified, shift, WAIT_MS));
  log = read_notify_log (shift);
  g_assert_nonnull (strstr (log, poe_record_get_string (flight, "number")));
  g_assert_null (find_a_name (poe_session_get_store (shift->session), log));
}

static void
unlocked_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  poe_session_unlock_finish (POE_SESSION (object), result, error);
}

static void
test_shift (void)
{
  Shift shift = { 0 };
  const char *demo[] = { "--demo", "--demo-password", PASSWORD, NULL };

  g_setenv ("POE_SYNC_POLL_WAIT", "2", TRUE);
  g_setenv ("POE_SYNC_BACKOFF_BASE_MS", "50", TRUE);
  g_setenv ("POE_SYNC_BACKOFF_MAX_MS", "400", TRUE);

  start_notification_daemon (&shift);
  shift.server = poe_test_server_new (demo);

  sign_in (&shift);
  receive_a_family (&shift);
  lose_the_server (&shift);
  get_the_server_back (&shift);
  resolve_a_conflict (&shift);
  notify_a_landing (&shift);

  {
    g_autoptr(GString) text = g_string_new (NULL);
    PoeStore *store = poe_session_get_store (shift.session);
    GtkWidget *families = poe_test_find_descendant (GTK_WIDGET (shift.window), POE_TYPE_FAMILIES_PAGE);
    GError *error = NULL;

    poe_families_page_set_reveal_names (POE_FAMILIES_PAGE (families), TRUE);
    poe_test_wait_for_frame (GTK_WIDGET (shift.window));
    poe_test_collect_text (GTK_WIDGET (shift.window), SHOWN_TEXT, text);
    g_assert_nonnull (find_a_name (store, text->str));
    g_string_truncate (text, 0);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shift.window), "win.lock", NULL));
    g_assert_cmpint (poe_session_get_state (shift.session), ==, POE_SESSION_LOCKED);
    poe_test_wait_for_frame (GTK_WIDGET (shift.window));
    poe_test_collect_text (GTK_WIDGET (shift.window), SHOWN_TEXT, text);
    g_assert_null (find_a_name (store, text->str));
    g_free (poe_test_screenshot (GTK_WIDGET (shift.window), "e2e-locked"));

    /* What a screen reader finds while locked: no names either. */
    {
      g_autofree char *tree = dump_accessible_tree ();

      g_assert_nonnull (strstr (tree, "Unlock"));
      g_assert_null (find_a_name (store, tree));
    }

    /* A wrong password keeps it locked; the right one, checked offline, opens it. */
    poe_session_unlock_async (shift.session, "not the password", NULL, unlocked_cb, &error);
    g_assert_true (poe_test_iterate_until (error_set, &error, WAIT_MS));
    g_assert_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_WRONG_PASSWORD);
    g_clear_error (&error);
    g_assert_cmpint (poe_session_get_state (shift.session), ==, POE_SESSION_LOCKED);

    poe_session_unlock_async (shift.session, PASSWORD, NULL, unlocked_cb, &error);
    g_assert_true (poe_test_iterate_until (session_ready, shift.session, WAIT_MS));
    g_assert_no_error (error);
    g_assert_false (poe_families_page_get_reveal_names (POE_FAMILIES_PAGE (families)));
  }

  poe_test_destroy_and_finalize (GTK_WINDOW (shift.window));
  g_clear_object (&shift.session);
  poe_test_server_free (shift.server);
  g_subprocess_force_exit (shift.notifyd);
  g_clear_object (&shift.notifyd);
  g_free (shift.notify_log);
  g_free (shift.case_id);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  poe_test_ui_init (&argc, &argv);
  app = poe_test_app_new ();

  g_test_add_func ("/ui/e2e/shift", test_shift);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
