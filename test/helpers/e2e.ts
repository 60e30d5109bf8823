import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRegistry } from '../../lib/registry.ts';
import { startStack, type Stack, type StackOptions } from '../../scripts/stack.ts';
import { ensureDataset } from '../../systems/generate/ensure.ts';
import { postGraphQL } from './component.ts';

/**
 * The registered systems with a stand-in (crm, shop, pos, social, and any system an integrator
 * adds), from subgraphs/registry.json: tests never hard-code the list.
 */
export const SYSTEMS: readonly string[] = loadRegistry()
  .filter((e) => e.system !== null)
  .map((e) => e.name);

/**
 * The systems a person of any market can be in at once: LINE (Thailand) and Zalo (Vietnam) are one
 * market's messenger each, so nobody is in both; tests that look for "a person in every system" use these.
 */
export const MARKET_MESSENGERS: ReadonlySet<string> = new Set(['line', 'zalo']);
export const SYSTEMS_IN_EVERY_MARKET: readonly string[] = SYSTEMS.filter((s) => !MARKET_MESSENGERS.has(s));

/** The data set of end-to-end tests: generated once (deterministic), shared by every e2e file. */
export const E2E_DATASET = { dir: '.data/e2e', seed: 7, people: 600 };

export async function e2eDataset(): Promise<string> {
  return ensureDataset(E2E_DATASET.dir, { seed: E2E_DATASET.seed, people: E2E_DATASET.people });
}

export interface TestStack extends Stack {
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): ReturnType<typeof postGraphQL<T>>;
  /** Vendor calls one stand-in system served since its last reset, by `METHOD /route`. */
  upstreamCalls(system: string): Promise<Record<string, number>>;
  resetUpstreamCalls(): Promise<void>;
  setFaults(system: string, faults: Record<string, unknown>): Promise<void>;
  /** Everything the processes printed, for failure reports. */
  output: string[];
}

/**
 * The whole product, every process real, on port 0. The identity hub runs on its
 * embedded database (PGlite, in memory) unless the caller passes DATABASE_URL for it.
 */
export async function startTestStack(opts: Partial<StackOptions> = {}): Promise<TestStack> {
  const dataDir = opts.dataDir ?? (await e2eDataset());
  const output: string[] = [];
  const stack = await startStack({
    dataDir,
    ports: 'ephemeral',
    ...(opts.supervise ? { supervise: opts.supervise } : {}),
    ...(opts.onSupervision ? { onSupervision: opts.onSupervision } : {}),
    env: {
      ...opts.env,
      // Channel subgraphs' entity caches are off unless a test turns them on (test/cache.test.ts):
      // call counts then measure batching, and no stack shares a Redis with another.
      ...Object.fromEntries(SYSTEMS.map((name) => [name, { CACHE_STORE: 'off', ...opts.env?.[name] }])),
      // Real-time sync reads every feed each second, which would show up in the upstream call counts
      // other tests measure; the tests of sync turn it on (test/identity-realtime.test.ts).
      identity: { IDENTITY_DB_DIR: 'memory://', DATABASE_URL: '', IDENTITY_SYNC: 'off', ...opts.env?.identity },
      // The gateway's per-operation log lines carry request ids that tests look for.
      // Dev-mode callers of the tests act as support and store staff (mutations need their role).
      gateway: { LOG_LEVEL: 'info', AUTH_DEV_ROLES: 'agent,associate', ...opts.env?.gateway },
    },
    onOutput: (name, line) => {
      output.push(`[${name}] ${line}`);
      if (output.length > 5_000) output.shift();
    },
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output.slice(-60).join('\n')}`);
  });
  const admin = (system: string, path: string, init?: RequestInit) => fetch(`${stack.systems[system]}/__admin/${path}`, init);
  return {
    ...stack,
    output,
    query: (query, variables) => postGraphQL(stack.gatewayUrl, query, variables),
    async upstreamCalls(system) {
      const state = (await (await admin(system, 'state')).json()) as { requests: { byRoute: Record<string, number> } };
      return state.requests.byRoute;
    },
    async resetUpstreamCalls() {
      await Promise.all(Object.keys(stack.systems).map((system) => admin(system, 'reset', { method: 'POST' })));
    },
    async setFaults(system, faults) {
      await admin(system, 'faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    },
  };
}

export interface GroundTruthRow {
  personId: string;
  system: string;
  externalId: string;
}

export function readGroundTruth(dataDir: string): GroundTruthRow[] {
  return readFileSync(join(dataDir, 'ground-truth.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GroundTruthRow);
}

/** People with records in every one of the given systems, with their records by system. */
export function peopleInAll(rows: GroundTruthRow[], systems: readonly string[]): Map<string, Map<string, string[]>> {
  const people = new Map<string, Map<string, string[]>>();
  for (const row of rows) {
    const bySystem = people.get(row.personId) ?? new Map<string, string[]>();
    bySystem.set(row.system, [...(bySystem.get(row.system) ?? []), row.externalId]);
    people.set(row.personId, bySystem);
  }
  for (const [id, bySystem] of people) if (!systems.every((s) => bySystem.has(s))) people.delete(id);
  return people;
}
