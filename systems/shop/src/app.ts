import type { FastifyInstance } from 'fastify';
import { createStandin, faultsFromEnv, type Faults, type Standin, type VendorSignals } from '../../lib/standin.ts';
import { WebhookEmitter } from '../../lib/webhooks.ts';
import { cartRoutes } from './routes/carts.ts';
import { API_PREFIX } from './paging.ts';
import { customerRoutes } from './routes/customers.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { orderRoutes } from './routes/orders.ts';
import { productRoutes } from './routes/products.ts';
import { loadStore } from './store.ts';

export const API_VERSION = '2024-04';
const BUCKET_SIZE = 40;
const LEAK_PER_SECOND = 2;

/**
 * A Shopify-Admin-REST-like web shop (vendor-apis.md §1) over a data set folder.
 * Auth by `X-Shopify-Access-Token`; Shopify's error bodies; `X-Shopify-API-Version` echoed;
 * `X-Shopify-Shop-Api-Call-Limit` on every answer from an imitation of Shopify's leaky bucket
 * (informational: actual throttling is the shared token bucket of systems/lib/standin.ts).
 */
export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string }): Promise<Standin> {
  const token = opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token';
  const store = await loadStore(opts.dataDir);

  let bucket = 0;
  let leakedAt = Date.now();
  const callLimit = () => {
    const now = Date.now();
    bucket = Math.min(BUCKET_SIZE, Math.max(0, bucket - ((now - leakedAt) / 1000) * LEAK_PER_SECOND) + 1);
    leakedAt = now;
    return `${Math.ceil(bucket)}/${BUCKET_SIZE}`;
  };

  const signals: VendorSignals = {
    authorized: (req) => req.headers['x-shopify-access-token'] === token,
    unauthorized: (reply) => reply.code(401).send({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }),
    throttled: (reply, retryAfterSeconds) =>
      reply
        .code(429)
        .header('retry-after', Math.max(2, retryAfterSeconds).toFixed(1))
        .header('x-shopify-shop-api-call-limit', `${BUCKET_SIZE}/${BUCKET_SIZE}`)
        .send({ errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }),
    failure: (reply, status) =>
      reply.code(status).send({ errors: status === 503 ? 'Service Unavailable' : 'Internal Server Error' }),
    notFound: (reply) => reply.code(404).send({ errors: 'Not Found' }),
  };
  const standin = createStandin('shop', signals, { ...faultsFromEnv(), ...opts.faults });

  standin.app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/admin/api/')) return;
    void reply.header('x-shopify-api-version', API_VERSION);
    if (!reply.hasHeader('x-shopify-shop-api-call-limit')) void reply.header('x-shopify-shop-api-call-limit', callLimit());
  });

  // Webhooks signed with the app's client secret (SHOPIFY_WEBHOOK_SECRET), redelivered with backoff.
  const webhooks = new WebhookEmitter({ vendor: 'shopify', secret: process.env.SHOPIFY_WEBHOOK_SECRET ?? 'dev-webhook-secret', baseDelayMs: Number(process.env.WEBHOOK_RETRY_BASE_MS ?? 200) });
  standin.app.get('/__admin/webhooks', async () => ({ subscriptions: webhooks.subscriptions.map(({ signatureKey: _k, ...s }) => s), deliveries: webhooks.deliveries }));
  standin.app.post<{ Params: { id: string } }>('/__admin/webhooks/:id/redeliver', async (req) => ({ statuses: await webhooks.redeliver(req.params.id) }));
  standin.app.addHook('onClose', async () => webhooks.close());

  await standin.app.register(
    async (api: FastifyInstance) => {
      customerRoutes(api, store, webhooks);
      orderRoutes(api, store);
      productRoutes(api, store);
      inventoryRoutes(api, store);
      cartRoutes(api, store, webhooks);
    },
    { prefix: API_PREFIX },
  );
  return standin;
}
