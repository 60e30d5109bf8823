import type { FastifyInstance, FastifyReply } from 'fastify';
import { shuffle } from '../../../lib/shuffle.ts';
import type { Store } from '../store.ts';

/** The API's limits: 100 per list page, 100 ids per batch read. */
export const LIST_MAX = 100;
export const BATCH_MAX = 100;

const badRequest = (reply: FastifyReply, message: string) => reply.code(400).send({ error: { code: 'invalid_request', message } });

/** Opaque cursor: the last member id of the previous page. */
const encode = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

export function registerMemberRoutes(app: FastifyInstance, store: Store): void {
  /** `GET /v1/members?limit=&cursor=&updated_since=`: members in id order, cursor-paged. */
  app.get<{ Querystring: { limit?: string; cursor?: string; updated_since?: string } }>('/v1/members', async (req, reply) => {
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX) return badRequest(reply, `limit must be an integer from 1 to ${LIST_MAX}`);
    const since = req.query.updated_since ? Date.parse(req.query.updated_since) : null;
    if (since !== null && Number.isNaN(since)) return badRequest(reply, 'updated_since must be an ISO-8601 time');
    const after = req.query.cursor ? decode(req.query.cursor) : null;
    const matching = store.members.filter((m) => (after === null || m.id > after) && (since === null || Date.parse(m.updated_at) >= since));
    const data = matching.slice(0, limit);
    const last = data[data.length - 1];
    return { data, next_cursor: matching.length > limit && last ? encode(last.id) : null };
  });

  /** `POST /v1/members/batch_get { ids }`: up to 100 members; unknown ids are dropped, order is not kept. */
  app.post<{ Body: { ids?: unknown } }>('/v1/members/batch_get', async (req, reply) => {
    const ids = req.body?.ids;
    if (!Array.isArray(ids) || ids.length > BATCH_MAX || !ids.every((id) => typeof id === 'string')) return badRequest(reply, `ids must be an array of at most ${BATCH_MAX} strings`);
    return { data: shuffle(ids.map((id) => store.memberById.get(id)).filter((m) => m !== undefined)) };
  });

  /** `POST /v1/activities/batch_get_by_member { member_ids }`: every activity of up to 100 members. */
  app.post<{ Body: { member_ids?: unknown } }>('/v1/activities/batch_get_by_member', async (req, reply) => {
    const ids = req.body?.member_ids;
    if (!Array.isArray(ids) || ids.length > BATCH_MAX || !ids.every((id) => typeof id === 'string')) return badRequest(reply, `member_ids must be an array of at most ${BATCH_MAX} strings`);
    return { data: shuffle(ids.flatMap((id) => store.activitiesByMember.get(id) ?? [])) };
  });
}
