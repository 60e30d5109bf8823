import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  url: string;
  body: string;
  connections: number;
  durationSec: number;
  timeoutSec: number;
  /** The gateway process: its CPU time and RSS are read at the start and end of the load. */
  pid?: number;
  /** When set, every response body must equal it; the others count as mismatches. */
  expectBody?: string;
  /** When set, a fixed total rate (requests/s over all connections) instead of as fast as possible. */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  durationSec: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  /** Gateway utime+stime during the load, ms (NaN without pid). */
  cpuMs: number;
  /** Highest gateway VmRSS sampled during the load, MB. */
  peakRssMb: number;
  /** Every response time of the run in ms, sorted (for percentiles over several rounds). */
  latencies: number[];
}

const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Runs one fixed-concurrency, fixed-duration load in a separate process; bounded by a hard deadline. */
export function runLoad(req: LoadRequest): Promise<LoadResult> {
  const child = fork(worker, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load generator did not finish within ${req.durationSec + req.timeoutSec + 30} s`));
    }, (req.durationSec + req.timeoutSec + 30) * 1000);
    child.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
      clearTimeout(deadline);
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send(req);
  });
}
