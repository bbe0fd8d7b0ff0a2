/* poe-abn-dialog.c
 *
 * The ABN import of a lead (see poe-abn-dialog.h). The chosen file is read asynchronously
 * and checked by the core's poe_abn_check(), the same check the server runs, with the cases
 * already in the local store counted as known: a file that is not an ABN at all says why in
 * words, a file with bad rows lists each line and its reason, and only a clean file can be
 * uploaded. The upload goes through the sync engine's request on a worker thread; the
 * server's answer (what it imported, or why it refused the file, nothing written) is shown
 * here, and a sync pulls the new cases at once. Nothing personal is quoted: the messages
 * name columns and rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-abn-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "poe-abn-dialog.h"
#include "poe-core.h"

struct _PoeAbnDialog
{
  AdwWindow             parent_instance;

  PoeSession           *session;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *name;
  GBytes               *contents;
  gboolean              ready;     /* checked, no problems: may be uploaded */
  gboolean              uploading;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkScrolledWindow    *problems_window;
  GtkListBox           *problems_list;
  GtkSpinner           *spinner;
};

typedef struct
{
  PoeStore *store;
  GError   *error;  /* the first read that failed */
} Lookup;

G_DEFINE_FINAL_TYPE (PoeAbnDialog, poe_abn_dialog, ADW_TYPE_WINDOW)


/*
 * Auxiliary methods
 */

static void
update_actions (PoeAbnDialog *self)
{
  gboolean online = self->session != NULL && poe_session_get_sync_engine (self->session) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "abn.upload", self->ready && online && !self->uploading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "abn.choose", !self->uploading);
  gtk_spinner_set_spinning (self->spinner, self->uploading);
}

static void
show_text (PoeAbnDialog *self,
           const char   *title,
           const char   *summary)
{
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->summary_label, summary ? summary : "");
}

static void
show_problems (PoeAbnDialog *self,
               GPtrArray    *problems)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problems->pdata[i]);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
      gtk_list_box_append (self->problems_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problems_window), problems != NULL && problems->len > 0);
}

/* The cases and flights the local store knows, so a case already there shows as a problem. */
static GPtrArray *
find_in_store (const char *entity,
               const char *field,
               const char *value,
               gpointer    user_data)
{
  Lookup *lookup = user_data;
  GError *error = NULL;
  GPtrArray *found = poe_store_list (lookup->store, entity, field, value, &error);

  if (error != NULL && lookup->error == NULL)
    lookup->error = error;
  else
    g_clear_error (&error);

  return found;
}

static void
show_check (PoeAbnDialog *self,
            PoeAbnCheck  *check,
            const GError *error)
{
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  self->ready = check != NULL && check->problems->len == 0;
  show_problems (self, check ? check->problems : NULL);

  if (check == NULL)
    {
      /* Translators: %s is the reason, "line 1: the text is not valid UTF-8; …" */
      summary = g_strdup_printf (_("%s. Choose the day's ABN: a CSV or JSON file with one row per "
                                   "person, as the resettlement system exports it."), error->message);
      show_text (self, _("This file is not an ABN"), summary);
    }
  else if (check->problems->len > 0)
    {
      title = g_strdup_printf (ngettext ("%u line must be fixed", "%u lines must be fixed",
                                         check->problems->len), check->problems->len);
      show_text (self, title, _("Nothing can be uploaded until every line below is fixed. "
                                "Correct the file and choose it again."));
    }
  else
    {
      /* Translators: what a checked ABN file adds; %u are counts */
      summary = g_strdup_printf (_("%u cases, %u persons, %u new inbound flights. The server imports "
                                   "all of it or nothing."), check->counts.n_cases,
                                 check->counts.n_persons, check->counts.n_flights);
      show_text (self, _("Ready to upload"), summary);
    }

  update_actions (self);
}

static char *
dup_imported_text (JsonNode *answer)
{
  JsonObject *imported = NULL;

  if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
    imported = json_object_get_object_member (json_node_get_object (answer), "imported");
  if (imported == NULL)
    return g_strdup (_("The server imported the file."));

  /* Translators: the server's answer to an uploaded ABN; %u are counts */
  return g_strdup_printf (_("%u cases and %u persons were added. They reach this computer with the next sync."),
                          (guint) json_object_get_int_member_with_default (imported, "cases", 0),
                          (guint) json_object_get_int_member_with_default (imported, "persons", 0));
}


/*
 * Callbacks
 */

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PoeAbnDialog) self = user_data;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  answer = poe_sync_engine_request_finish (POE_SYNC_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->uploading = FALSE;
  if (error != NULL)
    {
      /* Translators: %s is the server's reason, which names the line */
      text = g_strdup_printf (_("%s Nothing was imported."), error->message);
      show_text (self, _("The server did not import the file"), text);
    }
  else
    {
      self->ready = FALSE;
      text = dup_imported_text (answer);
      show_text (self, _("Imported"), text);
      poe_sync_engine_sync_now (POE_SYNC_ENGINE (object));
    }

  update_actions (self);
}

static void
upload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PoeAbnDialog *self = POE_ABN_DIALOG (widget);
  PoeSyncEngine *engine = poe_session_get_sync_engine (self->session);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  gsize length;
  const char *data = g_bytes_get_data (self->contents, &length);
  g_autofree char *content = g_strndup (data, length);

  if (!self->ready || engine == NULL)
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  self->uploading = TRUE;
  show_text (self, _("Uploading…"), NULL);
  update_actions (self);
  poe_sync_engine_request_async (engine, "POST", "/v1/import/abn", body, self->cancellable,
                                 uploaded_cb, g_object_ref (self));
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PoeAbnDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (G_FILE (object));
  g_autofree char *text = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says why a chosen file could not be read */
      text = g_strdup_printf (_("%s. Choose another file."), error->message);
      self->ready = FALSE;
      show_problems (self, NULL);
      show_text (self, _("The file could not be read"), text);
      update_actions (self);
      return;
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (contents, length);

    poe_abn_dialog_load (self, basename, bytes);
  }
}

static void
chooser_response_cb (PoeAbnDialog         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);
  if (file != NULL)
    g_file_load_contents_async (file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
choose_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  poe_abn_dialog_choose_file (POE_ABN_DIALOG (widget));
}


/*
 * GObject overrides
 */

static void
poe_abn_dialog_dispose (GObject *object)
{
  PoeAbnDialog *self = POE_ABN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_ABN_DIALOG);

  G_OBJECT_CLASS (poe_abn_dialog_parent_class)->dispose (object);
}

static void
poe_abn_dialog_finalize (GObject *object)
{
  PoeAbnDialog *self = POE_ABN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_free (self->name);

  G_OBJECT_CLASS (poe_abn_dialog_parent_class)->finalize (object);
}

static void
poe_abn_dialog_class_init (PoeAbnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_abn_dialog_dispose;
  object_class->finalize = poe_abn_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/board/poe-abn-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeAbnDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, PoeAbnDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PoeAbnDialog, problems_window);
  gtk_widget_class_bind_template_child (widget_class, PoeAbnDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, PoeAbnDialog, spinner);

  gtk_widget_class_install_action (widget_class, "abn.upload", NULL, upload_action_cb);
  gtk_widget_class_install_action (widget_class, "abn.choose", NULL, choose_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
poe_abn_dialog_init (PoeAbnDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  show_text (self, _("Choose the day's ABN"),
             _("A CSV or JSON file with one row per person, as the resettlement system exports it. "
               "It is checked here first; the server imports all of it or nothing."));
  update_actions (self);
}


/*
 * Public API
 */

/**
 * poe_abn_dialog_new:
 * @session: the signed-in lead's session: its store for the check, its engine for the upload
 *
 * Returns: (transfer floating): a new import dialog
 */
GtkWidget *
poe_abn_dialog_new (PoeSession *session)
{
  PoeAbnDialog *self;

  g_return_val_if_fail (POE_IS_SESSION (session), NULL);

  self = g_object_new (POE_TYPE_ABN_DIALOG, NULL);
  self->session = g_object_ref (session);
  update_actions (self);

  return GTK_WIDGET (self);
}

/**
 * poe_abn_dialog_choose_file:
 *
 * Asks for a file (CSV or JSON) and checks it.
 */
void
poe_abn_dialog_choose_file (PoeAbnDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (POE_IS_ABN_DIALOG (self));

  if (self->chooser != NULL)
    return;

  /* Translators: the kind of files the ABN chooser shows */
  gtk_file_filter_set_name (filter, _("ABN files (CSV or JSON)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  self->chooser = gtk_file_chooser_native_new (_("Choose the Day's ABN"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * poe_abn_dialog_load:
 * @name: the file's name (its extension says CSV or JSON)
 * @contents: the file
 *
 * Checks @contents and shows what it adds, or every bad line.
 */
void
poe_abn_dialog_load (PoeAbnDialog *self,
                     const char   *name,
                     GBytes       *contents)
{
  g_autoptr(PoeAbnCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  Lookup lookup = { poe_session_get_store (self->session), NULL };

  g_return_if_fail (POE_IS_ABN_DIALOG (self));
  g_return_if_fail (contents != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
  g_clear_pointer (&self->contents, g_bytes_unref);
  self->contents = g_bytes_ref (contents);

  /* A day's file is a few hundred rows: checked in milliseconds, against the local store. */
  check = poe_abn_check (contents, name, find_in_store, &lookup, &error);
  if (lookup.error != NULL && error == NULL && check != NULL && check->problems->len == 0)
    {
      /* The cases already here could not be read: say so, as a line to look at before upload. */
      g_ptr_array_add (check->problems, g_strdup (lookup.error->message));
    }
  g_clear_error (&lookup.error);
  show_check (self, check, error);
}

gboolean
poe_abn_dialog_get_ready (PoeAbnDialog *self)
{
  g_return_val_if_fail (POE_IS_ABN_DIALOG (self), FALSE);

  return self->ready;
}
