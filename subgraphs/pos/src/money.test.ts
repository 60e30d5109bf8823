import { describe, expect, it } from 'vitest';
import { formatMinorUnits, toMoney } from './money.ts';

describe('formatMinorUnits', () => {
  it('writes two decimals for baht and zloty', () => {
    expect(formatMinorUnits(15900, 'THB')).toBe('159.00');
    expect(formatMinorUnits(7905, 'PLN')).toBe('79.05');
    expect(formatMinorUnits(5, 'THB')).toBe('0.05');
    expect(formatMinorUnits(0, 'PLN')).toBe('0.00');
  });

  it('writes no decimals for dong, whose minor unit is the dong itself', () => {
    expect(formatMinorUnits(199000, 'VND')).toBe('199000');
    expect(formatMinorUnits(0, 'VND')).toBe('0');
  });

  it('keeps the sign of refunds and three decimals for dinar', () => {
    expect(formatMinorUnits(-1250, 'THB')).toBe('-12.50');
    expect(formatMinorUnits(1234, 'KWD')).toBe('1.234');
  });

  it('is exact beyond float precision', () => {
    expect(formatMinorUnits(9007199254740991, 'THB')).toBe('90071992547409.91');
  });

  it('refuses a non-integer amount instead of inventing one', () => {
    expect(() => formatMinorUnits(1.5, 'THB')).toThrow(/not an integer/);
  });

  it('maps Square money to the shared Money shape', () => {
    expect(toMoney({ amount: 59000, currency: 'THB' })).toEqual({ amount: '590.00', currencyCode: 'THB' });
  });
});
