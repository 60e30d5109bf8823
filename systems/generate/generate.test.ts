import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensureDataset } from './ensure.ts';
import { generateDataset, type Manifest } from './generate.ts';
import { OUTPUTS } from './records.ts';

const readNdjson = (dir: string, file: string): Record<string, any>[] =>
  readFileSync(join(dir, `${file}.ndjson`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Record<string, any>;
      } catch {
        throw new Error(`${file}.ndjson:${i + 1} is not valid JSON`);
      }
    });

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

/** The nine-digit national number behind any of the typed formats. */
function nsn(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (raw.trim().startsWith('+')) return digits.slice(2);
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

const JUNK_EMAILS = new Set(['noemail@example.com', 'test@test.com', 'none@none.com', 'no-email@example.com']);
const normEmail = (e: string | null | undefined) => (e ? e.trim().toLowerCase() : null);

const hubspotId = z.string().regex(/^[1-9]\d*$/);
const iso = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?(Z|[+-]\d\d:?\d\d)$/);
const nullableString = z.string().nullable();
const shopifyId = z.number().int().gt(2 ** 31).lt(Number.MAX_SAFE_INTEGER);
const squareCustomerId = z.string().regex(/^[0-9A-Z]{26}$/);
const squareLocationId = z.string().regex(/^[0-9A-Z]{13}$/);
const squareCatalogId = z.string().regex(/^[0-9A-Z]{24}$/);
const squareMoney = z.object({ amount: z.number().int().nonnegative(), currency: z.enum(['THB', 'VND', 'PLN']) });
const decimalString = z.string().regex(/^\d+\.\d{2}$/);
const associations = z.object({ contacts: z.array(hubspotId).min(1) });
const hubspotObject = (properties: z.ZodObject) =>
  z.object({ id: hubspotId, properties, createdAt: iso, updatedAt: iso, archived: z.literal(false) });
const engagement = (extra: Record<string, z.ZodType>) =>
  hubspotObject(z.object({ hs_timestamp: iso, hs_object_id: hubspotId, hubspot_owner_id: hubspotId, ...extra })).extend({ associations });

const SHAPES: Record<string, z.ZodType> = {
  'crm/contacts': hubspotObject(
    z.object({
      email: nullableString,
      firstname: nullableString,
      lastname: nullableString,
      phone: nullableString,
      mobilephone: nullableString,
      country: z.enum(['TH', 'VN', 'PL']).nullable(),
      city: nullableString,
      address: nullableString,
      zip: nullableString,
      lifecyclestage: z.string(),
      hs_email_optout: z.enum(['true', 'false']),
      hs_object_id: hubspotId,
      createdate: iso,
      lastmodifieddate: iso,
    }),
  ),
  'crm/notes': engagement({ hs_note_body: z.string().min(1) }),
  'crm/calls': engagement({ hs_call_title: z.string(), hs_call_body: z.string(), hs_call_direction: z.enum(['INBOUND', 'OUTBOUND']), hs_call_duration: z.string().regex(/^\d+$/), hs_call_status: z.string() }),
  'crm/emails': engagement({ hs_email_subject: z.string(), hs_email_text: z.string(), hs_email_direction: z.enum(['EMAIL', 'INCOMING_EMAIL']), hs_email_status: nullableString }),
  'crm/tickets': hubspotObject(
    z.object({ subject: z.string(), content: z.string(), hs_pipeline: z.string(), hs_pipeline_stage: z.enum(['1', '2', '3', '4']), hs_ticket_priority: z.enum(['LOW', 'MEDIUM', 'HIGH']), createdate: iso, hs_object_id: hubspotId }),
  ).extend({ associations }),
  'shop/customers': z.object({
    id: shopifyId,
    email: z.string().regex(/^[^\sA-Z@]+@[^\sA-Z@]+$/),
    first_name: nullableString,
    last_name: nullableString,
    phone: z.string().regex(/^\+\d{11}$/).nullable(),
    currency: z.enum(['THB', 'VND', 'PLN']),
    orders_count: z.number().int().positive(),
    total_spent: decimalString,
    created_at: iso,
    updated_at: iso,
    default_address: z.object({ id: shopifyId, customer_id: shopifyId, country_code: z.enum(['TH', 'VN', 'PL']) }),
    admin_graphql_api_id: z.string().startsWith('gid://shopify/Customer/'),
  }),
  'shop/orders': z.object({
    id: shopifyId,
    name: z.string().regex(/^#\d+$/),
    order_number: z.number().int(),
    email: z.string(),
    currency: z.enum(['THB', 'VND', 'PLN']),
    total_price: decimalString,
    subtotal_price: decimalString,
    total_tax: decimalString,
    financial_status: z.enum(['pending', 'paid', 'refunded', 'partially_refunded', 'voided']),
    fulfillment_status: z.enum(['fulfilled', 'partial']).nullable(),
    source_name: z.literal('web'),
    created_at: iso,
    customer: z.object({ id: shopifyId }),
    line_items: z.array(z.object({ id: shopifyId, sku: z.string(), variant_id: shopifyId, product_id: shopifyId, quantity: z.number().int().positive(), price: decimalString })).min(1),
  }),
  'shop/products': z.object({
    id: shopifyId,
    title: z.string(),
    variants: z.array(z.object({ id: shopifyId, product_id: shopifyId, sku: z.string().regex(/^[A-Z0-9]+-[A-Z]{3}-[A-Z0-9]+$/), price: decimalString, inventory_item_id: shopifyId })).min(1),
  }),
  'shop/locations': z.object({ id: shopifyId, name: z.string(), country_code: z.string().length(2), active: z.boolean() }),
  'shop/inventory_levels': z.object({ inventory_item_id: shopifyId, location_id: shopifyId, available: z.number().int().nonnegative(), updated_at: iso }),
  'pos/locations': z.object({ id: squareLocationId, name: z.string(), currency: z.enum(['THB', 'VND', 'PLN']), country: z.enum(['TH', 'VN', 'PL']), status: z.literal('ACTIVE'), address: z.object({ address_line_1: z.string(), locality: z.string(), country: z.string() }) }),
  'pos/customers': z.object({
    id: squareCustomerId,
    given_name: z.string().optional(),
    family_name: z.string().optional(),
    email_address: z.string().optional(),
    phone_number: z.string().optional(),
    reference_id: z.string().regex(/^crm:\d+$/).optional(),
    created_at: iso,
    updated_at: iso,
    creation_source: z.string(),
    version: z.number().int(),
  }),
  'pos/catalog': z.object({
    type: z.literal('ITEM'),
    id: squareCatalogId,
    item_data: z.object({
      name: z.string(),
      variations: z.array(
        z.object({
          type: z.literal('ITEM_VARIATION'),
          id: squareCatalogId,
          item_variation_data: z.object({ item_id: squareCatalogId, sku: z.string(), price_money: squareMoney, location_overrides: z.array(z.object({ location_id: squareLocationId, price_money: squareMoney })) }),
        }),
      ),
    }),
  }),
  'pos/orders': z.object({
    id: z.string().regex(/^[0-9A-Za-z]{27}$/),
    location_id: squareLocationId,
    customer_id: squareCustomerId,
    state: z.literal('COMPLETED'),
    line_items: z.array(z.object({ uid: z.string(), catalog_object_id: squareCatalogId, quantity: z.string().regex(/^\d+$/), base_price_money: squareMoney, total_money: squareMoney })).min(1),
    total_money: squareMoney,
    created_at: iso,
  }),
  'pos/inventory_counts': z.object({ catalog_object_id: squareCatalogId, catalog_object_type: z.literal('ITEM_VARIATION'), state: z.literal('IN_STOCK'), location_id: squareLocationId, quantity: z.string().regex(/^\d+$/), calculated_at: iso }),
  'pos/loyalty_accounts': z.object({ id: z.uuid(), program_id: z.uuid(), customer_id: squareCustomerId, balance: z.number().int(), lifetime_points: z.number().int(), mapping: z.object({ id: z.uuid(), phone_number: z.string().regex(/^\+\d{11}$/) }) }),
  'social/pages': z.object({ id: z.string(), name: z.string(), platform: z.enum(['messenger', 'instagram', 'line', 'zalo']) }),
  'social/profiles': z.object({ id: z.string().regex(/^(\d{15,19}|U[0-9a-f]{32})$/), first_name: z.string(), last_name: z.string(), name: z.string().min(1), profile_pic: z.url(), locale: z.string(), page_id: z.string(), platform: z.enum(['messenger', 'instagram', 'line', 'zalo']) }),
  'social/conversations': z.object({
    id: z.string().regex(/^t_\d+$/),
    participants: z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })).length(2) }),
    updated_time: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
    message_count: z.number().int().positive(),
    unread_count: z.number().int().nonnegative(),
    page_id: z.string(),
    platform: z.string(),
  }),
  'social/messages': z.object({
    id: z.string().regex(/^m_/),
    created_time: z.string().regex(/\+0000$/),
    from: z.object({ id: z.string(), name: z.string() }),
    to: z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })).length(1) }),
    message: z.string().min(1),
    conversation_id: z.string(),
  }),
  'social/referrals': z.object({
    sender: z.object({ id: z.string() }),
    recipient: z.object({ id: z.string() }),
    timestamp: z.number().int(),
    referral: z.object({ ref: z.string().optional(), source: z.enum(['ADS', 'SHORTLINK']), type: z.literal('OPEN_THREAD'), ad_id: z.string().optional() }),
  }),
};

describe('generateDataset', () => {
  let root: string;
  let dir: string;
  let manifest: Manifest;
  const data: Record<string, Record<string, any>[]> = {};
  let truth: { personId: string; system: string; externalId: string }[];
  const personOf = new Map<string, string>();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'omnigraph-gen-'));
    dir = join(root, 'default');
    manifest = await generateDataset({ out: dir, seed: 42, people: 3000 });
    for (const key of OUTPUTS) data[key] = readNdjson(dir, key);
    truth = readNdjson(dir, 'ground-truth') as typeof truth;
    for (const row of truth) personOf.set(`${row.system}:${row.externalId}`, row.personId);
  }, 120_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is deterministic: the same seed and size give byte-identical files, another seed does not', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map((n) => join(root, `det-${n}`)).map(async (out, i) => {
      await generateDataset({ out, seed: i === 2 ? 8 : 7, people: 400 });
      return hashTree(out);
    }));
    expect(Object.keys(a!).sort()).toEqual([...OUTPUTS.map((k) => `${k}.ndjson`), 'ground-truth.ndjson', 'manifest.json'].sort());
    expect(b).toEqual(a);
    expect(c!['ground-truth.ndjson']).not.toEqual(a!['ground-truth.ndjson']);
  }, 60_000);

  it('writes a manifest with the counts of every file', () => {
    expect(manifest).toMatchObject({ seed: 42, people: 3000, markets: ['TH', 'VN', 'PL'] });
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    for (const key of OUTPUTS) expect(manifest.counts[key], key).toBe(data[key]!.length);
    expect(manifest.counts['ground-truth']).toBe(truth.length);
    for (const key of OUTPUTS) expect(data[key]!.length, key).toBeGreaterThan(0);
  });

  it('every file parses and matches the key fields of its vendor shape', () => {
    for (const key of OUTPUTS) {
      const schema = SHAPES[key]!;
      for (const [i, record] of data[key]!.entries()) {
        const result = schema.safeParse(record);
        if (!result.success) throw new Error(`${key}.ndjson:${i + 1}: ${result.error.message}\n${JSON.stringify(record).slice(0, 400)}`);
      }
    }
  });

  it('uses each vendor id format, unique within each system', () => {
    const unique = (values: unknown[], what: string) => expect(new Set(values).size, what).toBe(values.length);
    unique(data['crm/contacts']!.map((r) => r.id), 'hubspot contacts');
    for (const key of ['crm/notes', 'crm/calls', 'crm/emails', 'crm/tickets']) unique(data[key]!.map((r) => r.id), key);
    unique(data['shop/customers']!.map((r) => r.id), 'shopify customers');
    unique(data['shop/orders']!.map((r) => r.id), 'shopify orders');
    unique(data['shop/orders']!.flatMap((r) => r.line_items.map((l: any) => l.id)), 'shopify line items');
    unique(data['pos/customers']!.map((r) => r.id), 'square customers');
    unique(data['pos/orders']!.map((r) => r.id), 'square orders');
    unique(data['social/profiles']!.map((r) => r.id), 'social profiles');
    unique(data['social/conversations']!.map((r) => r.id), 'conversations');
    unique(data['social/messages']!.map((r) => r.id), 'messages');
    // HubSpot ids beyond 2^53 exist and are strings.
    expect(data['crm/contacts']!.some((r) => BigInt(r.id) > 2n ** 53n)).toBe(true);
    expect(data['social/profiles']!.some((r) => /^U[0-9a-f]{32}$/.test(r.id))).toBe(true);
    // System rules the vendors enforce: Shopify customer emails and phones, HubSpot emails are unique.
    unique(data['shop/customers']!.map((r) => r.email), 'shopify emails');
    unique(data['shop/customers']!.filter((r) => r.phone).map((r) => r.phone), 'shopify phones');
    unique(data['crm/contacts']!.filter((r) => r.properties.email).map((r) => normEmail(r.properties.email)), 'hubspot emails');
  });

  it('maps every customer-like record to exactly one person in the ground truth, and nothing else', () => {
    const records = [
      ...data['crm/contacts']!.map((r) => `crm:${r.id}`),
      ...data['shop/customers']!.map((r) => `shop:${r.id}`),
      ...data['pos/customers']!.map((r) => `pos:${r.id}`),
      ...data['social/profiles']!.map((r) => `${r.platform === 'line' || r.platform === 'zalo' ? r.platform : 'social'}:${r.id}`),
    ];
    for (const key of records) expect(personOf.has(key), key).toBe(true);
    expect(truth.length).toBe(records.length);
    expect(personOf.size).toBe(truth.length);
    for (const row of truth) expect(row.personId).toMatch(/^p-\d{6,}$/);
  });

  it('puts roughly a quarter of the people, several hundred, in all four systems', () => {
    const systems = new Map<string, Set<string>>();
    // LINE and Zalo profiles are read through their own subgraphs; the generator's four systems count them as social.
    const generated = (system: string) => (system === 'line' || system === 'zalo' ? 'social' : system);
    for (const row of truth) systems.set(row.personId, (systems.get(row.personId) ?? new Set()).add(generated(row.system)));
    const allFour = [...systems.values()].filter((s) => s.size === 4).length;
    expect(allFour).toBeGreaterThanOrEqual(300);
    expect(allFour / 3000).toBeGreaterThan(0.2);
    expect(allFour / 3000).toBeLessThan(0.32);
    expect(systems.size).toBeLessThanOrEqual(3000);
  });

  it('links records across systems only where they belong to the same person', () => {
    const contacts = new Set(data['crm/contacts']!.map((r) => r.id));
    let squareRefs = 0;
    for (const c of data['pos/customers']!) {
      if (!c.reference_id) continue;
      squareRefs++;
      const contactId = c.reference_id.slice('crm:'.length);
      expect(contacts.has(contactId)).toBe(true);
      expect(personOf.get(`crm:${contactId}`)).toBe(personOf.get(`pos:${c.id}`));
    }
    expect(squareRefs).toBeGreaterThan(50);

    const shopRefs = data['social/referrals']!.filter((r) => r.referral.ref?.startsWith('shop-customer-'));
    for (const r of shopRefs) {
      const shopId = r.referral.ref.slice('shop-customer-'.length);
      expect(personOf.get(`shop:${shopId}`), r.referral.ref).toBeDefined();
      expect(personOf.get(`shop:${shopId}`)).toBe(personOf.get(`social:${r.sender.id}`) ?? personOf.get(`line:${r.sender.id}`) ?? personOf.get(`zalo:${r.sender.id}`));
    }
    // Most people in all four systems can be reached from their social profile through a referral.
    const bySystem = new Map<string, Set<string>>();
    for (const row of truth) bySystem.set(row.personId, (bySystem.get(row.personId) ?? new Set()).add(row.system));
    const allFour = [...bySystem].filter(([, s]) => s.size === 4).map(([p]) => p);
    const referred = new Set(shopRefs.map((r) => personOf.get(`social:${r.sender.id}`)));
    expect(allFour.filter((p) => referred.has(p)).length / allFour.length).toBeGreaterThan(0.8);
  });

  it('keeps references between resources intact', () => {
    const ids = (key: string, f: (r: any) => string | number = (r) => r.id) => new Set(data[key]!.map(f));
    const contacts = ids('crm/contacts');
    for (const key of ['crm/notes', 'crm/calls', 'crm/emails', 'crm/tickets']) for (const r of data[key]!) for (const c of r.associations.contacts) expect(contacts.has(c)).toBe(true);
    const shopCustomers = ids('shop/customers');
    const variants = new Map<number, any>(data['shop/products']!.flatMap((p) => p.variants.map((v: any) => [v.id, v])));
    for (const o of data['shop/orders']!) {
      expect(shopCustomers.has(o.customer.id)).toBe(true);
      for (const l of o.line_items) expect(variants.get(l.variant_id)?.sku).toBe(l.sku);
    }
    const customer = new Map(data['shop/customers']!.map((c) => [c.id, c]));
    const ordersOf = new Map<number, number>();
    for (const o of data['shop/orders']!) ordersOf.set(o.customer.id, (ordersOf.get(o.customer.id) ?? 0) + 1);
    for (const [id, n] of ordersOf) expect(customer.get(id)!.orders_count).toBe(n);

    const inventoryItems = new Set([...variants.values()].map((v: any) => v.inventory_item_id));
    const warehouse = data['shop/locations']![0]!.id;
    for (const l of data['shop/inventory_levels']!) {
      expect(inventoryItems.has(l.inventory_item_id)).toBe(true);
      expect(l.location_id).toBe(warehouse);
    }

    const posCustomers = ids('pos/customers');
    const locations = new Map<string, any>(data['pos/locations']!.map((l) => [l.id, l]));
    expect(locations.size).toBe(6);
    const cities = [...locations.values()].map((l) => l.address.locality);
    expect(cities).toEqual(expect.arrayContaining(['Bangkok', 'Chiang Mai', 'Hà Nội', 'Hồ Chí Minh', 'Warszawa', 'Kraków']));
    const variations = new Map(data['pos/catalog']!.flatMap((i) => i.item_data.variations.map((v: any) => [v.id, v])));
    for (const o of data['pos/orders']!) {
      expect(posCustomers.has(o.customer_id)).toBe(true);
      const location = locations.get(o.location_id);
      expect(location).toBeDefined();
      expect(o.total_money.currency).toBe(location.currency);
      for (const l of o.line_items) expect(variations.has(l.catalog_object_id)).toBe(true);
    }
    // The POS store and the person's own market agree.
    const marketOfPerson = new Map<string, string>();
    for (const c of data['shop/customers']!) marketOfPerson.set(personOf.get(`shop:${c.id}`)!, c.default_address.country_code);
    for (const o of data['pos/orders']!) {
      const market = marketOfPerson.get(personOf.get(`pos:${o.customer_id}`)!);
      if (market) expect(locations.get(o.location_id).country).toBe(market);
    }
    for (const c of data['pos/inventory_counts']!) {
      expect(variations.has(c.catalog_object_id)).toBe(true);
      expect(locations.has(c.location_id)).toBe(true);
    }
    expect(data['pos/inventory_counts']!.length).toBe(variations.size * 6);
    for (const a of data['pos/loyalty_accounts']!) expect(posCustomers.has(a.customer_id)).toBe(true);
    expect(new Set(data['pos/loyalty_accounts']!.map((a) => a.mapping.phone_number)).size).toBe(data['pos/loyalty_accounts']!.length);

    const pages = ids('social/pages');
    const profiles = ids('social/profiles');
    const conversations = ids('social/conversations');
    for (const p of data['social/profiles']!) expect(pages.has(p.page_id)).toBe(true);
    for (const c of data['social/conversations']!) {
      expect(profiles.has(c.participants.data[0].id)).toBe(true);
      expect(c.participants.data[1].id).toBe(c.page_id);
    }
    for (const m of data['social/messages']!) expect(conversations.has(m.conversation_id)).toBe(true);
    for (const r of data['social/referrals']!) {
      expect(profiles.has(r.sender.id)).toBe(true);
      expect(pages.has(r.recipient.id)).toBe(true);
    }
  });

  it('shares SKUs between the web shop and the stores, with ~10% different store prices', () => {
    const web = new Map<string, any>(data['shop/products']!.flatMap((p) => p.variants.map((v: any) => [v.sku, v])));
    const pos = new Map<string, any>(data['pos/catalog']!.flatMap((i) => i.item_data.variations.map((v: any) => [v.item_variation_data.sku, v])));
    expect(data['shop/products']!.length).toBeGreaterThanOrEqual(180);
    expect(web.size).toBeGreaterThan(1000);
    expect([...web.keys()].sort()).toEqual([...pos.keys()].sort());
    expect(web.has('TSH-BLK-M') || [...web.keys()].some((s) => s.startsWith('TSH-'))).toBe(true);
    let differ = 0;
    for (const [sku, v] of web) {
      const thbPos = pos.get(sku).item_variation_data.price_money.amount;
      if (Math.round(Number(v.price) * 100) !== thbPos) differ++;
    }
    expect(differ / web.size).toBeGreaterThan(0.05);
    expect(differ / web.size).toBeLessThan(0.16);
  });

  it('writes phones in the local formats people type, all valid numbers of their market', () => {
    const phones = [
      ...data['crm/contacts']!.flatMap((r) => [r.properties.phone, r.properties.mobilephone]),
      ...data['pos/customers']!.map((r) => r.phone_number),
      ...data['shop/customers']!.map((r) => r.phone),
    ].filter((p): p is string => typeof p === 'string' && p !== '0000000000');
    for (const phone of phones) {
      const valid = (['TH', 'VN', 'PL'] as CountryCode[]).some((region) => parsePhoneNumberFromString(phone, region)?.isValid());
      expect(valid, phone).toBe(true);
    }
    const shapes = [/^\+66 \d{2} \d{3} \d{4}$/, /^0\d{2}-\d{3}-\d{4}$/, /^0\d{9}$/, /^\+66\d{9}$/, /^0\d{2} \d{3} \d{4}$/, /^\+84 \d{2} \d{3} \d{4}$/, /^\d{3} \d{3} \d{3}$/, /^\+48 \d{3}-\d{3}-\d{3}$/];
    for (const shape of shapes) expect(phones.some((p) => shape.test(p)), String(shape)).toBe(true);
  });

  it('has shared family phones: different people, names and emails behind one number', () => {
    const byNumber = new Map<string, Map<string, { name: string; email: string | null }>>();
    const add = (raw: string | null | undefined, key: string, name: string, email: string | null) => {
      if (!raw || raw === '0000000000') return;
      const personId = personOf.get(key)!;
      const people = byNumber.get(nsn(raw)) ?? new Map();
      people.set(personId, { name, email });
      byNumber.set(nsn(raw), people);
    };
    for (const r of data['crm/contacts']!) {
      const p = r.properties;
      add(p.phone ?? p.mobilephone, `crm:${r.id}`, `${p.firstname} ${p.lastname}`, normEmail(p.email));
    }
    for (const r of data['pos/customers']!) add(r.phone_number, `pos:${r.id}`, `${r.given_name} ${r.family_name}`, normEmail(r.email_address));
    const shared = [...byNumber].filter(([, people]) => people.size > 1);
    expect(shared.length).toBeGreaterThanOrEqual(10);
    expect(shared.length).toBe(manifest.noise.familyPhonePairs);
    for (const [, people] of shared) {
      expect(people.size).toBe(2);
      const [a, b] = [...people.values()];
      expect(a!.name).not.toBe(b!.name);
    }
    // In the system where the pair meets, both records carry names and different emails.
    const pairsWithEmails = shared.filter(([, people]) => {
      const [a, b] = [...people.values()];
      return a!.email && b!.email && a!.email !== b!.email;
    });
    expect(pairsWithEmails.length).toBeGreaterThanOrEqual(shared.length * 0.8);
  });

  it('produces the noise that identity resolution has to handle', () => {
    const n = manifest.noise;
    for (const key of ['crmDuplicateContacts', 'posWalkIns', 'nameTypos', 'maidenNameRecords', 'emailCaseOrWhitespaceVariants', 'junkEmails', 'junkPhones', 'posCrmReferences', 'shopReferrals', 'diacriticsDropped', 'openTickets', 'loyaltyAccounts']) {
      expect(n[key] ?? 0, key).toBeGreaterThan(5);
    }
    // Same email, different case or whitespace, across systems.
    const emailsOf = new Map<string, Set<string>>();
    for (const r of data['crm/contacts']!) if (r.properties.email) emailsOf.set(normEmail(r.properties.email)!, (emailsOf.get(normEmail(r.properties.email)!) ?? new Set()).add(r.properties.email));
    for (const r of data['shop/customers']!) emailsOf.set(r.email, (emailsOf.get(r.email) ?? new Set()).add(r.email));
    for (const r of data['pos/customers']!) if (r.email_address) emailsOf.set(normEmail(r.email_address)!, (emailsOf.get(normEmail(r.email_address)!) ?? new Set()).add(r.email_address));
    expect([...emailsOf.values()].filter((s) => s.size > 1).length).toBeGreaterThan(50);

    // Two CRM contacts of one person; walk-ins known by phone only; social profiles without contact data.
    const crmPerPerson = new Map<string, number>();
    for (const r of data['crm/contacts']!) crmPerPerson.set(personOf.get(`crm:${r.id}`)!, (crmPerPerson.get(personOf.get(`crm:${r.id}`)!) ?? 0) + 1);
    expect([...crmPerPerson.values()].filter((c) => c === 2).length).toBe(n.crmDuplicateContacts);
    const walkIns = data['pos/customers']!.filter((r) => !r.email_address && !r.family_name && r.phone_number);
    expect(walkIns.length).toBeGreaterThanOrEqual(n.posWalkIns! * 0.9);
    expect(walkIns.some((r) => !r.given_name) && walkIns.some((r) => r.given_name)).toBe(true);
    for (const p of data['social/profiles']!) expect(Object.keys(p).some((k) => /email|phone/.test(k))).toBe(false);
    expect(new Set(data['social/profiles']!.map((p) => p.platform))).toEqual(new Set(['messenger', 'instagram', 'line', 'zalo']));

    // Junk values sit on records of different people.
    const junkPeople = new Set<string>();
    for (const r of data['crm/contacts']!) if (JUNK_EMAILS.has(r.properties.email ?? '') || r.properties.phone === '0000000000' || r.properties.mobilephone === '0000000000') junkPeople.add(personOf.get(`crm:${r.id}`)!);
    for (const r of data['pos/customers']!) if (JUNK_EMAILS.has(normEmail(r.email_address) ?? '') || r.phone_number === '0000000000') junkPeople.add(personOf.get(`pos:${r.id}`)!);
    expect(junkPeople.size).toBeGreaterThan(10);

    // Apart from junk, an email never belongs to two people.
    const owners = new Map<string, Set<string>>();
    const own = (email: string | null | undefined, key: string) => {
      const e = normEmail(email);
      if (!e || JUNK_EMAILS.has(e)) return;
      owners.set(e, (owners.get(e) ?? new Set()).add(personOf.get(key)!));
    };
    for (const r of data['crm/contacts']!) own(r.properties.email, `crm:${r.id}`);
    for (const r of data['shop/customers']!) own(r.email, `shop:${r.id}`);
    for (const r of data['pos/customers']!) own(r.email_address, `pos:${r.id}`);
    for (const [email, people] of owners) expect(people.size, email).toBe(1);
  });

  it('keeps every time before the fixed base date 2026-11-01', () => {
    const base = Date.UTC(2026, 10, 1);
    const times = [
      ...data['crm/contacts']!.map((r) => r.createdAt),
      ...data['shop/orders']!.map((r) => r.created_at),
      ...data['pos/orders']!.map((r) => r.closed_at),
      ...data['social/conversations']!.map((r) => r.updated_time.replace('+0000', 'Z')),
    ];
    for (const t of times) expect(Date.parse(t), t).toBeLessThan(base);
  });
});

describe('ensureDataset', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'omnigraph-ensure-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('generates when missing, keeps a matching data set, regenerates when seed or size differ', async () => {
    const dir = join(root, 'set');
    const log = () => {};
    expect(await ensureDataset(dir, { seed: 3, people: 50, log })).toBe(dir);
    const first = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(first).toMatchObject({ seed: 3, people: 50 });
    const before = hashTree(dir);
    await Promise.all([ensureDataset(dir, { seed: 3, people: 50, log }), ensureDataset(dir, { log })]);
    expect(hashTree(dir)).toEqual(before);
    await Promise.all([ensureDataset(dir, { seed: 4, people: 60, log }), ensureDataset(dir, { seed: 4, people: 60, log })]);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ seed: 4, people: 60 });
    expect(readdirSync(root).sort()).toEqual(['set']);
  }, 60_000);

  it('leaves a folder of exports without a manifest alone', async () => {
    const dir = join(root, 'exports');
    await generateDataset({ out: dir, seed: 1, people: 10 });
    await rm(join(dir, 'manifest.json'));
    const before = hashTree(dir);
    await ensureDataset(dir, { seed: 2, people: 20, log: () => {} });
    expect(hashTree(dir)).toEqual(before);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
  });
});
