import { subgraphDefaults } from '../../../lib/registry.ts';
import { runStandin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const systemPort = Number(new URL(subgraphDefaults('__name__').upstreamUrl).port);
const port = process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : systemPort;
const dataDir = process.env.DATA_DIR ?? '.data/default';

runStandin('__name__', await createStandinApp({ dataDir }), port);
