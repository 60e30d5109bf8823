import type { FastifyInstance } from 'fastify';
import type { LineStore } from '../store.ts';

const MAX_FOLLOWER_PAGE = 1000;
const DEFAULT_FOLLOWER_PAGE = 300;

const encodeStart = (offset: number) => Buffer.from(`followers:${offset}`).toString('base64url');
function decodeStart(raw: string | undefined): number | null {
  if (raw === undefined) return 0;
  const match = /^followers:(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * Reads (Messaging API):
 *   GET /v2/bot/profile/{userId}   a friend's profile; anyone else: 404 `{"message":"Not found"}`
 *   GET /v2/bot/followers/ids?limit=&start=   user ids in the order they added the account,
 *     `next` (the continuation token) only while more remain; limit 1-1000, default 300
 *   GET /v2/bot/info               the account itself (its `userId` is the webhook `destination`)
 * LINE has no read of many profiles at once: a connector reads them one call each.
 */
export function registerProfileRoutes(app: FastifyInstance, store: LineStore): void {
  app.get<{ Params: { userId: string } }>('/v2/bot/profile/:userId', async (req, reply) => {
    const profile = store.profile(req.params.userId);
    if (!profile || !store.followers.includes(profile.userId)) return reply.code(404).send({ message: 'Not found' });
    return profile;
  });

  app.get<{ Querystring: { limit?: string; start?: string } }>('/v2/bot/followers/ids', async (req, reply) => {
    const limit = req.query.limit === undefined ? DEFAULT_FOLLOWER_PAGE : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FOLLOWER_PAGE) {
      return reply.code(400).send({ message: 'The request parameter has 1 error(s)', details: [{ message: `Must be between 1 and ${MAX_FOLLOWER_PAGE}`, property: 'limit' }] });
    }
    const offset = decodeStart(req.query.start);
    if (offset === null) return reply.code(400).send({ message: 'Invalid start' });
    const userIds = store.followers.slice(offset, offset + limit);
    const end = offset + userIds.length;
    return { userIds, ...(end < store.followers.length ? { next: encodeStart(end) } : {}) };
  });

  app.get('/v2/bot/info', async () => ({
    userId: store.bot.userId,
    basicId: store.bot.basicId,
    displayName: store.bot.displayName,
    ...(store.bot.pictureUrl ? { pictureUrl: store.bot.pictureUrl } : {}),
    chatMode: 'chat',
    markAsReadMode: 'auto',
  }));
}
