import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEV_WEBHOOK_SECRET } from '../../../lib/webhooks.ts';
import { createStandin, faultsFromEnv, type Faults, type Standin, type VendorSignals } from '../../lib/standin.ts';
import { graphError } from './graph.ts';
import { registerBatchRoutes } from './routes/batch.ts';
import { registerReadRoutes } from './routes/read.ts';
import { registerSendRoutes } from './routes/send.ts';
import { registerSubscriptionRoutes } from './routes/subscriptions.ts';
import { SocialStore } from './store.ts';
import { PageTokens, requestToken } from './tokens.ts';
import { MetaWebhooks } from './webhooks.ts';

/** The Meta app the retailer's integration is (App Dashboard → Settings → Basic): its id and app secret, which signs webhooks. */
export const DEFAULT_APP_ID = '100000000000001';
export const DEFAULT_APP_SECRET = DEV_WEBHOOK_SECRET;

/**
 * Meta's signals. Auth: a Page access token as `access_token=` or `Authorization: Bearer`.
 * Throttling is NOT a 429: Graph answers HTTP 400 with code 613 (or 4/17/32) and tells how
 * long to back off only through `X-Business-Use-Case-Usage.estimated_time_to_regain_access`
 * (minutes).
 */
function graphSignals(tokens: PageTokens, appToken: string): VendorSignals {
  const send = (reply: FastifyReply, failure: ReturnType<typeof graphError>, headers: Record<string, string> = {}) =>
    reply.code(failure.status).headers(headers).send(failure.body);
  return {
    authorized(req: FastifyRequest) {
      const token = requestToken(req.headers, req.url);
      // A batch POST may carry its token in the form or JSON body, read after parsing (routes/batch.ts).
      if (token === null && req.method === 'POST') return true;
      // The app access token (`{app-id}|{app-secret}`) manages the app's subscriptions (routes/subscriptions.ts).
      return tokens.scopeOf(token) !== null || token === appToken;
    },
    unauthorized(reply) {
      // Graph answers a bad token with HTTP 400 (not 401), code 190, and a WWW-Authenticate header.
      return send(reply, graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token'), {
        'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"',
      });
    },
    throttled(reply, retryAfterSeconds) {
      const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
      const usage = { type: 'messenger', call_count: 100, total_cputime: 40, total_time: 60, estimated_time_to_regain_access: minutes };
      return send(reply, graphError(400, 613, 'Calls to this api have exceeded the rate limit.'), {
        'x-business-use-case-usage': JSON.stringify({ standin: [usage] }),
        'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 60 }),
      });
    },
    failure(reply, status) {
      return send(
        reply,
        status === 503
          ? graphError(503, 2, 'Service temporarily unavailable', { transient: true })
          : graphError(500, 1, 'An unknown error has occurred.', { transient: true }),
      );
    },
    notFound(reply) {
      return send(reply, graphError(400, 100, 'Unknown path components', { type: 'OAuthException' }));
    },
  };
}

export interface SocialStandin extends Standin {
  store: SocialStore;
  webhooks: MetaWebhooks;
}

export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string; appId?: string; appSecret?: string }): Promise<SocialStandin> {
  const store = await SocialStore.load(opts.dataDir);
  const tokens = new PageTokens(opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token', store.pages.map((p) => p.id));
  const appId = opts.appId ?? process.env.META_APP_ID ?? DEFAULT_APP_ID;
  const appSecret = opts.appSecret ?? process.env.META_APP_SECRET ?? DEFAULT_APP_SECRET;
  const webhooks = new MetaWebhooks(store, appSecret);
  const standin = createStandin('social', graphSignals(tokens, `${appId}|${appSecret}`), {
    ...faultsFromEnv(),
    ...opts.faults,
  });
  // Graph clients (and the batch API's docs) post form bodies: batch=<JSON string>.
  standin.app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  registerReadRoutes(standin.app, store, tokens);
  registerBatchRoutes(standin.app, store, tokens);
  registerSendRoutes(standin.app, store, tokens);
  registerSubscriptionRoutes(standin.app, webhooks, appId, appSecret);
  return { ...standin, store, webhooks };
}
