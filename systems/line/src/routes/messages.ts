import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { LineStore, SentMessage } from '../store.ts';

interface MessageObject {
  type?: string;
  text?: string;
}

/** LINE's retry keys are UUIDs (any version) in hexadecimal form. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long LINE remembers an accepted retry key: 24 hours. */
const RETRY_KEY_TTL_MS = 24 * 3600_000;
const MAX_TEXT = 5000;

/** LINE's validation answer: 400, `message` plus one `details` entry per bad property. */
function invalid(reply: FastifyReply, details: { message: string; property: string }[]) {
  return reply.code(400).send({ message: `The request body has ${details.length} error(s)`, details });
}

/** Checks `messages` (1-5 message objects; the stand-in sends text messages only). */
function textsOf(messages: unknown): { texts: string[] } | { details: { message: string; property: string }[] } {
  if (!Array.isArray(messages)) return { details: [{ message: 'must be specified', property: 'messages' }] };
  if (messages.length < 1 || messages.length > 5) return { details: [{ message: 'Size must be between 1 and 5', property: 'messages' }] };
  const details: { message: string; property: string }[] = [];
  const texts: string[] = [];
  (messages as MessageObject[]).forEach((m, i) => {
    if (m?.type !== 'text') details.push({ message: 'The stand-in sends text messages only', property: `messages[${i}].type` });
    else if (typeof m.text !== 'string' || m.text.length === 0) details.push({ message: 'must be specified', property: `messages[${i}].text` });
    else if (m.text.length > MAX_TEXT) details.push({ message: `Length must be between 0 and ${MAX_TEXT}`, property: `messages[${i}].text` });
    else texts.push(m.text);
  });
  return details.length > 0 ? { details } : { texts };
}

const sentMessages = (sent: SentMessage[]) => sent.map((m) => ({ id: m.id, quoteToken: m.quoteToken }));

/**
 * Sending (Messaging API):
 *   POST /v2/bot/message/push   {to, messages[]}, optional `X-Line-Retry-Key` (UUID). A key LINE
 *     has already accepted answers 409 with `x-line-accepted-request-id` (the first request's id)
 *     and the first request's `sentMessages`: nothing is sent twice.
 *   POST /v2/bot/message/reply  {replyToken, messages[]}: the token of a webhook event, usable once
 *     (a used, unknown or expired token: 400 "Invalid reply token"). Reply takes no retry key.
 * Every answer carries `x-line-request-id`.
 */
export function registerMessageRoutes(app: FastifyInstance, store: LineStore): void {
  const accepted = new Map<string, { requestId: string; sent: SentMessage[]; at: number }>();
  app.addHook('onSend', async (_req, reply) => {
    if (!reply.hasHeader('x-line-request-id')) reply.header('x-line-request-id', randomUUID());
  });

  app.post<{ Body: { to?: unknown; messages?: unknown } }>('/v2/bot/message/push', async (req, reply) => {
    const requestId = randomUUID();
    reply.header('x-line-request-id', requestId);
    const rawKey = req.headers['x-line-retry-key'];
    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    if (key !== undefined && !UUID.test(key)) return reply.code(400).send({ message: "The value for the 'X-Line-Retry-Key' header is invalid" });
    const now = Date.now();
    const earlier = key ? accepted.get(key.toLowerCase()) : undefined;
    if (earlier && now - earlier.at < RETRY_KEY_TTL_MS) {
      return reply.code(409).header('x-line-accepted-request-id', earlier.requestId).send({ message: 'The retry key is already accepted', sentMessages: sentMessages(earlier.sent) });
    }
    const body = req.body ?? {};
    if (typeof body.to !== 'string' || body.to === '') return invalid(reply, [{ message: 'must be specified', property: 'to' }]);
    const checked = textsOf(body.messages);
    if ('details' in checked) return invalid(reply, checked.details);
    // A user who never added the account (or blocked it) cannot be pushed to.
    if (!store.followers.includes(body.to)) return reply.code(400).send({ message: 'Failed to send messages' });
    const sent = store.send(body.to, checked.texts, now);
    if (key) accepted.set(key.toLowerCase(), { requestId, sent, at: now });
    return reply.code(200).send({ sentMessages: sentMessages(sent) });
  });

  app.post<{ Body: { replyToken?: unknown; messages?: unknown } }>('/v2/bot/message/reply', async (req, reply) => {
    const body = req.body ?? {};
    if (typeof body.replyToken !== 'string' || body.replyToken === '') return invalid(reply, [{ message: 'must be specified', property: 'replyToken' }]);
    const checked = textsOf(body.messages);
    if ('details' in checked) return invalid(reply, checked.details);
    const userId = store.spendReplyToken(body.replyToken);
    if (!userId) return reply.code(400).send({ message: 'Invalid reply token' });
    return reply.code(200).send({ sentMessages: sentMessages(store.send(userId, checked.texts)) });
  });
}
