import type { QueryResolvers } from '../generated/resolvers.ts';

export const Query: QueryResolvers = {
  zaloUser: (_root, { userId }, { loaders }) => loaders.userById.load(userId),
};
