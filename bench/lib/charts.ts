/**
 * Small hand-written SVG line charts for the scaling curves and the soak: a grid of panels,
 * each with an x axis of categories or numbers, one line per series, values in tooltips.
 */
export interface Series {
  name: string;
  color: string;
  /** y per x; NaN (a failed point) breaks the line. */
  points: { x: number; y: number }[];
}
export interface Panel {
  title: string;
  xLabel: string;
  /** Tick labels for the x values (default: the numbers). */
  xTicks?: { x: number; label: string }[];
  /** Plot x on a log10 scale (page sizes, data sizes). */
  logX?: boolean;
  series: Series[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const short = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

export function lineCharts(title: string, panels: Panel[], opts: { columns?: number; width?: number; height?: number; subtitle?: string } = {}): string {
  const columns = Math.max(1, Math.min(opts.columns ?? 3, panels.length));
  const pw = opts.width ?? 300;
  const ph = opts.height ?? 200;
  const rows = Math.ceil(panels.length / columns);
  const names = [...new Map(panels.flatMap((p) => p.series.map((s) => [s.name, s.color] as const))).entries()];
  const headH = 56;
  const width = columns * pw + 20;
  const height = headH + rows * ph + 10;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="10">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
  ];
  if (opts.subtitle) out.push(`<text x="10" y="30" fill="#555">${esc(opts.subtitle)}</text>`);
  names.forEach(([name, color], i) => {
    const x = 10 + i * 190;
    out.push(`<rect x="${x}" y="38" width="12" height="3" fill="${color}"/>`, `<text x="${x + 16}" y="43">${esc(name)}</text>`);
  });
  panels.forEach((panel, i) => {
    const ox = 10 + (i % columns) * pw;
    const oy = headH + Math.floor(i / columns) * ph;
    const left = ox + 44;
    const right = ox + pw - 14;
    const top = oy + 22;
    const bottom = oy + ph - 34;
    const tx = (x: number) => (panel.logX ? Math.log10(Math.max(x, 1e-9)) : x);
    const xs = panel.series.flatMap((s) => s.points.map((p) => tx(p.x)));
    const ys = panel.series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
    const xMin = Math.min(...xs);
    const xMax = Math.max(...xs);
    const yMax = Math.max(1e-9, ...ys) * 1.12;
    const sx = (x: number) => (xMax === xMin ? (left + right) / 2 : left + ((tx(x) - xMin) / (xMax - xMin)) * (right - left));
    const sy = (y: number) => bottom - (y / yMax) * (bottom - top);
    out.push(`<text x="${ox + 4}" y="${oy + 12}" font-size="11" font-weight="bold">${esc(panel.title)}</text>`);
    out.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#333"/>`, `<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#333"/>`);
    for (const f of [0, 0.5, 1]) {
      const v = (yMax / 1.12) * f;
      out.push(`<text x="${left - 4}" y="${sy(v) + 3}" text-anchor="end" fill="#555">${short(v)}</text>`);
      if (f > 0) out.push(`<line x1="${left}" y1="${sy(v)}" x2="${right}" y2="${sy(v)}" stroke="#eee"/>`);
    }
    const ticks = panel.xTicks ?? [...new Set(panel.series.flatMap((s) => s.points.map((p) => p.x)))].map((x) => ({ x, label: String(x) }));
    for (const t of ticks) out.push(`<text x="${sx(t.x)}" y="${bottom + 13}" text-anchor="middle" fill="#555">${esc(t.label)}</text>`);
    out.push(`<text x="${(left + right) / 2}" y="${bottom + 27}" text-anchor="middle" fill="#777">${esc(panel.xLabel)}</text>`);
    for (const s of panel.series) {
      const pts = [...s.points].sort((a, b) => a.x - b.x);
      let path = '';
      let pen = false;
      for (const p of pts) {
        if (!Number.isFinite(p.y)) {
          pen = false;
          continue;
        }
        path += `${pen ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)} `;
        pen = true;
      }
      if (path) out.push(`<path d="${path.trim()}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
      if (pts.length <= 12)
        for (const p of pts.filter((q) => Number.isFinite(q.y)))
          out.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${s.color}"><title>${esc(`${s.name}: ${short(p.y)}`)}</title></circle>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

/** Least-squares slope of y over x (NaN with fewer than two distinct x). */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return NaN;
  return points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
}

export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
