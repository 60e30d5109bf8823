import DataLoader from 'dataloader';
import { inChunks, rekey } from '../../../lib/batch.ts';
import { CONVERSATION_FIELDS, MAX_IDS, PROFILE_FIELDS, type PerKey, type SocialConnector } from './connector/index.ts';
import type { GraphConversation, GraphMessage, GraphPage, GraphProfile, GraphReferralEvent } from './mappers.ts';

export interface ConversationsKey {
  profile: GraphProfile;
  limit: number;
}
export interface MessagesKey {
  conversationId: string;
  limit: number;
}

/** Per request (context.ts): DataLoader caches must not outlive one GraphQL operation. */
export function createLoaders(connector: SocialConnector) {
  /** Multi-ID read, 50 ids per call; the answer is an object keyed by id, re-keyed to the request order. */
  const byIds =
    <T>(fields: string) =>
    async (ids: readonly string[]): Promise<PerKey<T>[]> => {
      const entries = await inChunks(ids, MAX_IDS, (part) => connector.readNodes<T>(part, fields));
      return rekey(ids, entries, ([id]) => id).map((entry) => (entry ? entry[1] : null));
    };

  const profileById = new DataLoader<string, GraphProfile | null>(byIds<GraphProfile>(PROFILE_FIELDS));
  const conversationById = new DataLoader<string, GraphConversation | null>(byIds<GraphConversation>(CONVERSATION_FIELDS));

  // Graph batch answers are positional, so these results are already in key order.
  const conversationsByProfileId = new DataLoader<ConversationsKey, GraphConversation[], string>(
    async (keys) => {
      const results = await connector.conversationsOf(keys);
      return results.map((result) => {
        if (result instanceof Error) return result;
        for (const conversation of result ?? []) conversationById.prime(conversation.id, conversation);
        return result ?? [];
      });
    },
    { cacheKeyFn: (key) => `${key.profile.id}:${key.limit}` },
  );

  const messagesByConversationId = new DataLoader<MessagesKey, GraphMessage[], string>(
    async (keys) => (await connector.messagesOf(keys)).map((result) => result ?? []),
    { cacheKeyFn: (key) => `${key.conversationId}:${key.limit}` },
  );

  const referralsByProfileId = new DataLoader<GraphProfile, GraphReferralEvent[], string>(
    async (profiles) => (await connector.referralsOf(profiles)).map((result) => result ?? []),
    { cacheKeyFn: (profile) => profile.id },
  );

  let pages: Promise<GraphPage[]> | undefined;
  /** The managed pages: one `GET /me/accounts` per request at most. */
  const allPages = () => (pages ??= connector.listPages());

  return { profileById, conversationById, conversationsByProfileId, messagesByConversationId, referralsByProfileId, allPages };
}

export type Loaders = ReturnType<typeof createLoaders>;
