import type { QueryResolvers } from '../generated/resolvers.ts';

export const Query: QueryResolvers = {
  lineUser: (_root, { userId }, { loaders }) => loaders.profileByUserId.load(userId),
};
