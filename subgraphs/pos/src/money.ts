import type { SquareMoney } from './mappers.ts';

/**
 * ISO 4217 minor-unit digits for currencies that do not use 2. Square amounts are integers
 * in the smallest unit, so 15900 THB is "159.00" but 199000 VND is "199000".
 */
const minorDigits: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyDigits(currency: string): number {
  return minorDigits[currency.toUpperCase()] ?? 2;
}

/** Minor units to an exact decimal string (string arithmetic: no float ever touches money). */
export function formatMinorUnits(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`Square money amount is not an integer: ${amount}`);
  const digits = currencyDigits(currency);
  const negative = amount < 0;
  const raw = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = raw.slice(0, raw.length - digits);
  const fraction = raw.slice(raw.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

export function toMoney(money: SquareMoney): { amount: string; currencyCode: string } {
  return { amount: formatMinorUnits(money.amount, money.currency), currencyCode: money.currency };
}

/** A decimal string in major units ("590.00", "199000") to minor units; null when it is not one in this currency. */
export function parseMinorUnits(decimal: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match?.[1]) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const amount = Number(`${match[1]}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(amount) ? amount : null;
}
