import { isJunkEmail, isJunkPhone } from './blocklist.ts';
import type { KeyStats } from './blocking.ts';
import { isPublicProvider, isRoleEmail } from './email.ts';

/**
 * Which values may be evidence at all, shared by matchRecords and blockingKeys so that the
 * pipeline's components and matching agree on every value.
 */

/** The retailer's own contact values: from its own records (store locations, the shop) and configuration. */
export interface OwnValues {
  emails: ReadonlySet<string>;
  phones: ReadonlySet<string>;
  /** Email domains of the retailer (`omnistore.example`): every address there is staff or a store. */
  domains: ReadonlySet<string>;
}

export const NO_OWN_VALUES: OwnValues = { emails: new Set(), phones: new Set(), domains: new Set() };

/**
 * Own values from the retailer's own records' normalised emails and phones, plus configured
 * domains. A public provider's domain (a store using a gmail address) is not made own: only the
 * address is.
 */
export function ownValuesOf(records: Iterable<{ emails: readonly string[]; phones: readonly string[] }>, configuredDomains: readonly string[] = []): OwnValues {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const domains = new Set(configuredDomains.map((d) => d.trim().toLowerCase()).filter(Boolean));
  for (const r of records) {
    for (const e of r.emails) {
      emails.add(e);
      const domain = e.slice(e.lastIndexOf('@') + 1);
      if (!isPublicProvider(domain)) domains.add(domain);
    }
    for (const p of r.phones) phones.add(p);
  }
  return { emails, phones, domains };
}

export function mergeOwnValues(a: OwnValues, b: OwnValues): OwnValues {
  return { emails: new Set([...a.emails, ...b.emails]), phones: new Set([...a.phones, ...b.phones]), domains: new Set([...a.domains, ...b.domains]) };
}

/** Why an email is never evidence, or null when it may be. */
export function emailUnusable(email: string, own: OwnValues): 'JUNK' | 'ROLE' | 'OWN' | null {
  if (isJunkEmail(email)) return 'JUNK';
  if (own.emails.has(email) || own.domains.has(email.slice(email.lastIndexOf('@') + 1))) return 'OWN';
  if (isRoleEmail(email)) return 'ROLE';
  return null;
}

export function phoneUnusable(phone: string, own: OwnValues): 'JUNK' | 'OWN' | null {
  if (isJunkPhone(phone)) return 'JUNK';
  if (own.phones.has(phone)) return 'OWN';
  return null;
}

export interface ValueLimits {
  /** More records than this carry the value: it is nobody's own (a placeholder, a shop's number). */
  maxRecordsPerValue: number;
  /** More distinct names than this carry it: a team's or a store's value, not a person's. */
  maxNamesPerValue: number;
}

/**
 * Over-shared: evidence of nothing, not even a suggestion, and not a blocking key (it would
 * make a giant component). Counted over the whole data set (KeyStats). Below the cut-offs a value
 * whose carriers' names disagree is *shared*, which matchRecords handles pair by pair.
 */
export function isOverShared(stats: KeyStats, limits: ValueLimits): boolean {
  return stats.records > limits.maxRecordsPerValue || stats.names > limits.maxNamesPerValue;
}
