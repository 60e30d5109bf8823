import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SendOutbox } from '../../../../lib/send-outbox.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { SocialSendResultModel } from '../mappers.ts';
import { isoTime } from './shared.ts';

const KEY_MAX = 150;
const WINDOW_MS = 24 * 3600 * 1000;
/** Meta's Send API takes no idempotency key: retried sends are made safe by lib/send-outbox.ts. */
const outbox = new SendOutbox<SocialSendResultModel>();

export const Mutation: MutationResolvers = {
  sendSocialMessage(_root, { profileId, text, tag, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > 2000) throw badInput('text must be 1 to 2,000 characters', 'text');
    return outbox.send(`${profileId}|${key}`, async (inDoubtSince) => {
      const profile = await ctx.loaders.profileById.load(profileId);
      if (!profile) throw codedError(ErrorCode.NOT_FOUND, `No social profile ${profileId}`, { system: 'social', field: 'profileId' });
      // In doubt: what the process cache holds predates the first attempt's possible delivery.
      if (inDoubtSince !== null) await ctx.cache?.del([['conversations-of-profile', profile.id]]);
      // The 24-hour window opens with the person's last message in their thread with the page.
      const conversations = await ctx.loaders.conversationsByProfileId.load({ profile, limit: 1 });
      const thread = conversations[0];
      if (inDoubtSince !== null && thread) await ctx.cache?.del([['messages-of-conversation', thread.id]]);
      const messages = thread ? await ctx.loaders.messagesByConversationId.load({ conversationId: thread.id, pageId: thread.page_id, limit: 25 }) : [];
      const lastInbound = Math.max(0, ...messages.filter((m) => m.from?.id === profile.id).map((m) => Date.parse(isoTime(m.created_time))));
      const inWindow = Date.now() - lastInbound < WINDOW_MS;
      const chosenTag = inWindow ? null : (tag ?? 'POST_PURCHASE_UPDATE');
      if (inDoubtSince !== null) {
        // Graph times are whole seconds: anything from the second the first attempt started on.
        const since = Math.floor(inDoubtSince / 1000) * 1000;
        const delivered = messages.find((m) => m.from?.id !== profile.id && m.message === text && Date.parse(isoTime(m.created_time)) >= since);
        if (delivered) return { messageId: delivered.id, profile, messagingType: inWindow ? 'RESPONSE' : 'MESSAGE_TAG', tag: chosenTag, sentAt: isoTime(delivered.created_time) };
      }
      const answer = await ctx.connector.sendMessage(profile.page_id, profile.id, text, inWindow ? { messagingType: 'RESPONSE' } : { messagingType: 'MESSAGE_TAG', tag: chosenTag });
      // Write-through: the person's threads and this thread's messages are stale now.
      await ctx.cache?.del([['conversations-of-profile', profile.id], ...(thread ? [['messages-of-conversation', thread.id] as [string, string]] : [])]);
      return { messageId: answer.message_id, profile, messagingType: inWindow ? 'RESPONSE' : 'MESSAGE_TAG', tag: chosenTag, sentAt: new Date().toISOString() };
    });
  },
};
