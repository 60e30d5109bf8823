import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type RunningSubgraph } from '../../../lib/subgraph-server.ts';
import { postGraphQL, signedAs } from '../../../test/helpers/component.ts';
import { loadSubgraphConfig } from '../src/config.ts';
import { canonicalAmount, compareAmounts } from '../src/resolvers/product.ts';
import { createSubgraph } from '../src/server.ts';

const thb = (amount: string) => ({ amount, currencyCode: 'THB' });
const vnd = (amount: string) => ({ amount, currencyCode: 'VND' });

/** A Product representation as the gateway sends it, with the shop's and the POS's offers. */
const tee = {
  __typename: 'Product',
  sku: 'TEE-BLK-M',
  online: { price: thb('590.00'), available: 1 },
  stores: [
    { store: { id: 'BKK', country: 'TH' }, price: thb('590.00'), quantity: 12 },
    { store: { id: 'CNX', country: 'TH' }, price: thb('550.00'), quantity: 2 },
    { store: { id: 'SGN', country: 'VN' }, price: vnd('199000'), quantity: 3 },
    { store: { id: 'HAN', country: 'VN' }, price: vnd('199000.00'), quantity: 1 },
    { store: { id: 'WAW', country: 'PL' }, price: null, quantity: null },
  ],
};

const QUERY = `query($reps: [_Any!]!, $q: Int, $c: String) { _entities(representations: $reps) { ... on Product {
  sku
  availability(quantity: $q, country: $c) { quantity anywhere online { available stock price { amount } } stores { store { id } stock price { amount currencyCode } } }
  priceMismatch { currencies prices { channel store { id } price { amount currencyCode } } spreads { lowest { amount } highest { amount } } }
} } }`;

describe('inventory subgraph', () => {
  let running: RunningSubgraph;
  const query = (variables: Record<string, unknown>) => postGraphQL<{ _entities: Record<string, unknown>[] }>(running.url, QUERY, variables, signedAs('inventory'));
  beforeAll(async () => {
    running = await startSubgraph(createSubgraph(loadSubgraphConfig({ PORT: '0' })), { port: 0 });
  });
  afterAll(async () => {
    await running.close();
  });

  it('lists only the stores holding the quantity asked, most stock first, and says the web cannot supply 2 of 1', async () => {
    const res = await query({ reps: [tee], q: 2 });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]!.availability).toEqual({
      quantity: 2,
      anywhere: true,
      online: { available: false, stock: 1, price: { amount: '590.00' } },
      stores: [
        { store: { id: 'BKK' }, stock: 12, price: thb('590.00') },
        { store: { id: 'SGN' }, stock: 3, price: vnd('199000') },
        { store: { id: 'CNX' }, stock: 2, price: thb('550.00') },
      ],
    });
  });

  it('keeps only one country’s stores when asked', async () => {
    const res = await query({ reps: [tee], q: 1, c: 'vn' });
    expect((res.data!._entities[0]!.availability as { stores: { store: { id: string } }[] }).stores.map((s) => s.store.id)).toEqual(['SGN', 'HAN']);
  });

  it('reports the currency whose prices disagree, lowest first, and treats 199000 and 199000.00 as one price', async () => {
    const res = await query({ reps: [tee] });
    expect(res.data!._entities[0]!.priceMismatch).toEqual({
      currencies: ['THB'],
      prices: [
        { channel: 'STORE', store: { id: 'CNX' }, price: thb('550.00') },
        { channel: 'WEB', store: null, price: thb('590.00') },
        { channel: 'STORE', store: { id: 'BKK' }, price: thb('590.00') },
      ],
      spreads: [{ lowest: { amount: '550.00' }, highest: { amount: '590.00' } }],
    });
  });

  it('answers null for priceMismatch when every channel asks the same, and nothing is available when nobody sells it', async () => {
    const agreeing = { ...tee, stores: tee.stores.filter((s) => s.store.id !== 'CNX') };
    const unsold = { __typename: 'Product', sku: 'NOPE', online: null, stores: [] };
    const res = await query({ reps: [agreeing, unsold], q: 1 });
    expect(res.data!._entities[0]!.priceMismatch).toBeNull();
    expect(res.data!._entities[1]).toMatchObject({ priceMismatch: null, availability: { anywhere: false, online: null, stores: [] } });
  });

  it('refuses a quantity below 1 and a country that is not a two-letter code', async () => {
    for (const [q, c, field] of [[0, null, 'quantity'], [1, 'Thailand', 'country']] as const) {
      const res = await query({ reps: [tee], q, c });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('compares decimal amounts exactly', () => {
    expect(canonicalAmount('0590.50')).toBe('590.5');
    expect(compareAmounts('590.5', '590.50')).toBe(0);
    expect(compareAmounts('1000', '999.99')).toBe(1);
  });
});
