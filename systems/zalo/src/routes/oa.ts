import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZaloStore } from '../store.ts';
import type { ZaloWebhooks } from '../webhooks.ts';

/** Zalo answers HTTP 200 with `error` ≠ 0 for every API error; 0 and "Success" otherwise. */
export const zaloError = (reply: FastifyReply, error: number, message: string) => reply.code(200).send({ error, message });
const ok = (data: unknown) => ({ data, error: 0, message: 'Success' });

/** `data=` is a JSON object in the query string on Zalo's GET endpoints. */
function dataParam(raw: unknown): Record<string, unknown> | null {
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const MAX_LIST = 50;
const MAX_CONVERSATION = 10;
const MAX_TEXT = 2000;

/**
 * The Zalo OA Open API routes the connector uses:
 *   GET  /v3.0/oa/user/detail?data={"user_id"}          a follower's profile
 *   GET  /v3.0/oa/user/getlist?data={"offset","count"}  followers, count ≤ 50, `total` for paging
 *   GET  /v2.0/oa/conversation?data={"user_id","offset","count"}   a chat, newest first, count ≤ 10
 *   POST /v3.0/oa/message/cs {recipient:{user_id}, message:{text}}  a customer-service message
 * Stand-in switches: PUT /__admin/webhook {url} (the webhook URL set in Zalo's developer console),
 * POST /__admin/inbound {userId, text} and POST /__admin/follow {userId} send those webhooks now.
 */
export function registerOaRoutes(app: FastifyInstance, store: ZaloStore, webhooks: ZaloWebhooks): void {
  app.get<{ Querystring: { data?: string } }>('/v3.0/oa/user/detail', async (req, reply) => {
    const data = dataParam(req.query.data);
    const userId = data?.user_id;
    if (typeof userId !== 'string' && typeof userId !== 'number') return zaloError(reply, -201, 'user_id is invalid');
    const user = store.user(String(userId));
    if (!user) return zaloError(reply, -213, 'User has not followed OA');
    return ok({ ...user, user_id_by_app: user.user_id, user_alias: '', is_sensitive: false, avatars: { '120': user.avatar, '240': user.avatar }, tags_and_notes_info: { notes: [], tag_names: [] }, shared_info: {} });
  });

  app.get<{ Querystring: { data?: string } }>('/v3.0/oa/user/getlist', async (req, reply) => {
    const data = dataParam(req.query.data);
    const offset = Number(data?.offset ?? 0);
    const count = Number(data?.count ?? 15);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > MAX_LIST) return zaloError(reply, -201, `offset must be ≥ 0 and count 1-${MAX_LIST}`);
    const users = store.followers.slice(offset, offset + count).map((user_id) => ({ user_id }));
    return ok({ total: store.followers.length, count: users.length, offset, users });
  });

  app.get<{ Querystring: { data?: string } }>('/v2.0/oa/conversation', async (req, reply) => {
    const data = dataParam(req.query.data);
    const userId = data?.user_id;
    const offset = Number(data?.offset ?? 0);
    const count = Number(data?.count ?? 5);
    if ((typeof userId !== 'string' && typeof userId !== 'number') || !Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > MAX_CONVERSATION) {
      return zaloError(reply, -201, `user_id is required, offset ≥ 0, count 1-${MAX_CONVERSATION}`);
    }
    if (!store.user(String(userId))) return zaloError(reply, -213, 'User has not followed OA');
    return ok(store.conversation(String(userId)).slice(offset, offset + count));
  });

  app.post<{ Body: { recipient?: { user_id?: unknown }; message?: { text?: unknown } } }>('/v3.0/oa/message/cs', async (req, reply) => {
    const userId = req.body?.recipient?.user_id;
    const text = req.body?.message?.text;
    if (typeof userId !== 'string' || userId === '') return zaloError(reply, -201, 'recipient.user_id is invalid');
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return zaloError(reply, -201, `message.text must be 1-${MAX_TEXT} characters`);
    if (!store.user(userId)) return zaloError(reply, -213, 'User has not followed OA');
    const sent = store.send(userId, text);
    return ok({ message_id: sent.message_id, user_id: userId, quota: { quota_type: 'reply', remain: 7, total_quota: 8, expired_date: null, owner_type: 'OA', owner_id: store.oa.oa_id } });
  });

  app.put<{ Body: { url?: string } }>('/__admin/webhook', async (req, reply) => {
    try {
      webhooks.url = new URL(String(req.body?.url)).href;
    } catch {
      return reply.code(400).send({ error: 'url is not a URL' });
    }
    return { url: webhooks.url };
  });
  app.post<{ Body: { userId?: string; text?: string } }>('/__admin/inbound', async (req, reply) => {
    const userId = req.body?.userId ?? '';
    if (!store.user(userId)) return reply.code(404).send({ error: 'no such follower' });
    const message = store.inbound(userId, req.body?.text || 'Xin chào');
    return { message_id: message.message_id, delivered: await webhooks.userSendText(userId, message.message_id, message.message, message.time) };
  });
  app.post<{ Body: { userId?: string } }>('/__admin/follow', async (req, reply) => {
    const userId = req.body?.userId ?? '';
    if (!store.user(userId)) return reply.code(404).send({ error: 'no such follower' });
    return { delivered: await webhooks.follow(userId) };
  });
}
