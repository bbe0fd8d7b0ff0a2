/* poe-fuzz-replay.c
 *
 * main() of a fuzz target in a normal build: every file of the folders given, in name order,
 * through LLVMFuzzerTestOneInput(). So the seeds, and each input a fuzzer once found
 * (regression-*), run with every `meson test`, without clang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "poe-fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay_folder (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", (const char *) names->pdata[i], length);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
    }

  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  guint count = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    count += replay_folder (argv[i]);

  g_print ("replayed %u inputs\n", count);

  return count > 0 ? 0 : 1;
}
