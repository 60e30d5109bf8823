import { badInput } from '../../../lib/errors.ts';
import type { ConsentData, CustomerModel, EventData } from './mappers.ts';

/** A key of the representation holding one system's contribution: `<system>Timeline`. */
const TIMELINE_KEY = /^([a-z][A-Za-z0-9]*)Timeline$/;
export const MAX_PAGE = 100;

export interface Merged {
  /** Every contributed event, deduplicated by id, newest first (ties: id descending). */
  events: EventData[];
  /** Systems whose contribution is null in the representation (the subgraph failed). */
  unavailable: string[];
}

/** Newest first; equal times ordered by id descending, so the order (and every cursor) is stable. */
export function compareEvents(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): number {
  return Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Merges whatever `*Timeline` fields the representation carries: a new system needs no code here. */
export function mergeTimelines(customer: CustomerModel): Merged {
  const byId = new Map<string, EventData>();
  const unavailable: string[] = [];
  for (const [key, value] of Object.entries(customer)) {
    const match = TIMELINE_KEY.exec(key);
    if (!match?.[1]) continue;
    if (value === null) {
      unavailable.push(match[1]);
      continue;
    }
    if (!Array.isArray(value)) continue;
    for (const event of value as EventData[]) if (!Number.isNaN(Date.parse(event.occurredAt))) byId.set(event.id, event);
  }
  return { events: [...byId.values()].sort(compareEvents), unavailable: unavailable.sort() };
}

export function encodeCursor(event: { occurredAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([new Date(event.occurredAt).toISOString(), event.id])).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && !Number.isNaN(Date.parse(parsed[0]))) {
      return { occurredAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor this field returned', 'after');
}

export function parseTime(value: string | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw badInput(`${field} is not an ISO-8601 date and time`, field);
  return time;
}

/** One page after `after` (exclusive), `first` long, of items already in timeline order. */
export function paginate<T>(items: T[], eventOf: (item: T) => { occurredAt: string; id: string }, first: number | null | undefined, after: string | null | undefined) {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`, 'first');
  let start = 0;
  // An empty string is not a cursor this field gave out: refused like any other, not read as "from the start".
  if (after !== null && after !== undefined) {
    const cursor = decodeCursor(after);
    // The first item strictly after the cursor in timeline order (the cursor's own item may be gone).
    const index = items.findIndex((item) => compareEvents(cursor, eventOf(item)) < 0);
    start = index === -1 ? items.length : index;
  }
  const page = items.slice(start, start + size);
  const edges = page.map((node) => ({ cursor: encodeCursor(eventOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: start + size < items.length, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export const INTERACTION_KINDS = new Set(['MESSAGE', 'CALL', 'NOTE', 'EMAIL', 'TICKET']);
export const ORDER_KINDS = new Set(['WEB_ORDER', 'STORE_SALE']);

/** Which channels each consent channel of the identity hub governs. */
export const CONSENT_CHANNELS: Record<ConsentData['channel'], string[]> = {
  EMAIL: ['EMAIL'],
  SMS: ['PHONE'],
  SOCIAL: ['MESSENGER', 'INSTAGRAM', 'LINE', 'ZALO'],
};
const CONTACT_ORDER = ['EMAIL', 'PHONE', 'MESSENGER', 'INSTAGRAM', 'LINE', 'ZALO'];
const SOCIAL = new Set(CONSENT_CHANNELS.SOCIAL);

export interface ChannelUsageData {
  channel: string;
  events: number;
  firstTouchAt: string;
  lastTouchAt: string;
  systems: string[];
}

export function channelUsage(events: EventData[]): ChannelUsageData[] {
  const usage = new Map<string, { events: number; first: number; last: number; systems: Set<string> }>();
  for (const e of events) {
    const at = Date.parse(e.occurredAt);
    const u = usage.get(e.channel) ?? { events: 0, first: at, last: at, systems: new Set<string>() };
    u.events += 1;
    u.first = Math.min(u.first, at);
    u.last = Math.max(u.last, at);
    u.systems.add(e.system);
    usage.set(e.channel, u);
  }
  return [...usage]
    .map(([channel, u]) => ({ channel, events: u.events, firstTouchAt: new Date(u.first).toISOString(), lastTouchAt: new Date(u.last).toISOString(), systems: [...u.systems].sort() }))
    .sort((a, b) => Date.parse(b.lastTouchAt) - Date.parse(a.lastTouchAt) || a.channel.localeCompare(b.channel));
}

/**
 * The preferred contact channel (the rule is in the schema's description of
 * `ChannelInsight.preferredChannel`): contact channels whose consent is not DENIED; GRANTED
 * before UNKNOWN; used before never used; most recently used first; then EMAIL, PHONE, social.
 * A social platform qualifies only when the person used it (SOCIAL consent names no platform);
 * EMAIL and PHONE qualify unused only with GRANTED consent.
 */
export function preferredChannel(usage: ChannelUsageData[], consent: ConsentData[]): { channel: string | null; reason: string } {
  const stateOf = (channel: string): ConsentData['state'] => {
    const consentChannel = (Object.keys(CONSENT_CHANNELS) as ConsentData['channel'][]).find((c) => CONSENT_CHANNELS[c].includes(channel));
    return consent.find((c) => c.channel === consentChannel)?.state ?? 'UNKNOWN';
  };
  const lastUse = new Map(usage.map((u) => [u.channel, Date.parse(u.lastTouchAt)]));
  const candidates = CONTACT_ORDER.map((channel, order) => ({ channel, order, state: stateOf(channel), last: lastUse.get(channel) ?? null }))
    .filter((c) => c.state !== 'DENIED')
    .filter((c) => (SOCIAL.has(c.channel) ? c.last !== null : c.last !== null || c.state === 'GRANTED'))
    .sort(
      (a, b) =>
        Number(b.state === 'GRANTED') - Number(a.state === 'GRANTED') ||
        Number(b.last !== null) - Number(a.last !== null) ||
        (b.last ?? 0) - (a.last ?? 0) ||
        a.order - b.order,
    );
  const best = candidates[0];
  if (!best) return { channel: null, reason: 'No contact channel with consent granted or recent use and consent not denied.' };
  const consentWords = best.state === 'GRANTED' ? 'consent granted' : 'consent unknown';
  const useWords = best.last !== null ? `last used ${new Date(best.last).toISOString()}` : 'not used yet';
  return { channel: best.channel, reason: `${best.channel}: ${consentWords}, ${useWords}.` };
}
