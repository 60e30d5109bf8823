import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { internalHeaders, processInternalKey } from '../../../../lib/authorization/index.ts';
import { IDENTITY_FEED_PATH, type SourceRecord, type SourceRecordPage } from '../../../../lib/identity-feed.ts';
import type { IdentitySource } from '../config.ts';

export interface FeedReadOptions {
  limit: number;
  timeoutMs: number;
  /** Only records updated at or after this instant (the feed's `since`); absent: every record. */
  since?: Date | null;
}

/**
 * One source's identity feed, page by page (`GET <source>/_identity/records?since=&after=&limit=`).
 * Pages are yielded as they arrive, so a caller stores each before the next is asked for and
 * never holds more than one page. Errors are coded in the message (UPSTREAM_UNAVAILABLE,
 * UPSTREAM_ERROR) for the backfill report.
 */
export async function* readFeed(source: IdentitySource, opts: FeedReadOptions): AsyncGenerator<SourceRecord[]> {
  let after: string | null = null;
  for (let pages = 0; pages < 1_000_000; pages++) {
    const url = new URL(`${source.baseUrl}${IDENTITY_FEED_PATH}`);
    url.searchParams.set('limit', String(opts.limit));
    if (opts.since) url.searchParams.set('since', opts.since.toISOString());
    if (after) url.searchParams.set('after', after);
    let res;
    try {
      // The feed is an internal call: signed per page (tokens live 60 s), as the hub itself, with no roles.
      const signed = internalHeaders(processInternalKey(), source.name, { actor: 'service:identity', roles: [], requestId: randomUUID(), issuer: 'identity' });
      res = await request(url, { method: 'GET', signal: AbortSignal.timeout(opts.timeoutMs), headers: { accept: 'application/json', ...signed } });
    } catch (err) {
      throw new Error(`UPSTREAM_UNAVAILABLE: ${source.name} feed unreachable (${err instanceof Error ? err.message : String(err)})`);
    }
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`UPSTREAM_ERROR: ${source.name} feed answered ${res.statusCode}`);
    const page = JSON.parse(text) as SourceRecordPage;
    if (page.records.length > 0) yield page.records;
    if (!page.next || page.next === after) return;
    after = page.next;
  }
}
