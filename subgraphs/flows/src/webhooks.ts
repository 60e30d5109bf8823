import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../../lib/http-graphql.ts';
import {
  answerRefusal,
  answerReplay,
  checkSignedTime,
  headerOf,
  receiveWebhook,
  replayKey,
  sameSignature,
  shopifyResourceVersion,
  shopifySignature,
  SIGNED_TIME_WINDOW_MS,
  squareResourceVersion,
  squareSignature,
  squareSignedAt,
} from '../../../lib/webhooks.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import type { FlowStore } from './store.ts';

/**
 * `POST /webhooks/shopify` and `POST /webhooks/square`. Each verifies the vendor's signature
 * (401 and nothing stored when it does not match), refuses a Square event whose signed
 * `created_at` is past Square's 72-hour retry horizon (400 WEBHOOK_STALE), and stores the event
 * under its replay key: the hash of the signed body with topic and resource version, never an
 * unsigned header. The same signed bytes again (a redelivery, or a replay under a new
 * `X-Shopify-Webhook-Id`) find it stored: 200, counted, not run again. The database keeps the
 * keys, so this holds across restarts and between flows processes. Nothing is acted on before it
 * is stored; the worker acts on stored events.
 */
export function webhookRoutes(config: Config, store: FlowStore, wake: () => void) {
  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<boolean> => {
    const received = await receiveWebhook(req, res, ['/webhooks/shopify', '/webhooks/square']);
    if (received === null) return false;
    if (received === 'answered') return true;
    const { path, raw } = received;
    const vendor = path === '/webhooks/shopify' ? 'shopify' : 'square';
    const at = { vendor, receiver: 'flows' };
    const refuse = (status: number, code: string, reason: string) => {
      answerRefusal(res, info.logger, { ...at, status, code, reason });
      return true;
    };

    let signed: boolean;
    if (vendor === 'shopify') {
      signed = sameSignature(shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, raw), headerOf(req, 'x-shopify-hmac-sha256'));
    } else {
      const sub = await store.subscription('square');
      signed = !!sub?.signatureKey && sameSignature(squareSignature(sub.signatureKey, sub.notificationUrl, raw), headerOf(req, 'x-square-hmacsha256-signature'));
    }
    if (!signed) return refuse(401, 'WEBHOOK_SIGNATURE_INVALID', 'invalid signature');

    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse(400, 'BAD_REQUEST', 'body is not a JSON object');
      body = parsed as Record<string, unknown>;
    } catch {
      return refuse(400, 'BAD_REQUEST', 'body is not JSON');
    }

    // Shopify's topic and id are headers (unsigned); Square's are in the signed body.
    const topic = vendor === 'shopify' ? headerOf(req, 'x-shopify-topic') : typeof body.type === 'string' ? body.type : undefined;
    const eventId = vendor === 'shopify' ? (headerOf(req, 'x-shopify-webhook-id') ?? headerOf(req, 'x-shopify-event-id')) : typeof body.event_id === 'string' ? body.event_id : undefined;
    if (!eventId || !topic) return refuse(400, 'BAD_REQUEST', 'event id and topic are required');
    if (vendor === 'square') {
      const time = checkSignedTime(squareSignedAt(body), SIGNED_TIME_WINDOW_MS.square);
      if (!time.ok) return refuse(400, 'WEBHOOK_STALE', time.reason);
    }

    const version = vendor === 'shopify' ? shopifyResourceVersion(body) : squareResourceVersion(body);
    const key = replayKey({ vendor, topic, ...version }, raw);
    const stored = await store.storeEvent(vendor, key, eventId, topic, raw);
    if (!stored) {
      answerReplay(res, info.logger, { ...at, key, topic, ...version });
      return true;
    }
    info.logger.info({ vendor, eventId, topic, replayKey: key }, 'webhook stored');
    sendJson(res, 200, { ok: true, duplicate: false });
    wake();
    return true;
  };
}
