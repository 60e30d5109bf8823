import type { BenchReport, GatewayOperationResult } from './results.ts';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : `${n.toFixed(2)}×`);
/** For a Markdown table cell or list item: no pipes, no line breaks. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function upstreamText(r: GatewayOperationResult): string {
  const entries = Object.entries(r.upstreamCallsPerOperation).filter(([, n]) => n > 0);
  return entries.length ? entries.map(([name, n]) => `${name} ${fmt(n, 1)}`).join(', ') : '–';
}

/** Per operation: A's req/s and CPU per request against A0's (limits and authorization off). */
function securityCost(results: GatewayOperationResult[]): string[] {
  return [...new Set(results.map((r) => r.operation))].flatMap((op) => {
    const on = results.find((r) => r.operation === op && r.gateway === 'omnigraph' && r.status === 'ok');
    const off = results.find((r) => r.operation === op && r.gateway === 'omnigraph-unguarded' && r.status === 'ok');
    if (!on || !off) return [];
    const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%`;
    // Each round measures A and A0 back to back on this operation: the per-round ratios are paired
    // samples, and their median is less moved by one disturbed round than the totals are.
    const paired = on.rounds.flatMap((r) => {
      const other = off.rounds.find((o) => o.round === r.round);
      return other && other.requestsPerSec > 0 ? [r.requestsPerSec / other.requestsPerSec] : [];
    });
    const median = paired.length ? [...paired].sort((a, b) => a - b)[Math.floor((paired.length - 1) / 2)]! : NaN;
    const rounds = paired.length ? `; per round ${paired.map((x) => pct(x, 1)).join(', ')}, median ${pct(median, 1)}` : '';
    return [`- ${op}: req/s ${fmt(on.requestsPerSec, 0)} vs ${fmt(off.requestsPerSec, 0)} (${pct(on.requestsPerSec, off.requestsPerSec)}${rounds}), CPU ms/req ${fmt(on.cpuMsPerRequest, 2)} vs ${fmt(off.cpuMsPerRequest, 2)} (${pct(on.cpuMsPerRequest, off.cpuMsPerRequest)})`];
  });
}

export function toMarkdown(report: BenchReport): string {
  const c = report.config;
  const lines = [
    '# Gateway benchmark',
    '',
    `${report.finishedAt} · commit ${report.commit.slice(0, 10)} · ${report.machine.cpus} CPU (${report.machine.cpuModel}) · Node ${report.machine.node} · load average at start ${report.machine.loadAverageAtStart.map((n) => n.toFixed(2)).join(' ')}`,
    '',
    `${c.rounds} round(s) × ${c.durationSec} s per gateway and operation, rounds interleaved across gateways (per operation, gateways back to back, order reversed every other round), after ${c.warmupSec} s warm-up; ${c.connections} concurrent connections from a separate autocannon process; every answer checked once per gateway before measuring; gateways started in the order ${c.gateways.join(', ')}. Ratios are to plain @apollo/gateway (B): requests/s higher is better, latency/CPU/RSS lower is better.`,
    '',
  ];
  for (const note of report.notes) lines.push(`> ${note}`, '');
  for (const s of report.scenarios) {
    lines.push(`## ${s.scenario}: ${s.description}`, '');
    if (s.skipped) {
      lines.push(`Skipped: ${cell(s.skipped)}`, '');
      continue;
    }
    for (const note of s.notes ?? []) lines.push(`- ${cell(note)}`);
    if (s.notes?.length) lines.push('');
    lines.push(
      '| Operation | Gateway | req/s | vs B | p50 ms | p95 ms | p99 ms | p99 vs B | CPU ms/req | CPU vs B | peak RSS MB | errors / non-2xx / wrong | upstream calls per op |',
      '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    );
    for (const r of s.results) {
      if (r.status === 'failed' && r.requests === 0) {
        lines.push(`| ${r.operation} | ${r.label} | **failed** | | | | | | | | | | ${cell(r.failure ?? '')} |`);
        continue;
      }
      const flag = r.status === 'failed' ? ` **failed: ${cell(r.failure ?? '')}**` : '';
      lines.push(
        `| ${r.operation} | ${r.label}${flag} | ${fmt(r.requestsPerSec, 0)} | ${ratio(r.vsApollo?.requestsPerSec)} | ${fmt(r.latencyMs.p50)} | ${fmt(r.latencyMs.p95)} | ${fmt(r.latencyMs.p99)} | ${ratio(r.vsApollo?.p99)} | ${fmt(r.cpuMsPerRequest, 2)} | ${ratio(r.vsApollo?.cpuMsPerRequest)} | ${fmt(r.peakRssMb, 0)} (${fmt(r.lifetimePeakRssMb, 0)}) | ${r.errors} / ${r.non2xx} / ${r.mismatches} | ${upstreamText(r)} |`,
      );
    }
    lines.push('');
    const cost = securityCost(s.results);
    if (cost.length) lines.push('What the operation limits and authorization cost (A as shipped against A0, the same gateway with both off, same run):', '', ...cost, '');
  }
  lines.push('Peak RSS: highest VmRSS sampled under load (in brackets: VmHWM, the process lifetime peak). CPU: utime+stime of the gateway process over the measured rounds divided by requests served.', '');
  return lines.join('\n');
}

const COLORS: Record<string, string> = { omnigraph: '#2f6fdf', 'omnigraph-unguarded': '#9db8ef', apollo: '#8a8a8a', hive: '#f2a900', monolith: '#3aa657' };

/** A grouped bar chart (one group per scenario operation, one bar per gateway), written by hand. */
export function toSvg(report: BenchReport): string {
  const groups = report.scenarios.flatMap((s) => {
    const ops = [...new Set(s.results.map((r) => r.operation))];
    return ops.map((op) => ({ title: op, scenario: s.scenario, results: s.results.filter((r) => r.operation === op) }));
  });
  const panels: { title: string; value: (r: GatewayOperationResult) => number; unit: string }[] = [
    { title: 'Requests per second (higher is better)', value: (r) => r.requestsPerSec, unit: 'req/s' },
    { title: 'p99 latency, ms (lower is better)', value: (r) => r.latencyMs.p99, unit: 'ms' },
    { title: 'Gateway CPU ms per request (lower is better)', value: (r) => r.cpuMsPerRequest, unit: 'ms' },
  ];
  const bar = 34;
  const gap = 10;
  const groupGap = 40;
  const chartH = 180;
  const panelH = chartH + 90;
  const left = 60;
  const groupWidths = groups.map((g) => g.results.length * (bar + gap));
  const width = Math.max(640, left + groupWidths.reduce((a, b) => a + b + groupGap, 0) + 20);
  const legendH = 40;
  const height = legendH + panels.length * panelH + 20;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  const gateways = [...new Map(groups.flatMap((g) => g.results.map((r) => [r.gateway, r.label] as const))).entries()];
  gateways.forEach(([id, label], i) => {
    const x = left + i * 190;
    out.push(`<rect x="${x}" y="14" width="12" height="12" fill="${COLORS[id] ?? '#555'}"/>`, `<text x="${x + 18}" y="24">${esc(label)}</text>`);
  });
  panels.forEach((panel, p) => {
    const top = legendH + p * panelH;
    const values = groups.flatMap((g) => g.results.filter((r) => r.status === 'ok').map(panel.value)).filter(Number.isFinite);
    const max = Math.max(1e-9, ...values) * 1.15;
    out.push(`<text x="${left}" y="${top + 14}" font-size="13" font-weight="bold">${esc(panel.title)}</text>`);
    const baseY = top + 24 + chartH;
    out.push(`<line x1="${left}" y1="${baseY}" x2="${width - 10}" y2="${baseY}" stroke="#333"/>`);
    let x = left + 10;
    groups.forEach((g) => {
      const start = x;
      for (const r of g.results) {
        const v = panel.value(r);
        const ok = r.status === 'ok' && Number.isFinite(v);
        const h = ok ? (v / max) * chartH : 0;
        out.push(`<rect x="${x}" y="${baseY - h}" width="${bar}" height="${h}" fill="${COLORS[r.gateway] ?? '#555'}"><title>${esc(`${r.label}: ${ok ? v.toFixed(2) : 'failed'} ${panel.unit}`)}</title></rect>`);
        out.push(`<text x="${x + bar / 2}" y="${baseY - h - 4}" text-anchor="middle">${ok ? (v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2)) : 'failed'}</text>`);
        x += bar + gap;
      }
      out.push(`<text x="${(start + x - gap) / 2}" y="${baseY + 16}" text-anchor="middle">${esc(g.title)}</text>`);
      out.push(`<text x="${(start + x - gap) / 2}" y="${baseY + 30}" text-anchor="middle" fill="#777">${esc(g.scenario)}</text>`);
      x += groupGap;
    });
  });
  out.push('</svg>');
  return out.join('\n');
}
