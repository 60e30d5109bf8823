import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { SocialSendResultModel } from '../mappers.ts';
import { isoTime } from './shared.ts';

const KEY_MAX = 150;
const WINDOW_MS = 24 * 3600 * 1000;
/**
 * Meta's Send API takes no idempotency key, and this subgraph has no database: the first result
 * per key is kept in this process (bounded, oldest dropped). A retry reaching another replica or
 * a restarted process sends again; callers that must never send twice (the flows subgraph) keep
 * their own record of the step, so they do not retry a step that already succeeded.
 */
const SENT_MAX = 10_000;
const sent = new Map<string, Promise<SocialSendResultModel>>();

export const Mutation: MutationResolvers = {
  sendSocialMessage(_root, { profileId, text, tag, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > 2000) throw badInput('text must be 1 to 2,000 characters', 'text');
    const slot = `${profileId}|${key}`;
    const previous = sent.get(slot);
    if (previous) return previous;
    const attempt = (async (): Promise<SocialSendResultModel> => {
      const profile = await ctx.loaders.profileById.load(profileId);
      if (!profile) throw codedError(ErrorCode.NOT_FOUND, `No social profile ${profileId}`, { system: 'social', field: 'profileId' });
      // The 24-hour window opens with the person's last message in their thread with the page.
      const conversations = await ctx.loaders.conversationsByProfileId.load({ profile, limit: 1 });
      const thread = conversations[0];
      const messages = thread ? await ctx.loaders.messagesByConversationId.load({ conversationId: thread.id, pageId: thread.page_id, limit: 25 }) : [];
      const lastInbound = Math.max(0, ...messages.filter((m) => m.from?.id === profile.id).map((m) => Date.parse(isoTime(m.created_time))));
      const inWindow = Date.now() - lastInbound < WINDOW_MS;
      const chosenTag = inWindow ? null : (tag ?? 'POST_PURCHASE_UPDATE');
      const answer = await ctx.connector.sendMessage(profile.page_id, profile.id, text, inWindow ? { messagingType: 'RESPONSE' } : { messagingType: 'MESSAGE_TAG', tag: chosenTag });
      // Write-through: the person's threads and this thread's messages are stale now.
      await ctx.cache?.del([['conversations-of-profile', profile.id], ...(thread ? [['messages-of-conversation', thread.id] as [string, string]] : [])]);
      return { messageId: answer.message_id, profile, messagingType: inWindow ? 'RESPONSE' : 'MESSAGE_TAG', tag: chosenTag, sentAt: new Date().toISOString() };
    })();
    sent.set(slot, attempt);
    if (sent.size > SENT_MAX) sent.delete(sent.keys().next().value as string);
    // A failed send is not remembered: the retry sends.
    attempt.catch(() => sent.delete(slot));
    return attempt;
  },
};
