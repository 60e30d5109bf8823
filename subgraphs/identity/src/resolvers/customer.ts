import { goldenProfile } from '../profile.ts';
import { MAX_AUDIT_ENTRIES } from '../loaders.ts';
import type { CustomerResolvers, SourceLinkResolvers } from '../generated/resolvers.ts';

export const Customer: CustomerResolvers = {
  // Channel subgraphs point at a person by `sourceKey` ("pos:<id>"); the gateway by `id`.
  __resolveReference(ref, ctx) {
    if ('id' in ref && ref.id) return ctx.loaders.customerById.load(String(ref.id));
    if ('sourceKey' in ref && ref.sourceKey) return ctx.loaders.customerBySourceKey.load(String(ref.sourceKey));
    return null;
  },
  // Only a join key: any one of the customer's records identifies them.
  sourceKey: async (customer, _args, ctx) => {
    const [first] = await ctx.loaders.linksByCustomerId.load(customer.id);
    return first ? `${first.system}:${first.externalId}` : null;
  },
  links: (customer, _args, ctx) => ctx.loaders.linksByCustomerId.load(customer.id),
  profile: async (customer, _args, ctx) => goldenProfile(await ctx.loaders.recordsByCustomerId.load(customer.id), ctx.config.DEFAULT_PHONE_REGION, ctx.config.IDENTITY_PHONE_MARKETS),
  auditTrail: async (customer, { first }, ctx) => (await ctx.loaders.auditByCustomerId.load(customer.id)).slice(0, Math.max(0, Math.min(first ?? 20, MAX_AUDIT_ENTRIES))),
};

export const SourceLink: SourceLinkResolvers = {};
