import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Shopify's cursor paging for list endpoints: `limit` (default 50, silently capped at 250),
 * an opaque `page_info` cursor handed out in the `link` header, filters only on the first
 * request (the cursor carries them), `since_id`, and no `link` header when one page holds
 * everything. Lists are walked in ascending id order.
 */
export const API_PREFIX = '/admin/api/:version';

/**
 * Shopify's quarterly versions, each supported for at least 12 months. The stand-in serves the ones
 * in the supported window as of its last update; an older but well-formed version is served as the
 * oldest supported one (Shopify falls forward the same way and says so in `X-Shopify-API-Version`);
 * anything else (a future version, `2024-05`, `latest`) is a 404, as on Shopify.
 */
export const SUPPORTED_VERSIONS = ['2024-04', '2024-07', '2024-10', '2025-01', '2025-04', '2025-07', '2025-10', '2026-01'] as const;

/** The version a request is served with, or null for a version Shopify does not have. */
export function servedVersion(requested: string): string | null {
  if ((SUPPORTED_VERSIONS as readonly string[]).includes(requested)) return requested;
  const match = /^(\d{4})-(01|04|07|10)$/.exec(requested);
  if (match && requested < SUPPORTED_VERSIONS[0]) return SUPPORTED_VERSIONS[0];
  return null;
}
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 250;

export type Query = Record<string, string | undefined>;

interface Cursor {
  /** The first request's filters, replayed on every later page. */
  f: Query;
  /** `n`: ids after this one; `p`: ids before this one. */
  d: 'n' | 'p';
  id: number;
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(pageInfo: string): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8')) as Partial<Cursor>;
    if ((parsed.d === 'n' || parsed.d === 'p') && typeof parsed.id === 'number' && parsed.f && typeof parsed.f === 'object') return parsed as Cursor;
  } catch {
    // fall through: an unreadable cursor is the client's error
  }
  return null;
}

/** Reads a comma list of numeric ids (`ids=1,2,3`); non-numeric entries match nothing, as on Shopify. */
export function idList(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
}

export function parseLimit(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return DEFAULT_LIMIT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) return null;
  return Math.min(value, MAX_LIMIT);
}


/**
 * First index whose id passes `past` (ids ascending, `past` monotone), by binary search: a cursor
 * page of a million customers must not scan the list from its start.
 */
function firstIndex(items: readonly { id: number }[], past: (id: number) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(items[mid]!.id)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const pagingParams = new Set(['limit', 'page_info', 'fields']);

/**
 * Answers one page of a list endpoint. `select` applies the endpoint's filters and returns
 * every match in ascending id order; the page, the `link` header and the cursor are done here.
 * Returns the page, or `null` after sending a 400 (the caller then returns the reply).
 */
export function page<T extends { id: number }>(
  req: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  resource: string,
  select: (filters: Query) => T[],
): T[] | null {
  const query = req.query;
  const limit = parseLimit(query.limit);
  if (limit === null) {
    void reply.code(400).send({ errors: { limit: ['must be a positive integer'] } });
    return null;
  }
  let cursor: Cursor | null = null;
  if (query.page_info !== undefined) {
    const extra = Object.keys(query).filter((key) => !pagingParams.has(key));
    if (extra.length > 0) {
      void reply.code(400).send({ errors: { page_info: [`cannot be combined with ${extra.join(', ')}; only limit and fields may accompany page_info`] } });
      return null;
    }
    cursor = decode(query.page_info);
    if (!cursor) {
      void reply.code(400).send({ errors: { page_info: ['is invalid'] } });
      return null;
    }
  }
  const filters: Query = cursor ? cursor.f : Object.fromEntries(Object.entries(query).filter(([key]) => !pagingParams.has(key)));
  let all = select(filters);
  const sinceId = filters.since_id !== undefined ? Number(filters.since_id) : undefined;
  if (sinceId !== undefined && Number.isFinite(sinceId)) all = all.filter((item) => item.id > sinceId);

  let start: number;
  if (!cursor) start = 0;
  else if (cursor.d === 'n') start = firstIndex(all, (id) => id > cursor.id);
  else start = Math.max(0, firstIndex(all, (id) => id >= cursor.id) - limit);
  const items = all.slice(start, start + limit);

  const prefix = /^\/admin\/api\/[^/]+/.exec(req.url)?.[0] ?? '/admin/api/2024-04';
  const base = `${req.protocol}://${req.headers.host ?? 'localhost'}${prefix}/${resource}.json?limit=${limit}&page_info=`;
  const links: string[] = [];
  const first = items[0];
  const last = items[items.length - 1];
  if (cursor && first && start > 0) links.push(`<${base}${encode({ f: filters, d: 'p', id: first.id })}>; rel="previous"`);
  if (last && start + items.length < all.length) links.push(`<${base}${encode({ f: filters, d: 'n', id: last.id })}>; rel="next"`);
  if (links.length > 0) void reply.header('link', links.join(', '));
  return items;
}
