import { SYSTEM } from '../connector/index.ts';
import type { LineUserResolvers } from '../generated/resolvers.ts';

/** LINE's own cap of what we show of a chat; the log keeps 200 per user. */
const MAX_MESSAGES = 100;

export const LineUser: LineUserResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.profileByUserId.load(ref.userId),
  identity: (user) => ({ system: SYSTEM, externalId: user.userId }),
  followedAt: (user, _args, { log }) => {
    const at = log.followedAt(user.userId);
    return at === null ? null : new Date(at).toISOString();
  },
  messages: (user, { first }, { log }) => log.messagesOf(user.userId, Math.min(Math.max(first ?? 20, 0), MAX_MESSAGES)),
};
