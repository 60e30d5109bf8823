import { readFileSync, writeFileSync } from 'node:fs';
import { GATEWAYS } from './gateways/index.ts';
import { lineCharts, median, slope } from './lib/charts.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { memoryOf, rootDir, startChild } from './lib/proc.ts';
import { percentileOf } from './lib/results.ts';
import { startProductStack } from './scenarios/omnigraph.ts';

/**
 * `npm run bench -- --soak [minutes]` (default 10): customer360 and searchPage50 through
 * Omnigraph's gateway at a fixed moderate rate for N minutes, on the product stack as shipped
 * (entity caches on). Every 10 s it reads the gateway's own prom-client metrics
 * (`process_resident_memory_bytes`, `nodejs_heap_size_used_bytes` at /metrics) and VmRSS from
 * /proc; it reports the growth as first-minute median vs last-minute median and the slope of
 * a least-squares line in MB/min. Writes bench/results/soak.{json,svg}. Stops by itself: the
 * load processes end after N minutes, and the harness's deadline covers the rest.
 */
export interface SoakConfig {
  minutes: number;
  /** Requests per second per operation (two operations). */
  rate: number;
  connections: number;
  people: number;
  omnigraphLogLevel: string;
  resultsDir: string;
  commit: string;
  log(message: string): void;
  track(stop: (() => Promise<void>) | undefined): void;
}

export interface SoakSample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** VmRSS from /proc, a cross-check of the gateway's own figure. */
  procRssMb: number;
}

export interface SoakReport {
  startedAt: string;
  finishedAt: string;
  commit: string;
  config: { minutes: number; ratePerOperation: number; connections: number; people: number; operations: string[]; sampleEverySec: number };
  operations: { name: string; requests: number; requestsPerSec: number; latencyMs: { p50: number; p99: number }; errors: number; non2xx: number; mismatches: number }[];
  samples: SoakSample[];
  growth: {
    rssMb: { firstMinuteMedian: number; lastMinuteMedian: number; growth: number; slopeMbPerMin: number };
    heapUsedMb: { firstMinuteMedian: number; lastMinuteMedian: number; growth: number; slopeMbPerMin: number };
  };
  notes: string[];
}

const SAMPLE_EVERY_SEC = 10;
const MB = 2 ** 20;

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : NaN;
}

function growthOf(samples: SoakSample[], value: (s: SoakSample) => number, minutes: number) {
  const firstMinute = samples.filter((s) => s.t <= 60).map(value);
  const lastMinute = samples.filter((s) => s.t >= minutes * 60 - 60).map(value);
  const first = median(firstMinute);
  const last = median(lastMinute);
  const fit = slope(samples.filter((s) => Number.isFinite(value(s))).map((s) => ({ x: s.t / 60, y: value(s) })));
  return { firstMinuteMedian: first, lastMinuteMedian: last, growth: last - first, slopeMbPerMin: fit };
}

export async function runSoak(config: SoakConfig): Promise<SoakReport> {
  const startedAt = new Date().toISOString();
  const { log } = config;
  const omnigraph = GATEWAYS.find((g) => g.id === 'omnigraph');
  if (!omnigraph) throw new Error('no Omnigraph gateway definition');
  const stack = await startProductStack({ people: config.people, scratchDir: config.resultsDir, log: (m) => log(`soak: ${m}`), name: 'soak' });
  config.track(stack.stop);
  const notes: string[] = [];
  try {
    const gateway = await startChild('soak-omnigraph', omnigraph.entry(stack.upstreams) ?? 'gateway/src/index.ts', { ...omnigraph.env(stack.upstreams), LOG_LEVEL: config.omnigraphLogLevel });
    config.track(gateway.stop);
    try {
      const metricsUrl = new URL('/metrics', gateway.url).toString();
      const ops = [
        { name: 'customer360', body: { operationName: 'Customer360', query: readFileSync(`${rootDir}schema/operations/Customer360.graphql`, 'utf8'), variables: { id: stack.customerId } } },
        { name: 'searchPage50', body: { operationName: 'CustomerSearch', query: readFileSync(`${rootDir}schema/operations/CustomerSearch.graphql`, 'utf8'), variables: { search: null, first: 50 } } },
      ];
      for (const op of ops) {
        const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(op.body), signal: AbortSignal.timeout(30_000) });
        const json = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
        if (res.status !== 200 || json.errors?.length || !json.data) throw new Error(`soak: ${op.name} does not answer: HTTP ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
      }
      const samples: SoakSample[] = [];
      const t0 = Date.now();
      const sample = async () => {
        try {
          const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) })).text();
          samples.push({
            t: Math.round((Date.now() - t0) / 100) / 10,
            rssMb: metric(text, 'process_resident_memory_bytes') / MB,
            heapUsedMb: metric(text, 'nodejs_heap_size_used_bytes') / MB,
            heapTotalMb: metric(text, 'nodejs_heap_size_total_bytes') / MB,
            procRssMb: memoryOf(gateway.pid).rssMb,
          });
          const last = samples[samples.length - 1];
          if (last && samples.length % 6 === 1) log(`soak t=${last.t.toFixed(0)} s: RSS ${last.rssMb.toFixed(0)} MB, heap used ${last.heapUsedMb.toFixed(1)} MB`);
        } catch (error) {
          log(`soak: metrics sample failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      log(`soak: ${config.minutes} min, ${config.rate} req/s per operation (${ops.map((o) => o.name).join(', ')}), sampling every ${SAMPLE_EVERY_SEC} s`);
      await sample();
      const timer = setInterval(() => void sample(), SAMPLE_EVERY_SEC * 1000);
      let results: LoadResult[];
      try {
        results = await Promise.all(
          ops.map((op) =>
            runLoad({ url: gateway.url, body: JSON.stringify(op.body), connections: config.connections, durationSec: config.minutes * 60, timeoutSec: 10, overallRate: config.rate }),
          ),
        );
      } finally {
        clearInterval(timer);
      }
      await sample();
      if (gateway.exited) notes.push(`the gateway ${gateway.exited}`);
      const report: SoakReport = {
        startedAt,
        finishedAt: new Date().toISOString(),
        commit: config.commit,
        config: { minutes: config.minutes, ratePerOperation: config.rate, connections: config.connections, people: config.people, operations: ops.map((o) => o.name), sampleEverySec: SAMPLE_EVERY_SEC },
        operations: ops.map((op, i) => {
          const r = results[i] as LoadResult;
          const sorted = [...r.latencies].sort((a, b) => a - b);
          return {
            name: op.name,
            requests: r.requests,
            requestsPerSec: r.requestsPerSec,
            latencyMs: { p50: percentileOf(sorted, 50), p99: percentileOf(sorted, 99) },
            errors: r.errors + r.timeouts,
            non2xx: r.non2xx,
            mismatches: r.mismatches,
          };
        }),
        samples,
        growth: { rssMb: growthOf(samples, (s) => s.rssMb, config.minutes), heapUsedMb: growthOf(samples, (s) => s.heapUsedMb, config.minutes) },
        notes,
      };
      if (config.minutes < 3) notes.push(`${config.minutes} min is too short to tell a leak from warm-up (JIT, caches filling); use the default 10 min or more.`);
      writeFileSync(`${config.resultsDir}soak.json`, `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(`${config.resultsDir}soak.svg`, `${soakSvg(report)}\n`);
      return report;
    } finally {
      await gateway.stop();
    }
  } finally {
    await stack.stop();
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export function soakText(report: SoakReport): string {
  const g = report.growth;
  return [
    `Soak: ${report.config.minutes} min, ${report.config.ratePerOperation} req/s per operation, ${report.config.people.toLocaleString('en')} people, Omnigraph gateway`,
    ...report.operations.map((o) => `  ${o.name}: ${o.requests} requests (${fmt(o.requestsPerSec)} req/s), p50 ${fmt(o.latencyMs.p50)} ms, p99 ${fmt(o.latencyMs.p99)} ms, errors ${o.errors}/${o.non2xx}/${o.mismatches}`),
    `  RSS: first-minute median ${fmt(g.rssMb.firstMinuteMedian)} MB, last-minute median ${fmt(g.rssMb.lastMinuteMedian)} MB (${g.rssMb.growth >= 0 ? '+' : ''}${fmt(g.rssMb.growth)} MB), slope ${fmt(g.rssMb.slopeMbPerMin, 2)} MB/min`,
    `  heap used: first-minute median ${fmt(g.heapUsedMb.firstMinuteMedian)} MB, last-minute median ${fmt(g.heapUsedMb.lastMinuteMedian)} MB (${g.heapUsedMb.growth >= 0 ? '+' : ''}${fmt(g.heapUsedMb.growth)} MB), slope ${fmt(g.heapUsedMb.slopeMbPerMin, 2)} MB/min`,
    ...report.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}

export function soakSvg(report: SoakReport): string {
  const g = report.growth;
  const xs = report.samples.map((s) => s.t / 60);
  const maxMin = Math.ceil(Math.max(1, ...xs));
  const step = maxMin > 10 ? 5 : 1;
  const ticks = Array.from({ length: Math.floor(maxMin / step) + 1 }, (_, i) => ({ x: i * step, label: String(i * step) }));
  const series = (name: string, color: string, value: (s: SoakReport['samples'][number]) => number) => ({ name, color, points: report.samples.map((s) => ({ x: s.t / 60, y: value(s) })) });
  return lineCharts(
    'Soak: Omnigraph gateway memory under steady load',
    [
      { title: `RSS, MB (slope ${fmt(g.rssMb.slopeMbPerMin, 2)} MB/min)`, xLabel: 'minutes', xTicks: ticks, series: [series('RSS (process_resident_memory_bytes)', '#2f6fdf', (s) => s.rssMb)] },
      {
        title: `Heap used, MB (slope ${fmt(g.heapUsedMb.slopeMbPerMin, 2)} MB/min)`,
        xLabel: 'minutes',
        xTicks: ticks,
        series: [series('heap used (nodejs_heap_size_used_bytes)', '#f2a900', (s) => s.heapUsedMb), series('heap total', '#8a8a8a', (s) => s.heapTotalMb)],
      },
    ],
    {
      columns: 2,
      width: 420,
      height: 240,
      subtitle: `${report.config.minutes} min, ${report.config.operations.join(' + ')} at ${report.config.ratePerOperation} req/s each, ${report.config.people.toLocaleString('en')} people, sampled every ${report.config.sampleEverySec} s`,
    },
  );
}
