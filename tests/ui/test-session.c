/* test-session.c
 *
 * The session without a server: a later start restores it from the store and the keyring
 * (and works offline), a wrong password does not unlock it, and signing out removes the
 * token and the local data. Runs in tests/session-wrapper, which unlocks a keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "poe-test-utils.h"
#include "session/poe-secret.h"
#include "session/poe-session.h"

#define SERVER "http://127.0.0.1:9"

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static char *
store_path (void)
{
  return g_build_filename (g_get_home_dir (), "session", "poe-desk.db", NULL);
}

static GObject *
prefetch_cb (PoeStore *store)
{
  g_assert_true (POE_IS_STORE (store));
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));

  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
store_notified_cb (PoeSession  *session,
                   GParamSpec  *pspec,
                   GObject    **prefetched)
{
  if (*prefetched == NULL)
    *prefetched = poe_session_steal_prefetched (session);
}

static void
test_restore_and_sign_out (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = store_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PoeSession) session = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) restored = NULL;
  g_autoptr(GAsyncResult) wrong = NULL;
  g_autoptr(GAsyncResult) right = NULL;
  g_autoptr(GAsyncResult) signed_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) prefetched = NULL;
  g_autofree char *token = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* What an earlier sign-in left: the user in the store, the token in the keyring. */
  {
    g_autoptr(PoeStore) store = poe_test_demo_store_new (path, "agent");

    g_assert_nonnull (poe_store_get_actor_id (store));
    poe_secret_store_token_async (SERVER, "agent", "a-token-of-the-test", NULL, done_cb, &stored);
    g_assert_true (poe_secret_store_token_finish (wait_for (&stored), &error));
    g_assert_no_error (error);
  }

  /* A later start: signed in again, offline (nothing listens at the server's address). */
  session = poe_session_new (settings, path);
  g_assert_false (poe_session_get_restoring (session));
  /* The first view reads ahead on the restoring thread; it gets that once, with the store. */
  poe_session_set_prefetch_func (session, prefetch_cb);
  g_signal_connect (session, "notify::store", G_CALLBACK (store_notified_cb), &prefetched);
  poe_session_restore_async (session, NULL, done_cb, &restored);
  /* Until it is known, the window shows neither the sign-in page nor the board. */
  g_assert_true (poe_session_get_restoring (session));
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_SIGNED_OUT);
  g_assert_true (poe_session_restore_finish (session, wait_for (&restored), &error));
  g_assert_no_error (error);
  g_assert_false (poe_session_get_restoring (session));
  g_assert_nonnull (prefetched);
  g_assert_null (poe_session_steal_prefetched (session));
  g_signal_handlers_disconnect_by_func (session, store_notified_cb, &prefetched);
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_READY);
  g_assert_cmpstr (poe_session_get_username (session), ==, "agent");
  g_assert_cmpstr (poe_session_get_role (session), ==, "agent");
  g_assert_nonnull (poe_session_get_store (session));
  g_assert_nonnull (poe_session_get_sync_engine (session));
  g_assert_cmpint (poe_store_count (poe_session_get_store (session), "case", NULL), >, 0);

  /* Locked: a wrong password keeps it locked, checked offline against the verifier. */
  poe_session_lock (session);
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_LOCKED);
  poe_session_unlock_async (session, "not the password", NULL, done_cb, &wrong);
  g_assert_false (poe_session_unlock_finish (session, wait_for (&wrong), &error));
  g_assert_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_LOCKED);
  poe_session_unlock_async (session, POE_TEST_PASSWORD, NULL, done_cb, &right);
  g_assert_true (poe_session_unlock_finish (session, wait_for (&right), &error));
  g_assert_no_error (error);
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_READY);

  /* An unsynced change is counted for the warning; signing out removes it all. */
  {
    g_autoptr(GPtrArray) cases = poe_store_list (poe_session_get_store (session), "case", NULL, NULL, NULL);
    g_autoptr(PoeRecord) kase = poe_record_copy (g_ptr_array_index (cases, 0));

    poe_record_set_string (kase, "final_destination", "Boise, ID");
    g_assert_true (poe_store_save (poe_session_get_store (session), kase, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (poe_session_count_unsynced (session), ==, 1);

  poe_session_sign_out_async (session, NULL, done_cb, &signed_out);
  g_assert_true (poe_session_sign_out_finish (session, wait_for (&signed_out), &error));
  g_assert_no_error (error);
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_SIGNED_OUT);
  g_assert_null (poe_session_get_store (session));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  token = poe_secret_lookup_token_sync (SERVER, "agent", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_rmdir (dir);
}

static void
test_restore_without_token (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_home_dir (), "no-token.db", NULL);
  g_autoptr(PoeSession) session = NULL;
  g_autoptr(GAsyncResult) restored = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(PoeStore) store = poe_test_demo_store_new (path, "lead");

    g_assert_nonnull (store);
  }

  /* A store but no token (a keyring that was reset): sign in again, nothing is lost. */
  session = poe_session_new (settings, path);
  poe_session_restore_async (session, NULL, done_cb, &restored);
  g_assert_true (poe_session_get_restoring (session));
  g_assert_false (poe_session_restore_finish (session, wait_for (&restored), &error));
  g_assert_no_error (error);
  g_assert_false (poe_session_get_restoring (session));
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_SIGNED_OUT);
  g_assert_nonnull (poe_session_get_store (session));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_sign_in_errors (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_build_filename (g_get_home_dir (), "sign-in.db", NULL);
  g_autoptr(PoeSession) session = poe_session_new (settings, path);
  g_autoptr(GAsyncResult) bad_url = NULL;
  g_autoptr(GAsyncResult) half = NULL;
  g_autoptr(GAsyncResult) unreachable = NULL;
  g_autoptr(GError) error = NULL;

  poe_session_sign_in_async (session, "ftp://example", "agent", "x", NULL, done_cb, &bad_url);
  g_assert_false (poe_session_sign_in_finish (session, wait_for (&bad_url), &error));
  g_assert_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_INVALID);
  g_clear_error (&error);

  poe_session_sign_in_async (session, SERVER, "agent", "", NULL, done_cb, &half);
  g_assert_false (poe_session_sign_in_finish (session, wait_for (&half), &error));
  g_assert_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_INVALID);
  g_clear_error (&error);

  poe_session_sign_in_async (session, SERVER, "agent", "x", NULL, done_cb, &unreachable);
  g_assert_false (poe_session_sign_in_finish (session, wait_for (&unreachable), &error));
  g_assert_error (error, POE_SESSION_ERROR, POE_SESSION_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "Check the address"));
  g_assert_cmpint (poe_session_get_state (session), ==, POE_SESSION_SIGNED_OUT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  poe_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/session/restore-and-sign-out", test_restore_and_sign_out);
  g_test_add_func ("/ui/session/restore-without-token", test_restore_without_token);
  g_test_add_func ("/ui/session/sign-in-errors", test_sign_in_errors);

  return g_test_run ();
}
