/* poe-curl.c
 *
 * libcurl brings some thirty libraries of its own (TLS, Kerberos, LDAP, SSH, IDN). Linked
 * into the program, they are all loaded, relocated and searched for symbols at every start,
 * before main() and again as GTK loads its GL driver: several milliseconds of the first
 * frame, for a library the first frame does not use. The first HTTP client is made on a
 * worker thread (the sync worker's, or the sign-in's), and that is when poe_curl_get()
 * opens libcurl (by the file name of the library the build found, POE_CURL_SONAME, or
 * $POE_CURL_LIBRARY, which the tests use) with its symbols kept to itself, looks up the
 * functions poe-http.c calls and initialises it, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-curl"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gmodule.h>

#include "poe-curl.h"

typedef struct
{
  PoeCurl  curl;
  GError  *error;  /* nullable: why it could not be loaded */
} Loaded;


/*
 * Auxiliary methods
 */

static gpointer
load_once (gpointer data)
{
  Loaded *loaded = g_new0 (Loaded, 1);
  const struct {
    const char *name;
    gpointer   *slot;
  } symbols[] = {
    { "curl_global_init", (gpointer *) &loaded->curl.global_init },
    { "curl_easy_init", (gpointer *) &loaded->curl.easy_init },
    { "curl_easy_cleanup", (gpointer *) &loaded->curl.easy_cleanup },
    { "curl_easy_setopt", (gpointer *) &loaded->curl.easy_setopt },
    { "curl_easy_getinfo", (gpointer *) &loaded->curl.easy_getinfo },
    { "curl_multi_init", (gpointer *) &loaded->curl.multi_init },
    { "curl_multi_cleanup", (gpointer *) &loaded->curl.multi_cleanup },
    { "curl_multi_add_handle", (gpointer *) &loaded->curl.multi_add_handle },
    { "curl_multi_remove_handle", (gpointer *) &loaded->curl.multi_remove_handle },
    { "curl_multi_perform", (gpointer *) &loaded->curl.multi_perform },
    { "curl_multi_poll", (gpointer *) &loaded->curl.multi_poll },
    { "curl_multi_wakeup", (gpointer *) &loaded->curl.multi_wakeup },
    { "curl_multi_info_read", (gpointer *) &loaded->curl.multi_info_read },
    { "curl_slist_append", (gpointer *) &loaded->curl.slist_append },
    { "curl_slist_free_all", (gpointer *) &loaded->curl.slist_free_all },
  };
  const char *name = g_getenv ("POE_CURL_LIBRARY");
  GModule *module;
  CURLcode code;

  if (name == NULL || *name == '\0')
    name = POE_CURL_SONAME;

  if (!(module = g_module_open (name, G_MODULE_BIND_LOCAL)))
    {
      g_set_error (&loaded->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a library's file name, then the system's reason */
                   _("The network library %s could not be loaded (%s). Reinstall POE Desk "
                     "and its dependencies."), name, g_module_error ());
      return loaded;
    }

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      if (!g_module_symbol (module, symbols[i].name, symbols[i].slot) || *symbols[i].slot == NULL)
        {
          g_set_error (&loaded->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       /* Translators: the first %s is a library's file name, the second a function's */
                       _("The network library %s is too old: it has no %s. Update it."),
                       name, symbols[i].name);
          return loaded;
        }
    }

  /* Kept open for the rest of the run: handles made from it may live until the end. */
  g_module_make_resident (module);

  if ((code = loaded->curl.global_init (CURL_GLOBAL_DEFAULT)) != CURLE_OK)
    g_set_error (&loaded->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 /* Translators: %s is a library's file name, %d its error code */
                 _("The network library %s could not start (error %d)."), name, (int) code);

  return loaded;
}


/*
 * Public API
 */

/**
 * poe_curl_get:
 *
 * Loads libcurl the first time; safe from any thread.
 *
 * Returns: (nullable): libcurl's functions, or %NULL with @error set when it cannot be
 *   loaded (every later call gives the same answer)
 */
const PoeCurl *
poe_curl_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const Loaded *loaded = g_once (&once, load_once, NULL);

  if (loaded->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (loaded->error);
      return NULL;
    }

  return &loaded->curl;
}
