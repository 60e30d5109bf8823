import { announceReady, closeOnSignal } from '../../../lib/announce.ts';
import { startSubgraph } from '../../../lib/subgraph-server.ts';
import { loadSubgraphConfig } from './config.ts';
import { createSubgraph } from './server.ts';

const config = loadSubgraphConfig();
const subgraph = createSubgraph(config);
const running = await startSubgraph(subgraph, { port: config.PORT });
// Meta sends referrals only by webhook: subscribe the app to this process before announcing ready.
await subgraph.subscribe(new URL(running.url).origin);
announceReady('social', running.url);
closeOnSignal(() => running.close());
