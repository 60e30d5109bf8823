import { SYSTEM } from '../connector/index.ts';
import type { ZaloMessageResolvers, ZaloUserResolvers } from '../generated/resolvers.ts';
import { isoDate } from './shared.ts';

const MAX_MESSAGES = 50;

export const ZaloUser: ZaloUserResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.userById.load(ref.userId),
  userId: (u) => u.user_id,
  displayName: (u) => u.display_name,
  avatar: (u) => u.avatar ?? null,
  isFollower: (u) => u.user_is_follower ?? true,
  lastInteractionDate: (u) => isoDate(u.user_last_interaction_date),
  identity: (u) => ({ system: SYSTEM, externalId: u.user_id }),
  messages: (u, { first }, { loaders }) => loaders.messagesByUserId.load({ userId: u.user_id, limit: Math.min(Math.max(first ?? 10, 1), MAX_MESSAGES) }),
};

export const ZaloMessage: ZaloMessageResolvers = {
  id: (m) => m.message_id,
  at: (m) => new Date(m.time).toISOString(),
  fromCustomer: (m) => m.src === 1,
  text: (m) => (m.type === 'text' ? (m.message ?? null) : null),
};
