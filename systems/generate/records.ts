import { decimal, pickVariant, squareMoney, type Catalog, type Currency, type PosLocation, type Variant } from './catalog.ts';
import { asciiFold, typo, type Market } from './names.ts';
import type { Person, SystemName } from './people.ts';
import { e164, JUNK_PHONES, typedPhone } from './phones.ts';
import { MARKET_INFO } from './places.ts';
import type { Rng } from './prng.ts';
import { BASE_MS, DAY, HOUR, isoDate, isoMs, metaTime, MINUTE, shopifyTime } from './time.ts';
import {
  CALL_BODIES,
  CALL_STATUSES,
  CALL_TITLES,
  chatLine,
  EMAIL_LINES,
  EMAIL_SUBJECTS_IN,
  EMAIL_SUBJECTS_OUT,
  EMAIL_TEXT,
  fill,
  NOTES,
  TICKETS,
} from './texts.ts';
import type { NdjsonWriter } from './writer.ts';

/** Builders of every person-scaled resource, in each vendor's shape. */

export const OUTPUTS = [
  'crm/contacts',
  'crm/notes',
  'crm/calls',
  'crm/emails',
  'crm/tickets',
  'shop/customers',
  'shop/orders',
  'shop/products',
  'shop/locations',
  'shop/inventory_levels',
  'pos/locations',
  'pos/customers',
  'pos/catalog',
  'pos/orders',
  'pos/inventory_counts',
  'pos/loyalty_accounts',
  'social/pages',
  'social/profiles',
  'social/conversations',
  'social/messages',
  'social/referrals',
] as const;
export type OutputKey = (typeof OUTPUTS)[number];

export type Platform = 'messenger' | 'instagram' | 'line' | 'zalo';

export interface Page {
  id: string;
  name: string;
  platform: Platform;
  market: Market;
}

export interface Ad {
  id: string;
  title: string;
}

/** Noise and overlap actually produced, reported in the manifest. */
export type NoiseStats = Record<string, number>;

/** Strictly increasing id counters, one per kind: ids are unique without remembering them. */
export class Ids {
  hubspotContact = 10_012_345_678;
  hubspotContactBig = 2n ** 53n + 7_919n;
  hubspotNote = 20_123_456_789;
  hubspotCall = 30_123_456_789;
  hubspotEmail = 40_123_456_789;
  hubspotTicket = 1_812_345_678;
  shopCustomer = 7_012_345_678_901;
  shopAddress = 8_912_345_678_901;
  shopOrder = 5_512_345_678_901;
  shopLineItem = 13_801_234_567_890;
  shopShippingLine = 4_123_456_789_012;
  orderNumber = 1000;
  psid = 2_401_234_567_890_123;
  igsid = 1_234_567_890_123;
  zalo = 12_345_678_901_234;
  conversation = 223_456_789_012_345;

  step<K extends keyof Ids>(rng: Rng, key: K, maxGap: number): number {
    const next = (this[key] as number) + rng.int(1, maxGap);
    (this as unknown as Record<string, number>)[key] = next;
    return next;
  }

  bigContact(rng: Rng): string {
    this.hubspotContactBig += BigInt(rng.int(1, 60));
    return this.hubspotContactBig.toString();
  }
}

export interface GenContext {
  seed: number;
  catalog: Catalog;
  out: Record<OutputKey, NdjsonWriter>;
  truth: NdjsonWriter;
  ids: Ids;
  pages: Record<Market, Page[]>;
  ads: Record<Market, Ad[]>;
  /** HubSpot keeps emails unique: each junk address can sit on one contact only. */
  crmJunkEmailsUsed: Set<string>;
  noise: NoiseStats;
}

const OWNERS = ['52614830', '52614837', '61820012', '61820019', '70011452', '70011466', '83920101', '83920133'];
/** The default profile's placeholder emails (the evaluator reads them as junk, like the hard profile's tagged ones). */
export const JUNK_EMAILS = ['noemail@example.com', 'test@test.com', 'none@none.com', 'no-email@example.com'];

const count = (ctx: GenContext, key: string, by = 1) => {
  ctx.noise[key] = (ctx.noise[key] ?? 0) + by;
};

/** The registry system a record is read through (ground truth, noise tags): a generator system, or `line` / `zalo`. */
export type RecordSystem = SystemName | 'line' | 'zalo';

/** LINE and Zalo profiles have subgraphs of their own (`line`, `zalo`); every other platform is read through `social`. */
export const systemOfPlatform = (platform: string): RecordSystem => (platform === 'line' || platform === 'zalo' ? platform : 'social');

const truth = (ctx: GenContext, p: Person, system: RecordSystem, externalId: string) => {
  ctx.truth.write({ personId: p.id, system, externalId });
};

/** A moment between `from` and `to` (both ms), uniformly. */
const between = (rng: Rng, from: number, to: number) => from + Math.floor(rng.next() * Math.max(1, to - from));

/** Shown name of a person in one system, with that system's typical noise. */
interface ShownName {
  given: string | null;
  family: string | null;
}

const NAME_NOISE: Record<SystemName, { fold: number; typo: number; upper: number; lower: number; vnMiddle: number; vnSwap: number }> = {
  crm: { fold: 0.25, typo: 0.04, upper: 0, lower: 0, vnMiddle: 0.12, vnSwap: 0 },
  shop: { fold: 0.45, typo: 0.03, upper: 0.01, lower: 0.05, vnMiddle: 0.05, vnSwap: 0.02 },
  pos: { fold: 0.6, typo: 0.05, upper: 0.06, lower: 0, vnMiddle: 0, vnSwap: 0.04 },
  social: { fold: 0.45, typo: 0.02, upper: 0, lower: 0.03, vnMiddle: 0, vnSwap: 0 },
};

function shownName(rng: Rng, ctx: GenContext, p: Person, system: SystemName): ShownName {
  const noise = NAME_NOISE[system];
  let given = p.given;
  let family = p.maidenIn.has(system) && p.maiden ? p.maiden : p.family;
  if (p.maidenIn.has(system) && p.maiden) count(ctx, 'maidenNameRecords');
  if (p.middle && rng.chance(noise.vnMiddle)) given = `${p.middle} ${given}`;
  if (p.market !== 'TH' && rng.chance(noise.fold)) {
    const g = asciiFold(given);
    const f = asciiFold(family);
    if (g !== given || f !== family) count(ctx, 'diacriticsDropped');
    given = g;
    family = f;
  }
  if (rng.chance(noise.typo)) {
    const before = `${given} ${family}`;
    if (rng.chance(0.6)) given = typo(rng, given);
    else family = typo(rng, family);
    if (`${given} ${family}` !== before) count(ctx, 'nameTypos');
  }
  if (rng.chance(noise.upper)) {
    given = given.toUpperCase();
    family = family.toUpperCase();
  } else if (rng.chance(noise.lower)) {
    given = given.toLowerCase();
    family = family.toLowerCase();
  }
  if (p.market === 'VN' && rng.chance(noise.vnSwap)) {
    count(ctx, 'vietnameseNameOrderSwapped');
    return { given: family, family: given };
  }
  return { given, family };
}

/** The same address with different case or stray whitespace, as typed at a till or imported. */
function emailVariant(rng: Rng, email: string): string {
  const [local = '', domain = ''] = email.split('@');
  switch (rng.int(0, 4)) {
    case 0:
      return local.replace(/(^|[._])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase()) + '@' + domain;
    case 1:
      return email.toUpperCase();
    case 2:
      return `${local}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
    case 3:
      return ` ${email}`;
    default:
      return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain} `;
  }
}

function shownEmail(rng: Rng, ctx: GenContext, email: string, rate: number): string {
  if (!rng.chance(rate)) return email;
  count(ctx, 'emailCaseOrWhitespaceVariants');
  return emailVariant(rng, email);
}

function roundMoney(hundredths: number, currency: Currency): number {
  return currency === 'VND' ? Math.round(hundredths / 100) * 100 : Math.round(hundredths);
}

// ---------------------------------------------------------------------------------------------
// CRM (HubSpot)

export function writeCrm(rng: Rng, ctx: GenContext, p: Person): string[] {
  const info = MARKET_INFO[p.market];
  const duplicate = rng.chance(0.08);
  const ids: string[] = [];
  const contacts = duplicate ? 2 : 1;
  if (duplicate) count(ctx, 'crmDuplicateContacts');
  let lastCreated = p.sinceMs;
  for (let c = 0; c < contacts; c++) {
    const id = rng.chance(0.1) ? ctx.ids.bigContact(rng) : String(ctx.ids.step(rng, 'hubspotContact', 40));
    const created = c === 0 ? between(rng, p.sinceMs, Math.min(BASE_MS - DAY, p.sinceMs + 120 * DAY)) : between(rng, lastCreated + DAY, BASE_MS - HOUR);
    lastCreated = created;
    const name = shownName(rng, ctx, p, 'crm');
    const familyRecord = p.familyPhoneIn === 'crm' && c === 0;
    let email: string | null = c === 0 ? p.email : p.workEmail;
    if (c === 0 && !familyRecord && rng.chance(0.05)) email = null;
    if (email && !familyRecord && rng.chance(0.01)) {
      const junk = JUNK_EMAILS.find((e) => !ctx.crmJunkEmailsUsed.has(e));
      if (junk) {
        ctx.crmJunkEmailsUsed.add(junk);
        email = junk;
        count(ctx, 'junkEmails');
      }
    }
    if (email) email = shownEmail(rng, ctx, email, 0.06);
    let phone: string | null = null;
    let mobile: string | null = null;
    const hasPhone = familyRecord || duplicate || !email || rng.chance(0.8);
    if (hasPhone) {
      let typed = typedPhone(rng, p.market, p.phone);
      if (!familyRecord && rng.chance(0.005)) {
        typed = JUNK_PHONES[0]!;
        count(ctx, 'junkPhones');
      }
      if (rng.chance(0.6)) mobile = typed;
      else phone = typed;
    }
    const hasAddress = rng.chance(0.6);
    const updated = between(rng, created, BASE_MS - MINUTE);
    const lifecycle = p.systems.has('shop') || p.systems.has('pos') ? 'customer' : rng.pick(['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity']);
    ctx.out['crm/contacts'].write({
      id,
      properties: {
        address: hasAddress ? p.street : null,
        city: hasAddress || rng.chance(0.3) ? rng.pick(p.city.spellings) : null,
        country: rng.chance(0.9) ? info.country : null,
        createdate: isoMs(created),
        email,
        firstname: name.given,
        hs_email_optout: rng.chance(0.08) ? 'true' : 'false',
        hs_object_id: id,
        lastmodifieddate: isoMs(updated),
        lastname: name.family,
        lifecyclestage: c === 1 ? 'lead' : lifecycle,
        mobilephone: mobile,
        phone,
        zip: hasAddress ? p.zip : null,
      },
      createdAt: isoMs(created),
      updatedAt: isoMs(updated),
      archived: false,
    });
    truth(ctx, p, 'crm', id);
    ids.push(id);
    writeEngagements(rng, ctx, p, id, created, name.given ?? p.given);
  }
  return ids;
}

function engagementBase(id: string, at: number, owner: string) {
  return { hs_timestamp: isoMs(at), hubspot_owner_id: owner, hs_object_id: id, hs_createdate: isoMs(at), hs_lastmodifieddate: isoMs(at + MINUTE) };
}

function writeEngagements(rng: Rng, ctx: GenContext, p: Person, contactId: string, created: number, firstName: string): void {
  const values = () => {
    const v = pickVariant(rng, ctx.catalog);
    const store = rng.pick(ctx.catalog.locationsByMarket[p.market]).store.name;
    return {
      product: v.product.title,
      size: v.size,
      store,
      name: firstName,
      city: p.cityName,
      order: `#${rng.int(1001, 1001 + Math.max(10, ctx.ids.orderNumber - 1000))}`,
      channel: rng.pick(['email', 'phone', 'LINE', 'Messenger', 'SMS', p.market === 'VN' ? 'Zalo' : 'WhatsApp']),
    };
  };
  const assoc = { contacts: [contactId] };
  const owner = rng.pick(OWNERS);
  const when = () => between(rng, created, BASE_MS - MINUTE);

  for (let i = rng.weighted([[0, 35], [1, 35], [2, 20], [3, 10]] as const); i > 0; i--) {
    const id = String(ctx.ids.step(rng, 'hubspotNote', 200));
    const at = when();
    ctx.out['crm/notes'].write({
      id,
      properties: { ...engagementBase(id, at, owner), hs_note_body: fill(rng.pick(NOTES), values()) },
      createdAt: isoMs(at),
      updatedAt: isoMs(at + MINUTE),
      archived: false,
      associations: assoc,
    });
  }
  for (let i = rng.weighted([[0, 55], [1, 30], [2, 15]] as const); i > 0; i--) {
    const id = String(ctx.ids.step(rng, 'hubspotCall', 200));
    const at = when();
    const status = rng.weighted(CALL_STATUSES);
    const v = values();
    ctx.out['crm/calls'].write({
      id,
      properties: {
        ...engagementBase(id, at, owner),
        hs_call_title: fill(rng.pick(CALL_TITLES), v),
        hs_call_body: fill(rng.pick(CALL_BODIES), v),
        hs_call_direction: rng.chance(0.6) ? 'INBOUND' : 'OUTBOUND',
        hs_call_duration: String(status === 'COMPLETED' ? rng.int(30, 900) * 1000 : 0),
        hs_call_status: status,
      },
      createdAt: isoMs(at),
      updatedAt: isoMs(at + MINUTE),
      archived: false,
      associations: assoc,
    });
  }
  for (let i = rng.weighted([[0, 40], [1, 30], [2, 20], [3, 10]] as const); i > 0; i--) {
    const id = String(ctx.ids.step(rng, 'hubspotEmail', 200));
    const at = when();
    const incoming = rng.chance(0.35);
    const v = values();
    ctx.out['crm/emails'].write({
      id,
      properties: {
        ...engagementBase(id, at, owner),
        hs_email_subject: fill(rng.pick(incoming ? EMAIL_SUBJECTS_IN : EMAIL_SUBJECTS_OUT), v),
        hs_email_text: fill(rng.pick(EMAIL_TEXT), { ...v, line: fill(rng.pick(EMAIL_LINES), v) }),
        hs_email_direction: incoming ? 'INCOMING_EMAIL' : 'EMAIL',
        hs_email_status: incoming ? null : rng.chance(0.97) ? 'SENT' : 'BOUNCED',
      },
      createdAt: isoMs(at),
      updatedAt: isoMs(at + MINUTE),
      archived: false,
      associations: assoc,
    });
  }
  for (let i = rng.weighted([[0, 72], [1, 23], [2, 5]] as const); i > 0; i--) {
    const id = String(ctx.ids.step(rng, 'hubspotTicket', 50));
    const at = when();
    const [subject, content, category] = rng.pick(TICKETS);
    const recent = BASE_MS - at < 21 * DAY;
    const open = rng.chance(recent ? 0.75 : 0.08);
    const stage = open ? rng.pick(['1', '2', '3']) : '4';
    const modified = open ? between(rng, at, BASE_MS - MINUTE) : at + rng.int(1, 240) * HOUR;
    if (open) count(ctx, 'openTickets');
    ctx.out['crm/tickets'].write({
      id,
      properties: {
        subject,
        content: fill(content, values()),
        hs_pipeline: '0',
        hs_pipeline_stage: stage,
        hs_ticket_priority: rng.weighted([['LOW', 30], ['MEDIUM', 50], ['HIGH', 20]] as const),
        hs_ticket_category: category,
        hubspot_owner_id: owner,
        createdate: isoMs(at),
        closed_date: open ? null : isoMs(modified),
        hs_lastmodifieddate: isoMs(modified),
        hs_object_id: id,
      },
      createdAt: isoMs(at),
      updatedAt: isoMs(modified),
      archived: false,
      associations: assoc,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Web shop (Shopify)

const SHIPPING: Record<Currency, { fee: number; freeFrom: number }> = {
  THB: { fee: 5_000, freeFrom: 100_000 },
  VND: { fee: 30_000_00, freeFrom: 500_000_00 },
  PLN: { fee: 1_499, freeFrom: 19_900 },
};
const DISCOUNT_CODES = ['WELCOME10', 'SONGKRAN10', 'TET10', 'BLACKFRIDAY10', 'APP10'];

export function writeShop(rng: Rng, ctx: GenContext, p: Person): number {
  const info = MARKET_INFO[p.market];
  const currency = info.currency;
  const customerId = ctx.ids.step(rng, 'shopCustomer', 10_000);
  const addressId = ctx.ids.step(rng, 'shopAddress', 10_000);
  const created = between(rng, p.sinceMs, Math.min(BASE_MS - 2 * DAY, p.sinceMs + 200 * DAY));
  const name = shownName(rng, ctx, p, 'shop');
  const email = p.email;
  // Shopify keeps customer phones unique and in E.164: only the household head holds a shared number.
  const phone = p.household !== 'member' && rng.chance(0.55) ? e164(p.market, p.phone) : null;
  const addressPhone = rng.chance(0.7) ? typedPhone(rng, p.market, p.phone) : null;
  const address = {
    id: addressId,
    customer_id: customerId,
    first_name: name.given,
    last_name: name.family,
    company: null,
    address1: p.street,
    address2: null,
    city: rng.pick(p.city.spellings),
    province: p.city.province,
    country: info.countryName,
    zip: p.zip,
    phone: addressPhone,
    name: `${name.given} ${name.family}`,
    province_code: p.city.provinceCode ? p.city.provinceCode.slice(3) : null,
    country_code: info.country,
    country_name: info.countryName,
    default: true,
  };
  const customerRef = {
    id: customerId,
    email,
    created_at: shopifyTime(created),
    first_name: name.given,
    last_name: name.family,
    state: 'enabled',
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone,
    currency,
    admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
  };

  const orderCount = rng.weighted([[1, 45], [2, 25], [3, 15], [4, 10], [5, 5]] as const);
  const times: number[] = [];
  for (let i = 0; i < orderCount; i++) times.push(between(rng, created + HOUR, BASE_MS - HOUR));
  times.sort((a, b) => a - b);
  let spent = 0;
  let lastOrder: { id: number; name: string } | null = null;
  let updated = created;
  const acceptsMarketing = rng.chance(0.4);
  for (const at of times) {
    const orderId = ctx.ids.step(rng, 'shopOrder', 5_000);
    const number = ++ctx.ids.orderNumber;
    const lines = rng.weighted([[1, 50], [2, 30], [3, 14], [4, 6]] as const);
    const age = BASE_MS - at;
    let financial: string = age < 3 * DAY && rng.chance(0.3) ? 'pending' : rng.weighted([['paid', 91], ['refunded', 4], ['partially_refunded', 3], ['voided', 2]] as const);
    if (financial === 'voided' && age < DAY) financial = 'pending';
    const cancelled = financial === 'voided';
    const fulfilled = !cancelled && financial !== 'pending' && (age > 5 * DAY ? rng.chance(0.97) : rng.chance(0.4));
    const fulfillment = cancelled ? null : fulfilled ? 'fulfilled' : financial === 'paid' && rng.chance(0.05) ? 'partial' : null;
    const lineItems = [];
    let subtotal = 0;
    let grams = 0;
    for (let l = 0; l < lines; l++) {
      const v: Variant = pickVariant(rng, ctx.catalog);
      const quantity = rng.chance(0.82) ? 1 : 2;
      const price = v.web[currency];
      subtotal += price * quantity;
      grams += v.grams * quantity;
      lineItems.push({
        id: ctx.ids.step(rng, 'shopLineItem', 5_000),
        admin_graphql_api_id: `gid://shopify/LineItem/${ctx.ids.shopLineItem}`,
        fulfillable_quantity: fulfillment === 'fulfilled' || cancelled ? 0 : quantity,
        fulfillment_service: 'manual',
        fulfillment_status: fulfillment === 'fulfilled' ? 'fulfilled' : null,
        gift_card: false,
        grams: v.grams,
        name: `${v.product.title} - ${v.title}`,
        price: decimal(price),
        product_exists: true,
        product_id: v.product.shopId,
        quantity,
        requires_shipping: true,
        sku: v.sku,
        taxable: true,
        title: v.product.title,
        total_discount: '0.00',
        variant_id: v.shopId,
        variant_title: v.title,
        vendor: v.product.vendor,
      });
    }
    const code = rng.chance(0.12) ? rng.pick(DISCOUNT_CODES) : null;
    const discount = code ? roundMoney(subtotal * 0.1, currency) : 0;
    const shippingFee = subtotal - discount >= SHIPPING[currency].freeFrom ? 0 : SHIPPING[currency].fee;
    const total = subtotal - discount + shippingFee;
    const tax = roundMoney((total * info.taxRate) / (1 + info.taxRate), currency);
    if (!cancelled && financial !== 'refunded') spent += total;
    const orderName = `#${number}`;
    const processed = at;
    const orderUpdated = fulfilled ? at + rng.int(1, 72) * HOUR : at + rng.int(1, 60) * MINUTE;
    updated = Math.max(updated, Math.min(orderUpdated, BASE_MS - MINUTE));
    lastOrder = { id: orderId, name: orderName };
    const shipping = { first_name: name.given, last_name: name.family, address1: p.street, address2: null, city: address.city, zip: p.zip, province: address.province, country: info.countryName, country_code: info.country, province_code: address.province_code, phone: addressPhone, name: address.name, company: null };
    ctx.out['shop/orders'].write({
      id: orderId,
      admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
      name: orderName,
      number: number - 1000,
      order_number: number,
      email,
      contact_email: email,
      phone: phone,
      created_at: shopifyTime(at),
      updated_at: shopifyTime(Math.min(orderUpdated, BASE_MS - MINUTE)),
      processed_at: shopifyTime(processed),
      closed_at: fulfilled && financial === 'paid' && age > 10 * DAY ? shopifyTime(Math.min(orderUpdated, BASE_MS - MINUTE)) : null,
      cancelled_at: cancelled ? shopifyTime(Math.min(at + rng.int(1, 24) * HOUR, BASE_MS - MINUTE)) : null,
      cancel_reason: cancelled ? rng.pick(['customer', 'declined', 'inventory']) : null,
      currency,
      presentment_currency: currency,
      financial_status: financial,
      fulfillment_status: fulfillment,
      source_name: 'web',
      confirmed: true,
      test: false,
      taxes_included: true,
      buyer_accepts_marketing: acceptsMarketing,
      customer_locale: rng.chance(0.8) ? info.languageCode.slice(0, 2) : 'en',
      subtotal_price: decimal(subtotal - discount),
      total_line_items_price: decimal(subtotal),
      total_discounts: decimal(discount),
      total_tax: decimal(tax),
      total_price: decimal(total),
      total_weight: grams,
      tags: '',
      note: null,
      discount_codes: code ? [{ code, amount: decimal(discount), type: 'percentage' }] : [],
      shipping_lines: [
        {
          id: ctx.ids.step(rng, 'shopShippingLine', 5_000),
          title: 'Standard delivery',
          code: 'Standard',
          price: decimal(shippingFee),
          source: 'shopify',
        },
      ],
      billing_address: shipping,
      shipping_address: shipping,
      customer: customerRef,
      line_items: lineItems,
    });
  }

  ctx.out['shop/customers'].write({
    id: customerId,
    email,
    created_at: shopifyTime(created),
    updated_at: shopifyTime(updated),
    first_name: name.given,
    last_name: name.family,
    orders_count: orderCount,
    state: 'enabled',
    total_spent: decimal(spent),
    last_order_id: lastOrder?.id ?? null,
    note: null,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    tags: [spent > 10 * SHIPPING[currency].freeFrom ? 'vip' : null, acceptsMarketing ? 'newsletter' : null].filter(Boolean).join(', '),
    last_order_name: lastOrder?.name ?? null,
    currency,
    phone,
    addresses: [address],
    email_marketing_consent: {
      state: acceptsMarketing ? 'subscribed' : rng.chance(0.2) ? 'unsubscribed' : 'not_subscribed',
      opt_in_level: acceptsMarketing ? 'single_opt_in' : null,
      consent_updated_at: acceptsMarketing ? shopifyTime(created) : null,
    },
    sms_marketing_consent: phone
      ? { state: rng.chance(0.3) ? 'subscribed' : 'not_subscribed', opt_in_level: 'single_opt_in', consent_updated_at: null, consent_collected_from: 'OTHER' }
      : null,
    admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
    default_address: address,
  });
  truth(ctx, p, 'shop', String(customerId));
  return customerId;
}

// ---------------------------------------------------------------------------------------------
// POS (Square)

export interface PosState {
  /** The household's shared phone already carries a loyalty account (Square: one per number). */
  loyaltyPhones: Set<string>;
}

export function writePos(rng: Rng, ctx: GenContext, p: Person, crmIds: string[], state: PosState): string[] {
  const familyRecord = p.familyPhoneIn === 'pos';
  const walkIn = !familyRecord && rng.chance(0.15);
  const extraWalkIn = !walkIn && !familyRecord && rng.chance(0.03);
  const ids: string[] = [];
  ids.push(posCustomer(rng, ctx, p, crmIds, state, walkIn, familyRecord));
  if (extraWalkIn) {
    count(ctx, 'posExtraWalkInRecords');
    ids.push(posCustomer(rng, ctx, p, crmIds, state, true, false));
  }
  return ids;
}

function posCustomer(rng: Rng, ctx: GenContext, p: Person, crmIds: string[], state: PosState, walkIn: boolean, familyRecord: boolean): string {
  const info = MARKET_INFO[p.market];
  const id = rng.crockford(26);
  const created = between(rng, p.sinceMs, BASE_MS - DAY);
  const customer: Record<string, unknown> = { id, created_at: isoMs(created), updated_at: isoMs(created) };
  let phoneTyped: string | null = typedPhone(rng, p.market, p.phone);
  let realPhone = true;
  let creation = 'DIRECTORY';
  if (walkIn) {
    count(ctx, 'posWalkIns');
    // Known by phone only: no email, no name or just the first name (or a Thai nickname).
    const r = rng.next();
    if (r < 0.45) {
      customer.given_name = p.nickname && rng.chance(0.4) ? p.nickname : shownName(rng, ctx, p, 'pos').given!;
    }
  } else {
    const name = shownName(rng, ctx, p, 'pos');
    customer.given_name = name.given;
    customer.family_name = name.family;
    let email: string | null = familyRecord || rng.chance(0.7) ? p.email : null;
    if (!familyRecord && rng.chance(0.012)) {
      email = rng.pick(JUNK_EMAILS);
      count(ctx, 'junkEmails');
    }
    if (email) customer.email_address = shownEmail(rng, ctx, email, 0.25);
    if (!familyRecord && email && !JUNK_EMAILS.includes(email) && rng.chance(0.1)) phoneTyped = null;
  }
  if (phoneTyped && !familyRecord && rng.chance(0.01)) {
    phoneTyped = JUNK_PHONES[0]!;
    realPhone = false;
    count(ctx, 'junkPhones');
  }
  if (phoneTyped) customer.phone_number = phoneTyped;
  if (!walkIn && rng.chance(0.35)) {
    customer.address = { address_line_1: p.street, locality: rng.pick(p.city.spellings), postal_code: p.zip, country: info.country };
  }
  if (!walkIn && rng.chance(0.2)) customer.birthday = isoDate(p.birthMs);
  if (!walkIn && crmIds.length > 0 && rng.chance(0.3)) {
    customer.reference_id = `crm:${rng.pick(crmIds)}`;
    creation = 'THIRD_PARTY';
    count(ctx, 'posCrmReferences');
  }
  if (!walkIn && rng.chance(0.05)) customer.note = rng.pick(['Prefers size M', 'Regular at the store', 'Asked for e-receipts', 'Birthday in ' + new Date(p.birthMs).toISOString().slice(5, 7)]);
  customer.preferences = { email_unsubscribed: rng.chance(0.1) };

  // Loyalty by phone: Square allows one account per number, so a shared family phone gets one.
  const loyaltyPhone = e164(p.market, p.phone);
  const loyalty = realPhone && phoneTyped !== null && !state.loyaltyPhones.has(loyaltyPhone) && rng.chance(walkIn ? 0.6 : 0.35);
  if (loyalty) creation = walkIn ? 'LOYALTY' : creation;
  customer.creation_source = creation;

  const preferred = ctx.catalog.locationsByMarket[p.market].find((l) => l.store.key === p.city.store)!;
  const others = ctx.catalog.locationsByMarket[p.market].filter((l) => l !== preferred);
  const orderCount = walkIn ? rng.int(1, 3) : rng.weighted([[1, 30], [2, 25], [3, 18], [4, 12], [5, 9], [6, 6]] as const);
  let lastOrder = created;
  let lifetime = 0;
  const times: number[] = [];
  for (let i = 0; i < orderCount; i++) times.push(i === 0 ? created + rng.int(0, 30) * MINUTE : between(rng, created, BASE_MS - HOUR));
  times.sort((a, b) => a - b);
  for (const at of times) {
    const location = rng.chance(0.8) || others.length === 0 ? preferred : rng.pick(others);
    lifetime += writePosOrder(rng, ctx, id, location, at);
    lastOrder = Math.max(lastOrder, at);
  }
  customer.updated_at = isoMs(Math.min(lastOrder + rng.int(0, 60) * MINUTE, BASE_MS - MINUTE));
  customer.version = rng.int(0, 6);
  ctx.out['pos/customers'].write(customer);
  truth(ctx, p, 'pos', id);

  if (loyalty) {
    state.loyaltyPhones.add(loyaltyPhone);
    count(ctx, 'loyaltyAccounts');
    const enrolled = created + rng.int(0, 10) * MINUTE;
    const points = Math.floor(lifetime / (info.currency === 'VND' ? 10_000_00 : info.currency === 'PLN' ? 1_000 : 10_000));
    ctx.out['pos/loyalty_accounts'].write({
      id: rng.uuid(),
      program_id: ctx.catalog.loyaltyProgramId,
      balance: Math.max(0, points - rng.int(0, points)),
      lifetime_points: points,
      customer_id: id,
      enrolled_at: isoMs(enrolled),
      created_at: isoMs(enrolled),
      updated_at: isoMs(Math.min(lastOrder + MINUTE, BASE_MS - MINUTE)),
      mapping: { id: rng.uuid(), created_at: isoMs(enrolled), phone_number: loyaltyPhone },
    });
  }
  return id;
}

/** Writes one store sale; returns its total in hundredths. */
function writePosOrder(rng: Rng, ctx: GenContext, customerId: string, location: PosLocation, at: number): number {
  const currency = location.currency;
  const info = MARKET_INFO[location.store.market];
  const orderId = rng.mixedAlnum(27);
  const lines = rng.weighted([[1, 55], [2, 28], [3, 12], [4, 5]] as const);
  let total = 0;
  const lineItems = [];
  for (let l = 0; l < lines; l++) {
    const v = pickVariant(rng, ctx.catalog);
    const quantity = rng.chance(0.85) ? 1 : 2;
    const price = v.pos[currency];
    const gross = price * quantity;
    const tax = roundMoney((gross * info.taxRate) / (1 + info.taxRate), currency);
    total += gross;
    lineItems.push({
      uid: rng.uuid(),
      catalog_object_id: v.squareId,
      catalog_version: v.product.updatedMs,
      name: v.product.title,
      variation_name: v.title,
      quantity: String(quantity),
      item_type: 'ITEM',
      base_price_money: squareMoney(price, currency),
      variation_total_price_money: squareMoney(gross, currency),
      gross_sales_money: squareMoney(gross, currency),
      total_tax_money: squareMoney(tax, currency),
      total_discount_money: squareMoney(0, currency),
      total_money: squareMoney(gross, currency),
    });
  }
  const tax = roundMoney((total * info.taxRate) / (1 + info.taxRate), currency);
  const closed = at + rng.int(1, 5) * MINUTE;
  const card = rng.chance(0.65);
  ctx.out['pos/orders'].write({
    id: orderId,
    location_id: location.id,
    customer_id: customerId,
    source: { name: 'Point of Sale' },
    state: 'COMPLETED',
    version: 4,
    line_items: lineItems,
    total_money: squareMoney(total, currency),
    total_tax_money: squareMoney(tax, currency),
    total_discount_money: squareMoney(0, currency),
    total_tip_money: squareMoney(0, currency),
    total_service_charge_money: squareMoney(0, currency),
    tenders: [
      {
        id: rng.mixedAlnum(27),
        location_id: location.id,
        transaction_id: orderId,
        created_at: isoMs(closed),
        amount_money: squareMoney(total, currency),
        customer_id: customerId,
        type: card ? 'CARD' : 'CASH',
        ...(card
          ? { card_details: { status: 'CAPTURED', card: { card_brand: rng.pick(['VISA', 'MASTERCARD', 'JCB', 'AMERICAN_EXPRESS']), last_4: rng.digits(4) }, entry_method: rng.pick(['CONTACTLESS', 'EMV']) } }
          : { cash_details: { buyer_tendered_money: squareMoney(total, currency), change_back_money: squareMoney(0, currency) } }),
      },
    ],
    created_at: isoMs(at),
    updated_at: isoMs(closed),
    closed_at: isoMs(closed),
  });
  return total;
}

// ---------------------------------------------------------------------------------------------
// Social messaging (Messenger, Instagram, LINE, Zalo)

const PLATFORM_WEIGHTS: Record<Market, readonly (readonly [Platform, number])[]> = {
  TH: [['messenger', 45], ['line', 40], ['instagram', 15]],
  VN: [['messenger', 45], ['zalo', 40], ['instagram', 15]],
  PL: [['messenger', 70], ['instagram', 30]],
};

function socialId(rng: Rng, ctx: GenContext, platform: Platform): string {
  switch (platform) {
    case 'messenger':
      return String(ctx.ids.step(rng, 'psid', 1_000_000));
    case 'instagram':
      return `1784${String(ctx.ids.step(rng, 'igsid', 1_000_000)).padStart(13, '0')}`;
    case 'line':
      return `U${rng.hex(32)}`;
    case 'zalo':
      return `50${String(ctx.ids.step(rng, 'zalo', 1_000_000)).padStart(17, '0')}`;
  }
}

function profilePic(rng: Rng, platform: Platform, id: string): string {
  switch (platform) {
    case 'messenger':
      return `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${id}&width=1024&ext=${1_790_000_000 + rng.int(0, 9_999_999)}&hash=${rng.base64url(22)}`;
    case 'instagram':
      return `https://scontent.cdninstagram.com/v/t51.2885-19/${rng.digits(9)}_${rng.digits(17)}_n.jpg`;
    case 'line':
      return `https://profile.line-scdn.net/0h${rng.base64url(40)}`;
    case 'zalo':
      return `https://s120-ava-talk.zadn.vn/${rng.hex(1)}/${rng.hex(1)}/${rng.hex(32)}.jpg`;
  }
}

/** How a person names themselves on a platform: no email, no phone, a name at most. */
function profileName(rng: Rng, ctx: GenContext, p: Person, platform: Platform): { first: string; last: string } {
  const shown = shownName(rng, ctx, p, 'social');
  const given = shown.given ?? p.given;
  const family = shown.family ?? p.family;
  if (p.nickname && rng.chance(platform === 'line' ? 0.5 : 0.3)) {
    count(ctx, 'socialNicknames');
    return rng.chance(0.5) ? { first: p.nickname, last: '' } : { first: p.nickname, last: given };
  }
  switch (platform) {
    case 'messenger':
      return { first: given, last: family };
    case 'instagram':
      return rng.chance(0.6) ? { first: given, last: family } : { first: given, last: `${family.charAt(0)}.` };
    case 'line':
      return rng.chance(0.5) ? { first: given, last: '' } : { first: given, last: family };
    case 'zalo':
      // Vietnamese order on Zalo: family name first.
      return rng.chance(0.6) ? { first: family, last: given } : { first: given, last: '' };
  }
}

export function writeSocial(rng: Rng, ctx: GenContext, p: Person, shopCustomerId: number | null): void {
  const wantsReferral = shopCustomerId !== null && rng.chance(p.allFour ? 0.92 : 0.75);
  const platforms: Platform[] = [];
  const available = PLATFORM_WEIGHTS[p.market];
  platforms.push(wantsReferral ? (rng.chance(0.8) ? 'messenger' : 'instagram') : rng.weighted(available));
  if (rng.chance(0.2)) {
    const rest = available.filter(([pl]) => pl !== platforms[0]);
    platforms.push(rng.weighted(rest));
    count(ctx, 'socialSecondProfiles');
  }
  platforms.forEach((platform, i) => {
    const page = ctx.pages[p.market].find((pg) => pg.platform === platform)!;
    const id = socialId(rng, ctx, platform);
    const { first, last } = profileName(rng, ctx, p, platform);
    const name = last ? `${first} ${last}` : first;
    const locale = rng.chance(0.85) ? MARKET_INFO[p.market].locale : 'en_US';
    ctx.out['social/profiles'].write({ id, first_name: first, last_name: last, name, profile_pic: profilePic(rng, platform, id), locale, page_id: page.id, platform });
    truth(ctx, p, systemOfPlatform(platform), id);

    // One conversation with the page.
    const start = between(rng, p.sinceMs, BASE_MS - HOUR);
    const messages = rng.int(2, 8);
    const conversationId = `t_${ctx.ids.step(rng, 'conversation', 1_000_000)}`;
    let at = start;
    const values = () => {
      const v = pickVariant(rng, ctx.catalog);
      return { product: v.product.title, size: v.size, n: rng.int(1, 9), store: rng.pick(ctx.catalog.locationsByMarket[p.market]).store.name, city: p.cityName };
    };
    let lastFromCustomer = false;
    for (let m = 0; m < messages; m++) {
      const fromCustomer = m % 2 === 0 || rng.chance(0.2);
      lastFromCustomer = fromCustomer;
      const withEmail = platform === 'messenger';
      const customerParty = withEmail ? { id, name, email: `${id}@facebook.com` } : { id, name };
      const pageParty = withEmail ? { id: page.id, name: page.name, email: `${page.id}@facebook.com` } : { id: page.id, name: page.name };
      ctx.out['social/messages'].write({
        id: `m_${rng.base64url(43)}`,
        created_time: metaTime(at),
        from: fromCustomer ? customerParty : pageParty,
        to: { data: [fromCustomer ? { id: page.id, name: page.name } : { id, name }] },
        message: chatLine(rng, p.market, fromCustomer, values()),
        conversation_id: conversationId,
      });
      if (m < messages - 1) at = Math.min(at + rng.int(1, 240) * MINUTE, BASE_MS - MINUTE);
    }
    ctx.out['social/conversations'].write({
      id: conversationId,
      participants: { data: [{ id, name }, { id: page.id, name: page.name }] },
      updated_time: metaTime(at),
      message_count: messages,
      unread_count: lastFromCustomer && BASE_MS - at < 3 * DAY ? rng.int(1, 2) : 0,
      page_id: page.id,
      platform,
    });

    // Referrals (Messenger/Instagram only): the link back to the web shop, or a plain ad click.
    if (platform !== 'messenger' && platform !== 'instagram') return;
    const refAt = start - rng.int(0, 120) * MINUTE;
    if (i === 0 && wantsReferral) {
      count(ctx, 'shopReferrals');
      const ads = rng.chance(0.5);
      const ad = rng.pick(ctx.ads[p.market]);
      ctx.out['social/referrals'].write({
        sender: { id },
        recipient: { id: page.id },
        timestamp: refAt,
        referral: ads
          ? { ref: `shop-customer-${shopCustomerId}`, ad_id: ad.id, source: 'ADS', type: 'OPEN_THREAD', ads_context_data: { ad_title: ad.title } }
          : { ref: `shop-customer-${shopCustomerId}`, source: 'SHORTLINK', type: 'OPEN_THREAD' },
      });
    } else if (rng.chance(0.25)) {
      const ad = rng.pick(ctx.ads[p.market]);
      count(ctx, 'adReferrals');
      ctx.out['social/referrals'].write({
        sender: { id },
        recipient: { id: page.id },
        timestamp: refAt,
        referral: { ad_id: ad.id, source: 'ADS', type: 'OPEN_THREAD', ads_context_data: { ad_title: ad.title } },
      });
    }
  });
}

/** Pages of the retailer, per market; and the ads that bring people to them. */
export function buildPagesAndAds(rng: Rng): { pages: Record<Market, Page[]>; ads: Record<Market, Ad[]> } {
  const page = (market: Market, platform: Platform): Page => {
    switch (platform) {
      case 'messenger':
        return { id: `10${rng.digits(13)}`, name: `Omni Store ${market}`, platform, market };
      case 'instagram':
        return { id: `178414${rng.digits(11)}`, name: `omnistore.${market.toLowerCase()}`, platform, market };
      case 'line':
        return { id: `U${rng.hex(32)}`, name: `Omni Store ${market} LINE OA`, platform, market };
      case 'zalo':
        return { id: `4${rng.digits(18)}`, name: `Omni Store ${market} Zalo OA`, platform, market };
    }
  };
  const pages = {
    TH: [page('TH', 'messenger'), page('TH', 'instagram'), page('TH', 'line')],
    VN: [page('VN', 'messenger'), page('VN', 'instagram'), page('VN', 'zalo')],
    PL: [page('PL', 'messenger'), page('PL', 'instagram')],
  };
  const titles: Record<Market, string[]> = {
    TH: ['Songkran Sale: up to 50% off', 'New Linen Collection', 'Free delivery over 1,000 THB', '11.11 Mega Sale', 'Back to School Tees'],
    VN: ['Tết Sale: giảm đến 50%', 'Bộ sưu tập Linen mới', 'Miễn phí giao hàng từ 500.000₫', 'Siêu sale 11.11', 'Áo thun đi học'],
    PL: ['Wyprzedaż do -50%', 'Nowa kolekcja lnu', 'Darmowa dostawa od 199 zł', 'Black Friday', 'Powrót do szkoły'],
  };
  const ads = Object.fromEntries(
    (Object.keys(titles) as Market[]).map((m) => [m, titles[m].map((title) => ({ id: `12020${rng.digits(13)}`, title }))]),
  ) as Record<Market, Ad[]>;
  return { pages, ads };
}

