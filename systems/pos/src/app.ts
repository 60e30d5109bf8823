import type { FastifyReply, FastifyRequest } from 'fastify';
import { createStandin, faultsFromEnv, type Faults, type Standin, type VendorSignals } from '../../lib/standin.ts';
import { RequestError, sendErrors } from './square.ts';
import { loadStore } from './store.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { customerRoutes } from './routes/customers.ts';
import { locationRoutes } from './routes/locations.ts';
import { loyaltyRoutes } from './routes/loyalty.ts';
import { orderRoutes } from './routes/orders.ts';
import { orderWriteRoutes } from './routes/order-writes.ts';
import { WebhookEmitter } from '../../lib/webhooks.ts';
import { saleRoutes } from './routes/sales.ts';
import { paymentRoutes } from './routes/payments.ts';

export const SQUARE_VERSION = '2025-08-20';

/** Square's own answers to the common stand-in switches. */
function squareSignals(token: string): VendorSignals {
  return {
    authorized: (req: FastifyRequest) => req.headers.authorization === `Bearer ${token}`,
    unauthorized: (reply: FastifyReply) =>
      sendErrors(reply, 401, {
        category: 'AUTHENTICATION_ERROR',
        code: 'UNAUTHORIZED',
        detail: 'This request could not be authorized.',
      }),
    // Square documents no limits and sends no Retry-After: clients back off on their own.
    throttled: (reply: FastifyReply) =>
      sendErrors(reply, 429, { category: 'RATE_LIMIT_ERROR', code: 'RATE_LIMITED', detail: 'Rate limited. Please slow down.' }),
    failure: (reply: FastifyReply, status: number) =>
      status === 503
        ? sendErrors(reply, 503, { category: 'API_ERROR', code: 'SERVICE_UNAVAILABLE', detail: 'Service Unavailable' })
        : sendErrors(reply, status, { category: 'API_ERROR', code: 'INTERNAL_SERVER_ERROR', detail: 'An internal error has occurred.' }),
    notFound: (reply: FastifyReply) =>
      sendErrors(reply, 404, { category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND', detail: 'Resource not found.' }),
  };
}

export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string }): Promise<Standin> {
  const store = await loadStore(opts.dataDir);
  const standin = createStandin('pos', squareSignals(opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token'), {
    ...faultsFromEnv(),
    ...opts.faults,
  });
  const { app } = standin;
  // Square echoes the API version a call was served with.
  app.addHook('onSend', async (req, reply) => {
    reply.header('square-version', req.headers['square-version'] ?? SQUARE_VERSION);
  });
  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof RequestError) {
      return sendErrors(reply, 400, {
        category: 'INVALID_REQUEST_ERROR',
        code: error.code,
        detail: error.detail,
        ...(error.field ? { field: error.field } : {}),
      });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own rejections (malformed JSON) in Square's envelope.
      return sendErrors(reply, status, { category: 'INVALID_REQUEST_ERROR', code: 'BAD_REQUEST', detail: error instanceof Error ? error.message : 'Bad request' });
    }
    return sendErrors(reply, 500, { category: 'API_ERROR', code: 'INTERNAL_SERVER_ERROR', detail: 'An internal error has occurred.' });
  });
  customerRoutes(app, store);
  orderRoutes(app, store);
  // Webhooks signed with each subscription's signature key, redelivered with backoff.
  const webhooks = new WebhookEmitter({ vendor: 'square', baseDelayMs: Number(process.env.WEBHOOK_RETRY_BASE_MS ?? 200) });
  app.get('/__admin/webhooks', async () => ({ subscriptions: webhooks.subscriptions.map(({ signatureKey: _k, ...s }) => s), deliveries: webhooks.deliveries }));
  app.post<{ Params: { id: string } }>('/__admin/webhooks/:id/redeliver', async (req) => ({ statuses: await webhooks.redeliver(req.params.id) }));
  app.addHook('onClose', async () => webhooks.close());
  orderWriteRoutes(app, store, webhooks);
  locationRoutes(app, store);
  catalogRoutes(app, store);
  loyaltyRoutes(app, store);
  saleRoutes(app, store, webhooks);
  paymentRoutes(app, store);
  return standin;
}
