import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { retryKeyOf, SYSTEM } from '../connector/index.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';

const KEY_MAX = 150;
const TEXT_MAX = 5000;

export const Mutation: MutationResolvers = {
  /**
   * LINE takes a retry key on push (`X-Line-Retry-Key`): the idempotency key becomes that key, so a
   * retry (from this or any other process, after a timeout too) is answered by LINE with the first
   * send's message ids (409) and nothing is sent twice. Bad input is refused before any call.
   */
  async sendLineMessage(_root, { userId, text, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > TEXT_MAX) throw badInput(`text must be 1 to ${TEXT_MAX.toLocaleString('en')} characters`, 'text');
    const user = await ctx.loaders.profileByUserId.load(userId);
    if (!user) throw codedError(ErrorCode.NOT_FOUND, `No LINE user ${userId} follows the account`, { system: SYSTEM, field: 'userId' });
    const result = await ctx.connector.push(user.userId, [text], key);
    const messageId = result.sentMessages[0]?.id;
    if (!messageId) throw codedError(ErrorCode.UPSTREAM_ERROR, 'line: the push was accepted without a message id', { system: SYSTEM });
    const now = Date.now();
    ctx.log.recordMessage({ id: messageId, userId: user.userId, at: now, fromCustomer: false, text });
    return { messageId, user, retryKey: retryKeyOf(key), alreadyAccepted: result.alreadyAccepted, sentAt: new Date(now).toISOString() };
  },
};
