import { announceReady, closeOnSignal } from '../../../lib/announce.ts';
import { startSubgraph } from '../../../lib/subgraph-server.ts';
import { loadSubgraphConfig } from './config.ts';
import { createSubgraph } from './server.ts';

const config = loadSubgraphConfig();
const running = await startSubgraph(createSubgraph(config), { port: config.PORT });
announceReady('zalo', running.url);
closeOnSignal(() => running.close());
