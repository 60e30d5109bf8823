/**
 * The noise classes of the generator, one knob each. A profile is a rate per class; the CLI
 * overrides single rates (`--profile hard --noise company-email=0.05,junk-phone=0`).
 *
 * Every rate is drawn from its own random stream per person (see `NoiseLayer`), so turning one
 * knob never moves which records another class picks. Where two classes want the same field
 * of one record, a fixed precedence decides (shared values first, then variants), and only
 * the class that was applied is recorded in `noise.ndjson`.
 *
 * These classes are modelled on how exports of real CRM, POS, web-shop and messaging systems
 * look (see systems/generate/README.md for what each rate is based on), not on any matcher's
 * rules: the generator never imports the identity hub.
 */

/** Which hard-negative group a shared value belongs to: different people, one value. */
export type NegativeClass = 'company-email' | 'store' | 'junk' | 'family-phone' | 'recycled-phone' | 'common-name';
export const NEGATIVE_CLASSES: readonly NegativeClass[] = ['company-email', 'store', 'junk', 'family-phone', 'recycled-phone', 'common-name'];

export interface NoiseClass {
  id: string;
  /** What one draw is made for: the rate is a probability per unit. */
  unit: 'person' | 'record' | 'crm-contact' | 'pos-customer' | 'social-profile' | 'shop-referral' | 'gmail-record' | 'TH-record' | 'VN-record' | 'PL-record' | 'VN/PL-record';
  /** Rate of the `hard` profile. */
  hard: number;
  /** The shared-value group its values form across different people, if any. */
  negative?: NegativeClass;
  what: string;
}

export const NOISE_CLASSES: readonly NoiseClass[] = [
  { id: 'company-email', unit: 'person', hard: 0.03, negative: 'company-email', what: "a role address of the person's employer (orders@, info@, sales@, biuro@ <company>) on one of their records, shared by colleagues" },
  { id: 'store-email', unit: 'pos-customer', hard: 0.05, negative: 'store', what: "the store's own email typed by a cashier (a walk-in has none), each store's cashiers at their own habit (0.15-2.2 × the rate); the shop's own email on a shop account made by staff" },
  { id: 'store-phone', unit: 'pos-customer', hard: 0.03, negative: 'store', what: "the store's own phone typed by a cashier for a walk-in, in local format, at each store's own habit" },
  { id: 'junk-email', unit: 'record', hard: 0.025, negative: 'junk', what: 'a placeholder email in TH/VN/PL habits (no@email.com, brak@brak.pl, khong@gmail.com, -)' },
  { id: 'junk-phone', unit: 'record', hard: 0.02, negative: 'junk', what: 'a placeholder phone (0812345678, 0999999999, 123456789, -): counting and repeated digits' },
  { id: 'family-phone', unit: 'person', hard: 0.04, negative: 'family-phone', what: "the person gives a household member's phone in one system (POS or CRM)" },
  { id: 'recycled-phone', unit: 'person', hard: 0.02, negative: 'recycled-phone', what: "the person's number was another person's years ago: an old record (2018-2022) of a different name holds it" },
  { id: 'common-name', unit: 'person', hard: 0.03, negative: 'common-name', what: "the person has their market's most frequent full name (Nguyễn Thị Hương, Anna Nowak, Somchai Saetang)" },
  { id: 'social-display-name', unit: 'social-profile', hard: 0.5, what: 'the profile carries a display name only (no first/last name), as Instagram, LINE and Zalo return' },
  { id: 'social-typed-phone', unit: 'social-profile', hard: 0.25, what: 'the person types their phone in a message (`tel. 519 840 677`, `เบอร์ 081-234-5678 ค่ะ`, `sđt 0901 234 567`)' },
  { id: 'social-typed-email', unit: 'social-profile', hard: 0.12, what: 'the person types their email in a message (`my email is ...`, `mail: ...`)' },
  { id: 'social-no-shop-ref', unit: 'shop-referral', hard: 0.6, what: 'a Messenger referral from the web shop without its ref (an m.me link opened outside a signed-in session)' },
  { id: 'crm-no-country', unit: 'crm-contact', hard: 0.3, what: 'a CRM contact without a country (and often no city), its phone in local format' },
  { id: 'email-gmail-dots', unit: 'gmail-record', hard: 0.1, what: 'gmail dots moved, added or dropped in the local part' },
  { id: 'email-googlemail', unit: 'gmail-record', hard: 0.03, what: 'googlemail.com instead of gmail.com' },
  { id: 'email-plus-tag', unit: 'record', hard: 0.03, what: 'a +tag in the local part (somchai+shop@gmail.com)' },
  { id: 'email-typo-domain', unit: 'record', hard: 0.02, what: 'a mistyped domain (gmial.com, yahoo.co, hotmial.com, wp.p)' },
  { id: 'email-old-address', unit: 'person', hard: 0.05, what: 'one record keeps an older personal address next to the newer one elsewhere' },
  { id: 'name-diminutive', unit: 'PL-record', hard: 0.15, what: 'a Polish diminutive (Kasia for Katarzyna, Wojtek for Wojciech)' },
  { id: 'name-diacritics', unit: 'VN/PL-record', hard: 0.3, what: 'diacritics dropped or romanised (Nguyen, Lukasz, Wisniewska)' },
  { id: 'name-vn-order', unit: 'VN-record', hard: 0.15, what: 'Vietnamese family name first, or the whole name in one field' },
  { id: 'name-vn-middle', unit: 'VN-record', hard: 0.25, what: 'the Vietnamese middle name written with the given or the family name' },
  { id: 'name-given-only', unit: 'record', hard: 0.04, what: 'given name only, no family name' },
  { id: 'name-initial', unit: 'record', hard: 0.03, what: 'an initial instead of the given or the family name (A. Nowak, Somchai S.)' },
  { id: 'name-thai-script', unit: 'TH-record', hard: 0.12, what: 'the name in Thai script (สมชาย ศรีสุข) instead of Latin' },
  { id: 'name-thai-nickname', unit: 'TH-record', hard: 0.08, what: 'a Thai nickname (chue len) as given name in the CRM or the POS' },
  { id: 'crm-second-contact', unit: 'person', hard: 0.05, what: 'one more CRM contact for the person (made by another team, from another form)' },
];

/** Bumped whenever the noise layer's output changes: noisy data sets carry it in their manifest's `generator`. */
export const NOISE_VERSION = 'noise/4';

export const CLASS_IDS: ReadonlySet<string> = new Set(NOISE_CLASSES.map((c) => c.id));

export type NoiseRates = Record<string, number>;
export type ProfileName = 'default' | 'hard';
export const PROFILES: readonly ProfileName[] = ['default', 'hard'];

/** Rates of a profile: `default` adds none of these classes (its own noise is built in), `hard` all of them. */
export function profileRates(profile: ProfileName): NoiseRates {
  return Object.fromEntries(NOISE_CLASSES.map((c) => [c.id, profile === 'hard' ? c.hard : 0]));
}

/** `company-email=0.05,junk-phone=0` → overrides; unknown classes and rates outside [0, 1] are errors naming the part. */
export function parseNoiseOverrides(spec: string): NoiseRates {
  const out: NoiseRates = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, raw] = part.split('=').map((s) => s.trim());
    if (!id || !CLASS_IDS.has(id)) throw new Error(`unknown noise class "${id ?? part}" (known: ${[...CLASS_IDS].join(', ')})`);
    const rate = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`noise rate of ${id} must be a number in [0, 1], got "${raw ?? ''}"`);
    out[id] = rate;
  }
  return out;
}

/** Validates a full rate table (every class known, every rate in [0, 1]). */
export function checkRates(rates: NoiseRates): void {
  for (const [id, rate] of Object.entries(rates)) {
    if (!CLASS_IDS.has(id)) throw new Error(`unknown noise class "${id}"`);
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`noise rate of ${id} must be in [0, 1], got ${rate}`);
  }
}

export const noiseClass = (id: string): NoiseClass | undefined => NOISE_CLASSES.find((c) => c.id === id);
