import { DEV_WEBHOOK_SECRET } from '../../../lib/webhooks.ts';
import { createStandin, faultsFromEnv, type Faults, type Standin, type VendorSignals } from '../../lib/standin.ts';
import { registerMessageRoutes } from './routes/messages.ts';
import { registerProfileRoutes } from './routes/profile.ts';
import { registerWebhookRoutes } from './routes/webhook.ts';
import { LineStore } from './store.ts';
import { LineWebhooks } from './webhooks.ts';

/** The channel secret webhooks are signed with (LINE Developers console → Basic settings). */
export const DEFAULT_CHANNEL_SECRET = DEV_WEBHOOK_SECRET;

/**
 * LINE's signals (Messaging API "Status codes" and "Error responses"): every error is
 * `{message, details?}`; a bad channel access token is 401; throttling is 429 with no
 * Retry-After (LINE documents per-endpoint limits, not a back-off time); server errors 500.
 */
function lineSignals(token: string): VendorSignals {
  return {
    authorized: (req) => /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] === token,
    unauthorized: (reply) => reply.code(401).send({ message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' }),
    throttled: (reply) => reply.code(429).send({ message: 'The API rate limit has been exceeded. Try again later.' }),
    failure: (reply, status) => reply.code(status).send({ message: status === 503 ? 'Service Unavailable' : 'Internal server error' }),
    notFound: (reply) => reply.code(404).send({ message: 'Not found' }),
  };
}

export interface LineStandin extends Standin {
  store: LineStore;
  webhooks: LineWebhooks;
}

export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string; channelSecret?: string }): Promise<LineStandin> {
  const store = await LineStore.load(opts.dataDir);
  const standin = createStandin('line', lineSignals(opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token'), { ...faultsFromEnv(), ...opts.faults });
  const webhooks = new LineWebhooks(store, opts.channelSecret ?? process.env.LINE_CHANNEL_SECRET ?? DEFAULT_CHANNEL_SECRET);
  registerProfileRoutes(standin.app, store);
  registerMessageRoutes(standin.app, store);
  registerWebhookRoutes(standin.app, store, webhooks);
  return { ...standin, store, webhooks };
}
