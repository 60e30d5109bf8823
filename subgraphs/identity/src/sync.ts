import { randomBytes } from 'node:crypto';
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { IdentitySource } from './config.ts';
import type { Db } from './db/index.ts';
import { componentsOf } from './pipeline/components.ts';
import { readFeed } from './pipeline/feed.ts';
import { ingestRecords } from './pipeline/ingest.ts';
import type { MatchOptions } from './matching/match.ts';
import { linkComponents, linkRunOptions, type LinkCounts, type LinkOptions } from './pipeline/link.ts';
import { advanceWatermark, claimSource, releaseSource } from './pipeline/watermarks.ts';

export interface SyncOptions {
  db: Db;
  sources: readonly IdentitySource[];
  logger: Logger;
  pageSize: number;
  timeoutMs: number;
  defaultRegion: string;
  phoneMarkets: readonly string[];
  maxRecordsPerValue: number;
  maxKeyRecords: number;
  /** The rest of matchRecords' options from the configuration (config.ts matchOptions). */
  matchOptions?: Partial<MatchOptions>;
  /** Pause between two ticks. */
  intervalMs: number;
  /** Each read asks for records updated since the watermark minus this (clock skew, search indexing delay). */
  overlapMs: number;
  /** How long a claim on a source lasts if its holder dies mid-read. */
  leaseMs: number;
  /** Records linked per transaction (with their whole components). */
  linkBatch?: number;
}

export interface SyncTick {
  /** Records read per source this tick (absent: claimed by another process, or failed). */
  read: Record<string, number>;
  errors: Record<string, string>;
  changed: number;
  linked: LinkCounts;
}

/**
 * Real-time identity: every `intervalMs`, reads each source's feed incrementally (records updated
 * since its watermark), stores what changed, and links the changed records against the records
 * already stored that share blocking keys with them: their whole components, found in the
 * database (pipeline/components.ts `componentsOf`), never a full rematch. Linking is the
 * backfill's own linker (pipeline/link.ts), so both apply the same rules and reach the same
 * clusters. `nudge()` runs a tick now (a webhook, our own write).
 *
 * Several hub processes on one database: a source is read by whoever claims it (a lease row in
 * sync_state); changed records are marked pending in the database, so any process links them,
 * and linking writes under one advisory lock.
 */
export class IdentitySync {
  private readonly owner = `hub-${process.pid}-${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SyncTick> | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: SyncOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs a tick as soon as the current one (if any) ends. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.tick()
        .catch((err: unknown) => this.opts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'identity sync tick failed'))
        .finally(() => {
          if (this.stopped) return;
          this.schedule(this.again ? 0 : this.opts.intervalMs);
          this.again = false;
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: every source read since its watermark, then every pending record linked. */
  tick(): Promise<SyncTick> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<SyncTick> {
    const tick: SyncTick = { read: {}, errors: {}, changed: 0, linked: { customersCreated: 0, linksCreated: 0, suggestionsCreated: 0 } };
    await Promise.all(
      this.opts.sources.map(async (source) => {
        const claim = await claimSource(this.opts.db, source.name, this.owner, this.opts.leaseMs);
        if (!claim) return;
        const readStarted = new Date();
        const since = claim.watermark ? new Date(claim.watermark.getTime() - this.opts.overlapMs) : null;
        let records = 0;
        let maxUpdatedAt: string | null = null;
        try {
          for await (const page of readFeed(source, { limit: this.opts.pageSize, timeoutMs: this.opts.timeoutMs, since })) {
            records += page.length;
            const result = await this.store(page);
            tick.changed += result.changed.length;
            if (result.maxUpdatedAt && (!maxUpdatedAt || Date.parse(result.maxUpdatedAt) > Date.parse(maxUpdatedAt))) maxUpdatedAt = result.maxUpdatedAt;
          }
          await advanceWatermark(this.opts.db, source.name, readStarted, maxUpdatedAt, this.owner);
          tick.read[source.name] = records;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          tick.errors[source.name] = message;
          await releaseSource(this.opts.db, source.name, this.owner, message).catch(() => undefined);
        }
      }),
    );
    tick.linked = await this.linkPending();
    if (Object.keys(tick.errors).length > 0) this.opts.logger.warn({ errors: tick.errors }, 'identity sync: feeds failed; their watermarks stay, the next tick reads again');
    if (tick.changed > 0 || tick.linked.linksCreated > 0) this.opts.logger.info(tick, 'identity sync');
    return tick;
  }

  private store(records: SourceRecord[]) {
    return this.opts.db.transaction((tx) =>
      ingestRecords(tx, records, { defaultRegion: this.opts.defaultRegion, phoneMarkets: this.opts.phoneMarkets, markPending: true }),
    );
  }

  /** Links pending records (any process's) with their whole components, a batch at a time, until none is left. */
  async linkPending(): Promise<LinkCounts> {
    const totals: LinkCounts = { customersCreated: 0, linksCreated: 0, suggestionsCreated: 0 };
    const batch = this.opts.linkBatch ?? 1000;
    // The retailer's values are read once per tick, and only on a tick with something to link.
    let linkOpts: LinkOptions | undefined;
    let after = '0';
    for (let round = 0; round < 10_000; round++) {
      const pending = await this.opts.db.query<{ rid: string; pending: string }>(
        'SELECT rid, pending::text AS pending FROM source_records WHERE pending IS NOT NULL AND pending > $1::bigint ORDER BY pending LIMIT $2',
        [after, batch],
      );
      if (pending.length === 0) break;
      linkOpts ??= await linkRunOptions(this.opts.db, this.opts);
      after = pending[pending.length - 1]!.pending;
      const component = await componentsOf(this.opts.db, pending.map((p) => Number(p.rid)), this.opts.maxKeyRecords);
      const counts = await linkComponents(this.opts.db, component, linkOpts, true);
      totals.customersCreated += counts.customersCreated;
      totals.linksCreated += counts.linksCreated;
      totals.suggestionsCreated += counts.suggestionsCreated;
    }
    return totals;
  }
}
