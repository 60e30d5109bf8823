import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SendOutbox } from '../../../../lib/send-outbox.ts';
import { SYSTEM } from '../connector/index.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import type { ZaloSendResultModel } from '../mappers.ts';

const KEY_MAX = 150;
const TEXT_MAX = 2000;
/** Zalo's send API takes no idempotency key: retried sends are made safe by lib/send-outbox.ts. */
const outbox = new SendOutbox<ZaloSendResultModel>();

export const Mutation: MutationResolvers = {
  sendZaloMessage(_root, { userId, text, idempotencyKey }, ctx) {
    const key = idempotencyKey.trim();
    if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
    if (text.trim().length === 0 || text.length > TEXT_MAX) throw badInput(`text must be 1 to ${TEXT_MAX.toLocaleString('en')} characters`, 'text');
    return outbox.send(`${userId}|${key}`, async (inDoubtSince) => {
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
    });
  },
};
