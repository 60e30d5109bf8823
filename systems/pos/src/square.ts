import type { FastifyReply } from 'fastify';

/** Square's error envelope: `{"errors":[{category, code, detail, field?}]}`; the HTTP status is the first error's. */
export type ErrorCategory = 'API_ERROR' | 'AUTHENTICATION_ERROR' | 'INVALID_REQUEST_ERROR' | 'RATE_LIMIT_ERROR';

export interface SquareError {
  category: ErrorCategory;
  code: string;
  detail: string;
  field?: string;
}

export function sendErrors(reply: FastifyReply, status: number, ...errors: SquareError[]): FastifyReply {
  return reply.code(status).send({ errors });
}

/** A 400 for a request the vendor rejects (bad limit, too many ids, bad cursor). */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

export function limitOf(value: unknown, field: string, opts: { min: number; max: number; fallback: number }): number {
  if (value === undefined || value === null || value === '') return opts.fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new RequestError('INVALID_VALUE', `Expected \`${field}\` to be an integer.`, field);
  if (n < opts.min) throw new RequestError('VALUE_TOO_LOW', `\`${field}\` must be at least ${opts.min}.`, field);
  if (n > opts.max) throw new RequestError('VALUE_TOO_HIGH', `\`${field}\` must be less than or equal to ${opts.max}.`, field);
  return n;
}

export function idList(value: unknown, field: string, opts: { min?: number; max: number; required?: boolean }): string[] {
  if (value === undefined || value === null) {
    if (opts.required) throw new RequestError('MISSING_REQUIRED_PARAMETER', `Field must be set: \`${field}\`.`, field);
    return [];
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new RequestError('EXPECTED_ARRAY', `Expected \`${field}\` to be an array of strings.`, field);
  }
  if (value.length < (opts.min ?? 0)) throw new RequestError('ARRAY_LENGTH_TOO_SHORT', `\`${field}\` must have at least ${opts.min} item(s).`, field);
  if (value.length > opts.max) throw new RequestError('ARRAY_LENGTH_TOO_LONG', `\`${field}\` must have at most ${opts.max} items.`, field);
  return value;
}

/**
 * Square cursors are opaque. Ours encode an offset plus the request's fingerprint, so a
 * cursor replayed against a different query is refused with INVALID_CURSOR as Square does.
 */
export function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url');
}

export function decodeCursor(cursor: unknown, fingerprint: string): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof parsed.o === 'number' && parsed.o >= 0 && parsed.f === fingerprint) return parsed.o;
  } catch {
    // fall through to the vendor's error
  }
  throw new RequestError('INVALID_CURSOR', 'The pagination cursor is invalid for this request.', 'cursor');
}

/**
 * One page of a list, Square style: a full page always carries a cursor, even when
 * nothing follows, so clients meet Square's "empty last page with a cursor" quirk.
 */
export function page<T>(items: readonly T[], offset: number, limit: number, fingerprint: string): { items: T[]; cursor?: string } {
  const slice = items.slice(offset, offset + limit);
  return slice.length === limit ? { items: slice, cursor: encodeCursor(offset + limit, fingerprint) } : { items: slice };
}


export const notFound = (detail: string, field?: string): SquareError => ({
  category: 'INVALID_REQUEST_ERROR',
  code: 'NOT_FOUND',
  detail,
  ...(field ? { field } : {}),
});

/** Square's documented maximum `idempotency_key` length per endpoint (CreatePayment's is 45). */
export function idempotencyKeyOf(body: Record<string, unknown>, max = 192): string {
  const key = body.idempotency_key;
  if (typeof key !== 'string' || key.length === 0) throw new RequestError('MISSING_REQUIRED_PARAMETER', 'Field must be set: `idempotency_key`.', 'idempotency_key');
  if (key.length > max) throw new RequestError('VALUE_TOO_LONG', `\`idempotency_key\` must be at most ${max} characters.`, 'idempotency_key');
  return key;
}

/** JSON with sorted keys: two bodies that differ only in key order are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Square's idempotency, per endpoint: a key seen before with the same request answers the first
 * response again and changes nothing; the same key with a different request is refused with
 * 400 `IDEMPOTENCY_KEY_REUSED` (it never answers another request's result). Only successful
 * answers are remembered, as on Square: a refused request may be retried with the same key.
 */
export class IdempotencyLedger {
  private readonly seen = new Map<string, { request: string; answer: unknown }>();

  /** The first answer for `key`, or undefined when the key is new; throws on reuse with another request. */
  replay(endpoint: string, key: string, request: unknown): unknown {
    const known = this.seen.get(`${endpoint}|${key}`);
    if (!known) return undefined;
    if (known.request !== canonical(request)) {
      throw new RequestError('IDEMPOTENCY_KEY_REUSED', 'The idempotency key can only be retried with the same request data.', 'idempotency_key');
    }
    return known.answer;
  }

  remember<T>(endpoint: string, key: string, request: unknown, answer: T): T {
    this.seen.set(`${endpoint}|${key}`, { request: canonical(request), answer });
    return answer;
  }
}
