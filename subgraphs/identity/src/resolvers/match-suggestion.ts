import type { MatchSuggestionResolvers } from '../generated/resolvers.ts';

export const MatchSuggestion: MatchSuggestionResolvers = {
  customerA: (s, _args, ctx) => ctx.loaders.customerBySourceKey.load(`${s.a.system}:${s.a.externalId}`),
  customerB: (s, _args, ctx) => ctx.loaders.customerBySourceKey.load(`${s.b.system}:${s.b.externalId}`),
};
