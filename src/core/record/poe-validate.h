/* poe-validate.h
 *
 * Checks of what users type into the sign-in form and the preferences (a server address, a
 * POE code), with errors that say what to type instead; a server address is https, or http
 * on loopback only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POE_VALIDATE_ERROR (poe_validate_error_quark ())

typedef enum
{
  POE_VALIDATE_ERROR_INVALID_URL,
  POE_VALIDATE_ERROR_INSECURE_URL,
  POE_VALIDATE_ERROR_INVALID_POE_CODE,
} PoeValidateError;

GQuark   poe_validate_error_quark (void);
char    *poe_validate_server_url  (const char  *text,
                                   GError     **error);
char    *poe_validate_poe_code    (const char  *text,
                                   GError     **error);
gboolean poe_host_is_loopback     (const char  *host);

G_END_DECLS
