import type { QueryResolvers } from '../generated/resolvers.ts';
import { channelStatistics } from '../statistics.ts';

export const Query: QueryResolvers = {
  customer: (_root, { id }, ctx) => ctx.loaders.customerById.load(id),
  customerBySourceId: (_root, { system, externalId }, ctx) => ctx.loaders.customerBySourceKey.load(`${system}:${externalId}`),
  customers: async (_root, { search, first, after }, ctx) => {
    const page = await ctx.store.searchCustomers(search, first, after);
    return { edges: page.items, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null } };
  },
  matchSuggestions: async (_root, { status, first, after }, ctx) => {
    const page = await ctx.store.listSuggestions(status ?? 'OPEN', first, after);
    return { edges: page.items, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null } };
  },
  channelStatistics: (_root, _args, ctx) => channelStatistics(ctx.store.db),
};
