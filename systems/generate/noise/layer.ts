import { asciiFold, emailToken, NAMES, pickFamily, pickGiven, type Market } from '../names.ts';
import type { Person, SystemName } from '../people.ts';
import { e164, formatPhone, typedPhone, type PhoneStyle } from '../phones.ts';
import { MARKET_INFO, STORES } from '../places.ts';
import { hashString, Rng } from '../prng.ts';
import { systemOfPlatform, type GenContext, type OutputKey, type RecordSystem } from '../records.ts';
import { BASE_MS, DAY, isoMs, YEAR } from '../time.ts';
import type { NdjsonWriter } from '../writer.ts';
import { NOISE_CLASSES, type NegativeClass, type NoiseRates } from './classes.ts';
import {
  COMMON_NAMES,
  COMPANY_WORDS,
  JUNK_EMAILS,
  JUNK_PHONES,
  OLD_DOMAINS,
  PL_DIMINUTIVES,
  PLUS_TAGS,
  ROLE_LOCALS,
  SHOP_CUSTOMER_EMAIL,
  SHOP_EMAIL,
  THAI_SCRIPT,
  TYPED_EMAIL_LINES,
  TYPED_PHONE_LINES,
  TYPO_DOMAINS,
} from './tables.ts';

/**
 * The noise layer of the generator: sits between the record builders (records.ts) and the
 * files. It sees every record of the current person just before it is written, rewrites
 * the fields its classes pick, adds the records some classes need (an old owner of a
 * recycled number, a second CRM contact) and writes one line per affected record to
 * `noise.ndjson`:
 *
 *   {"personId":"p-000123","system":"pos","externalId":"…","class":"store-email","value":"bangkok@omnistore.example","negative":"store"}
 *
 * `value` is the value the class put on the record (an address, an E.164 number, a name);
 * `negative` names the hard-negative group when the value is shared by different people;
 * `shared: true` marks a record that carries such a value as its own (a family phone's owner,
 * the current owner of a recycled number) without any noise of its own.
 *
 * With every rate at 0 the layer is not installed, and the default data set stays byte-identical.
 */

export interface NoiseTag {
  personId: string;
  system: RecordSystem;
  externalId: string;
  class: string;
  value?: string;
  negative?: NegativeClass;
  shared?: true;
}

type Rec = Record<string, any>;

interface RecordRef {
  system: RecordSystem;
  externalId: string;
}

/** What the layer remembers of a person after they are written: enough to lend their phone. */
interface PhoneOwner {
  id: string;
  market: Market;
  phone: string;
  records: RecordRef[];
  tagged: boolean;
}

/** The national significant number behind a typed phone of `market`, or null. */
export function nsnOf(raw: unknown, market: Market): string | null {
  if (typeof raw !== 'string') return null;
  const digits = raw.replace(/\D/g, '');
  const cc = MARKET_INFO[market].callingCode;
  if (raw.trim().startsWith('+')) return digits.startsWith(cc) ? digits.slice(cc.length) : null;
  if (market === 'PL') return digits.length === 9 ? digits : null;
  return digits.startsWith('0') ? digits.slice(1) : null;
}

/** Multipliers of the store-value rates, one per store (see storeHit). */
const STORE_HABITS = [0.15, 0.4, 0.8, 1.2, 1.6, 2.2] as const;

const LOCAL_STYLES: readonly PhoneStyle[] = ['local-plain', 'local-dashed', 'local-spaced', 'local-grouped'];

export class NoiseLayer {
  readonly stats: Record<string, number> = {};
  private readonly classSeeds = new Map<string, number>();
  private streams = new Map<string, Rng>();
  private scope = 'person';
  private seen: Partial<Record<SystemName, number>> = {};
  private p!: Person;
  /** Records of the current person, from the ground-truth lines. */
  private records: RecordRef[] = [];
  /** Records of the current person holding their own phone. */
  private ownPhone: RecordRef[] = [];
  private tags: NoiseTag[] = [];
  /** Person-level choices, made in `begin`. */
  private companyIn: SystemName | null = null;
  private companyAddress = '';
  private oldAddressIn: SystemName | null = null;
  private familyDonor: PhoneOwner | null = null;
  private familyIn: SystemName | null = null;
  private shopEmail: { from: string; to: string } | null | undefined;
  private crmEmails = new Set<string>();
  /** Social profile id → what to type in its conversation, and its shown name. */
  private social = new Map<string, { phone: string | null; email: string | null; name: string | null; typed: boolean; scope: string }>();
  private commonName: string | null = null;
  /** Shared values HubSpot and Shopify keep unique: each can sit on one record there. */
  private readonly unique = { crm: new Set<string>(), shop: new Set<string>() };
  private readonly recent: Partial<Record<Market, PhoneOwner>> = {};
  private readonly companies: Record<Market, number>;
  private hooksOn = true;
  private readonly storeHabit = new Map<string, number>();

  constructor(
    private readonly seed: number,
    people: number,
    private readonly rates: NoiseRates,
    private readonly ctx: GenContext,
    private readonly writer: NdjsonWriter,
  ) {
    for (const c of NOISE_CLASSES) this.classSeeds.set(c.id, (hashString(`noise:${c.id}`) ^ Math.imul(seed, 0x9e3779b1)) >>> 0);
    // About three colleagues per role address: companies scale with the people who use one.
    const share: Record<Market, number> = { TH: 0.4, VN: 0.3, PL: 0.3 };
    const rate = rates['company-email'] ?? 0;
    this.companies = Object.fromEntries((['TH', 'VN', 'PL'] as const).map((m) => [m, Math.max(2, Math.round((people * share[m] * rate) / 3))])) as Record<Market, number>;
  }

  /** Installs the hooks on the writers of the person-scaled files. */
  install(writers: Record<OutputKey, NdjsonWriter>, truth: NdjsonWriter): void {
    const on = (w: NdjsonWriter, fn: (r: Rec) => void) => {
      w.hook = (r) => {
        if (this.hooksOn) fn(r as Rec);
      };
    };
    on(writers['crm/contacts'], (r) => this.crmContact(r));
    on(writers['shop/customers'], (r) => this.shopCustomer(r));
    on(writers['shop/orders'], (r) => this.shopOrder(r));
    on(writers['pos/customers'], (r) => this.posCustomer(r));
    on(writers['social/profiles'], (r) => this.socialProfile(r));
    on(writers['social/messages'], (r) => this.socialMessage(r));
    on(writers['social/conversations'], (r) => this.socialConversation(r));
    on(writers['social/referrals'], (r) => this.socialReferral(r));
    truth.hook = (r) => {
      if (!this.hooksOn) return;
      const row = r as { system: RecordSystem; externalId: string };
      this.records.push({ system: row.system, externalId: row.externalId });
    };
  }

  /** The shop's own contact values (Shopify's Shop object), written to shop/shop.ndjson. */
  static shopObject(seed: number): Rec {
    const rng = new Rng(seed, hashString('shop-object'));
    return {
      id: 5_400_000_000 + rng.int(0, 99_999_999),
      name: 'Omni Store',
      email: SHOP_EMAIL,
      customer_email: SHOP_CUSTOMER_EMAIL,
      domain: 'shop.omnistore.example',
      myshopify_domain: 'omni-store.myshopify.com',
      phone: '+66 2 312 4000',
      country_code: 'TH',
      currency: 'THB',
      iana_timezone: 'Asia/Bangkok',
      plan_name: 'shopify_plus',
      created_at: '2023-11-01T10:00:00+07:00',
    };
  }

  private rate(id: string): number {
    return this.rates[id] ?? 0;
  }

  /**
   * The stream of one class for the current person and scope (`person`, or the record: `pos#0`,
   * `crm#1`, by order within the person). Each (class, person, record) has its own, so one
   * knob never moves another's draws, and a class's draws on one record never depend on what
   * happened to the person's other records.
   */
  private rng(id: string): Rng {
    const key = `${id}|${this.scope}`;
    let r = this.streams.get(key);
    if (!r) {
      r = new Rng((this.classSeeds.get(id)! ^ hashString(this.scope)) >>> 0, this.p.index);
      this.streams.set(key, r);
    }
    return r;
  }

  /** Enters the scope of the next record of `system` of the current person. */
  private enter(system: SystemName): void {
    const n = this.seen[system] ?? 0;
    this.seen[system] = n + 1;
    this.scope = `${system}#${n}`;
  }

  private hit(id: string): boolean {
    const rate = this.rate(id);
    return rate > 0 && this.rng(id).chance(rate);
  }

  /**
   * Store values are a habit of a store's cashiers, not of customers: each store has its own
   * propensity (a multiplier of the rate, from the seed), so some stores' own email sits on a
   * handful of records and others' on dozens.
   */
  private storeHit(id: 'store-email' | 'store-phone'): boolean {
    const rate = this.rate(id);
    if (rate <= 0) return false;
    const key = this.p.city.store;
    let m = this.storeHabit.get(`${id}|${key}`);
    if (m === undefined) {
      m = STORE_HABITS[((hashString(`${id}|${key}`) ^ this.seed) >>> 0) % STORE_HABITS.length]!;
      this.storeHabit.set(`${id}|${key}`, m);
    }
    return this.rng(id).chance(Math.min(1, rate * m));
  }

  private tag(ref: RecordRef, cls: string, value?: string, negative?: NegativeClass, shared = false, personId = this.p.id): void {
    const t: NoiseTag = { personId, system: ref.system, externalId: ref.externalId, class: cls };
    if (value !== undefined) t.value = value;
    if (negative) t.negative = negative;
    if (shared) t.shared = true;
    this.tags.push(t);
    if (!shared) this.stats[cls] = (this.stats[cls] ?? 0) + 1;
  }

  // -------------------------------------------------------------------------------------------
  // Per person

  begin(p: Person): void {
    this.p = p;
    this.streams = new Map();
    this.scope = 'person';
    this.seen = {};
    this.records = [];
    this.ownPhone = [];
    this.tags = [];
    this.shopEmail = undefined;
    this.crmEmails = new Set();
    this.social = new Map();
    this.commonName = null;

    if (this.hit('common-name')) {
      const rng = this.rng('common-name');
      const [given, family, middle] = rng.pick(COMMON_NAMES[p.market][p.gender]);
      p.given = given;
      p.family = family;
      if (p.market === 'VN') p.middle = middle ?? p.middle;
      p.maiden = null;
      p.maidenIn = new Set();
      const rename = (email: string) => {
        const [local = '', domain = ''] = email.split('@');
        const n = local.match(/\d+$/)?.[0] ?? '';
        return `${emailToken(given)}.${emailToken(family)}${n}@${domain}`;
      };
      p.email = rename(p.email);
      p.workEmail = rename(p.workEmail);
      this.commonName = asciiFold(`${given} ${family}`).toLowerCase();
    }

    const withEmail = [...p.systems].filter((s) => s !== 'social');
    this.companyIn = null;
    if (withEmail.length > 0 && this.hit('company-email')) {
      const rng = this.rng('company-email');
      this.companyIn = withEmail.includes('pos') && rng.chance(0.6) ? 'pos' : rng.pick(withEmail);
      this.companyAddress = this.companyEmail(p.market, rng.int(0, this.companies[p.market] - 1));
    }
    this.oldAddressIn = null;
    if (withEmail.length > 1 && this.hit('email-old-address')) this.oldAddressIn = this.rng('email-old-address').pick(withEmail);

    this.familyDonor = null;
    this.familyIn = null;
    const donor = this.recent[p.market];
    const phoneSystems = [...p.systems].filter((s): s is 'pos' | 'crm' => s === 'pos' || s === 'crm');
    if (donor && donor.phone !== p.phone && phoneSystems.length > 0 && this.hit('family-phone')) {
      this.familyDonor = donor;
      this.familyIn = this.rng('family-phone').pick(phoneSystems);
    }
  }

  /** Adds the records of the person-level classes and writes the person's noise lines. */
  finish(): void {
    const p = this.p;
    this.hooksOn = false;
    this.scope = 'person';
    try {
      if (this.hit('crm-second-contact') && p.systems.has('crm')) this.secondContact();
      if (this.ownPhone.length > 0 && this.hit('recycled-phone')) this.recycledPhone();
    } finally {
      this.hooksOn = true;
    }
    if (this.commonName) for (const ref of this.records) this.tag(ref, 'common-name', this.commonName, 'common-name');
    for (const t of this.tags) this.writer.write(t);
    // The family-phone donor's own records share the number: written once per donor.
    if (this.familyDonor && this.tags.some((t) => t.class === 'family-phone') && !this.familyDonor.tagged) {
      this.familyDonor.tagged = true;
      const value = e164(this.familyDonor.market, this.familyDonor.phone);
      for (const ref of this.familyDonor.records) this.writer.write({ personId: this.familyDonor.id, ...ref, class: 'family-phone', value, negative: 'family-phone', shared: true } satisfies NoiseTag);
    }
    if (this.ownPhone.length > 0) this.recent[p.market] = { id: p.id, market: p.market, phone: p.phone, records: [...this.ownPhone], tagged: false };
  }

  // -------------------------------------------------------------------------------------------
  // Values

  private companyEmail(market: Market, k: number): string {
    const words = COMPANY_WORDS[market];
    const a = words.a[k % words.a.length]!;
    const b = words.b[Math.floor(k / words.a.length) % words.b.length]!;
    const round = Math.floor(k / (words.a.length * words.b.length));
    const tld = words.tld[(k * 7 + 3) % words.tld.length]!;
    const local = ROLE_LOCALS[market][(k * 5 + 1) % ROLE_LOCALS[market].length]!;
    return `${local}@${a}${b}${round > 0 ? round + 1 : ''}.${tld}`;
  }

  private storeOf(): (typeof STORES)[number] {
    return STORES.find((s) => s.key === this.p.city.store)!;
  }

  private oldAddress(): string {
    const p = this.p;
    const year = new Date(p.birthMs).getUTCFullYear();
    return `${emailToken(p.given)}${emailToken(p.family).slice(0, 1)}${year}.${p.index.toString(36)}@${this.rng('email-old-address').pick(OLD_DOMAINS[p.market])}`;
  }

  /** One variant class applied to `email` (the person's own address), or null when none hits. */
  private variant(email: string): { cls: string; value: string } | null {
    const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
    if (domain === 'gmail.com') {
      if (this.hit('email-googlemail')) return { cls: 'email-googlemail', value: `${local}@googlemail.com` };
      if (this.hit('email-gmail-dots')) {
        const rng = this.rng('email-gmail-dots');
        const plain = local.replace(/\./g, '');
        let dotted = plain;
        if (local.includes('.') && rng.chance(0.6)) dotted = plain;
        else {
          const at = rng.int(1, Math.max(1, plain.length - 2));
          dotted = `${plain.slice(0, at)}.${plain.slice(at)}`;
        }
        if (dotted !== local) return { cls: 'email-gmail-dots', value: `${dotted}@gmail.com` };
      }
    }
    if (this.hit('email-plus-tag')) return { cls: 'email-plus-tag', value: `${local}+${this.rng('email-plus-tag').pick(PLUS_TAGS)}@${domain}` };
    const typos = TYPO_DOMAINS[domain];
    if (typos && this.hit('email-typo-domain')) return { cls: 'email-typo-domain', value: `${local}@${this.rng('email-typo-domain').pick(typos)}` };
    return null;
  }

  private junkEmail(system: SystemName): string | null {
    const options = JUNK_EMAILS[this.p.market].filter((e) => e.includes('@') && (system === 'pos' || !this.unique[system as 'crm' | 'shop'].has(e)));
    return options.length > 0 ? this.rng('junk-email').pick(options) : null;
  }

  /** Junk phones: free text in HubSpot; Square and Shopify validate numbers, so only digit runs there. */
  private junkPhone(system: SystemName): string {
    const options = JUNK_PHONES[this.p.market].filter((v) => system === 'crm' || /\d{6,}/.test(v));
    return this.rng('junk-phone').pick(options);
  }

  /**
   * The email a record of `system` ends with, by precedence: the person-level shared values,
   * the record-level shared values, the older address, then the variants. `current` is what
   * the builder wrote (null: none). Returns null when nothing changes.
   */
  private emailFor(system: SystemName, current: string | null, ref: RecordRef | null, walkIn: boolean): { value: string | null; cls: string; negative?: NegativeClass } | null {
    const p = this.p;
    const own = current !== null && current.trim().toLowerCase() === p.email;
    const free = (v: string) => system === 'pos' || !this.unique[system as 'crm' | 'shop'].has(v);
    if (this.companyIn === system && free(this.companyAddress) && (own || current === null)) {
      this.companyIn = null;
      return { value: this.companyAddress, cls: 'company-email', negative: 'company-email' };
    }
    if (system === 'pos' && this.storeHit('store-email')) {
      // Mostly the store's own address; sometimes the web shop's, which the cashier knows from the receipts.
      const value = this.rng('store-email').chance(0.15) ? SHOP_EMAIL : `${this.storeOf().key}@omnistore.example`;
      return { value, cls: 'store-email', negative: 'store' };
    }
    if (system !== 'pos' && current !== null && this.rate('store-email') > 0 && this.rng('store-email').chance(this.rate('store-email') / 20)) {
      // Staff create an account or a contact with the retailer's own address; HubSpot and Shopify keep it once.
      const value = system === 'shop' ? (free(SHOP_EMAIL) ? SHOP_EMAIL : SHOP_CUSTOMER_EMAIL) : `${this.storeOf().key}@omnistore.example`;
      if (free(value)) return { value, cls: 'store-email', negative: 'store' };
    }
    if (current === null && !walkIn) return null;
    if (current !== null && this.hit('junk-email')) {
      const junk = this.junkEmail(system);
      if (junk) return { value: junk, cls: 'junk-email', negative: 'junk' };
    }
    if (!own) return null;
    if (this.oldAddressIn === system) {
      this.oldAddressIn = null;
      return { value: this.oldAddress(), cls: 'email-old-address' };
    }
    const v = this.variant(current!);
    return v ? { value: v.value, cls: v.cls } : null;
  }

  private applyEmail(system: SystemName, ref: RecordRef, current: string | null, walkIn: boolean): string | null | undefined {
    const change = this.emailFor(system, current, ref, walkIn);
    if (!change) return undefined;
    if (change.negative && change.value && system !== 'pos') this.unique[system as 'crm' | 'shop'].add(change.value);
    this.tag(ref, change.cls, change.value ?? undefined, change.negative);
    return change.value;
  }

  /** The phone a record ends with; `ownField` says the builder wrote the person's own number. */
  private phoneFor(system: SystemName, ref: RecordRef, current: string | null): string | undefined {
    const p = this.p;
    const own = nsnOf(current, p.market) === p.phone;
    if (system === 'pos' && this.storeHit('store-phone')) {
      const store = this.storeOf();
      const digits = store.phone.replace(/\D/g, '').slice(MARKET_INFO[p.market].callingCode.length);
      const typed = this.rng('store-phone').pick(p.market === 'PL' ? [digits, store.phone] : [`0${digits}`, store.phone, `0${digits.slice(0, 1)} ${digits.slice(1)}`]);
      this.tag(ref, 'store-phone', `+${MARKET_INFO[p.market].callingCode}${digits}`, 'store');
      return typed;
    }
    if (current !== null && this.hit('junk-phone')) {
      const junk = this.junkPhone(system);
      this.tag(ref, 'junk-phone', junk, 'junk');
      return junk;
    }
    if (own && this.familyIn === system && this.familyDonor) {
      this.familyIn = null;
      const donor = this.familyDonor;
      this.tag(ref, 'family-phone', e164(donor.market, donor.phone), 'family-phone');
      return typedPhone(this.rng('family-phone'), donor.market, donor.phone);
    }
    if (own) this.ownPhone.push(ref);
    return undefined;
  }

  /** Name classes on one record's given / family fields. */
  private names(system: SystemName, ref: RecordRef, given: string | null, family: string | null): { given: string | null; family: string | null } {
    const p = this.p;
    const applied = (cls: string, value: string) => this.tag(ref, cls, value);
    if (p.market === 'VN') {
      if (p.middle && given && !given.includes(p.middle) && this.hit('name-vn-middle')) {
        if (this.rng('name-vn-middle').chance(0.7)) given = `${p.middle} ${given}`;
        else family = `${family ?? p.family} ${p.middle}`;
        applied('name-vn-middle', `${given ?? ''} | ${family ?? ''}`);
      }
      if (given && family && this.hit('name-vn-order')) {
        if (this.rng('name-vn-order').chance(0.5)) [given, family] = [family, given];
        else [given, family] = [`${family} ${given}`, null];
        applied('name-vn-order', `${given ?? ''} | ${family ?? ''}`);
      }
    }
    if (p.market === 'PL' && given && PL_DIMINUTIVES[p.given] && this.hit('name-diminutive')) {
      given = this.rng('name-diminutive').pick(PL_DIMINUTIVES[p.given]!);
      applied('name-diminutive', given);
    }
    if (p.market === 'TH') {
      if (system !== 'social' && p.nickname && given && this.hit('name-thai-nickname')) {
        given = p.nickname;
        applied('name-thai-nickname', given);
      } else if (given && this.hit('name-thai-script')) {
        given = THAI_SCRIPT[p.given] ?? given;
        if (family) family = THAI_SCRIPT[p.family] ?? family;
        applied('name-thai-script', `${given} ${family ?? ''}`.trim());
      }
    }
    if ((p.market === 'VN' || p.market === 'PL') && this.hit('name-diacritics')) {
      const g = given ? asciiFold(given) : given;
      const f = family ? asciiFold(family) : family;
      if (g !== given || f !== family) {
        given = g;
        family = f;
        applied('name-diacritics', `${given ?? ''} ${family ?? ''}`.trim());
      }
    }
    if (given && family && this.hit('name-initial')) {
      if (this.rng('name-initial').chance(0.5)) given = `${[...given][0]}.`;
      else family = `${[...family][0]}.`;
      applied('name-initial', `${given} ${family}`);
    } else if (given && family && this.hit('name-given-only')) {
      family = null;
      applied('name-given-only', given);
    }
    return { given, family };
  }

  // -------------------------------------------------------------------------------------------
  // Record hooks

  private crmContact(r: Rec): void {
    this.enter('crm');
    const props = r.properties as Rec;
    const ref: RecordRef = { system: 'crm', externalId: String(r.id) };
    const email = this.applyEmail('crm', ref, props.email ?? null, false);
    if (email !== undefined) props.email = email;
    if (props.email) this.crmEmails.add(String(props.email).trim().toLowerCase());
    const field = props.mobilephone ? 'mobilephone' : props.phone ? 'phone' : null;
    if (field) {
      const phone = this.phoneFor('crm', ref, props[field]);
      if (phone !== undefined) props[field] = phone;
    }
    if (this.hit('crm-no-country')) {
      props.country = null;
      const rng = this.rng('crm-no-country');
      if (rng.chance(0.5)) props.city = null;
      if (rng.chance(0.5)) props.address = props.zip = null;
      if (field && nsnOf(props[field], this.p.market) === this.p.phone) props[field] = formatPhone(this.p.market, this.p.phone, rng.pick(LOCAL_STYLES));
      this.tag(ref, 'crm-no-country', field ? e164(this.p.market, this.p.phone) : undefined);
    }
    const name = this.names('crm', ref, props.firstname ?? null, props.lastname ?? null);
    props.firstname = name.given;
    props.lastname = name.family;
  }

  /** Shopify: one email per customer, shared by its orders; decided once per person. */
  private shopPlan(current: string | null, ref: RecordRef): { from: string; to: string } | null {
    if (this.shopEmail !== undefined) return this.shopEmail;
    this.scope = 'shop#0';
    this.shopEmail = null;
    if (current === null) return null;
    const to = this.applyEmail('shop', ref, current, false);
    if (to) this.shopEmail = { from: current, to };
    return this.shopEmail;
  }

  private shopOrder(r: Rec): void {
    const plan = this.shopPlan(r.email ?? null, { system: 'shop', externalId: String((r.customer as Rec).id) });
    if (!plan) return;
    if (r.email === plan.from) r.email = plan.to;
    if (r.contact_email === plan.from) r.contact_email = plan.to;
    const c = r.customer as Rec;
    if (c.email === plan.from) c.email = plan.to;
  }

  private shopCustomer(r: Rec): void {
    this.scope = 'shop#0';
    const ref: RecordRef = { system: 'shop', externalId: String(r.id) };
    const plan = this.shopPlan(r.email ?? null, ref);
    if (plan && r.email === plan.from) r.email = plan.to;
    // Shopify validates and keeps customer phones unique; the free-text address phone is where other values land.
    if (nsnOf(r.phone, this.p.market) === this.p.phone) this.ownPhone.push(ref);
    else if (r.default_address?.phone && nsnOf(r.default_address.phone, this.p.market) === this.p.phone) this.ownPhone.push(ref);
    const name = this.names('shop', ref, r.first_name ?? null, r.last_name ?? null);
    r.first_name = name.given;
    r.last_name = name.family;
  }

  private posCustomer(r: Rec): void {
    this.enter('pos');
    const ref: RecordRef = { system: 'pos', externalId: String(r.id) };
    const walkIn = r.family_name === undefined;
    const email = this.applyEmail('pos', ref, r.email_address ?? null, walkIn);
    if (email !== undefined) {
      if (email === null) delete r.email_address;
      else r.email_address = email;
    }
    if (r.phone_number) {
      const phone = this.phoneFor('pos', ref, r.phone_number);
      if (phone !== undefined) r.phone_number = phone;
    }
    const name = this.names('pos', ref, r.given_name ?? null, r.family_name ?? null);
    if (name.given !== null) r.given_name = name.given;
    if (r.family_name !== undefined || name.family !== null) {
      if (name.family === null) delete r.family_name;
      else r.family_name = name.family;
    }
  }

  private socialProfile(r: Rec): void {
    this.enter('social');
    const p = this.p;
    const ref: RecordRef = { system: systemOfPlatform(String(r.platform)), externalId: String(r.id) };
    const name = this.names('social', ref, r.first_name || null, r.last_name || null);
    let shown = [name.given, name.family].filter(Boolean).join(' ');
    if (shown) {
      r.first_name = name.given ?? '';
      r.last_name = name.family ?? '';
      r.name = shown;
    }
    if (this.hit('social-display-name')) {
      const rng = this.rng('social-display-name');
      const given = r.first_name || p.given;
      const options = [given, `${given} ${[...(p.family || ' ')][0]}.`, `${emailToken(given)}.${emailToken(p.family).slice(0, 3)}`, given.toLowerCase()];
      if (p.nickname) options.push(p.nickname, `${p.nickname} ${rng.pick(['🌸', '✨', 'จ้า', ''])}`.trim());
      shown = rng.pick(options);
      delete r.first_name;
      delete r.last_name;
      r.name = shown;
      this.tag(ref, 'social-display-name', shown);
    }
    let phone: string | null = null;
    let email: string | null = null;
    if (this.hit('social-typed-phone')) {
      const rng = this.rng('social-typed-phone');
      const style = rng.weighted<PhoneStyle>([['local-spaced', 30], ['local-plain', 25], ['local-dashed', 25], ['international', 10], ['local-grouped', 10]]);
      phone = formatPhone(p.market, p.phone, style);
      this.tag(ref, 'social-typed-phone', e164(p.market, p.phone));
    }
    if (this.hit('social-typed-email')) {
      email = p.email;
      this.tag(ref, 'social-typed-email', email);
    }
    this.social.set(String(r.id), { phone, email, name: shown || null, typed: false, scope: this.scope });
  }

  private typedLine(kind: 'phone' | 'email', value: string): string {
    const rng = this.rng(kind === 'phone' ? 'social-typed-phone' : 'social-typed-email');
    const lang = rng.chance(0.15) ? 'EN' : this.p.market;
    return rng.pick((kind === 'phone' ? TYPED_PHONE_LINES : TYPED_EMAIL_LINES)[lang]).replace('{v}', value);
  }

  private socialMessage(r: Rec): void {
    const fromId = String((r.from as Rec).id);
    const toParty = ((r.to as Rec).data as Rec[])[0];
    for (const party of [r.from as Rec, toParty]) {
      const plan = party ? this.social.get(String(party.id)) : undefined;
      if (plan?.name) party!.name = plan.name;
    }
    const plan = this.social.get(fromId);
    if (!plan || plan.typed || (!plan.phone && !plan.email)) return;
    plan.typed = true;
    this.scope = plan.scope;
    // People send it as its own message or after what they were saying.
    const lines = [plan.phone ? this.typedLine('phone', plan.phone) : null, plan.email ? this.typedLine('email', plan.email) : null].filter(Boolean).join(' ');
    r.message = this.rng('social-typed-phone').chance(0.5) ? lines : `${r.message} ${lines}`;
  }

  private socialConversation(r: Rec): void {
    for (const party of (r.participants as Rec).data as Rec[]) {
      const plan = this.social.get(String(party.id));
      if (plan?.name) party.name = plan.name;
    }
  }

  private socialReferral(r: Rec): void {
    const referral = r.referral as Rec;
    const sender = String((r.sender as Rec).id);
    const plan = this.social.get(sender);
    if (!plan || typeof referral.ref !== 'string' || !referral.ref.startsWith('shop-customer-')) return;
    this.scope = plan.scope;
    if (!this.hit('social-no-shop-ref')) return;
    delete referral.ref;
    this.tag({ system: 'social', externalId: sender }, 'social-no-shop-ref');
  }

  // -------------------------------------------------------------------------------------------
  // Added records

  /** One more CRM contact for the person: another team's form, another address or none. */
  private secondContact(): void {
    const p = this.p;
    const rng = this.rng('crm-second-contact');
    const id = String(this.ctx.ids.step(rng, 'hubspotContact', 40));
    const created = BASE_MS - rng.int(2, 400) * DAY;
    const candidates = [p.workEmail, this.oldAddress()].filter((e) => !this.crmEmails.has(e));
    const email = rng.chance(0.6) && candidates.length > 0 ? rng.pick(candidates) : null;
    const phone = typedPhone(rng, p.market, p.phone);
    const fold = p.market !== 'TH' && rng.chance(0.5);
    const ref: RecordRef = { system: 'crm', externalId: id };
    this.ctx.out['crm/contacts'].write({
      id,
      properties: {
        address: null,
        city: rng.chance(0.5) ? p.cityName : null,
        country: rng.chance(0.7) ? MARKET_INFO[p.market].country : null,
        createdate: isoMs(created),
        email,
        firstname: fold ? asciiFold(p.given) : p.given,
        hs_email_optout: 'false',
        hs_object_id: id,
        lastmodifieddate: isoMs(created + rng.int(1, 24) * 3_600_000),
        lastname: fold ? asciiFold(p.family) : p.family,
        lifecyclestage: 'lead',
        mobilephone: phone,
        phone: null,
        zip: null,
      },
      createdAt: isoMs(created),
      updatedAt: isoMs(created + 3_600_000),
      archived: false,
    });
    this.ctx.truth.write({ personId: p.id, system: 'crm', externalId: id });
    this.records.push(ref);
    this.ownPhone.push(ref);
    this.tag(ref, 'crm-second-contact', email ?? undefined);
  }

  /** A former owner of the person's number: an old record (2018-2022) under another name. */
  private recycledPhone(): void {
    const p = this.p;
    const rng = this.rng('recycled-phone');
    const gender = rng.chance(0.5) ? 'f' : 'm';
    let given = pickGiven(rng, p.market, gender);
    for (let i = 0; i < 10 && emailToken(given) === emailToken(p.given); i++) given = pickGiven(rng, p.market, gender);
    const family = pickFamily(rng, p.market, gender);
    const oldId = `p-r${p.id.slice(2)}`;
    const created = Date.UTC(2018, 0, 1) + rng.int(0, 4 * 365) * DAY;
    const updated = Math.min(created + rng.int(30, 700) * DAY, BASE_MS - 3 * YEAR);
    const typed = typedPhone(rng, p.market, p.phone);
    const value = e164(p.market, p.phone);
    let ref: RecordRef;
    if (p.systems.has('pos') || rng.chance(0.5)) {
      const id = rng.crockford(26);
      ref = { system: 'pos', externalId: id };
      this.ctx.out['pos/customers'].write({
        id,
        created_at: isoMs(created),
        updated_at: isoMs(updated),
        given_name: given,
        family_name: family,
        phone_number: typed,
        preferences: { email_unsubscribed: false },
        creation_source: 'DIRECTORY',
        version: rng.int(0, 3),
      });
    } else {
      const id = String(this.ctx.ids.step(rng, 'hubspotContact', 40));
      ref = { system: 'crm', externalId: id };
      this.ctx.out['crm/contacts'].write({
        id,
        properties: {
          address: null,
          city: null,
          country: MARKET_INFO[p.market].country,
          createdate: isoMs(created),
          email: null,
          firstname: given,
          hs_email_optout: 'false',
          hs_object_id: id,
          lastmodifieddate: isoMs(updated),
          lastname: family,
          lifecyclestage: 'lead',
          mobilephone: typed,
          phone: null,
          zip: null,
        },
        createdAt: isoMs(created),
        updatedAt: isoMs(updated),
        archived: false,
      });
    }
    this.ctx.truth.write({ personId: oldId, system: ref.system, externalId: ref.externalId });
    this.tag(ref, 'recycled-phone', value, 'recycled-phone', false, oldId);
    for (const own of this.ownPhone) this.tag(own, 'recycled-phone', value, 'recycled-phone', true);
  }
}

/** Names of the market pool, for tests. */
export const poolGiven = (market: Market) => [...NAMES[market].given.f, ...NAMES[market].given.m];
