import { announceReady, closeOnSignal } from '../../../lib/announce.ts';
import { startSubgraph } from '../../../lib/subgraph-server.ts';
import { loadSubgraphConfig } from './config.ts';
import { createSubgraph } from './server.ts';

const config = loadSubgraphConfig();
const subgraph = createSubgraph(config);
const running = await startSubgraph(subgraph, { port: config.PORT });
// Shopify's webhooks (cache invalidation) need the address this process answers at.
await subgraph.subscribe(config.SHOP_PUBLIC_URL ?? new URL(running.url).origin);
announceReady('shop', running.url);
closeOnSignal(() => running.close());
