/* fuzz-import-abn.c
 *
 * libFuzzer target: poe-central import-abn (src/server/poe-central-import.c) on any file, CSV
 * or JSON as its content says, into a database in memory. A file either imports or is refused
 * with an error; nothing else may happen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "poe-central-import.h"
#include "poe-fuzz.h"

static PoeServer *server;
static char      *path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("fuzz-import-abn-XXXXXX", &error);
  PoeBackend *backend = poe_backend_sqlite_new ();

  poe_fuzz_init_logging ();
  g_assert_no_error (error);
  /* No suffix: the import decides between CSV and JSON by the content. */
  path = g_build_filename (dir, "abn", NULL);
  backend->ops->open (backend, ":memory:", &error);
  g_assert_no_error (error);
  server = poe_server_new (backend, 12.0);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  PoeImportCounts counts = { 0 };
  gboolean ok;

  /* No fsync: this file is thrown away. */
  g_file_set_contents_full (path, (const char *) data, (gssize) size, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  ok = poe_central_import_abn (server, path, &counts, &error);
  g_assert_true (ok == (error == NULL));
  g_assert_true (!ok || counts.n_cases > 0);

  return 0;
}
