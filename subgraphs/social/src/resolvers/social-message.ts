import type { SocialMessageResolvers } from '../generated/resolvers.ts';
import { isoTime } from './shared.ts';

export const SocialMessage: SocialMessageResolvers = {
  at: (message) => isoTime(message.created_time),
  // The page (an agent or a bot) writes as the page id; anything else is the person.
  fromCustomer: (message) => message.from !== undefined && message.from.id !== message.pageId,
  text: (message) => message.message ?? null,
};
