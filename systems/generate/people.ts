import {
  asciiFold,
  emailToken,
  familyForGender,
  pickFamily,
  pickGiven,
  TH_NICKNAMES,
  VN_MIDDLE,
  withinOneEdit,
  type Gender,
  type Market,
} from './names.ts';
import { mobileNsn } from './phones.ts';
import { MARKET_INFO, type City } from './places.ts';
import type { Rng } from './prng.ts';
import { BASE_MS, DAY, YEAR } from './time.ts';

/**
 * The people behind the records: one canonical person, who then appears in some of the
 * systems, each time written down a little differently.
 */

export type SystemName = 'crm' | 'shop' | 'pos' | 'social';
export const SYSTEMS: readonly SystemName[] = ['crm', 'shop', 'pos', 'social'];

export interface Person {
  index: number;
  id: string;
  market: Market;
  gender: Gender;
  given: string;
  family: string;
  /** Vietnamese middle name (Thị, Văn...). */
  middle: string | null;
  /** Thai nickname, used on social profiles and by cashiers. */
  nickname: string | null;
  /** Family name before marriage, still on the records of some systems. */
  maiden: string | null;
  /** Systems whose record carries the maiden name. */
  maidenIn: Set<SystemName>;
  /** Personal email, canonical form (lower case). Unique per person. */
  email: string;
  /** Work email (used by a second CRM contact). Unique per person. */
  workEmail: string;
  /** National significant number of the person's mobile. */
  phone: string;
  city: City;
  cityName: string;
  street: string;
  zip: string;
  birthMs: number;
  /** When the person first dealt with the retailer. */
  sinceMs: number;
  systems: Set<SystemName>;
  /**
   * Family phone: the system in which this person's record must carry the phone shared with
   * another person of the household (with name and email, so the two stay distinguishable).
   */
  familyPhoneIn: SystemName | null;
  /** 'head' or 'member' of a two-person household sharing one phone. */
  household: 'head' | 'member' | null;
  allFour: boolean;
}

const MARKET_WEIGHTS: readonly (readonly [Market, number])[] = [
  ['TH', 40],
  ['VN', 30],
  ['PL', 30],
];

/** Share of people present in all four systems. */
export const ALL_FOUR_RATE = 0.25;
/** Presence in each system for everybody else (subsets with 1-3 systems). */
const PRESENCE: Record<SystemName, number> = { crm: 0.5, shop: 0.55, pos: 0.5, social: 0.42 };

function chooseSystems(rng: Rng): Set<SystemName> {
  if (rng.chance(ALL_FOUR_RATE)) return new Set(SYSTEMS);
  for (;;) {
    const chosen = SYSTEMS.filter((s) => rng.chance(PRESENCE[s]));
    if (chosen.length > 0 && chosen.length < 4) return new Set(chosen);
  }
}

/**
 * Unique email numbers: a bijection of the person index onto `digits`-digit numbers
 * (`4821`), so two people never share an address by accident. Real addresses carry such
 * numbers all the time (`somchai.srisuk4821@gmail.com`). A permutation of all `digits`-digit
 * strings (affine, digit reversal, affine), cycle-walked to stay without a leading zero.
 */
export function emailNumber(index: number, seed: number, digits: number): number {
  const space = 10 ** digits;
  const low = 10 ** (digits - 1);
  const c1 = (seed * 7_907 + 1_234) % space;
  const c2 = (seed * 104_723 + 4_321) % space;
  const permute = (x: number): number => {
    let y = (x * 7_777_777 + c1) % space;
    let r = 0;
    for (let i = 0; i < digits; i++) {
      r = r * 10 + (y % 10);
      y = Math.floor(y / 10);
    }
    return (r * 3_141_593 + c2) % space;
  };
  let x = permute(low + index);
  while (x < low) x = permute(x);
  return x;
}

export function emailDigitsFor(people: number): number {
  let d = 4;
  while (9 * 10 ** (d - 1) < people) d++;
  return d;
}

function personalEmail(rng: Rng, market: Market, given: string, family: string, n: number): string {
  const g = emailToken(given);
  const f = emailToken(family);
  const local = rng.weighted<string>([
    [`${g}.${f}${n}`, 30],
    [`${g}${f}${n}`, 20],
    [`${g}_${f.slice(0, 1)}${n}`, 12],
    [`${g}${n}`, 15],
    [`${f}.${g}${n}`, 10],
    [`${g.slice(0, 1)}${f}${n}`, 13],
  ]);
  return `${local}@${rng.weighted(MARKET_INFO[market].mailDomains)}`;
}

function workEmail(rng: Rng, market: Market, given: string, family: string, n: number): string {
  const g = emailToken(given);
  const f = emailToken(family);
  const local = rng.pick([`${g}.${f}${n}`, `${g.slice(0, 1)}.${f}${n}`, `${g}${n}`]);
  return `${local}@${rng.pick(MARKET_INFO[market].workDomains)}`;
}

export interface PersonContext {
  seed: number;
  emailDigits: number;
}

export function makePerson(rng: Rng, index: number, ctx: PersonContext): Person {
  const market = rng.weighted(MARKET_WEIGHTS);
  const gender: Gender = rng.chance(0.55) ? 'f' : 'm';
  const given = pickGiven(rng, market, gender);
  const family = pickFamily(rng, market, gender);
  const city = rng.weighted(MARKET_INFO[market].cities.map((c) => [c, c.weight] as const));
  const n = emailNumber(index, ctx.seed, ctx.emailDigits);
  const sinceMs = BASE_MS - rng.int(20, Math.floor(3.5 * 365)) * DAY - rng.int(0, DAY - 1);
  const systems = chooseSystems(rng);
  let maiden: string | null = null;
  if (gender === 'f' && rng.chance(0.07)) {
    for (let i = 0; i < 5 && (maiden === null || maiden === family); i++) maiden = pickFamily(rng, market, 'f');
    if (maiden === family) maiden = null;
  }
  const person: Person = {
    index,
    id: `p-${String(index + 1).padStart(6, '0')}`,
    market,
    gender,
    given,
    family,
    middle: market === 'VN' ? rng.pick(VN_MIDDLE[gender]) : null,
    nickname: market === 'TH' ? rng.pick(TH_NICKNAMES) : null,
    maiden,
    maidenIn: new Set(),
    email: personalEmail(rng, market, given, family, n),
    workEmail: workEmail(rng, market, given, family, n),
    phone: mobileNsn(rng, market, index, ctx.seed),
    city,
    cityName: city.spellings[0]!,
    street: city.street(rng),
    zip: city.zip(rng),
    birthMs: BASE_MS - rng.int(18 * 365, 70 * 365) * DAY,
    sinceMs,
    systems,
    familyPhoneIn: null,
    household: null,
    allFour: systems.size === 4,
  };
  if (maiden) {
    // Older records keep the maiden name: one or two of the systems that store names.
    const named = [...systems].filter((s) => s !== 'social');
    if (named.length > 0) {
      const count = named.length > 1 ? rng.int(1, named.length - 1) : 1;
      for (const s of rng.sample(named, count)) person.maidenIn.add(s);
    }
  }
  return person;
}

/**
 * Makes `head` share its phone with a second person of its household. The pair meets in a
 * system that keeps phones next to names and emails (CRM or POS), so the data shows two
 * different people, with different names and emails, behind one number.
 */
export function makeHouseholdHead(rng: Rng, head: Person): void {
  const candidates = [...head.systems].filter((s): s is 'crm' | 'pos' => s === 'crm' || s === 'pos');
  const where = candidates.length > 0 ? rng.pick(candidates) : 'pos';
  head.systems.add(where);
  head.allFour = head.systems.size === 4;
  head.familyPhoneIn = where;
  head.household = 'head';
}

export function makeHouseholdMember(rng: Rng, index: number, head: Person, ctx: PersonContext): Person {
  const person = makePerson(rng, index, ctx);
  // Same market, home and phone; a spouse, parent or child with a clearly different given name.
  const gender: Gender = rng.chance(0.5) ? (head.gender === 'f' ? 'm' : 'f') : head.gender;
  let given = pickGiven(rng, head.market, gender);
  for (let i = 0; i < 20 && (withinOneEdit(given, head.given) || asciiFold(given) === asciiFold(head.given)); i++) {
    given = pickGiven(rng, head.market, gender);
  }
  const family = rng.chance(0.6) ? familyForGender(head.market, head.family, gender) : pickFamily(rng, head.market, gender);
  const n = emailNumber(index, ctx.seed, ctx.emailDigits);
  person.market = head.market;
  person.gender = gender;
  person.given = given;
  person.family = family;
  person.middle = head.market === 'VN' ? rng.pick(VN_MIDDLE[gender]) : null;
  person.nickname = head.market === 'TH' ? rng.pick(TH_NICKNAMES.filter((nn) => nn !== head.nickname)) : null;
  person.maiden = null;
  person.maidenIn = new Set();
  person.email = personalEmail(rng, head.market, given, family, n);
  person.workEmail = workEmail(rng, head.market, given, family, n);
  person.phone = head.phone;
  person.city = head.city;
  person.cityName = head.cityName;
  person.street = head.street;
  person.zip = head.zip;
  person.systems.add(head.familyPhoneIn!);
  person.allFour = person.systems.size === 4;
  person.familyPhoneIn = head.familyPhoneIn;
  person.household = 'member';
  person.sinceMs = Math.max(person.sinceMs, head.sinceMs - YEAR);
  return person;
}
