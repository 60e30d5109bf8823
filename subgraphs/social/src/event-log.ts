import { LRUCache } from 'lru-cache';
import type { GraphReferralEvent } from './mappers.ts';

/** Referrals kept per person (newest kept), people kept in all (least recently referred dropped), event keys remembered. */
const REFERRALS_PER_PERSON = 100;
const MAX_PEOPLE = 200_000;
const MAX_EVENT_KEYS = 500_000;

/**
 * What this subgraph knows of referrals (m.me links with `ref=`, ads, ...): Graph has no API to
 * read them, so they are the ones Meta's webhooks delivered (`messaging_referrals`, or `referral`
 * on a postback or message). One log per process, in memory and bounded; the stand-in sends the
 * data set's history whenever the app subscribes (README). A production deployment would keep it
 * in a database; that is not built yet.
 */
export class SocialEventLog {
  /** Least recently referred dropped first. */
  private readonly byPerson = new LRUCache<string, GraphReferralEvent[]>({ max: MAX_PEOPLE });
  private readonly seen = new LRUCache<string, true>({ max: MAX_EVENT_KEYS });

  /**
   * Records one referral event; false when it was recorded already. Meta events carry no id and a
   * retried delivery repeats the same bytes, so an event is the same when its page, person, time
   * and referral are.
   */
  recordReferral(event: GraphReferralEvent): boolean {
    const { referral } = event;
    const key = JSON.stringify([event.recipient.id, event.sender.id, event.timestamp, referral.ref ?? '', referral.ad_id ?? '', referral.source, referral.type ?? '']);
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    const list = this.byPerson.peek(event.sender.id) ?? [];
    list.push(event);
    list.sort((a, b) => b.timestamp - a.timestamp);
    if (list.length > REFERRALS_PER_PERSON) list.length = REFERRALS_PER_PERSON;
    this.byPerson.set(event.sender.id, list);
    return true;
  }

  /** A person's (page-scoped id's) referrals, newest first. */
  referralsOf(personId: string, limit = REFERRALS_PER_PERSON): GraphReferralEvent[] {
    return (this.byPerson.peek(personId) ?? []).slice(0, limit);
  }
}
