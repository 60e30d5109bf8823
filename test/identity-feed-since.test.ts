import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord, SourceRecordPage } from '../lib/identity-feed.ts';
import { loadRegistry } from '../lib/registry.ts';
import { signedAs, startComponent } from './helpers/component.ts';

/**
 * Every channel subgraph's identity feed answers `since` (the hub's incremental sync) through its
 * vendor's own updated-at filter: exactly the records a full read gives with updatedAt >= since,
 * in as many pages as it takes. Systems come from the registry.
 */
const systems = loadRegistry().filter((entry) => entry.system !== null);
const channels = systems.map((entry) => entry.name);
/** Feeds whose `since` follows the vendor's updated-at filter; webhook-fed ones (registry `changes`) answer from the events they received. */
const updatedAtFeeds = new Set(systems.filter((entry) => entry.system?.changes !== 'webhooks').map((entry) => entry.name));

async function readAll(base: string, params: Record<string, string>, system: string): Promise<{ records: SourceRecord[]; pages: number }> {
  const records: SourceRecord[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const url = new URL('/_identity/records', base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (after) url.searchParams.set('after', after);
    // The feed is an internal call: signed as the hub reads it.
    const res = await fetch(url, { headers: signedAs(system, { actor: 'service:identity' }) });
    expect(res.status).toBe(200);
    const page = (await res.json()) as SourceRecordPage;
    records.push(...page.records);
    after = page.next;
    pages++;
  } while (after && pages < 100);
  return { records, pages };
}

describe.each(channels)('%s identity feed with since', (name) => {
  let component: Awaited<ReturnType<typeof startComponent>>;
  beforeAll(async () => {
    component = await startComponent(name);
  });
  afterAll(async () => component?.close());

  it.runIf(updatedAtFeeds.has(name))('gives exactly the records updated at or after since, paging through them', async () => {
    const all = (await readAll(component.url, { limit: '100' }, name)).records;
    expect(all.length).toBeGreaterThan(2);
    const times = [...new Set(all.map((r) => Date.parse(r.updatedAt)))].sort((a, b) => a - b);
    // A cut in the middle of the data: some records before it, some at or after it.
    const since = new Date(times[Math.floor(times.length / 2)]!);
    const expected = all.filter((r) => Date.parse(r.updatedAt) >= since.getTime()).map((r) => r.externalId).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);

    const { records } = await readAll(component.url, { limit: '2', since: since.toISOString() }, name);
    expect(records.map((r) => r.externalId).sort()).toEqual(expected);
  });

  it('gives nothing for a since after every record', async () => {
    const { records } = await readAll(component.url, { limit: '50', since: new Date(Date.now() + 3_600_000).toISOString() }, name);
    expect(records).toEqual([]);
  });

  it('refuses a since that is not a date, with a coded error', async () => {
    const url = new URL('/_identity/records', component.url);
    url.searchParams.set('since', 'yesterday-ish');
    const res = await fetch(url, { headers: signedAs(name, { actor: 'service:identity' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^BAD_USER_INPUT/);
  });
});
