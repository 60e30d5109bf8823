import { ensureDataset } from '../systems/generate/ensure.ts';
import { startStack } from './stack.ts';

/**
 * `npm start`: the whole product on embedded defaults, on one machine. Generates the
 * default data set on first run, starts every process, waits until all are ready and
 * prints where to point a browser. Ctrl-C stops everything.
 */
const started = performance.now();
const verbose = process.argv.includes('--verbose') || process.env.LOG_LEVEL === 'debug';
const dataDir = await ensureDataset(process.env.DATA_DIR ?? '.data/default');

console.log(`Starting Omnigraph on data set ${dataDir} ...`);
const stack = await startStack({
  dataDir,
  ports: 'registry',
  ...(process.env.PORT ? { gatewayPort: Number(process.env.PORT) } : {}),
  onOutput: (name, line) => {
    if (verbose || /"level":(40|50|60)/.test(line) || !line.startsWith('{')) console.log(`[${name}] ${line}`);
  },
}).catch((error: unknown) => {
  console.error(`Omnigraph failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const base = new URL(stack.gatewayUrl).origin;
console.log(`
Omnigraph is ready in ${seconds} s.

  GraphQL endpoint   ${stack.gatewayUrl}
  Explorer           ${base}/          (open it in a browser; works offline)
  Health / metrics   ${base}/health    ${base}/metrics

  Subgraphs          ${Object.entries(stack.subgraphs).map(([n, u]) => `${n} ${u}`).join('\n                     ')}
  Stand-in systems   ${Object.entries(stack.systems).map(([n, u]) => `${n} ${u}`).join('\n                     ')}

A first query to paste in the explorer:

  { customers(first: 3) { edges { node { id profile { name { value source { system } } } links { system externalId rule } } } } }

Ctrl-C stops everything.`);

let stopping = false;
const shutdown = () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Omnigraph ...');
  void stack.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
