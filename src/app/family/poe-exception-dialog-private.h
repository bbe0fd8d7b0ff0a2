/* poe-exception-dialog-private.h
 *
 * The exception dialog is split by form: poe-exception-dialog.c is the window, its form
 * helpers and the missed connection, rebooking and branch forms; poe-exception-dialog-stay.c
 * holds the overnight stay and ground transport forms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "poe-exception-dialog.h"
#include "poe-family-snapshot.h"

G_BEGIN_DECLS

struct _PoeExceptionDialog
{
  AdwWindow               parent_instance;

  PoeStore               *store;
  char                   *case_id;
  PoeExceptionDialogKind  kind;
  gboolean                reveal_names;
  PoeFamilySnapshot      *snapshot;
  GPtrArray              *vouchers;    /* the case's vouchers */
  PoeRecord              *existing;    /* the overnight stay being changed, or NULL */
  GHashTable             *fields;      /* widget name → form row, borrowed */

  /* Template widgets */
  GtkScrolledWindow      *scrolled_window;
  GtkBox                 *form_box;
  GtkLabel               *error_label;
  GtkLabel               *zone_label;
  GtkButton              *save_button;
};

AdwPreferencesGroup *_poe_exception_dialog_add_group  (PoeExceptionDialog  *self,
                                                       const char          *title,
                                                       const char          *description);
void                 _poe_exception_dialog_add_info   (AdwPreferencesGroup *group,
                                                       const char          *title,
                                                       const char          *subtitle);
AdwEntryRow         *_poe_exception_dialog_add_entry  (PoeExceptionDialog  *self,
                                                       AdwPreferencesGroup *group,
                                                       const char          *name,
                                                       const char          *title,
                                                       const char          *text);
AdwComboRow         *_poe_exception_dialog_add_combo  (PoeExceptionDialog  *self,
                                                       AdwPreferencesGroup *group,
                                                       const char          *name,
                                                       const char          *title,
                                                       const char * const  *labels,
                                                       guint                selected);
char                *_poe_exception_dialog_dup_text   (PoeExceptionDialog  *self,
                                                       const char          *name);
guint                _poe_exception_dialog_selected   (PoeExceptionDialog  *self,
                                                       const char          *name);
gboolean             _poe_exception_dialog_read_time  (PoeExceptionDialog  *self,
                                                       const char          *name,
                                                       const char          *message,
                                                       GDateTime          **time,
                                                       GError             **error);
char                *_poe_exception_dialog_input_time (PoeExceptionDialog  *self,
                                                       GDateTime           *time);
char                *_poe_exception_dialog_dup_person (PoeExceptionDialog  *self,
                                                       PoeRecord           *person);

void                 _poe_exception_dialog_build_overnight (PoeExceptionDialog *self);
gboolean             _poe_exception_dialog_save_overnight  (PoeExceptionDialog *self,
                                                            GError            **error);
void                 _poe_exception_dialog_build_ground    (PoeExceptionDialog *self);
gboolean             _poe_exception_dialog_save_ground     (PoeExceptionDialog *self,
                                                            GError            **error);

G_END_DECLS
