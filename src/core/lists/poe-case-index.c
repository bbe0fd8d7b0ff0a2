/* poe-case-index.c
 *
 * One index of family summaries per store, shared by the board and the family lists of that
 * store (poe_case_index_get_for_store(): the one that exists, or a new one; it lives while a
 * list holds it). A list holds the flights whose families it shows; the index reads the
 * families of a flight when it is first held (set-based queries, poe-store-board.c) and
 * keeps them, one PoeCaseSummary each, until the last list lets the flight go.
 *
 * It is the lists' one watcher of PoeStore::changed and their one dispatch of a change:
 *
 *   flight          → the records read once → ::flights-changed
 *   case            → those families read again              ┐
 *   person, segment → their families now and before a move   ├→ ::families-changed
 *   checklist_event → their families                         ┘
 *   poe             → the risk buffers read again → ::buffers-changed
 *
 * A read that fails is ::read-failed, which each list turns into its "error" property.
 *
 * A family's new summary replaces the old one in the index before ::families-changed, so a
 * list that keeps a flight's families array (the board) only recomputes its row, and one that
 * keeps a summary per row (the family lists) swaps it; rows keep their identity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "poe-case-index"

#include "config.h"

#include "poe-case-index.h"
#include "poe-store-board.h"

/* A flight some list holds, with its families. */
typedef struct
{
  char      *id;        /* interned GRefString, shared with the families' summaries */
  guint      holds;
  GPtrArray *families;  /* PoeCaseSummary, a reference each */
} Flight;

struct _PoeCaseIndex
{
  GObject               parent_instance;

  PoeStore             *store;
  PoeChecklistTemplate *checklist;
  PoeRiskBuffers        buffers;
  GHashTable           *flights;   /* set of Flight, by id: lookup_flight() */
  GHashTable           *families;  /* set of the PoeCaseSummary of the flights, by id */
};

G_DEFINE_FINAL_TYPE (PoeCaseIndex, poe_case_index, G_TYPE_OBJECT)

enum {
  FLIGHTS_CHANGED,
  FAMILIES_CHANGED,
  BUFFERS_CHANGED,
  READ_FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The store's index, as a GWeakRef in the store's data: the index holds the store, not the
 * other way round. The lock makes a look-up and a first index atomic, as the board may be
 * read ahead on the thread that opens the store. */
static GMutex index_lock;
static GQuark index_quark;


/*
 * Auxiliary methods
 */

static void
flight_free (gpointer data)
{
  Flight *flight = data;

  g_ref_string_release (flight->id);
  g_ptr_array_unref (flight->families);
  g_free (flight);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A set keyed by the summaries' ids keeps no array of values. */
static guint
summary_hash (gconstpointer summary)
{
  return g_str_hash (((const PoeCaseSummary *) summary)->id);
}

static gboolean
summary_equal (gconstpointer a,
               gconstpointer b)
{
  return g_str_equal (((const PoeCaseSummary *) a)->id, ((const PoeCaseSummary *) b)->id);
}

static guint
flight_hash (gconstpointer flight)
{
  return g_str_hash (((const Flight *) flight)->id);
}

static gboolean
flight_equal (gconstpointer a,
              gconstpointer b)
{
  return g_str_equal (((const Flight *) a)->id, ((const Flight *) b)->id);
}

static Flight *
lookup_flight (PoeCaseIndex *self,
               const char   *flight_id)
{
  Flight probe = { .id = (char *) flight_id };

  return g_hash_table_lookup (self->flights, &probe);
}

/* Takes @summary into its flight, which a list holds. */
static void
add_family (PoeCaseIndex   *self,
            Flight         *flight,
            PoeCaseSummary *summary)
{
  g_ptr_array_add (flight->families, summary);
  g_hash_table_add (self->families, summary);
}

/* Drops @summary from the index; returns the reference its flight held. */
static PoeCaseSummary *
steal_family (PoeCaseIndex   *self,
              PoeCaseSummary *summary)
{
  Flight *flight = lookup_flight (self, summary->flight_id);
  guint position;

  g_hash_table_remove (self->families, summary);
  if (g_ptr_array_find (flight->families, summary, &position))
    g_ptr_array_steal_index (flight->families, position);
  return summary;
}

/* Takes @error. */
static void
fail (PoeCaseIndex *self,
      GError       *error)
{
  g_autoptr(GError) owned = error;

  g_signal_emit (self, signals[READ_FAILED], 0, owned);
}

static void
clear_change (gpointer data)
{
  PoeCaseChange *change = data;

  g_clear_pointer (&change->before, poe_case_summary_unref);
  g_clear_pointer (&change->after, poe_case_summary_unref);
}

/* Takes @after (nullable): replaces the family's summary, and notes the change. */
static void
replace_family (PoeCaseIndex   *self,
                const char     *case_id,
                PoeCaseSummary *after,
                GArray         *changes)
{
  PoeCaseChange change = { NULL, poe_case_index_lookup (self, case_id), NULL };
  Flight *flight = after && after->flight_id ? lookup_flight (self, after->flight_id) : NULL;

  if (change.before != NULL)
    steal_family (self, change.before);

  if (flight != NULL)
    {
      change.after = poe_case_summary_ref (after);
      add_family (self, flight, after);
    }
  else
    g_clear_pointer (&after, poe_case_summary_unref);

  if (change.before == NULL && change.after == NULL)
    return;

  change.id = change.after ? change.after->id : change.before->id;
  g_array_append_val (changes, change);
}

/* Reads those families again and tells the lists. */
static void
update_families (PoeCaseIndex       *self,
                 const char * const *case_ids)
{
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (PoeCaseChange));
  g_autoptr(GError) error = NULL;

  summaries = poe_store_list_case_summaries_for_cases (self->store, self->checklist, case_ids, &error);
  if (summaries == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  g_array_set_clear_func (changes, clear_change);
  for (guint i = 0; i < summaries->len; i++)
    g_hash_table_add (found, (gpointer) ((PoeCaseSummary *) g_ptr_array_index (summaries, i))->id);

  /* Deleted families, while @found's ids are those of live summaries. */
  for (guint i = 0; case_ids[i] != NULL; i++)
    if (!g_hash_table_contains (found, case_ids[i]))
      replace_family (self, case_ids[i], NULL, changes);

  g_ptr_array_set_free_func (summaries, NULL);
  for (guint i = 0; i < summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (summaries, i);

      replace_family (self, summary->id, summary, changes);
    }

  if (changes->len > 0)
    g_signal_emit (self, signals[FAMILIES_CHANGED], 0, changes->data, changes->len);
}

/* The families of changed members, segments or events: the one each belongs to now, and
 * for members and segments the one it belonged to before (it may have moved). */
static void
update_members (PoeCaseIndex       *self,
                const char         *entity,
                const char * const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hashes = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) current = NULL;
  g_auto(GStrv) case_ids = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  if (!(current = poe_store_dup_case_ids_of (self->store, entity, ids, &error)))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; current[i] != NULL; i++)
    if (g_hash_table_add (seen, current[i]))
      g_strv_builder_add (builder, current[i]);

  /* Checklist events never move. */
  for (guint i = 0; ids[i] != NULL && !g_str_equal (entity, "checklist_event"); i++)
    g_hash_table_add (hashes, GUINT_TO_POINTER (g_str_hash (ids[i])));

  g_hash_table_iter_init (&iter, self->families);
  while (g_hash_table_size (hashes) > 0 && g_hash_table_iter_next (&iter, &value, NULL))
    {
      PoeCaseSummary *old = value;

      if (poe_case_summary_has_member (old, hashes) && g_hash_table_add (seen, (gpointer) old->id))
        g_strv_builder_add (builder, old->id);
    }

  case_ids = g_strv_builder_end (builder);
  if (case_ids[0] != NULL)
    update_families (self, (const char * const *) case_ids);
}

static void
update_flights (PoeCaseIndex       *self,
                const char * const *ids)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (!(records = poe_store_list_records_by_ids (self->store, "flight", ids, &error)))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < records->len; i++)
    g_hash_table_insert (by_id, (gpointer) poe_record_get_id (g_ptr_array_index (records, i)),
                         g_ptr_array_index (records, i));

  g_signal_emit (self, signals[FLIGHTS_CHANGED], 0, ids, by_id);
}

static void
update_buffers (PoeCaseIndex *self)
{
  g_autoptr(GError) error = NULL;

  /* The defaults apply meanwhile: the lists say why, and compute their risks again. */
  if (!poe_store_load_risk_buffers (self->store, &self->buffers, &error))
    fail (self, g_steal_pointer (&error));

  g_signal_emit (self, signals[BUFFERS_CHANGED], 0);
}


/*
 * Callbacks
 */

static void
on_store_changed_cb (PoeCaseIndex       *self,
                     const char         *entity,
                     const char * const *ids,
                     PoeStoreChange      origin,
                     PoeStore           *store)
{
  g_assert (POE_IS_CASE_INDEX (self));

  if (ids == NULL || ids[0] == NULL)
    return;

  if (g_str_equal (entity, "flight"))
    update_flights (self, ids);
  else if (g_str_equal (entity, "case"))
    update_families (self, ids);
  else if (g_str_equal (entity, "person") || g_str_equal (entity, "segment") ||
           g_str_equal (entity, "checklist_event"))
    update_members (self, entity, ids);
  else if (g_str_equal (entity, "poe"))
    update_buffers (self);
}


/*
 * GObject overrides
 */

static void
poe_case_index_dispose (GObject *object)
{
  PoeCaseIndex *self = POE_CASE_INDEX (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (poe_case_index_parent_class)->dispose (object);
}

static void
poe_case_index_finalize (GObject *object)
{
  PoeCaseIndex *self = POE_CASE_INDEX (object);

  /* The set borrows the flights' summaries: it goes first. */
  g_clear_pointer (&self->families, g_hash_table_unref);
  g_clear_pointer (&self->flights, g_hash_table_unref);
  g_clear_pointer (&self->checklist, poe_checklist_template_unref);

  G_OBJECT_CLASS (poe_case_index_parent_class)->finalize (object);
}

static void
poe_case_index_class_init (PoeCaseIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = poe_case_index_dispose;
  object_class->finalize = poe_case_index_finalize;

  /**
   * PoeCaseIndex::flights-changed:
   * @ids: the ids of the flights that changed, were added or deleted
   * @records: (element-type utf8 PoeRecord): flight id → record, for those of @ids that
   *   exist and are not deleted
   *
   * The flights are read once for every list; each decides which are its own.
   */
  signals[FLIGHTS_CHANGED] =
    g_signal_new ("flights-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRV | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_HASH_TABLE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * PoeCaseIndex::families-changed:
   * @changes: (array length=n_changes): a #PoeCaseChange per family
   * @n_changes: their number
   *
   * Families of held flights changed, came or went; the index already holds the new
   * summaries (poe_case_index_get_families()).
   */
  signals[FAMILIES_CHANGED] =
    g_signal_new ("families-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);

  /**
   * PoeCaseIndex::buffers-changed:
   *
   * The POE changed: poe_case_index_get_buffers() may give other processing buffers, and
   * every risk may differ.
   */
  signals[BUFFERS_CHANGED] =
    g_signal_new ("buffers-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PoeCaseIndex::read-failed:
   * @error: why
   *
   * A change could not be read: the families the index holds may no longer match the
   * store. Each list sets its "error" property, and its view says so.
   */
  signals[READ_FAILED] =
    g_signal_new ("read-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
poe_case_index_init (PoeCaseIndex *self)
{
  self->checklist = poe_checklist_template_new_default ();
  poe_risk_buffers_init_default (&self->buffers);
  self->flights = g_hash_table_new_full (flight_hash, flight_equal, flight_free, NULL);
  self->families = g_hash_table_new (summary_hash, summary_equal);
}

static PoeCaseIndex *
poe_case_index_new (PoeStore *store)
{
  PoeCaseIndex *self = g_object_new (POE_TYPE_CASE_INDEX, NULL);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  if (!poe_store_load_risk_buffers (store, &self->buffers, &error))
    g_debug ("Default connection buffers: %s", error->message);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}


/*
 * Public API
 */

/**
 * poe_case_index_get_for_store:
 *
 * The index every list of @store shares: the one that exists, or a new one. It lives while
 * someone holds it; the lists hold it while they live. Like the store, it is used from one
 * thread at a time: the one @store's changes are emitted on, once the lists are handed
 * there (the board may be read ahead on the thread that opens the store).
 *
 * Returns: (transfer full): the index of @store
 */
PoeCaseIndex *
poe_case_index_get_for_store (PoeStore *store)
{
  PoeCaseIndex *self;
  GWeakRef *weak;

  g_return_val_if_fail (POE_IS_STORE (store), NULL);

  g_mutex_lock (&index_lock);
  if (index_quark == 0)
    index_quark = g_quark_from_static_string ("poe-case-index");
  if (!(weak = g_object_get_qdata (G_OBJECT (store), index_quark)))
    {
      weak = g_new0 (GWeakRef, 1);
      g_weak_ref_init (weak, NULL);
      g_object_set_qdata_full (G_OBJECT (store), index_quark, weak, weak_ref_free);
    }
  if (!(self = g_weak_ref_get (weak)))
    {
      self = poe_case_index_new (store);
      g_weak_ref_set (weak, self);
    }
  g_mutex_unlock (&index_lock);

  return self;
}

PoeStore *
poe_case_index_get_store (PoeCaseIndex *self)
{
  g_return_val_if_fail (POE_IS_CASE_INDEX (self), NULL);

  return self->store;
}

/**
 * poe_case_index_get_buffers:
 *
 * Returns: (transfer none): the POE's processing buffers, for the connection risk
 */
const PoeRiskBuffers *
poe_case_index_get_buffers (PoeCaseIndex *self)
{
  g_return_val_if_fail (POE_IS_CASE_INDEX (self), NULL);

  return &self->buffers;
}

/**
 * poe_case_index_hold_flights:
 * @flight_ids: the flights whose families a list shows
 *
 * Keeps the families of @flight_ids, and follows them, until each is released as often as
 * it was held. Those of flights not held yet are read now, in one set of queries. A family
 * the index already holds on another flight stays there until its change arrives.
 *
 * Returns: %FALSE with @error set when the store fails; then nothing is held
 */
gboolean
poe_case_index_hold_flights (PoeCaseIndex        *self,
                             const char * const  *flight_ids,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) summaries = NULL;
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (POE_IS_CASE_INDEX (self), FALSE);
  g_return_val_if_fail (flight_ids != NULL, FALSE);

  for (guint i = 0; flight_ids[i] != NULL; i++)
    if (lookup_flight (self, flight_ids[i]) == NULL && g_hash_table_add (missing, (gpointer) flight_ids[i]))
      g_strv_builder_add (builder, flight_ids[i]);

  ids = g_strv_builder_end (builder);
  if (ids[0] != NULL &&
      !(summaries = poe_store_list_case_summaries_for_flights (self->store, self->checklist,
                                                               (const char * const *) ids, error)))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      Flight *flight = g_new0 (Flight, 1);

      flight->id = g_ref_string_new_intern (ids[i]);
      flight->families = g_ptr_array_new_with_free_func ((GDestroyNotify) poe_case_summary_unref);
      g_hash_table_add (self->flights, flight);
    }
  for (guint i = 0; flight_ids[i] != NULL; i++)
    lookup_flight (self, flight_ids[i])->holds++;

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      PoeCaseSummary *summary = g_ptr_array_index (summaries, i);

      if (!g_hash_table_contains (self->families, summary))
        add_family (self, lookup_flight (self, summary->flight_id), poe_case_summary_ref (summary));
    }

  return TRUE;
}

/**
 * poe_case_index_release_flight:
 *
 * Undoes one poe_case_index_hold_flights() of @flight_id; the last forgets its families.
 */
void
poe_case_index_release_flight (PoeCaseIndex *self,
                               const char   *flight_id)
{
  Flight *flight;

  g_return_if_fail (POE_IS_CASE_INDEX (self));
  g_return_if_fail (flight_id != NULL);

  flight = lookup_flight (self, flight_id);
  g_return_if_fail (flight != NULL && flight->holds > 0);

  if (--flight->holds > 0)
    return;

  for (guint i = 0; i < flight->families->len; i++)
    g_hash_table_remove (self->families, g_ptr_array_index (flight->families, i));
  g_hash_table_remove (self->flights, flight);
}

/**
 * poe_case_index_get_families:
 *
 * Returns: (nullable) (transfer none) (element-type PoeCaseSummary): the families of a
 *   held flight, in no particular order; the same array, kept up to date, for as long as
 *   the flight is held
 */
GPtrArray *
poe_case_index_get_families (PoeCaseIndex *self,
                             const char   *flight_id)
{
  Flight *flight;

  g_return_val_if_fail (POE_IS_CASE_INDEX (self), NULL);
  g_return_val_if_fail (flight_id != NULL, NULL);

  flight = lookup_flight (self, flight_id);
  return flight ? flight->families : NULL;
}

/**
 * poe_case_index_lookup:
 *
 * Returns: (nullable) (transfer none): the summary of a family of a held flight
 */
PoeCaseSummary *
poe_case_index_lookup (PoeCaseIndex *self,
                       const char   *case_id)
{
  PoeCaseSummary probe = { .id = case_id };

  g_return_val_if_fail (POE_IS_CASE_INDEX (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return g_hash_table_lookup (self->families, &probe);
}
