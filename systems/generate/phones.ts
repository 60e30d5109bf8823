import type { Market } from './names.ts';
import type { Rng } from './prng.ts';

/**
 * Mobile numbers of the three markets. Every national significant number has nine digits:
 * a two-digit operator prefix and a seven-digit subscriber part. The subscriber part is a
 * bijection of the person's index, so two people never get the same number by accident:
 * shared numbers in the data are always deliberate (family phones).
 */

const MOBILE_PREFIXES: Record<Market, readonly string[]> = {
  TH: ['81', '82', '83', '84', '85', '86', '87', '88', '89', '80', '90', '91', '92', '93', '94', '95', '96', '97', '98', '99', '61', '62', '63', '64', '65'],
  VN: ['90', '91', '93', '94', '96', '97', '98', '86', '88', '70', '76', '77', '78', '79', '81', '82', '83', '84', '85', '32', '33', '34', '35', '36', '37', '38', '39'],
  PL: ['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88', '45'],
};

export const CALLING_CODE: Record<Market, string> = { TH: '66', VN: '84', PL: '48' };

const SUBSCRIBER_SPACE = 10_000_000;

function reverseDigits7(n: number): number {
  let out = 0;
  for (let i = 0; i < 7; i++) {
    out = out * 10 + (n % 10);
    n = Math.floor(n / 10);
  }
  return out;
}

/** A bijection on [0, 10^7): affine, digit reversal, affine (the multipliers are coprime to 10). */
export function subscriberNumber(index: number, seed: number): number {
  const c1 = (seed * 7_919 + 1_234_567) % SUBSCRIBER_SPACE;
  const c2 = (seed * 104_729 + 7_654_321) % SUBSCRIBER_SPACE;
  const x = (index % SUBSCRIBER_SPACE) * 3_847_591 + c1;
  const y = reverseDigits7(x % SUBSCRIBER_SPACE);
  return (y * 6_143_087 + c2) % SUBSCRIBER_SPACE;
}

/** Nine-digit national significant number (`812345678`) of person `index`. */
export function mobileNsn(rng: Rng, market: Market, index: number, seed: number): string {
  return rng.pick(MOBILE_PREFIXES[market]) + String(subscriberNumber(index, seed)).padStart(7, '0');
}

export function e164(market: Market, nsn: string): string {
  return `+${CALLING_CODE[market]}${nsn}`;
}

export type PhoneStyle = 'e164' | 'international' | 'local-dashed' | 'local-plain' | 'local-spaced' | 'local-grouped';

/**
 * The number as a person or a form writes it:
 *   TH  +66812345678 | +66 81 234 5678 | 081-234-5678 | 0812345678 | 081 234 5678 | 08 1234 5678
 *   VN  +84901234567 | +84 90 123 4567 | 090-123-4567 | 0901234567 | 090 123 4567 | 0901 234 567
 *   PL  +48512345678 | +48 512-345-678 | 512-345-678  | 512345678  | 512 345 678  | +48 512 345 678
 */
export function formatPhone(market: Market, nsn: string, style: PhoneStyle): string {
  const cc = CALLING_CODE[market];
  const a2 = nsn.slice(0, 2);
  const a3 = nsn.slice(0, 3);
  if (market === 'PL') {
    const groups = `${a3} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
    switch (style) {
      case 'e164':
        return `+${cc}${nsn}`;
      case 'international':
        return `+${cc} ${a3}-${nsn.slice(3, 6)}-${nsn.slice(6)}`;
      case 'local-dashed':
        return `${a3}-${nsn.slice(3, 6)}-${nsn.slice(6)}`;
      case 'local-plain':
        return nsn;
      case 'local-spaced':
        return groups;
      case 'local-grouped':
        return `+${cc} ${groups}`;
    }
  }
  const local = `0${nsn}`;
  switch (style) {
    case 'e164':
      return `+${cc}${nsn}`;
    case 'international':
      return `+${cc} ${a2} ${nsn.slice(2, 5)} ${nsn.slice(5)}`;
    case 'local-dashed':
      return `${local.slice(0, 3)}-${local.slice(3, 6)}-${local.slice(6)}`;
    case 'local-plain':
      return local;
    case 'local-spaced':
      return `${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}`;
    case 'local-grouped':
      return market === 'TH' ? `${local.slice(0, 2)} ${local.slice(2, 6)} ${local.slice(6)}` : `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
  }
}

/** How people type their number into a form or tell it to a cashier. */
export function typedPhone(rng: Rng, market: Market, nsn: string): string {
  const style = rng.weighted<PhoneStyle>([
    ['local-dashed', 25],
    ['local-plain', 25],
    ['local-spaced', 18],
    ['international', 14],
    ['e164', 12],
    ['local-grouped', 6],
  ]);
  return formatPhone(market, nsn, style);
}

/** Placeholders systems hold when a cashier had to fill the field. */
export const JUNK_PHONES: readonly string[] = ['0000000000'];
