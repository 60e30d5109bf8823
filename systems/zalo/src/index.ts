import { loadRegistry, subgraphDefaults } from '../../../lib/registry.ts';
import { runStandin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const registryPort = Number(new URL(subgraphDefaults('zalo').upstreamUrl).port);
const port = Number(process.env.PORT ?? registryPort);
// Zalo's webhook URL is set in its developer console, not by API: on `npm start`'s fixed ports it is the
// zalo subgraph's receiver; elsewhere ZALO_WEBHOOK_URL (or PUT /__admin/webhook) sets it.
if (process.env.ZALO_WEBHOOK_URL === undefined && port === registryPort) {
  const subgraph = loadRegistry().find((e) => e.name === 'zalo');
  if (subgraph) process.env.ZALO_WEBHOOK_URL = `http://127.0.0.1:${subgraph.port}/webhooks/zalo`;
}
const standin = await createStandinApp({ dataDir: process.env.DATA_DIR ?? '.data/default' });
runStandin('zalo', standin, port);
