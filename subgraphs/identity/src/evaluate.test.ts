import { describe, expect, it } from 'vitest';
import { evaluateLinks, evaluateWithEvidence, recordEvidence } from './evaluate.ts';

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

describe('evaluateWithEvidence', () => {
  const records = [
    { system: 'crm', externalId: '1', emails: ['anna@x.pl'], phones: [], region: 'PL', references: [] },
    { system: 'shop', externalId: '1', emails: ['anna@x.pl'], phones: [], region: 'PL', references: [] },
    { system: 'social', externalId: 'S1', emails: [], phones: [], region: null, references: [{ system: 'shop', externalId: '1', via: 'messenger referral ref' }] },
    { system: 'social', externalId: 'S2', emails: [], phones: [], region: null, references: [] },
    { system: 'pos', externalId: 'J', emails: ['noemail@example.com'], phones: ['0000000000'], region: 'PL', references: [] },
  ].map((r) => ({ ...r, kind: 'x', givenName: 'Anna', familyName: null, displayName: null, addresses: [], consent: [], updatedAt: '2026-01-01T00:00:00Z' }));
  const truth = records.map((r) => ({ personId: 'p1', system: r.system, externalId: r.externalId }));

  it('restricts recall to pairs whose records both carry a usable email or phone, or an explicit reference', () => {
    const evidence = recordEvidence(records);
    expect(evidence.get('pos:J')).toEqual({ contact: false, reference: false }); // junk values are no evidence
    expect(evidence.get('social:S1')).toEqual({ contact: false, reference: true });
    expect(evidence.get('shop:1')).toEqual({ contact: true, reference: true });
    const links = new Map([
      ['crm:1', 'c1'],
      ['shop:1', 'c1'],
      ['social:S1', 'c1'],
      ['social:S2', 'c2'],
      ['pos:J', 'c3'],
    ]);
    const result = evaluateWithEvidence(truth, links, evidence);
    expect(result.all).toMatchObject({ truePairs: 10, correctPairs: 3 });
    expect(result.withContact).toMatchObject({ truePairs: 1, correctPairs: 1, recall: 1 });
    expect(result.withEvidence).toMatchObject({ truePairs: 3, correctPairs: 3, recall: 1, precision: 1 });
  });
});
