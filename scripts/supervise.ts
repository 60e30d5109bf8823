import { fork, type ChildProcess } from 'node:child_process';
import { rootDir } from '../lib/registry.ts';

/**
 * The processes of one stack: forks each, waits for its `ready` announcement over IPC, and, when
 * supervision is on (`npm start`), restarts one that dies after it was ready: on the port it had
 * (so the gateway's and the other processes' URLs stay right), after an exponential backoff
 * (base · 2^(n-1), capped; n counts crashes in a row and resets once a process stayed up for
 * `stableMs`), giving up after `maxRestarts` crashes in a row. Every exit is reported with its code
 * or signal and the process's last log lines. Meanwhile the gateway's `/health/ready` names the
 * subgraph that is down.
 */
export interface SupervisionOptions {
  /** First delay before a restart (default 500 ms); doubles per crash in a row. */
  baseDelayMs?: number;
  /** Longest delay between restarts (default 30 s). */
  maxDelayMs?: number;
  /** Crashes in a row before the process is left down (default 10). */
  maxRestarts?: number;
  /** Up this long after a restart, a process counts as healthy again (default 60 s). */
  stableMs?: number;
  /** How many of its last output lines an exit report carries (default 20). */
  tailLines?: number;
  /**
   * Processes whose restart must be followed by restarting those that were given their URL (in
   * their environment): the stand-in systems keep webhook subscriptions in memory, so whoever
   * subscribed at start must start again to subscribe again.
   */
  restartDependentsOf?: (name: string) => boolean;
}

export type SupervisionEvent =
  | { type: 'exit'; name: string; pid: number | undefined; code: number | null; signal: NodeJS.Signals | null; lastLines: string[]; restartInMs: number | null; crashesInARow: number }
  | { type: 'restarted'; name: string; pid: number | undefined; url: string; restarts: number }
  | { type: 'gave-up'; name: string; crashesInARow: number; reason: string }
  | { type: 'restarting-dependent'; name: string; because: string };

export interface GroupOptions {
  onOutput?: (name: string, line: string) => void;
  readyTimeoutMs?: number;
  /** Restart crashed processes (npm start); off: a crash is only reported (the tests, which stop processes on purpose). */
  supervise?: SupervisionOptions | false;
  onSupervision?: (event: SupervisionEvent) => void;
}

export interface ProcessStatus {
  pid: number | undefined;
  state: 'starting' | 'ready' | 'restarting' | 'down' | 'stopped';
  restarts: number;
  url: string | null;
}

interface Child {
  name: string;
  entry: string;
  env: Record<string, string>;
  proc: ChildProcess;
  url: string | null;
  state: ProcessStatus['state'];
  restarts: number;
  crashesInARow: number;
  readyAt: number;
  tail: string[];
  timer: NodeJS.Timeout | null;
  /** Stopped on purpose to be started again at once (a dependent of a restarted process): not a crash. */
  planned: boolean;
}

export class ProcessGroup {
  private readonly children: Child[] = [];
  private stopping = false;

  constructor(private readonly opts: GroupOptions = {}) {}

  /** Starts `entry` (a path from the repository root) and resolves with the URL it announces. */
  start(name: string, entry: string, env: Record<string, string>): Promise<string> {
    const child: Child = { name, entry, env, proc: undefined as unknown as ChildProcess, url: null, state: 'starting', restarts: 0, crashesInARow: 0, readyAt: 0, tail: [], timer: null, planned: false };
    this.children.push(child);
    return this.launch(child, env);
  }

  /** Each process's pid, state and restart count, by name. */
  status(): Record<string, ProcessStatus> {
    return Object.fromEntries(this.children.map((c) => [c.name, { pid: c.proc.pid, state: c.state, restarts: c.restarts, url: c.url }]));
  }

  /** Stops every process, last started first: SIGTERM, then SIGKILL after 5 s. No restarts from here on. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children].reverse().map((child) => {
        if (child.timer) clearTimeout(child.timer);
        child.state = 'stopped';
        const proc = child.proc;
        return new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const kill = setTimeout(() => proc.kill('SIGKILL'), 5_000);
          proc.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          proc.kill('SIGTERM');
        });
      }),
    );
  }

  /** `firstStart`: a start that must be ready in time (else the stack fails); a restart waits as long as it takes (a hub re-reading a large data set), staying `restarting`. */
  private launch(child: Child, env: Record<string, string>, firstStart = true): Promise<string> {
    const proc = fork(`${rootDir}${child.entry}`, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      cwd: rootDir,
    });
    child.proc = proc;
    const tailMax = (this.opts.supervise && this.opts.supervise.tailLines) || 20;
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        child.tail.push(line);
        if (child.tail.length > tailMax) child.tail.shift();
        this.opts.onOutput?.(child.name, line);
      }
    };
    proc.stdout?.on('data', forward);
    proc.stderr?.on('data', forward);
    const ready = new Promise<string>((resolve, reject) => {
      const timeoutMs = this.opts.readyTimeoutMs ?? 120_000;
      const timer = firstStart ? setTimeout(() => reject(new Error(`${child.name} did not become ready in ${Math.round(timeoutMs / 1000)} s`)), timeoutMs) : undefined;
      proc.on('message', (message: { type?: string; url?: string }) => {
        if (message?.type === 'ready' && message.url) {
          clearTimeout(timer);
          child.url = message.url;
          child.state = 'ready';
          child.readyAt = Date.now();
          resolve(message.url);
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${child.name} exited with ${signal ? `signal ${signal}` : `code ${code}`} before it was ready`));
      });
    });
    proc.once('exit', (code, signal) => this.exited(child, proc, code, signal));
    return ready;
  }

  private exited(child: Child, proc: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    // Only the current process of a child that had been ready once is supervised (a failed first start fails the stack).
    if (this.stopping || child.proc !== proc || child.url === null) return;
    const sup = this.opts.supervise;
    if (child.planned && sup) {
      child.planned = false;
      this.relaunch(child, 0);
      return;
    }
    const stableMs = (sup && sup.stableMs) || 60_000;
    if (child.state === 'ready' && Date.now() - child.readyAt >= stableMs) child.crashesInARow = 0;
    child.crashesInARow += 1;
    const lastLines = [...child.tail];
    if (!sup) {
      child.state = 'down';
      this.opts.onSupervision?.({ type: 'exit', name: child.name, pid: proc.pid, code, signal, lastLines, restartInMs: null, crashesInARow: child.crashesInARow });
      return;
    }
    const maxRestarts = sup.maxRestarts ?? 10;
    if (child.crashesInARow > maxRestarts) {
      child.state = 'down';
      this.opts.onSupervision?.({ type: 'exit', name: child.name, pid: proc.pid, code, signal, lastLines, restartInMs: null, crashesInARow: child.crashesInARow });
      this.opts.onSupervision?.({ type: 'gave-up', name: child.name, crashesInARow: child.crashesInARow, reason: `crashed ${child.crashesInARow} times in a row` });
      return;
    }
    const delay = Math.min(sup.maxDelayMs ?? 30_000, (sup.baseDelayMs ?? 500) * 2 ** (child.crashesInARow - 1));
    child.state = 'restarting';
    this.opts.onSupervision?.({ type: 'exit', name: child.name, pid: proc.pid, code, signal, lastLines, restartInMs: delay, crashesInARow: child.crashesInARow });
    this.relaunch(child, delay);
  }

  private relaunch(child: Child, delay: number): void {
    child.state = 'restarting';
    child.timer = setTimeout(() => {
      child.timer = null;
      if (this.stopping) return;
      // The same port as before: everything else was given this process's URL.
      const port = new URL(child.url!).port;
      this.launch(child, { ...child.env, ...(port ? { PORT: port } : {}) }, false).then(
        (url) => {
          child.restarts += 1;
          this.opts.onSupervision?.({ type: 'restarted', name: child.name, pid: child.proc.pid, url, restarts: child.restarts });
          if (this.opts.supervise && this.opts.supervise.restartDependentsOf?.(child.name)) this.restartDependents(child);
        },
        // Its exit handler has scheduled the next attempt (or given up) already.
        () => undefined,
      );
    }, delay);
  }

  /** Restarts, at once and not as a crash, every ready process whose environment holds `of`'s address. */
  private restartDependents(of: Child): void {
    // The origin not followed by another digit: :410 is not :4103.
    const address = new RegExp(`${new URL(of.url!).origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`);
    for (const child of this.children) {
      if (child === of || child.state !== 'ready' || !Object.values(child.env).some((value) => address.test(value))) continue;
      this.opts.onSupervision?.({ type: 'restarting-dependent', name: child.name, because: of.name });
      child.planned = true;
      child.proc.kill('SIGTERM');
    }
  }
}
