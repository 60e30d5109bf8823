import DataLoader from 'dataloader';
import { rekey } from '../../../lib/batch.ts';
import { cachedBatch, type EntityCache } from '../../../lib/cache.ts';
import type { CrmConnector } from './connector/index.ts';
import type { CrmContactModel, EngagementModels, EngagementType } from './mappers.ts';

/** Newest first: the interaction's own time when it has one (tickets have none), else when it was logged. */
function timeOf(o: EngagementModels[EngagementType]): number {
  const stamp = 'hs_timestamp' in o.properties ? o.properties.hs_timestamp : null;
  return Date.parse(stamp ?? o.createdAt);
}
const newestFirst = (a: EngagementModels[EngagementType], b: EngagementModels[EngagementType]) => timeOf(b) - timeOf(a);

/**
 * Cache TTLs (ms) per resource (README "Caching"; CACHE_TTLS overrides). The CRM stand-in sends
 * no webhooks, so changes made in HubSpot itself show after at most these TTLs; this subgraph's
 * own writes (notes, calls) invalidate at once.
 */
export const CACHE_TTLS = {
  contact: 60_000,
  notes: 60_000,
  calls: 60_000,
  emails: 60_000,
  tickets: 60_000,
  'notes-of-contact': 30_000,
  'calls-of-contact': 30_000,
  'emails-of-contact': 30_000,
  'tickets-of-contact': 30_000,
};

/** Built per request: DataLoader caches must never outlive one GraphQL operation. Reads go through the process's entity cache when given. */
export function createLoaders(connector: CrmConnector, cache?: EntityCache) {
  const contactById = new DataLoader<string, CrmContactModel | null>((keys) =>
    cachedBatch(cache, { resource: 'contact' }, keys, async (ids) => rekey(ids, await connector.readContacts(ids), (c) => c.id)),
  );

  const contactByEmail = new DataLoader<string, CrmContactModel | null, string>(
    async (emails) => {
      const keys = emails.map((e) => e.toLowerCase());
      const found = await connector.readContactsByEmail(keys);
      for (const contact of found) contactById.prime(contact.id, contact);
      return rekey(keys, found, (c) => (c.properties.email ?? '').toLowerCase());
    },
    { cacheKeyFn: (email) => email.toLowerCase() },
  );

  const byId = <T extends EngagementType>(type: T) =>
    new DataLoader<string, EngagementModels[T] | null>((keys) =>
      cachedBatch(cache, { resource: type }, keys, async (ids) => rekey(ids, await connector.readEngagements(type, ids), (o) => o.id)),
    );
  const noteById = byId('notes');
  const callById = byId('calls');
  const emailById = byId('emails');
  const ticketById = byId('tickets');
  const objectById: { [T in EngagementType]: DataLoader<string, EngagementModels[T] | null> } = {
    notes: noteById,
    calls: callById,
    emails: emailById,
    tickets: ticketById,
  };

  /**
   * One v4 associations call for every contact in the batch, then one batch/read of every
   * associated object (through the by-id loader, which also serves `_entities` for them).
   */
  const byContactId = <T extends EngagementType>(type: T) =>
    new DataLoader<string, EngagementModels[T][]>(async (contactIds) => {
      const lists = await cachedBatch(cache, { resource: `${type}-of-contact` }, contactIds, async (missing) => {
        const found = await connector.associatedIds(type, missing);
        return missing.map((id) => found.get(id) ?? []);
      });
      const associated = new Map(contactIds.map((id, i) => [id, lists[i] ?? []]));
      const allIds = [...new Set([...associated.values()].flat())];
      const loaded = await objectById[type].loadMany(allIds);
      const objects = new Map<string, EngagementModels[T]>();
      for (const item of loaded) {
        if (item instanceof Error) throw item;
        if (item) objects.set(item.id, item);
      }
      return contactIds.map((contactId) =>
        (associated.get(contactId) ?? [])
          .map((id) => objects.get(id))
          .filter((o): o is EngagementModels[T] => o !== undefined)
          .sort(newestFirst),
      );
    });

  return {
    contactById,
    contactByEmail,
    noteById,
    callById,
    emailById,
    ticketById,
    notesByContactId: byContactId('notes'),
    callsByContactId: byContactId('calls'),
    emailsByContactId: byContactId('emails'),
    ticketsByContactId: byContactId('tickets'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
