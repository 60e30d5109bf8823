import type { QueryResolvers } from '../generated/resolvers.ts';

export const Query: QueryResolvers = {
  socialProfile: (_parent, { id }, { loaders }) => loaders.profileById.load(id),
  socialConversation: (_parent, { id }, { loaders }) => loaders.conversationById.load(id),
  socialPages: (_parent, _args, { loaders }) => loaders.allPages(),
};
