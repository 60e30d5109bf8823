import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDataset } from '../ensure.ts';
import { generateDataset, type Manifest } from '../generate.ts';
import { NOISE_CLASSES, parseNoiseOverrides, profileRates, type NoiseRates } from './classes.ts';
import type { NoiseTag } from './layer.ts';
import { TYPO_DOMAINS } from './tables.ts';

const PEOPLE = 1000;
const SEED = 11;

type Rec = Record<string, any>;
const read = (dir: string, file: string): Rec[] =>
  existsSync(join(dir, `${file}.ndjson`))
    ? readFileSync(join(dir, `${file}.ndjson`), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Rec)
    : [];

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex');
    }
  };
  walk('');
  return out;
}

let root: string;
const made = new Map<string, string>();
/** One generated data set per distinct set of options, in a temporary folder. */
async function dataset(name: string, opts: { profile?: 'default' | 'hard'; noise?: NoiseRates; seed?: number; people?: number }): Promise<string> {
  const existing = made.get(name);
  if (existing) return existing;
  const out = join(root, name);
  await generateDataset({ out, seed: opts.seed ?? SEED, people: opts.people ?? PEOPLE, profile: opts.profile, noise: opts.noise });
  made.set(name, out);
  return out;
}

const tagsOf = (dir: string) => read(dir, 'noise') as NoiseTag[];
const recordsWith = (tags: NoiseTag[], cls: string) => new Set(tags.filter((t) => t.class === cls && !t.shared).map((t) => `${t.system}:${t.externalId}`));
const only = (cls: string, rate: number): NoiseRates => ({ ...profileRates('default'), [cls]: rate });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'omnigraph-noise-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * What one draw of each class is made for, counted on the default data set of the same seed
 * (a class alone changes only the records it picks, so the default set has the same units).
 */
function eligible(dir: string, cls: string): number {
  const truth = read(dir, 'ground-truth');
  const systemsOf = new Map<string, Set<string>>();
  for (const t of truth) systemsOf.set(t.personId, (systemsOf.get(t.personId) ?? new Set()).add(t.system));
  const marketOf = new Map<string, string>();
  const crm = read(dir, 'crm/contacts');
  const shop = read(dir, 'shop/customers');
  const pos = read(dir, 'pos/customers');
  const social = read(dir, 'social/profiles');
  const personOf = new Map(truth.map((t) => [`${t.system}:${t.externalId}`, t.personId as string]));
  for (const r of crm) if (r.properties.country) marketOf.set(personOf.get(`crm:${r.id}`)!, r.properties.country);
  for (const r of shop) marketOf.set(personOf.get(`shop:${r.id}`)!, r.default_address.country_code);
  const locations = new Map(read(dir, 'pos/locations').map((l) => [l.id, l.country]));
  const posMarket = new Map<string, string>();
  for (const o of read(dir, 'pos/orders')) posMarket.set(o.customer_id, locations.get(o.location_id));
  for (const r of pos) if (posMarket.has(r.id)) marketOf.set(personOf.get(`pos:${r.id}`)!, posMarket.get(r.id)!);
  const emails = [...crm.map((r) => r.properties.email), ...shop.map((r) => r.email), ...pos.map((r) => r.email_address)].filter((e): e is string => typeof e === 'string');
  const people = [...systemsOf.keys()];
  const nonSocial = (p: string) => [...systemsOf.get(p)!].filter((s) => s !== 'social').length;
  const named = (market: string) =>
    [...crm.map((r) => [`crm:${r.id}`, r.properties.firstname] as const), ...shop.map((r) => [`shop:${r.id}`, r.first_name] as const), ...pos.map((r) => [`pos:${r.id}`, r.given_name] as const), ...social.map((r) => [`social:${r.id}`, r.first_name] as const)].filter(
      ([key, given]) => given && (market === '*' || market.includes(marketOf.get(personOf.get(key)!) ?? '?')),
    ).length;
  switch (cls) {
    case 'common-name':
      return people.length;
    case 'company-email':
      return people.filter((p) => nonSocial(p) > 0).length;
    case 'email-old-address':
      return people.filter((p) => nonSocial(p) > 1).length;
    case 'crm-second-contact':
      return people.filter((p) => systemsOf.get(p)!.has('crm')).length;
    case 'store-email':
    case 'store-phone':
      return pos.length;
    case 'crm-no-country':
      return crm.length;
    case 'social-no-shop-ref':
      return read(dir, 'social/referrals').filter((r) => String(r.referral.ref ?? '').startsWith('shop-customer-')).length;
    case 'social-display-name':
    case 'social-typed-phone':
    case 'social-typed-email':
      return social.length;
    case 'junk-email':
    case 'email-plus-tag':
      return emails.length;
    case 'email-typo-domain':
      return emails.filter((e) => TYPO_DOMAINS[e.trim().toLowerCase().split('@')[1] ?? ''] !== undefined).length;
    case 'email-gmail-dots':
    case 'email-googlemail':
      return emails.filter((e) => e.trim().toLowerCase().endsWith('@gmail.com')).length;
    case 'junk-phone':
      return crm.filter((r) => r.properties.phone || r.properties.mobilephone).length + pos.filter((r) => r.phone_number).length;
    case 'name-diminutive':
      return named('PL');
    case 'name-diacritics':
      return named('VN,PL');
    case 'name-vn-order':
    case 'name-vn-middle':
      return named('VN');
    case 'name-thai-script':
    case 'name-thai-nickname':
      return named('TH');
    default:
      return named('*');
  }
}

/**
 * Classes whose draw can land on a unit where the class has nothing to change, so their observed
 * share sits below the rate by design: a unique value HubSpot or Shopify already holds, a
 * record without the field, a name that is already plain ASCII, a Polish name without a diminutive.
 */
const BELOW_BY_DESIGN = new Set(['family-phone', 'recycled-phone', 'company-email', 'name-diacritics', 'name-vn-middle', 'name-vn-order', 'name-given-only', 'name-initial', 'name-diminutive', 'name-thai-nickname', 'email-gmail-dots', 'email-old-address', 'email-plus-tag', 'junk-email']);
/** Store values follow each store's habit (0.15-2.2 × the rate, see layer.ts storeHit): the share over all stores depends on where people shop. */
const STORE_HABIT = new Set(['store-email', 'store-phone']);

describe('noise classes', () => {
  it('rejects unknown classes and rates outside [0, 1], naming them, and writes nothing', async () => {
    expect(() => parseNoiseOverrides('company-mail=0.1')).toThrow(/unknown noise class "company-mail"/);
    expect(() => parseNoiseOverrides('junk-phone=1.5')).toThrow(/junk-phone must be a number in \[0, 1\]/);
    expect(() => parseNoiseOverrides('junk-phone=')).toThrow(/junk-phone/);
    expect(parseNoiseOverrides('junk-phone=0.5, store-email=0')).toEqual({ 'junk-phone': 0.5, 'store-email': 0 });
    const out = join(root, 'rejected');
    await expect(generateDataset({ out, people: 10, noise: { nope: 0.1 } })).rejects.toThrow(/unknown noise class/);
    await expect(generateDataset({ out, people: 10, profile: 'harder' as never })).rejects.toThrow(/profile must be default or hard/);
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the default profile free of the noise layer: no noise file, no shop object, no rates in the manifest', async () => {
    const dir = await dataset('default', {});
    expect(existsSync(join(dir, 'noise.ndjson'))).toBe(false);
    expect(existsSync(join(dir, 'shop', 'shop.ndjson'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.rates).toBeUndefined();
    expect(manifest.generator).toBe('omnigraph-generate/2');
  });

  it('is deterministic per seed and profile, and another seed gives other data', async () => {
    const a = await dataset('hard', { profile: 'hard' });
    const b = await dataset('hard-again', { profile: 'hard' });
    const c = await dataset('hard-other-seed', { profile: 'hard', seed: SEED + 1 });
    expect(hashTree(b)).toEqual(hashTree(a));
    expect(hashTree(c)['noise.ndjson']).not.toBe(hashTree(a)['noise.ndjson']);
  });

  it('puts every class of the hard profile in the data, and records the profile and rates in the manifest', async () => {
    const dir = await dataset('hard', { profile: 'hard' });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.profile).toBe('hard');
    expect(manifest.rates).toEqual(profileRates('hard'));
    const tags = tagsOf(dir);
    for (const c of NOISE_CLASSES) expect(recordsWith(tags, c.id).size, c.id).toBeGreaterThan(0);
  });

  // One class alone at 0.2: its share of the units it is drawn for is 0.2 within 4 standard deviations.
  it.each(NOISE_CLASSES.map((c) => c.id))('applies %s at its configured rate', async (cls) => {
    const rate = 0.2;
    const base = await dataset('default', {});
    const dir = await dataset(`only-${cls}`, { noise: only(cls, rate) });
    const tags = tagsOf(dir).filter((t) => t.class === cls && !t.shared);
    // Person-level classes count people, the others records.
    const unit = NOISE_CLASSES.find((c) => c.id === cls)!.unit;
    const hits = unit === 'person' ? new Set(tags.map((t) => t.personId)).size : new Set(tags.map((t) => `${t.system}:${t.externalId}`)).size;
    const n = eligible(base, cls);
    const observed = hits / n;
    const sigma = Math.sqrt((rate * (1 - rate)) / n);
    expect(n).toBeGreaterThan(100);
    if (STORE_HABIT.has(cls)) {
      expect(observed, `${cls}: ${hits}/${n}`).toBeGreaterThan(rate / 4);
      expect(observed, `${cls}: ${hits}/${n}`).toBeLessThan(rate * 2.2);
    } else if (BELOW_BY_DESIGN.has(cls)) {
      expect(observed, `${cls}: ${hits}/${n}`).toBeLessThanOrEqual(rate + 4 * sigma);
      expect(observed, `${cls}: ${hits}/${n}`).toBeGreaterThan(rate / 4);
    } else {
      expect(Math.abs(observed - rate), `${cls}: ${hits}/${n}`).toBeLessThanOrEqual(4 * sigma);
    }
  });

  it('keeps knobs independent: turning company-email off leaves every other class on the same records, or on more where it took their place', async () => {
    const hard = tagsOf(await dataset('hard', { profile: 'hard' }));
    const without = tagsOf(await dataset('hard-no-company', { profile: 'hard', noise: { 'company-email': 0 } }));
    expect(recordsWith(without, 'company-email').size).toBe(0);
    // Classes writing the email field of a record can take the place company-email held.
    const sameField = new Set(['store-email', 'junk-email', 'email-old-address', 'email-gmail-dots', 'email-googlemail', 'email-plus-tag', 'email-typo-domain', 'crm-second-contact', 'family-phone', 'recycled-phone']);
    for (const c of NOISE_CLASSES) {
      if (c.id === 'company-email') continue;
      const before = recordsWith(hard, c.id);
      const after = recordsWith(without, c.id);
      if (sameField.has(c.id)) {
        // HubSpot and Shopify keep an email once, so there a placeholder taken earlier can leave a later record without one.
        for (const key of before) if (key.startsWith('pos:') || key.startsWith('social:')) expect(after.has(key), `${c.id} ${key}`).toBe(true);
      } else {
        expect([...after].sort(), c.id).toEqual([...before].sort());
      }
    }
  });

  it('keeps the ground truth consistent with the files: every tagged record exists and holds the value its class put there', async () => {
    const dir = await dataset('hard', { profile: 'hard' });
    const truth = read(dir, 'ground-truth');
    const truthKeys = new Set(truth.map((t) => `${t.system}:${t.externalId}`));
    const byKey = new Map<string, Rec>();
    for (const r of read(dir, 'crm/contacts')) byKey.set(`crm:${r.id}`, r);
    for (const r of read(dir, 'shop/customers')) byKey.set(`shop:${r.id}`, r);
    for (const r of read(dir, 'pos/customers')) byKey.set(`pos:${r.id}`, r);
    for (const r of read(dir, 'social/profiles')) byKey.set(`${r.platform === 'line' || r.platform === 'zalo' ? r.platform : 'social'}:${r.id}`, r);
    // Ground truth and files name the same records.
    expect([...truthKeys].sort()).toEqual([...byKey.keys()].sort());
    const said = new Map<string, string>();
    for (const m of read(dir, 'social/messages')) said.set(m.from.id, `${said.get(m.from.id) ?? ''} ${m.message}`);
    const email = (r: Rec) => String(r.properties?.email ?? r.email ?? r.email_address ?? '').trim().toLowerCase();
    const phones = (r: Rec) => [r.properties?.phone, r.properties?.mobilephone, r.phone_number, r.phone, r.default_address?.phone].filter(Boolean).map((p: string) => p.replace(/\D/g, ''));
    const tail = (v: string) => v.replace(/\D/g, '').slice(-8);
    for (const t of tagsOf(dir)) {
      const key = `${t.system}:${t.externalId}`;
      const r = byKey.get(key);
      expect(r, `${t.class} ${key}`).toBeDefined();
      expect(truth.some((g) => g.personId === t.personId && `${g.system}:${g.externalId}` === key), `${t.class} ${key} belongs to ${t.personId}`).toBe(true);
      if (t.value === undefined) continue;
      if (['company-email', 'store-email', 'junk-email', 'email-old-address', 'email-gmail-dots', 'email-googlemail', 'email-plus-tag', 'email-typo-domain'].includes(t.class)) expect(email(r!), `${t.class} ${key}`).toBe(t.value);
      else if (['store-phone', 'family-phone', 'recycled-phone'].includes(t.class) || (t.class === 'junk-phone' && /\d{6}/.test(t.value)))
        expect(phones(r!).some((p) => p.endsWith(tail(t.value!))), `${t.class} ${key} ${t.value}`).toBe(true);
      else if (t.class === 'social-typed-phone') expect((said.get(t.externalId) ?? '').replace(/\D/g, ''), key).toContain(tail(t.value));
      else if (t.class === 'social-typed-email') expect(said.get(t.externalId) ?? '', key).toContain(t.value);
      else if (t.class === 'social-display-name') {
        expect(r!.name).toBe(t.value);
        expect(r!.first_name).toBeUndefined();
      }
    }
  });

  it('makes hard negatives of different people: every family-phone and recycled-phone value is held by two people, store values by many', async () => {
    const tags = tagsOf(await dataset('hard', { profile: 'hard' }));
    const people = new Map<string, Set<string>>();
    for (const t of tags) if (t.negative) people.set(`${t.negative}|${t.value}`, (people.get(`${t.negative}|${t.value}`) ?? new Set()).add(t.personId));
    for (const [group, ps] of people) if (group.startsWith('family-phone|') || group.startsWith('recycled-phone|')) expect(ps.size, group).toBe(2);
    const store = [...people].filter(([g]) => g.startsWith('store|')).map(([, ps]) => ps.size);
    expect(Math.max(...store)).toBeGreaterThan(5);
    // The old owner of a recycled number is a person of their own, with records from before 2023.
    const old = tags.filter((t) => t.class === 'recycled-phone' && !t.shared);
    expect(old.length).toBeGreaterThan(0);
    for (const t of old) expect(t.personId).toMatch(/^p-r\d{6}$/);
  });

  it('writes the retailer own contact values where the systems keep them: stores in pos/locations, the shop in shop/shop', async () => {
    const dir = await dataset('hard', { profile: 'hard' });
    const storeEmails = new Set(read(dir, 'pos/locations').map((l) => l.business_email));
    const shop = read(dir, 'shop/shop');
    expect(shop).toHaveLength(1);
    for (const t of tagsOf(dir).filter((t) => t.class === 'store-email')) expect(storeEmails.has(t.value) || t.value === shop[0]!.email || t.value === shop[0]!.customer_email, t.value).toBe(true);
  });

  it('caches a noisy data set by its rates: the same rates reuse it, other rates or the default profile regenerate it', async () => {
    const dir = join(root, 'cached');
    const manifest = () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const quiet = { log: () => {} };
    await ensureDataset(dir, { seed: 3, people: 50, profile: 'hard', ...quiet });
    const first = readFileSync(join(dir, 'noise.ndjson'), 'utf8');
    expect(manifest().rates).toEqual(profileRates('hard'));
    await ensureDataset(dir, { seed: 3, people: 50, profile: 'hard', ...quiet });
    expect(readFileSync(join(dir, 'noise.ndjson'), 'utf8')).toBe(first);
    await ensureDataset(dir, { seed: 3, people: 50, profile: 'hard', noise: { 'common-name': 1 }, ...quiet });
    expect(manifest().rates?.['common-name']).toBe(1);
    await ensureDataset(dir, { seed: 3, people: 50, ...quiet });
    expect(manifest().rates).toBeUndefined();
    expect(existsSync(join(dir, 'noise.ndjson'))).toBe(false);
  });

  it('loads unchanged into every stand-in system', async () => {
    const dir = await dataset('hard', { profile: 'hard' });
    const stores = await Promise.all([
      import('../../crm/src/store.ts').then((m) => m.loadStore(dir)),
      import('../../shop/src/store.ts').then((m) => m.loadStore(dir)),
      import('../../pos/src/store.ts').then((m) => m.loadStore(dir)),
      import('../../social/src/store.ts').then((m) => m.SocialStore.load(dir)),
    ]);
    expect(stores).toHaveLength(4);
    expect(stores[1]!.shop?.email).toBe('hello@omnistore.example');
  });
});
