import { describe, expect, it } from 'vitest';
import type { EventData } from './mappers.ts';
import { channelUsage, mergeTimelines, paginate, preferredChannel } from './timeline.ts';

const ev = (system: string, id: string, occurredAt: string, channel = 'WEB'): EventData => ({
  id: `${system}:x:${id}`,
  system,
  channel,
  kind: 'NOTE',
  occurredAt,
  summary: id,
  subject: { typename: 'X', id },
});

describe('mergeTimelines', () => {
  it('merges every *Timeline key newest first, deduplicates ids and names null contributions as unavailable', () => {
    const merged = mergeTimelines({
      id: 'cus_1',
      aTimeline: [ev('a', '1', '2025-01-01T00:00:00Z'), ev('a', '2', '2025-03-01T00:00:00Z')],
      bTimeline: [ev('b', '1', '2025-02-01T00:00:00+07:00'), ev('b', '1', '2025-02-01T00:00:00+07:00')],
      cTimeline: null,
      links: [],
    });
    expect(merged.events.map((e) => e.id)).toEqual(['a:x:2', 'b:x:1', 'a:x:1']);
    expect(merged.unavailable).toEqual(['c']);
  });
});

describe('paginate', () => {
  const items = [ev('a', '3', '2025-01-01T00:00:00Z'), ev('a', '2', '2025-01-01T00:00:00Z'), ev('a', '1', '2024-01-01T00:00:00Z')];
  it('continues strictly after the cursor, ties broken by id', () => {
    const first = paginate(items, (e) => e, 1, null);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = paginate(items, (e) => e, 5, first.pageInfo.endCursor);
    expect(second.nodes.map((e) => e.id)).toEqual(['a:x:2', 'a:x:1']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
  it('rejects a page over 100 and a foreign cursor', () => {
    expect(() => paginate(items, (e) => e, 101, null)).toThrow(/first/);
    expect(() => paginate(items, (e) => e, 1, 'nope')).toThrow(/cursor/);
  });
});

describe('preferredChannel', () => {
  const usage = channelUsage([ev('social', '1', '2025-05-01T00:00:00Z', 'LINE'), ev('crm', '2', '2025-01-01T00:00:00Z', 'EMAIL')]);
  it('prefers granted consent, then recent use', () => {
    expect(preferredChannel(usage, [{ channel: 'EMAIL', state: 'GRANTED' }, { channel: 'SOCIAL', state: 'UNKNOWN' }]).channel).toBe('EMAIL');
    expect(preferredChannel(usage, [{ channel: 'EMAIL', state: 'GRANTED' }, { channel: 'SOCIAL', state: 'GRANTED' }]).channel).toBe('LINE');
  });
  it('never picks a channel whose consent is denied', () => {
    expect(preferredChannel(usage, [{ channel: 'EMAIL', state: 'DENIED' }, { channel: 'SOCIAL', state: 'DENIED' }]).channel).toBeNull();
  });
});
