import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { JUNK_PHONES as DEFAULT_JUNK_PHONES } from '../../../../systems/generate/phones.ts';
import { JUNK_EMAILS as DEFAULT_JUNK_EMAILS } from '../../../../systems/generate/records.ts';
import type { NegativeClass } from '../../../../systems/generate/noise/classes.ts';
import type { NoiseTag } from '../../../../systems/generate/noise/layer.ts';

/**
 * What the evaluation knows of a generated data set, read from its files and its ground truth
 * only: who each record is, which noise each record carries, which values different people
 * share, and whether a record carries usable evidence at all. Nothing here asks the matcher:
 * a value counts as evidence when the record holds it and the generator did not put it there
 * as a shared non-personal value (a role address, the store's own contact, a placeholder).
 */

export interface TruthRow {
  personId: string;
  system: string;
  externalId: string;
}

export interface DatasetFacts {
  truth: TruthRow[];
  /** Record key → the noise classes the generator applied to it (its own, not values it only shares). */
  classesOf: Map<string, Set<string>>;
  /** Records per noise class. */
  recordsOf: Map<string, Set<string>>;
  /** Hard-negative class → shared value → records carrying it. */
  negatives: Map<NegativeClass, Map<string, { key: string; personId: string }[]>>;
  /** Records that carry a usable email or phone, take part in an explicit reference, or typed an identifier in a chat. */
  withEvidence: Set<string>;
}

const keyOf = (system: string, id: string | number) => `${system}:${String(id)}`;

async function* lines<T>(file: string): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim() !== '') yield JSON.parse(line) as T;
}

const NON_PERSONAL: ReadonlySet<NegativeClass> = new Set(['company-email', 'store', 'junk']);

/** Emails compare trimmed and lower-cased; phones by their last eight digits (any format, any prefix). */
export function valueKey(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  if (v.includes('@')) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? `e:${v}` : null;
  const digits = v.replace(/\D/g, '');
  return digits.length >= 8 ? `p:${digits.slice(-8)}` : null;
}

const DEFAULT_JUNK = new Set([...DEFAULT_JUNK_EMAILS, ...DEFAULT_JUNK_PHONES].map(valueKey).filter((k): k is string => k !== null));

type Rec = Record<string, any>;

/** The contact values a raw record holds, per the vendor formats of systems/DATA-FORMAT.md. */
function rawValues(system: string, r: Rec): string[] {
  const out: unknown[] = [];
  switch (system) {
    case 'crm':
      out.push(r.properties?.email, r.properties?.phone, r.properties?.mobilephone);
      break;
    case 'shop':
      out.push(r.email, r.phone, ...((r.addresses as Rec[] | undefined) ?? []).map((a) => a.phone), r.default_address?.phone);
      break;
    case 'pos':
      out.push(r.email_address, r.phone_number);
      break;
  }
  return out.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

export async function readDatasetFacts(dir: string): Promise<DatasetFacts> {
  const truth: TruthRow[] = [];
  for await (const row of lines<TruthRow>(join(dir, 'ground-truth.ndjson'))) truth.push(row);

  const classesOf = new Map<string, Set<string>>();
  const recordsOf = new Map<string, Set<string>>();
  const negatives = new Map<NegativeClass, Map<string, { key: string; personId: string }[]>>();
  /** Record → value keys that are not the person's own (shared non-personal values). */
  const notPersonal = new Map<string, Set<string>>();
  const typed = new Set<string>();
  for await (const t of lines<NoiseTag>(join(dir, 'noise.ndjson'))) {
    const key = keyOf(t.system, t.externalId);
    if (!t.shared) {
      if (!classesOf.has(key)) classesOf.set(key, new Set());
      classesOf.get(key)!.add(t.class);
      if (!recordsOf.has(t.class)) recordsOf.set(t.class, new Set());
      recordsOf.get(t.class)!.add(key);
    }
    if (t.class === 'social-typed-phone' || t.class === 'social-typed-email') typed.add(key);
    if (t.negative && t.value !== undefined) {
      if (!negatives.has(t.negative)) negatives.set(t.negative, new Map());
      const byValue = negatives.get(t.negative)!;
      if (!byValue.has(t.value)) byValue.set(t.value, []);
      byValue.get(t.value)!.push({ key, personId: t.personId });
      const vk = valueKey(t.value);
      if (NON_PERSONAL.has(t.negative) && vk) {
        if (!notPersonal.has(key)) notPersonal.set(key, new Set());
        notPersonal.get(key)!.add(vk);
      }
    }
  }

  const withEvidence = new Set<string>(typed);
  const known = new Set(truth.map((r) => keyOf(r.system, r.externalId)));
  const files: [system: string, file: string][] = [
    ['crm', 'crm/contacts'],
    ['shop', 'shop/customers'],
    ['pos', 'pos/customers'],
  ];
  for (const [system, file] of files) {
    for await (const r of lines<Rec>(join(dir, `${file}.ndjson`))) {
      const key = keyOf(system, r.id);
      const skip = notPersonal.get(key);
      const usable = rawValues(system, r).some((v) => {
        const k = valueKey(v);
        return k !== null && !DEFAULT_JUNK.has(k) && !skip?.has(k);
      });
      if (usable) withEvidence.add(key);
      // Explicit references, as integrations leave them: Square's reference_id "crm:<contact id>".
      const ref = typeof r.reference_id === 'string' ? /^crm:(\S+)$/.exec(r.reference_id) : null;
      if (system === 'pos' && ref && known.has(keyOf('crm', ref[1]!))) {
        withEvidence.add(key);
        withEvidence.add(keyOf('crm', ref[1]!));
      }
    }
  }
  // A Messenger referral from a signed-in web session: "shop-customer-<id>".
  for await (const r of lines<Rec>(join(dir, 'social/referrals.ndjson'))) {
    const m = /^shop-customer-(\d+)$/.exec(String(r.referral?.ref ?? ''));
    const profile = keyOf('social', r.sender?.id);
    if (m && known.has(keyOf('shop', m[1]!)) && known.has(profile)) {
      withEvidence.add(profile);
      withEvidence.add(keyOf('shop', m[1]!));
    }
  }
  return { truth, classesOf, recordsOf, negatives, withEvidence };
}
