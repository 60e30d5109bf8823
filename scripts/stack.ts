import { fork, type ChildProcess } from 'node:child_process';
import { loadRegistry, rootDir, type SubgraphEntry } from '../lib/registry.ts';

/**
 * Starts the whole product as separate processes talking real HTTP: stand-in systems,
 * channel subgraphs, the identity hub (which backfills its links from the channel
 * subgraphs before it says ready) and the gateway. Used by `npm start` (fixed ports) and
 * the end-to-end tests (port 0 everywhere). Each child announces its URL over IPC.
 */
export interface StackOptions {
  dataDir: string;
  /** 'registry' uses the registry's fixed ports (npm start); 'ephemeral' uses port 0 (tests). */
  ports: 'registry' | 'ephemeral';
  /** Extra environment per process name (`system-pos`, `pos`, `identity`, `gateway`). */
  env?: Record<string, Record<string, string>>;
  /** Where child output goes; tests keep it for failure reports. */
  onOutput?: (name: string, line: string) => void;
  gatewayPort?: number;
  /** How long one process may take to say ready; the identity hub's first backfill of a large data set takes minutes. */
  readyTimeoutMs?: number;
}

export interface Stack {
  gatewayUrl: string;
  systems: Record<string, string>;
  subgraphs: Record<string, string>;
  stop(): Promise<void>;
}

export interface Child {
  name: string;
  proc: ChildProcess;
}

/** Forks one process and resolves with the URL it announces (exported for tools that start part of the stack, such as the identity evaluation). */
export function startProcess(name: string, entry: string, env: Record<string, string>, opts: StackOptions, children: Child[]): Promise<string> {
  const proc = fork(`${rootDir}${entry}`, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    cwd: rootDir,
  });
  children.push({ name, proc });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) opts.onOutput?.(name, line);
  };
  proc.stdout?.on('data', forward);
  proc.stderr?.on('data', forward);
  return new Promise((resolve, reject) => {
    const timeoutMs = opts.readyTimeoutMs ?? 120_000;
    const timer = setTimeout(() => reject(new Error(`${name} did not become ready in ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    proc.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type === 'ready' && message.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const registry = loadRegistry();
  const children: Child[] = [];
  const portOf = (fixed: number) => String(opts.ports === 'registry' ? fixed : 0);
  const envFor = (name: string) => opts.env?.[name] ?? {};
  const stop = async () => {
    await Promise.all(
      children.reverse().map(
        ({ proc }) =>
          new Promise<void>((resolve) => {
            if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
            const kill = setTimeout(() => proc.kill('SIGKILL'), 5_000);
            proc.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            proc.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    const channels = registry.filter((e): e is SubgraphEntry & { system: { port: number } } => e.system !== null);
    const systems = Object.fromEntries(
      await Promise.all(
        channels.map(async (e) => {
          const url = await startProcess(`system-${e.name}`, `systems/${e.name}/src/index.ts`, { PORT: portOf(e.system.port), DATA_DIR: opts.dataDir, ...envFor(`system-${e.name}`) }, opts, children);
          return [e.name, url] as const;
        }),
      ),
    );
    // Channel subgraphs, and subgraphs without a stand-in system (aggregates such as journey) started the same way without an upstream.
    const subgraphs: Record<string, string> = Object.fromEntries(
      await Promise.all(
        registry
          .filter((e) => e.name !== 'identity' && e.name !== 'flows')
          .map(async (e) => {
            const upstream: Record<string, string> = e.system !== null ? { UPSTREAM_URL: systems[e.name] ?? '' } : {};
            const url = await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { PORT: portOf(e.port), ...upstream, ...envFor(e.name) }, opts, children);
            return [e.name, url] as const;
          }),
      ),
    );
    // The hub reads every channel subgraph's identity feed, then says ready.
    for (const e of registry.filter((entry) => entry.name === 'identity')) {
      const sources = channels.map((c) => `${c.name}=${new URL(subgraphs[c.name] ?? '').origin}`).join(',');
      subgraphs[e.name] = await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { PORT: portOf(e.port), IDENTITY_SOURCES: sources, ...envFor(e.name) }, opts, children);
    }
    // The flows service subscribes to the stand-ins' webhooks and acts through the subgraphs (identity included), so it starts after them.
    for (const e of registry.filter((entry) => entry.name === 'flows')) {
      const subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, url]));
      const flowsEnv = { PORT: portOf(e.port), SHOP_API_URL: systems.shop ?? '', POS_API_URL: systems.pos ?? '', ...(opts.ports === 'ephemeral' ? { FLOWS_DB_DIR: 'memory://', DATABASE_URL: '' } : {}), ...subgraphUrls };
      subgraphs[e.name] = await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { ...flowsEnv, ...envFor(e.name) }, opts, children);
    }
    const overrides = Object.fromEntries(registry.map((e) => [`SUBGRAPH_${e.name.toUpperCase().replace(/-/g, '_')}_URL`, subgraphs[e.name] ?? '']));
    const gatewayUrl = await startProcess('gateway', 'gateway/src/index.ts', { PORT: String(opts.gatewayPort ?? (opts.ports === 'registry' ? 4000 : 0)), ...overrides, ...envFor('gateway') }, opts, children);
    return { gatewayUrl, systems, subgraphs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
