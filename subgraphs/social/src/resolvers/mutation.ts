import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { SocialSendResultModel } from '../mappers.ts';
import { isoTime } from './shared.ts';

const KEY_MAX = 150;
const WINDOW_MS = 24 * 3600 * 1000;
/**
 * Meta's Send API takes no idempotency key, so a retried send is made safe here, in an outbox
 * keyed by our idempotency key (this process's, bounded, oldest dropped):
 * - a send that succeeded answers every retry with its first result, without sending again;
 * - a send that failed before Meta could have taken it (a refusal: bad recipient, no permission)
 *   is forgotten, and the retry sends;
 * - a send whose outcome is unknown (timed out, connection lost, 5xx: Meta may have delivered it)
 *   is kept as "in doubt" with its start time; the retry first reads the person's thread and, if
 *   the page's message with the same text is there from that time on, answers with it instead of
 *   sending a second copy. Only when it is not there does the retry send.
 * A retry reaching another replica or a restarted process does not see this outbox and sends;
 * callers that must never send twice (the flows subgraph) keep their own record of the step.
 */
const SENT_MAX = 10_000;
type OutboxEntry = { state: 'sending' | 'sent'; result: Promise<SocialSendResultModel> } | { state: 'in-doubt'; startedAt: number };
const outbox = new Map<string, OutboxEntry>();
/** Failures after which Meta may still have delivered the message. */
const AMBIGUOUS = new Set<string>([ErrorCode.UPSTREAM_TIMEOUT, ErrorCode.UPSTREAM_UNAVAILABLE]);

function remember(slot: string, entry: OutboxEntry): void {
  outbox.delete(slot);
  outbox.set(slot, entry);
  if (outbox.size > SENT_MAX) outbox.delete(outbox.keys().next().value as string);
}

export const Mutation: MutationResolvers = {
  sendSocialMessage(_root, { profileId, text, tag, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > 2000) throw badInput('text must be 1 to 2,000 characters', 'text');
    const slot = `${profileId}|${key}`;
    const previous = outbox.get(slot);
    if (previous && previous.state !== 'in-doubt') return previous.result;
    const inDoubtSince = previous?.state === 'in-doubt' ? previous.startedAt : null;
    const startedAt = Date.now();
    const attempt = (async (): Promise<SocialSendResultModel> => {
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
    })();
    remember(slot, { state: 'sending', result: attempt });
    attempt.then(
      () => remember(slot, { state: 'sent', result: attempt }),
      (error: unknown) => {
        const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
        if (typeof code === 'string' && AMBIGUOUS.has(code)) remember(slot, { state: 'in-doubt', startedAt: inDoubtSince ?? startedAt });
        else outbox.delete(slot);
      },
    );
    return attempt;
  },
};
