import type { FastifyInstance } from 'fastify';
import { createStandin, faultsFromEnv, type Faults, type Standin, type VendorSignals } from '../../lib/standin.ts';
import { WebhookEmitter } from '../../lib/webhooks.ts';
import { draftOrderRoutes } from './routes/draft-orders.ts';
import { graphqlRoute } from './graphql.ts';
import { API_PREFIX, servedVersion } from './paging.ts';
import { applyFields } from './fields.ts';
import { customerRoutes } from './routes/customers.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { orderRoutes } from './routes/orders.ts';
import { productRoutes } from './routes/products.ts';
import { loadStore } from './store.ts';

const BUCKET_SIZE = 40;
const LEAK_PER_SECOND = 2;

/**
 * A Shopify-Admin-like web shop (vendor-apis.md §1) over a data set folder: REST and the GraphQL
 * Admin API's order, variant and draft-order queries, under any supported API version.
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

  standin.app.addHook('onRequest', async (req, reply) => {
    const requested = /^\/admin\/api\/([^/]+)\//.exec(req.url)?.[1];
    if (requested === undefined) return;
    const served = servedVersion(requested);
    if (!served) return reply.code(404).send({ errors: 'Not Found' });
    void reply.header('x-shopify-api-version', served);
  });
  standin.app.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/admin/api/')) return payload;
    const graphql = req.url.split('?')[0]!.endsWith('/graphql.json');
    // GraphQL is limited by query cost (extensions.cost), not by the REST call bucket.
    if (!graphql && !reply.hasHeader('x-shopify-shop-api-call-limit')) void reply.header('x-shopify-shop-api-call-limit', callLimit());
    const fields = (req.query as Record<string, unknown> | undefined)?.fields;
    return req.method === 'GET' && typeof fields === 'string' && typeof payload === 'string' && reply.statusCode < 300 ? applyFields(payload, fields) : payload;
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
      const { drafts } = draftOrderRoutes(api, store, webhooks);
      const setCost = graphqlRoute(api, store, drafts);
      standin.app.put<{ Body: { currentlyAvailable?: number } }>('/__admin/graphql-cost', async (req) => {
        setCost(Number(req.body?.currentlyAvailable ?? 1000));
        return { ok: true };
      });
    },
    { prefix: API_PREFIX },
  );
  return standin;
}
