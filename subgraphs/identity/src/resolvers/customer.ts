import { goldenProfile } from '../profile.ts';
import { MAX_AUDIT_ENTRIES } from '../loaders.ts';
import type { CustomerResolvers, SourceLinkResolvers, SourceRecordResolvers } from '../generated/resolvers.ts';

export const Customer: CustomerResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.customerById.load(String(ref.id)),
  links: (customer, _args, ctx) => ctx.loaders.linksByCustomerId.load(customer.id),
  profile: async (customer, _args, ctx) => goldenProfile(await ctx.loaders.recordsByCustomerId.load(customer.id), ctx.config.DEFAULT_PHONE_REGION, ctx.config.IDENTITY_PHONE_MARKETS),
  auditTrail: async (customer, { first }, ctx) => (await ctx.loaders.auditByCustomerId.load(customer.id)).slice(0, Math.max(0, Math.min(first ?? 20, MAX_AUDIT_ENTRIES))),
};

export const SourceLink: SourceLinkResolvers = {};

/** A channel record's way to its person: `{ system, externalId }` from the channel subgraph. */
export const SourceRecord: SourceRecordResolvers = {
  __resolveReference: (ref) => ({ system: String(ref.system), externalId: String(ref.externalId) }),
  customer: (record, _args, ctx) => ctx.loaders.customerBySourceKey.load(`${record.system}:${record.externalId}`),
  link: async (record, _args, ctx) => {
    const customer = await ctx.loaders.customerBySourceKey.load(`${record.system}:${record.externalId}`);
    if (!customer) return null;
    const links = await ctx.loaders.linksByCustomerId.load(customer.id);
    return links.find((l) => l.system === record.system && l.externalId === record.externalId) ?? null;
  },
};
