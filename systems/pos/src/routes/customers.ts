import type { FastifyInstance } from 'fastify';
import type { Customer, PosStore } from '../store.ts';
import { decodeCursor, idList, limitOf, notFound, page, RequestError, sendErrors } from '../square.ts';
import { shuffle } from '../../../lib/shuffle.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** Square compares phone numbers on their digits, whatever spacing or dashes the record has. */
const digits = (phone: string) => phone.replace(/[^\d+]/g, '');

/** The full list sorted once per order (and again only when the store grew): paging a million customers must not sort them per page. */
const sortedLists = new WeakMap<readonly Customer[], Map<string, { length: number; sorted: Customer[] }>>();

function sortedStore(customers: readonly Customer[], field: unknown, order: unknown): Customer[] {
  const cache = sortedLists.get(customers) ?? new Map<string, { length: number; sorted: Customer[] }>();
  sortedLists.set(customers, cache);
  const key = `${String(field)}:${String(order)}`;
  const hit = cache.get(key);
  if (hit && hit.length === customers.length) return hit.sorted;
  const sorted = sortCustomers(customers, field, order);
  cache.set(key, { length: customers.length, sorted });
  return sorted;
}

function sortCustomers(customers: readonly Customer[], field: unknown, order: unknown): Customer[] {
  const sorted = [...customers];
  if (field === 'CREATED_AT') sorted.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  if (order === 'DESC') sorted.reverse();
  return sorted;
}

export function customerRoutes(app: FastifyInstance, store: PosStore): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/v2/customers', async (req) => {
    const q = req.query;
    const limit = limitOf(q.limit, 'limit', { min: 1, max: 100, fallback: 100 });
    const fingerprint = `list:${q.sort_field ?? ''}:${q.sort_order ?? ''}`;
    const offset = decodeCursor(q.cursor, fingerprint);
    const sorted = sortedStore(store.customers, q.sort_field, q.sort_order);
    const { items, cursor } = page(sorted, offset, limit, fingerprint);
    return { customers: items, ...(cursor ? { cursor } : {}), ...(q.count === 'true' ? { count: sorted.length } : {}) };
  });

  app.post<{ Body: Json | undefined }>('/v2/customers/search', async (req) => {
    const body = obj(req.body);
    const query = obj(body.query);
    const filter = obj(query.filter);
    const sort = obj(query.sort);
    const limit = limitOf(body.limit, 'limit', { min: 1, max: 100, fallback: 100 });
    const email = obj(filter.email_address);
    const phone = obj(filter.phone_number);
    const reference = obj(filter.reference_id);
    // Square's TimeRange filters (`created_at`, `updated_at`: {start_at, end_at}, inclusive RFC 3339).
    const ranges: { field: 'created_at' | 'updated_at'; start: number; end: number }[] = [];
    for (const field of ['created_at', 'updated_at'] as const) {
      if (filter[field] === undefined) continue;
      const range = obj(filter[field]);
      const bound = (raw: unknown, name: string, fallback: number) => {
        if (raw === undefined || raw === null) return fallback;
        const at = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
        if (Number.isNaN(at)) throw new RequestError('INVALID_TIME', `Invalid \`${name}\` timestamp.`, `query.filter.${field}.${name}`);
        return at;
      };
      ranges.push({ field, start: bound(range.start_at, 'start_at', -Infinity), end: bound(range.end_at, 'end_at', Infinity) });
    }
    let matches = store.customers.filter((c) => {
      for (const r of ranges) {
        const at = Date.parse(String(c[r.field] ?? c.created_at));
        if (Number.isNaN(at) || at < r.start || at > r.end) return false;
      }
      if (typeof email.exact === 'string' && (c.email_address ?? '').toLowerCase() !== email.exact.toLowerCase()) return false;
      if (typeof email.fuzzy === 'string' && !(c.email_address ?? '').toLowerCase().includes(email.fuzzy.toLowerCase())) return false;
      if (typeof phone.exact === 'string' && digits(c.phone_number ?? '') !== digits(phone.exact)) return false;
      if (typeof phone.fuzzy === 'string' && !digits(c.phone_number ?? '').includes(digits(phone.fuzzy))) return false;
      if (typeof reference.exact === 'string' && c.reference_id !== reference.exact) return false;
      return true;
    });
    matches = sortCustomers(matches, sort.field, sort.order);
    const fingerprint = `search:${JSON.stringify(query)}`;
    const { items, cursor } = page(matches, decodeCursor(body.cursor, fingerprint), limit, fingerprint);
    return { customers: items, ...(cursor ? { cursor } : {}), ...(body.count === true ? { count: matches.length } : {}) };
  });

  app.post<{ Body: Json | undefined }>('/v2/customers/bulk-retrieve', async (req) => {
    const ids = idList(obj(req.body).customer_ids, 'customer_ids', { min: 1, max: 100, required: true });
    const responses: Record<string, unknown> = {};
    for (const id of shuffle([...new Set(ids)])) {
      const customer = store.customerById.get(id);
      responses[id] = customer ? { customer } : { errors: [notFound(`Customer with ID \`${id}\` not found.`)] };
    }
    return { responses };
  });

  app.get<{ Params: { customer_id: string } }>('/v2/customers/:customer_id', async (req, reply) => {
    const customer = store.customerById.get(req.params.customer_id);
    if (!customer) return sendErrors(reply, 404, notFound(`Customer with ID \`${req.params.customer_id}\` not found.`));
    return { customer };
  });
}
