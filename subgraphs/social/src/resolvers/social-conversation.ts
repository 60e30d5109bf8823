import type { SocialConversationResolvers } from '../generated/resolvers.ts';
import { isoTime, pageSize, toPlatform } from './shared.ts';

export const SocialConversation: SocialConversationResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.conversationById.load(ref.id),
  platform: (conversation) => toPlatform(conversation.platform),
  updatedAt: (conversation) => isoTime(conversation.updated_time),
  messageCount: (conversation) => conversation.message_count ?? 0,
  unreadCount: (conversation) => conversation.unread_count ?? 0,
  profile: (conversation, _args, { loaders }) => {
    const person = conversation.participants?.data.find((p) => p.id !== conversation.page_id);
    return person ? loaders.profileById.load(person.id) : null;
  },
  messages: async (conversation, { first }, { loaders }) => {
    const limit = pageSize(first, 'first');
    if (limit === 0) return [];
    const messages = await loaders.messagesByConversationId.load({ conversationId: conversation.id, pageId: conversation.page_id, limit });
    return messages.map((message) => ({ ...message, pageId: conversation.page_id }));
  },
};
