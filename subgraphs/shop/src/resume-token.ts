import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Cart resume tokens (handoffCartToDevice → cartByResumeToken): Shopify keeps no such thing, so the
 * token is signed by this subgraph, `base64url(cartId.expiresAtSeconds).base64url(HMAC-SHA256)` under
 * CART_RESUME_SECRET. Issuing one writes nothing to Shopify (a retried handoff cannot duplicate
 * anything); it cannot be guessed or altered, and it stops working at its expiry.
 */
export function signResumeToken(secret: string, cartId: string, expiresAt: Date): string {
  const payload = Buffer.from(`${cartId}.${Math.floor(expiresAt.getTime() / 1000)}`).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The cart id of a valid, unexpired token; null for anything else. */
export function verifyResumeToken(secret: string, token: string, now = new Date()): string | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [cartId, expires] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  if (!cartId || !expires || Number(expires) * 1000 < now.getTime()) return null;
  return cartId;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
