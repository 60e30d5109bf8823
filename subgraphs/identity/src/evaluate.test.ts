import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateLinks, evaluateWithEvidence, recordEvidence } from './evaluate.ts';
import { readDatasetFacts } from './evaluation/dataset.ts';
import { pairScore, touchingScore, wrongMerges, type EvalRecord } from './evaluation/metrics.ts';
import { buildReport, formatReports } from './evaluation/report.ts';

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

// The evaluation of `npm run identity:evaluate` (evaluation/): pairs from group sizes, by class.
const rec = (key: string, personId: string, customerId: string | null): EvalRecord => ({ key, system: key.split(':')[0]!, personId, customerId });

describe('pairScore', () => {
  // Person p1: crm:1, shop:1, pos:A. Person p2: crm:2, pos:B. The hub joined pos:B to p1's customer and left pos:A alone.
  const records = [rec('crm:1', 'p1', 'c1'), rec('shop:1', 'p1', 'c1'), rec('pos:A', 'p1', null), rec('crm:2', 'p2', 'c2'), rec('pos:B', 'p2', 'c1')];

  it('counts pairs: true from persons, predicted from customers, an unlinked record as a customer of its own', () => {
    // true: p1 3 pairs + p2 1 = 4; predicted: c1 {crm:1, shop:1, pos:B} = 3; correct: crm:1–shop:1 = 1.
    expect(pairScore(records)).toMatchObject({ truePairs: 4, predictedPairs: 3, correctPairs: 1 });
    expect(pairScore(records).precision).toBeCloseTo(1 / 3);
    expect(pairScore(records).recall).toBeCloseTo(1 / 4);
    expect(pairScore(records).f1).toBeCloseTo((2 * (1 / 3) * (1 / 4)) / (1 / 3 + 1 / 4));
  });

  it('scores cross-system pairs only, leaving out pairs of two records of one system', () => {
    const twoCrm = [rec('crm:1', 'p1', 'c1'), rec('crm:9', 'p1', 'c1'), rec('shop:1', 'p1', 'c1')];
    // all: 3 true, 3 predicted, 3 correct; cross-system: crm:1–shop:1 and crm:9–shop:1.
    expect(pairScore(twoCrm, { crossSystem: true })).toMatchObject({ truePairs: 2, predictedPairs: 2, correctPairs: 2, precision: 1, recall: 1 });
  });

  it('gives 1 for precision with no predicted pair and for recall with no true pair', () => {
    expect(pairScore([rec('crm:1', 'p1', null), rec('crm:2', 'p2', null)])).toMatchObject({ precision: 1, recall: 1, truePairs: 0, predictedPairs: 0 });
  });
});

describe('touchingScore', () => {
  it('keeps only the pairs with at least one marked record', () => {
    const records = [rec('crm:1', 'p1', 'c1'), rec('shop:1', 'p1', 'c1'), rec('pos:A', 'p1', 'c2'), rec('pos:B', 'p2', 'c1')];
    // Pairs touching pos:A: crm:1–pos:A, shop:1–pos:A (true, not predicted), pos:A–pos:B (neither).
    expect(touchingScore(records, new Set(['pos:A']))).toMatchObject({ truePairs: 2, predictedPairs: 0, correctPairs: 0, recall: 0, precision: 1 });
    // Pairs touching pos:B: three; predicted crm:1–pos:B and shop:1–pos:B, both wrong.
    expect(touchingScore(records, new Set(['pos:B']))).toMatchObject({ truePairs: 0, predictedPairs: 2, correctPairs: 0, precision: 0 });
  });
});

describe('wrongMerges', () => {
  it('counts pairs of different people sharing a value, and those the hub merged', () => {
    const customers = new Map([
      ['pos:A', 'c1'],
      ['pos:B', 'c1'],
      ['pos:C', 'c2'],
      ['crm:1', 'c1'],
    ]);
    const groups = new Map([
      // Three people and one of them twice: pairs of different people = C(4,2) - 1 = 5; merged in c1: A–B, B–crm:1 (A and crm:1 are p1) = 2.
      ['orders@acme.co.th', [{ key: 'pos:A', personId: 'p1' }, { key: 'crm:1', personId: 'p1' }, { key: 'pos:B', personId: 'p2' }, { key: 'pos:C', personId: 'p3' }]],
      // One person only: no candidate.
      ['info@solo.pl', [{ key: 'pos:A', personId: 'p1' }, { key: 'crm:1', personId: 'p1' }]],
    ]);
    expect(wrongMerges(groups, (k) => customers.get(k) ?? null)).toEqual({ values: 1, candidatePairs: 5, mergedPairs: 2, examples: ['orders@acme.co.th'] });
  });
});

describe('readDatasetFacts and buildReport', () => {
  const line = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

  it('decides evidence from the raw records and the ground truth: shared non-personal values are none, references and typed identifiers are', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'omnigraph-eval-'));
    try {
      for (const s of ['crm', 'shop', 'pos', 'social']) await mkdir(join(dir, s));
      await writeFile(join(dir, 'ground-truth.ndjson'), line([
        { personId: 'p1', system: 'crm', externalId: '11' },
        { personId: 'p1', system: 'pos', externalId: 'A' },
        { personId: 'p1', system: 'social', externalId: 'S1' },
        { personId: 'p2', system: 'pos', externalId: 'B' },
        { personId: 'p2', system: 'shop', externalId: '7' },
        { personId: 'p2', system: 'social', externalId: 'S2' },
        { personId: 'p3', system: 'pos', externalId: 'C' },
      ]));
      await writeFile(join(dir, 'crm/contacts.ndjson'), line([{ id: '11', properties: { email: 'anna.nowak1234@wp.pl', phone: null, mobilephone: null } }]));
      await writeFile(join(dir, 'shop/customers.ndjson'), line([{ id: 7, email: null, phone: null, addresses: [] }]));
      await writeFile(join(dir, 'pos/customers.ndjson'), line([
        { id: 'A', email_address: 'bangkok@omnistore.example', reference_id: 'crm:11' },
        { id: 'B', email_address: 'bangkok@omnistore.example', phone_number: '0000000000' },
        { id: 'C', email_address: 'bangkok@omnistore.example', phone_number: '081-555-1234' },
      ]));
      await writeFile(join(dir, 'social/referrals.ndjson'), line([{ sender: { id: 'S2' }, referral: { ref: 'shop-customer-7' } }]));
      await writeFile(join(dir, 'noise.ndjson'), line([
        { personId: 'p1', system: 'pos', externalId: 'A', class: 'store-email', value: 'bangkok@omnistore.example', negative: 'store' },
        { personId: 'p2', system: 'pos', externalId: 'B', class: 'store-email', value: 'bangkok@omnistore.example', negative: 'store' },
        { personId: 'p3', system: 'pos', externalId: 'C', class: 'store-email', value: 'bangkok@omnistore.example', negative: 'store' },
        { personId: 'p1', system: 'social', externalId: 'S1', class: 'social-typed-phone', value: '+66815551234' },
      ]));
      const facts = await readDatasetFacts(dir);
      // crm:11 has its own email; pos:A only the store's, but a reference to crm:11; pos:B only the store's and the default junk phone;
      // pos:C has its own phone besides the store's email; social:S1 typed its phone; social:S2 and shop:7 share a referral.
      expect([...facts.withEvidence].sort()).toEqual(['crm:11', 'pos:A', 'pos:C', 'shop:7', 'social:S1', 'social:S2']);
      expect(facts.recordsOf.get('store-email')?.size).toBe(3);

      // The hub merged the three store-email records into one customer and linked p1's CRM contact to it.
      const links = new Map([['crm:11', 'c1'], ['pos:A', 'c1'], ['pos:B', 'c1'], ['pos:C', 'c1'], ['shop:7', 'c2'], ['social:S2', 'c2']]);
      const report = buildReport({ profile: 'hard', seed: 1, people: 3 }, facts, links);
      // Three records of different people share the store's email: 3 pairs, all merged.
      expect(report.negatives.store).toMatchObject({ values: 1, candidatePairs: 3, mergedPairs: 3 });
      expect(report.negatives['company-email']).toMatchObject({ candidatePairs: 0, mergedPairs: 0 });
      // Predicted pairs in c1: 6, correct crm:11–pos:A; c2: shop:7–social:S2 correct. True pairs: p1 3, p2 3.
      expect(report.all).toMatchObject({ predictedPairs: 7, correctPairs: 2, truePairs: 6 });
      expect(report.classes['store-email']).toMatchObject({ records: 3, predictedPairs: 6, correctPairs: 1 });
      expect(report.linkedRecords).toBe(6);
      expect(formatReports([report])).toMatch(/store\s+3\/3/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
