import { announceReady, closeOnSignal } from '../../../lib/announce.ts';
import { createLogger } from '../../../lib/logger.ts';
import { startSubgraph } from '../../../lib/subgraph-server.ts';
import { registerWebhooks } from './clients.ts';
import { loadSubgraphConfig } from './config.ts';
import { createSubgraph } from './server.ts';

const config = loadSubgraphConfig();
const logger = createLogger('subgraph-flows');
const flows = await createSubgraph(config, logger);
const running = await startSubgraph(flows.definition, { port: config.PORT, logger });
// Webhook subscriptions need the address this process answers at, known once it listens.
const baseUrl = (config.FLOWS_PUBLIC_URL ?? new URL(running.url).origin).replace(/\/$/, '');
// The vendors may still be starting: a few tries before giving up (the process then exits, naming why).
let subs: Awaited<ReturnType<typeof registerWebhooks>> | undefined;
for (let attempt = 1; !subs; attempt++) {
  try {
    subs = await registerWebhooks(config, baseUrl);
  } catch (error) {
    if (attempt >= 10) throw error;
    logger.warn({ err: error, attempt }, 'webhook subscription failed; retrying');
    await new Promise((r) => setTimeout(r, 1_000 * attempt));
  }
}
await flows.store.saveSubscription('shopify', subs.shopify.id, subs.shopify.url, null);
await flows.store.saveSubscription('square', subs.square.id, subs.square.url, subs.square.signatureKey);
logger.info({ shopify: subs.shopify.url, square: subs.square.url }, 'webhook subscriptions registered');
flows.engine.start();
announceReady('flows', running.url);
closeOnSignal(() => running.close());
