import { spawn } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Agent, request } from 'undici';
import { generateDevKey, internalHeaders, loadInternalKey } from '../lib/authorization/index.ts';
import { loadRegistry, type SubgraphEntry } from '../lib/registry.ts';
import { ensureDataset } from '../systems/generate/ensure.ts';
import { benchDir, cpuMsOf, memoryOf, rootDir, startChild, type Child } from './lib/proc.ts';

/**
 * The identity hub at scale: `npm run bench -- --identity [--people 100000] [--backend postgres,pglite] [--lookups 2000] [--twice] [--lock /tmp/omnigraph-bench.lock] [--cpu-prof]`.
 *
 * Per backend: the stand-ins and channel subgraphs of a generated data set (real processes, real
 * HTTP), a fresh hub process (Postgres: a fresh database; PGlite: a fresh directory) started
 * without its start-up backfill or sync, then `runBackfill` through GraphQL. Prints records/s,
 * the hub's peak RSS (VmHWM), and customerBySourceId lookup p50/p99 over HTTP (one request at a
 * time, random source ids of the data set). `--twice` runs the backfill again (it must change
 * nothing). Results: bench/results/identity-<people>.json.
 */
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--identity'),
  options: {
    people: { type: 'string', default: '100000' },
    backend: { type: 'string', default: 'postgres,pglite' },
    lookups: { type: 'string', default: '2000' },
    twice: { type: 'boolean', default: false },
    // Writes a V8 CPU profile of every process (stand-ins, channel subgraphs, hub) to bench/results/profiles/.
    'cpu-prof': { type: 'boolean', default: false },
    // The machine-wide benchmark lock, taken after the data set is loaded (loading a million people takes minutes) and held for the measurements.
    lock: { type: 'string' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
  strict: true,
});
const people = Number(args.people);
if (!Number.isSafeInteger(people) || people < 1 || people > 1_000_000) throw new Error(`--people must be 1 to 1000000, got ${args.people}`);
const backends = args.backend.split(',').map((b) => b.trim());
for (const b of backends) if (b !== 'postgres' && b !== 'pglite') throw new Error(`--backend takes postgres and/or pglite, got ${b}`);
const lookups = Number(args.lookups);

const log = (line: string) => console.log(`[identity-bench] ${line}`);
const profileDir = `${benchDir}results/profiles/identity-${people}`;
if (args['cpu-prof']) mkdirSync(profileDir, { recursive: true });
const execArgv = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
/** A ceiling, not a reservation: only a stand-in that needs it (a million people) grows that far. */
const STANDIN_HEAP = '--max-old-space-size=12288';
const dataDir = await ensureDataset(`${rootDir}.data/bench-${people}`, { people, log });

/** Channel stand-ins and subgraphs, as the product runs them. */
async function startChannels(): Promise<{ children: Child[]; sources: string }> {
  const children: Child[] = [];
  const channels = loadRegistry().filter((e): e is SubgraphEntry & { system: { port: number } } => e.system !== null);
  const urls = await Promise.all(
    channels.map(async (e) => {
      // The stand-ins hold the whole data set in memory: at a million people the shop's outgrows Node's default heap.
      const system = await startChild(`identity-bench-system-${e.name}`, `systems/${e.name}/src/index.ts`, { PORT: '0', DATA_DIR: dataDir }, { readyTimeoutMs: 1_800_000, execArgv: [...execArgv, STANDIN_HEAP] });
      children.push(system);
      const subgraph = await startChild(`identity-bench-${e.name}`, `subgraphs/${e.name}/src/index.ts`, { PORT: '0', UPSTREAM_URL: system.url, CACHE_STORE: 'off', LOG_LEVEL: 'warn', UPSTREAM_TIMEOUT_MS: '120000' }, { execArgv });
      children.push(subgraph);
      return `${e.name}=${new URL(subgraph.url).origin}`;
    }),
  );
  return { children, sources: urls.join(',') };
}

/** Random source ids of the data set (reservoir sample of the ground truth: every record, no matching knowledge used). */
async function sampleKeys(n: number): Promise<{ system: string; externalId: string }[]> {
  const sample: { system: string; externalId: string }[] = [];
  let seen = 0;
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = createInterface({ input: createReadStream(`${dataDir}/ground-truth.ndjson`) });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { system: string; externalId: string };
    seen++;
    if (sample.length < n) sample.push({ system: row.system, externalId: row.externalId });
    else {
      const j = Math.floor(random() * seen);
      if (j < n) sample[j] = { system: row.system, externalId: row.externalId };
    }
  }
  return sample;
}

// Every process of the bench shares one internal key (children inherit it), and the bench signs its
// own calls to the hub as a gateway would.
process.env.INTERNAL_SIGNING_KEY ??= generateDevKey();
const internalKey = loadInternalKey(process.env);
const signedAsBench = () => internalHeaders(internalKey, 'identity', { actor: 'identity-bench', roles: ['admin'], requestId: `identity-bench-${process.pid}`, issuer: 'bench' });

function gql(url: string, query: string, variables: Record<string, unknown>, timeoutMs: number): Promise<Record<string, unknown>> {
  // node:http, not fetch: fetch gives up waiting for response headers after 300 s.
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...signedAsBench() }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

interface BackfillResult {
  recordsRead: number;
  customersCreated: number;
  linksCreated: number;
  suggestionsCreated: number;
  durationMs: number;
  sources: { name: string; records: number; error: string | null }[];
}

async function backfill(hubUrl: string, key: string): Promise<BackfillResult> {
  const res = (await gql(
    hubUrl,
    'mutation($key: String!) { runBackfill(idempotencyKey: $key) { recordsRead customersCreated linksCreated suggestionsCreated durationMs sources { name records error } } }',
    { key },
    3 * 60 * 60_000,
  )) as { data?: { runBackfill?: BackfillResult }; errors?: unknown };
  const report = res.data?.runBackfill;
  if (!report) throw new Error(`runBackfill failed: ${JSON.stringify(res.errors).slice(0, 500)}`);
  const failed = report.sources.filter((s) => s.error);
  if (failed.length > 0) throw new Error(`feeds failed: ${failed.map((s) => `${s.name}: ${s.error}`).join('; ')}`);
  return report;
}

async function measureLookups(hubUrl: string, keys: { system: string; externalId: string }[]) {
  const agent = new Agent({ connections: 1, pipelining: 1 });
  const query = 'query($s: String!, $e: ID!) { customerBySourceId(system: $s, externalId: $e) { id } }';
  const once = async (k: { system: string; externalId: string }) => {
    const started = performance.now();
    const res = await request(hubUrl, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...signedAsBench() }, body: JSON.stringify({ query, variables: { s: k.system, e: k.externalId } }) });
    const json = (await res.body.json()) as { data?: { customerBySourceId: { id: string } | null } };
    return { ms: performance.now() - started, found: !!json.data?.customerBySourceId };
  };
  for (const k of keys.slice(0, 100)) await once(k); // warm-up: connection, plan caches
  const times: number[] = [];
  let found = 0;
  for (const k of keys) {
    const r = await once(k);
    times.push(r.ms);
    if (r.found) found++;
  }
  await agent.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50Ms: +at(0.5).toFixed(2), p99Ms: +at(0.99).toFixed(2), found, of: keys.length };
}

/**
 * CPU of the Postgres backends serving database `name` from now until the returned function is
 * called: their pids are sampled every second (a pool opens and closes connections), each counted
 * at the most it was seen using. Postgres runs on this machine, so /proc has them.
 */
async function sampleBackendCpu(url: string, name: string): Promise<() => number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seen = new Map<number, { first: number; last: number }>();
  const sample = async () => {
    const rows = (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])).rows;
    for (const { pid } of rows) {
      try {
        const ms = cpuMsOf(pid);
        const known = seen.get(pid);
        if (known) known.last = ms;
        // A backend that existed before the backfill counts from then; one started during it, all of its CPU.
        else seen.set(pid, { first: started ? 0 : ms, last: ms });
      } catch {
        // ended between the query and the read
      }
    }
  };
  let started = false;
  await sample();
  started = true;
  const timer = setInterval(() => void sample().catch(() => undefined), 1000);
  return () => {
    clearInterval(timer);
    void client.end();
    let total = 0;
    for (const v of seen.values()) total += v.last - v.first;
    return total;
  };
}

/**
 * Holds `flock <file>` (util-linux) until the returned function is called: a child `flock` takes
 * the lock, says so, then waits on its stdin; closing stdin releases it.
 */
function takeLock(file: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const child = spawn('flock', [file, 'sh', '-c', 'echo locked; cat > /dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout.once('data', () => resolve(() => child.stdin.end()));
    child.once('exit', (code) => reject(new Error(`flock ${file} exited (${code})`)));
  });
}

const results: Record<string, unknown>[] = [];
const channels = await startChannels();
log(`data set ${dataDir}; channels ready (${channels.sources})`);
const keys = await sampleKeys(lookups);
let unlock: (() => void) | undefined;
if (args.lock) {
  log(`waiting for the benchmark lock ${args.lock} ...`);
  unlock = await takeLock(args.lock);
  log(`holding ${args.lock}; load: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
}
try {
  for (const backend of backends) {
    const env: Record<string, string> = { PORT: '0', IDENTITY_SOURCES: channels.sources, IDENTITY_BACKFILL: 'off', IDENTITY_SYNC: 'off', IDENTITY_FEED_TIMEOUT_MS: '120000', LOG_LEVEL: 'info' };
    let dropDb: (() => Promise<void>) | undefined;
    // Postgres: the hub's database, whose server processes' CPU is sampled during the backfill.
    let databaseName: string | undefined;
    if (backend === 'postgres') {
      const name = `identity_bench_${people}_${process.pid}`;
      const admin = new pg.Client({ connectionString: args['database-url'] });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(args['database-url']);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      databaseName = name;
      dropDb = async () => {
        const c = new pg.Client({ connectionString: args['database-url'] });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const dir = `${rootDir}.data/identity-bench-pglite-${people}-${process.pid}`;
      mkdirSync(dir, { recursive: true });
      env.IDENTITY_DB_DIR = dir;
      env.DATABASE_URL = '';
      dropDb = async () => rmSync(dir, { recursive: true, force: true });
    }
    const hub = await startChild(`identity-bench-hub-${backend}`, 'subgraphs/identity/src/index.ts', env, { readyTimeoutMs: 300_000, execArgv });
    try {
      const baseline = memoryOf(hub.pid);
      log(`${backend}: hub ready (RSS ${baseline.rssMb.toFixed(0)} MB); backfill of ${people} people ...`);
      const cpuBefore = cpuMsOf(hub.pid);
      const channelCpuBefore = channels.children.map((c) => cpuMsOf(c.pid));
      const stopDbCpu = databaseName ? await sampleBackendCpu(args['database-url'], databaseName) : undefined;
      const first = await backfill(hub.url, `bench-${Date.now()}-1`);
      // Postgres works in its own processes: their CPU is part of the cost too.
      const databaseCpuSeconds = stopDbCpu ? +(stopDbCpu() / 1000).toFixed(1) : undefined;
      // The hub's own CPU (not the database server's, nor the feeds'): on a shared machine wall time mostly measures the others.
      const hubCpuSeconds = +((cpuMsOf(hub.pid) - cpuBefore) / 1000).toFixed(1);
      const peak = memoryOf(hub.pid).hwmMb;
      // Where the time goes besides the hub: each stand-in's and channel subgraph's CPU during the backfill.
      const feedCpuSeconds = Object.fromEntries(channels.children.map((c, i) => [c.name.replace('identity-bench-', ''), +((cpuMsOf(c.pid) - channelCpuBefore[i]!) / 1000).toFixed(1)]));
      log(`${backend}: CPU seconds during the backfill: ${Object.entries(feedCpuSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}${databaseCpuSeconds !== undefined ? `, postgres backends ${databaseCpuSeconds}` : ''}`);
      const recordsPerSecond = Math.round(first.recordsRead / (first.durationMs / 1000));
      log(`${backend}: ${first.recordsRead} records in ${(first.durationMs / 1000).toFixed(1)} s = ${recordsPerSecond} records/s (hub CPU ${hubCpuSeconds} s); ${first.customersCreated} customers, ${first.linksCreated} links, ${first.suggestionsCreated} suggestions; peak RSS ${peak.toFixed(0)} MB`);
      let second: BackfillResult | undefined;
      if (args.twice) {
        second = await backfill(hub.url, `bench-${Date.now()}-2`);
        log(`${backend}: second run ${(second.durationMs / 1000).toFixed(1)} s, ${second.linksCreated} links, ${second.customersCreated} customers, ${second.suggestionsCreated} suggestions (must be 0)`);
      }
      const lookup = await measureLookups(hub.url, keys);
      log(`${backend}: customerBySourceId over HTTP, ${lookup.of} sequential lookups: p50 ${lookup.p50Ms} ms, p99 ${lookup.p99Ms} ms (${lookup.found} found)`);
      results.push({
        backend,
        people,
        // Figures on a shared machine mean little without how loaded it was (1, 5, 15 minute averages at the end).
        loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
        records: first.recordsRead,
        seconds: +(first.durationMs / 1000).toFixed(1),
        recordsPerSecond,
        hubCpuSeconds,
        feedCpuSeconds,
        ...(databaseCpuSeconds !== undefined ? { databaseCpuSeconds } : {}),
        customers: first.customersCreated,
        links: first.linksCreated,
        suggestions: first.suggestionsCreated,
        hubPeakRssMb: Math.round(peak),
        hubRssAtStartMb: Math.round(baseline.rssMb),
        ...(second ? { secondRun: { seconds: +(second.durationMs / 1000).toFixed(1), links: second.linksCreated, customers: second.customersCreated, suggestions: second.suggestionsCreated } } : {}),
        lookup,
      });
    } finally {
      await hub.stop();
      await dropDb?.();
    }
  }
} finally {
  await Promise.all(channels.children.map((c) => c.stop()));
  unlock?.();
}
mkdirSync(`${benchDir}results`, { recursive: true });
writeFileSync(`${benchDir}results/identity-${people}.json`, `${JSON.stringify({ at: new Date().toISOString(), machine: 'shared 2-CPU machine (other engineers running at the same time)', results }, null, 2)}\n`);
console.log('\n| backend | people | records | s | records/s | hub peak RSS MB | lookup p50 ms | lookup p99 ms |\n| --- | --: | --: | --: | --: | --: | --: | --: |');
for (const r of results as { backend: string; people: number; records: number; seconds: number; recordsPerSecond: number; hubPeakRssMb: number; lookup: { p50Ms: number; p99Ms: number } }[]) {
  console.log(`| ${r.backend} | ${r.people} | ${r.records} | ${r.seconds} | ${r.recordsPerSecond} | ${r.hubPeakRssMb} | ${r.lookup.p50Ms} | ${r.lookup.p99Ms} |`);
}
