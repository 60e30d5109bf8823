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
 * Pages are yielded as they arrive, and the next page is already asked for while the caller
 * stores this one (the cursor is sequential, so one request ahead is all a feed allows): reading
 * and storing overlap, and at most two pages are held. Errors are coded in the message
 * (UPSTREAM_UNAVAILABLE, UPSTREAM_ERROR) for the backfill report.
 */
export async function* readFeed(source: IdentitySource, opts: FeedReadOptions): AsyncGenerator<SourceRecord[]> {
  let after: string | null = null;
  let ahead = fetchPage(source, opts, null);
  try {
    for (let pages = 0; pages < 1_000_000; pages++) {
      const page = await ahead;
      const more = page.next !== null && page.next !== after;
      if (more) {
        after = page.next;
        ahead = fetchPage(source, opts, after);
      }
      if (page.records.length > 0) yield page.records;
      if (!more) return;
    }
  } finally {
    // A caller that stops early (an error while storing) leaves no unobserved rejection behind.
    ahead.catch(() => undefined);
  }
}

async function fetchPage(source: IdentitySource, opts: FeedReadOptions, after: string | null): Promise<SourceRecordPage> {
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
  return JSON.parse(text) as SourceRecordPage;
}
