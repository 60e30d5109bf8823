import { ensureDataset } from '../systems/generate/ensure.ts';
import { ensureConsoleBuilt } from '../apps/console/build.ts';
import { startStack } from './stack.ts';
import type { SupervisionEvent } from './supervise.ts';

/**
 * `npm start`: the whole product on embedded defaults, on one machine. Generates the
 * default data set on first run, starts every process, waits until all are ready and
 * prints where to point a browser. A process that crashes is restarted with backoff (on its
 * port, so nothing else needs to know), and why it stopped is printed: exit code or signal and its
 * last log lines; meanwhile the gateway's /health/ready names the part that is down. Ctrl-C stops
 * everything.
 */
const started = performance.now();
const verbose = process.argv.includes('--verbose') || process.env.LOG_LEVEL === 'debug';
const dataDir = await ensureDataset(process.env.DATA_DIR ?? '.data/default');

function report(event: SupervisionEvent): void {
  if (event.type === 'exit') {
    const why = event.signal ? `signal ${event.signal}` : `exit code ${event.code}`;
    const next = event.restartInMs === null ? 'not restarted' : `restarting in ${(event.restartInMs / 1000).toFixed(1)} s (crash ${event.crashesInARow} in a row)`;
    console.error(`[supervisor] ${event.name} (pid ${event.pid}) stopped: ${why}; ${next}. Its last lines:`);
    for (const line of event.lastLines) console.error(`  [${event.name}] ${line}`);
  } else if (event.type === 'restarted') {
    console.error(`[supervisor] ${event.name} is back (pid ${event.pid}, ${event.url}); restarts so far: ${event.restarts}`);
  } else if (event.type === 'restarting-dependent') {
    console.error(`[supervisor] restarting ${event.name}: ${event.because} was restarted and ${event.name} must subscribe to its webhooks again`);
  } else {
    console.error(`[supervisor] ${event.name} ${event.reason}: left down (the gateway's /health/ready names it). Fix it and restart npm start.`);
  }
}

// The Customer 360 console's bundle (served by the gateway at /console) is built here when missing or stale; it is not committed.
// A failed build (e.g. an install without dev dependencies, where Vite is missing) leaves the console out, not the product.
await ensureConsoleBuilt().then(
  (built) => built && console.log('Built the Customer 360 console (apps/console/dist).'),
  (error: unknown) => console.error(`The Customer 360 console could not be built, /console is off: ${error instanceof Error ? error.message : String(error)}`),
);
console.log(`Starting Omnigraph on data set ${dataDir} ...`);
const stack = await startStack({
  dataDir,
  ports: 'registry',
  ...(process.env.PORT ? { gatewayPort: Number(process.env.PORT) } : {}),
  // A restarted stand-in system has forgotten its webhook subscriptions: who was given its URL restarts and subscribes again.
  supervise: { restartDependentsOf: (name) => name.startsWith('system-') },
  onSupervision: report,
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
  Explorer           ${base}/          (open it in a browser; works offline; every example operation in a tab)
  Reference docs     ${base}/docs      (every type and field: subgraph, system, personal data, roles)
  Customer 360       ${base}/console   (the console for frontend teams: search, 360, journey, support, pickup queue)
  Health / metrics   ${base}/health    ${base}/health/ready (which part is down)    ${base}/metrics

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
