import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../../../lib/identity-feed.ts';
import { sourceRecord } from '../../../../test/helpers/source-records.ts';
import { blockingKeys, countKeyStats } from './blocking.ts';
import { matchRecords, type MatchOptions, type MatchResult } from './match.ts';
import { normalizeRecord, type NormalizedRecord } from './record.ts';
import { isOverShared, ownValuesOf } from './values.ts';

/** Hard cases of issue 7: one test per precision rule and per recall class, plus the pipeline's contract. */

const rec = sourceRecord;

const MARKETS = ['TH', 'VN', 'PL'];
const OPTS: MatchOptions = { maxRecordsPerValue: 12, maxNamesPerValue: 4 };
const norm = (records: SourceRecord[]) => records.map((r) => normalizeRecord(r, 'TH', MARKETS));
const run = (records: SourceRecord[], opts: Partial<MatchOptions> = {}): MatchResult => matchRecords(norm(records), { ...OPTS, ...opts });
const groups = (result: MatchResult) => result.clusters.map((c) => c.members);
const together = (result: MatchResult, a: string, b: string) => result.clusters.some((c) => c.members.includes(a) && c.members.includes(b));

describe('precision: values that are never evidence', () => {
  it.each(['orders@acme.co.th', 'info@mekongtech.com.vn', 'sales.pl@firma.pl', 'biuro@firma.pl', 'noreply@shop.vn'])('never links on the role address %s', (email) => {
    const result = run([rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', emails: [email] }), rec('shop', '2', { givenName: 'Anna', familyName: 'Nowak', emails: [email] })]);
    expect(groups(result)).toEqual([['crm:1'], ['shop:2']]);
    expect(result.suggestions).toEqual([]);
  });

  it.each(['no@email.com', 'brak@brak.pl', 'khong@gmail.com', 'mai-mee@hotmail.com', 'nomail@gmail.com', '-@x.pl'])('never links on the placeholder %s', (email) => {
    const result = run([rec('crm', '1', { givenName: 'Anna', emails: [email] }), rec('pos', '2', { givenName: 'Anna', emails: [email] })]);
    expect(together(result, 'crm:1', 'pos:2')).toBe(false);
  });

  it.each(['0812345678', '0999999999', '123456789', '0808080808'])('never links on the placeholder phone %s', (phone) => {
    const result = run([rec('crm', '1', { givenName: 'Somchai', phones: [phone] }), rec('pos', '2', { givenName: 'Somchai', phones: [phone] })]);
    expect(together(result, 'crm:1', 'pos:2')).toBe(false);
    expect(result.suggestions).toEqual([]);
  });

  it("never links on a store's own email and phone, learnt from the store's location record, and never links the store", () => {
    const store = rec('pos', 'location:S1', { kind: 'location', retailer: true, displayName: 'Omni Store Siam', emails: ['bangkok@omnistore.example'], phones: ['+66 2 658 1000'] });
    const result = run([
      store,
      rec('pos', 'W1', { givenName: 'Nisa', emails: ['bangkok@omnistore.example'], phones: ['02 658 1000'] }),
      rec('pos', 'W2', { givenName: 'Nisa', emails: ['bangkok@omnistore.example'], phones: ['02 658 1000'] }),
    ]);
    expect(groups(result)).toEqual([['pos:W1'], ['pos:W2']]);
    expect(result.clusters.flatMap((c) => c.members)).not.toContain('pos:location:S1');
    // Any address at the store's own domain is the retailer's too.
    const other = run([store, rec('crm', '1', { givenName: 'A', emails: ['chiangmai@omnistore.example'] }), rec('shop', '1', { givenName: 'A', emails: ['chiangmai@omnistore.example'] })]);
    expect(together(other, 'crm:1', 'shop:1')).toBe(false);
  });

  it('never links on a configured own domain, and blocking keys leave own and junk values out', () => {
    const own = ownValuesOf([], ['omnistore.co.th']);
    const records = [rec('crm', '1', { givenName: 'Ann', emails: ['staff@omnistore.co.th', 'no@email.com'] }), rec('shop', '1', { givenName: 'Ann', emails: ['staff@omnistore.co.th'] })];
    expect(groups(run(records, { ownValues: own }))).toEqual([['crm:1'], ['shop:1']]);
    expect(blockingKeys(norm(records)[0]!, own)).toEqual(['r:crm:1']);
  });

  it('treats a value carried by more distinct names than the cut-off as over-shared, whatever the record count', () => {
    const names = ['Anna', 'Ewa', 'Jan', 'Piotr', 'Zofia'];
    const records = names.map((n, i) => rec('pos', String(i), { givenName: n, familyName: 'Kowalczyk', emails: ['dom.kowalczyk@wp.pl'] }));
    const result = run([...records, rec('crm', 'x', { givenName: 'Anna', familyName: 'Kowalczyk', emails: ['dom.kowalczyk@wp.pl'] })]);
    expect(result.overShared).toEqual(['dom.kowalczyk@wp.pl']);
    expect(result.clusters.every((c) => c.members.length === 1)).toBe(true);
    expect(isOverShared({ records: 6, names: 5 }, { maxRecordsPerValue: 12, maxNamesPerValue: 4 })).toBe(true);
  });

  it("does not link colleagues on a shared company address, and links one person's two records on it", () => {
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['anna.nowak@firma.pl', 'zespol@firma.pl'] }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Wójcik', emails: ['zespol@firma.pl'] }),
      rec('shop', '1', { givenName: 'Piotr', familyName: 'Wojcik', emails: ['zespol@firma.pl'] }),
    ]);
    expect(together(result, 'crm:1', 'crm:2')).toBe(false);
    expect(together(result, 'crm:1', 'shop:1')).toBe(false);
    expect(together(result, 'crm:2', 'shop:1')).toBe(true);
  });
});

describe('precision: shared and recycled phones', () => {
  it('keeps a family phone a suggestion, explained field by field, and never PHONE_ONLY a walk-in onto it', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Kowalska', phones: ['+48 512 847 396'], region: 'PL' }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Kowalski', phones: ['512 847 396'], region: 'PL' }),
      rec('shop', '9', { phones: ['+48512847396'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1'], ['crm:2'], ['shop:9']]);
    const family = result.suggestions.find((s) => s.a === 'crm:1' && s.b === 'crm:2')!;
    expect(family).toMatchObject({ rule: 'SHARED_PHONE', evidence: { fields: { phone: { level: 'AGREE_SHARED' }, name: { level: 'DISAGREE' }, email: { level: 'MISSING' } } } });
  });

  it('does not join two people of one given name and two family names on a phone (Piotr Stępień / Piotr Michalski)', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Piotr', familyName: 'Stępień', phones: ['+48507790202'] }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Michalski', phones: ['+48507790202'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1'], ['crm:2']]);
  });

  it('does not take a recycled number: a nameless record years apart from the old owner is a suggestion', () => {
    const result = run([
      rec('pos', 'OLD', { givenName: 'Maria', familyName: 'Nowak', phones: ['+48454951425'], updatedAt: '2019-05-01T00:00:00Z' }),
      rec('shop', 'NEW', { phones: ['+48454951425'], updatedAt: '2026-03-01T00:00:00Z' }),
    ]);
    expect(groups(result)).toEqual([['pos:OLD'], ['shop:NEW']]);
    expect(result.suggestions[0]).toMatchObject({ rule: 'SHARED_PHONE', evidence: { possiblyRecycled: true } });
  });

  it('does not PHONE_ONLY a nameless POS customer onto a number another POS customer holds (the household)', () => {
    const result = run([rec('pos', 'A', { givenName: 'Le', familyName: 'Trung', phones: ['+84398593029'] }), rec('pos', 'B', { phones: ['+84398593029'] })]);
    expect(groups(result)).toEqual([['pos:A'], ['pos:B']]);
  });

  it('never joins a walk-in by PHONE_ONLY into a cluster whose names disagree', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', phones: ['+48600111222'] }),
      rec('shop', '1', { givenName: 'Katarzyna', familyName: 'Nowak', references: [{ system: 'crm', externalId: '1', via: 'test' }] }),
      rec('pos', 'W', { phones: ['+48600111222'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1'], ['pos:W']]);
    expect(result.suggestions[0]).toMatchObject({ rule: 'PHONE_ONLY', evidence: { blockedBy: 'CLUSTER_NAMES_DISAGREE' } });
  });

  it('keeps two people of one common name apart when they share nothing', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Nguyễn Thị', familyName: 'Hương', emails: ['huong1@gmail.com'], phones: ['+84912000111'] }),
      rec('shop', '1', { givenName: 'Nguyen Thi', familyName: 'Huong', emails: ['huong2@gmail.com'], phones: ['+84912000222'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1'], ['shop:1']]);
    expect(result.suggestions).toEqual([]);
  });
});

describe('recall: emails', () => {
  it('links gmail spellings of one mailbox: dots, googlemail.com, plus tags', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Somchai', emails: ['Som.Chai@gmail.com'] }),
      rec('shop', '1', { givenName: 'Somchai', emails: ['somchai+shop@googlemail.com'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1']]);
    expect(result.clusters[0]!.edges[0]).toMatchObject({ rule: 'EMAIL', evidence: { email: 'somchai@gmail.com' } });
  });

  it('keeps plus tags and dots where the provider does not fold them (wp.pl)', () => {
    const result = run([rec('crm', '1', { givenName: 'Jan', emails: ['jan+a@wp.pl'] }), rec('shop', '1', { givenName: 'Jan', emails: ['jan@wp.pl'] })]);
    expect(together(result, 'crm:1', 'shop:1')).toBe(false);
  });

  it('links a typo domain only with an agreeing name', () => {
    const withName = run([
      rec('crm', '1', { givenName: 'Wanida', familyName: 'Limpanich', emails: ['wanida4137@gmial.com'] }),
      rec('shop', '1', { givenName: 'Wanida', familyName: 'Limpanich', emails: ['wanida4137@gmail.com'] }),
    ]);
    expect(withName.clusters[0]!.edges[0]).toMatchObject({ rule: 'EMAIL', evidence: { reading: 'typo domain corrected' } });
    const otherName = run([
      rec('crm', '1', { givenName: 'Wanida', familyName: 'Limpanich', emails: ['wanida4137@gmial.com'] }),
      rec('shop', '1', { givenName: 'Piotr', familyName: 'Nowak', emails: ['wanida4137@gmail.com'] }),
    ]);
    expect(together(otherName, 'crm:1', 'shop:1')).toBe(false);
  });
});

describe('recall: phones of unknown country', () => {
  it("links a CRM contact without a country to a Vietnamese record by the number's VN reading and an agreeing name", () => {
    const result = run([
      rec('crm', '1', { givenName: 'Hai', familyName: 'Nguyễn', phones: ['0868761269'], region: null }),
      rec('shop', '1', { givenName: 'Hai', familyName: 'Nguyen', phones: ['+84 86 876 1269'], region: 'VN' }),
    ]);
    expect(result.clusters[0]!.edges[0]).toMatchObject({ rule: 'PHONE_AND_NAME', evidence: { phone: '+84868761269', reading: 'region-less local number' } });
  });

  it("reads a walk-in's number in its store's country (a hint), and as its number", () => {
    const [n] = norm([rec('pos', 'W', { phones: ['0868761269'], region: null, hints: { storeCountry: 'VN' } })]);
    expect(n!.phones).toEqual(['+84868761269']);
    expect(n!.regionFrom).toEqual({ region: 'VN', from: 'store location' });
    const [c] = norm([rec('shop', 'C', { phones: ['0868761269'], region: null, hints: { currency: 'VND' } })]);
    expect(c!.phones).toEqual(['+84868761269']);
  });
});

describe('recall: identifiers typed in messages', () => {
  it('links a social profile on a phone typed in a LINE message, with provenance', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Marta', familyName: 'Dudek', phones: ['+48519840677'], region: 'PL' }),
      rec('social', 'U1', {
        kind: 'profile',
        displayName: 'marta.d',
        region: null,
        hints: { locale: 'pl_PL' },
        typedTexts: [{ text: 'Dzień dobry, tel. 519 840 677', channel: 'line', messageId: 'm1', at: '2026-03-02T10:00:00.000Z' }],
      }),
    ]);
    expect(groups(result)).toEqual([['crm:1', 'social:U1']]);
    expect(result.clusters[0]!.edges[0]!.evidence).toMatchObject({ phone: '+48519840677', typed: 'typed in a LINE message on 2026-03-02', typedBy: 'social:U1' });
  });

  it('links on an email typed in a message', () => {
    const result = run([
      rec('shop', '1', { givenName: 'Lan', familyName: 'Tran', emails: ['lan.tran@yahoo.com'] }),
      rec('social', 'Z', { kind: 'profile', displayName: 'Lan', typedTexts: [{ text: 'my email is Lan.Tran@yahoo.com.', channel: 'zalo', messageId: 'm9', at: '2026-01-05T00:00:00.000Z' }] }),
    ]);
    expect(result.clusters[0]!.edges[0]).toMatchObject({ rule: 'EMAIL', evidence: { email: 'lan.tran@yahoo.com', typed: 'typed in a Zalo message on 2026-01-05' } });
  });
});

describe('recall: names of the markets', () => {
  it.each([
    ['Stanisław', 'Kowalski', 'Staszek', 'Kowalski'],
    ['Małgorzata', 'Wiśniewska', 'Gosia', 'Wisniewska'],
    ['Marta', 'Majewska', 'Martusia', 'Majewska'],
    ['Thị Hương', 'Nguyễn', 'Huong', 'Nguyen'],
    ['Nguyen', 'Lan', 'Lan', 'Nguyen'],
    ['Phạm', 'Bích Giang', 'Giang', 'Pham'],
    ['สมหญิง', 'ธรรมศาสตร์', 'Somying', 'Thammasat'],
  ])('links %s %s and %s %s on a phone', (g1, f1, g2, f2) => {
    const result = run([rec('crm', '1', { givenName: g1, familyName: f1, phones: ['+66863585147'] }), rec('shop', '1', { givenName: g2, familyName: f2, phones: ['+66863585147'] })]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1']]);
  });

  it('links an initial or a given name only on an email, not on a phone alone when it is a household number', () => {
    const email = run([rec('crm', '1', { givenName: 'E.', familyName: 'Wieczorek', emails: ['ewa.w@onet.pl'] }), rec('shop', '1', { givenName: 'Ewa', familyName: 'Wieczorek', emails: ['ewa.w@onet.pl'] })]);
    expect(together(email, 'crm:1', 'shop:1')).toBe(true);
    // A relative's full name on the number makes it the household's: the nickname decides nothing.
    const phone = run([
      rec('crm', '1', { givenName: 'Nok', familyName: 'Boonmee', phones: ['+66904898461'] }),
      rec('pos', '1', { givenName: 'Rungnapa', familyName: 'Boonmee', phones: ['+66904898461'] }),
      rec('shop', '1', { givenName: 'Somchai', familyName: 'Boonmee', phones: ['+66904898461'] }),
    ]);
    expect(groups(phone)).toEqual([['crm:1'], ['pos:1'], ['shop:1']]);
    expect(phone.suggestions.length).toBeGreaterThan(0);
  });

  it.each([
    ['Nok', 'Boonmee', 'Rungnapa', 'Boonmee'],
    ['B.', 'Lewandowska', 'Beatka', 'Lewandowska'],
    ['Tanawat', 'T.', 'Tanawat', 'Thongchai'],
  ])('links %s %s and %s %s on a number no other name carries (a nickname or initial beside one family name)', (g1, f1, g2, f2) => {
    const result = run([rec('crm', '1', { givenName: g1, familyName: f1, phones: ['+66904898461'] }), rec('pos', '1', { givenName: g2, familyName: f2, phones: ['+66904898461'] })]);
    expect(groups(result)).toEqual([['crm:1', 'pos:1']]);
  });

  it('does not take a commonest Vietnamese family name for a family: Mai and Lan Nguyen on one phone stay apart', () => {
    const result = run([rec('crm', '1', { givenName: 'Mai', familyName: 'Nguyễn', phones: ['+84885001197'] }), rec('pos', '1', { givenName: 'Lan', familyName: 'Nguyen', phones: ['+84885001197'] })]);
    expect(together(result, 'crm:1', 'pos:1')).toBe(false);
  });

  it.each([
    ['Bartosz', 'Bartek'],
    ['Zbigniew', 'Zbysiu'],
    ['Paulina', 'Paula'],
    ['Jerzy', 'Jurek'],
  ])('knows the Polish diminutive %s / %s (one form may belong to several names)', (full, short) => {
    const result = run([rec('crm', '1', { givenName: full, familyName: 'Sikora', phones: ['+48727368407'] }), rec('shop', '1', { givenName: short, familyName: 'Sikora', phones: ['+48727368407'] })]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1']]);
  });

  it('takes a slip on a short given name (a doubled, dropped or swapped letter) as the person on their own mailbox, never a different letter', () => {
    for (const [x, y] of [['Beata', 'Beatta'], ['Zofia', 'Zofa'], ['Maria', 'Mraia']]) {
      const result = run([rec('crm', '1', { givenName: x, familyName: 'Nowak', emails: ['b.nowak7@wp.pl'] }), rec('shop', '1', { givenName: y, familyName: 'Nowak', emails: ['b.nowak7@wp.pl'] })]);
      expect(together(result, 'crm:1', 'shop:1'), `${x} / ${y}`).toBe(true);
    }
    // Marta / Maria: one letter changed is another name; two sisters on one phone stay apart.
    const sisters = run([rec('crm', '1', { givenName: 'Marta', familyName: 'Nowak', phones: ['+48727368407'] }), rec('shop', '1', { givenName: 'Maria', familyName: 'Nowak', phones: ['+48727368407'] })]);
    expect(together(sisters, 'crm:1', 'shop:1')).toBe(false);
  });

  it('reads a Thai-script name against its romanisation with a silent ร, and an initial by its sound', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Chatchai', familyName: 'Prasertsuk', phones: ['+66636375647'] }),
      rec('shop', '1', { givenName: 'ฉัตรชัย', familyName: 'ประเสริฐสุข', phones: ['+66636375647'] }),
      rec('pos', '1', { givenName: 'S.', familyName: 'Siriwat', emails: ['sarawut.s@gmail.com'] }),
      rec('shop', '2', { givenName: 'สราวุธ', familyName: 'ศิริวัฒน์', emails: ['sarawut.s@gmail.com'] }),
    ]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1'], ['pos:1', 'shop:2']]);
  });

  it('links a nameless walk-in on its phone alone unless namelessPhoneOnly is off, then suggests it', () => {
    const records = [rec('crm', '1', { givenName: 'Ewa', familyName: 'Malinowska', phones: ['+48881288415'] }), rec('pos', '1', { phones: ['881288415'], region: 'PL' })];
    expect(groups(run(records))).toEqual([['crm:1', 'pos:1']]);
    const off = run(records, { namelessPhoneOnly: false });
    expect(groups(off)).toEqual([['crm:1'], ['pos:1']]);
    expect(off.suggestions.map((s) => s.rule)).toEqual(['SHARED_PHONE']);
  });

  it('links a number a social profile typed beside a nickname display name, as PHONE_ONLY, unless another profile typed it too', () => {
    const chat = (id: string) => rec('social', id, { displayName: 'Mint', typedTexts: [{ channel: 'line', messageId: `m${id}`, at: '2026-03-13T10:00:00Z', text: 'เบอร์ 096 639 5955 ค่ะ' }], region: 'TH' });
    const crm = rec('crm', '1', { givenName: 'Surachai', familyName: 'Thammasat', phones: ['096 639 5955'], region: 'TH' });
    const one = run([crm, chat('U1')]);
    expect(groups(one)).toEqual([['crm:1', 'social:U1']]);
    expect(one.clusters[0]!.edges[0]!.rule).toBe('PHONE_ONLY');
    const two = run([crm, chat('U1'), chat('U2')]);
    expect(together(two, 'crm:1', 'social:U1')).toBe(false);
    expect(together(two, 'crm:1', 'social:U2')).toBe(false);
  });

  it.each([
    ['Khoa', 'T.', 'trần', 'khoa'],
    ['Honag', 'Phong', 'Phong', 'Hoang'],
    ['Quỳnh', 'Hoàng', 'TRAN', 'QUYNH'],
  ])('reads %s | %s against %s | %s (family name first on one side) as a weak agreement: one mailbox links them', (g1, f1, g2, f2) => {
    const result = run([rec('crm', '1', { givenName: g1, familyName: f1, emails: ['khoa_t4090@gmail.com'] }), rec('shop', '1', { givenName: g2, familyName: f2, emails: ['khoa_t4090@gmail.com'] })]);
    expect(groups(result)).toEqual([['crm:1', 'shop:1']]);
  });

  it('links a shared mailbox and a shared phone with agreeing names; two disagreeing names on both stay a suggestion', () => {
    const records = [
      rec('crm', '1', { givenName: 'Linh', familyName: 'Phan', emails: ['linh_v2869@gmail.com'], phones: ['+84915522124'] }),
      rec('shop', '1', { givenName: 'Thu Linh', familyName: 'Vũ', emails: ['linh_v2869@gmail.com'], phones: ['+84915522124'] }),
      rec('pos', '1', { givenName: 'Quang', familyName: 'Vũ', emails: ['linh_v2869@gmail.com'], phones: ['+84915522124'] }),
    ];
    const result = run(records);
    expect(groups(result)).toEqual([['crm:1', 'shop:1'], ['pos:1']]);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });
});

describe('the scorer', () => {
  it('links two records sharing two household values only with two agreeing identifiers and the full name', () => {
    const household = [
      rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['dom.nowak@wp.pl'], phones: ['+48600111222'] }),
      rec('crm', '2', { givenName: 'Jan', familyName: 'Nowak', emails: ['dom.nowak@wp.pl'], phones: ['+48600111222'] }),
    ];
    const result = run([...household, rec('shop', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['dom.nowak@wp.pl'], phones: ['+48600111222'] })]);
    expect(together(result, 'crm:1', 'shop:1')).toBe(true);
    expect(together(result, 'crm:1', 'crm:2')).toBe(false);
    const apart = run(household);
    expect(groups(apart)).toEqual([['crm:1'], ['crm:2']]);
    expect(apart.suggestions[0]!.evidence).toMatchObject({ fields: { email: { level: 'AGREE_SHARED' }, phone: { level: 'AGREE_SHARED' }, name: { level: 'DISAGREE' } } });
  });

  it('ranks suggestions by score, highest first', () => {
    const result = run([
      rec('crm', '1', { givenName: 'Anna', familyName: 'Kowalska', phones: ['+48512847396'] }),
      rec('crm', '2', { givenName: 'Piotr', familyName: 'Kowalski', phones: ['+48512847396'] }),
      rec('crm', '3', { givenName: 'Jan', familyName: 'Nowak', phones: ['+48600100200'] }),
      rec('crm', '4', { givenName: 'Jan', familyName: 'Kowalski', phones: ['+48600100200'] }),
    ]);
    const scores = result.suggestions.map((s) => s.evidence.score as number);
    expect(scores.length).toBeGreaterThan(1);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });
});

describe('the pipeline contract', () => {
  const data = (): SourceRecord[] => [
    rec('pos', 'location:S1', { kind: 'location', retailer: true, emails: ['bangkok@omnistore.example'], phones: ['+6626581000'] }),
    rec('crm', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['anna@x.pl'], phones: ['+48600700800'] }),
    rec('crm', '2', { givenName: 'Piotr', familyName: 'Nowak', emails: ['piotr@x.pl'], phones: ['+48600700800'] }),
    rec('shop', '1', { emails: ['anna@x.pl', 'piotr@x.pl'] }),
    rec('pos', 'Z', { givenName: 'Ania', familyName: 'Nowak', phones: ['+48 600 700 800'] }),
    rec('pos', 'W', { givenName: 'Nisa', emails: ['bangkok@omnistore.example'], phones: ['026581000'] }),
    rec('pos', 'V', { givenName: 'Nisa', emails: ['bangkok@omnistore.example'] }),
    rec('social', '55', { references: [{ system: 'shop', externalId: '1', via: 'messenger referral ref' }] }),
    rec('crm', '3', { givenName: 'Somchai', familyName: 'Jaidee', emails: ['Som.Chai@gmail.com'], region: null, phones: ['0868761269'] }),
    rec('shop', '3', { givenName: 'สมชาย', familyName: 'ใจดี', emails: ['somchai+x@googlemail.com'] }),
    rec('social', 'L', { displayName: 'Som', typedTexts: [{ text: 'เบอร์ 086-876-1269 ค่ะ', channel: 'line', messageId: 'm', at: '2026-03-02T00:00:00Z' }] }),
    rec('crm', '4', { givenName: 'Hai', familyName: 'Nguyen', phones: ['+84868761269'] }),
    ...['A', 'B', 'C', 'D', 'E'].map((x) => rec('pos', `J${x}`, { givenName: x, emails: ['kontakt@rodzina.pl'] })),
  ];

  it('gives the same clusters and suggestions whatever order the records come in', () => {
    const expected = run(data());
    for (let i = 0; i < 20; i++) expect(run([...data()].sort(() => Math.random() - 0.5))).toEqual(expected);
  });

  it('gives the same answer per connected component over blocking keys (with data-set-wide stats) as on the whole', () => {
    const records = norm(data());
    const own = ownValuesOf(records.filter((r) => r.retailer));
    const stats = countKeyStats(records, own);
    const whole = matchRecords(records, { ...OPTS, ownValues: own, keyStats: stats });
    // Components as the pipeline builds them: union over usable (not over-shared) blocking keys.
    const parent = new Map<string, string>();
    const find = (k: string): string => (parent.get(k) === k || !parent.has(k) ? (parent.set(k, parent.get(k) ?? k), k) : find(parent.get(k)!));
    const people = records.filter((r) => !r.retailer);
    for (const r of people) {
      const keys = blockingKeys(r, own).filter((k) => k.startsWith('r:') || !isOverShared(stats.get(k)!, { maxRecordsPerValue: 12, maxNamesPerValue: 4 }));
      for (const k of keys) parent.set(find(keys[0]!), find(k));
    }
    const components = new Map<string, NormalizedRecord[]>();
    for (const r of people) {
      const root = find(`r:${r.system}:${r.externalId}`);
      components.set(root, [...(components.get(root) ?? []), r]);
    }
    expect(components.size).toBeGreaterThan(1);
    const parts = [...components.values()].map((c) => matchRecords(c, { ...OPTS, ownValues: own, keyStats: stats }));
    const sortBy = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    expect(sortBy(parts.flatMap((p) => p.clusters), (c) => c.anchor)).toEqual(whole.clusters);
    const key = (s: { a: string; b: string }) => `${s.a}|${s.b}`;
    expect(sortBy(parts.flatMap((p) => p.suggestions), key)).toEqual(sortBy(whole.suggestions, key));
    expect([...new Set(parts.flatMap((p) => p.overShared))].sort()).toEqual(whole.overShared);
  });
});
