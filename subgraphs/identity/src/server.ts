import { loadSchema, type SubgraphDefinition } from '../../../lib/subgraph-server.ts';
import { createLogger } from '../../../lib/logger.ts';
import { runBackfill, type BackfillReport } from './backfill.ts';
import { matchOptions, type Config } from './config.ts';
import { createContext, type Context } from './context.ts';
import { openDb, type Db } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';
import { IdentityStore } from './store.ts';
import { IdentitySync } from './sync.ts';
import { sendJson } from '../../../lib/http-graphql.ts';

export interface IdentitySubgraph extends SubgraphDefinition<Context> {
  /** Opens the database and applies migrations (once; every caller awaits the same promise). */
  ready(): Promise<IdentityStore>;
  backfill(): Promise<BackfillReport>;
  /** Real-time sync (src/sync.ts); index.ts starts it after the start-up backfill, tests drive `tick()`. */
  sync(): Promise<IdentitySync>;
}

/** `POST /_identity/sync`: runs a sync tick now (a system's webhook, our own write), instead of at the next interval. */
export const SYNC_NUDGE_PATH = '/_identity/sync';

/**
 * The identity hub. No stand-in and no connector: its "system" is its own database. The
 * database opens lazily so createSubgraph stays synchronous like every other subgraph's;
 * index.ts awaits `ready()` (and the start-up backfill) before listening.
 */
export function createSubgraph(config: Config, opts: { schema?: string } = {}): IdentitySubgraph {
  const logger = createLogger('identity');
  let storePromise: Promise<IdentityStore> | undefined;
  let db: Db | undefined;
  const ready = () =>
    (storePromise ??= openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.IDENTITY_DB_DIR, ...(opts.schema ? { schema: opts.schema } : {}) }).then(
      (opened) => {
        db = opened;
        return new IdentityStore(opened, config.DEFAULT_PHONE_REGION, config.IDENTITY_PHONE_MARKETS);
      },
    ));
  // What the full backfill and the real-time sync share: the same feeds, normalisation and linking rules.
  const pipeline = {
    sources: config.sources,
    logger,
    pageSize: config.IDENTITY_FEED_PAGE_SIZE,
    timeoutMs: config.IDENTITY_FEED_TIMEOUT_MS,
    defaultRegion: config.DEFAULT_PHONE_REGION,
    phoneMarkets: config.IDENTITY_PHONE_MARKETS,
    maxRecordsPerValue: config.IDENTITY_MAX_RECORDS_PER_VALUE,
    maxKeyRecords: config.IDENTITY_BLOCK_MAX_RECORDS ?? config.IDENTITY_MAX_RECORDS_PER_VALUE,
    matchOptions: matchOptions(config),
  };
  // One backfill at a time per process: a second request waits for the running one and reuses it.
  let running: Promise<BackfillReport> | undefined;
  const backfill = async () => {
    const store = await ready();
    running ??= runBackfill({
      db: store.db,
      ...pipeline,
    }).finally(() => {
      running = undefined;
    });
    return running;
  };
  let syncer: IdentitySync | undefined;
  const sync = async () => {
    const store = await ready();
    syncer ??= new IdentitySync({
      db: store.db,
      ...pipeline,
      intervalMs: config.IDENTITY_SYNC_INTERVAL_MS,
      overlapMs: config.IDENTITY_SYNC_OVERLAP_MS,
      leaseMs: config.IDENTITY_SYNC_LEASE_MS,
    });
    return syncer;
  };
  return {
    name: 'identity',
    typeDefs: loadSchema(new URL('../schema.graphql', import.meta.url)),
    resolvers,
    ready,
    backfill,
    sync,
    async routes(req, res) {
      if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== SYNC_NUDGE_PATH) return false;
      (await sync()).nudge();
      sendJson(res, 202, { status: 'sync scheduled' });
      return true;
    },
    async createContext(info) {
      return createContext(config, await ready(), backfill, info);
    },
    async close() {
      await syncer?.stop();
      await running?.catch(() => undefined);
      await db?.close();
    },
  };
}
