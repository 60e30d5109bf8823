import DataLoader from 'dataloader';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { groupByKey, rekey } from '../../../lib/batch.ts';
import type { CustomerModel, MatchSuggestionModel, SourceLinkModel } from './mappers.ts';
import type { AuditEntry, IdentityStore } from './store.ts';

/** The most audit entries one customer's trail returns; `first` above it is capped. */
export const MAX_AUDIT_ENTRIES = 200;

/** Per-request DataLoaders: every batch is one SQL query, whatever the number of customers. */
export function createLoaders(store: IdentityStore) {
  return {
    /** A merged id resolves to its survivor. */
    customerById: new DataLoader<string, CustomerModel | null>(async (ids) => {
      const found = await store.customersByIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** `system:externalId` → the customer that record is linked to. */
    customerBySourceKey: new DataLoader<string, CustomerModel | null>(async (keys) => {
      const found = await store.customersBySourceKeys(keys);
      return keys.map((key) => found.get(key) ?? null);
    }),
    linksByCustomerId: new DataLoader<string, SourceLinkModel[]>(async (ids) => groupByKey(ids, await store.linksByCustomerIds(ids), (l) => l.customerId)),
    recordsByCustomerId: new DataLoader<string, SourceRecord[]>(async (ids) =>
      groupByKey(ids, await store.recordsByCustomerIds(ids), (r) => r.customerId).map((rows) => rows.map((r) => r.record)),
    ),
    auditByCustomerId: new DataLoader<string, AuditEntry[]>(async (ids) => {
      const found = await store.auditByCustomerIds(ids, MAX_AUDIT_ENTRIES);
      return ids.map((id) => found.get(id) ?? []);
    }),
    suggestionById: new DataLoader<string, MatchSuggestionModel | null>(async (ids) => rekey(ids, (await store.suggestionsByIds(ids)).values(), (s) => s.id)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
