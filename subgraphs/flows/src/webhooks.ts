import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../../lib/http-graphql.ts';
import { headerOf, receiveWebhook, sameSignature, shopifySignature, squareSignature } from '../../../lib/webhooks.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import type { FlowStore } from './store.ts';

/**
 * `POST /webhooks/shopify` and `POST /webhooks/square`. Each verifies the vendor's signature
 * (401 and nothing stored when it does not match), stores the event under the vendor's event id
 * (a redelivery finds it stored: 200, not run again), answers at once and wakes the worker, which
 * acts on the stored event. Nothing is acted on before it is stored.
 */
export function webhookRoutes(config: Config, store: FlowStore, wake: () => void) {
  return async (req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<boolean> => {
    const received = await receiveWebhook(req, res, ['/webhooks/shopify', '/webhooks/square']);
    if (received === null) return false;
    if (received === 'answered') return true;
    const { path, raw } = received;
    let vendor: 'shopify' | 'square';
    let eventId: string | undefined;
    let topic: string | undefined;
    if (path === '/webhooks/shopify') {
      vendor = 'shopify';
      if (!sameSignature(shopifySignature(config.SHOPIFY_WEBHOOK_SECRET, raw), headerOf(req, 'x-shopify-hmac-sha256'))) {
        info.logger.warn({ vendor }, 'webhook rejected: bad signature');
        sendJson(res, 401, { error: 'invalid signature' });
        return true;
      }
      eventId = headerOf(req, 'x-shopify-webhook-id') ?? headerOf(req, 'x-shopify-event-id');
      topic = headerOf(req, 'x-shopify-topic');
    } else {
      vendor = 'square';
      const sub = await store.subscription('square');
      if (!sub?.signatureKey || !sameSignature(squareSignature(sub.signatureKey, sub.notificationUrl, raw), headerOf(req, 'x-square-hmacsha256-signature'))) {
        info.logger.warn({ vendor }, 'webhook rejected: bad signature');
        sendJson(res, 401, { error: 'invalid signature' });
        return true;
      }
      try {
        const body = JSON.parse(raw) as { event_id?: string; type?: string };
        eventId = body.event_id;
        topic = body.type;
      } catch {
        eventId = undefined;
      }
    }
    if (!eventId || !topic) {
      sendJson(res, 400, { error: 'event id and topic are required' });
      return true;
    }
    try {
      JSON.parse(raw);
    } catch {
      sendJson(res, 400, { error: 'body is not JSON' });
      return true;
    }
    const stored = await store.storeEvent(vendor, eventId, topic, raw);
    info.logger.info({ vendor, eventId, topic, duplicate: !stored }, stored ? 'webhook stored' : 'webhook redelivery acknowledged');
    sendJson(res, 200, { ok: true, duplicate: !stored });
    if (stored) wake();
    return true;
  };
}
