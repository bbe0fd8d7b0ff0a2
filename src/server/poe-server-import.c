/* poe-server-import.c
 *
 * POST /v1/import/abn: a shift lead (or a supervisor or admin) uploads the advance booking
 * notification of a day from the app, `{name, content}` with the file's text. The server runs
 * the same all-or-nothing import as `poe-central import-abn` (poe-central-import.c): every
 * row checked, the first bad one answered as 422 with its line, nothing written; a good file
 * written in one transaction, whose records join the sync feed. Leads and supervisors import
 * cases of their own POE only; agents are refused. Answers never quote personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-central"

#include "config.h"

#include <string.h>

#include "poe-access.h"
#include "poe-central-import.h"
#include "poe-server-private.h"


/*
 * Auxiliary methods
 */

static void
respond_counts (SoupServerMessage     *msg,
                const PoeImportCounts *counts)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonObject *imported = json_object_new ();

  json_object_set_int_member (imported, "cases", counts->n_cases);
  json_object_set_int_member (imported, "persons", counts->n_persons);
  json_object_set_int_member (imported, "segments", counts->n_segments);
  json_object_set_int_member (imported, "flights", counts->n_flights);
  json_object_set_object_member (answer, "imported", imported);
  _poe_server_respond_object (msg, 200, answer);
}

static void
respond_error (SoupServerMessage *msg,
               const GError      *error)
{
  g_autofree char *detail = NULL;

  if (g_error_matches (error, POE_IMPORT_ERROR, POE_IMPORT_ERROR_FORBIDDEN))
    {
      _poe_server_respond_problem (msg, 403, "forbidden", error->message);
      return;
    }

  if (error->domain != POE_IMPORT_ERROR)
    {
      g_warning ("ABN import not written: %s", error->message);
      _poe_server_respond_problem (msg, 500, "internal", "The import could not be written; nothing was imported.");
      return;
    }

  detail = g_strdup_printf ("%s; nothing was imported. Fix the file and send it again.", error->message);
  _poe_server_respond_problem (msg, 422, "invalid-abn", detail);
}


/*
 * Private API
 */

void
_poe_server_handle_import_abn (PoeServer         *self,
                               SoupServerMessage *msg,
                               PoeUser           *user)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  PoeRole role = poe_role_from_string (user->role);
  PoeImportCounts counts = { 0 };
  const char *name, *content;

  if (!poe_abn_role_may_import (user->role))
    {
      _poe_server_respond_problem (msg, 403, "forbidden", "Only a shift lead may import an ABN.");
      return;
    }

  if ((body = _poe_server_parse_body (msg)) == NULL)
    return;

  name = _poe_server_member_string (body, "name");
  content = _poe_server_member_string (body, "content");
  if (content == NULL)
    {
      _poe_server_respond_problem (msg, 400, "invalid-request",
                                   "Send the file's text as the string member \"content\".");
      return;
    }

  contents = g_bytes_new (content, strlen (content));
  if (!poe_central_import_abn_bytes (self, contents, name, role == POE_ROLE_ADMIN ? NULL : user->poe,
                                     &counts, &error))
    {
      respond_error (msg, error);
      return;
    }

  respond_counts (msg, &counts);
}
