import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { ZaloSendResultModel } from '../mappers.ts';

const KEY_MAX = 150;
const TEXT_MAX = 2000;
/**
 * Zalo's send API takes no idempotency key and this subgraph has no database: the first result per
 * key is kept in this process (bounded, oldest dropped), as the social subgraph does for Meta.
 * Callers that must never send twice (the flows subgraph) keep their own record of the step.
 */
const SENT_MAX = 10_000;
const sent = new Map<string, Promise<ZaloSendResultModel>>();

export const Mutation: MutationResolvers = {
  sendZaloMessage(_root, { userId, text, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > TEXT_MAX) throw badInput(`text must be 1 to ${TEXT_MAX.toLocaleString('en')} characters`, 'text');
    const slot = `${userId}|${key}`;
    const previous = sent.get(slot);
    if (previous) return previous;
    const attempt = (async (): Promise<ZaloSendResultModel> => {
      const user = await ctx.loaders.userById.load(userId);
      if (!user) throw codedError(ErrorCode.NOT_FOUND, `No Zalo user ${userId} follows the OA`, { system: SYSTEM, field: 'userId' });
      const answer = await ctx.connector.sendText(user.user_id, text);
      return { messageId: answer.message_id, user, sentAt: new Date().toISOString() };
    })();
    sent.set(slot, attempt);
    if (sent.size > SENT_MAX) sent.delete(sent.keys().next().value as string);
    attempt.catch(() => sent.delete(slot));
    return attempt;
  },
};
