import { subgraphDefaults } from '../../../lib/registry.ts';
import { runStandin } from '../../lib/standin.ts';
import { createStandinApp } from './app.ts';

const port = Number(process.env.PORT ?? new URL(subgraphDefaults('line').upstreamUrl).port);
const standin = await createStandinApp({ dataDir: process.env.DATA_DIR ?? '.data/default' });
runStandin('line', standin, port);
