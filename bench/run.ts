import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { BASELINE, GATEWAYS, isOmnigraph, type GatewayDefinition } from './gateways/index.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { benchDir, memoryOf, rootDir, settle, startChild, tail, type Child } from './lib/proc.ts';
import { toMarkdown, toSvg } from './lib/report.ts';
import { percentileOf, type BenchReport, type GatewayOperationResult, type RoundResult, type ScenarioResult } from './lib/results.ts';
import { SCENARIOS } from './scenarios/index.ts';
import type { GatewayId, Operation, Scenario, Upstreams } from './scenarios/types.ts';

/**
 * `npm run bench`: starts each scenario's upstreams and every gateway under test as
 * separate processes on 127.0.0.1, checks each gateway's answers, warms up, then drives
 * interleaved rounds (A B C D A B C D ...) of fixed-concurrency load from a separate
 * autocannon process, reading each gateway's CPU and memory from /proc. Writes
 * bench/results/latest.{json,md,svg}.
 *
 *   npm run bench                                 default: 2 × 10 s rounds, 5 s warm-up, 50 connections
 *   npm run bench -- --full                       5 × 30 s rounds, 10 s warm-up
 *   npm run bench -- --only public --gateways a,b --duration 3 --rounds 1 --warmup 1
 *   npm run bench -- --profile                    Omnigraph's gateway with --cpu-prof (bench/results/profiles/)
 */
// `--identity`: the identity hub's own benchmark (bench/identity.ts reads the other arguments).
if (process.argv.includes('--identity')) {
  await import('./identity.ts');
  process.exit(0);
}

// `--soak` takes an optional number of minutes: give it its default when no number follows.
const argv = process.argv.slice(2).flatMap((a, i, all) => (a === '--soak' && !/^\d+(\.\d+)?$/.test(all[i + 1] ?? '') ? [a, '10'] : [a]));
const { values: args } = parseArgs({
  args: argv,
  options: {
    full: { type: 'boolean', default: false },
    scaling: { type: 'boolean', default: false },
    soak: { type: 'string' },
    people: { type: 'string' },
    rate: { type: 'string' },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    gateways: { type: 'string' },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    'log-level': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`npm run bench -- [--full] [--profile] [--only public,omnigraph] [--gateways a,b,c,d | omnigraph,apollo,hive,monolith]
                    [--rounds N] [--duration SECONDS] [--warmup SECONDS] [--connections N] [--log-level info|warn]
                    [--scaling [--people 10000,100000]]   scaling curves only (also part of --full, with 1M people)
                    [--soak [MINUTES] [--rate N] [--people N]]   memory soak of Omnigraph's gateway only (default 10 min, 20 req/s per operation)`);
  process.exit(0);
}

const positiveInt = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
};
const config = {
  rounds: positiveInt('rounds', args.rounds, args.full ? 5 : 2),
  durationSec: positiveInt('duration', args.duration, args.full ? 30 : 10),
  warmupSec: positiveInt('warmup', args.warmup, args.full ? 10 : 5),
  connections: positiveInt('connections', args.connections, 50),
  full: args.full ?? false,
  profile: args.profile ?? false,
  // Omnigraph's gateway as shipped logs one line per operation at info; `--log-level warn` measures it without.
  omnigraphLogLevel: args['log-level'] ?? 'info',
};
const TIMEOUT_SEC = 10;
const soakMinutes = args.soak === undefined ? undefined : Number(args.soak);
if (soakMinutes !== undefined && !(soakMinutes > 0 && soakMinutes <= 24 * 60)) throw new Error(`--soak must be a number of minutes, got "${args.soak}"`);
const peopleList = args.people?.split(',').map((p) => positiveInt('people', p.trim(), 0));
const runScalingCurves = (args.scaling ?? false) || config.full;
/** The gateway comparison runs unless only --scaling and/or --soak are asked for. */
const runComparison = config.full || !(args.scaling || soakMinutes !== undefined);

function selectedGateways(): GatewayDefinition[] {
  if (!args.gateways) return GATEWAYS;
  const wanted = args.gateways.split(',').map((s) => s.trim().toLowerCase());
  // In the order given: gateways start, and are measured within a round, in that order.
  const picked = [...new Set(wanted.flatMap((w) => GATEWAYS.filter((g) => g.id === w || g.letter.toLowerCase() === w)))];
  const unknown = wanted.filter((w) => !GATEWAYS.some((g) => g.id === w || g.letter.toLowerCase() === w));
  if (unknown.length) throw new Error(`--gateways: unknown ${unknown.join(', ')} (use a,b,c,d or ${GATEWAYS.map((g) => g.id).join(',')})`);
  return picked;
}
function selectedScenarios(): Scenario[] {
  if (!args.only) return SCENARIOS;
  const wanted = args.only.split(',').map((s) => s.trim());
  const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w));
  if (unknown.length) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (have ${SCENARIOS.map((s) => s.name).join(', ')})`);
  return SCENARIOS.filter((s) => wanted.includes(s.name));
}

const gateways = selectedGateways();
const scenarios = runComparison ? selectedScenarios() : [];
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const resultsDir = `${benchDir}results/`;
const profileDir = `${resultsDir}profiles`;
mkdirSync(resultsDir, { recursive: true });

// Everything stops by itself: a hard deadline well above the planned time.
// (4 operations per scenario at most today, 15 s settle per round, 15 min for a first data set generation.)
const scalingSizes = peopleList ?? (config.full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]);
const plannedSec =
  scenarios.length * gateways.length * 4 * (config.warmupSec + config.rounds * (config.durationSec + 15) + 15) +
  // scaling: 9 operations at the first size, 2 at the others; a stack start per size
  (runScalingCurves ? gateways.length * (9 + 2 * scalingSizes.length) * (config.warmupSec + config.rounds * (config.durationSec + 15) + 20) + scalingSizes.length * 300 + scalingSizes.reduce((a, b) => a + b, 0) / 200 : 0) + // generation and a first identity backfill
  (soakMinutes !== undefined ? soakMinutes * 60 + 600 : 0) +
  900;
const running = new Set<Child>();
/** Stops of what --scaling and --soak started (stacks, gateways). */
const extraStops = new Set<() => Promise<void>>();
let activeScenario: Scenario | undefined;
async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
  running.clear();
  await Promise.all([...extraStops].map((stop) => stop().catch(() => undefined)));
  extraStops.clear();
  await activeScenario?.teardown().catch(() => undefined);
}
const deadline = setTimeout(() => {
  console.error(`bench: over the ${plannedSec} s deadline, stopping everything`);
  void stopAll().finally(() => process.exit(2));
}, plannedSec * 1000);
deadline.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, stopping everything`);
    void stopAll().finally(() => process.exit(130));
  });
}

interface Subject {
  def: GatewayDefinition;
  child?: Child;
  failure?: string;
  /** Per operation: the verified answer text (every later answer must equal it), or why it failed. */
  verified: Map<string, { text?: string; failure?: string }>;
  rounds: Map<string, RoundResult[]>;
  latencies: Map<string, number[][]>;
  upstream: Map<string, Record<string, number>>;
  peakRssMb: number;
  lifetimePeakRssMb: number;
}

async function verify(url: string, op: Operation): Promise<{ text?: string; failure?: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(op.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (res.status !== 200) return { failure: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    const diff = op.verify(JSON.parse(text));
    return diff ? { failure: `wrong answer: ${diff}` } : { text };
  } catch (error) {
    return { failure: `no answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The gateway's own account of a 5xx: its last logged error message, without colours. */
function lastLogMessage(logFile: string): string {
  const lines = tail(logFile, 200).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const message = lines.reverse().find((line) => /"?(message|msg|err)"?\s*:/i.test(line));
  return (message ?? lines[0] ?? '(empty)').trim().slice(0, 300);
}

/** NaN crosses IPC as null. */
const num = (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(1));

function diffCounts(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

async function measureRound(subject: Subject, child: Child, op: Operation, round: number): Promise<RoundResult> {
  const expectBody = subject.verified.get(op.name)?.text;
  const load = await runLoad({
    url: child.url,
    body: JSON.stringify(op.body),
    connections: config.connections,
    durationSec: config.durationSec,
    timeoutSec: TIMEOUT_SEC,
    pid: child.pid,
    ...(expectBody !== undefined ? { expectBody } : {}),
  });
  await settle(child.pid);
  const { latencies, ...rest } = load;
  subject.latencies.get(op.name)?.push(latencies);
  return { round, ...rest, latencyMs: { p50: rest.latencyMs.p50 ?? NaN, p95: rest.latencyMs.p95 ?? NaN, p99: rest.latencyMs.p99 ?? NaN, max: rest.latencyMs.max ?? NaN } };
}

/** Upstream calls one operation costs, measured alone (3 sequential requests) so that nothing else is counted. */
async function upstreamCallsPerOperation(url: string, op: Operation, upstreams: Upstreams): Promise<Record<string, number>> {
  if (!upstreams.upstreamCalls) return {};
  const SAMPLES = 3;
  const before = await upstreams.upstreamCalls();
  for (let i = 0; i < SAMPLES; i++) {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(op.body), signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer());
  }
  const after = await upstreams.upstreamCalls();
  return Object.fromEntries(Object.entries(diffCounts(after, before)).map(([k, v]) => [k, v / SAMPLES]));
}

function summarize(subject: Subject, op: Operation): GatewayOperationResult {
  const rounds = subject.rounds.get(op.name) ?? [];
  const verification = subject.verified.get(op.name);
  const base = { gateway: subject.def.id, label: `${subject.def.letter} ${subject.def.label}`, operation: op.name };
  const failure = subject.failure ?? verification?.failure;
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.durationSec, 0);
  const sorted = (subject.latencies.get(op.name) ?? []).flat().sort((a, b) => a - b);
  const sum = (key: 'errors' | 'timeouts' | 'non2xx' | 'mismatches') => rounds.reduce((n, r) => n + r[key], 0);
  const errors = sum('errors') + sum('timeouts');
  const non2xx = sum('non2xx');
  const mismatches = sum('mismatches');
  const loadFailure =
    requests > 0 && errors + non2xx + mismatches > requests * 0.01 ? `${errors} errors, ${non2xx} non-2xx, ${mismatches} wrong answers under load` : undefined;
  return {
    ...base,
    status: failure || loadFailure || requests === 0 ? 'failed' : 'ok',
    ...((failure ?? loadFailure) ? { failure: failure ?? loadFailure } : requests === 0 ? { failure: 'no requests measured' } : {}),
    requests,
    requestsPerSec: seconds ? requests / seconds : NaN,
    latencyMs: { p50: percentileOf(sorted, 50), p95: percentileOf(sorted, 95), p99: percentileOf(sorted, 99) },
    cpuMsPerRequest: requests ? rounds.reduce((n, r) => n + r.cpuMs, 0) / requests : NaN,
    peakRssMb: subject.peakRssMb,
    lifetimePeakRssMb: subject.lifetimePeakRssMb,
    errors,
    non2xx,
    mismatches,
    upstreamCallsPerOperation: subject.upstream.get(op.name) ?? {},
    rounds,
  };
}

function addRatios(results: GatewayOperationResult[]): void {
  for (const r of results) {
    const b = results.find((x) => x.gateway === BASELINE && x.operation === r.operation && x.status === 'ok');
    if (!b || r.status !== 'ok') continue;
    r.vsApollo = {
      requestsPerSec: r.requestsPerSec / b.requestsPerSec,
      p50: r.latencyMs.p50 / b.latencyMs.p50,
      p99: r.latencyMs.p99 / b.latencyMs.p99,
      cpuMsPerRequest: r.cpuMsPerRequest / b.cpuMsPerRequest,
      peakRssMb: r.peakRssMb / b.peakRssMb,
    };
  }
}

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const head = { scenario: scenario.name, description: scenario.description };
  const why = await scenario.unavailable?.();
  if (why) {
    log(`${scenario.name}: skipped: ${why}`);
    return { ...head, skipped: why, results: [] };
  }
  const defs = gateways.filter((g) => scenario.gateways.includes(g.id));
  if (defs.length === 0) return { ...head, skipped: `none of the selected gateways applies (this scenario runs ${scenario.gateways.join(', ')})`, results: [] };
  log(`${scenario.name}: starting upstreams`);
  activeScenario = scenario;
  const upstreams = await scenario.setup({ scratchDir: resultsDir, full: config.full, log: (m) => log(`${scenario.name}: ${m}`) });
  const subjects: Subject[] = defs.map((def) => ({ def, verified: new Map(), rounds: new Map(), latencies: new Map(), upstream: new Map(), peakRssMb: 0, lifetimePeakRssMb: 0 }));
  try {
    // Start every gateway (they idle while another one is measured) and check its answers once.
    for (const subject of subjects) {
      const entry = subject.def.entry(upstreams);
      if (!entry) {
        subject.failure = 'not available in this scenario';
        continue;
      }
      const execArgv = config.profile && isOmnigraph(subject.def.id) ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
      const env = { ...subject.def.env(upstreams), ...(isOmnigraph(subject.def.id) ? { LOG_LEVEL: config.omnigraphLogLevel } : {}) };
      try {
        subject.child = await startChild(`${scenario.name}-${subject.def.id}`, entry, env, { execArgv });
        running.add(subject.child);
      } catch (error) {
        subject.failure = `did not start: ${error instanceof Error ? error.message : String(error)}`;
        log(`${subject.def.label}: ${subject.failure}`);
        continue;
      }
      for (const op of scenario.operations) {
        const result = await verify(subject.child.url, op);
        if (result.failure?.startsWith('HTTP 5')) result.failure += `; gateway log: ${lastLogMessage(subject.child.logFile)}`;
        subject.verified.set(op.name, result);
        subject.rounds.set(op.name, []);
        subject.latencies.set(op.name, []);
        if (!result.failure) subject.upstream.set(op.name, await upstreamCallsPerOperation(subject.child.url, op, upstreams));
        log(`${subject.def.letter} ${subject.def.label} · ${op.name}: ${result.failure ? `FAILED ${result.failure}` : 'answer verified'}`);
      }
    }
    const measurable = (s: Subject, op: Operation) => s.child && !s.failure && !s.verified.get(op.name)?.failure;

    for (const subject of subjects) {
      for (const op of scenario.operations) {
        if (!measurable(subject, op) || !subject.child || subject.child.exited) continue;
        log(`warm-up ${subject.def.letter} · ${op.name} (${config.warmupSec} s)`);
        await runLoad({ url: subject.child.url, body: JSON.stringify(op.body), connections: config.connections, durationSec: config.warmupSec, timeoutSec: TIMEOUT_SEC });
        await settle(subject.child.pid);
      }
    }
    // Per round and operation, every gateway back to back, the order reversed every other round:
    // two gateways' figures for one operation are then taken seconds apart and neither always
    // runs first (on 2 cores the stand-ins' own state drifts over a run by more than a 5% cost).
    for (let round = 1; round <= config.rounds; round++) {
      for (const op of scenario.operations) {
        for (const subject of round % 2 === 1 ? subjects : [...subjects].reverse()) {
          if (!measurable(subject, op) || !subject.child) continue;
          if (subject.child.exited) {
            subject.failure = subject.child.exited;
            continue;
          }
          let r: RoundResult;
          try {
            r = await measureRound(subject, subject.child, op, round);
          } catch (error) {
            subject.failure = `${subject.child.exited ?? ''} ${error instanceof Error ? error.message : String(error)}`.trim();
            log(`round ${round} ${subject.def.letter} · ${op.name}: FAILED ${subject.failure}`);
            continue;
          }
          subject.rounds.get(op.name)?.push(r);
          subject.peakRssMb = Math.max(subject.peakRssMb, r.peakRssMb);
          log(
            `round ${round}/${config.rounds} ${subject.def.letter} · ${op.name}: ${r.requestsPerSec.toFixed(0)} req/s, p50 ${num(r.latencyMs.p50)} p99 ${num(r.latencyMs.p99)} ms, ` +
              `CPU ${(r.cpuMs / Math.max(1, r.requests)).toFixed(2)} ms/req, RSS ${r.peakRssMb.toFixed(0)} MB, errors ${r.errors + r.timeouts}/${r.non2xx}/${r.mismatches}`,
          );
        }
      }
    }
    for (const subject of subjects) {
      if (!subject.child) continue;
      try {
        subject.lifetimePeakRssMb = memoryOf(subject.child.pid).hwmMb;
      } catch {
        subject.failure ??= `exited during the run; last output:\n${tail(subject.child.logFile)}`;
      }
    }
  } finally {
    for (const subject of subjects) {
      if (!subject.child) continue;
      await subject.child.stop();
      running.delete(subject.child);
    }
    await scenario.teardown();
    activeScenario = undefined;
  }
  const results = scenario.operations.flatMap((op) => subjects.map((s) => summarize(s, op)));
  addRatios(results);
  return { ...head, ...(scenario.notes?.length ? { notes: [...scenario.notes] } : {}), results };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** --scaling (or --full) and --soak, after the comparison when it runs. */
async function runExtras(): Promise<void> {
  const track = (stop: (() => Promise<void>) | undefined) => void (stop && extraStops.add(stop));
  if (runScalingCurves) {
    const { runScaling, scalingMarkdown } = await import('./scaling.ts');
    log(`scaling: ${config.rounds} × ${config.durationSec} s rounds, ${config.warmupSec} s warm-up, ${config.connections} connections, people ${scalingSizes.join(', ')}`);
    const report = await runScaling({
      ...config,
      people: scalingSizes,
      gateways,
      resultsDir,
      commit: gitCommit(),
      log,
      track,
    });
    console.log(`\n${scalingMarkdown(report)}`);
    log('wrote bench/results/scaling.json, scaling.md, scaling.svg');
  }
  if (soakMinutes !== undefined) {
    const { runSoak, soakText } = await import('./soak.ts');
    const report = await runSoak({
      minutes: soakMinutes,
      rate: positiveInt('rate', args.rate, 20),
      connections: 10,
      people: peopleList?.[0] ?? Number(process.env.BENCH_PEOPLE ?? 100_000),
      omnigraphLogLevel: config.omnigraphLogLevel,
      resultsDir,
      commit: gitCommit(),
      log,
      track,
    });
    console.log(`\n${soakText(report)}`);
    log('wrote bench/results/soak.json, soak.svg');
  }
}

if (!runComparison) {
  await runExtras();
  clearTimeout(deadline);
  process.exit(0);
}

const startedAt = new Date().toISOString();
const loadAtStart = loadavg();
log(
  `config: ${config.rounds} × ${config.durationSec} s rounds, ${config.warmupSec} s warm-up, ${config.connections} connections; gateways ${gateways.map((g) => g.letter).join(',')}; scenarios ${scenarios.map((s) => s.name).join(', ')}`,
);
const scenarioResults: ScenarioResult[] = [];
let failedScenarios = 0;
for (const scenario of scenarios) {
  try {
    scenarioResults.push(await runScenario(scenario));
  } catch (error) {
    // A scenario that cannot start (its stack, its data) is reported; the others still run.
    failedScenarios++;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bench: scenario ${scenario.name} failed: ${error instanceof Error ? error.stack : message}`);
    await stopAll();
    scenarioResults.push({ scenario: scenario.name, description: scenario.description, skipped: `failed to run: ${message}`, results: [] });
  }
}

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const notes: string[] = [];
if (cpus().length < 4)
  notes.push(`Only ${cpus().length} CPUs: the load generator, the gateway and the upstreams share them, so absolute figures are low and noisy; compare ratios within one run.`);
const report: BenchReport = {
  startedAt,
  finishedAt: new Date().toISOString(),
  commit,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: loadAtStart, node: process.versions.node, memoryGb: totalmem() / 2 ** 30 },
  config: { ...config, gateways: gateways.map((g) => g.id as GatewayId) },
  notes,
  scenarios: scenarioResults,
};
writeFileSync(`${resultsDir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
const markdown = toMarkdown(report);
writeFileSync(`${resultsDir}latest.md`, markdown);
writeFileSync(`${resultsDir}latest.svg`, `${toSvg(report)}\n`);
console.log(`\n${markdown}`);
log(`wrote bench/results/latest.json, latest.md, latest.svg${config.profile ? `; CPU profiles in ${profileDir}` : ''}`);
await runExtras();
clearTimeout(deadline);
process.exit(failedScenarios ? 1 : 0);
