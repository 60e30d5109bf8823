import { DEV_WEBHOOK_SECRET } from '../../../lib/webhooks.ts';
import { createStandin, faultsFromEnv, type Faults, type Standin, type VendorSignals } from '../../lib/standin.ts';
import { registerOaRoutes } from './routes/oa.ts';
import { ZaloStore } from './store.ts';
import { ZaloWebhooks } from './webhooks.ts';

/** The Zalo app id and OA secret key webhooks are signed with (developers.zalo.me → the app's Webhook page). */
export const DEFAULT_APP_ID = '4318693740512348763';
export const DEFAULT_OA_SECRET_KEY = DEV_WEBHOOK_SECRET;

/**
 * Zalo's signals: the OA access token in an `access_token` header; every API error is HTTP 200
 * with a negative `error` code (-216 invalid access token, -32 rate limit exceeded, -201 invalid
 * parameter, -213 user has not followed the OA); the platform's own outages are HTTP 5xx.
 */
function zaloSignals(token: string): VendorSignals {
  return {
    authorized: (req) => req.headers.access_token === token,
    unauthorized: (reply) => reply.code(200).send({ error: -216, message: 'Access token is invalid' }),
    throttled: (reply) => reply.code(200).send({ error: -32, message: 'Request exceeded rate limit' }),
    failure: (reply, status) => reply.code(status).send({ error: -1, message: 'Internal server error' }),
    notFound: (reply) => reply.code(404).send({ error: 404, message: 'empty api' }),
  };
}

export interface ZaloStandin extends Standin {
  store: ZaloStore;
  webhooks: ZaloWebhooks;
}

export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string; appId?: string; secretKey?: string }): Promise<ZaloStandin> {
  const store = await ZaloStore.load(opts.dataDir, opts.appId ?? process.env.ZALO_APP_ID ?? DEFAULT_APP_ID);
  const standin = createStandin('zalo', zaloSignals(opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token'), { ...faultsFromEnv(), ...opts.faults });
  const webhooks = new ZaloWebhooks(store, opts.secretKey ?? process.env.ZALO_OA_SECRET_KEY ?? DEFAULT_OA_SECRET_KEY);
  webhooks.url = process.env.ZALO_WEBHOOK_URL ?? null;
  registerOaRoutes(standin.app, store, webhooks);
  return { ...standin, store, webhooks };
}
