import DataLoader from 'dataloader';
import { rekey } from '../../../lib/batch.ts';
import type { CrmConnector } from './connector/index.ts';
import type { CrmContactModel, EngagementModels, EngagementType } from './mappers.ts';

/** Newest first: the interaction's own time when it has one (tickets have none), else when it was logged. */
function timeOf(o: EngagementModels[EngagementType]): number {
  const stamp = 'hs_timestamp' in o.properties ? o.properties.hs_timestamp : null;
  return Date.parse(stamp ?? o.createdAt);
}
const newestFirst = (a: EngagementModels[EngagementType], b: EngagementModels[EngagementType]) => timeOf(b) - timeOf(a);

/** Built per request: DataLoader caches must never outlive one GraphQL operation. */
export function createLoaders(connector: CrmConnector) {
  const contactById = new DataLoader<string, CrmContactModel | null>(async (ids) => rekey(ids, await connector.readContacts(ids), (c) => c.id));

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
    new DataLoader<string, EngagementModels[T] | null>(async (ids) => rekey(ids, await connector.readEngagements(type, ids), (o) => o.id));
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
      const associated = await connector.associatedIds(type, contactIds);
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
