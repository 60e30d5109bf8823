import { announceReady, closeOnSignal } from '../../../lib/announce.ts';
import { createLogger } from '../../../lib/logger.ts';
import { startSubgraph } from '../../../lib/subgraph-server.ts';
import { loadSubgraphConfig } from './config.ts';
import { createSubgraph } from './server.ts';

const config = loadSubgraphConfig();
const logger = createLogger('identity');
const subgraph = createSubgraph(config);
await subgraph.ready();
// Links first, then "ready": a gateway query right after start must see linked customers.
if (config.IDENTITY_BACKFILL === 'on-start') {
  const report = await subgraph.backfill();
  logger.info({ recordsRead: report.recordsRead, linksCreated: report.linksCreated, customersCreated: report.customersCreated, durationMs: report.durationMs }, 'start-up backfill');
}
// Real-time sync after the start-up backfill: it carries on from the watermarks the backfill left.
if (config.IDENTITY_SYNC === 'on') (await subgraph.sync()).start();
const running = await startSubgraph(subgraph, { port: config.PORT, logger });
announceReady('identity', running.url);
closeOnSignal(running.close);
