/* poe-json-guard.h
 *
 * JSON text is checked before json-glib builds a tree of it: json-glib 1.6 parses nesting by
 * recursion (75,000 '[' overflowed the stack) and cuts a string at an escaped NUL (\u0000)
 * without a word. Both sides (the server's request bodies, the app's answers from the server,
 * the schema's JSON fields, the ABN import) parse through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Arrays and objects inside one another; the data model needs fewer than ten. */
#define POE_JSON_MAX_DEPTH 64

#define POE_JSON_ERROR (poe_json_error_quark ())

typedef enum
{
  POE_JSON_ERROR_SYNTAX,     /* not JSON */
  POE_JSON_ERROR_TOO_DEEP,   /* nested deeper than POE_JSON_MAX_DEPTH */
  POE_JSON_ERROR_NUL,        /* a string holds \u0000; the message names its member */
  POE_JSON_ERROR_UTF8,       /* not UTF-8, or a raw NUL byte */
} PoeJsonError;

GQuark    poe_json_error_quark (void);
gboolean  poe_json_check       (const char  *data,
                                gsize        length,
                                GError     **error);
JsonNode *poe_json_parse       (const char  *data,
                                gssize       length,
                                GError     **error);

G_END_DECLS
