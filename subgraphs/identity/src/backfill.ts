import type { SourceRecord } from '../../../lib/identity-feed.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { IdentitySource } from './config.ts';
import type { Db } from './db/index.ts';
import type { MatchOptions } from './matching/match.ts';
import { computeComponents } from './pipeline/components.ts';
import { readFeed } from './pipeline/feed.ts';
import { ingestRecords } from './pipeline/ingest.ts';
import { linkRunOptions, matchComponents, writeMatched, type LinkCounts } from './pipeline/link.ts';
import { advanceWatermark } from './pipeline/watermarks.ts';

export { planLinks } from './pipeline/plan.ts';

export interface BackfillOptions {
  db: Db;
  sources: readonly IdentitySource[];
  logger: Logger;
  pageSize: number;
  timeoutMs: number;
  defaultRegion: string;
  /** Countries a region-less local number is read in (see phoneReadings); none: the default region only. */
  phoneMarkets?: readonly string[];
  maxRecordsPerValue: number;
  /** The rest of matchRecords' options from the configuration (config.ts matchOptions). */
  matchOptions?: Partial<MatchOptions>;
  /** A key carried by more records joins no component (pipeline/components.ts); default maxRecordsPerValue. */
  maxKeyRecords?: number;
  /** Records per linking transaction (whole components; default 5000). */
  batchSize?: number;
  /** Records stored per write while reading a feed (default 2000). */
  ingestBatch?: number;
}

export interface BackfillReport {
  sources: { name: string; records: number; error: string | null }[];
  recordsRead: number;
  customersCreated: number;
  linksCreated: number;
  suggestionsCreated: number;
  durationMs: number;
}

/**
 * The full reconciliation: reads every source's whole feed, then links every stored record
 * component by component. It reaches the clusters the real-time sync reaches (sync.ts: the same
 * linker, the same rules) and repairs whatever sync missed (a source down, a crash).
 *
 * Streaming and bounded: feed pages are stored as they arrive (sources read concurrently), the
 * components are found over integer ids in typed arrays, and each batch of whole components is
 * matched with data-set-wide key statistics and written in one transaction of multi-row
 * statements. Idempotent: unchanged records are not rewritten and existing links never move, so a
 * second run changes nothing. People's decisions survive: a MANUAL link or a merge is an existing
 * link like any other (never moved), a rejected suggestion is never suggested again.
 */
export async function runBackfill(opts: BackfillOptions): Promise<BackfillReport> {
  const started = performance.now();
  const normalize = { defaultRegion: opts.defaultRegion, phoneMarkets: opts.phoneMarkets ?? [] };
  const ingestBatch = opts.ingestBatch ?? 2000;

  const stages: Record<string, Record<string, number>> = {};
  // One source failing must not lose the others: each batch is stored as soon as it is read.
  const sources = await Promise.all(
    opts.sources.map(async (source) => {
      const readStarted = new Date();
      let records = 0;
      let error: string | null = null;
      let maxUpdatedAt: string | null = null;
      let buffer: SourceRecord[] = [];
      // One write in flight while the next batch is read: reading and storing overlap, and at
      // most two batches (plus the feed's page ahead) are held.
      const writes = writeBehind();
      // Where a source's time goes (logged): waiting for feed pages, storing (and waiting for a store: writes.waitMs).
      const timing = { feedWaitMs: 0, storeMs: 0 };
      const store = async (batch: SourceRecord[]) => {
        const storing = performance.now();
        const result = await opts.db.transaction(async (tx) => {
          // Re-derivable from the feeds (a crash loses at most the last batches, which a re-run reads again), as linking does.
          await tx.query('SET LOCAL synchronous_commit = off');
          return ingestRecords(tx, batch, { ...normalize, markPending: false });
        });
        timing.storeMs += performance.now() - storing;
        if (result.maxUpdatedAt && (!maxUpdatedAt || Date.parse(result.maxUpdatedAt) > Date.parse(maxUpdatedAt))) maxUpdatedAt = result.maxUpdatedAt;
      };
      const flush = async () => {
        const batch = buffer;
        buffer = [];
        await writes.start(() => store(batch));
      };
      try {
        let asked = performance.now();
        for await (const page of readFeed(source, { limit: opts.pageSize, timeoutMs: opts.timeoutMs })) {
          timing.feedWaitMs += performance.now() - asked;
          for (const record of page) buffer.push(record);
          records += page.length;
          if (buffer.length >= ingestBatch) await flush();
          asked = performance.now();
        }
        await flush();
        await writes.drain();
        // Read completely: real-time sync carries on from here.
        await advanceWatermark(opts.db, source.name, readStarted, maxUpdatedAt);
      } catch (err) {
        await writes.drain().catch(() => undefined);
        if (buffer.length > 0) await store(buffer).catch(() => undefined);
        error = err instanceof Error ? err.message : String(err);
        opts.logger.warn({ source: source.name, records, err: error }, 'identity feed failed; continuing with the other sources');
      }
      stages[source.name] = rounded({ ...timing, storeWaitMs: writes.waitMs });
      return { name: source.name, records, error };
    }),
  );
  const read = performance.now();
  // Fresh planner statistics after a large load, so per-batch lookups use the indexes.
  await opts.db.query('ANALYZE source_records, record_keys, links');

  const { batches, stats } = await computeComponents(opts.db, opts.maxKeyRecords ?? opts.maxRecordsPerValue, opts.batchSize ?? 5000);
  const grouped = performance.now();
  const totals: LinkCounts = { customersCreated: 0, linksCreated: 0, suggestionsCreated: 0 };
  const linkOpts = await linkRunOptions(opts.db, opts);
  // Batches hold whole, disjoint components: the next batch is read and matched while the
  // previous one is written (matching reads no table the linker writes).
  const add = (counts: LinkCounts) => {
    totals.customersCreated += counts.customersCreated;
    totals.linksCreated += counts.linksCreated;
    totals.suggestionsCreated += counts.suggestionsCreated;
  };
  const writes = writeBehind();
  const linking = { matchMs: 0, writeMs: 0 };
  for (const batch of batches()) {
    const matching = performance.now();
    const matched = await matchComponents(opts.db, batch, linkOpts);
    linking.matchMs += performance.now() - matching;
    await writes.start(async () => {
      const written = performance.now();
      const counts = await writeMatched(opts.db, matched);
      linking.writeMs += performance.now() - written;
      add(counts);
    });
  }
  await writes.drain();
  // The links and customers tables were empty or small when last analysed: lookups by source id
  // (customerBySourceId) must be planned on their real size from the first request.
  await opts.db.query('ANALYZE links, customers');
  const report: BackfillReport = {
    sources,
    recordsRead: sources.reduce((n, s) => n + s.records, 0),
    ...totals,
    durationMs: Math.round(performance.now() - started),
  };
  opts.logger.info(
    {
      ...report,
      components: stats.components,
      largestComponent: stats.largest,
      readMs: Math.round(read - started),
      componentsMs: Math.round(grouped - read),
      linkMs: Math.round(performance.now() - grouped),
      stages: { ...stages, linking: rounded({ ...linking, writeWaitMs: writes.waitMs }) },
    },
    'identity backfill done',
  );
  return report;
}

/**
 * Writes run one at a time behind the caller: `start` waits for the previous write (its failure
 * is thrown there), starts this one and returns, so the caller prepares the next batch meanwhile;
 * `drain` waits for the last. `waitMs`: time the caller spent waiting for a previous write.
 */
function writeBehind() {
  let writing: Promise<void> = Promise.resolve();
  const writes = {
    waitMs: 0,
    async start(write: () => Promise<void>): Promise<void> {
      const waiting = performance.now();
      await writing;
      writes.waitMs += performance.now() - waiting;
      writing = write();
      // Observed now, thrown at the next start or drain: a failed write must not be an unhandled rejection meanwhile.
      writing.catch(() => undefined);
    },
    drain: (): Promise<void> => writing,
  };
  return writes;
}

/** Stage timings in whole milliseconds, for the log. */
const rounded = (timing: Record<string, number>) => Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)]));
