import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import { blockingKeys, countKeyStats } from '../matching/blocking.ts';
import { recordKey } from '../matching/match.ts';
import { compareNamesDetailed } from '../matching/names.ts';
import { normalizeRecord, type NormalizedRecord } from '../matching/record.ts';
import { ownValuesOf } from '../matching/values.ts';
import type { DatasetFacts } from './dataset.ts';

/**
 * `--explain-missed N`: which true pairs with usable evidence the hub left apart, and why they
 * may have been missed, read from the records the feeds served (never from the matcher's own
 * decisions): what the two records share (email, phone, with the data-set-wide count of records
 * and names carrying it) and how their names compare. One line per cause bucket with its count,
 * the noise classes on the missed pairs, and up to N examples per bucket. Pairs are counted
 * between the customers of one person (a person on three customers: three pairs), each through
 * the pair of its records that shares the most.
 */
export function explainMissed(records: readonly SourceRecord[], facts: DatasetFacts, customerOf: ReadonlyMap<string, string>, examples: number, markets: readonly string[] = ['TH', 'VN', 'PL']): string {
  const norms = records.map((r) => normalizeRecord(r, markets[0] ?? 'TH', markets));
  const own = ownValuesOf(norms.filter((n) => n.retailer));
  const stats = countKeyStats(norms, own);
  const byKey = new Map<string, { norm: NormalizedRecord; raw: SourceRecord; keys: Set<string> }>();
  records.forEach((raw, i) => {
    const norm = norms[i]!;
    byKey.set(recordKey(raw.system, raw.externalId), { norm, raw, keys: new Set(blockingKeys(norm, own).filter((k) => !k.startsWith('r:'))) });
  });
  const customer = (key: string) => customerOf.get(key) ?? `unlinked:${key}`;
  const people = new Map<string, string[]>();
  for (const t of facts.truth) {
    const key = recordKey(t.system, t.externalId);
    if (facts.withEvidence.has(key) && byKey.has(key)) people.set(t.personId, [...(people.get(t.personId) ?? []), key]);
  }
  const buckets = new Map<string, number>();
  const classes = new Map<string, number>();
  const shown = new Map<string, string[]>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [personId, keys] of people) {
    const byCustomer = new Map<string, string[]>();
    for (const k of keys) byCustomer.set(customer(k), [...(byCustomer.get(customer(k)) ?? []), k]);
    const parts = [...byCustomer.values()];
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        let best: { a: string; b: string; shared: string[] } | null = null;
        for (const a of parts[i]!) for (const b of parts[j]!) {
          const ka = byKey.get(a)!.keys;
          const shared = [...byKey.get(b)!.keys].filter((k) => ka.has(k)).sort();
          if (!best || shared.length > best.shared.length) best = { a, b, shared };
        }
        const { a, b, shared } = best!;
        const [x, y] = [byKey.get(a)!, byKey.get(b)!];
        const names = compareNamesDetailed(x.norm.name, y.norm.name);
        const kinds = [...new Set(shared.map((k) => (k.startsWith('e:') ? 'email' : 'phone')))].join('+');
        const bucket = `${shared.length === 0 ? 'no shared value' : `shared ${kinds}`}, names ${names.level ?? 'not comparable'}${names.weak ? ' (weak)' : ''}`;
        inc(buckets, bucket);
        const cls = [...new Set([...(facts.classesOf.get(a) ?? []), ...(facts.classesOf.get(b) ?? [])])].sort();
        for (const c of cls) inc(classes, c);
        const list = shown.get(bucket) ?? [];
        if (list.length < examples) {
          const side = (k: string, r: SourceRecord, n: NormalizedRecord) =>
            `    ${k} [${[r.givenName, r.familyName].map((v) => v ?? '-').join(' | ')}${r.displayName && !r.givenName && !r.familyName ? ` | display "${r.displayName}"` : ''}] emails ${n.emails.join(',') || '-'} phones ${n.phones.join(',') || '-'}${n.otherReadings?.length ? ` readings ${n.otherReadings.join(',')}` : ''}${n.typed?.length ? ` typed ${n.typed.map((t) => t.value).join(',')}` : ''}`;
          const sharedText = shared.map((k) => `${k.slice(2)} (${stats.get(k)?.records ?? 0} records, ${stats.get(k)?.names ?? 0} names)`).join(', ') || 'nothing';
          list.push(`  ${personId} [${cls.join(', ') || 'no noise'}] shares ${sharedText}\n${side(a, x.raw, x.norm)}\n${side(b, y.raw, y.norm)}`);
          shown.set(bucket, list);
        }
      }
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
  const out = ['Missed pairs with usable evidence (between customers of one person), by what the two records share:'];
  for (const [b, n] of sorted(buckets)) out.push(`  ${String(n).padStart(5)}  ${b}`);
  out.push('Noise classes on those pairs:');
  for (const [c, n] of sorted(classes)) out.push(`  ${String(n).padStart(5)}  ${c}`);
  for (const [b] of sorted(buckets)) {
    const list = shown.get(b);
    if (list?.length) out.push(`\n${b}:`, ...list);
  }
  return out.join('\n');
}
