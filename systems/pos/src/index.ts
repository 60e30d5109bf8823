import { subgraphDefaults } from '../../../lib/registry.ts';
import { runStandin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const registryPort = subgraphDefaults('pos').upstreamUrl.split(':').pop();
const port = Number(process.env.PORT ?? registryPort);
const dataDir = process.env.DATA_DIR ?? '.data/default';

createStandinApp({ dataDir }).then(
  (standin) => runStandin('pos', standin, port),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
