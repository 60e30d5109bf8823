import type { SourceRecord } from '../../../lib/identity-feed.ts';
import type { GroundTruthRow } from './evaluate.ts';
import { isJunkEmail, isJunkPhone } from './matching/blocklist.ts';
import { recordKey } from './matching/match.ts';
import { namesCompatible } from './matching/names.ts';
import { normalizeRecord, type NormalizedRecord } from './matching/record.ts';

/**
 * Why a true pair of records (one person, says the ground truth) sits on two customers. Read
 * from the pair's own values: what they share, and whether their names are compatible. Used by
 * `evaluate-cli.ts --explain` to find what matching misses; never by matching itself.
 */
export type MissCause =
  /** Both share an email or a reference, yet are apart: the guard (or over-shared values) kept them apart. */
  | 'BLOCKED'
  /** Same phone, compatible names, yet apart. */
  | 'PHONE_AND_NAME_NOT_LINKED'
  /** Same phone, one side nameless, but another carrier of that phone has an incompatible name (family phone). */
  | 'PHONE_ONLY_AMBIGUOUS'
  /** Same phone, names not compatible (a nickname, a changed given name). */
  | 'PHONE_NAMES_DIFFER'
  /** The same digits typed on both, read as different numbers (a local number read in the wrong region). */
  | 'PHONE_READ_DIFFERENTLY'
  /** Both carry contact values, none shared (a work email on a duplicate CRM contact). */
  | 'DIFFERENT_CONTACT_VALUES'
  /** One side carries no usable email or phone and no reference links them (a social profile, a junk value). */
  | 'NO_CONTACT_ON_ONE_SIDE';

export interface MissedPair {
  a: string;
  b: string;
  personId: string;
  cause: MissCause;
  /** Each side's normalised emails, phones (with the raw values and region they were read from) and folded name. */
  sides: [SideView, SideView];
  names: boolean | null;
}

export interface SideView {
  key: string;
  emails: readonly string[];
  phones: readonly string[];
  rawPhones: string[];
  region: string | null;
  name: string;
  references: string[];
}

export interface Explanation {
  missedPairs: number;
  bySystems: Record<string, number>;
  byCause: Record<string, number>;
  bySystemsAndCause: Record<string, number>;
  pairs: MissedPair[];
}

const usable = (n: NormalizedRecord) => ({
  emails: n.emails.filter((e) => !isJunkEmail(e)),
  phones: n.phones.filter((p) => !isJunkPhone(p)),
});

/** Local digits of a raw phone: `+66 81-234-5678`, `081 234 5678` → `812345678`. */
const localDigits = (raw: string) => raw.replace(/\D/g, '').replace(/^(00)?(66|84|48)(?=\d{9}$)/, '').replace(/^0/, '');

function causeOf(x: NormalizedRecord, y: NormalizedRecord, rx: SourceRecord, ry: SourceRecord, phoneCarriers: Map<string, NormalizedRecord[]>): MissCause {
  const ux = usable(x);
  const uy = usable(y);
  const refers = (from: NormalizedRecord, to: NormalizedRecord) => from.references.some((r) => r.system === to.system && r.externalId === to.externalId);
  if (refers(x, y) || refers(y, x) || ux.emails.some((e) => uy.emails.includes(e))) return 'BLOCKED';
  const phone = ux.phones.find((p) => uy.phones.includes(p));
  const names = namesCompatible(x.name, y.name);
  if (phone) {
    if (names === true) return 'PHONE_AND_NAME_NOT_LINKED';
    if (names === false) return 'PHONE_NAMES_DIFFER';
    return 'PHONE_ONLY_AMBIGUOUS';
  }
  const dx = new Set(rx.phones.map(localDigits));
  if (ry.phones.map(localDigits).some((d) => d.length >= 6 && dx.has(d))) return 'PHONE_READ_DIFFERENTLY';
  void phoneCarriers;
  const has = (u: { emails: string[]; phones: string[] }) => u.emails.length + u.phones.length > 0;
  return has(ux) && has(uy) ? 'DIFFERENT_CONTACT_VALUES' : 'NO_CONTACT_ON_ONE_SIDE';
}

const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Every true pair the links miss, with its cause. A record without a link counts as apart from everything. */
export function explainMisses(
  groundTruth: readonly GroundTruthRow[],
  records: readonly SourceRecord[],
  customerOf: ReadonlyMap<string, string>,
  defaultRegion: string,
  markets: readonly string[] = [],
): Explanation {
  const raw = new Map(records.map((r) => [recordKey(r.system, r.externalId), r]));
  const norm = new Map([...raw].map(([k, r]) => [k, normalizeRecord(r, defaultRegion, markets)]));
  const phoneCarriers = new Map<string, NormalizedRecord[]>();
  for (const n of norm.values()) for (const p of n.phones) phoneCarriers.set(p, [...(phoneCarriers.get(p) ?? []), n]);
  const byPerson = new Map<string, string[]>();
  for (const row of groundTruth) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), recordKey(row.system, row.externalId)]);

  const out: Explanation = { missedPairs: 0, bySystems: {}, byCause: {}, bySystemsAndCause: {}, pairs: [] };
  for (const [personId, keys] of byPerson) {
    const sorted = [...keys].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        const ca = customerOf.get(a);
        if (ca && ca === customerOf.get(b)) continue;
        const x = norm.get(a);
        const y = norm.get(b);
        const rx = raw.get(a);
        const ry = raw.get(b);
        if (!x || !y || !rx || !ry) continue; // a record the feeds never delivered
        const cause = causeOf(x, y, rx, ry, phoneCarriers);
        const systems = [x.system, y.system].sort().join('-');
        out.missedPairs++;
        inc(out.bySystems, systems);
        inc(out.byCause, cause);
        inc(out.bySystemsAndCause, `${systems} ${cause}`);
        const side = (n: NormalizedRecord, r: SourceRecord): SideView => ({
          key: recordKey(n.system, n.externalId),
          emails: n.emails,
          phones: n.phones,
          rawPhones: r.phones,
          region: r.region,
          name: n.nameFolded,
          references: n.references.map((ref) => recordKey(ref.system, ref.externalId)),
        });
        out.pairs.push({ a, b, personId, cause, sides: [side(x, rx), side(y, ry)], names: namesCompatible(x.name, y.name) });
      }
    }
  }
  return out;
}
