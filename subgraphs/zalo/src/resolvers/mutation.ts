import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { ZaloSendResultModel } from '../mappers.ts';

const KEY_MAX = 150;
const TEXT_MAX = 2000;
/**
 * Zalo's send API takes no idempotency key, so a retried send is made safe here, in an outbox keyed
 * by our idempotency key (this process's, bounded, oldest dropped), as the social subgraph does for Meta:
 * - a send that succeeded answers every retry with its first result, without sending again;
 * - a send Zalo refused is forgotten, and the retry sends;
 * - a send whose outcome is unknown (timed out, connection lost, 5xx: Zalo may have delivered it) is
 *   kept "in doubt" with its start time; the retry first reads the person's conversation with the OA
 *   and, if the OA's message with the same text is there from that time on, answers with it.
 * A retry reaching another replica or a restarted process does not see this outbox and sends;
 * callers that must never send twice (the flows subgraph) keep their own record of the step.
 */
const SENT_MAX = 10_000;
type OutboxEntry = { state: 'sending' | 'sent'; result: Promise<ZaloSendResultModel> } | { state: 'in-doubt'; startedAt: number };
const outbox = new Map<string, OutboxEntry>();
/** Failures after which Zalo may still have delivered the message. */
const AMBIGUOUS = new Set<string>([ErrorCode.UPSTREAM_TIMEOUT, ErrorCode.UPSTREAM_UNAVAILABLE]);

function remember(slot: string, entry: OutboxEntry): void {
  outbox.delete(slot);
  outbox.set(slot, entry);
  if (outbox.size > SENT_MAX) outbox.delete(outbox.keys().next().value as string);
}

export const Mutation: MutationResolvers = {
  sendZaloMessage(_root, { userId, text, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > TEXT_MAX) throw badInput(`text must be 1 to ${TEXT_MAX.toLocaleString('en')} characters`, 'text');
    const slot = `${userId}|${key}`;
    const previous = outbox.get(slot);
    if (previous && previous.state !== 'in-doubt') return previous.result;
    const inDoubtSince = previous?.state === 'in-doubt' ? previous.startedAt : null;
    const startedAt = Date.now();
    const attempt = (async (): Promise<ZaloSendResultModel> => {
      const user = await ctx.loaders.userById.load(userId);
      if (!user) throw codedError(ErrorCode.NOT_FOUND, `No Zalo user ${userId} follows the OA`, { system: SYSTEM, field: 'userId' });
      if (inDoubtSince !== null) {
        // Zalo's times are milliseconds; the OA's own messages have src 0.
        const recent = await ctx.connector.conversation(user.user_id, 25);
        const delivered = recent.find((m) => m.src === 0 && m.message === text && m.time >= inDoubtSince);
        if (delivered) return { messageId: delivered.message_id, user, sentAt: new Date(delivered.time).toISOString() };
      }
      const answer = await ctx.connector.sendText(user.user_id, text);
      return { messageId: answer.message_id, user, sentAt: new Date().toISOString() };
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
