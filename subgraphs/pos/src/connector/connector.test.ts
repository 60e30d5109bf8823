import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../lib/errors.ts';
import { collectPages, mapSquareError } from './index.ts';

const body = (category: string, code: string, field?: string) => ({ errors: [{ category, code, detail: `${code} detail`, ...(field ? { field } : {}) }] });

describe('mapSquareError', () => {
  it('reads 429 RATE_LIMITED as throttling without a vendor Retry-After', () => {
    const mapped = mapSquareError(429, body('RATE_LIMIT_ERROR', 'RATE_LIMITED'));
    expect(mapped.code).toBe(ErrorCode.UPSTREAM_RATE_LIMITED);
    expect(mapped.retryAfterSeconds).toBeUndefined();
  });

  it('reads a rejected access token as our upstream problem, not the caller being unauthenticated', () => {
    expect(mapSquareError(401, body('AUTHENTICATION_ERROR', 'UNAUTHORIZED')).code).toBe(ErrorCode.UPSTREAM_ERROR);
  });

  it('reads 5xx as the system being unavailable, whatever the body', () => {
    expect(mapSquareError(503, body('API_ERROR', 'SERVICE_UNAVAILABLE')).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(mapSquareError(502, '<html>bad gateway</html>').code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it('reads 400 as bad input and names the vendor code and field', () => {
    const mapped = mapSquareError(400, body('INVALID_REQUEST_ERROR', 'VALUE_TOO_HIGH', 'limit'));
    expect(mapped.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(mapped.message).toContain('VALUE_TOO_HIGH (limit)');
  });

  it('reads 404 as not found', () => {
    expect(mapSquareError(404, body('INVALID_REQUEST_ERROR', 'NOT_FOUND')).code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe('collectPages', () => {
  it('follows cursors and stops after Square’s empty last page', async () => {
    const pages: Record<string, { items: number[]; cursor: string | null }> = {
      start: { items: [1, 2], cursor: 'a' },
      a: { items: [3, 4], cursor: 'b' },
      b: { items: [], cursor: null },
    };
    const seen: (string | undefined)[] = [];
    const items = await collectPages(async (cursor) => {
      seen.push(cursor);
      return pages[cursor ?? 'start'] ?? { items: [], cursor: null };
    });
    expect(items).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([undefined, 'a', 'b']);
  });

  it('stops at maxPages so one request cannot page forever', async () => {
    let calls = 0;
    const items = await collectPages(async () => {
      calls += 1;
      return { items: [calls], cursor: 'more' };
    }, 3);
    expect(items).toEqual([1, 2, 3]);
    expect(calls).toBe(3);
  });
});
