import { loadRegistry, type SubgraphEntry } from '../lib/registry.ts';
import { generateDevKey } from '../lib/authorization/index.ts';
import { ProcessGroup, type ProcessStatus, type SupervisionEvent, type SupervisionOptions } from './supervise.ts';

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
  /** The key every process signs and verifies internal calls with; default: INTERNAL_SIGNING_KEY, else a fresh development key. */
  internalKey?: string;
  /** How long one process may take to say ready; the identity hub's first backfill of a large data set takes minutes. */
  readyTimeoutMs?: number;
  /** Restart a process that crashes after it was ready, with backoff (npm start; scripts/supervise.ts). */
  supervise?: SupervisionOptions;
  /** Each exit, restart and give-up, with the exit code or signal and the last log lines. */
  onSupervision?: (event: SupervisionEvent) => void;
}

export interface Stack {
  gatewayUrl: string;
  /** The internal signing key of this stack's processes (tests sign direct subgraph calls with it). */
  internalKey: string;
  systems: Record<string, string>;
  subgraphs: Record<string, string>;
  /** Every process's pid, state and restarts, by name (`system-pos`, `pos`, `gateway`...). */
  processes(): Record<string, ProcessStatus>;
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const registry = loadRegistry();
  // One key per stack, passed to every process: subgraphs answer only calls signed with it.
  const internalKey = opts.internalKey ?? process.env.INTERNAL_SIGNING_KEY ?? generateDevKey();
  const group = new ProcessGroup({
    ...(opts.onOutput ? { onOutput: opts.onOutput } : {}),
    ...(opts.readyTimeoutMs ? { readyTimeoutMs: opts.readyTimeoutMs } : {}),
    supervise: opts.supervise ?? false,
    ...(opts.onSupervision ? { onSupervision: opts.onSupervision } : {}),
  });
  const startProcess = (name: string, entry: string, env: Record<string, string>) => group.start(name, entry, { INTERNAL_SIGNING_KEY: internalKey, ...env });
  const stop = () => group.stop();
  const portOf = (fixed: number) => String(opts.ports === 'registry' ? fixed : 0);
  const envFor = (name: string) => opts.env?.[name] ?? {};

  try {
    const channels = registry.filter((e): e is SubgraphEntry & { system: { port: number } } => e.system !== null);
    const systems = Object.fromEntries(
      await Promise.all(
        channels.map(async (e) => {
          const url = await startProcess(`system-${e.name}`, `systems/${e.name}/src/index.ts`, { PORT: portOf(e.system.port), DATA_DIR: opts.dataDir, ...envFor(`system-${e.name}`) });
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
            const url = await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { PORT: portOf(e.port), ...upstream, ...envFor(e.name) });
            return [e.name, url] as const;
          }),
      ),
    );
    // The hub reads every channel subgraph's identity feed, then says ready.
    for (const e of registry.filter((entry) => entry.name === 'identity')) {
      const sources = channels.map((c) => `${c.name}=${new URL(subgraphs[c.name] ?? '').origin}`).join(',');
      subgraphs[e.name] = await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { PORT: portOf(e.port), IDENTITY_SOURCES: sources, ...envFor(e.name) });
    }
    // The flows service subscribes to the stand-ins' webhooks and acts through the subgraphs (identity included), so it starts after them.
    for (const e of registry.filter((entry) => entry.name === 'flows')) {
      const subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, url]));
      const flowsEnv = { PORT: portOf(e.port), SHOP_API_URL: systems.shop ?? '', POS_API_URL: systems.pos ?? '', ...(opts.ports === 'ephemeral' ? { FLOWS_DB_DIR: 'memory://', DATABASE_URL: '' } : {}), ...subgraphUrls };
      subgraphs[e.name] = await startProcess(e.name, `subgraphs/${e.name}/src/index.ts`, { ...flowsEnv, ...envFor(e.name) });
    }
    const overrides = Object.fromEntries(registry.map((e) => [`SUBGRAPH_${e.name.toUpperCase().replace(/-/g, '_')}_URL`, subgraphs[e.name] ?? '']));
    const gatewayUrl = await startProcess('gateway', 'gateway/src/index.ts', { PORT: String(opts.gatewayPort ?? (opts.ports === 'registry' ? 4000 : 0)), ...overrides, ...envFor('gateway') });
    return { gatewayUrl, internalKey, systems, subgraphs, processes: () => group.status(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
