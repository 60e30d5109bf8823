import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load.ts';
import { cpuMsOf, memoryOf } from './proc.ts';

/**
 * The load generator, in its own process so that it never shares an event loop with the
 * harness or a gateway. Receives one LoadRequest over IPC, runs autocannon at a fixed
 * concurrency for a fixed time, answers with a LoadResult, exits. When given the gateway's
 * pid it reads its CPU time exactly when the load starts and stops, and samples its RSS.
 */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

async function run(req: LoadRequest): Promise<LoadResult> {
  let latencies = new Float64Array(65_536);
  let count = 0;
  const { pid } = req;
  let peakRssMb = NaN;
  try {
    if (pid) peakRssMb = memoryOf(pid).rssMb;
  } catch {
    // the gateway is gone; the errors in the result will say so
  }
  const sampler = setInterval(() => {
    try {
      if (pid) peakRssMb = Math.max(Number.isNaN(peakRssMb) ? 0 : peakRssMb, memoryOf(pid).rssMb);
    } catch {
      // the gateway is gone; the errors in the result will say so
    }
  }, 250);
  let cpuBefore = NaN;
  try {
    if (pid) cpuBefore = cpuMsOf(pid);
  } catch {
    // gone
  }
  const instance = autocannon({
    url: req.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: req.body,
    connections: req.connections,
    pipelining: 1,
    duration: req.durationSec,
    timeout: req.timeoutSec,
    ...(req.expectBody !== undefined ? { expectBody: req.expectBody } : {}),
    ...(req.overallRate !== undefined ? { overallRate: req.overallRate } : {}),
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = responseTime;
  });
  const result = await instance;
  clearInterval(sampler);
  let cpuMs = NaN;
  try {
    if (pid) cpuMs = cpuMsOf(pid) - cpuBefore;
  } catch {
    // gone
  }
  const sorted = latencies.subarray(0, count).sort();
  return {
    requests: result.requests.total,
    durationSec: result.duration,
    requestsPerSec: result.requests.total / result.duration,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[count - 1] ?? NaN },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    cpuMs,
    peakRssMb,
    latencies: Array.from(sorted, (ms) => Math.round(ms * 100) / 100),
  };
}

// The harness went away: do not keep loading a gateway nobody measures.
process.once('disconnect', () => process.exit(1));
process.once('message', (req: LoadRequest) => {
  run(req).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }, () => process.exit(1)),
  );
});
