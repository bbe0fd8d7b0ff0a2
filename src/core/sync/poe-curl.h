/* poe-curl.h
 *
 * libcurl, loaded when the first HTTP client is made instead of when the program starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Calls go through PoeCurl's pointers, which curl.h's type-checking macros would rename. */
#define CURL_DISABLE_TYPECHECK 1

#include <curl/curl.h>
#include <glib.h>

G_BEGIN_DECLS

/* Each member has the type of the libcurl function of its name. */
typedef struct
{
  __typeof__ (curl_global_init)         *global_init;
  __typeof__ (curl_easy_init)           *easy_init;
  __typeof__ (curl_easy_cleanup)        *easy_cleanup;
  __typeof__ (curl_easy_setopt)         *easy_setopt;
  __typeof__ (curl_easy_getinfo)        *easy_getinfo;
  __typeof__ (curl_multi_init)          *multi_init;
  __typeof__ (curl_multi_cleanup)       *multi_cleanup;
  __typeof__ (curl_multi_add_handle)    *multi_add_handle;
  __typeof__ (curl_multi_remove_handle) *multi_remove_handle;
  __typeof__ (curl_multi_perform)       *multi_perform;
  __typeof__ (curl_multi_poll)          *multi_poll;
  __typeof__ (curl_multi_wakeup)        *multi_wakeup;
  __typeof__ (curl_multi_info_read)     *multi_info_read;
  __typeof__ (curl_slist_append)        *slist_append;
  __typeof__ (curl_slist_free_all)      *slist_free_all;
} PoeCurl;

const PoeCurl *poe_curl_get (GError **error);

G_END_DECLS
