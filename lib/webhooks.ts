import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-graphql.ts';

/**
 * Receiving the vendors' signed webhooks (the channel subgraphs' cache invalidation):
 *  - Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256(app client secret, raw body)
 *  - Square: `x-square-hmacsha256-signature` = base64 HMAC-SHA256(signature key, notification URL + raw body)
 *  - HubSpot v3: `X-HubSpot-Signature-v3` = base64 HMAC-SHA256(app secret, method + URI + raw body + timestamp)
 *  - Meta: `X-Hub-Signature-256` = `sha256=` + hex HMAC-SHA256(app secret, raw body)
 */
const MAX_BODY = 1024 * 1024;

/** The raw body (signatures are over the exact bytes), or null past 1 MiB. */
export async function rawBodyOf(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Constant-time comparison of two signatures. */
export function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const shopifySignature = (secret: string, rawBody: string) => createHmac('sha256', secret).update(rawBody, 'utf8').digest('base64');
export const squareSignature = (key: string, notificationUrl: string, rawBody: string) => createHmac('sha256', key).update(notificationUrl + rawBody, 'utf8').digest('base64');
export const hubspotSignatureV3 = (secret: string, method: string, uri: string, rawBody: string, timestamp: string) =>
  createHmac('sha256', secret).update(method + uri + rawBody + timestamp, 'utf8').digest('base64');
export const metaSignature = (secret: string, rawBody: string) => `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;

/**
 * The front every webhook route shares: the request is for one of `paths` and a POST, and its
 * raw body fits. Returns the path and raw body; `null` when the request is not for this route;
 * `'answered'` when it was refused here (405, 413).
 */
export async function receiveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  paths: readonly string[],
): Promise<{ path: string; raw: string } | 'answered' | null> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (!paths.includes(path)) return null;
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'method not allowed' });
    return 'answered';
  }
  const raw = await rawBodyOf(req);
  if (raw === null) {
    sendJson(res, 413, { error: 'payload too large' });
    return 'answered';
  }
  return { path, raw };
}
