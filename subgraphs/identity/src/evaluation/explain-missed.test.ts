import { describe, expect, it } from 'vitest';
import { sourceRecord as rec } from '../../../../test/helpers/source-records.ts';
import type { DatasetFacts } from './dataset.ts';
import { explainMissed } from './explain-missed.ts';

describe('--explain-missed', () => {
  it('counts the missed pairs with usable evidence by what they share and shows them, and leaves linked pairs out', () => {
    const records = [
      rec('crm', '1', { givenName: 'Orathai', familyName: 'Sae-Lim', phones: ['+66944233949'] }),
      rec('pos', '1', { givenName: 'Somchai', familyName: 'Sae-Lim', phones: ['+66944233949'] }),
      rec('shop', '1', { givenName: 'Anna', familyName: 'Nowak', emails: ['anna.n@wp.pl'] }),
      rec('pos', '2', { givenName: 'Anna', familyName: 'Nowak', emails: ['anna.n@wp.pl'] }),
    ];
    const facts: DatasetFacts = {
      truth: [
        { personId: 'p1', system: 'crm', externalId: '1' },
        { personId: 'p1', system: 'pos', externalId: '1' },
        { personId: 'p2', system: 'shop', externalId: '1' },
        { personId: 'p2', system: 'pos', externalId: '2' },
      ],
      classesOf: new Map([['pos:1', new Set(['name-thai-nickname'])]]),
      recordsOf: new Map(),
      negatives: new Map(),
      withEvidence: new Set(['crm:1', 'pos:1', 'shop:1', 'pos:2']),
    };
    const customerOf = new Map([['crm:1', 'c1'], ['pos:1', 'c2'], ['shop:1', 'c3'], ['pos:2', 'c3']]);
    const text = explainMissed(records, facts, customerOf, 1);
    expect(text).toContain('1  shared phone, names DISAGREE');
    expect(text).toContain('1  name-thai-nickname');
    expect(text).toContain('p1 [name-thai-nickname] shares +66944233949 (2 records, 2 names)');
    expect(text).not.toContain('p2');
  });
});
