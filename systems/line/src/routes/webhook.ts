import type { FastifyInstance } from 'fastify';
import type { LineStore } from '../store.ts';
import type { LineWebhooks } from '../webhooks.ts';

/**
 * The channel's webhook settings (Messaging API) and the stand-in's own switches:
 *   PUT  /v2/bot/channel/webhook/endpoint  {endpoint}: an https (or, for the stand-in, http://127.0.0.1) URL.
 *        Stand-in behaviour: once set, the account's past events (the data set's follows and the
 *        people's messages) are sent to it as webhooks, oldest first, 100 events a body: the history a
 *        production receiver would have collected since the account opened. LINE itself does not replay.
 *   GET  /v2/bot/channel/webhook/endpoint  {endpoint, active}
 *   POST /v2/bot/channel/webhook/test      sends an empty `events: []` body, as LINE's verify button does
 *   POST /__admin/inbound {userId, text}   the person writes now: one message webhook (with a reply token)
 *   POST /__admin/follow  {userId}         the person adds the account now: one follow webhook
 */
export function registerWebhookRoutes(app: FastifyInstance, store: LineStore, webhooks: LineWebhooks): void {
  app.put<{ Body: { endpoint?: unknown } }>('/v2/bot/channel/webhook/endpoint', async (req, reply) => {
    const endpoint = req.body?.endpoint;
    let url: URL | null = null;
    try {
      url = typeof endpoint === 'string' ? new URL(endpoint) : null;
    } catch {
      url = null;
    }
    const local = url?.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
    if (!url || (url.protocol !== 'https:' && !local) || String(endpoint).length > 500) {
      return reply.code(400).send({ message: 'Invalid webhook endpoint URL', details: [{ message: 'must be a valid HTTPS URL', property: 'endpoint' }] });
    }
    const changed = webhooks.endpoint !== url.href;
    webhooks.endpoint = url.href;
    if (changed) void webhooks.send(store.history, { live: false });
    return {};
  });

  app.get('/v2/bot/channel/webhook/endpoint', async () => ({ endpoint: webhooks.endpoint ?? '', active: webhooks.endpoint !== null }));

  app.post('/v2/bot/channel/webhook/test', async (_req, reply) => {
    if (!webhooks.endpoint) return reply.code(400).send({ message: 'Webhook endpoint is not set' });
    const started = Date.now();
    await webhooks.send([], { live: true });
    const last = webhooks.deliveries.at(-1);
    return { success: true, timestamp: new Date(started).toISOString(), statusCode: last?.status ?? 200, reason: 'OK', detail: String(last?.status ?? 200) };
  });

  app.post<{ Body: { userId?: string; text?: string } }>('/__admin/inbound', async (req, reply) => {
    const userId = req.body?.userId ?? '';
    if (!store.profile(userId)) return reply.code(404).send({ message: 'Not found' });
    const event = store.inbound(userId, req.body?.text || 'Hello');
    await webhooks.send([event], { live: true });
    return { webhookEventId: event.webhookEventId, messageId: event.messageId, delivered: webhooks.deliveries.at(-1)?.status ?? null };
  });

  app.post<{ Body: { userId?: string } }>('/__admin/follow', async (req, reply) => {
    const userId = req.body?.userId ?? '';
    if (!store.profile(userId)) return reply.code(404).send({ message: 'Not found' });
    const event = store.follow(userId);
    await webhooks.send([event], { live: true });
    return { webhookEventId: event.webhookEventId, delivered: webhooks.deliveries.at(-1)?.status ?? null };
  });

  app.get('/__admin/sent', async () => ({ sent: store.sent, deliveries: webhooks.deliveries.length }));
}
