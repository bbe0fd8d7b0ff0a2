/* poe-validate.c
 *
 * Checks of what users type into settings and sign-in forms, shared by the app and the tools.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "poe-validate.h"

G_DEFINE_QUARK (poe-validate-error-quark, poe_validate_error)


/*
 * Public API
 */

/**
 * poe_host_is_loopback:
 * @host: a host name or literal address, as GUri returns it
 *
 * Returns: whether traffic to @host never leaves this computer
 */
gboolean
poe_host_is_loopback (const char *host)
{
  g_return_val_if_fail (host != NULL, FALSE);

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_equal (host, "::1") ||
      g_str_equal (host, "[::1]"))
    return TRUE;

  /* 127.0.0.0/8, written as a dotted quad */
  if (g_str_has_prefix (host, "127."))
    {
      guint dots = 0;

      for (const char *p = host; *p; p++)
        {
          if (*p == '.')
            dots++;
          else if (!g_ascii_isdigit (*p))
            return FALSE;
        }

      return dots == 3;
    }

  return FALSE;
}

/**
 * poe_validate_server_url:
 * @text: what the user typed
 * @error: return location for a #GError
 *
 * Checks the address of a poe-central server: https anywhere, plain http only on the
 * loopback interface where no network can read the traffic.
 *
 * Returns: (transfer full): the address without surrounding space or a trailing slash,
 *   or %NULL with @error set
 */
char *
poe_validate_server_url (const char  *text,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  len = strlen (stripped);
  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';

  if (g_utf8_validate (stripped, -1, NULL))
    uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, POE_VALIDATE_ERROR, POE_VALIDATE_ERROR_INVALID_URL,
                   _("Enter the server address like https://poe-central.example.org"));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return g_steal_pointer (&stripped);

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (poe_host_is_loopback (host))
        return g_steal_pointer (&stripped);

      g_set_error (error, POE_VALIDATE_ERROR, POE_VALIDATE_ERROR_INSECURE_URL,
                   _("The server address must start with https://; plain http only works with a server on this computer"));
      return NULL;
    }

  g_set_error (error, POE_VALIDATE_ERROR, POE_VALIDATE_ERROR_INVALID_URL,
               _("Enter the server address like https://poe-central.example.org"));
  return NULL;
}

/**
 * poe_validate_poe_code:
 * @text: what the user typed
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the IATA airport code in capitals, or %NULL with @error set
 */
char *
poe_validate_poe_code (const char  *text,
                       GError     **error)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  code = g_strstrip (g_ascii_strup (text, -1));

  if (strlen (code) != 3 ||
      !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) || !g_ascii_isalpha (code[2]))
    {
      g_set_error (error, POE_VALIDATE_ERROR, POE_VALIDATE_ERROR_INVALID_POE_CODE,
                   _("Enter the three-letter airport code, for example IAD"));
      return NULL;
    }

  return g_steal_pointer (&code);
}
