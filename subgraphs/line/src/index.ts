import { announceReady, closeOnSignal } from '../../../lib/announce.ts';
import { startSubgraph } from '../../../lib/subgraph-server.ts';
import { loadSubgraphConfig } from './config.ts';
import { createSubgraph } from './server.ts';

const config = loadSubgraphConfig();
const subgraph = createSubgraph(config);
const running = await startSubgraph(subgraph, { port: config.PORT });
// LINE sends chats only by webhook: point the channel at this process before announcing ready.
await subgraph.subscribe(new URL(running.url).origin);
announceReady('line', running.url);
closeOnSignal(() => running.close());
