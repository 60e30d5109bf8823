import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const rootDir = fileURLToPath(new URL('../..', import.meta.url));
export const logDir = `${benchDir}results/logs/`;

export interface Child {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  logFile: string;
  /** Set when the process ended on its own after it was ready: how, and its last output. */
  exited?: string;
  stop(): Promise<void>;
}

/**
 * Forks one TypeScript entry (under tsx) with an IPC channel and waits for its
 * `{ type: 'ready', url }` announcement (lib/announce.ts). Output goes to a log file, not
 * through this process, so the harness spends no CPU relaying it under load. `fork` runs
 * node itself, so `pid` is the process whose /proc counters we read.
 */
export function startChild(
  name: string,
  entry: string,
  env: Record<string, string>,
  opts: { execArgv?: string[]; readyTimeoutMs?: number } = {},
): Promise<Child> {
  mkdirSync(logDir, { recursive: true });
  const logFile = `${logDir}${name}.log`;
  const fd = openSync(logFile, 'w');
  const proc = fork(entry.startsWith('/') ? entry : `${rootDir}${entry}`, [], {
    execArgv: [...(opts.execArgv ?? []), '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd, 'ipc'],
    cwd: rootDir,
  });
  closeSync(fd);
  let stopping = false;
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timeoutMs = opts.readyTimeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} was not ready within ${timeoutMs / 1000} s (log: ${logFile})`));
    }, timeoutMs);
    proc.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'ready' && message.url && proc.pid) {
        clearTimeout(timer);
        const child: Child = { name, url: message.url, pid: proc.pid, proc, logFile, stop };
        proc.once('exit', (code, signal) => {
          if (stopping) return;
          child.exited = `exited unexpectedly (${signal ?? `code ${code}`}); last output:\n${tail(logFile, 5)}`;
          console.error(`[bench] ${name} ${child.exited}`);
        });
        resolve(child);
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready; last output:\n${tail(logFile)}`));
    });
  });
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat fields 14 and 15). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size now and its high-water mark, in MB (/proc/<pid>/status VmRSS, VmHWM). */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/**
 * Requests still in flight when a round ends are abandoned by the load generator but not by
 * the gateway; wait until it has finished them (its CPU time stops moving) so that they do
 * not spill into the next gateway's round. Bounded: at most 15 s.
 */
export async function settle(pid: number): Promise<void> {
  const INTERVAL_MS = 500;
  const IDLE_CPU_MS = 30; // 6 % of a core: a gateway still working uses far more; a profiler or a timer less
  const until = Date.now() + 15_000;
  let last = cpuMsOfOrNaN(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    const now = cpuMsOfOrNaN(pid);
    if (!(now - last > IDLE_CPU_MS)) return;
    last = now;
  }
}

export function cpuMsOfOrNaN(pid: number): number {
  try {
    return cpuMsOf(pid);
  } catch {
    return NaN;
  }
}
