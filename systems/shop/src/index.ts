import { subgraphDefaults } from '../../../lib/registry.ts';
import { runStandin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const registryPort = subgraphDefaults('shop').upstreamUrl.split(':').pop();
const port = Number(process.env.PORT ?? registryPort);
const dataDir = process.env.DATA_DIR ?? '.data/default';

// STANDIN_TOKEN (default "dev-token") is read by createStandinApp.
createStandinApp({ dataDir }).then(
  (standin) => runStandin('shop', standin, port),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
