import { describe, expect, it } from 'vitest';
import { evaluateLinks } from './evaluate.ts';

const gt = [
  { personId: 'p1', system: 'crm', externalId: '1' },
  { personId: 'p1', system: 'shop', externalId: '1' },
  { personId: 'p1', system: 'pos', externalId: 'A' },
  { personId: 'p2', system: 'crm', externalId: '2' },
  { personId: 'p2', system: 'pos', externalId: 'B' },
];

describe('evaluateLinks', () => {
  it('scores a perfect linking 1/1', () => {
    const links = new Map([
      ['crm:1', 'c1'],
      ['shop:1', 'c1'],
      ['pos:A', 'c1'],
      ['crm:2', 'c2'],
      ['pos:B', 'c2'],
    ]);
    expect(evaluateLinks(gt, links)).toMatchObject({ precision: 1, recall: 1, truePairs: 4, linkedRecords: 5, customers: 2, people: 2 });
  });

  it('counts a wrong merge against precision and a missed link against recall', () => {
    const links = new Map([
      ['crm:1', 'c1'],
      ['shop:1', 'c1'],
      ['crm:2', 'c1'],
      ['pos:B', 'c2'],
    ]);
    const result = evaluateLinks(gt, links);
    // predicted pairs: c1 has 3 → 3 pairs, 1 correct (crm:1–shop:1); true pairs 4.
    expect(result).toMatchObject({ predictedPairs: 3, correctPairs: 1, truePairs: 4, linkedRecords: 4, unlinkedRecords: 1 });
    expect(result.precision).toBeCloseTo(1 / 3);
    expect(result.recall).toBeCloseTo(1 / 4);
  });
});
