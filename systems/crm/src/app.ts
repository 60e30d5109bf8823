import type { FastifyReply, FastifyRequest } from 'fastify';
import { createStandin, faultsFromEnv, type Faults, type Standin } from '../../lib/standin.ts';
import { hubspotError } from './envelope.ts';
import { registerAssociationRoutes } from './routes/associations.ts';
import { registerObjectRoutes, registerNoteCreate } from './routes/objects.ts';
import { registerPipelineRoutes } from './routes/pipelines.ts';
import { registerWrites } from './routes/writes.ts';
import { loadStore, OBJECT_TYPES } from './store.ts';

const INTERVAL_MS = 10_000;
const DAILY = 625_000;

/**
 * A HubSpot-like CRM (v3 objects, v4 associations) over a data set in DATA-FORMAT.
 * Auth: `Authorization: Bearer <STANDIN_TOKEN>` (default "dev-token").
 */
export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string }): Promise<Standin> {
  const token = opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token';
  const faults: Faults = { ...faultsFromEnv(), ...opts.faults };
  // HubSpot reports the burst window as "max per 10 s"; the stand-in's bucket is per second.
  const intervalMax = () => (faults.rateLimitPerSecond > 0 ? Math.max(1, Math.round(faults.rateLimitPerSecond * 10)) : 190);
  let windowStart = Date.now();
  let windowCount = 0;
  let dailyCount = 0;
  const rateHeaders = (reply: FastifyReply, remaining: number) =>
    reply.headers({
      'x-hubspot-ratelimit-interval-milliseconds': String(INTERVAL_MS),
      'x-hubspot-ratelimit-max': String(intervalMax()),
      'x-hubspot-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-hubspot-ratelimit-daily': String(DAILY),
      'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, DAILY - dailyCount)),
    });

  const standin = createStandin(
    'crm',
    {
      authorized: (req: FastifyRequest) => req.headers.authorization === `Bearer ${token}`,
      unauthorized: (reply) =>
        reply
          .code(401)
          .send(
            hubspotError(
              'INVALID_AUTHENTICATION',
              'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
            ),
          ),
      throttled: (reply) => {
        rateHeaders(reply, 0);
        return reply.code(429).send({
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: crypto.randomUUID(),
          policyName: 'TEN_SECONDLY_ROLLING',
          requestId: crypto.randomUUID(),
        });
      },
      failure: (reply, status) =>
        reply.code(status).send(hubspotError('INTERNAL_ERROR', status === 503 ? 'Service temporarily unavailable' : 'internal error')),
      notFound: (reply) => reply.code(404).send(hubspotError('OBJECT_NOT_FOUND', 'resource not found')),
    },
    faults,
  );

  const { app } = standin;
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '';
    // Search responses carry no rate headers (HubSpot counts search separately); admin routes are not vendor calls.
    if (path.startsWith('/__admin') || path === '/health' || path.endsWith('/search') || reply.statusCode === 429) return payload;
    const now = Date.now();
    if (now - windowStart >= INTERVAL_MS) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount += 1;
    dailyCount += 1;
    rateHeaders(reply, intervalMax() - windowCount);
    return payload;
  });

  const store = await loadStore(opts.dataDir);
  for (const type of OBJECT_TYPES) registerObjectRoutes(app, store, type);
  registerNoteCreate(app, store);
  registerWrites(app, store);
  registerAssociationRoutes(app, store);
  registerPipelineRoutes(app, store);
  return standin;
}
