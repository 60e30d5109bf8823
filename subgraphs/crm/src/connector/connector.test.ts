import { describe, expect, it } from 'vitest';
import { hubspotRetryAfterSeconds, mapError } from './index.ts';
import { toSourceRecord } from '../identity-feed.ts';
import { contactEmails, lifecycleStage } from '../resolvers/values.ts';

describe('HubSpot error mapping', () => {
  it('maps a 429 RATE_LIMIT body to UPSTREAM_RATE_LIMITED with a short wait for the rolling window', () => {
    const mapped = mapError(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'x' }, {});
    expect(mapped).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 1 });
  });

  it('waits until the next UTC midnight when the daily limit is spent, and prefers a Retry-After when one is sent', () => {
    const now = new Date('2025-03-01T23:59:00Z');
    expect(hubspotRetryAfterSeconds({ policyName: 'DAILY' }, {}, now)).toBe(60);
    expect(hubspotRetryAfterSeconds({ policyName: 'DAILY' }, { 'retry-after': '7' }, now)).toBe(7);
  });

  it('maps 5xx to UPSTREAM_UNAVAILABLE, 404 to NOT_FOUND, validation errors to BAD_USER_INPUT', () => {
    expect(mapError(503, { status: 'error', category: 'INTERNAL_ERROR' }, {}).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(mapError(404, { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'resource not found' }, {}).code).toBe('NOT_FOUND');
    const invalid = mapError(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid' }, {});
    expect(invalid).toEqual({ code: 'BAD_USER_INPUT', message: 'rejected the request: Property values were not valid' });
  });

  it('treats a rejected token as an operator problem (UPSTREAM_ERROR), never as the client being unauthenticated', () => {
    expect(mapError(401, { status: 'error', category: 'INVALID_AUTHENTICATION' }, {}).code).toBe('UPSTREAM_ERROR');
    expect(mapError(403, { status: 'error', category: 'MISSING_SCOPES' }, {}).code).toBe('UPSTREAM_ERROR');
  });

  it('survives a non-JSON error body', () => {
    expect(mapError(502, '<html>Bad gateway</html>', {}).code).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('contact values', () => {
  it('joins the primary and additional emails without case-insensitive repeats', () => {
    expect(contactEmails('A@x.com', 'b@x.com;a@X.com; ;c@x.com')).toEqual(['A@x.com', 'b@x.com', 'c@x.com']);
    expect(contactEmails(null, null)).toEqual([]);
  });

  it('reads custom lifecycle stages as OTHER and empty ones as null', () => {
    expect(lifecycleStage('salesqualifiedlead')).toBe('SALES_QUALIFIED_LEAD');
    expect(lifecycleStage('1234567')).toBe('OTHER');
    expect(lifecycleStage('')).toBeNull();
  });

  it('turns a contact into a source record with raw values, address and email consent', () => {
    const record = toSourceRecord(
      {
        id: '512',
        properties: { firstname: 'Ada', lastname: '', email: 'ada@x.com', phone: '081-234-5678', mobilephone: '', country: 'pl', city: 'Gdańsk', hs_email_optout: 'true' },
        createdAt: '2024-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
      },
      'TH',
    );
    expect(record).toEqual({
      system: 'crm',
      externalId: '512',
      kind: 'contact',
      givenName: 'Ada',
      familyName: null,
      displayName: 'Ada',
      emails: ['ada@x.com'],
      phones: ['081-234-5678'],
      region: 'PL',
      addresses: [{ line1: null, city: 'Gdańsk', postalCode: null, country: 'PL' }],
      consent: [{ channel: 'EMAIL', state: 'DENIED', capturedAt: null }],
      references: [],
      updatedAt: '2025-01-01T00:00:00Z',
    });
  });
});
