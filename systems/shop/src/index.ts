import { subgraphDefaults } from '../../../lib/registry.ts';
import { runStandin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const port = Number(process.env.PORT ?? subgraphDefaults('shop').upstreamUrl.split(':').pop());
const dataDir = process.env.DATA_DIR ?? '.data/default';
// STANDIN_TOKEN is read by createStandinApp (default "dev-token").
runStandin('shop', await createStandinApp({ dataDir }), port);
