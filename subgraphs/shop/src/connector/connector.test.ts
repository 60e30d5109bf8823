import { describe, expect, it } from 'vitest';
import { describeErrors, mapError, nextPageInfo } from './index.ts';

describe('Shopify error mapping', () => {
  it('maps 429 to UPSTREAM_RATE_LIMITED with Retry-After read as float seconds', () => {
    expect(mapError(429, { errors: 'Exceeded 2 calls per second for api client.' }, { 'retry-after': '2.0', 'x-shopify-shop-api-call-limit': '40/40' })).toEqual({
      code: 'UPSTREAM_RATE_LIMITED',
      message: 'API call limit reached (40/40)',
      retryAfterSeconds: 2,
    });
  });

  it('assumes Shopify\'s 2 s leak time when a 429 has no Retry-After', () => {
    expect(mapError(429, null, {}).retryAfterSeconds).toBe(2);
  });

  it('treats a rejected access token as our configuration problem, not the client\'s', () => {
    expect(mapError(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }, {}).code).toBe('UPSTREAM_ERROR');
  });

  it('maps 404, 422, 5xx and a locked shop to their codes', () => {
    expect(mapError(404, { errors: 'Not Found' }, {})).toEqual({ code: 'NOT_FOUND', message: 'not found: Not Found' });
    expect(mapError(422, { errors: { email: ['has already been taken'] } }, {})).toEqual({ code: 'BAD_USER_INPUT', message: 'rejected the request: email has already been taken' });
    expect(mapError(503, { errors: 'Service Unavailable' }, {}).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(mapError(423, { errors: 'Locked' }, {}).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('stringifies every shape of Shopify\'s errors field', () => {
    expect(describeErrors({ errors: 'Not Found' })).toBe('Not Found');
    expect(describeErrors({ errors: ['a', 'b'] })).toBe('a; b');
    expect(describeErrors({ errors: { page_info: ['is invalid'], limit: 'too big' } })).toBe('page_info is invalid; limit too big');
    expect(describeErrors('<html>')).toBe('');
  });
});

describe('Shopify Link header paging', () => {
  const url = (pageInfo: string) => `https://shop.example/admin/api/2024-04/customers.json?limit=50&page_info=${pageInfo}`;

  it('reads the next cursor from a lower-case link header with both relations', () => {
    expect(nextPageInfo({ link: `<${url('prev1')}>; rel="previous", <${url('next1')}>; rel="next"` })).toBe('next1');
  });

  it('ends on a last page (previous only) and on a single page (no header)', () => {
    expect(nextPageInfo({ link: `<${url('prev1')}>; rel="previous"` })).toBeNull();
    expect(nextPageInfo({})).toBeNull();
  });
});
