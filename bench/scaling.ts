import { existsSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import type { GatewayDefinition } from './gateways/index.ts';
import { lineCharts, type Panel } from './lib/charts.ts';
import { runLoad } from './lib/load.ts';
import { rootDir, settle, startChild, tail, type Child } from './lib/proc.ts';
import { percentileOf } from './lib/results.ts';
import { dataDirFor, startProductStack, type ProductStack } from './scenarios/omnigraph.ts';
import type { GatewayId, Operation } from './scenarios/types.ts';

/**
 * `npm run bench -- --scaling` (and part of `--full`): how a gateway's cost grows with
 *   (a) page size: CustomerSearch with first = 10, 50, 100 (the identity hub refuses
 *       `first` above 100, so 1000 is not asked),
 *   (b) data size: customer360 and productAvailability over 10k, 100k (and 1M with --full) people,
 *   (c) systems touched: customer360 selecting 1, 2, 3, 4 channel systems' fields,
 * on the product stack with the channel subgraphs' entity caches off, so that every request
 * pays its upstream calls (a warm cache as shipped makes none, which would hide the curve).
 * Per point and gateway: p50/p99 latency, requests/s, gateway CPU ms per request, and
 * upstream (stand-in vendor) calls per operation by system, measured alone. Curves (a) and
 * (c) run at the smallest data size. Writes bench/results/scaling.{json,md,svg}.
 */
export interface ScalingConfig {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  people: number[];
  gateways: GatewayDefinition[];
  omnigraphLogLevel: string;
  resultsDir: string;
  commit: string;
  log(message: string): void;
  /** Registers a started process so that a deadline or a signal stops it. */
  track(stop: (() => Promise<void>) | undefined): void;
}

export interface ScalingPoint {
  curve: 'pageSize' | 'dataSize' | 'systems';
  /** The x of the curve: page size, people, or number of systems. */
  x: number;
  people: number;
  operation: string;
  gateway: GatewayId;
  label: string;
  status: 'ok' | 'failed';
  failure?: string;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
  cpuMsPerRequest: number;
  upstreamCallsPerOperation: Record<string, number>;
  upstreamCallsTotal: number;
}

export interface ScalingReport {
  startedAt: string;
  finishedAt: string;
  commit: string;
  config: { rounds: number; durationSec: number; warmupSec: number; connections: number; people: number[]; gateways: GatewayId[]; cache: 'off' };
  notes: string[];
  skipped: { people: number; reason: string }[];
  points: ScalingPoint[];
}

const PAGE_SIZES = [10, 50, 100];
/** The identity hub's limit on customers(first:) (subgraphs/identity/src/store.ts pageSize). */
const MAX_PAGE = 100;
/** Bytes a data set takes per person (systems/generate: ~1.1 GB per 100k) plus the hub's database (~0.5 GB per 100k), with a margin. */
const BYTES_PER_PERSON = 20_000;
const TIMEOUT_SEC = 10;
const COLORS: Record<string, string> = { omnigraph: '#2f6fdf', apollo: '#8a8a8a', hive: '#f2a900', monolith: '#3aa657' };

const SYSTEM_FIELDS: [string, string, string][] = [
  ['crm', 'crmContacts', 'crmContacts { id name lifecycleStage notes { body createdAt } tickets { subject status priority createdAt } }'],
  ['shop', 'shopAccounts', 'shopAccounts { id email orders(first: 5) { name createdAt fulfillmentStatus total { amount currencyCode } lineItems { sku title quantity } } }'],
  ['pos', 'posCustomers', 'posCustomers { id phone loyalty { balance } sales(first: 5) { createdAt store { name city } total { amount currencyCode } } }'],
  ['social', 'socialProfiles', 'socialProfiles { platform name referrals { source adTitle at } conversations(first: 3) { updatedAt messages(first: 3) { at fromCustomer text } } }'],
];

const example = (file: string) => readFileSync(`${rootDir}schema/operations/${file}`, 'utf8');

function noErrors(response: unknown): string | undefined {
  const r = response as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  if (r.errors?.length) return `errors: ${r.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ').slice(0, 300)}`;
  if (!r.data) return 'no data';
  return undefined;
}

interface PlannedOp {
  curve: ScalingPoint['curve'];
  x: number;
  op: Operation;
}

function pageSizeOps(): PlannedOp[] {
  return PAGE_SIZES.filter((n) => n <= MAX_PAGE).map((first) => ({
    curve: 'pageSize',
    x: first,
    op: {
      name: `search first=${first}`,
      body: { operationName: 'CustomerSearch', query: example('CustomerSearch.graphql'), variables: { search: null, first } },
      verify: (response) => {
        const problem = noErrors(response);
        if (problem) return problem;
        const edges = (response as { data: { customers?: { edges?: unknown[] } } }).data.customers?.edges ?? [];
        return edges.length === first ? undefined : `${edges.length} customers, not ${first}`;
      },
    },
  }));
}

function systemsOps(customerId: string): PlannedOp[] {
  return [1, 2, 3, 4].map((k) => {
    const picked = SYSTEM_FIELDS.slice(0, k);
    return {
      curve: 'systems',
      x: k,
      op: {
        name: `customer360 ${picked.map(([s]) => s).join('+')}`,
        body: {
          operationName: `Customer360Systems${k}`,
          query: `query Customer360Systems${k}($id: ID!) { customer(id: $id) { id links { system externalId } ${picked.map(([, , f]) => f).join(' ')} } }`,
          variables: { id: customerId },
        },
        verify: (response) => {
          const problem = noErrors(response);
          if (problem) return problem;
          const customer = (response as { data: { customer?: Record<string, unknown[]> | null } }).data.customer;
          if (!customer) return 'customer is null';
          const empty = picked.filter(([, field]) => !customer[field]?.length).map(([s]) => s);
          return empty.length ? `no ${empty.join(', ')} records for this customer` : undefined;
        },
      },
    };
  });
}

function dataSizeOps(people: number, customerId: string, sku: string): PlannedOp[] {
  return [
    {
      curve: 'dataSize',
      x: people,
      op: {
        name: 'customer360',
        body: { operationName: 'Customer360', query: example('Customer360.graphql'), variables: { id: customerId } },
        verify: (r) => noErrors(r) ?? ((r as { data: { customer?: unknown } }).data.customer ? undefined : 'customer is null'),
      },
    },
    {
      curve: 'dataSize',
      x: people,
      op: {
        name: 'productAvailability',
        body: { operationName: 'ProductAvailability', query: example('ProductAvailability.graphql'), variables: { sku } },
        verify: (r) => noErrors(r) ?? ((r as { data: { product?: unknown } }).data.product ? undefined : 'product is null'),
      },
    },
  ];
}

/** The gateway's own account of a 5xx: its last logged error message, without colours. */
function lastLogMessage(logFile: string): string {
  const lines = tail(logFile, 200).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const message = lines.reverse().find((line) => /"?(message|msg|err)"?\s*:/i.test(line));
  return (message ?? lines[0] ?? '(empty)').trim().slice(0, 300);
}

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  return { status: res.status, text: await res.text() };
}

/** Why a data set of `people` cannot be made here (not enough free disk), or undefined. */
function diskProblem(people: number): string | undefined {
  if (existsSync(`${dataDirFor(people)}/manifest.json`)) return undefined;
  const fs = statfsSync(rootDir);
  const free = fs.bavail * fs.bsize;
  const need = people * BYTES_PER_PERSON;
  return free < need ? `not enough disk for ${people.toLocaleString('en')} people: ${(need / 2 ** 30).toFixed(1)} GB needed, ${(free / 2 ** 30).toFixed(1)} GB free` : undefined;
}

export async function runScaling(config: ScalingConfig): Promise<ScalingReport> {
  const startedAt = new Date().toISOString();
  const { log } = config;
  const notes: string[] = [
    `Channel subgraphs' entity caches off (CACHE_STORE=off): every request pays its upstream calls. Stand-ins answer with 20 ms added latency.`,
    `Page sizes ${PAGE_SIZES.join(', ')}: the identity hub refuses customers(first:) above ${MAX_PAGE} ("first must be between 1 and 100"), so first = 1000 is not measured.`,
  ];
  const skipped: ScalingReport['skipped'] = [];
  const points: ScalingPoint[] = [];
  const apiSchema = buildSchema(readFileSync(`${rootDir}schema/supergraph-api.graphql`, 'utf8'));
  const sizes = [...config.people].sort((a, b) => a - b);

  for (const people of sizes) {
    const disk = diskProblem(people);
    if (disk) {
      log(`scaling: ${people} people skipped: ${disk}`);
      skipped.push({ people, reason: disk });
      continue;
    }
    let stack: ProductStack | undefined;
    const gateways: { def: GatewayDefinition; child?: Child; failure?: string }[] = config.gateways.filter((g) => g.id !== 'monolith' && g.id !== 'omnigraph-unguarded').map((def) => ({ def }));
    try {
      log(`scaling: ${people} people: starting the product stack (entity caches off)`);
      stack = await startProductStack({ people, scratchDir: config.resultsDir, log: (m) => log(`scaling ${people}: ${m}`), cache: 'off', name: `scaling-${people}` });
      config.track(stack.stop);
      const first = !points.some((p) => p.curve !== 'dataSize');
      const planned = [...(first ? [...pageSizeOps(), ...systemsOps(stack.customerId)] : []), ...dataSizeOps(people, stack.customerId, stack.sku)];
      const ops = planned.filter((p) => {
        const errors = validate(apiSchema, parse(p.op.body.query)).map((e) => e.message);
        if (errors.length) notes.push(`${p.op.name} not measured: not valid against the API schema (${errors.join('; ')})`);
        return errors.length === 0;
      });
      for (const g of gateways) {
        const entry = g.def.entry(stack.upstreams);
        if (!entry) continue;
        try {
          g.child = await startChild(`scaling-${people}-${g.def.id}`, entry, { ...g.def.env(stack.upstreams), ...(g.def.id === 'omnigraph' ? { LOG_LEVEL: config.omnigraphLogLevel } : {}) });
          config.track(g.child.stop);
        } catch (error) {
          g.failure = `did not start: ${error instanceof Error ? error.message : String(error)}`;
          log(`scaling ${people}: ${g.def.label} ${g.failure}`);
        }
      }
      // Per (op, gateway): the verified answer, its upstream calls measured alone, then rounds.
      const state = new Map<string, { expect?: string; failure?: string; upstream: Record<string, number>; latencies: number[]; requests: number; seconds: number; cpuMs: number; bad: number }>();
      const key = (p: PlannedOp, g: GatewayId) => `${p.curve}|${p.x}|${p.op.name}|${g}`;
      for (const p of ops) {
        for (const g of gateways) {
          const s = { upstream: {} as Record<string, number>, latencies: [] as number[], requests: 0, seconds: 0, cpuMs: 0, bad: 0 } as NonNullable<ReturnType<typeof state.get>>;
          state.set(key(p, g.def.id), s);
          if (!g.child) {
            s.failure = g.failure ?? 'not started';
            continue;
          }
          try {
            const { status, text } = await post(g.child.url, p.op.body);
            const diff = status === 200 ? p.op.verify(JSON.parse(text)) : `HTTP ${status}: ${text.slice(0, 200)}`;
            if (diff) s.failure = status >= 500 ? `${diff}; gateway log: ${lastLogMessage(g.child.logFile)}` : diff;
            else s.expect = text;
            if (!diff && stack.upstreams.upstreamCalls) {
              const before = await stack.upstreams.upstreamCalls();
              for (let i = 0; i < 3; i++) await post(g.child.url, p.op.body);
              const after = await stack.upstreams.upstreamCalls();
              s.upstream = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, (v - (before[k] ?? 0)) / 3]));
            }
          } catch (error) {
            s.failure = `no answer: ${error instanceof Error ? error.message : String(error)}`;
          }
          log(`scaling ${people} · ${g.def.letter} · ${p.op.name}: ${s.failure ? `FAILED ${s.failure}` : `verified, upstream ${JSON.stringify(s.upstream)}`}`);
        }
      }
      const live = (p: PlannedOp, g: (typeof gateways)[number]) => g.child && !g.child.exited && !state.get(key(p, g.def.id))?.failure;
      for (const g of gateways)
        for (const p of ops) {
          if (!live(p, g) || !g.child) continue;
          await runLoad({ url: g.child.url, body: JSON.stringify(p.op.body), connections: config.connections, durationSec: config.warmupSec, timeoutSec: TIMEOUT_SEC });
          await settle(g.child.pid);
        }
      for (let round = 1; round <= config.rounds; round++) {
        for (const p of ops) {
          for (const g of gateways) {
            const s = state.get(key(p, g.def.id));
            if (!s || !live(p, g) || !g.child) continue;
            try {
              const r = await runLoad({
                url: g.child.url,
                body: JSON.stringify(p.op.body),
                connections: config.connections,
                durationSec: config.durationSec,
                timeoutSec: TIMEOUT_SEC,
                pid: g.child.pid,
                ...(s.expect !== undefined ? { expectBody: s.expect } : {}),
              });
              await settle(g.child.pid);
              s.latencies.push(...r.latencies);
              s.requests += r.requests;
              s.seconds += r.durationSec;
              s.cpuMs += r.cpuMs;
              s.bad += r.errors + r.timeouts + r.non2xx + r.mismatches;
              log(
                `scaling ${people} round ${round}/${config.rounds} ${g.def.letter} · ${p.op.name}: ${r.requestsPerSec.toFixed(0)} req/s, p50 ${r.latencyMs.p50?.toFixed(1)} ms, CPU ${(r.cpuMs / Math.max(1, r.requests)).toFixed(2)} ms/req, errors ${r.errors + r.timeouts}/${r.non2xx}/${r.mismatches}`,
              );
            } catch (error) {
              s.failure = `${g.child.exited ?? ''} ${error instanceof Error ? error.message : String(error)}`.trim();
            }
          }
        }
      }
      for (const p of ops)
        for (const g of gateways) {
          const s = state.get(key(p, g.def.id));
          if (!s) continue;
          const sorted = s.latencies.sort((a, b) => a - b);
          const loadFailure = s.requests > 0 && s.bad > s.requests * 0.01 ? `${s.bad} errors / non-2xx / wrong answers under load` : undefined;
          const failure = s.failure ?? loadFailure ?? (s.requests === 0 ? 'no requests measured' : undefined);
          points.push({
            curve: p.curve,
            x: p.x,
            people,
            operation: p.op.name,
            gateway: g.def.id,
            label: `${g.def.letter} ${g.def.label}`,
            status: failure ? 'failed' : 'ok',
            ...(failure ? { failure } : {}),
            requests: s.requests,
            requestsPerSec: s.seconds ? s.requests / s.seconds : NaN,
            latencyMs: { p50: percentileOf(sorted, 50), p95: percentileOf(sorted, 95), p99: percentileOf(sorted, 99) },
            cpuMsPerRequest: s.requests ? s.cpuMs / s.requests : NaN,
            upstreamCallsPerOperation: s.upstream,
            upstreamCallsTotal: Object.values(s.upstream).reduce((a, b) => a + b, 0),
          });
        }
    } catch (error) {
      const reason = `failed to run: ${error instanceof Error ? error.message : String(error)}`;
      log(`scaling: ${people} people ${reason}`);
      skipped.push({ people, reason });
    } finally {
      for (const g of gateways) await g.child?.stop();
      await stack?.stop();
    }
  }

  // The known exception to flat upstream calls: Square's order search takes at most 10 customer ids.
  for (const g of new Set(points.filter((p) => p.curve === 'pageSize').map((p) => p.gateway))) {
    const curve = points.filter((p) => p.curve === 'pageSize' && p.gateway === g && p.status === 'ok').sort((a, b) => a.x - b.x);
    const lo = curve[0];
    const hi = curve[curve.length - 1];
    if (!lo || !hi || lo === hi) continue;
    const grew = Object.keys(hi.upstreamCallsPerOperation).filter((sys) => (hi.upstreamCallsPerOperation[sys] ?? 0) > (lo.upstreamCallsPerOperation[sys] ?? 0));
    notes.push(
      `${hi.label}, page ${lo.x} → ${hi.x}: upstream calls ${lo.upstreamCallsTotal.toFixed(1)} → ${hi.upstreamCallsTotal.toFixed(1)}; ` +
        (grew.length
          ? `growing: ${grew.map((sys) => `${sys} ${(lo.upstreamCallsPerOperation[sys] ?? 0).toFixed(1)} → ${(hi.upstreamCallsPerOperation[sys] ?? 0).toFixed(1)}`).join(', ')}` +
            (grew.includes('pos') ? ' (pos: Square searches orders for at most 10 customer ids per call, so one order search per 10 customers on the page is the known exception)' : '')
          : 'no system grew'),
    );
    break; // the same for every gateway: the subgraphs make the calls
  }

  const report: ScalingReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    commit: config.commit,
    config: {
      rounds: config.rounds,
      durationSec: config.durationSec,
      warmupSec: config.warmupSec,
      connections: config.connections,
      people: sizes,
      gateways: config.gateways.map((g) => g.id),
      cache: 'off',
    },
    notes,
    skipped,
    points,
  };
  writeFileSync(`${config.resultsDir}scaling.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${config.resultsDir}scaling.md`, scalingMarkdown(report));
  writeFileSync(`${config.resultsDir}scaling.svg`, `${scalingSvg(report)}\n`);
  return report;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const CURVES: { curve: ScalingPoint['curve']; title: string; xLabel: string }[] = [
  { curve: 'pageSize', title: 'Page size (CustomerSearch first = N)', xLabel: 'customers per page' },
  { curve: 'dataSize', title: 'Data size (people in the data set)', xLabel: 'people' },
  { curve: 'systems', title: 'Systems touched (customer360 selecting N channel systems)', xLabel: 'channel systems selected' },
];

export function scalingMarkdown(report: ScalingReport): string {
  const c = report.config;
  const lines = [
    '# Scaling curves',
    '',
    `${report.finishedAt} · commit ${report.commit.slice(0, 10)} · ${c.rounds} round(s) × ${c.durationSec} s per point and gateway after ${c.warmupSec} s warm-up, ${c.connections} connections, data sizes ${c.people.map((n) => n.toLocaleString('en')).join(', ')}.`,
    '',
    ...report.notes.map((n) => `- ${n.replace(/\|/g, '\\|')}`),
    ...report.skipped.map((s) => `- ${s.people.toLocaleString('en')} people skipped: ${s.reason.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')}`),
    '',
  ];
  for (const { curve, title } of CURVES) {
    const pts = report.points.filter((p) => p.curve === curve);
    if (!pts.length) continue;
    lines.push(`## ${title}`, '', '| x | operation | gateway | req/s | p50 ms | p99 ms | CPU ms/req | upstream calls per op (by system) | total |', '|--:|---|---|--:|--:|--:|--:|---|--:|');
    for (const p of [...pts].sort((a, b) => (curve === 'dataSize' ? a.operation.localeCompare(b.operation) : 0) || a.x - b.x || a.label.localeCompare(b.label))) {
      const up = Object.entries(p.upstreamCallsPerOperation)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${s} ${fmt(n)}`)
        .join(', ');
      const x = curve === 'dataSize' ? p.x.toLocaleString('en') : String(p.x);
      lines.push(
        p.status === 'failed' && p.requests === 0
          ? `| ${x} | ${p.operation} | ${p.label} | **failed** | | | | ${(p.failure ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')} | |`
          : `| ${x} | ${p.operation} | ${p.label}${p.status === 'failed' ? ' **failed**' : ''} | ${fmt(p.requestsPerSec, 0)} | ${fmt(p.latencyMs.p50)} | ${fmt(p.latencyMs.p99)} | ${fmt(p.cpuMsPerRequest, 2)} | ${up || '–'} | ${fmt(p.upstreamCallsTotal)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** One row per curve (one line per curve's operation for data size), three panels: p50, CPU ms/request, upstream calls. */
export function scalingSvg(report: ScalingReport): string {
  const panels: Panel[] = [];
  const metrics: { name: string; value: (p: ScalingPoint) => number }[] = [
    { name: 'p50 latency, ms', value: (p) => p.latencyMs.p50 },
    { name: 'gateway CPU ms / request', value: (p) => p.cpuMsPerRequest },
    { name: 'upstream calls / operation', value: (p) => p.upstreamCallsTotal },
  ];
  const rows: { title: string; xLabel: string; logX: boolean; pts: ScalingPoint[] }[] = [];
  for (const { curve, title, xLabel } of CURVES) {
    const pts = report.points.filter((p) => p.curve === curve);
    if (curve === 'dataSize') for (const op of new Set(pts.map((p) => p.operation))) rows.push({ title: `${op} by data size`, xLabel, logX: true, pts: pts.filter((p) => p.operation === op) });
    else if (pts.length) rows.push({ title, xLabel, logX: curve === 'pageSize', pts });
  }
  for (const row of rows) {
    const xs = [...new Set(row.pts.map((p) => p.x))].sort((a, b) => a - b);
    for (const m of metrics) {
      panels.push({
        title: `${row.title}: ${m.name}`.replace(/^Page size \(CustomerSearch first = N\)/, 'Search page size').replace(/^Systems touched \(customer360 selecting N channel systems\)/, 'customer360 systems'),
        xLabel: row.xLabel,
        logX: row.logX,
        xTicks: xs.map((x) => ({ x, label: x >= 1000 ? `${x / 1000}k` : String(x) })),
        series: [...new Map(row.pts.map((p) => [p.gateway, p.label])).entries()].map(([gateway, label]) => ({
          name: label,
          color: COLORS[gateway] ?? '#555',
          points: row.pts.filter((p) => p.gateway === gateway).map((p) => ({ x: p.x, y: p.status === 'ok' ? m.value(p) : NaN })),
        })),
      });
    }
  }
  const c = report.config;
  return lineCharts('Scaling curves', panels, {
    columns: 3,
    subtitle: `${c.rounds} × ${c.durationSec} s per point, ${c.connections} connections, entity caches off; people ${c.people.map((n) => n.toLocaleString('en')).join(', ')}`,
  });
}
