import { describe, expect, it } from 'vitest';
import { signResumeToken, verifyResumeToken } from './resume-token.ts';

const SECRET = 'test-cart-resume-secret-0123456789abcdef';

describe('cart resume tokens', () => {
  const expires = new Date('2026-01-02T00:00:00Z');
  const token = signResumeToken(SECRET, '1069920470', expires);

  it('gives back the cart id of a valid token until it expires', () => {
    expect(verifyResumeToken(SECRET, token, new Date('2026-01-01T00:00:00Z'))).toBe('1069920470');
    expect(verifyResumeToken(SECRET, token, new Date('2026-01-02T00:00:01Z'))).toBeNull();
  });

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(verifyResumeToken('another-secret-0123456789abcdefghijkl', token, now)).toBeNull();
    const [payload, signature] = token.split('.');
    const otherCart = Buffer.from(`1069920471.${Math.floor(expires.getTime() / 1000)}`).toString('base64url');
    expect(verifyResumeToken(SECRET, `${otherCart}.${signature}`, now)).toBeNull();
    expect(verifyResumeToken(SECRET, `${payload}.${signature}.x`, now)).toBeNull();
    expect(verifyResumeToken(SECRET, 'c1-0123', now)).toBeNull();
  });
});
