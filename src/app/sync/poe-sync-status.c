/* poe-sync-status.c
 *
 * The sync indicator of the header bar, from the engine's properties and the store's outbox:
 * an icon and a count for online, offline, syncing or failing, with a one-line summary as
 * its tooltip and accessible label; a popover with the state, the rejected and pending
 * changes (MAX_LISTED at most, in the words of poe-labels.c), the last error, the time of
 * the last sync, Sync Now and the conflicts inbox.
 * Times are the signed-in user's POE's; a read that fails shows in the window's bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-sync-status"

#include "config.h"

#include <glib/gi18n.h>

#include "common/poe-labels.h"
#include "common/poe-read-error.h"
#include "common/poe-tooltip.h"

#include "poe-sync-status.h"

#define MAX_LISTED 20

struct _PoeSyncStatus
{
  GtkWidget      parent_instance;

  PoeSyncEngine *engine;
  PoeStore      *store;
  GTimeZone     *zone;     /* the signed-in user's POE's */
  char          *summary;

  /* Template widgets */
  GtkMenuButton *button;
  GtkImage      *icon;
  GtkLabel      *count_label;
  GtkPopover    *popover;
  GtkLabel      *state_label;
  GtkLabel      *pending_label;
  GtkWidget     *pending_scroller;
  GtkListBox    *pending_list;
  GtkLabel      *error_label;
  GtkLabel      *last_sync_label;
  GtkButton     *conflicts_button;
};

G_DEFINE_FINAL_TYPE (PoeSyncStatus, poe_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Auxiliary methods
 */

gboolean
poe_sync_state_is_offline (PoeSyncState state)
{
  return state == POE_SYNC_STATE_OFFLINE || state == POE_SYNC_STATE_ERROR ||
         state == POE_SYNC_STATE_CONNECTING;
}

static const char *
state_text (PoeSyncState state,
            guint        pending)
{
  switch (state)
    {
    case POE_SYNC_STATE_IDLE:
      return pending > 0 ? _("Online, sending changes") : _("Online and up to date");
    case POE_SYNC_STATE_SYNCING:
      return _("Syncing…");
    case POE_SYNC_STATE_CONNECTING:
      return _("Connecting to the server…");
    case POE_SYNC_STATE_NEEDS_SIGN_IN:
      return _("Sign in again to sync. Your changes are kept on this computer.");
    case POE_SYNC_STATE_ERROR:
      return _("Offline: the server’s answers failed. Your changes are kept on this computer.");
    case POE_SYNC_STATE_OFFLINE:
    default:
      return _("Offline. Your changes are kept on this computer.");
    }
}

static const char *
state_icon (PoeSyncState state)
{
  switch (state)
    {
    case POE_SYNC_STATE_IDLE:
      return "emblem-ok-symbolic";
    case POE_SYNC_STATE_SYNCING:
    case POE_SYNC_STATE_CONNECTING:
      return "emblem-synchronizing-symbolic";
    case POE_SYNC_STATE_NEEDS_SIGN_IN:
      return "dialog-password-symbolic";
    case POE_SYNC_STATE_ERROR:
      return "dialog-warning-symbolic";
    case POE_SYNC_STATE_OFFLINE:
    default:
      return "network-offline-symbolic";
    }
}

/* %NULL with @error set when the change's family could not be read. */
static GtkWidget *
new_pending_row (PoeSyncStatus      *self,
                 const PoeMutation  *mutation,
                 GError            **error)
{
  g_autofree char *at = NULL;
  g_autofree char *title = NULL;
  g_autofree char *family = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (!poe_change_describe (self->store, mutation->entity, mutation->record_id, &title, &family, error))
    return NULL;

  /* The family leads the subtitle: the title alone, on one line, keeps the list's height
   * right (GTK 4.8's scrolled window measures its content at its natural width). */
  row = adw_action_row_new ();
  at = poe_format_time (mutation->created_at, self->zone, "%H:%M");
  if (family != NULL)
    {
      g_autofree char *time = g_steal_pointer (&at);

      /* Translators: a pending change's family and the time it was made: "Family 2026-0142 (A. K.) · 14:05" */
      at = g_strdup_printf (_("%1$s · %2$s"), family, time);
    }

  if (g_strcmp0 (mutation->state, "rejected") == 0)
    /* Translators: %s is the time of a change the server refused, and then its reason */
    subtitle = g_strdup_printf (_("%s · refused: %s"), at, mutation->last_error ? mutation->last_error : "");
  else if (mutation->last_error != NULL)
    subtitle = g_strdup_printf (_("%s · waiting: %s"), at, mutation->last_error);
  else
    subtitle = g_strdup_printf (_("%s · waiting"), at);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
add_rows (PoeSyncStatus *self,
          GPtrArray     *mutations,
          guint         *listed)
{
  for (guint i = 0; mutations != NULL && i < mutations->len && *listed < MAX_LISTED; i++, (*listed)++)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *row = new_pending_row (self, g_ptr_array_index (mutations, i), &error);

      if (row == NULL)
        {
          poe_read_error_report (GTK_WIDGET (self), error);
          return;
        }
      gtk_list_box_append (self->pending_list, row);
    }
}

static void
update_pending_list (PoeSyncStatus *self)
{
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint listed = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list))) != NULL)
    gtk_list_box_remove (self->pending_list, child);

  if (self->store != NULL)
    {
      if (!(rejected = poe_store_outbox_list_rejected (self->store, &error)) ||
          !(pending = poe_store_outbox_peek (self->store, MAX_LISTED, &error)))
        poe_read_error_report (GTK_WIDGET (self), error);
      add_rows (self, rejected, &listed);
      add_rows (self, pending, &listed);
    }

  gtk_widget_set_visible (self->pending_scroller, listed > 0);
}

static void
set_summary (PoeSyncStatus *self,
             const char    *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  poe_tooltip_set_text (GTK_WIDGET (self->button), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
update_last_sync (PoeSyncStatus *self)
{
  GDateTime *last = self->engine != NULL ? poe_sync_engine_get_last_sync (self->engine) : NULL;
  g_autoptr(GDateTime) local = last != NULL ? g_date_time_to_timezone (last, self->zone) : NULL;
  g_autofree char *time = local != NULL ? g_date_time_format (local, "%H:%M:%S") : NULL;
  g_autofree char *text = NULL;

  if (time != NULL)
    /* Translators: %s is a time of day */
    text = g_strdup_printf (_("Last synced at %s"), time);

  gtk_label_set_label (self->last_sync_label, text != NULL ? text : _("Not synced yet"));
}

static void
update (PoeSyncStatus *self)
{
  PoeSyncState state = POE_SYNC_STATE_OFFLINE;
  guint pending = 0, rejected = 0, conflicts = 0;
  const char *error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *pending_text = NULL;
  g_autofree char *conflicts_text = NULL;
  g_autofree char *summary = NULL;

  if (self->engine != NULL)
    {
      state = poe_sync_engine_get_state (self->engine);
      pending = poe_sync_engine_get_pending_count (self->engine);
      rejected = poe_sync_engine_get_rejected_count (self->engine);
      conflicts = poe_sync_engine_get_conflict_count (self->engine);
      error = poe_sync_engine_get_last_error (self->engine);
    }
  else if (self->store != NULL)
    {
      pending = poe_store_count_pending (self->store);
      rejected = poe_store_count_rejected (self->store);
      conflicts = poe_store_count_conflicts (self->store);
    }

  gtk_image_set_from_icon_name (self->icon, state_icon (state));
  count = g_strdup_printf ("%u", pending + rejected);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), pending + rejected > 0);

  gtk_label_set_label (self->state_label, state_text (state, pending));
  pending_text = pending + rejected == 0
    ? g_strdup (_("Every change you made has reached the server."))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting to be sent.",
                                    "%u changes waiting to be sent.", pending + rejected),
                       pending + rejected);
  gtk_label_set_label (self->pending_label, pending_text);

  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && *error != '\0');

  conflicts_text = conflicts > 0 ? g_strdup_printf (_("_Conflicts (%u)"), conflicts) : g_strdup (_("_Conflicts"));
  gtk_button_set_label (self->conflicts_button, conflicts_text);
  if (conflicts > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->conflicts_button), "destructive-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->conflicts_button), "destructive-action");

  update_last_sync (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    update_pending_list (self);

  /* Translators: the sync button's accessible name: state, then changes waiting */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %u change waiting.", "%s %u changes waiting.",
                                          pending + rejected),
                             state_text (state, pending), pending + rejected);
  set_summary (self, summary);
}


/*
 * Callbacks
 */

static void
popover_shown_cb (PoeSyncStatus *self)
{
  g_assert (POE_IS_SYNC_STATUS (self));

  update (self);
  update_pending_list (self);
}

/* The zone of the user's POE; a failed read keeps the one the popover had, and says so. */
static void
load_zone (PoeSyncStatus *self)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *zone = NULL;

  if (self->store != NULL && !(zone = poe_store_dup_poe_time_zone (self->store, NULL, &error)))
    {
      poe_read_error_report (GTK_WIDGET (self), error);
      return;
    }

  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = zone != NULL ? zone : g_time_zone_new_local ();
}

static void
store_changed_cb (PoeSyncStatus *self,
                  const char    *entity)
{
  g_assert (POE_IS_SYNC_STATUS (self));

  if (g_str_equal (entity, "poe"))
    load_zone (self);
  update (self);
}


/*
 * GObject overrides
 */

static void
poe_sync_status_dispose (GObject *object)
{
  PoeSyncStatus *self = POE_SYNC_STATUS (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), POE_TYPE_SYNC_STATUS);

  G_OBJECT_CLASS (poe_sync_status_parent_class)->dispose (object);
}

static void
poe_sync_status_finalize (GObject *object)
{
  PoeSyncStatus *self = POE_SYNC_STATUS (object);

  g_free (self->summary);

  G_OBJECT_CLASS (poe_sync_status_parent_class)->finalize (object);
}

static void
poe_sync_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PoeSyncStatus *self = POE_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
poe_sync_status_class_init (PoeSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = poe_sync_status_dispose;
  object_class->finalize = poe_sync_status_finalize;
  object_class->get_property = poe_sync_status_get_property;

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sync/poe-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, count_label);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, state_label);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, pending_scroller);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, pending_list);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, error_label);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, last_sync_label);
  gtk_widget_class_bind_template_child (widget_class, PoeSyncStatus, conflicts_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_shown_cb);
}

static void
poe_sync_status_init (PoeSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zone = g_time_zone_new_local ();
  update (self);
}


/*
 * Public API
 */

void
poe_sync_status_set_engine (PoeSyncStatus *self,
                            PoeSyncEngine *engine)
{
  g_return_if_fail (POE_IS_SYNC_STATUS (self));
  g_return_if_fail (engine == NULL || POE_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
}

/**
 * poe_sync_status_get_engine:
 *
 * Returns: (transfer none) (nullable): the engine shown
 */
PoeSyncEngine *
poe_sync_status_get_engine (PoeSyncStatus *self)
{
  g_return_val_if_fail (POE_IS_SYNC_STATUS (self), NULL);

  return self->engine;
}

void
poe_sync_status_set_store (PoeSyncStatus *self,
                           PoeStore      *store)
{
  g_return_if_fail (POE_IS_SYNC_STATUS (self));
  g_return_if_fail (store == NULL || POE_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  load_zone (self);
  update (self);
}

/**
 * poe_sync_status_get_summary:
 *
 * Returns: the state and pending count in words, as the button's accessible name says it
 */
const char *
poe_sync_status_get_summary (PoeSyncStatus *self)
{
  g_return_val_if_fail (POE_IS_SYNC_STATUS (self), NULL);

  return self->summary;
}

void
poe_sync_status_popup (PoeSyncStatus *self)
{
  g_return_if_fail (POE_IS_SYNC_STATUS (self));

  gtk_menu_button_popup (self->button);
}
