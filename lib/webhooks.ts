import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { Counter } from 'prom-client';
import { z } from 'zod';
import { deployment } from './config.ts';
import { sendJson } from './http-graphql.ts';
import type { Logger } from './logger.ts';
import { registry } from './metrics.ts';

/**
 * Receiving the vendors' signed webhooks (the channel subgraphs' cache invalidation):
 *  - Shopify: `X-Shopify-Hmac-Sha256` = base64 HMAC-SHA256(app client secret, raw body)
 *  - Square: `x-square-hmacsha256-signature` = base64 HMAC-SHA256(signature key, notification URL + raw body)
 *  - HubSpot v3: `X-HubSpot-Signature-v3` = base64 HMAC-SHA256(app secret, method + URI + raw body + timestamp)
 *  - Meta: `X-Hub-Signature-256` = `sha256=` + hex HMAC-SHA256(app secret, raw body)
 *  - LINE: `x-line-signature` = base64 HMAC-SHA256(channel secret, raw body)
 * Only the signed bytes are trusted: replay protection keys on them (replayKey), never on an
 * unsigned header such as `X-Shopify-Webhook-Id`, and a time window applies where the vendor
 * signs a timestamp (checkSignedTime).
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
export const lineSignature = (channelSecret: string, rawBody: string) => createHmac('sha256', channelSecret).update(rawBody, 'utf8').digest('base64');
/** Zalo OA: `X-ZEvent-Signature: mac=<this>`, hex SHA-256 of app id + raw body + the body's `timestamp` + the OA secret key. */
export const zaloSignature = (appId: string, rawBody: string, timestamp: string, oaSecretKey: string) =>
  createHash('sha256').update(appId + rawBody + timestamp + oaSecretKey, 'utf8').digest('hex');

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

/** A refusal the vendor (or whoever sent it) can read: `{ error, code }`. */
export function refuseWebhook(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: message, code });
}

// --- secrets -----------------------------------------------------------------------------

/** Webhook secrets `npm start` runs with. They are public (in this repository): never valid in production. */
export const DEV_WEBHOOK_SECRET = 'dev-webhook-secret';
export const DEV_WEBHOOK_SECRETS: ReadonlySet<string> = new Set([DEV_WEBHOOK_SECRET]);

/**
 * The config schema of one webhook secret. Development (anything but OMNIGRAPH_ENV=production)
 * defaults to the public dev secret so `npm start` works; production requires it set, not a dev
 * default, and at least 16 characters, so the process refuses to start naming the variable
 * (loadConfig prefixes the message with it).
 */
export function webhookSecret(env: NodeJS.ProcessEnv = process.env) {
  if (deployment(env) !== 'production') return z.string().min(1).default(DEV_WEBHOOK_SECRET);
  return z
    .string({ error: 'must be set in the production configuration (OMNIGRAPH_ENV=production): the vendor app\'s real webhook secret' })
    .min(16, 'is shorter than 16 characters: not a vendor-issued secret')
    .refine((value) => !DEV_WEBHOOK_SECRETS.has(value), 'is the public development default; set the vendor app\'s real webhook secret');
}

// --- signed time ---------------------------------------------------------------------------

/**
 * How long after the time a vendor signs it still delivers the event (its documented retry
 * horizon): HubSpot v3 asks receivers to reject requests older than 5 minutes; Square retries
 * for up to 72 hours after the event and signs the body's `created_at`. Shopify signs no time
 * (`X-Shopify-Triggered-At` is outside the HMAC), so it gets no window: it relies on the replay
 * key alone.
 */
export const SIGNED_TIME_WINDOW_MS = { hubspot: 5 * 60_000, square: 72 * 3600_000 } as const;
/** Clocks disagree: a signed time this far in the future is still accepted. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type SignedTimeCheck = { ok: true } | { ok: false; reason: string };

/** Whether a signed time (ms since epoch; null when the vendor signed none) is inside the window. */
export function checkSignedTime(signedAt: number | null, windowMs: number, now = Date.now()): SignedTimeCheck {
  if (signedAt === null) return { ok: true };
  if (!Number.isFinite(signedAt)) return { ok: false, reason: 'signed timestamp is not a time' };
  if (signedAt > now + CLOCK_SKEW_MS) return { ok: false, reason: `signed timestamp ${new Date(signedAt).toISOString()} is in the future` };
  if (now - signedAt > windowMs) return { ok: false, reason: `signed timestamp ${new Date(signedAt).toISOString()} is older than ${Math.round(windowMs / 60_000)} minutes` };
  return { ok: true };
}

/** Square's signed time: the body's `created_at` (inside the HMAC); null when absent. */
export function squareSignedAt(body: { created_at?: unknown }): number | null {
  return typeof body.created_at === 'string' ? Date.parse(body.created_at) : null;
}

/**
 * HubSpot v3 in full: the signature over method + URI + body + `X-HubSpot-Request-Timestamp`,
 * then that timestamp inside 5 minutes (a valid signature on an old request is a replay).
 */
export function verifyHubspotV3(
  secret: string,
  req: { method: string; uri: string; rawBody: string; signature: string | undefined; timestamp: string | undefined },
  now = Date.now(),
): { ok: true; signedAt: number } | { ok: false; status: 401 | 400; code: string; reason: string } {
  if (!req.timestamp || !/^\d{10,16}$/.test(req.timestamp)) return { ok: false, status: 401, code: 'WEBHOOK_SIGNATURE_INVALID', reason: 'X-HubSpot-Request-Timestamp missing' };
  if (!sameSignature(hubspotSignatureV3(secret, req.method, req.uri, req.rawBody, req.timestamp), req.signature)) {
    return { ok: false, status: 401, code: 'WEBHOOK_SIGNATURE_INVALID', reason: 'invalid signature' };
  }
  const signedAt = Number(req.timestamp);
  const time = checkSignedTime(signedAt, SIGNED_TIME_WINDOW_MS.hubspot, now);
  return time.ok ? { ok: true, signedAt } : { ok: false, status: 400, code: 'WEBHOOK_STALE', reason: time.reason };
}

// --- replay protection -------------------------------------------------------------------

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The identity of a delivery, from what the signature covers: the raw body's hash, with the
 * topic and the resource id and version (e.g. Shopify `updated_at`, Square `version`) spelt out
 * so a log line says what was replayed. A redelivery (same signed bytes) gets the same key
 * whatever unsigned headers say; a real change to the resource changes the body, so the key.
 * The topic is part of it because Shopify does not sign its topic header: the same body under
 * another topic is another key, and acting on it is made safe by the receivers (idempotent per
 * resource), not by this key.
 */
export function replayKey(parts: { vendor: string; topic: string; resource?: string | null; version?: string | null }, rawBody: string): string {
  return sha256(JSON.stringify([parts.vendor, parts.topic, parts.resource ?? '', parts.version ?? '', sha256(rawBody)]));
}

/** Resource id and version of a Shopify webhook body (resource JSON, unwrapped). */
export function shopifyResourceVersion(body: Record<string, unknown>): { resource: string | null; version: string | null } {
  const id = body.id ?? body.inventory_item_id ?? null;
  const version = body.updated_at ?? null;
  return { resource: id === null ? null : String(id), version: version === null ? null : String(version) };
}

/** Resource id and version of a Square event: `data.id` and the object's `version` (else its `updated_at`). */
export function squareResourceVersion(body: { data?: { id?: unknown; object?: Record<string, unknown> } }): { resource: string | null; version: string | null } {
  const inner = Object.values(body.data?.object ?? {})[0] as { version?: unknown; updated_at?: unknown } | undefined;
  const version = inner?.version ?? inner?.updated_at ?? null;
  return { resource: body.data?.id === undefined ? null : String(body.data.id), version: version === null ? null : String(version) };
}

export const webhookReplays = new Counter({
  name: 'omnigraph_webhook_replays_total',
  help: 'Signed webhook deliveries already received (same signed bytes), answered 200 and ignored',
  labelNames: ['vendor', 'receiver'] as const,
  registers: [registry],
});

export const webhookRefusals = new Counter({
  name: 'omnigraph_webhook_refusals_total',
  help: 'Webhook deliveries refused: bad signature, stale signed time, not JSON',
  labelNames: ['vendor', 'receiver', 'code'] as const,
  registers: [registry],
});

/** Logs and counts a replay, and answers it 200 so the vendor stops retrying. */
export function answerReplay(res: ServerResponse, logger: Logger, at: { vendor: string; receiver: string; key: string; topic: string; resource?: string | null; version?: string | null }): void {
  webhookReplays.inc({ vendor: at.vendor, receiver: at.receiver });
  logger.warn({ vendor: at.vendor, receiver: at.receiver, replayKey: at.key, topic: at.topic, resource: at.resource ?? null, version: at.version ?? null }, 'webhook replay ignored: these signed bytes were received before');
  sendJson(res, 200, { ok: true, duplicate: true });
}

/** Logs, counts and answers a refusal. */
export function answerRefusal(res: ServerResponse, logger: Logger, at: { vendor: string; receiver: string; status: number; code: string; reason: string }): void {
  webhookRefusals.inc({ vendor: at.vendor, receiver: at.receiver, code: at.code });
  logger.warn({ vendor: at.vendor, receiver: at.receiver, code: at.code, reason: at.reason }, 'webhook refused');
  refuseWebhook(res, at.status, at.code, at.reason);
}

/**
 * Remembers the replay keys a receiver has acted on, where the action only invalidates a cache
 * (a replay is harmless but not free: it empties cache entries). `claim` is true the first time
 * a key is seen within `ttlMs`; `release` forgets a key whose action failed, so the vendor's
 * retry is acted on. Durable receivers (the flows) keep their keys in their database instead.
 */
export interface ReplayGuard {
  readonly kind: 'memory' | 'redis';
  claim(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
  close(): Promise<void>;
}

/** In this process, bounded by count (oldest dropped) and age. */
export class MemoryReplayGuard implements ReplayGuard {
  readonly kind = 'memory';
  private readonly seen: LRUCache<string, true>;
  constructor(opts: { ttlMs: number; maxEntries?: number }) {
    this.seen = new LRUCache<string, true>({ max: opts.maxEntries ?? 100_000, ttl: opts.ttlMs, ttlAutopurge: false });
  }
  async claim(key: string) {
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
  async release(key: string) {
    this.seen.delete(key);
  }
  async close() {
    this.seen.clear();
  }
}

/**
 * Shared by every replica through Redis (`SET key 1 NX PX ttl`, atomic). While Redis cannot be
 * reached a delivery is acted on (fail open): the action is an idempotent cache invalidation,
 * and refusing would leave the cache stale.
 */
export class RedisReplayGuard implements ReplayGuard {
  readonly kind = 'redis';
  private readonly client: Redis;
  constructor(
    url: string,
    private readonly opts: { ttlMs: number; namespace: string; logger?: Logger },
  ) {
    // Commands wait (up to the timeout) for the connection: a guard failing open just after start would guard nothing.
    this.client = new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    this.client.on('error', (err) => opts.logger?.warn({ err }, 'replay guard: redis connection error'));
  }
  private key(key: string) {
    return `${this.opts.namespace}:webhook-replay:${key}`;
  }
  async claim(key: string) {
    try {
      return (await this.client.set(this.key(key), '1', 'PX', this.opts.ttlMs, 'NX')) === 'OK';
    } catch (err) {
      this.opts.logger?.warn({ err }, 'replay guard: redis unavailable; delivery acted on');
      return true;
    }
  }
  async release(key: string) {
    await this.client.del(this.key(key)).catch(() => undefined);
  }
  async close() {
    this.client.disconnect();
  }
}

/** Redis when the process shares its cache through Redis, else in memory. */
export function createReplayGuard(opts: { redisUrl?: string | undefined; namespace: string; ttlMs: number; maxEntries?: number; logger?: Logger }): ReplayGuard {
  return opts.redisUrl
    ? new RedisReplayGuard(opts.redisUrl, { ttlMs: opts.ttlMs, namespace: opts.namespace, ...(opts.logger ? { logger: opts.logger } : {}) })
    : new MemoryReplayGuard({ ttlMs: opts.ttlMs, ...(opts.maxEntries ? { maxEntries: opts.maxEntries } : {}) });
}
