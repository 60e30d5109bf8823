import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import { sourceRecord } from '../../../../test/helpers/source-records.ts';
import { matchRecords, type MatchResult } from './match.ts';
import { normalizeRecord } from './record.ts';

const rec = sourceRecord;

const run = (records: SourceRecord[], maxRecordsPerValue = 8): MatchResult =>
  matchRecords(
    records.map((r) => normalizeRecord(r, 'TH')),
    { maxRecordsPerValue },
  );
const groups = (result: MatchResult) => result.clusters.map((c) => c.members);

describe('matchRecords', () => {
  it('joins records with the same normalised email and records the EMAIL rule', () => {
    const result = run([rec('crm', '1', { emails: ['Anna@Shop.TH '] }), rec('shop', '9', { emails: ['anna@shop.th'] })]);
    expect(groups(result)).toEqual([['crm:1', 'shop:9']]);
    expect(result.clusters[0]!.edges).toEqual([{ a: 'crm:1', b: 'shop:9', rule: 'EMAIL', evidence: { email: 'anna@shop.th' } }]);
  });

  it('joins an explicit reference even without shared contact values', () => {
    const result = run([
      rec('crm', '512', { givenName: 'Somchai', familyName: 'Jaidee' }),
      rec('pos', 'SQ1', { references: [{ system: 'crm', externalId: '512', via: 'square reference_id' }] }),
    ]);
    expect(groups(result)).toEqual([['crm:512', 'pos:SQ1']]);
    expect(result.clusters[0]!.edges[0]).toMatchObject({ rule: 'EXPLICIT_REFERENCE', evidence: { from: 'pos:SQ1', to: 'crm:512', via: 'square reference_id' } });
  });

  it('ignores a reference to a record it does not know', () => {
    const result = run([rec('pos', 'SQ1', { references: [{ system: 'crm', externalId: '404', via: 'square reference_id' }] })]);
    expect(groups(result)).toEqual([['pos:SQ1']]);
  });

  it('joins the same phone in three local formats when the names are compatible (one typo)', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Somchai', familyName: 'Jaidee', phones: ['+66 81 739 4562'] }),
      rec('pos', 'A', { givenName: 'Somchia', familyName: 'Jaidee', phones: ['081-739-4562'] }),
      rec('shop', '7', { givenName: 'somchai', familyName: null, phones: ['0817394562'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1', 'pos:A', 'shop:7']]);
    expect(new Set(result.clusters[0]!.edges.map((e) => e.rule))).toEqual(new Set(['PHONE_AND_NAME']));
  });

  it('makes a suggestion, not a merge, for a shared family phone with different names', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Kowalska', phones: ['512 847 396'], region: 'PL' }),
      rec('pos', 'B', { givenName: 'Piotr', familyName: 'Kowalski', phones: ['+48512847396'], region: 'PL' }),
    ]);
    expect(groups(result)).toEqual([['crm:1'], ['pos:B']]);
    expect(result.suggestions).toMatchObject([
      {
        a: 'crm:1',
        b: 'pos:B',
        rule: 'SHARED_PHONE',
        evidence: { phone: '+48512847396', names: ['anna kowalska', 'kowalski piotr'], fields: { phone: { level: 'AGREE_SHARED' }, name: { level: 'DISAGREE' } } },
      },
    ]);
    expect(result.suggestions[0]!.evidence.score).toBeLessThan(0);
  });

  it('joins a nameless walk-in record on a phone only one named person carries', () => {
    const result = run([rec('crm', '1', { givenName: 'Lan', familyName: 'Nguyen', phones: ['090 318 4726'], region: 'VN' }), rec('pos', 'W', { phones: ['+84903184726'] })]);
    expect(groups(result)).toEqual([['crm:1', 'pos:W']]);
    expect(result.clusters[0]!.edges[0]!.rule).toBe('PHONE_ONLY');
  });

  it('does not join a nameless record to a family phone', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Kowalska', phones: ['+48512847396'] }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Kowalski', phones: ['+48512847396'] }),
      rec('pos', 'W', { phones: ['+48512847396'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1'], ['crm:2'], ['pos:W']]);
    expect(result.suggestions).toHaveLength(3);
  });

  it('never matches on junk or over-shared values', () => {
    const result = run(
      [
        rec('crm', '1', { givenName: 'A', emails: ['noemail@shop.th'], phones: ['0000000000'] }),
        rec('crm', '2', { givenName: 'A', emails: ['noemail@shop.th'], phones: ['0000000000'] }),
        rec('pos', '1', { givenName: 'Anna', phones: ['026581734'] }),
        rec('pos', '2', { givenName: 'Anna', phones: ['026581734'] }),
        rec('pos', '3', { givenName: 'Anna', phones: ['026581734'] }),
      ],
      2,
    );
    expect(groups(result)).toEqual([['crm:1'], ['crm:2'], ['pos:1'], ['pos:2'], ['pos:3']]);
    expect(result.overShared).toEqual(['+6626581734']);
  });

  it('refuses a join that would put two people with different emails and given names together', () => {
    // shop:1 bridges both by email; the CRM contacts are clearly two people.
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['anna@x.pl'] }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Nowak', emails: ['piotr@x.pl'] }),
      rec('shop', '1', { emails: ['anna@x.pl', 'piotr@x.pl'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1'], ['crm:2']]);
    expect(result.suggestions[0]).toMatchObject({ rule: 'EMAIL', evidence: { blockedBy: 'DIFFERENT_EMAILS_AND_NAMES' } });
  });

  it('gives the same clusters and suggestions whatever order the records come in', () => {
    const records = [
      rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['anna@x.pl'], phones: ['+48512847396'] }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Nowak', emails: ['piotr@x.pl'], phones: ['+48512847396'] }),
      rec('shop', '1', { emails: ['anna@x.pl', 'piotr@x.pl'] }),
      rec('pos', 'Z', { givenName: 'Ana', familyName: 'Nowak', phones: ['+48 512 847 396'] }),
      rec('social', '55', { references: [{ system: 'shop', externalId: '1', via: 'messenger referral ref' }] }),
      rec('pos', 'Y', { givenName: 'Piotr', phones: ['+48600100200'], emails: ['piotr@x.pl'] }),
    ];
    const expected = run(records);
    for (let i = 0; i < 20; i++) {
      const shuffled = [...records].sort(() => Math.random() - 0.5);
      expect(run(shuffled)).toEqual(expected);
    }
  });

  describe('region-less local numbers (a Square walk-in has no address)', () => {
    const markets = ['TH', 'VN', 'PL'];
    const runIn = (records: SourceRecord[]) =>
      matchRecords(
        records.map((r) => normalizeRecord(r, 'TH', markets)),
        { maxRecordsPerValue: 8 },
      );

    it("reads a number valid in one market only as that market's: a nameless PL walk-in joins the PL customer by PHONE_ONLY", () => {
      const result = runIn([
        rec('crm', '1', { givenName: 'Marta', familyName: 'Dudek', phones: ['+48785574293'], region: 'PL' }),
        rec('pos', 'W', { phones: ['785574293'], region: null }),
      ]);
      expect(groups(result)).toEqual([['crm:1', 'pos:W']]);
      expect(result.clusters[0]!.edges[0]).toMatchObject({ rule: 'PHONE_ONLY', evidence: { phone: '+48785574293' } });
    });

    it('joins a number valid in TH and VN on its other reading only with a compatible name', () => {
      const result = runIn([
        rec('crm', '1', { givenName: 'Hai', familyName: 'Nguyen', phones: ['+84 86 876 1269'], region: 'VN' }),
        rec('pos', 'W', { givenName: 'Hai', phones: ['0868761269'], region: null }),
      ]);
      expect(groups(result)).toEqual([['crm:1', 'pos:W']]);
      expect(result.clusters[0]!.edges[0]).toMatchObject({ rule: 'PHONE_AND_NAME', evidence: { phone: '+84868761269', reading: 'region-less local number' } });
    });

    it("leaves a nameless record apart, with no suggestion, when its number is another market's only on its other reading", () => {
      const result = runIn([
        rec('crm', '1', { givenName: 'Thanh', familyName: 'Vu', phones: ['0966951474'], region: 'VN' }),
        rec('pos', 'W', { phones: ['096-695-1474'], region: null }),
      ]);
      expect(groups(result)).toEqual([['crm:1'], ['pos:W']]);
      expect(result.suggestions).toEqual([]);
    });

    it('does not join on the other reading when the names differ', () => {
      const result = runIn([
        rec('crm', '1', { givenName: 'Hai', familyName: 'Nguyen', phones: ['+84868761269'], region: 'VN' }),
        rec('pos', 'W', { givenName: 'Lan', familyName: 'Nguyen', phones: ['0868761269'], region: null }),
      ]);
      expect(groups(result)).toEqual([['crm:1'], ['pos:W']]);
    });
  });

  it('joins a Vietnamese middle name with its called name on a shared phone ("Minh Tuan Nguyen" / "Tuan Nguyen")', () => {
    const result = run([
      rec('shop', '1', { givenName: 'Minh Tuan', familyName: 'Nguyen', phones: ['0771755575'], region: 'VN' }),
      rec('pos', 'A', { givenName: 'Tuan', familyName: 'Nguyen', phones: ['+84771755575'] }),
    ]);
    expect(groups(result)).toEqual([['pos:A', 'shop:1']]);
    expect(result.clusters[0]!.edges[0]!.rule).toBe('PHONE_AND_NAME');
  });

  it('keeps siblings sharing a middle name and a family phone apart ("Minh Anh" / "Minh Duc")', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Minh Anh', familyName: 'Tran', phones: ['+84903184726'] }),
      rec('crm', '2', { givenName: 'Minh Duc', familyName: 'Tran', phones: ['+84903184726'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1'], ['crm:2']]);
    expect(result.suggestions[0]!.rule).toBe('SHARED_PHONE');
  });
});
