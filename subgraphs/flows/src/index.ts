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
const subs = await registerWebhooks(config, baseUrl);
await flows.store.saveSubscription('shopify', subs.shopify.id, subs.shopify.url, null);
await flows.store.saveSubscription('square', subs.square.id, subs.square.url, subs.square.signatureKey);
logger.info({ shopify: subs.shopify.url, square: subs.square.url }, 'webhook subscriptions registered');
flows.engine.start();
announceReady('flows', running.url);
closeOnSignal(() => running.close());
